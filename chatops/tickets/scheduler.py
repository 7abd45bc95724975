"""The scheduler: fires the store's due timers, each exactly once, and lets the rule engine pick the step.

Every reminder and deadline is a row in the store (``timers``), written with the move that set it. A tick
takes the due ones and fires them a few dozen to a transaction (one commit; if one raises, each is
fired again alone, so it fails by itself). For each it checks the ticket still has that deadline, asks
durable_rules what to do (remind, escalate up the chain, flag at the top, close a call-back whose
window ended, or give the street office a report whose resident did not say which matter it is),
records the event, queues its notices and marks the timer fired. A restart loses nothing
and fires nothing twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chatops.tickets.lifecycle import OPEN, SYSTEM, Event, Move, State, Ticket
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store, Timer, Transaction
from rules.escalation import CLOSE, ESCALATE, FLAG, REMIND, TRIAGE

log = logging.getLogger(__name__)
TIMER_ATTEMPTS = 8          # a timer whose firing fails this often is marked failed (the operator sees it)
TIMER_BACKOFF = 30.0        # seconds before the first retry, doubling
TIMER_BACKOFF_MAX = 3600.0
TIMERS_PER_TX = 32          # due timers fired in one transaction (a report waits at most this many behind)
CLAIM_HOLD = timedelta(seconds=120)  # how long a worker's claim on due timers keeps other workers off them
Announce = Callable[[Transaction, Ticket, Ticket, Event], Awaitable[None]]


async def _quiet(tx: Transaction, before: Ticket, after: Ticket, event: Event) -> None:
    return None


def still_due(ticket: Ticket | None, timer: Timer) -> bool:
    """Return whether ``ticket`` still has the deadline ``timer`` serves (else it moved on: cancel)."""
    if ticket is None:
        return False
    if timer.deadline == "sign":
        return ticket.state is State.ROUTED and ticket.sign_deadline == timer.ref_at
    if timer.deadline == "callback":
        return ticket.state is State.RESOLVED and ticket.callback_deadline == timer.ref_at
    if timer.deadline == "choice":
        return ticket.awaits_choice and ticket.choose_deadline == timer.ref_at
    return ticket.state in OPEN and ticket.resolve_deadline == timer.ref_at


class Scheduler:
    """Fires due timers through the ticket service; ``announce`` queues the notices of each event."""

    def __init__(self, store: Store, service: TicketService, *, announce: Announce = _quiet,
                 committed: Callable[[], None] = lambda: None,
                 periodic: Callable[[], Awaitable[None]] | None = None, worker: str | None = None) -> None:
        self.store, self.service, self.announce, self.committed = store, service, announce, committed
        # who claims the due timers: bot workers on one store each fire their own share; a process started again
        # under the same name (the only bot is "bot") takes its claims back at once
        self.worker = worker or "bot"
        self.periodic = periodic  # work done on every tick, e.g. the monthly ranking
        self.book = service.rulebook
        self.rules = service.escalation
        self.fired = 0
        self.failures = 0
        self.beat: datetime | None = None  # when the loop last went round (for the operator's view)
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def tick(self, now: datetime | None = None) -> int:
        """Fire every timer due at ``now`` (the service's clock by default) that no other worker has claimed;
        return how many fired. Nothing due costs one read; what is due is claimed first (several workers on
        one store each take their own, :meth:`Store.take_timers`) and then fired."""
        now = now or self.service.clock()
        fired = 0
        while await self.store.due_timers(now, limit=1) and (
                batch := await self.store.take_timers(now, self.worker, now + CLAIM_HOLD)):
            for start in range(0, len(batch), TIMERS_PER_TX):
                fired += await self._fire_together(batch[start:start + TIMERS_PER_TX])
        self.fired += fired
        return fired

    async def _fire_together(self, timers: list[Timer]) -> int:
        """Fire ``timers`` in one transaction (one commit for all); return how many fired. If one raises,
        nothing of the batch is kept and each is fired again in a transaction of its own, so that timer
        alone fails (recorded, retried later) and the rest go on."""
        fired = 0
        try:
            async with self.store.write() as tx:
                for timer in timers:
                    fired += await self._fire_in(tx, timer)
        except Exception as exc:
            if len(timers) == 1:
                await self._failed(timers[0], exc)
                return 0
            fired = 0
            for timer in timers:
                try:
                    async with self.store.write() as tx:
                        fired += await self._fire_in(tx, timer)
                except Exception as alone:  # this timer alone fails
                    await self._failed(timer, alone)
        if fired:
            self.committed()  # their notices are in the outbox now
        return fired

    async def _failed(self, timer: Timer, exc: Exception) -> None:
        """Record a timer whose firing raised: due again after a backoff, or failed after the last try."""
        self.failures += 1
        error = f"{exc.__class__.__name__}: {exc}"[:500]
        give_up = timer.attempts + 1 >= TIMER_ATTEMPTS
        retry_at = None if give_up else self.service.clock() + timedelta(
            seconds=min(TIMER_BACKOFF_MAX, TIMER_BACKOFF * 2 ** timer.attempts))
        log.error("timer %s (ticket %s, %s %s) failed%s: %s", timer.id, timer.ticket_id, timer.kind,
                  timer.deadline, " for good" if give_up else f"; retry at {retry_at}", error, exc_info=exc)
        async with self.store.write() as tx:
            await tx.timer_failed(timer.id or 0, error, retry_at)

    async def _fire_in(self, tx: Transaction, timer: Timer) -> int:
        fired = await self.fire(tx, timer)
        if fired is None:
            return 0
        await self.announce(tx, *fired)
        return 1

    async def fire(self, tx: Transaction, timer: Timer) -> tuple[Ticket, Ticket, Event] | None:
        """Return ``(before, after, event)`` of what ``timer`` calls for, recorded in ``tx``; ``None`` when the
        ticket moved on (the timer is cancelled) or the timer was taken already.

        The one policy for time: the live scheduler and the simulator both fire timers here, so a simulated
        log carries the same rules, deadlines and data as a live one.
        """
        ticket = await tx.ticket(timer.ticket_id)
        if ticket is None or not still_due(ticket, timer):
            await tx.finish_timer(timer.id or 0, "cancelled")
            return None
        if not await tx.finish_timer(timer.id or 0, "fired"):
            return None
        chain = self.book.escalation_chain(self.book.category_by_id.get(ticket.category or ""), ticket.lead or "")
        level = chain.index(ticket.escalated_to) if ticket.escalated_to in chain else -1
        nxt = chain[level + 1] if level + 1 < len(chain) else None
        rule, step = await self.decide(timer, more=nxt is not None)
        data: dict[str, Any] = {"deadline": timer.deadline, "due": timer.ref_at.isoformat()}
        if step.action == TRIAGE:
            _before, after, event = await self.service.triage(ticket.id, rule, tx=tx)
        elif step.action == REMIND:
            after, event = await self.service.act_event(ticket.id, SYSTEM, Move.REMINDED, target=ticket.lead,
                                                        data=data, tx=tx, rule=rule, known=ticket)
        elif step.action == ESCALATE and nxt is not None:
            grace = self.book.limits_for(ticket.category, ticket.priority).sign_for
            data[f"{timer.deadline}_deadline"] = self._grace(grace, ticket).isoformat()
            after, event = await self.service.act_event(ticket.id, SYSTEM, Move.ESCALATED, target=nxt,
                                                        data=data, tx=tx, rule=rule, known=ticket)
        elif step.action == CLOSE:
            data.update(verdicts=len(ticket.verdicts), residents=len(ticket.asked))
            after, event = await self.service.act_event(ticket.id, SYSTEM, Move.CLOSED, data=data, tx=tx,
                                                        rule=rule, known=ticket)
        elif step.action == FLAG:
            top = chain[-1] if chain else self.book.fallback
            after, event = await self.service.act_event(ticket.id, SYSTEM, Move.REMINDED, target=top,
                                                        data={**data, "overdue": True}, tx=tx, rule=rule, known=ticket)
        else:
            return None
        return ticket, after, event

    async def decide(self, timer: Timer, *, more: bool) -> tuple[str, Any]:
        """Return the rule engine's ``(rule, step)`` for ``timer`` (``more``: the chain has a next level)."""
        return await self.rules.adue(timer.kind, timer.deadline, more=more)

    def _grace(self, grace: timedelta, ticket: Ticket) -> datetime:
        """Return the next deadline after an escalation: the sign-for limit again, on the rulebook's clock."""
        return self.service.deadline(self.service.clock(), grace, ticket.priority)

    async def run(self, stop: asyncio.Event, *, idle: float = 30.0) -> None:
        """Tick until ``stop``: at the next due timer, when woken after a move, or every ``idle`` seconds."""
        while not stop.is_set():
            self._wake.clear()
            try:
                await self.tick()
                self.beat = datetime.now(UTC)  # the wall clock, whatever clock the tickets keep
            except Exception:  # the store itself failed: wait and try again (each timer fails alone in tick)
                log.exception("scheduler tick failed")
            try:
                if self.periodic is not None:
                    await self.periodic()
            except Exception:
                log.exception("the scheduler's periodic work failed")
            nxt = await self.store.next_due()
            pause = idle if nxt is None else max(0.05, min(idle, (nxt - self.service.clock()).total_seconds()))
            waiter = asyncio.ensure_future(self._wake.wait())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait({waiter, stopper}, timeout=pause, return_when=asyncio.FIRST_COMPLETED)
            for f in (waiter, stopper):
                f.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await f
