"""Store ingest: events/s through the store beside plain sqlite3 ``executemany`` in the same run.

Three figures, each on a fresh file with the same schema and pragmas (WAL, synchronous=NORMAL):
  * baseline: sqlite3 ``executemany`` of ready-made rows in one transaction;
  * store bulk: ``Transaction.append_many`` (aiosqlite) of Event objects in one transaction;
  * ticket service: whole reports (route + two events + projection) one transaction each.
The aim is store bulk at 0.5 of the baseline or better.

    .venv/bin/python benchmarks/store_ingest.py [--events 200000] [--reports 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import peak_rss_mb, synthetic_reports

from chatops.tickets.lifecycle import Event
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from chatops.tickets.store.store import _EVENT_INSERT, event_row
from rules import Router, load_rulebook


async def make_events(n: int) -> list[Event]:
    """Return ``n`` events that keep the event contract: a simulated community's log (made once and cached
    by ``research.sample_store``), repeated with fresh ticket numbers when ``n`` is larger."""
    from research import sample_store

    async with await Store.open(sample_store(5000), readonly=True) as store:
        logs = await store.events_of(range(1, 100_000))
    log = [e for log in logs.values() for e in log]
    top = max(e.ticket_id for e in log) if log else 0
    out: list[Event] = []
    while len(out) < n and log:
        shift = len(out) // len(log) * top
        out += [dataclasses.replace(e, ticket_id=e.ticket_id + shift, seq=None) for e in log[: n - len(out)]]
    return out



async def fresh_store(folder: Path, name: str) -> Store:
    return await Store.open(folder / name)


def baseline(path: Path, events: list[Event]) -> float:
    rows = [event_row(e) for e in events]  # rows ready-made: the baseline does no conversion at all
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    t0 = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.executemany(_EVENT_INSERT, rows)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    db.close()
    return len(rows) / elapsed


async def store_bulk(store: Store, events: list[Event]) -> float:
    t0 = time.perf_counter()
    async with store.write() as tx:
        await tx.append_many(events)
    return len(events) / (time.perf_counter() - t0)


async def service_reports(store: Store, texts: list[str]) -> float:
    service = TicketService(store, Router(load_rulebook()))
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        await service.report(source=f"bench:{i}", reporter=f"@r{i % 100}:localhost", text=text)
    return len(texts) / (time.perf_counter() - t0)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--reports", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    events = await make_events(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        best_base = best_store = 0.0
        for r in range(args.rounds):  # alternate, so both see the same disk and cache conditions
            s = await fresh_store(folder, f"base{r}.sqlite")  # same schema as the store
            await s.close()
            best_base = max(best_base, baseline(folder / f"base{r}.sqlite", events))
            s = await fresh_store(folder, f"store{r}.sqlite")
            best_store = max(best_store, await store_bulk(s, events))
            await s.close()
        s = await fresh_store(folder, "service.sqlite")
        texts = synthetic_reports(load_rulebook(), args.reports)
        per_report = await service_reports(s, texts)
        tickets, logged = await s.count("tickets"), await s.count("events")
        await s.close()
    ratio = best_store / best_base
    print(f"events: {args.events:,}, best of {args.rounds}")
    print(f"  sqlite3 executemany (baseline)  {best_base:>12,.0f} events/s   1.00x")
    print(f"  store append_many (aiosqlite)   {best_store:>12,.0f} events/s   {ratio:.2f}x "
          f"(aim >= 0.50): {'OK' if ratio >= 0.5 else 'BELOW AIM'}")
    print(f"ticket service, one transaction per report: {per_report:,.0f} reports/s "
          f"({tickets:,} tickets, {logged:,} events)")
    print(f"peak RSS {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
