"""Workers on one store share the due timers: each claims its own, a dead worker's claim runs out, and on
PostgreSQL the claim skips rows another transaction holds instead of waiting for them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import asyncpg

from chatops.tickets.lifecycle import Move
from chatops.tickets.scheduler import CLAIM_HOLD, Scheduler
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store, pg
from rules import Router
from tests.conftest import FakeClock, PostgreSQL


async def _due(store: Store, service: TicketService, clock: FakeClock, reports: int = 6) -> None:
    """Open ``reports`` tickets and move the clock past their first reminders."""
    for n in range(reports):
        await service.report(source=f"m:{n}", reporter=f"@r{n}:t", text=f"家里第{n + 1}处漏水")  # no place: no merging
    clock.advance(minutes=100)
    assert len(await store.due_timers(clock.now)) == reports


async def test_two_workers_each_fire_their_own_share_and_take_over_a_dead_ones(
        store: Store, service: TicketService, clock: FakeClock) -> None:
    await _due(store, service, clock)
    now = clock.now
    first = await store.take_timers(now, "a", now + CLAIM_HOLD, limit=2)
    rest = await store.take_timers(now, "b", now + CLAIM_HOLD)
    assert len(first) == 2 and len(rest) == 4
    assert not {t.id for t in first} & {t.id for t in rest}
    assert {t.id for t in await store.take_timers(now, "b", now + CLAIM_HOLD)} == {t.id for t in rest}

    b = Scheduler(store, service, worker="b")
    assert await b.tick() == 4  # its own four; "a" holds the other two
    assert {t.id for t in await store.due_timers(now)} == {t.id for t in first}

    clock.now = now + CLAIM_HOLD + timedelta(seconds=1)  # "a" died holding them: its claim runs out
    assert await b.tick() >= 2
    reminded = [e for n in range(1, 7) for e in await store.events(n) if e.kind == Move.REMINDED]
    assert len(reminded) == 6 and len({e.ticket_id for e in reminded}) == 6  # each once
    assert await Scheduler(store, service, worker="a").tick() == 0  # "a" back: nothing fires twice


async def test_a_failed_timer_is_free_for_any_worker_when_it_is_due_again(
        store: Store, service: TicketService, clock: FakeClock) -> None:
    await _due(store, service, clock, reports=1)
    (timer,) = await store.take_timers(clock.now, "a", clock.now + CLAIM_HOLD)
    async with store.write() as tx:
        await tx.timer_failed(timer.id or 0, "boom", clock.now + timedelta(seconds=30))
    clock.advance(seconds=31)  # due again, well within "a"'s claim: the failure gave it up
    assert [t.id for t in await store.take_timers(clock.now, "b", clock.now + CLAIM_HOLD)] == [timer.id]


async def test_on_postgresql_a_claim_skips_the_rows_another_transaction_holds(
        postgres: PostgreSQL, mini_router: Router, clock: FakeClock) -> None:
    async with await Store.open(postgres.database()) as store:
        service = TicketService(store, mini_router, clock=clock)
        await _due(store, service, clock, reports=4)
        other = await asyncpg.connect(pg.community_of(store.address)[0])
        try:
            held = other.transaction()
            await held.start()
            locked = {r["id"] for r in await other.fetch(
                "SELECT id FROM timers WHERE state = 'pending' ORDER BY due_at, id LIMIT 2 FOR UPDATE")}
            # a plain claim would wait for that transaction; SKIP LOCKED takes the others at once
            taken = await asyncio.wait_for(store.take_timers(clock.now, "b", clock.now + CLAIM_HOLD), timeout=10)
            assert len(taken) == 2 and not {t.id for t in taken} & locked
            await held.rollback()
            again = await store.take_timers(clock.now, "c", clock.now + CLAIM_HOLD)
            assert {t.id for t in again} == locked  # free once that transaction ended; "b"'s stay "b"'s
        finally:
            await other.close()
