"""Versioned schema migrations. Append a new one; never edit or reuse an applied one."""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

OWNER = "community-whistle"  # the store_owner row: this program's files, and no one else's

# (version, name, statements)
MIGRATIONS: Sequence[tuple[int, str, tuple[str, ...]]] = (
    (1, "event log and ticket projection", (
        """CREATE TABLE events (
            seq            INTEGER PRIMARY KEY AUTOINCREMENT,
            ticket_id      INTEGER NOT NULL,
            kind           TEXT    NOT NULL,
            actor          TEXT    NOT NULL,
            actor_handler  TEXT,
            target         TEXT,
            reason         TEXT,
            rule           TEXT,
            at             TEXT    NOT NULL,
            data           TEXT    NOT NULL DEFAULT '{}'
        )""",
        "CREATE INDEX events_ticket ON events (ticket_id, seq)",
        "CREATE INDEX events_kind_at ON events (kind, at)",
        # the append-only contract, enforced by the database itself
        """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
           BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
        """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
           BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
        """CREATE TABLE tickets (
            id               INTEGER PRIMARY KEY,
            source           TEXT NOT NULL UNIQUE,
            reporter         TEXT NOT NULL,
            text             TEXT NOT NULL,
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL,
            state            TEXT NOT NULL,
            category         TEXT,
            lead             TEXT,
            co               TEXT NOT NULL DEFAULT '[]',
            priority         TEXT NOT NULL,
            grid             TEXT,
            estate           TEXT,
            building         TEXT,
            rule             TEXT,
            rulebook_version TEXT,
            sign_deadline    TEXT,
            resolve_deadline TEXT,
            acked_by         TEXT NOT NULL DEFAULT '[]',
            escalated_to     TEXT,
            transfers        INTEGER NOT NULL DEFAULT 0,
            returns          INTEGER NOT NULL DEFAULT 0,
            reopens          INTEGER NOT NULL DEFAULT 0,
            solved           INTEGER,
            awaiting_rating  INTEGER NOT NULL DEFAULT 0,
            rating           TEXT,
            merged_into      INTEGER,
            last_seq         INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX tickets_lead_state ON tickets (lead, state)",
        "CREATE INDEX tickets_reporter ON tickets (reporter)",
    )),
    (2, "chat: place detail, inbox, sync token, rooms, outbox, preferences", (
        "ALTER TABLE tickets ADD COLUMN place_detail TEXT",
        # every incoming chat event handled, in the same transaction as what it caused
        """CREATE TABLE inbox (
            event_id   TEXT PRIMARY KEY,
            room_id    TEXT NOT NULL,
            handled_at TEXT NOT NULL DEFAULT (datetime('now'))
        )""",
        "CREATE TABLE chat_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # a random id for this store: outgoing transaction ids are unique even if a store is recreated
        "INSERT INTO chat_state (key, value) VALUES ('store_id', lower(hex(randomblob(6))))",
        """CREATE TABLE rooms (
            room_id TEXT PRIMARY KEY,
            kind    TEXT NOT NULL,            -- handler | community
            ref     TEXT NOT NULL DEFAULT '', -- handler id, grid id, or '' for the whole community
            alias   TEXT,
            UNIQUE (kind, ref)
        )""",
        # every outgoing message, written with the event that caused it; sent in id order per room
        """CREATE TABLE outbox (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            room_id     TEXT NOT NULL,
            purpose     TEXT NOT NULL,
            content     TEXT NOT NULL,
            ticket_id   INTEGER,
            thread_root TEXT,
            thread_of   INTEGER REFERENCES outbox (id),
            edit_of     INTEGER REFERENCES outbox (id),
            state       TEXT NOT NULL DEFAULT 'pending',
            attempts    INTEGER NOT NULL DEFAULT 0,
            not_before  REAL NOT NULL DEFAULT 0,
            event_id    TEXT,
            error       TEXT,
            created_at  TEXT NOT NULL DEFAULT (datetime('now')),
            sent_at     TEXT
        )""",
        "CREATE INDEX outbox_pending ON outbox (state, id)",
        "CREATE INDEX outbox_event ON outbox (event_id)",
        "CREATE INDEX outbox_ticket ON outbox (ticket_id, purpose)",
        "CREATE TABLE prefs (user_id TEXT PRIMARY KEY, lang TEXT NOT NULL)",
    )),
    (3, "timers: reminders and deadlines the scheduler fires once", (
        # one row per reminder or deadline of a ticket; a timer whose deadline the ticket no longer has
        # (signed for, transferred, extended) is cancelled when it comes due
        """CREATE TABLE timers (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            ticket_id INTEGER NOT NULL,
            kind      TEXT NOT NULL,             -- remind | overdue
            deadline  TEXT NOT NULL,             -- sign | resolve
            due_at    TEXT NOT NULL,             -- UTC, ISO 8601
            ref_at    TEXT NOT NULL,             -- the deadline it serves, UTC
            state     TEXT NOT NULL DEFAULT 'pending',  -- pending | fired | cancelled
            fired_at  TEXT,
            UNIQUE (ticket_id, kind, deadline, ref_at)
        )""",
        "CREATE INDEX timers_due ON timers (state, due_at)",
    )),
    (4, "support and joint tickets", (
        "ALTER TABLE tickets ADD COLUMN supporters INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tickets ADD COLUMN joint INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX tickets_cluster ON tickets (category, grid, state, created_at)",
    )),
    (5, "extensions asked and decided", (
        "ALTER TABLE tickets ADD COLUMN extension_asked INTEGER",
    )),
    (6, "one outbox sender per room", (
        "CREATE INDEX outbox_room_pending ON outbox (state, room_id, id)",
    )),
    (7, "the call-back asks every resident who reported a matter", (
        "ALTER TABLE tickets ADD COLUMN followers TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE tickets ADD COLUMN verdicts TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE tickets ADD COLUMN rated_by TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE tickets ADD COLUMN callback_deadline TEXT",
        # the projection as a fold of the log gives it: followers in the order they joined ...
        """UPDATE tickets SET followers = (
               SELECT json_group_array(actor) FROM (
                   SELECT actor FROM events e WHERE e.ticket_id = tickets.id AND e.kind = 'supported'
                   AND e.actor != tickets.reporter GROUP BY actor ORDER BY MIN(seq)))
           WHERE supporters > 0""",
        # ... and the reporter's verdict and rating of the round (before, the reporter alone was asked)
        "UPDATE tickets SET verdicts = json_array(reporter) WHERE state = 'closed' AND solved = 1",
        "UPDATE tickets SET rated_by = json_array(reporter) WHERE rating IS NOT NULL AND awaiting_rating = 0",
        # a supporter's reply in their own thread finds the ticket through the receipt sent there
        "CREATE INDEX outbox_receipt_thread ON outbox (thread_root) WHERE purpose = 'receipt'",
        # !mine lists the tickets a resident supports too
        "CREATE INDEX events_supporter ON events (actor, ticket_id) WHERE kind = 'supported'",
    )),
    (8, "asking before guessing: the matters a resident picks among, and messages not yet known to be reports", (
        "ALTER TABLE tickets ADD COLUMN options TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE tickets ADD COLUMN choose_deadline TEXT",
        # a message the bot could not tell was a report: registered only when its sender says so
        """CREATE TABLE pending (
            source     TEXT PRIMARY KEY,          -- matrix:$event_id of the message
            room_id    TEXT NOT NULL,
            sender     TEXT NOT NULL,
            text       TEXT NOT NULL,
            state      TEXT NOT NULL DEFAULT 'asked',  -- asked | registered | declined
            asked_at   TEXT NOT NULL DEFAULT (datetime('now'))
        )""",
    )),
    (9, "loops that supervise themselves: a timer's attempts and last error", (
        "ALTER TABLE timers ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE timers ADD COLUMN error TEXT",
    )),
    (10, "a store that knows what it owns", (
        "CREATE TABLE store_owner (app TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (datetime('now')))",
        f"INSERT INTO store_owner (app) VALUES ('{OWNER}')",
    )),
    (11, "one event contract: the rule in its own column, the fields research reads as columns", (
        "ALTER TABLE events ADD COLUMN sign_deadline TEXT",
        "ALTER TABLE events ADD COLUMN resolve_deadline TEXT",
        "ALTER TABLE events ADD COLUMN rating TEXT",
        "ALTER TABLE events ADD COLUMN days INTEGER",
        "ALTER TABLE events ADD COLUMN handlers TEXT",  # JSON list: a routing's co-handlers, a whistle's summons
        "DROP TRIGGER events_no_update",  # the one rewrite of old rows; the trigger is back below
        """UPDATE events SET
             sign_deadline = json_extract(data, '$.sign_deadline'),
             resolve_deadline = json_extract(data, '$.resolve_deadline'),
             rating = CASE kind WHEN 'rated' THEN json_extract(data, '$.rating') END,
             days = CASE WHEN kind IN ('extension_asked', 'extended') THEN json_extract(data, '$.days') END,
             handlers = CASE WHEN kind IN ('routed', 'assigned') THEN json_extract(data, '$.co')
                             WHEN kind = 'whistled' THEN json_extract(data, '$.summon') END
           WHERE data != '{}'""",
        # the rule of timer-made and whistle events was in data (and in reason); the simulator wrote none
        """UPDATE events SET
             rule = COALESCE(rule, json_extract(data, '$.rule'),
                             CASE kind WHEN 'reminded' THEN CASE WHEN json_extract(data, '$.overdue')
                                                               THEN 'overdue.top' ELSE 'remind' END
                                       WHEN 'escalated' THEN 'overdue.escalate'
                                       WHEN 'closed' THEN 'callback.lapse' END),
             reason = NULL,
             data = json_remove(data, '$.rule')
           WHERE kind IN ('reminded', 'escalated', 'whistled', 'closed')""",
        """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
           BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
        # merged stored a ticket number in target and nothing ever made it: the kind is gone
        "ALTER TABLE tickets DROP COLUMN merged_into",
    )),
    (12, "a message may wait for another room's message to go first (the card before the receipt)", (
        "ALTER TABLE outbox ADD COLUMN after_id INTEGER REFERENCES outbox (id)",
    )),
    (13, "API keys of Open311 clients (the key's hash only)", (
        """CREATE TABLE api_keys (
            id          INTEGER PRIMARY KEY,
            client      TEXT NOT NULL,
            key_hash    TEXT NOT NULL UNIQUE,
            hint        TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            revoked_at  TEXT
        )""",
    )),
    (14, "the time bank's ledger: transfers of minutes, append-only (a correction is a reversing transfer)", (
        """CREATE TABLE bank_transfers (
            id          INTEGER PRIMARY KEY,
            giver       TEXT NOT NULL,
            receiver    TEXT NOT NULL,
            minutes     INTEGER NOT NULL CHECK (minutes > 0),
            at          TEXT NOT NULL,
            what        TEXT NOT NULL,
            reverses    INTEGER REFERENCES bank_transfers (id),
            recorded_by TEXT NOT NULL
        )""",
        "CREATE INDEX bank_giver ON bank_transfers (giver)",
        "CREATE INDEX bank_receiver ON bank_transfers (receiver)",
        """CREATE TRIGGER bank_no_update BEFORE UPDATE ON bank_transfers
           BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END""",
        """CREATE TRIGGER bank_no_delete BEFORE DELETE ON bank_transfers
           BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END""",
    )),
    (15, "time-bank offers and needs, posted in a grid's room (matched there)", (
        """CREATE TABLE bank_posts (
            id        INTEGER PRIMARY KEY,
            kind      TEXT NOT NULL CHECK (kind IN ('offer', 'need')),
            resident  TEXT NOT NULL,
            grid      TEXT NOT NULL,
            what      TEXT NOT NULL,
            minutes   INTEGER,
            at        TEXT NOT NULL
        )""",
        "CREATE INDEX bank_posts_grid ON bank_posts (grid, kind, at)",
    )),
    (16, "deciding together: bodies' rolls, matters (议题) and their events, append-only", (
        """CREATE TABLE rolls (
            body    TEXT NOT NULL,
            member  TEXT NOT NULL,
            PRIMARY KEY (body, member)
        )""",
        """CREATE TABLE matters (
            id         INTEGER PRIMARY KEY,
            chain      TEXT NOT NULL,
            title      TEXT NOT NULL,
            grid       TEXT NOT NULL DEFAULT '',
            raised_by  TEXT NOT NULL,
            raised_at  TEXT NOT NULL,
            origin     TEXT NOT NULL
        )""",
        """CREATE TABLE matter_events (
            id      INTEGER PRIMARY KEY,
            matter  INTEGER NOT NULL REFERENCES matters (id),
            kind    TEXT NOT NULL,
            step    TEXT,
            actor   TEXT,
            at      TEXT NOT NULL,
            data    TEXT NOT NULL DEFAULT '{}',
            source  TEXT UNIQUE
        )""",
        "CREATE INDEX matter_events_matter ON matter_events (matter, id)",
        """CREATE TRIGGER matter_events_no_update BEFORE UPDATE ON matter_events
           BEGIN SELECT RAISE(ABORT, 'the record of a matter is append-only'); END""",
        """CREATE TRIGGER matter_events_no_delete BEFORE DELETE ON matter_events
           BEGIN SELECT RAISE(ABORT, 'the record of a matter is append-only'); END""",
    )),
    (17, "secret ballots: counts only, per meeting (who voted is in the record, never what)", (
        """CREATE TABLE secret_tally (
            matter   INTEGER NOT NULL REFERENCES matters (id),
            meeting  INTEGER NOT NULL,
            choice   TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
            count    INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (matter, meeting, choice)
        )""",
    )),
    (18, "consent to be named on the honour board (荣誉榜)", (
        """CREATE TABLE consents (
            user_id  TEXT PRIMARY KEY,
            honour   INTEGER NOT NULL CHECK (honour IN (0, 1)),
            at       TEXT NOT NULL
        )""",
    )),
    (19, "volunteer tasks staff confirmed (积分制: points come from them), append-only", (
        """CREATE TABLE volunteering (
            id            INTEGER PRIMARY KEY,
            resident      TEXT NOT NULL,
            what          TEXT NOT NULL,
            confirmed_by  TEXT NOT NULL,
            at            TEXT NOT NULL
        )""",
        "CREATE INDEX volunteering_resident ON volunteering (resident)",
        """CREATE TRIGGER volunteering_no_update BEFORE UPDATE ON volunteering
           BEGIN SELECT RAISE(ABORT, 'confirmed volunteer tasks are append-only'); END""",
        """CREATE TRIGGER volunteering_no_delete BEFORE DELETE ON volunteering
           BEGIN SELECT RAISE(ABORT, 'confirmed volunteer tasks are append-only'); END""",
    )),
    (20, "bot workers sharing the rooms: each room's lease, and when each worker was last seen", (
        "CREATE TABLE leases (room_id TEXT PRIMARY KEY, worker TEXT NOT NULL, until REAL NOT NULL)",
        "CREATE TABLE workers (name TEXT PRIMARY KEY, seen REAL NOT NULL)",
    )),
    (21, "due timers claimed by one worker at a time (who, and until when), so workers share them", (
        "ALTER TABLE timers ADD COLUMN claimed_by TEXT",
        "ALTER TABLE timers ADD COLUMN claimed_until TEXT",
    )),
    (22, "outbox rows claimed by one worker at a time (who, and until when, in unix seconds)", (
        "ALTER TABLE outbox ADD COLUMN claimed_by TEXT",
        "ALTER TABLE outbox ADD COLUMN claimed_until REAL",
    )),
)

LATEST = MIGRATIONS[-1][0]


async def migrate(db: aiosqlite.Connection, target: int | None = None) -> list[int]:
    """Apply every migration above the store's version up to ``target``; return the versions applied.

    Each migration runs in its own ``BEGIN IMMEDIATE`` transaction with its version row, and reads the
    version inside it: two processes opening one store at once apply each migration once, and a crash
    leaves the store at the last complete version. Raises :class:`StoreError` for a store of a newer
    program.
    """
    await db.execute("BEGIN IMMEDIATE")  # a write lock first: a read that turns into a write cannot wait its turn
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )
    await db.commit()
    latest = MIGRATIONS[-1][0]
    target = latest if target is None else target
    applied = []
    for version, name, statements in MIGRATIONS:
        if version > target:
            break
        await db.execute("BEGIN IMMEDIATE")
        try:
            current = await version_of(db)
            if current > latest:
                raise StoreError("store_newer", version=current, latest=latest)
            if current >= version:
                await db.rollback()
                continue
            for sql in statements:
                await db.execute(sql)
            await db.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", (version, name))
            await db.commit()
        except BaseException:
            await db.rollback()
            raise
        applied.append(version)
    return applied


async def version_of(db: aiosqlite.Connection) -> int:
    """Return the schema version recorded in ``db`` (0 for none)."""
    async with db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


class StoreError(Exception):
    """A file that is not a store this program can use: ``code`` and ``params`` index the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code}: {params}")

    def render(self, lang: str | None = None) -> str:
        from rules.catalogue import text

        return text(self.code, lang, **self.params)
