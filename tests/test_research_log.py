"""Reading the event log: pseudonyms, no text unless asked, unknown tables and kinds, bad files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import research
from research.pseudonyms import Pseudonymizer
from tests.research_logs import RESIDENT, TEXTS, mini_book, write_handmade


@pytest.fixture
async def store(tmp_path: Path) -> Path:
    path = tmp_path / "handmade.sqlite"
    await write_handmade(path)
    return path


def everything(log: research.EventLog) -> str:
    return " ".join(df.astype(str).to_csv() for df in (log.events, log.tickets, log.assignments))


def test_people_are_pseudonyms_and_text_is_left_out(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(research.KEY_ENV, "k1")
    log = research.read_log(store, rulebook=mini_book())
    dump = everything(log)
    assert "@" not in dump and "localhost" not in dump
    assert not any(t in dump for t in TEXTS) and "电梯困人属于公安" not in dump
    assert "reason" not in log.events and "text" not in log.tickets
    alice = Pseudonymizer(b"k1", "environment")(RESIDENT)
    assert log.tickets.loc[0, "reporter"] == alice
    assert set(log.events["role"].astype(str)) == {"resident", "staff", "system"}
    assert log.pseudonyms == "environment"
    monkeypatch.setenv(research.KEY_ENV, "k2")
    assert research.read_log(store, rulebook=mini_book()).tickets.loc[0, "reporter"] != alice


def test_text_only_when_asked(store: Path) -> None:
    log = research.read_log(store, rulebook=mini_book(), key="k", text=True)
    assert log.tickets["text"].tolist() == list(TEXTS)
    assert "电梯困人属于公安" in set(log.events["reason"].dropna())
    assert log.pseudonyms == "explicit"


def test_without_a_key_a_random_one_with_a_warning(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(research.KEY_ENV, raising=False)
    monkeypatch.setattr("research.pseudonyms._process_key", None)
    with pytest.warns(UserWarning, match=research.KEY_ENV):
        log = research.read_log(store, rulebook=mini_book())
    assert log.pseudonyms == "random"


def test_tables_joined(store: Path) -> None:
    log = research.read_log(store, rulebook=mini_book(), key="k")
    ev = log.events
    assert len(ev) == 25 and ev["seq"].is_monotonic_increasing
    lift = ev[ev["ticket_id"] == 1]
    assert set(lift["category"].astype(str)) == {"lift"} and lift["grid"].isna().all()  # the text names no place
    routed = ev[ev["kind"] == "routed"].iloc[0]
    assert routed["target"] == "property" and routed["target_sector"] == "城乡建设"
    assert str(routed["sign_deadline"]) == "2026-03-03 09:00:00+00:00"
    assert ev.loc[ev["kind"] == "rated", "rating"].astype(str).tolist() == ["satisfied", "dissatisfied"]
    assert log.tickets["state"].astype(str).tolist() == ["closed", "closed", "resolved"]
    assert log.assignments[["ticket_id", "how", "handler"]].astype(str).values.tolist() == [["1", "co", "police"]]
    assert log.handlers.loc["police", "sector"] == "政法"
    first, last = log.span
    assert first.isoformat() == "2026-03-02T09:00:00+00:00" and last > first
    assert len(log.between("2026-03-03", "2026-03-04")) == 10


def test_unknown_tables_and_kinds_are_tolerated(store: Path) -> None:
    with sqlite3.connect(store) as db:
        db.execute("CREATE TABLE something_new (x INTEGER)")
        db.execute("INSERT INTO events (ticket_id, kind, actor, at, data) VALUES (1, 'located', '@alice:localhost', "
                   "'2026-03-06T10:00:00+00:00', ?)", (json.dumps({"grid": "g1", "detail": "3号楼门口"}),))
        db.execute("INSERT INTO events (ticket_id, kind, actor, at, data) VALUES (1, 'teleported', 'system', "
                   "'2026-03-06T11:00:00+08:00', '{}')")
    log = research.read_log(store, rulebook=mini_book(), key="k")
    assert log.events["kind"].astype(str).tolist()[-2:] == ["located", "teleported"]
    assert str(log.events["at"].iloc[-1]) == "2026-03-06 03:00:00+00:00"  # offsets become UTC
    assert "3号楼门口" not in everything(log)
    assert research.transfer_chains(log)["passes"].tolist() == [4]


def test_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(research.LogError, match="no such store"):
        research.read_log(tmp_path / "missing.sqlite", key="k")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(research.LogError, match="not a whistle store"):
        research.read_log(other, key="k")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(research.LogError):
        research.read_log(garbage, key="k")


async def test_an_empty_store(tmp_path: Path) -> None:
    from chatops.tickets.store import Store

    async with await Store.open(tmp_path / "empty.sqlite"):
        pass
    log = research.read_log(tmp_path / "empty.sqlite", key="k")
    assert log.events.empty and log.tickets.empty
    assert research.collaboration_graph(log).number_of_edges() == 0
    assert research.referral_graph(log).number_of_edges() == 0
    assert research.transfer_chains(log).empty and research.time_slices(log, research.referral_graph) == {}
