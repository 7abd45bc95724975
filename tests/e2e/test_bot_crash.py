"""The bot process killed with SIGKILL in the middle of a stream of reports, then restarted."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from chatops.chat.runner import provision_rooms
from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver
from chatops.local.people import Person
from tests.e2e.conftest import PASSWORD, Register
from tests.e2e.test_bot_flow import is_card, settings_for

REPORTS = 30


def tickets_in(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM tickets").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def synced(store: Path) -> bool:
    """Return whether the bot has stored a sync token: it is up and reading the rooms."""
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT 1 FROM chat_state WHERE key = 'next_batch'").fetchone() is not None
    except sqlite3.OperationalError:
        return False


async def start(env: dict[str, str], log: Path, store: Path) -> asyncio.subprocess.Process:
    """Start the bot process and return it once it syncs (its imports alone can take seconds)."""
    out = log.open("ab")
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "chatops.cli", "bot", "-v", env=env,
                                                stdout=out, stderr=out)
    async with asyncio.timeout(60):
        while not synced(store):
            assert proc.returncode is None, "the bot exited: " + log.read_text(errors="replace")[-2000:]
            await asyncio.sleep(0.1)
    return proc


def bot_env(settings: Settings, homeserver: LocalHomeserver, bot_user: str, prefix: str,
            **extra: str) -> dict[str, str]:
    """Return the environment a ``whistle bot`` process of ``settings`` runs in (its rooms named ``prefix``)."""
    return {**os.environ, "WHISTLE_HOMESERVER": homeserver.url, "WHISTLE_BOT_USER": bot_user,
            "WHISTLE_BOT_PASSWORD": PASSWORD, "WHISTLE_STORE": str(settings.store), "WHISTLE_VAR": str(settings.var),
            "WHISTLE_RULEBOOK": str(settings.rulebook), "WHISTLE_ROOM_PREFIX": prefix, **extra}


async def test_sigkill_mid_stream_loses_and_doubles_nothing(tmp_path: Path, homeserver: LocalHomeserver,
                                                            register: Register) -> None:
    bot_user = await register("whistle")
    alice, bob, prop = await register("alice"), await register("bob"), await register("prop")
    settings = settings_for(tmp_path, homeserver, bot_user, "crash")
    rooms = await provision_rooms(settings, staff={"property": [prop]}, residents={"": [alice, bob]})
    # the community-wide room: no grid, so thirty reports are thirty matters (not one with support)
    grid = next(r.room_id for r in rooms if r.kind == "community" and r.ref == "")
    prop_room = next(r.room_id for r in rooms if r.ref == "property")
    # small sync pages: the restart must fill gaps from /messages
    env = bot_env(settings, homeserver, bot_user, "crash", WHISTLE_TIMELINE_LIMIT="4")
    log = tmp_path / "bot.log"
    people = [await Person.login(homeserver.url, u, PASSWORD) for u in (alice, bob, prop)]
    residents, staff = people[:2], people[2]
    proc = await start(env, log, settings.store)
    sent: list[str] = []
    try:
        killed = False
        for i in range(REPORTS):
            sent.append(await residents[i % 2].say(grid, f"楼道漏水了，第{i}次"))
            if not killed and tickets_in(settings.store) >= 6:
                proc.send_signal(signal.SIGKILL)  # mid-stream: some handled, some queued, some unseen
                await proc.wait()
                killed = True
            await asyncio.sleep(0.05)
        assert killed, "the bot never got going: " + log.read_text(errors="replace")[-2000:]
        assert tickets_in(settings.store) < REPORTS
        proc = await start(env, log, settings.store)
        for i, event in enumerate(sent):
            await residents[i % 2].wait_for(lambda s, e=event: s.thread_root == e and s.sender == bot_user,
                                            timeout=120)
        for n in range(1, REPORTS + 1):
            await staff.wait_for(lambda s, n=n: s.room_id == prop_room and is_card(s, n), timeout=60)
        await asyncio.sleep(2)  # time for any double to arrive
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        for p in people:
            await p.close()
    assert tickets_in(settings.store) == REPORTS
    assert "filled a gap" in log.read_text(errors="replace")  # the restart did page back through /messages
    seen = residents[0].notices(grid, bot_user)  # both residents see the whole room
    receipts = [s.thread_root for s in seen if s.thread_root in sent and "已受理" in s.body]
    assert sorted(receipts) == sorted(sent), "every report is answered exactly once"
    cards = [s for s in staff.notices(prop_room, bot_user) if s.relation == {}]
    assert len(cards) == REPORTS, "every ticket has exactly one card"
    with sqlite3.connect(settings.store) as db:
        sources = [r[0] for r in db.execute("SELECT source FROM tickets")]
    assert sorted(sources) == sorted(f"matrix:{e}" for e in sent)
