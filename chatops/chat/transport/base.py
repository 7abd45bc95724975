"""The transport interface: what the bot receives from a chat network and what it asks of it.

A transport yields :class:`Batch` es of incoming events with the token that follows them; the bot
handles every event, then stores the token. Sending takes the caller's transaction id, so a retried
send is never doubled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class Refused(Exception):
    """The homeserver answered and said no (403, 404, M_FORBIDDEN: the bot was kicked, the room is gone):
    a refusal to handle, not an outage to wait out."""


class RoomError(Exception):
    """A room could not be created or joined (the network's reason in the message)."""


@dataclass(frozen=True)
class Media:
    """A picture as the network keeps it: its content URI (``mxc://…`` on Matrix), file name, type and size.
    The bot passes the URI on and never fetches the picture itself."""

    url: str
    name: str = ""
    mimetype: str = ""
    size: int | None = None


@dataclass(frozen=True)
class Incoming:
    """An event in a room: who sent it, where, and its id (the key for deduplication)."""

    room_id: str
    event_id: str
    sender: str


@dataclass(frozen=True)
class Message(Incoming):
    """A message. ``kind`` is ``text``, ``notice`` (a bot's: never answered), ``image`` (a picture, its
    ``media``) or ``other`` (a file, a video); ``thread_root`` / ``reply_to`` say what it answers; edits are
    flagged; ``mentions`` are the user ids the sender's client says it mentions."""

    body: str
    kind: str = "text"
    thread_root: str | None = None
    reply_to: str | None = None
    is_edit: bool = False
    mentions: tuple[str, ...] = ()  # the users the message mentions (a client's pill shows only their name)
    txn: str | None = None  # on the bot's own messages: the outbox's transaction id it was sent with
    media: Media | None = None  # what a picture (``kind`` ``image``) shows
    replaces: str | None = None  # an edit's: the message it edits

    @property
    def context(self) -> str | None:
        """Return the event this message answers: its thread root, else the event it replies to."""
        return self.thread_root or self.reply_to


@dataclass(frozen=True)
class Membership(Incoming):
    """``member`` joined, was invited to or left the room (``membership``: ``join``, ``invite``, ``leave``…)."""

    member: str
    membership: str


@dataclass(frozen=True)
class Reaction(Incoming):
    """An annotation (emoji) on event ``relates_to``."""

    key: str
    relates_to: str


@dataclass(frozen=True)
class Redaction(Incoming):
    """The sender deleted event ``redacts`` (a message of theirs, or a reaction)."""

    redacts: str


@dataclass(frozen=True)
class Vote(Incoming):
    """An answer to a poll the bot opened (MSC3381): the poll's start event, the answer ids chosen, and when
    the network received it (``ts``, seconds since the epoch)."""

    poll: str
    answers: tuple[str, ...]
    ts: float


@dataclass(frozen=True)
class Poll:
    """A poll to open: its question, its answers as ``(id, text)``, and the text clients without polls show.
    With ``ends`` set it is instead the end of the poll whose start event is ``ends``."""

    question: str
    answers: tuple[tuple[str, str], ...] = ()
    ends: str | None = None


@dataclass(frozen=True)
class Say:
    """What the bot sends, in no network's format: its lines (the first is a title when there are several),
    the users it mentions, and what it answers: a thread, a message, or an earlier message of ours it edits."""

    lines: tuple[str, ...]
    mentions: tuple[str, ...] = ()
    thread_root: str | None = None
    reply_to: str | None = None
    edit_of: str | None = None
    poll: Poll | None = None  # a poll (or a poll's end) instead of a message; ``lines`` are its text fallback
    media: Media | None = None  # a picture passed on instead of a message; ``lines`` are its text fallback


@dataclass(frozen=True)
class Batch:
    """Events received since the last token, oldest first; ``token`` resumes after them."""

    token: str
    events: list[Incoming] = field(default_factory=list)
    invites: list[tuple[str, str]] = field(default_factory=list)  # (room id, inviter)
    direct: frozenset[str] = frozenset()  # the invited rooms that are direct chats with their inviter (DMs)


@dataclass(frozen=True)
class SendResult:
    """A send's outcome: ``event_id`` when sent; otherwise ``retry_after`` seconds, or permanent refusal."""

    event_id: str | None = None
    retry_after: float | None = None
    error: str | None = None
    rate_limited: bool = False

    @property
    def sent(self) -> bool:
        return self.event_id is not None


@dataclass(frozen=True)
class RoomPower:
    """A room's power levels and creators (room version 12 creators outrank everyone)."""

    levels: dict[str, Any] = field(default_factory=dict)
    creators: frozenset[str] = frozenset()
    version: str = "1"
    refused: bool = False  # the homeserver would not say (the bot is not in the room): nobody counts as staff

    def of(self, user_id: str) -> float:
        """Return ``user_id``'s power level: infinite for a v12 creator, else ``users`` or ``users_default``.

        >>> RoomPower({"users": {"@a:x": 50}}).of("@a:x")
        50
        """
        if user_id in self.creators:
            return float("inf")
        users = self.levels.get("users") or {}
        default = self.levels.get("users_default", 0)
        return _int(users.get(user_id, default))


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def creators_of(create_content: dict[str, Any], sender: str) -> tuple[frozenset[str], str]:
    """Return the creators with unlimited power (room version 12 and later, else none) and the version.

    >>> creators_of({"room_version": "12", "additional_creators": ["@b:x"]}, "@a:x")[0] == {"@a:x", "@b:x"}
    True
    """
    version = str(create_content.get("room_version", "1"))
    if not version.isdigit() or int(version) < 12:
        return frozenset(), version
    extra = create_content.get("additional_creators") or []
    return frozenset({sender, *(u for u in extra if isinstance(u, str))}), version


class Transport(Protocol):
    """What the bot needs of a chat network."""

    user_id: str

    async def next_batch(self, since: str | None) -> Batch:
        """Return the next batch of events after ``since`` (waiting for some; retrying errors itself)."""
        ...

    async def send(self, room_id: str, say: Say, txn_id: str) -> SendResult:
        """Send ``say`` in the network's own format with ``txn_id``; the same id twice sends once."""
        ...

    async def power(self, room_id: str) -> RoomPower:
        """Return the room's power levels and creators; raise ``ConnectionError`` if the homeserver cannot
        be reached, :class:`Refused` if it refuses (the bot is not in the room any more)."""
        ...

    async def join(self, room_id: str) -> bool:
        """Join a room the bot was invited to; return whether it worked."""
        ...

    async def members(self, room_id: str) -> list[str]:
        """Return who has joined the room (the bot included); raise ``ConnectionError`` or :class:`Refused`."""
        ...

    async def backlog(self, room_id: str, known: Any = None, *, since: float = 0.0) -> list[Incoming]:
        """Return the room's latest events, oldest first, back to the newest one the async callable ``known``
        says was handled and no older than ``since`` (seconds since the epoch): what a worker taking over a
        room has not seen. Raise ``ConnectionError``."""
        ...

    async def poll_votes(self, room_id: str, poll: str) -> list[Vote]:
        """Return every answer to ``poll`` the homeserver holds (the recount a gappy sync needs); raise
        ``ConnectionError`` or :class:`Refused`."""
        ...

    async def leave(self, room_id: str) -> None:
        """Leave a room the bot does not serve."""
        ...

    async def open_direct(self, person: str) -> str | None:
        """Open a direct chat with ``person`` (they are invited); return its room id, or ``None`` if it failed."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...
