"""The simulator beside the cost of only writing its log: how far it is from the floor of a bulk write.

Simulates ``--tickets`` reports (default rulebook, batched), then writes the very same events into fresh
stores twice, in the same process: through the store's bulk ingest (``append_many``: the event contract
checked, every column filled, one transaction) and as plain ``sqlite3.executemany`` of the finished rows
(the floor). Prints tickets/s and events/s of each and the simulator's time as a multiple of the ingest.

    .venv/bin/python benchmarks/simulator.py --tickets 100000
    .venv/bin/python benchmarks/simulator.py --tickets 1000000 --workers 3   # a few minutes; 12 with one
    .venv/bin/python benchmarks/simulator.py --tickets 1000000 --workers 3 --no-duplicates  # a million tickets
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import peak_rss_mb

import research
from chatops.tickets.store import Store
from chatops.tickets.store.store import _EVENT_INSERT, event_row
from rules import load_rulebook
from rules.rulebook import Duplicates


async def ingest(events: list, path: Path) -> float:
    """Write ``events`` with the store's bulk ingest into a new store at ``path``; return the seconds."""
    async with await Store.open(path) as store:
        t0 = time.perf_counter()
        async with store.write() as tx:
            await tx.append_many(events)
        return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workers", type=int, default=1, help="processes sharing the run (SimConfig.workers)")
    parser.add_argument("--no-duplicates", action="store_true",
                        help="every report a ticket of its own (reports of an open matter join its ticket otherwise, "
                             "as the default rulebook says): --tickets tickets in the log")
    args = parser.parse_args()
    book = load_rulebook()
    if args.no_duplicates:
        book = book.model_copy(update={"duplicates": Duplicates(enabled=False)})
    warnings.simplefilter("ignore")
    work = Path(tempfile.mkdtemp(prefix="sim-bench-"))
    try:
        sim = research.simulate(work / "sim.sqlite", args.tickets, args.seed, rulebook=book,
                                config=research.SimConfig(workers=args.workers))
        print(f"simulate ({args.workers}) {sim.tickets:>9,} reports {sim.events:>10,} events {sim.seconds:8.1f} s  "
              f"{sim.tickets / sim.seconds:8.0f} reports/s  {sim.events / sim.seconds:9.0f} events/s  "
              f"peak {peak_rss_mb():.0f} MiB (this process)"
              + (f", {peak_rss_mb(children=True):.0f} MiB (the largest part)" if args.workers > 1 else ""), flush=True)

        async def read() -> list:
            async with await Store.open(work / "sim.sqlite", readonly=True) as store:
                return await store.events()

        events = asyncio.run(read())
        ingest_s = asyncio.run(ingest(events, work / "ingest.sqlite"))
        rows = [event_row(e) for e in events]
        asyncio.run(ingest([], work / "raw.sqlite"))  # an empty store of the same schema
        db = sqlite3.connect(work / "raw.sqlite")
        t0 = time.perf_counter()
        with db:
            db.executemany(_EVENT_INSERT, rows)
        raw_s = time.perf_counter() - t0
        db.close()
        for name, seconds in (("store bulk ingest", ingest_s), ("plain executemany", raw_s)):
            print(f"{name:17} {len(events):>10,} events {seconds:8.1f} s  {len(events) / seconds:9.0f} events/s;"
                  f"  the simulator takes {sim.seconds / seconds:5.1f}x as long", flush=True)
        need = 1_000_000 / 300
        print(f"a million reports in 5 minutes needs {need:,.0f} reports/s: "
              f"{sim.tickets / sim.seconds / need:.2f} of it", flush=True)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
