"""An in-memory stand-in for a store transaction, so a simulation can drive the real ticket service fast.

:class:`chatops.tickets.service.TicketService` reads and writes tickets through a ``Transaction`` (``tx=``).
:class:`MemoryBatch` offers the same methods over dictionaries and assigns ``seq`` and ticket numbers
exactly as a fresh store would; :meth:`MemoryBatch.flush` then writes the accumulated events with one
bulk ``append_many`` and the changed ticket rows, in one real store transaction. Every move still goes
through the service, :func:`chatops.tickets.lifecycle.check` and :func:`chatops.tickets.lifecycle.apply`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from chatops.tickets.lifecycle import OPEN, Event, Move, Ticket, copied
from chatops.tickets.store import Store, Timer

_HEARD = frozenset((Move.REPORTED, Move.SUPPORTED, Move.NOTE, Move.WITHDRAWN))  # the kinds append() keeps track of


class MemoryBatch:
    """The reads and writes :class:`~chatops.tickets.service.TicketService` needs, kept in memory until flushed.

    Only for a store that nobody else writes while the batch is open (a simulation's own file): the
    numbers it hands out continue from ``next_seq`` and ``next_ticket``.
    """

    def __init__(self, *, next_seq: int = 1, next_ticket: int = 1) -> None:
        self._seq, self._ticket = next_seq, next_ticket
        self.tickets: dict[int, Ticket] = {}
        self._sources: dict[str, int] = {}
        self.events: list[Event] = []
        self._dirty: set[int] = set()
        self._clusters: dict[tuple[str, str], list[int]] = defaultdict(list)  # (category, grid) -> tickets
        # ticket -> (who, when) it was reported or supported, a support taken back (withdrawn) left out
        self._reports: dict[int, list[tuple[str | None, datetime]]] = defaultdict(list)  # supporter or None
        self._heard: set[tuple[int, str]] = set()  # (ticket, message) of each support and note
        self.timers: dict[int, Timer] = {}  # pending timers by id: the simulation fires them through the scheduler
        self._new_timers: list[Timer] = []
        self._timer_id = 0
        self._timer_keys: dict[int, set[tuple[str, str, datetime]]] = defaultdict(set)  # ticket -> its timers

    async def ticket(self, ticket_id: int) -> Ticket | None:
        """Return ticket ``ticket_id`` if this batch holds it."""
        return self.tickets.get(ticket_id)

    async def ticket_by_source(self, source: str) -> Ticket | None:
        """Return the ticket made from ``source`` if this batch holds it."""
        tid = self._sources.get(source)
        return None if tid is None else self.tickets.get(tid)

    async def next_ticket_id(self) -> int:
        """Return the next ticket number."""
        return self._ticket

    async def append(self, event: Event) -> Event:
        """Keep ``event``; return it with the ``seq`` the store will give it."""
        event = event.numbered(self._seq)
        self._seq += 1
        self.events.append(event)
        if event.kind not in _HEARD:
            return event
        if event.kind in (Move.REPORTED, Move.SUPPORTED):
            self._reports[event.ticket_id].append((event.actor if event.kind is Move.SUPPORTED else None, event.at))
        if event.kind in (Move.SUPPORTED, Move.NOTE) and (source := event.data.get("source")):
            self._heard.add((event.ticket_id, source))
        elif event.kind is Move.WITHDRAWN and event.ticket_id in self._reports:
            said = self._reports[event.ticket_id]
            said[:] = [(who, at) for who, at in said if who != event.actor]  # the report itself stays
        return event

    async def heard_from(self, ticket_id: int, source: str) -> bool:
        """Return whether message ``source`` already joined ticket ``ticket_id`` in this batch."""
        return (ticket_id, source) in self._heard

    async def save_ticket(self, ticket: Ticket) -> None:
        """Keep ``ticket``'s projection row."""
        if ticket.id not in self.tickets:
            self._sources[ticket.source] = ticket.id
            self._ticket = max(self._ticket, ticket.id + 1)
        old = self.tickets.get(ticket.id)
        if ticket.category and ticket.grid and (old is None or old.category is None):
            self._clusters[(ticket.category, ticket.grid)].append(ticket.id)
        self.tickets[ticket.id] = ticket
        self._dirty.add(ticket.id)

    async def open_like(self, category: str, grid: str, since: datetime, limit: int = 20) -> list[Ticket]:
        """Return the open tickets of ``category`` in ``grid`` reported at ``since`` or later, oldest first."""
        ids = self._clusters.get((category, grid), [])
        ids[:] = [i for i in ids if i in self.tickets and self.tickets[i].created_at >= since]
        return [self.tickets[i] for i in ids if self.tickets[i].state in OPEN][:limit]

    async def reports_since(self, ticket_id: int, since: datetime) -> int:
        """Return how many reports and supports ticket ``ticket_id`` had at ``since`` or later, a support taken
        back (the supporter's ``withdrawn``) left out, as the store counts them.

        >>> import asyncio
        >>> from datetime import UTC, datetime
        >>> batch, at = MemoryBatch(), datetime(2026, 6, 1, tzinfo=UTC)
        >>> for kind, who in ((Move.REPORTED, "@a"), (Move.SUPPORTED, "@b"), (Move.SUPPORTED, "@c"),
        ...                   (Move.WITHDRAWN, "@b"), (Move.WITHDRAWN, "@a")):  # the reporter's deletion: it stays
        ...     _ = asyncio.run(batch.append(Event(1, kind, who, at)))
        >>> asyncio.run(batch.reports_since(1, at))
        2
        """
        return sum(1 for _who, at in self._reports.get(ticket_id, ()) if at >= since)

    async def schedule(self, timers: list[Timer]) -> None:
        """Keep the timers, numbered as the store would (the same ticket, kind, deadline and reference twice is
        one timer)."""
        for t in timers:
            key, seen = (t.kind, t.deadline, t.ref_at), self._timer_keys[t.ticket_id]
            if key in seen:
                continue
            seen.add(key)
            self._timer_id += 1
            timer = copied(t, id=self._timer_id)
            self.timers[self._timer_id] = timer
            self._new_timers.append(timer)

    @property
    def has_new_timers(self) -> bool:
        """Return whether timers were scheduled since the last :meth:`take_timers`."""
        return bool(self._new_timers)

    def take_timers(self) -> list[Timer]:
        """Return the timers scheduled since the last call."""
        new, self._new_timers = self._new_timers, []
        return new

    async def finish_timer(self, timer_id: int, state: str) -> bool:
        """Mark a pending timer ``fired`` or ``cancelled``; return ``False`` if it was no longer pending."""
        return self.timers.pop(timer_id, None) is not None

    def take(self) -> tuple[list[Event], list[Ticket]]:
        """Return the kept events and the changed tickets (by number) and start afresh: what a flush writes."""
        events, tickets = self.events, [self.tickets[tid] for tid in sorted(self._dirty)]
        self.events, self._dirty = [], set()
        return events, tickets

    async def flush(self, store: Store) -> int:
        """Write the kept events and changed tickets to ``store`` in one transaction; return the events written."""
        if not self.events and not self._dirty:
            return 0
        events, tickets = self.take()
        async with store.write() as tx:
            await tx.append_many(events)
            await tx.save_tickets(tickets)
        return len(events)

    def forget(self, ticket_ids: Iterable[int]) -> None:
        """Drop flushed tickets nothing will touch again (keeps memory flat on long runs)."""
        for tid in ticket_ids:
            if tid in self._dirty:
                continue
            ticket = self.tickets.pop(tid, None)
            if ticket is not None:
                self._sources.pop(ticket.source, None)
                self._reports.pop(tid, None)
                self._timer_keys.pop(tid, None)
