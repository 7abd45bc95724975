"""A synthetic community built from a rulebook: households, residents, staff, and how each handler behaves.

Everything here is drawn from one seeded ``random.Random``, so the same rulebook, size and seed give the
same community. :mod:`research.simulation` runs reports through it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime

from rules import Category, Rulebook

SERVER = "whistle.example"  # the homeserver name in synthetic Matrix IDs
LOCAL_UTC_OFFSET = 8  # hours: the community lives on China time; arrivals follow the local day

_OPENERS = ["", "", "你好，", "请问", "麻烦看一下，", "紧急！", "社区你好，", "网格员你好，"]
_CLOSERS = ["", "", "，已经好几天了", "，请尽快处理", "，谢谢", "！！", "，一直没人管", "，影响休息"]
# reports that name no matter the rulebook knows: they go to the street office, unclassified (兜底)
_VAGUE = ["社区能不能帮忙看看这个事情", "我家门口那个事情怎么还没人管", "请问这个事找谁反映", "这个事拖了好久了",
          "想咨询一下办事流程", "有个情况想跟社区说一下", "楼下那边一直这样谁来管管"]
# by the local hour (0..23): few reports at night, peaks in the morning and the evening
_HOUR = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.5, 1.3, 1.0, 1.1, 1.3, 1.3, 1.2, 1.2, 1.3,
         1.5, 1.6, 1.3, 0.8, 0.4]
_WEEKDAY = [1.1, 1.05, 1.0, 1.0, 1.0, 0.85, 0.8]  # Monday first
# categories with a known season: the month of the peak and how strong it is
_SEASONS = {"heating": (1, 0.9), "power_outage": (7, 0.5), "water_outage": (7, 0.4), "noise_nuisance": (7, 0.4),
            "drains_sewage": (7, 0.6), "air_pollution": (12, 0.5)}
_PRIORITY_SIGN = {"emergency": 0.05, "urgent": 0.3, "normal": 1.0, "complex": 1.2}
_PRIORITY_FIX_HOURS = {"emergency": 1.5, "urgent": 12.0, "normal": 72.0, "complex": 200.0}
_KIND_SIGN_HOURS = {"subcommittee": 1.5, "committee": 2.0, "street_office": 1.0, "department": 3.0}


@dataclass(frozen=True)
class Behaviour:
    """How one handler acts (all drawn per handler from the seed).

    ``sign_hours`` is the median time to look at a new ticket (lognormal), ``speed`` multiplies the
    fix time, ``transfer`` and ``return_`` are the chances of passing on a ticket that is its own (推诿),
    ``pingpong`` the chance of passing a transferred ticket straight back, ``quality`` (0..1) raises the
    chance that residents call it solved and are satisfied.
    """

    sign_hours: float
    speed: float
    transfer: float
    return_: float
    pingpong: float
    quality: float


@dataclass(frozen=True)
class Resident:
    id: str  # a Matrix ID
    grid: str
    estate: str
    building: str | None


@dataclass
class Community:
    """Residents (with how often each reports), staff per handler, handler behaviour and report texts."""

    rulebook: Rulebook
    residents: list[Resident]
    activity: list[float]  # cumulative reporting weights over ``residents``
    by_grid: dict[str, list[int]]  # indices into ``residents``
    staff: dict[str, list[str]]
    behaviour: dict[str, Behaviour]
    partners: dict[str, list[str]]  # whom a handler passes tickets it does not want to
    category_weights: dict[str, float] = field(default_factory=dict)

    @property
    def handlers(self) -> list[str]:
        return [h.id for h in self.rulebook.handlers]


def build_community(book: Rulebook, rng: random.Random, *, households: int, staff_per_handler: int = 3) -> Community:
    """Return a :class:`Community` with about ``households`` households spread over the rulebook's buildings.

    Estates without numbered buildings get one courtyard. Each household has one to four residents; how
    often a resident reports is heavy-tailed (a few residents report very often).
    """
    places = [(g.id, e.id, b) for g in book.grids for e in g.estates for b in (e.buildings or (None,))]
    if not places:
        places = [("grid", "estate", None)]
    per_place = max(1, math.ceil(households / len(places)))
    residents: list[Resident] = []
    weights: list[float] = []
    by_grid: dict[str, list[int]] = {}
    number = 0
    for grid, estate, building in places:
        for _ in range(per_place):
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
                number += 1
                by_grid.setdefault(grid, []).append(len(residents))
                residents.append(Resident(f"@res{number}:{SERVER}", grid, estate, building))
                weights.append(min(rng.paretovariate(1.6), 50.0))
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    staff = {h.id: [f"@{h.id.replace('_', '-')}-{k}:{SERVER}" for k in range(1, staff_per_handler + 1)]
             for h in book.handlers}
    behaviour = {h.id: _behaviour(h.kind, h.id == book.fallback, rng) for h in book.handlers}
    weights_by_category = {c.id: rng.lognormvariate(0, 0.8) * (0.3 if c.priority == "emergency" else 1.0)
                           for c in book.categories}
    return Community(book, residents, cumulative, by_grid, staff, behaviour, _partners(book), weights_by_category)


def _behaviour(kind: str, fallback: bool, rng: random.Random) -> Behaviour:
    department = kind == "department"
    return Behaviour(
        sign_hours=_KIND_SIGN_HOURS.get(kind, 3.0) * rng.lognormvariate(0, 0.45),
        speed=rng.lognormvariate(0, 0.35),
        transfer=0.0 if fallback else rng.uniform(0.01, 0.14 if department else 0.06),
        return_=0.0 if fallback else rng.uniform(0.005, 0.05 if department else 0.025),
        pingpong=rng.uniform(0.1, 0.45),
        quality=rng.uniform(0.3, 0.95),
    )


def _partners(book: Rulebook) -> dict[str, list[str]]:
    """Return, per handler, the handlers it shares categories or a sector with (where buck-passing goes)."""
    near: dict[str, set[str]] = {h.id: set() for h in book.handlers}
    for c in book.categories:
        group = {c.lead, *c.co}
        for h in group:
            near[h] |= group - {h}
    for a in book.handlers:
        for b in book.handlers:
            if a.id != b.id and a.sector == b.sector:
                near[a.id].add(b.id)
    return {h: sorted(others - {book.fallback}) for h, others in near.items()}


def category_weight(c: Category, base: float, month: int) -> float:
    """Return the reporting weight of category ``c`` in ``month`` (1..12): its base times its season."""
    peak, amplitude = _SEASONS.get(c.id, (0, 0.0))
    if not amplitude:
        return base
    return base * max(0.05, 1 + amplitude * math.cos(2 * math.pi * (month - peak) / 12))


def time_weight(at: datetime) -> float:
    """Return the relative report rate at ``at`` (UTC): by the local hour and the day of the week."""
    local_hour = (at.hour + LOCAL_UTC_OFFSET) % 24
    return _HOUR[local_hour] * _WEEKDAY[at.weekday()]


def report_text(c: Category | None, resident: Resident, book: Rulebook, rng: random.Random,
                other: Category | None = None) -> str:
    """Return a resident-style report about category ``c`` (``None``: something no rule knows).

    ``other`` mixes in a second matter's keyword, so the rulebook may route the report elsewhere (a
    resident who mentions two things): the handler it reaches may then pass it on.
    """
    if c is None:
        return rng.choice(_OPENERS) + rng.choice(_VAGUE)
    place = ""
    if rng.random() < 0.5:
        estate = next((e for g in book.grids for e in g.estates if e.id == resident.estate), None)
        if estate is not None:
            place = estate.name + (f"{resident.building}号楼" if resident.building else "")
    body = rng.choice(c.keywords)
    if other is not None:
        body = f"{body}，还有{rng.choice(other.keywords)}"
    return rng.choice(_OPENERS) + place + body + rng.choice(_CLOSERS)


def sign_delay_hours(b: Behaviour, priority: str, rng: random.Random) -> float:
    """Return how long (hours) a handler takes to look at a ticket of ``priority``."""
    return b.sign_hours * _PRIORITY_SIGN.get(priority, 1.0) * rng.lognormvariate(0, 0.9)


def fix_hours(b: Behaviour, priority: str, rng: random.Random) -> float:
    """Return how long (hours) a handler takes to fix a ticket of ``priority`` once it signed for it."""
    return _PRIORITY_FIX_HOURS.get(priority, 72.0) * b.speed * rng.lognormvariate(0, 0.8)
