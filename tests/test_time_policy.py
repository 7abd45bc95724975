"""One policy for time: a live run (the bot, its scheduler, the real engine) and a simulated one write the
same events when time runs out — the same fields, the same rules, at the deadlines the log itself set."""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from chatops.chat.bot import Bot
from chatops.tickets.lifecycle import Event, Move, Ticket, apply
from chatops.tickets.store import Store
from research.simulation import SimConfig, simulate
from rules import Router
from tests.conftest import FakeClock
from tests.test_bot import GRID, PROPERTY, t, turn

pytest_plugins = ["tests.test_bot"]
TIMED = (Move.REMINDED, Move.ESCALATED, Move.CLOSED, Move.WHISTLED)
DEADLINE = {"sign": "sign_deadline", "resolve": "resolve_deadline", "callback": "callback_deadline",
            "choice": "choose_deadline"}


async def live_log(bot: Bot, store: Store, clock: FakeClock) -> list[Event]:
    """Residents and staff in the rooms; nobody signs for the leak; the scheduler ticks for ten days."""
    net = t(bot)
    for who, body in (("@alice:t", "安居苑1号楼漏水"), ("@bob:t", "安居苑2号楼漏水"),
                      ("@carol:t", "安居苑1号楼又漏水了"), ("@alice:t", "安居苑1号楼电梯坏了")):
        net.say(GRID, who, body)
        await turn(bot)
        clock.advance(minutes=5)
    for command in ("!签收 #2", "!办结 #2 已更换控制板"):
        net.say(PROPERTY, "@prop:t", command)
        await turn(bot)
    for _ in range(10 * 24 * 4):  # every quarter of an hour, as the live loop wakes at the next due timer
        clock.advance(minutes=15)
        await bot.scheduler.tick()
    return await store.events()


def timed_shapes(events: list[Event]) -> dict[tuple[str, str | None], set[frozenset[str]]]:
    """Return, for every kind the clock or a pile of reports makes and each rule, the payload fields seen."""
    shapes: dict[tuple[str, str | None], set[frozenset[str]]] = defaultdict(set)
    for e in events:
        if e.kind in TIMED:
            shapes[(str(e.kind), e.rule)].add(frozenset(e.data))
    return dict(shapes)


def late_moves(events: list[Event]) -> list[tuple[Event, datetime | None]]:
    """Return each timed move with the deadline its ticket had just before it (from the fold of the log)."""
    by_ticket: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_ticket[e.ticket_id].append(e)
    out = []
    for log in by_ticket.values():
        ticket: Ticket | None = None
        for e in log:
            if e.kind in (Move.REMINDED, Move.ESCALATED, Move.CLOSED) and ticket is not None:
                out.append((e, getattr(ticket, DEADLINE[e.data["deadline"]])))
            ticket = apply(ticket, e)
    return out


async def test_a_live_log_and_a_simulated_one_keep_time_alike(bot: Bot, store: Store, clock: FakeClock,
                                                            mini_router: Router, tmp_path: Path) -> None:
    live = await live_log(bot, store, clock)
    path = tmp_path / "sim.sqlite"
    simulate(path, 400, 3, rulebook=mini_router.rulebook, config=SimConfig(days=20, burst_share=0.2))
    async with await Store.open(path, readonly=True) as sim_store:
        simulated = await sim_store.events()

    live_shapes, sim_shapes = timed_shapes(live), timed_shapes(simulated)
    assert set(live_shapes) == {("reminded", "remind"), ("escalated", "overdue.escalate"),
                                ("reminded", "overdue.top"), ("closed", "callback.lapse"), ("whistled", "whistle.leak")}
    assert set(live_shapes) <= set(sim_shapes), "the simulation makes every kind of timed move the live run makes"
    for key, shapes in live_shapes.items():  # the same fields (an escalation sets the deadline that was missed)
        same = {frozenset(f.replace("resolve_", "sign_") for f in shape) for shape in sim_shapes[key]}
        assert shapes <= sim_shapes[key] and same == shapes, f"{key}: the same fields live and simulated"
    assert {e.rule for e in simulated if e.kind in TIMED} <= {
        "remind", "overdue.escalate", "overdue.top", "callback.lapse", "whistle.leak"}

    for name, log in (("live", live), ("simulated", simulated)):
        moves = late_moves(log)
        assert moves, name
        for event, deadline in moves:  # each fired for the deadline the ticket had, and not before it was due
            assert deadline is not None and datetime.fromisoformat(event.data["due"]) == deadline, (name, event)
            if event.kind is not Move.REMINDED or event.rule == "overdue.top":
                assert event.at >= deadline, (name, event)
        escalations = [e for e, _ in moves if e.kind is Move.ESCALATED]
        assert escalations and all(e.data.get("sign_deadline") or e.data.get("resolve_deadline")
                                   for e in escalations), f"{name}: every escalation sets its next deadline"
    folded = functools.reduce(apply, [e for e in live if e.ticket_id == 1], None)
    assert folded is not None and folded.joint and "police" in folded.co  # the whistle summoned the police
