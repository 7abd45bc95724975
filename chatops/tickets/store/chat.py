"""The chat tables: the inbox of handled events, the sync token, provisioned rooms, the outbox, preferences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiosqlite

from chatops.tickets.store.jsontext import from_json, to_json

RETENTION_DAYS = 90  # chat bookkeeping and resident text outside the log are kept this long


@dataclass(frozen=True)
class Outgoing:
    """A message to send. Its thread root is either a known event (``thread_root``) or an earlier outbox
    row (``thread_of``) whose event id is only known once it is sent; ``edit_of`` makes it an edit."""

    room_id: str
    purpose: str
    content: dict[str, Any]
    ticket_id: int | None = None
    thread_root: str | None = None
    thread_of: int | None = None
    edit_of: int | None = None
    after: int | None = None  # an outbox row (of any room) that goes first, for a few seconds at most


@dataclass(frozen=True)
class OutboxRow:
    """An outbox row as stored: the message plus its delivery state."""

    id: int
    message: Outgoing
    state: str
    attempts: int
    not_before: float
    event_id: str | None
    created_at: str
    error: str | None = None
    refs: dict[str, str | None] = field(default_factory=dict)  # event ids of thread_of / edit_of, once sent


@dataclass(frozen=True)
class Timer:
    """A reminder or deadline of a ticket: fires at ``due_at`` unless the ticket moved on."""

    ticket_id: int
    kind: str      # remind | overdue | lapse
    deadline: str  # sign | resolve | callback | choice
    due_at: datetime
    ref_at: datetime
    id: int | None = None
    attempts: int = 0  # failed firings so far


@dataclass(frozen=True)
class Pending:
    """A message the bot could not tell was a report: asked about, registered only if its sender says so."""

    source: str
    room_id: str
    sender: str
    text: str
    state: str = "asked"  # asked | registered | declined


def utc_text(when: datetime) -> str:
    """Return ``when`` as the store writes times: ISO 8601 in UTC (text comparison then orders them)."""
    return when.astimezone(UTC).isoformat()


@dataclass(frozen=True)
class Room:
    """A provisioned room: a handler's room (``ref`` = handler id) or a residents' room (grid id or '')."""

    room_id: str
    kind: str
    ref: str = ""
    alias: str | None = None


_OUTBOX_COLUMNS = ("o.id, o.room_id, o.purpose, o.content, o.ticket_id, o.thread_root, o.thread_of, o.edit_of, "
                   "o.after_id, o.state, o.attempts, o.not_before, o.event_id, o.created_at, o.error, "
                   "t.event_id, t.state, e.event_id, e.state, a.state")
_OUTBOX_FROM = ("FROM outbox o LEFT JOIN outbox t ON t.id = o.thread_of "
                "LEFT JOIN outbox e ON e.id = o.edit_of LEFT JOIN outbox a ON a.id = o.after_id")


def _outbox_row(r: aiosqlite.Row) -> OutboxRow:
    (oid, room, purpose, content, ticket, root, thread_of, edit_of, after, state, attempts, not_before, event_id,
     created, error, t_event, t_state, e_event, e_state, a_state) = r
    msg = Outgoing(room, purpose, from_json(content), ticket, root, thread_of, edit_of, after)
    refs = {"thread": t_event, "thread_state": t_state, "edit": e_event, "edit_state": e_state, "after_state": a_state}
    return OutboxRow(oid, msg, state, attempts, not_before, event_id, created, error, refs)


class ChatReads:
    """Queries of the chat tables, shared by the store and its transactions."""

    db: aiosqlite.Connection

    async def handled(self, event_id: str) -> bool:
        """Return whether the chat event ``event_id`` has been handled."""
        async with self.db.execute("SELECT 1 FROM inbox WHERE event_id = ?", (event_id,)) as cur:
            return await cur.fetchone() is not None

    async def chat_state(self, key: str) -> str | None:
        """Return a chat state value (``next_batch``, ``store_id``) or ``None``."""
        async with self.db.execute("SELECT value FROM chat_state WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def chat_states(self, key: str) -> dict[str, str]:
        """Return the chat state values of ``key`` and of ``key:NAME`` (one per bot worker), by their key."""
        async with self.db.execute("SELECT key, value FROM chat_state WHERE key = ? OR key LIKE ? ORDER BY key",
                                   (key, f"{key}:%")) as cur:
            return {k: v for k, v in await cur.fetchall()}

    async def rooms(self) -> list[Room]:
        """Return every provisioned room."""
        async with self.db.execute("SELECT room_id, kind, ref, alias FROM rooms ORDER BY kind, ref") as cur:
            return [Room(*r) for r in await cur.fetchall()]

    async def outbox_pending(self, *, room_id: str | None = None, limit: int = 500) -> list[OutboxRow]:
        """Return pending outbox rows in id order (of one room if given)."""
        where, args = "o.state = 'pending'", []
        if room_id is not None:
            where += " AND o.room_id = ?"
            args.append(room_id)
        sql = f"SELECT {_OUTBOX_COLUMNS} {_OUTBOX_FROM} WHERE {where} ORDER BY o.id LIMIT ?"
        async with self.db.execute(sql, (*args, limit)) as cur:
            return [_outbox_row(r) for r in await cur.fetchall()]

    async def outbox_handed_over(self, room_id: str, worker: str, now: float) -> bool:
        """Return whether ``room_id`` has pending rows another worker claimed whose claim ran out by ``now``: that
        worker stopped or lost the room, and may have sent some of them before it could mark them sent."""
        async with self.db.execute("SELECT 1 FROM outbox WHERE state = 'pending' AND room_id = ? AND claimed_by != ? "
                                   "AND claimed_until <= ? LIMIT 1", (room_id, worker, now)) as cur:
            return await cur.fetchone() is not None

    async def outbox_rooms(self) -> dict[str, float]:
        """Return each room with pending rows and when its first pending row is due (unix time)."""
        sql = ("SELECT room_id, not_before FROM outbox o WHERE state = 'pending' AND id = "
               "(SELECT MIN(id) FROM outbox WHERE state = 'pending' AND room_id = o.room_id)")
        async with self.db.execute(sql) as cur:
            return {room: float(due) for room, due in await cur.fetchall()}

    async def outbox_by_event(self, event_id: str) -> OutboxRow | None:
        """Return the outbox row that became event ``event_id``, or ``None``."""
        sql = f"SELECT {_OUTBOX_COLUMNS} {_OUTBOX_FROM} WHERE o.event_id = ?"
        async with self.db.execute(sql, (event_id,)) as cur:
            row = await cur.fetchone()
        return _outbox_row(row) if row else None

    async def outbox_row(self, outbox_id: int) -> OutboxRow | None:
        """Return outbox row ``outbox_id`` (sent or not), or ``None``."""
        async with self.db.execute(f"SELECT {_OUTBOX_COLUMNS} {_OUTBOX_FROM} WHERE o.id = ?", (outbox_id,)) as cur:
            row = await cur.fetchone()
        return _outbox_row(row) if row else None

    async def receipt_in(self, thread_root: str) -> OutboxRow | None:
        """Return the receipt sent in the thread of resident's message ``thread_root`` (a report, a support or a
        follow-up on their own ticket)."""
        sql = (f"SELECT {_OUTBOX_COLUMNS} {_OUTBOX_FROM} WHERE o.thread_root = ? AND o.purpose IN ('receipt', 'noted') "
               "LIMIT 1")
        async with self.db.execute(sql, (thread_root,)) as cur:
            row = await cur.fetchone()
        return _outbox_row(row) if row else None

    async def tickets_in_thread(self, thread_root: str) -> list[int]:
        """Return the tickets whose receipt went to the thread of ``thread_root``, newest first (a report's own,
        and an emergency told in its thread)."""
        async with self.db.execute("SELECT DISTINCT ticket_id FROM outbox WHERE thread_root = ? "
                                   "AND purpose = 'receipt' AND ticket_id IS NOT NULL ORDER BY ticket_id DESC",
                                   (thread_root,)) as cur:
            return [int(tid) for (tid,) in await cur.fetchall()]

    async def outbox_for(self, ticket_id: int, purpose: str, room_id: str | None = None) -> list[OutboxRow]:
        """Return a ticket's outbox rows of one purpose (e.g. its cards), oldest first."""
        sql = f"SELECT {_OUTBOX_COLUMNS} {_OUTBOX_FROM} WHERE o.ticket_id = ? AND o.purpose = ?"
        args: list[Any] = [ticket_id, purpose]
        if room_id is not None:
            sql += " AND o.room_id = ?"
            args.append(room_id)
        async with self.db.execute(sql + " ORDER BY o.id", args) as cur:
            return [_outbox_row(r) for r in await cur.fetchall()]

    async def outbox_counts(self) -> dict[str, int]:
        """Return the number of outbox rows in each state."""
        async with self.db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state") as cur:
            return {s: n for s, n in await cur.fetchall()}

    async def due_timers(self, now: datetime, *, limit: int = 500) -> list[Timer]:
        """Return pending timers due at ``now`` or before, earliest first."""
        async with self.db.execute(
                "SELECT id, ticket_id, kind, deadline, due_at, ref_at, attempts FROM timers WHERE state = 'pending' "
                "AND due_at <= ? ORDER BY due_at, id LIMIT ?", (utc_text(now), limit)) as cur:
            return [Timer(t, k, d, datetime.fromisoformat(due), datetime.fromisoformat(ref), i, n)
                    for i, t, k, d, due, ref, n in await cur.fetchall()]

    async def timers_since(self, after: int) -> list[Timer]:
        """Return the pending timers numbered above ``after``, in order (what the last moves scheduled)."""
        async with self.db.execute(
                "SELECT id, ticket_id, kind, deadline, due_at, ref_at, attempts FROM timers WHERE state = 'pending' "
                "AND id > ? ORDER BY id", (after,)) as cur:
            return [Timer(t, k, d, datetime.fromisoformat(due), datetime.fromisoformat(ref), i, n)
                    for i, t, k, d, due, ref, n in await cur.fetchall()]

    async def next_due(self) -> datetime | None:
        """Return when the earliest pending timer is due, or ``None``."""
        async with self.db.execute("SELECT MIN(due_at) FROM timers WHERE state = 'pending'") as cur:
            row = await cur.fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    async def timer_counts(self) -> dict[str, int]:
        """Return the number of timers in each state."""
        async with self.db.execute("SELECT state, COUNT(*) FROM timers GROUP BY state") as cur:
            return {s: n for s, n in await cur.fetchall()}

    async def failed_outbox(self, limit: int = 100) -> list[OutboxRow]:
        """Return outbox rows given up on, newest first."""
        sql = f"SELECT {_OUTBOX_COLUMNS} {_OUTBOX_FROM} WHERE o.state = 'failed' ORDER BY o.id DESC LIMIT ?"
        async with self.db.execute(sql, (limit,)) as cur:
            return [_outbox_row(r) for r in await cur.fetchall()]

    async def failed_timers(self, limit: int = 100) -> list[tuple[Timer, str]]:
        """Return timers given up on with their last error, newest first."""
        async with self.db.execute(
                "SELECT id, ticket_id, kind, deadline, due_at, ref_at, attempts, COALESCE(error, '') FROM timers "
                "WHERE state = 'failed' ORDER BY id DESC LIMIT ?", (limit,)) as cur:
            return [(Timer(t, k, d, datetime.fromisoformat(due), datetime.fromisoformat(ref), i, n), e)
                    for i, t, k, d, due, ref, n, e in await cur.fetchall()]

    async def lag(self, now: datetime) -> dict[str, float | None]:
        """Return how late the loops are, in seconds: the oldest message waiting to be sent (``outbox``)
        and the earliest timer due but not fired (``timers``); ``None`` when nothing waits."""
        async with self.db.execute("SELECT MIN(created_at) FROM outbox WHERE state = 'pending'") as cur:
            row = await cur.fetchone()
        oldest = (now - datetime.fromisoformat(row[0]).replace(tzinfo=UTC)).total_seconds() if row and row[0] else None
        async with self.db.execute("SELECT MIN(due_at) FROM timers WHERE state = 'pending' AND due_at <= ?",
                                   (utc_text(now),)) as cur:
            row = await cur.fetchone()
        late = (now - datetime.fromisoformat(row[0])).total_seconds() if row and row[0] else None
        return {"outbox": oldest, "timers": late}

    async def pending(self, source: str) -> Pending | None:
        """Return the message ``source`` the bot asked about (whether to register it), or ``None``."""
        async with self.db.execute("SELECT source, room_id, sender, text, state FROM pending WHERE source = ?",
                                   (source,)) as cur:
            row = await cur.fetchone()
        return Pending(*row) if row else None

    async def lang_of(self, user_id: str) -> str | None:
        """Return the language ``user_id`` chose, or ``None``."""
        async with self.db.execute("SELECT lang FROM prefs WHERE user_id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def honour_consents(self) -> set[str]:
        """Return the residents who agreed to be named on the honour board (荣誉榜)."""
        async with self.db.execute("SELECT user_id FROM consents WHERE honour = 1") as cur:
            return {u for (u,) in await cur.fetchall()}


class ChatWrites:
    """Writes to the chat tables (inside a transaction)."""

    db: aiosqlite.Connection

    async def mark_handled(self, event_id: str, room_id: str) -> bool:
        """Record ``event_id`` as handled; return ``False`` if it already was (then do nothing more)."""
        cur = await self.db.execute("INSERT OR IGNORE INTO inbox (event_id, room_id) VALUES (?, ?)",
                                    (event_id, room_id))
        return cur.rowcount == 1

    async def set_chat_state(self, key: str, value: str) -> None:
        """Set a chat state value."""
        await self.db.execute("INSERT OR REPLACE INTO chat_state (key, value) VALUES (?, ?)", (key, value))

    async def move_chat_state(self, key: str, old: str, new: str) -> bool:
        """Set chat state ``key`` to ``new`` if it is still ``old``; return ``False`` if another worker moved it
        first (the caller's transaction should then write nothing)."""
        cur = await self.db.execute("UPDATE chat_state SET value = ? WHERE key = ? AND value = ?", (new, key, old))
        return cur.rowcount == 1

    async def save_room(self, room: Room) -> None:
        """Record a provisioned room (replacing the room of the same kind and ref)."""
        await self.db.execute("DELETE FROM rooms WHERE (kind = ? AND ref = ?) OR room_id = ?",
                              (room.kind, room.ref, room.room_id))
        await self.db.execute("INSERT INTO rooms (room_id, kind, ref, alias) VALUES (?, ?, ?, ?)",
                              (room.room_id, room.kind, room.ref, room.alias))

    async def enqueue(self, message: Outgoing) -> int:
        """Queue ``message``; return its outbox id."""
        m = message
        cur = await self.db.execute(
            "INSERT INTO outbox (room_id, purpose, content, ticket_id, thread_root, thread_of, edit_of, after_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (m.room_id, m.purpose, to_json(m.content), m.ticket_id, m.thread_root,
             m.thread_of, m.edit_of, m.after))
        assert cur.lastrowid is not None
        return cur.lastrowid

    async def take_outbox(self, worker: str, now: float, until: float, *, room_id: str | None = None,
                          limit: int = 100) -> list[OutboxRow]:
        """Claim for ``worker`` until ``until`` (unix seconds) the pending outbox rows (of ``room_id`` if given) that
        no other worker holds; return those each room can send now, in id order.

        One statement: on PostgreSQL the rows are picked ``FOR UPDATE SKIP LOCKED``, so a worker never waits on rows
        another transaction holds; on SQLite (one writer at a time) the marker is a comment. A room's rows are
        claimed from its first pending row up to the first another worker holds (a claim that ran out is free
        again; the worker's own are taken again), and only a run from the room's first pending row is returned: a
        row skipped because another transaction held it ends its room's run, so a room's messages never leave out
        of order. A claim only divides the work; a row is still marked sent once, in its own transaction.
        """
        room = " AND o.room_id = ?" if room_id is not None else ""
        async with self.db.execute(
                "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT o.id FROM outbox o "
                f"WHERE o.state = 'pending'{room} AND (o.claimed_until IS NULL OR o.claimed_until <= ? "
                "OR o.claimed_by = ?) AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.state = 'pending' "
                "AND p.room_id = o.room_id AND p.id < o.id AND p.claimed_by != ? AND p.claimed_until > ?) "
                "ORDER BY o.id LIMIT ? /* SKIP LOCKED */) RETURNING id, room_id, (SELECT COUNT(*) FROM outbox p "
                "WHERE p.state = 'pending' AND p.room_id = outbox.room_id AND p.id < outbox.id)",
                (worker, until, *((room_id,) if room_id is not None else ()), now, worker, worker, now, limit)) as cur:
            claimed = sorted((tuple(r) for r in await cur.fetchall()), key=lambda r: r[0])
        runs: dict[str, int] = {}  # each room's rows in its run so far (-1: the run ended)
        ids = []
        for oid, room_of, ahead in claimed:
            n = runs.get(room_of, 0)
            if n >= 0 and ahead == n:  # every pending row of the room before it is in this claim
                runs[room_of] = n + 1
                ids.append(oid)
            else:
                runs[room_of] = -1
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        async with self.db.execute(f"SELECT {_OUTBOX_COLUMNS} {_OUTBOX_FROM} WHERE o.id IN ({marks}) ORDER BY o.id",
                                   ids) as cur:
            return [_outbox_row(r) for r in await cur.fetchall()]

    async def mark_sent(self, outbox_id: int, event_id: str) -> None:
        """Record that outbox row ``outbox_id`` became event ``event_id``."""
        await self.db.execute("UPDATE outbox SET state = 'sent', event_id = ?, attempts = attempts + 1, "
                              "sent_at = datetime('now'), error = NULL WHERE id = ?", (event_id, outbox_id))

    async def mark_retry(self, outbox_id: int, not_before: float, error: str, *, count: bool = True) -> None:
        """Put off outbox row ``outbox_id`` until ``not_before`` (unix time), noting ``error``."""
        await self.db.execute("UPDATE outbox SET not_before = ?, error = ?, attempts = attempts + ? WHERE id = ?",
                              (not_before, error, int(count), outbox_id))

    async def mark_failed(self, outbox_id: int, error: str) -> None:
        """Give up on outbox row ``outbox_id``."""
        await self.db.execute("UPDATE outbox SET state = 'failed', error = ?, attempts = attempts + 1 "
                              "WHERE id = ?", (error, outbox_id))

    async def schedule(self, timers: list[Timer]) -> None:
        """Add timers (the same ticket, kind, deadline and reference twice is one timer)."""
        await self.db.executemany(
            "INSERT OR IGNORE INTO timers (ticket_id, kind, deadline, due_at, ref_at) VALUES (?, ?, ?, ?, ?)",
            [(t.ticket_id, t.kind, t.deadline, utc_text(t.due_at), utc_text(t.ref_at)) for t in timers])

    async def timer_failed(self, timer_id: int, error: str, retry_at: datetime | None) -> None:
        """Record that firing timer ``timer_id`` failed with ``error``: due again at ``retry_at``, or
        ``failed`` for good when that is ``None``."""
        if retry_at is None:
            await self.db.execute("UPDATE timers SET state = 'failed', error = ?, attempts = attempts + 1, "
                                  "fired_at = datetime('now') WHERE id = ? AND state = 'pending'", (error, timer_id))
        else:
            await self.db.execute("UPDATE timers SET due_at = ?, error = ?, attempts = attempts + 1, "
                                  "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state = 'pending'",
                                  (utc_text(retry_at), error, timer_id))

    async def take_timers(self, now: datetime, worker: str, until: datetime, *, limit: int = 500) -> list[Timer]:
        """Claim for ``worker`` until ``until`` the pending timers due at ``now`` that no other worker holds
        (a claim that ran out is free again; the worker's own are taken again); return them earliest first.

        One statement: on PostgreSQL the due rows are picked ``FOR UPDATE SKIP LOCKED``, so workers taking
        timers at the same moment get different ones and never wait for each other; on SQLite (one writer
        at a time) the marker is a comment. A claim only divides the work: firing still marks each timer
        fired in the move's own transaction, so a claim that ran out can never fire a timer twice.
        """
        async with self.db.execute(
                "UPDATE timers SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM timers "
                "WHERE state = 'pending' AND due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ? "
                "OR claimed_by = ?) ORDER BY due_at, id LIMIT ? /* SKIP LOCKED */) "
                "RETURNING id, ticket_id, kind, deadline, due_at, ref_at, attempts",
                (worker, utc_text(until), utc_text(now), utc_text(now), worker, limit)) as cur:
            rows = await cur.fetchall()
        return sorted((Timer(t, k, d, datetime.fromisoformat(due), datetime.fromisoformat(ref), i, n)
                       for i, t, k, d, due, ref, n in rows), key=lambda t: (t.due_at, t.id or 0))

    async def finish_timer(self, timer_id: int, state: str) -> bool:
        """Mark a pending timer ``fired`` or ``cancelled``; return ``False`` if it was no longer pending."""
        cur = await self.db.execute("UPDATE timers SET state = ?, fired_at = datetime('now') "
                                    "WHERE id = ? AND state = 'pending'", (state, timer_id))
        return cur.rowcount == 1

    async def save_pending(self, item: Pending) -> None:
        """Record a message the bot asks about before registering it."""
        await self.db.execute("INSERT OR IGNORE INTO pending (source, room_id, sender, text) VALUES (?, ?, ?, ?)",
                              (item.source, item.room_id, item.sender, item.text))

    async def amend_pending(self, source: str, text: str) -> None:
        """Replace the words of a message still asked about (the sender added some that name no matter yet)."""
        await self.db.execute("UPDATE pending SET text = ? WHERE source = ? AND state = 'asked'", (text, source))

    async def finish_pending(self, source: str, state: str) -> bool:
        """Mark an asked message ``registered`` or ``declined``; return ``False`` if it no longer was asked."""
        cur = await self.db.execute("UPDATE pending SET state = ? WHERE source = ? AND state = 'asked'",
                                    (state, source))
        return cur.rowcount == 1

    async def retry_now(self, now: float) -> int:
        """Make pending rows that wait out an outage (the homeserver could not be reached: no HTTP status in
        their error) due now; rows a 429 or a server error put off keep their wait. Return how many."""
        cur = await self.db.execute("UPDATE outbox SET not_before = ? WHERE state = 'pending' AND not_before > ? "
                                    "AND error IS NOT NULL AND error NOT GLOB '[0-9]*'", (now, now))
        return cur.rowcount

    async def retry_outbox(self, outbox_id: int | None = None) -> int:
        """Put failed outbox rows (one, or all) back in line; return how many."""
        sql = "UPDATE outbox SET state = 'pending', not_before = 0, attempts = 0 WHERE state = 'failed'"
        cur = await self.db.execute(sql + (" AND id = ?" if outbox_id is not None else ""),
                                    (outbox_id,) if outbox_id is not None else ())
        return cur.rowcount

    async def retry_timers(self, timer_id: int | None = None) -> int:
        """Put failed timers (one, or all) back in line, due now; return how many."""
        sql = "UPDATE timers SET state = 'pending', attempts = 0, due_at = ? WHERE state = 'failed'"
        args: tuple[Any, ...] = (utc_text(datetime.now(UTC)),)
        cur = await self.db.execute(sql + (" AND id = ?" if timer_id is not None else ""),
                                    (*args, timer_id) if timer_id is not None else args)
        return cur.rowcount

    async def purge(self, now: datetime, *, days: int = RETENTION_DAYS) -> dict[str, int]:
        """Forget what is kept only to run the chat, after ``days``: handled event ids, fired and cancelled
        timers, answered questions, and the text of sent messages (the log keeps what happened); return
        how many rows each lost. Sent rows stay (a late reaction still finds its ticket), their content
        becomes empty."""
        cutoff = (now - timedelta(days=days)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        out = {}
        for name, sql in (
                ("inbox", "DELETE FROM inbox WHERE handled_at < ?"),
                ("timers", "DELETE FROM timers WHERE state IN ('fired', 'cancelled') AND COALESCE(fired_at, '') < ?"),
                ("pending", "DELETE FROM pending WHERE asked_at < ?"),
                ("outbox", "UPDATE outbox SET content = '{}' WHERE state = 'sent' AND content != '{}' "
                           "AND COALESCE(sent_at, created_at) < ?")):
            cur = await self.db.execute(sql, (cutoff,))
            out[name] = cur.rowcount
        return out

    async def set_honour_consent(self, user_id: str, consent: bool, at: datetime) -> None:
        """Record whether ``user_id`` agrees to be named on the honour board (the latest answer stands)."""
        await self.db.execute("INSERT OR REPLACE INTO consents (user_id, honour, at) VALUES (?, ?, ?)",
                              (user_id, int(consent), utc_text(at)))

    async def set_lang(self, user_id: str, lang: str) -> None:
        """Remember the language ``user_id`` chose."""
        await self.db.execute("INSERT OR REPLACE INTO prefs (user_id, lang) VALUES (?, ?)", (user_id, lang))
