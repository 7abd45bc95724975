"""Store ingest on PostgreSQL: events/s through the store beside plain asyncpg ``executemany`` and ``COPY`` of
the same rows, in the same run, on a private PostgreSQL 16 started here (pgserver).

  * COPY: ``copy_records_to_table`` of ready-made rows (PostgreSQL's fastest way in);
  * executemany: asyncpg's ``executemany`` of ready-made rows in one transaction (the baseline);
  * store bulk: ``Transaction.append_many`` of Event objects (contract check, JSON, translation) in one
    transaction;
  * ticket service: whole reports (route + two events + projection), one transaction each.

    .venv/bin/python benchmarks/store_ingest_pg.py [--events 200000] [--reports 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import peak_rss_mb, synthetic_reports
from store_ingest import make_events

from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from chatops.tickets.store.pg import translate
from chatops.tickets.store.store import _EVENT_INSERT, event_row
from rules import Router, load_rulebook

COLUMNS = ["ticket_id", "kind", "actor", "actor_handler", "target", "reason", "rule", "at", "data", "sign_deadline",
           "resolve_deadline", "rating", "days", "handlers"]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=3_000)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import asyncpg
        import pgserver

        folder = Path(tempfile.mkdtemp(prefix="pg-"))
        server = pgserver.get_server(folder, cleanup_mode="delete")
    made = iter(range(1, 100))

    async def fresh() -> tuple[Store, str]:
        name = f"b{next(made)}"
        server.psql(f"CREATE DATABASE {name};")
        uri = f"postgresql://postgres@/{name}?host={folder}"
        return await Store.open(uri), uri

    events = await make_events(args.events)
    rows = [event_row(e) for e in events]
    figures: dict[str, float] = {}

    store, uri = await fresh()
    raw = await asyncpg.connect(uri)
    t0 = time.perf_counter()
    async with raw.transaction():
        await raw.copy_records_to_table("events", records=rows, columns=COLUMNS)
    figures["COPY (ready-made rows)"] = len(rows) / (time.perf_counter() - t0)
    await raw.close()
    await store.close()

    store, uri = await fresh()
    raw = await asyncpg.connect(uri)
    insert = translate(_EVENT_INSERT).split(" RETURNING ")[0]
    t0 = time.perf_counter()
    async with raw.transaction():
        await raw.executemany(insert, rows)
    figures["executemany (baseline)"] = len(rows) / (time.perf_counter() - t0)
    await raw.close()
    await store.close()

    store, _uri = await fresh()
    t0 = time.perf_counter()
    async with store.write() as tx:
        await tx.append_many(events)
    figures["store bulk (append_many)"] = len(events) / (time.perf_counter() - t0)
    await store.close()

    store, _uri = await fresh()
    service = TicketService(store, Router(load_rulebook()))
    texts = synthetic_reports(load_rulebook(), args.reports)
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        await service.report(source=f"b:{i}", reporter=f"@r{i % 300}:x", text=text)
    per_report = (time.perf_counter() - t0) / len(texts)
    await store.close()
    server.cleanup()

    base = figures["executemany (baseline)"]
    print(f"PostgreSQL 16 (pgserver, Unix socket), {args.events:,} events")
    for name, rate in figures.items():
        print(f"  {name:28} {rate:10,.0f} events/s  ({rate / base:4.2f}× executemany)")
    print(f"  ticket service: {1 / per_report:,.0f} reports/s ({per_report * 1000:.2f} ms each, one transaction each)")
    print(f"  peak RSS {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
