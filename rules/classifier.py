"""Text classification in Python: keywords (one Aho-Corasick pass), patterns, negative keywords, place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick_rs

from rules.normalize import normalize
from rules.rulebook import Rulebook

_BUILDING = re.compile(r"(\d{1,4})(?:号楼|号栋|栋|幢|号院|座)")
_KEYWORD, _NEGATIVE, _URGENT, _PLACE = 0, 1, 2, 3


@dataclass(frozen=True)
class Place:
    """Where a report is: grid, estate and building as far as the text tells (``None`` when it does not)."""

    grid: str | None = None
    estate: str | None = None
    building: str | None = None

    @property
    def known(self) -> bool:
        return self.grid is not None


@dataclass(frozen=True)
class Classification:
    """What the text says: the winning category (``None`` if nothing matched) and why.

    ``matched`` are the keywords and pattern matches behind the category: the category whose distinct
    matches are longest in total wins (longer, more exact phrases and more independent evidence).
    """

    category: str | None
    matched: tuple[str, ...] = ()
    urgent: tuple[str, ...] = ()
    place: Place = field(default_factory=Place)


class Classifier:
    """Classifies report text against one rulebook. Build once per rulebook; ``classify`` is pure."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self._order = {c.id: i for i, c in enumerate(rulebook.categories)}
        entries: dict[str, list[tuple[int, str, str]]] = {}

        def add(word: str, kind: int, owner: str) -> None:
            key = normalize(word)
            if key:
                entries.setdefault(key, []).append((kind, owner, word))

        for c in rulebook.categories:
            for kw in c.keywords:
                add(kw, _KEYWORD, c.id)
            for kw in c.negative:
                add(kw, _NEGATIVE, c.id)
        for kw in rulebook.urgent_keywords:
            add(kw, _URGENT, "")
        self._estate_grid: dict[str, str] = {}
        for g in rulebook.grids:
            for e in g.estates:
                self._estate_grid[e.id] = g.id
                for name in (e.name, *e.aliases):
                    add(name, _PLACE, e.id)
        keys = list(entries)
        self._values = [(len(k), tuple(entries[k])) for k in keys]
        # a DFA over every keyword: one scan of a 270-character complaint takes about 5 us
        self._matcher = (ahocorasick_rs.AhoCorasick(keys, implementation=ahocorasick_rs.Implementation.DFA)
                         if keys else None)
        # patterns see the normalised text; they are written in simplified Chinese and match any case
        self._patterns = [(c.id, re.compile(p, re.IGNORECASE)) for c in rulebook.categories for p in c.patterns]

    def classify(self, text: str) -> Classification:
        """Return the :class:`Classification` of ``text``; never raises on any string."""
        norm = normalize(text)
        hits: dict[str, dict[str, int]] = {}
        vetoed: set[str] = set()
        urgent: list[str] = []
        estate: str | None = None
        if self._matcher is not None and norm:
            for index, _start, _end in self._matcher.find_matches_as_indexes(norm, overlapping=True):
                length, values = self._values[index]
                for kind, owner, word in values:
                    if kind == _KEYWORD:
                        hits.setdefault(owner, {})[word] = length
                    elif kind == _NEGATIVE:
                        vetoed.add(owner)
                    elif kind == _URGENT and word not in urgent:
                        urgent.append(word)
                    elif kind == _PLACE and estate is None:
                        estate = owner
        for owner, rx in self._patterns:
            m = rx.search(norm)
            if m:
                hits.setdefault(owner, {})[m.group(0)] = len(m.group(0))
        building = _BUILDING.search(norm)
        place = Place(self._estate_grid.get(estate) if estate else None, estate,
                      building.group(1) if building else None)
        best = max(
            ((sum(words.values()), max(words.values()), -self._order[cid], cid)
             for cid, words in hits.items() if cid not in vetoed),
            default=None,
        )
        if best is None:
            return Classification(None, urgent=tuple(urgent), place=place)
        return Classification(best[3], matched=tuple(hits[best[3]]), urgent=tuple(urgent), place=place)
