"""What a board or API request asks for, checked against the rulebook: grids, categories, states, a month.

A filter the rulebook does not know is refused with a message for the user (never a traceback).

>>> from rules import load_rulebook
>>> book = load_rulebook()
>>> Filters.parse({"state": "routed", "month": "2026-03"}, book).month
'2026-03'
>>> Filters.parse({"state": "lost"}, book)
Traceback (most recent call last):
...
chatops.web.filters.FilterError: state: lost
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from chatops.chat.rates import Period
from chatops.tickets.lifecycle import State
from rules import Rulebook

PAGE = 20
UNCLASSIFIED = "none"  # the category filter's word for tickets no category placed


class FilterError(ValueError):
    """A filter value the board does not know; ``str()`` names the field and the value."""


@dataclass(frozen=True)
class Filters:
    """A board query: ``grid``, ``category`` (``none``: unclassified), ``state``, ``month`` (YYYY-MM in the
    community's time zone) and ``page`` (from 1)."""

    grid: str = ""
    category: str = ""
    state: str = ""
    month: str = ""
    page: int = 1

    @classmethod
    def parse(cls, query: Mapping[str, str], book: Rulebook) -> Filters:
        """Return the filters in ``query``; raise :class:`FilterError` for a value the rulebook does not know."""
        grid, category = query.get("grid", "").strip(), query.get("category", "").strip()
        state, month = query.get("state", "").strip(), query.get("month", "").strip()
        if grid and grid not in book.grid_by_id:
            raise FilterError(f"grid: {grid[:40]}")
        if category and category != UNCLASSIFIED and category not in book.category_by_id:
            raise FilterError(f"category: {category[:40]}")
        if state and state not in {s.value for s in State}:
            raise FilterError(f"state: {state[:40]}")
        if month:
            try:
                datetime.strptime(month, "%Y-%m")
            except ValueError:
                raise FilterError(f"month: {month[:40]}") from None
        try:
            page = max(1, min(100_000, int(query.get("page", "1") or 1)))
        except ValueError:
            raise FilterError(f"page: {query.get('page', '')[:40]}") from None
        return cls(grid, category, state, month, page)

    def span(self, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        """Return the month's first moment and the next month's, in ``zone`` (``None, None`` for no month)."""
        if not self.month:
            return None, None
        return Period.parse(self.month, today=date.today()).bounds(zone)

    def query(self, **change: object) -> str:
        """Return these filters as a URL query string, with ``change`` applied (empty values left out)."""
        values = {"grid": self.grid, "category": self.category, "state": self.state, "month": self.month,
                  "page": self.page, **change}
        return urlencode({k: v for k, v in values.items() if v and not (k == "page" and v == 1)})
