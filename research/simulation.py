"""A community simulator: synthetic residents report, handlers act, and the real ticket service keeps the log.

Residents' reports go through the real :class:`rules.Router` and :class:`chatops.tickets.service.TicketService`
under a simulated clock; handlers sign for, pass on, return, extend and resolve; residents confirm and
rate. Time is kept by the live scheduler's own path: every reminder and deadline the service sets is a
timer, fired when it comes due by :meth:`chatops.tickets.scheduler.Scheduler.fire` (the rule engine
picks the step: remind, escalate, flag the top of the chain, close a call-back, triage). The whistle
blows in the service when one grid reports one matter often enough. The simulator plays the part of the
chat transport (it calls the service as the conversation layer would), so its event log is a live one's.

Every random choice comes from ``seed``: what residents say from one ``random.Random`` (drawn ahead, so reports
are routed in chunks), everything else from another; the same rulebook, configuration and seed give the same log,
event for event. A run can be shared by processes (``SimConfig.workers``): each
simulates whole grids (a grid's reports, duplicates and whistles stay together) with its own random
stream drawn from the seed, and one process writes their moves into the store in the order of time,
numbered as a single process numbers them; the same seed and number of workers give the same log.

>>> import tempfile
>>> from research.simulation import simulate
>>> summary = simulate(tempfile.mkdtemp() + "/sim.sqlite", tickets=200, seed=1)
>>> summary.tickets
200
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import heapq
import itertools
import math
import os
import pickle
import random
import subprocess
import sys
import time
import traceback
import warnings
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, cast

from chatops.tickets.lifecycle import Actor, Event, LifecycleError, Move, State, Ticket
from chatops.tickets.scheduler import Scheduler, still_due
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store, Timer
from chatops.tickets.store.store import TICKET_FIELDS, event_row, ticket_row
from research.batch import MemoryBatch
from research.community import (
    Community,
    Resident,
    build_community,
    category_weight,
    fix_hours,
    report_text,
    sign_delay_hours,
    time_weight,
)
from rules import Category, Decision, Place, Router, Rulebook, load_rulebook
from rules.engine import run_owned
from rules.heap import paused, settled

MAX_PASSES = 5  # after this many hand-overs the holder keeps the ticket
MAX_REOPENS = 2  # a resident gives up after asking twice
ROUTE_CHUNK = 256  # reports drawn and routed together: the router's model judges them in one pass
HOUR = 3600.0
DAY = 86400.0


@dataclass(frozen=True)
class SimConfig:
    """What to simulate. ``households=None`` sizes the community to about three reports per household a year.

    ``burst_share`` of the tickets come in bursts (one grid, one whistle category, within the whistle's
    window), ``vague_share`` name nothing the rulebook knows, ``mixed_share`` mention a second matter
    (so routing may pick the other one), ``answer_share`` of residents answer the call-back (the others
    let its window close it). The run stops ``drain_days`` after the last report: later tickets are
    still open, as in a live log. ``workers`` processes share a run (see :func:`simulate`).
    """

    tickets: int = 1000
    seed: int = 0
    start: datetime = datetime(2026, 1, 1, tzinfo=UTC)
    days: float = 365.0
    households: int | None = None
    staff_per_handler: int = 3
    burst_share: float = 0.03
    vague_share: float = 0.03
    mixed_share: float = 0.08
    answer_share: float = 0.85
    drain_days: float = 30.0
    batch_events: int = 50_000
    workers: int = 1


@dataclass(frozen=True)
class SimSummary:
    """What a run made: counts by kind of event, the wall time, and the simulated span."""

    path: Path
    tickets: int
    events: int
    seconds: float
    first: datetime
    last: datetime
    moves: dict[str, int] = field(default_factory=dict)
    refused: int = 0

    @property
    def tickets_per_second(self) -> float:
        return self.tickets / self.seconds if self.seconds else 0.0


Progress = Callable[[int, int, int, float], None]  # (tickets made, tickets asked for, events, seconds)


_Action = tuple[float, int, Callable[..., Any], int, int, Any]  # (when, order, step, ticket, epoch, argument)


class _Calendar:
    """The actions a run has pending, taken in the order of (when, order): a slot per hour of the run, each a plain
    list until its hour comes and a heap from then on, so taking the next compares a few hundred actions of one
    hour, not the hundreds of thousands pending (a heap of them all cost a run more than its lifecycle's checks).

    >>> cal = _Calendar(10 * HOUR)
    >>> for when, order in ((7200.0, 1), (30.0, 2), (7200.0, 0), (3.0, 3)):
    ...     cal.push((when, order, print, 0, 0, None))
    >>> cal.first(), [cal.pop()[:2] for _ in range(len(cal))], cal.first()
    (3.0, [(3.0, 3), (30.0, 2), (7200.0, 0), (7200.0, 1)], None)
    """

    __slots__ = ("hour", "size", "slots")

    def __init__(self, horizon_s: float) -> None:
        self.slots: list[list[_Action]] = [[] for _ in range(int(horizon_s // HOUR) + 1)]
        self.hour = 0  # every slot before it is empty; its own is a heap; the later ones plain lists
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def push(self, action: _Action) -> None:
        """Keep ``action`` (at most the horizon's time)."""
        hour = int(action[0] // HOUR)
        self.size += 1
        if hour > self.hour:
            self.slots[hour].append(action)
            return
        if hour < self.hour:  # before the next pending one (an arrival came first): its hour is the current one
            self.hour = hour  # (its slot is empty, so a heap)
        heapq.heappush(self.slots[hour], action)

    def first(self) -> float | None:
        """Return when the next action is due, ``None`` if none is pending."""
        if not self.size:
            return None
        slot = self.slots[self.hour]
        while not slot:
            self.hour += 1
            slot = self.slots[self.hour]
            heapq.heapify(slot)
        return slot[0][0]

    def pop(self) -> _Action:
        """Return the next action and forget it (one must be pending)."""
        self.first()
        self.size -= 1
        return heapq.heappop(self.slots[self.hour])


@dataclass(slots=True)
class _Case:
    """What the simulator knows about one ticket beyond the ticket itself."""

    owner: str | None  # whose matter it really is (the lead of the category the resident meant)
    epoch: int = 0  # bumped at every hand-over: actions scheduled for an older holder lapse
    came_from: str | None = None
    passes: int = 0
    pending: int = 0  # scheduled actions (and timers) not yet run


class Simulation:
    """One run. Use :func:`simulate` (or ``await Simulation(...).run()`` inside an event loop)."""

    def __init__(self, store: Store | None, router: Router, config: SimConfig, *, batched: bool = True,
                 progress: Progress | None = None, part: int = 0,
                 send: Callable[[list[Event], list[Ticket], int, int], None] | None = None) -> None:
        self.store, self.router, self.config, self.progress = store, router, config, progress
        self.book: Rulebook = router.rulebook
        self.rng = random.Random(config.seed)
        voices = f"{config.seed}/reports"  # what residents say: a stream of its own, drawn ahead of the moves
        households = config.households or max(20, math.ceil(config.tickets * 365 / max(config.days, 1) / 3))
        self.community: Community = build_community(self.book, self.rng, households=households,
                                                    staff_per_handler=config.staff_per_handler)
        # part ``part`` of ``config.workers``: its grids' residents, its share of the reports, its own random stream
        self.send, self.source = send, f"sim:{config.seed}:"
        self.tickets, self.residents, self.activity = config.tickets, self.community.residents, self.community.activity
        self.grids = sorted(self.community.by_grid)
        if config.workers > 1:
            parts = _parts(self.community, config.workers)
            self.grids = parts[part]
            mine = sorted(i for g in self.grids for i in self.community.by_grid[g])
            self.residents = [self.community.residents[i] for i in mine]
            self.activity = list(itertools.accumulate(_weight(self.community.activity, i) for i in mine))
            self.tickets = _shares(self.community, parts, config.tickets)[part]
            self.rng = random.Random(f"{config.seed}/{part}/{len(parts)}")
            voices = f"{config.seed}/{part}/{len(parts)}/reports"
            self.source = f"sim:{config.seed}:{part + 1}."
        self.voices = random.Random(voices)
        self.now_s = 0.0
        # a part of a run has no store of its own: every move is in its batch, sent to the process that writes
        self.service = TicketService(cast(Store, store), router, clock=self._clock)
        self.scheduler = Scheduler(cast(Store, store), self.service)
        self.batch = MemoryBatch() if batched else None
        self._last_timer = 0  # without a batch: the store's timers seen so far
        self.counter = itertools.count()
        self.cases: dict[int, _Case] = {}
        self.view: dict[int, Ticket] = {}
        self.made = self.events = self.refused = 0
        self.moves: dict[str, int] = {}
        self.horizon = (config.days + config.drain_days) * DAY
        self.calendar = _Calendar(self.horizon)
        self._done: list[int] = []
        self._clock_s, self._now = 0.0, config.start
        self._fire_timer = self._fire  # one bound method: the loop knows a timer on the calendar by it

    def _clock(self) -> datetime:
        if self.now_s != self._clock_s:  # asked several times a step: worked out once a step
            self._clock_s, self._now = self.now_s, self.config.start + timedelta(seconds=self.now_s)
        return self._now

    # ---------------------------------------------------------------- scheduling and acting
    def _at(self, delay_s: float, fn: Callable[..., Any], tid: int, epoch: int, arg: Any = None) -> None:
        when = self.now_s + max(delay_s, 1.0)
        if when > self.horizon:
            return
        self.cases[tid].pending += 1
        self.calendar.push((when, next(self.counter), fn, tid, epoch, arg))

    async def _act(self, tid: int, actor: Actor, move: Move, **kw: Any) -> Ticket | None:
        try:
            ticket = await self.service.act(tid, actor, move, tx=self.batch, **kw)  # type: ignore[arg-type]
        except LifecycleError:
            self.refused += 1  # a move the lifecycle refuses is dropped, as a live bot would
            return None
        self.view[tid] = ticket
        self.events += 1
        self.moves[move.value] = self.moves.get(move.value, 0) + 1
        return ticket

    def _count(self, tid: int, after: Ticket, event: Event) -> None:
        self.view[tid] = after
        self.events += 1
        self.moves[str(event.kind)] = self.moves.get(str(event.kind), 0) + 1

    # ---------------------------------------------------------------- time: the live scheduler's path
    async def _timers(self) -> None:
        """Put the timers the last moves set on the simulation's calendar, each at its own time."""
        if self.batch is not None:
            if not self.batch.has_new_timers:
                return
            new = self.batch.take_timers()
        else:
            assert self.store is not None  # unbatched: a run of one process, with its store
            new = await self.store.timers_since(self._last_timer)
            self._last_timer = max((t.id or 0 for t in new), default=self._last_timer)
        for timer in new:
            if timer.ticket_id in self.cases:
                self._at((timer.due_at - self._clock()).total_seconds(), self._fire_timer, timer.ticket_id, 0, timer)

    async def _fire(self, tid: int, epoch: int, timer: Timer) -> None:
        """Fire ``timer`` as the live scheduler does: the rule engine picks the step, the service records it."""
        if self.batch is not None:
            fired = await self.scheduler.fire(self.batch, timer)  # type: ignore[arg-type]
        else:
            async with cast(Store, self.store).write() as tx:
                fired = await self.scheduler.fire(tx, timer)
        if fired is None:
            return
        _before, after, event = fired
        self._count(tid, after, event)
        if event.kind is Move.ROUTED:  # nobody picked a matter in time: the street office triages it
            self.cases[tid].epoch += 1
            self._routed(after)

    def _staff(self, handler: str) -> Actor:
        return Actor(self.rng.choice(self.community.staff[handler]), handler)

    def _hours(self, h: float) -> float:
        return h * HOUR

    # ---------------------------------------------------------------- arrivals
    def _arrival_times(self) -> Iterator[tuple[float, Any]]:
        """Yield (seconds from start, burst spec or None) in time order: regular reports and bursts."""
        cfg, rng, book = self.config, self.rng, self.book
        n_burst_target = int(self.tickets * cfg.burst_share) if book.whistles and self.grids else 0
        bursts: list[tuple[float, Any]] = []
        grids = self.grids
        while len(bursts) < n_burst_target:
            w = rng.choice(book.whistles)
            grid = rng.choice(grids)
            size = min(w.threshold + rng.randint(0, 3), n_burst_target - len(bursts), len(self.community.by_grid[grid]))
            start = rng.random() * cfg.days * DAY
            span = w.window.total_seconds() * 0.8
            people = rng.sample(self.community.by_grid[grid], size)
            bursts.extend((start + rng.random() * span, (who, w.category)) for who in people)
        bursts.sort(key=lambda b: b[0])
        n_regular = self.tickets - len(bursts)
        hours = max(1, int(cfg.days * 24))
        cum, total = [], 0.0
        volume = {m: sum(category_weight(c, self.community.category_weights[c.id], m) for c in book.categories)
                  for m in range(1, 13)}
        for h in range(hours):
            at = cfg.start + timedelta(hours=h)
            total += time_weight(at) * volume[at.month]
            cum.append(total)
        regular = sorted((b + rng.random()) * HOUR for b in rng.choices(range(hours), cum_weights=cum, k=n_regular))
        return heapq.merge(((t, None) for t in regular), bursts, key=lambda x: x[0])

    def _month_choices(self) -> dict[int, list[float]]:
        out = {}
        for m in range(1, 13):
            total, cum = 0.0, []
            for c in self.book.categories:
                total += category_weight(c, self.community.category_weights[c.id], m)
                cum.append(total)
            out[m] = cum
        return out

    def _reports(self) -> Iterator[tuple[float, Resident, Category | None, str, Decision]]:
        """Yield every report in time order: when (seconds from the start), who, the matter meant (``None``: one
        no rule knows), the text and the router's decision. What residents say comes from a stream of its own
        (``self.voices``), so reports are drawn ahead of the moves and routed ``ROUTE_CHUNK`` at a time: the
        router's model judges a chunk in one pass, where one report at a time cost three times as much."""
        rng, com, book, cfg = self.voices, self.community, self.book, self.config
        month_cum = self._month_choices()
        arrivals = self._arrival_times()
        while chunk := list(itertools.islice(arrivals, ROUTE_CHUNK)):
            drawn: list[tuple[float, Resident, Category | None, str]] = []
            for at, spec in chunk:
                other = None
                if spec is None:
                    who = self.residents[bisect.bisect_left(self.activity, rng.random() * self.activity[-1])]
                    if rng.random() < cfg.vague_share:
                        meant = None
                    else:
                        month = (cfg.start + timedelta(seconds=at)).month
                        meant = rng.choices(book.categories, cum_weights=month_cum[month])[0]
                        if rng.random() < cfg.mixed_share:
                            other = rng.choice(book.categories)
                else:
                    who, meant = com.residents[spec[0]], book.category_by_id[spec[1]]
                drawn.append((at, who, meant, report_text(meant, who, book, rng, other)))
            decisions = self.router.route_many([text for _at, _who, _meant, text in drawn])
            yield from ((*d, decision) for d, decision in zip(drawn, decisions, strict=True))

    async def _arrive(self, who: Resident, meant: Category | None, text: str, decision: Decision) -> None:
        rng, book = self.rng, self.book
        receipt = await self.service.report(source=f"{self.source}{self.made + 1}", reporter=who.id, text=text,
                                            place=Place(who.grid), tx=self.batch,  # type: ignore[arg-type]
                                            decision=decision)
        t = receipt.ticket
        self.made += 1
        if receipt.joined:  # the same matter in the same grid is open: the report supports it (附议)
            for _before, after, event in receipt.steps:
                self._count(after.id, after, event)
                if event.kind is Move.WHISTLED:  # enough reports: the service blew the whistle
                    for h in event.data.get("summon", ()):
                        self._at(self._hours(sign_delay_hours(self.community.behaviour[h], after.priority, self.rng)),
                                 self._co_sign, after.id, self.cases[after.id].epoch, h)
            return
        self.events += 2
        self.moves["reported"] = self.moves.get("reported", 0) + 1
        self.view[t.id] = t
        self.cases[t.id] = _Case(meant.lead if meant else None)
        if receipt.asked:  # weak evidence: the resident is asked which matter it is; most answer in minutes
            self.moves["asked"] = self.moves.get("asked", 0) + 1
            window = book.intake.choose_window.total_seconds()
            if rng.random() < 0.8:  # the others let the choice lapse: the scheduler's timer triages it
                self._at(rng.uniform(60, window * 0.9), self._choose, t.id, 0, (who.id, meant))
            return
        self.moves["routed"] = self.moves.get("routed", 0) + 1
        self._routed(t)

    def _routed(self, t: Ticket) -> None:
        self._hand_to(t, t.lead or self.book.fallback)
        for co in t.co:
            self._at(self._hours(sign_delay_hours(self.community.behaviour[co], t.priority, self.rng)),
                     self._co_sign, t.id, self.cases[t.id].epoch, co)

    async def _routed_by(self, tid: int, step: Any) -> None:
        """Record a routing the service made after asking (a resident's pick, a triage, an assignment)."""
        try:
            _before, after, event = await step
        except LifecycleError:
            self.refused += 1
            return
        self._count(tid, after, event)
        self.cases[tid].epoch += 1
        self._routed(after)

    async def _choose(self, tid: int, epoch: int, arg: tuple[str, Category | None]) -> None:
        t = self.view[tid]
        if not t.awaits_choice:
            return
        who, meant = arg
        options = [o.partition("/") for o in t.options]
        pick = next((i for i, (cat, _, lead) in enumerate(options, 1)
                     if meant is not None and (cat == meant.id or (not cat and lead == meant.lead))), 0)
        await self._routed_by(tid, self.service.choose(tid, Actor(who), pick, tx=self.batch))  # type: ignore[arg-type]

    def _state(self, tid: int) -> State | None:
        """Return the state of ticket ``tid``, or ``None`` once it is finished and forgotten."""
        t = self.view.get(tid)
        return None if t is None else t.state

    # ---------------------------------------------------------------- handlers
    def _hand_to(self, t: Ticket, handler: str) -> None:
        """Schedule ``handler``'s look at ``t`` (its reminders and deadlines are the scheduler's timers)."""
        case = self.cases[t.id]
        b = self.community.behaviour[handler]
        self._at(self._hours(sign_delay_hours(b, t.priority, self.rng)), self._look, t.id, case.epoch, handler)

    async def _look(self, tid: int, epoch: int, handler: str) -> None:
        case, t = self.cases[tid], self.view[tid]
        if case.epoch != epoch or t.state is not State.ROUTED or t.lead != handler:
            return
        rng, book = self.rng, self.book
        b = self.community.behaviour[handler]
        move: Move | None = None
        target = reason = None
        if case.passes < MAX_PASSES:
            if handler == book.fallback and t.category is None and case.owner and case.owner != handler:
                # triage (分拨): the street office gives a report of no known category to whose matter it is
                await self._routed_by(tid, self.service.assign(tid, self._staff(handler), case.owner, None,
                                                               tx=self.batch))  # type: ignore[arg-type]
                return
            if handler == book.fallback:
                if case.owner and case.owner != handler and rng.random() < 0.85:
                    move, target, reason = Move.TRANSFERRED, case.owner, "街道派单：转交职责单位办理"
            elif case.came_from and case.came_from != handler and case.came_from != book.fallback and (
                    rng.random() < (0.8 if case.came_from == case.owner else b.pingpong * 0.5)):
                move, target, reason = Move.TRANSFERRED, case.came_from, "不属于本单位职责，转回原单位"
            elif case.owner is not None and case.owner != handler:
                r = rng.random()
                if r < 0.7:
                    move, target, reason = Move.TRANSFERRED, case.owner, "不属于本单位职责，请对口单位办理"
                elif r < 0.85:
                    move, reason = Move.RETURNED, "不属于本单位职责，退回街道"
            else:
                r = rng.random()
                partners = self.community.partners.get(handler, [])
                if r < b.transfer and partners:
                    move, target, reason = Move.TRANSFERRED, rng.choice(partners), "涉及其他单位职责，请协调"
                elif r < b.transfer + b.return_:
                    move, reason = Move.RETURNED, "情况复杂，请街道统筹"
        if move is not None:
            passed = await self._act(tid, self._staff(handler), move, target=target, reason=reason)
            if passed is not None:
                case.came_from, case.passes = handler, case.passes + 1
                case.epoch += 1
                self._hand_to(passed, passed.lead or book.fallback)
                return
        signed = await self._act(tid, self._staff(handler), Move.ACKNOWLEDGED)
        if signed is None:
            return
        fix = self._hours(fix_hours(b, signed.priority, rng))
        self._at(fix, self._resolve, tid, case.epoch)
        if signed.resolve_deadline is not None:
            left = (signed.resolve_deadline - self._clock()).total_seconds()
            if fix > left and rng.random() < 0.5:
                days = min(60, math.ceil((fix - left) / DAY) + 1)
                self._at(max(left * 0.7, 60.0), self._extend, tid, case.epoch, days)
        if rng.random() < 0.25:
            self._at(fix * 0.3, self._note, tid, case.epoch, handler)

    async def _co_sign(self, tid: int, epoch: int, handler: str) -> None:
        t = self.view[tid]
        if t.state in (State.ROUTED, State.ACKNOWLEDGED) and handler in t.handlers and handler not in t.acked_by \
                and handler != t.lead:
            await self._act(tid, self._staff(handler), Move.ACKNOWLEDGED)

    async def _note(self, tid: int, epoch: int, handler: str) -> None:
        if self.cases[tid].epoch == epoch and self.view[tid].state is State.ACKNOWLEDGED:
            await self._act(tid, self._staff(handler), Move.NOTE, reason="已联系居民，正在处理")

    async def _extend(self, tid: int, epoch: int, days: int) -> None:
        t = self.view[tid]
        if self.cases[tid].epoch == epoch and t.state is State.ACKNOWLEDGED and t.lead:
            asked = await self._act(tid, self._staff(t.lead), Move.EXTENSION_ASKED, reason="需协调施工，申请延期",
                                    data={"days": days})
            if asked is not None:  # the street office decides in its room; it approves most requests
                street = self.service.rulebook.fallback
                if self.rng.random() < 0.85:
                    await self._act(tid, self._staff(street), Move.EXTENDED)
                else:
                    await self._act(tid, self._staff(street), Move.EXTENSION_REFUSED, reason="理由不充分")

    async def _resolve(self, tid: int, epoch: int, _: Any = None) -> None:
        t = self.view[tid]
        if self.cases[tid].epoch != epoch or t.state is not State.ACKNOWLEDGED or not t.lead:
            return
        done = await self._act(tid, self._staff(t.lead), Move.RESOLVED, reason="已处理完毕，请居民确认")
        if done is None:
            return
        epoch = self.cases[tid].epoch
        for resident in done.asked:  # the reporter and every supporter are asked back
            if self.rng.random() < self.config.answer_share and done.reopens < MAX_REOPENS:
                self._at(self._hours(8 * self.rng.lognormvariate(0, 1.0)), self._verdict, tid, epoch, resident)

    # ---------------------------------------------------------------- residents
    async def _verdict(self, tid: int, epoch: int, who: str) -> None:
        t, rng = self.view[tid], self.rng
        if self.cases[tid].epoch != epoch or not t.awaits_verdict(who) or not t.lead:
            return
        q = self.community.behaviour[t.lead].quality
        late = t.resolve_deadline is not None and self._clock() > t.resolve_deadline + timedelta(hours=8)
        solved = rng.random() < 0.55 + 0.4 * q - (0.15 if late else 0.0)
        resident = Actor(who)
        after = await self._act(tid, resident, Move.VERIFIED if solved else Move.REOPENED)
        if after is None:
            return
        if rng.random() < 0.9:
            r = rng.random()
            good = (0.35 + 0.55 * q - (0.2 if late else 0.0)) if solved else 0.05
            rating = "satisfied" if r < good else "basically_satisfied" if r < good + 0.3 else "dissatisfied"
            await self._act(tid, resident, Move.RATED, data={"rating": rating})
        if not solved:
            case = self.cases[tid]
            case.epoch += 1
            case.came_from = None
            self._hand_to(self.view[tid], self.view[tid].lead or self.book.fallback)

    # ---------------------------------------------------------------- the run
    async def run(self) -> SimSummary:
        """Run to the end; return the :class:`SimSummary`."""
        with paused():  # a run makes almost no cycles: no collector's passes over its open tickets
            return await self._run()

    async def _run(self) -> SimSummary:
        started = time.perf_counter()
        arrivals = self._reports()
        nxt = next(arrivals, None)
        step = max(1000, self.config.tickets // 100)
        report_at = step
        fire, batch = self._fire_timer, self.batch  # (a timer on the calendar holds this very method)
        calendar = self.calendar
        while nxt is not None or calendar.size:
            if nxt is not None and (not calendar.size or nxt[0] <= cast(float, calendar.first())):
                self.now_s = nxt[0]
                await self._arrive(*nxt[1:])
                nxt = next(arrivals, None)
                if batch is None or batch.has_new_timers:
                    await self._timers()
            else:
                when, _, fn, tid, epoch, arg = calendar.pop()
                self.now_s = when
                case = self.cases[tid]
                case.pending -= 1
                if fn is fire and batch is not None and not still_due(batch.tickets.get(tid), arg):
                    batch.timers.pop(arg.id, None)  # the ticket moved on: cancelled, as Scheduler.fire would
                else:
                    await fn(tid, epoch, arg)
                    if batch is None or batch.has_new_timers:
                        await self._timers()
                if case.pending == 0:
                    self._done.append(tid)
            if self.batch is not None and len(self.batch.events) >= self.config.batch_events:
                await self._flush()
            if self.progress is not None and self.made >= report_at:
                report_at += step
                self.progress(self.made, self.tickets, self.events, time.perf_counter() - started)
        await self._flush()
        if self.progress is not None:
            self.progress(self.made, self.tickets, self.events, time.perf_counter() - started)
        return SimSummary(self.store.path if self.store else Path(), self.made, self.events,
                          time.perf_counter() - started, self.config.start, self._clock(),
                          dict(sorted(self.moves.items())), self.refused)

    async def _flush(self) -> None:
        if self.batch is None:
            return
        if self.send is not None:
            self.send(*self.batch.take(), self.made, self.events)
        else:
            assert self.store is not None
            await self.batch.flush(self.store)
        done = [tid for tid in self._done if self.cases.get(tid) is not None and self.cases[tid].pending == 0]
        self.batch.forget(done)
        for tid in done:
            self.cases.pop(tid, None)
            self.view.pop(tid, None)
        self._done = []


def _weight(cumulative: list[float], i: int) -> float:
    return cumulative[i] - (cumulative[i - 1] if i else 0.0)


def _parts(community: Community, count: int) -> list[list[str]]:
    """Return the grids of each of ``count`` parts of a run (fewer if there are fewer grids), the grids with the
    most reporting first, each to the part with the least so far: a grid's reports, duplicates and whistles
    stay in one part, and no part waits long for the others.

    >>> import random
    >>> from rules import load_rulebook
    >>> com = build_community(load_rulebook(), random.Random(1), households=300)
    >>> sorted(len(p) for p in _parts(com, 2)), len(_parts(com, 9))
    ([1, 2], 3)
    """
    load = {g: sum(_weight(community.activity, i) for i in idx) for g, idx in community.by_grid.items()}
    parts: list[list[str]] = [[] for _ in range(min(count, len(load)) or 1)]
    weight = [0.0] * len(parts)
    for grid in sorted(load, key=lambda g: (-load[g], g)):
        k = weight.index(min(weight))
        parts[k].append(grid)
        weight[k] += load[grid]
    return [sorted(p) for p in parts]


def _shares(community: Community, parts: list[list[str]], tickets: int) -> list[int]:
    """Return how many of ``tickets`` reports each part makes: its residents' share of the reporting."""
    load = [sum(_weight(community.activity, i) for g in p for i in community.by_grid[g]) for p in parts]
    out = [round(tickets * w / sum(load)) for w in load[:-1]]
    return [*out, tickets - sum(out)]


_ROOT = Path(__file__).resolve().parent.parent  # where ``research`` is imported from, for the parts of a run
_ROUTERS: dict[str, Router] = {}  # by the rulebook's version and hash: a router takes seconds to build


def _router(book: Rulebook) -> Router:
    """Return a router of ``book``, the one built for the same rulebook text before if there is one (a seed sweep
    or a province of small communities builds it once per process, not once a run; routing keeps no state)."""
    if not book.digest:  # built in code, not read from a file: nothing says two are the same
        return Router(book)
    # (a copy changed in code keeps its file's version: the same only if equal in every setting)
    if (router := _ROUTERS.get(book.full_version)) is None or router.rulebook != book:
        if len(_ROUTERS) >= 4:
            _ROUTERS.pop(next(iter(_ROUTERS)))
        router = _ROUTERS[book.full_version] = Router(book)
    return router


def _run_part(out: Connection) -> None:
    """Simulate the part of a run that stdin names (pickled: the rulebook, the ``SimConfig``, the part's
    index) in this process, sending its moves down ``out`` as store rows numbered within the part: ``("moves",
    times, event rows, (last seq, ticket row) of each changed ticket, reports made, events made)`` at every
    flush, then ``("done", summary, warnings)``, or ``("failed", traceback)``."""
    try:
        book, config, part = pickle.load(sys.stdin.buffer)  # (the rulebook whole: one changed in code as it is)

        def send(events: list[Event], tickets: list[Ticket], made: int, count: int) -> None:
            out.send(("moves", [e.at.timestamp() for e in events], [event_row(e) for e in events],
                      [(t.last_seq, ticket_row(t)) for t in sorted(tickets, key=lambda t: t.last_seq)], made, count))

        async def run() -> SimSummary:
            with settled():
                return await Simulation(None, _router(book), config, part=part, send=send).run()

        with warnings.catch_warnings(record=True) as caught:  # told once by the process that writes, not once a part
            warnings.simplefilter("default")
            summary = run_owned(lambda: asyncio.run(run()))
        out.send(("done", summary, [(str(w.message), w.category) for w in caught]))
    except BaseException:  # told to the process that writes, which stops the run and says why
        out.send(("failed", traceback.format_exc()))
    finally:
        out.close()


async def _gather(store: Store, config: SimConfig, book: Rulebook, progress: Progress | None) -> SimSummary:
    """Run ``config`` in ``config.workers`` processes, each a part of the grids, and write their moves into
    ``store`` in the order they happened, numbered as one process would number them: tickets in the order they
    were reported, events in the order of time (a part's own order kept, parts taken in turn at equal times)."""
    started = time.perf_counter()
    n = config.workers
    pipes: list[Connection] = []
    procs: list[subprocess.Popen[bytes]] = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(_ROOT), os.environ.get("PYTHONPATH"))))}
    keys: list[list[float]] = [[] for _ in range(n)]
    rows: list[list[tuple[Any, ...]]] = [[] for _ in range(n)]
    waiting: list[list[tuple[int, list[Any]]]] = [[] for _ in range(n)]  # ticket rows whose last event is to come
    gids = [array("q") for _ in range(n)]  # a part's ticket number - 1 -> the ticket's number in the store
    seqs = [array("q") for _ in range(n)]  # a part's seq - 1 -> the event's seq in the store
    made, events = [0] * n, [0] * n
    summaries: list[SimSummary | None] = [None] * n
    ticket, seq, step = 1, 0, max(1000, config.tickets // 100)
    report_at = step
    id_at, last_at = TICKET_FIELDS.index("id"), TICKET_FIELDS.index("last_seq")
    try:
        for _ in range(n):  # fresh interpreters: no fork of this one's threads, no import of the caller's __main__
            read, write = os.pipe()
            pipes.append(Connection(read, writable=False))
            try:
                procs.append(subprocess.Popen([sys.executable, "-m", "research.simulation", str(write)],
                                              stdin=subprocess.PIPE, pass_fds=(write,), env=env))
            finally:
                os.close(write)  # the child's end only: a child that dies is then an EOF here
        for k, proc in enumerate(procs):  # each reads its work once its imports are done: all of them import at once
            with proc.stdin as stdin:  # type: ignore[union-attr]
                stdin.write(pickle.dumps((book, config, k)))
        while True:
            for k in range(n):
                while summaries[k] is None and not keys[k]:
                    try:
                        message = await asyncio.to_thread(pipes[k].recv)
                    except EOFError:
                        raise RuntimeError(f"simulation part {k + 1} stopped without a word") from None
                    if message[0] == "failed":
                        raise RuntimeError(f"simulation part {k + 1} failed:\n{message[1]}")
                    if message[0] == "done":
                        summaries[k] = message[1]
                        for said, category in message[2]:
                            warnings.warn(said, category, stacklevel=2)
                    else:
                        _kind, at, got, changed, made[k], events[k] = message
                        keys[k].extend(at)
                        rows[k].extend(got)
                        waiting[k].extend(changed)
            if all(s is not None for s in summaries) and not any(keys):
                break
            # every move up to the earliest last time of a part still running has all its company here
            bound = min((keys[k][-1] for k in range(n) if summaries[k] is None), default=math.inf)
            cut = [bisect.bisect_right(keys[k], bound) for k in range(n)]
            merged = heapq.merge(*(zip(keys[k][:cut[k]], itertools.repeat(k), rows[k][:cut[k]]) for k in range(n)),
                                 key=lambda item: (item[0], item[1]))
            out = []
            for _at, k, row in merged:
                if row[1] == "reported":
                    gids[k].append(ticket)
                    ticket += 1
                seq += 1
                seqs[k].append(seq)
                out.append((gids[k][row[0] - 1], *row[1:]))
            done = []
            for k in range(n):
                del keys[k][:cut[k]], rows[k][:cut[k]]
                ready = bisect.bisect_right(waiting[k], len(seqs[k]), key=lambda item: item[0])
                for last, trow in waiting[k][:ready]:
                    trow[id_at], trow[last_at] = gids[k][trow[id_at] - 1], seqs[k][last - 1]
                    done.append(trow)
                del waiting[k][:ready]
            async with store.write() as tx:
                await tx.append_rows(out)
                await tx.save_ticket_rows(done)
            if progress is not None and report_at <= sum(made) < config.tickets:  # (the last line once, below)
                report_at = (sum(made) // step + 1) * step
                progress(sum(made), config.tickets, sum(events), time.perf_counter() - started)
    finally:
        for proc in procs:
            if proc.poll() is None and any(s is None for s in summaries):
                proc.kill()
            proc.wait()
        for pipe in pipes:
            pipe.close()
    parts = cast(list[SimSummary], summaries)
    moves: Counter[str] = Counter()
    for part in parts:
        moves.update(part.moves)
    if progress is not None:
        progress(sum(made), config.tickets, sum(events), time.perf_counter() - started)
    return SimSummary(store.path, sum(p.tickets for p in parts), sum(p.events for p in parts),
                      time.perf_counter() - started, config.start, max(p.last for p in parts),
                      dict(sorted(moves.items())), sum(p.refused for p in parts))


async def asimulate(path: str | Path, config: SimConfig, *, rulebook: Rulebook | None = None,
                    batched: bool = True, progress: Progress | None = None) -> SimSummary:
    """Simulate ``config`` into a new store file at ``path``; return the :class:`SimSummary`.

    ``batched`` (the default) keeps moves in memory and writes them in large transactions; ``False``
    gives every move its own store transaction, as a live bot does (slower, same log). ``config.workers``
    above 1 (batched only) runs that many processes, each a part of the grids (at most one per grid).
    Raises ``FileExistsError`` if ``path`` exists: a simulation writes a fresh store.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    started = time.perf_counter()  # the summary's time is the whole run's: the indexes built at its end included
    book = rulebook or load_rulebook()
    workers = min(config.workers, len({g.id for g in book.grids if g.estates}) or 1) if batched and book.digest else 1
    if workers > 1:
        async with await Store.open(path) as store, store.bulk():
            with paused():
                summary = await _gather(store, replace(config, workers=workers), book, progress)
    else:
        router = _router(book)
        async with await Store.open(path) as store, store.bulk() if batched else contextlib.nullcontext():
            with settled():  # the rulebook and the engine, alive through the run: out of the collector's full passes
                summary = await Simulation(store, router, replace(config, workers=1), batched=batched,
                                           progress=progress).run()
    return replace(summary, seconds=time.perf_counter() - started)


def simulate(path: str | Path, tickets: int = 1000, seed: int = 0, *, config: SimConfig | None = None,
             rulebook: Rulebook | None = None, batched: bool = True, overwrite: bool = False,
             progress: Progress | None = None) -> SimSummary:
    """Simulate ``tickets`` reports with ``seed`` into a store file at ``path``; return a :class:`SimSummary`.

    Each report is a ticket unless the rulebook's ``duplicates`` makes it support an open ticket of the
    same matter in the same grid (then ``tickets`` counts reports; the log has fewer tickets). ``config``
    sets everything else (its ``tickets`` and ``seed`` are replaced by the arguments);
    ``overwrite`` removes an existing file first. Works inside Jupyter (it runs its own event loop on a
    worker thread when one is already running).

    >>> import tempfile
    >>> s = simulate(tempfile.mkdtemp() + "/sim.sqlite", tickets=100, seed=7, overwrite=True)
    >>> s.tickets, s.events > 3 * s.tickets
    (100, True)
    """
    cfg = replace(config or SimConfig(), tickets=tickets, seed=seed)
    path = Path(path)
    if overwrite:
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
    # the whole run on the rule engine's own thread: routing and every timer's step are plain calls, with no
    # hop between threads (which cost more than the routing itself); works inside Jupyter's running loop too
    return run_owned(lambda: asyncio.run(asimulate(path, cfg, rulebook=rulebook, batched=batched,
                                                   progress=progress)))


if __name__ == "__main__":  # a part of a run, started by _gather: its pipe's number, then its work on stdin
    from research.simulation import _run_part as run_part  # the module's own objects, not __main__'s copies

    run_part(Connection(int(sys.argv[1]), readable=False))
