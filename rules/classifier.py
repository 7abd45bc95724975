"""Text classification in Python: keywords (one Aho-Corasick pass), patterns, negative keywords, place.

Every category that the text gives evidence for becomes a :class:`Candidate`, ranked:

1. an **emergency** category with specific evidence comes before any ordinary one, whatever their scores,
   when the message leads with it (within its first 50 characters: "着火了！"; a letter that mentions
   a fight in its third paragraph is about something else) or is a chat message (up to 90 characters:
   a complaint about the fees that ends with a mother stuck in the lift); so does a matter whose own
   urgent words are said (电梯 … 卡在两层楼中间); an urgent word inside a negative word is not said
   (打着火 is no 着火);
2. then the **score**: how many characters of the text its distinct keywords and pattern matches cover
   (so 灯不亮了 counts four, not 灯不亮 and 灯不亮了 seven), where a character covered only by a word
   the rulebook lists under ``generic_words`` (学校, 物业, 电梯 ...) counts half: such a word supports a
   category, but a category that has nothing else is only *weakly* evidenced; evidence within the
   first 30 characters counts twice (what a message leads with: a letter's subject line);
3. then the longest single piece of evidence.

Candidates still equal after that are a **tie**: nothing in the file decides between them, and the
router asks. When the text has no specific evidence at all, a second pass looks for keywords typed as
pinyin (``tingshui``) or with one character replaced by a homophone (电悌, 露水), and every ordinary
category gets a **likeness**: how close the message's characters are to the characters of the
category's own name and words (TF-IDF of single characters, cosine), so 偷电瓶 leans to theft and 跑步机
to fitness equipment though no keyword says so. All of that is weak evidence: it orders the matters
the bot asks the resident to pick among, and never makes an emergency.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from re import _parser as _sre  # the parsed form of a pattern: what its matches must hold
from string import ascii_lowercase
from typing import NamedTuple

import ahocorasick_rs

from rules.normalize import chinese, normalize, parted, unsaid
from rules.rulebook import Rulebook
from rules.sieve import Sieve, needs

# the automata that find every word of a list in one scan: a contiguous NFA, not a DFA. Each scan is a little
# slower alone, but the DFA of 5,500 keywords is many times larger, and in a router its tables are pushed out of
# the processor's caches between two scans: classifying a letter took 10 % longer with DFAs, a short report 8 %
SCAN = ahocorasick_rs.Implementation.ContiguousNFA

# a building as residents name it: 3号楼, 5栋; in English (Building 3, Block 5, bldg 12) once spaces are gone
# words that say the next words are happening now (刚路过…看到, 现在, 赶紧叫人)
_NOW = re.compile(r"刚刚|刚才|我刚|刚路过|现在|正在|赶紧|赶快|快来|快叫|快打|马上")  # (not 经常: it keeps happening)
_BUILDING = Sieve(r"(\d{1,4})(?:号楼|号栋|栋|幢|号院|座)|(?:building|bldg|block|blk|tower)(?:no)?(\d{1,4})")
_ASCII_RUN = re.compile(r"[a-z]{6,}")
_COMMON = frozenset("的了是在有不我你他这那个上还")  # characters too common to guess a homophone beside
# what a resident typed and meant: never an input method's slip for a homophone (要她 is not 要塌, 他落 not 塌落),
# though one pronoun may stand for another (打他堂客: 打她)
_NO_SLIP = _COMMON | frozenset("她它们地得就都也")
_PRONOUNS = frozenset("他她它")
_PLAIN = r"[^()\[\]\\.*+?{}^$|]+"
_REQUIRED = re.compile(rf"({_PLAIN})(?![?*{{])")  # plain characters a match must open with (none optional)
_CHOICE = re.compile(r"\[([^\]\\^\-]+)\](?![?*{])")  # a set of plain characters, one of which it must open with


def _heads(pattern: str) -> tuple[str, ...]:
    """Return words one of which is in every match of ``pattern`` (what each of its top-level alternatives
    must open with), or ``()`` when some alternative may open otherwise (then it is always tried).

    >>> _heads("(电线|电箱).{0,4}(冒烟|着火)"), _heads("电梯.{0,8}坏"), _heads("电梯?坏"), _heads("(甲|乙)?丙")
    (('电线', '电箱'), ('电梯',), ('电',), ())
    >>> _heads("(甲|乙)丙|丁"), _heads("(后厨|店里的?厨房).{0,10}老鼠"), _heads("(甲|的?乙)丙"), _heads(".{0,3}甲")
    (('甲', '乙', '丁'), ('后厨', '店里'), (), ())
    >>> _heads("(?<!新)(村里|村口)垃圾"), _heads("(全家|[两三]个人)晕"), _heads("[两三]?个人"), _heads("[^甲]乙")
    (('村里', '村口'), ('全家', '两', '三'), (), ())
    """
    heads: list[str] = []
    for branch in _alternatives(pattern):
        while branch.startswith(("(?<!", "(?<=")) and (close := _closing(branch)) is not None:
            branch = branch[close + 1:]  # a look behind opens nothing: the match opens after it
        if branch.startswith("(") and not branch.startswith("(?"):
            close = _closing(branch)
            if close is None or branch[close + 1:close + 2] in ("?", "*", "{"):
                return ()
            opening = [_opening(alt) for alt in _alternatives(branch[1:close])]
        else:
            opening = [_opening(branch)]
        if not all(opening):
            return ()
        heads += [normalize(w) for words in opening for w in words]
    return tuple(dict.fromkeys(heads))


def _needs(pattern: str) -> tuple[str, ...]:
    """Return words one of which is in every match of ``pattern``, wherever in it (the longest such words of any
    part it cannot leave out), or ``()`` when no part is sure: a pattern whose opening may vary is tried only
    where one of these is in the text.

    >>> _needs("(才|只有)?(十[一二]|[89]|九)岁[^。]{0,12}(不读书|辍学)"), _needs("(在|又在)?打(他|她)")
    (('不读书', '辍学'), ('打',))
    >>> _needs("^(?!.*(烟|火)).*(几天|好几天)(都)?(没|冇)(出门|开门)"), _needs(".{0,3}(甲|[a-z])"), _needs("[")
    (('几天', '好几天'), (), ())
    """
    try:
        tree = _sre.parse(pattern, re.IGNORECASE)
    except re.error:
        return ()
    return tuple(dict.fromkeys(normalize(w) for w in needs(list(tree))))


def _reach(pattern: str) -> int | None:
    """Return the most characters a match of ``pattern`` spans, so one holding a word first said at ``i`` starts at
    ``i - reach`` or later; ``None`` when a match may be of any length, or when a word every match holds (see
    :func:`_needs`) reads otherwise once normalised (then where the normal form is said tells nothing).

    >>> _reach("(有|还有)?(几个|好几个)(人)?(晕了|昏了)"), _reach("^(?=.*没人管).*(说|讲)找"), _reach("(甲|乙)WiFi")
    (8, None, None)
    """
    try:
        tree = _sre.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    _low, high = tree.getwidth()
    if high >= _sre.MAXREPEAT or any(normalize(w) != w for w in needs(list(tree))):
        return None
    return int(high)


def _opening(branch: str) -> tuple[str, ...]:
    """Return the words one of which ``branch`` must open with: its plain characters, or each character of the
    set it opens with (``[两三四]个人``); ``()`` when it may open otherwise."""
    if m := _REQUIRED.match(branch):
        return (m.group(1),)
    if m := _CHOICE.match(branch):
        return tuple(m.group(1))
    return ()


def _alternatives(pattern: str) -> list[str]:
    """Return ``pattern`` split at each ``|`` outside its groups and character classes."""
    cuts = [i for i, ch, depth in _syntax(pattern) if ch == "|" and depth == 0]
    return [pattern[i + 1:j] for i, j in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def _closing(pattern: str) -> int | None:
    """Return where the group ``pattern`` opens with closes, or ``None``."""
    return next((i for i, ch, depth in _syntax(pattern) if ch == ")" and depth == 0), None)


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    r"""Yield ``(index, character, depth)`` for each character of ``pattern`` that is neither escaped nor in a
    character class; ``depth`` is how many groups are open after it.

    >>> [(c, d) for _, c, d in _syntax(r"(a|[|)]\|)|b")]
    [('(', 1), ('a', 1), ('|', 1), ('[', 1), (')', 0), ('|', 0), ('b', 0)]
    """
    depth, escaped, in_class = 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        else:
            in_class = ch == "["
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth


_KEYWORD, _NEGATIVE, _URGENT, _PLACE, _CAT_URGENT = 0, 1, 2, 3, 4
Hit = tuple[int, bool, int]  # a word's length, whether it is generic, where it first starts
GENERIC_WEIGHT = 0.5
# a matter's word followed by one of these names a place (菜市场旁边的公厕, 学校门口摆摊): it counts as a generic word
BESIDE = frozenset({"旁边", "门口", "附近", "对面", "边上", "隔壁", "周边", "跟前", "背后", "后边", "后面", "后头"})
# a stop named by the matter's word and then one of those (公交总站旁边): still where, not what
_STOP = re.compile(r"(?:总站|车站|站台|站点|站)")
# and in English, said before it (outside the pharmacy, next to the school)
_BESIDE_EN = re.compile(r"\b(?:outside|near|next to|opposite|in front of|behind|beside|by)(?: the| a| our)?\s+$")
_QUOTES = re.compile(r"(?<![a-z])['\"‘“]|['\"’”](?![a-z])")  # quotes around an English word, not an apostrophe
ALIKE = "≈"  # opens the evidence of a category found only by the likeness of its characters (≈供暖)
_IS = re.compile(r"\b(he|she|it|there|that|who|what|where|someone|somebody)'s\b")
_NOT = re.compile(r"(?<=[a-z])n'?t\b")  # didn't and didnt, can't and cant: one form
_HAVE = re.compile(r"(?<=[a-z])'(re|m|ll|ve)\b")
_WRITTEN_OUT = {"re": " are", "m": " am", "ll": " will", "ve": " have"}


def _expanded(lower: str) -> str:
    """Return lower-case English with its short forms in one spelling, in a keyword as in a message: ``'s``
    after a pronoun, ``'re``, ``'m``, ``'ll`` and ``'ve`` written out, ``n't`` with or without its apostrophe.

    >>> _expanded("she's screaming, there's smoke")
    'she is screaming, there is smoke'
    >>> _expanded("my son didn't come home, we're scared"), _expanded("he didnt come home")
    ('my son didnt come home, we are scared', 'he didnt come home')
    """
    return _HAVE.sub(lambda m: _WRITTEN_OUT[m.group(1)], _NOT.sub("nt", _IS.sub(r"\1 is", lower)))
HEAD = 30  # characters: evidence this early counts twice (what a message leads with, a letter's subject)
LIVE = 50  # characters: an emergency named this early is happening now; later in a long letter, it is a story
CHAT = 90  # characters: in a message no longer than this (a chat message, not a letter) it is happening anywhere
SLIPS_MAX_CHARS = 120  # the second pass (likeness to each category's words) runs on messages this short
_LATIN_WORD = re.compile(r"[a-z][a-z&]")  # two letters side by side (a letter's A市, K9县 hold no English word)
FUZZY_MAX_CHARS = 60  # and its homophone part on chat-sized ones only (it costs ~1 ms at 60; pinyin runs to 120)
LIKENESS_MIN = 0.12    # a category this alike (cosine of characters) or more is a candidate


class Place(NamedTuple):
    """Where a report is: grid, estate and building as far as the text tells (``None`` when it does not)."""

    grid: str | None = None
    estate: str | None = None
    building: str | None = None

    @property
    def known(self) -> bool:
        return self.grid is not None


_NOWHERE = Place()


class Candidate(NamedTuple):
    """One category the text gives evidence for: its ``score``, the words behind it, and whether any of
    them is specific (``strong``: not a generic word) and the category an emergency."""

    category: str
    score: float
    matched: tuple[str, ...]
    strong: bool
    emergency: bool = False
    longest: int = 0
    mentions: int = 0  # how many times its words occur (a matter a report keeps coming back to)
    first: int = 0     # where its first word starts (the matter named first: a letter's subject)
    horizon: int = LIVE  # an emergency named before this is happening now (the whole of a chat message)

    @property
    def live(self) -> bool:
        """Return whether this is an emergency happening now: specific words, early in a letter or anywhere in a
        chat message."""
        return self.emergency and self.strong and self.first < self.horizon

    @property
    def alike(self) -> bool:
        """Return whether this was found only by the likeness of its characters (its one piece of evidence opens
        with :data:`ALIKE`: ≈供暖), no word of its own.

        >>> Candidate("heating", 0.2, ("≈供暖",), False).alike, Candidate("heating", 4.0, ("暖气",), True).alike
        (True, False)
        """
        return bool(self.matched) and all(w.startswith(ALIKE) for w in self.matched)

    @property
    def slipped(self) -> bool:
        """Return whether this was found only by characters typed that are like its words (往下跳≈往下掉), none
        said as written nor spelled in pinyin (qihuole≈起火了, a resident's way of writing).

        >>> Candidate("collapse", 2.0, ("往下跳≈往下掉",), False).slipped
        True
        >>> Candidate("fire", 6.0, ("qihuole≈起火了",), False).slipped
        False
        >>> Candidate("collapse", 6.0, ("往下掉",), True).slipped
        False
        """
        return bool(self.matched) and all(ALIKE in w and not w.split(ALIKE, 1)[0].isascii() for w in self.matched)

    @property
    def key(self) -> tuple[bool, float, int, int, int]:
        """Return the ranking key: live emergencies first, then the score, the number of mentions, the
        longest piece of evidence, and the earliest."""
        return (self.live, self.score, self.mentions, self.longest, -self.first)


class Classification(NamedTuple):
    """What the text says: the ranked candidates, the urgent words and the place.

    ``category`` is the first candidate's (``None`` if nothing matched); ``tie`` says the first two
    rank equal, ``weak`` that the first has only generic words behind it, ``fuzzy`` that its evidence
    came from pinyin or a homophone.
    """

    category: str | None
    matched: tuple[str, ...] = ()
    urgent: tuple[str, ...] = ()
    place: Place = Place()
    candidates: tuple[Candidate, ...] = ()
    fuzzy: bool = False
    length: int = 0  # characters of the normalised text
    norm: str = ""   # the normalised text

    @property
    def top(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def tie(self) -> bool:
        return len(self.candidates) > 1 and self.candidates[0].key == self.candidates[1].key

    @property
    def weak(self) -> bool:
        return self.top is not None and not self.top.strong

    @property
    def emergency(self) -> bool:
        return self.top is not None and self.top.live


class Classifier:
    """Classifies report text against one rulebook. Build once per rulebook; ``classify`` is pure."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self._emergency = {c.id for c in rulebook.categories if c.priority == "emergency"}
        self._follows = {c.id for c in rulebook.categories if c.follows}
        self._own = {c.id: set(c.urgent) - set(c.keywords) for c in rulebook.categories if c.urgent}
        generic = {normalize(w) for w in rulebook.generic_words}
        entries: dict[str, list[tuple[int, str, str]]] = {}
        self._keywords: dict[str, list[tuple[str, str]]] = {}  # normal form -> (category, word), for fuzzy

        def add(word: str, kind: int, owner: str) -> None:
            key = normalize(word)
            if key:
                entries.setdefault(key, []).append((kind, owner, word))

        for c in rulebook.categories:
            for kw in c.keywords:
                add(kw, _KEYWORD, c.id)
                self._keywords.setdefault(normalize(kw), []).append((c.id, kw))
            for kw in c.negative:
                add(kw, _NEGATIVE, c.id)
            for kw in c.urgent:
                add(kw, _CAT_URGENT, c.id)
        for kw in rulebook.urgent_keywords:
            add(kw, _URGENT, "")
        # English words, matched as whole words on the text as written (normalising would join them: 'congrats'
        # is no 'rats'), longest first
        self._english: dict[str, list[str]] = {}
        for c in rulebook.categories:
            for kw in c.keywords_en:
                self._english.setdefault(_expanded(" ".join(kw.lower().split())), []).append(c.id)
        # a category's words that may be said inside a longer word of its own (保健品 in 卖保健品), and those longer
        # words: only they can leave evidence to tidy (see _drop_inner)
        forms: dict[str, set[str]] = {}
        for key, owners in self._keywords.items():
            for owner, _word in owners:
                forms.setdefault(owner, set()).add(key)
        self._nesting = {(owner, word) for key, owners in self._keywords.items() for owner, word in owners
                         if any((key in other or other in key) and key != other for other in forms[owner])}
        alternatives = sorted(self._english, key=len, reverse=True)
        self._english_rx = re.compile(r"(?<![a-z])(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                                               for p in alternatives) + r")(?![a-z])") \
            if alternatives else None
        # a run of letters (and of the English words' other characters) with the white space between them: an
        # English word lies inside one, and its look-arounds see there what they see in the whole text
        inside = re.escape("".join(sorted(set("".join(alternatives).replace(" ", "")) - set(ascii_lowercase))))
        self._english_run = re.compile(rf"[a-z{inside}][a-z{inside}\s]*")
        self._estate_grid: dict[str, str] = {}
        for g in rulebook.grids:
            for e in g.estates:
                self._estate_grid[e.id] = g.id
                for name in (e.name, *e.aliases):
                    add(name, _PLACE, e.id)
        keys = list(entries)
        # per automaton match, everything it means, split by kind so the scan does no dispatching:
        # (length, generic, keyword owners, vetoed categories, urgent words, category-urgent owners, estate)
        self._values = [(len(k), k in generic,
                         tuple((o, w) for kind, o, w in entries[k] if kind == _KEYWORD),
                         tuple(o for kind, o, _ in entries[k] if kind == _NEGATIVE),
                         tuple(w for kind, _, w in entries[k] if kind == _URGENT),
                         tuple((o, w) for kind, o, w in entries[k] if kind == _CAT_URGENT),
                         next((o for kind, o, _ in entries[k] if kind == _PLACE), None)) for k in keys]
        # one automaton over every keyword: one scan of a 270-character complaint takes about 8 us
        self._matcher = (ahocorasick_rs.AhoCorasick(keys, implementation=SCAN)
                         if keys else None)
        # patterns see the normalised text; they are written in simplified Chinese and match any case
        # (each searched only where the words every match holds are said: 撞 in 被车撞倒, see rules.sieve)
        self._patterns = [(c.id, Sieve(p, re.IGNORECASE)) for c in rulebook.categories for p in c.patterns]
        self._vetoes = {c.id: [Sieve(p, re.IGNORECASE) for p in c.negative_patterns]
                        for c in rulebook.categories if c.negative_patterns}
        # a pattern opening with plain alternatives is tried only when one of them is in the text: one scan
        heads = [_heads(p) for c in rulebook.categories for p in c.patterns]
        # one whose opening varies, or opens with a character said everywhere (我, 人) where a later part has longer
        # words, is tried from the start, only where a word one of which every match holds is said
        needs = [_needs(p) for c in rulebook.categories for p in c.patterns]
        for i, (h, n) in enumerate(zip(heads, needs, strict=True)):
            if h and all(h) and (not n or min(map(len, h)) >= min(map(len, n))):
                needs[i] = ()
            else:
                heads[i] = ()
        self._always = [i for i, (h, n) in enumerate(zip(heads, needs, strict=True)) if not h and not n]
        words: dict[str, list[int]] = {}  # a word -> the patterns tried from where it is said, or from the start
        needed: dict[str, list[int]] = {}
        for i, (h, n) in enumerate(zip(heads, needs, strict=True)):
            for w in h:
                words.setdefault(w, []).append(i)
            for w in n:
                needed.setdefault(w, []).append(i)
        self._head_words = list(dict.fromkeys([*words, *needed]))
        self._head_patterns = [words.get(w, []) for w in self._head_words]
        self._need_patterns = [needed.get(w, []) for w in self._head_words]
        # a pattern tried where a word it needs is said is looked for from as far before the word as a match can reach
        self._reach = [_reach(p) if n else None
                       for p, n in zip((p for c in rulebook.categories for p in c.patterns), needs, strict=True)]
        self._heads = (ahocorasick_rs.AhoCorasick(self._head_words, implementation=SCAN)
                       if self._head_words else None)
        self._generic = generic
        self._fuzzy: _Fuzzy | None = None
        self._likeness: _Likeness | None = None
        self._names = {c.id: c.name for c in rulebook.categories}

    def wants_slips(self, found: Classification) -> bool:
        """Return whether the pinyin and homophone pass could add to ``found`` (no specific evidence in a
        chat-sized message)."""
        return (found.top is None or not found.top.strong) and found.length <= SLIPS_MAX_CHARS

    def classify(self, text: str, *, slips: bool = True) -> Classification:
        """Return the :class:`Classification` of ``text``; never raises on any string. ``slips=False``
        leaves out the pinyin and homophone pass (see :meth:`wants_slips`)."""
        plain = normalize(text)
        norm = unsaid(plain)  # a figure of speech's alarm masked: unsaid for the rules, gate and model
        hits: dict[str, dict[str, Hit]] = {}  # category -> word -> (length, generic, first start)
        seen: dict[str, list[int]] = {}  # category -> [mentions, first position]
        vetoed: set[str] = set()
        urgent: list[str] = []
        own_urgent: dict[str, list[str]] = {}
        estate: str | None = None
        calm: list[tuple[int, int]] = []  # where negative words are: an urgent word inside one is not said (打着火)
        # a message in English says in four letters what Chinese says in a character: its lengths are read so (a
        # fire lane named 50 letters in was an emergency of the past, a tester's rubble across it a renovation)
        scale = 4 if len(norm.encode("ascii", "ignore")) * 2 > len(norm) else 1
        horizon = (LIVE if len(norm) > CHAT * scale else CHAT) * scale
        said: list[tuple[str, int, int]] = []
        own_said: list[tuple[str, str, int, int]] = []
        parts = parted(text, plain)  # where a space parted two words
        spans: list[tuple[str, str, int, int, bool]] = []  # every keyword said: category, word, where, generic
        if self._matcher is not None and norm:
            for index, start, end in self._matcher.find_matches_as_indexes(norm, overlapping=True):
                if start and norm[start - 1].isascii() and norm[start - 1].isalpha() and \
                        (piece := norm[start:end]).isascii() and piece.isalpha() and \
                        not re.search(r"(?<![a-z])" + r"\s*".join(map(re.escape, piece)), text.lower()):
                    continue  # the end of a longer English word (seems, items hold ems; forklift holds lift)
                length, generic, keywords, negatives, urgents, own, place_of = self._values[index]
                if parts and start and start not in parts and any(start < p < end for p in parts) and \
                        not norm[start:end].isascii():
                    # read from inside one word into the next (周末也打 孩子): no emergency of it; whole words on
                    # both sides still are (天然气 泄露); an English phrase spans its spaces (smell gas)
                    keywords = tuple(k for k in keywords if k[0] not in self._emergency)
                    urgents, own = (), ()
                if keywords and not generic and end not in parts and (norm[end:end + 2] in BESIDE or (
                        (stop := _STOP.match(norm, end)) and norm[stop.end():stop.end() + 2] in BESIDE)):
                    generic = True  # 菜市场旁边, 学校门口: where the matter is, not what it is (一股天然气味 门口
                    # 那家没人: a space ends the clause)
                for owner, word in keywords:
                    spans.append((owner, word, start, end, generic))
                    words = hits.get(owner)
                    if words is None:
                        hits[owner] = {word: (length, generic, start)}
                        seen[owner] = [1, start]
                    else:
                        if word not in words:
                            words[word] = (length, generic, start)
                        seen[owner][0] += 1
                if negatives:
                    vetoed.update(negatives)
                    calm.append((start, end))
                if urgents:
                    said.extend((w, start, end) for w in urgents)
                for owner, word in own:
                    hits.setdefault(owner, {}).setdefault(word, (length, False, start))
                    seen.setdefault(owner, [0, start])[0] += 1
                    own_said.append((owner, word, start, end))
                if place_of is not None and estate is None:
                    estate = place_of

        if CHAT < len(norm) <= 2 * CHAT and (now := next((m for m in _NOW.finditer(norm, LIVE - 10) if any(
                owner in self._emergency and m.start() <= start < m.end() + LIVE // 2
                for owner, _w, start, _e, _g in spans)), None)):
            # a long chat message that turns to an emergency happening now (…先不说这些了，我刚路过车棚看到有火苗): it
            # is happening now, as anything early in the message is
            horizon = now.end() + LIVE // 2
        said = [s for s in said if s[1] < horizon]
        own_said = [s for s in own_said if s[2] < horizon]
        nesting = [span for span in spans if (span[0], span[1]) in self._nesting]  # the words that may nest
        if len(nesting) > 1:
            _drop_inner(nesting, hits)

        def calmed(start: int, end: int) -> bool:
            """Return whether a word at ``start:end`` lies inside a negative word (打着火, 人倒是没关在里面)."""
            return any(a <= start and end <= b for a, b in calm)

        for owner, word, start, end in own_said:
            if not calmed(start, end):
                own_urgent.setdefault(owner, []).append(word)
        for word, start, end in said:
            if word not in urgent and not calmed(start, end):
                urgent.append(word)
        # a headed pattern's match opens where one of its heads is said: it is looked for from the first
        tried = dict.fromkeys(self._always, 0)
        if self._heads is not None:
            first: dict[int, int] = {}  # each head said: where first
            for index, start, _e in self._heads.find_matches_as_indexes(norm, overlapping=True):
                if start < first.get(index, len(norm)):
                    first[index] = start
            for index, start in first.items():
                for i in self._head_patterns[index]:
                    if start < tried.get(i, len(norm)):
                        tried[i] = start
                for i in self._need_patterns[index]:
                    reach = self._reach[i]
                    at = 0 if reach is None else max(0, start - reach)
                    if at < tried.get(i, len(norm)):
                        tried[i] = at
        for i in sorted(tried):
            owner, rx = self._patterns[i]
            m = rx.search(norm, tried[i])
            if m:
                hits.setdefault(owner, {})[m.group(0)] = (len(m.group(0)), False, m.start())
                where = seen.setdefault(owner, [0, m.start()])
                where[0], where[1] = where[0] + 1, min(where[1], m.start())
        if self._english_rx is not None and _LATIN_WORD.search(plain):
            self._english_hits(text, hits, seen)
        for owner in [o for o in hits if o in self._own]:
            # a matter's own urgent words (电梯…人在里面) say how bad it is, never what it is: alone they name nothing
            # (a pattern or an English word of the matter names it)
            if set(hits[owner]) <= self._own[owner]:
                del hits[owner]
                own_urgent.pop(owner, None)
        newly: list[str] = []
        for owner in hits:  # a negative pattern vetoes its category, as a negative word does
            if owner in self._vetoes and owner not in vetoed and any(rx.search(norm) for rx in self._vetoes[owner]):
                vetoed.add(owner)
                newly.append(owner)
        if newly and urgent:  # an urgent word said where a negative pattern matched is not said (这要着火了咋整: a
            # fire only feared; 电话里说他打人了: a scam caller's words)
            quiet = [m.span() for owner in newly for rx in self._vetoes[owner] if (m := rx.search(norm))]
            heard = [w for w, start, _e in said if not any(a <= start < b for a, b in quiet)]
            urgent = [w for w in urgent if w in heard]
        building = _BUILDING.search(norm)
        place = (Place(self._estate_grid.get(estate) if estate else None, estate,
                       building.group(1) or building.group(2) if building else None) if estate or building
                 else _NOWHERE)
        candidates = self._rank(hits, vetoed, seen, horizon)
        fuzzy = False
        if slips and (not candidates or not candidates[0].strong) and len(norm) <= SLIPS_MAX_CHARS:
            found = self._fuzzy_hits(norm, homophones=len(norm) <= FUZZY_MAX_CHARS)
            if found:
                for cid, words in found.items():
                    hits.setdefault(cid, {}).update(words)
                    # a likeness's category is vetoed by its negative patterns as a word's is (积水好几天都不退 is
                    # like 水好急, but a flood that stays is no flood's emergency)
                    if cid in self._vetoes and cid not in vetoed and any(rx.search(norm) for rx in self._vetoes[cid]):
                        vetoed.add(cid)
                candidates, fuzzy = self._rank(hits, vetoed, seen, horizon), True
            # a likeness of characters says nothing of English, and never names an emergency's matter (救命！ is no
            # welfare matter for being like 救助): an emergency of no known kind is the fallback's
            if chinese(text, norm) and not urgent:
                candidates = self._with_likeness(candidates, norm, vetoed)
        if not candidates:
            return Classification(None, urgent=tuple(urgent), place=place, length=len(norm), norm=norm)
        top = candidates[0]
        if top.category in self._follows and (cause := next((c for c in candidates[1:] if c.live), None)) is not None:
            # an injury beside what caused it (打伤, 砸到…流血): the cause decides who comes
            candidates = (cause, *(c for c in candidates if c is not cause))
            top = cause
        if own_urgent and not top.live and not own_urgent.get(top.category):
            # a matter whose own urgent words are said (电梯 … 卡在两层楼中间) outranks an ordinary one (物业费)
            pressing = next((c for c in candidates if own_urgent.get(c.category)
                             and set(c.matched) - set(own_urgent[c.category])), None)  # its matter named too
            if pressing is not None:
                candidates = (pressing, *(c for c in candidates if c is not pressing))
                top = pressing
        return Classification(top.category, matched=top.matched,
                              urgent=(*urgent, *(w for w in own_urgent.get(top.category, ()) if w not in urgent)),
                              place=place, candidates=candidates, fuzzy=fuzzy, length=len(norm), norm=norm)

    def _rank(self, hits: dict[str, dict[str, Hit]], vetoed: set[str],
              seen: dict[str, list[int]], horizon: int = LIVE) -> tuple[Candidate, ...]:
        out = []
        emergency = self._emergency
        for cid, words in hits.items():
            if cid in vetoed:
                continue
            mentions, first = seen.get(cid, (1, 0))
            if len(words) == 1:  # the common case, without the general arithmetic
                ((n, generic, start),) = words.values()
                weight = GENERIC_WEIGHT if generic else 1.0
                score = weight * (n + max(0, min(n, HEAD - start)))
                out.append(Candidate(cid, score, tuple(words), not generic, cid in emergency, n, mentions, first,
                                     horizon))
                continue
            hits_ = list(words.values())
            head = [(min(n, HEAD - start), generic, start) for n, generic, start in hits_ if start < HEAD]
            out.append(Candidate(cid, _covered(hits_) + _covered(head), tuple(words),
                                 any(not generic for _, generic, _ in hits_), cid in emergency,
                                 max(n for n, _, _ in hits_), mentions, first, horizon))
        # equal keys keep a reproducible order (by id), and Classification.tie tells the router to ask
        out.sort(key=_rank_key, reverse=True)
        return tuple(out)

    def _english_hits(self, text: str, hits: dict[str, dict[str, Hit]], seen: dict[str, list[int]]) -> None:
        """Add to ``hits`` the categories' English words said in ``text`` as whole words (smell gas, power cut)."""
        assert self._english_rx is not None
        lower = text.lower().replace("\u2019", "'")  # a phone's apostrophe (hasn’t) is the keyboard's
        lower = _QUOTES.sub(" ", lower)  # a word in quotes ('resolved') is the word; can't keeps its apostrophe
        lower = _expanded(lower)  # she's screaming is she is screaming
        for run in self._english_run.finditer(lower):  # only where letters are: a Chinese letter has few, if any
            for m in self._english_rx.finditer(lower, run.start(), run.end()):
                phrase = " ".join(m.group(0).split())
                at = len("".join(lower[:m.start()].split()))  # where it starts in the normalised text, near enough
                beside = bool(_BESIDE_EN.search(lower, max(0, m.start() - 16), m.start()))  # where, not what
                for owner in self._english[phrase]:
                    hits.setdefault(owner, {}).setdefault(phrase, (len(phrase) - phrase.count(" "), beside, at))
                    where = seen.setdefault(owner, [0, at])
                    where[0], where[1] = where[0] + 1, min(where[1], at)

    def _with_likeness(self, candidates: tuple[Candidate, ...], norm: str, vetoed: set[str]
                       ) -> tuple[Candidate, ...]:
        """Return ``candidates`` with each ordinary category's likeness to ``norm`` added to its score, and
        the alike categories nothing else found added as weak candidates."""
        if self._likeness is None:
            self._likeness = _Likeness(self.rulebook)
        alike = self._likeness.scores(norm)
        if not alike:
            return candidates
        out = [c._replace(score=c.score + alike.pop(c.category, 0.0)) for c in candidates]
        for cid, score in alike.items():
            if score >= LIKENESS_MIN and cid not in vetoed and cid not in self._emergency:
                out.append(Candidate(cid, score, (f"{ALIKE}{self._names[cid]}",), False))
        out.sort(key=_rank_key, reverse=True)
        return tuple(out)

    def _fuzzy_hits(self, norm: str, homophones: bool = True) -> dict[str, dict[str, Hit]]:
        if self._fuzzy is None:
            self._fuzzy = _Fuzzy(self._keywords, self._generic)
        return self._fuzzy.find(norm, homophones)


class _Likeness:
    """How alike a message is to each ordinary category's own characters: each category is the text of its
    name, keywords and urgent words; characters are weighted ``(1 + log tf) * idf`` over the categories
    and scaled to unit length, and the likeness is the cosine (an inverted index: one pass over the
    message's distinct characters)."""

    def __init__(self, book: Rulebook) -> None:
        texts = {c.id: normalize("".join((c.name, *c.keywords, *c.urgent))) for c in book.categories
                 if c.priority != "emergency"}
        df = Counter(ch for t in texts.values() for ch in set(t))
        n = len(texts)
        self.idf = {ch: math.log((1 + n) / (1 + k)) + 1 for ch, k in df.items()}
        self.postings: dict[str, list[tuple[str, float]]] = {}
        for cid, t in texts.items():
            weights = self._weights(t)
            for ch, w in weights.items():
                self.postings.setdefault(ch, []).append((cid, w))

    def _weights(self, text: str) -> dict[str, float]:
        counts = Counter(ch for ch in text if ch in self.idf)
        w = {ch: (1 + math.log(k)) * self.idf[ch] for ch, k in counts.items()}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        return {ch: x / norm for ch, x in w.items()}

    def scores(self, norm: str) -> dict[str, float]:
        """Return ``{category: cosine}`` for the categories sharing a character with ``norm``."""
        out: dict[str, float] = {}
        for ch, x in self._weights(norm).items():
            for cid, y in self.postings[ch]:
                out[cid] = out.get(cid, 0.0) + x * y
        return out


_SLIP_KEYS = ((0,), (1,), (0, 1), (0, 2), (1, 2))  # where a keyword is filed for the slip pass (see _Fuzzy)


class _Fuzzy:
    """Keywords typed as toneless pinyin, or with one character replaced by a homophone (pypinyin).

    Only keywords of two characters or more take part, and a homophone must leave every other
    character of the keyword as it is, so one slip of an input method is forgiven and nothing more. In
    a two-character keyword the slip must have the same tone too (露水 for 漏水, lòu: yes; 在楼 for
    在漏, lóu: no), since two characters leave little else to go by.
    """

    def __init__(self, keywords: dict[str, list[tuple[str, str]]], generic: set[str]) -> None:
        from pypinyin import Style, lazy_pinyin  # imported on first use: most messages never need it

        self._generic = generic
        by_syllable: Counter[str] = Counter()  # keys so far opening with each syllable: their order among them
        Entry = tuple[str, tuple[str, ...], tuple[str, ...], list[tuple[str, str]], int]
        self._near: dict[tuple[tuple[int, ...], str], list[Entry]] = {}
        spelled: dict[str, list[tuple[str, str]]] = {}
        for key, owners in keywords.items():
            if len(key) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in key):
                continue
            if len(key) == 2 and _COMMON & set(key):  # 的士: its homophones (的事) are everyday words
                continue
            syllables = tuple(lazy_pinyin(key))
            toned = tuple(lazy_pinyin(key, style=Style.TONE3))
            entry = (key, syllables, toned, owners, by_syllable[syllables[0]])
            by_syllable[syllables[0]] += 1
            # one slip leaves all characters but one as typed: two of the first three (one of a two-character key's
            # two), so only keys filed under what the text has there can match
            for at in ((0,), (1,)) if len(key) == 2 else ((0, 1), (0, 2), (1, 2)):
                self._near.setdefault((at, "".join(key[k] for k in at)), []).append(entry)
            joined = "".join(syllables)
            if len(joined) >= 6:
                spelled.setdefault(joined, []).extend(owners)
        self._spelled = spelled
        self._ascii = (ahocorasick_rs.AhoCorasick(list(spelled), implementation=SCAN)
                       if spelled else None)
        self._spelled_keys = list(spelled)

    def find(self, norm: str, homophones: bool = True) -> dict[str, dict[str, Hit]]:
        """Return ``{category: {evidence: (length, generic, start)}}`` found by pinyin or (``homophones``) by
        homophone; all of it counts as generic (weak) evidence: a guess, which the bot confirms by asking."""
        found: dict[str, dict[str, Hit]] = {}

        def note(owners: Iterable[tuple[str, str]], key: str, shown: str, start: int) -> None:
            for cid, _word in owners:
                found.setdefault(cid, {})[shown] = (len(key), True, start)

        if self._ascii is not None:
            for run in _ASCII_RUN.finditer(norm):
                for index, _s, _e in self._ascii.find_matches_as_indexes(run.group(0), overlapping=True):
                    spelled = self._spelled_keys[index]
                    for cid, word in self._spelled[spelled]:
                        found.setdefault(cid, {})[f"{spelled}≈{word}"] = (len(normalize(word)), True, run.start())
        if not homophones:
            return found
        readings = [_readings(ch) for ch in norm]
        for i, options in enumerate(readings):
            if not options:
                continue
            # the keys a slip could make of the text here, tried in the order of their first syllable's readings,
            # as a scan of each reading's keys would
            rank = {reading: k for k, reading in enumerate(options)}
            here = norm[i:i + 3]
            near = {id(e): e for at in _SLIP_KEYS if at[-1] < len(here)
                    for e in self._near.get((at, "".join(here[k] for k in at)), ()) if e[1][0] in rank}
            for key, syllables, toned, owners, _at in sorted(near.values(), key=lambda e: (rank[e[1][0]], e[4])):
                n = len(key)
                typed = norm[i:i + n]
                if len(typed) != n or typed == key:
                    continue  # exact matches were found by the first pass
                slips = [j for j in range(n) if typed[j] != key[j]]
                if len(slips) != 1:
                    continue
                j = slips[0]
                if typed[j] in _NO_SLIP and not (typed[j] in _PRONOUNS and key[j] in _PRONOUNS):
                    continue
                if syllables[j] in readings[i + j] and (n > 2 or toned[j] in _toned(typed[j])):
                    note(owners, key, f"{typed}≈{key}", i)
        return found


def _rank_key(c: Candidate) -> tuple[tuple[bool, float, int, int, int], str]:
    return c.key, c.category


def _drop_inner(spans: list[tuple[str, str, int, int, bool]], hits: dict[str, dict[str, Hit]]) -> None:
    """Leave out of ``hits`` a category's word said only inside a longer word of the same category (保健品 inside
    卖保健品): one thing said, not two words of evidence on the card. It changes no score (the characters are
    covered once either way); a specific word inside a generic one stays (it says more than its container).
    The mentions in ``seen`` are left as they are: measured, counting them once instead moved more decisions
    the wrong way than the right one (session 17), so the rulebook's words stay weighed as they were tuned.

    >>> hits = {"c": {"卖保健品": (4, False, 0), "保健品": (3, False, 1)}}
    >>> _drop_inner([("c", "卖保健品", 0, 4, False), ("c", "保健品", 1, 4, False)], hits)
    >>> hits
    {'c': {'卖保健品': (4, False, 0)}}
    >>> hits = {"c": {"出不来": (3, False, 2), "出唔嚟": (3, False, 2), "人出不来": (4, False, 1)}}
    >>> _drop_inner(  # two forms said at one place: neither inside the other
    ...     [("c", "人出不来", 1, 5, False), ("c", "出不来", 2, 5, False), ("c", "出唔嚟", 2, 5, False),
    ...      ("c", "出不来", 8, 11, False)], hits)
    >>> sorted(hits["c"])
    ['人出不来', '出不来']
    """
    mine: dict[str, list[tuple[str, int, int, bool]]] = {}  # a category's spans, for those with several words
    for owner, word, start, end, generic in spans:
        if len(hits.get(owner, ())) > 1:  # one word alone is never inside another
            mine.setdefault(owner, []).append((word, start, end, generic))
    for owner, said in mine.items():
        # by start, the longer first: a word lies inside another iff one before it reaches as far (a specific
        # word only inside a specific one)
        said.sort(key=lambda w: (w[1], -w[2]))
        reach = {False: -1, True: -1}  # how far the specific words, and all words, seen so far reach
        inner: set[str] = set()  # words said inside a longer one
        alone: set[str] = set()  # words said on their own somewhere
        last, was_inside = (-1, -1), False
        for word, start, end, generic in said:
            # two words of one form (出不来, 出唔嚟) said at one place: neither lies inside the other
            was_inside = was_inside if (start, end) == last else reach[generic] >= end
            (inner if was_inside else alone).add(word)
            last = (start, end)
            reach[True] = max(reach[True], end)
            if not generic:
                reach[False] = max(reach[False], end)
        for word in inner - alone:
            hits[owner].pop(word, None)


def _covered(hits: Iterable[Hit]) -> float:
    """Return how many characters ``hits`` cover: a character under a specific word counts one, under
    generic words only half.

    >>> _covered([(3, False, 0), (4, False, 0), (2, True, 10)])
    5.0
    """
    if len(hits := list(hits)) == 1:  # the common case: one word
        n, generic, _ = hits[0]
        return GENERIC_WEIGHT * n if generic else float(n)
    spans = sorted((start, start + n, generic) for n, generic, start in hits)
    total, reach = 0.0, {False: -1, True: -1}  # how far specific and generic cover has reached
    for start, end, generic in spans:
        if not generic:
            if end > reach[False]:
                begin = max(start, reach[False])
                # characters already counted half under a generic word are raised to a whole
                overlap = max(0, min(end, reach[True]) - begin)
                total += (end - begin) - GENERIC_WEIGHT * overlap
                reach[False] = end
        else:
            begin = max(start, reach[True], reach[False])
            if end > begin:
                total += GENERIC_WEIGHT * (end - begin)
            reach[True] = max(reach[True], end)
    return total


@lru_cache(maxsize=8192)
def _toned(ch: str) -> frozenset[str]:
    """Return every reading of the character ``ch`` with its tone (``lou4``)."""
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, heteronym=True, style=Style.TONE3)[0])


@lru_cache(maxsize=8192)
def _readings(ch: str) -> frozenset[str]:
    """Return every toneless pinyin reading of the character ``ch`` (empty for anything not Chinese)."""
    if not "\u4e00" <= ch <= "\u9fff":
        return frozenset()
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, heteronym=True, style=Style.NORMAL)[0])
