"""Participation points (积分制): earned only from events the log records, capped each month, every entry
visible to the resident who earned it.

Points are never typed in. From a ticket's events: every resident who reported or supported a matter gets
``report_fixed`` when a resident confirms it solved (once per ticket; not a supporter who took the support
back first), and the resident who answers the call-back gets ``callback``. Meetings and the time bank add
theirs as they land. Each resident earns at most ``monthly_cap`` in a calendar month (the community's time
zone); entries past the cap are kept with no points, so the resident sees why.

>>> from datetime import UTC, datetime
>>> from rules import load_rulebook
>>> from chatops.tickets.lifecycle import Event, Move
>>> at = datetime(2026, 6, 1, 9, tzinfo=UTC)
>>> log = [Event(1, Move.REPORTED, "@li:x", at, seq=1), Event(1, Move.SUPPORTED, "@wang:x", at, seq=2),
...        Event(1, Move.RESOLVED, "@staff:x", at, actor_handler="property", seq=3),
...        Event(1, Move.VERIFIED, "@li:x", at, seq=4)]
>>> [(a.resident, a.reason, a.points) for a in awards(log, load_rulebook())]
[('@li:x', 'report_fixed', 5), ('@wang:x', 'report_fixed', 5), ('@li:x', 'callback', 2)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatops.tickets.lifecycle import SYSTEM, Event, Move
from rules import Rulebook


@dataclass(frozen=True)
class Award:
    """Points for one thing a resident did: when, why (a ``points`` field of the rulebook), how many after
    the cap (``capped``: the month's cap took some or all), and the event it came from (ticket, seq)."""

    resident: str
    at: datetime
    reason: str
    points: int
    ticket: int
    seq: int | None
    capped: bool = False
    matter: int = 0  # the matter a meeting's attendance or vote was in (``ticket`` is then 0)
    step: str = ""  # and the step of its chain the meeting held (四议: a vote in each of several)


def awards(events: Iterable[Event], book: Rulebook, served: Iterable[tuple[str, int, datetime, int]] = (),
           meetings: Iterable[Any] = (), volunteered: Iterable[tuple[int, str, str, datetime]] = ()) -> list[Award]:
    """Return the awards ``events`` (a log, in order) earn under the rulebook's ``points:``, capped per month;
    ``served`` adds the time bank's confirmed service, ``(helper, minutes, at, entry)``: ``hour_served``
    per whole hour (a reversed entry should not be passed); ``meetings`` (matters' events) add ``attend``
    for each sign-in and ``vote`` once per member and meeting (a stranger's answer earns nothing);
    ``volunteered`` (tasks staff confirmed, ``(id, resident, what, at)``) add ``volunteer`` each."""
    rules = book.points
    residents: dict[int, list[str]] = {}
    reporter: dict[int, str] = {}
    fixed: set[int] = set()
    raw: list[Award] = []
    for e in events:
        if e.kind == Move.REPORTED:
            reporter[e.ticket_id] = e.actor
        if e.kind in (Move.REPORTED, Move.SUPPORTED) and e.actor_handler is None and e.actor != SYSTEM.id:
            people = residents.setdefault(e.ticket_id, [])
            if e.actor not in people:
                people.append(e.actor)
        elif e.kind == Move.WITHDRAWN and e.actor != reporter.get(e.ticket_id) and \
                e.actor in residents.get(e.ticket_id, ()):
            residents[e.ticket_id].remove(e.actor)  # a supporter who took the "me too" back (the report stays)
        elif e.kind == Move.VERIFIED and e.actor_handler is None:
            if e.ticket_id not in fixed:
                fixed.add(e.ticket_id)
                raw += [Award(r, e.at, "report_fixed", rules.report_fixed, e.ticket_id, e.seq)
                        for r in residents.get(e.ticket_id, [])]
            raw.append(Award(e.actor, e.at, "callback", rules.callback, e.ticket_id, e.seq))
        elif e.kind == Move.REOPENED and e.actor_handler is None:
            raw.append(Award(e.actor, e.at, "callback", rules.callback, e.ticket_id, e.seq))
    voted: set[tuple[int, str | None, str]] = set()
    for m in meetings:
        if m.kind == "attended" and m.actor:
            raw.append(Award(m.actor, m.at, "attend", rules.attend, 0, m.id, matter=m.matter, step=m.step or ""))
        elif m.kind in ("ballot", "voted_secretly") and m.actor and not m.data.get("stranger") \
                and (m.matter, m.step, m.actor) not in voted:
            voted.add((m.matter, m.step, m.actor))
            raw.append(Award(m.actor, m.at, "vote", rules.vote, 0, m.id, matter=m.matter, step=m.step or ""))
    for task, resident, _what, at in volunteered:
        raw.append(Award(resident, at, "volunteer", rules.volunteer, 0, task))
    for helper, minutes, at, entry in served:
        if minutes >= 60:
            raw.append(Award(helper, at, "hour_served", rules.hour_served * (minutes // 60), 0, entry))
    return cap(raw, rules.monthly_cap, ZoneInfo(book.calendar.timezone))


def cap(raw: list[Award], monthly: int, zone: ZoneInfo) -> list[Award]:
    """Return ``raw`` in time order with each resident's points held to ``monthly`` a calendar month."""
    earned: dict[tuple[str, str], int] = {}
    out = []
    for a in sorted(raw, key=lambda a: a.at):
        month = (a.resident, a.at.astimezone(zone).strftime("%Y-%m"))
        room = max(0, monthly - earned.get(month, 0))
        given = min(a.points, room)
        earned[month] = earned.get(month, 0) + given
        out.append(Award(a.resident, a.at, a.reason, given, a.ticket, a.seq, capped=given < a.points, matter=a.matter,
                         step=a.step))
    return out


def balance(entries: Iterable[Award], resident: str) -> int:
    """Return ``resident``'s points."""
    return sum(a.points for a in entries if a.resident == resident)
