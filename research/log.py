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

import adbc_driver_sqlite as adbc_sqlite
import adbc_driver_sqlite.dbapi as dbapi
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from chatops.tickets.address import is_database, shown
from research.pseudonyms import Pseudonymizer, pseudonymizer
from research.stores import store_file
from rules import Rulebook, load_rulebook

# kinds that hand a ticket to a new lead (``target``) and start a new sign-for deadline
HANDOVERS = ("routed", "transferred", "returned")
_THREADS = min(4, os.cpu_count() or 1)
_BATCH = 65_536  # rows per Arrow batch read (the driver's default is 1,024)
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
             text: bool = False, touched: tuple[datetime, datetime] | None = None,
             communities: list[str] | None = None) -> EventLog:
    """Return the :class:`EventLog` of the store file at ``path``.

    ``key`` is the pseudonym key (default ``$WHISTLE_PSEUDONYM_KEY``, else a random key for this process
    with a warning); ``text=True`` adds message text (report text, reasons, notes, place details):
    only for researchers allowed to see it. ``touched=(start, end)`` reads only the tickets with an event
    in ``[start, end)``, each with all its events: every measure of that period comes out the same as on
    the whole log, at a fraction of the cost on a long one. Raises :class:`LogError` if ``path`` is not a
    store.

    ``path`` may also be a Parquet export (``whistle export --parquet``, :mod:`research.parquet`): the same
    tables, already pseudonymised, with a ``community`` column (``text`` is refused: an export has none); or
    a community's store on PostgreSQL (``postgresql://…?community=ID``), read through a copy
    (:mod:`research.stores`). ``communities=[…]`` reads only those communities of an export (a province read
    a few at a time: :mod:`research.province`); a store is one community and refuses it.
    """
    if communities is not None and (is_database(path) or not Path(path).is_dir()):
        raise LogError(f"{shown(str(path))}: communities= reads a Parquet export; a store is one community")
    if is_database(path):
        try:
            with store_file(path) as copy:
                log = read_log(copy, rulebook=rulebook, key=key, text=text, touched=touched)
        except Exception as exc:  # the server, the address or the store: one error for the caller
            if isinstance(exc, LogError):
                raise
            raise LogError(f"{shown(str(path))}: {exc}") from exc
        log.path = Path(shown(str(path)))
        return log
    path = Path(path)
    book = rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook) if rulebook else load_rulebook()
    if path.is_dir():
        return _read_export(path, book, text, touched, communities)
    if not path.is_file():
        raise LogError(f"{path}: no such store file")
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
        # the ticket projection is read on a thread of its own while the events are being put together
        con = db.connect()
        with concurrent.futures.ThreadPoolExecutor(1) as early:
            rows = early.submit(db.batches, _ticket_query(ticket_columns, text, where), where[1], con,
                                times=("created_at", "updated_at"), categories=_TICKET_CATEGORIES)
            try:
                events, named, people = _events(db, names, text, where, contract=contract)
                tickets = _tickets(rows.result(), names, people, handlers)
            finally:
                concurrent.futures.wait([rows])
                con.close()
        _join_tickets(events, tickets, handlers)
        assignments = _assignments(events, named)
    except dbapi.Error as exc:
        raise LogError(f"{path}: {exc}") from exc
    return EventLog(events, tickets, assignments, handlers, grids, book.fallback, names.source, path,
                    {"rulebook": book.full_version, "text": text})


def _read_export(path: Path, book: Rulebook, text: bool, touched: tuple[datetime, datetime] | None,
                 communities: list[str] | None = None) -> EventLog:
    """Return the :class:`EventLog` of a Parquet export, or of ``communities`` of it (see :func:`read_log`)."""
    from research.parquet import ParquetError, read_tables

    if text:
        raise LogError(f"{path}: a Parquet export carries no message text")
    try:
        tables, meta = read_tables(path, communities=communities)
    except (ParquetError, OSError, pa.ArrowException) as exc:
        raise LogError(str(exc)) from exc
    events, tickets, assignments = _one_numbering(tables["events"], tables["tickets"], tables["assignments"])
    if touched is not None:
        start, end = (_utc(t) for t in touched)
        keep = events.loc[(events["at"] >= start) & (events["at"] < end), "ticket_id"].unique()
        events = events[events["ticket_id"].isin(keep)].reset_index(drop=True)
        tickets = tickets[tickets["ticket_id"].isin(keep)].reset_index(drop=True)
        assignments = assignments[assignments["ticket_id"].isin(keep)].reset_index(drop=True)
    sources = {c.get("pseudonyms", "") for c in meta.get("communities", {}).values()}
    return EventLog(events, tickets, assignments, _handlers(book), _grids(book), book.fallback,
                    ",".join(sorted(sources)), path, {"rulebook": book.full_version, "text": False, "export": meta})


def _one_numbering(events: pd.DataFrame, tickets: pd.DataFrame, assignments: pd.DataFrame
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the tables with one ticket numbering across communities: each community numbers its tickets
    from 1, so a province's ``ticket_id`` is shifted past the communities before it (in name order) and the
    community's own number is kept as ``local_ticket_id``. One community's tables come back as they are.

    >>> ev = pd.DataFrame({"ticket_id": [1, 2, 1], "community": ["a", "a", "b"]})
    >>> tk = pd.DataFrame({"ticket_id": [1, 2, 1], "community": ["a", "a", "b"]})
    >>> e, t, _ = _one_numbering(ev, tk, ev.iloc[:0])
    >>> e["ticket_id"].tolist(), e["local_ticket_id"].tolist()
    ([1, 2, 3], [1, 2, 1])
    """
    names = sorted(set(tickets["community"].astype(str))) if "community" in tickets else []
    if len(names) < 2:
        return events, tickets, assignments
    tops = tickets.groupby(tickets["community"].astype(str), observed=True)["ticket_id"].max()
    shift = dict(zip(names, [0, *tops.reindex(names).cumsum().tolist()[:-1]], strict=True))
    out = []
    for frame in (events, tickets, assignments):
        frame = frame.copy()
        frame["local_ticket_id"] = frame["ticket_id"]
        frame["ticket_id"] = frame["ticket_id"] + frame["community"].astype(str).map(shift).astype("int64")
        out.append(frame)
    return out[0], out[1], out[2]


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


def _compact(batch: pa.RecordBatch, times: tuple[str, ...], categories: tuple[str, ...]) -> pa.RecordBatch:
    """Return ``batch`` with ``times`` (integer milliseconds since 1970) as UTC timestamps and ``categories``
    dictionary-encoded, so that a batch's strings are freed as soon as it is read."""
    names = batch.schema.names
    columns = [c.cast(pa.timestamp("ms", tz="UTC")) if n in times else pc.dictionary_encode(c) if n in categories
               else c for n, c in zip(names, batch.columns, strict=True)]
    return pa.RecordBatch.from_arrays(columns, names=names)


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


def _frame(batches: list[pa.RecordBatch], categories: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return compacted ``batches`` (see :func:`_compact`) as one DataFrame, ``categories`` as categoricals
    (see :func:`_categorical`)."""
    table = pa.Table.from_batches(batches).unify_dictionaries()
    return pd.DataFrame({name: _categorical(table[name]) if name in categories else table[name].to_pandas()
                         for name in table.column_names})


def _categorical(column: pa.ChunkedArray) -> pd.Categorical:
    """Return a dictionary column whose chunks share one dictionary as a pandas categorical: plain Python
    strings as categories (taking values out, as group keys or objects, stays in NumPy) and '' (NULL in
    the store) as missing.

    >>> _categorical(pa.chunked_array([pc.dictionary_encode(pa.array(["b", "", "a", "b"]))])).tolist()
    ['b', nan, 'a', 'b']
    """
    words = column.chunk(0).dictionary.to_pylist() if column.num_chunks else []
    codes = np.concatenate([pc.fill_null(c.indices, -1).to_numpy() for c in column.chunks] or [np.array([], "i4")])
    if "" in words:
        gone = words.index("")
        del words[gone]
        codes = np.where(codes == gone, -1, codes - (codes > gone))
    return pd.Categorical.from_codes(codes, categories=pd.Index(words, dtype=object), validate=False)


def _relabel(values: pd.Series, mapping: pd.Series) -> pd.Categorical:
    """Return the categorical ``values`` with each category replaced by ``mapping[category]`` (missing where
    ``mapping`` has none); categories that map to the same label become one.

    >>> _relabel(pd.Series(["a", "b", None, "c"], dtype="category"), pd.Series({"a": "x", "b": "x"})).tolist()
    ['x', 'x', nan, nan]
    """
    inverse, labels = pd.factorize(mapping.reindex(values.cat.categories).to_numpy(dtype=object))
    codes = np.append(inverse, -1)[values.cat.codes.to_numpy()]  # code -1 (missing) stays missing
    return pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype=object), validate=False)


def _spread(values: pd.Series, rows: np.ndarray, size: int) -> Any:
    """Return ``values`` placed at ``rows`` of a column of ``size`` rows, missing elsewhere.

    >>> _spread(pd.Series([2.5, 1.0]), np.array([1, 3]), 4).tolist()
    [nan, 2.5, nan, 1.0]
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = np.full(size, -1, dtype=values.cat.codes.dtype)
        codes[rows] = values.cat.codes.to_numpy()
        return pd.Categorical.from_codes(codes, dtype=values.dtype, validate=False)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        stamps = np.full(size, np.datetime64("NaT", values.dtype.unit))
        stamps[rows] = values.dt.tz_localize(None).to_numpy()
        return pd.Series(stamps).dt.tz_localize(values.dtype.tz).array
    out = np.full(size, np.nan, dtype=values.dtype)
    out[rows] = values.to_numpy()
    return out


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

    def batches(self, sql: str, params: tuple[Any, ...] = (), con: Any = None, *, times: tuple[str, ...] = (),
                categories: tuple[str, ...] = ()) -> list[pa.RecordBatch]:
        """Return the result of ``sql`` as record batches, each compacted (see :func:`_compact`) as it arrives."""
        own = con is None
        con = self.connect() if own else con
        try:
            with con.cursor() as cur:
                cur.adbc_statement.set_options(**{adbc_sqlite.StatementOptions.BATCH_ROWS.value: str(_BATCH)})
                cur.execute(sql, params)
                reader = cur.fetch_record_batch()
                read = list(reader) or [pa.RecordBatch.from_pylist([], schema=reader.schema)]  # keep the columns
                return [_compact(b, times, categories) for b in read]
        finally:
            if own:
                con.close()

    def frame(self, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
        return _frame(self.batches(sql, params))

    def parallel(self, sql: str, bounds: list[tuple[int, int]], params: tuple[Any, ...] = (), *,
                 times: tuple[str, ...] = (), categories: tuple[str, ...] = ()) -> list[pa.RecordBatch]:
        """Run ``sql`` (with ``? < seq <= ?`` placeholders, then ``params``) once per range, on as many
        threads, and return the compacted batches in order."""
        cons = [self.connect() for _ in bounds]
        try:
            with concurrent.futures.ThreadPoolExecutor(len(bounds)) as pool:
                parts = list(pool.map(lambda job: self.batches(sql, (*job[0], *params), job[1], times=times,
                                                               categories=categories),
                                      zip(bounds, cons, strict=True)))
        finally:
            for con in cons:
                con.close()
        return [batch for part in parts for batch in part]


_TICKET_CATEGORIES = ("state", "category", "priority", "grid", "estate", "building", "lead", "co", "reporter",
                      "rating")


def _ticket_query(columns: set[str], text: bool, where: tuple[str, tuple[Any, ...]] = ("", ())) -> str:
    """Return the SELECT of the ticket projection (``where[1]`` are its parameters)."""
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
    only = f"WHERE id {where[0]}" if where[0] else ""
    return f"SELECT {', '.join(select)} FROM tickets {only} ORDER BY id"


def _tickets(batches: list[pa.RecordBatch], names: Pseudonymizer, people: dict[str, str],
             handlers: pd.DataFrame) -> pd.DataFrame:
    """Return the ticket projection read by :func:`_ticket_query` as a DataFrame."""
    df = _frame(batches, _TICKET_CATEGORIES)
    df = df.rename(columns={"id": "ticket_id"})
    # co is a JSON list in the store: a few distinct lists, each read once
    df["co"] = df["co"].cat.rename_categories(pd.Index([",".join(json.loads(c)) for c in df["co"].cat.categories],
                                                       dtype=object))
    df["co"] = _category(df["co"])
    for c in ("text", "place_detail"):
        if c in df:
            df[c] = df[c].replace("", None)
    df["reporter"] = _pseudonymise(df["reporter"], names, people)
    df["lead_sector"] = _relabel(df["lead"], handlers["sector"])
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
    if contract:  # the columns are set only on the kinds that carry them
        rating, days, sign, resolve, named = "rating", "days", "sign_deadline", "resolve_deadline", "handlers"
        carries = f"COALESCE({sign}, {resolve}, {rating}, {days}, {named}) IS NOT NULL"
    else:
        rating, days = "json_extract(data, '$.rating')", "json_extract(data, '$.days')"
        sign, resolve = "json_extract(data, '$.sign_deadline')", "json_extract(data, '$.resolve_deadline')"
        named = ("CASE WHEN kind IN ('routed', 'assigned') THEN json_extract(data, '$.co') WHEN kind = 'whistled' "
                 "THEN json_extract(data, '$.summon') END")
        carries = ("kind IN ('routed', 'assigned', 'transferred', 'returned', 'reopened', 'extended', 'rated', "
                   "'whistled')")
    select = ["seq", "ticket_id", "kind", _MS.format("at") + " AS at", "actor",
              _text("actor_handler", "actor_handler"), _text("target", "target"), _text("rule", "rule")]
    if text:
        select.append(_text("reason", "reason"))
    # the fields only some kinds carry come from a second scan that returns only those rows (a third of the
    # log): cheaper than a column of NULLs for every event
    sparse = ["seq", _text(rating, "rating"),
              # never NULL: ADBC types an all-NULL first batch as integers and then refuses a REAL (0 means none)
              f"COALESCE(CAST({days} AS REAL), 0.0) AS days", "kind = 'extended' AS granted",
              _MS.format(sign) + " AS sign_deadline", _MS.format(resolve) + " AS resolve_deadline",
              _text(named, "named")]
    last = int(db.frame("SELECT COALESCE(MAX(seq), 0) AS n FROM events")["n"].iloc[0])
    parts = max(1, min(_THREADS, last // 200_000))
    bounds = list(itertools.pairwise(last * i // parts for i in range(parts + 1)))
    only = f" AND ticket_id {where[0]}" if where[0] else ""
    scan = "FROM events WHERE seq > ? AND seq <= ?" + only
    categories = ("kind", "actor", "actor_handler", "target", "rule", "rating", "named")
    ev = _frame(db.parallel(f"SELECT {', '.join(select)} {scan} ORDER BY seq", bounds, where[1], times=("at",),
                            categories=categories), categories)
    side = _frame(db.parallel(f"SELECT {', '.join(sparse)} {scan} AND {carries} ORDER BY seq", bounds, where[1],
                              times=("sign_deadline", "resolve_deadline"), categories=categories), categories)
    side["days"] = side["days"].where(side.pop("granted").astype(bool) & (side["days"] > 0)).astype("float32")
    rows = np.searchsorted(ev["seq"].to_numpy(), side["seq"].to_numpy())  # both in log order
    reason = ev.pop("reason") if text else None
    for name in ("rating", "days", "sign_deadline", "resolve_deadline", "named"):
        ev[name] = _spread(side[name], rows, len(ev))
    actors = ev["actor"].cat.categories.to_list()
    role = np.where((ev["actor"] == "system").to_numpy(), 2, np.where(ev["actor_handler"].notna().to_numpy(), 1, 0))
    ev["actor"] = _pseudonymise(ev["actor"], names)
    people = dict(zip(actors, ev["actor"].cat.categories, strict=True))
    ev.insert(5, "role", pd.Categorical.from_codes(role, categories=["resident", "staff", "system"]))
    if reason is not None:
        ev["reason"] = reason.replace("", None)
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
    ev["actor_sector"] = _relabel(ev["actor_handler"], sector)
    ev["target_sector"] = _relabel(ev["target"], sector)


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
