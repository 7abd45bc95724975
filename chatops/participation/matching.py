"""Matching the time bank's offers and needs within a grid: which posted needs an offer could meet, and the
other way round, by the words they share (any two Chinese characters or one Latin word in common).

>>> match("陪老人看病", ["帮忙陪老人就医", "修自行车", "老人看病需要人陪"])
[2, 0]
"""

from __future__ import annotations

import re

from rules.normalize import normalize

_LATIN = re.compile(r"[a-z0-9]{3,}")


def _grams(text: str) -> set[str]:
    t = normalize(text)
    han = re.sub(r"[^\u4e00-\u9fff]", " ", t)
    grams = {w[i:i + 2] for w in han.split() for i in range(len(w) - 1)}
    return grams | set(_LATIN.findall(t))


def match(what: str, others: list[str]) -> list[int]:
    """Return the positions in ``others`` that share a word with ``what``, the closest first (then in order)."""
    mine = _grams(what)
    scored = [(len(mine & _grams(o)), i) for i, o in enumerate(others)]
    return [i for n, i in sorted(scored, key=lambda x: (-x[0], x[1])) if n > 0]
