"""Loops that run for months supervise themselves: a failure is one item's, recorded, backed off, and the
rest carry on. Faults are injected into the real scheduler, outbox and sync loop (the MINI rulebook, the
real engine and store, the in-memory transport)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sqlite3
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from chatops.chat.bot import Bot
from chatops.chat.outbox import MAX_ATTEMPTS
from chatops.tickets.lifecycle import Event, Move, Ticket
from chatops.tickets.scheduler import TIMER_ATTEMPTS
from chatops.tickets.store import Store, Transaction
from tests.conftest import FakeClock
from tests.test_bot import GRID, POLICE, PROPERTY, STREET, t, turn

pytest_plugins = ["tests.test_bot"]


async def until(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.02)


async def query(store: Store, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the rows of ``sql`` read through the store's own reader (either engine)."""
    async with store.db.execute(sql, params) as cur:
        return [tuple(r) for r in await cur.fetchall()]


async def change(store: Store, *statements: tuple[str, tuple[object, ...]]) -> None:
    """Run ``statements`` in one of the store's write transactions (as an operator's hand would)."""
    async with store.write() as tx:
        for sql, params in statements:
            await tx.db.execute(sql, params)


async def timer_rows(store: Store) -> list[tuple[Any, ...]]:
    return await query(store, "SELECT ticket_id, state, attempts, error FROM timers ORDER BY id")


async def test_a_poison_timer_fails_alone_in_the_running_scheduler(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    for text in ("安居苑1号楼漏水", "车被偷了", "安居苑2号楼电梯坏了"):  # tickets 1, 2, 3
        net.say(GRID, "@alice:t", text)
        await turn(bot)
    real = bot.scheduler.announce

    async def poisoned(tx: Transaction, before: Ticket, after: Ticket, event: Event) -> None:
        if after.id == 1:
            raise RuntimeError("injected: a bug in the notices of ticket 1")
        await real(tx, before, after, event)

    bot.scheduler.announce = poisoned
    bot.scheduler.periodic = None  # the monthly ranking is not what this test is about
    clock.advance(days=20)  # every deadline of every ticket is past
    stop = asyncio.Event()
    running = asyncio.create_task(bot.scheduler.run(stop, idle=0.05))
    try:
        async def others_done() -> bool:  # a whole round done (beat), and both escalated in it
            kinds = [{e.kind for e in await store.events(tid)} for tid in (2, 3)]
            return bot.scheduler.beat is not None and all(Move.ESCALATED in k for k in kinds)

        await until(others_done)  # tickets 2 and 3 were reminded and escalated although 1 raises every time
        rows = await timer_rows(store)
        first = [(state, attempts, error) for tid, state, attempts, error in rows if tid == 1]
        assert first and all(state == "pending" and attempts == 1 and "injected" in (error or "")
                             for state, attempts, error in first[:1])
        assert bot.scheduler.failures >= 1 and bot.scheduler.beat is not None
        async def given_up() -> bool:  # the backoff passes again and again: at last it is given up
            clock.advance(hours=2)
            bot.scheduler.wake()
            await asyncio.sleep(0.05)
            return any(tid == 1 and state == "failed" for tid, state, _, _ in await timer_rows(store))

        await until(given_up, timeout=30)
        failed = next(r for r in await timer_rows(store) if r[0] == 1 and r[1] == "failed")
        assert failed[2] == TIMER_ATTEMPTS and "injected" in (failed[3] or "")
    finally:
        stop.set()
        await asyncio.wait_for(running, 5)


async def test_a_crashing_sender_fails_its_rows_alone(bot: Bot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import chatops.chat.outbox as outbox_module

    monkeypatch.setattr(outbox_module, "AFTER_WAIT", 0.0)  # receipts do not wait for the card that cannot go
    net = t(bot)
    net.fail_sends.add(PROPERTY)  # every send to the property room raises, as a bug in the transport would
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")  # the receipt goes to the grid, the card to property
    net.say(GRID, "@bob:t", "车被偷了")  # a card for the police
    await bot.step()
    stop = asyncio.Event()
    running = asyncio.create_task(bot.outbox.run(stop))
    try:
        async def others_sent() -> bool:
            return len(net.in_room(GRID)) >= 2 and len(net.in_room(POLICE)) >= 1

        await until(others_sent)
        await asyncio.sleep(1.0)  # a second of backoff: the failing row is not retried twenty times
        attempts, error, state = (await query(
            store, "SELECT attempts, error, state FROM outbox WHERE room_id = ? ORDER BY id LIMIT 1", (PROPERTY,)))[0]
        assert state == "pending" and 1 <= attempts <= 3 and "injected" in error
        assert bot.outbox.failures == attempts and net.in_room(PROPERTY) == []
    finally:
        stop.set()
        await asyncio.wait_for(running, 5)
    await change(store, ("UPDATE outbox SET attempts = ?, not_before = 0 WHERE room_id = ?",  # then failed for
                         (MAX_ATTEMPTS - 1, PROPERTY)))  # good after MAX_ATTEMPTS, visible to the operator
    await bot.outbox.flush()
    counts = await store.outbox_counts()
    assert counts.get("failed", 0) >= 1


async def test_a_kicked_bot_refuses_politely_and_the_sync_goes_on(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.refused.add(PROPERTY)  # the bot was put out of the property room: its power levels are refused
    net.react(PROPERTY, "@prop:t", card.event_id, "✅")
    net.say(GRID, "@bob:t", "车被偷了")  # after it, in another room
    async with asyncio.timeout(5):
        await turn(bot)  # one batch: no retrying forever, the token moves on
    assert (await store.ticket(1)).acked_by == ()  # type: ignore[union-attr]
    assert any("读不到本房间的权限" in s.body for s in net.in_room(PROPERTY))
    assert await store.ticket(2) is not None
    assert await store.chat_state("next_batch") is not None


async def test_an_event_that_raises_fails_alone(bot: Bot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    net = t(bot)
    calls = []
    real = bot._resident_event

    async def flaky(turn_: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("injected")
        await real(turn_)  # type: ignore[arg-type]

    monkeypatch.setattr(bot, "_resident_event", flaky)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    net.say(GRID, "@bob:t", "车被偷了")
    with contextlib.suppress(Exception):
        await turn(bot)
    assert any("出错" in s.body or "错误" in s.body for s in net.in_room(GRID))  # the first sender is told
    assert await store.ticket(1) is not None  # the second report is a ticket all the same


async def test_an_event_that_failed_but_was_answered_counts_in_the_status(
        bot: Bot, store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The sender is told politely, and the failure is counted all the same (it was not: status said 0)."""
    from chatops.cli.main import main
    from rules.catalogue import text

    net = t(bot)

    async def broken(turn_: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(bot, "_resident_event", broken)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    assert net.in_room(GRID)[-1].body == text("internal_error")  # answered
    assert bot.failures == 1
    await bot.heartbeat()
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["failures"]["events"] == 1
    assert await asyncio.to_thread(main, ["--lang", "en", "status", "--store", store.address]) == 0
    assert "Failures since the bot started: 1 events" in capsys.readouterr().out

    async def mute(turn_: object, lines: object) -> None:
        raise RuntimeError("injected: the apology cannot be written either")

    monkeypatch.setattr(bot, "_reply", mute)
    net.say(GRID, "@bob:t", "车被偷了")
    await turn(bot)  # the step catches what the handling let out, and goes on
    assert bot.failures == 2  # counted once, not once by the handling and again by the step


async def _beat_of_process(store: Store, pid: int, host: str) -> None:
    """Make the stored heartbeat (fresh, not a clean stop's) name ``pid`` on ``host``."""
    beat = json.loads(await store.chat_state("heartbeat") or "{}")
    async with store.write() as tx:
        await tx.set_chat_state("heartbeat", json.dumps({**beat, "pid": pid, "host": host}))


async def test_a_bot_killed_without_a_clean_stop_is_not_running_at_once_on_its_host(
        bot: Bot, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """After kill -9 the last beat is fresh and says nothing of a stop: the pid, asked on the same host, tells."""
    from chatops.cli.main import main

    await bot.heartbeat()
    beat = json.loads(await store.chat_state("heartbeat") or "{}")
    assert beat["pid"] == os.getpid() and beat["host"] == socket.gethostname()
    gone = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await gone.wait()  # ended and reaped: its pid names no process
    await _beat_of_process(store, gone.pid, socket.gethostname())
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 3
    st = json.loads(capsys.readouterr().out)
    assert not st["alive"] and st["crashed"] and st["heartbeat_age"] < 60
    assert await asyncio.to_thread(main, ["--lang", "en", "status", "--store", store.address]) == 3
    out = capsys.readouterr().out
    assert f"its process {gone.pid} is gone without a clean stop" in out and "The bot is running" not in out

    await _beat_of_process(store, gone.pid, "another-host.invalid")  # a pid of another machine means nothing here
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["alive"] and not st["crashed"]
    beat.pop("host")  # a beat written before the host was recorded: the heartbeat's age alone decides
    async with store.write() as tx:
        await tx.set_chat_state("heartbeat", json.dumps({**beat, "pid": gone.pid}))
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 0
    assert not json.loads(capsys.readouterr().out)["crashed"]
    await _beat_of_process(store, os.getpid(), socket.gethostname())  # a live process on this host: running
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["alive"]


async def test_one_worker_killed_beside_one_running_is_seen_as_such(
        bot: Bot, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """Several workers wrote one heartbeat: the last to write spoke for all, so a killed worker could hide a
    running one (or the other way round). Each writes its own; the bot runs while one does, and each is told."""
    from chatops.cli.main import main

    gone = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await gone.wait()
    bot.worker = "a"
    await bot.heartbeat()
    bot.worker = "b"
    bot.failures = 2
    await bot.heartbeat()
    beat = json.loads(await store.chat_state("heartbeat:b") or "{}")
    async with store.write() as tx:  # worker b was killed: its fresh beat names a process that is gone
        await tx.set_chat_state("heartbeat:b", json.dumps({**beat, "pid": gone.pid}))
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["alive"] and not st["crashed"] and st["pid"] == os.getpid() and st["failures"]["events"] == 2
    assert {w["worker"]: (w["alive"], w["crashed"]) for w in st["workers"]} == {"a": (True, False),
                                                                                "b": (False, True)}
    assert await asyncio.to_thread(main, ["--lang", "en", "status", "--store", store.address]) == 0
    out = capsys.readouterr().out
    assert "The bot is running" in out and "worker a: running" in out
    assert f"worker b: its process is gone without a clean stop (pid {gone.pid}" in out
    bot.worker = "a"
    await bot.heartbeat(stopped=True)  # and a's clean stop: no worker runs
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 3
    assert not json.loads(capsys.readouterr().out)["alive"]


async def test_the_operator_sees_and_retries_what_failed(bot: Bot, store: Store, capsys: pytest.CaptureFixture[str],
                                                         clock: FakeClock) -> None:
    from chatops.cli.main import main

    net = t(bot)
    net.fail_sends.add(PROPERTY)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    await change(store, ("UPDATE outbox SET state = 'failed', error = 'injected' WHERE room_id = ?", (PROPERTY,)),
                 ("UPDATE timers SET state = 'failed', error = 'injected', attempts = 8 WHERE id = 1", ()))  # for good
    await bot.heartbeat()
    assert await asyncio.to_thread(main, ["status", "--store", store.address, "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["alive"] and st["outbox"]["failed"] == 1 and st["timers"]["failed"] == 1 and st["heartbeat_age"] < 60
    assert await asyncio.to_thread(main, ["--lang", "en", "status", "--store", store.address]) == 0
    assert "The bot is running" in capsys.readouterr().out
    await bot.heartbeat(stopped=True)  # a clean stop's last beat: not running, at once (a tester saw it for 2 min)
    assert await asyncio.to_thread(main, ["--lang", "en", "status", "--store", store.address]) == 3
    assert "not running" in capsys.readouterr().out
    await bot.heartbeat()
    assert await asyncio.to_thread(main, ["outbox", "--failed", "--store", store.address]) == 0
    assert "injected" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["timers", "--store", store.address, "--retry", "all"]) == 0
    assert "已重新排队 1 项" in capsys.readouterr().out
    net.fail_sends.clear()
    assert await asyncio.to_thread(main, ["outbox", "--store", store.address, "--retry", "all"]) == 0
    capsys.readouterr()
    await bot.outbox.flush()
    assert net.in_room(PROPERTY)  # the card went out after the retry
    assert await asyncio.to_thread(main, ["outbox", "--store", store.address, "--retry", "x1"]) == 2


async def test_the_daily_digest_is_posted_once_and_old_bookkeeping_forgotten(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    await change(store, ("UPDATE outbox SET state = 'failed' WHERE room_id = ?", (PROPERTY,)),
                 ("UPDATE inbox SET handled_at = '2020-01-01 00:00:00'", ()),
                 ("UPDATE outbox SET sent_at = '2020-01-01 00:00:00' WHERE state = 'sent'", ()))
    await bot.daily()
    await bot.daily()  # once a day
    await bot.outbox.flush()
    digests = [s for s in net.in_room(STREET) if "运行情况" in s.body]
    assert len(digests) == 1 and "发送失败的消息 1 条" in digests[0].body
    assert (await query(store, "SELECT COUNT(*) FROM inbox"))[0][0] == 0
    assert (await query(store, "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND content != '{}' "
                               "AND sent_at < '2021-01-01'"))[0][0] == 0
    assert (await query(store, "SELECT COUNT(*) FROM events"))[0][0] > 0  # the log keeps everything


async def test_the_card_goes_before_the_receipt_and_a_stuck_card_holds_it_up_only_briefly(
        bot: Bot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sent together, the homeserver takes both at once and the card (the handler's cue) waits: it goes first."""
    import chatops.chat.outbox as outbox_module

    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    rooms = [s.room_id for s in net.sent]
    assert rooms.index(PROPERTY) < rooms.index(GRID), "the lead's card first, then the resident's receipt"

    net.fail_sends.add(PROPERTY)  # the card cannot go: the receipt waits a moment, then goes anyway
    net.say(GRID, "@bob:t", "安居苑2号楼电梯坏了")
    await bot.step()
    await bot.outbox.flush()
    receipts = [s for s in net.in_room(GRID) if "#2" in s.body]
    assert receipts == []  # still waiting for the card, for up to AFTER_WAIT
    monkeypatch.setattr(outbox_module, "AFTER_WAIT", 0.0)
    await bot.outbox.flush()
    assert [s for s in net.in_room(GRID) if "#2" in s.body], "the resident is never kept waiting for long"


@pytest.mark.sqlite_only  # reads, from a plain callback, what another connection sees
async def test_a_room_waiting_for_another_is_woken_only_once_the_row_is_committed(bot: Bot, store: Store) -> None:
    """The wake-up comes after the commit: a room woken earlier would read the row as pending and wait again."""
    seen: list[str] = []

    class Watch(asyncio.Event):
        def set(self) -> None:
            db = sqlite3.connect(store.path)  # another connection sees only what is committed
            seen.append(db.execute("SELECT state FROM outbox WHERE room_id = ? ORDER BY id LIMIT 1",
                                   (PROPERTY,)).fetchone()[0])
            db.close()
            super().set()

    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await bot.step()
    bot.outbox._progress = Watch()
    await bot.outbox.flush()
    assert seen == ["sent"], "the card was committed as sent before any waiting room was woken"
    assert [s.room_id for s in net.sent][:2] == [PROPERTY, GRID]


async def test_a_loop_stuck_at_the_stop_is_cancelled_and_named(bot: Bot, monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    import chatops.chat.bot as bot_module

    monkeypatch.setattr(bot_module, "STOP_GRACE", 0.2)
    ended: list[str] = []

    async def stuck(stop: asyncio.Event) -> None:  # a meetings loop that never looks at the stop
        try:
            await asyncio.sleep(3600)
        finally:
            ended.append("cancelled")

    monkeypatch.setattr(bot.chair, "run", stuck)
    bot.scheduler.periodic = None  # the monthly ranking's child process is not what this test is about
    stop = asyncio.Event()
    running = asyncio.create_task(bot.run(stop))
    await asyncio.sleep(0.1)
    stop.set()
    await asyncio.wait_for(running, 5)  # the bot stops although the loop did not end by itself
    assert ended == ["cancelled"]
    assert "meetings did not end" in caplog.text


async def test_a_clean_stop_writes_its_last_heartbeat_as_stopped(bot: Bot, store: Store) -> None:
    stop = asyncio.Event()
    stop.set()
    await bot.run(stop)
    beat = json.loads(await store.chat_state("heartbeat") or "{}")
    assert beat.get("stopped") is True and beat.get("pid")


async def test_a_loop_that_has_not_gone_round_yet_says_so(bot: Bot, store: Store,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A tester read 上次同步：-前 right after a start: a loop that has not gone round yet says so."""
    from chatops.cli.main import main

    bot.synced_at = None
    await bot.heartbeat()
    assert await asyncio.to_thread(main, ["status", "--store", store.address]) == 0
    out = capsys.readouterr().out
    assert "上次同步：尚未进行" in out and "-前" not in out
