"""API keys of the Open311 clients: only a key's SHA-256 is kept; the key itself is shown once, when made."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from chatops.tickets.store.chat import utc_text


def key_hash(key: str) -> str:
    """Return what the store keeps of ``key``: its SHA-256, in hex.

    >>> key_hash("k")[:12]
    '8254c329a928'
    """
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ApiKey:
    """One client's key as stored: ``hint`` is the key's first characters (to tell keys apart), never all."""

    id: int
    client: str
    hint: str
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyReads:
    db: aiosqlite.Connection

    async def api_client(self, key: str) -> str | None:
        """Return the client whose live (not revoked) key ``key`` is, or ``None``."""
        async with self.db.execute("SELECT client FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                                   (key_hash(key),)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    async def api_keys(self) -> list[ApiKey]:
        """Return every key, live and revoked, oldest first."""
        async with self.db.execute("SELECT id, client, hint, created_at, revoked_at FROM api_keys ORDER BY id") as cur:
            return [ApiKey(i, c, h, datetime.fromisoformat(a), datetime.fromisoformat(r) if r else None)
                    for i, c, h, a, r in await cur.fetchall()]


class ApiKeyWrites:
    db: aiosqlite.Connection

    async def add_api_key(self, client: str, key: str, now: datetime) -> int:
        """Keep ``key`` (as its hash) for ``client``; return its id."""
        cur = await self.db.execute("INSERT INTO api_keys (client, key_hash, hint, created_at) VALUES (?, ?, ?, ?)",
                                    (client, key_hash(key), key[:6], utc_text(now)))
        return int(cur.lastrowid or 0)

    async def revoke_api_keys(self, client_or_id: str, now: datetime) -> int:
        """Revoke the live keys of a client (or the key with that id); return how many were revoked."""
        cur = await self.db.execute(
            "UPDATE api_keys SET revoked_at = ? WHERE revoked_at IS NULL AND (client = ? OR CAST(id AS TEXT) = ?)",
            (utc_text(now), client_or_id, client_or_id))
        return int(cur.rowcount)
