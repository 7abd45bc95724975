"""The ticket lifecycle: which moves are legal for whom, and how each event changes a ticket.

Pure functions, no I/O: :func:`check` refuses a move that makes no sense, :func:`apply` folds an event
into a ticket. A ticket is exactly ``functools.reduce(apply, events, None)``, which is how the store's
projection can always be rebuilt from the event log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from rules.catalogue import text

MAX_NUMBER = 999_999_999  # the largest ticket or matter number anyone may type (nine digits, as chat commands take)


class Move(StrEnum):
    """Every kind of event in a ticket's life (the event log's ``kind`` column)."""

    REPORTED = "reported"          # 受理
    ROUTED = "routed"              # 派单
    ACKNOWLEDGED = "acknowledged"  # 签收 / 报到
    NOTE = "note"                  # 备注
    TRANSFERRED = "transferred"    # 转派
    RETURNED = "returned"          # 退单
    EXTENSION_ASKED = "extension_asked"      # 延期申请: the lead asks the street office for more days
    EXTENDED = "extended"                    # 延期: the street office approves
    EXTENSION_REFUSED = "extension_refused"  # 延期驳回
    RESOLVED = "resolved"          # 办结
    VERIFIED = "verified"          # 回访: solved
    REOPENED = "reopened"          # 重办: not solved
    RATED = "rated"                # 评价
    REMINDED = "reminded"          # 催办
    ESCALATED = "escalated"        # 升级
    WHISTLED = "whistled"          # 吹哨
    LOCATED = "located"            # 补充位置: where it is, added after the report
    EXPEDITED = "expedited"        # 加急: a handler or the street office finds it more pressing than routed
    SUPPORTED = "supported"        # 附议: another resident reports the same open matter
    CLOSED = "closed"              # 回访期满: the call-back window ended; closed with the verdicts given
    ASKED = "asked"                # 问询: the evidence was weak; the resident is asked which matter it is
    ASSIGNED = "assigned"          # 分拨: the street office gives a ticket of no known category to a handler
    WITHDRAWN = "withdrawn"        # 撤回: the resident deleted the message the report came from
    PUBLISHED = "published"        # 公开: the reporter lets the public board show the report's text


PRESSING = {"normal": 0, "complex": 0, "urgent": 1, "emergency": 2}  # how pressing each priority is, to raise it
OPEN311 = "open311:"  # the reporters and sources a city's app brought through the Open311 API begin so
ASKED_ELSEWHERE = (OPEN311,)  # reporters another program brought: it asks them back, not the bot


class State(StrEnum):
    REPORTED = "reported"
    ROUTED = "routed"              # 待签收
    ACKNOWLEDGED = "acknowledged"  # 办理中
    RESOLVED = "resolved"          # 待回访
    CLOSED = "closed"              # 已办结


OPEN = frozenset({State.ROUTED, State.ACKNOWLEDGED})
RATINGS = ("satisfied", "basically_satisfied", "dissatisfied")
MAX_EXTENSION_DAYS = 60


@dataclass(frozen=True)
class Actor:
    """Who acts: a Matrix ID (or ``system``) and the handler they act for (``None`` for a resident)."""

    id: str
    handler: str | None = None


SYSTEM = Actor("system")


@dataclass(frozen=True)
class Event:
    """One row of the append-only event log. ``seq`` is assigned by the store."""

    ticket_id: int
    kind: Move
    actor: str
    at: datetime
    actor_handler: str | None = None
    target: str | None = None
    reason: str | None = None
    rule: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None

    def numbered(self, seq: int | None) -> Event:
        """Return this event with its place in the log (:func:`copied`).

        >>> from datetime import UTC, datetime
        >>> Event(1, Move.NOTE, "@a:x", datetime(2026, 1, 1, tzinfo=UTC), reason="x").numbered(7).seq
        7
        """
        return copied(self, seq=seq)


@dataclass(frozen=True)
class Ticket:
    """The projection of a ticket's events: its state now."""

    id: int
    source: str
    reporter: str
    text: str
    created_at: datetime
    updated_at: datetime
    state: State = State.REPORTED
    category: str | None = None
    lead: str | None = None
    co: tuple[str, ...] = ()
    priority: str = "normal"
    grid: str | None = None
    estate: str | None = None
    building: str | None = None
    place_detail: str | None = None
    rule: str | None = None
    rulebook_version: str | None = None
    sign_deadline: datetime | None = None
    resolve_deadline: datetime | None = None
    acked_by: tuple[str, ...] = ()
    escalated_to: str | None = None
    transfers: int = 0
    returns: int = 0
    reopens: int = 0
    solved: bool | None = None
    awaiting_rating: bool = False
    rating: str | None = None
    last_seq: int = 0
    supporters: int = 0
    joint: bool = False
    extension_asked: int | None = None  # days asked for and not yet decided
    followers: tuple[str, ...] = ()  # residents whose reports joined it as support (附议), in order
    verdicts: tuple[str, ...] = ()   # residents who said "solved" since the last resolve
    rated_by: tuple[str, ...] = ()   # residents who rated since the last resolve
    callback_deadline: datetime | None = None  # when the call-back (回访) closes without the missing verdicts
    options: tuple[str, ...] = ()  # the matters the resident was asked to pick among: "category/lead"
    choose_deadline: datetime | None = None  # when the street office triages it if the resident has not picked

    @property
    def handlers(self) -> tuple[str, ...]:
        """Return the lead and co-handlers: everyone who acts on this ticket."""
        return ((self.lead,) if self.lead else ()) + tuple(c for c in self.co if c != self.lead)

    @property
    def awaits_choice(self) -> bool:
        """Return whether the resident is still asked which matter this is (no handler has it yet)."""
        return self.state is State.REPORTED and bool(self.options)

    @property
    def residents(self) -> tuple[str, ...]:
        """Return the reporter and the followers: every resident who is told each step and asked back."""
        return (self.reporter, *self.followers)

    @property
    def asked(self) -> tuple[str, ...]:
        """Return the residents whose verdicts close it: every resident, or the reporter alone after a
        resolve recorded before supporters were asked too (it set no call-back deadline). A citizen who reported
        through a city's app (Open311) is not among them: nobody can ask them here, their app calls back."""
        return tuple(r for r in (self.residents if self.callback_deadline else (self.reporter,))
                     if not r.startswith(ASKED_ELSEWHERE))

    def awaits_verdict(self, user: str) -> bool:
        """Return whether ``user`` is a resident still asked whether the resolved matter is solved."""
        return self.state is State.RESOLVED and user in self.asked and user not in self.verdicts

    def awaits_rating(self, user: str) -> bool:
        """Return whether ``user`` may still rate the last resolution (once the verdict is given)."""
        return (self.awaiting_rating and user in self.residents and user not in self.rated_by
                and not self.awaits_verdict(user))


class LifecycleError(Exception):
    """A move that was refused; ``code``/``params`` index the catalogue for the user's language."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(self.render("en"))

    def render(self, lang: str | None = None) -> str:
        """Return the refusal in ``lang`` (zh-CN by default)."""
        params = dict(self.params)
        for key, prefix in (("state", "state_"), ("move", "move_"), ("priority", "priority_")):
            if key in params:
                params[key] = text(prefix + str(params[key]), lang)
        return text(self.code, lang, **params)


def check(ticket: Ticket | None, event: Event, *, fallback: str, handlers: frozenset[str]) -> None:
    """Return ``None`` if ``event`` is a legal move on ``ticket``; raise :class:`LifecycleError` if not.

    ``fallback`` is the rulebook's street office (which may re-dispatch any open ticket), ``handlers``
    every handler id the rulebook knows.
    """
    kind, who, handler = event.kind, event.actor, event.actor_handler
    if kind is Move.REPORTED:
        return
    if ticket is None:
        raise LifecycleError("ticket_unknown", ticket=event.ticket_id)
    num, state = ticket.id, ticket.state
    # (the checks moves share are functions of their own, not closures made again at every call)
    match kind:
        case Move.ROUTED | Move.ASKED:
            _need(state, num, kind, {State.REPORTED})
            if kind is Move.ASKED:
                _need_system(ticket, who, kind)
        case Move.ASSIGNED:  # triage: the street office dispatches what no category of the rulebook placed
            _need(state, num, kind, OPEN)
            if handler != fallback:
                raise LifecycleError("only_dispatcher_decides", ticket=num, handler=fallback)
            if ticket.lead != fallback or ticket.category is not None:
                raise LifecycleError("not_for_triage", ticket=num)
            if event.target not in handlers:
                raise LifecycleError("unknown_target", id=event.target)
            if event.target == fallback:
                raise LifecycleError("transfer_to_self", ticket=num, handler=fallback)
        case Move.ACKNOWLEDGED:
            _need(state, num, kind, OPEN)
            if handler not in ticket.handlers:
                raise LifecycleError("not_handler_of", ticket=num, lead=ticket.lead, move=kind)
            if handler in ticket.acked_by:
                raise LifecycleError("already_signed", ticket=num, handler=handler)
        case Move.NOTE:
            _need(state, num, kind, {State.ROUTED, State.ACKNOWLEDGED, State.RESOLVED, State.CLOSED})
            if not (event.reason or "").strip():
                raise LifecycleError("text_required")
            if handler is None and who not in (*ticket.residents, SYSTEM.id):
                raise LifecycleError("not_your_ticket", ticket=num)
            if handler is not None and handler not in (*ticket.handlers, fallback):
                raise LifecycleError("not_handler_of", ticket=num, lead=ticket.lead, move=kind)
        case Move.TRANSFERRED:
            _need(state, num, kind, OPEN)
            _need_lead(ticket, handler, fallback, kind, dispatcher_too=True)
            _need_reason(event.reason, kind)
            if event.target == ticket.lead:
                raise LifecycleError("transfer_to_self", ticket=num, handler=ticket.lead)
            if event.target not in handlers:
                raise LifecycleError("unknown_target", id=event.target)
        case Move.RETURNED:
            _need(state, num, kind, OPEN)
            _need_lead(ticket, handler, fallback, kind)
            _need_reason(event.reason, kind)
            if ticket.lead == fallback:
                raise LifecycleError("fallback_cannot_return")
        case Move.EXTENSION_ASKED:
            _need_lead(ticket, handler, fallback, kind)
            _need(state, num, kind, {State.ACKNOWLEDGED})
            _need_reason(event.reason, kind)
            days = event.data.get("days")
            if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_EXTENSION_DAYS:
                raise LifecycleError("bad_days")
            if ticket.extension_asked is not None:
                raise LifecycleError("extension_pending", ticket=num, days=ticket.extension_asked)
        case Move.EXTENDED | Move.EXTENSION_REFUSED:
            if handler != fallback:
                raise LifecycleError("only_dispatcher_decides", ticket=num, handler=fallback)
            if ticket.extension_asked is None:
                raise LifecycleError("no_extension_asked", ticket=num)
            if kind is Move.EXTENSION_REFUSED:
                _need_reason(event.reason, kind)
        case Move.RESOLVED:
            # who may resolve it first: "sign for it first" is for its own handler only
            _need_lead(ticket, handler, fallback, kind)
            if state is State.ROUTED:
                raise LifecycleError("not_signed_for", ticket=num)
            _need(state, num, kind, {State.ACKNOWLEDGED})
            if not (event.reason or "").strip():
                raise LifecycleError("text_required")
        case Move.VERIFIED | Move.REOPENED:
            _need(state, num, kind, {State.RESOLVED})
            if who in ticket.verdicts:
                raise LifecycleError("verdict_given", ticket=num)
            if who not in ticket.asked or handler is not None:
                raise LifecycleError("not_your_ticket", ticket=num)
        case Move.CLOSED:
            _need(state, num, kind, {State.RESOLVED})
            _need_system(ticket, who, kind)
        case Move.RATED:
            if who not in ticket.residents or handler is not None:
                raise LifecycleError("not_your_ticket", ticket=num)
            if event.data.get("rating") not in RATINGS:
                raise LifecycleError("bad_rating")
            if who in ticket.rated_by or (not ticket.awaiting_rating and state in (State.RESOLVED, State.CLOSED)):
                raise LifecycleError("already_rated", ticket=num)
            if not ticket.awaiting_rating:
                raise LifecycleError("move_bad_state", ticket=num, state=state, move=kind)
        case Move.REMINDED | Move.ESCALATED | Move.WHISTLED:
            _need(state, num, kind, OPEN)
            _need_system(ticket, who, kind)
            if kind is not Move.REMINDED and not (event.target or event.data.get("summon")):
                raise LifecycleError("reason_required", move=kind)
        case Move.SUPPORTED:
            _need(state, num, kind, OPEN)
            if handler is not None or who == SYSTEM.id:
                raise LifecycleError("not_your_ticket", ticket=num)
        case Move.WITHDRAWN:  # the reporter's own words, or a supporter's support (附议) taken back
            if who not in ticket.residents or handler is not None:
                raise LifecycleError("not_your_ticket", ticket=num)
        case Move.PUBLISHED:  # the reporter's own words: theirs alone to publish
            if who != ticket.reporter or handler is not None:
                raise LifecycleError("publish_reporter_only", ticket=num)
        case Move.EXPEDITED:  # what the words did not tell (a leak that now runs into the wiring): staff raise it
            _need(state, num, kind, OPEN)
            if handler not in (*ticket.handlers, fallback):
                raise LifecycleError("not_handler_of", ticket=num, lead=ticket.lead, move=kind)
            _need_reason(event.reason, kind)
            if PRESSING.get(event.data.get("priority", ""), 0) <= PRESSING.get(ticket.priority, 0):
                raise LifecycleError("priority_highest" if ticket.priority == "emergency" else "priority_not_higher",
                                     ticket=num)
        case Move.LOCATED:
            _need(state, num, kind, OPEN | {State.REPORTED, State.RESOLVED})
            if handler is None and who not in (*ticket.residents, SYSTEM.id):
                raise LifecycleError("not_your_ticket", ticket=num)
            if handler is not None and handler not in (*ticket.handlers, fallback):
                raise LifecycleError("not_handler_of", ticket=num, lead=ticket.lead, move=kind)
            if not any(event.data.get(k) for k in ("grid", "estate", "building", "detail")):
                raise LifecycleError("text_required")


def _need(state: State, num: int, kind: Move, states: frozenset[State] | set[State]) -> None:
    if state not in states:
        raise LifecycleError("move_bad_state", ticket=num, state=state, move=kind)


def _need_lead(ticket: Ticket, handler: str | None, fallback: str, kind: Move, *, dispatcher_too: bool = False) -> None:
    if handler == ticket.lead or (dispatcher_too and handler == fallback):
        return
    raise LifecycleError("not_handler_of", ticket=ticket.id, lead=ticket.lead, move=kind)


def _need_reason(reason: str | None, kind: Move) -> None:
    if not (reason or "").strip():
        raise LifecycleError("reason_required", move=kind)


def _need_system(ticket: Ticket, who: str, kind: Move) -> None:
    if who != SYSTEM.id:
        raise LifecycleError("not_handler_of", ticket=ticket.id, lead=ticket.lead, move=kind)


DEADLINES = ("sign_deadline", "resolve_deadline", "callback_deadline", "choose_deadline")  # the moves may set


def apply(ticket: Ticket | None, event: Event) -> Ticket:
    """Return ``ticket`` after ``event`` (which :func:`check` has accepted); ``None`` before ``reported``."""
    d = event.data
    if event.kind is Move.REPORTED:
        return Ticket(
            id=event.ticket_id, source=d["source"], reporter=event.actor, text=d.get("text", ""),
            created_at=event.at, updated_at=event.at,
            grid=d.get("grid"), estate=d.get("estate"), building=d.get("building"),
            last_seq=event.seq or 0,
        )
    assert ticket is not None, "only a report starts a ticket"
    t = copied(ticket, updated_at=event.at, last_seq=event.seq or ticket.last_seq)  # the move's own copy
    deadlines: dict[str, Any] = {k: _when(d[k]) for k in DEADLINES if k in d} if d else {}
    match event.kind:
        case Move.ROUTED | Move.ASSIGNED:
            co = tuple(d.get("co", ()))  # a matter several departments must handle is a joint ticket from the start
            return _fill(t, state=State.ROUTED, category=d.get("category"), lead=event.target, co=co,
                           priority=d.get("priority", "normal"), rule=event.rule, joint=bool(co), acked_by=(),
                           rulebook_version=d.get("rulebook_version", t.rulebook_version), choose_deadline=None,
                           escalated_to=None, **deadlines)
        case Move.ASKED:
            return _fill(t, options=tuple(d.get("options", ())), **deadlines)
        case Move.ACKNOWLEDGED:
            state = State.ACKNOWLEDGED if event.actor_handler == t.lead else t.state
            return _fill(t, state=state, acked_by=(*t.acked_by, event.actor_handler or ""))
        case Move.TRANSFERRED:
            return _fill(t, state=State.ROUTED, lead=event.target, acked_by=(), escalated_to=None,
                           co=tuple(c for c in t.co if c != event.target), transfers=t.transfers + 1, **deadlines)
        case Move.RETURNED:
            return _fill(t, state=State.ROUTED, lead=event.target, acked_by=(), escalated_to=None,
                           co=tuple(c for c in t.co if c != event.target), returns=t.returns + 1, **deadlines)
        case Move.EXTENSION_ASKED:
            return _fill(t, extension_asked=d.get("days"))
        case Move.EXTENDED:
            return _fill(t, extension_asked=None, **deadlines)
        case Move.EXTENSION_REFUSED:
            return _fill(t, extension_asked=None)
        case Move.RESOLVED:
            return _fill(t, state=State.RESOLVED, awaiting_rating=True, verdicts=(), rated_by=(), **deadlines)
        case Move.VERIFIED:  # closed once every resident who reported it says so
            said = (*t.verdicts, event.actor)
            if all(r in said for r in t.asked):
                return _fill(t, state=State.CLOSED, solved=True, verdicts=said)
            return _fill(t, verdicts=said)
        case Move.REOPENED:  # one "not solved" is enough
            return _fill(t, state=State.ROUTED, solved=False, acked_by=(), reopens=t.reopens + 1, verdicts=(),
                           callback_deadline=None, **deadlines)
        case Move.CLOSED:  # the window ended: solved if anyone said so, unknown if nobody answered
            return _fill(t, state=State.CLOSED, solved=True if t.verdicts else None)
        case Move.RATED:
            rated = (*t.rated_by, event.actor)
            return _fill(t, rating=d["rating"], rated_by=rated,
                           awaiting_rating=any(r not in rated for r in t.residents))
        case Move.ESCALATED:
            return _fill(t, escalated_to=event.target, **deadlines)
        case Move.WHISTLED:
            added = tuple(h for h in d.get("summon", ()) if h not in t.handlers)
            return _fill(t, co=(*t.co, *added), joint=True)
        case Move.SUPPORTED:
            followers = t.followers if event.actor in t.residents else (*t.followers, event.actor)
            return _fill(t, supporters=t.supporters + 1, followers=followers)
        case Move.EXPEDITED:
            return _fill(t, priority=d["priority"], **deadlines)
        case Move.LOCATED:
            return _fill(t, **{k: d[k] for k in ("grid", "estate", "building") if d.get(k)},
                           place_detail=d.get("detail") or t.place_detail)
        case Move.WITHDRAWN if event.actor != t.reporter and event.actor in t.followers:
            # a supporter deleted their "me too": no longer counted, told or asked back (the reporter's ticket stays)
            return _fill(t, supporters=max(0, t.supporters - 1),
                           followers=tuple(f for f in t.followers if f != event.actor))
        case _:  # NOTE, REMINDED, a reporter's WITHDRAWN, PUBLISHED: recorded, no change of state
            return t


_Frozen = TypeVar("_Frozen")


def copied(value: _Frozen, **changes: Any) -> _Frozen:
    """Return a copy of the frozen dataclass ``value`` with ``changes`` to its fields: ``dataclasses.replace``
    without running ``__init__`` again, which sets every field through ``object.__setattr__`` (several times dearer;
    the simulator copies a ticket, an event or a timer at every move).

    >>> from datetime import UTC, datetime
    >>> t = Ticket(1, "m:1", "@a:x", "漏水", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    >>> copied(t, transfers=1).transfers, t.transfers
    (1, 0)
    """
    values = value.__dict__.copy()  # (a whole dictionary copied at once: half the time of filling an empty one)
    values.update(changes)
    if len(values) != len(value.__dict__):  # a name that is no field: the dictionary grew
        raise TypeError(f"{type(value).__name__} has no field {sorted(values.keys() - value.__dict__.keys())}")
    new = object.__new__(type(value))
    _set(new, "__dict__", values)
    return new


_set = object.__setattr__  # (a frozen dataclass refuses its own)


def _fill(new: Ticket, **changes: Any) -> Ticket:
    """Return ``new`` with ``changes`` set: only for a copy :func:`apply` has just made, seen by nobody yet."""
    values = new.__dict__
    size = len(values)
    values.update(changes)
    if len(values) != size:
        raise TypeError(f"Ticket has no field {sorted(changes.keys() - Ticket.__dataclass_fields__.keys())}")
    return new


def _when(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
