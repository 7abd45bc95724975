"""The scheduler's cost with 100,000 open tickets: a tick with nothing due, and ticks that fire.

Usage: python benchmarks/scheduler.py [--tickets 100000]

The tickets are made by the real ticket service (one transaction per 1,000 reports, each writing its
timers), over ten simulated days so deadlines spread out. Baseline in the same run: the bare SQL query a
tick makes for due timers, so the ratio shows what the scheduler adds (reading tickets, the rule engine,
the event, the projection) per fired timer.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import peak_rss_mb, synthetic_reports

from chatops.tickets.scheduler import Scheduler
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Place, Router, load_rulebook
from rules.rulebook import Duplicates


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def main(n: int) -> None:
    # every report its own ticket: no report joins another as support, so all of them stay open tickets
    book = load_rulebook().model_copy(update={"duplicates": Duplicates(window=timedelta(0))})
    router = Router(book)
    grids = [g.id for g in book.grids]
    texts = synthetic_reports(book, n, seed=7)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = await Store.open(Path(tmp) / "s.sqlite")
        clock = Clock()
        service = TicketService(store, router, clock=clock)
        t0 = time.perf_counter()
        made = 0
        for start in range(0, n, 1000):
            async with store.write() as tx:
                for i in range(start, min(n, start + 1000)):
                    clock.now += timedelta(seconds=864_000 / n)  # ten days
                    grid = rng.choice(grids)
                    receipt = await service.report(source=f"b:{i}", reporter=f"@r{i % 5000}:b", text=texts[i],
                                                   place=Place(grid), tx=tx)
                    made += receipt.created
        build = time.perf_counter() - t0
        counts = await store.timer_counts()
        print(f"open tickets: {await store.count('tickets'):,}; "
              f"timers: {counts.get('pending', 0):,} pending; built in {build:.1f} s")
        scheduler = Scheduler(store, service)
        rss0 = peak_rss_mb()

        # 1. a tick with nothing due (the common case: the bot wakes every 30 s or after a move)
        clock.now = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
        reps = 200
        t0 = time.perf_counter()
        for _ in range(reps):
            await scheduler.tick()
        idle = (time.perf_counter() - t0) / reps
        t0 = time.perf_counter()
        for _ in range(reps):
            await store.due_timers(clock.now)
        bare = (time.perf_counter() - t0) / reps
        print(f"idle tick: {idle * 1000:.2f} ms (the bare due-timer query alone {bare * 1000:.2f} ms, "
              f"ratio {idle / bare:.2f})")

        # 2. ticks that fire: move the clock an hour at a time through the first simulated day
        fired, t0 = 0, time.perf_counter()
        ticks = 0
        clock.now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
        while fired < 5000 and ticks < 240:
            clock.now += timedelta(hours=1)
            fired += await scheduler.tick()
            ticks += 1
        busy = time.perf_counter() - t0
        after = await store.timer_counts()
        print(f"firing: {fired:,} timers fired in {ticks} ticks, {busy:.2f} s: {busy / max(fired, 1) * 1000:.2f} ms "
              f"per fired timer ({fired / busy:,.0f}/s); cancelled as stale {after.get('cancelled', 0):,}")
        print(f"peak RSS: {peak_rss_mb():.0f} MiB (after building the store: {rss0:.0f} MiB)")
        await store.close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=100_000)
    asyncio.run(main(ap.parse_args().tickets))
