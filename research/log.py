"""Reading the event log: a store file becomes pandas tables, pseudonymised, without message text by default.

The store file is opened read-only through ADBC's SQLite driver, which hands columns to Arrow without a
Python object per value (several times the speed of :mod:`sqlite3` rows on a log of millions of
events); it is never migrated or written, and can be read while a bot runs on it in WAL mode. Only the
``events`` and ``tickets`` tables are read; other tables (the bot's inbox, outbox, rooms) are ignored,
and event kinds this version does not know are kept as they are. Handlers, grids and sectors come from
the rulebook (the shipped one unless you pass another).

>>> from research import read_log
>>> log = read_log("var/sim.sqlite")  # doctest: +SKIP
>>> log.events.columns[:6].tolist()  # doctest: +SKIP
['seq', 'ticket_id', 'kind', 'at', 'actor', 'role']
"""

from __future__ import annotations

import concurrent.futures
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import adbc_driver_sqlite.dbapi as dbapi
import numpy as np
import pandas as pd
import pyarrow as pa

from research.pseudonyms import Pseudonymizer, pseudonymizer
from rules import Rulebook, load_rulebook

# kinds that hand a ticket to a new lead (``target``) and start a new sign-for deadline
HANDOVERS = ("routed", "transferred", "returned")
_THREADS = min(4, os.cpu_count() or 1)
# ISO-8601 text (any offset) to integer milliseconds since 1970 UTC, computed by SQLite
_MS = "CAST(round((julianday({}) - 2440587.5) * 86400000.0) AS INTEGER)"


class LogError(Exception):
    """The file is not a store this reader understands."""


@dataclass
class EventLog:
    """The event log as tables. Every person appears as a pseudonym (see :mod:`research.pseudonyms`).

    ``events``: one row per event in log order: ``seq``, ``ticket_id``, ``kind``, ``at`` (UTC), ``actor``
    (pseudonym, or ``system``), ``role`` (resident, staff, system), ``actor_handler``, ``target`` (a handler,
    or for ``merged`` the ticket it was merged into), ``rule``, ``rating``, ``days`` (extensions),
    ``sign_deadline`` and ``resolve_deadline`` (set by hand-overs, reopenings and extensions), then the
    ticket's ``category``, ``priority``, ``grid``, ``estate`` and the sectors of ``actor_handler`` and
    ``target`` (``actor_sector``, ``target_sector``); ``reason`` only when read with ``text=True``.

    ``tickets``: one row per ticket (the store's projection): ``ticket_id``, ``created_at``, ``updated_at``,
    ``state``, ``category``, ``priority``, ``grid``, ``estate``, ``building``, ``lead``, ``lead_sector``,
    ``co`` (comma-separated), ``reporter`` (pseudonym), ``transfers``, ``returns``, ``reopens``, ``solved``,
    ``rating``, ``merged_into``; ``text`` and ``place_detail`` only with ``text=True``.

    ``assignments``: co-handlers named by routing (``how="co"``) and handlers summoned by a whistle
    (``how="summoned"``): ``seq``, ``ticket_id``, ``at``, ``how``, ``handler``.

    ``handlers`` and ``grids``: the rulebook's organisation, indexed by id.
    """

    events: pd.DataFrame
    tickets: pd.DataFrame
    assignments: pd.DataFrame
    handlers: pd.DataFrame
    grids: pd.DataFrame
    fallback: str
    pseudonyms: str  # where the pseudonym key came from: environment, explicit or random
    path: Path | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # derived tables, computed once

    @property
    def span(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """Return the first and last event times."""
        at = self.events["at"]
        return at.min(), at.max()

    def between(self, start: Any = None, end: Any = None) -> pd.DataFrame:
        """Return the events with ``start <= at < end`` (either bound may be ``None``)."""
        ev = self.events
        mask = pd.Series(True, index=ev.index)
        if start is not None:
            mask &= ev["at"] >= _utc(start)
        if end is not None:
            mask &= ev["at"] < _utc(end)
        return ev[mask]

    def sector_of(self) -> dict[str, str]:
        """Return ``{handler id: sector}``."""
        return self.handlers["sector"].to_dict()


def read_log(path: str | Path, *, rulebook: Rulebook | str | Path | None = None, key: str | bytes | None = None,
             text: bool = False) -> EventLog:
    """Return the :class:`EventLog` of the store file at ``path``.

    ``key`` is the pseudonym key (default ``$WHISTLE_PSEUDONYM_KEY``, else a random key for this process
    with a warning); ``text=True`` adds message text (report text, reasons, notes, place details):
    only for researchers allowed to see it. Raises :class:`LogError` if ``path`` is not a store.
    """
    path = Path(path)
    if not path.is_file():
        raise LogError(f"{path}: no such store file")
    book = rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook) if rulebook else load_rulebook()
    names = pseudonymizer(key)
    db = _Reader(path)
    try:
        tables = set(db.frame("SELECT name FROM sqlite_master WHERE type = 'table'")["name"])
        if not {"events", "tickets"} <= tables:
            raise LogError(f"{path}: not a whistle store (no events and tickets tables)")
        ticket_columns = set(db.frame("SELECT name FROM pragma_table_info('tickets')")["name"])
        handlers, grids = _handlers(book), _grids(book)
        tickets = _tickets(db, ticket_columns, names, text, handlers)
        events = _events(db, names, text, handlers, tickets)
        assignments = _assignments(db)
    except dbapi.Error as exc:
        raise LogError(f"{path}: {exc}") from exc
    return EventLog(events, tickets, assignments, handlers, grids, book.fallback, names.source, path,
                    {"rulebook": book.full_version, "text": text})


def _utc(value: Any) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _handlers(book: Rulebook) -> pd.DataFrame:
    rows = [{"handler": h.id, "name": h.name, "name_en": h.name_en, "kind": h.kind, "sector": h.sector,
             "escalates_to": h.escalates_to} for h in book.handlers]
    return pd.DataFrame(rows).set_index("handler")


def _grids(book: Rulebook) -> pd.DataFrame:
    rows = [{"grid": g.id, "name": g.name, "estates": len(g.estates),
             "buildings": sum(len(e.buildings) for e in g.estates)} for g in book.grids]
    return pd.DataFrame(rows, columns=["grid", "name", "estates", "buildings"]).set_index("grid")


def _ms(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, unit="ms", utc=True)


def _category(values: pd.Series) -> pd.Series:
    return values.astype("category")


def _pseudonymise(values: pd.Series, names: Pseudonymizer) -> pd.Series:
    cat = values.astype("category")
    return cat.cat.rename_categories([names(v) for v in cat.cat.categories])


class _Reader:
    """Runs queries on the store file read-only through ADBC (columns straight into Arrow, no Python rows)."""

    def __init__(self, path: Path) -> None:
        self.uri = f"{path.resolve().as_uri()}?mode=ro"

    def table(self, sql: str, params: tuple[Any, ...] = ()) -> pa.Table:
        with dbapi.connect(self.uri) as con, con.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetch_arrow_table()

    def frame(self, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
        return self.table(sql, params).to_pandas()

    def parallel(self, sql: str, bounds: list[tuple[int, int]]) -> pd.DataFrame:
        """Run ``sql`` (with ``? < seq <= ?`` placeholders) once per range, on as many threads, in order."""
        with concurrent.futures.ThreadPoolExecutor(len(bounds)) as pool:
            tables = list(pool.map(lambda b: self.table(sql, b), bounds))
        return pa.concat_tables(tables).to_pandas()


def _tickets(db: _Reader, columns: set[str], names: Pseudonymizer, text: bool,
             handlers: pd.DataFrame) -> pd.DataFrame:
    wanted = ["id", "created_at", "updated_at", "state", "category", "priority", "grid", "estate", "building",
              "lead", "co", "reporter", "transfers", "returns", "reopens", "solved", "rating", "merged_into"]
    if text:
        wanted += [c for c in ("text", "place_detail") if c in columns]
    select = []
    for c in wanted:
        if c not in columns:
            select.append(f"NULL AS {c}")
        elif c in ("created_at", "updated_at"):
            select.append(_MS.format(c) + f" AS {c}")
        elif c == "co":
            select.append("(SELECT group_concat(value, ',') FROM json_each(tickets.co)) AS co")
        else:
            select.append(c)
    df = db.frame(f"SELECT {', '.join(select)} FROM tickets ORDER BY id")
    df = df.rename(columns={"id": "ticket_id"})
    df["created_at"], df["updated_at"] = _ms(df["created_at"]), _ms(df["updated_at"])
    for c in ("state", "category", "priority", "grid", "estate", "building", "lead", "co", "rating"):
        df[c] = _category(df[c].astype("str"))
    df["reporter"] = _pseudonymise(df["reporter"], names)
    df["lead_sector"] = _category(df["lead"].map(handlers["sector"]).astype("str"))
    for c in ("transfers", "returns", "reopens"):
        df[c] = df[c].fillna(0).astype("int32")
    df["solved"] = df["solved"].map({1: True, 0: False}).astype("boolean")
    df["merged_into"] = df["merged_into"].astype("Int64")
    return df


def _events(db: _Reader, names: Pseudonymizer, text: bool, handlers: pd.DataFrame,
            tickets: pd.DataFrame) -> pd.DataFrame:
    deadline = ("CASE WHEN kind IN ('routed', 'transferred', 'returned', 'reopened', 'extended') "
                "THEN " + _MS.format("json_extract(data, '$.{0}')") + " END AS {0}")
    select = [
        "seq", "ticket_id", "kind", _MS.format("at") + " AS at", "actor", "actor_handler", "target", "rule",
        "CASE WHEN kind = 'rated' THEN json_extract(data, '$.rating') END AS rating",
        "CASE WHEN kind = 'extended' THEN CAST(json_extract(data, '$.days') AS REAL) END AS days",
        deadline.format("sign_deadline"), deadline.format("resolve_deadline"),
    ]
    if text:
        select.append("reason")
    last = db.frame("SELECT COALESCE(MAX(seq), 0) AS n FROM events")["n"].iloc[0]
    parts = max(1, min(_THREADS, int(last) // 200_000))
    cuts = [int(last) * i // parts for i in range(parts + 1)]
    sql = f"SELECT {', '.join(select)} FROM events WHERE seq > ? AND seq <= ? ORDER BY seq"
    ev = db.parallel(sql, list(itertools.pairwise(cuts)))
    for c in ("at", "sign_deadline", "resolve_deadline"):
        ev[c] = _ms(ev[c])
    for c in ("kind", "actor_handler", "target", "rule", "rating"):
        ev[c] = _category(ev[c].astype("str"))
    ev["days"] = ev["days"].astype("float32")
    role = np.where(ev["actor"] == "system", "system", np.where(ev["actor_handler"].notna(), "staff", "resident"))
    ev["actor"] = _pseudonymise(ev["actor"], names)
    ev.insert(5, "role", pd.Categorical(role, categories=["resident", "staff", "system"]))
    if text:
        ev["reason"] = ev.pop("reason")
    rows = pd.Index(tickets["ticket_id"]).get_indexer(ev["ticket_id"])
    for c in ("category", "priority", "grid", "estate"):
        cat = tickets[c].array
        codes = np.where(rows >= 0, cat.codes[rows], -1)
        ev[c] = pd.Categorical.from_codes(codes, dtype=cat.dtype)
    sector = handlers["sector"]
    ev["actor_sector"] = _category(ev["actor_handler"].map(sector).astype("str"))
    ev["target_sector"] = _category(ev["target"].map(sector).astype("str"))
    return ev


def _assignments(db: _Reader) -> pd.DataFrame:
    sql = ("SELECT e.seq, e.ticket_id, " + _MS.format("e.at") + " AS at, 'co' AS how, j.value AS handler "
           "FROM events e, json_each(e.data, '$.co') j WHERE e.kind = 'routed' "
           "UNION ALL SELECT e.seq, e.ticket_id, " + _MS.format("e.at") + ", 'summoned', j.value "
           "FROM events e, json_each(e.data, '$.summon') j WHERE e.kind = 'whistled' ORDER BY 1")
    df = db.frame(sql)
    df["at"] = _ms(df["at"])
    df["how"], df["handler"] = _category(df["how"].astype("str")), _category(df["handler"].astype("str"))
    return df
