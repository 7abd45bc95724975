"""The event log as Parquet: pseudonymised, partitioned by community and month, read back by :func:`read_log`.

``whistle export --parquet DIR --store STORE`` writes what :func:`research.read_log` reads of a store
(pseudonyms, never message text) as three Parquet datasets under ``DIR`` (``events``, ``tickets``,
``assignments``), hive-partitioned ``community=…/month=…`` (the month of the event, of the ticket's
creation, in UTC), and a ``whistle-parquet.json`` that says what the files are. Exporting another
community's store into the same folder adds its partitions (a province is many communities); exporting one
again replaces only its own. :func:`read_log` on such a folder returns the same tables as on the stores,
with a ``community`` column; ``communities=`` and ``months=`` read only those partitions. pyarrow (already
the store reader's column engine) does the writing and the reading: no second engine.

>>> import tempfile
>>> from pathlib import Path
>>> from research import read_log, sample_store
>>> out = Path(tempfile.mkdtemp()) / "log"
>>> summary = export_parquet(sample_store(300), out, key="k")
>>> back = read_log(out)
>>> len(back.events) == summary["events"], back.events["community"].iloc[0]
(True, 'xingfuli')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from rules import Rulebook, load_rulebook

MARK = "whistle-parquet.json"
FORMAT = 1
TABLES = {"events": "at", "tickets": "created_at", "assignments": "at"}  # each table's month comes from


class ParquetError(Exception):
    """The folder is not an export this reader understands."""


def is_export(path: str | Path) -> bool:
    """Return whether ``path`` is a folder written by :func:`export_parquet`."""
    return (Path(path) / MARK).is_file()


def export_parquet(store: str | Path, out: str | Path, *, rulebook: Rulebook | str | Path | None = None,
                   key: str | bytes | None = None) -> dict[str, Any]:
    """Write the pseudonymised log of ``store`` to the Parquet folder ``out`` (made if missing; this
    community's partitions replaced, others' kept); return what was written: community, events, tickets,
    assignments, months."""
    from research.log import read_log

    book = rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook) if rulebook else load_rulebook()
    log = read_log(store, rulebook=book, key=key)  # pseudonyms, no text: what research may hold
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    mark = out / MARK
    meta: dict[str, Any] = json.loads(mark.read_text(encoding="utf-8")) if mark.is_file() else {
        "format": FORMAT, "communities": {}}
    if meta.get("format") != FORMAT:
        raise ParquetError(f"{out}: an export of format {meta.get('format')}, this reader writes {FORMAT}")
    community = book.community.id
    months: set[str] = set()
    frames = {"events": log.events, "tickets": log.tickets, "assignments": log.assignments}
    for name, frame in frames.items():
        frame = frame.copy()
        frame["community"] = community
        frame["row"] = range(len(frame))  # the store reader's order, which partitions do not keep
        stamp = frame[TABLES[name]]
        frame["month"] = stamp.dt.strftime("%Y-%m") if len(frame) else pd.Series(dtype=object)
        months |= set(frame["month"].dropna())
        ds.write_dataset(_arrow_owned(pa.Table.from_pandas(frame, preserve_index=False)), out / name,
                         format="parquet", partitioning=["community", "month"], partitioning_flavor="hive",
                         existing_data_behavior="delete_matching", max_partitions=100_000,
                         basename_template=f"{community}-{{i}}.parquet")
    meta["communities"][community] = {"rulebook": book.full_version, "pseudonyms": log.pseudonyms,
                                      "fallback": book.fallback, "events": len(log.events),
                                      "tickets": len(log.tickets)}
    mark.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return {"community": community, "events": len(log.events), "tickets": len(log.tickets),
            "assignments": len(log.assignments), "months": sorted(months)}


def _arrow_owned(table: pa.Table) -> pa.Table:
    """Return ``table`` with its data copied into Arrow's own memory.

    ``write_dataset`` returns before its plan is torn down on one of Arrow's threads; a table converted from
    pandas still points into NumPy arrays, and freeing those needs the interpreter, which may be exiting by
    then: the process aborts ("terminate called without an active exception", 6 exports in 160 on this
    machine under load; apache/arrow#36389). A table in Arrow's memory frees without Python.
    """
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return pa.ipc.open_stream(sink.getvalue()).read_all()


def read_tables(path: str | Path, *, communities: Iterable[str] | None = None,
                months: Iterable[str] | None = None) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """Return the export's tables (each community's rows in the store reader's order) and its description, reading only
    the partitions of ``communities`` and ``months`` when given."""
    path = Path(path)
    if not is_export(path):
        raise ParquetError(f"{path}: not a whistle Parquet export (no {MARK})")
    meta = json.loads((path / MARK).read_text(encoding="utf-8"))
    wanted = None
    if communities is not None:
        wanted = ds.field("community").isin(list(communities))
    if months is not None:
        only = ds.field("month").isin(list(months))
        wanted = only if wanted is None else wanted & only
    out = {}
    for name in TABLES:
        folder = path / name
        if not folder.is_dir():
            raise ParquetError(f"{path}: the {name} table is missing")
        data = ds.dataset(folder, format="parquet", partitioning="hive")
        # each file's dictionaries are as small as its own values allow (int8, int16): read as int32, or the
        # communities' dictionaries together outgrow the first file's index type when sorted
        wide = pa.schema([f.with_type(pa.dictionary(pa.int32(), f.type.value_type)) if pa.types.is_dictionary(f.type)
                          else f for f in data.schema], metadata=data.schema.metadata)
        table = ds.dataset(folder, format="parquet", partitioning="hive", schema=wide).to_table(filter=wanted)
        table = table.sort_by([("community", "ascending"), ("row", "ascending")]).drop_columns(["month", "row"])
        frame = table.to_pandas(split_blocks=True, self_destruct=True)  # Arrow's buffers freed as pandas takes them
        del table
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.CategoricalDtype):  # object categories, as the store reader
                cats = frame[column].cat
                frame[column] = pd.Categorical.from_codes(cats.codes.to_numpy(), validate=False,
                                                          categories=pd.Index(cats.categories.to_list(), dtype=object))
        out[name] = frame.reset_index(drop=True)
    return out, meta
