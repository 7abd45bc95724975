"""The ticket store: the only module that writes SQL. aiosqlite, WAL, one writer at a time.

Reads go through their own connection (WAL lets them run beside a write); every write happens inside
:meth:`Store.write`, a ``BEGIN IMMEDIATE`` transaction that also serialises writers in this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import aiosqlite

from chatops.tickets.address import is_database, shown
from chatops.tickets.events import check_event, columns
from chatops.tickets.lifecycle import OPEN, Event, Move, State, Ticket
from chatops.tickets.store import pg
from chatops.tickets.store.apikeys import ApiKeyReads, ApiKeyWrites
from chatops.tickets.store.bank import BankPosts, BankReads, BankWrites, VolunteerReads
from chatops.tickets.store.chat import ChatReads, ChatWrites, OutboxRow, Timer, utc_text
from chatops.tickets.store.jsontext import from_json, to_json
from chatops.tickets.store.leases import LeaseReads, LeaseWrites
from chatops.tickets.store.meetings import MeetingReads, MeetingWrites
from chatops.tickets.store.migrations import LATEST, MIGRATIONS, OWNER, StoreError, migrate, version_of

log = logging.getLogger(__name__)

TICKET_FIELDS = [f.name for f in dataclasses.fields(Ticket)]
_TICKET_INSERT = (
    f"INSERT OR REPLACE INTO tickets ({', '.join(TICKET_FIELDS)}) "
    f"VALUES ({', '.join('?' for _ in TICKET_FIELDS)})"
)
_EVENT_COLUMNS = "seq, ticket_id, kind, actor, actor_handler, target, reason, rule, at, data"
_EVENT_INSERT = (
    "INSERT INTO events (ticket_id, kind, actor, actor_handler, target, reason, rule, at, data, "
    "sign_deadline, resolve_deadline, rating, days, handlers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclasses.dataclass(frozen=True)
class ReportHistory:
    """A past report and its fate: ``first`` is where it was routed, ``final`` where it ended."""

    ticket_id: int
    text: str
    grid: str | None
    first: str
    final: str
    transfers: int
    returns: int
    resolved: bool
    asked: bool = False  # the resident was asked which matter it was (its first handler is their pick)

    @property
    def passed(self) -> bool:
        """Return whether it was transferred or returned on the way."""
        return bool(self.transfers or self.returns)


def _ticket(row: aiosqlite.Row) -> Ticket:
    values: dict[str, Any] = dict(zip(TICKET_FIELDS, row, strict=True))
    for name in ("created_at", "updated_at", "sign_deadline", "resolve_deadline", "callback_deadline",
                 "choose_deadline"):
        if values[name] is not None:
            values[name] = datetime.fromisoformat(values[name])
    for name in ("co", "acked_by", "followers", "verdicts", "rated_by", "options"):
        values[name] = tuple(from_json(values[name]))
    for name in ("solved", "awaiting_rating", "joint"):
        if values[name] is not None:
            values[name] = bool(values[name])
    values["state"] = State(values["state"])
    return Ticket(**values)


def _narrowed(*, categories: tuple[str, ...] = (), **columns: tuple[Any, ...]) -> tuple[list[str], list[Any]]:
    """Return the WHERE conditions and their arguments that keep the tickets whose ``columns`` (grid, state,
    id, lead) are among the values given, and whose category is among ``categories`` (``""``: unclassified).

    >>> _narrowed(grid=("g1", "g2"), categories=("leak", ""))
    (['grid IN (?, ?)', '(category IN (?) OR category IS NULL)'], ['g1', 'g2', 'leak'])
    """
    where: list[str] = []
    args: list[Any] = []
    for column, values in columns.items():
        if values:
            where.append(f"{column} IN ({', '.join('?' for _ in values)})")
            args.extend(values)
    if categories:
        named = [c for c in categories if c]
        alternatives = [f"category IN ({', '.join('?' for _ in named)})"] if named else []
        if "" in categories:
            alternatives.append("category IS NULL")
        where.append("(" + " OR ".join(alternatives) + ")")
        args.extend(named)
    return where, args


def event_row(e: Event) -> tuple[Any, ...]:
    """Return the row of ``e`` for :meth:`Transaction.append_rows` (checked against the event contract: a move
    that breaks it is never written); its first cell is the ticket number."""
    check_event(e)
    return (e.ticket_id, str(e.kind), e.actor, e.actor_handler, e.target, e.reason, e.rule,
            e.at.isoformat(), to_json(e.data), *columns(e))


_BULK_CACHE = -262_144  # KiB: the page cache of a bulk fill (256 MiB; SQLite's own is 2 MiB)


def _typed(prefix: str) -> tuple[int, ...]:
    """Return the places in ``TICKET_FIELDS`` of the ticket's fields declared as ``prefix`` (or ``prefix | None``)."""
    return tuple(i for i, f in enumerate(dataclasses.fields(Ticket)) if str(f.type).startswith(prefix))


_TIMES, _TUPLES, _FLAGS = _typed("datetime"), _typed("tuple"), _typed("bool")


def ticket_row(t: Ticket) -> list[Any]:
    """Return the projection row of ``t`` (in the order of ``TICKET_FIELDS``) for
    :meth:`Transaction.save_ticket_rows`: times as ISO text, tuples as JSON, flags as 0 or 1, by their declared
    types (a simulation writes a row per ticket changed).

    >>> from datetime import UTC, datetime
    >>> at = datetime(2026, 1, 1, tzinfo=UTC)
    >>> row = ticket_row(Ticket(1, "m:1", "@a:x", "漏水", at, at, co=("water",), joint=True))
    >>> row[TICKET_FIELDS.index("created_at")], row[TICKET_FIELDS.index("co")], row[TICKET_FIELDS.index("joint")]
    ('2026-01-01T00:00:00+00:00', '["water"]', 1)
    """
    values = t.__dict__
    row = [values[f] for f in TICKET_FIELDS]
    for i in _TIMES:
        if row[i] is not None:
            row[i] = row[i].isoformat()
    for i in _TUPLES:
        row[i] = to_json(row[i])
    for i in _FLAGS:
        if row[i] is not None:
            row[i] = int(row[i])
    return row


def _event(row: aiosqlite.Row) -> Event:
    seq, ticket_id, kind, actor, actor_handler, target, reason, rule, at, data = row
    return Event(ticket_id=ticket_id, kind=Move(kind), actor=actor, at=datetime.fromisoformat(at),
                 actor_handler=actor_handler, target=target, reason=reason, rule=rule,
                 data=from_json(data), seq=seq)


class _Reads(ChatReads, ApiKeyReads, BankReads, BankPosts, MeetingReads, VolunteerReads, LeaseReads):
    """Queries shared by the store and its transactions."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def ticket(self, ticket_id: int) -> Ticket | None:
        """Return ticket ``ticket_id`` or ``None``."""
        async with self.db.execute(f"SELECT {', '.join(TICKET_FIELDS)} FROM tickets WHERE id = ?",
                                   (ticket_id,)) as cur:
            row = await cur.fetchone()
        return _ticket(row) if row else None

    async def ticket_by_source(self, source: str) -> Ticket | None:
        """Return the ticket made from source message ``source`` (e.g. a Matrix event id), or ``None``."""
        async with self.db.execute(f"SELECT {', '.join(TICKET_FIELDS)} FROM tickets WHERE source = ?",
                                   (source,)) as cur:
            row = await cur.fetchone()
        return _ticket(row) if row else None

    async def tickets(self, *, state: str | None = None, lead: str | None = None,
                      reporter: str | None = None, resident: str | None = None, handler: str | None = None,
                      limit: int = 100) -> list[Ticket]:
        """Return up to ``limit`` tickets, newest first, filtered by state, lead handler, ``handler`` (the lead or a
        co-handler), reporter, or ``resident`` (who reported or supported them)."""
        where, args = [], []
        for column, value in (("state", state), ("lead", lead), ("reporter", reporter)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if handler is not None:  # co is a JSON list of ids: the id in quotes, LIKE's wildcards escaped
            quoted = to_json(handler).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("(lead = ? OR co LIKE ? ESCAPE '\\')")
            args.extend((handler, f"%{quoted}%"))
        if resident is not None:
            where.append("(reporter = ? OR id IN (SELECT ticket_id FROM events WHERE kind = 'supported' "
                         "AND actor = ?))")
            args.extend((resident, resident))
        sql = f"SELECT {', '.join(TICKET_FIELDS)} FROM tickets"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        async with self.db.execute(sql, (*args, limit)) as cur:
            return [_ticket(r) for r in await cur.fetchall()]

    async def events(self, ticket_id: int | None = None, *, after: int = 0,
                     limit: int | None = None) -> list[Event]:
        """Return events in log order, of one ticket or all, with ``seq`` above ``after``."""
        sql = f"SELECT {_EVENT_COLUMNS} FROM events WHERE seq > ?"
        args: list[Any] = [after]
        if ticket_id is not None:
            sql += " AND ticket_id = ?"
            args.append(ticket_id)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        async with self.db.execute(sql, args) as cur:
            return [_event(r) for r in await cur.fetchall()]

    async def listing(self, *, grids: tuple[str, ...] = (), categories: tuple[str, ...] = (),
                      states: tuple[str, ...] = (), since: datetime | None = None, until: datetime | None = None,
                      updated_since: datetime | None = None, ids: tuple[int, ...] = (),
                      leads: tuple[str, ...] = (), joint: bool | None = None, limit: int = 20,
                      offset: int = 0) -> tuple[list[Ticket], int]:
        """Return one page of tickets, newest first, and how many match in all: those in any of ``grids``,
        ``categories`` (``""`` for unclassified), ``states`` and ``leads``, reported in ``[since, until)``,
        changed at ``updated_since`` or later, numbered ``ids``, ``joint`` (several departments) or not.
        What the board, Open311 and the staff list."""
        where, args = _narrowed(grid=grids, state=states, id=ids, lead=leads, categories=categories)
        if joint is not None:
            where.append("joint = ?")
            args.append(int(joint))
        for column, op, moment in (("created_at", ">=", since), ("created_at", "<", until),
                                   ("updated_at", ">=", updated_since)):
            if moment is not None:
                where.append(f"{column} {op} ?")
                args.append(utc_text(moment))
        only = (" WHERE " + " AND ".join(where)) if where else ""
        async with self.db.execute(f"SELECT COUNT(*) FROM tickets{only}", args) as cur:
            row = await cur.fetchone()
        async with self.db.execute(f"SELECT {', '.join(TICKET_FIELDS)} FROM tickets{only} ORDER BY id DESC "
                                   "LIMIT ? OFFSET ?", (*args, limit, offset)) as cur:
            page = [_ticket(r) for r in await cur.fetchall()]
        return page, int(row[0]) if row else 0

    async def due_list(self, which: str, now: datetime, soon: datetime, *, leads: tuple[str, ...] = (),
                       grids: tuple[str, ...] = (), categories: tuple[str, ...] = (), limit: int = 100
                       ) -> tuple[list[Ticket], int]:
        """Return up to ``limit`` open tickets of one of the staff's lists and how many there are in all:
        ``overdue`` (the deadline their holder faces now — to sign for it while routed, else to resolve it —
        is before ``now``; the longest overdue first), ``soon`` (due in ``[now, soon)``, the nearest first),
        ``unsigned`` (routed, not signed for; the oldest first) or ``extensions`` (asking for days), of
        ``leads``, ``grids`` and ``categories`` (``""``: unclassified) when given."""
        due = "(CASE WHEN state = 'routed' AND sign_deadline IS NOT NULL THEN sign_deadline ELSE resolve_deadline END)"
        where = [f"state IN ({', '.join(repr(str(s)) for s in sorted(OPEN))})"]
        args: list[Any] = []
        if which == "overdue":
            where.append(f"{due} < ?")
            args.append(utc_text(now))
        elif which == "soon":
            where.append(f"{due} >= ? AND {due} < ?")
            args += [utc_text(now), utc_text(soon)]
        elif which == "unsigned":
            where.append("state = 'routed'")
        elif which == "extensions":
            where.append("extension_asked IS NOT NULL AND extension_asked != 0")
        else:
            raise ValueError(which)
        more, more_args = _narrowed(lead=leads, grid=grids, categories=categories)
        where += more
        args += more_args
        clause = " WHERE " + " AND ".join(where)
        order = {"overdue": due, "soon": due, "unsigned": "created_at", "extensions": "updated_at"}[which]
        async with self.db.execute(f"SELECT COUNT(*) FROM tickets{clause}", args) as cur:
            row = await cur.fetchone()
        async with self.db.execute(f"SELECT {', '.join(TICKET_FIELDS)} FROM tickets{clause} ORDER BY {order}, id "
                                   "LIMIT ?", (*args, limit)) as cur:
            return [_ticket(r) for r in await cur.fetchall()], int(row[0]) if row else 0

    async def card_links(self, ticket_ids: Iterable[int]) -> dict[tuple[int, str], str]:
        """Return the event id of each ticket's latest card sent to each room: ``{(ticket, room): event id}``."""
        ids = list(dict.fromkeys(ticket_ids))
        out: dict[tuple[int, str], str] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            async with self.db.execute(
                    "SELECT ticket_id, room_id, event_id FROM outbox WHERE purpose = 'card' AND event_id IS NOT NULL "
                    f"AND ticket_id IN ({', '.join('?' for _ in part)}) ORDER BY id", part) as cur:
                out.update({(t, room): e for t, room, e in await cur.fetchall()})
        return out

    async def events_of(self, ticket_ids: Iterable[int]) -> dict[int, list[Event]]:
        """Return the events of each of ``ticket_ids`` in log order, in one query (a page of a listing)."""
        ids = list(dict.fromkeys(ticket_ids))
        out: dict[int, list[Event]] = {i: [] for i in ids}
        if ids:
            async with self.db.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE ticket_id IN "
                                       f"({', '.join('?' for _ in ids)}) ORDER BY seq", ids) as cur:
                for row in await cur.fetchall():
                    out[row[1]].append(_event(row))
        return out

    async def data_version(self) -> int:
        """Return SQLite's ``data_version``: it changes when another connection commits (a cache key). On
        PostgreSQL: the newest event's number and the count of ticket rows' last changes."""
        sql = "PRAGMA data_version" if not isinstance(self.db, pg.Connection) else \
            "SELECT COALESCE(MAX(seq), 0) * 1000003 + (SELECT COALESCE(SUM(last_seq), 0) FROM tickets) FROM events"
        async with self.db.execute(sql) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def newest_ticket_id(self) -> int:
        """Return the highest ticket number (0 for none)."""
        async with self.db.execute("SELECT COALESCE(MAX(id), 0) FROM tickets") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def newest_seq(self) -> int:
        """Return the number of the newest event (0 for none)."""
        async with self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM events") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def outside_moves(self, after: int, until: int, limit: int = 500) -> list[Event]:
        """Return up to ``limit`` supports and notes numbered above ``after`` and up to ``until``, in log order, that
        someone made who is neither a chat user nor the system (a citizen reporting through Open311)."""
        async with self.db.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE seq > ? AND seq <= ? AND kind IN ('supported', 'note') "
                "AND actor NOT LIKE '@%' AND actor <> 'system' ORDER BY seq LIMIT ?", (after, until, limit)) as cur:
            return [_event(r) for r in await cur.fetchall()]

    async def tickets_after(self, ticket_id: int, limit: int = 500) -> list[Ticket]:
        """Return up to ``limit`` tickets numbered above ``ticket_id``, in order."""
        async with self.db.execute(f"SELECT {', '.join(TICKET_FIELDS)} FROM tickets WHERE id > ? ORDER BY id "
                                   "LIMIT ?", (ticket_id, limit)) as cur:
            return [_ticket(r) for r in await cur.fetchall()]

    async def recent(self, kinds: tuple[str, ...], since: datetime, limit: int = 200) -> list[Event]:
        """Return the events of ``kinds`` at ``since`` or later, newest first (e.g. whistles, escalations)."""
        async with self.db.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE kind IN ({', '.join('?' for _ in kinds)}) AND at >= ? "
                "ORDER BY at DESC LIMIT ?", (*kinds, utc_text(since), limit)) as cur:
            return [_event(r) for r in await cur.fetchall()]

    async def tally(self, *, states: tuple[str, ...] = (), category: str | None = None,
                    since: datetime | None = None, until: datetime | None = None, late_at: datetime | None = None,
                    buildings: bool = False) -> dict[tuple[str | None, str | None, str | None], int]:
        """Return how many tickets each place has: ``{(grid, estate, building or None): count}`` for tickets in
        ``states`` of ``category``, reported in ``[since, until)``, past their deadline to resolve at ``late_at``;
        ``buildings`` counts by building as well (staff only). What the map (民情地图) shades."""
        where: list[str] = []
        args: list[Any] = []
        if states:
            where.append(f"state IN ({', '.join('?' for _ in states)})")
            args.extend(states)
        if category is not None:
            where.append("category = ?")
            args.append(category)
        for op, moment in ((">=", since), ("<", until)):
            if moment is not None:
                where.append(f"created_at {op} ?")
                args.append(utc_text(moment))
        if late_at is not None:
            where.append("julianday(resolve_deadline) < julianday(?)")
            args.append(utc_text(late_at))
        building = "building" if buildings else "NULL"
        only = (" WHERE " + " AND ".join(where)) if where else ""
        async with self.db.execute(f"SELECT grid, estate, {building}, COUNT(*) FROM tickets{only} "
                                   f"GROUP BY grid, estate, {building}", args) as cur:
            return {(g, e, b): int(n) for g, e, b, n in await cur.fetchall()}

    async def months(self) -> list[str]:
        """Return the months (YYYY-MM, UTC) in which tickets were reported, in order."""
        async with self.db.execute("SELECT DISTINCT substr(created_at, 1, 7) FROM tickets ORDER BY 1") as cur:
            return [m for (m,) in await cur.fetchall() if m]

    async def open_like(self, category: str, grid: str, since: datetime, limit: int = 20) -> list[Ticket]:
        """Return the open tickets of ``category`` in ``grid`` reported at ``since`` or later, oldest first (at
        most ``limit``)."""
        async with self.db.execute(
                f"SELECT {', '.join(TICKET_FIELDS)} FROM tickets WHERE category = ? AND grid = ? "
                "AND state IN ('routed', 'acknowledged') AND created_at >= ? ORDER BY id LIMIT ?",
                (category, grid, since.isoformat(), limit)) as cur:
            return [_ticket(row) for row in await cur.fetchall()]

    async def report_sources(self, ticket_id: int) -> dict[str, str]:
        """Return the residents of ticket ``ticket_id`` by the message they reported it in (``source``)."""
        async with self.db.execute(
                "SELECT json_extract(data, '$.source'), actor FROM events WHERE ticket_id = ? "
                "AND kind IN ('reported', 'supported') ORDER BY seq", (ticket_id,)) as cur:
            return {source: actor for source, actor in await cur.fetchall() if source}

    async def heard_from(self, ticket_id: int, source: str) -> bool:
        """Return whether message ``source`` already joined ticket ``ticket_id`` (as support, or as a note)."""
        async with self.db.execute(
                "SELECT 1 FROM events WHERE ticket_id = ? AND kind IN ('supported', 'note') "
                "AND json_extract(data, '$.source') = ? LIMIT 1", (ticket_id, source)) as cur:
            return await cur.fetchone() is not None

    async def sources_from(self, prefix: str, since: datetime) -> set[str]:
        """Return the message sources that begin with ``prefix``: of tickets, and of supports and notes made at
        ``since`` or later (an Open311 client's key names its requests so)."""
        end = prefix + "\uffff"
        async with self.db.execute(
                "SELECT source FROM tickets WHERE source >= ? AND source < ? UNION "
                "SELECT json_extract(data, '$.source') FROM events WHERE kind IN ('supported', 'note') AND at >= ? "
                "AND json_extract(data, '$.source') >= ? AND json_extract(data, '$.source') < ?",
                (prefix, end, since.isoformat(), prefix, end)) as cur:
            return {source for (source,) in await cur.fetchall() if source}

    async def supported_from(self, source: str, actor: str) -> int | None:
        """Return the ticket ``actor`` supported (附议) from message ``source``, or ``None``."""
        async with self.db.execute(
                "SELECT ticket_id FROM events WHERE kind = 'supported' AND actor = ? "
                "AND json_extract(data, '$.source') = ? ORDER BY seq DESC LIMIT 1", (actor, source)) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else None

    async def reports_since(self, ticket_id: int, since: datetime) -> int:
        """Return how many residents reported or supported ticket ``ticket_id`` at ``since`` or later: a support
        taken back since (the supporter's later ``withdrawn``) no longer counts toward a whistle."""
        async with self.db.execute(
                "SELECT COUNT(*) FROM events e WHERE e.ticket_id = ? AND e.kind IN ('reported', 'supported') "
                "AND e.at >= ? AND NOT (e.kind = 'supported' AND EXISTS (SELECT 1 FROM events w "
                "WHERE w.ticket_id = e.ticket_id AND w.kind = 'withdrawn' AND w.actor = e.actor AND w.seq > e.seq))",
                (ticket_id, since.isoformat())) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def training_reports(self) -> list[tuple[int, str, str]]:
        """Return ``(ticket, text, handler)`` for every report (and supporting report) of a resolved
        ticket, labelled with the handler that resolved it last: what the ticket finally became after
        every transfer and return."""
        async with self.db.execute(  # per report, its ticket's last resolve through the (ticket, seq) index
                "SELECT e.ticket_id, json_extract(e.data, '$.text'), "
                "  (SELECT r.actor_handler FROM events r WHERE r.ticket_id = e.ticket_id AND r.kind = 'resolved' "
                "   ORDER BY r.seq DESC LIMIT 1) "
                "FROM events e WHERE e.kind IN ('reported', 'supported') ORDER BY e.seq") as cur:
            return [(t, text, h) for t, text, h in await cur.fetchall() if text and h]

    async def report_history(self) -> list[ReportHistory]:
        """Return every ticket's report with where it was first routed and where it ended: the handler
        that resolved it last, or the lead it has now."""
        async with self.db.execute(
                "SELECT t.id, t.text, t.grid, "
                "  (SELECT target FROM events r WHERE r.ticket_id = t.id AND r.kind = 'routed' ORDER BY seq LIMIT 1), "
                "  COALESCE((SELECT actor_handler FROM events v WHERE v.ticket_id = t.id AND v.kind = 'resolved' "
                "            ORDER BY seq DESC LIMIT 1), t.lead), "
                "  t.transfers, t.returns, "
                "  EXISTS (SELECT 1 FROM events v WHERE v.ticket_id = t.id AND v.kind = 'resolved'), "
                "  EXISTS (SELECT 1 FROM events a WHERE a.ticket_id = t.id AND a.kind = 'asked') "
                "FROM tickets t ORDER BY t.id") as cur:
            return [ReportHistory(i, text, grid, first or "", final or "", transfers, returns, bool(done), bool(asked))
                    for i, text, grid, first, final, transfers, returns, done, asked in await cur.fetchall()]

    async def count(self, table: str) -> int:
        """Return the number of rows in ``events`` or ``tickets``."""
        if table not in ("events", "tickets"):
            raise ValueError(table)
        async with self.db.execute(f"SELECT COUNT(*) FROM {table}") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def latest_event_at(self) -> datetime | None:
        """Return the time of the latest event in the log, or ``None`` when it is empty."""
        async with self.db.execute("SELECT at FROM events ORDER BY at DESC LIMIT 1") as cur:
            row = await cur.fetchone()
        return datetime.fromisoformat(row[0]) if row else None


class Transaction(_Reads, ChatWrites, ApiKeyWrites, BankWrites, MeetingWrites, LeaseWrites):
    """Reads and writes inside one ``BEGIN IMMEDIATE`` transaction."""

    async def next_ticket_id(self) -> int:
        """Return the next ticket number."""
        async with self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM tickets") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 1

    async def append(self, event: Event) -> Event:
        """Append ``event`` to the log; return it with its ``seq``."""
        cur = await self.db.execute(_EVENT_INSERT, event_row(event))
        return event.numbered(cur.lastrowid)

    async def append_many(self, events: Iterable[Event]) -> None:
        """Append ``events`` in order (bulk import; no ``seq`` is returned)."""
        await self.db.executemany(_EVENT_INSERT, (event_row(e) for e in events))

    async def append_rows(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Append events already made rows by :func:`event_row` (checked there), in order: a bulk import whose
        rows were built elsewhere, e.g. in the processes of a simulation."""
        await self.db.executemany(_EVENT_INSERT, rows)

    async def save_ticket(self, ticket: Ticket) -> None:
        """Write ``ticket``'s projection row."""
        await self.db.execute(_TICKET_INSERT, ticket_row(ticket))

    async def save_tickets(self, tickets: Iterable[Ticket]) -> None:
        """Write the projection rows of ``tickets`` in one call (a bulk write's tickets: one trip to SQLite)."""
        await self.db.executemany(_TICKET_INSERT, (ticket_row(t) for t in tickets))

    async def save_ticket_rows(self, rows: Iterable[list[Any]]) -> None:
        """Write projection rows made by :func:`ticket_row` (a later row of a ticket replaces its earlier one)."""
        await self.db.executemany(_TICKET_INSERT, rows)

    async def clear_projection(self) -> None:
        """Delete every projection row (the log stays); used to rebuild the projection."""
        await self.db.execute("DELETE FROM tickets")


class Store(_Reads):
    """An open store file. Use ``async with await Store.open(path) as store:`` or call :meth:`close`."""

    def __init__(self, path: Path, reader: aiosqlite.Connection, writer: aiosqlite.Connection | None) -> None:
        super().__init__(reader)
        self.path = path
        self.address = str(path)  # what opens it again: the file, or (PostgreSQL) its URI
        self._writer = writer
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, migrate_to: int | None = None, readonly: bool = False) -> Store:
        """Return the store at ``path``, created and migrated to the latest schema when needed.

        ``readonly`` opens an existing store of this program's schema without writing anything (a
        backup, a copy for research): never created, never migrated. Raises :class:`StoreError` for a
        file that is not one of ours, a store of a newer program, or (read-only) an older one.
        """
        if is_database(path):
            return await cls._open_postgresql(path, readonly=readonly)
        path = Path(path)
        if readonly:
            return await cls._open_readonly(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            writer = await _connect(path)
        except sqlite3.DatabaseError as exc:
            raise StoreError("store_not_ours", file=path, detail=str(exc)) from exc
        try:
            await _identify(writer, path)
            await _wal(writer)
            await migrate(writer, migrate_to)
            reader = await _connect(path)
        except BaseException:
            await writer.close()
            raise
        return cls(path, reader, writer)

    @classmethod
    async def _open_postgresql(cls, uri: str, *, readonly: bool) -> Store:
        """Return the store in the PostgreSQL database at ``uri``, its schema created at the latest version
        the first time (in one transaction, under the write lock: several openers create it once)."""
        try:
            pg.community_of(uri)
        except ValueError as exc:
            raise StoreError("store_bad_community", community=str(exc).split(": ", 1)[-1]) from exc
        writer = await pg.connect(uri)
        try:
            await writer.execute("BEGIN IMMEDIATE")
            async with writer.execute("SELECT to_regclass('schema_version') IS NOT NULL") as cur:
                row = await cur.fetchone()
            if not (row and row[0]):
                if readonly:
                    raise StoreError("store_missing", file=shown(uri))
                await writer.execute("CREATE TABLE schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
                                     f"applied_at TEXT NOT NULL DEFAULT ({pg.NOW}))")
                for sql in pg.SCHEMA:
                    await writer.execute(sql)
                await writer.execute("INSERT INTO store_owner (app) VALUES (?)", (OWNER,))
                await writer.executemany("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                                         [(v, name) for v, name, _ in MIGRATIONS])
            async with writer.execute("SELECT app FROM store_owner LIMIT 1") as cur:
                owner = await cur.fetchone()
            if owner is None or owner[0] != OWNER:
                raise StoreError("store_not_ours", file=shown(uri), detail=f"store_owner {owner!r}")
            version = await version_of(writer)  # type: ignore[arg-type]
            if version > LATEST:
                raise StoreError("store_newer", version=version, latest=LATEST)
            for number, statements in sorted(pg.MIGRATIONS.items()):  # a store made by an earlier version
                if version < number <= LATEST and not readonly:
                    for sql in statements:
                        await writer.execute(sql)
                    name = next(n for v, n, _ in MIGRATIONS if v == number)
                    await writer.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", (number, name))
                    version = number
            if version < LATEST:
                raise StoreError("store_older", file=shown(uri), version=version, latest=LATEST)
            await writer.commit()
            reader = await pg.connect(uri)
        except BaseException:
            await writer.rollback()
            await writer.close()
            raise
        if readonly:
            await writer.close()
        store = cls(Path(shown(uri)), reader, None if readonly else writer)  # type: ignore[arg-type]
        store.address = uri
        return store

    @classmethod
    async def _open_readonly(cls, path: Path) -> Store:
        if not path.is_file():
            raise StoreError("store_missing", file=path)
        try:
            reader = await _connect(path, readonly=True)
        except sqlite3.DatabaseError as exc:
            raise StoreError("store_not_ours", file=path, detail=str(exc)) from exc
        try:
            version = await _identify(reader, path)
            if version < LATEST:
                raise StoreError("store_older", file=path, version=version, latest=LATEST)
        except BaseException:
            await reader.close()
            raise
        return cls(path, reader, None)

    async def close(self) -> None:
        """Close both connections."""
        await self.db.close()
        if self._writer is not None:
            await self._writer.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def listen(self, callback: Any) -> Any:
        """Call ``callback()`` whenever a write to this store commits, in any process; return a handle to
        ``close()`` — or ``None`` on SQLite, which cannot tell (its readers ask instead)."""
        if not isinstance(self.db, pg.Connection):
            return None
        return await pg.listen(self.address, callback)

    @asynccontextmanager
    async def bulk(self) -> AsyncIterator[None]:
        """Fill a fresh store in bulk (a simulation's log): the indexes of the event log and of the tickets are
        dropped for the block and built once when it ends, raised or not, instead of kept row by row (a third less
        work for the inserts; a million tickets rewritten in place no longer wander a 2 MB page cache), and the
        writer keeps a larger page cache meanwhile. A process killed meanwhile leaves a store without them. SQLite
        only: on PostgreSQL the block just runs."""
        if self._writer is None:
            raise StoreError("store_readonly", file=self.path)
        if isinstance(self._writer, pg.Connection):
            yield
            return
        async with self._lock:
            async with self._writer.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                            "tbl_name IN ('events', 'tickets') AND sql IS NOT NULL") as cur:
                held = [(str(name), str(sql)) for name, sql in await cur.fetchall()]
            async with self._writer.execute("PRAGMA cache_size") as cur:
                cache = (await cur.fetchone() or (-2000,))[0]
            async with self._writer.execute("PRAGMA threads") as cur:
                threads = (await cur.fetchone() or (0,))[0]
            await self._writer.execute(f"PRAGMA cache_size={_BULK_CACHE}")
            for name, _sql in held:
                await self._writer.execute(f'DROP INDEX "{name}"')
        try:
            yield
        finally:
            async with self._lock:
                # built with the usual small cache and a sorter thread per core: SQLite sorts an index in runs the
                # size of the cache and merges them, and runs that fit the processor's caches sort faster than one
                # huge run (8.7 million events: 14.7 s with the bulk cache, 10.6 s with 2 MiB, 8.4 s with 2 threads)
                await self._writer.execute(f"PRAGMA cache_size={int(cache)}")
                await self._writer.execute(f"PRAGMA threads={min(os.cpu_count() or 1, 8)}")
                for _name, sql in held:
                    await self._writer.execute(sql)
                await self._writer.execute(f"PRAGMA threads={int(threads)}")

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Transaction]:
        """Yield a :class:`Transaction`; commit when the block ends, roll back if it raises."""
        if self._writer is None:
            raise StoreError("store_readonly", file=self.path)
        async with self._lock:
            if self._writer.in_transaction:  # never under the lock: one left open is undone, never built on
                log.error("the store's writer was left inside a transaction: rolled back")
                await self._writer.rollback()
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
            except BaseException:
                # a BEGIN cancelled while it waits on another process's lock still runs on the connection's thread
                # afterwards; a rollback queued behind it ends it there (a no-op if it failed)
                await self._settle()
                raise
            try:
                yield Transaction(self._writer)
            except BaseException:
                await self._settle()
                raise
            try:
                await self._writer.commit()
            except BaseException:  # a commit that failed leaves the transaction open: end it, lose the write
                await self._settle()
                raise

    async def _settle(self) -> None:
        """Roll the writer back, in its connection's order of work, even while the caller is being cancelled."""
        assert self._writer is not None
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await self._writer.rollback()

    async def take_timers(self, now: datetime, worker: str, until: datetime, *, limit: int = 500) -> list[Timer]:
        """Claim the due timers no other worker holds (:meth:`Transaction.take_timers`); return them.

        On PostgreSQL the claim is one statement of its own, outside the write lock (its rows are picked
        ``FOR UPDATE SKIP LOCKED``); on SQLite it is a write transaction like any other.
        """
        if self._writer is None:
            raise StoreError("store_readonly", file=self.path)
        if isinstance(self.db, pg.Connection):
            return await Transaction(self.db).take_timers(now, worker, until, limit=limit)
        async with self.write() as tx:
            return await tx.take_timers(now, worker, until, limit=limit)

    async def take_outbox(self, worker: str, now: float, until: float, *, room_id: str | None = None,
                          limit: int = 100) -> list[OutboxRow]:
        """Claim the pending outbox rows no other worker holds (:meth:`Transaction.take_outbox`); return those each
        room can send now. On PostgreSQL one statement of its own, outside the write lock (``FOR UPDATE SKIP
        LOCKED``); on SQLite a write transaction like any other."""
        if self._writer is None:
            raise StoreError("store_readonly", file=self.path)
        if isinstance(self.db, pg.Connection):
            return await Transaction(self.db).take_outbox(worker, now, until, room_id=room_id, limit=limit)
        async with self.write() as tx:
            return await tx.take_outbox(worker, now, until, room_id=room_id, limit=limit)

    async def schema_version(self) -> int:
        """Return the store's schema version."""
        return await version_of(self.db)


async def _wal(db: aiosqlite.Connection, tries: int = 100) -> None:
    """Switch ``db`` to WAL. The switch takes an exclusive lock without waiting on the busy timeout, so a
    store opened by several processes at its creation retries for a while (10 s) instead of failing."""
    for attempt in range(tries):
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            await asyncio.sleep(0.1)


async def _identify(db: aiosqlite.Connection, path: Path) -> int:
    """Return the schema version of the store in ``db`` (0 for an empty file); raise :class:`StoreError`
    for a database that is not one of ours or that a newer program wrote."""
    try:
        async with db.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cur:
            tables = {r[0] for r in await cur.fetchall()}
    except sqlite3.DatabaseError as exc:
        raise StoreError("store_not_ours", file=path, detail=str(exc)) from exc
    if not tables:
        return 0
    if "schema_version" not in tables or "events" not in tables:
        raise StoreError("store_not_ours", file=path, detail=", ".join(sorted(tables)[:5]))
    version = await version_of(db)
    if version > LATEST:
        raise StoreError("store_newer", version=version, latest=LATEST)
    if "store_owner" in tables:
        async with db.execute("SELECT app FROM store_owner LIMIT 1") as cur:
            row = await cur.fetchone()
        if row is None or row[0] != OWNER:
            raise StoreError("store_not_ours", file=path, detail=f"store_owner {row[0] if row else None!r}")
    return version


async def _connect(path: Path, *, readonly: bool = False) -> aiosqlite.Connection:
    if readonly:
        db = await aiosqlite.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        db = await aiosqlite.connect(path, isolation_level=None)
    try:
        await db.execute("PRAGMA busy_timeout=10000")
        await db.execute("PRAGMA synchronous=NORMAL")  # WAL: a process crash loses nothing committed
        await db.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        await db.close()  # an open connection's worker thread would keep the process from exiting
        raise
    return db
