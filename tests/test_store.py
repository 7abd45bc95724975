"""The store: migrations, WAL, append-only events, idempotent ingestion."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import sqlite3
from pathlib import Path

import pytest

from chatops.tickets.lifecycle import Actor, apply
from chatops.tickets.service import TicketService
from chatops.tickets.store import LATEST, MIGRATIONS, Store, StoreError
from rules import Router


async def test_new_store_is_migrated_to_latest_with_wal(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "s.sqlite") as store:
        assert await store.schema_version() == LATEST
    db = sqlite3.connect(tmp_path / "s.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = db.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert rows == [(v, n) for v, n, _ in MIGRATIONS]


async def test_a_bulk_fill_builds_the_event_indexes_once_at_its_end_even_when_it_fails(
        tmp_path: Path, mini_router: Router) -> None:
    path = tmp_path / "s.sqlite"

    def indexes() -> set[str]:
        with sqlite3.connect(path) as db:
            return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                              "tbl_name = 'events' AND sql IS NOT NULL")}

    async def settings(store: Store) -> list[object]:  # the writer's own, as a bulk fill found them
        assert store._writer is not None
        return [(await (await store._writer.execute(f"PRAGMA {name}")).fetchone() or (None,))[0]
                for name in ("cache_size", "threads")]

    async with await Store.open(path) as store:
        before, usual = indexes(), await settings(store)
        assert {"events_ticket", "events_kind_at"} <= before
        with pytest.raises(RuntimeError):
            async with store.bulk():
                assert indexes() == set()
                await TicketService(store, mini_router).report(source="m:1", reporter="@a:x", text="漏水")
                raise RuntimeError("a simulation part failed")
        assert indexes() == before
        async with store.bulk():
            await TicketService(store, mini_router).report(source="m:2", reporter="@b:x", text="停电")
        assert indexes() == before and await store.count("tickets") == 2
        assert await settings(store) == usual  # the larger cache and the sorter's threads were for the block only
        assert [e.kind for e in await store.events(2)][:1] == ["reported"]


async def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path: Path, mini_router: Router) -> None:
    path = tmp_path / "s.sqlite"
    async with await Store.open(path) as store:
        await TicketService(store, mini_router).report(source="m:1", reporter="@a:x", text="漏水")
    async with await Store.open(path) as store:
        assert await store.count("tickets") == 1 and await store.schema_version() == LATEST
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


async def test_upgrade_from_an_older_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import chatops.tickets.store.migrations as m

    path = tmp_path / "s.sqlite"
    extra = (LATEST + 1, "test column", ("ALTER TABLE tickets ADD COLUMN test_note TEXT",))
    async with await Store.open(path) as store:
        assert await store.schema_version() == LATEST
    monkeypatch.setattr(m, "MIGRATIONS", (*MIGRATIONS, extra))
    monkeypatch.setattr(m, "LATEST", LATEST + 1)
    db = await __import__("aiosqlite").connect(path, isolation_level=None)
    assert await m.migrate(db) == [LATEST + 1]
    assert await m.migrate(db) == []
    await db.close()
    cols = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(tickets)")]
    assert "test_note" in cols


async def test_version_7_fills_followers_and_ratings_from_the_log(tmp_path: Path, mini_router: Router) -> None:
    """A store written before the call-back asked supporters (version 6) migrates to the fold of its log."""
    path = tmp_path / "s.sqlite"
    async with await Store.open(path) as store:
        service = TicketService(store, mini_router)
        tid = (await service.report(source="m:1", reporter="@a:x", text="安居苑1号楼漏水")).ticket.id
        for n, who in enumerate(("@b:x", "@c:x"), 2):
            await service.report(source=f"m:{n}", reporter=who, text="安居苑2号楼漏水")
        rated = (await service.report(source="m:9", reporter="@d:x", text="安居苑1号楼电梯坏了")).ticket.id
        await service.acknowledge(rated, Actor("@p:x", "property"))
        await service.resolve(rated, Actor("@p:x", "property"), "修好了")
        await service.verdict(rated, Actor("@d:x"), True)
        await service.rate(rated, Actor("@d:x"), "satisfied")
    db = sqlite3.connect(path)  # back to version 6, as an older program left it
    for name in ("outbox_receipt_thread", "events_supporter"):
        db.execute(f"DROP INDEX {name}")
    for column in ("followers", "verdicts", "rated_by", "callback_deadline", "options", "choose_deadline"):
        db.execute(f"ALTER TABLE tickets DROP COLUMN {column}")
    db.execute("DROP TABLE pending")  # version 8's
    for column in ("attempts", "error"):  # version 9's
        db.execute(f"ALTER TABLE timers DROP COLUMN {column}")
    db.execute("DROP TABLE store_owner")  # version 10's
    for column in ("sign_deadline", "resolve_deadline", "rating", "days", "handlers"):  # version 11's
        db.execute(f"ALTER TABLE events DROP COLUMN {column}")
    db.execute("ALTER TABLE tickets ADD COLUMN merged_into INTEGER")
    db.execute("ALTER TABLE outbox DROP COLUMN after_id")  # version 12's
    db.execute("DROP TABLE api_keys")  # version 13's
    db.execute("DROP TABLE bank_transfers")  # version 14's
    db.execute("DROP TABLE bank_posts")  # version 15's
    for column in ("claimed_by", "claimed_until"):  # version 21's
        db.execute(f"ALTER TABLE timers DROP COLUMN {column}")
        db.execute(f"ALTER TABLE outbox DROP COLUMN {column}")  # and version 22's
    db.execute("DROP TABLE leases")  # version 20's
    db.execute("DROP TABLE workers")
    db.execute("DROP TABLE volunteering")  # version 19's
    db.execute("DROP TABLE consents")  # version 18's
    db.execute("DROP TABLE secret_tally")  # version 17's
    for table in ("matter_events", "matters", "rolls"):  # version 16's
        db.execute(f"DROP TABLE {table}")
    db.execute("DELETE FROM schema_version WHERE version >= 7")
    db.commit()
    db.close()
    async with await Store.open(path) as store:
        assert await store.schema_version() == LATEST
        ticket, other = await store.ticket(tid), await store.ticket(rated)
        assert ticket is not None and ticket.followers == ("@b:x", "@c:x")
        assert other is not None and other.rated_by == ("@d:x",) and other.followers == ()
        for stored in (ticket, other):  # the fold, but for the call-back deadline version 6 events never carried
            folded = functools.reduce(apply, await store.events(stored.id), None)
            assert folded is not None and dataclasses.replace(folded, callback_deadline=None) == stored


async def test_failed_migration_leaves_the_last_good_version(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import aiosqlite

    import chatops.tickets.store.migrations as m

    path = tmp_path / "s.sqlite"
    async with await Store.open(path):
        pass
    broken = (LATEST + 1, "broken", ("ALTER TABLE tickets ADD COLUMN ok_col TEXT", "THIS IS NOT SQL"))
    monkeypatch.setattr(m, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(m, "LATEST", LATEST + 1)
    db = await aiosqlite.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        await m.migrate(db)
    await db.close()
    db2 = sqlite3.connect(path)
    assert db2.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == LATEST
    assert "ok_col" not in [r[1] for r in db2.execute("PRAGMA table_info(tickets)")]


async def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    async with await Store.open(path):
        pass
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_version (version, name) VALUES (?, 'future')", (LATEST + 5,))
    db.commit()
    with pytest.raises(StoreError) as refused:
        await Store.open(path)
    assert refused.value.code == "store_newer" and "升级程序" in refused.value.render()
    with pytest.raises(StoreError):
        await Store.open(path, readonly=True)


async def test_a_foreign_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "someone-elses.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError) as refused:
            await Store.open(path, readonly=readonly)
        assert refused.value.code == "store_not_ours" and "notes" in refused.value.render("en")
    assert path.read_bytes() == before  # not a table added
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError):
        await Store.open(garbage, readonly=True)


async def test_read_only_opens_never_migrate_or_write(tmp_path: Path, mini_router: Router) -> None:
    path = tmp_path / "s.sqlite"
    async with await Store.open(path) as store:
        await TicketService(store, mini_router).report(source="m:1", reporter="@a:x", text="楼上漏水")
    async with await Store.open(path, readonly=True) as store:
        assert len(await store.tickets()) == 1
        with pytest.raises(StoreError):
            async with store.write():
                pass
    db = sqlite3.connect(path)  # an older store: a read-only command says so and does not upgrade it
    db.execute("DROP TABLE store_owner")
    db.execute("DELETE FROM schema_version WHERE version = ?", (LATEST,))
    db.commit()
    db.close()
    with pytest.raises(StoreError) as older:
        await Store.open(path, readonly=True)
    assert older.value.code == "store_older"
    db = sqlite3.connect(path)
    assert db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == LATEST - 1
    db.close()
    with pytest.raises(StoreError):
        await Store.open(tmp_path / "missing.sqlite", readonly=True)
    assert not (tmp_path / "missing.sqlite").exists()


async def test_three_openers_of_an_old_store_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    async with await Store.open(path, migrate_to=LATEST - 2):  # a store two versions behind
        pass
    stores = await asyncio.gather(*(Store.open(path) for _ in range(3)))  # the version is read inside the lock
    try:
        db = sqlite3.connect(path)
        versions = [v for (v,) in db.execute("SELECT version FROM schema_version ORDER BY version")]
        db.close()
        assert versions == sorted(set(versions)) and versions[-1] == LATEST
    finally:
        for st in stores:
            await st.close()


async def test_the_event_log_is_append_only(tmp_path: Path, mini_router: Router) -> None:
    path = tmp_path / "s.sqlite"
    async with await Store.open(path) as store:
        await TicketService(store, mini_router).report(source="m:1", reporter="@a:x", text="漏水")
    db = sqlite3.connect(path)
    for sql in ("UPDATE events SET actor = 'x'", "DELETE FROM events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)


async def test_same_source_twice_makes_one_ticket(service: TicketService) -> None:
    a = await service.report(source="matrix:$abc", reporter="@a:x", text="漏水")
    b = await service.report(source="matrix:$abc", reporter="@a:x", text="漏水")
    assert a.created and not b.created and a.ticket.id == b.ticket.id
    assert await service.store.count("tickets") == 1 and await service.store.count("events") == 2


async def test_concurrent_duplicate_ingestion_makes_one_ticket(service: TicketService) -> None:
    sources = [f"matrix:${i % 7}" for i in range(70)]
    receipts = await asyncio.gather(*(service.report(source=s, reporter="@a:x", text="电梯坏了")
                                      for s in sources))
    assert sum(r.created for r in receipts) == 7
    assert await service.store.count("tickets") == 7 and await service.store.count("events") == 14
    by_source = {}
    for s, r in zip(sources, receipts, strict=True):
        assert by_source.setdefault(s, r.ticket.id) == r.ticket.id


async def test_two_store_handles_on_one_file_share_the_dedupe(tmp_path: Path, mini_router: Router) -> None:
    path = tmp_path / "s.sqlite"
    async with await Store.open(path) as s1, await Store.open(path) as s2:
        a, b = TicketService(s1, mini_router), TicketService(s2, mini_router)
        results = await asyncio.gather(*(svc.report(source="m:same", reporter="@a:x", text="漏水")
                                         for svc in (a, b, a, b)))
        assert sum(r.created for r in results) == 1
        assert await s1.count("tickets") == 1


async def test_a_write_cancelled_while_it_waits_for_the_lock_leaves_no_transaction_open(tmp_path: Path) -> None:
    # a loop stopped (or timed out) while its BEGIN waits on another process's write lock: the BEGIN still runs on
    # the connection's thread once the lock is free; left open it would refuse every later write of this handle
    # ("cannot start a transaction within a transaction") and hold the lock from every other process
    path = tmp_path / "s.sqlite"
    async with await Store.open(path) as s1, await Store.open(path) as s2:
        holding, release = asyncio.Event(), asyncio.Event()

        async def hold() -> None:
            async with s2.write() as tx:
                await tx.set_chat_state("k", "s2")
                holding.set()
                await release.wait()

        async def wait_and_write() -> None:
            async with s1.write() as tx:
                await tx.set_chat_state("k", "never")

        holder = asyncio.create_task(hold())
        await holding.wait()
        waiter = asyncio.create_task(wait_and_write())
        await asyncio.sleep(0.3)  # s1's BEGIN IMMEDIATE is waiting on s2's lock (busy timeout 10 s)
        waiter.cancel()  # (its rollback waits behind the BEGIN: the cancel ends once the lock is free)
        release.set()
        await holder
        with pytest.raises(asyncio.CancelledError):
            await waiter
        async with s1.write() as tx:  # this handle writes again
            await tx.set_chat_state("k", "s1")
        async with asyncio.timeout(5):  # and holds no lock from the other
            async with s2.write() as tx:
                await tx.set_chat_state("j", "s2")
        assert (await s2.chat_state("k"), await s1.chat_state("j")) == ("s1", "s2")


async def test_a_crash_inside_a_move_writes_nothing(service: TicketService,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tid = (await service.report(source="m:1", reporter="@a:x", text="漏水")).ticket.id
    import chatops.tickets.store.store as store_mod

    async def boom(self, ticket):  # the projection write fails after the event was appended
        raise OSError("disk vanished")

    monkeypatch.setattr(store_mod.Transaction, "save_ticket", boom)
    with pytest.raises(OSError):
        await service.acknowledge(tid, Actor("@z:x", "property"))
    monkeypatch.undo()
    assert [e.kind for e in await service.store.events(tid)] == ["reported", "routed"]
    assert (await service.acknowledge(tid, Actor("@z:x", "property"))).state == "acknowledged"


async def test_tickets_filter_by_state_lead_and_reporter(service: TicketService) -> None:
    await service.report(source="m:1", reporter="@a:x", text="漏水")
    await service.report(source="m:2", reporter="@b:x", text="电动车被偷了")
    await service.acknowledge(2, Actor("@p:x", "police"))
    store = service.store
    assert [t.id for t in await store.tickets()] == [2, 1]
    assert [t.id for t in await store.tickets(lead="police")] == [2]
    assert [t.id for t in await store.tickets(state="routed")] == [1]
    assert [t.id for t in await store.tickets(reporter="@a:x")] == [1]
    assert len(await store.events(after=2)) == 3


def test_event_data_json_is_readable_text_as_before() -> None:
    """orjson writes what json wrote (less whitespace): Chinese as is, datetimes and odd keys as str()."""
    import json
    from datetime import UTC, datetime

    from chatops.tickets.store.store import to_json

    when = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    value = {"text": "3号楼电梯又坏了", 1: [when], "n": None}
    assert to_json(value) == '{"text":"3号楼电梯又坏了","1":["2026-11-26 09:00:00+00:00"],"n":null}'
    assert json.loads(to_json(value)) == json.loads(json.dumps(value, ensure_ascii=False, default=str))


async def test_version_11_moves_rules_into_their_column_and_fills_the_contract_columns(tmp_path: Path) -> None:
    """Events written before the event contract: the rule in data and reason, deadlines only inside data."""
    path = tmp_path / "s.sqlite"
    async with await Store.open(path, migrate_to=10) as store:
        assert await store.schema_version() == 10
    db = sqlite3.connect(path)
    old = [  # kind, actor, target, reason, rule, data: as versions before 11 wrote them
        ("routed", "system", "property", None, "route.lift", '{"category":"lift","co":["market"],"priority":"normal",'
         '"rulebook_version":"v","sign_deadline":"2026-01-02T01:00:00+00:00","resolve_deadline":'
         '"2026-01-09T01:00:00+00:00"}'),
        ("escalated", "system", "street", "overdue.escalate", None, '{"deadline":"sign","due":'
         '"2026-01-02T01:00:00+00:00","rule":"overdue.escalate","sign_deadline":"2026-01-03T01:00:00+00:00"}'),
        ("escalated", "system", "district", "超时未签收", None, "{}"),  # the simulator's: no rule at all
        ("reminded", "system", "property", "签收时限将到", None, "{}"),
        ("whistled", "system", "property", "whistle.lift", None, '{"summon":["market"],"reports":3,'
         '"rule":"whistle.lift"}'),
        ("rated", "@a:x", None, None, None, '{"rating":"satisfied"}'),
    ]
    for seq, (kind, actor, target, reason, rule, data) in enumerate(old, 1):
        db.execute("INSERT INTO events (ticket_id, kind, actor, target, reason, rule, at, data) "
                   "VALUES (1, ?, ?, ?, ?, ?, ?, ?)", (kind, actor, target, reason, rule,
                                                       f"2026-01-01T0{seq}:00:00+00:00", data))
    db.commit()
    db.close()
    async with await Store.open(path) as store:
        assert await store.schema_version() == LATEST
    db = sqlite3.connect(path)
    rows = db.execute("SELECT kind, reason, rule, sign_deadline, rating, handlers, json_extract(data, '$.rule') "
                      "FROM events ORDER BY seq").fetchall()
    assert rows == [
        ("routed", None, "route.lift", "2026-01-02T01:00:00+00:00", None, '["market"]', None),
        ("escalated", None, "overdue.escalate", "2026-01-03T01:00:00+00:00", None, None, None),
        ("escalated", None, "overdue.escalate", None, None, None, None),
        ("reminded", None, "remind", None, None, None, None),
        ("whistled", None, "whistle.lift", None, None, '["market"]', None),
        ("rated", None, None, None, "satisfied", None, None),
    ]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):  # the trigger is back
        db.execute("UPDATE events SET reason = 'x'")
