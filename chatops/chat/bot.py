"""The bot: chat events in, ticket moves and notices out, each event handled exactly once.

For every incoming event one store transaction records it as handled, applies what it asks through the
ticket service and queues every notice it causes in the outbox; the sync token is stored only after
the whole batch is handled. A crash anywhere replays the batch, and the inbox makes the replay a no-op.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import socket
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic_core import PydanticCustomError

from chatops.chat.announce import Announcer
from chatops.chat.commands import (
    ALIASES,
    BODY,
    BY_NAME,
    DIRECT,
    HANDLER,
    RESIDENT,
    STAFF_MOVES,
    allowed,
    example_args,
    help_text,
    usage,
)
from chatops.chat.conversation import (
    ACK_REACTIONS,
    OPTION_REACTIONS,
    RATING_REACTIONS,
    VERDICT_REACTIONS,
    Command,
    me_too,
    option,
    parse,
    place_said,
    rating,
    reaction_key,
    read_days,
    verdict,
    written_in,
)
from chatops.chat.meetings import CHAIR_COMMANDS, MEETING_COMMANDS, Chair
from chatops.chat.notices import Voice, notice, receipt_notice
from chatops.chat.outbox import Outbox
from chatops.chat.transport import (
    Incoming,
    Media,
    Membership,
    Message,
    Reaction,
    Redaction,
    Refused,
    RoomPower,
    Transport,
    Vote,
)
from chatops.meetings.publication import name_in
from chatops.participation.honour import board
from chatops.participation.ledger import COMMUNITY, STARTING, Ledger, LedgerError, Limits
from chatops.participation.matching import match
from chatops.participation.points import awards, balance
from chatops.tickets.lifecycle import OPEN, Actor, LifecycleError, Move, State, Ticket, apply
from chatops.tickets.scheduler import Scheduler
from chatops.tickets.service import MAX_REPORT_CHARS, TicketService
from chatops.tickets.store import Outgoing, Pending, Room, Store, Transaction
from rules import Decision, Place
from rules.catalogue import LANGS, listed, text
from rules.gate import ACK, CHAT, GREETING, HELP, NOISE, PROGRESS, QUESTION, THANKS, VAGUE
from rules.model import Model, ModelError
from rules.normalize import normalize
from rules.rulebook import parse_duration

log = logging.getLogger(__name__)
SMALL_TALK = frozenset({THANKS, ACK, GREETING, NOISE, CHAT})  # said in a ticket's thread: for nobody to act on
VERDICT_CHARS = 8  # a message this short that says solved or not, in the room, answers the one question waiting
POINTS_SHOWN = 10  # the latest entries !积分 and !时间银行 list
MAX_SERVED_MINUTES = 24 * 60  # one confirmation is at most a day's service
SAME_SERVICE = timedelta(minutes=10)  # the same pair and hours confirmed again this soon: the same service (a resend)
POSTS_KEPT = timedelta(days=30)  # offers and needs older than this are no longer matched
MATCHES_SHOWN = 5


_HOURS = re.compile(r"^(-?\d{1,9}(?:\.\d{1,2})?)(?:小时|个小时|钟头|个钟头|h|hr|hrs|hour|hours)$", re.I)
_HOURS_ZH = re.compile(r"^([一二两三四五六七八九十]{1,3})(?:个)?(?:小时|钟头)$")  # 三小时, 两个钟头, 十二小时
_BARE_COMMAND = re.compile(r"\s*([^\s!！#\d]{2,8})(?:\s+#?\d+\b.*)?\s*$", re.S)  # 签收, 办结 5 已修好
_BARE_BUILDING = re.compile(r"(?:第\s*)?(\d{1,4})\s*(?:号楼|号|栋|幢|座|楼)?\s*[。.!！]?", re.I)  # 12, 12号, 12栋
_UNIT_APART = re.compile(r"(?<![\w.])(-?\d+(?:\.\d+)?)\s+(hours?|hrs?|小时|个小时|分钟|minutes?|mins?)\b", re.I)
# a command written after other words (#5 !签收): told to put it first
_COMMAND_INSIDE = re.compile(r"(?<=\s)[!！]([^\s\d!！#＃]+)")
# a vote said as a plain word while a vote is open in the room: the command it means
_VOTE_WORDS = {**dict.fromkeys(("赞成", "同意", "赞同", "支持", "我赞成", "我同意", "我支持", "agree", "iagree"),
                               "yes"),
               **dict.fromkeys(("反对", "不同意", "不赞成", "我反对", "我不同意", "disagree", "idisagree"), "no"),
               **dict.fromkeys(("弃权", "我弃权", "abstain"), "abstain")}
_HALVES = {"半小时": 30, "半个小时": 30, "半个钟头": 30, "一个半小时": 90, "一个半钟头": 90, "两个半小时": 150}


def _minutes(word: str) -> int | None:
    """Return the whole minutes ``word`` writes (2小时, 90分钟, 2h, 1.5小时, 半小时, 三小时, 3hours), or ``None`` if it
    is not a duration; a duration of nothing or less (0小时, -2小时) is 0 or below, for the caller to refuse.

    >>> _minutes("2小时"), _minutes("90分钟"), _minutes("1.5小时"), _minutes("一个半小时"), _minutes("陪诊")
    (120, 90, 90, 90, None)
    >>> _minutes("三小时"), _minutes("两个钟头"), _minutes("3hours"), _minutes("-2小时"), _minutes("100000小时")
    (180, 120, 180, -120, 6000000)
    """
    if word in _HALVES:
        return _HALVES[word]
    if hours := _HOURS.match(word):  # any number of hours: too many for one confirmation is said so, not misread
        return round(float(hours.group(1)) * 60)
    if (zh := _HOURS_ZH.match(word)) and (n := read_days(f"{zh.group(1)}天")) is not None:
        return n * 60
    if word.startswith("-") and (less := _minutes(word[1:])) is not None:
        return -less
    try:
        return int(parse_duration(word).total_seconds() // 60)
    except (ValueError, PydanticCustomError):
        return None


def _hours(minutes: int) -> str:
    """Return minutes as hours for people: ``2h30m`` style, in whole minutes.

    >>> _hours(150), _hours(60), _hours(-45), _hours(0)
    ('2h30m', '1h', '-45m', '0h')
    """
    if not minutes:  # an empty balance reads as hours, as every other (a tester read 0m)
        return "0h"
    sign, minutes = ("-", -minutes) if minutes < 0 else ("", minutes)
    h, m = divmod(minutes, 60)
    return sign + (f"{h}h" if h else "") + (f"{m}m" if m or not h else "")
STAFF_LEVEL = 50
LEASE_TTL = 20.0  # seconds a room's lease lasts without renewal: a dead worker's rooms wait at most this long
HEARD_SLOWER = 15  # told of commits (PostgreSQL): ask for new tickets this many times less often
LEASE_EVERY = 5.0  # seconds between a worker's lease rounds
CATCH_UP = 600.0  # seconds back a worker taking a room looks for events nobody handled (never older history)
MAX_MESSAGE_CHARS = 4000
RELAY_BATCH = 500  # moves made outside the bot told in one round
NEIGHBOUR_TTL = 600.0  # seconds a "yes, in one of the community's rooms" is remembered for a direct chat
STATS_TIMEOUT = 60.0  # seconds: a !stats that takes longer is answered "not available now"
STOP_GRACE = 10.0  # seconds the loops beside the sync get to end after a stop; one still running is cancelled


@dataclass(frozen=True)
class Context:
    """What a command is said in: the ticket of its thread (or the one it acts on), the message asked about."""

    ticket: Ticket | None = None
    asked: Pending | None = None


@dataclass
class Turn:
    """One incoming event being handled: its transaction, room, and the power levels read for it."""

    tx: Transaction
    event: Incoming
    room: Room
    lang: str | None
    power: RoomPower | None = None
    # read before the transaction: the person a !确认服务 or !志愿 names, if they are in one of the community's rooms
    in_community: frozenset[str] = frozenset()


class Bot:
    """Connects a transport to the ticket service. ``run`` until ``stop`` is set."""

    def __init__(self, transport: Transport, store: Store, service: TicketService, *,
                 lang: str | None = None, staff_level: int = STAFF_LEVEL, rulebook_path: Path | None = None,
                 model_path: Path | None = None, worker: str | None = None) -> None:
        self.transport, self.store, self.service = transport, store, service
        self.book = service.rulebook
        self.lang = lang
        self.staff_level = staff_level
        self.rulebook_path = rulebook_path  # known: rates are counted in a child process (no pandas in the bot)
        self._ranking_failed: str | None = None
        self.voice = Voice(self.book, show_reporter_to=frozenset(self.book.privacy.show_reporter_to))
        self.rooms: dict[str, Room] = {}
        self.announce = Announcer(self.voice, lang=lang)
        self.announce.rooms = self.rooms  # kept in place, as the chair's
        self.handler_rooms = self.announce.handler_rooms  # handler id -> room id
        self.staff = self.announce.staff  # room id -> staff to mention, from the last power read
        self.outbox = Outbox(store, transport, owns=self.owns, worker=worker)
        self.scheduler = Scheduler(store, service, announce=self.announce, committed=self.outbox.wake,
                                   periodic=self.periodic, worker=worker)
        self.model_path = model_path  # watched: a retrained model is taken up and announced to the street office
        self._model_stamp: tuple[float, int] | None = None
        self._neighbours: dict[str, float] = {}  # user -> when they were last seen in a community room (monotonic)
        self._background: set[asyncio.Task[None]] = set()  # slow answers (!stats) worked out beside the loop
        self._stats_lock = asyncio.Lock()
        self.synced_at: datetime | None = None
        self.failures = 0  # events that failed (each alone) since the start
        self.handled = 0
        self.worker = worker  # a name: one of several bot processes sharing the rooms (None: the only one)
        self.mine: set[str] | None = None if worker is None else set()  # the rooms this worker holds a lease on
        self.chair = Chair(store, transport, self.book, self.voice, rooms=self.rooms, handler_rooms=self.handler_rooms,
                           clock=service.clock, deadline=service.deadline, lang=lang, staff_level=staff_level,
                           committed=self.outbox.wake)

    def owns(self, room_id: str) -> bool:
        """Return whether this process handles ``room_id`` (always, unless it is one of several workers)."""
        return self.mine is None or room_id in self.mine

    async def prepare(self) -> None:
        """Read the provisioned rooms from the store and each handler room's staff from the homeserver."""
        self.rooms.clear()  # shared with the chair: kept in place
        self.rooms.update({r.room_id: r for r in await self.store.rooms()})
        self.handler_rooms.clear()
        self.handler_rooms.update({r.ref: r.room_id for r in self.rooms.values() if r.kind == "handler"})
        if hasattr(self.transport, "known"):
            self.transport.known = self.store.handled
        await self._read_staff()

    # ---- the loop ----
    async def run(self, stop: asyncio.Event) -> None:
        """Sync, handle and send until ``stop`` is set; the outbox keeps sending in its own task."""
        await self.prepare()
        sender = asyncio.create_task(self.outbox.run(stop), name="outbox")
        clock = asyncio.create_task(self.scheduler.run(stop), name="scheduler")
        watcher = asyncio.create_task(self.watch_arrivals(stop), name="arrivals")
        chair = asyncio.create_task(self.chair.run(stop), name="meetings")
        leases = asyncio.create_task(self.hold_rooms(stop), name="leases") if self.worker else None
        try:
            while not stop.is_set():
                if not await self.step(stop):
                    break
        finally:
            stop.set()
            await _end([clock, watcher, chair, *([leases] if leases else []), *self._background], STOP_GRACE)
            await self.outbox.wake_and_wait(sender, stop)
            try:  # a clean stop says so: `whistle status` must not call a stopped bot running until its beat ages
                await self.heartbeat(stopped=True)
            except Exception:  # a store gone at the end loses nothing but this note
                log.warning("could not record the stop in the heartbeat", exc_info=True)

    async def step(self, stop: asyncio.Event | None = None) -> bool:
        """Handle one batch; return ``False`` if ``stop`` was set while waiting for it."""
        token_key = "next_batch" if self.worker is None else f"next_batch:{self.worker}"  # each worker its own
        since = await self.store.chat_state(token_key)
        fetch = asyncio.ensure_future(self.transport.next_batch(since))
        if stop is not None:
            waiter = asyncio.ensure_future(stop.wait())
            await asyncio.wait({fetch, waiter}, return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            if not fetch.done():
                fetch.cancel()
                return False
        batch = await fetch
        for room_id, inviter in batch.invites:
            if room_id in self.rooms:
                await self.transport.join(room_id)
            elif room_id in batch.direct and inviter and await self.transport.join(room_id):
                await self._direct_chat(room_id, inviter)  # a resident's direct chat: for secret ballots
            else:
                await self.transport.leave(room_id)  # only rooms we serve
        delay = 0.5
        for event in batch.events:
            while True:
                try:
                    await self.handle(event)
                    break
                except ConnectionError as exc:  # the homeserver cannot be reached: wait for it (an outage)
                    log.warning("cannot handle %s yet (%s); retrying", event.event_id, exc)
                    self.failures += 1
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 30.0)
                except Exception:  # anything else fails this event alone; the rest of the batch goes on
                    log.exception("event %s could not be handled; going on with the others", event.event_id)
                    self.failures += 1
                    break
        async with self.store.write() as tx:
            await tx.set_chat_state(token_key, batch.token)
        self.synced_at = datetime.now(UTC)
        await self.outbox.revive()  # the homeserver answered: what waits out an outage need not wait on
        return True

    async def handle(self, event: Incoming) -> None:
        """Handle one event exactly once: its effects and notices commit together with its inbox row."""
        room = self.rooms.get(event.room_id)
        if room is None or event.sender == self.transport.user_id or not self.owns(event.room_id):
            return  # another worker's room: it handles the event (its own sync brings it too)
        if isinstance(event, Message) and event.kind == "notice":
            return  # never answer a bot
        if isinstance(event, Membership):
            if room.kind == "direct" and event.membership == "join" and event.member not in (
                    room.ref, self.transport.user_id):
                await self._direct_shared(room)
            elif room.kind == "handler":  # staff joined or left while the bot runs: the next card mentions them
                with contextlib.suppress(Refused, ConnectionError):  # else read at the next staff command or start
                    self._remember_staff(room.room_id, await self.transport.power(room.room_id))
            return
        if room.kind == "shared" and not (isinstance(event, Message) and event.kind == "text" and not event.is_edit):
            return  # a direct chat someone else joined: the bot has moved to a new one
        power: RoomPower | None = None
        stats: Command | None = None
        in_community: frozenset[str] = frozenset()
        if room.kind in ("handler", "body") and not await self.store.handled(event.event_id):
            if self._needs_power(event):
                try:
                    power = await self.transport.power(room.room_id)
                    self._remember_staff(room.room_id, power)
                except Refused as exc:  # the bot cannot see who is staff here: nobody acts until it can
                    log.warning("power levels of %s refused: %s", room.room_id, exc)
                    power = RoomPower(refused=True)
            cmd = parse(event.body) if isinstance(event, Message) and not event.is_edit else None
            stats = cmd if cmd is not None and cmd.name == "stats" else None
            if cmd is not None and cmd.name == "volunteer" and (who := self._volunteer_words(cmd, event)[0]):
                in_community = frozenset({who}) if await self._in_community(who, room.room_id) else frozenset()
        elif room.kind == "direct" and isinstance(event, Message) and event.sender == room.ref \
                and not await self.store.handled(event.event_id):
            # a direct chat takes reports and votes from people of the community only (anyone on the network can
            # open one): read before the transaction, as the power levels are
            in_community = frozenset({event.sender}) if await self._neighbour(event.sender) else frozenset()
        elif room.kind not in ("direct", "shared") and (helper := self._helper_named(event)) \
                and not await self.store.handled(event.event_id):
            # the network first, outside the transaction: is the helper someone of the community?
            in_community = frozenset({helper}) if await self._in_community(helper, room.room_id) else frozenset()
        try:
            async with self.store.write() as tx:
                if not await tx.mark_handled(event.event_id, event.room_id):
                    return
                # English gets English (a text's words: a file's name tells nothing of its sender's language)
                said = written_in(event.body) if isinstance(event, Message) and event.kind == "text" else None
                # what the message is written in first: one English report must not make Chinese ones English
                turn = Turn(tx, event, room, said or await tx.lang_of(event.sender) or self.lang, power, in_community)
                try:
                    if isinstance(event, Vote):
                        await self._poll_answer(turn, event)
                    elif room.kind == "handler":
                        await self._handler_event(turn)
                    elif room.kind == "body":
                        await self._body_event(turn)
                    elif room.kind == "direct":
                        await self._direct_event(turn)
                    elif room.kind == "shared":
                        await self._shared_event(turn)
                    else:
                        await self._resident_event(turn)
                except LifecycleError as refusal:
                    for key in ("lead", "handler"):  # handler ids become names in the user's language
                        if key in refusal.params:
                            refusal.params[key] = self.voice.handler(refusal.params[key], turn.lang)
                    await self._reply(turn, refusal.render(turn.lang))
        except Exception:
            log.exception("handling %s failed; telling the sender", event.event_id)
            async with self.store.write() as tx:
                if await tx.mark_handled(event.event_id, event.room_id):
                    turn = Turn(tx, event, room, self.lang)
                    await self._reply(turn, text("internal_error", self.lang))
            # answered, but failed all the same: counted once here (an apology that cannot be written raises
            # on, and the caller counts it instead)
            self.failures += 1
        self.handled += 1
        self.outbox.wake()
        self.chair.after_commit()
        if stats is not None:  # slow: counted beside the loop, answered when ready (never blocks a room)
            task = asyncio.create_task(self._answer_stats(event, room, stats.args), name=f"stats {event.event_id}")
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    # ---- residents ----
    async def _resident_event(self, turn: Turn) -> None:
        ev = turn.event
        if isinstance(ev, Redaction):
            await self._withdrawn(turn, ev)
            return
        if isinstance(ev, Reaction):
            await self._resident_reaction(turn, ev)
            return
        assert isinstance(ev, Message)
        if ev.is_edit:
            # an edit registers nothing, but one that now tells of an emergency (大家晚上好 → 三楼着火了) is answered
            # with whom to call first, and registered when the message it edits made no ticket and was not asked
            # about: a handler must hear of it (the receipt goes in the edited message's thread)
            said = ev.body.removeprefix("* ")
            decision = await self.service.route(said) if said and len(said) <= MAX_MESSAGE_CHARS else None
            urgent = decision is not None and decision.priority == "emergency" and decision.report is not False
            if urgent and decision is not None and ev.replaces and ev.thread_root is None and \
                    await turn.tx.ticket_by_source(f"matrix:{ev.replaces}") is None and \
                    await turn.tx.pending(f"matrix:{ev.replaces}") is None:
                edited = replace(turn, event=replace(ev, event_id=ev.replaces, body=said, is_edit=False, replaces=None))
                await self._report(edited, said, decision=replace(decision, report=True))
                return
            await self._reply(turn, [*([text("hotline", turn.lang, hotline=decision.hotline)]
                                       if urgent and decision else []), text("edit_ignored", turn.lang)])
            return
        if ev.kind != "text":
            await self._picture(turn, ev)
            return
        cmd = parse(ev.body, in_thread=ev.context is not None)
        ticket = await self._sender_ticket(turn, await self._ticket_of_context(turn.tx, ev.context))
        asked = await turn.tx.pending(f"matrix:{ev.context}") if ev.context and ticket is None else None
        if cmd is None:
            if ticket is not None:
                if ev.sender in ticket.residents:
                    await self._resident_answer(turn, ticket, ev.body)
                elif len(ev.body) <= MAX_MESSAGE_CHARS:  # a neighbour's emergency told there is never chatter
                    await self._neighbour_in_thread(turn, ticket, ev.body)
                return  # others' chatter in someone's ticket thread
            if asked is not None:
                if ev.sender == asked.sender:
                    await self._pending_answer(turn, asked, ev.body)
                return
            if ev.thread_root is not None:
                return  # a conversation among residents, not a report
            await self._message(turn, ev.body, conversation=ev.reply_to is not None)
            return
        if cmd.name == "second" and ticket is not None and ev.sender not in ticket.residents and \
                cmd.ticket is None and not cmd.args.strip():
            # !附议 in a neighbour's ticket thread with no matter's number: "me too" of that ticket (支持), as 附议 said
            # plainly there is; the seconding of a matter takes its number
            await self._neighbour_in_thread(turn, ticket, "附议")
            return
        await self._command(turn, cmd, Context(ticket, asked))

    async def _picture(self, turn: Turn, ev: Message) -> None:
        """A picture sent in the thread of the sender's own open ticket is passed on to its handlers (a note that
        carries it); anywhere else the resident is asked to report in words first. A picture (or file) in a
        neighbour's thread is their conversation."""
        ticket = await self._ticket_of_context(turn.tx, ev.context)
        if ticket is not None and ev.sender not in ticket.residents:
            return
        if ticket is None or ev.media is None:
            await self._reply(turn, text("text_only", turn.lang))
        elif ticket.state is State.CLOSED:
            await self._reply(turn, text("picture_closed", turn.lang, ticket=ticket.id))
        else:
            await self._picture_note(turn, ticket, Actor(ev.sender), ev.media)

    async def _command(self, turn: Turn, cmd: Command, context: Context) -> None:
        """Run a command through the registry: unknown, not for this room, or its own ``_cmd_<name>``."""
        room = {"handler": HANDLER, "body": BODY, "direct": DIRECT}.get(turn.room.kind, RESIDENT)
        if cmd.name == "unknown":
            await self._reply(turn, text("unknown_command", turn.lang, word=cmd.word) if cmd.word
                              else text("command_empty", turn.lang))
        elif not allowed(cmd.name, room):
            await self._reply(turn, text("command_elsewhere", turn.lang, word=cmd.word))
        elif cmd.malformed:  # "!赞成 abc": not the number it takes; nothing is done, the usage is said
            await self._reply(turn, usage(cmd.name, turn.lang))
        elif cmd.name in MEETING_COMMANDS:
            answer = await self.chair.command(turn, cmd)
            if answer:
                await self._reply(turn, answer)
        elif room == HANDLER and cmd.name in STAFF_MOVES:
            ticket = await self._command_ticket(turn, cmd, context.ticket)
            if ticket is not None and await self._staff_ok(turn, cmd.name):
                await getattr(self, f"_cmd_{cmd.name}")(turn, cmd, replace(context, ticket=ticket))
        else:
            await getattr(self, f"_cmd_{cmd.name}")(turn, cmd, context)

    # ---- commands: one small function each, declared in chatops/chat/commands.py ----
    async def _cmd_help(self, turn: Turn, cmd: Command, context: Context) -> None:
        if turn.room.kind == "direct":
            await self._reply(turn, help_text(DIRECT, turn.lang))
        elif turn.room.kind == "body":
            body = self.book.deliberation.body(turn.room.ref)
            name = (body.name_en if turn.lang == "en" else body.name) if body else turn.room.ref
            await self._reply(turn, help_text(BODY, turn.lang, body=name))
        elif turn.room.kind == "handler":
            await self._reply(turn, help_text(HANDLER, turn.lang, handler=self.voice.handler(turn.room.ref, turn.lang),
                                              units=self.voice.units(turn.lang),
                                              dispatcher=turn.room.ref == self.book.fallback))
        else:
            await self._reply(turn, help_text(RESIDENT, turn.lang))

    async def _cmd_lang(self, turn: Turn, cmd: Command, context: Context) -> None:
        await self._set_lang(turn, cmd)

    async def _cmd_report(self, turn: Turn, cmd: Command, context: Context) -> None:
        body = cmd.args if cmd.ticket is None else f"{cmd.ticket} {cmd.args}"
        asked = context.asked
        if not body.strip() and asked is not None and turn.event.sender == asked.sender:
            await self._register(turn, asked)  # "!报告" under the bot's question: yes, register it
        else:
            await self._report(turn, body)  # a resident who says it is a report is believed

    async def _cmd_mine(self, turn: Turn, cmd: Command, context: Context) -> None:
        await self._mine(turn)

    async def _cmd_points(self, turn: Turn, cmd: Command, context: Context) -> None:
        """The resident's points (积分): the balance, the latest entries behind it, and what they exchange for."""
        me = turn.event.sender
        mine = await turn.tx.tickets(resident=me, limit=10_000)
        logs = await turn.tx.events_of(t.id for t in mine)
        served = [x for x in (await self._ledger(turn)).served() if x[0] == me]
        meetings = await turn.tx.matter_events_by(me)
        entries = [a for a in awards(sorted((e for log in logs.values() for e in log), key=lambda e: e.seq or 0),
                                     self.book, served, meetings, await turn.tx.volunteered(me)) if a.resident == me]
        lines = [text("points_balance", turn.lang, points=balance(entries, me)) if entries
                 else text("points_none", turn.lang)]  # no "the latest entries:" above nothing
        chains = {c.id: c for c in self.book.deliberation.chains}
        chain_of: dict[int, str] = {}  # a matter's chain: step ids repeat across chains (resolve, publish_…)
        for a in entries[-POINTS_SHOWN:][::-1]:
            key = "points_entry" if a.ticket else "points_entry_matter" if a.matter else \
                "points_entry_volunteer" if a.reason == "volunteer" else "points_entry_bank"
            reason = text(f"points_{a.reason}", turn.lang)
            if a.matter and a.step:  # which of a chain's meetings: a tester saw 议题 2 参加表决 three times, alike
                if a.matter not in chain_of:
                    chain_of[a.matter] = row.chain if (row := await turn.tx.matter(a.matter)) is not None else ""
                chain = chains.get(chain_of[a.matter])
                if (step := next((x for x in chain.steps if x.id == a.step), None) if chain else None) is not None:
                    reason = text("points_at_step", turn.lang, reason=reason, step=name_in(step, turn.lang))
            lines.append(text(key, turn.lang, when=self.voice.local(a.at), ticket=a.ticket, entry=a.seq,
                              matter=a.matter, reason=reason, points=a.points)
                         + (text("points_capped", turn.lang) if a.capped else ""))
        if self.book.points.exchange:
            lines.append(text("points_exchange", turn.lang, options=listed(
                (f"{name} {cost}" for name, cost in self.book.points.exchange.items()), turn.lang)))
        await self._reply(turn, "\n".join(lines))

    async def _cmd_honour(self, turn: Turn, cmd: Command, context: Context) -> None:
        """Consent to be named on the monthly honour board (荣誉榜), or withdraw it; alone: where one stands."""
        word = cmd.args.strip().lower()
        me = turn.event.sender
        if word in ("同意", "yes", "是", "好", "y"):
            await turn.tx.set_honour_consent(me, True, self.service.clock())
            await self._reply(turn, text("honour_set_yes", turn.lang))
        elif word in ("不同意", "no", "否", "不", "n", "撤回"):
            await turn.tx.set_honour_consent(me, False, self.service.clock())
            await self._reply(turn, text("honour_set_no", turn.lang))
        elif not word:
            agreed = me in await turn.tx.honour_consents()
            await self._reply(turn, text("honour_status_yes" if agreed else "honour_status_no", turn.lang))
        else:
            await self._reply(turn, usage("honour", turn.lang))

    async def post_honour_board(self) -> None:
        """Once a month, post last month's honour board in the community's room: the residents with the most
        points, named only with their consent, the others counted."""
        room = next((r.room_id for r in self.rooms.values() if r.kind == "community" and r.ref == ""), None)
        zone = ZoneInfo(self.book.calendar.timezone)
        now = self.service.clock().astimezone(zone)
        end = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        start = (end - timedelta(days=1)).replace(day=1)
        month = start.strftime("%Y-%m")
        if room is None or await self.store.chat_state("honour_posted") == month:
            return
        fixed = [e for e in await self.store.recent(("verified", "reopened"), start, limit=1_000_000) if e.at < end]
        logs = await self.store.events_of(e.ticket_id for e in fixed)
        ledger = Ledger.replay(Limits.of_rulebook(self.book.time_bank), await self.store.bank_transfers())
        served = [x for x in ledger.served() if start <= x[2] < end]
        meetings = [m for m in await self.store.all_matter_events() if start <= m.at < end]
        volunteered = [v for v in await self.store.volunteered() if start <= v[3] < end]
        events = sorted((e for log in logs.values() for e in log), key=lambda e: e.seq or 0)
        shown = board(month, awards(events, self.book, served, meetings, volunteered), zone,
                      consented=await self.store.honour_consents())
        async with self.store.write() as tx:
            if await tx.chat_state("honour_posted") == month:
                return
            if shown.named or shown.unnamed:
                lines = [text("honour_title", self.lang, month=month)]
                lines += [text("honour_line", self.lang, rank=i, who=who, points=points)
                          for i, (who, points) in enumerate(shown.named, 1)]
                if shown.unnamed:
                    lines.append(text("honour_unnamed", self.lang, count=shown.unnamed))
                lines.append(text("honour_how", self.lang))
                await tx.enqueue(Outgoing(room, "honour_board", notice(lines)))
            await tx.set_chat_state("honour_posted", month)
        self.outbox.wake()

    async def _ledger(self, turn: Turn) -> Ledger:
        return Ledger.replay(Limits.of_rulebook(self.book.time_bank), await turn.tx.bank_transfers())

    def _served_words(self, cmd: Command, event: Incoming) -> tuple[str, int | None, str]:
        """Return what a ``!确认服务`` says: ``(helper, minutes, what)`` (empty or ``None`` where it does not say it).
        The helper is a typed Matrix ID, or the one user the message mentions (a client's pill puts only
        their display name in the text, before the duration)."""
        words = _UNIT_APART.sub(r"\1\2", cmd.args).split()  # 3 hours: one word
        at = next((i for i, w in enumerate(words) if _minutes(w) is not None), None)
        minutes = _minutes(words[at]) if at is not None else None
        typed = words[0] if words and words[0].startswith("@") and ":" in words[0] and at == 1 else ""
        mentioned = [u for u in getattr(event, "mentions", ()) if u != self.transport.user_id]
        helper = typed or (mentioned[0] if len(mentioned) == 1 and at is not None and at >= 1 else "")
        what = " ".join(words[at + 1:]) if at is not None else ""
        return helper, minutes, what

    def _helper_named(self, event: Incoming) -> str:
        """Return the helper a resident's ``!确认服务`` names ("" for any other event)."""
        if not isinstance(event, Message) or event.is_edit or event.kind != "text":
            return ""
        cmd = parse(event.body, in_thread=event.context is not None)
        return self._served_words(cmd, event)[0] if cmd is not None and cmd.name == "served" else ""

    async def _neighbour(self, user: str) -> bool:
        """Return whether ``user`` is in one of the community's rooms; a yes is remembered for ten minutes."""
        now = time.monotonic()
        if now - self._neighbours.get(user, -NEIGHBOUR_TTL) < NEIGHBOUR_TTL:
            return True
        if await self._in_community(user, ""):
            self._neighbours[user] = now
            return True
        return False

    async def _in_community(self, user: str, first: str) -> bool:
        """Return whether ``user`` has joined one of the community's rooms (residents', handlers' and bodies';
        not a direct chat, shared or not), asking of room ``first`` first; a room the homeserver refuses is passed
        over. Raises ``ConnectionError`` (the event waits for the homeserver, as a power read does)."""
        rooms = sorted((r for r in self.rooms.values() if r.kind not in ("direct", "shared")),
                       key=lambda r: r.room_id != first)
        for room in rooms:
            try:
                if user in await self.transport.members(room.room_id):
                    return True
            except Refused as exc:
                log.warning("the members of %s cannot be read: %s", room.room_id, exc)
        return False

    async def _cmd_served(self, turn: Turn, cmd: Command, context: Context) -> None:
        """The one served confirms the hours: the helper gains them, the sender gives them (double entry).

        Refused, with the reason: the bot itself, oneself, an account nobody in the community has (not in any of
        its rooms: read before the transaction, :meth:`_in_community`), and the same pair and hours confirmed
        again within ``SAME_SERVICE`` (a resend or a double tap is one service). The same event twice is one
        confirmation already: the inbox handles each event once."""
        helper, minutes, what = self._served_words(cmd, turn.event)
        # said plainly, not the usage (a tester's 100000小时 got the usage line)
        if minutes is not None and minutes > MAX_SERVED_MINUTES:
            await self._reply(turn, text("bank_too_long", turn.lang, most=_hours(MAX_SERVED_MINUTES),
                                         hours=_hours(minutes)))
            return
        if minutes is not None and minutes <= 0:  # 0小时, -2小时: said why, not the usage
            await self._reply(turn, text("bank_bad_hours", turn.lang))
            return
        if not helper or not minutes or not what:
            await self._reply(turn, usage("served", turn.lang))
            return
        me, ledger, now = turn.event.sender, await self._ledger(turn), self.service.clock()
        try:
            if helper == self.transport.user_id:
                raise LedgerError("bank_bot_account")
            if helper == me:
                raise LedgerError("bank_same_account")
            if helper not in turn.in_community:
                raise LedgerError("bank_unknown_account", account=helper)
            made = [ledger.open(helper, now), ledger.open(me, now)]
            done = ledger.transfer(helper, me, minutes, now, what, within=SAME_SERVICE)
        except LedgerError as exc:
            await self._reply(turn, text(exc.code, turn.lang, **{"hours": _hours(minutes), **exc.params}))
            return
        for t in [*(m for m in made if m is not None), done]:
            await turn.tx.add_bank_transfer(ledger.row(t), me)
        await self._reply(turn, text("bank_recorded", turn.lang, id=done.id, giver=helper, hours=_hours(minutes),
                                     what=done.what, balance=_hours(ledger.balance(me))))
        await self._flag_accounts(turn, ledger, (helper, me))

    async def _cmd_volunteer(self, turn: Turn, cmd: Command, context: Context) -> None:
        """Staff confirm a resident's volunteer task (志愿服务): it earns the rulebook's ``volunteer`` points.
        The resident is a typed Matrix ID or the one user the message mentions."""
        if turn.power is None or turn.power.refused or turn.power.of(turn.event.sender) < self.staff_level:
            await self._reply(turn, text("not_chair", turn.lang, need=self.staff_level))
            return
        who, what = self._volunteer_words(cmd, turn.event)
        if not who or not what or len(what) > 200:
            await self._reply(turn, usage("volunteer", turn.lang))
            return
        if who == turn.event.sender:  # staff do not award themselves
            await self._reply(turn, text("volunteer_self", turn.lang))
            return
        if who == self.transport.user_id or who not in turn.in_community:  # points for people of the community
            await self._reply(turn, text("volunteer_bot" if who == self.transport.user_id else "volunteer_unknown",
                                         turn.lang, account=who))
            return
        now = self.service.clock()
        again = next((n for n, _who, said, at in await turn.tx.volunteered(who)
                      if said == what and now - at < SAME_SERVICE), None)
        if again is not None:  # a resend or a double tap is one task
            await self._reply(turn, text("volunteer_repeated", turn.lang, id=again, who=who, what=what))
            return
        number = await turn.tx.add_volunteered(who, what, turn.event.sender, now)
        await self._reply(turn, text("volunteer_recorded", turn.lang, id=number, who=who, what=what))

    def _volunteer_words(self, cmd: Command, event: Incoming) -> tuple[str, str]:
        """Return ``(resident, task)`` of a ``!志愿``: a typed Matrix ID or the one user the message mentions, and
        the words of the task (either ``""`` when not said)."""
        words = cmd.args.split()
        typed = words[0] if words and words[0].startswith("@") and ":" in words[0] else ""
        mentioned = [u for u in getattr(event, "mentions", ()) if u != self.transport.user_id]
        who = typed or (mentioned[0] if len(mentioned) == 1 else "")
        return who, " ".join(words[1:] if typed else [w for w in words if not w.startswith("@")]).strip()

    async def _flag_accounts(self, turn: Turn, ledger: Ledger, accounts: tuple[str, ...]) -> None:
        """Tell the street office's room of an account the move left outside the limits (never refused)."""
        room = self.handler_rooms.get(self.book.fallback)
        flags = ledger.flags()
        for account in accounts:
            if account in flags and room is not None:
                line = text("bank_flagged", self.lang, account=account, balance=_hours(ledger.balance(account)),
                            why=text(f"bank_why_{flags[account]}", self.lang))
                await turn.tx.enqueue(Outgoing(room, "bank_flag", notice(line)))

    async def _cmd_offer(self, turn: Turn, cmd: Command, context: Context) -> None:
        await self._post(turn, cmd, "offer")

    async def _cmd_need(self, turn: Turn, cmd: Command, context: Context) -> None:
        await self._post(turn, cmd, "need")

    async def _post(self, turn: Turn, cmd: Command, kind: str) -> None:
        """Keep an offer of help or a need in the grid's room, and name the posts of the other kind in the
        same grid it could be matched with (they agree between them; the one served then confirms)."""
        grid = turn.room.ref if turn.room.kind == "community" else ""
        words = cmd.args.strip()
        if not grid:
            await self._reply(turn, text("bank_grid_only", turn.lang))
            return
        if not words or len(words) > 200:
            await self._reply(turn, usage(cmd.name, turn.lang))
            return
        words = _UNIT_APART.sub(r"\1\2", words)  # 3 hours: one word
        last = words.split()[-1]
        minutes = _minutes(last)
        if minutes is not None and not 0 < minutes <= MAX_SERVED_MINUTES:  # -3小时, 99999小时: said why
            await self._reply(turn, text("bank_bad_hours", turn.lang) if minutes <= 0 else
                              text("bank_too_long", turn.lang, most=_hours(MAX_SERVED_MINUTES), hours=_hours(minutes)))
            return
        if minutes:
            words = words[: -len(last)].strip() or words
        now = self.service.clock()
        number = await turn.tx.add_bank_post(kind, turn.event.sender, grid, words, minutes, now)
        other = "need" if kind == "offer" else "offer"
        posts = [p for p in await turn.tx.bank_posts(grid, other, now - POSTS_KEPT) if p[2] != turn.event.sender]
        picks = [posts[i] for i in match(words, [p[4] for p in posts])][:MATCHES_SHOWN]
        lines = [text(f"bank_{kind}_kept", turn.lang, number=number)]
        if picks:
            lines.append(text(f"bank_matches_{other}", turn.lang))
            lines += [text("bank_match_line", turn.lang, who=p[2], what=p[4],
                           hours=_hours(p[5]) if p[5] else "").rstrip() for p in picks]
        else:
            lines.append(text("bank_no_match", turn.lang))
        await self._reply(turn, "\n".join(lines), mentions=[p[2] for p in picks])  # by name: they agree between them

    async def _cmd_bank(self, turn: Turn, cmd: Command, context: Context) -> None:
        me, ledger = turn.event.sender, await self._ledger(turn)
        entries = ledger.statement(me)
        if not entries:
            await self._reply(turn, text("bank_empty", turn.lang))
            return
        lines = [text("bank_statement", turn.lang, balance=_hours(ledger.balance(me)))]
        for t, minutes, _after in entries[-POINTS_SHOWN:][::-1]:
            opening = t.what == STARTING and COMMUNITY in (t.giver, t.receiver)
            what = text("bank_starting_credit", turn.lang) if opening else t.what
            lines.append(text("bank_line", turn.lang, id=t.id, when=self.voice.local(t.at), what=what,
                              sign="+" if minutes > 0 else "-", hours=_hours(abs(minutes))))
        await self._reply(turn, "\n".join(lines))

    async def _cmd_reverse(self, turn: Turn, cmd: Command, context: Context) -> None:
        if turn.room.ref != self.book.fallback:
            await self._reply(turn, text("bank_street_only", turn.lang))
            return
        number: int | None
        if cmd.ticket is not None:  # "!冲正 12 原因": the parser took the number
            number, reason = cmd.ticket, cmd.args
        else:
            parts = cmd.split(2)
            number = int(parts[0]) if parts and parts[0].isdigit() else None
            reason = parts[1] if len(parts) == 2 else ""
        if number is None:
            await self._reply(turn, usage("reverse", turn.lang))
            return
        ledger = await self._ledger(turn)
        try:
            back = ledger.reverse(number, self.service.clock(), reason)
        except LedgerError as exc:
            await self._reply(turn, text(exc.code, turn.lang, **exc.params))
            return
        await turn.tx.add_bank_transfer(ledger.row(back), turn.event.sender)
        await self._reply(turn, text("bank_reversal_done", turn.lang, transfer=number, id=back.id, reason=back.what))
        await self._flag_accounts(turn, ledger, (back.giver, back.receiver))

    async def _cmd_status(self, turn: Turn, cmd: Command, context: Context) -> None:
        ticket = await self._command_ticket(turn, cmd, context.ticket)
        if ticket is None:
            return
        handler = turn.room.ref
        if turn.room.kind != "handler":
            if turn.event.sender not in ticket.residents:
                await self._reply(turn, text("not_for_me", turn.lang, ticket=ticket.id))
                return
        elif handler not in (*ticket.handlers, self.book.fallback, ticket.escalated_to):
            await self._reply(turn, text("not_visible", turn.lang, ticket=ticket.id,
                                         handler=self.voice.handler(handler, turn.lang)))
            return
        lines = [self.voice.status(ticket, turn.lang)]
        if ticket.state in OPEN and ticket.sign_deadline and ticket.resolve_deadline:
            lines.append(text("card_deadlines", turn.lang, sign=self.voice.local(ticket.sign_deadline),
                              resolve=self.voice.local(ticket.resolve_deadline)))
        for event in reversed(await turn.tx.events(ticket.id)):  # the latest step told, never a resident's words
            if (event.kind in (Move.NOTE, Move.RATED, Move.SUPPORTED) and event.actor_handler is None) or \
                    (event.kind is Move.ROUTED and not {"chosen", "triage"} & set(event.data)):
                continue  # the first routing is the status line itself
            if (step := self.voice.step(ticket, event, turn.lang)) is not None:
                lines.append(text("status_last", turn.lang, step=step))
                break
        await self._reply(turn, lines)

    async def _resident_ticket(self, turn: Turn, cmd: Command, context: Context) -> Ticket | None:
        """Return the resident's ticket a command names (or its thread's); ``None`` after saying why not."""
        ticket = await self._command_ticket(turn, cmd, context.ticket)
        if ticket is not None and turn.event.sender not in ticket.residents:
            await self._reply(turn, text("not_for_me", turn.lang, ticket=ticket.id))
            return None
        return ticket

    async def _cmd_solved(self, turn: Turn, cmd: Command, context: Context) -> None:
        if (ticket := await self._resident_ticket(turn, cmd, context)) is not None:
            await self._move(turn, ticket, Actor(turn.event.sender), Move.VERIFIED)

    async def _cmd_unsolved(self, turn: Turn, cmd: Command, context: Context) -> None:
        if (ticket := await self._resident_ticket(turn, cmd, context)) is not None:
            await self._move(turn, ticket, Actor(turn.event.sender), Move.REOPENED)

    async def _cmd_rate(self, turn: Turn, cmd: Command, context: Context) -> None:
        if (ticket := await self._resident_ticket(turn, cmd, context)) is None:
            return
        value = rating(cmd.args)
        if value is None:
            await self._reply(turn, usage("rate", turn.lang))
        else:
            await self._move(turn, ticket, Actor(turn.event.sender), Move.RATED, data={"rating": value})

    async def _cmd_publish(self, turn: Turn, cmd: Command, context: Context) -> None:
        if (ticket := await self._resident_ticket(turn, cmd, context)) is not None:
            await self._move(turn, ticket, Actor(turn.event.sender), Move.PUBLISHED)

    def _staff(self, turn: Turn) -> Actor:
        return Actor(turn.event.sender, turn.room.ref)

    async def _staff_move(self, turn: Turn, cmd: Command, context: Context) -> None:
        """A staff command that is just its registered move, with its words as the reason when it takes any."""
        assert context.ticket is not None
        await self._move(turn, context.ticket, self._staff(turn), STAFF_MOVES[cmd.name],
                         reason=cmd.args if BY_NAME[cmd.name].args else None)

    _cmd_ack = _cmd_approve = _cmd_note = _cmd_resolve = _cmd_return = _cmd_refuse = _staff_move

    async def _cmd_transfer(self, turn: Turn, cmd: Command, context: Context) -> None:
        assert context.ticket is not None
        parts = cmd.split(2)
        if len(parts) < 2:
            await self._reply(turn, usage("transfer", turn.lang, units=self.voice.units(turn.lang)))
            return
        target, reason = self._unit_first(cmd.args)
        if target is None:
            raise LifecycleError("unknown_target", id=parts[0])
        await self._move(turn, context.ticket, self._staff(turn), Move.TRANSFERRED, target=target, reason=reason)

    async def _cmd_extend(self, turn: Turn, cmd: Command, context: Context) -> None:
        assert context.ticket is not None
        parts = cmd.split(2)
        days = read_days(parts[0]) if parts else None  # 3, 3天, 三天
        if len(parts) < 2 or days is None:
            await self._reply(turn, usage("extend", turn.lang))
            return
        await self._move(turn, context.ticket, self._staff(turn), Move.EXTENSION_ASKED, reason=parts[1],
                         data={"days": days})

    async def _cmd_expedite(self, turn: Turn, cmd: Command, context: Context) -> None:
        """!加急 [紧急] 理由: urgent, or an emergency when the first word says so."""
        assert context.ticket is not None
        level, _, rest = cmd.args.strip().partition(" ")
        priority = {"紧急": "emergency", "emergency": "emergency", "特急": "emergency", "急": "urgent",
                    "加急": "urgent", "urgent": "urgent"}.get(level.lower())
        reason = rest.strip() if priority else cmd.args.strip()
        if not reason:
            await self._reply(turn, usage("expedite", turn.lang))
            return
        after = await self._move(turn, context.ticket, self._staff(turn), Move.EXPEDITED, reason=reason,
                                 data={"priority": priority or "urgent"})
        if turn.room.ref not in after.handlers:  # the street office hears it was done (its room holds no card)
            await self._reply(turn, text("expedited_done", turn.lang, ticket=after.id,
                                         priority=text(f"priority_{after.priority}", turn.lang)))

    async def _cmd_assign(self, turn: Turn, cmd: Command, context: Context) -> None:
        assert context.ticket is not None
        ticket = context.ticket
        target, category = self._assignment(ticket, cmd.args)
        if target is None:  # a word no unit or matter has (!分拨 儿童) is told so, with the units to choose from
            word = cmd.args.strip().split()[0] if cmd.args.strip() else ""
            said = [text("assign_no_options" if word.isdigit() else "unknown_assignee", turn.lang, id=word[:40],
                         ticket=ticket.id)] if word else []
            await self._reply(turn, [*said, usage("assign", turn.lang, units=self.voice.units(turn.lang))])
            return
        if ticket.category is not None and ticket.lead == self.book.fallback and target != self.book.fallback:
            # returned to the street office (退单) with its matter known: dispatched again as a transfer that keeps
            # the matter (a tester's !分拨 was refused with "no triage needed, use !转派")
            await self._move(turn, ticket, self._staff(turn), Move.TRANSFERRED, target=target,
                             reason=text("reassigned_reason", turn.lang))
            return
        before, after, event = await self.service.assign(context.ticket.id, self._staff(turn), target, category,
                                                         tx=turn.tx)
        await self.announce(turn.tx, before, after, event)

    async def _cmd_list(self, turn: Turn, cmd: Command, context: Context) -> None:
        handler = turn.room.ref or ""
        open_ = [t for s in (State.ROUTED, State.ACKNOWLEDGED, State.RESOLVED)  # led or co-handled
                 for t in await turn.tx.tickets(state=s, handler=handler, limit=50)]
        name = self.voice.handler(handler, turn.lang)
        lines = [self.voice.status(t, turn.lang) for t in sorted(open_, key=lambda t: t.id)]
        await self._reply(turn, [text("list_header", turn.lang, handler=name), *lines] if open_
                          else text("list_none", turn.lang, handler=name))

    async def _cmd_stats(self, turn: Turn, cmd: Command, context: Context) -> None:
        return  # answered by _answer_stats once counted, beside the loop

    async def _withdrawn(self, turn: Turn, ev: Redaction) -> None:
        """A resident deleted a message: their report's handlers are told (the ticket stays theirs to handle); their
        support (附议) is taken back, and the handlers told; a message the bot asked about is forgotten; anything
        else (a reaction, chatter) changes nothing."""
        source = f"matrix:{ev.redacts}"
        ticket = await turn.tx.ticket_by_source(source)
        if ticket is None and (supported := await turn.tx.supported_from(source, ev.sender)) is not None:
            ticket = await turn.tx.ticket(supported)
            if ticket is not None and ev.sender in ticket.followers and ticket.state is not State.CLOSED:
                await self._move(turn, ticket, Actor(ev.sender), Move.WITHDRAWN, data={"source": source})
                # told in the thread the support was said in (someone else's report's); a support said as a message of
                # its own (its receipt under it) is told in the room, as a deleted report is (a tester's went to the
                # thread of the report it had joined)
                theirs = [r.message.thread_root for r in await turn.tx.outbox_for(ticket.id, "receipt", ev.room_id)
                          if r.message.content.get("mentions") == [ev.sender]]
                where = None if ev.redacts in theirs else next((root for root in theirs if root is not None), None)
                await turn.tx.enqueue(Outgoing(ev.room_id, "reply", notice(text(
                    "support_withdrawn", turn.lang, ticket=ticket.id), mentions=[ev.sender]), ticket.id,
                    thread_root=where))
            return
        if ticket is not None:
            if ev.sender == ticket.reporter and ticket.state is not State.CLOSED:
                await self._move(turn, ticket, Actor(ev.sender), Move.WITHDRAWN, data={"source": source})
                # told in the room, not in the deleted message's thread: the ticket is not gone
                await turn.tx.enqueue(Outgoing(ev.room_id, "reply", notice(text(
                    "withdrawn_still_open", turn.lang, ticket=ticket.id), mentions=[ev.sender]), ticket.id))
            return
        asked = await turn.tx.pending(source)
        if asked is not None and ev.sender == asked.sender:
            await turn.tx.finish_pending(source, "declined")

    async def _message(self, turn: Turn, body: str, *, conversation: bool = False) -> None:
        """A plain message in a residents' room: a report, something else, or a question to ask first.

        ``conversation``: it answers another message (not one of the bot's), so only a clear report
        becomes a ticket; nothing else gets an answer.
        """
        ev = turn.event
        assert isinstance(ev, Message)
        decision: Decision | None = None
        if len(body) > MAX_REPORT_CHARS:  # an emergency is never refused for its length: its first part reports it
            first = await self.service.route(body[:MAX_REPORT_CHARS])
            if first.priority == "emergency" and first.report is not False:
                body, decision = body[:MAX_REPORT_CHARS], replace(first, report=True)
            elif len(body) > MAX_MESSAGE_CHARS:  # said with the limit a report has (one limit, as the next says)
                raise LifecycleError("report_too_long", length=len(body), limit=MAX_REPORT_CHARS)
        plain = normalize(body)
        if not plain:  # nothing visible at all (invisible or bidi characters): say so
            raise LifecycleError("report_empty")
        decision = decision or await self.service.route(body)
        if decision.report is True:
            await self._report(turn, body, decision=decision)
        elif conversation:
            return
        elif (choice := _VOTE_WORDS.get(plain.strip("!！.。~～"))) and \
                (voting := await self.chair.voting_here(turn.tx, ev.room_id)) is not None:
            # 赞成 typed plainly while a vote is open here (as in a WeChat group): how to vote, not "register it?"
            await self._reply(turn, text("vote_hint", turn.lang, number=voting,
                                         command=f"!{BY_NAME[choice].alias(turn.lang)}"))
        elif len(plain) <= VERDICT_CHARS and \
                (said := verdict(body)) is not None and (waiting := [
                    x for x in await turn.tx.tickets(resident=ev.sender, state=State.RESOLVED.value, limit=5)
                    if x.awaits_verdict(ev.sender)]) and len(waiting) == 1:
            # 已解决 said in the room, not in the thread it was asked in: the answer to the one question waiting
            await self._move(turn, waiting[0], Actor(ev.sender), Move.VERIFIED if said else Move.REOPENED)
            await self._reply(turn, text("verdict_elsewhere", turn.lang, ticket=waiting[0].id))
        elif decision.report is None:  # unsure: ask, register nothing until the sender says so
            await turn.tx.save_pending(Pending(f"matrix:{ev.event_id}", ev.room_id, ev.sender, body.strip()))
            # something is wrong but not said what (那个东西又坏了): asked what and where; otherwise whether to register
            ask = text("ask_what" if decision.gate == VAGUE else "ask_register", turn.lang)
            if decision.hotline:  # its words were an emergency's (a hotline is given only then): say whom to call
                ask = f"{ask}\n{text('hotline', turn.lang, hotline=decision.hotline)}"
            await turn.tx.enqueue(Outgoing(ev.room_id, "ask_register", notice(ask), thread_root=ev.event_id))
        elif decision.gate == HELP:  # 怎么反映问题？ the answer to that, not every command there is
            await self._reply(turn, text("how_to_report", turn.lang))
        elif decision.gate == PROGRESS:
            await self._mine(turn)
        elif decision.gate == QUESTION:
            await self._reply(turn, text("not_a_report_question", turn.lang))
        # greetings, thanks, acknowledgements, chit-chat, notices and emoji get no answer: a room is for people

    async def _pending_answer(self, turn: Turn, asked: Pending, body: str) -> None:
        """The sender's reply under the bot's "register this?": yes, no, or more words about the matter."""
        said = verdict(body)
        if said is True or normalize(body) in ("登记", "报告", "是的登记", "要"):
            await self._register(turn, asked)
        elif said is False or normalize(body) in ("不用", "不要", "不用了", "不登记", "算了") or option(body) == 0:
            if await turn.tx.finish_pending(asked.source, "declined"):
                await self._reply(turn, text("register_declined", turn.lang))
        elif option(body) is not None:  # a bare 1 or 2 answers no question asked here: ask again, add nothing
            await self._reply(turn, text("ask_register", turn.lang))
        else:  # more words: the matter and the words together are the report
            words = f"{asked.text}\n{body.strip()}"
            if "\n" not in asked.text and (await self.service.route(words)).gate == VAGUE:
                # they still say no matter (安居苑 answers only where): asked once more, what it is
                await turn.tx.amend_pending(asked.source, words)
                await self._reply(turn, text("ask_what_again", turn.lang))
                return
            await self._register(turn, replace(asked, text=words))

    async def _register(self, turn: Turn, asked: Pending) -> None:
        """Register a message the bot asked about, as a report of its sender, in its own thread."""
        if not await turn.tx.finish_pending(asked.source, "registered"):
            return  # answered already
        await self._report(turn, asked.text, source=asked.source, reporter=asked.sender)

    async def _report(self, turn: Turn, body: str, *, decision: Decision | None = None, source: str | None = None,
                      reporter: str | None = None, thread: str | None = None, near: Ticket | None = None) -> None:
        """Make ``body`` a ticket (or support, or a note on the resident's own) and queue its receipt in the
        thread of the message it came from (``source``, by default the message being handled), or in ``thread``
        (a message already in a thread cannot start one). Said in the thread of ticket ``near``, it is where
        that ticket is unless its own words name a place."""
        ev = turn.event
        root = source.removeprefix("matrix:") if source else ev.event_id
        source, root = f"matrix:{root}", thread or root
        reporter = reporter or ev.sender
        owner = reporter if thread else None  # a receipt in someone else's thread says whose it is
        place = Place(grid=(turn.room.ref or None) if turn.room.kind == "community" else None)
        named = decision.place if decision is not None else None
        if near is not None and not (named and named.estate):  # 3号楼 said under 安居苑's ticket: 安居苑 3号楼
            place = Place(near.grid or place.grid, near.estate, near.building)
        # the service refuses an empty or oversized report
        receipt = await self.service.report(source=source, reporter=reporter, text=body,
                                            place=place, tx=turn.tx, decision=decision)
        ticket = receipt.ticket
        written, kept = written_in(body), await turn.tx.lang_of(reporter)
        if reporter == ev.sender and written and kept is None:
            # a resident's first report says what they are answered in, kept even when it is the room's own language
            # (else a later report in another language took its place: a tester's commands turned English for good)
            await turn.tx.set_lang(reporter, written)
        # a ticket's later steps come in the language its report was written in, kept on the receipt: an English
        # ticket stays English after a Chinese report, and the other way round
        lang = written or turn.lang
        if receipt.joined and receipt.steps:
            said = (text("note_added", turn.lang, ticket=ticket.id) if receipt.noted
                    else self.voice.joined(ticket, turn.lang, unplaced=receipt.decision is not None and not (
                        receipt.decision.place.estate or receipt.decision.place.building),
                        said_at=receipt.decision.place if receipt.decision is not None else None))
            lines = [said]
            if receipt.decision is not None and receipt.decision.priority == "emergency" and receipt.decision.hotline \
                    and (told := text("hotline", turn.lang, hotline=receipt.decision.hotline)) not in said:
                lines.append(told)  # whoever tells it (the ticket's own hotline is in the receipt already)
            # a resident's follow-up on their own ticket is answered in its thread but is no second receipt: the
            # ticket's later steps go to the report's thread once, not to every follow-up's too
            purpose = "noted" if receipt.noted else "receipt"
            await turn.tx.enqueue(Outgoing(ev.room_id, purpose, receipt_notice(lines, lang, named=owner), ticket.id,
                                           thread_root=root))
            for before, after, event in receipt.steps:
                await self.announce(turn.tx, before, after, event)
            return
        if not receipt.created:
            await self._reply(turn, text("receipt_known", turn.lang, ticket=ticket.id,
                                         state=text(f"state_{ticket.state}", turn.lang)))
            return
        if ticket.estate and not ticket.grid:
            ticket = await self.service.act(ticket.id, Actor(reporter), Move.LOCATED, tx=turn.tx,
                                            data={"grid": self.voice.grid_of_estate(ticket.estate)})
        if near is not None and near.place_detail and self.voice.needs_place(ticket):  # where the other was said
            ticket = await self.service.act(ticket.id, Actor(reporter), Move.LOCATED, tx=turn.tx,
                                            data={"grid": ticket.grid or near.grid, "detail": near.place_detail})
        if receipt.asked:
            asked = self.voice.ask_choice(ticket, turn.lang)
            await turn.tx.enqueue(Outgoing(ev.room_id, "receipt", receipt_notice(asked[0], lang, named=owner),
                                           ticket.id, thread_root=root))
            await turn.tx.enqueue(Outgoing(ev.room_id, "ask_choice", notice(asked[1:], mentions=[reporter]),
                                           ticket.id, thread_root=root))
            return
        decision = receipt.decision
        lines = [self.voice.receipt(ticket, decision is not None and decision.unclassified, turn.lang)]
        if ticket.priority == "emergency" and decision is not None and decision.hotline:
            lines.append(text("hotline", turn.lang, hotline=decision.hotline))
        if self.voice.needs_place(ticket):
            lines.append(self.voice.ask_place(ticket, turn.lang))
        matched = (*decision.matched, *(w for w in decision.urgent if w not in decision.matched)) if decision else ()
        alarm = decision.source.alarm if decision is not None and decision.raised else None
        cards = [await self.announce.card(turn.tx, ticket, handler, matched=matched, alarm=alarm)
                 for handler in ticket.handlers]
        # the lead's card goes first: sent together, the homeserver takes both at once and the card waits
        await turn.tx.enqueue(Outgoing(ev.room_id, "receipt", receipt_notice(lines, lang, named=owner), ticket.id,
                                       thread_root=root, after=cards[0] if cards else None))

    async def _mine(self, turn: Turn) -> None:
        me = turn.event.sender
        # still theirs: a "me too" deleted takes the ticket off the list, as it stops the steps told (a tester's stayed)
        mine = [t for t in await turn.tx.tickets(resident=me, limit=20) if me in t.residents]
        lines = [self.voice.status(t, turn.lang) for t in mine]
        await self._reply(turn, [text("mine_header", turn.lang), *lines] if mine else text("mine_none", turn.lang))

    async def _resident_answer(self, turn: Turn, ticket: Ticket, body: str) -> None:
        """A resident's plain reply in their ticket's thread: a verdict, a rating, a place, or a note."""
        me = Actor(turn.event.sender)
        if len(body) > MAX_MESSAGE_CHARS:
            raise LifecycleError("message_too_long", length=len(body), limit=MAX_MESSAGE_CHARS)
        if ticket.awaits_choice and me.id == ticket.reporter:
            pick = option(body)
            if pick is None:
                raise LifecycleError("bad_option", count=len(ticket.options))
            await self._choose(turn, ticket, me, pick)
            return
        solved = verdict(body) if ticket.state is State.RESOLVED else None
        decision: Decision | None = None  # routed once, when it is needed
        if solved is not None and ticket.awaits_verdict(me.id):
            await self._move(turn, ticket, me, Move.VERIFIED if solved else Move.REOPENED)
        elif ticket.awaits_rating(me.id) and (value := rating(body)):  # "1" after one's verdict is a rating
            if ticket.state in OPEN and not await self._reopened_by(turn.tx, ticket, me.id):
                # the "solved?" question answered after another resident said it is not: no rating of theirs, it is
                # being handled again (a tester's "1" was stored as 满意 beside the reopening)
                await self._reply(turn, text("reopened_meanwhile", turn.lang, ticket=ticket.id))
            else:
                await self._move(turn, ticket, me, Move.RATED, data={"rating": value})
        elif solved is not None:  # a verdict given already, or not theirs to give: the lifecycle says why
            await self._move(turn, ticket, me, Move.VERIFIED if solved else Move.REOPENED)
        elif ticket.priority != "emergency" and ticket.state in (*OPEN, State.RESOLVED) and \
                await self._emergency_in_thread(turn, ticket, body, decision := await self.service.route(body)):
            pass  # an emergency told in the thread of an ordinary matter (有个老人掉进去了): never a quiet note
        elif (bare := _BARE_BUILDING.fullmatch(body.strip())) is not None and \
                (where := await self._asked_where(turn, ticket)).state in (*OPEN, State.RESOLVED) and \
                where.estate is not None and self.voice.needs_place(where):
            await self._building_answer(turn, where, me, bare.group(1))  # "12", "12号", "12栋": the building asked for
        elif (where := await self._asked_where(turn, ticket)).state in (*OPEN, State.RESOLVED) and \
                self.voice.needs_place(where) and (
                (found := self.service.router.classifier.classify(body).place).estate or found.building
                or place_said(body)):  # "不知道，反正很多烟" names no place: a note for the handler, asked again
            grid = where.grid or found.grid or self.voice.grid_of_estate(found.estate)
            # "3号楼" answers for the estate already known when it has a building 3; else for the one estate that has
            estate = found.estate or (where.estate if found.building and found.building in
                                      self.book.buildings_of(where.estate) else None) or \
                self.book.estate_with(grid, found.building)
            data: dict[str, Any] = {"grid": grid, "estate": estate, "building": found.building}
            if not (found.estate or found.building):
                data["detail"] = body.strip()[:200]
            await self._move(turn, where, me, Move.LOCATED, data=data)
            await self._same_matter_hint(turn, where.id)
        elif ticket.awaits_rating(me.id) and verdict(body) is None and (body.strip().isdigit() or (
                (decision := decision or await self.service.route(body)).report is not True
                and decision.gate not in SMALL_TALK)):
            # no rating in it (5, 太慢了): asked again, with the three answers (a tester's got "report it again")
            await self._reply(turn, text("ask_rating", turn.lang, ticket=ticket.id))
        elif ticket.state is State.CLOSED:
            decision = decision or await self.service.route(body)
            if decision.report is True:  # the matter is back (电梯今天又停了): a ticket of its own, its receipt here
                await self._report(turn, body, decision=decision, near=ticket,
                                   thread=turn.event.thread_root if isinstance(turn.event, Message) else None)
            elif decision.gate not in SMALL_TALK:
                await self._reply(turn, text("report_again", turn.lang, ticket=ticket.id,
                                             state=text(f"state_{ticket.state}", turn.lang)))
        elif (decision := decision or await self.service.route(body)).gate == PROGRESS:
            await self._reply(turn, self.voice.status(ticket, turn.lang))  # 处理得怎么样了？ in its own thread
        elif decision.gate not in SMALL_TALK:  # 谢谢, 👍
            await self._move(turn, ticket, me, Move.NOTE, reason=body)

    async def _building_answer(self, turn: Turn, where: Ticket, me: Actor, number: str) -> None:
        """A building number alone answers where ``where`` is: its estate's building, or asked again with the
        buildings the estate has (never kept as a detail beside a building that does not exist)."""
        listed = self.book.buildings_of(where.estate)
        if listed and number not in listed:
            await self._reply(turn, self.voice.ask_place(replace(where, building=number, place_detail=None),
                                                         turn.lang))
            return
        await self._move(turn, where, me, Move.LOCATED,
                         data={"grid": where.grid, "estate": where.estate, "building": number})
        await self._same_matter_hint(turn, where.id)

    async def _asked_where(self, turn: Turn, ticket: Ticket) -> Ticket:
        """Return the ticket a place said in this thread answers: the newest open one of the sender's whose receipt
        is in the thread and that still needs a place (an emergency told in ``ticket``'s thread asked where it is
        after ``ticket`` did), else ``ticket``."""
        root = turn.event.thread_root if isinstance(turn.event, Message) else None
        for tid in await turn.tx.tickets_in_thread(root) if root else ():
            if tid == ticket.id:
                break
            newer = await turn.tx.ticket(tid)
            if newer is not None and turn.event.sender in newer.residents and newer.state in OPEN and \
                    self.voice.needs_place(newer):
                return newer
        return ticket

    async def _same_matter_hint(self, turn: Turn, ticket_id: int) -> None:
        """Tell the handlers of ticket ``ticket_id``, just placed, when another open ticket there is the same matter
        (had the place been said at once, the report would have joined it): they may handle the two as one."""
        placed = await turn.tx.ticket(ticket_id)
        other = await self.service.same_matter(turn.tx, placed) if placed is not None else None
        if placed is None or other is None:
            return
        for handler in placed.handlers:
            for card in (await turn.tx.outbox_for(placed.id, "card", self.handler_rooms.get(handler)))[-1:]:
                line = text("same_matter", self.lang, ticket=placed.id, other=other.id,
                            here=self.voice.place(placed, self.lang), place=self.voice.place(other, self.lang))
                await turn.tx.enqueue(Outgoing(card.message.room_id, "step", notice(line), placed.id,
                                               thread_of=card.id))

    async def _neighbour_in_thread(self, turn: Turn, ticket: Ticket, body: str) -> None:
        """A neighbour's words in the thread of someone else's ticket: an emergency is a ticket of its own at once; "me
        too" (我家也是, 我们楼也停水了) or a report of the same matter, of an open ticket, is support, counted; a
        report of another matter or place, or of one whose ticket is done with (the lift broken again), is a ticket of
        its own, its receipt in the thread; "me too" of one done with is told how to report it again; anything else
        is a conversation among residents, left alone."""
        ev = turn.event
        decision = await self.service.route(body)
        if not isinstance(ev, Message) or await self._emergency_in_thread(turn, ticket, body, decision):
            return
        reported = decision.report is True and not decision.ask
        where = decision.place
        elsewhere = (where.estate not in (None, ticket.estate) and ticket.estate is not None) or \
            (where.building not in (None, ticket.building) and ticket.building is not None)
        other = reported and (decision.category not in (None, ticket.category) or elsewhere)
        if reported and (other or ticket.state not in OPEN):
            await self._report(turn, body, decision=decision, near=ticket, thread=ev.thread_root)
        elif me_too(body) and ticket.state not in OPEN:
            await self._reply(turn, text("report_again", turn.lang, ticket=ticket.id,
                                         state=text(f"state_{ticket.state}", turn.lang)))
        elif me_too(body) or (reported and decision.category is not None):  # open, and the same matter
            receipt = await self.service.support(ticket.id, source=f"matrix:{ev.event_id}", reporter=ev.sender,
                                                text=body, tx=turn.tx)
            await turn.tx.enqueue(Outgoing(ev.room_id, "receipt", receipt_notice(
                self.voice.joined(receipt.ticket, turn.lang), turn.lang, named=ev.sender), ticket.id,
                thread_root=ev.thread_root))
            for before, after, event in receipt.steps:
                await self.announce(turn.tx, before, after, event)

    async def _emergency_in_thread(self, turn: Turn, ticket: Ticket, body: str, decision: Decision) -> bool:
        """Return whether ``body``, said in ``ticket``'s thread, is an emergency reported; if so it is made a ticket
        of its own for its own handler at once, placed where ``ticket`` is, its receipt in that thread."""
        if decision.report is not True or decision.priority != "emergency":
            return False
        await self._report(turn, body, decision=decision, near=ticket,
                           thread=turn.event.thread_root if isinstance(turn.event, Message) else None)
        return True

    async def _choose(self, turn: Turn, ticket: Ticket, me: Actor, pick: int) -> None:
        before, after, event = await self.service.choose(ticket.id, me, pick, tx=turn.tx)
        await self.announce(turn.tx, before, after, event)

    async def _resident_reaction(self, turn: Turn, ev: Reaction) -> None:
        row = await turn.tx.outbox_by_event(ev.relates_to)
        if row is not None and row.message.purpose == "ask_register" and row.message.thread_root:
            asked = await turn.tx.pending(f"matrix:{row.message.thread_root}")
            key = reaction_key(ev.key)
            if asked is not None and ev.sender == asked.sender and key in (*VERDICT_REACTIONS, *ACK_REACTIONS):
                if VERDICT_REACTIONS.get(key, True):
                    await self._register(turn, asked)
                elif await turn.tx.finish_pending(asked.source, "declined"):
                    await self._reply(turn, text("register_declined", turn.lang))
            return
        if row is not None and row.message.purpose == "meeting_call":  # 🙋 on a residents' meeting's call signs in
            if answer := await self.chair.reaction(turn, ev.relates_to, reaction_key(ev.key)):
                await self._reply(turn, answer)
            return
        if row is None or row.message.ticket_id is None:
            return
        ticket = await turn.tx.ticket(row.message.ticket_id)
        if ticket is None:
            return
        key = reaction_key(ev.key)
        me = Actor(ev.sender)
        if row.message.purpose == "ask_verdict" and key in VERDICT_REACTIONS:
            await self._move(turn, ticket, me, Move.VERIFIED if VERDICT_REACTIONS[key] else Move.REOPENED)
        elif row.message.purpose == "ask_rating" and key in RATING_REACTIONS:
            await self._move(turn, ticket, me, Move.RATED, data={"rating": RATING_REACTIONS[key]})
        elif row.message.purpose == "ask_choice" and key in OPTION_REACTIONS and me.id == ticket.reporter:
            await self._choose(turn, ticket, me, OPTION_REACTIONS[key])

    # ---- handlers ----
    def _needs_power(self, event: Incoming) -> bool:
        if isinstance(event, Reaction):
            return reaction_key(event.key) in (*ACK_REACTIONS, "👍")
        if isinstance(event, Message) and not event.is_edit and event.kind != "text":
            return event.media is not None and event.context is not None  # staff's picture in a card's thread
        if isinstance(event, Message) and not event.is_edit:
            cmd = parse(_as_command(event))
            return cmd is not None and (cmd.name in STAFF_MOVES or cmd.name in CHAIR_COMMANDS
                                        or cmd.name == "volunteer")
        return False

    async def _direct_chat(self, room_id: str, person: str) -> None:
        room = Room(room_id, "direct", person)
        async with self.store.write() as tx:
            await tx.save_room(room)
        self.rooms[room_id] = room

    async def _direct_shared(self, room: Room) -> None:
        """Someone else joined ``room``, a resident's direct chat: it is no longer private. The bot says so there
        and says nothing more there; it opens a new direct chat with the resident and tells there, from then on,
        the steps of their tickets that the old one heard."""
        person = room.ref
        fresh = await self.transport.open_direct(person)  # the network first, outside the transaction
        async with self.store.write() as tx:
            lang = await tx.lang_of(person) or self.lang
            gone = [t for t in await tx.tickets(resident=person, limit=200) if t.state is not State.CLOSED
                    and any(r.message.room_id == room.room_id for r in await tx.outbox_for(t.id, "receipt"))]
            said = text("direct_shared", lang) if fresh else text("direct_shared_no_new", lang)
            await tx.enqueue(Outgoing(room.room_id, "reply", notice(said, mentions=[person])))
            await tx.save_room(Room(room.room_id, "shared", room.room_id))  # one per room: a person may have several
            if fresh:
                await tx.save_room(Room(fresh, "direct", person))
                await tx.enqueue(Outgoing(fresh, "reply", notice(text("direct_moved", lang))))
                for ticket in gone:  # its receipt here: the steps to come follow it
                    await tx.enqueue(Outgoing(fresh, "receipt", notice(self.voice.status(ticket, lang)), ticket.id))
        log.info("direct chat %s is shared now; %s", room.room_id, f"moved to {fresh}" if fresh else "none opened")
        self.rooms[room.room_id] = Room(room.room_id, "shared", room.room_id)
        if fresh:
            self.rooms[fresh] = Room(fresh, "direct", person)
        self.outbox.wake()

    async def _shared_event(self, turn: Turn) -> None:
        """A direct chat someone else joined: a command or a report there gets a pointer elsewhere (nothing about
        anyone's tickets); anything else is the room's own conversation."""
        assert isinstance(turn.event, Message)
        body = turn.event.body
        if parse(body) is not None or (await self.service.route(body)).report is True:
            await self._reply(turn, text("shared_here", turn.lang))

    async def _direct_event(self, turn: Turn) -> None:
        """A direct chat, the person who opened it only: what they would say in their residents' room (a report,
        said privately, an emergency above all; their tickets' threads; their own matters) and secret ballots
        (``!赞成 N``…). The commands a direct chat takes are declared in the registry. Someone in none of the
        community's rooms is told so, and what they say is not taken: anyone on the network can open a direct
        chat, and an outsider's reports would count as residents' (support, whistles, the public board)."""
        if turn.event.sender != turn.room.ref:
            return
        if isinstance(turn.event, Message) and turn.event.sender not in turn.in_community:
            if turn.event.kind == "text" and not turn.event.is_edit:
                await self._reply(turn, text("not_neighbour", turn.lang))
            return
        await self._resident_event(turn)

    # ---- bodies' rooms and polls ----
    async def _body_event(self, turn: Turn) -> None:
        """A body's room: meeting commands, and 🙋 on a meeting's call to sign in; anything else is talk."""
        ev = turn.event
        if isinstance(ev, Reaction):
            answer = await self.chair.reaction(turn, ev.relates_to, reaction_key(ev.key))
            if answer:
                await self._reply(turn, answer)
            return
        if not isinstance(ev, Message) or ev.is_edit or ev.kind != "text":
            return
        cmd = parse(ev.body, in_thread=ev.context is not None)
        if cmd is not None:
            await self._command(turn, cmd, Context())

    async def _poll_answer(self, turn: Turn, vote: Vote) -> None:
        """A poll answer: counted by the chair. A refusal is said in the room to the voter by name (a thread
        cannot start on an event that has a relation, as a poll answer has)."""
        answer = await self.chair.poll_answer(turn, vote)
        if answer:
            await turn.tx.enqueue(Outgoing(vote.room_id, "reply", notice(answer, mentions=[vote.sender])))

    async def _handler_event(self, turn: Turn) -> None:
        ev, handler = turn.event, turn.room.ref
        if isinstance(ev, Redaction):
            return  # a deleted command or reaction: what it did is recorded and stays done
        if isinstance(ev, Reaction):
            key = reaction_key(ev.key)
            row = await turn.tx.outbox_by_event(ev.relates_to)
            if row is None or row.message.ticket_id is None:
                return
            command = None
            if row.message.purpose == "card" and key in ACK_REACTIONS:
                command = "ack"
            elif row.message.purpose == "extension_request" and key == "👍":
                command = "approve"
            ticket = await turn.tx.ticket(row.message.ticket_id)
            if command and ticket is not None and await self._staff_ok(turn, command):
                await self._move(turn, ticket, Actor(ev.sender, handler), STAFF_MOVES[command])
            return
        assert isinstance(ev, Message)
        if ev.kind != "text" and not ev.is_edit:
            await self._staff_picture(turn, ev)
            return
        cmd = None if ev.is_edit else parse(_as_command(ev), in_thread=ev.context is not None)
        if cmd is None:
            # staff talking among themselves, unless a command of ours sits inside the words (#5 !签收): where it goes
            if not ev.is_edit and (inside := _COMMAND_INSIDE.search(ev.body)) and inside.group(1).lower() in ALIASES:
                await self._reply(turn, text("command_first", turn.lang, command=f"!{inside.group(1)}"))
            elif not ev.is_edit and (bare := _BARE_COMMAND.match(ev.body)) and bare.group(1).lower() in ALIASES:
                # 签收 without its "!" (a tester's got no answer): say how commands are written
                await self._reply(turn, text("command_bang", turn.lang, command=f"!{bare.group(1)}"))
            return
        await self._command(turn, cmd, Context(await self._ticket_of_context(turn.tx, ev.context)))

    async def _staff_picture(self, turn: Turn, ev: Message) -> None:
        """A picture staff post in a ticket card's thread (the lift repaired, the new pipe) is a note to the
        residents who reported it and the other handlers on it; anywhere else it is staff among themselves."""
        ticket = await self._ticket_of_context(turn.tx, ev.context) if ev.context else None
        if ticket is None or ev.media is None or ticket.state is State.CLOSED or \
                turn.room.ref not in ticket.handlers or not await self._staff_ok(turn, "note"):
            return
        await self._picture_note(turn, ticket, self._staff(turn), ev.media)

    async def _picture_note(self, turn: Turn, ticket: Ticket, actor: Actor, media: Media) -> None:
        """Record the note that carries ``media`` (its content address, never its bytes) on ``ticket``."""
        data = {k: v for k, v in (("media", media.url), ("mimetype", media.mimetype), ("size", media.size)) if v}
        await self._move(turn, ticket, actor, Move.NOTE, reason=media.name.strip() or "image", data=data)

    async def _staff_ok(self, turn: Turn, command: str) -> bool:
        """Return whether the sender may act for the room's handler; queue the refusal if not."""
        assert turn.power is not None, "power levels are read before the transaction"
        if turn.power.refused:
            await self._reply(turn, text("power_unreadable", turn.lang))
            return False
        level = turn.power.of(turn.event.sender)
        if level >= self.staff_level:
            return True
        move = text(f"move_{STAFF_MOVES[command]}", turn.lang)
        refusal = text("not_staff", turn.lang, handler=self.voice.handler(turn.room.ref, turn.lang),
                       need=self.staff_level, level=int(level), move=move)
        await self._reply(turn, refusal)
        return False

    def _assignment(self, ticket: Ticket, args: str) -> tuple[str | None, str | None]:
        """Return ``(handler, category)`` that ``!分拨`` names: an option's number (its category), a unit (no
        category: a tester's leak given to the property committee became "corridor lights", the one option that
        committee led), or a category."""
        word = args.strip().split()[0] if args.strip() else ""
        if word.isdigit() and 1 <= int(word) <= len(ticket.options):
            category, _, lead = ticket.options[int(word) - 1].partition("/")
            return lead, category or None
        handler = self._unit_first(args)[0] if word else None
        if handler is not None:  # a unit, not one of the guesses: staff know the handler, not which matter it is
            return handler, None
        key = word.lower()
        for c in self.book.categories:
            if word and key in (c.id, c.name, c.name_en.lower()):
                return c.lead, c.id
        return None, None

    def _unit_first(self, args: str) -> tuple[str | None, str]:
        """Return the handler ``args`` open with and the words after it: a name of several words as help lists it in
        English (Urban Management Bureau: a tester's was read as a unit called 'Urban'), quoted or not, the longest
        that names one; ``(None, args)`` when none does."""
        words = args.split()
        for n in range(len(words), 0, -1):
            handler = self._handler_named(" ".join(words[:n]).strip("'\"“”‘’「」"))
            if handler is not None:
                return handler, " ".join(words[n:])
        return None, args

    def _handler_named(self, name: str) -> str | None:
        """Return the handler ``name`` is an id, name or alias of, else the one whose name or alias alone begins
        with it (儿童 for 儿童委员会, as a tester typed), else ``None``."""
        key = name.strip().lower()
        names = {h.id: (h.id.lower(), h.name, h.name_en.lower(), *[a.lower() for a in h.aliases])
                 for h in self.book.handlers}
        if exact := next((hid for hid, said in names.items() if key in said), None):
            return exact
        begun = [hid for hid, said in names.items() if len(key) >= 2 and any(n.startswith(key) for n in said)]
        return begun[0] if len(begun) == 1 else None

    # ---- shared ----
    async def _move(self, turn: Turn, ticket: Ticket, actor: Actor, move: Move, *, target: str | None = None,
                    reason: str | None = None, data: dict[str, Any] | None = None) -> Ticket:
        """Return the ticket after ``actor`` makes ``move`` on it, its notices queued (raises if refused)."""
        after, event = await self.service.act_event(ticket.id, actor, move, target=target, reason=reason, data=data,
                                                    tx=turn.tx)
        await self.announce(turn.tx, ticket, after, event)
        return after

    @staticmethod
    async def _reopened_by(tx: Transaction, ticket: Ticket, user: str) -> bool:
        """Return whether ``user`` is the resident who said the open ``ticket``'s last resolve did not solve it (the
        one asked for a rating since)."""
        said = [e for e in await tx.events(ticket.id) if e.kind is Move.REOPENED]
        return bool(said) and said[-1].actor == user

    async def _sender_ticket(self, turn: Turn, ticket: Ticket | None) -> Ticket | None:
        """Return the ticket a resident's words in a thread answer: of the tickets whose receipts are in it (a report
        of a matter back, told under the closed ticket it was before), the newest of the sender's that awaits their
        verdict or rating, else the thread's own if it is theirs, else the newest of theirs; else ``ticket``."""
        ev = turn.event
        root = ev.thread_root if isinstance(ev, Message) else None
        if ticket is None or root is None:
            return ticket
        theirs = [t for tid in await turn.tx.tickets_in_thread(root) if tid != ticket.id
                  and (t := await turn.tx.ticket(tid)) is not None and ev.sender in t.residents]
        if not theirs:
            return ticket
        waiting = [t for t in (*theirs, ticket) if t.awaits_verdict(ev.sender) or t.awaits_rating(ev.sender)]
        return waiting[0] if waiting else ticket if ev.sender in ticket.residents else theirs[0]

    async def _ticket_of_context(self, tx: Transaction, context: str | None) -> Ticket | None:
        """Return the ticket a thread or reply belongs to: a resident's report, a report that joined it as
        support (the thread its receipt went to), or a message of the bot's."""
        if context is None:
            return None
        ticket = await tx.ticket_by_source(f"matrix:{context}")
        if ticket is None:
            row = await tx.receipt_in(context) or await tx.outbox_by_event(context)
            if row is not None and row.message.ticket_id is not None:
                ticket = await tx.ticket(row.message.ticket_id)
        return ticket

    async def _command_ticket(self, turn: Turn, cmd: Command, context: Ticket | None) -> Ticket | None:
        if cmd.ticket is None and context is None:
            args = example_args(cmd.name, turn.lang)  # what the command takes after the number (!延期 #12 3 等待配件)
            await self._reply(turn, text("which_ticket", turn.lang, word=cmd.word, args=f" {args}" if args else ""))
            return None
        if cmd.ticket is None:
            return context
        ticket = await turn.tx.ticket(cmd.ticket)
        if ticket is None:
            raise LifecycleError("ticket_unknown", ticket=cmd.ticket)
        return ticket

    async def _set_lang(self, turn: Turn, cmd: Command) -> None:
        choice = {"zh": "zh-CN", "zh-cn": "zh-CN", "中文": "zh-CN", "en": "en", "english": "en"}.get(
            cmd.args.strip().lower())
        if choice not in LANGS:
            await self._reply(turn, text("lang_bad", turn.lang))
            return
        await turn.tx.set_lang(turn.event.sender, choice)
        turn.lang = choice
        await self._reply(turn, text("lang_set", choice))

    async def _reply(self, turn: Turn, lines: list[str] | str, mentions: list[str] | tuple[str, ...] = ()) -> None:
        """Queue a reply to the event being handled: in its thread, or starting one on it (``mentions``: the users
        it names, shown by their names and told)."""
        ev = turn.event
        content = notice(lines, mentions=mentions)
        root = ev.thread_root if isinstance(ev, Message) else None
        if isinstance(ev, Reaction):  # in the thread of what was reacted to, not the room's main timeline
            row = await turn.tx.outbox_by_event(ev.relates_to)
            if row is not None and row.message.thread_root:
                root = row.message.thread_root
            elif row is not None and row.message.thread_of is not None:
                root = row.refs.get("thread") or ev.relates_to
            else:
                root = ev.relates_to  # a card, or a resident's message: a thread on it
        elif root is None and isinstance(ev, Message) and (ev.reply_to or ev.is_edit):
            content["reply_to"] = ev.reply_to or ev.event_id  # answered in place, not as a thread
        elif root is None:
            root = ev.event_id
        await turn.tx.enqueue(Outgoing(ev.room_id, "reply", content, thread_root=root))

    async def settle(self) -> None:
        """Wait for the slow answers being worked out beside the loop (``!stats``)."""
        while self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    async def _answer_stats(self, event: Incoming, room: Room, args: str) -> None:
        """Count ``!stats`` for ``room`` (in a child process, with a time limit) and queue the answer."""
        lang = await self.store.lang_of(event.sender) or self.lang
        try:
            async with self._stats_lock:  # one count at a time: memory stays flat, and the reader is not shared
                lines = await asyncio.wait_for(self._stats(room.ref, args, lang), timeout=STATS_TIMEOUT)
        except TimeoutError:
            lines = text("stats_unavailable", lang)
        except Exception:
            log.exception("!stats in %s failed", room.room_id)
            lines = text("stats_unavailable", lang)
        try:
            async with self.store.write() as tx:
                await self._reply(Turn(tx, event, room, lang), lines)
        except Exception:
            log.exception("the answer to !stats in %s could not be queued", room.room_id)
            raise
        self.outbox.wake()

    async def _stats(self, handler: str, period_text: str, lang: str | None) -> list[str] | str:
        """Return ``!stats`` for ``handler``'s room: its own rates, or the whole ranking for the street office."""
        try:
            from chatops.chat.rates import Period, PeriodError, own_lines, render
        except ImportError:
            return text("stats_unavailable", lang)
        try:
            period = Period.parse(period_text, today=self.voice.today())
        except PeriodError:
            return text("bad_period", lang, value=period_text)
        try:
            rows = await self._rows(period)
        except (ImportError, RuntimeError) as exc:
            log.warning("no statistics: %s", exc)
            return text("stats_unavailable", lang)
        if handler == self.book.fallback:
            return render(rows, period, "md", lang).splitlines()
        return own_lines(rows, handler, period, lang)

    async def periodic(self) -> None:
        """The scheduler's periodic work: the heartbeat, the daily digest and clean-up, the monthly ranking,
        and a routing model that changed on disk. Each part fails alone."""
        for part in (self.heartbeat, self.card_arrivals, self.relay_arrivals, self.daily, self.post_ranking,
                     self.post_honour_board, self.check_model):
            try:
                await part()
            except Exception:
                log.exception("periodic work %s failed", part.__name__)

    async def hold_rooms(self, stop: asyncio.Event) -> None:
        """Keep this worker's share of the rooms: say it is alive, renew its leases, take rooms whose lease
        ran out (a worker that died) up to a fair share, give back what is over it; a room taken is caught
        up from the homeserver (what arrived while nobody held it). Every ``LEASE_EVERY`` seconds; a failed
        round is logged and tried again."""
        while not stop.is_set():
            try:
                await self.lease_round()
            except Exception:
                log.exception("worker %s could not renew its rooms; trying again", self.worker)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), LEASE_EVERY)

    async def lease_round(self, now: float | None = None) -> list[str]:
        """Do one round of :meth:`hold_rooms`; return the rooms newly taken (already caught up)."""
        assert self.worker is not None and self.mine is not None
        now = time.time() if now is None else now
        async with self.store.write() as tx:
            await tx.worker_seen(self.worker, now)
            workers = await tx.live_workers(now - LEASE_TTL)
            leases = await tx.leases()
            rooms = sorted(self.rooms)
            share = -(-len(rooms) // max(1, len(workers)))  # the ceiling: every room has a worker
            held = [r for r in rooms if leases.get(r, ("", 0.0))[0] == self.worker and leases[r][1] >= now]
            free = [r for r in rooms if r not in held and (r not in leases or leases[r][1] < now)]
            for room in held[share:]:  # over the share: another worker (a new one) takes it
                await tx.release(room, self.worker)
            keep = held[:share]
            for room in keep:
                await tx.claim(room, self.worker, now + LEASE_TTL, now)
            taken = [r for r in free[: max(0, share - len(keep))]
                     if await tx.claim(r, self.worker, now + LEASE_TTL, now)]
        self.mine.clear()
        self.mine.update([*keep, *taken])
        for room in taken:  # what arrived while no worker held it, oldest first
            seen = await self.transport.backlog(room, self.store.handled, since=now - CATCH_UP)
            if await self.outbox.adopt(seen):  # what the stopped worker sent but could not mark as sent
                log.info("worker %s found messages the stopped worker had sent in %s", self.worker, room)
            for event in seen:
                try:
                    await self.handle(event)
                except Exception:
                    log.exception("catching up %s in %s failed", event.event_id, room)
                    self.failures += 1
        if taken:
            log.info("worker %s took %d room(s); it holds %d", self.worker, len(taken), len(self.mine))
        self.outbox.wake()
        return taken

    async def watch_arrivals(self, stop: asyncio.Event, every: float = 2.0) -> None:
        """Wake the scheduler when the newest event's number grows (another program, e.g. an Open311 report
        taken by ``whistle web``, may have made a ticket or joined one): its card or notice then goes out in
        seconds, not at the next idle round. One cheap read every ``every`` seconds; a failed read is logged and
        tried again. On PostgreSQL the read follows the store's notification of a commit instead (and every
        ``HEARD_SLOWER * every`` seconds besides: a notification only wakes, it is never counted on)."""
        changed = asyncio.Event()
        try:
            listener = await self.store.listen(changed.set)
        except Exception:
            log.exception("cannot listen for the store's changes; asking every %s s instead", every)
            listener = None
        if listener is not None:  # told of every commit: asking is only the safety net
            every *= HEARD_SLOWER
        try:
            await self._watch(stop, changed, every)
        finally:
            if listener is not None:
                with contextlib.suppress(Exception):
                    await listener.close()

    async def _watch(self, stop: asyncio.Event, changed: asyncio.Event, every: float) -> None:
        seen: int | None = None
        while not stop.is_set():
            try:
                newest = await self.store.newest_seq()
                if seen is not None and newest > seen:
                    self.scheduler.wake()
                seen = newest
            except Exception:
                log.exception("could not read the newest event's number; trying again")
            waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(changed.wait())]
            await asyncio.wait(waits, timeout=every, return_when=asyncio.FIRST_COMPLETED)
            for w in waits:
                w.cancel()
            changed.clear()

    async def card_arrivals(self) -> None:
        """Give its handlers a card for every open ticket another program made (an Open311 report taken by
        ``whistle web``). The bot cards its own tickets as it makes them; this looks at each new number once."""
        mark = await self.store.chat_state("carded_to")
        if mark is None:  # the first look: what was there before is the bot's own
            newest = await self.store.tickets(limit=1)
            async with self.store.write() as tx:
                await tx.set_chat_state("carded_to", str(newest[0].id if newest else 0))
            return
        fresh = await self.store.tickets_after(int(mark))
        if not fresh:
            return
        carded = 0
        async with self.store.write() as tx:
            if not await tx.move_chat_state("carded_to", mark, str(fresh[-1].id)):
                return  # another worker carded them (its mark moved first: the compare-and-set says so)
            for ticket in fresh:
                if ticket.state not in OPEN:
                    continue
                why: tuple[tuple[str, ...], float | None, bool] | None = None  # its routing's words (read once)
                for handler in ticket.handlers:
                    room = self.handler_rooms.get(handler)
                    if room is not None and not await tx.outbox_for(ticket.id, "card", room):
                        why = why or await self.announce.evidence(tx, ticket)  # a tester's said 命中：-
                        carded += await self.announce.card(tx, ticket, handler, matched=why[0], alarm=why[1],
                                                           assigned=why[2]) is not None
        if carded:
            log.info("carded %d ticket(s) made outside the bot", carded)
            self.outbox.wake()

    async def relay_arrivals(self) -> None:
        """Tell a ticket's handlers and residents what another program's report did to it: an Open311 citizen's
        report that joined an open ticket as support (or as a note on their own), and the whistle it blew. The
        bot tells its own moves as it makes them; this looks at each new event once."""
        mark = await self.store.chat_state("relayed_to")
        newest = await self.store.newest_seq()
        if mark is None:  # the first look: what was there before is the bot's own
            async with self.store.write() as tx:
                await tx.set_chat_state("relayed_to", str(newest))
            return
        if newest <= int(mark):
            return
        moves = await self.store.outside_moves(int(mark), newest, limit=RELAY_BATCH)
        done = moves[-1].seq if len(moves) == RELAY_BATCH else newest
        async with self.store.write() as tx:
            if not await tx.move_chat_state("relayed_to", mark, str(done)):
                return  # another worker told them
            for move in moves:
                history = await tx.events(move.ticket_id)
                at = next(i for i, e in enumerate(history) if e.seq == move.seq)
                before: Ticket | None = None
                for event in history[:at]:
                    before = apply(before, event)
                if before is None:
                    continue
                after = apply(before, move)
                await self.announce(tx, before, after, move)
                # the whistle the report blew is the ticket's next move, made by the system in the same commit
                if at + 1 < len(history) and (blown := history[at + 1]).kind is Move.WHISTLED:
                    await self.announce(tx, after, apply(after, blown), blown)
        if moves:
            log.info("told %d move(s) made outside the bot", len(moves))
            self.outbox.wake()

    async def heartbeat(self, *, stopped: bool = False) -> None:
        """Write the heartbeat that ``whistle status`` reads: when each loop last went round, and the counts
        (``stopped``: the last one, written on a clean stop); the ``pid`` and its ``host`` let a status run on
        the same machine see at once that the process is gone (killed, crashed)."""
        def when(value: datetime | float | None) -> str | None:
            if value is None:
                return None
            moment = datetime.fromtimestamp(value, UTC) if isinstance(value, float) else value
            return moment.isoformat(timespec="seconds")

        beat = {"at": when(datetime.now(UTC)), "pid": os.getpid(), "host": socket.gethostname(),
                "synced_at": when(self.synced_at), "scheduler_at": when(self.scheduler.beat),
                "outbox_at": when(self.outbox.beat),
                "handled": self.handled, "sent": self.outbox.sent,
                "failures": {"events": self.failures, "timers": self.scheduler.failures,
                             "outbox": self.outbox.failures}, **({"stopped": True} if stopped else {})}
        async with self.store.write() as tx:  # each worker its own: one killed is seen beside one that runs
            await tx.set_chat_state("heartbeat" if self.worker is None else f"heartbeat:{self.worker}",
                                    json.dumps(beat))

    async def daily(self) -> None:
        """Once a day: tell the street office's room what has failed, and forget old chat bookkeeping."""
        today = self.voice.today().isoformat()
        if await self.store.chat_state("daily") == today:
            return
        failed_outbox, failed_timers = await self.store.failed_outbox(), await self.store.failed_timers()
        room = self.handler_rooms.get(self.book.fallback)
        async with self.store.write() as tx:
            purged = await tx.purge(datetime.now(UTC))
            if room is not None and (failed_outbox or failed_timers or self.failures):
                lines = [text("digest_title", self.lang, date=today),
                         text("digest_counts", self.lang, outbox=len(failed_outbox), timers=len(failed_timers),
                              events=self.failures),
                         text("digest_hint", self.lang)]
                await tx.enqueue(Outgoing(room, "digest", notice(lines, mentions=self.staff.get(room, ()))))
            await tx.set_chat_state("daily", today)
        log.info("daily: %d failed messages, %d failed timers; forgot %s", len(failed_outbox), len(failed_timers),
                 purged)
        self.outbox.wake()

    async def check_model(self) -> None:
        """Take up the routing model file if it changed (``whistle model retrain``), and tell the street
        office's room once per new version which model routes now."""
        if self.model_path is None:
            return
        try:
            st = self.model_path.stat()
        except OSError:
            return
        stamp = (st.st_mtime, st.st_size)
        model = self.service.router.model
        if stamp != self._model_stamp:
            self._model_stamp = stamp
            try:
                model = await asyncio.to_thread(Model.load, self.model_path)
            except ModelError as exc:
                log.warning("the routing model %s cannot be used; keeping the one in use: %s", self.model_path, exc)
                return
            self.service.router = self.service.router.with_model(model)
        if model is None or await self.store.chat_state("model_version") == model.version:
            return
        room = self.handler_rooms.get(self.book.fallback)
        async with self.store.write() as tx:
            if room is not None:
                info = model.info
                lines = [text("model_changed", self.lang, version=model.version, rows=info.get("rows", 0),
                              source=info.get("source", "-"), trained_at=info.get("trained_at", "-"))]
                await tx.enqueue(Outgoing(room, "model_changed", notice(lines, mentions=self.staff.get(room, ()))))
            await tx.set_chat_state("model_version", model.version)
        self.outbox.wake()

    async def post_ranking(self) -> None:
        """Post last month's ranking to the street office's room once, when a new month has begun."""
        room = self.handler_rooms.get(self.book.fallback)
        if room is None:
            return
        try:
            from chatops.chat.rates import Period, render
        except ImportError:
            return
        period = Period.parse(None, today=self.voice.today()).previous()
        if await self.store.chat_state("ranking_posted") == str(period):
            return
        if self._ranking_failed == str(period):
            return
        try:
            rows = await self._rows(period)
        except (ImportError, RuntimeError) as exc:
            log.warning("the monthly ranking of %s cannot be counted: %s", period, exc)
            self._ranking_failed = str(period)  # tried again after a restart, or next month
            return
        async with self.store.write() as tx:
            if await tx.chat_state("ranking_posted") == str(period):
                return
            if any(v[1] for r in rows for v in r.rates.values()):  # a month with no tickets posts nothing
                lines = render(rows, period, "md", self.lang).splitlines()
                await tx.enqueue(Outgoing(room, "ranking", notice(lines, mentions=self.staff.get(room, ()))))
            await tx.set_chat_state("ranking_posted", str(period))
        self.outbox.wake()

    async def _rows(self, period: Any) -> list[Any]:
        """Return the rates table of ``period``, counted in a child process: the research reader must not
        run beside the bot's own connections (it brings its own SQLite, and two copies of SQLite in one
        process release each other's file locks), and pandas stays out of the long-lived bot."""
        from chatops.chat.rates import handler_table_apart, rulebook_file

        if self.rulebook_path is None:  # a rulebook given as text: the child reads the same text
            self.rulebook_path = rulebook_file(self.book, self.store.address)
        # the child reads the file, or a community on PostgreSQL through a copy (research.stores)
        return await handler_table_apart(self.store.address, self.rulebook_path, period)

    def _remember_staff(self, room_id: str, power: RoomPower) -> None:
        users = power.levels.get("users") or {}
        self.staff[room_id] = tuple(sorted(u for u in users
                                           if u != self.transport.user_id and power.of(u) >= self.staff_level))

    async def _read_staff(self) -> None:
        """Read each handler room's staff (to mention on new cards); a homeserver that is down is fine."""
        for room_id in self.handler_rooms.values():
            try:
                self._remember_staff(room_id, await self.transport.power(room_id))
            except Refused:
                continue  # a room the bot was put out of: the others still count
            except ConnectionError:
                return  # the homeserver is down: read next time


async def _end(tasks: list[asyncio.Task[Any]], grace: float) -> None:
    """Wait up to ``grace`` seconds for ``tasks`` to end after a stop, then cancel those still running and log
    each by name: a loop stuck on the store or the network never holds the bot's shutdown (its transaction rolls
    back; its work is done again at the next start)."""
    if not tasks:
        return
    _done, late = await asyncio.wait(tasks, timeout=grace)
    for task in late:
        log.warning("%s did not end within %.0f s of the stop: cancelled", task.get_name(), grace)
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _as_command(ev: Message) -> str:
    """Return what a staff message says as a command: a ✅ typed in a card's thread (as staff do when they mean the
    reaction) is ``!签收``; anything else is itself.

    >>> from chatops.chat.transport import Message
    >>> in_thread, alone = Message("!r", "$e", "@s:x", "✅ 签收", thread_root="$c"), Message("!r", "$e", "@s:x", "✅")
    >>> _as_command(in_thread), _as_command(alone)
    ('!签收', '✅')
    """
    tick = ev.body.strip().replace(" ", "").replace("\ufe0f", "")
    return "!签收" if ev.context is not None and tick in ("✅", "✅签收", "✅报到", "✔", "✔签收") else ev.body
