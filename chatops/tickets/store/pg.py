"""The store on PostgreSQL (asyncpg): the same tables, the same queries, behind the same :class:`Store`.

The store's SQL is written once, in the dialect both engines share; :func:`translate` rewrites the few
SQLite forms it uses (``?`` parameters, ``INSERT OR IGNORE`` / ``OR REPLACE``, ``datetime('now')``,
``json_extract``, ``julianday``, ``GLOB``) into PostgreSQL's, once per statement. :class:`Connection`
gives asyncpg the face of an aiosqlite connection (``execute`` awaited or used as a context manager,
``fetchone``/``fetchall``, ``lastrowid``, ``rowcount``, ``executemany``), so every query method of the
store runs unchanged on either engine. The schema is created at the latest version in one transaction
(:data:`SCHEMA`; later migrations add their PostgreSQL form beside their SQLite one); the append-only tables
refuse updates and deletes with triggers, as on SQLite. A transaction takes an advisory lock first, so
writers are serialised across processes exactly as ``BEGIN IMMEDIATE`` serialises them on SQLite. Due
timers are claimed outside that lock, their rows picked ``FOR UPDATE SKIP LOCKED`` (written as the comment
``/* SKIP LOCKED */`` in the shared dialect), so workers share them without waiting on each other.

**Communities.** One database holds many communities, each in a schema of its own named by the address's
``community`` parameter (``postgresql://host/province?community=xingfuli``): the community is in the name
of every table, so each community's rows are apart (the partition), a community's writers are serialised
by a lock of their own and not by other communities' (the write lock is keyed by the community), and a
sharding extension can place each community's tables whole on one node (Citus's schema-based sharding).
Without the parameter the store lives in ``public``.

**Wake-ups.** Every write transaction ends with ``NOTIFY`` on the community's channel (delivered at the
commit, and only then); :func:`listen` calls back on it, so a bot learns at once that another process (the
web board taking an Open311 report, another worker) wrote, instead of asking every two seconds. A
notification only wakes: what changed is read from the tables, and a missed one costs a delay, not a step.

>>> community_of("postgresql://u:p@h/db?community=xingfuli&sslmode=disable")
('postgresql://u:p@h/db?sslmode=disable', 'xingfuli')

>>> translate("INSERT OR IGNORE INTO inbox (event_id, room_id) VALUES (?, ?)")
'INSERT INTO inbox (event_id, room_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
>>> translate("SELECT json_extract(data, '$.text') FROM events WHERE ticket_id = ?")
"SELECT (data::jsonb ->> 'text') FROM events WHERE ticket_id = $1"
>>> translate("SELECT id FROM timers ORDER BY due_at LIMIT ? /* SKIP LOCKED */")
'SELECT id FROM timers ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED'
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
WRITE_LOCK = 727_211  # the advisory lock every write transaction takes (one writer at a time, as on SQLite)
COMMUNITY = re.compile(r"[a-z][a-z0-9_]{0,62}")  # a community's schema name: the rulebook's id form
# tables written with INSERT OR REPLACE, and the key a replacement is decided on
REPLACE_KEYS = {"tickets": "id", "chat_state": "key", "prefs": "user_id", "consents": "user_id"}
# tables whose new rows get their number from the database: an INSERT returns it (``lastrowid``)
NUMBERED = {"events": "seq", "outbox": "id", "timers": "id", "api_keys": "id", "bank_posts": "id",
            "matters": "id", "matter_events": "id", "volunteering": "id"}


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """Return ``sql`` (the store's SQLite dialect) in PostgreSQL's."""
    out = sql
    replace = re.match(r"\s*INSERT OR REPLACE INTO (\w+) \(([^)]*)\)", out)
    if replace:
        table, columns = replace.group(1), [c.strip() for c in replace.group(2).split(",")]
        key = REPLACE_KEYS[table]
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != key)
        out = out.replace("INSERT OR REPLACE INTO", "INSERT INTO", 1) + f" ON CONFLICT ({key}) DO UPDATE SET {updates}"
    elif re.match(r"\s*INSERT OR IGNORE INTO", out):
        out = out.replace("INSERT OR IGNORE INTO", "INSERT INTO", 1) + " ON CONFLICT DO NOTHING"
    out = out.replace("datetime('now')", NOW)
    out = re.sub(r"json_extract\((\w+(?:\.\w+)?), '\$\.(\w+)'\)", r"(\1::jsonb ->> '\2')", out)
    out = re.sub(r"julianday\(([^()]*)\)", r"(\1)::timestamptz", out)
    out = out.replace("NOT GLOB '[0-9]*'", "!~ '^[0-9]'")
    out = out.replace("/* SKIP LOCKED */", "FOR UPDATE SKIP LOCKED")  # a comment to SQLite (one writer anyway)
    inserted = re.match(r"\s*INSERT INTO (\w+)", out)
    if inserted and inserted.group(1) in NUMBERED and "RETURNING" not in out:
        out += f" RETURNING {NUMBERED[inserted.group(1)]}"
    count = iter(range(1, 10_000))
    return re.sub(r"\?", lambda _m: f"${next(count)}", out)


class Cursor:
    """What a statement left: its rows, the number of the row it inserted, how many rows it touched."""

    def __init__(self, rows: list[Any], rowcount: int, lastrowid: int | None) -> None:
        self._rows, self.rowcount, self.lastrowid = rows, rowcount, lastrowid

    async def fetchone(self) -> tuple[Any, ...] | None:
        return tuple(self._rows[0]) if self._rows else None

    async def fetchall(self) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._rows]

    async def close(self) -> None:
        return None


class _Call:
    """``await conn.execute(…)`` or ``async with conn.execute(…) as cur`` (aiosqlite's two forms)."""

    def __init__(self, conn: Connection, sql: str, params: Sequence[Any]) -> None:
        self.conn, self.sql, self.params = conn, sql, params

    def __await__(self) -> Any:
        return self.conn._run(self.sql, self.params).__await__()

    async def __aenter__(self) -> Cursor:
        return await self.conn._run(self.sql, self.params)

    async def __aexit__(self, *exc: object) -> None:
        return None


class Connection:
    """An asyncpg connection with the face of an aiosqlite one (the store's query methods use that face)."""

    def __init__(self, raw: Any, community: str | None = None) -> None:
        self.raw = raw
        self.community = community
        self.channel = channel(community)
        self._writing = False
        # one writer at a time within a community; communities write side by side
        self._lock = f"SELECT pg_advisory_xact_lock({WRITE_LOCK}, hashtext('{community}'))" if community else \
            f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"
        self._turn = asyncio.Lock()  # one statement at a time, as aiosqlite queues them (asyncpg would refuse)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Call:
        return _Call(self, sql, tuple(params))

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the connection (as :attr:`sqlite3.Connection.in_transaction`)."""
        return bool(self.raw.is_in_transaction())

    async def _run(self, sql: str, params: Sequence[Any]) -> Cursor:
        async with self._turn:
            return await self._statement(sql, params)

    async def _statement(self, sql: str, params: Sequence[Any]) -> Cursor:
        stripped = sql.lstrip().upper()
        if stripped.startswith("BEGIN"):  # BEGIN IMMEDIATE: a transaction that holds the write lock at once
            await self.raw.execute(f"BEGIN; {self._lock}")  # one round trip (the simple query protocol)
            self._writing = True
            return Cursor([], 0, None)
        query = translate(sql)
        params = [p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p else p for p in params]
        if stripped.startswith(("SELECT", "WITH")) or " RETURNING " in query:
            rows = await self.raw.fetch(query, *params)
            last = rows[0][0] if rows and " RETURNING " in query and not stripped.startswith("SELECT") else None
            return Cursor(rows, len(rows), last)
        status = await self.raw.execute(query, *params)
        touched = status.split()[-1]
        return Cursor([], int(touched) if touched.isdigit() else 0, None)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        query = translate(sql)
        if " RETURNING " in query:  # many rows at once: their numbers are not asked for
            query = query[:query.index(" RETURNING ")]
        async with self._turn:
            await self.raw.executemany(query, [tuple(r) for r in rows])

    async def commit(self) -> None:
        async with self._turn:
            if self._writing:  # delivered with the commit, never before it; one round trip for both
                self._writing = False
                await self.raw.execute(f"NOTIFY {self.channel}; COMMIT")
                return
            await self.raw.execute("COMMIT")

    async def rollback(self) -> None:
        async with self._turn:
            self._writing = False
            if self.raw.is_in_transaction():
                await self.raw.execute("ROLLBACK")

    async def close(self) -> None:
        async with self._turn:
            await self.raw.close()


def channel(community: str | None) -> str:
    """Return the notification channel of ``community`` (``whistle`` for a store in ``public``).

    >>> channel("xingfuli"), channel(None)
    ('whistle_xingfuli', 'whistle')
    """
    return f"whistle_{community}" if community else "whistle"


async def listen(uri: str, callback: Any) -> Any:
    """Call ``callback()`` whenever a write to the store at ``uri`` commits (any process's, this one's too);
    return the connection that listens (close it to stop)."""
    import asyncpg

    address, community = community_of(uri)
    raw = await asyncpg.connect(address)
    await raw.add_listener(channel(community), lambda *_: callback())
    return raw


def community_of(uri: str) -> tuple[str, str | None]:
    """Return ``uri`` without its ``community`` parameter, and the community it names (``None``: none).
    Raises ``ValueError`` for a name that is not a community id (lower-case letters, digits, ``_``)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    named = [v for k, v in query if k == "community"]
    if not named:
        return uri, None
    community = named[-1]
    if not COMMUNITY.fullmatch(community) or community.startswith("pg_") or community in ("public",):
        raise ValueError(f"not a community id: {community!r}")
    rest = urlencode([(k, v) for k, v in query if k != "community"])
    return urlunsplit(parts._replace(query=rest)), community


async def connect(uri: str) -> Connection:
    """Return a connection to the PostgreSQL database at ``uri`` (``postgresql://…``), in the schema of
    the community it names (created on first use)."""
    import asyncpg

    address, community = community_of(uri)
    if community is None:
        return Connection(await asyncpg.connect(address))
    raw = await asyncpg.connect(address, server_settings={"search_path": community})
    exists = await raw.fetchval("SELECT 1 FROM pg_namespace WHERE nspname = $1", community)
    if not exists:
        with contextlib.suppress(asyncpg.UniqueViolationError):  # two first openers: the other made it
            await raw.execute(f'CREATE SCHEMA IF NOT EXISTS "{community}"')
    return Connection(raw, community)


def _append_only(table: str, message: str) -> list[str]:
    return [
        f"""CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{message}'; END $$""",
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {table}_append_only()",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {table}_append_only()",
    ]


def _binary(statement: str) -> str:
    """Return a CREATE TABLE with every TEXT column compared byte by byte (``COLLATE "C"``), as SQLite does:
    times are ISO 8601 text, and a locale's collation would order them otherwise."""
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement) if statement.startswith("CREATE TABLE") else statement


SCHEMA: tuple[str, ...] = tuple(_binary(s) for s in (
    f"CREATE TABLE store_owner (app TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT ({NOW}))",
    """CREATE TABLE events (
        seq BIGSERIAL PRIMARY KEY, ticket_id BIGINT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL,
        actor_handler TEXT, target TEXT, reason TEXT, rule TEXT, at TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}',
        sign_deadline TEXT, resolve_deadline TEXT, rating TEXT, days BIGINT, handlers TEXT)""",
    "CREATE INDEX events_kind_at ON events (kind, at)",
    "CREATE INDEX events_supporter ON events (actor, ticket_id) WHERE kind = 'supported'",
    "CREATE INDEX events_ticket ON events (ticket_id, seq)",
    """CREATE TABLE tickets (
        id BIGINT PRIMARY KEY, source TEXT NOT NULL UNIQUE, reporter TEXT NOT NULL, text TEXT NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL, category TEXT, lead TEXT,
        co TEXT NOT NULL DEFAULT '[]', priority TEXT NOT NULL, grid TEXT, estate TEXT, building TEXT, rule TEXT,
        rulebook_version TEXT, sign_deadline TEXT, resolve_deadline TEXT, acked_by TEXT NOT NULL DEFAULT '[]',
        escalated_to TEXT, transfers BIGINT NOT NULL DEFAULT 0, returns BIGINT NOT NULL DEFAULT 0,
        reopens BIGINT NOT NULL DEFAULT 0, solved BIGINT, awaiting_rating BIGINT NOT NULL DEFAULT 0, rating TEXT,
        last_seq BIGINT NOT NULL DEFAULT 0, place_detail TEXT, supporters BIGINT NOT NULL DEFAULT 0,
        joint BIGINT NOT NULL DEFAULT 0, extension_asked BIGINT, followers TEXT NOT NULL DEFAULT '[]',
        verdicts TEXT NOT NULL DEFAULT '[]', rated_by TEXT NOT NULL DEFAULT '[]', callback_deadline TEXT,
        options TEXT NOT NULL DEFAULT '[]', choose_deadline TEXT)""",
    "CREATE INDEX tickets_cluster ON tickets (category, grid, state, created_at)",
    "CREATE INDEX tickets_lead_state ON tickets (lead, state)",
    "CREATE INDEX tickets_reporter ON tickets (reporter)",
    f"CREATE TABLE inbox (event_id TEXT PRIMARY KEY, room_id TEXT NOT NULL, handled_at TEXT NOT NULL DEFAULT ({NOW}))",
    "CREATE TABLE chat_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "INSERT INTO chat_state (key, value) VALUES ('store_id', substr(md5(random()::text), 1, 12))",
    """CREATE TABLE rooms (room_id TEXT PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL DEFAULT '', alias TEXT,
        UNIQUE (kind, ref))""",
    f"""CREATE TABLE outbox (
        id BIGSERIAL PRIMARY KEY, room_id TEXT NOT NULL, purpose TEXT NOT NULL, content TEXT NOT NULL,
        ticket_id BIGINT, thread_root TEXT, thread_of BIGINT REFERENCES outbox (id),
        edit_of BIGINT REFERENCES outbox (id), state TEXT NOT NULL DEFAULT 'pending',
        attempts BIGINT NOT NULL DEFAULT 0, not_before DOUBLE PRECISION NOT NULL DEFAULT 0, event_id TEXT,
        error TEXT, created_at TEXT NOT NULL DEFAULT ({NOW}), sent_at TEXT, after_id BIGINT REFERENCES outbox (id),
        claimed_by TEXT, claimed_until DOUBLE PRECISION)""",
    "CREATE INDEX outbox_event ON outbox (event_id)",
    "CREATE INDEX outbox_pending ON outbox (state, id)",
    "CREATE INDEX outbox_receipt_thread ON outbox (thread_root) WHERE purpose = 'receipt'",
    "CREATE INDEX outbox_room_pending ON outbox (state, room_id, id)",
    "CREATE INDEX outbox_ticket ON outbox (ticket_id, purpose)",
    "CREATE TABLE prefs (user_id TEXT PRIMARY KEY, lang TEXT NOT NULL)",
    """CREATE TABLE timers (
        id BIGSERIAL PRIMARY KEY, ticket_id BIGINT NOT NULL, kind TEXT NOT NULL, deadline TEXT NOT NULL,
        due_at TEXT NOT NULL, ref_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', fired_at TEXT,
        attempts BIGINT NOT NULL DEFAULT 0, error TEXT, claimed_by TEXT, claimed_until TEXT,
        UNIQUE (ticket_id, kind, deadline, ref_at))""",
    "CREATE INDEX timers_due ON timers (state, due_at)",
    f"""CREATE TABLE pending (
        source TEXT PRIMARY KEY, room_id TEXT NOT NULL, sender TEXT NOT NULL, text TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'asked', asked_at TEXT NOT NULL DEFAULT ({NOW}))""",
    """CREATE TABLE api_keys (id BIGSERIAL PRIMARY KEY, client TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
        hint TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)""",
    """CREATE TABLE bank_transfers (
        id BIGINT PRIMARY KEY, giver TEXT NOT NULL, receiver TEXT NOT NULL,
        minutes BIGINT NOT NULL CHECK (minutes > 0), at TEXT NOT NULL, what TEXT NOT NULL,
        reverses BIGINT REFERENCES bank_transfers (id), recorded_by TEXT NOT NULL)""",
    "CREATE INDEX bank_giver ON bank_transfers (giver)",
    "CREATE INDEX bank_receiver ON bank_transfers (receiver)",
    *_append_only("bank_transfers", "the ledger is append-only"),
    """CREATE TABLE bank_posts (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('offer', 'need')),
        resident TEXT NOT NULL, grid TEXT NOT NULL, what TEXT NOT NULL, minutes BIGINT, at TEXT NOT NULL)""",
    "CREATE INDEX bank_posts_grid ON bank_posts (grid, kind, at)",
    "CREATE TABLE rolls (body TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (body, member))",
    """CREATE TABLE matters (id BIGSERIAL PRIMARY KEY, chain TEXT NOT NULL, title TEXT NOT NULL,
        grid TEXT NOT NULL DEFAULT '', raised_by TEXT NOT NULL, raised_at TEXT NOT NULL, origin TEXT NOT NULL)""",
    """CREATE TABLE matter_events (id BIGSERIAL PRIMARY KEY, matter BIGINT NOT NULL REFERENCES matters (id),
        kind TEXT NOT NULL, step TEXT, actor TEXT, at TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}',
        source TEXT UNIQUE)""",
    "CREATE INDEX matter_events_matter ON matter_events (matter, id)",
    *_append_only("matter_events", 'the record of a matter is append-only'),
    """CREATE TABLE secret_tally (matter BIGINT NOT NULL REFERENCES matters (id), meeting BIGINT NOT NULL,
        choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')), count BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (matter, meeting, choice))""",
    """CREATE TABLE consents (user_id TEXT PRIMARY KEY, honour BIGINT NOT NULL CHECK (honour IN (0, 1)),
        at TEXT NOT NULL)""",
    """CREATE TABLE volunteering (id BIGSERIAL PRIMARY KEY, resident TEXT NOT NULL, what TEXT NOT NULL,
        confirmed_by TEXT NOT NULL, at TEXT NOT NULL)""",
    "CREATE INDEX volunteering_resident ON volunteering (resident)",
    *_append_only("volunteering", "confirmed volunteer tasks are append-only"),
    *_append_only("events", "the event log is append-only"),
    "CREATE TABLE leases (room_id TEXT PRIMARY KEY, worker TEXT NOT NULL, until DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE workers (name TEXT PRIMARY KEY, seen DOUBLE PRECISION NOT NULL)",
))
# migrations after the first PostgreSQL schema (version 19): version -> statements, applied in order
MIGRATIONS: dict[int, tuple[str, ...]] = {
    20: ("CREATE TABLE IF NOT EXISTS leases (room_id TEXT COLLATE \"C\" PRIMARY KEY, worker TEXT COLLATE \"C\" "
         "NOT NULL, until DOUBLE PRECISION NOT NULL)",
         "CREATE TABLE IF NOT EXISTS workers (name TEXT COLLATE \"C\" PRIMARY KEY, seen DOUBLE PRECISION NOT NULL)"),
    21: ('ALTER TABLE timers ADD COLUMN IF NOT EXISTS claimed_by TEXT COLLATE "C"',
         'ALTER TABLE timers ADD COLUMN IF NOT EXISTS claimed_until TEXT COLLATE "C"'),
    22: ('ALTER TABLE outbox ADD COLUMN IF NOT EXISTS claimed_by TEXT COLLATE "C"',
         "ALTER TABLE outbox ADD COLUMN IF NOT EXISTS claimed_until DOUBLE PRECISION"),
}
