"""The public board and Open311 at scale: page latency beside a plain SQLite query for the same rows.

Serves ``whistle web`` over a store (``--store``, or a simulated one of ``--tickets``) in a child process
and requests, interleaved and in random order, the board (random grid, state, category, month and page),
the same rows again as an open board's live refresh asks for them, a ticket's page, and Open311's
``GET requests`` (100 per page, random filters), over HTTP with one
keep-alive client. In the same run, between requests, the bare SQLite queries that return the same
rows (the page of tickets and its count; for a ticket page, the ticket and its events) are timed on a
read-only connection. Prints p50/p95/p99 of each, the ratios, and the web process's peak memory.

    .venv/bin/python benchmarks/web.py --tickets 100000
    .venv/bin/python benchmarks/web.py --store var/bench-100000-42.sqlite --requests 600
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from chatops.web.serve import free_socket
from rules import load_rulebook


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def peak_kib(pid: int) -> tuple[int, int]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--requests", type=int, default=400, help="requests of each kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    store = args.store
    if store is None:
        import research

        store = Path(tempfile.mkdtemp(prefix="web-bench-")) / "sim.sqlite"
        s = research.simulate(store, args.tickets, 42)
        print(f"simulated {s.tickets:,} reports, {s.events:,} events in {s.seconds:.0f} s", flush=True)
    book = load_rulebook()
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    tickets, events = (db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("tickets", "events"))
    ids = [i for (i,) in db.execute("SELECT id FROM tickets")]
    months = sorted({m for (m,) in db.execute("SELECT substr(created_at, 1, 7) FROM tickets")})
    sock = free_socket("127.0.0.1", 8600)
    port = sock.getsockname()[1]
    sock.close()
    server = subprocess.Popen([sys.executable, "-m", "chatops.cli", "web", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(args.seed)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    client.get("/open311/v2/services.json")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            times: dict[str, list[float]] = {k: [] for k in ("board", "board: bare query", "live refresh",
                                                              "ticket page",
                                                              "ticket: bare query", "GET requests (100)",
                                                              "requests: bare query")}

            def board() -> None:
                where, params, query = [], [], {}
                if rng.random() < 0.5:
                    g = rng.choice(book.grids).id
                    where.append("grid = ?")
                    params.append(g)
                    query["grid"] = g
                if rng.random() < 0.5:
                    s = rng.choice(["routed", "acknowledged", "resolved", "closed"])
                    where.append("state = ?")
                    params.append(s)
                    query["state"] = s
                if rng.random() < 0.3:
                    m = rng.choice(months)
                    query["month"] = m
                page = rng.randint(1, 20)
                query["page"] = str(page)
                t0 = time.perf_counter()
                r = client.get("/", params=query)
                times["board"].append(time.perf_counter() - t0)
                assert r.status_code == 200
                client.get("/", params=query, headers={"HX-Request": "true"})  # an open board's first refresh
                t0 = time.perf_counter()  # and its next one: nothing has changed in between
                again = client.get("/", params=query, headers={"HX-Request": "true"})
                times["live refresh"].append(time.perf_counter() - t0)
                assert again.status_code == 200
                only = (" WHERE " + " AND ".join(where)) if where else ""
                t0 = time.perf_counter()
                db.execute(f"SELECT COUNT(*) FROM tickets{only}", params).fetchone()
                db.execute(f"SELECT * FROM tickets{only} ORDER BY id DESC LIMIT 20 OFFSET ?",
                           (*params, (page - 1) * 20)).fetchall()
                times["board: bare query"].append(time.perf_counter() - t0)

            def ticket() -> None:
                n = rng.choice(ids)
                t0 = time.perf_counter()
                r = client.get(f"/tickets/{n}")
                times["ticket page"].append(time.perf_counter() - t0)
                assert r.status_code == 200
                t0 = time.perf_counter()
                db.execute("SELECT * FROM tickets WHERE id = ?", (n,)).fetchone()
                db.execute("SELECT * FROM events WHERE ticket_id = ? ORDER BY seq", (n,)).fetchall()
                times["ticket: bare query"].append(time.perf_counter() - t0)

            def requests() -> None:
                query = {"page_size": "100", "page": str(rng.randint(1, 20))}
                if rng.random() < 0.5:
                    query["status"] = rng.choice(["open", "closed"])
                t0 = time.perf_counter()
                r = client.get("/open311/v2/requests.json", params=query)
                times["GET requests (100)"].append(time.perf_counter() - t0)
                assert r.status_code == 200
                rows = r.json()
                t0 = time.perf_counter()
                page = db.execute("SELECT * FROM tickets ORDER BY id DESC LIMIT 100 OFFSET ?",
                                  ((int(query["page"]) - 1) * 100,)).fetchall()
                got = [row[0] for row in page]
                db.execute(f"SELECT * FROM events WHERE ticket_id IN ({', '.join('?' for _ in got)}) ORDER BY seq",
                           got).fetchall()
                times["requests: bare query"].append(time.perf_counter() - t0)
                assert len(rows) <= 100

            jobs = [board, ticket, requests] * args.requests
            rng.shuffle(jobs)
            for job in jobs:
                job()
        peak, now = peak_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"web over {tickets:,} tickets, {events:,} events; {args.requests} requests of each kind, interleaved:")
    for name, values in times.items():
        print(f"  {name:22} p50 {pct(values, 50):7.1f} ms  p95 {pct(values, 95):7.1f} ms  "
              f"p99 {pct(values, 99):7.1f} ms")
    for page, bare in (("board", "board: bare query"), ("ticket page", "ticket: bare query"),
                       ("GET requests (100)", "requests: bare query")):
        print(f"  {page} / its bare query at p50: "
              f"{statistics.median(times[page]) / statistics.median(times[bare]):.1f}x")
    print(f"  web process memory: peak {peak / 1024:.0f} MiB, at the end {now / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
