"""Deadlines per second on the working-day clock beside plain ``start + limit``, in the same run.

Also beside ``add_duration`` (the same sum behind a Python call: TicketService's elapsed-time clock), which
shows how much of the gap is only the cost of calling a function.

Random starts over 2026-2027 (UTC, to the second), priorities mixed as the default rulebook's categories
are, each with the default rulebook's sign-for and resolve limits. 2027 has no holiday data yet, so the
clock counts it Monday to Friday (one logged warning).

    .venv/bin/python benchmarks/deadlines.py [--n 100000]
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_rate, peak_rss_mb

from chatops.tickets.service import add_duration
from rules import load_rulebook
from rules.workdays import WorkCalendar

MIX = {"emergency": 0.05, "urgent": 0.20, "normal": 0.60, "complex": 0.15}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="random starts")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    book = load_rulebook()
    rng = random.Random(4)
    t0, span = datetime(2026, 1, 1, tzinfo=UTC), int(timedelta(days=730).total_seconds())
    priorities = rng.choices(list(MIX), weights=list(MIX.values()), k=args.n)
    jobs = []
    for p in priorities:
        start = t0 + timedelta(seconds=rng.randrange(span))
        limits = book.limits[p]  # type: ignore[index]
        jobs.append((start, rng.choice((limits.sign_for, limits.resolve)), p))

    cold = WorkCalendar()
    t = time.perf_counter()
    for start, limit, p in jobs:
        cold.deadline(start, limit, p)
    cold_rate = len(jobs) / (time.perf_counter() - t)

    cal = book.work_calendar
    deadline = cal.deadline

    def working() -> int:
        for start, limit, p in jobs:
            deadline(start, limit, p)
        return len(jobs)

    def plain() -> int:
        for start, limit, _p in jobs:
            start + limit  # the operation measured
        return len(jobs)

    def elapsed() -> int:
        for start, limit, p in jobs:
            add_duration(start, limit, p)
        return len(jobs)

    working()  # fill the tables once, as a running bot has
    rates = {"start + limit": best_rate(plain), "add_duration(start, limit, p)": best_rate(elapsed),
             "WorkCalendar.deadline (warm)": best_rate(working),
             "WorkCalendar.deadline (cold, first pass)": cold_rate}
    base = rates["start + limit"]
    print(f"{args.n} starts 2026-2027, mix {MIX}")
    for name, rate in rates.items():
        print(f"  {name:42s} {rate:>12,.0f} /s   ratio {rate / base:.3f}")
    shifted = sum(deadline(s, lim, p) != s + lim for s, lim, p in jobs)
    print(f"  deadlines that differ from start + limit: {shifted / len(jobs):.1%}; "
          f"years without data: {sorted(cal.unknown_years)}; peak RSS {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
