"""``research.read_log`` on the event contract's columns beside the same log with those fields only in JSON.

A store (simulated, or ``--store``) is copied twice: as it is, and with the contract's columns dropped (the
layout before schema 11, where ``read_log`` evaluates ``json_extract`` paths). Each is read ``--repeat``
times, alternating, each read in a fresh child process so its peak memory is its own. Prints the median
time, the peak RSS and their ratio.

    .venv/bin/python benchmarks/read_log.py --tickets 100000
    .venv/bin/python benchmarks/read_log.py --store var/bench-1000000-42.sqlite --repeat 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
import research
t = time.perf_counter()
log = research.read_log(sys.argv[1], key="bench")
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "events": len(log.events), "named": len(log.assignments)}))
"""
CONTRACT = ("sign_deadline", "resolve_deadline", "rating", "days", "handlers")


def read(path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="a store to read (default: simulate --tickets)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="read-log-"))
    store = args.store
    if store is None:
        import research

        store = work / "sim.sqlite"
        s = research.simulate(store, args.tickets, 42)
        print(f"simulated {s.tickets:,} tickets, {s.events:,} events in {s.seconds:.0f} s", flush=True)
    columns, legacy = work / "columns.sqlite", work / "legacy.sqlite"
    shutil.copyfile(store, columns)
    shutil.copyfile(store, legacy)
    db = sqlite3.connect(legacy)
    for column in CONTRACT:
        db.execute(f"ALTER TABLE events DROP COLUMN {column}")
    db.execute("VACUUM")
    db.close()
    runs: dict[str, list[dict[str, float]]] = {"columns": [], "json paths": []}
    for _ in range(args.repeat):
        runs["columns"].append(read(columns))
        runs["json paths"].append(read(legacy))
    a, b = runs["columns"], runs["json paths"]
    assert a[0]["events"] == b[0]["events"] and a[0]["named"] == b[0]["named"], "both read the same log"
    print(f"read_log of {int(a[0]['events']):,} events, median of {args.repeat} (each in its own process):")
    for name, rows in runs.items():
        print(f"  {name:11} {statistics.median(r['seconds'] for r in rows):7.2f} s   "
              f"peak {statistics.median(r['rss'] for r in rows):7.0f} MiB")
    ta, tb = (statistics.median(r["seconds"] for r in x) for x in (a, b))
    ma, mb = (statistics.median(r["rss"] for r in x) for x in (a, b))
    print(f"  columns / json paths: time {ta / tb:.2f}x, peak memory {ma / mb:.2f}x")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
