"""Matching the time bank's offers and needs within a grid: which posted needs an offer could meet, and the
other way round, by the words they share (any two Chinese characters, or one English word other than the words
every post has, its plain form: walking and walk are one).

>>> match("陪老人看病", ["帮忙陪老人就医", "修自行车", "老人看病需要人陪"])
[2, 0]
>>> match("walk my dog", ["help with shopping", "need someone to walk the dog", "dog walking"])
[1, 2]
"""

from __future__ import annotations

import re

from rules.normalize import normalize

_LATIN = re.compile(r"[a-z0-9]+")
_COMMON = frozenset({"and", "any", "are", "can", "for", "from", "have", "help", "need", "needs", "offer", "offers",
                     "our", "please", "some", "someone", "the", "who", "will", "with", "would", "you", "your",
                     "hour", "hours"})  # words of any post: they match nothing


def _plain(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _grams(text: str) -> set[str]:
    t = normalize(text)
    han = re.sub(r"[^\u4e00-\u9fff]", " ", t)
    grams = {w[i:i + 2] for w in han.split() for i in range(len(w) - 1)}
    # English words from the text as written: the normal form runs them together
    return grams | {_plain(w) for w in _LATIN.findall(text.lower()) if len(w) >= 3 and w not in _COMMON}


def match(what: str, others: list[str]) -> list[int]:
    """Return the positions in ``others`` that share a word with ``what``, the closest first (then in order)."""
    mine = _grams(what)
    scored = [(len(mine & _grams(o)), i) for i, o in enumerate(others)]
    return [i for n, i in sorted(scored, key=lambda x: (-x[0], x[1])) if n > 0]
