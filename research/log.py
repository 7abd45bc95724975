"""Reading the event log: a store file becomes pandas tables, pseudonymised, without message text by default.

The store file is opened read-only through ADBC's SQLite driver, which hands columns to Arrow without a
Python object per value (several times the speed of :mod:`sqlite3` rows on a log of millions of
events); it is never migrated or written, and can be read while a bot runs on it in WAL mode. Only the
``events`` and ``tickets`` tables are read; other tables (the bot's inbox, outbox, rooms) are ignored,
and event kinds this version does not know are kept as they are. Handlers, grids and sectors come from
the rulebook (the shipped one unless you pass another).

>>> from research import read_log, sample_store
>>> log = read_log(sample_store(500))
>>> log.events.columns[:6].tolist()
['seq', 'ticket_id', 'kind', 'at', 'actor', 'role']
"""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import adbc_driver_sqlite.dbapi as dbapi
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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
    (pseudonym, or ``system``), ``role`` (resident, staff, system), ``actor_handler``, ``target`` (a handler),
    ``rule`` (the rule behind every rule-made move), ``rating``, ``days`` (extensions),
    ``sign_deadline`` and ``resolve_deadline`` (set by hand-overs, reopenings and extensions), then the
    ticket's ``category``, ``priority``, ``grid``, ``estate`` and the sectors of ``actor_handler`` and
    ``target`` (``actor_sector``, ``target_sector``); ``reason`` only when read with ``text=True``.

    ``tickets``: one row per ticket (the store's projection): ``ticket_id``, ``created_at``, ``updated_at``,
    ``state``, ``category``, ``priority``, ``grid``, ``estate``, ``building``, ``lead``, ``lead_sector``,
    ``co`` (comma-separated), ``reporter`` (pseudonym), ``transfers``, ``returns``, ``reopens``, ``solved``,
    ``rating``, and from schema 4 on ``supporters`` (residents who reported it again, 附议)
    and ``joint`` (several departments on it); ``text`` and ``place_detail`` only with ``text=True``.

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


def read_log(path: str | Path, *, rulebook: Rulebook | str | Path | None = None, key: str | bytes | None = None,
             text: bool = False, touched: tuple[datetime, datetime] | None = None) -> EventLog:
    """Return the :class:`EventLog` of the store file at ``path``.

    ``key`` is the pseudonym key (default ``$WHISTLE_PSEUDONYM_KEY``, else a random key for this process
    with a warning); ``text=True`` adds message text (report text, reasons, notes, place details):
    only for researchers allowed to see it. ``touched=(start, end)`` reads only the tickets with an event
    in ``[start, end)``, each with all its events: every measure of that period comes out the same as on
    the whole log, at a fraction of the cost on a long one. Raises :class:`LogError` if ``path`` is not a
    store.
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
        contract = "handlers" in set(db.frame("SELECT name FROM pragma_table_info('events')")["name"])
        handlers, grids = _handlers(book), _grids(book)
        where: tuple[str, tuple[Any, ...]] = ("", ())
        if touched is not None:
            start, end = (_iso(t) for t in touched)
            where = ("IN (SELECT ticket_id FROM events WHERE at >= ? AND at < ?)", (start, end))
        events, named, people = _events(db, names, text, where, contract=contract)
        tickets = _tickets(db, ticket_columns, names, people, text, handlers, where)
        _join_tickets(events, tickets, handlers)
        assignments = _assignments(events, named)
    except dbapi.Error as exc:
        raise LogError(f"{path}: {exc}") from exc
    return EventLog(events, tickets, assignments, handlers, grids, book.fallback, names.source, path,
                    {"rulebook": book.full_version, "text": text})


def _iso(moment: datetime) -> str:
    """Return ``moment`` as the store writes times (ISO 8601 in UTC), so that text comparison orders them."""
    if moment.tzinfo is None:
        raise ValueError("touched needs aware datetimes")
    return moment.astimezone(UTC).isoformat()


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


def _arrow_ms(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Integer milliseconds since 1970 as an Arrow UTC timestamp (no copy)."""
    return column.cast(pa.timestamp("ms", tz="UTC"))


def _arrow_category(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Strings dictionary-encoded in Arrow, as one chunk with one dictionary: pandas receives a categorical
    without hashing again or unifying per-batch dictionaries."""
    return pa.chunked_array([pc.dictionary_encode(column.combine_chunks())])


def _text(expression: str, name: str) -> str:
    """Return a SELECT item for a text column that may be NULL: NULL becomes '' (see :func:`_category`).

    ADBC types a column by its first rows; one that starts with NULLs is taken for integers and a later
    string then fails the whole query. No NULL, no guess.
    """
    return f"COALESCE({expression}, '') AS {name}"


def _category(values: pd.Series) -> pd.Series:
    """Return ``values`` as a categorical with '' (NULL in the store) as missing."""
    cat = values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")
    if "" in cat.cat.categories:
        cat = cat.cat.remove_categories([""])
    # plain Python strings as categories: taking values out (astype(object), groupby keys) stays in NumPy
    names = pd.Index(cat.cat.categories.to_list(), dtype=object)
    return pd.Series(pd.Categorical.from_codes(cat.cat.codes.to_numpy(), categories=names), index=cat.index,
                     name=cat.name)


def _frame(table: pa.Table, *, times: tuple[str, ...] = (), categories: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return ``table`` as a DataFrame, ``times`` as UTC timestamps and ``categories`` as categoricals."""
    for name in times:
        table = table.set_column(table.schema.get_field_index(name), name, _arrow_ms(table[name]))
    for name in categories:
        table = table.set_column(table.schema.get_field_index(name), name, _arrow_category(table[name]))
    df = table.to_pandas()
    for name in categories:
        df[name] = _category(df[name])
    return df


class _Reader:
    """Runs queries on the store file read-only through ADBC (columns straight into Arrow, no Python rows)."""

    def __init__(self, path: Path) -> None:
        self.uri = f"{path.resolve().as_uri()}?mode=ro"

    def connect(self) -> Any:
        """Return a new read-only connection that waits for a lock instead of failing at once.

        Read-only connections to a WAL store share its index file; two opening at the same moment may find
        it busy, so connections are opened one at a time and wait up to 30 s.
        """
        con = dbapi.connect(self.uri)
        with con.cursor() as cur:
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.fetchall()
        return con

    def table(self, sql: str, params: tuple[Any, ...] = (), con: Any = None) -> pa.Table:
        own = con is None
        con = self.connect() if own else con
        try:
            with con.cursor() as cur:
                cur.execute(sql, params)
                return cur.fetch_arrow_table()
        finally:
            if own:
                con.close()

    def frame(self, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
        return self.table(sql, params).to_pandas()

    def parallel(self, sql: str, bounds: list[tuple[int, int]], params: tuple[Any, ...] = ()) -> pa.Table:
        """Run ``sql`` (with ``? < seq <= ?`` placeholders, then ``params``) once per range, on as many
        threads, in order."""
        cons = [self.connect() for _ in bounds]
        try:
            with concurrent.futures.ThreadPoolExecutor(len(bounds)) as pool:
                tables = list(pool.map(lambda job: self.table(sql, (*job[0], *params), job[1]),
                                       zip(bounds, cons, strict=True)))
        finally:
            for con in cons:
                con.close()
        return pa.concat_tables(tables)


def _tickets(db: _Reader, columns: set[str], names: Pseudonymizer, people: dict[str, str], text: bool,
             handlers: pd.DataFrame, where: tuple[str, tuple[Any, ...]] = ("", ())) -> pd.DataFrame:
    wanted = ["id", "created_at", "updated_at", "state", "category", "priority", "grid", "estate", "building",
              "lead", "co", "reporter", "transfers", "returns", "reopens", "solved", "rating"]
    wanted += [c for c in ("supporters", "joint") if c in columns]  # schema 4 on
    if text:
        wanted += [c for c in ("text", "place_detail") if c in columns]
    select = []
    for c in wanted:
        if c in ("created_at", "updated_at"):
            select.append(_MS.format(c) + f" AS {c}")
        elif c in ("id", "transfers", "returns", "reopens", "solved", "supporters", "joint"):
            select.append(c)
        else:
            select.append(_text(c if c in columns else "NULL", c))
    categories = ("state", "category", "priority", "grid", "estate", "building", "lead", "co", "reporter", "rating")
    only = f"WHERE id {where[0]}" if where[0] else ""
    df = _frame(db.table(f"SELECT {', '.join(select)} FROM tickets {only} ORDER BY id", where[1]),
                times=("created_at", "updated_at"), categories=categories)
    df = df.rename(columns={"id": "ticket_id"})
    # co is a JSON list in the store: a few distinct lists, each read once
    df["co"] = df["co"].cat.rename_categories(pd.Index([",".join(json.loads(c)) for c in df["co"].cat.categories],
                                                       dtype=object))
    df["co"] = _category(df["co"])
    for c in ("text", "place_detail"):
        if c in df:
            df[c] = df[c].replace("", None)
    df["reporter"] = _pseudonymise(df["reporter"], names, people)
    df["lead_sector"] = _category(df["lead"].map(handlers["sector"]))
    for c in ("transfers", "returns", "reopens"):
        df[c] = df[c].fillna(0).astype("int32")
    df["solved"] = df["solved"].map({1: True, 0: False}).astype("boolean")
    if "supporters" in df:
        df["supporters"], df["joint"] = df["supporters"].astype("int32"), df["joint"].astype(bool)
    return df


def _pseudonymise(values: pd.Series, names: Pseudonymizer, known: dict[str, str] | None = None) -> pd.Series:
    """Return the categorical ``values`` with every Matrix ID replaced by its pseudonym (each computed once)."""
    known = {} if known is None else known
    fresh = [names(v) if (p := known.get(v)) is None else p for v in values.cat.categories.to_list()]
    return values.cat.rename_categories(pd.Index(fresh, dtype=object))


def _events(db: _Reader, names: Pseudonymizer, text: bool, where: tuple[str, tuple[Any, ...]] = ("", ()), *,
            contract: bool = True) -> tuple[pd.DataFrame, pd.Series, dict[str, str]]:
    """Return the events, the handlers each routing or whistle named (JSON lists), and {Matrix ID: pseudonym}.

    The event contract's columns (``chatops.tickets.events.COLUMNS``) are read as they are; a store older
    than the contract (schema 10 and before) has them only inside ``data``."""
    handover = "kind IN ('routed', 'transferred', 'returned', 'reopened', 'extended')"
    field = {c: c for c in ("sign_deadline", "resolve_deadline", "rating", "days", "handlers")} if contract else {
        "sign_deadline": "json_extract(data, '$.sign_deadline')",
        "resolve_deadline": "json_extract(data, '$.resolve_deadline')", "rating": "json_extract(data, '$.rating')",
        "days": "json_extract(data, '$.days')",
        "handlers": "CASE kind WHEN 'routed' THEN json_extract(data, '$.co') WHEN 'whistled' THEN "
                    "json_extract(data, '$.summon') END"}
    select = [
        "seq", "ticket_id", "kind", _MS.format("at") + " AS at", "actor", _text("actor_handler", "actor_handler"),
        _text("target", "target"), _text("rule", "rule"),
        _text(f"CASE WHEN kind = 'rated' THEN {field['rating']} END", "rating"),
        # never NULL: ADBC types an all-NULL first batch as integers and then refuses a REAL (0 means none)
        f"CASE WHEN kind = 'extended' THEN COALESCE(CAST({field['days']} AS REAL), 0.0) ELSE 0.0 END AS days",
        f"CASE WHEN {handover} THEN " + _MS.format(field["sign_deadline"]) + " END AS sign_deadline",
        f"CASE WHEN {handover} THEN " + _MS.format(field["resolve_deadline"]) + " END AS resolve_deadline",
        _text(field["handlers"], "named"),
    ]
    if text:
        select.append(_text("reason", "reason"))
    last = int(db.frame("SELECT COALESCE(MAX(seq), 0) AS n FROM events")["n"].iloc[0])
    parts = max(1, min(_THREADS, last // 200_000))
    cuts = [last * i // parts for i in range(parts + 1)]
    only = f" AND ticket_id {where[0]}" if where[0] else ""
    sql = f"SELECT {', '.join(select)} FROM events WHERE seq > ? AND seq <= ?{only} ORDER BY seq"
    ev = _frame(db.parallel(sql, list(itertools.pairwise(cuts)), where[1]),
                times=("at", "sign_deadline", "resolve_deadline"),
                categories=("kind", "actor", "actor_handler", "target", "rule", "rating", "named"))
    ev["days"] = ev["days"].where(ev["days"] > 0).astype("float32")
    actors = ev["actor"].cat.categories.to_list()
    role = np.where((ev["actor"] == "system").to_numpy(), 2, np.where(ev["actor_handler"].notna().to_numpy(), 1, 0))
    ev["actor"] = _pseudonymise(ev["actor"], names)
    people = dict(zip(actors, ev["actor"].cat.categories, strict=True))
    ev.insert(5, "role", pd.Categorical.from_codes(role, categories=["resident", "staff", "system"]))
    if text:
        ev["reason"] = ev.pop("reason").replace("", None)
    return ev, ev.pop("named"), people


def _join_tickets(ev: pd.DataFrame, tickets: pd.DataFrame, handlers: pd.DataFrame) -> None:
    """Add the ticket's category, priority, grid and estate, and the handlers' sectors, to every event."""
    ids = tickets["ticket_id"].to_numpy()
    wanted = ev["ticket_id"].to_numpy()
    rows = np.searchsorted(ids, wanted)  # tickets come ordered by id
    rows = np.where(rows < len(ids), rows, 0)
    found = (ids[rows] == wanted) if len(ids) else np.zeros(len(wanted), dtype=bool)
    for c in ("category", "priority", "grid", "estate"):
        cat = tickets[c].array
        ev[c] = pd.Categorical.from_codes(np.where(found, cat.codes[rows], -1), dtype=cat.dtype)
    sector = handlers["sector"]
    ev["actor_sector"] = _category(ev["actor_handler"].map(sector))
    ev["target_sector"] = _category(ev["target"].map(sector))


def _assignments(ev: pd.DataFrame, named: pd.Series) -> pd.DataFrame:
    """Return one row per handler a routing named as co-handler or a whistle summoned."""
    lists = [json.loads(c) for c in named.cat.categories]
    codes = named.cat.codes.to_numpy()
    rows, handlers, order = [], [], []
    for code, members in enumerate(lists):
        at = np.flatnonzero(codes == code)
        for position, handler in enumerate(members):
            rows.append(at)
            handlers.append(np.full(len(at), handler, dtype=object))
            order.append(np.full(len(at), position))
    if not rows:
        return pd.DataFrame({"seq": pd.Series(dtype="int64"), "ticket_id": pd.Series(dtype="int64"),
                             "at": pd.Series(dtype="datetime64[ms, UTC]"), "how": pd.Categorical([]),
                             "handler": pd.Categorical([])})
    index, places = np.concatenate(rows), np.concatenate(order)
    sort = np.lexsort((places, index))
    index, who = index[sort], np.concatenate(handlers)[sort]
    picked = ev.iloc[index]
    how = np.where(picked["kind"].to_numpy() == "whistled", "summoned", "co")
    return pd.DataFrame({"seq": picked["seq"].to_numpy(), "ticket_id": picked["ticket_id"].to_numpy(),
                         "at": picked["at"].array, "how": pd.Categorical(how, categories=["co", "summoned"]),
                         "handler": pd.Categorical(who)})
