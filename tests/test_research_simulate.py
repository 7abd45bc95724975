"""The simulator: deterministic for a seed, and its log is a legal log (replayed through the lifecycle)."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from chatops.tickets.lifecycle import apply, check
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from research import SimConfig, simulate
from rules import Router, load_rulebook

CONFIG = SimConfig(days=60, burst_share=0.1)


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT seq, ticket_id, kind, actor, actor_handler, target, reason, rule, at, data "
                          "FROM events ORDER BY seq").fetchall()


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sim") / "a.sqlite"
    simulate(path, 1200, 7, config=CONFIG)
    return path


def test_the_same_seed_gives_the_same_log(sim: Path, tmp_path: Path) -> None:
    again = simulate(tmp_path / "b.sqlite", 1200, 7, config=CONFIG)
    assert again.tickets == 1200
    assert rows(sim) == rows(tmp_path / "b.sqlite")
    simulate(tmp_path / "c.sqlite", 1200, 8, config=CONFIG)
    assert rows(sim) != rows(tmp_path / "c.sqlite")


def test_batched_and_one_transaction_per_move_give_the_same_log(tmp_path: Path) -> None:
    cfg = replace(CONFIG, days=20)
    simulate(tmp_path / "batched.sqlite", 300, 3, config=cfg)
    simulate(tmp_path / "direct.sqlite", 300, 3, config=cfg, batched=False)
    assert rows(tmp_path / "batched.sqlite") == rows(tmp_path / "direct.sqlite")


def test_every_ticket_replays_through_the_lifecycle(sim: Path) -> None:
    async def replay() -> tuple[int, list[int]]:
        book = load_rulebook()
        handlers = frozenset(book.handler_by_id)
        async with await Store.open(sim) as store:
            tickets: dict = {}
            events = await store.events()
            for e in events:
                check(tickets.get(e.ticket_id), e, fallback=book.fallback, handlers=handlers)
                tickets[e.ticket_id] = apply(tickets.get(e.ticket_id), e)
            mismatched = await TicketService(store, Router(book)).rebuild_check()
        return len(events), mismatched

    count, mismatched = asyncio.run(replay())
    assert count > 5 * 1200 and mismatched == []


def test_the_log_has_every_kind_of_move(sim: Path) -> None:
    with sqlite3.connect(sim) as db:
        kinds = dict(db.execute("SELECT kind, COUNT(*) FROM events GROUP BY kind").fetchall())
        by_supporters = db.execute(  # residents whose reports joined a ticket are asked back too
            "SELECT COUNT(*) FROM events v JOIN tickets t ON t.id = v.ticket_id "
            "WHERE v.kind IN ('verified', 'reopened') AND v.actor != t.reporter").fetchone()[0]
        ordered = db.execute("SELECT COUNT(*) FROM events a JOIN events b ON b.seq = a.seq + 1 "
                             "WHERE b.at < a.at").fetchone()[0]
    for kind in ("reported", "routed", "acknowledged", "transferred", "returned", "extension_asked", "extended",
                 "resolved", "verified", "reopened", "rated", "reminded", "escalated", "supported", "whistled",
                 "note", "closed"):
        assert kinds.get(kind, 0) > 0, kind
    # 1,200 reports: each is a ticket, or supports an open ticket of the same matter in its grid (a resident
    # who reports the same open matter again adds nothing: a handful here)
    assert kinds["reported"] == kinds["routed"] and 1190 <= kinds["reported"] + kinds["supported"] <= 1200
    assert ordered == 0  # the simulated clock never runs backwards
    assert by_supporters > 0


def test_progress_is_reported_and_an_existing_file_is_refused(tmp_path: Path) -> None:
    seen = []
    summary = simulate(tmp_path / "p.sqlite", 200, 1, config=replace(CONFIG, days=10),
                       progress=lambda made, total, events, seconds: seen.append((made, total)))
    assert seen[-1] == (200, 200) and summary.events > 200 and summary.tickets_per_second > 0
    with pytest.raises(FileExistsError):
        simulate(tmp_path / "p.sqlite", 10, 1)
    assert simulate(tmp_path / "p.sqlite", 10, 1, overwrite=True).tickets == 10


async def test_simulate_works_inside_a_running_event_loop(tmp_path: Path) -> None:
    # as in Jupyter, where a loop is already running
    assert simulate(tmp_path / "j.sqlite", 20, 1, config=replace(CONFIG, days=5)).tickets == 20


# ---------------------------------------------------------------- a run shared by processes, a part of the grids each
@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shared") / "w.sqlite"
    seen: list[int] = []
    summary = simulate(path, 1200, 7, config=replace(CONFIG, workers=3),
                       progress=lambda made, total, events, seconds: seen.append(made))
    assert summary.tickets == 1200 and summary.moves["reported"] + summary.moves.get("supported", 0) <= 1200
    assert seen == sorted(seen) and seen.count(1200) == 1 and seen[-1] == 1200  # the last line told once
    return path


def test_a_run_shared_by_processes_is_one_legal_log_numbered_as_one_process_would(shared: Path) -> None:
    async def replay() -> tuple[int, list[int]]:
        book = load_rulebook()
        async with await Store.open(shared) as store:
            tickets: dict = {}
            events = await store.events()
            for e in events:
                check(tickets.get(e.ticket_id), e, fallback=book.fallback, handlers=frozenset(book.handler_by_id))
                tickets[e.ticket_id] = apply(tickets.get(e.ticket_id), e)
            return len(events), await TicketService(store, Router(book)).rebuild_check()

    count, mismatched = asyncio.run(replay())
    assert count > 5 * 1200 and mismatched == []  # every ticket row is the fold of its events, last_seq included
    with sqlite3.connect(shared) as db:
        reported = [r[0] for r in db.execute("SELECT ticket_id FROM events WHERE kind = 'reported' ORDER BY seq")]
        backwards = db.execute("SELECT COUNT(*) FROM events a JOIN events b ON b.seq = a.seq + 1 "
                               "WHERE b.at < a.at").fetchone()[0]
        grids = dict(db.execute("SELECT grid, COUNT(*) FROM tickets GROUP BY grid").fetchall())
        sources = db.execute("SELECT COUNT(DISTINCT source), COUNT(*) FROM tickets").fetchone()
        kinds = {r[0] for r in db.execute("SELECT DISTINCT kind FROM events")}
    assert reported == list(range(1, len(reported) + 1))  # tickets numbered in the order they were reported
    assert backwards == 0  # the parts' moves interleaved in time: the clock never runs backwards
    assert len(grids) == 3 and min(grids.values()) > 100 and sources[0] == sources[1]
    assert {"whistled", "supported", "escalated", "transferred", "returned", "closed", "rated"} <= kinds


def test_the_same_seed_and_processes_give_the_same_log(shared: Path, tmp_path: Path) -> None:
    simulate(tmp_path / "again.sqlite", 1200, 7, config=replace(CONFIG, workers=3))
    assert rows(shared) == rows(tmp_path / "again.sqlite")


def test_a_part_that_fails_stops_the_run_and_says_why(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match=r"part \d failed(.|\n)*IndexError"):  # no staff to act for a handler
        simulate(tmp_path / "f.sqlite", 300, 1, config=replace(CONFIG, days=10, workers=2, staff_per_handler=0))


def test_a_rulebook_changed_in_code_is_the_one_every_part_and_every_later_run_uses(tmp_path: Path) -> None:
    # every report a ticket of its own: no report joins an open ticket, in one process or shared by two, and a run
    # of the file's own rulebook in the same process (its router kept for the same version) still lets them join
    from rules.rulebook import Duplicates

    book = load_rulebook()
    alone = book.model_copy(update={"duplicates": Duplicates(enabled=False)})
    config = replace(CONFIG, days=20)
    joined = simulate(tmp_path / "dup.sqlite", 400, 3, config=config, rulebook=book)
    for name, cfg in (("one.sqlite", config), ("two.sqlite", replace(config, workers=2))):
        summary = simulate(tmp_path / name, 400, 3, config=cfg, rulebook=alone)
        assert summary.moves["reported"] == 400 and summary.moves.get("supported", 0) == 0, name
        with sqlite3.connect(tmp_path / name) as db:
            assert db.execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == 400
    assert joined.moves.get("supported", 0) > 0
    assert simulate(tmp_path / "dup2.sqlite", 400, 3, config=config, rulebook=book).moves.get("supported", 0) > 0
