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


class BankWrites:
    db: aiosqlite.Connection

    async def add_bank_transfer(self, row: BankRow, recorded_by: str) -> None:
        """Append transfer ``row`` (its id is the ledger's next number), recorded by ``recorded_by``."""
        i, giver, receiver, minutes, at, what, reverses = row
        await self.db.execute("INSERT INTO bank_transfers (id, giver, receiver, minutes, at, what, reverses, "
                              "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (i, giver, receiver, minutes, utc_text(at), what, reverses, recorded_by))
