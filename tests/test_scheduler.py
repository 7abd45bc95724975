"""Reminders and escalation from the store's timers, with an injectable clock (the real engine)."""

from __future__ import annotations

from chatops.bot import Bot
from chatops.lifecycle import Move
from chatops.scheduler import Scheduler
from chatops.store import Store
from tests.conftest import FakeClock
from tests.test_bot import GRID, PROP, PROPERTY, STREET, t, turn

pytest_plugins = ["tests.test_bot"]


async def test_remind_escalate_flag_once(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    report = net.say(GRID, "@alice:t", "安居苑1号楼漏水")  # leak: urgent, sign for within 2 h
    await turn(bot)
    assert await bot.scheduler.tick() == 0
    clock.advance(minutes=91)  # a quarter of the time left: a reminder, to the staff only
    assert await bot.scheduler.tick() == 1
    await bot.outbox.flush()
    card = net.in_room(PROPERTY)[0]
    reminder = net.in_room(PROPERTY)[-1]
    assert "催办" in reminder.body and reminder.thread_root == card.event_id
    assert reminder.content["m.mentions"] == {"user_ids": [PROP]}
    assert not any("催办" in s.body for s in net.in_room(GRID))

    clock.advance(minutes=30)  # 2 h 01: missed, escalated up the handler's chain to the street office
    assert await bot.scheduler.tick() == 1
    await bot.outbox.flush()
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.escalated_to == "street"
    assert any("升级至「街道」督办" in s.body and s.thread_root == report for s in net.in_room(GRID))
    assert "督办" in net.in_room(STREET)[0].body and "#1" in net.in_room(STREET)[0].body
    kinds = [e.kind for e in await store.events(1)]
    assert kinds.count(Move.REMINDED) == 1 and kinds.count(Move.ESCALATED) == 1

    # a second scheduler (the bot restarted) and the first one both tick: nothing fires twice
    again = Scheduler(store, bot.service)
    assert await again.tick() == 0 and await bot.scheduler.tick() == 0

    clock.advance(hours=2, minutes=1)  # the grace period is missed too: the top of the chain is told again
    assert await again.tick() == 2  # the reminder of the new deadline, and the deadline itself
    kinds = [e.kind for e in await store.events(1)]
    assert kinds.count(Move.ESCALATED) == 1 and kinds.count(Move.REMINDED) == 3
    last = (await store.events(1))[-1]
    assert last.data.get("overdue") is True and last.target == "street"
    assert await again.tick() == 0


async def test_signing_for_cancels_the_sign_timers(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    net.say(PROPERTY, PROP, "!签收 1")
    await turn(bot)
    clock.advance(hours=3)
    assert await bot.scheduler.tick() == 0  # signed in time: no reminder, no escalation
    assert (await store.timer_counts()).get("cancelled") == 2
    clock.advance(hours=21, minutes=1)  # but the resolve deadline (24 h) still runs
    assert await bot.scheduler.tick() == 2
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.escalated_to == "street"


async def test_chain_from_the_category(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑2号楼电梯坏了")  # lift: its own chain [street], normal: 24 h to sign
    await turn(bot)
    clock.advance(hours=24, minutes=1)
    await bot.scheduler.tick()
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.escalated_to == "street"
