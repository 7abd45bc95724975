"""The time bank's table: transfers of minutes, append-only (the database refuses updates and deletes)."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from chatops.tickets.store.chat import utc_text

BankRow = tuple[int, str, str, int, datetime, str, int | None]  # id, giver, receiver, minutes, at, what, reverses


class BankReads:
    db: aiosqlite.Connection

    async def bank_transfers(self) -> list[BankRow]:
        """Return every transfer in order: (id, giver, receiver, minutes, at, what, reverses)."""
        async with self.db.execute("SELECT id, giver, receiver, minutes, at, what, reverses FROM bank_transfers "
                                   "ORDER BY id") as cur:
            return [(i, g, r, m, datetime.fromisoformat(a), w, v) for i, g, r, m, a, w, v in await cur.fetchall()]


Post = tuple[int, str, str, str, str, int | None, datetime]  # id, kind, resident, grid, what, minutes, at


class BankPosts:
    db: aiosqlite.Connection

    async def bank_posts(self, grid: str, kind: str, since: datetime, limit: int = 50) -> list[Post]:
        """Return the offers or needs (``kind``) posted in ``grid`` at ``since`` or later, newest first."""
        async with self.db.execute("SELECT id, kind, resident, grid, what, minutes, at FROM bank_posts WHERE grid = ? "
                                   "AND kind = ? AND at >= ? ORDER BY id DESC LIMIT ?",
                                   (grid, kind, utc_text(since), limit)) as cur:
            return [(i, k, r, g, w, m, datetime.fromisoformat(a)) for i, k, r, g, w, m, a in await cur.fetchall()]


Volunteered = tuple[int, str, str, datetime]  # id, resident, what, at


class VolunteerReads:
    db: aiosqlite.Connection

    async def volunteered(self, resident: str | None = None) -> list[Volunteered]:
        """Return the confirmed volunteer tasks (of ``resident`` if given), oldest first."""
        sql, args = "SELECT id, resident, what, at FROM volunteering", tuple[str, ...]()
        if resident is not None:
            sql, args = sql + " WHERE resident = ?", (resident,)
        async with self.db.execute(sql + " ORDER BY id", args) as cur:
            return [(i, r, w, datetime.fromisoformat(a)) for i, r, w, a in await cur.fetchall()]


class BankWrites:
    db: aiosqlite.Connection

    async def add_volunteered(self, resident: str, what: str, confirmed_by: str, at: datetime) -> int:
        """Keep a volunteer task staff confirmed; return its number."""
        cur = await self.db.execute("INSERT INTO volunteering (resident, what, confirmed_by, at) VALUES (?, ?, ?, ?)",
                                    (resident, what, confirmed_by, utc_text(at)))
        return int(cur.lastrowid or 0)

    async def add_bank_post(self, kind: str, resident: str, grid: str, what: str, minutes: int | None,
                            at: datetime) -> int:
        """Keep an offer or a need; return its number."""
        cur = await self.db.execute("INSERT INTO bank_posts (kind, resident, grid, what, minutes, at) "
                                    "VALUES (?, ?, ?, ?, ?, ?)", (kind, resident, grid, what, minutes, utc_text(at)))
        return int(cur.lastrowid or 0)

    async def add_bank_transfer(self, row: BankRow, recorded_by: str) -> None:
        """Append transfer ``row`` (its id is the ledger's next number), recorded by ``recorded_by``."""
        i, giver, receiver, minutes, at, what, reverses = row
        await self.db.execute("INSERT INTO bank_transfers (id, giver, receiver, minutes, at, what, reverses, "
                              "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (i, giver, receiver, minutes, utc_text(at), what, reverses, recorded_by))
