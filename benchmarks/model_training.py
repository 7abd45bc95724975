"""Training time and size of the learned routing model: on the 1,671 city letters, and on the history of a
simulated community store (labels: the handler that finally resolved each ticket).

    .venv/bin/python benchmarks/model_training.py [--tickets 100000] [--store var/bench-model.sqlite]

The simulated store is made once and kept (its path is printed); ``--tickets 0`` skips it.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import peak_rss_mb, real_reports

from chatops.tickets.learning import history_rows
from chatops.tickets.store import Store
from rules import Router, load_rulebook
from rules.model import Model, train


def report(label: str, model: Model, seconds: float, folder: Path) -> None:
    path = model.save(folder / f"{label}.model")
    print(f"  {label}: {model.info['rows']:,} rows, {len(model.labels)} labels ({model.kind}), "
          f"{len(model.features.keys):,} n-grams; trained in {seconds:.1f} s; file {path.stat().st_size / 1e6:.1f} MB; "
          f"peak RSS so far {peak_rss_mb():.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tickets", type=int, default=100_000)
    ap.add_argument("--store", default="var/bench-model.sqlite")
    args = ap.parse_args()
    router = Router(load_rulebook())
    folder = Path(tempfile.mkdtemp(prefix="whistle-models-"))
    letters = real_reports()
    if letters:
        started = time.perf_counter()
        model = train(letters, kind="sector", source="letters", classifier=router.classifier)
        report("letters", model, time.perf_counter() - started, folder)
    if args.tickets:
        from research.simulation import simulate

        store = Path(args.store)
        if not store.exists():
            store.parent.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            s = simulate(store, args.tickets, seed=11)
            print(f"  simulated {s.tickets:,} reports into {store} in {time.perf_counter() - started:.0f} s")

        async def rows() -> list[tuple[str, str]]:
            async with await Store.open(store, readonly=True) as st:
                return await history_rows(st)

        started = time.perf_counter()
        history = asyncio.run(rows())
        read = time.perf_counter() - started
        started = time.perf_counter()
        model = train(history, kind="handler", source=store.name, classifier=router.classifier)
        print(f"  read {len(history):,} labelled reports from the store in {read:.1f} s")
        report("store", model, time.perf_counter() - started, folder)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
