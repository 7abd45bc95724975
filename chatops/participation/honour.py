"""The monthly honour board (荣誉榜): the residents who earned the most points in a month, named only with
their consent (``!荣誉榜 同意``); the others are counted, never named.

>>> from datetime import UTC, datetime
>>> from zoneinfo import ZoneInfo
>>> from chatops.participation.points import Award
>>> may = datetime(2026, 5, 10, tzinfo=UTC)
>>> june = datetime(2026, 6, 1, 8, tzinfo=UTC)  # 16:00 in the community: June already
>>> entries = [Award("@a:x", may, "vote", 30, 0, 1), Award("@b:x", may, "vote", 20, 0, 2),
...            Award("@c:x", may, "vote", 10, 0, 3), Award("@a:x", june, "vote", 5, 0, 4)]
>>> board("2026-05", entries, ZoneInfo("Asia/Shanghai"), consented={"@b:x"})
Board(month='2026-05', named=(('@b:x', 20),), unnamed=2)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from chatops.participation.points import Award

TOP = 10


@dataclass(frozen=True)
class Board:
    """A month's honour board: the residents named (with consent) and their points, and how many of the top
    residents are not named."""

    month: str
    named: tuple[tuple[str, int], ...]
    unnamed: int


def board(month: str, entries: Iterable[Award], zone: ZoneInfo, *, consented: set[str], top: int = TOP) -> Board:
    """Return the honour board of ``month`` (``YYYY-MM`` on the community's clock): the ``top`` residents by
    the points they earned that month (after the monthly cap), named if they consented."""
    earned: Counter[str] = Counter()
    for a in entries:
        if a.points > 0 and a.at.astimezone(zone).strftime("%Y-%m") == month:
            earned[a.resident] += a.points
    best = sorted(earned.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    named = tuple((who, points) for who, points in best if who in consented)
    return Board(month, named, len(best) - len(named))
