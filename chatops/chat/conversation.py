"""Turning a chat message into an intent: a command with its arguments, a verdict, a rating, or plain text.

Commands start with ``!`` (or the full-width ``！`` a Chinese keyboard types) and have Chinese aliases; they
are declared in :mod:`chatops.chat.commands`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatops.chat.commands import ALIASES, BY_NAME
from rules.normalize import chinese, normalize

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
_NTH = re.compile(r"^(\d{1,9})号$")
_DIGIT = re.compile(r"\d")  # any digit, ² and ３ included
_PARTICLES = " 了啦吧呀哈啊。.!！~～"
_NOT_SOLVED = ("未解决", "没解决", "没有解决", "没修好", "没好", "还没", "不是", "仍然", "还是坏", "又坏", "还是很",
               "还是老样子", "根本没", "没清干净", "没弄好", "一点没变", "没变化", "照样", "依旧", "还在漏", "还漏",
               "还是臭", "还臭", "没人来")
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
    malformed: bool = False  # its arguments are not what the registry declares (``!赞成 abc``): not to be run

    def split(self, n: int) -> list[str]:
        """Return ``args`` split into at most ``n`` parts on white space."""
        return self.args.split(None, n - 1) if self.args else []


def parse(body: str, *, in_thread: bool = False) -> Command | None:
    """Return the :class:`Command` in ``body``, or ``None`` if it is not one (plain text).

    An unknown command comes back as ``Command("unknown", word=...)``. A leading ``#12`` (or ``12`` outside
    a thread, where a bare number cannot be the start of a note) names the ticket (or the matter). A command
    whose argument is a number alone (``number_only`` in the registry) comes back ``malformed`` when anything
    else is said, so that nothing runs on words it cannot read.

    >>> parse("！签收 #12")
    Command(name='ack', ticket=12, args='', word='签收', malformed=False)
    >>> parse("3号楼电梯又坏了") is None
    True
    >>> [(c.ticket, c.args) for c in map(parse, ("!延期 3 等待配件", "!延期 12 3 等待配件", "!延期 #12 等待配件"))]
    [(None, '3 等待配件'), (12, '3 等待配件'), (12, '等待配件')]
    >>> parse("!延期 12 3天 等待配件").ticket, parse("!延期 3天 等待配件").ticket
    (12, None)
    >>> parse("!分拨 1", in_thread=True), parse("!签收 3", in_thread=True).ticket
    (Command(name='assign', ticket=None, args='1', word='分拨', malformed=False), 3)
    >>> [parse(said).malformed for said in ("!赞成 3", "!赞成", "!赞成 3号", "!赞成 3 同意", "!签到了")]
    [False, False, False, False, False]
    >>> [parse(said).malformed for said in ("!赞成 abc", "!赞成 1 2", "!赞成 ²", "!到 1a")]
    [True, True, True, True]
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
    # in a ticket's thread a bare number alone names a ticket, unless the command takes a number (!分拨 1, !评价 2)
    # outside a thread a bare number is the ticket's, unless the command's own arguments open with a number and no
    # second one follows (!延期 3 等待配件: three days, of a ticket not named)
    counted = BY_NAME[name].count and not m.group(1) and read_days(tail.partition(" ")[0]) is None if m else False
    if m and not counted and (m.group(1) or not in_thread or (not tail and not BY_NAME[name].number)):
        ticket, rest = int(m.group(1) or m.group(2)), tail.strip()
    if not BY_NAME[name].number_only:
        return Command(name, ticket, rest, word)
    if ticket is None and (said := _NTH.match(first)):  # "!赞成 3号": the matter's number as it is said
        ticket, rest = int(said.group(1)), tail.strip()
    # a number alone, or with words that name no other number ("!赞成 3 同意"; "!签到了"); "!赞成 abc" or
    # "!赞成 1 2" is malformed
    words = rest.strip(_PARTICLES)
    return Command(name, ticket, rest, word, malformed=bool(words) and (ticket is None or _DIGIT.search(words)
                                                                         is not None))


def read_number(word: str) -> int | None:
    """Return the number ``word`` is (``12`` or ``#12``, at most nine digits), or ``None``: the one reading of a
    number a command's words give.

    >>> read_number("#12"), read_number("12"), read_number("12a"), read_number("²"), read_number("")
    (12, 12, None, None, None)
    """
    m = _TICKET.match(word.strip())
    return int(m.group(1) or m.group(2)) if m else None


_DAYS = re.compile(r"^(\d{1,3}|[一二两三四五六七八九十]{1,3})(?:个)?(?:天|日|工作日|days?)?$", re.IGNORECASE)
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def read_days(word: str) -> int | None:
    """Return the number of days ``word`` says (3, 3天, 三天, 十五天, 3 days' first word), or ``None``.

    >>> [read_days(w) for w in ("3", "3天", "三天", "十五天", "二十天", "两日", "7days", "三", "等配件", "3个月")]
    [3, 3, 3, 15, 20, 2, 7, 3, None, None]
    """
    m = _DAYS.match(word.strip())
    if m is None:
        return None
    said = m.group(1)
    if said.isdigit():
        return int(said)
    tens, _, ones = said.rpartition("十")
    if "十" not in said:
        return _NUMERALS.get(said) if len(said) == 1 else None
    value = (_NUMERALS.get(tens, 0) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)
    return value if (not tens or tens in _NUMERALS) and (not ones or ones in _NUMERALS) else None


def _split_glued(head: str) -> tuple[str, str]:
    for alias in _GLUED:
        if head.startswith(alias):
            return alias, head[len(alias):]
    return head, ""


def verdict(text: str) -> bool | None:
    """Return ``True`` for "solved", ``False`` for "not solved", ``None`` if ``text`` says neither.

    >>> verdict("还没修好"), verdict("已经解决了，谢谢"), verdict("1"), verdict("几点来？")
    (False, True, True, None)
    >>> verdict("还是很臭，垃圾桶根本没清干净"), verdict("还是老样子")
    (False, False)
    >>> verdict("👍"), verdict("👍🏻 谢谢"), verdict("👎"), verdict("👍 但是还没修好")  # typed as offered
    (True, True, False, False)
    """
    t = normalize(text)
    thumbs = reaction_key(t)
    for w in _THANKED:
        thumbs = thumbs.replace(w, "")
    if thumbs and set(thumbs) <= set(VERDICT_REACTIONS):
        given = {VERDICT_REACTIONS[ch] for ch in thumbs}
        if len(given) == 1:
            return given.pop()
    if t in ("1", "2"):
        return t == "1"
    if (said := _english_verdict(text)) is not None:
        return said
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


_THANKED = ("谢谢", "感谢", "多谢", "辛苦了", "thanks", "thankyou", "thx")
_EN_NOT = frozenset({"no", "not", "still", "unsolved", "broken", "isnt", "isn", "doesnt", "didnt", "hasnt", "nope"})
_EN_YES = frozenset({"yes", "yep", "yeah", "fixed", "solved", "resolved", "works", "working", "done"})


def _english_verdict(text: str) -> bool | None:
    """Return the verdict an English reply gives ("yes, fixed", "still broken"), or ``None`` (not English, or
    neither): a word of "not" decides before one of "yes"; "no problem" is a yes.

    >>> [_english_verdict(t) for t in ("yes, fixed", "Solved!", "not fixed", "no, still smells", "no problem",
    ...                                "修好了", "when will you come?")]
    [True, True, False, False, True, None, None]
    """
    if any("\u3400" <= ch <= "\u9fff" for ch in text):
        return None
    words = re.findall(r"[a-z]+", text.lower().replace("'", ""))
    if "problem" in words and "no" in words:
        return True
    if _EN_NOT & set(words):
        return False
    return True if _EN_YES & set(words) else None


def rating(text: str) -> str | None:
    """Return the rating ``text`` gives (``satisfied``, ``basically_satisfied``, ``dissatisfied``) or ``None``.

    >>> rating("基本满意"), rating("3"), rating("不太满意"), rating("谢谢")
    ('basically_satisfied', 'dissatisfied', 'dissatisfied', None)
    >>> rating("😀"), rating("🙂 "), rating("🙁"), rating("😀😀")  # the faces offered, typed as a reply
    ('satisfied', 'basically_satisfied', 'dissatisfied', None)
    """
    t = normalize(text)
    if t in ("1", "2", "3"):
        return ("satisfied", "basically_satisfied", "dissatisfied")[int(t) - 1]
    if (face := reaction_key(t)) in RATING_REACTIONS:
        return RATING_REACTIONS[face]
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


# a neighbour's "me too" under someone's report: 我家也是, 我们楼也停水了, 同样, +1, Same here
_ME_TOO = re.compile(r"^(\+1|1\+|同[问感样上]|附议|一样|同样|我也一样|"
                     r"(我|俺|咱|阿拉|我们|俺们|咱们|额们)(家|屋里|这|这边|这里|那边|楼|单元|这栋|这楼)?"
                     r"(楼下|楼上|楼里|门口|单元|小区|那里|这儿)?(也|都|同样|一样)"
                     r"(是|一样|这样|这个样|遇到|碰到|有|没|停|坏|漏|臭|吵|不|被|反映|着急|等)|"
                     r"(me|us|ours?|mine)too|samehere|same(problem|issue|here|forus)?$)")


def me_too(text: str) -> bool:
    """Return whether ``text`` says its sender has the same problem as the message it answers.

    >>> [me_too(t) for t in ("我家也是", "我们楼也停水了", "+1", "Same here!", "我也觉得", "电梯坏了", "同样的问题")]
    [True, True, True, True, False, False, True]
    >>> me_too("我家楼下也是这样")
    True
    """
    return bool(_ME_TOO.match(normalize(text)))


def written_in(text: str) -> str | None:
    """Return ``"en"`` for a plain message in English (no Chinese character, two English words or more),
    ``"zh-CN"`` for one with Chinese characters, else ``None`` (a bare command, a number, pinyin): a resident is
    answered in the language they write, before they ever say ``!lang en``. A command is judged by its words after
    the command's own (English command words are typed by everyone).

    >>> [written_in(t) for t in ("There is smoke in the stairwell", "3号楼 smoke", "ok", "ting dian le", "!help me")]
    ['en', 'zh-CN', None, None, None]
    >>> [written_in(t) for t in ("!report the lift is stuck again", "!report 电梯又坏了", "!help", "!", "！ ")]
    ['en', 'zh-CN', None, None, None]
    """
    words = text.strip()
    if words.startswith(("!", "！")):
        parts = words[1:].split(None, 1)
        words = parts[1] if len(parts) > 1 else ""
    if any("\u3400" <= ch <= "\u9fff" for ch in words):
        return "zh-CN"
    english = len(re.findall(r"[A-Za-z]{2,}", words)) >= 2 and not chinese(words, normalize(words))
    return "en" if english else None


def reaction_key(key: str) -> str:
    """Return an emoji key without variation selectors, skin tones and a gender sign, for comparison.

    >>> reaction_key("🙋\u200d♂️") == reaction_key("🙋🏽") == "🙋"
    True
    """
    return "".join(ch for ch in key if ch not in "\ufe0e\ufe0f\u200d\u2640\u2642" and not 0x1F3FB <= ord(ch) <= 0x1F3FF)


# what an answer to "where?" says when it names a place: a number of a building, a unit or a floor, or a kind of
# place; "I don't know" opening it names none
_PLACE = re.compile(r"\d+\s*(号|栋|幢|单元|层|楼|室|号楼)|[一二三四五六七八九十]+(号楼|栋|幢|单元)|小区|花园|苑|家园|"
                    r"新村|村|组|屯|寨|路|街|巷|弄|胡同|大厦|公寓|广场|市场|公园|学校|医院|门口|旁边|对面|附近|楼下|"
                    r"楼上|楼道|后面|前面|东门|西门|南门|北门|大门|车库|车棚|地下室")
_NO_PLACE = ("不知道", "不清楚", "不晓得", "不确定", "没看清", "说不清", "不记得")


def place_said(text: str) -> bool:
    """Return whether an answer to the question of where names a place (else it is a note for the handler).

    >>> place_said("滨江花园11号楼"), place_said("3栋2单元"), place_said("不知道，反正很多烟"), place_said("快点来")
    (True, True, False, False)
    """
    t = text.strip()
    return not t.startswith(_NO_PLACE) and _PLACE.search(t) is not None
