"""Regular expressions searched only where the words every match holds are said.

A pattern such as ``(人|老人)[^。]{0,10}被(车|货车)撞(倒|飞)`` cannot match a text without 被, 车 and 撞 in it,
whatever else the text says; a regular expression engine finds that out only by trying the pattern at every
place in the text. A :class:`Sieve` reads those words from the parsed pattern once, looks for them with
plain substring tests (30 to 200 nanoseconds each on a letter), and searches only a text that holds a word of
every set: a 270-character letter meets about thirty of the rulebook's patterns through their opening
words, and holds all the words of one or two. The answers are those of :mod:`re` in every case.

>>> rx = Sieve("(人|老人)[^。]{0,10}被(车|货车)撞(倒|飞)")
>>> rx.words
(('人',), ('被',), ('车',), ('撞',), ('倒', '飞'))
>>> rx.search("昨天有个老人在路口被车撞倒了").group(0), rx.search("老人被车堵在路口")
('老人在路口被车撞倒', None)
"""

from __future__ import annotations

import re
import sys
from re import _parser as _sre  # the parsed form of a pattern: what its matches must hold
from typing import Any

_END = sys.maxsize  # the end of any text


def needs(items: list[Any], fold: bool = False) -> tuple[str, ...]:
    """Return the best words one of which a match of the parsed sequence ``items`` must hold: of its parts that
    cannot be left out, those with the longest shortest word (runs of plain characters read as one word);
    ``fold``: the sequence ignores case, so no word with a letter that has a case is sure.

    >>> needs(list(_sre.parse("(才|只有)?(十[一二]|[89]|九)岁[^。]{0,12}(不读书|辍学)")))
    ('不读书', '辍学')
    >>> needs(list(_sre.parse(".?甲?")))
    ()
    """
    return max(_factors(items, fold, looks=False), key=lambda o: (min(map(len, o)), -len(o)), default=())


def factors(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...]:
    """Return every set of words one of which each match of ``pattern`` (compiled with ``flags``) holds: one set
    for each part it cannot leave out, a look ahead's or behind's included. A text that lacks every word of one
    set cannot match. Words with a letter that has a case are left out where the pattern ignores case.

    >>> factors("^(?!.*(烟|火))(?=.*(没人管|半年)).*说"), factors("(甲|乙.?)丙"), factors("(甲|乙)?[丙丁]|戊")
    ((('说',), ('没人管', '半年')), (('丙',), ('甲', '乙')), (('丙', '丁', '戊'),))
    >>> factors("WiFi(断|掉)", re.IGNORECASE), factors("fire (drill|alarm)"), factors("(?i)fire (火|烟)"), factors("[")
    ((('断', '掉'),), (('fire ',), ('drill', 'alarm')), (('火', '烟'),), ())
    """
    try:
        tree = _sre.parse(pattern, flags)
    except re.error:
        return ()
    fold = bool((flags | tree.state.flags) & re.IGNORECASE)
    # (a word holding another of its set adds nothing: 老人 holds 人)
    sets = [tuple(w for w in dict.fromkeys(s) if not any(o in w and o != w for o in s))
            for s in _factors(list(tree), fold)]
    # the sets of fewest and longest words first: the quickest to find missing
    return tuple(sorted(dict.fromkeys(sets), key=lambda s: (len(s), -min(map(len, s)))))


def _factors(items: list[Any], fold: bool, looks: bool = True) -> list[tuple[str, ...]]:
    """Return the word sets of the parsed sequence ``items``: each part it cannot leave out gives its own (a look
    ahead's or behind's too, with ``looks``); a choice gives one set, each way's best words (:func:`needs`)."""
    out: list[tuple[str, ...]] = []
    run = ""
    for op, av in [*items, (None, None)]:
        if op == _sre.LITERAL:
            run += chr(av)
            continue
        if run and not (fold and _cased(run)):
            out.append((run,))
        run = ""
        if op == _sre.SUBPATTERN:
            out += _factors(list(av[-1]), fold or bool(av[1] & re.IGNORECASE), looks)
        elif op == _sre.ASSERT and looks:  # a look ahead or behind that must hold: its words are in the text
            out += _factors(list(av[1]), fold)
        elif op == _sre.BRANCH:
            ways = [needs(list(branch), fold) for branch in av[1]]
            if all(ways):
                out.append(tuple(w for way in ways for w in way))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            out += _factors(list(av[2]), fold, looks)
        elif op == _sre.IN and av and all(o == _sre.LITERAL for o, _ in av):
            chars = tuple(chr(c) for _, c in av)
            if not (fold and any(_cased(c) for c in chars)):
                out.append(chars)
    return out


def _cased(word: str) -> bool:
    return word.lower() != word.upper()


def holds(text: str, words: tuple[tuple[tuple[str, str], ...], ...]) -> bool:
    """Return whether ``text`` holds a word of each set of ``words``, each word given as its last character and,
    when longer, the whole word (see :func:`factors`, :func:`checks`): a character is looked for in a few tens of
    nanoseconds, a longer word in a few hundred, so a word's last character is looked for first.

    >>> holds("被车撞了", checks((("被",), ("撞", "碰到")))), holds("被车碰了", checks((("被",), ("撞", "碰到"))))
    (True, False)
    """
    for choice in words:
        for last, word in choice:
            if last in text and (not word or word in text):
                break
        else:
            return False
    return True


def checks(words: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Return ``words`` as :func:`holds` reads them: each word as its last character and the word when longer.

    >>> checks((("被",), ("撞", "碰到")))
    ((('被', ''),), (('撞', ''), ('到', '碰到')))
    """
    return tuple(tuple((w[-1], w if len(w) > 1 else "") for w in choice) for choice in words)


class Sieve:
    """A compiled regular expression (``rx``) whose search answers ``None`` at once for a text lacking the
    ``words`` every match holds, and otherwise as :mod:`re` does."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.rx = re.compile(pattern, flags)
        self.words = factors(pattern, flags)
        self._checks = checks(self.words)

    @property
    def pattern(self) -> str:
        """Return the pattern as written."""
        return self.rx.pattern

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """Return the first match in ``text`` between ``pos`` and ``endpos``, or ``None``."""
        return self.rx.search(text, pos, endpos) if holds(text, self._checks) else None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Return the match at ``pos`` in ``text``, or ``None`` (tried at once: a match tried at one place fails
        sooner than the sieve would look through the text)."""
        return self.rx.match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """Return the match of the whole of ``text``, or ``None`` (tried at once, as :meth:`match`)."""
        return self.rx.fullmatch(text)
