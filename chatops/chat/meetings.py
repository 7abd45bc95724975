"""Meetings in the rooms: matters raised, meetings called, sign-in, votes as Matrix polls, counts, and the
two publications (两公开).

Commands come in through the bot, inside its transaction for the chat event (:meth:`Chair.command`): each
records the matter's events and queues what the rooms are told. What needs the homeserver — who has joined
a shared room (its roll), the recount of a poll's answers from the relations API — is done by
:meth:`Chair.settle`, outside any transaction, for every matter with work waiting: calling a meeting,
closing one (by its chair, the street office, or its deadline), publishing a resolution or a rejection,
reminding staff of a result that is due, finishing. A matter that fails there fails alone (logged, tried
again next round); the bot wakes the loop after each command and it also runs every minute.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any, Protocol

from chatops.chat.commands import usage
from chatops.chat.conversation import Command, read_number
from chatops.chat.notices import Voice, notice
from chatops.chat.transport import Incoming, Refused, RoomPower, Transport, Vote
from chatops.meetings.matter import WAITING_FOR_STAFF, Standing
from chatops.meetings.publication import decision_line, name_in
from chatops.meetings.quorum import CHOICES, Outcome, Tally, Threshold, decide
from chatops.tickets.lifecycle import MAX_NUMBER
from chatops.tickets.store import MatterEvent, Outgoing, Room, Store, Transaction
from rules import Rulebook
from rules.catalogue import listed, text
from rules.rulebook import Body, Step
from rules.rulebook import Threshold as RuleThreshold

log = logging.getLogger(__name__)
SETTLE_EVERY = 60.0  # seconds between rounds when nothing wakes the loop
MATTERS_SHOWN = 10  # the latest matters !议题列表 lists; the public board (/decisions) has them all
MAX_TITLE = 60  # characters: a title is said in every call and result; the details go in as documents (!材料)
MAX_TEXT = 1000
ATTEND_REACTIONS = frozenset({"🙋", "✋", "👋"})  # as reaction_key reads them: 🙋‍♂️ and 🙋🏽 are 🙋
OPEN_PHASES = ("convened", "voting")
TICKET_REF = re.compile(r"[#＃](\d{1,9})")
MEETING_COMMANDS = frozenset({"matter", "second", "matters", "here", "open", "yes", "no", "abstain", "close", "convene",
                              "result", "comment", "document"})
CHAIR_COMMANDS = frozenset({"open", "close", "convene", "result"})  # need the sender's power in the room


class TurnLike(Protocol):
    """What a command needs of the bot's turn: its transaction, the event, the room, the language, power."""

    tx: Transaction
    event: Incoming
    room: Room
    lang: str | None
    power: RoomPower | None


def rule_text(rule: RuleThreshold | None, lang: str | None) -> str:
    """Return a quorum or majority as people say it.

    >>> from rules.rulebook import Threshold
    >>> rule_text(Threshold(at_least=Fraction(2, 3), of="roll"), None)
    '应到人数的2/3以上'
    >>> rule_text(Threshold(more_than=Fraction(1, 2), of="present"), "en")
    'more than 1/2 of those present'
    """
    if rule is None:
        return text("no_quorum_rule", lang)
    key = "rule_at_least" if rule.at_least is not None else "rule_more_than"
    return text(key, lang, base=text(f"base_{rule.of}", lang), share=str(rule.share))


def _ratio(present: int, roll: int) -> str:
    """Return ``present`` of ``roll`` as a whole per cent, halves rounded up (a tester saw 1/8 as 12 %, 7/8 as 88 %).

    >>> _ratio(1, 8), _ratio(7, 8), _ratio(0, 0)
    ('13%', '88%', '-')
    """
    return f"{int(Fraction(present, roll) * 100 + Fraction(1, 2))}%" if roll else "-"  # half up: 1/8 is 13%


class Chair:
    """Runs the meetings of one community. ``rooms`` and ``handler_rooms`` are the bot's (kept current by it)."""

    def __init__(self, store: Store, transport: Transport, book: Rulebook, voice: Voice, *,
                 rooms: dict[str, Room], handler_rooms: dict[str, str], clock: Callable[[], datetime],
                 deadline: Callable[[datetime, Any, str], datetime], lang: str | None, staff_level: int,
                 committed: Callable[[], None]) -> None:
        self.store, self.transport, self.book, self.voice = store, transport, book, voice
        self.rooms, self.handler_rooms = rooms, handler_rooms
        self.clock, self.deadline, self.lang, self.staff_level = clock, deadline, lang, staff_level
        self.committed = committed  # wakes the outbox after a commit
        self._wake = asyncio.Event()
        self.failures = 0
        self.touched = False  # a command changed a matter in the transaction under way

    def after_commit(self) -> None:
        """Wake the loop if the committed transaction touched a matter (reads before the commit see nothing)."""
        if self.touched:
            self.touched = False
            self.wake()

    # ---- names and places ----
    def _body(self, step: Step | None) -> Body | None:
        return self.book.deliberation.body(step.body if step else None)

    def _room_of(self, body: Body, grid: str) -> str | None:
        """Return the room where ``body`` meets for a matter of ``grid``."""
        if body.room == "own":
            return next((r.room_id for r in self.rooms.values() if r.kind == "body" and r.ref == body.id), None)
        ref = grid if body.room == "grid" else ""
        return next((r.room_id for r in self.rooms.values() if r.kind == "community" and r.ref == ref), None)

    def _community_rooms(self, grid: str) -> list[str]:
        """Return where a matter is published: the community's room, and its grid's room."""
        refs = {"", grid}
        return [r.room_id for r in self.rooms.values() if r.kind == "community" and r.ref in refs]

    @property
    def street_room(self) -> str | None:
        return self.handler_rooms.get(self.book.fallback)

    async def standing(self, reader: Any, number: int) -> Standing | None:
        """Return matter ``number``'s standing, read through ``reader`` (the store or a transaction)."""
        if not 0 < number <= MAX_NUMBER:  # no matter has it (and the database could not even be asked)
            return None
        row = await reader.matter(number)
        if row is None:
            return None
        events = (await reader.matter_events([number]))[number]
        try:
            return Standing.of(row, events, self.book)
        except KeyError:  # its chain left the rulebook: nothing more can be done with it
            return None

    # ---- commands (inside the bot's transaction) ----
    async def command(self, turn: TurnLike, cmd: Command) -> str | list[str] | None:
        """Run a meeting command; return the reply to the sender (``None``: none)."""
        handler = getattr(self, f"_cmd_{cmd.name}")
        answer: str | list[str] | None = await handler(turn, cmd)
        self.touched = True  # the bot wakes the loop once its transaction has committed
        return answer

    def _number(self, cmd: Command) -> int | None:
        """Return the matter's number the command gives: parsed already, or (in a thread, where a bare number
        before words is not taken for one) the first of its words read as :func:`parse` reads numbers."""
        if cmd.ticket is not None:
            return cmd.ticket
        return read_number(cmd.args.split()[0]) if cmd.args.split() else None

    async def _cmd_matter(self, turn: TurnLike, cmd: Command) -> str:
        said = str(getattr(turn.event, "body", ""))
        mark = "#" if cmd.ticket is not None and TICKET_REF.search(said) else ""  # "#12": a ticket; "3 号楼": words
        words = (f"{mark}{cmd.ticket} {cmd.args}" if cmd.ticket is not None else cmd.args).strip()
        room, lang, now = turn.room, turn.lang, self.clock()
        found = list(dict.fromkeys(int(x) for x in TICKET_REF.findall(words)))  # a whistle's, a cluster's tickets
        for n in found:
            if await turn.tx.ticket(n) is None:  # a number no ticket has is said so, not kept in the public title
                return text("ticket_unknown", lang, ticket=n)
            words = re.sub(rf"[#＃]{n}(?!\d)", "", words).strip()  # the tickets it comes from leave the words
        first, _, rest = words.partition(" ")
        named = self.book.deliberation.chain(first) if rest.strip() else None
        title = (rest if named else words).strip()
        if not title or self.book.deliberation.chain(title) is not None:  # a chain's name alone is no title
            return text("matter_title_missing", lang)
        if len(title) > MAX_TITLE:  # refused with how to give the details (a tester's 300 characters came back thrice)
            return text("matter_title_long", lang, length=len(title), limit=MAX_TITLE)
        possible = self._chains_here(turn)
        if not possible:
            return text("matter_not_here", lang)
        chain = named or possible[0]
        if chain not in possible:
            return text("matter_no_chain", lang, chain=name_in(chain, lang),
                        chains=listed((name_in(c, lang) for c in possible), lang))
        grid = room.ref if room.kind == "community" else ""
        by_residents = room.kind == "community"
        origin = "resident" if by_residents else ("staff" if room.kind == "handler" else f"body:{room.ref}")
        if found:
            origin = "tickets:" + ",".join(map(str, found))
        number = await turn.tx.add_matter(chain.id, title, grid, turn.event.sender, now, origin)
        await turn.tx.add_matter_event(MatterEvent(number, "raised", now, chain.steps[0].id, turn.event.sender,
                                                   {"seconds": by_residents, "room": room.room_id}))
        if by_residents:
            share = self.book.deliberation.request
            return text("matter_raised_seconds", lang, number=number, title=title, chain=name_in(chain, lang),
                        share=rule_text(share, lang) if lang == "en" else str(share.share))
        body = self._body(chain.steps[0])
        return text("matter_raised", lang, number=number, title=title, chain=name_in(chain, lang),
                    step=name_in(chain.steps[0], lang), body=name_in(body, lang) if body else "-")

    def _chains_here(self, turn: TurnLike) -> list[Any]:
        """Return the chains a matter raised in this room may follow, the room's own first.

        Residents' rooms: chains whose first step meets in a shared room (a consultation, a residents'
        meeting); a body's room: chains that start with that body; the street office: any."""
        chains = list(self.book.deliberation.chains)
        room = turn.room
        if room.kind == "community":  # a consultation of the grid first; a residents' meeting when named
            shared = [c for c in chains if (b := self._body(c.steps[0])) is not None and b.room != "own"]
            return sorted(shared, key=lambda c: getattr(self._body(c.steps[0]), "room", "") != "grid")
        if room.kind == "body":
            return [c for c in chains if c.steps[0].body == room.ref]
        if room.kind == "handler" and room.ref == self.book.fallback:
            return chains
        return []

    async def _cmd_second(self, turn: TurnLike, cmd: Command) -> str:
        number, lang = self._number(cmd), turn.lang
        if number is None:
            return usage("second", lang)
        s = await self.standing(turn.tx, number)
        if s is None:
            return text("matter_unknown", lang, number=number)
        if (raised_in := self._room_for_seconds(s)) is not None and raised_in != turn.room.room_id:
            # only the residents of the room it was raised in second it (a tester's neighbour from the community
            # room pushed a grid's matter to a vote)
            return text("matter_second_elsewhere", lang, number=number)
        if s.phase == "voting" and s.meeting is not None and s.meeting.room == turn.room.room_id:
            return text("matter_second_enough", lang, number=number)  # seconded enough: the vote is open here
        if s.phase != "seconding":
            return text("matter_second_closed", lang, number=number)
        if turn.event.sender not in s.seconds:
            await turn.tx.add_matter_event(MatterEvent(number, "seconded", self.clock(), s.step.id if s.step else None,
                                                       turn.event.sender))
        return text("matter_seconded", lang, number=number, count=len({*s.seconds, turn.event.sender}))

    async def _cmd_matters(self, turn: TurnLike, cmd: Command) -> str:
        lang = turn.lang
        rows = await turn.tx.matters(limit=MATTERS_SHOWN)
        if not rows:
            return text("matter_none", lang)
        logs = await turn.tx.matter_events(r.id for r in rows)
        lines = [text("matters_title", lang)]
        for row in rows:
            try:
                s = Standing.of(row, logs[row.id], self.book)
            except KeyError:
                continue
            where = text(f"phase_{s.state}", lang) if s.step is None or s.phase == "finished" else text(
                "matter_where", lang, step=name_in(s.step, lang), phase=text(f"phase_{s.state}", lang))
            lines.append(text("matters_line", lang, number=row.id, title=row.title, chain=name_in(s.chain, lang),
                              where=where))
        if len(rows) == MATTERS_SHOWN:  # the latest only: said so (a tester's list of ten silently left out one)
            lines.append(text("matters_more", lang, shown=MATTERS_SHOWN))
        return "\n".join(lines)

    async def _meeting_here(self, turn: TurnLike, cmd: Command, phases: Iterable[str] = OPEN_PHASES
                            ) -> Standing | str:
        """Return the matter whose meeting the command is about (its number, else the one under way in this
        room), or the reply that says why there is none."""
        lang, number = turn.lang, self._number(cmd)
        if number is not None:
            s = await self.standing(turn.tx, number)
            if s is None:
                return text("matter_unknown", lang, number=number)
            return s
        here = await self._under_way(turn.tx, turn.room.room_id, phases)
        if not here:
            return text("no_meeting_here", lang)
        if len(here) > 1:
            return text("which_meeting", lang, numbers=listed((str(s.row.id) for s in here), lang))
        return here[0]

    async def _under_way(self, tx: Transaction, room: str, phases: Iterable[str]) -> list[Standing]:
        """Return the matters whose meeting in ``room`` is in one of ``phases``."""
        here = []
        for n in await tx.unsettled_matters():
            s = await self.standing(tx, n)
            if s is not None and s.meeting is not None and s.meeting.room == room and s.phase in phases:
                here.append(s)
        return here

    async def voting_here(self, tx: Transaction, room: str) -> int | None:
        """Return the number of the one matter being voted on in ``room``, or ``None`` (none, or several)."""
        here = await self._under_way(tx, room, ("voting",))
        return here[0].row.id if len(here) == 1 else None

    async def _cmd_here(self, turn: TurnLike, cmd: Command) -> str:
        found = await self._meeting_here(turn, cmd)
        return found if isinstance(found, str) else await self.attend(turn, found, turn.event.event_id)

    async def attend(self, turn: TurnLike, s: Standing, source: str) -> str:
        """Sign the sender in to ``s``'s meeting (a ``!到`` or a 🙋 on the call); return the reply."""
        lang, me, m = turn.lang, turn.event.sender, s.meeting
        if m is None or s.phase not in OPEN_PHASES:
            return text("meeting_not_open", lang, number=s.row.id)
        if m.room != turn.room.room_id and turn.room.kind != "direct":  # signed in where the meeting is held
            return text("meeting_elsewhere", lang, number=s.row.id)
        body = self._body(s.step)
        if me not in m.roll:
            return text("not_on_roll", lang, body=name_in(body, lang) if body else "-")
        if me not in m.attended:
            await turn.tx.add_matter_event(MatterEvent(s.row.id, "attended", self.clock(), m.step, me, source=source))
            m.attended.append(me)
        return text("attended", lang, number=s.row.id, present=len(m.attended), roll=len(m.roll))

    async def reaction(self, turn: TurnLike, relates_to: str, key: str) -> str | None:
        """A reaction in a meeting room: 🙋 on a meeting's call signs in. Return the reply, or ``None``."""
        if key not in ATTEND_REACTIONS:
            return None
        row = await turn.tx.outbox_by_event(relates_to)
        if row is None or row.message.purpose != "meeting_call":
            return None
        s = await self.standing(turn.tx, int(row.message.content.get("matter", 0)))
        if s is None or s.meeting is None or s.meeting.room != turn.room.room_id:
            return None
        return await self.attend(turn, s, turn.event.event_id)

    def _is_chair(self, turn: TurnLike) -> bool:
        """Return whether the sender chairs here: staff power in a body's room, or the street office's staff."""
        if turn.power is None or turn.power.refused:
            return False
        return turn.power.of(turn.event.sender) >= self.staff_level and (
            turn.room.kind == "body" or (turn.room.kind == "handler" and turn.room.ref == self.book.fallback))

    def _moved_on(self, turn: TurnLike, s: Standing) -> bool:
        """Return whether ``s`` met in this room and has moved on: its meeting now, if any, is held elsewhere."""
        here = turn.room.room_id
        return (s.meeting is None or s.meeting.room != here) and \
            any(e.kind == "convened" and e.data.get("room") == here for e in s.events)

    def _may_act(self, turn: TurnLike, s: Standing, *, hosted: bool = False) -> bool:
        """Return whether the sender may open, close or call again ``s``'s meeting (or, ``hosted``, publish its
        result): the street office's staff always; a body's chair only in the room where the matter meets
        (or met), and only for a step the rulebook lets its room chair (``chair: room``)."""
        if not self._is_chair(turn):
            return False
        if turn.room.kind == "handler":
            return True
        step = s.step
        if step is not None and step.chair != "room":
            return False
        here = turn.room.room_id
        if hosted:
            return any(e.kind == "convened" and e.data.get("room") == here for e in s.events)
        if s.meeting is not None:
            return s.meeting.room == here
        body = self._body(self._merged(s) or step)
        return body is not None and self._room_of(body, s.row.grid) == here

    async def _cmd_open(self, turn: TurnLike, cmd: Command) -> str | None:
        lang = turn.lang
        if not self._is_chair(turn):
            return text("not_chair", lang, need=self.staff_level)
        found = await self._meeting_here(turn, cmd, ("convened", "voting"))
        if isinstance(found, str):
            return found
        if not self._may_act(turn, found):
            return text("not_chair", lang, need=self.staff_level)
        if found.phase == "voting":  # opened already (with the call, where no quorum is needed): said so
            return text("vote_already_open", lang, number=found.row.id)
        s, m = found, found.meeting
        if m is None or s.phase != "convened" or s.step is None:
            return text("meeting_not_open", lang, number=s.row.id)
        present = m.present()
        if s.step.quorum is not None:
            quorum = Threshold.of_rule(s.step.quorum)
            if not quorum.met(len(present), roll=len(m.roll), present=len(present)):
                return text("not_quorate_yet", lang, present=len(present), roll=len(m.roll),
                            needed=quorum.needed(roll=len(m.roll), present=len(present)))
        await self._open_vote(turn.tx, s, present, turn.event.sender)
        return None

    async def _open_vote(self, tx: Transaction, s: Standing, present: list[str], by: str | None) -> None:
        """Record the vote as open and send the poll with its text fallback to the meeting's room."""
        m, step, lang = s.meeting, s.step, self.lang
        assert m is not None and step is not None and step.majority is not None
        majority = Threshold.of_rule(step.majority)
        title = text("poll_question", lang, number=s.row.id, title=s.row.title, step=name_in(step, lang))
        lines = text("vote_opened", lang, number=s.row.id, title=s.row.title, step=name_in(step, lang),
                     roll=len(m.roll), present=len(present), ratio=_ratio(len(present), len(m.roll)),
                     quorum=rule_text(step.quorum, lang), majority=rule_text(step.majority, lang),
                     needed=majority.needed(roll=len(m.roll), present=max(len(present), 1)),
                     deadline=self.voice.local(m.deadline)).split("\n")
        if step.secret:  # no poll: ballots come by direct message, and only their counts are kept
            lines = text("vote_opened_secret", lang, number=s.row.id, title=s.row.title, step=name_in(step, lang),
                         roll=len(m.roll), present=len(present), ratio=_ratio(len(present), len(m.roll)),
                         quorum=rule_text(step.quorum, lang), majority=rule_text(step.majority, lang),
                         needed=majority.needed(roll=len(m.roll), present=max(len(present), 1)),
                         deadline=self.voice.local(m.deadline), bot=self.transport.user_id).split("\n")
            await tx.enqueue(Outgoing(m.room, "vote_opened", {**notice(lines), "matter": s.row.id}))
            await tx.add_matter_event(MatterEvent(s.row.id, "voting", self.clock(), step.id, by,
                                                  {"present": present, "secret": True}))
            return
        answers = [[c, text(f"choice_{c}", lang)] for c in CHOICES]
        poll = await tx.enqueue(Outgoing(m.room, "poll", {"lines": [title, *lines[1:]], "mentions": [],
                                                          "poll": {"question": title, "answers": answers},
                                                          "matter": s.row.id, "step": step.id}))
        await tx.enqueue(Outgoing(m.room, "vote_opened", {**notice(lines), "matter": s.row.id}))
        await tx.add_matter_event(MatterEvent(s.row.id, "voting", self.clock(), step.id, by,
                                              {"present": present, "poll": poll}))

    async def _cmd_yes(self, turn: TurnLike, cmd: Command) -> str:
        return await self._text_vote(turn, cmd, "yes")

    async def _cmd_no(self, turn: TurnLike, cmd: Command) -> str:
        return await self._text_vote(turn, cmd, "no")

    async def _cmd_abstain(self, turn: TurnLike, cmd: Command) -> str:
        return await self._text_vote(turn, cmd, "abstain")

    async def _text_vote(self, turn: TurnLike, cmd: Command, choice: str) -> str:
        if turn.room.kind == "direct":
            return await self._secret_ballot(turn, cmd, choice)
        found = await self._meeting_here(turn, cmd, ("voting", "convened"))
        if isinstance(found, str):
            return found
        if found.step is not None and found.step.secret:  # said in the room: not a ballot, nothing recorded
            return text("secret_in_room", turn.lang, number=found.row.id, bot=self.transport.user_id)
        return await self._ballot(turn, found, choice, self.clock(), turn.event.event_id)

    async def _secret_ballot(self, turn: TurnLike, cmd: Command, choice: str) -> str:
        """A secret ballot in a direct chat: one per member and meeting, never changed; the record keeps that
        the member voted (their presence), the counts keep the choice, nothing keeps the two together."""
        lang, me, number = turn.lang, turn.event.sender, self._number(cmd)
        if number is None:
            return text("direct_number_needed", lang)
        s = await self.standing(turn.tx, number)
        if s is None:
            return text("matter_unknown", lang, number=number)
        m = s.meeting
        if s.step is None or not s.step.secret or m is None:
            return text("secret_not_here", lang, number=number) if not s.decisions or m is not None else \
                text("vote_late", lang, number=number)
        if s.phase != "voting":
            return text("vote_not_open" if s.phase == "convened" else "vote_late", lang, number=number)
        if me not in m.roll:
            body = self._body(s.step)
            return text("not_on_roll", lang, body=name_in(body, lang) if body else "-")
        if me in m.secret_voters:
            return text("secret_already", lang, number=number)
        await turn.tx.add_matter_event(MatterEvent(number, "voted_secretly", self.clock(), m.step, me))
        await turn.tx.count_secret_vote(number, m.id, choice)
        return text("secret_received", lang, number=number)

    async def _ballot(self, turn: TurnLike, s: Standing, choice: str, at: datetime, source: str) -> str:
        lang, me, m = turn.lang, turn.event.sender, s.meeting
        if m is None and s.decisions:
            return text("vote_late", lang, number=s.row.id)
        if m is None:
            return text("meeting_not_open", lang, number=s.row.id)
        if self._moved_on(turn, s):  # its meeting here closed and the next step's is under way elsewhere
            return text("vote_late", lang, number=s.row.id)
        if m.room != turn.room.room_id:  # under way, elsewhere (a tester was told it had no meeting)
            return text("meeting_elsewhere", lang, number=s.row.id)
        if s.phase == "convened":
            return text("vote_not_open", lang, number=s.row.id)
        if me not in m.roll:
            await turn.tx.add_matter_event(MatterEvent(s.row.id, "ballot", at, m.step, me,
                                                       {"choice": choice, "stranger": True}, source))  # named later
            body = self._body(s.step)
            return text("not_on_roll", lang, body=name_in(body, lang) if body else "-")
        await turn.tx.add_matter_event(MatterEvent(s.row.id, "ballot", at, m.step, me, {"choice": choice}, source))
        if s.phase != "voting":
            return text("vote_late", lang, number=s.row.id)
        return text("vote_recorded", lang, number=s.row.id, choice=text(f"choice_{choice}", lang))

    async def poll_answer(self, turn: TurnLike, vote: Vote) -> str | None:
        """A poll answer from the chat network: recorded as a ballot at the network's time. Return a reply
        only for someone not on the roll (the poll itself shows everyone else their answer)."""
        row = await turn.tx.outbox_by_event(vote.poll)
        if row is None or row.message.purpose != "poll":
            return None
        s = await self.standing(turn.tx, int(row.message.content.get("matter", 0)))
        choice = next((a for a in vote.answers if a in CHOICES), None)
        if s is None or s.meeting is None or choice is None or row.message.content.get("step") != s.meeting.step:
            return None
        at = datetime.fromtimestamp(vote.ts, UTC) if vote.ts else self.clock()
        reply = await self._ballot(turn, s, choice, at, vote.event_id)
        self.touched = True
        return reply if turn.event.sender not in s.meeting.roll else None

    async def _cmd_close(self, turn: TurnLike, cmd: Command) -> str | None:
        lang = turn.lang
        if not self._is_chair(turn):
            return text("not_chair", lang, need=self.staff_level)
        found = await self._meeting_here(turn, cmd)
        if isinstance(found, str):
            return found
        if self._moved_on(turn, found):  # closed here already (a chair's second close was told it was not theirs)
            return text("meeting_over_here", lang, number=found.row.id,
                        step=name_in(found.step, lang) if found.step else "-")
        if found.phase not in OPEN_PHASES:
            return text("meeting_not_open", lang, number=found.row.id)
        if not self._may_act(turn, found):
            return text("not_chair", lang, need=self.staff_level)
        m, step = found.meeting, found.step
        if found.phase == "convened" and m is not None and step is not None:
            # closing before the vote opened records the meeting as without a quorum: only when it has none (a tester's
            # meeting of 1 present, 1 needed was closed as 未达到法定人数)
            present = len(m.present())
            quorum = Threshold.of_rule(step.quorum) if step.quorum is not None else None
            if quorum is None or quorum.met(present, roll=len(m.roll), present=present):
                return text("close_before_vote", lang, number=found.row.id, present=present, roll=len(m.roll))
        await turn.tx.add_matter_event(MatterEvent(found.row.id, "closing", self.clock(), found.meeting.step
                                                   if found.meeting else None, turn.event.sender))
        return text("counting", lang, number=found.row.id)

    async def _cmd_convene(self, turn: TurnLike, cmd: Command) -> str:
        lang, number = turn.lang, self._number(cmd)
        if not self._is_chair(turn):
            return text("not_chair", lang, need=self.staff_level)
        if number is None:
            return usage("convene", lang)
        s = await self.standing(turn.tx, number)
        if s is None:
            return text("matter_unknown", lang, number=number)
        if not self._may_act(turn, s):
            return text("not_chair", lang, need=self.staff_level)
        if s.phase not in WAITING_FOR_STAFF:
            return text("not_adjourned", lang, number=number, phase=text(f"phase_{s.state}", lang))
        await turn.tx.add_matter_event(MatterEvent(number, "reconvene", self.clock(), s.step.id if s.step else None,
                                                   turn.event.sender))
        return text("reconvened", lang, number=number)

    async def _matter_and_words(self, turn: TurnLike, cmd: Command) -> tuple[Standing, str] | str:
        """Return the matter a ``!命令 N 文字`` names and its words (at most ``MAX_TEXT``), or the reply that
        says what is wrong: the command's usage, or an unknown number."""
        number = self._number(cmd)
        words = cmd.args if cmd.ticket is not None else cmd.args.split(None, 1)[1] if len(cmd.args.split()) > 1 else ""
        if number is None or not words.strip():
            return usage(cmd.name, turn.lang)
        s = await self.standing(turn.tx, number)
        if s is None:
            return text("matter_unknown", turn.lang, number=number)
        return s, words.strip()[:MAX_TEXT]

    async def _cmd_result(self, turn: TurnLike, cmd: Command) -> str | None:
        lang = turn.lang
        if not self._is_chair(turn):
            return text("not_chair", lang, need=self.staff_level)
        found = await self._matter_and_words(turn, cmd)
        if isinstance(found, str):
            return found
        s, result = found
        number = s.row.id
        if not self._may_act(turn, s, hosted=True):
            return text("not_chair", lang, need=self.staff_level)
        if s.phase != "result_due":
            return text("result_not_due", lang, number=number, phase=text(f"phase_{s.state}", lang))
        lines = text("result_published", self.lang, number=number, title=s.row.title, result=result).split("\n")
        for room in self._community_rooms(s.row.grid):
            await turn.tx.enqueue(Outgoing(room, "publication", {**notice(lines), "matter": number}))
        await turn.tx.add_matter_event(MatterEvent(number, "published", self.clock(), s.step.id if s.step else None,
                                                   turn.event.sender, {"what": "result", "text": result}))
        return text("result_done", lang, number=number)

    async def _cmd_document(self, turn: TurnLike, cmd: Command) -> str:
        """Add a document to a matter (a link, or what it says): by whoever raised it, a member in a body's room
        or the street office's staff. Meetings called from now on list it; the board shows it."""
        lang = turn.lang
        found = await self._matter_and_words(turn, cmd)
        if isinstance(found, str):
            return found
        s, words = found
        number = s.row.id
        street = turn.room.kind == "handler" and turn.room.ref == self.book.fallback
        if not (street or turn.room.kind == "body" or turn.event.sender == s.row.raised_by):
            return text("document_who", lang, number=number)
        await turn.tx.add_matter_event(MatterEvent(number, "document", self.clock(), s.step.id if s.step else None,
                                                   turn.event.sender, {"text": words}))
        return text("document_added", lang, number=number, count=len(s.documents) + 1)

    async def _cmd_comment(self, turn: TurnLike, cmd: Command) -> str:
        lang = turn.lang
        found = await self._matter_and_words(turn, cmd)
        if isinstance(found, str):
            return found
        s, comment = found
        number = s.row.id
        if not s.published:
            return text("comment_not_yet", lang, number=number)
        await turn.tx.add_matter_event(MatterEvent(number, "commented", self.clock(), None, turn.event.sender,
                                                   {"text": comment}))
        if self.street_room is not None:  # staff read it; the board only counts comments (a resident's words)
            line = text("comment_forwarded", self.lang, number=number, title=s.row.title, comment=comment)
            await turn.tx.enqueue(Outgoing(self.street_room, "matter_comment", notice(line)))
        return text("comment_recorded", lang, number=number)

    # ---- the loop: what needs the homeserver, or the clock ----
    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Settle matters until ``stop`` is set: woken by commands, else every ``SETTLE_EVERY`` seconds."""
        while not stop.is_set():
            self._wake.clear()
            try:
                await self.settle()
            except Exception:  # a store that cannot be read: logged, tried again next round
                log.exception("settling the matters failed; trying again")
                self.failures += 1
            woken, stopped = asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())
            await asyncio.wait({woken, stopped}, timeout=SETTLE_EVERY, return_when=asyncio.FIRST_COMPLETED)
            for waiter in (woken, stopped):
                waiter.cancel()

    async def settle(self) -> int:
        """Do the waiting work of every unsettled matter; each matter fails alone. Return how many moved."""
        moved = 0
        for number in await self.store.unsettled_matters():
            try:
                for _ in range(20):  # one matter may take several steps at once (decided, published, finished)
                    if not await self._advance(number):
                        break
                    moved += 1
            except ConnectionError as exc:
                log.warning("matter %s waits for the homeserver: %s", number, exc)
                return moved  # an outage: the other matters would wait for it too
            except Exception:
                log.exception("matter %s could not be settled; going on with the others", number)
                self.failures += 1
        if moved:
            self.committed()
        return moved

    async def _advance(self, number: int) -> bool:
        """Take matter ``number`` one step further if it has waiting work; return whether it moved."""
        s = await self.standing(self.store, number)
        if s is None:
            return False
        now = self.clock()
        fetched: dict[str, Any] = {}
        # the network first, outside the transaction
        if s.phase == "seconding":
            room = self._room_for_seconds(s)
            fetched["members"] = await self._members(room) if room else []
            body = self._body(s.step)
            meets = self._room_of(body, s.row.grid) if body is not None and body.room != "own" else None
            if meets is not None and meets != room:  # raised in a grid's room, held in the community's: its roll
                fetched["roll"] = await self._members(meets)
        elif s.phase == "waiting":
            merged = self._merged(s)
            body = self._body(merged or s.step)  # a joint meeting (一肩挑) meets where the later body does
            room = self._room_of(body, s.row.grid) if body else None
            fetched["room"] = room
            if body is not None and room is not None:
                members = await self._members(room) if body.room != "own" else await self.store.roll(body.id)
                first = self._body(s.step)
                if merged is not None and first is not None and first.room == "own":  # both bodies' rolls
                    members = sorted({*members, *await self.store.roll(first.id)})
                fetched["members"] = members
        elif s.phase in OPEN_PHASES and s.meeting is not None and s.meeting.deadline <= now:
            fetched["expired"] = True
        elif s.phase == "closing" and s.meeting is not None:
            row = await self.store.outbox_row(s.meeting.poll) if s.meeting.poll is not None else None
            if row is not None and row.event_id:  # the recount: what the sync may have missed
                fetched["poll_event"] = row.event_id
                fetched["votes"] = await self.transport.poll_votes(s.meeting.room, row.event_id)
        elif s.phase not in ("publishing", "rejecting", "rejecting_published", "done", "result_due"):
            return False
        async with self.store.write() as tx:
            fresh = await self.standing(tx, number)
            if fresh is None or fresh.last_id != s.last_id:
                return True  # something came in meanwhile: look again
            return await self._act(tx, fresh, now, fetched)

    def _room_for_seconds(self, s: Standing) -> str | None:
        raised = next((e for e in s.events if e.kind == "raised"), None)
        return str(raised.data.get("room")) if raised is not None and raised.data.get("room") else None

    async def _members(self, room: str) -> list[str]:
        try:
            return [u for u in await self.transport.members(room) if u != self.transport.user_id]
        except Refused as exc:
            log.warning("the members of %s cannot be read: %s", room, exc)
            return []

    async def _act(self, tx: Transaction, s: Standing, now: datetime, fetched: dict[str, Any]) -> bool:
        number, step = s.row.id, s.step
        if s.phase == "seconding":
            members = fetched.get("members") or []
            if len(s.seconds) < s.seconds_needed(self.book, len(members)):
                return False
            s.phase = "waiting"
            body = self._body(step)
            room = self._room_of(body, s.row.grid) if body else None
            if body is not None and room is not None:
                roll = fetched.get("roll", members) if body.room != "own" else await tx.roll(body.id)
                fetched = {"room": room, "members": roll}
            else:
                fetched = {"room": room, "members": []}
        if s.phase == "waiting":
            merged = self._merged(s)
            return await self._convene(tx, s, now, fetched.get("room"), fetched.get("members") or [],
                                       merged.id if merged else None)
        if fetched.get("expired"):
            await tx.add_matter_event(MatterEvent(number, "closing", now, step.id if step else None, None,
                                                  {"why": "deadline"}))
            return True
        if s.phase == "closing":
            return await self._decide(tx, s, now, fetched)
        if s.phase == "publishing":
            await self._publish(tx, s, now, "resolution")
            return True
        if s.phase == "rejecting":
            await self._publish(tx, s, now, "rejection")
            return True
        if s.phase == "rejecting_published":
            await tx.add_matter_event(MatterEvent(number, "rejected", now))
            return True
        if s.phase == "done":
            await tx.add_matter_event(MatterEvent(number, "finished", now))
            return True
        if s.phase == "result_due" and s.due is not None and s.due <= now and (
                s.reminded_at is None or (now - s.reminded_at).total_seconds() >= 86400):
            if self.street_room is not None:
                line = text("result_overdue", self.lang, number=number, title=s.row.title, due=self.voice.local(s.due))
                await tx.enqueue(Outgoing(self.street_room, "result_overdue", notice(line)))
            await tx.add_matter_event(MatterEvent(number, "reminded", now, step.id if step else None))
            return True
        return False

    def _merged(self, s: Standing) -> Step | None:
        """Return the next step when it is held together with the current one: the rulebook says the
        community merges steps (``merge_steps``: 一肩挑) and the next step ``may_merge_with`` this one."""
        step, steps = s.step, s.chain.steps
        if not self.book.deliberation.merge_steps or step is None or s.index + 1 >= len(steps):
            return None
        after = steps[s.index + 1]
        return after if after.may_merge_with == step.id and not after.publish else None

    async def _convene(self, tx: Transaction, s: Standing, now: datetime, room: str | None, roll: list[str],
                       merged: str | None = None) -> bool:
        """Call the current step's meeting in its body's room (with ``merged``, the joint meeting of this step
        and the next, in the next body's room), carrying the previous step's result; a step with no quorum
        opens its vote at once. Without a room or a roll, tell the street office."""
        step, lang = s.step, self.lang
        later = next((x for x in s.chain.steps if x.id == merged), None) if merged else None
        body = self._body(later or step)
        assert step is not None and body is not None
        if room is None or not roll:
            why = text("blocked_no_room" if room is None else "blocked_empty_roll", lang, body_id=body.id)
            if self.street_room is not None:
                line = text("matter_blocked", lang, number=s.row.id, title=s.row.title, step=name_in(step, lang),
                            body=name_in(body, lang), why=why)
                await tx.enqueue(Outgoing(self.street_room, "matter_blocked", notice(line)))
            await tx.add_matter_event(MatterEvent(s.row.id, "blocked", now, step.id, None,
                                                  {"reason": "no_room" if room is None else "empty_roll"}))
            return True
        deadline = self.deadline(now, step.limit, "normal") if step.limit is not None else \
            now.replace(year=now.year + 1)
        event = MatterEvent(s.row.id, "convened", now, step.id, None,
                            {"room": room, "roll": sorted(set(roll)), "deadline": deadline.isoformat(),
                             **({"merged": merged} if merged else {})})
        await tx.add_matter_event(event)
        s.apply(event)
        # what came before: the previous step's result, or this step's own meeting that had no quorum (called again)
        carried = [self._carried(d, s, "meeting_carried_again" if d.step == step.id else "meeting_carried")
                   for d in s.decisions if (d.data.get("passed") or not d.data.get("quorate"))]
        joint = [text("meeting_merged", lang, step=name_in(step, lang), later=name_in(later, lang))] if later else []
        documents = [text("meeting_document", lang, n=i, document=d) for i, d in enumerate(s.documents, 1)]
        if step.quorum is None:  # nobody signs in first: the vote opens with the call
            await self._open_vote(tx, s, [], None)
            if carried or joint or documents:
                await tx.enqueue(Outgoing(room, "meeting_carried", {**notice([*joint, *documents, *carried[-1:]]),
                                                                    "matter": s.row.id}))
            return True
        # who opens the vote: the room's chair, or the street office from its own room (a residents' meeting: a
        # tester's neighbours were told "the chair sends !open" and could not)
        here_chairs = (later or step).chair == "room" and body.room == "own"
        opener = text("meeting_opener_room" if here_chairs else "meeting_opener_street", lang, number=s.row.id)
        lines = text("meeting_convened", lang, number=s.row.id, title=s.row.title, step=name_in(step, lang),
                     chain=name_in(s.chain, lang), body=name_in(body, lang), roll=len(set(roll)),
                     quorum=rule_text(step.quorum, lang), majority=rule_text(step.majority, lang),
                     deadline=self.voice.local(deadline), opener=opener).split("\n")
        if carried:
            lines.insert(2, carried[-1])
        lines[2:2] = [*joint, *documents]
        await tx.enqueue(Outgoing(room, "meeting_call", {**notice(lines), "matter": s.row.id}))
        return True

    def _carried(self, d: MatterEvent, s: Standing, key: str = "meeting_carried") -> str:
        return decision_line(d, s, self.lang, key)

    async def _decide(self, tx: Transaction, s: Standing, now: datetime, fetched: dict[str, Any]) -> bool:
        """Count the closed meeting: the answers the sync brought and those only the recount found (kept as
        ballots too), each member's last before the close; record the outcome, tell the room, end the poll."""
        m, step, lang = s.meeting, s.step, self.lang
        assert m is not None and step is not None and step.majority is not None and m.closing_at is not None
        for vote in fetched.get("votes") or []:
            choice = next((a for a in vote.answers if a in CHOICES), None)
            if choice is not None and not await tx.matter_source_seen(vote.event_id):
                at = datetime.fromtimestamp(vote.ts, UTC)
                e = MatterEvent(s.row.id, "ballot", at, m.step, vote.sender, {"choice": choice, "recount": True,
                                                                          "stranger": vote.sender not in m.roll},
                                vote.event_id)
                await tx.add_matter_event(e)
                s.apply(e)
        quorum = Threshold.of_rule(step.quorum) if step.quorum is not None else None
        present = m.present() if m.opened_at is not None else list(m.attended)
        outcome = decide(roll=m.roll, present=present, ballots=m.ballots if m.opened_at is not None else [],
                         closed_at=m.closing_at, quorum=quorum, majority=Threshold.of_rule(step.majority))
        if step.secret and outcome.quorate:  # the counts, not ballots: nobody's choice was ever recorded
            counts = await tx.secret_tally(s.row.id, m.id)
            tally = Tally(counts.get("yes", 0), counts.get("no", 0), counts.get("abstain", 0), (), ())
            passed = Threshold.of_rule(step.majority).met(tally.yes, roll=outcome.roll, present=outcome.present)
            outcome = Outcome(outcome.roll, outcome.present, True, tally, passed)
        quorate = outcome.quorate and m.opened_at is not None
        counted = outcome.tally
        majority = Threshold.of_rule(step.majority)
        needed = majority.needed(roll=outcome.roll, present=outcome.present)
        data = {"roll": outcome.roll, "present": outcome.present, "quorate": quorate,
                "passed": outcome.passed and quorate, "needed": needed,
                "yes": counted.yes if counted else 0, "no": counted.no if counted else 0,
                "abstain": counted.abstain if counted else 0,
                "late": len(counted.late) if counted else 0, "strangers": len(counted.strangers) if counted else 0}
        if quorate:
            lines = text("meeting_decided", lang, number=s.row.id, title=s.row.title, step=name_in(step, lang),
                         roll=data["roll"], present=data["present"], ratio=_ratio(data["present"], data["roll"]),
                         yes=data["yes"], no=data["no"], abstain=data["abstain"], needed=needed,
                         outcome=text("outcome_passed" if data["passed"] else "outcome_rejected", lang)).split("\n")
            if data["late"] or data["strangers"]:
                lines.append(text("meeting_uncounted", lang, late=data["late"], strangers=data["strangers"]))
        else:
            need = quorum.needed(roll=outcome.roll, present=outcome.present) if quorum else 1
            lines = text("meeting_no_quorum", lang, number=s.row.id, title=s.row.title, step=name_in(step, lang),
                         roll=outcome.roll, present=outcome.present, needed=need).split("\n")
        await tx.add_matter_event(MatterEvent(s.row.id, "decided", now, step.id, None, data))
        later = next((x for x in s.chain.steps if x.id == m.merged), None) if m.merged else None
        if later is not None and later.majority is not None and data["passed"]:  # the joint meeting's second step
            joint = decide(roll=m.roll, present=present, ballots=m.ballots, closed_at=m.closing_at,
                           quorum=Threshold.of_rule(later.quorum) if later.quorum else None,
                           majority=Threshold.of_rule(later.majority))
            second = {**data, "quorate": joint.quorate, "passed": joint.passed, "merged_with": step.id,
                      "needed": Threshold.of_rule(later.majority).needed(roll=joint.roll, present=joint.present)}
            if step.secret:
                second["passed"] = joint.quorate and Threshold.of_rule(later.majority).met(
                    data["yes"], roll=joint.roll, present=joint.present)
            e = MatterEvent(s.row.id, "decided", now, later.id, None, second)
            await tx.add_matter_event(e)
            lines.append(decision_line(e, s, lang))
        await tx.enqueue(Outgoing(m.room, "meeting_result", {**notice(lines), "matter": s.row.id}))
        if fetched.get("poll_event"):
            ended = text("poll_ended", lang, number=s.row.id)
            await tx.enqueue(Outgoing(m.room, "poll_end", {"lines": [ended], "mentions": [],
                                                            "poll": {"question": "", "ends": fetched["poll_event"]}}))
        return True

    async def _publish(self, tx: Transaction, s: Standing, now: datetime, what: str) -> None:
        """Publish the resolution (and ask staff for the result by its deadline), or the rejection, in the
        community's room and the matter's grid room; the board shows it from the record."""
        lang, number = self.lang, s.row.id
        steps = "\n".join(self._carried(d, s, "decision_line") for d in s.decisions if d.data.get("quorate"))
        if what == "resolution":
            after = s.chain.steps[s.index + 1] if s.index + 1 < len(s.chain.steps) else None
            due = self.deadline(now, after.limit, "normal") if after is not None and after.limit else None
            lines = text("resolution_published", lang, number=number, title=s.row.title, chain=name_in(s.chain, lang),
                         steps=steps, due=self.voice.local(due) if due else "-").split("\n")
            if due is None:  # the chain has no result of carrying it out to publish: no date to promise
                del lines[-2]
        else:
            due = None
            lines = text("rejection_published", lang, number=number, title=s.row.title, steps=steps).split("\n")
        for room in self._community_rooms(s.row.grid):
            await tx.enqueue(Outgoing(room, "publication", {**notice(lines), "matter": number}))
        await tx.add_matter_event(MatterEvent(number, "published", now, s.step.id if s.step else None, None,
                                              {"what": what, **({"due": due.isoformat()} if due else {})}))
        if due is not None and self.street_room is not None:
            line = text("result_asked", lang, number=number, title=s.row.title, due=self.voice.local(due))
            await tx.enqueue(Outgoing(self.street_room, "result_asked", notice(line)))
