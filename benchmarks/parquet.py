"""The research log from a Parquet export beside ``read_log`` on the SQLite store, same events.

A store (simulated, or ``--store``) is exported with ``research.export_parquet`` (timed), then read both
ways, interleaved, ``--repeat`` times each, every read in a fresh child process so its peak memory is its
own: ``store`` (``read_log`` on the SQLite file, the baseline) and ``parquet`` (``read_log`` on the
export), and one month of the export read alone (``read_tables(months=…)``: what partitioning buys).
Prints the median time, the peak RSS, the ratios to ``store``, and the export's size beside the store's.

    .venv/bin/python benchmarks/parquet.py --tickets 20000
    .venv/bin/python benchmarks/parquet.py --store var/bench-100000.sqlite --repeat 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import run_child

CHILD = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import research
from research.parquet import read_tables
from _common import peak_rss_mb
t = time.perf_counter()
if sys.argv[2] == "month":
    tables, _ = read_tables(sys.argv[1], months=[sys.argv[3]])
    events = len(tables["events"])
else:
    events = len(research.read_log(sys.argv[1], key="bench").events)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rss": peak_rss_mb(),
                  "events": events}))
"""


EXPORT = """
import json, sys, warnings
warnings.simplefilter("ignore")
from research.parquet import export_parquet
print(json.dumps(export_parquet(sys.argv[1], sys.argv[2], key="bench")))
"""


def read(path: Path, how: str, month: str = "") -> dict[str, Any]:
    return run_child(CHILD, str(path), how, month)


def size(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--store", type=Path, help="a store to read (default: simulate --tickets)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import research

    store = args.store or research.sample_store(args.tickets)
    out = Path(tempfile.mkdtemp(prefix="parquet-")) / "log"
    t = time.perf_counter()  # in a child too: the reads' own peaks are theirs, not this process's
    summary = run_child(EXPORT, str(store), str(out))
    exported = time.perf_counter() - t
    month = summary["months"][len(summary["months"]) // 2]
    runs: dict[str, list[dict[str, float]]] = {"store": [], "parquet": [], f"one month ({month})": []}
    for _ in range(args.repeat):
        runs["store"].append(read(Path(store), "log"))
        runs["parquet"].append(read(out, "log"))
        runs[f"one month ({month})"].append(read(out, "month", month))
    base = statistics.median(r["seconds"] for r in runs["store"])
    base_rss = statistics.median(r["rss"] for r in runs["store"])
    print(f"{summary['events']:,} events, {summary['tickets']:,} tickets, {len(summary['months'])} months; "
          f"export {exported:.2f} s; store {size(Path(store)):.0f} MiB, export {size(out):.0f} MiB")
    for name, rows in runs.items():
        seconds = statistics.median(r["seconds"] for r in rows)
        rss = statistics.median(r["rss"] for r in rows)
        print(f"{name:24} {seconds:7.2f} s  ({seconds / base:4.2f}×)  peak {rss:7.0f} MiB ({rss / base_rss:4.2f}×)"
              f"  {int(rows[0]['events']):,} events")
    shutil.rmtree(out.parent)


if __name__ == "__main__":
    main()
