"""A province's day replayed through the real ticket service by 1, 2 and 4 worker processes, on PostgreSQL
(one database, a schema per community) beside SQLite (a file per community), and one worker killed with
SIGKILL in the middle of a PostgreSQL run: nothing lost, nothing doubled.

Each community's day is simulated first (``research.simulation``), and what its people did becomes its
script (``chatops.local.replay``): reports, supports, sign-fors, transfers, returns, extensions, resolves,
verdicts, ratings, notes, choices and triage; routing, reminders, escalations, whistles and call-back closes
are done again by each replay's own engine and scheduler. The communities are dealt to the workers in turn.
Prints steps/s (all workers' steps over the wall time), each step's latency (p50, p95), and for the kill:
the events of every kind and every ticket compared with the same replay left alone.

    .venv/bin/python benchmarks/province_day.py --communities 8 --tickets 400
    .venv/bin/python benchmarks/province_day.py --communities 200 --tickets 350 --engines postgresql \
        --workers 2   # 70,000 tickets: about half an hour on 2 cores
    .venv/bin/python benchmarks/province_day.py --communities 2000 --tickets 35 --scripts /tmp/province-2000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


_BOOK: Any = None


def _script(folder: Path, n: int, tickets: int) -> tuple[str, int, int]:
    """Simulate community ``n``'s day and write its script; return its name, tickets and steps."""
    from chatops.local.replay import script_of, write_script
    from research.simulation import simulate
    from rules import load_rulebook

    global _BOOK
    _BOOK = _BOOK or load_rulebook()  # read once per process
    name = f"c{n + 1}"
    sim = folder / f"{name}.sqlite"
    summary = simulate(sim, tickets, seed=100 + n, overwrite=True, rulebook=_BOOK)
    script = script_of(sim)
    write_script(script, folder / f"{name}.jsonl")
    for made in folder.glob(f"{name}.sqlite*"):  # with its -wal and -shm
        made.unlink()
    return name, summary.tickets, len(script)


def scripts(folder: Path, communities: int, tickets: int) -> tuple[list[str], int, int]:
    """Simulate each community's day and write its script (one process per core); return the names, tickets
    and steps. Scripts already in ``folder`` for the same sizes (``scripts.json``) are kept, so that a long
    run can be split: ``--scripts DIR`` names the folder."""
    manifest = folder / "scripts.json"
    wanted = {"communities": communities, "tickets": tickets}
    if manifest.exists():
        kept = json.loads(manifest.read_text())
        if {k: kept[k] for k in wanted} == wanted:
            return kept["names"], kept["made"], kept["steps"]
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        done = list(pool.map(_script, [folder] * communities, range(communities), [tickets] * communities,
                             chunksize=8))
    names = [name for name, _, _ in done]
    made, steps = sum(t for _, t, _ in done), sum(s for _, _, s in done)
    manifest.write_text(json.dumps({**wanted, "names": names, "made": made, "steps": steps}))
    return names, made, steps


def spawn(folder: Path, store: str, names: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "chatops.local.replay", "worker", "--scripts", str(folder),
                             "--store", store, *names], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})


def dealt(names: list[str], workers: int) -> list[list[str]]:
    return [names[w::workers] for w in range(workers)]


def run(folder: Path, store: str, names: list[str], workers: int) -> dict[str, Any]:
    """Replay every community with ``workers`` processes; return steps/s, latencies and the wall time."""
    started = time.perf_counter()
    procs = [spawn(folder, store, part) for part in dealt(names, workers)]
    tallies = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    wall = time.perf_counter() - started
    steps = sum(t["done"] + t["refused"] + t["skipped"] for t in tallies)
    return {"wall": wall, "steps_per_s": steps / wall, "refused": sum(t["refused"] for t in tallies),
            "p50_ms": sorted(t["p50_ms"] for t in tallies)[len(tallies) // 2],
            "p95_ms": max(t["p95_ms"] for t in tallies)}


def snapshot(uri: str, names: list[str]) -> dict[str, Any]:
    """Return every community's events in order, its tickets and its inbox size (PostgreSQL)."""
    import asyncio

    import asyncpg

    async def read() -> dict[str, Any]:
        conn = await asyncpg.connect(uri)
        out = {}
        for name in names:
            # the log in its order (not its numbers: a killed transaction used one of the sequence's)
            kinds = await conn.fetch(f'SELECT ticket_id, kind, actor, target, rule, at FROM "{name}".events '
                                     'ORDER BY seq')
            tickets = await conn.fetch(f'SELECT id, source, state, lead, priority, transfers, reopens, rating '
                                       f'FROM "{name}".tickets ORDER BY id')
            inbox = await conn.fetchval(f'SELECT COUNT(*) FROM "{name}".inbox')
            out[name] = {"kinds": [tuple(r) for r in kinds], "tickets": [tuple(r) for r in tickets], "inbox": inbox}
        await conn.close()
        return out

    return asyncio.run(read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=8)
    parser.add_argument("--tickets", type=int, default=400, help="reports simulated per community")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--scripts", type=Path, help="keep the simulated scripts in this folder (and reuse them "
                        "when it holds scripts of the same sizes)")
    parser.add_argument("--kill", action=argparse.BooleanOptionalAction, default=True,
                        help="kill a worker in a second 2-worker PostgreSQL run (default: yes)")
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        pg_folder = Path(tempfile.mkdtemp(prefix="pg-"))
        server = pgserver.get_server(pg_folder, cleanup_mode="delete")
    folder = args.scripts or Path(tempfile.mkdtemp(prefix="province-"))
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    names, tickets, steps = scripts(folder, args.communities, args.tickets)
    print(f"{len(names)} communities, {tickets:,} tickets, {steps:,} steps people took "
          f"(simulated and scripted in {time.perf_counter() - t:.0f} s)", flush=True)
    made = iter(range(1000))
    results: dict[tuple[str, int], dict[str, Any]] = {}
    reference = ""
    for engine in args.engines.split(","):
        for workers in (int(w) for w in args.workers.split(",")):
            if engine == "sqlite":
                store = tempfile.mkdtemp(prefix="sqlite-")
            else:
                db = f"d{next(made)}"
                server.psql(f"CREATE DATABASE {db};")
                store = f"postgresql://postgres@/{db}?host={pg_folder}"
            r = results[(engine, workers)] = run(folder, store, names, workers)
            if engine == "sqlite":
                shutil.rmtree(store)
            print(f"{engine:10s} {workers} worker(s): {r['steps_per_s']:7,.0f} steps/s "
                  f"({r['steps_per_s'] * tickets / steps:5,.0f} tickets/s), "
                  f"step latency p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, {r['wall']:.1f} s wall, "
                  f"{r['refused']} refused", flush=True)
            if engine == "postgresql" and workers == 2:
                reference = store
    if reference and args.kill:
        db = f"d{next(made)}"
        server.psql(f"CREATE DATABASE {db};")
        store = f"postgresql://postgres@/{db}?host={pg_folder}"
        parts = dealt(names, 2)
        procs = [spawn(folder, store, part) for part in parts]
        time.sleep(results[("postgresql", 2)]["wall"] * 0.4)
        os.kill(procs[0].pid, signal.SIGKILL)
        procs[0].wait()
        print(f"killed worker 1 (communities {', '.join(parts[0])}) with SIGKILL; started again", flush=True)
        procs[0] = spawn(folder, store, parts[0])
        for p in procs:
            p.communicate()
        ref, killed = snapshot(reference, names), snapshot(store, names)
        same = all(ref[n] == killed[n] for n in names)
        lost = sum(len(ref[n]["tickets"]) - len(killed[n]["tickets"]) for n in names)
        events = sum(len(killed[n]["kinds"]) for n in names)
        print(f"after the kill: {events:,} events; every community's events in order, tickets and inbox "
              f"{'identical to' if same else 'DIFFERENT from'} the replay left alone (tickets lost or doubled: "
              f"{lost})", flush=True)
    server.cleanup()
    if not args.scripts:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
