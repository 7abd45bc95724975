"""A matter to decide (议题) and where it stands: its record of events folded into a :class:`Standing`.

A matter follows a chain of the rulebook (``deliberation.chains``): meetings of bodies, each with its quorum
and majority, and publications. Its record is append-only events (stored by
:mod:`chatops.tickets.store.meetings`); this module only reads them and says what comes next, so the bot,
the board and research fold the same record the same way.

The events, in the order they usually come:

=============== ======================================================================================
raised          a resident, a member or staff raised it (``data.seconds``: residents must second it first)
seconded        a resident supports a residents' request for a vote
convened        a step's meeting is called in ``data.room`` with ``data.roll`` (应到) until ``data.deadline``
attended        a member signed in (签到)
voting          the vote is open: ``data.present`` (实到 then), ``data.poll`` (the outbox row of the poll)
ballot          an answer (``data.choice``: yes, no, abstain), at the time the chat network gives it
voted_secretly  a member cast a secret ballot in a direct chat (what they chose is only in the counts)
closing         the meeting is to be closed (by its chair, the street office, or its deadline)
decided         counted: ``data`` holds roll, present, yes, no, abstain, quorate, passed, late, strangers
reconvene       staff call the meeting again (after a failed quorum, or once a blocked call can go ahead)
blocked         the meeting cannot be called (``data.reason``: an empty roll, no room); waits for staff
published       a publication step done (``data.what``: resolution, result or rejection; ``data.text``)
reminded        the result of carrying it out is overdue: staff were reminded
commented       a resident's supervision comment (监督意见)
document        a document of the matter (``data.text``: a link, or what it says)
finished        every step done
rejected        the matter was voted down (and published as such)
=============== ======================================================================================

>>> from datetime import UTC, datetime
>>> from rules import load_rulebook
>>> from chatops.tickets.store.meetings import MatterEvent, MatterRow
>>> book = load_rulebook()
>>> t = datetime(2026, 5, 1, 9, tzinfo=UTC)
>>> row = MatterRow(1, "consultation", "加装电梯", "g1", "@li:x", t, "resident")
>>> s = Standing.of(row, [MatterEvent(1, "raised", t, actor="@li:x", data={"seconds": True})], book)
>>> s.phase, s.step.id
('seconding', 'vote')
>>> called = MatterEvent(1, "convened", t, "vote", data={"room": "!g", "roll": ["@li:x", "@wang:x"],
...                                                       "deadline": t.isoformat()})
>>> s = Standing.of(row, [*s.events, called], book)
>>> s.phase, s.meeting.roll
('convened', ('@li:x', '@wang:x'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from chatops.meetings.quorum import Ballot, Threshold
from chatops.tickets.store.meetings import MatterEvent, MatterRow
from rules import Rulebook
from rules.rulebook import Chain, Step

WAITING_FOR_STAFF = ("adjourned", "blocked")  # a failed quorum, an empty roll: staff call the meeting again
TERMINAL = ("finished", "rejected")


@dataclass
class Meeting:
    """The current step's meeting: its room, roll, deadline, who signed in, the poll, the answers."""

    step: str
    room: str
    roll: tuple[str, ...]
    deadline: datetime
    convened_at: datetime
    id: int = 0  # the event that called it (a secret ballot's counts are kept under it)
    attended: list[str] = field(default_factory=list)
    present_at_open: tuple[str, ...] = ()
    poll: int | None = None
    opened_at: datetime | None = None
    ballots: list[Ballot] = field(default_factory=list)
    closing_at: datetime | None = None
    secret_voters: list[str] = field(default_factory=list)  # who cast a secret ballot (never what)
    merged: str | None = None  # the next step, held in the same meeting (一肩挑)

    def present(self) -> list[str]:
        """Return who is present (实到): members who signed in, and members who voted in time."""
        on_roll = set(self.roll)
        voters = [b.voter for b in self.ballots if b.voter in on_roll and
                  (self.closing_at is None or b.at <= self.closing_at)]
        return list(dict.fromkeys([*self.attended, *voters, *self.secret_voters]))


@dataclass
class Standing:
    """Where a matter stands: its ``row``, ``chain``, the current step (by index), the ``phase`` of that step,
    its current meeting, every decision so far, seconds, comments, and its ``events``."""

    row: MatterRow
    chain: Chain
    index: int = 0
    phase: str = "waiting"
    meeting: Meeting | None = None
    seconds: list[str] = field(default_factory=list)
    decisions: list[MatterEvent] = field(default_factory=list)
    published: list[MatterEvent] = field(default_factory=list)
    comments: int = 0
    documents: list[str] = field(default_factory=list)
    events: list[MatterEvent] = field(default_factory=list)
    reminded_at: datetime | None = None
    due: datetime | None = None  # when the current publication is due (the result of carrying it out)

    @classmethod
    def of(cls, row: MatterRow, events: Iterable[MatterEvent], book: Rulebook) -> Standing:
        """Return the standing of matter ``row`` after ``events`` (its record, in order), under ``book``.
        Raises ``KeyError`` for a chain the rulebook no longer has."""
        chain = book.deliberation.chain(row.chain)
        if chain is None:
            raise KeyError(row.chain)
        s = cls(row, chain)
        for e in events:
            s.apply(e)
        return s

    @property
    def step(self) -> Step | None:
        """Return the current step, or ``None`` once every step is done."""
        return self.chain.steps[self.index] if self.index < len(self.chain.steps) else None

    @property
    def last_id(self) -> int:
        """Return the id of the newest event (0 for none): a transaction checks nothing came in between."""
        return max((e.id or 0 for e in self.events), default=0)

    @property
    def state(self) -> str:
        """Return the phase as people are told it (the catalogue's ``phase_<state>``): a matter finished without
        a result of carrying it out (its chain has no such publication) says that only its resolution was."""
        if self.phase == "finished" and not any(e.data.get("what") == "result" for e in self.published):
            return "finished_resolution"
        return self.phase

    def publish_kind(self) -> str | None:
        """Return what the current publication step publishes: ``resolution`` (right after a meeting: the bot
        publishes it), ``result`` (after a publication: staff write the result of carrying it out), or
        ``None`` when the current step is not a publication."""
        step = self.step
        if step is None or not step.publish:
            return None
        before = self.chain.steps[self.index - 1] if self.index else None
        return "result" if before is not None and before.publish else "resolution"

    def apply(self, e: MatterEvent) -> None:
        """Fold one event into the standing."""
        self.events.append(e)
        kind, data = e.kind, e.data
        if kind == "raised":
            self.phase = "seconding" if data.get("seconds") else "waiting"
            self.seconds = [e.actor] if e.actor else []
            self._settle_publication(e.at)
        elif kind == "seconded" and e.actor and e.actor not in self.seconds:
            self.seconds.append(e.actor)
        elif kind == "convened":
            self.meeting = Meeting(e.step or "", str(data["room"]), tuple(data["roll"]),
                                   datetime.fromisoformat(data["deadline"]), e.at, e.id or 0,
                                   merged=data.get("merged"))
            self.phase = "convened"
        elif kind == "attended" and self.meeting is not None and e.actor in self.meeting.roll \
                and e.actor not in self.meeting.attended:
            self.meeting.attended.append(e.actor)
        elif kind == "voting" and self.meeting is not None:
            self.meeting.present_at_open = tuple(data.get("present", ()))
            self.meeting.poll = data.get("poll")
            self.meeting.opened_at = e.at
            self.phase = "voting"
        elif kind == "voted_secretly" and self.meeting is not None and e.actor \
                and e.actor not in self.meeting.secret_voters:
            self.meeting.secret_voters.append(e.actor)
        elif kind == "ballot" and self.meeting is not None and e.actor:
            self.meeting.ballots.append(Ballot(e.actor, str(data.get("choice")), e.at))
        elif kind == "closing" and self.meeting is not None and self.phase in ("convened", "voting"):
            self.meeting.closing_at = e.at
            self.phase = "closing"
        elif kind == "decided":
            self.decisions.append(e)
            if not data.get("quorate"):
                self.phase = "adjourned"
            elif data.get("passed"):
                self.index += 1
                self.meeting = None
                self._settle_publication(e.at)
            else:
                self.phase = "rejecting"
        elif kind == "blocked":
            self.phase = "blocked"
        elif kind == "reconvene":
            self.phase = "waiting"
            self.meeting = None
        elif kind == "published":
            self.published.append(e)
            if data.get("what") == "rejection":
                self.phase = "rejecting_published"
            else:
                self.index += 1
                self._settle_publication(e.at)
                if data.get("due"):  # the result of carrying it out is due then (the working-day clock's answer)
                    self.due = datetime.fromisoformat(data["due"])
        elif kind == "reminded":
            self.reminded_at = e.at
        elif kind == "commented":
            self.comments += 1
        elif kind == "document" and data.get("text"):
            self.documents.append(str(data["text"]))
        elif kind in TERMINAL:
            self.phase = kind

    def _settle_publication(self, at: datetime) -> None:
        """Set the phase for the step the matter has just reached."""
        if self.phase == "seconding":
            return
        step = self.step
        if step is None:
            self.phase = "done"
        elif not step.publish:
            self.phase = "waiting"
        elif self.publish_kind() == "resolution":
            self.phase = "publishing"
        else:
            self.phase = "result_due"
            self.due = None
            self.reminded_at = None

    def seconds_needed(self, book: Rulebook, members: int) -> int:
        """Return how many must second a residents' request, of ``members`` in the room (the raiser counts)."""
        return max(1, Threshold.of_rule(book.deliberation.request).needed(roll=members, present=members))
