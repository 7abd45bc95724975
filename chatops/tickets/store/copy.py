"""A store on PostgreSQL copied into a SQLite file: what the research reader and the monthly rates read.

Both engines hold the same tables with the same columns (one schema, :mod:`chatops.tickets.store.pg`), so a
copy is the SQLite store made new at the latest version and every row of every table poured into it, a
batch at a time. The research reader (columns straight into Arrow through SQLite's ADBC driver) then reads
a community on PostgreSQL exactly as it reads one on SQLite.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

BATCH = 20_000
SKIP = frozenset({"schema_version", "store_owner", "chat_state"})  # the new file's own


async def copy_to_sqlite(address: str, path: Path) -> Path:
    """Copy the PostgreSQL store at ``address`` (``?community=`` included) into a new SQLite store at
    ``path``; return ``path``. Raises :class:`~chatops.tickets.store.StoreError` if ``address`` is not a
    store of this program."""
    from chatops.tickets.store import Store
    from chatops.tickets.store.pg import connect

    await (await Store.open(address, readonly=True)).close()  # ours, and at the latest version
    await (await Store.open(path)).close()
    source = await connect(address)
    target = sqlite3.connect(path)
    try:
        tables = [r[0] for r in target.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                               "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            if table in SKIP:
                continue
            columns = [r[1] for r in target.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(columns)
            insert = f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({', '.join('?' for _ in columns)})"
            async with source.raw.transaction():
                cursor = source.raw.cursor(f"SELECT {names} FROM {table}", prefetch=BATCH)
                batch: list[tuple[Any, ...]] = []
                async for row in cursor:
                    batch.append(tuple(row))
                    if len(batch) >= BATCH:
                        target.executemany(insert, batch)
                        batch = []
                target.executemany(insert, batch)
        target.commit()
    finally:
        target.close()
        await source.close()
    return path


def copy_to_sqlite_sync(address: str, path: Path) -> Path:
    """:func:`copy_to_sqlite` for callers with no event loop of their own, or one already running (a
    notebook): it runs on a thread of its own."""
    result: list[Path] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            result.append(asyncio.run(copy_to_sqlite(address, path)))
        except BaseException as exc:  # handed to the caller below
            errors.append(exc)

    thread = threading.Thread(target=work, name="store-copy")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]
