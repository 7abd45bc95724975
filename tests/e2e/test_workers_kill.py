"""Two bot workers on one store share the rooms on a real Synapse; the one holding the residents' room is
killed with SIGKILL in the middle of a stream of reports; the other takes its rooms over when the leases (and
its claims on the outbox rows) run out and catches up: every report answered once, every ticket carded once. On
a SQLite file and on a PostgreSQL database the test starts."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from chatops.chat.bot import LEASE_TTL
from chatops.chat.runner import provision_rooms
from chatops.local.homeserver import LocalHomeserver
from chatops.local.people import Person
from chatops.tickets.store import Store, StoreError
from tests.conftest import PostgreSQL
from tests.e2e.conftest import PASSWORD, Register
from tests.e2e.test_bot_crash import bot_env, tickets_in
from tests.e2e.test_bot_flow import is_card, settings_for

REPORTS = 16


async def leases(store: Path | str) -> dict[str, str]:
    """Return the rooms whose lease runs, and the worker holding each (none before the store is made)."""
    if isinstance(store, Path):
        try:
            with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5) as db:
                return dict(db.execute("SELECT room_id, worker FROM leases WHERE until > ?",
                                       (time.time(),)).fetchall())
        except sqlite3.OperationalError:
            return {}
    async with await Store.open(store, readonly=True) as s:
        return {room: worker for room, (worker, until) in (await s.leases()).items() if until > time.time()}


async def tickets(store: Path | str) -> int:
    if isinstance(store, Path):
        return tickets_in(store)
    try:
        async with await Store.open(store, readonly=True) as s:
            return await s.count("tickets")
    except StoreError:
        return 0


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
async def test_a_killed_worker_loses_and_doubles_nothing(tmp_path: Path, homeserver: LocalHomeserver,
                                                         register: Register, engine: str,
                                                         request: pytest.FixtureRequest) -> None:
    bot_user = await register(f"whistle{engine[0]}")
    alice, bob, prop = [await register(f"{who}{engine[0]}") for who in ("alice", "bob", "prop")]
    settings = settings_for(tmp_path, homeserver, bot_user, f"workers{engine[0]}")
    if engine == "postgresql":
        pg: PostgreSQL = request.getfixturevalue("postgres")
        settings = replace(settings, store=pg.database())
    rooms = await provision_rooms(settings, staff={"property": [prop]}, residents={"": [alice, bob]})
    everyone = next(r.room_id for r in rooms if r.kind == "community" and r.ref == "")
    prop_room = next(r.room_id for r in rooms if r.ref == "property")
    env = bot_env(settings, homeserver, bot_user, f"workers{engine[0]}")
    logs = {w: tmp_path / f"bot-{w}.log" for w in ("a", "b")}
    procs = {w: await asyncio.create_subprocess_exec(sys.executable, "-m", "chatops.cli", "bot", "-v", "--worker", w,
                                                     env=env, stdout=logs[w].open("ab"), stderr=logs[w].open("ab"))
             for w in ("a", "b")}
    people = [await Person.login(homeserver.url, u, PASSWORD) for u in (alice, bob, prop)]
    residents, staff = people[:2], people[2]
    sent: list[str] = []
    try:
        async with asyncio.timeout(90):  # both up, the five rooms shared between them
            while set((held := await leases(settings.store)).values()) != {"a", "b"} or len(held) < len(rooms):
                for w, p in procs.items():
                    assert p.returncode is None, f"worker {w} exited: " + logs[w].read_text(errors="replace")[-2000:]
                await asyncio.sleep(0.5)
        held = await leases(settings.store)
        victim = held[everyone]
        killed_at = 0.0
        for i in range(REPORTS):
            sent.append(await residents[i % 2].say(everyone, f"楼道漏水了，第{i}次"))
            if not killed_at and await tickets(settings.store) >= 4:
                procs[victim].send_signal(signal.SIGKILL)  # mid-stream: some handled, some not yet seen
                await procs[victim].wait()
                killed_at = time.monotonic()
            await asyncio.sleep(0.05)
        assert killed_at, "the workers never got going"
        for i, event in enumerate(sent):
            await residents[i % 2].wait_for(lambda s, e=event: s.thread_root == e and s.sender == bot_user,
                                            timeout=LEASE_TTL + 60)
        caught_up = time.monotonic() - killed_at
        for n in range(1, REPORTS + 1):
            await staff.wait_for(lambda s, n=n: s.room_id == prop_room and is_card(s, n), timeout=60)
        await asyncio.sleep(2)  # time for any double to arrive
        survivor = "b" if victim == "a" else "a"
        procs[survivor].send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(procs[survivor].wait(), 30) == 0
    finally:
        for p in procs.values():
            if p.returncode is None:
                p.kill()
                await p.wait()
        for person in people:
            await person.close()
    assert await tickets(settings.store) == REPORTS
    seen = residents[0].notices(everyone, bot_user)
    receipts = [s.thread_root for s in seen if s.thread_root in sent and "已受理" in s.body]
    assert sorted(receipts) == sorted(sent), "every report is answered exactly once"
    cards = [s for s in staff.notices(prop_room, bot_user) if s.relation == {}]
    assert len(cards) == REPORTS, "every ticket has exactly one card"
    print(f"\n{engine}: worker {victim} killed; every report answered {caught_up:.1f} s later "
          f"(leases last {LEASE_TTL:.0f} s)")
