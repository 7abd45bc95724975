"""What every ``whistle`` command prints with: aligned tables, handler names, a rulebook loaded politely."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence

from rules import DEFAULT_RULEBOOK, Rulebook, RulebookError, load_rulebook


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def table(rows: Sequence[Sequence[str]]) -> str:
    """Return ``rows`` as aligned columns (Chinese characters count twice).

    >>> print(table([["编号", "n"], ["1", "22"]]))
    编号  n
    1     22
    """
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def handler_name(book: Rulebook, hid: str | None, lang: str) -> str:
    """Return the name of handler ``hid`` in ``lang`` (its id if the rulebook does not know it)."""
    h = book.handler_by_id.get(hid or "")
    if h is None:
        return hid or "-"
    return h.name_en if lang == "en" else h.name


def category_name(book: Rulebook, cid: str | None, lang: str, unclassified: str = "-") -> str:
    """Return the name of category ``cid`` in ``lang`` (``unclassified`` for none)."""
    c = book.category_by_id.get(cid or "")
    if c is None:
        return unclassified if cid is None else cid
    return c.name_en if lang == "en" else c.name


def load_book(path: str | None, lang: str) -> Rulebook | None:
    """Return the rulebook at ``path`` (the shipped one by default), or print every problem and return None."""
    try:
        return load_rulebook(path or DEFAULT_RULEBOOK)
    except RulebookError as exc:
        print(exc.render(lang), file=sys.stderr)
        return None
