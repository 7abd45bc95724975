"""Many communities in one PostgreSQL database (a province): each in a schema of its own, named by the
address's ``community`` parameter, with its own tables, numbering, append-only log and write lock — so
one community's writer never waits for another's, while two writers of one community still take turns.
On the session's real PostgreSQL server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from chatops.tickets.events import Move
from chatops.tickets.lifecycle import Event
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store, StoreError
from chatops.tickets.store.pg import community_of
from rules import Router

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@pytest.fixture
def province(postgres: Any) -> str:
    """The address of a new, empty database standing for a province."""
    return str(postgres.database())


def at(uri: str, community: str) -> str:
    return f"{uri}&community={community}"


async def test_each_community_has_its_own_tables_and_numbering(province: str, mini_router: Router) -> None:
    a = await Store.open(at(province, "anju"))
    b = await Store.open(at(province, "heping"))
    try:
        one = await TicketService(a, mini_router, clock=clock).report(source="s1", reporter="@r:t", text="楼上漏水")
        two = await TicketService(b, mini_router, clock=clock).report(source="s1", reporter="@r:t", text="电梯坏了")
        # the same source in two communities is two reports, and each community counts from 1
        assert one.created and two.created and one.ticket.id == two.ticket.id == 1
        assert [t.text for t in await a.tickets()] == ["楼上漏水"]
        assert [t.text for t in await b.tickets()] == ["电梯坏了"]
        async with a.db.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname IN ('anju', 'heping') "
                                "AND tablename = 'events'") as cur:
            assert await cur.fetchone() == (2,)
        async with a.db.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' "
                                "AND tablename = 'events'") as cur:
            assert await cur.fetchone() == (0,)  # nothing leaked into public
    finally:
        await a.close()
        await b.close()


async def test_a_communitys_log_stays_append_only(province: str) -> None:
    store = await Store.open(at(province, "anju"))
    try:
        async with store.write() as tx:
            await tx.append(Event(1, Move.REPORTED, "@r:t", NOW, data={"source": "s", "text": "x"}))
        with pytest.raises(Exception, match="append-only"):
            await store.db.execute("UPDATE events SET actor = 'x'")
        await store.db.rollback()
    finally:
        await store.close()


async def test_writers_of_other_communities_do_not_wait_but_of_the_same_one_do(province: str) -> None:
    holder = await Store.open(at(province, "anju"))
    other = await Store.open(at(province, "heping"))
    same = await Store.open(at(province, "anju"))
    try:
        release = asyncio.Event()

        async def hold() -> None:
            async with holder.write() as tx:
                await tx.append(Event(1, Move.REPORTED, "@r:t", NOW, data={"source": "h", "text": "x"}))
                await release.wait()

        async def write(store: Store, source: str) -> None:
            async with store.write() as tx:
                await tx.append(Event(2, Move.REPORTED, "@r:t", NOW, data={"source": source, "text": "y"}))

        holding = asyncio.create_task(hold())
        await asyncio.sleep(0.2)
        await asyncio.wait_for(write(other, "o"), timeout=5)  # another community: straight through
        waiting = asyncio.create_task(write(same, "w"))
        await asyncio.sleep(0.5)
        assert not waiting.done()  # the same community: after the holder
        release.set()
        await asyncio.wait_for(asyncio.gather(holding, waiting), timeout=5)
        async with same.db.execute("SELECT COUNT(*) FROM events") as cur:
            assert await cur.fetchone() == (2,)
    finally:
        for s in (holder, other, same):
            await s.close()


def test_the_community_parameter() -> None:
    assert community_of("postgresql://u@/db?host=/tmp&community=anju_2") == ("postgresql://u@/db?host=%2Ftmp", "anju_2")
    assert community_of("postgresql://u@/db") == ("postgresql://u@/db", None)
    for bad in ("Anju", "pg_catalog", "public", "a-b", "a;drop", "1a"):
        with pytest.raises(ValueError):
            community_of(f"postgresql://u@/db?community={bad}")


async def test_a_bad_community_name_is_a_clear_error(province: str) -> None:
    with pytest.raises(StoreError):
        await Store.open(at(province, "Robert'); DROP"))


async def test_a_commit_wakes_the_listeners_of_its_own_community_only(province: str, tmp_path: Any) -> None:
    listener, writer, other = [await Store.open(at(province, c)) for c in ("anju", "anju", "heping")]
    heard: list[str] = []
    handle = await listener.listen(lambda: heard.append("x"))
    try:
        async with other.write() as tx:  # another community's commit: not ours
            await tx.append(Event(1, Move.REPORTED, "@r:t", NOW, data={"source": "o", "text": "x"}))
        async with writer.write() as tx:
            await tx.append(Event(1, Move.REPORTED, "@r:t", NOW, data={"source": "w", "text": "y"}))
            await asyncio.sleep(0.3)
            assert heard == []  # nothing before the commit
        for _ in range(100):
            if heard:
                break
            await asyncio.sleep(0.02)
        assert heard == ["x"]
    finally:
        await handle.close()
        for s in (listener, writer, other):
            await s.close()
    sqlite = await Store.open(tmp_path / "one.sqlite")
    assert await sqlite.listen(lambda: None) is None  # SQLite cannot tell: its readers ask
    await sqlite.close()


async def test_the_bot_hears_of_a_ticket_made_elsewhere_at_once(province: str, mini_router: Router) -> None:
    from chatops.chat.bot import Bot
    from chatops.chat.transport.memory import MemoryTransport

    store, web = await Store.open(at(province, "anju")), await Store.open(at(province, "anju"))
    bot = Bot(MemoryTransport(), store, TicketService(store, mini_router, clock=clock))
    stop = asyncio.Event()
    watcher = asyncio.create_task(bot.watch_arrivals(stop, every=60))  # no asking: only the notification
    try:
        await asyncio.sleep(0.5)
        bot.scheduler._wake.clear()
        await TicketService(web, mini_router, clock=clock).report(source="open311:1", reporter="o:1", text="楼上漏水")
        for _ in range(150):
            if bot.scheduler._wake.is_set():
                break
            await asyncio.sleep(0.02)
        assert bot.scheduler._wake.is_set()
    finally:
        stop.set()
        await watcher
        await store.close()
        await web.close()


def test_a_test_server_leaves_nothing_behind() -> None:
    """Each run starts its own PostgreSQL; its data (≈1 GB after the province tests) goes with it, or the
    machine's disk fills run by run."""
    from tests.conftest import PostgreSQL

    server = PostgreSQL.start()
    server.server.psql("CREATE DATABASE left_behind;")  # type: ignore[attr-defined]
    assert (server.folder / "PG_VERSION").exists()
    server.stop()
    assert not server.folder.exists()
