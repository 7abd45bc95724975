"""The deliberation tables: bodies' rolls (应到), matters (议题) and each matter's events, append-only.

A matter's events are its whole record (raised, seconded, convened, attended, voting, ballot, closing,
decided, published, commented): the chat side and the board read them back and fold them
(:mod:`chatops.meetings.matter`). A ballot or an attendance from the chat network keeps its network event
id in ``source`` (unique), so a vote seen by the sync and again by the recount is recorded once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiosqlite

from chatops.tickets.store.chat import utc_text


@dataclass(frozen=True)
class MatterRow:
    """A matter to decide: its number, chain (rulebook id), title, grid ('' = the whole community), who raised it
    and when, and where it came from (``resident``, ``staff``, ``ticket:12``…)."""

    id: int
    chain: str
    title: str
    grid: str
    raised_by: str
    raised_at: datetime
    origin: str


@dataclass(frozen=True)
class MatterEvent:
    """One step of a matter's record: ``kind``, the chain ``step`` it belongs to, who, when, and its data."""

    matter: int
    kind: str
    at: datetime
    step: str | None = None
    actor: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    id: int | None = None


def _matter(row: Any) -> MatterRow:
    i, chain, title, grid, by, at, origin = row
    return MatterRow(i, chain, title, grid, by, datetime.fromisoformat(at), origin)


def _event(row: Any) -> MatterEvent:
    i, matter, kind, step, actor, at, data, source = row
    return MatterEvent(matter, kind, datetime.fromisoformat(at), step, actor, json.loads(data), source, i)


_MATTER = "SELECT id, chain, title, grid, raised_by, raised_at, origin FROM matters"
_EVENTS = "SELECT id, matter, kind, step, actor, at, data, source FROM matter_events"


class MeetingReads:
    db: aiosqlite.Connection

    async def roll(self, body: str) -> list[str]:
        """Return the members of ``body``'s roll (应到), sorted."""
        async with self.db.execute("SELECT member FROM rolls WHERE body = ? ORDER BY member", (body,)) as cur:
            return [m for (m,) in await cur.fetchall()]

    async def matter(self, number: int) -> MatterRow | None:
        """Return matter ``number`` or ``None``."""
        async with self.db.execute(_MATTER + " WHERE id = ?", (number,)) as cur:
            row = await cur.fetchone()
        return _matter(row) if row else None

    async def matters(self, *, limit: int = 200) -> list[MatterRow]:
        """Return the newest ``limit`` matters, newest first."""
        async with self.db.execute(_MATTER + " ORDER BY id DESC LIMIT ?", (limit,)) as cur:
            return [_matter(r) for r in await cur.fetchall()]

    async def matter_events(self, matters: Iterable[int]) -> dict[int, list[MatterEvent]]:
        """Return the events of ``matters``, each matter's in order."""
        wanted = sorted(set(matters))
        out: dict[int, list[MatterEvent]] = {m: [] for m in wanted}
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            async with self.db.execute(_EVENTS + f" WHERE matter IN ({', '.join('?' * len(part))}) ORDER BY id",
                                       part) as cur:
                for row in await cur.fetchall():
                    out[row[1]].append(_event(row))
        return out

    async def matter_events_by(self, actor: str) -> list[MatterEvent]:
        """Return the matter events ``actor`` made (sign-ins, answers, seconds…), in order: their points."""
        async with self.db.execute(_EVENTS + " WHERE actor = ? ORDER BY id", (actor,)) as cur:
            return [_event(r) for r in await cur.fetchall()]

    async def all_matter_events(self) -> list[MatterEvent]:
        """Return every matter event in order (research, points)."""
        async with self.db.execute(_EVENTS + " ORDER BY id") as cur:
            return [_event(r) for r in await cur.fetchall()]

    async def unsettled_matters(self) -> list[int]:
        """Return the matters whose last event leaves work for the bot (see ``chatops.meetings.matter``)."""
        async with self.db.execute(
                "SELECT m.id FROM matters m WHERE NOT EXISTS (SELECT 1 FROM matter_events e WHERE e.matter = m.id "
                "AND e.kind IN ('finished', 'rejected')) ORDER BY m.id") as cur:
            return [i for (i,) in await cur.fetchall()]

    async def secret_tally(self, matter: int, meeting: int) -> dict[str, int]:
        """Return the counts of a secret ballot (``meeting``: the id of the event that called it)."""
        async with self.db.execute("SELECT choice, count FROM secret_tally WHERE matter = ? AND meeting = ?",
                                   (matter, meeting)) as cur:
            return {c: n for c, n in await cur.fetchall()}

    async def matter_source_seen(self, source: str) -> bool:
        """Return whether a network event ``source`` is already recorded on a matter."""
        async with self.db.execute("SELECT 1 FROM matter_events WHERE source = ?", (source,)) as cur:
            return await cur.fetchone() is not None


class MeetingWrites:
    db: aiosqlite.Connection

    async def set_roll(self, body: str, members: Iterable[str]) -> None:
        """Add ``members`` to ``body``'s roll (provisioning; someone leaves the roll by an operator's hand)."""
        await self.db.executemany("INSERT OR IGNORE INTO rolls (body, member) VALUES (?, ?)",
                                  [(body, m) for m in members])

    async def add_matter(self, chain: str, title: str, grid: str, raised_by: str, at: datetime, origin: str) -> int:
        """Keep a new matter; return its number."""
        cur = await self.db.execute("INSERT INTO matters (chain, title, grid, raised_by, raised_at, origin) "
                                    "VALUES (?, ?, ?, ?, ?, ?)", (chain, title, grid, raised_by, utc_text(at), origin))
        return int(cur.lastrowid or 0)

    async def count_secret_vote(self, matter: int, meeting: int, choice: str) -> None:
        """Add one to ``choice`` in a secret ballot's counts (nothing says whose it was)."""
        await self.db.execute("INSERT INTO secret_tally (matter, meeting, choice, count) VALUES (?, ?, ?, 1) "
                              "ON CONFLICT (matter, meeting, choice) DO UPDATE SET count = secret_tally.count + 1",
                              (matter, meeting, choice))

    async def add_matter_event(self, event: MatterEvent) -> bool:
        """Append ``event``; return ``False`` if its ``source`` was recorded already (nothing written)."""
        cur = await self.db.execute(
            "INSERT OR IGNORE INTO matter_events (matter, kind, step, actor, at, data, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (event.matter, event.kind, event.step, event.actor, utc_text(event.at),
             json.dumps(event.data, ensure_ascii=False, sort_keys=True), event.source))
        return cur.rowcount == 1
