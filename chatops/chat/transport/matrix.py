"""The Matrix transport (matrix-nio): a sync loop the bot drives, sends with our own transaction ids.

No nio callbacks are used: :meth:`MatrixTransport.next_batch` returns a sync's events and the bot stores
the token only after handling them. Gaps in a limited timeline are filled from ``/messages``; sync
errors are retried with exponential backoff; a 429 is returned with its ``retry_after`` (from
``Retry-After`` or ``retry_after_ms``) for the outbox to honour; nio's own retries are switched off.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from nio import (
    AsyncClient,
    AsyncClientConfig,
    LoginResponse,
    MessageDirection,
    RoomPreset,
    SyncResponse,
    WhoamiResponse,
)
from nio.api import Api

from chatops.chat.transport.base import (
    Batch,
    Incoming,
    Membership,
    Message,
    Reaction,
    Redaction,
    Refused,
    RoomPower,
    Say,
    SendResult,
    Vote,
    creators_of,
)
from chatops.chat.transport.matrix_rooms import creators_outrank, ensure_room
from chatops.chat.transport.matrix_wire import POLL_RESPONSE, TXN, picture_of, render_event, vote_of
from chatops.private import write_private

log = logging.getLogger(__name__)
SYNC_BACKOFF_MAX = 8.0  # seconds: the longest wait between syncs the homeserver answered with an error
UNREACHABLE_RETRY = 1.0  # seconds: a homeserver that refuses connections is tried again this often (it costs
# nothing), so the bot is back within a second of it; warned about once a minute
EVENT_TYPES = ["m.room.message", "m.reaction", "m.room.redaction", POLL_RESPONSE, "m.poll.response", "m.room.member"]
GAP_LIMIT = 5000  # at most this many missed events are fetched per room after a gap


@dataclass(frozen=True)
class Session:
    """A login to reuse across restarts: one device id, one access token (kept in a 0600 file)."""

    user_id: str
    device_id: str
    access_token: str

    def save(self, path: Path) -> None:
        write_private(path, json.dumps(self.__dict__))

    @classmethod
    def load(cls, path: Path) -> Session | None:
        try:
            return cls(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            return None


class LoginFailed(Exception):
    """The bot could not log in (wrong password, unknown user, homeserver unreachable)."""


def sync_filter(timeline_limit: int) -> dict[str, Any]:
    """Return the sync filter: only messages, reactions and redactions, lazy-loaded members, no presence."""
    return {
        "presence": {"types": []},
        "account_data": {"types": []},
        "room": {
            "timeline": {"limit": timeline_limit, "types": EVENT_TYPES},
            "state": {"lazy_load_members": True, "types": ["m.room.create", "m.room.power_levels"]},
            "ephemeral": {"types": []},
            "account_data": {"types": []},
        },
    }


def incoming(room_id: str, raw: dict[str, Any]) -> Incoming | None:
    """Return the :class:`Incoming` for a raw Matrix event, or ``None`` for what the bot ignores."""
    kind, content = raw.get("type"), raw.get("content")
    event_id, sender = raw.get("event_id"), raw.get("sender")
    if not isinstance(content, dict) or not isinstance(event_id, str) or not isinstance(sender, str):
        return None
    relates = content.get("m.relates_to")
    rel: dict[str, Any] = relates if isinstance(relates, dict) else {}
    if kind == "m.room.redaction":  # room version 11 puts what it redacts in the content, older ones beside it
        redacts = content.get("redacts") or raw.get("redacts")
        return Redaction(room_id, event_id, sender, redacts) if isinstance(redacts, str) else None
    if kind in (POLL_RESPONSE, "m.poll.response"):
        return vote_of(room_id, raw)
    if kind == "m.room.member":  # who is in a direct chat decides whether it is still private
        member, membership = raw.get("state_key"), content.get("membership")
        return Membership(room_id, event_id, sender, member, membership) \
            if isinstance(member, str) and isinstance(membership, str) else None
    if kind == "m.reaction":
        if rel.get("rel_type") == "m.annotation" and isinstance(rel.get("key"), str) \
                and isinstance(rel.get("event_id"), str):
            return Reaction(room_id, event_id, sender, rel["key"], rel["event_id"])
        return None
    if kind != "m.room.message":
        return None
    body = content.get("body")
    replied = rel.get("m.in_reply_to")
    reply: dict[str, Any] = replied if isinstance(replied, dict) else {}
    thread = rel.get("event_id") if rel.get("rel_type") == "m.thread" else None
    said = content.get("m.mentions")
    users = said.get("user_ids") if isinstance(said, dict) else None
    mentioned = tuple(u for u in users if isinstance(u, str)) if isinstance(users, list) else ()
    media = picture_of(content)
    return Message(
        room_id, event_id, sender, body if isinstance(body, str) else "",
        kind="image" if media else _KINDS.get(str(content.get("msgtype", "")), "other"), media=media,
        thread_root=thread if isinstance(thread, str) else None,
        reply_to=reply.get("event_id") if isinstance(reply.get("event_id"), str) else None,
        is_edit=rel.get("rel_type") == "m.replace", mentions=mentioned[:20],
        txn=content.get(TXN) if isinstance(content.get(TXN), str) else None,
        replaces=rel.get("event_id") if rel.get("rel_type") == "m.replace" and isinstance(rel.get("event_id"), str)
        else None,
    )


_KINDS = {"m.text": "text", "m.emote": "text", "m.notice": "notice"}  # anything else (images, files): "other"


class MatrixTransport:
    """The bot's Matrix connection. Create with :meth:`connect`."""

    def __init__(self, client: AsyncClient, *, timeline_limit: int = 50, poll_ms: int = 30_000) -> None:
        self.client = client
        self.user_id = client.user_id
        self.filter = sync_filter(timeline_limit)
        self._creators_outrank: bool | None = None  # new rooms are version 12+ (creators unlisted in power levels)
        self.poll_ms = poll_ms
        self.known: Any = None  # async callable(event_id) -> bool: stops gap filling at handled events
        self._creators: dict[str, tuple[frozenset[str], str]] = {}

    @classmethod
    async def connect(cls, homeserver: str, user_id: str, *, session_file: Path, password: str | None = None,
                      token: str | None = None, device_name: str = "community-whistle",
                      timeline_limit: int = 50, poll_ms: int = 30_000) -> MatrixTransport:
        """Return a logged-in transport, reusing the saved session (device id, token) when it still works."""
        config = AsyncClientConfig(max_limit_exceeded=0, max_timeouts=0, request_timeout=poll_ms / 1000 + 30,
                                   store_sync_tokens=False, encryption_enabled=False)
        saved = Session.load(session_file)
        client = AsyncClient(homeserver, user_id, device_id=saved.device_id if saved else None, config=config)
        try:
            for candidate in (saved, Session(user_id, saved.device_id if saved else "", token) if token else None):
                if candidate and candidate.user_id == user_id and candidate.access_token:
                    client.restore_login(user_id, candidate.device_id or "", candidate.access_token)
                    who = await client.whoami()
                    if isinstance(who, WhoamiResponse):
                        if who.device_id and who.device_id != candidate.device_id:
                            client.device_id = who.device_id
                        Session(user_id, client.device_id, client.access_token).save(session_file)
                        return cls(client, timeline_limit=timeline_limit, poll_ms=poll_ms)
            if not password:
                raise LoginFailed("no password or working access token for " + user_id)
            resp = await client.login(password, device_name=device_name)
            if not isinstance(resp, LoginResponse):
                raise LoginFailed(f"{user_id}: {getattr(resp, 'message', resp)}")
            Session(user_id, resp.device_id, resp.access_token).save(session_file)
            return cls(client, timeline_limit=timeline_limit, poll_ms=poll_ms)
        except LoginFailed:
            await client.close()
            raise
        except Exception as exc:  # connection refused and the like
            await client.close()
            raise LoginFailed(f"{homeserver}: {exc}") from exc

    async def next_batch(self, since: str | None) -> Batch:
        """Return the events after ``since`` (long-polling), retrying errors with exponential backoff."""
        delay, unreachable = 0.5, 0
        while True:
            try:
                resp = await self.client.sync(timeout=self.poll_ms, sync_filter=self.filter, since=since)
                if isinstance(resp, SyncResponse):
                    if unreachable:
                        log.warning("the homeserver answers again after %d failed connections", unreachable)
                    return await self._batch(resp)
                log.warning("sync failed: %s", getattr(resp, "message", resp))
            except (ConnectionRefusedError, aiohttp.ClientConnectorError) as exc:  # nobody listening: try soon
                if unreachable % int(60 / UNREACHABLE_RETRY) == 0:
                    log.warning("the homeserver is unreachable (%s); trying every %.0f s",
                                exc.__class__.__name__, UNREACHABLE_RETRY)
                unreachable += 1
                await asyncio.sleep(UNREACHABLE_RETRY)
                continue
            except (OSError, TimeoutError, ValueError, aiohttp.ClientError) as exc:  # ConnectionError too
                log.warning("sync failed: %s", exc.__class__.__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, SYNC_BACKOFF_MAX)

    async def _batch(self, resp: SyncResponse) -> Batch:
        events: list[Incoming] = []
        for room_id, room in resp.rooms.join.items():
            for raw in (e.source for e in room.state if hasattr(e, "source")):
                if raw.get("type") == "m.room.create":
                    self._creators[room_id] = creators_of(raw.get("content") or {}, raw.get("sender", ""))
            raws = [e.source for e in room.timeline.events if isinstance(getattr(e, "source", None), dict)]
            if room.timeline.limited and room.timeline.prev_batch:
                raws = await self._fill_gap(room_id, room.timeline.prev_batch, raws)
            events.extend(ev for ev in (incoming(room_id, r) for r in raws) if ev is not None)
        invites = [(room_id, _inviter(info)) for room_id, info in resp.rooms.invite.items()]
        direct = frozenset(room_id for room_id, info in resp.rooms.invite.items() if _is_direct(info, self.user_id))
        return Batch(resp.next_batch, events, invites, direct)

    async def _fill_gap(self, room_id: str, token: str, raws: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Return ``raws`` preceded by the events a limited sync left out, back to one already handled."""
        older: list[dict[str, Any]] = []
        seen = {r.get("event_id") for r in raws}
        while len(older) < GAP_LIMIT:
            resp = await self.client.room_messages(room_id, start=token, direction=MessageDirection.back,
                                                   limit=100, message_filter={"types": EVENT_TYPES})
            if not hasattr(resp, "chunk"):
                raise ConnectionError(f"cannot fill the gap in {room_id}: {getattr(resp, 'message', resp)}")
            chunk = [e.source for e in resp.chunk if isinstance(getattr(e, "source", None), dict)]
            stop = False
            for raw in chunk:
                if raw.get("event_id") in seen:
                    continue
                if self.known is not None and await self.known(raw.get("event_id", "")):
                    stop = True
                    break
                older.append(raw)
            end = getattr(resp, "end", None)
            if stop or not chunk or not end or end == token:
                break
            token = end
        log.info("filled a gap of %d events in %s", len(older), room_id)
        return [*reversed(older), *raws]

    async def send(self, room_id: str, say: Say, txn_id: str) -> SendResult:
        """Send ``say`` (a message, or a poll's start or end) with ``txn_id`` (a retry with the same id is not
        doubled)."""
        kind, content = render_event(say)
        content[TXN] = txn_id  # another worker taking the room over can see this row was sent
        method, path, data = Api.room_send(self.client.access_token, room_id, kind, content, txn_id)
        try:
            resp = await self.client.send(method, path, data, headers={"Content-Type": "application/json"},
                                          timeout=30)
            status = resp.status
            body = await resp.json(content_type=None)
            header = resp.headers.get("Retry-After")
        except (OSError, TimeoutError, ValueError, aiohttp.ClientError) as exc:
            return SendResult(retry_after=0, error=exc.__class__.__name__)
        if status == 200 and isinstance(body, dict) and "event_id" in body:
            return SendResult(event_id=body["event_id"])
        body = body if isinstance(body, dict) else {}
        error = f"{status} {body.get('errcode', '')} {body.get('error', '')}".strip()
        if status == 429:
            return SendResult(retry_after=_retry_after(header, body), error=error, rate_limited=True)
        if status >= 500 or status in (408, 425):
            return SendResult(retry_after=0, error=error)
        return SendResult(error=error)

    async def ensure_room(self, *, alias_local: str, server_name: str, name: str, topic: str, public: bool,
                          people: list[str], staff_level: int | None) -> str:
        """Return the id of room ``#alias_local:server_name``, created or completed (see ``matrix_rooms``)."""
        if self._creators_outrank is None:  # asked of the homeserver once, not for every room
            self._creators_outrank = await creators_outrank(self.client)
        return await ensure_room(self.client, alias_local=alias_local, server_name=server_name, name=name,
                                 topic=topic, public=public, people=people, staff_level=staff_level,
                                 creators_outrank=self._creators_outrank)

    async def power(self, room_id: str) -> RoomPower:
        """Return the room's power levels and creators; raise ``ConnectionError`` if the homeserver cannot be
        reached, :class:`Refused` if it refuses (403/404: the bot was kicked, or the room is gone)."""
        try:
            resp = await self.client.room_get_state_event(room_id, "m.room.power_levels")
            if room_id not in self._creators:
                state = await self.client.room_get_state(room_id)
                for raw in getattr(state, "events", []):
                    if raw.get("type") == "m.room.create":
                        self._creators[room_id] = creators_of(raw.get("content") or {}, raw.get("sender", ""))
        except (TimeoutError, OSError, aiohttp.ClientError) as exc:
            raise ConnectionError(exc.__class__.__name__) from exc
        content = getattr(resp, "content", None)
        if not isinstance(content, dict):
            self._refusal(room_id, resp)
        assert isinstance(content, dict)
        creators, version = self._creators.get(room_id, (frozenset(), "1"))
        return RoomPower(content, creators, version)

    async def members(self, room_id: str) -> list[str]:
        """Return who has joined ``room_id``; ``ConnectionError`` when unreachable, :class:`Refused` on 403/404."""
        try:
            resp = await self.client.joined_members(room_id)
        except (TimeoutError, OSError, aiohttp.ClientError) as exc:
            raise ConnectionError(exc.__class__.__name__) from exc
        members = getattr(resp, "members", None)
        if members is None:
            self._refusal(room_id, resp)
        return sorted(m.user_id for m in members or [])

    async def backlog(self, room_id: str, known: Any = None, *, since: float = 0.0) -> list[Incoming]:
        """Return the room's latest events, oldest first, back to the newest one ``known`` says was handled or
        to ``since`` (``/messages`` backwards from the room's end, at most ``GAP_LIMIT``)."""
        older: list[dict[str, Any]] = []
        token: str | None = None
        stop = False
        while not stop and len(older) < GAP_LIMIT:
            body = await self._page(room_id, ["rooms", room_id, "messages"], token,
                                    dir="b", filter=json.dumps({"types": EVENT_TYPES}))
            chunk = [raw for raw in body.get("chunk") or [] if isinstance(raw, dict)]
            for raw in chunk:
                ts = raw.get("origin_server_ts")
                if (isinstance(ts, int | float) and ts / 1000 < since) or (
                        known is not None and await known(raw.get("event_id", ""))):
                    stop = True
                    break
                older.append(raw)
            token = body.get("end")
            if not chunk or not token:
                break
        return [ev for ev in (incoming(room_id, raw) for raw in reversed(older)) if ev is not None]

    async def poll_votes(self, room_id: str, poll: str) -> list[Vote]:
        """Return every answer to ``poll`` from the relations API (``/relations/{poll}/m.reference``), page by
        page: what a gappy sync left out is counted too."""
        votes: list[Vote] = []
        token: str | None = None
        for _page in range(200):  # 20,000 answers at most
            body = await self._page(room_id, ["rooms", room_id, "relations", poll, "m.reference"], token,
                                    base_path="/_matrix/client/v1")
            votes += [v for v in (vote_of(room_id, raw) for raw in body.get("chunk") or [] if isinstance(raw, dict))
                      if v is not None]
            token = body.get("next_batch")
            if not token:
                break
        return votes

    async def _page(self, room_id: str, parts: list[str], token: str | None, *,
                    base_path: str = "/_matrix/client/v3", **params: str) -> dict[str, Any]:
        """Return one page (100 events) of a paginated GET on ``parts``, from ``token``; raise
        ``ConnectionError`` when the homeserver cannot answer, :class:`Refused` on 403/404."""
        query: dict[str, Any] = {"access_token": self.client.access_token, "limit": 100, **params}
        if token:
            query["from"] = token
        try:
            resp = await self.client.send("GET", Api._build_path(parts, query, base_path=base_path), timeout=30)
            status, body = resp.status, await resp.json(content_type=None)
        except (OSError, TimeoutError, ValueError, aiohttp.ClientError) as exc:
            raise ConnectionError(exc.__class__.__name__) from exc
        if status in (403, 404):
            raise Refused(f"{room_id}: {status}")
        if status != 200 or not isinstance(body, dict):
            raise ConnectionError(f"{'/'.join(parts[2:3] or parts)} of {room_id}: {status}")
        return body

    def _refusal(self, room_id: str, resp: Any) -> None:
        errcode = str(getattr(resp, "status_code", "") or "")
        status = getattr(getattr(resp, "transport_response", None), "status", 0) or 0
        if errcode in ("M_FORBIDDEN", "M_NOT_FOUND") or status in (403, 404):
            raise Refused(f"{room_id}: {errcode or status} {getattr(resp, 'message', '')}".strip())
        raise ConnectionError(str(getattr(resp, "message", resp)))

    async def join(self, room_id: str) -> bool:
        try:
            return hasattr(await self.client.join(room_id), "room_id")
        except (TimeoutError, OSError, aiohttp.ClientError):
            return False

    async def leave(self, room_id: str) -> None:
        with contextlib.suppress(TimeoutError, OSError, aiohttp.ClientError):
            await self.client.room_leave(room_id)

    async def open_direct(self, person: str) -> str | None:
        try:
            # whoever is invited later reads nothing said before their invitation: a resident's words stay theirs
            resp = await self.client.room_create(is_direct=True, invite=[person],
                                                 preset=RoomPreset.trusted_private_chat,
                                                 initial_state=[{"type": "m.room.history_visibility", "state_key": "",
                                                                 "content": {"history_visibility": "invited"}}])
        except (TimeoutError, OSError, aiohttp.ClientError):
            return None
        room_id = getattr(resp, "room_id", None)
        return room_id if isinstance(room_id, str) else None

    async def close(self) -> None:
        await self.client.close()


def _is_direct(info: Any, me: str) -> bool:
    """Return whether an invite is to a direct chat (``is_direct`` on our own membership event)."""
    for event in getattr(info, "invite_state", []):
        content = getattr(event, "content", None) or {}
        if getattr(event, "state_key", None) == me and isinstance(content, dict) and content.get("is_direct"):
            return True
    return False


def _inviter(info: Any) -> str:
    for event in getattr(info, "invite_state", []):
        if getattr(event, "membership", None) == "invite" or type(event).__name__.startswith("Invite"):
            return str(getattr(event, "sender", ""))
    return ""


def _retry_after(header: str | None, body: dict[str, Any]) -> float:
    """Return seconds to wait from a 429: ``Retry-After`` (seconds) first, then ``retry_after_ms``."""
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            pass
    ms = body.get("retry_after_ms")
    return max(0.0, ms / 1000) if isinstance(ms, int | float) else 1.0
