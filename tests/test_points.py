"""Participation points from a simulated community's real log: earned only from events, once per fix, capped."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatops.participation.points import awards, balance
from chatops.tickets.lifecycle import Actor, Event, Move
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from research.simulation import SimConfig, simulate
from rules import Router, load_rulebook


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> list[Event]:
    path = tmp_path_factory.mktemp("points") / "sim.sqlite"
    simulate(path, 400, 9, config=SimConfig(days=60))

    async def read() -> list[Event]:
        async with await Store.open(path, readonly=True) as store:
            return await store.events()

    return asyncio.run(read())


def test_points_come_only_from_residents_fixes_and_call_backs(log: list[Event]) -> None:
    book = load_rulebook()
    given = awards(log, book)
    staff = {e.actor for e in log if e.actor_handler}
    assert given and not any(a.resident in staff or a.resident == "system" for a in given)
    fixes = Counter((a.ticket, a.resident) for a in given if a.reason == "report_fixed")
    assert max(fixes.values()) == 1  # once per resident and ticket, however often it is verified
    solved = {e.ticket_id for e in log if e.kind == "verified"}
    assert {t for t, _ in fixes} == solved
    answers = sum(1 for e in log if e.kind in ("verified", "reopened") and not e.actor_handler)
    assert sum(1 for a in given if a.reason == "callback") == answers


def test_the_monthly_cap_holds_and_shows(log: list[Event]) -> None:
    book = load_rulebook()
    tight = book.model_copy(update={"points": book.points.model_copy(update={"monthly_cap": 7})})
    given = awards(log, tight)
    zone = ZoneInfo(book.calendar.timezone)
    per_month = Counter()
    for a in given:
        per_month[(a.resident, a.at.astimezone(zone).strftime("%Y-%m"))] += a.points
    assert max(per_month.values()) <= 7
    assert any(a.capped and a.points < book.points.report_fixed for a in given)  # kept, with what the cap took
    busiest = max({a.resident for a in given}, key=lambda r: balance(given, r))
    assert balance(given, busiest) <= 7 * len({m for (r, m) in per_month if r == busiest})
    loose = awards(log, book)
    assert sum(a.points for a in loose) > sum(a.points for a in given)


async def support_taken_back(path: Path) -> list[Event]:
    """Make a store at ``path`` where Bob's "me too" on Alice's leak is deleted and Carol's stands, the
    leak then fixed and confirmed by Alice; return its log."""
    async with await Store.open(path) as store:
        service = TicketService(store, Router(load_rulebook()))
        first = await service.report(source="s1", reporter="@alice:t", text="安居苑1号楼漏水")
        bob = await service.report(source="s2", reporter="@bob:t", text="安居苑1号楼也漏水了，楼道都是水")
        carol = await service.report(source="s3", reporter="@carol:t", text="安居苑1号楼漏水好几天了")
        ticket = first.ticket
        assert bob.joined and carol.joined and bob.ticket.id == carol.ticket.id == ticket.id
        await service.act(ticket.id, Actor("@bob:t"), Move.WITHDRAWN, data={"source": "s2"})
        lead = Actor("@staff:t", ticket.lead)
        await service.act(ticket.id, lead, Move.ACKNOWLEDGED)
        await service.act(ticket.id, lead, Move.RESOLVED, reason="已修复")
        await service.act(ticket.id, Actor("@alice:t"), Move.VERIFIED)
        return await store.events()


def test_a_support_taken_back_earns_no_points(tmp_path: Path) -> None:
    log = asyncio.run(support_taken_back(tmp_path / "store.sqlite"))
    fixed = {a.resident for a in awards(log, load_rulebook()) if a.reason == "report_fixed"}
    assert fixed == {"@alice:t", "@carol:t"}  # Bob deleted his "me too" before the fix: nothing for him
