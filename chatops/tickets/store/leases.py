"""Bot workers sharing the rooms: each room handled by one worker at a time, under a lease that its worker
renews; a worker that stops renewing loses its rooms to the others when its leases run out.

Times are seconds since the epoch (the workers' clocks: one host, or hosts kept in time by NTP).
"""

from __future__ import annotations

import aiosqlite


class LeaseReads:
    db: aiosqlite.Connection

    async def leases(self) -> dict[str, tuple[str, float]]:
        """Return every room's lease: ``{room: (worker, until)}``."""
        async with self.db.execute("SELECT room_id, worker, until FROM leases") as cur:
            return {room: (worker, float(until)) for room, worker, until in await cur.fetchall()}

    async def live_workers(self, since: float) -> list[str]:
        """Return the workers seen at ``since`` or later, by name."""
        async with self.db.execute("SELECT name FROM workers WHERE seen >= ? ORDER BY name", (since,)) as cur:
            return [name for (name,) in await cur.fetchall()]


class LeaseWrites:
    db: aiosqlite.Connection

    async def worker_seen(self, name: str, now: float) -> None:
        """Record that worker ``name`` is alive at ``now``."""
        await self.db.execute("INSERT INTO workers (name, seen) VALUES (?, ?) "
                              "ON CONFLICT (name) DO UPDATE SET seen = excluded.seen", (name, now))

    async def claim(self, room: str, worker: str, until: float, now: float) -> bool:
        """Take or renew the lease of ``room`` for ``worker`` until ``until``, if nobody else holds it at ``now``;
        return whether ``worker`` holds it now."""
        await self.db.execute(
            "INSERT INTO leases (room_id, worker, until) VALUES (?, ?, ?) ON CONFLICT (room_id) DO UPDATE SET "
            "worker = excluded.worker, until = excluded.until WHERE leases.worker = excluded.worker "
            "OR leases.until < ?", (room, worker, until, now))
        async with self.db.execute("SELECT worker FROM leases WHERE room_id = ?", (room,)) as cur:
            row = await cur.fetchone()
        return row is not None and row[0] == worker

    async def release(self, room: str, worker: str) -> None:
        """Give up ``worker``'s lease of ``room`` (another worker takes it at once)."""
        await self.db.execute("DELETE FROM leases WHERE room_id = ? AND worker = ?", (room, worker))
