"""The ticket service on one PostgreSQL store with 1, 2 and 4 worker processes reporting at once.

Each worker is a process with its own store connections reporting ``--reports`` texts through the real
ticket service (routing, events, projection, timers; one transaction each); reports/s is the total over the
slowest worker's time. The same with 1 process on SQLite is printed beside. Writers are serialised by the
store's advisory lock (as SQLite's ``BEGIN IMMEDIATE`` serialises them), so this shows what more processes
buy with that design: the routing runs in parallel, the writes do not.

    .venv/bin/python benchmarks/workers_pg.py --reports 1000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

CHILD = """
import asyncio, json, sys, time, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[4])
from _common import synthetic_reports
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Router, load_rulebook
async def main():
    book = load_rulebook()
    texts = synthetic_reports(book, int(sys.argv[2]), seed=int(sys.argv[3]))
    store = await Store.open(sys.argv[1])
    service = TicketService(store, Router(book))
    t = time.perf_counter()
    for i, text in enumerate(texts):
        await service.report(source=f"w{sys.argv[3]}:{i}", reporter=f"@r{i % 300}-{sys.argv[3]}:x", text=text)
    print(json.dumps({"seconds": time.perf_counter() - t, "reports": len(texts)}))
    await store.close()
asyncio.run(main())
"""


def run(store: str, workers: int, reports: int) -> float:
    here = str(Path(__file__).resolve().parent)
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, store, str(reports), str(n + 1), here],
                              stdout=subprocess.PIPE, text=True) for n in range(workers)]
    results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    return sum(r["reports"] for r in results) / max(r["seconds"] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="reports per worker")
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        folder = Path(tempfile.mkdtemp(prefix="pg-"))
        server = pgserver.get_server(folder, cleanup_mode="stop")
    import asyncio

    from chatops.tickets.store import Store

    sqlite = Path(tempfile.mkdtemp()) / "one.sqlite"
    print(f"SQLite, 1 process: {run(str(sqlite), 1, args.reports):,.0f} reports/s")
    for n, workers in enumerate((1, 2, 4)):
        server.psql(f"CREATE DATABASE w{n};")
        uri = f"postgresql://postgres@/w{n}?host={folder}"

        async def create(uri: str = uri) -> None:  # the schema first, so the workers do not race to make it
            await (await Store.open(uri)).close()

        asyncio.run(create())
        t = time.perf_counter()
        rate = run(uri, workers, args.reports)
        print(f"PostgreSQL, {workers} process(es): {rate:,.0f} reports/s ({time.perf_counter() - t:.1f} s wall)")
    server.cleanup()


if __name__ == "__main__":
    main()
