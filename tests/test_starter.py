"""The starter model: learnt from the project's own labelled chat messages for the rulebook in use, kept in
the cache, standing beside the rules (and beside a community's own model for the texts that model never
saw), and named in every decision it takes part in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from chatops.config import Settings
from rules import Router, load_rulebook, parse_rulebook
from rules.model import Model, ModelError, train
from rules.normalize import normalize, unsaid
from rules.starter import ROUNDS, STARTER, routing_models, starter_models, starter_rows
from tests.conftest import MINI


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own (the other tests share the user's, as the bot does)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "community-whistle"


def test_the_rows_are_those_the_rulebook_can_use() -> None:
    full = starter_rows(load_rulebook())
    mini = starter_rows(parse_rulebook(MINI, "mini.yaml"))
    handlers = {h.id for h in parse_rulebook(MINI, "mini.yaml").handlers}
    assert len(full) > 600 and all(label != "-" for _, label in full)
    assert mini and len(mini) < len(full) and {label for _, label in mini} <= handlers


def test_a_rulebook_of_other_handlers_gets_no_starter(cached: Path) -> None:
    assert starter_models(parse_rulebook(MINI, "mini.yaml")) == ()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Every tenth line of our file: a starter trained in seconds, for the tests of training and caching."""
    lines = STARTER.read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines[1:] if not line.startswith("#")]
    path = tmp_path / "small.csv"
    path.write_text("\n".join([lines[0], *rows[::10]]) + "\n", encoding="utf-8")
    return path


def test_trained_once_then_read_from_the_cache(cached: Path, small: Path, tmp_path: Path) -> None:
    book = load_rulebook()
    rounds = tmp_path / "rounds"  # one round's set beside a tenth of our file: the pair, trained quickly
    rounds.mkdir()
    shutil.copy(ROUNDS / "set80_ya.csv", rounds)
    first = starter_models(book, small, rounds)
    assert len(first) == 1 and first[0].version.startswith("starter-")
    files = sorted(cached.glob("starter-*.model"))
    assert len(files) == 1
    stamps = [f.stat().st_mtime_ns for f in files]
    again = starter_models(book, small, rounds)
    assert [m.version for m in again] == [m.version for m in first]
    assert [f.stat().st_mtime_ns for f in files] == stamps
    files[0].write_bytes(b"not a model")  # a damaged cache is trained again, not an error
    third = starter_models(book, small, rounds)
    assert [m.version for m in third] == [m.version for m in first]
    Model.load(files[0])


def test_a_new_pair_clears_pairs_long_unused(cached: Path, small: Path, tmp_path: Path) -> None:
    """Each edit of a rulebook leaves a model of about 7 MB in the cache: when a new one is kept, the files of
    other rulebooks last written more than a month ago go (a pair from before session 59 too); a recent one
    (another community's) stays."""
    cached.mkdir(parents=True)
    stale = [cached / f"starter-0123456789abcdef{role}" for role in ("-chat.model", "-alarm.model", ".model")]
    stale.append(cached / "starter-0123456789abcdef.lock")
    recent = cached / "starter-fedcba9876543210.model"
    for f in (*stale, recent):
        f.write_bytes(b"an old pair")
    month_ago = time.time() - 31 * 86400
    for f in stale:
        os.utime(f, (month_ago, month_ago))
    rounds = tmp_path / "rounds"
    rounds.mkdir()
    shutil.copy(ROUNDS / "set80_ya.csv", rounds)
    assert len(starter_models(load_rulebook(), small, rounds)) == 1
    left = sorted(f.name for f in cached.iterdir())
    assert not any(f.exists() for f in stale) and recent.exists()
    assert len([name for name in left if name.endswith(".model")]) == 2  # the new one and the recent one


def test_processes_asking_at_once_train_it_once(cached: Path, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot and the web app started together (or test workers) wait for one training, then read it."""
    import threading

    import rules.starter as starter

    book, trained, real = load_rulebook(), [], starter._trained

    def counted(*args: object) -> tuple[Model, ...]:
        trained.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(starter, "_trained", counted)
    got: list[tuple[Model, ...]] = []
    threads = [threading.Thread(target=lambda: got.append(starter_models(book, small, None))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(trained) == 1 and len(got) == 3 and len({m.version for (m,) in got}) == 1


def test_the_starter_learns_from_our_file_and_the_rounds() -> None:
    """One model learns the handler, the report head and the emergency head from our file and the rounds written
    blind; it judges texts as long as our file's only."""
    book = load_rulebook()
    (model,) = starter_models(book)
    ours = starter_rows(book)
    assert set(model.heads) == {"emergency", "report"} and model.info["rows"] > 2 * len(ours)
    assert model.info["emergency_yes"] > 5_000  # our file's 2,225 emergencies and the rounds'
    lengths = [len(unsaid(normalize(t))) for t, _ in ours]
    assert model.longest == 2 * int(np.percentile(lengths, 95))  # our file's lengths, not the rounds'
    d = Router(book, None, (model,)).route("二号楼电梯停在半截不动了，好像有个老人在喊")
    assert d.priority == "emergency" and d.source.model == model.version and d.source.alarm is not None


def test_a_model_reads_english_only_if_it_learnt_it(small: Path) -> None:
    """The starter learnt thousands of English messages from the rounds; one of a tenth of our file has a few:
    only the first judges English."""
    from rules.model import MIN_ENGLISH
    from rules.starter import _trained

    (model,) = starter_models(load_rulebook())
    ours = _trained(load_rulebook(), small, [])  # no rounds (and kept in no cache)
    assert ours is not None
    assert model.info["english"] >= MIN_ENGLISH > ours.info["english"]
    said = "Our building's water pressure is so weak nothing comes out above the 5th floor"
    assert model.reads(said, normalize(said)) and not ours.reads(said, normalize(said))
    assert model.reads("电梯又坏了", "电梯又坏了") and ours.reads("电梯又坏了", "电梯又坏了")


def test_it_decides_what_the_rules_cannot_and_leaves_letters_to_them() -> None:
    book = load_rulebook()
    router = Router(book, None, starter_models(book))
    # weak rule evidence: the rules alone would ask the resident; the starter is sure of the same matter
    for text, lead in (("我家水龙头拧开只有一点点", "water"), ("那只大黄狗又在单元门口拉屎", "public_security")):
        bare, d = Router(book).route(text), router.route(text)
        assert bare.ask and bare.source.model is None
        assert not d.ask and d.lead == lead and d.source.kind == "both", d.source
        assert d.source.model and d.source.model.startswith("starter-")
    letter = "关于小区物业管理混乱的投诉：" + "物业公司多年不公开维修基金的使用情况，小区道路破损、绿化无人修剪。" * 4
    assert router.route(letter).source.model is None  # far longer than any chat message it learnt from
    emergency = router.route("3号楼着火了")
    assert emergency.priority == "emergency" and emergency.lead == "fire"  # the rules decide emergencies


def test_a_community_model_of_letters_leaves_chat_to_the_starter() -> None:
    book = load_rulebook()
    letters = [("关于" + w + "的问题反映：" + w + "长期得不到解决，希望有关部门尽快处理，给居民一个交代。" * 3, s)
               for w, s in (("小区停车", "城乡建设"), ("公交线路", "交通运输"), ("学校收费", "教育文体"))
               for _ in range(4)]
    own = train(letters, kind="sector", source="test")
    router = Router(book, own, starter_models(book))
    short = router.route("楼道里那个灯泡一闪一闪的晃眼睛")
    long = router.route(letters[0][0])
    assert short.source.model is not None and short.source.model.startswith("starter-")
    assert long.source.model == own.version


def test_whistle_model_none_is_the_rules_alone(tmp_path: Path) -> None:
    book = load_rulebook()
    assert routing_models(book, "none") == (None, None)
    own, starter = routing_models(book, None)
    assert own is None and starter and [m.version for m in starter] == [m.version for m in starter_models(book)]
    with pytest.raises(ModelError):
        routing_models(book, tmp_path / "missing.model")
    assert Settings.load({"WHISTLE_MODEL": "none"}, var=tmp_path).starter is False
    unset = Settings.load({}, var=tmp_path)
    assert unset.starter is True and unset.model is None


def test_the_command_line_names_the_starter_and_can_leave_it_out() -> None:
    def route(*extra: str) -> dict:  # type: ignore[type-arg]
        out = subprocess.run([sys.executable, "-m", "chatops.cli", "route", "--json", *extra,
                              "楼道里那个灯泡一闪一闪的晃眼睛"], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    assert route()["source"]["model"].startswith("starter-")
    assert route("--model", "none")["source"]["model"] is None


def test_the_starter_hears_an_emergency_no_urgent_word_names() -> None:
    book = load_rulebook()
    starter = starter_models(book)
    assert starter and "emergency" in starter[-1].heads
    text = "二号楼电梯停在半截不动了，好像有个老人在喊"  # no 被困: the rules make it urgent, no more
    bare, d = Router(book).route(text), Router(book, None, starter).route(text)
    assert bare.priority != "emergency"
    assert d.priority == "emergency" and d.raised and d.rule.endswith(".urgent") and not d.ask and d.report is True
    assert d.source.alarm is not None and d.source.alarm >= book.routing.model_emergency
    calm = Router(book, None, starter).route("电梯这两天有点异响，麻烦物业看看")
    assert calm.priority != "emergency" and not calm.raised and calm.source.alarm is not None
    # the threshold is the community's: at 1 only the rules' words make emergencies
    never = book.model_copy(update={"routing": book.routing.model_copy(update={"model_emergency": 1.0})})
    assert Router(never, None, starter).route(text).priority != "emergency"


def test_a_chat_message_the_words_took_for_a_report_is_asked_about_not_ticketed() -> None:
    book = load_rulebook()
    router = Router(book, None, starter_models(book))
    for text in ("今天在菜市场跟卖菜的阿姨聊了一上午", "闺女中考体育满分，开心得我多吃了一碗饭"):
        assert Router(book).route(text).report is True  # the word lists alone would open a ticket
        d = router.route(text)
        assert d.report is None and d.source.report is not None and d.source.report < book.routing.model_report
    # a letter's question to the government is a report: longer than any message it learnt was not one
    letter = "请问本市外来务工人员申请公租房需要哪些材料？我在这里工作五年了，社保也一直在交，去窗口问了几次都说不清楚"
    assert router.route(letter).report is True
    # a message the words could not tell, which the model is sure of, is registered at once
    unsure = "楼上半夜挪桌子椅子，吱吱嘎嘎的"
    assert Router(book).route(unsure).report is None and router.route(unsure).report is True
    off = book.model_copy(update={"routing": book.routing.model_copy(update={"model_report": 0.0,
                                                                             "model_sure_report": 1.0})})
    assert Router(off, None, starter_models(book)).route("今天在菜市场跟卖菜的阿姨聊了一上午").report is True


def test_an_emergencys_words_both_heads_doubt_are_asked_about_with_the_hotline() -> None:
    """A figure of speech is no emergency; a real fire is registered at once, and the threshold is the community's."""
    book = load_rulebook()
    router = Router(book, None, starter_models(book))
    figure = "这周加班加到我要吐血了哈哈"  # a figure of speech the rules' masking leaves (吐血 may be real)
    assert Router(book).route(figure).report is True  # the rules' words alone: an emergency
    d = router.route(figure)
    assert (d.report, d.priority, d.hotline) == (None, "emergency", "120")  # asked, with whom to call
    assert d.source.report < book.routing.model_doubt_emergency and d.source.alarm < book.routing.model_calm
    for real in ("楼道里着火了，烟好大，快来人", "厨房一股很浓的煤气味"):
        d = router.route(real)
        assert (d.report, d.priority) == (True, "emergency"), real
    never = book.model_copy(update={"routing": book.routing.model_copy(update={"model_doubt_emergency": 0.0})})
    assert Router(never, None, starter_models(book)).route(figure).report is True


def test_the_command_line_says_the_model_made_it_an_emergency(capsys: pytest.CaptureFixture[str]) -> None:
    from chatops.cli.main import main

    assert main(["route", "二号楼电梯停在半截不动了，好像有个老人在喊"]) == 0
    said = capsys.readouterr().out
    assert "优先级：紧急" in said and "紧急依据：模型判断为紧急，把握" in said
    assert main(["route", "3号楼着火了"]) == 0  # the rules' own emergency: no such line
    assert "紧急依据" not in capsys.readouterr().out


def test_a_community_model_without_heads_still_hears_the_starters() -> None:
    book = load_rulebook()
    starter = starter_models(book)
    own = train(starter_rows(book), kind="handler", source="test")  # a model of chat with no yes-or-no heads
    assert not own.heads and own.knows(len("二号楼电梯停在半截不动了，好像有个老人在喊"))
    router = Router(book, own, starter)
    d = router.route("二号楼电梯停在半截不动了，好像有个老人在喊")
    assert d.source.model == own.version and d.raised and d.source.alarm is not None
    assert router.route("闺女中考体育满分，开心得我多吃了一碗饭").report is None
    assert Router(book, own, None).route("闺女中考体育满分，开心得我多吃了一碗饭").report is True


def test_a_report_the_words_registered_is_raised_from_model_raise() -> None:
    """The emergency head raises a report the gate's words registered from ``model_raise``, a lower bar than
    ``model_emergency``, which a message only the heads register still needs; unset, the one bar serves both."""
    book = load_rulebook()
    starter = starter_models(book)
    text = "二号楼电梯停在半截不动了，好像有个老人在喊"  # a report by its words, heard as an emergency (0.96)
    alarm = Router(book, None, starter).route(text).source.alarm
    assert alarm is not None and 0.5 < alarm < 1
    above, below = (alarm + 1) / 2, alarm / 2

    def routed(**bars: float | None) -> str:
        tuned = book.model_copy(update={"routing": book.routing.model_copy(update=bars)})
        return Router(tuned, None, starter).route(text).priority

    assert routed(model_emergency=above, model_raise=None) != "emergency"
    assert routed(model_emergency=above, model_raise=below) == "emergency"
    assert routed(model_emergency=1.0, model_raise=below) != "emergency"  # 1: the rules' words alone, whatever
    assert book.routing.model_raise is not None and book.routing.model_raise < book.routing.model_emergency
