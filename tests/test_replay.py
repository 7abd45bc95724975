"""Replaying simulated communities through the real ticket service (``chatops.local.replay``), on the
session's real PostgreSQL server: a worker process killed with SIGKILL in the middle and started again ends
with the very same events, tickets and inbox as a replay left alone — nothing lost, nothing doubled."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import asyncpg

from chatops.local.replay import Step, replay_worker, script_of, write_script
from research.simulation import simulate

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("c1", "c2")


def scripts(folder: Path) -> dict[str, list[Step]]:
    out = {}
    for n, name in enumerate(NAMES):
        simulate(folder / f"{name}.sqlite", 80, seed=40 + n)
        out[name] = script_of(folder / f"{name}.sqlite")
        write_script(out[name], folder / f"{name}.jsonl")
    return out


async def snapshot(uri: str) -> dict[str, Any]:
    conn = await asyncpg.connect(uri)
    try:
        # the log in its order, not its numbers: a transaction killed mid-way used a number of the sequence
        # (PostgreSQL does not give them back), so the numbers after it are one higher
        return {name: (await conn.fetch(f'SELECT ticket_id, kind, actor, target, rule, at FROM "{name}".events '
                                        f'ORDER BY seq'),
                       await conn.fetch(f'SELECT id, source, state, lead, priority, transfers, reopens, rating, '
                                        f'updated_at FROM "{name}".tickets ORDER BY id'),
                       await conn.fetchval(f'SELECT COUNT(*) FROM "{name}".inbox'))
                for name in NAMES}
    finally:
        await conn.close()


async def inbox(uri: str) -> int:
    conn = await asyncpg.connect(uri)
    try:
        exists = await conn.fetchval("SELECT to_regclass('c1.inbox') IS NOT NULL")
        return int(await conn.fetchval("SELECT COUNT(*) FROM c1.inbox")) if exists else 0
    finally:
        await conn.close()


async def test_a_worker_killed_mid_replay_loses_and_doubles_nothing(postgres: Any, tmp_path: Path) -> None:
    steps = scripts(tmp_path)
    assert all(len(s) > 300 for s in steps.values())
    # the script is what people did: no routing, reminder or escalation in it (the replay's rules do them)
    assert {s.kind for s in steps["c1"]} >= {"reported", "acknowledged", "resolved", "verified"}
    assert not {s.kind for s in steps["c1"]} & {"routed", "reminded", "escalated", "closed"}

    alone = postgres.database()
    tally = await replay_worker({n: f"{alone}&community={n}" for n in NAMES}, steps)
    assert tally.done > 600 and tally.skipped == 0
    before = await snapshot(alone)
    again = await replay_worker({n: f"{alone}&community={n}" for n in NAMES}, steps)  # started again at the end
    assert again.done == again.refused == 0 and again.skipped == sum(len(s) for s in steps.values())
    assert await snapshot(alone) == before  # not one report made twice, even of a ticket since closed

    killed = postgres.database()
    args = [sys.executable, "-m", "chatops.local.replay", "worker", "--scripts", str(tmp_path), "--store", killed,
            *NAMES]
    proc = await asyncio.create_subprocess_exec(*args, cwd=ROOT, stdout=asyncio.subprocess.PIPE)
    deadline = time.monotonic() + 60
    while await inbox(killed) < 100:  # well into the replay
        assert time.monotonic() < deadline and proc.returncode is None
        await asyncio.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    await proc.wait()
    halfway = await inbox(killed)
    assert 100 <= halfway < len(steps["c1"])
    restarted = await asyncio.create_subprocess_exec(*args, cwd=ROOT, stdout=asyncio.subprocess.PIPE)
    out, _ = await restarted.communicate()
    assert restarted.returncode == 0 and json.loads(out)["skipped"] >= halfway  # what the killed one did: not again
    a, b = await snapshot(killed), await snapshot(alone)
    for name in NAMES:
        for got, want in zip(a[name][:2], b[name][:2], strict=True):
            assert len(got) == len(want) and [tuple(r) for r in got] == [tuple(r) for r in want], name
        assert a[name][2] == b[name][2]


async def test_research_reads_a_community_on_postgresql_as_it_reads_one_on_sqlite(postgres: Any,
                                                                                 tmp_path: Path) -> None:
    import pandas as pd

    from research import read_log
    from research.parquet import export_parquet

    steps = {"c1": scripts(tmp_path)["c1"]}  # simulated, then done again on each engine
    uri = f"{postgres.database()}&community=c1"
    file = tmp_path / "c1-replayed.sqlite"
    for where in (uri, str(file)):  # the same day on both engines
        await replay_worker({"c1": where}, steps)
    on_pg, on_file = read_log(uri, key="k"), read_log(file, key="k")
    assert len(on_pg.events) > 500 and "password" not in str(on_pg.path)
    pd.testing.assert_frame_equal(on_pg.events, on_file.events)
    pd.testing.assert_frame_equal(on_pg.tickets, on_file.tickets)
    written = export_parquet(uri, tmp_path / "parquet", key="k")  # a province's research export, from PostgreSQL
    assert written["events"] == len(read_log(tmp_path / "parquet").events) == len(on_file.events)
