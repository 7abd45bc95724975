"""A province measured a few communities at a time gives what the whole log read at once gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import research
from research.log import LogError
from research.parquet import export_parquet
from research.province import communities_of, measure_province
from rules import load_rulebook
from rules.rulebook import DEFAULT_RULEBOOK


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("province")
    out = folder / "province"
    export_parquet(research.sample_store(400), out, key="k")
    for name, seed in (("anning", 2), ("baiyun", 3)):
        book = folder / f"{name}.yaml"
        book.write_text(DEFAULT_RULEBOOK.read_text(encoding="utf-8").replace("  id: xingfuli", f"  id: {name}", 1),
                        encoding="utf-8")
        export_parquet(research.sample_store(400, seed=seed), out, rulebook=book, key="k")
    return out


def test_the_folded_measures_are_the_whole_logs(province: Path) -> None:
    whole = research.read_log(province, key="k")
    p = measure_province(province, per_read=1, key="k")
    assert (p.communities, p.events, p.tickets) == (3, len(whole.events), len(whole.tickets))

    C = research.collaboration_graph(whole)
    assert sorted(p.collaboration.edges(data=True)) == sorted(C.edges(data=True))
    assert dict(p.collaboration.nodes(data="signed")) == dict(C.nodes(data="signed"))
    assert dict(p.collaboration.nodes(data="led")) == dict(C.nodes(data="led"))

    R = research.referral_graph(whole)
    assert set(p.referral.edges) == set(R.edges) and R.number_of_edges() > 3
    for a, b, e in R.edges(data=True):
        mine = p.referral.edges[a, b]
        assert {k: mine[k] for k in ("weight", "transfers", "returns", "escalations", "tickets")} == \
            {k: e[k] for k in ("weight", "transfers", "returns", "escalations", "tickets")}
        assert mine["mean_hours"] == pytest.approx(e["mean_hours"]) and \
            mine["median_hours"] == pytest.approx(e["median_hours"])

    rates = research.handler_rates(whole)
    mine = p.rates.reindex(rates.index)
    counts = [c for c in rates.columns if c not in ("name", "sector", *research.RATES)]
    pd.testing.assert_frame_equal(mine[counts].fillna(0).astype("int64"), rates[counts], check_names=False)
    pd.testing.assert_frame_equal(mine[list(research.RATES)], rates[list(research.RATES)], check_names=False)
    assert (rates["assignments"] > 0).sum() > 5

    times = research.summary(research.response_times(whole))
    both = p.responses.reindex(times.index)
    assert both["n"].tolist() == times["n"].tolist()
    assert both["median"].to_numpy() == pytest.approx(times["median"].to_numpy(), rel=1e-4)

    chains = research.transfer_chains(whole)
    where = whole.tickets.set_index("ticket_id")
    expected = sorted(zip(where["community"].astype(str).reindex(chains["ticket_id"]),
                          where["local_ticket_id"].reindex(chains["ticket_id"]), chains["passes"], strict=True))
    assert sorted(zip(p.chains["community"], p.chains["local_ticket_id"], p.chains["passes"], strict=True)) == \
        expected and len(expected) > 10


def test_fewer_reads_give_the_same_and_progress_is_told(province: Path) -> None:
    told: list[tuple[int, int]] = []
    one, two = measure_province(province, per_read=1, key="k"), measure_province(
        province, per_read=2, key="k", progress=lambda done, total: told.append((done, total)))
    assert told == [(2, 3), (3, 3)]
    assert sorted(one.collaboration.edges(data="weight")) == sorted(two.collaboration.edges(data="weight"))
    assert one.chains.shape == two.chains.shape and set(one.seconds) >= {"read_log", "collaboration graph"}


def test_only_an_export_is_read_by_community(province: Path, tmp_path: Path) -> None:
    assert communities_of(province) == ["anning", "baiyun", "xingfuli"]
    assert set(research.read_log(province, key="k", communities=["anning"]).events["community"]) == {"anning"}
    with pytest.raises(LogError, match="Parquet export"):
        research.read_log(research.sample_store(200), key="k", communities=["anning"])
    with pytest.raises(LogError, match="not a whistle Parquet export"):
        communities_of(tmp_path)
    assert load_rulebook().community.id == "xingfuli"
