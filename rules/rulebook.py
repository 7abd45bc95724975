"""The rulebook: organisation, categories and time limits, validated with file and line for every mistake."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from fractions import Fraction
from functools import cached_property
from pathlib import Path as FsPath
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError
from pydantic_core import PydanticCustomError

from rules.errors import Problem, RulebookError
from rules.workdays import DEFAULT_TIMEZONE, WorkCalendar, parse_date
from rules.yamlpos import Path, YamlProblem, line_of, load_with_lines

SectorName = Literal[
    "城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生",
    "党务政务", "国土资源", "纪检监察", "经济管理", "科技与信息产业", "民政", "农村农业", "政法",
]
SECTORS: tuple[str, ...] = get_args(SectorName)
Priority = Literal["emergency", "urgent", "normal", "complex"]
JoinScope = Literal["grid", "estate", "building"]
PRIORITIES: tuple[str, ...] = get_args(Priority)
HandlerKind = Literal["committee", "subcommittee", "street_office", "department"]

DEFAULT_RULEBOOK = FsPath(__file__).with_name("default.yaml")
MAX_CLASS_WIDTH = 512  # code points in one character class; [一-龥] has 20,902

_UNITS = {"m": 60, "min": 60, "分钟": 60, "h": 3600, "小时": 3600, "d": 86400, "天": 86400, "日": 86400}
_DURATION = re.compile(r"^\s*(\d{1,6})\s*(m|min|分钟|h|小时|d|天|日)\s*$")


def parse_duration(value: Any) -> timedelta:
    """Return the ``timedelta`` written as ``30m``, ``2h``, ``7d`` (or 30分钟, 2小时, 7天).

    >>> parse_duration("2小时")
    datetime.timedelta(seconds=7200)
    """
    if isinstance(value, timedelta):
        return value
    m = _DURATION.match(value) if isinstance(value, str) else None
    if m:
        delta = timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])
        if timedelta(0) < delta <= timedelta(days=366):
            return delta
    raise PydanticCustomError("bad_duration", "bad duration {value}", {"value": value})


def format_duration(delta: timedelta) -> str:
    """Return ``delta`` in the rulebook's own notation: ``2h``, ``7d``, ``30m``."""
    seconds = int(delta.total_seconds())
    if seconds % 86400 == 0 and seconds >= 2 * 86400:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


def _date(value: Any) -> date:
    try:
        return parse_date(value)
    except ValueError:
        raise PydanticCustomError("bad_date", "bad date {value}", {"value": value}) from None


def _timezone(value: Any) -> str:
    if isinstance(value, str):
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise PydanticCustomError("bad_timezone", "bad timezone {value}", {"value": value})


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
Day = Annotated[date, BeforeValidator(_date)]
Timezone = Annotated[str, BeforeValidator(_timezone)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Name = Annotated[str, Field(min_length=1, max_length=80)]


class _Model(BaseModel):
    # staff write building numbers and hotlines (12315) bare: take them as text
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Community(_Model):
    id: Id
    name: Name
    name_en: Name
    district: str = ""


class Handler(_Model):
    """A subcommittee, the committee, the street office or a district department."""

    id: Id
    name: Name
    name_en: Name
    kind: HandlerKind
    sector: SectorName
    escalates_to: Id | None = None
    aliases: tuple[str, ...] = ()


def _outline(value: Any) -> Any:
    """A GeoJSON-style ring: at least three ``[longitude, latitude]`` points on the earth."""
    if not value:
        return ()
    points = tuple(tuple(p) for p in value)
    if len(points) < 3 or any(len(p) != 2 or not (-180 <= float(p[0]) <= 180 and -90 <= float(p[1]) <= 90)
                              for p in points):
        raise PydanticCustomError("bad_outline", "bad outline", {})
    return tuple((float(x), float(y)) for x, y in points)


Outline = Annotated[tuple[tuple[float, float], ...], BeforeValidator(_outline)]


class Estate(_Model):
    """An estate (小区); ``outline`` optionally draws it on the map (民情地图) as ``[[lng, lat], ...]``."""

    id: Id
    name: Name
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    buildings: tuple[str, ...] = ()
    outline: Outline = ()

    def named(self, lang: str | None = None) -> str:
        """Return its name in ``lang``: in English ``name_en``, else its first alias in Latin letters, else the
        Chinese name (an English board showed 安居苑 though the rulebook knows it as Anju Garden)."""
        if (lang or "").startswith("en"):
            return self.name_en or next((a for a in self.aliases if a.isascii()), "") or self.name
        return self.name


class Grid(_Model):
    """A grid (网格); ``outline`` optionally draws it on the map as ``[[lng, lat], ...]`` (GeoJSON's order).
    Without outlines the map lays grids and estates out schematically."""

    id: Id
    name: Name
    name_en: str = ""
    estates: tuple[Estate, ...] = ()
    outline: Outline = ()

    def named(self, lang: str | None = None) -> str:
        """Return its name in ``lang`` (``name_en`` in English, when the rulebook gives one)."""
        return self.name_en or self.name if (lang or "").startswith("en") else self.name


class Limits(_Model):
    sign_for: Duration
    resolve: Duration


class Category(_Model):
    """A kind of matter: how to recognise it, who leads, how fast, and where it escalates."""

    id: Id
    name: Name
    name_en: Name
    keywords: tuple[str, ...] = Field(min_length=1)
    # the matter in English, matched as whole words (smell gas, power cut): a resident who writes English
    keywords_en: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    # what the matter is not, said as a pattern (a veto, as a negative word): 洗澡水都出不来 is no one trapped
    negative_patterns: tuple[str, ...] = ()
    urgent: tuple[str, ...] = ()  # words that make this matter an emergency (beside the rulebook's global ones)
    hotline: str = ""             # told to a resident who reports it as an emergency (119, 110, 120 ...)
    # an emergency that is the consequence of others (an injury): named beside one of them, the cause decides
    follows: bool = False
    lead: Id
    co: tuple[Id, ...] = ()
    priority: Priority = "normal"
    sign_for: Duration | None = None
    resolve: Duration | None = None
    escalation: tuple[Id, ...] | None = None
    # how far apart two reports of it may be and still be one matter (one ticket, its supporters, its whistle):
    # anywhere in the grid, the same estate, or the same building (a lift, a leak: another building's is another
    # ticket); a place one report does not say never keeps them apart. Emergencies are always "building".
    joins: JoinScope = "grid"


class Whistle(_Model):
    """When ``threshold`` reports of ``category`` come from one grid within ``window``, summon more."""

    category: Id
    threshold: int = Field(ge=2, le=1000)
    window: Duration
    summon: tuple[Id, ...] = ()


class Duplicates(_Model):
    """A report of a category in a grid that has an open ticket of it younger than ``window`` joins it
    (unless ``enabled`` is false: then every report is a ticket of its own)."""

    enabled: bool = True
    window: Duration = timedelta(hours=24)


class CallBack(_Model):
    """The call-back (回访) after a resolve: residents who have not given their verdict within ``window``
    (on the working-day clock) no longer hold the ticket open; it closes with the verdicts it has."""

    window: Duration = timedelta(days=5)


class Privacy(_Model):
    """Who may see what of a resident. Handlers in ``show_reporter_to`` see the reporter's chat id on ticket
    cards. The public (the board, Open311) never sees who reported or handled anything; it sees the
    category, the grid and each step of the handling, and besides:

    ``public_estate``: the estate (小区) as well as the grid (never the building);
    ``public_reasons``: the handlers' own words when they transfer, return, extend or resolve;
    ``public_text``: a resident's report text — ``chosen`` when that resident made it public (公开), ``never``.
    """

    show_reporter_to: tuple[Id, ...] = ()
    public_estate: bool = True
    public_reasons: bool = True
    public_text: Literal["chosen", "never"] = "chosen"


class Choice(_Model):
    """A matter the law lets a community settle either way (lifts: the property manager repairs, or market
    regulation inspects special equipment). ``options`` name each way: which categories it gives to which
    lead; ``chosen`` is the one in force. The model never overrides a category a choice settles."""

    id: Id
    name: Name
    options: dict[str, dict[Id, Id]] = Field(min_length=2)
    chosen: str


def _share(value: Any) -> Any:
    """A share written as a fraction, "2/3" or "1/2": more than 0, at most 1."""
    try:
        share = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        raise PydanticCustomError("bad_share", "bad share", {"value": value}) from None
    if not 0 < share <= 1:
        raise PydanticCustomError("bad_share", "bad share", {"value": value})
    return share


Share = Annotated[Fraction, BeforeValidator(_share)]


class Threshold(_Model):
    """A quorum or a majority as the law writes it: ``at_least: 2/3`` (三分之二以上) or ``more_than: 1/2``
    (过半数) of the ``roll`` (应到) or of those ``present`` (实到)."""

    at_least: Share | None = None
    more_than: Share | None = None
    of: Literal["roll", "present"] = "roll"

    @property
    def share(self) -> Fraction:
        return self.at_least if self.at_least is not None else self.more_than or Fraction(1, 2)

    @property
    def strict(self) -> bool:
        return self.at_least is None


class Body(_Model):
    """A body that meets and decides (党支部, "两委", 党员大会, 居民代表会议, 居民会议, those a matter concerns).
    ``room``: ``own`` (a room of its own; its roll comes from provisioning), ``grid`` (the room of the
    matter's grid, or the community's room for a community-wide matter) or ``community`` (the community's
    room); in a shared room the roll is who has joined it when the meeting is convened."""

    id: Id
    name: Name
    name_en: Name
    room: Literal["own", "grid", "community"] = "own"


class Step(_Model):
    """One step of a chain: a meeting of ``body`` that needs ``quorum`` (none: no quorum) and ``majority``
    within ``limit`` (working days), or a publication (``publish``: 决议公开, 实施结果公开). ``may_merge_with``
    names the step it may be held together with (一肩挑); ``secret``: a secret ballot (无记名投票), cast in a direct
    chat with the bot, of which only the counts are kept. ``chair``: who may open, close and call it again
    (``room``: the chair of the room it meets in, power 50, and the street office; ``street_office``: only
    the street office's staff)."""

    id: Id
    name: Name
    name_en: str = ""  # for English pages and replies (the Chinese name when empty)
    body: Id | None = None
    quorum: Threshold | None = None
    majority: Threshold | None = None
    limit: Duration | None = None
    publish: bool = False
    may_merge_with: Id | None = None
    secret: bool = False  # 无记名投票: ballots by direct message, only counts kept
    chair: Literal["room", "street_office"] = "room"  # who opens and closes it


class Chain(_Model):
    """How a kind of matter is decided: a consultation (one vote) or a major matter (四议两公开)."""

    id: Id
    name: Name
    name_en: str = ""
    steps: tuple[Step, ...] = Field(min_length=1)


class Deliberation(_Model):
    """The bodies of the community and the chains its matters go through; the numbers are the law's,
    cited beside them in the rulebook file."""

    bodies: tuple[Body, ...] = ()
    chains: tuple[Chain, ...] = ()
    request: Threshold = Threshold(at_least=Fraction(1, 5), of="roll")
    merge_steps: bool = False  # 一肩挑: steps that ``may_merge_with`` the one before are held as one meeting

    def body(self, body_id: str | None) -> Body | None:
        """Return the body ``body_id`` names, or ``None``."""
        return next((b for b in self.bodies if b.id == body_id), None)

    def chain(self, chain_id: str) -> Chain | None:
        """Return the chain ``chain_id`` names (its id or its name), or ``None``."""
        return next((c for c in self.chains if chain_id in (c.id, c.name)), None)


class TimeBank(_Model):
    """The time bank's limits (时间银行): an account should stay at or below ``cap`` (e.g. 1,500 h) and at or
    above minus ``overdraft`` (none: zero); a new account starts with ``start_credit``. Accounts outside are
    flagged, not blocked."""

    cap: Duration = timedelta(hours=1500)
    start_credit: Duration = timedelta(hours=2)
    overdraft: Duration | None = None


class Points(_Model):
    """Participation points (积分制), earned only from recorded events: ``report_fixed`` for each resident
    whose report (or supporting report) of a matter was confirmed solved, ``callback`` for answering the
    call-back, ``attend`` and ``vote`` for meetings, ``hour_served`` per hour given in the time bank,
    ``volunteer`` for a task staff confirm; at most ``monthly_cap`` a month; ``exchange`` lists what points
    can be exchanged for (名称: 积分)."""

    report_fixed: int = Field(default=5, ge=0, le=1000)
    callback: int = Field(default=2, ge=0, le=1000)
    attend: int = Field(default=2, ge=0, le=1000)
    vote: int = Field(default=1, ge=0, le=1000)
    hour_served: int = Field(default=3, ge=0, le=1000)
    volunteer: int = Field(default=5, ge=0, le=1000)
    monthly_cap: int = Field(default=50, ge=1, le=100_000)
    exchange: dict[str, int] = {}


class Intake(_Model):
    """What happens before a ticket exists: is the message a report, and which matter is it.

    ``choose_window``: how long a resident has to pick among the likeliest matters before the street
    office triages it (分拨); ``hotline``: told with an emergency whose category names none (an ordinary
    matter an urgent word made one). The word lists add to the built-in ones of :mod:`rules.gate`.
    """

    ask: bool = True
    choose_window: Duration = timedelta(minutes=30)
    hotline: str = "110、119、120"
    greetings: tuple[str, ...] = ()
    thanks: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


class Routing(_Model):
    """How rules and the learned model are combined (:mod:`rules.router`).

    The model decides alone when the rules found nothing or only generic words and its score is at
    least ``model_alone``; it overrides specific rule evidence only when its score for its own answer
    beats its score for the rules' answer by ``model_override``; below that, the bot asks. A report the
    model's emergency head scores at least ``model_emergency`` is an emergency, whatever its words (1:
    only the rules' words make emergencies); one the gate's words registered needs only ``model_raise`` (unset, or
    ``model_emergency`` at 1: ``model_emergency``), since the report is told and only its urgency is judged; a message
    its report head scores below ``model_report`` is
    asked about before it is registered although the gate's words took it for a report (0: never), and one
    it scores at least ``model_sure_report`` is registered at once although the words could not tell (1:
    never), as an emergency even when the words took it for small talk if the emergency head reaches
    ``model_emergency``. A chat message the rules' words make an emergency is asked about (with the hotline) instead of
    registered at once only when both heads say otherwise: the report head below ``model_doubt_emergency`` and the
    emergency head below ``model_calm`` (0: never) — a figure of speech or a story (炒股炒得要跳楼, 看剧…拿刀那段).
    A message the words could not tell that the report head scores below ``model_no_report`` is small talk, left
    alone rather than asked about, unless an emergency's words are in it or the emergency head reaches ``model_calm``
    (0, the default: every such message is asked about).
    """

    model_alone: float = Field(default=0.55, ge=0, le=1)
    model_override: float = Field(default=0.1, ge=0, le=1)
    model_emergency: float = Field(default=0.5, ge=0, le=1)
    model_report: float = Field(default=0.5, ge=0, le=1)
    model_sure_report: float = Field(default=0.9, ge=0, le=1)
    model_doubt_emergency: float = Field(default=0.3, ge=0, le=1)
    model_calm: float = Field(default=0.2, ge=0, le=1)
    model_no_report: float = Field(default=0.0, ge=0, le=1)
    model_raise: float | None = Field(default=None, ge=0, le=1)


class Calendar(_Model):
    """Working days: the rulebook's own holidays and make-up working days (调休) beat the library's.

    Needed for a year the State Council has not announced yet (the library falls back to Monday to
    Friday), or for a local holiday.
    """

    holidays: tuple[Day, ...] = ()
    workdays: tuple[Day, ...] = ()
    timezone: Timezone = DEFAULT_TIMEZONE


class Rulebook(_Model):
    """A validated rulebook. Build it with :func:`load_rulebook` or :func:`parse_rulebook`."""

    version: str = Field(min_length=1, max_length=40)
    community: Community
    fallback: Id
    urgent_keywords: tuple[str, ...] = ()
    generic_words: tuple[str, ...] = ()  # words many matters share: they support a category, never decide alone
    sector_leads: dict[SectorName, Id] = {}  # who takes a matter placed only by its sector (the learned model)
    limits: dict[Priority, Limits]
    handlers: tuple[Handler, ...] = Field(min_length=1)
    grids: tuple[Grid, ...] = ()
    categories: tuple[Category, ...] = Field(min_length=1)
    whistles: tuple[Whistle, ...] = ()
    privacy: Privacy = Privacy()
    duplicates: Duplicates = Duplicates()
    callback: CallBack = CallBack()
    calendar: Calendar = Calendar()
    choices: tuple[Choice, ...] = ()
    intake: Intake = Intake()
    routing: Routing = Routing()
    deliberation: Deliberation = Deliberation()
    time_bank: TimeBank = TimeBank()
    points: Points = Points()
    digest: str = ""  # filled by the loader from the file's bytes
    _source: str = PrivateAttr(default="")  # the text it was read from (for a child process to read it again)

    @cached_property
    def handler_by_id(self) -> dict[str, Handler]:
        return {h.id: h for h in self.handlers}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def grid_by_id(self) -> dict[str, Grid]:
        return {g.id: g for g in self.grids}

    def handler_name(self, hid: str | None, lang: str | None = None, missing: str = "-") -> str:
        """Return the name of handler ``hid`` in ``lang`` (``missing`` for none; the id itself if unknown)."""
        if not hid:
            return missing
        h = self.handler_by_id.get(hid)
        return hid if h is None else h.name_en if (lang or "").startswith("en") else h.name

    def category_name(self, cid: str | None, lang: str | None = None, unclassified: str = "-") -> str:
        """Return the name of category ``cid`` in ``lang`` (``unclassified`` for none; the id if unknown)."""
        c = self.category_by_id.get(cid or "")
        if c is None:
            return cid or unclassified
        return c.name_en if (lang or "").startswith("en") else c.name

    def grid_name(self, grid: str | None, estate: str | None = None, lang: str | None = None) -> str:
        """Return the grid's name in ``lang``, with the estate's after it when given ('' for none; the id if
        unknown).

        >>> book = load_rulebook()
        >>> book.grid_name("grid1", "anju"), book.grid_name("grid1", "anju", "en")
        ('第一网格 · 安居苑', 'Grid 1 · Anju Garden')
        """
        g = self.grid_by_id.get(grid or "")
        if g is None:
            return grid or ""
        e = next((x for x in g.estates if x.id == estate), None) if estate else None
        return f"{g.named(lang)} · {e.named(lang)}" if e else g.named(lang)

    def estate_with(self, grid: str | None, building: str | None) -> str | None:
        """Return the one estate of ``grid`` that has ``building``, or ``None`` when none or several have it: a
        resident of the first grid who says "building 7" means 和平里, the only estate there with a building 7.

        >>> book = load_rulebook()
        >>> book.estate_with("grid1", "7"), book.estate_with("grid1", "3"), book.estate_with(None, "7")
        ('heping', None, None)
        """
        g = self.grid_by_id.get(grid or "")
        having = [e.id for e in g.estates if building in e.buildings] if g is not None and building else []
        return having[0] if len(having) == 1 else None

    def buildings_of(self, estate: str | None) -> tuple[str, ...]:
        """Return the buildings estate ``estate`` lists (none for an unknown estate, or one that lists none).

        >>> load_rulebook().buildings_of("heping"), load_rulebook().buildings_of("nowhere")
        (('1', '2', '3', '7', '8'), ())
        """
        return next((tuple(e.buildings) for g in self.grids for e in g.estates if e.id == estate), ())

    @cached_property
    def chosen(self) -> dict[str, str]:
        """Return ``{category id: choice id}`` for every category a policy choice settles."""
        return {cid: ch.id for ch in self.choices for cid in ch.options.get(ch.chosen, {})}

    def sector_lead(self, sector: str) -> str:
        """Return the handler that takes a matter known only by its ``sector``: the rulebook's
        ``sector_leads``, else the fallback."""
        return self.sector_leads.get(sector, self.fallback)  # type: ignore[call-overload]

    @cached_property
    def work_calendar(self) -> WorkCalendar:
        """Return the working-day clock: this rulebook's calendar dates over the Chinese public holidays."""
        return WorkCalendar(self.calendar.holidays, self.calendar.workdays, self.calendar.timezone)

    @property
    def source(self) -> str:
        """Return the text this rulebook was read from."""
        return self._source

    @property
    def full_version(self) -> str:
        """Return ``version+digest``: the name staff gave it and a hash of its exact text."""
        return f"{self.version}+{self.digest}" if self.digest else self.version

    def hotline_for(self, category: str | None) -> str:
        """Return whom to call first in an emergency of ``category`` (an id, or ``None``): its own hotline, else
        the intake's (110、119、120).

        >>> book = load_rulebook()
        >>> book.hotline_for("fire"), book.hotline_for(None)
        ('119', '110、119、120')
        """
        c = self.category_by_id.get(category or "")
        return (c.hotline if c is not None else "") or self.intake.hotline

    def limits_for(self, category: Category | str | None, priority: str | None = None) -> Limits:
        """Return the sign-for and resolve limits of ``category`` (an id, or ``None``: unclassified).

        The category's own limits apply at its own priority; a raised priority (an emergency) or an
        unclassified report takes the rulebook's limits for that priority.
        """
        if isinstance(category, str):
            category = self.category_by_id.get(category)
        if category is None:
            return self.limits[priority or "normal"]  # type: ignore[index]
        base = self.limits[priority or category.priority]  # type: ignore[index]
        if priority and priority != category.priority:
            return base
        return Limits(sign_for=category.sign_for or base.sign_for, resolve=category.resolve or base.resolve)

    def whistle_for(self, category: str | None) -> Whistle | None:
        """Return the whistle rule of ``category``, or ``None``."""
        return next((w for w in self.whistles if w.category == category), None)

    def escalation_chain(self, category: Category | None, lead: str) -> tuple[str, ...]:
        """Return the handlers above ``lead`` in order: the category's chain or the handlers' own."""
        if category is not None and category.escalation is not None and lead == category.lead:
            return category.escalation
        chain: list[str] = []
        node = self.handler_by_id.get(lead)
        while node is not None and node.escalates_to and node.escalates_to not in chain:
            chain.append(node.escalates_to)
            node = self.handler_by_id.get(node.escalates_to)
        return tuple(chain)


def load_rulebook(path: str | FsPath = DEFAULT_RULEBOOK) -> Rulebook:
    """Return the rulebook in ``path``, or raise :class:`RulebookError` naming every mistake."""
    path = FsPath(path)
    try:
        raw = path.read_bytes()
        content = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulebookError(str(path), [Problem(str(path), 1, "file_unreadable", {"detail": str(exc)})]) from exc
    return parse_rulebook(content, str(path))


def parse_rulebook(content: str, file: str = "<rulebook>") -> Rulebook:
    """Return the rulebook written in ``content``; ``file`` names it in errors."""
    try:
        data, lines = load_with_lines(content)
    except YamlProblem as exc:
        raise RulebookError(file, [Problem(file, exc.line, exc.code, exc.params)]) from exc
    if not isinstance(data, dict):
        raise RulebookError(file, [Problem(file, 1, "not_a_mapping")])
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    try:
        book = Rulebook.model_validate({**data, "digest": digest})
    except ValidationError as exc:
        raise RulebookError(file, [_from_pydantic(e, lines, file) for e in exc.errors()]) from exc
    problems = list(_cross_check(book, lines, file))
    if problems:
        raise RulebookError(file, problems)
    book = _apply_choices(book)
    book._source = content
    return book


def with_choices(book: Rulebook, picks: Mapping[str, str]) -> Rulebook:
    """Return ``book`` with the policy choices in ``picks`` (choice id to option) made instead of those in force,
    its categories' leads changed to match: what the rulebook would be with ``chosen`` so edited. It has no text
    of its own (``source`` is empty) and its digest names the choices made. A choice or option ``book`` lacks
    raises ``KeyError``.

    >>> book = with_choices(load_rulebook(), {"lifts": "market"})
    >>> book.category_by_id["lift_fault"].lead, book.full_version.endswith("~lifts=market")
    ('market', True)
    """
    by_id = {ch.id: ch for ch in book.choices}
    for choice, option in picks.items():
        if option not in by_id[choice].options:
            raise KeyError(f"{choice}: {option}")
    choices = tuple(ch.model_copy(update={"chosen": picks[ch.id]}) if ch.id in picks else ch for ch in book.choices)
    digest = book.digest + "~" + ",".join(f"{k}={v}" for k, v in sorted(picks.items()))
    changed = _apply_choices(book.model_copy(update={"choices": choices, "digest": digest}))
    changed._source = ""
    return changed


def _apply_choices(book: Rulebook) -> Rulebook:
    """Return ``book`` with each policy choice's chosen leads in its categories (a lead that was a
    co-handler is no longer one)."""
    leads = {cid: lead for ch in book.choices for cid, lead in ch.options[ch.chosen].items()}
    if not leads:
        return book
    categories = tuple(
        c.model_copy(update={"lead": leads[c.id], "co": tuple(h for h in c.co if h != leads[c.id])})
        if c.id in leads else c for c in book.categories)
    chosen = book.model_copy(update={"categories": categories})
    for name in ("category_by_id", "chosen", "handler_by_id"):  # cached from the book before the choices
        chosen.__dict__.pop(name, None)
    return chosen


def _from_pydantic(err: Any, lines: dict[Path, int], file: str) -> Problem:
    loc: Path = tuple(err["loc"])
    field = ".".join(str(p) for p in loc) or "(root)"
    kind, ctx = err["type"], err.get("ctx", {})
    line = line_of(lines, loc)
    if kind == "missing":
        return Problem(file, line, "field_missing", {"field": field})
    if kind == "extra_forbidden":
        return Problem(file, line, "field_unknown", {"field": field})
    if kind in ("literal_error", "enum"):
        return Problem(file, line, "field_choice", {"field": field, "value": err["input"],
                                                    "expected": ctx.get("expected", "")})
    if kind == "too_short":
        return Problem(file, line, "field_empty", {"field": field})
    if kind == "bad_duration":
        return Problem(file, line, "bad_duration", {"value": ctx.get("value")})
    if kind in ("bad_date", "bad_timezone"):
        return Problem(file, line, kind, {"value": ctx.get("value")})
    if kind == "bad_outline":
        return Problem(file, line, "bad_outline", {"field": field})
    if kind == "bad_share":
        return Problem(file, line, "bad_share", {"value": ctx.get("value")})
    return Problem(file, line, "field_type", {"field": field, "detail": err["msg"]})


def _deliberation(book: Rulebook, at: Any, file: str) -> Iterator[Problem]:
    """Yield the problems of ``deliberation:``: unknown bodies and steps, a threshold with no share or two,
    a meeting step with no majority."""
    bodies = {b.id for b in book.deliberation.bodies}
    for i, chain in enumerate(book.deliberation.chains):
        steps = {s.id for s in chain.steps}
        for j, step in enumerate(chain.steps):
            where = ("deliberation", "chains", i, "steps", j)
            if step.body is not None and step.body not in bodies:
                yield Problem(file, at(*where, "body"), "unknown_body", {"id": step.body})
            if step.may_merge_with is not None and step.may_merge_with not in steps:
                yield Problem(file, at(*where, "may_merge_with"), "unknown_step", {"id": step.may_merge_with})
            if not step.publish and (step.body is None or step.majority is None):
                yield Problem(file, at(*where), "step_incomplete", {"step": step.id})
            for name in ("quorum", "majority"):
                rule = getattr(step, name)
                if rule is not None and (rule.at_least is None) == (rule.more_than is None):
                    yield Problem(file, at(*where, name), "threshold_one_share", {"field": name})


def _class_width(pattern: str) -> int:
    """Return the widest positive character class in ``pattern``, in code points."""
    import re._parser as sre_parse  # the stdlib's own parser: exact, no guessing at brackets

    def widths(node: Any) -> Iterator[int]:
        if isinstance(node, sre_parse.SubPattern):
            for op, arg in node:
                if str(op) == "IN":
                    yield sum(a[1] - a[0] + 1 for k, a in arg if str(k) == "RANGE")
                else:
                    yield from widths(arg)
        elif isinstance(node, (list, tuple)):  # groups, branches and repeats nest sub-patterns in tuples
            for item in node:
                yield from widths(item)

    return max(widths(sre_parse.parse(pattern)), default=0)


def _cross_check(book: Rulebook, lines: dict[Path, int], file: str) -> Iterator[Problem]:
    """Yield every reference, uniqueness, pattern and loop problem that the schema cannot see."""

    def at(*path: str | int) -> int:
        return line_of(lines, path)

    def unique(section: str, items: tuple[Any, ...], seen: dict[str, int]) -> Iterator[Problem]:
        for i, item in enumerate(items):
            line = at(section, i, "id")
            if item.id in seen:
                yield Problem(file, line, "duplicate_id", {"id": item.id, "first": seen[item.id]})
            else:
                seen[item.id] = line

    yield from unique("handlers", book.handlers, {})
    yield from unique("categories", book.categories, {})
    places: dict[str, int] = {}
    yield from unique("grids", book.grids, places)
    for g, grid in enumerate(book.grids):
        for e, estate in enumerate(grid.estates):
            if estate.id in places:
                yield Problem(file, at("grids", g, "estates", e, "id"), "duplicate_id",
                              {"id": estate.id, "first": places[estate.id]})
            places.setdefault(estate.id, at("grids", g, "estates", e, "id"))

    handlers = book.handler_by_id
    if book.fallback not in handlers:
        yield Problem(file, at("fallback"), "unknown_handler", {"id": book.fallback})
    for p in PRIORITIES:
        if p not in book.limits:
            yield Problem(file, at("limits"), "field_missing", {"field": f"limits.{p}"})
    for i, h in enumerate(book.handlers):
        if h.escalates_to is not None and h.escalates_to not in handlers:
            yield Problem(file, at("handlers", i, "escalates_to"), "unknown_handler", {"id": h.escalates_to})
    yield from _handler_loops(book, lines, file)
    for i, h_id in enumerate(book.privacy.show_reporter_to):
        if h_id not in handlers:
            yield Problem(file, at("privacy", "show_reporter_to", i), "unknown_handler", {"id": h_id})
    yield from _deliberation(book, at, file)

    for i, c in enumerate(book.categories):
        if c.lead not in handlers:
            yield Problem(file, at("categories", i, "lead"), "unknown_handler", {"id": c.lead})
        for j, co in enumerate(c.co):
            if co not in handlers:
                yield Problem(file, at("categories", i, "co", j), "unknown_handler", {"id": co})
            elif co == c.lead:
                yield Problem(file, at("categories", i, "co", j), "co_is_lead", {"id": co})
        for j, step in enumerate(c.escalation or ()):
            if step not in handlers:
                yield Problem(file, at("categories", i, "escalation", j), "unknown_handler", {"id": step})
        chain = (c.lead, *(c.escalation or ()))
        if len(set(chain)) != len(chain):
            yield Problem(file, at("categories", i, "escalation"), "escalation_loop",
                          {"chain": " → ".join(chain)})
        for section in ("keywords", "keywords_en", "negative"):
            for j, kw in enumerate(getattr(c, section)):
                if not kw.strip():
                    yield Problem(file, at("categories", i, section, j), "empty_keyword")
        for section in ("patterns", "negative_patterns"):
            for j, pattern in enumerate(getattr(c, section)):
                yield from _pattern_problems(pattern, file, at("categories", i, section, j))
    for j, kw in enumerate(book.urgent_keywords):
        if not kw.strip():
            yield Problem(file, at("urgent_keywords", j), "empty_keyword")

    categories = book.category_by_id
    for i, w in enumerate(book.whistles):
        if w.category not in categories:
            yield Problem(file, at("whistles", i, "category"), "unknown_category", {"id": w.category})
        for j, hid in enumerate(w.summon):
            if hid not in handlers:
                yield Problem(file, at("whistles", i, "summon", j), "unknown_handler", {"id": hid})

    for i, choice in enumerate(book.choices):
        if choice.chosen not in choice.options:
            yield Problem(file, at("choices", i, "chosen"), "field_choice",
                          {"field": f"choices.{choice.id}.chosen", "value": choice.chosen,
                           "expected": ", ".join(choice.options)})
        for name, leads in choice.options.items():
            for cid, lead in leads.items():
                if cid not in categories:
                    yield Problem(file, at("choices", i, "options", name), "unknown_category", {"id": cid})
                if lead not in handlers:
                    yield Problem(file, at("choices", i, "options", name), "unknown_handler", {"id": lead})
    for sector, lead in book.sector_leads.items():
        if lead not in handlers:
            yield Problem(file, at("sector_leads", sector), "unknown_handler", {"id": lead})
    for j, kw in enumerate(book.generic_words):
        if not kw.strip():
            yield Problem(file, at("generic_words", j), "empty_keyword")
    for i, c in enumerate(book.categories):
        for j, kw in enumerate(c.urgent):
            if not kw.strip():
                yield Problem(file, at("categories", i, "urgent", j), "empty_keyword")

    holidays: dict[date, int] = {}
    for j, day in enumerate(book.calendar.holidays):
        holidays.setdefault(day, at("calendar", "holidays", j))
    for j, day in enumerate(book.calendar.workdays):
        if day in holidays:
            yield Problem(file, at("calendar", "workdays", j), "calendar_conflict",
                          {"date": day.isoformat(), "first": holidays[day]})


def _pattern_problems(pattern: str, file: str, line: int) -> Iterator[Problem]:
    try:
        re.compile(pattern)
    except re.error as exc:
        yield Problem(file, line, "bad_pattern", {"pattern": pattern, "detail": str(exc)})
        return
    width = _class_width(pattern)
    if width > MAX_CLASS_WIDTH:
        yield Problem(file, line, "class_too_wide", {"pattern": pattern, "width": width, "limit": MAX_CLASS_WIDTH})


def _handler_loops(book: Rulebook, lines: dict[Path, int], file: str) -> Iterator[Problem]:
    parent = {h.id: h.escalates_to for h in book.handlers}
    reported: set[frozenset[str]] = set()
    for i, h in enumerate(book.handlers):
        path, node = [h.id], parent.get(h.id)
        while node is not None and node in parent:
            if node in path:
                cycle = [*path[path.index(node):], node]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield Problem(file, line_of(lines, ("handlers", i, "escalates_to")), "escalation_loop",
                                  {"chain": " → ".join(cycle)})
                break
            path.append(node)
            node = parent.get(node)
