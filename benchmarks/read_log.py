"""``research.read_log`` now, beside the reader as it was before the event contract (from git), same log.

A store (simulated, or ``--store``) is copied twice: as it is, and with the contract's columns dropped (the
layout before schema 11, where a reader evaluates ``json_extract`` paths). Three readers are timed,
interleaved, ``--repeat`` times each, every read in a fresh child process so its peak memory is its own:
``before`` (``research/log.py`` at ``--before``, the commit before the contract, on the old layout, as it
ran then), ``now`` (this checkout, on the contract's columns) and ``now, old layout`` (this checkout on
the copy without them). Prints the median time, the peak RSS and the ratios to ``before``.

    .venv/bin/python benchmarks/read_log.py --tickets 100000
    .venv/bin/python benchmarks/read_log.py --store var/bench-1000000-42.sqlite --repeat 3 --before 7e589a9
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import run_child

CHILD = """
import importlib.util, json, sys, time, warnings
warnings.simplefilter("ignore")
import research
from _common import peak_rss_mb
reader = research.read_log
if len(sys.argv) > 2:  # an older research/log.py, loaded as a module of its own
    spec = importlib.util.spec_from_file_location("log_before", sys.argv[2])
    module = sys.modules["log_before"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    reader = module.read_log
t = time.perf_counter()
log = reader(sys.argv[1], key="bench")
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rss": peak_rss_mb(),
                  "events": len(log.events), "named": len(log.assignments)}))
"""
CONTRACT = ("sign_deadline", "resolve_deadline", "rating", "days", "handlers")


def read(path: Path, module: Path | None = None) -> dict[str, Any]:
    return run_child(CHILD, str(path), *([str(module)] if module else []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="a store to read (default: simulate --tickets)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", default="7e589a9", help="the commit whose reader is the baseline")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="read-log-"))
    before = work / "log_before.py"
    root = Path(__file__).resolve().parent.parent
    before.write_text(subprocess.run(["git", "-C", str(root), "show", f"{args.before}:research/log.py"],
                                     capture_output=True, text=True, check=True).stdout)
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
    if "merged_into" not in {row[1] for row in db.execute("PRAGMA table_info(tickets)")}:
        db.execute("ALTER TABLE tickets ADD COLUMN merged_into INTEGER")  # schema 10 had it (always NULL)
    db.commit()
    db.close()
    for copy in (columns, legacy):  # both compacted alike
        db = sqlite3.connect(copy)
        db.execute("VACUUM")
        db.close()
    runs: dict[str, list[dict[str, float]]] = {"before": [], "now": [], "now, old layout": []}
    for _ in range(args.repeat):
        runs["before"].append(read(legacy, before))
        runs["now"].append(read(columns))
        runs["now, old layout"].append(read(legacy))
    first = [rows[0] for rows in runs.values()]
    assert len({(r["events"], r["named"]) for r in first}) == 1, "all read the same log"
    print(f"read_log of {int(first[0]['events']):,} events, median of {args.repeat} (each in its own process):")
    base_t = statistics.median(r["seconds"] for r in runs["before"])
    base_m = statistics.median(r["rss"] for r in runs["before"])
    for name, rows in runs.items():
        t, m = statistics.median(r["seconds"] for r in rows), statistics.median(r["rss"] for r in rows)
        print(f"  {name:16} {t:7.2f} s  ({t / base_t:.2f}x)   peak {m:7.0f} MiB  ({m / base_m:.2f}x)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
