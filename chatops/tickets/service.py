"""The ticket service: reports become tickets, moves become events, all in one transaction each."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from chatops.tickets.lifecycle import (
    OPEN,
    PRESSING,
    SYSTEM,
    Actor,
    Event,
    LifecycleError,
    Move,
    State,
    Ticket,
    apply,
    check,
)
from chatops.tickets.store import Store, Timer, Transaction
from rules import Decision, Place, Router
from rules.engine import on_owner_async
from rules.escalation import WHISTLE, Escalation
from rules.normalize import normalize

MAX_REPORT_CHARS = 2000
REMIND_SHARE = 0.25  # a reminder when a quarter of the time is left
Clock = Callable[[], datetime]
DeadlineFn = Callable[[datetime, timedelta, str], datetime]


def utc_now() -> datetime:
    """Return the current time, timezone-aware UTC."""
    return datetime.now(UTC)


def add_duration(start: datetime, limit: timedelta, priority: str) -> datetime:
    """Return ``start + limit``: plain elapsed time, whatever the day (for tests that want it)."""
    return start + limit


@dataclass(frozen=True)
class Receipt:
    """What a report produced: the ticket, whether it is new, and the routing decision (if new)."""

    ticket: Ticket
    created: bool
    decision: Decision | None = None
    joined: bool = False  # the report joined an open ticket of the same matter as support (附议)
    steps: tuple[tuple[Ticket, Ticket, Event], ...] = ()  # (before, after, event) of moves made on the way
    noted: bool = False   # the resident's own open ticket of the matter: the report became a note on it

    @property
    def asked(self) -> bool:
        """Return whether the resident is asked which matter it is before any handler has it."""
        return self.created and self.ticket.awaits_choice


class TicketService:
    """Applies reports and moves to tickets through one lifecycle; the store keeps every event."""

    def __init__(self, store: Store, router: Router, *, clock: Clock = utc_now,
                 deadline: DeadlineFn | None = None) -> None:
        """``deadline`` turns a start and a limit into a deadline; ``None`` is the rulebook's working-day
        clock (:attr:`Rulebook.work_calendar`), :func:`add_duration` plain elapsed time."""
        self.store, self.router, self.clock = store, router, clock
        self.rulebook = router.rulebook
        self.deadline: DeadlineFn = deadline or self.rulebook.work_calendar.deadline
        self._handlers = frozenset(self.rulebook.handler_by_id)

    @asynccontextmanager
    async def _write(self, tx: Transaction | None) -> AsyncIterator[Transaction]:
        """Yield ``tx`` if the caller holds one (its commit is theirs), else a new transaction."""
        if tx is not None:
            yield tx
            return
        async with self.store.write() as own:
            yield own

    async def route(self, text: str) -> Decision:
        """Return the routing decision for ``text`` (the gate's judgement included) without recording it."""
        return await self.router.aroute(text)

    async def report(self, *, source: str, reporter: str, text: str, place: Place | None = None,
                     tx: Transaction | None = None, decision: Decision | None = None) -> Receipt:
        """Return the :class:`Receipt` for a resident's report; the same ``source`` twice gives one ticket.

        ``source`` identifies the message (e.g. ``matrix:$event_id``); ``place`` is what the room already
        tells (its grid), filled in with what the text tells; ``decision`` a routing of ``text`` made
        already. Weak evidence (the decision says ``ask``) makes a ticket that waits for the resident to
        say which matter it is (``asked``); a resident's own open ticket of the same matter gets the
        report as a note. Pass ``tx`` to make the report part of the caller's transaction (with the
        notices it causes, or a batch). Raises :class:`LifecycleError` for an empty or oversized report.
        """
        body = text.replace("\x00", "").strip()  # a NUL means nothing, and PostgreSQL cannot hold one
        if not normalize(body):  # nothing left once invisible and formatting characters are gone
            raise LifecycleError("report_empty")
        if len(body) > MAX_REPORT_CHARS:
            raise LifecycleError("report_too_long", length=len(body), limit=MAX_REPORT_CHARS)
        existing = await (tx or self.store).ticket_by_source(source)
        if existing is not None:
            return Receipt(existing, created=False)
        decision = decision or await self.router.aroute(body)
        where = _merge_place(place, decision.place)
        if where.estate is None and where.building:  # "building 7" where one estate of the grid has a building 7
            where = where._replace(estate=self.rulebook.estate_with(where.grid, where.building))
        async with self._write(tx) as tx:
            existing = await tx.ticket_by_source(source)
            if existing is not None:
                return Receipt(existing, created=False)
            now = self.clock()
            # weak evidence names a matter only as a guess: asked first, it joins nothing (a tester's "有人在吵"
            # became a note on her own lift ticket)
            asking = decision.ask and self.rulebook.intake.ask and decision.priority != "emergency"
            like = None if asking else await self._same_matter(tx, decision.category, decision.priority, where, now)
            if like is not None:
                return await self._support(like, reporter, source, body, where, decision, tx)
            tid = await tx.next_ticket_id()
            reported = await tx.append(Event(
                tid, Move.REPORTED, reporter, now,
                data={"source": source, "text": body, "grid": where.grid, "estate": where.estate,
                      "building": where.building},
            ))
            ticket = apply(None, reported)
            if decision.ask and self.rulebook.intake.ask and decision.priority != "emergency":
                ticket = await self._ask(tx, ticket, decision, now)
            else:
                ticket = apply(ticket, await tx.append(self._routed(tid, decision, now)))
            await tx.save_ticket(ticket)
            await tx.schedule(timers_for(ticket, now))
        return Receipt(ticket, created=True, decision=decision)

    async def _same_matter(self, tx: Transaction, category: str | None, priority: str, where: Place, now: datetime,
                           *, besides: int | None = None) -> Ticket | None:
        """Return the oldest open ticket a report of ``category`` at ``where`` is the same matter as (within the
        rulebook's duplicate window, at the category's ``joins`` scope), other than ticket ``besides``."""
        if not self.rulebook.duplicates.enabled or category is None or where.grid is None:
            return None
        alike = await tx.open_like(category, where.grid, now - self.rulebook.duplicates.window)
        scope = "building" if priority == "emergency" else \
            getattr(self.rulebook.category_by_id.get(category), "joins", "grid")
        return next((t for t in alike if t.id != besides and _joins(t, priority, where, scope)), None)

    async def same_matter(self, tx: Transaction, ticket: Ticket) -> Ticket | None:
        """Return another open ticket that ``ticket`` (placed after it was reported) is the same matter as, had
        its place been known at once, or ``None``: the handler is told the two may be one."""
        return await self._same_matter(tx, ticket.category, ticket.priority,
                                       Place(ticket.grid, ticket.estate, ticket.building), self.clock(),
                                       besides=ticket.id)

    def _routed(self, ticket_id: int, decision: Decision, now: datetime, **extra: Any) -> Event:
        """Return the ``routed`` event of ``decision``: its rule, evidence, source and deadlines."""
        return Event(
            ticket_id, Move.ROUTED, SYSTEM.id, now, target=decision.lead, rule=decision.rule,
            data={
                "category": decision.category, "co": list(decision.co), "priority": decision.priority,
                "matched": list(decision.matched), "rulebook_version": decision.rulebook_version,
                "unclassified": decision.unclassified, "escalation": list(decision.escalation),
                "urgent": list(decision.urgent), "source": decision.source.kind,
                **({"model": decision.source.model, "model_label": decision.source.label,
                    "model_score": round(decision.source.score or 0.0, 4)} if decision.source.model else {}),
                **{f"model_{name}": round(value, 4) for name, value in (("emergency", decision.source.alarm),
                                                                    ("report", decision.source.report))
                   if value is not None},
                "sign_deadline": self.deadline(now, decision.sign_for, decision.priority).isoformat(),
                "resolve_deadline": self.deadline(now, decision.resolve, decision.priority).isoformat(),
                **extra,
            },
        )

    async def _ask(self, tx: Transaction, ticket: Ticket, decision: Decision, now: datetime) -> Ticket:
        """Record that the resident is asked which of the decision's options the matter is (``asked``)."""
        options = [f"{o.category or ''}/{o.lead}" for o in decision.options]
        due = now + self.rulebook.intake.choose_window  # plain minutes: a resident answers or not, any day
        event = await tx.append(Event(
            ticket.id, Move.ASKED, SYSTEM.id, now, rule=decision.rule,
            data={"options": options, "choose_deadline": due.isoformat(), "matched": list(decision.matched),
                  "source": decision.source.kind, "rulebook_version": decision.rulebook_version},
        ))
        return apply(ticket, event)

    async def choose(self, ticket_id: int, actor: Actor, option: int, *,
                     tx: Transaction | None = None) -> tuple[Ticket, Ticket, Event]:
        """Return ``(before, after, event)`` once the resident picks option ``option`` (1-based) of an asked
        ticket, or ``0`` for none of them (the street office triages it). Raises :class:`LifecycleError`
        if the ticket is not waiting for this resident's choice or there is no such option."""
        async with self._write(tx) as tx:
            ticket = await tx.ticket(ticket_id)
            if ticket is None or not ticket.awaits_choice:
                raise LifecycleError("no_choice_asked", ticket=ticket_id)
            if actor.id != ticket.reporter:
                raise LifecycleError("not_your_ticket", ticket=ticket_id)
            if not 0 <= option <= len(ticket.options):
                raise LifecycleError("bad_option", count=len(ticket.options))
            if option == 0:
                return await self._triage(tx, ticket, "choice.none")
            category, _, lead = ticket.options[option - 1].partition("/")
            decision = await self._decide(category or None, lead)
            return await self._route_asked(tx, ticket, decision, chosen=option)

    async def triage(self, ticket_id: int, rule: str, *, tx: Transaction | None = None
                     ) -> tuple[Ticket, Ticket, Event]:
        """Return ``(before, after, event)`` after an asked ticket goes to the street office to triage
        (分拨) because of ``rule`` (the resident did not pick in time, or picked none)."""
        async with self._write(tx) as tx:
            ticket = await tx.ticket(ticket_id)
            if ticket is None or not ticket.awaits_choice:
                raise LifecycleError("no_choice_asked", ticket=ticket_id)
            return await self._triage(tx, ticket, rule)

    async def _triage(self, tx: Transaction, ticket: Ticket, rule: str) -> tuple[Ticket, Ticket, Event]:
        decision = await self._decide(None, None)
        return await self._route_asked(tx, ticket, decision, rule=rule, triage=True)

    async def _decide(self, category: str | None, lead: str | None) -> Decision:
        handler = None if category else lead
        return await on_owner_async(lambda: self.router.decide(category, handler=handler))

    async def _route_asked(self, tx: Transaction, ticket: Ticket, decision: Decision, *, rule: str | None = None,
                           **extra: Any) -> tuple[Ticket, Ticket, Event]:
        now = self.clock()
        event = self._routed(ticket.id, decision, now, **extra)
        if rule is not None:
            event = replace(event, rule=rule)
        check(ticket, event, fallback=self.rulebook.fallback, handlers=self._handlers)
        event = await tx.append(event)
        after = apply(ticket, event)
        await tx.save_ticket(after)
        await tx.schedule(timers_for(after, now))
        return ticket, after, event

    async def assign(self, ticket_id: int, actor: Actor, target: str, category: str | None, *,
                     tx: Transaction | None = None) -> tuple[Ticket, Ticket, Event]:
        """Return ``(before, after, event)`` after the street office assigns (分拨) a ticket of no known
        category to ``target`` as ``category`` (or none): fresh limits, the engine's rule named."""
        decision = await self._decide(category, target)
        async with self._write(tx) as tx:
            ticket = await tx.ticket(ticket_id)
            now = self.clock()
            routed = self._routed(ticket_id, decision, now)
            event = Event(ticket_id, Move.ASSIGNED, actor.id, now, actor_handler=actor.handler, target=target,
                          rule=decision.rule, data=routed.data)
            check(ticket, event, fallback=self.rulebook.fallback, handlers=self._handlers)
            assert ticket is not None
            event = await tx.append(event)
            after = apply(ticket, event)
            await tx.save_ticket(after)
            await tx.schedule(timers_for(after, now))
        return ticket, after, event

    async def support(self, ticket_id: int, *, source: str, reporter: str, text: str, tx: Transaction) -> Receipt:
        """Return the receipt of a resident's "me too" said of ticket ``ticket_id`` (in its thread): support that
        counts toward a whistle, or a note when the ticket is the resident's own (the lifecycle refuses it unless
        open)."""
        ticket = await tx.ticket(ticket_id)
        if ticket is None:
            raise LifecycleError("ticket_unknown", ticket=ticket_id)
        body = text.replace("\x00", "").strip()[:MAX_REPORT_CHARS]
        return await self._support(ticket, reporter, source, body, Place(), None, tx)

    async def _support(self, ticket: Ticket, reporter: str, source: str, body: str, where: Place,
                       decision: Decision | None, tx: Transaction) -> Receipt:
        """Return the receipt of a report that joins open ``ticket`` as support, whistling if it is enough; a
        resident's own ticket gets the report as a note instead (new facts reach the handler)."""
        if (reporter in ticket.residents and _words(body) == _words(ticket.text)) or \
                await tx.heard_from(ticket.id, source):  # the same words, or the same message, again: nothing new
            return Receipt(ticket, created=False)
        if reporter in ticket.residents:
            after, event = await self.act_event(ticket.id, Actor(reporter), Move.NOTE, reason=body, tx=tx,
                                                data={"source": source})
            return Receipt(after, created=False, decision=decision, joined=True, steps=((ticket, after, event),),
                           noted=True)
        after, event = await self.act_event(
            ticket.id, Actor(reporter), Move.SUPPORTED, tx=tx,
            data={"source": source, "text": body, "estate": where.estate, "building": where.building})
        steps = [(ticket, after, event)]
        whistle = self.rulebook.whistle_for(after.category)
        # whistle once: until it is joint and everyone the whistle summons is on it
        if whistle is not None and (not after.joint or any(h not in after.handlers for h in whistle.summon)):
            count = await tx.reports_since(after.id, self.clock() - whistle.window)
            rule, step = await self.escalation.areports(after.category or "", count)
            if step.action == WHISTLE:
                summon = [h for h in step.summon if h not in after.handlers]
                joint, whistled = await self.act_event(after.id, SYSTEM, Move.WHISTLED, tx=tx, rule=rule,
                                                       target=after.lead, data={"summon": summon, "reports": count})
                steps.append((after, joint, whistled))
                after = joint
        return Receipt(after, created=False, decision=decision, joined=True, steps=tuple(steps))

    @cached_property
    def escalation(self) -> Escalation:
        """Return the rulebook's escalation and whistle ruleset (registered once)."""
        return Escalation(self.rulebook)

    async def act(self, ticket_id: int, actor: Actor, move: Move, *, target: str | None = None,
                  reason: str | None = None, data: dict[str, Any] | None = None,
                  tx: Transaction | None = None, rule: str | None = None) -> Ticket:
        """Return the ticket after ``actor`` makes ``move``; raise :class:`LifecycleError` if refused.

        With ``tx`` the move joins the caller's transaction; a refusal then writes nothing either.
        """
        return (await self.act_event(ticket_id, actor, move, target=target, reason=reason, data=data, tx=tx,
                                     rule=rule))[0]

    async def act_event(self, ticket_id: int, actor: Actor, move: Move, *, target: str | None = None,
                        reason: str | None = None, data: dict[str, Any] | None = None,
                        tx: Transaction | None = None, rule: str | None = None,
                        known: Ticket | None = None) -> tuple[Ticket, Event]:
        """Return the ticket after the move and the event that recorded it (see :meth:`act`); ``rule`` names
        the rule that made a system move (a reminder, an escalation, a whistle, a close); ``known`` is the
        ticket as the caller just read it in ``tx`` (saves reading it again)."""
        if move in (Move.REPORTED, Move.ROUTED):
            raise ValueError("reports enter through TicketService.report")
        if tx is None:
            async with self.store.write() as own:
                return await self._act_in(own, ticket_id, actor, move, target, reason, data, rule, known)
        return await self._act_in(tx, ticket_id, actor, move, target, reason, data, rule, known)

    async def _act_in(self, tx: Transaction, ticket_id: int, actor: Actor, move: Move, target: str | None,
                      reason: str | None, data: dict[str, Any] | None, rule: str | None,
                      known: Ticket | None) -> tuple[Ticket, Event]:
        ticket = known or await tx.ticket(ticket_id)
        now = self.clock()
        payload = dict(data) if data else {}
        if move is Move.RETURNED:
            target = self.rulebook.fallback
        if ticket is not None:
            payload.update(self._deadlines(ticket, move, now, payload))
        event = Event(ticket_id, move, actor.id, now, actor_handler=actor.handler, target=target,
                      reason=reason.strip() if reason else reason, rule=rule, data=payload)
        check(ticket, event, fallback=self.rulebook.fallback, handlers=self._handlers)
        event = await tx.append(event)
        after = apply(ticket, event)
        await tx.save_ticket(after)
        if ticket is None or _timed(after) != _timed(ticket):  # else every timer it could set is set already
            await tx.schedule(timers_for(after, now))
        return after, event

    def _deadlines(self, ticket: Ticket, move: Move, now: datetime, data: dict[str, Any]) -> dict[str, str]:
        """Return the new deadlines a move sets: a fresh clock for a new holder, more days for an extension
        (counted on the same clock as the limits: working days unless the matter is urgent), the end of the
        call-back after a resolve."""
        if move in (Move.TRANSFERRED, Move.RETURNED, Move.REOPENED):
            limits = self.rulebook.limits_for(ticket.category, ticket.priority)
            return {"sign_deadline": self.deadline(now, limits.sign_for, ticket.priority).isoformat(),
                    "resolve_deadline": self.deadline(now, limits.resolve, ticket.priority).isoformat()}
        if move is Move.EXPEDITED and data.get("priority") in PRESSING:  # the new priority's limits, if sooner
            limits, prio = self.rulebook.limits_for(ticket.category, data["priority"]), data["priority"]
            sooner = {"sign_deadline": (self.deadline(now, limits.sign_for, prio), ticket.sign_deadline,
                                        ticket.state is State.ROUTED),
                      "resolve_deadline": (self.deadline(now, limits.resolve, prio), ticket.resolve_deadline, True)}
            return {k: new.isoformat() for k, (new, old, waiting) in sooner.items()
                    if waiting and (old is None or new < old)}
        if move is Move.RESOLVED:  # the call-back window: residents silent until then no longer hold it open
            return {"callback_deadline": self.deadline(now, self.rulebook.callback.window, "normal").isoformat()}
        if move is Move.EXTENDED and ticket.extension_asked and ticket.resolve_deadline:
            data["days"] = ticket.extension_asked  # the days asked for, on the rulebook's working-day clock
            later = self.deadline(ticket.resolve_deadline, timedelta(days=ticket.extension_asked), ticket.priority)
            return {"resolve_deadline": later.isoformat()}
        return {}

    # the moves by name, for callers that prefer them to act()
    async def acknowledge(self, ticket_id: int, actor: Actor) -> Ticket:
        return await self.act(ticket_id, actor, Move.ACKNOWLEDGED)

    async def note(self, ticket_id: int, actor: Actor, text: str) -> Ticket:
        return await self.act(ticket_id, actor, Move.NOTE, reason=text)

    async def transfer(self, ticket_id: int, actor: Actor, to: str, reason: str) -> Ticket:
        return await self.act(ticket_id, actor, Move.TRANSFERRED, target=to, reason=reason)

    async def return_(self, ticket_id: int, actor: Actor, reason: str) -> Ticket:
        return await self.act(ticket_id, actor, Move.RETURNED, reason=reason)

    async def extend(self, ticket_id: int, actor: Actor, days: int, reason: str) -> Ticket:
        """Return the ticket after its lead asks for ``days`` more (the street office decides)."""
        return await self.act(ticket_id, actor, Move.EXTENSION_ASKED, reason=reason, data={"days": days})

    async def decide_extension(self, ticket_id: int, actor: Actor, approve: bool, reason: str | None = None) -> Ticket:
        """Return the ticket after the street office approves or refuses the extension asked for."""
        return await self.act(ticket_id, actor, Move.EXTENDED if approve else Move.EXTENSION_REFUSED, reason=reason)

    async def resolve(self, ticket_id: int, actor: Actor, text: str) -> Ticket:
        return await self.act(ticket_id, actor, Move.RESOLVED, reason=text)

    async def verdict(self, ticket_id: int, actor: Actor, solved: bool) -> Ticket:
        """Return the ticket after the resident says it is solved (closed) or not (reopened)."""
        return await self.act(ticket_id, actor, Move.VERIFIED if solved else Move.REOPENED)

    async def rate(self, ticket_id: int, actor: Actor, rating: str) -> Ticket:
        return await self.act(ticket_id, actor, Move.RATED, data={"rating": rating})

    async def rebuild_check(self) -> list[int]:
        """Return the ids of tickets whose stored projection differs from a fold of their events."""
        folded: dict[int, Ticket] = {}
        for event in await self.store.events():
            folded[event.ticket_id] = apply(folded.get(event.ticket_id), event)
        stored = {t.id: t for t in await self.store.tickets(limit=1 << 62)}
        return sorted(i for i in folded.keys() | stored.keys() if folded.get(i) != stored.get(i))


def _timed(ticket: Ticket) -> tuple[Any, ...]:
    """Return what :func:`timers_for` reads of ``ticket``: a move that changes none of it sets no new timer (as
    time passes it only drops reminders already due, and the store keeps each timer once).

    >>> from datetime import UTC, datetime
    >>> t = Ticket(1, "m:1", "@a:x", "漏水", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    >>> _timed(t) == _timed(replace(t, supporters=2)), _timed(t) == _timed(replace(t, state=State.ROUTED))
    (True, False)
    """
    return (ticket.state, ticket.sign_deadline, ticket.resolve_deadline, ticket.callback_deadline,
            ticket.choose_deadline, ticket.options)


def timers_for(ticket: Ticket, now: datetime) -> list[Timer]:
    """Return the reminders and deadlines ``ticket`` has now: signing while it waits for a handler,
    resolving while it is open, the end of the call-back while residents are asked, the end of the
    choice while the resident is asked which matter it is. A reminder comes when
    three quarters of the time to sign or resolve are gone."""
    if ticket.state is State.RESOLVED:
        ref = ticket.callback_deadline
        return [] if ref is None else [Timer(ticket.id, "lapse", "callback", ref, ref)]
    if ticket.awaits_choice:
        ref = ticket.choose_deadline
        return [] if ref is None else [Timer(ticket.id, "lapse", "choice", ref, ref)]
    out: list[Timer] = []
    for deadline, ref, waiting in (("sign", ticket.sign_deadline, ticket.state is State.ROUTED),
                                   ("resolve", ticket.resolve_deadline, ticket.state in OPEN)):
        if ref is None or not waiting:
            continue
        remind = ref - (ref - now) * REMIND_SHARE
        if now < remind < ref:
            out.append(Timer(ticket.id, "remind", deadline, remind, ref))
        out.append(Timer(ticket.id, "overdue", deadline, ref, ref))
    return out


def _joins(ticket: Ticket, priority: str, where: Place, scope: str) -> bool:
    """Return whether a report of ``priority`` at ``where`` may join open ``ticket`` (of its category, in its
    grid): not an emergency reported on top of an ordinary matter (an old man fallen into the open manhole is a
    new emergency for its own handler, not a note on the missing cover), and not at another estate (``scope``
    ``estate``) or building (``building``) than the ticket's: a second fire, or another building's lift, is a
    matter of its own. A place either side does not say never keeps an ordinary matter apart; an emergency
    joins only an emergency told at the very same place (both unplaced, or the same estate and building): a
    fainting in 和平里1号楼 is not the fainting someone told without a place, and a second ticket costs a
    handler a glance where a merged one could cost a life."""
    if priority == "emergency" and ticket.priority != "emergency":
        return False
    if priority == "emergency":  # a named place never joins an emergency told elsewhere or nowhere (and back)
        return (ticket.estate, ticket.building) == (where.estate, where.building)
    sides = {"grid": (), "estate": ((ticket.estate, where.estate),),
             "building": ((ticket.estate, where.estate), (ticket.building, where.building))}[scope]
    return all(there is None or here is None or there == here for there, here in sides)


def _words(text: str) -> str:
    """Return ``text``'s letters and digits, normalised: the same words however punctuated.

    >>> _words("3号楼电梯又坏了！") == _words("3号楼 电梯又坏了")
    True
    """
    return "".join(ch for ch in normalize(text) if ch.isalnum())


def _merge_place(hint: Place | None, found: Place) -> Place:
    """Return where a report is: what its words name (an estate's grid among it), else what the room or thread it
    was said in tells (``hint``). A resident of one grid's room may report an estate of another grid, and it is
    that grid's matter (a tester's 馨园 report in the first grid's room was a second ticket for the same outage).

    >>> _merge_place(Place("grid1"), Place("grid2", "xinyuan", "3")), _merge_place(Place("grid1", "anju"), Place())
    (Place(grid='grid2', estate='xinyuan', building='3'), Place(grid='grid1', estate='anju', building=None))
    """
    if hint is None:
        return found
    return Place(found.grid or hint.grid, found.estate or hint.estate, found.building or hint.building)


