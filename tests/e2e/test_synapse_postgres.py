"""The bot unchanged on a Synapse that keeps its data in PostgreSQL, with its own store on PostgreSQL too (a
private server the test starts with pgserver): rooms provisioned, a report carded, signed for and told back,
Synapse's events and the ticket's events both in PostgreSQL."""

from __future__ import annotations

import asyncio
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from chatops.chat.runner import provision_rooms
from chatops.local.homeserver import LocalHomeserver, free_port, register_user
from chatops.local.people import Person
from tests.e2e.conftest import PASSWORD
from tests.e2e.test_bot_flow import MovableClock, settings_for, start_bot


@pytest.fixture(scope="module")
def postgres() -> Iterator[tuple[object, str]]:
    with warnings.catch_warnings():  # platformdirs warns that root has no XDG_RUNTIME_DIR: harmless here
        warnings.simplefilter("ignore")
        import pgserver

        folder = Path(tempfile.mkdtemp(prefix="pg-"))  # short: a Unix socket's path has a length limit
        server = pgserver.get_server(folder, cleanup_mode="delete")
    server.psql("CREATE DATABASE synapse ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;")
    server.psql("CREATE DATABASE whistle;")  # the bot's own store, beside Synapse's
    try:
        yield server, f"postgresql://postgres:@/synapse?host={folder}"
    finally:
        server.cleanup()


@pytest.fixture(scope="module")
def synapse_on_postgres(tmp_path_factory: pytest.TempPathFactory,
                        postgres: tuple[object, str]) -> Iterator[LocalHomeserver]:
    hs = LocalHomeserver(tmp_path_factory.mktemp("hs-pg"), port=free_port(), database=postgres[1])
    try:
        hs.up()
        yield hs
    finally:
        hs.down()


async def test_the_bot_works_unchanged_on_synapse_with_postgresql(
        tmp_path: Path, synapse_on_postgres: LocalHomeserver, postgres: tuple[object, str]) -> None:
    hs = synapse_on_postgres
    assert "psycopg2" in hs.config_path.read_text()

    async def user(name: str) -> str:
        return await register_user(hs.url, hs.registration_secret, name, PASSWORD)

    bot_user, alice, prop = await user("whistle"), await user("alice"), await user("prop")
    folder = postgres[1].split("host=", 1)[1]
    settings = replace(settings_for(tmp_path, hs, bot_user, "pg"),  # the store on PostgreSQL too
                       store=f"postgresql://postgres@/whistle?host={folder}")
    rooms = await provision_rooms(settings, staff={"property": [prop]}, residents={"g1": [alice]})
    grid = next(r.room_id for r in rooms if r.kind == "community" and r.ref == "g1")
    property_room = next(r.room_id for r in rooms if r.kind == "handler" and r.ref == "property")
    people = [await Person.login(hs.url, u, PASSWORD) for u in (alice, prop)]
    _bot, stop, task = await start_bot(settings, MovableClock())
    try:
        resident, staff = people
        report = await resident.say(grid, "安居苑1号楼楼上漏水了")
        receipt = await resident.wait_for(lambda s: s.room_id == grid and s.thread_root == report, timeout=30)
        assert "#1" in receipt.body
        card = await staff.wait_for(lambda s: s.room_id == property_room and "#1 " in s.body and not s.relation,
                                    timeout=30)
        await staff.react(property_room, card.event_id, "✅")
        await resident.wait_for(lambda s: s.room_id == grid and "已签收" in s.body, timeout=30)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
        for p in people:
            await p.close()
    import psycopg2  # Synapse's own driver (the homeserver extra)

    with psycopg2.connect(host=folder, dbname="synapse", user="postgres") as db, db.cursor() as cur:
        cur.execute("SELECT count(*) FROM events WHERE type = 'm.room.message'")
        row = cur.fetchone()
    assert row is not None and row[0] >= 4  # the report, the receipt, the card, the notice: all in PostgreSQL
    with psycopg2.connect(host=folder, dbname="whistle", user="postgres") as db, db.cursor() as cur:
        cur.execute("SELECT kind FROM events WHERE ticket_id = 1 ORDER BY seq")
        kinds = [k for (k,) in cur.fetchall()]
    assert kinds[:3] == ["reported", "routed", "acknowledged"]  # the bot's store: PostgreSQL as well
