"""The command registry: every chat command declared once, and help and usage replies made from it.

A declaration says the command's aliases (English first, then Chinese; ``！`` works as ``!``), the rooms it
belongs to (residents', handlers', bodies', or a resident's direct chat with the bot), the ticket move it
makes (a move needs staff power in a handler's room) and whether it takes arguments. Its words live in the
catalogue under ``cmd_<name>`` (what it does) and ``args_<name>`` / ``example_<name>`` (what it takes); the
bot has one small function per command (``Bot._cmd_<name>``). The allowed-command lists, the staff check,
``!help`` and every "usage:" reply come from here.

>>> spec("签收").name, spec("签收").move
('ack', <Move.ACKNOWLEDGED: 'acknowledged'>)
>>> usage("extend", "en")
'Usage: !extend DAYS REASON, e.g. !extend 3 waiting for parts'
>>> [s.name for s in commands_for(RESIDENT)][:3]
['report', 'status', 'mine']
"""

from __future__ import annotations

from dataclasses import dataclass

from chatops.tickets.lifecycle import Move
from rules.catalogue import text

RESIDENT, HANDLER, BODY = "resident", "handler", "body"  # a body: a room where a body meets (党支部, 居民代表会议…)
DIRECT = "direct"  # a resident's direct chat with the bot: private reports, their own tickets, points, hours, ballots
BOTH = (RESIDENT, HANDLER)
OWN = (RESIDENT, DIRECT)  # a resident's own matters: in their room or privately
MEETING = (RESIDENT, BODY)  # meetings are held in residents' rooms (consultations) and in bodies' rooms


@dataclass(frozen=True)
class CommandSpec:
    """One chat command: ``name``, ``aliases`` (English first), the ``rooms`` it is for, the ``move`` it
    makes on a ticket (``None``: it only reads or talks), whether it takes ``args``, whether a bare number
    given alone in a ticket's thread is its argument (``number``: an option, a rating) rather than a ticket,
    and whether its argument is a number alone or nothing (``number_only``: a matter's, ``!赞成 3``): anything
    else (``!赞成 abc``) is malformed, answered with the command's usage and never run; ``count``: its arguments
    open with a number of its own (``!延期 3 等待配件``: days), so a bare number outside a thread names a ticket
    only when a second number follows it."""

    name: str
    aliases: tuple[str, ...]
    rooms: tuple[str, ...]
    move: Move | None = None
    args: bool = False
    number: bool = False
    number_only: bool = False
    count: bool = False
    dispatcher: bool = False  # of the units' rooms, the street office's (the fallback) alone runs it: others' help
    # leaves it out (a tester's property staff were offered !议题 and !开始表决, and told they do not work there)

    def alias(self, lang: str | None) -> str:
        """Return the alias help shows in ``lang``: the first Chinese one in Chinese, else the first."""
        if lang != "en":
            return next((a for a in self.aliases if not a.isascii()), self.aliases[0])
        return self.aliases[0]


REGISTRY: tuple[CommandSpec, ...] = (
    CommandSpec("report", ("report", "报告", "反映", "报修"), OWN, args=True),
    CommandSpec("status", ("status", "状态", "查询", "进度"), (*BOTH, DIRECT), args=True),
    CommandSpec("mine", ("mine", "我的"), OWN),
    CommandSpec("points", ("points", "积分"), OWN),
    CommandSpec("served", ("served", "确认服务", "服务时长"), (RESIDENT,), args=True),
    CommandSpec("bank", ("bank", "时间银行"), OWN),
    CommandSpec("honour", ("honour", "honor", "荣誉榜", "上榜"), (RESIDENT,), args=True),
    CommandSpec("offer", ("offer", "提供"), (RESIDENT,), args=True),
    CommandSpec("need", ("need", "需要"), (RESIDENT,), args=True),
    CommandSpec("matter", ("matter", "议题", "提议"), (RESIDENT, BODY, HANDLER), args=True, dispatcher=True),
    CommandSpec("second", ("second", "附议"), (RESIDENT,), args=True, number_only=True),
    CommandSpec("matters", ("matters", "议题列表"), (RESIDENT, BODY, HANDLER)),
    CommandSpec("here", ("here", "到", "签到"), MEETING, args=True, number_only=True),
    CommandSpec("open", ("open", "开始表决"), (BODY, HANDLER), args=True, number_only=True, dispatcher=True),
    CommandSpec("yes", ("yes", "赞成"), (*MEETING, DIRECT), args=True, number_only=True),
    CommandSpec("no", ("no", "反对"), (*MEETING, DIRECT), args=True, number_only=True),
    CommandSpec("abstain", ("abstain", "弃权"), (*MEETING, DIRECT), args=True, number_only=True),
    CommandSpec("close", ("close", "结束表决", "计票"), (BODY, HANDLER), args=True, number_only=True, dispatcher=True),
    CommandSpec("convene", ("convene", "召集", "重新召集"), (BODY, HANDLER), args=True, number_only=True,
                dispatcher=True),
    CommandSpec("result", ("result", "实施结果"), (BODY, HANDLER), args=True, dispatcher=True),
    CommandSpec("comment", ("comment", "监督", "监督意见"), (RESIDENT,), args=True),
    CommandSpec("document", ("document", "材料", "附件"), (RESIDENT, BODY, HANDLER), args=True),
    CommandSpec("solved", ("solved", "已解决", "解决了"), OWN, move=Move.VERIFIED),
    CommandSpec("unsolved", ("unsolved", "未解决", "没解决"), OWN, move=Move.REOPENED),
    CommandSpec("rate", ("rate", "评价"), OWN, move=Move.RATED, args=True, number=True),
    CommandSpec("publish", ("publish", "公开"), OWN, move=Move.PUBLISHED),
    CommandSpec("ack", ("ack", "签收", "报到"), (HANDLER,), move=Move.ACKNOWLEDGED),
    CommandSpec("note", ("note", "备注"), (HANDLER,), move=Move.NOTE, args=True),
    CommandSpec("resolve", ("resolve", "办结", "结案"), (HANDLER,), move=Move.RESOLVED, args=True),
    CommandSpec("transfer", ("transfer", "转派", "改派", "转交", "转办"), (HANDLER,), move=Move.TRANSFERRED, args=True),
    CommandSpec("return", ("return", "退单", "回退", "退回"), (HANDLER,), move=Move.RETURNED, args=True),
    CommandSpec("extend", ("extend", "延期"), (HANDLER,), move=Move.EXTENSION_ASKED, args=True, count=True),
    CommandSpec("expedite", ("expedite", "加急", "升为紧急"), (HANDLER,), move=Move.EXPEDITED, args=True),
    CommandSpec("approve", ("approve", "批准", "同意"), (HANDLER,), move=Move.EXTENDED, dispatcher=True),
    CommandSpec("refuse", ("refuse", "驳回", "不同意"), (HANDLER,), move=Move.EXTENSION_REFUSED, args=True,
                dispatcher=True),
    CommandSpec("assign", ("assign", "分拨", "指派"), (HANDLER,), move=Move.ASSIGNED, args=True, number=True,
                dispatcher=True),
    CommandSpec("list", ("list", "待办", "列表"), (HANDLER,)),
    CommandSpec("reverse", ("reverse", "冲正"), (HANDLER,), args=True, dispatcher=True),
    CommandSpec("volunteer", ("volunteer", "志愿", "志愿服务"), (HANDLER,), args=True),
    CommandSpec("stats", ("stats", "统计", "评价统计"), (HANDLER,), args=True),
    CommandSpec("lang", ("lang", "语言", "language"), (RESIDENT, HANDLER, BODY, DIRECT), args=True),
    CommandSpec("help", ("help", "帮助", "h", "?", "？", "菜单"), (RESIDENT, HANDLER, BODY, DIRECT)),
)
BY_NAME = {s.name: s for s in REGISTRY}
ALIASES: dict[str, str] = {alias.lower(): s.name for s in REGISTRY for alias in s.aliases}
STAFF_MOVES = {s.name: s.move for s in REGISTRY if s.move is not None and HANDLER in s.rooms}


def spec(word: str) -> CommandSpec | None:
    """Return the command ``word`` (any alias, any case) names, or ``None``."""
    name = ALIASES.get(word.lower())
    return None if name is None else BY_NAME[name]


def commands_for(room: str) -> list[CommandSpec]:
    """Return the commands of a ``room`` kind (``resident``, ``handler`` or ``body``), in the order help lists them."""
    return [s for s in REGISTRY if room in s.rooms]


def allowed(name: str, room: str) -> bool:
    """Return whether command ``name`` may be used in a ``room`` kind."""
    return room in BY_NAME[name].rooms


def line(s: CommandSpec, lang: str | None) -> str:
    """Return the command's help line: ``!签收 — 报到签收``, with its arguments."""
    args = text(f"args_{s.name}", lang) if s.args else ""
    return f"!{s.alias(lang)}{' ' + args if args else ''} — {text(f'cmd_{s.name}', lang)}"


def help_text(room: str, lang: str | None, *, dispatcher: bool = True, **params: str) -> str:
    """Return ``!help`` for a ``room`` kind: the room's introduction, a line per command, its closing words;
    ``dispatcher``: the room is the street office's (else the commands only it runs are left out).

    >>> "!签收 — " in help_text(HANDLER, None, handler="物业", units="物业")
    True
    >>> unit = help_text(HANDLER, None, dispatcher=False, handler="物业", units="物业")
    >>> [c in unit for c in ("!分拨", "!开始表决", "!签收")]
    [False, False, True]
    >>> "!开始表决" in help_text(BODY, None, body="党支部")
    True
    """
    lines = [text(f"help_{room}_intro", lang, **params)]
    lines += [line(s, lang) for s in commands_for(room) if s.name != "help" and (dispatcher or not s.dispatcher)]
    lines.append(text(f"help_{room}_outro", lang, **params))
    return "\n".join(x for x in lines if x)


def example_args(name: str, lang: str | None) -> str:
    """Return the arguments of command ``name``'s example, after its word ("" for a command without).

    >>> example_args("extend", None), example_args("ack", None), example_args("status", "en")
    ('3 等待配件到货', '', '')
    """
    if not BY_NAME[name].args:
        return ""
    said = text(f"example_{name}", lang).split(None, 1)
    rest = said[1] if len(said) > 1 else ""
    return "" if rest.lstrip("#").isdigit() else rest  # a ticket's number is the example's whole argument: no more


def usage(name: str, lang: str | None, units: str | None = None) -> str:
    """Return the "usage:" reply of command ``name``, with an example, and the ``units`` to choose from when given.

    >>> print(usage("assign", "en", units="property"))
    Usage: !assign NUMBER|UNIT, e.g. !assign property
    Units:
    property
    """
    s = BY_NAME[name]
    args = text(f"args_{name}", lang) if s.args else ""
    said = text("usage", lang, command=f"!{s.alias(lang)}{' ' + args if args else ''}",
                example=text(f"example_{name}", lang))
    return f"{said}\n{text('usage_units', lang, units=units)}" if units else said
