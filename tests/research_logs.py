"""Logs for the research tests: one written by hand through the ticket service, one simulated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from chatops.tickets.lifecycle import SYSTEM, Actor, Move
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Router, Rulebook, parse_rulebook
from tests.conftest import MINI

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RESIDENT, NEIGHBOUR = "@alice:localhost", "@bob:localhost"
PROPERTY, POLICE, STREET = Actor("@wang:localhost", "property"), Actor("@li:localhost", "police"), \
    Actor("@zhao:localhost", "street")
TEXTS = ("3号楼电梯坏了", "我的电动车被偷了", "楼上漏水了")


def mini_book() -> Rulebook:
    return parse_rulebook(MINI, "mini.yaml")


async def write_handmade(path: Path) -> None:
    """Three tickets, every step at a known time (see tests/test_research_passes.py for the expected figures).

    1. 电梯 (lift → property, co police): police signs as co; property → police → property (ping-pong),
       property returns it to the street office, which transfers it to police; police signs, resolves;
       the resident says solved and is satisfied.
    2. 被偷 (theft → police): signed, resolved, reopened (dissatisfied), signed, resolved, solved.
    3. 漏水 (leak → property, urgent, 2 h to sign): not signed in time, escalated to the street office;
       then property signs and resolves; no verdict.
    """
    now = [T0]

    def clock() -> datetime:
        return now[0]

    def later(**kw: float) -> None:
        now[0] += timedelta(**kw)

    async with await Store.open(path) as store:
        service = TicketService(store, Router(mini_book()), clock=clock)
        lift = (await service.report(source="m:1", reporter=RESIDENT, text=TEXTS[0])).ticket.id
        later(hours=1)
        await service.acknowledge(lift, POLICE)
        later(hours=2)
        await service.transfer(lift, PROPERTY, "police", "电梯困人属于公安")
        later(hours=3)
        await service.transfer(lift, POLICE, "property", "电梯维修属于物业")
        later(days=1)
        await service.return_(lift, PROPERTY, "不归物业管")
        later(hours=1)
        await service.transfer(lift, STREET, "police", "请派出所处理")
        later(hours=2)
        await service.acknowledge(lift, POLICE)
        theft = (await service.report(source="m:2", reporter=NEIGHBOUR, text=TEXTS[1])).ticket.id
        later(minutes=30)
        await service.acknowledge(theft, POLICE)
        leak = (await service.report(source="m:3", reporter=NEIGHBOUR, text=TEXTS[2])).ticket.id
        later(hours=2)
        await service.act(leak, SYSTEM, Move.ESCALATED, target="street", rule="overdue.escalate")
        later(hours=1)
        await service.acknowledge(leak, PROPERTY)
        later(days=1)
        await service.resolve(lift, POLICE, "已处理")
        await service.resolve(theft, POLICE, "已立案")
        await service.resolve(leak, PROPERTY, "已修好")
        later(hours=2)
        await service.verdict(lift, Actor(RESIDENT), True)
        await service.rate(lift, Actor(RESIDENT), "satisfied")
        await service.verdict(theft, Actor(NEIGHBOUR), False)
        await service.rate(theft, Actor(NEIGHBOUR), "dissatisfied")
        later(hours=1)
        await service.acknowledge(theft, POLICE)
        later(hours=5)
        await service.resolve(theft, POLICE, "车已找回")
        later(hours=1)
        await service.verdict(theft, Actor(NEIGHBOUR), True)
