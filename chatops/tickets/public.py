"""What the public may see of a ticket (两公开): the matter, the place and every step of its handling.

The public board and the Open311 API both show tickets through this module, so one set of rules decides
what leaves the community. The public never sees who reported, supported or handled anything (no chat
id, no display name): it sees the category, the grid (and the estate, unless the rulebook's ``privacy``
narrows it; never the building), the priority and state, and each step: routed to which handler, signed
for after how many hours, transferred or returned with the handler's reason, reminded, escalated,
extended, resolved, and the residents' verdicts and ratings counted. A resident's own words (the report,
their notes, place details) stay private unless that resident made them public (``published``) and the
rulebook allows it; handlers' notes are shown as a step without their text.

>>> from datetime import UTC, datetime
>>> from rules import load_rulebook
>>> from chatops.tickets.lifecycle import Event, Move, apply
>>> book = load_rulebook()
>>> at = datetime(2026, 3, 2, 9, tzinfo=UTC)
>>> events = [Event(7, Move.REPORTED, "@li:hs", at, data={"source": "m1", "text": "3号楼电梯又坏了",
...                 "grid": "g1", "estate": None, "building": "3"}, seq=1),
...           Event(7, Move.ROUTED, "system", at, target="property", rule="category.lift",
...                 data={"category": "lift", "co": [], "priority": "urgent"}, seq=2)]
>>> view = public_ticket(apply(apply(None, events[0]), events[1]), events, book)
>>> view.category, view.lead, view.text, [s.kind for s in view.steps]
('lift', 'property', None, ['reported', 'routed'])
>>> "@li" in repr(view), "电梯又坏了" in repr(view)
(False, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chatops.tickets.lifecycle import SYSTEM, Event, Move, State, Ticket
from rules import Rulebook
from rules.catalogue import text

# hand-overs: a new holder's clock starts (signed for after X hours is counted from the latest)
_HANDOVERS = frozenset({Move.ROUTED, Move.TRANSFERRED, Move.RETURNED, Move.ASSIGNED, Move.REOPENED})
# steps the public does not see: the bot's question to the resident, a withdrawn report's own event
_HIDDEN = frozenset({Move.ASKED, Move.WITHDRAWN, Move.LOCATED})
# moves whose reason is the handler's own account of what they did
_HANDLER_WORDS = frozenset({Move.TRANSFERRED, Move.RETURNED, Move.EXTENSION_ASKED, Move.EXTENDED,
                            Move.EXTENSION_REFUSED, Move.RESOLVED, Move.EXPEDITED})


@dataclass(frozen=True, slots=True)
class Step:
    """One public step of a ticket: when, what, which handler did it (``handler``), to whom (``target``),
    after how many hours since it reached the handler (``hours``, for a sign-for), the handler's words
    (``reason``) when the rulebook shows them, and a few counts (``days``, ``rating``, ``summoned``)."""

    at: datetime
    kind: str
    handler: str | None = None
    target: str | None = None
    hours: float | None = None
    reason: str | None = None
    days: int | None = None
    rating: str | None = None
    summoned: tuple[str, ...] = ()
    level: str | None = None  # the priority a handler raised it to
    by_resident: bool = False


@dataclass(frozen=True, slots=True)
class PublicTicket:
    """A ticket as the public sees it. ``text`` is set only when its resident made the report public."""

    id: int
    category: str | None
    priority: str
    state: str
    grid: str | None
    estate: str | None
    lead: str | None
    co: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    resolve_deadline: datetime | None
    transfers: int
    returns: int
    reopens: int
    supporters: int
    joint: bool
    solved: bool | None
    rating: str | None
    text: str | None = None
    steps: tuple[Step, ...] = ()

    @property
    def closed(self) -> bool:
        """Return whether the handling is over (closed after the call-back), for Open311's ``status``."""
        return self.state == State.CLOSED

    @property
    def overdue(self) -> bool:
        """Return whether it is still open past its deadline to resolve (as of its last step)."""
        return (self.state in (State.ROUTED, State.ACKNOWLEDGED) and self.resolve_deadline is not None
                and self.updated_at > self.resolve_deadline)


def public_ticket(ticket: Ticket, events: list[Event] | None, book: Rulebook) -> PublicTicket:
    """Return what the public may see of ``ticket``; ``events`` (its log, in order) add the steps and the
    report text its resident chose to publish (``None``: the summary alone, for lists)."""
    privacy = book.privacy
    steps: tuple[Step, ...] = ()
    shown: str | None = None
    if events is not None:
        steps = tuple(_steps(events, privacy.public_reasons))
        if privacy.public_text == "chosen" and any(e.kind == Move.PUBLISHED and e.actor == ticket.reporter
                                                   for e in events):
            shown = ticket.text
    return PublicTicket(
        id=ticket.id, category=ticket.category, priority=ticket.priority, state=str(ticket.state),
        grid=ticket.grid, estate=ticket.estate if privacy.public_estate else None, lead=ticket.lead,
        co=tuple(c for c in ticket.co if c != ticket.lead), created_at=ticket.created_at,
        updated_at=ticket.updated_at, resolve_deadline=ticket.resolve_deadline, transfers=ticket.transfers,
        returns=ticket.returns, reopens=ticket.reopens, supporters=ticket.supporters, joint=ticket.joint,
        solved=ticket.solved, rating=ticket.rating, text=shown, steps=steps)


def _steps(events: list[Event], reasons: bool) -> list[Step]:
    out: list[Step] = []
    holder_since: datetime | None = None
    # a support taken back (its resident's later withdrawn) is no step of the matter's
    back = {e.actor: e.seq or 0 for e in events if e.kind == Move.WITHDRAWN}
    for e in events:
        if e.kind in _HIDDEN or e.kind == Move.PUBLISHED or \
                (e.kind == Move.SUPPORTED and back.get(e.actor, -1) > (e.seq or 0)):
            continue
        hours = None
        if e.kind in _HANDOVERS:
            holder_since = e.at
        elif e.kind == Move.ACKNOWLEDGED and holder_since is not None:
            hours = round((e.at - holder_since).total_seconds() / 3600, 1)
        data: dict[str, Any] = e.data
        out.append(Step(
            at=e.at, kind=str(e.kind), handler=e.actor_handler, target=e.target, hours=hours,
            reason=e.reason if reasons and e.kind in _HANDLER_WORDS and e.actor_handler else None,
            days=data.get("days") if e.kind in (Move.EXTENSION_ASKED, Move.EXTENDED) else None,
            rating=data.get("rating") if e.kind == Move.RATED else None,
            summoned=tuple(data.get("summon", ())) if e.kind == Move.WHISTLED else (),
            level=data.get("priority") if e.kind == Move.EXPEDITED else None,
            by_resident=e.actor != SYSTEM.id and e.actor_handler is None))
    return out


def describe(step: Step, book: Rulebook, lang: str | None = None) -> str:
    """Return one line saying ``step`` to the public in ``lang`` (handlers by name, never a person).

    >>> from datetime import UTC, datetime
    >>> from rules import load_rulebook
    >>> describe(Step(datetime(2026, 3, 2, tzinfo=UTC), "acknowledged", handler="property", hours=2.5),
    ...          load_rulebook())
    '物业管理委员会 签收，用时 2.5 小时'
    """
    params = {"handler": book.handler_name(step.handler, lang, ""), "target": book.handler_name(step.target, lang, ""),
              "hours": step.hours, "days": step.days, "rating": text(f"rating_{step.rating}", lang) if step.rating
              else "", "summoned": "、".join(book.handler_name(h, lang) for h in step.summoned),
              "level": text(f"priority_{step.level}", lang) if step.level else ""}
    key = f"public_{step.kind}"
    if step.kind == Move.ACKNOWLEDGED and step.hours is None:
        key = "public_acknowledged_co"
    if step.kind == Move.NOTE:
        key = "public_note_resident" if step.by_resident else "public_note"
    line = text(key, lang, **params)
    if step.reason:
        line += text("public_reason", lang, reason=step.reason)
    return line


def category_label(book: Rulebook, category: str | None, lang: str | None = None) -> str:
    """Return the category's name in ``lang``, or the catalogue's word for unclassified (待分类)."""
    return book.category_name(category, lang, text("public_unclassified", lang))
