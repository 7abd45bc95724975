"""An in-memory transport for unit tests: rooms are lists, sends are recorded, power levels are a dict."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from chatops.chat.transport.base import (
    Batch,
    Incoming,
    Media,
    Membership,
    Message,
    Reaction,
    Redaction,
    Refused,
    RoomPower,
    Say,
    SendResult,
    Vote,
)
from chatops.chat.transport.matrix_wire import POLL_START, render_event


@dataclass
class Sent:
    """A message the bot sent: where, what, and its event id."""

    room_id: str
    content: dict[str, Any]
    event_id: str
    txn_id: str

    type: str = "m.room.message"

    @property
    def body(self) -> str:
        return str(self.content.get("body", ""))

    @property
    def is_poll(self) -> bool:
        return self.type == POLL_START

    @property
    def thread_root(self) -> str | None:
        rel = self.content.get("m.relates_to") or {}
        return rel.get("event_id") if rel.get("rel_type") == "m.thread" else None

    @property
    def edits(self) -> str | None:
        rel = self.content.get("m.relates_to") or {}
        return rel.get("event_id") if rel.get("rel_type") == "m.replace" else None


@dataclass
class MemoryTransport:
    """A chat network in memory. Tests ``say``/``react`` as users; the bot's sends land in ``sent``."""

    user_id: str = "@whistle:test"
    power_levels: dict[str, dict[str, Any]] = field(default_factory=dict)
    sent: list[Sent] = field(default_factory=list)
    down: bool = False
    refused: set[str] = field(default_factory=set)  # rooms whose power levels the homeserver refuses (kicked)
    fail_sends: set[str] = field(default_factory=set)  # rooms where send() raises, as a bug would
    joined: dict[str, list[str]] = field(default_factory=dict)  # room -> who has joined it (for shared-room rolls)
    votes: list[Vote] = field(default_factory=list)  # every poll answer the "homeserver" holds (the relations API)
    clock: float = 1_000_000.0  # seconds: the server time given to poll answers
    _queue: list[Incoming] = field(default_factory=list)
    history: list[Incoming] = field(default_factory=list)  # every event said in any room, for backlogs
    devices: list[MemoryTransport] = field(default_factory=list)  # other devices of the same account: all see
    # every event (several bot workers on one account)
    _invites: list[tuple[str, str, bool]] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # rooms the bot left
    opened: list[tuple[str, str]] = field(default_factory=list)  # (room, person): direct chats the bot opened
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _by_txn: dict[str, str] = field(default_factory=dict)
    _token: int = 0
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def _id(self) -> str:
        return f"$e{next(self._ids)}"

    def say(self, room_id: str, sender: str, body: str, *, thread_root: str | None = None,
            reply_to: str | None = None, kind: str = "text", is_edit: bool = False,
            mentions: tuple[str, ...] = (), media: Media | None = None, replaces: str | None = None) -> str:
        """Post a message as ``sender`` (``mentions``: the users its pills name; ``media``: the picture a message
        of kind ``image`` shows; ``replaces``: the message an edit edits); return its event id."""
        event_id = self._id()
        self._arrive(Message(room_id, event_id, sender, body, kind, thread_root, reply_to, is_edit or bool(replaces),
                             mentions, media=media, replaces=replaces))
        return event_id

    def member(self, room_id: str, sender: str, member: str, membership: str = "join") -> str:
        """``member`` joins (is invited by ``sender`` to, leaves) ``room_id``; return the event's id."""
        event_id = self._id()
        if membership == "join":
            self.joined.setdefault(room_id, []).append(member)
        self._arrive(Membership(room_id, event_id, sender, member, membership))
        return event_id

    def react(self, room_id: str, sender: str, relates_to: str, key: str) -> str:
        """React to ``relates_to`` as ``sender``; return the reaction's event id."""
        event_id = self._id()
        self._arrive(Reaction(room_id, event_id, sender, key, relates_to))
        return event_id

    def vote(self, room_id: str, sender: str, poll: str, answer: str, *, at: float | None = None,
             lost: bool = False) -> str:
        """Answer ``poll`` as ``sender`` (at server time ``at``); ``lost``: the sync never delivers it (a gappy
        sync), only the relations API has it. Return the answer's event id."""
        event_id = self._id()
        vote = Vote(room_id, event_id, sender, poll, (answer,), self.clock if at is None else at)
        self.votes.append(vote)
        if not lost:
            self._arrive(vote)
        return event_id

    def redact(self, room_id: str, sender: str, redacts: str) -> str:
        """Delete ``redacts`` as ``sender``; return the redaction's event id."""
        event_id = self._id()
        self._arrive(Redaction(room_id, event_id, sender, redacts))
        return event_id

    def device(self) -> MemoryTransport:
        """Return another device of this account (a second bot worker): it sees every event from now on, and
        event ids stay unique across both."""
        other = MemoryTransport(user_id=self.user_id, power_levels=self.power_levels, joined=self.joined,
                                votes=self.votes, history=self.history, _ids=self._ids, _by_txn=self._by_txn,
                                sent=self.sent)
        self.devices.append(other)
        other.devices.append(self)
        return other

    def _arrive(self, event: Incoming) -> None:
        self.history.append(event)
        for transport in (self, *self.devices):
            transport._queue.append(event)
            transport._arrived.set()

    async def backlog(self, room_id: str, known: Any = None, *, since: float = 0.0) -> list[Incoming]:
        """Return the room's events, oldest first, back to the newest one ``known`` (an async callable)
        says was handled (``since``: the memory keeps no times; every event counts as recent)."""
        if self.down:
            raise ConnectionError("down")
        events = [e for e in self.history if e.room_id == room_id]
        out: list[Incoming] = []
        for e in reversed(events):
            if known is not None and await known(e.event_id):
                break
            out.append(e)
        return out[::-1]

    def invite(self, room_id: str, sender: str, *, direct: bool = True) -> None:
        """Invite the bot to ``room_id`` as ``sender`` (``direct``: a direct chat, as a client's "message" does)."""
        self._invites.append((room_id, sender, direct))
        self._arrived.set()

    def replay(self, events: list[Incoming]) -> None:
        """Deliver ``events`` again (what a restart from an old sync token does)."""
        self._queue.extend(events)
        self._arrived.set()

    async def next_batch(self, since: str | None) -> Batch:
        while not self._queue and not self._invites:
            self._arrived.clear()
            await self._arrived.wait()
        events, self._queue = self._queue, []
        invites, self._invites = self._invites, []
        self._token += 1
        return Batch(f"t{self._token}", events, [(r, s) for r, s, _ in invites],
                     frozenset(r for r, _, d in invites if d))

    async def send(self, room_id: str, say: Say, txn_id: str) -> SendResult:
        kind, content = render_event(say)  # what a Matrix homeserver would be given, for tests to look at
        if room_id in self.fail_sends:
            raise RuntimeError(f"injected failure sending to {room_id}")
        if self.down:
            return SendResult(retry_after=0, error="ConnectionRefusedError")
        if txn_id in self._by_txn:
            return SendResult(event_id=self._by_txn[txn_id])
        event_id = self._id()
        self._by_txn[txn_id] = event_id
        self.sent.append(Sent(room_id, content, event_id, txn_id, kind))
        return SendResult(event_id=event_id)

    async def power(self, room_id: str) -> RoomPower:
        if self.down:
            raise ConnectionError("down")
        if room_id in self.refused:
            raise Refused(f"{room_id}: M_FORBIDDEN")
        return RoomPower(self.power_levels.get(room_id, {}))

    async def join(self, room_id: str) -> bool:
        return True

    async def members(self, room_id: str) -> list[str]:
        if self.down:
            raise ConnectionError("down")
        if room_id in self.refused:
            raise Refused(f"{room_id}: M_FORBIDDEN")
        return sorted({*self.joined.get(room_id, []), self.user_id})

    async def poll_votes(self, room_id: str, poll: str) -> list[Vote]:
        if self.down:
            raise ConnectionError("down")
        return [v for v in self.votes if v.room_id == room_id and v.poll == poll]

    async def leave(self, room_id: str) -> None:
        self.left.append(room_id)

    async def open_direct(self, person: str) -> str | None:
        if self.down:
            return None
        room_id = f"!dm{len(self.opened) + 1}:test"
        self.opened.append((room_id, person))
        return room_id

    async def close(self) -> None:
        return None

    def in_room(self, room_id: str) -> list[Sent]:
        """Return what the bot sent to ``room_id``, in order."""
        return [s for s in self.sent if s.room_id == room_id]
