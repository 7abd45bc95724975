"""The ticket service on one PostgreSQL store with 1, 2 and 4 worker processes reporting at once.

Each worker is a process with its own store connections reporting ``--reports`` texts through the real
ticket service (routing, events, projection, timers; one transaction each); reports/s is the total over the
slowest worker's time. The same with 1 process on SQLite is printed beside. Twice: all processes in one
community (its writers take turns under the community's advisory lock, as SQLite's ``BEGIN IMMEDIATE``
serialises them: the routing runs in parallel, the writes do not), and each process in a community of its
own in the same database (``?community=…``: a schema and a write lock each, as a province's bots would be).

    .venv/bin/python benchmarks/workers_pg.py --reports 1000
"""

from __future__ import annotations

import argparse
import json
import shutil
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


def run(store: str, workers: int, reports: int, apart: bool = False) -> float:
    here = str(Path(__file__).resolve().parent)
    stores = [f"{store}&community=c{n + 1}" if apart else store for n in range(workers)]
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, stores[n], str(reports), str(n + 1), here],
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
        server = pgserver.get_server(folder, cleanup_mode="delete")
    import asyncio

    from chatops.tickets.store import Store

    sqlite = Path(tempfile.mkdtemp()) / "one.sqlite"
    print(f"SQLite, 1 process: {run(str(sqlite), 1, args.reports):,.0f} reports/s")
    made = iter(range(100))
    for apart in (False, True):
        for workers in (1, 2, 4):
            name = f"w{next(made)}"
            server.psql(f"CREATE DATABASE {name};")
            uri = f"postgresql://postgres@/{name}?host={folder}"

            async def create(uri: str = uri, workers: int = workers, apart: bool = apart) -> None:
                for n in range(workers if apart else 1):  # the schemas first: the workers do not race to make them
                    await (await Store.open(f"{uri}&community=c{n + 1}" if apart else uri)).close()

            asyncio.run(create())
            t = time.perf_counter()
            rate = run(uri, workers, args.reports, apart)
            where = "each in a community of its own" if apart else "one community"
            print(f"PostgreSQL, {workers} process(es), {where}: {rate:,.0f} reports/s "
                  f"({time.perf_counter() - t:.1f} s wall)")
    server.cleanup()
    shutil.rmtree(sqlite.parent)


if __name__ == "__main__":
    main()
