"""The learned routing layer: training, the model file, how the router combines it with the rules, the
labels a store's history gives, and the replay of a new rulebook over the past."""

from __future__ import annotations

import itertools
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from chatops.cli.main import main
from chatops.tickets.learning import history_rows, replay, train_from_store
from chatops.tickets.lifecycle import Actor
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Router, load_rulebook, parse_rulebook
from rules.model import Features, Model, ModelError, grams, train
from tests.conftest import MINI

PLACES = ["安居苑3号楼", "和平里小区", "馨园5栋", "滨江花园门口", "纺织厂宿舍", "老街路口"]
MATTERS = {  # a sector each, in words no keyword of the shipped rulebook is built on
    "劳动和社会保障": ["老板两个月没给工钱", "厂里不签用工协议", "单位辞退了我还不给补偿", "干活的钱一直拖着不结"],
    "环境保护": ["作坊半夜排出刺鼻的气", "小河的水发黑发臭漂着油", "厂子烟囱一直冒黄烟", "工地的灰大得睁不开眼"],
    "交通运输": ["路口车太多过不去马路", "班车半天不来一趟", "货车压坏了村里的路", "出租车司机不打表"],
    "教育文体": ["孩子上学报不上名", "学校乱收资料费", "老师在家里收钱补课", "幼儿园不退学费"],
}


def labelled() -> list[tuple[str, str]]:
    return [(f"{p}{m}", label) for label, ms in MATTERS.items() for p, m in itertools.product(PLACES, ms)]


@pytest.fixture(scope="module")
def model() -> Model:
    return train(labelled(), kind="sector", source="test", classifier=Router(load_rulebook()).classifier)


def test_grams_are_one_to_three_characters() -> None:
    assert len(grams("abcd")) == 4 + 3 + 2 and len(grams("")) == 0


@pytest.mark.parametrize("drop_pairs", [False, True])
def test_features_count_every_known_gram_as_a_plain_search_does(drop_pairs: bool) -> None:
    """The lookup searches three characters only where both pairs are features; a vocabulary where a triple's pair
    is missing (cut by ``max_features``) is searched for every triple. Either way: the counts of a plain search."""
    fit = ["电梯又坏了没人修", "楼道灯坏了好几天", "电梯坏了困住老人", "abc电梯"]
    features = Features.fit(fit, min_df=1)
    if drop_pairs:  # take out the pair 坏了 but keep the triples that hold it
        pair = int(grams("坏了")[-1])
        keep = features.keys != pair
        features = Features(features.keys[keep], features.idf[keep])
    texts = ["电梯坏了", "又坏了楼道灯坏了坏了", "", "abcabc", "𠀀电梯𠀀"]
    x = features.transform(texts).toarray()
    vocab = {int(k): i for i, k in enumerate(features.keys)}
    for row, text in enumerate(texts):
        counts = np.zeros(len(vocab))
        for key in grams(text).tolist():
            if key in vocab:
                counts[vocab[key]] += 1
        weights = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0) * features.idf
        expected = weights / (np.linalg.norm(weights) or 1)
        assert np.allclose(x[row], expected, atol=1e-6), text
    assert features._lookup is not None and features._lookup.closed is not drop_pairs


def test_scores_are_calibrated_and_the_model_learns(model: Model) -> None:
    found = [Router(load_rulebook()).classifier.classify(t) for t in ("安居苑3号楼老板两个月没给工钱", "小河的水发黑")]
    scores = model.scores(["安居苑3号楼老板两个月没给工钱", "小河的水发黑"], found)
    assert scores.shape == (2, 4) and np.allclose(scores.sum(axis=1), 1)
    assert model.labels[int(scores[0].argmax())] == "劳动和社会保障"
    assert model.labels[int(scores[1].argmax())] == "环境保护"
    assert model.version.startswith("m") and model.info["rows"] == 96 and model.kind == "sector"


def test_the_file_round_trips_without_pickle(model: Model, tmp_path: Path) -> None:
    path = model.save(tmp_path / "routing.model")
    with zipfile.ZipFile(path) as z:  # a NumPy archive of plain arrays and a JSON header
        assert all(name.endswith(".npy") for name in z.namelist())
    again = Model.load(path)
    texts = ["馨园5栋厂子烟囱一直冒黄烟"]
    found = [Router(load_rulebook()).classifier.classify(t) for t in texts]
    assert again.version == model.version and again.labels == model.labels
    assert np.allclose(again.scores(texts, found), model.scores(texts, found), atol=1e-3)  # weights kept as float16


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.model"
    bad.write_text("not a model")
    with pytest.raises(ModelError):
        Model.load(bad)
    with pytest.raises(ModelError):
        Model.load(tmp_path / "missing.model")


def test_too_few_labels_are_refused() -> None:
    with pytest.raises(ModelError):
        train([("甲", "a"), ("乙", "a"), ("丙", "a"), ("丁", "b")], kind="handler", source="t")


def test_the_model_decides_where_rules_are_weak_and_names_itself(model: Model) -> None:
    router = Router(load_rulebook(), model)
    d = router.route("滨江花园门口老板两个月没给工钱，找了好几次都不给")
    assert d.source.kind in ("model", "both") and d.source.model == model.version and d.lead == "hrss"
    assert d.to_dict()["source"]["model"] == model.version


def test_the_model_never_overrides_an_emergency_a_choice_or_a_short_message(model: Model) -> None:
    router = Router(load_rulebook(), model)
    fire = router.route("厂子烟囱起火了，着火了")
    assert fire.category == "fire" and fire.priority == "emergency"
    assert router.route("3号楼电梯又坏了").lead == "property"  # lifts: the community's choice
    assert router.route("公交车半小时才来一班").lead == "transport"  # buses: so is this


def test_a_matter_the_model_saw_may_end_where_its_history_says_one_it_never_saw_stays_with_the_rules() -> None:
    book = load_rulebook()
    router = Router(book)
    cheated = [(f"{p}被骗了工钱，老板卷款跑了", "劳动和社会保障") for p in PLACES]  # the rules: fraud, 政法
    assert router.route(cheated[0][0]).lead == "police"
    model = train(labelled() + cheated, kind="sector", source="test", classifier=router.classifier)
    assert "政法" not in model.labels and model.saw("fraud") and not model.saw("driving_test")
    d = Router(book, model).route("纺织厂宿舍好几个人被骗了工钱，老板卷款跑了")
    assert d.lead == "hrss" and d.source.kind == "model"  # its history: such reports end with labour
    # a matter it never saw a text of, its answer (交通运输) among the model's own: the rules, however sure the
    # model is of another answer
    kept = Router(book, model).route("驾校教练吃拿卡要")
    assert kept.lead == "transport" and kept.source.kind == "rule" and kept.source.label != "交通运输"


def test_a_matter_whose_answer_no_report_of_the_history_ever_had_is_the_models_to_judge() -> None:
    """A city whose files never name the police sector: a matter the rules give the police that no training text
    reached is judged by the model when it is sure; one whose answer the model knows stays with the rules."""
    book = load_rulebook()
    router = Router(book)
    shops = [(f"{p}{m}", "商贸旅游") for p, m in itertools.product(PLACES, [
        "保健品店天天开讲座推销", "药店卖的保健品说能治百病", "保健品店送鸡蛋拉老人进去听课",
        "保健品店忽悠老人办会员卡"])]
    model = train(labelled() + shops, kind="sector", source="test", classifier=router.classifier)
    assert "政法" not in model.labels and not model.saw("fraud") and not model.saw("waterway_transport")
    lured = "馨园5栋门口讲座送鸡蛋拉老人买保健品，好多人被骗"
    assert router.route(lured).lead == "police"  # the rules: fraud
    d = Router(book, model).route(lured)
    assert d.lead == "market" and d.source.kind == "model"
    ferry = Router(book, model).route("坐船的渡口没有救生衣")  # 交通运输 is among its answers: the rules'
    assert ferry.lead == "transport" and ferry.source.kind == "rule"


async def test_labels_follow_transfers_and_returns(store: Store, mini_router: Router, clock: object) -> None:
    service = TicketService(store, mini_router, clock=clock)  # type: ignore[arg-type]
    street, prop, police = Actor("@s:x", "street"), Actor("@p:x", "property"), Actor("@c:x", "police")
    moved = (await service.report(source="m:1", reporter="@a:x", text="安居苑1号楼电梯坏了")).ticket.id  # to property
    await service.transfer(moved, prop, "police", "电梯里有人偷东西，归派出所")
    await service.acknowledge(moved, police)
    await service.resolve(moved, police, "已处理")
    back = (await service.report(source="m:2", reporter="@b:x", text="楼上漏水了")).ticket.id  # to property
    await service.return_(back, prop, "不是我们的")
    await service.acknowledge(back, street)
    await service.resolve(back, street, "街道已协调")
    await service.report(source="m:3", reporter="@c:x", text="车被偷了")  # unresolved: teaches nothing
    rows = await history_rows(store)
    assert sorted(rows) == [("安居苑1号楼电梯坏了", "police"), ("楼上漏水了", "street")]
    with pytest.raises(ModelError):  # two labels with one example each: not enough
        await train_from_store(store, mini_router)


async def test_replay_counts_avoided_and_caused_misroutes(store: Store, mini_router: Router, clock: object) -> None:
    service = TicketService(store, mini_router, clock=clock)  # type: ignore[arg-type]
    prop, police = Actor("@p:x", "property"), Actor("@c:x", "police")
    moved = (await service.report(source="m:1", reporter="@a:x", text="电梯口的东西不见了")).ticket.id  # street
    await service.transfer(moved, Actor("@s:x", "street"), "police", "失窃，归派出所")
    await service.acknowledge(moved, police)
    await service.resolve(moved, police, "已立案")
    fine = (await service.report(source="m:2", reporter="@b:x", text="楼上漏水了")).ticket.id
    await service.acknowledge(fine, prop)
    await service.resolve(fine, prop, "修好了")
    same = replay(mini_router, await store.report_history())
    assert same.summary() == {"reports": 2, "changed": 0, "avoided": 0, "caused": 0}
    new = parse_rulebook(
        MINI.replace("keywords: [被偷, 盗窃, 电动车被偷]", "keywords: [被偷, 盗窃, 电动车被偷, 不见了]")
        .replace("    negative: [漏水费]\n    lead: property", "    negative: [漏水费]\n    lead: police"))
    result = replay(Router(new), await store.report_history())
    assert result.summary() == {"reports": 2, "changed": 2, "avoided": 1, "caused": 1}
    assert result.avoided[0].ticket_id == moved and result.caused[0].ticket_id == fine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_train_info_route_and_cross_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    csv = tmp_path / "labelled.csv"
    csv.write_text("id,text,label\n" + "".join(f"{i},{t},{label}\n" for i, (t, label) in enumerate(labelled())),
                   encoding="utf-8")
    out_model = tmp_path / "m.model"
    code, out, _ = run(capsys, "model", "train", "--csv", str(csv), "--out", str(out_model))
    assert code == 0 and out_model.exists() and "96 条记录" in out
    code, out, _ = run(capsys, "model", "info", str(out_model), "--json")
    assert code == 0 and json.loads(out)["kind"] == "sector"
    code, out, _ = run(capsys, "route", "--model", str(out_model), "--json", "和平里小区老板两个月没给工钱")
    data = json.loads(out)
    assert code == 0 and data["source"]["model"].startswith("m") and data["report"] is True
    code, out, _ = run(capsys, "--lang", "en", "route", "--eval", str(csv), "--cv", "3")
    assert code == 0 and "3-fold cross-validation (96 rows" in out and "rules and model" in out


def test_cross_validation_also_shows_the_policy_choices_the_file_fits(capsys: pytest.CaptureFixture[str],
                                                                        tmp_path: Path) -> None:
    """A city whose lifts are the market bureau's (商贸旅游): the folds are routed again under the choice its file
    fits, shown beside, the rulebook left as it is; a file every choice fits shows nothing more."""
    lifts = [(f"{p}电梯{m}", "商贸旅游") for p in PLACES for m in ("坏了", "又停了")]
    csv = tmp_path / "city.csv"
    csv.write_text("id,text,label\n" + "".join(f"{i},{t},{label}\n" for i, (t, label) in
                                               enumerate([*labelled(), *lifts])), encoding="utf-8")
    code, out, _ = run(capsys, "route", "--eval", str(csv), "--cv", "3", "--json", "--model", "none")
    data = json.loads(out)
    assert code == 0 and data["file_choices"]["choices"] == {"lifts": "market"}
    assert data["file_choices"]["rules"] > data["rules"]  # the lifts' rows now where the file says
    code, out, _ = run(capsys, "route", "--eval", str(csv), "--cv", "3", "--model", "none")
    assert code == 0 and "「电梯故障由谁牵头」选 market" in out and "规则手册未改动" in out
    assert load_rulebook().category_by_id["lift_fault"].lead == "property"
    plain = tmp_path / "plain.csv"
    plain.write_text("id,text,label\n" + "".join(f"{i},{t},{label}\n" for i, (t, label) in enumerate(labelled())),
                     encoding="utf-8")
    code, out, _ = run(capsys, "route", "--eval", str(plain), "--cv", "3", "--json", "--model", "none")
    assert code == 0 and json.loads(out)["file_choices"] is None


def test_cli_refuses_bad_input_politely(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.model"
    bad.write_text("x")
    code, _, err = run(capsys, "route", "--model", str(bad), "漏水")
    assert code == 1 and "无法使用分派模型" in err and "Traceback" not in err
    csv = tmp_path / "odd.csv"
    csv.write_text("id,text,label\n1,漏水,不存在的领域\n", encoding="utf-8")
    code, _, err = run(capsys, "route", "--eval", str(csv))
    assert code == 1 and "不存在的领域" in err
    code, _, err = run(capsys, "model", "train", "--store", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "m"))
    assert code == 1 and "none.sqlite" in err


def test_cli_replay(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from research.simulation import simulate

    store = tmp_path / "sim.sqlite"
    simulate(store, 300, seed=3)
    code, out, _ = run(capsys, "rulebook", "replay", str(Path("rules/default.yaml")), "--store", str(store), "--json",
                       "--model", "none")
    data = json.loads(out)
    assert code == 0 and data["reports"] > 250 and data["changed"] == 0  # the same rulebook: nothing changes
    mini = tmp_path / "mini.yaml"
    mini.write_text(MINI, encoding="utf-8")
    code, out, _ = run(capsys, "rulebook", "replay", str(mini), "--store", str(store))
    assert code == 0 and "重放" in out and "条首派单位会改变" in out


def test_the_yes_or_no_heads_are_learnt_kept_in_the_file_and_left_out_without_examples(tmp_path: Path) -> None:
    rows = labelled()
    urgent = [label == "环境保护" for _, label in rows]  # 24 of 96: enough for an emergency head
    calm = [f"{p}{w}" for p in PLACES for w in ("谢谢大家", "明天几点开会", "有人拼车吗", "晚上好")]
    model = train(rows, kind="sector", source="test", emergencies=urgent, calm=calm)
    assert set(model.heads) == {"emergency", "report"}
    assert model.info["emergency_yes"] == 24 and model.info["report_no"] == 24
    texts = ["老街路口厂子烟囱一直冒黄烟", "和平里小区孩子上学报不上名", "馨园5栋谢谢大家"]
    _, heads = model.assess(texts)
    assert heads["emergency"][0] > 0.5 > heads["emergency"][1]
    assert heads["report"][1] > 0.5 > heads["report"][2]
    assert model.doubts(len("馨园5栋谢谢大家")) and not model.doubts(200)
    again = Model.load(model.save(tmp_path / "heads.model"))
    assert set(again.heads) == {"emergency", "report"}
    assert np.allclose(again.assess(texts)[1]["emergency"], heads["emergency"], atol=1e-3)
    few = train(rows, kind="sector", source="test", emergencies=[i < 5 for i in range(len(rows))])
    assert few.heads == {} and not few.doubts(5)  # five emergencies and no calm messages: no head at all
