"""Passes, transfer chains, ping-pong, response times and rates on a log written by hand (tests/research_logs.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import research
from research import EventLog
from tests.research_logs import mini_book, write_handmade


@pytest.fixture
async def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EventLog:
    monkeypatch.setenv(research.KEY_ENV, "test key")
    path = tmp_path / "handmade.sqlite"
    await write_handmade(path)
    return research.read_log(path, rulebook=mini_book())


def test_transfer_chain_with_ping_pong_and_a_return(log: EventLog) -> None:
    chains = research.transfer_chains(log)
    assert chains["ticket_id"].tolist() == [1]
    row = chains.iloc[0]
    assert row["path"] == "property→police→property→street→police"
    assert row["passes"] == 4 and row["pingpongs"] == 1 and bool(row["cycle"]) and bool(row["resolved"])
    assert row["days_lost"] == pytest.approx(31 / 24)  # 09:00 on day 1 to 16:00 on day 2
    assert research.transfer_chains(log, min_passes=3)["ticket_id"].tolist() == [1]
    assert research.transfer_chains(log, min_passes=5).empty


def test_ping_pong_pairs(log: EventLog) -> None:
    pairs = research.pingpong_pairs(log)
    assert pairs[["first", "second", "times", "tickets"]].values.tolist() == [["property", "police", 1, 1]]
    assert pairs["days_lost"].iloc[0] == pytest.approx(3 / 24)


def test_steps_to_resolution(log: EventLog) -> None:
    steps = research.steps_to_resolution(log)
    assert steps.to_dict() == {1: 5, 2: 1, 3: 1}
    assert steps.mean() == pytest.approx(7 / 3)


def test_passes_and_the_referral_graph(log: EventLog) -> None:
    p = research.passes(log)
    assert list(zip(p["kind"].astype(str), p["source"], p["target"], p["held_hours"], strict=True)) == [
        ("transferred", "property", "police", 3.0), ("transferred", "police", "property", 3.0),
        ("returned", "property", "street", 24.0), ("transferred", "street", "police", 1.0),
        ("escalated", "property", "street", 2.0)]
    G = research.referral_graph(log)
    assert G["property"]["street"] == {"weight": 2, "transfers": 0, "returns": 1, "escalations": 1, "tickets": 2,
                                       "mean_hours": 13.0, "median_hours": 13.0}
    assert G["property"]["police"]["weight"] == G["police"]["property"]["weight"] == 1
    assert G.nodes["police"]["sector"] == "政法"
    cycles = research.pass_cycles(G)
    assert set(cycles["cycle"]) == {"police→property→police", "police→property→street→police"}


def test_response_times(log: EventLog) -> None:
    rt = research.response_times(log)
    first = rt[rt["ticket_id"] == 1]
    assert first["outcome"].astype(str).tolist() == ["passed", "signed", "passed", "passed", "passed", "signed"]
    assert first["role"].astype(str).tolist() == ["lead", "co", "lead", "lead", "lead", "lead"]
    assert first["sign_hours"].dropna().tolist() == [1.0, 2.0]
    leak = rt[rt["ticket_id"] == 3].iloc[0]
    assert leak["sign_hours"] == 3.0 and not leak["in_time"]  # urgent: 2 h to sign for
    by_handler = research.summary(rt)
    assert by_handler.loc["police", "n"] == 4 and by_handler.loc["police", "median"] == 1.0


def test_handler_rates_and_ranking(log: EventLog) -> None:
    rates = research.handler_rates(log)
    police, prop = rates.loc["police"], rates.loc["property"]
    assert police["response"] == 1.0 and prop["response"] == 0.0
    assert police["resolution"] == pytest.approx(2 / 3) and police["satisfaction"] == 0.5
    assert police["reopen"] == pytest.approx(1 / 3) and prop["on_time"] == 0.0
    assert prop["return"] == pytest.approx(1 / 3) and prop["transfer"] == pytest.approx(1 / 3)
    assert rates.loc["street", "transferred"] == 1
    ranked = research.rank(rates, "response", min_count=1)
    assert ranked.index[0] == "police" and pd.isna(ranked.loc["street", "rank"])


def test_collaboration_and_reporting_graphs(log: EventLog) -> None:
    G = research.collaboration_graph(log)
    assert G.number_of_edges() == 0  # police signed ticket 1 as co-handler while property led, never together
    assert G.nodes["police"]["signed"] == 2 and G.nodes["police"]["led"] == 2
    R = research.reporting_graph(log, by="resident", handlers="all")
    residents = [n for n, d in R.nodes(data=True) if d["bipartite"] == 0]
    assert len(residents) == 2 and all(n.startswith("p") for n in residents)
    assert R.graph["pseudonyms"] == "environment"
    assert sum(d["weight"] for _, _, d in R.edges(data=True)) == 3 + 1 + 1  # ticket 1 reached three handlers
