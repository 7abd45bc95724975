"""Turning a chat message into an intent: a command with its arguments, a verdict, a rating, or plain text.

Commands start with ``!`` (or the full-width ``！`` a Chinese keyboard types) and have Chinese aliases; they
are declared in :mod:`chatops.chat.commands`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatops.chat.commands import ALIASES
from rules.normalize import normalize

_GLUED = sorted((a for a in ALIASES if len(a) > 1 and not a.isascii()), key=len, reverse=True)  # longest first

ACK_REACTIONS = frozenset({"✅", "✔", "☑", "👌"})
VERDICT_REACTIONS = {"👍": True, "👎": False}
RATING_REACTIONS = {"😀": "satisfied", "🙂": "basically_satisfied", "🙁": "dissatisfied", "😞": "dissatisfied"}

# the keycap emoji 0️⃣ 1️⃣ 2️⃣ 3️⃣ as reaction_key leaves them: the digit and the combining keycap
OPTION_REACTIONS = {f"{n}\u20e3": n for n in range(4)}
_OPTION_WORDS = {"0": 0, "1": 1, "2": 2, "3": 3, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "都不是": 0,
                 "都不对": 0, "其他": 0, "别的": 0, "none": 0, "第一个": 1, "第二个": 2, "第三个": 3, "第一": 1,
                 "第二": 2, "第三": 3}

_TICKET = re.compile(r"^[#＃](\d{1,9})$|^(\d{1,9})$")
_NOT_SOLVED = ("未解决", "没解决", "没有解决", "没修好", "没好", "还没", "不是", "仍然", "还是坏", "又坏")
_SOLVED = ("没问题", "已解决", "解决了", "修好了", "好了", "已修复")
_RATINGS = (("不满意", "dissatisfied"), ("基本满意", "basically_satisfied"), ("满意", "satisfied"),
            ("dissatisfied", "dissatisfied"), ("basically", "basically_satisfied"), ("satisfied", "satisfied"))


@dataclass(frozen=True)
class Command:
    """A command: its canonical ``name``, an explicit ticket number if given, and the rest of the text."""

    name: str
    ticket: int | None = None
    args: str = ""
    word: str = ""  # the alias the user typed

    def split(self, n: int) -> list[str]:
        """Return ``args`` split into at most ``n`` parts on white space."""
        return self.args.split(None, n - 1) if self.args else []


def parse(body: str, *, in_thread: bool = False) -> Command | None:
    """Return the :class:`Command` in ``body``, or ``None`` if it is not one (plain text).

    An unknown command comes back as ``Command("unknown", word=...)``. A leading ``#12`` (or ``12`` outside
    a thread, where a bare number cannot be the start of a note) names the ticket.

    >>> parse("！签收 #12")
    Command(name='ack', ticket=12, args='', word='签收')
    >>> parse("3号楼电梯又坏了") is None
    True
    """
    text = body.strip()
    if not text or text[0] not in "!！":
        return None
    head, _, rest = text[1:].strip().partition(" ")
    if not rest:  # Chinese often omits the space: "!备注已联系" -> note "已联系"
        head, rest = _split_glued(head)
    word = head.strip()
    name = ALIASES.get(word.lower())
    if name is None:
        return Command("unknown", word=word)
    rest = rest.strip()
    ticket = None
    first, _, tail = rest.partition(" ")
    m = _TICKET.match(first)
    if m and (m.group(1) or not in_thread or not tail):
        ticket, rest = int(m.group(1) or m.group(2)), tail.strip()
    return Command(name, ticket, rest, word)


def _split_glued(head: str) -> tuple[str, str]:
    for alias in _GLUED:
        if head.startswith(alias):
            return alias, head[len(alias):]
    return head, ""


def verdict(text: str) -> bool | None:
    """Return ``True`` for "solved", ``False`` for "not solved", ``None`` if ``text`` says neither.

    >>> verdict("还没修好"), verdict("已经解决了，谢谢"), verdict("1"), verdict("几点来？")
    (False, True, True, None)
    """
    t = normalize(text)
    if t in ("1", "2"):
        return t == "1"
    if t in ("yes", "solved", "fixed", "是", "是的", "对", "嗯"):
        return True
    if t in ("no", "unsolved", "notsolved", "否", "没有", "不"):
        return False
    if "没问题" in t:
        return True
    if any(w in t for w in _NOT_SOLVED):
        return False
    if any(w in t for w in _SOLVED):
        return True
    return None


def rating(text: str) -> str | None:
    """Return the rating ``text`` gives (``satisfied``, ``basically_satisfied``, ``dissatisfied``) or ``None``.

    >>> rating("基本满意"), rating("3"), rating("不太满意"), rating("谢谢")
    ('basically_satisfied', 'dissatisfied', 'dissatisfied', None)
    """
    t = normalize(text)
    if t in ("1", "2", "3"):
        return ("satisfied", "basically_satisfied", "dissatisfied")[int(t) - 1]
    if "不" in t and "满意" in t:
        return "dissatisfied"
    for word, value in _RATINGS:
        if word in t:
            return value
    return None


def option(text: str) -> int | None:
    """Return the option a resident picks by ``text`` (1, 2, 3; 0 for none of them), or ``None``.

    >>> option("2"), option("第一个"), option("都不是"), option("3️⃣"), option("电梯")
    (2, 1, 0, 3, None)
    """
    t = reaction_key(normalize(text)).rstrip("。.!！号")
    if t in OPTION_REACTIONS:
        return OPTION_REACTIONS[t]
    return _OPTION_WORDS.get(t)


def reaction_key(key: str) -> str:
    """Return an emoji key without variation selectors and skin tones, for comparison."""
    return "".join(ch for ch in key if ch not in "\ufe0e\ufe0f" and not 0x1F3FB <= ord(ch) <= 0x1F3FF)
