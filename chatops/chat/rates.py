"""How handlers are judged, for staff: the rates of a period and a fair ranking, as text, CSV or JSON.

The counting is the research kit's (``research.rates``: one implementation of every rate, tested on a
hand-checked log); this module picks the period, the rates staff publish and renders them. It needs the
``research`` extra (pandas); the bot says so politely if it is missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import math
import re
import secrets
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chatops.tickets.address import is_database
from rules import Rulebook
from rules.catalogue import text

# the rates residents care about, in the order they are published: key in research.rates.RATES
PUBLISHED = ("response", "resolution", "satisfaction", "on_time", "return", "reopen")
MIN_COUNT = 5  # a handler needs this many cases of a rate to be ranked on it
_PERIOD = re.compile(r"^(\d{4})-(\d{1,2})$")


class PeriodError(ValueError):
    """A period that is not YYYY-MM."""


@dataclass(frozen=True)
class Period:
    """A calendar month in the community's time zone."""

    year: int
    month: int

    @classmethod
    def parse(cls, value: str | None, *, today: date) -> Period:
        """Return the period ``YYYY-MM`` (``None``: the month of ``today``); raise :class:`PeriodError`."""
        if not value:
            return cls(today.year, today.month)
        m = _PERIOD.match(value.strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise PeriodError(value)
        return cls(int(m.group(1)), int(m.group(2)))

    def previous(self) -> Period:
        return Period(self.year - 1, 12) if self.month == 1 else Period(self.year, self.month - 1)

    def next(self) -> Period:
        return Period(self.year + 1, 1) if self.month == 12 else Period(self.year, self.month + 1)

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """Return the first instant of the month and of the next one."""
        nxt = self.next()
        return datetime(self.year, self.month, 1, tzinfo=tz), datetime(nxt.year, nxt.month, 1, tzinfo=tz)

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class Row:
    """One handler's published rates: ``(numerator, denominator, raw rate, smoothed rate, rank)`` each."""

    handler: str
    name: str
    rates: dict[str, tuple[int, int, float | None, float | None, int | None]]


def handler_table(store: Path | str, book: Rulebook, period: Period) -> list[Row]:
    """Return every handler's published rates for ``period``, read from the store file ``store`` (or the
    address of a community's store on PostgreSQL)."""
    from research.log import read_log
    from research.rates import RATES, handler_rates, rank

    tz = ZoneInfo(book.calendar.timezone)
    start, end = period.bounds(tz)
    log = read_log(store, rulebook=book, key=secrets.token_bytes(16),  # no people leave this function
                   touched=(start, end))  # only the tickets the month touched: the same rates, far less to read
    table = handler_rates(log, start=start, end=end - timedelta(microseconds=1))
    ranks = {r: rank(table, r, min_count=MIN_COUNT) for r in PUBLISHED}
    rows = []
    for handler in table.index:
        values = {}
        for r in PUBLISHED:
            num, den = RATES[r]
            x, n = int(table.at[handler, num]), int(table.at[handler, den])
            ranked = ranks[r].loc[handler]
            values[r] = (x, n, _num(table.at[handler, r]), _num(ranked["smoothed"]),
                         None if _missing(ranked["rank"]) else int(ranked["rank"]))
        rows.append(Row(str(handler), str(table.at[handler, "name"]), values))
    return rows


def rulebook_file(book: Rulebook, store: Path | str) -> Path:
    """Return a file holding ``book``'s text beside the store (in the temporary folder for a store on
    PostgreSQL; written once per rulebook version), for a child process that must read the same rulebook as
    its parent."""
    folder = Path(tempfile.gettempdir()) if is_database(store) else Path(store).parent
    path = folder / f".rulebook-{book.digest or 'given'}.yaml"
    if not path.is_file() or path.read_text(encoding="utf-8") != book.source:
        path.write_text(book.source, encoding="utf-8")
    return path


async def handler_table_apart(store: Path | str, rulebook: Path, period: Period) -> list[Row]:
    """Return :func:`handler_table` computed by ``whistle report`` in a child process, so that a long-running
    bot never loads pandas (about 110 MiB) for a monthly table. Raises ``RuntimeError`` if it fails."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "chatops.cli", "report", "--store", str(store), "--rulebook", str(rulebook),
        "--period", str(period), "--format", "json", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await proc.communicate()
    except BaseException:  # cancelled (the bot stops): the child goes too, never left behind
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        await asyncio.shield(proc.wait())
        raise
    if proc.returncode != 0:
        raise RuntimeError(err.decode("utf-8", "replace").strip() or f"whistle report exited {proc.returncode}")
    return rows_from_json(json.loads(out))


def rows_from_json(data: dict[str, Any]) -> list[Row]:
    """Return the rows of a ``render(..., "json")`` document."""
    return [Row(h["handler"], h["name"], {k: (h[k]["x"], h[k]["n"], h[k]["rate"], h[k]["smoothed"], h[k]["rank"])
                                          for k in PUBLISHED}) for h in data["handlers"]]


def _num(value: Any) -> float | None:
    return None if _missing(value) else float(value)


def _missing(value: Any) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def render(rows: list[Row], period: Period, fmt: str, lang: str | None, *, by: str = "satisfaction") -> str:
    """Return the table in ``fmt`` (``md``, ``csv`` or ``json``), handlers ordered by their rank on ``by``."""
    order = sorted(rows, key=lambda r: (r.rates[by][4] is None, r.rates[by][4] or 0, -r.rates[by][1]))
    if fmt == "json":
        return json.dumps({"period": str(period), "min_count": MIN_COUNT, "handlers": [
            {"handler": r.handler, "name": r.name, **{k: {"x": v[0], "n": v[1], "rate": v[2], "smoothed": v[3],
                                                          "rank": v[4]} for k, v in r.rates.items()}}
            for r in order]}, ensure_ascii=False, indent=2)
    heads = [text(f"rate_{k}", lang) for k in PUBLISHED]
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["handler", "name", *[f"{k}_{p}" for k in PUBLISHED for p in ("x", "n", "rate", "smoothed",
                                                                                     "rank")]])
        for r in order:
            w.writerow([r.handler, r.name, *[v if v is not None else "" for k in PUBLISHED for v in r.rates[k]]])
        return out.getvalue()
    lines = [text("report_title", lang, period=str(period), min_count=MIN_COUNT, by=text(f"rate_{by}", lang)),
             "", "| # | " + text("report_handler", lang) + " | " + " | ".join(heads) + " |",
             "|---|---|" + "---|" * len(heads)]
    for r in order:
        cells = [f"{_pct(v[2])} ({v[0]}/{v[1]})" for v in (r.rates[k] for k in PUBLISHED)]
        lines.append(f"| {r.rates[by][4] or '-'} | {r.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def own_lines(rows: list[Row], handler: str, period: Period, lang: str | None) -> list[str]:
    """Return one handler's rates and ranks, for ``!stats`` in its room."""
    row = next((r for r in rows if r.handler == handler), None)
    lines = [text("stats_title", lang, period=str(period), handler=row.name if row else handler)]
    if row is None:
        return lines
    for k in PUBLISHED:
        x, n, raw, _smoothed, place = row.rates[k]
        ranked = sum(1 for r in rows if r.rates[k][4] is not None)
        lines.append(text("stats_line", lang, rate=text(f"rate_{k}", lang), value=_pct(raw), x=x, n=n,
                          rank=f"{place}/{ranked}" if place else text("stats_unranked", lang, min=MIN_COUNT)))
    return lines
