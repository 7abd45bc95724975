"""People on a homeserver, for the demo community and the end-to-end tests: real Matrix users (nio
clients) who send messages and reactions and wait for what the bot says to them."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nio import AsyncClient, AsyncClientConfig, LoginResponse, SyncResponse

from chatops.chat.transport.matrix_wire import POLL_END, POLL_RESPONSE, POLL_START

SEEN_TYPES = ("m.room.message", POLL_START, POLL_END)


@dataclass(frozen=True)
class Seen:
    """A message event someone saw: room, id, sender, content and when it arrived (monotonic seconds)."""

    room_id: str
    event_id: str
    sender: str
    content: dict[str, Any]
    at: float
    type: str = "m.room.message"  # or a poll's start or end (MSC3381)

    @property
    def is_poll(self) -> bool:
        return self.type == POLL_START

    @property
    def body(self) -> str:
        return str(self.content.get("body", ""))

    @property
    def relation(self) -> dict[str, Any]:
        rel = self.content.get("m.relates_to")
        return rel if isinstance(rel, dict) else {}

    @property
    def thread_root(self) -> str | None:
        return self.relation.get("event_id") if self.relation.get("rel_type") == "m.thread" else None

    @property
    def edits(self) -> str | None:
        return self.relation.get("event_id") if self.relation.get("rel_type") == "m.replace" else None


class Person:
    """A logged-in Matrix user who syncs in the background and keeps every message it sees."""

    def __init__(self, client: AsyncClient) -> None:
        self.client = client
        self.user_id = client.user_id
        self.seen: list[Seen] = []
        self._changed = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self._txn = 0

    @classmethod
    async def login(cls, url: str, user_id: str, password: str) -> Person:
        """Return the person logged in and syncing (from now on: history before the login is skipped)."""
        client = AsyncClient(url, user_id, config=AsyncClientConfig(max_timeouts=None, store_sync_tokens=False))
        resp = await client.login(password, device_name="people")
        if not isinstance(resp, LoginResponse):
            await client.close()
            raise RuntimeError(f"{user_id} cannot log in: {resp}")
        person = cls(client)
        first = await client.sync(timeout=0, full_state=False)
        if isinstance(first, SyncResponse):
            for room_id in first.rooms.invite:
                await client.join(room_id)
        person._task = asyncio.create_task(person._sync_loop())
        return person

    async def _sync_loop(self) -> None:
        flt = {"room": {"timeline": {"limit": 100, "types": [*SEEN_TYPES, "m.reaction"]},
                        "state": {"lazy_load_members": True}}, "presence": {"types": []}}
        while True:
            try:
                resp = await self.client.sync(timeout=10_000, sync_filter=flt, since=self.client.next_batch)
            except (OSError, TimeoutError):
                await asyncio.sleep(0.5)
                continue
            if not isinstance(resp, SyncResponse):
                await asyncio.sleep(0.5)
                continue
            now = asyncio.get_running_loop().time()
            for room_id in resp.rooms.invite:
                await self.client.join(room_id)
            fresh = [Seen(room_id, e.source["event_id"], e.source.get("sender", ""), e.source.get("content") or {}, now,
                          e.source["type"])
                     for room_id, room in resp.rooms.join.items() for e in room.timeline.events
                     if isinstance(getattr(e, "source", None), dict) and e.source.get("type") in SEEN_TYPES]
            if fresh:
                async with self._changed:
                    self.seen.extend(fresh)
                    self._changed.notify_all()

    async def join(self, room: str) -> str:
        """Join a room by id or alias; return its id."""
        resp = await self.client.join(room)
        if not hasattr(resp, "room_id"):
            raise RuntimeError(f"{self.user_id} cannot join {room}: {resp}")
        return str(resp.room_id)

    async def say(self, room_id: str, body: str, *, thread_root: str | None = None,
                  extra: dict[str, Any] | None = None) -> str:
        """Send a text message (in a thread if given); return its event id."""
        content: dict[str, Any] = {"msgtype": "m.text", "body": body, **(extra or {})}
        if thread_root:
            content["m.relates_to"] = {"rel_type": "m.thread", "event_id": thread_root, "is_falling_back": True,
                                       "m.in_reply_to": {"event_id": thread_root}}
        return await self._send(room_id, "m.room.message", content)

    async def picture(self, room_id: str, data: bytes, name: str, *, thread_root: str | None = None,
                      mimetype: str = "image/png") -> tuple[str, str]:
        """Upload ``data`` and send it as a picture (in a thread if given), as a client's attach button does;
        return ``(event id, content URI)``."""
        resp, _ = await self.client.upload(io.BytesIO(data), content_type=mimetype, filename=name,
                                           filesize=len(data))
        url = getattr(resp, "content_uri", None)
        if not isinstance(url, str):
            raise RuntimeError(f"{self.user_id} cannot upload {name}: {resp}")
        content: dict[str, Any] = {"msgtype": "m.image", "body": name, "url": url,
                                   "info": {"mimetype": mimetype, "size": len(data)}}
        if thread_root:
            content["m.relates_to"] = {"rel_type": "m.thread", "event_id": thread_root, "is_falling_back": True,
                                       "m.in_reply_to": {"event_id": thread_root}}
        return await self._send(room_id, "m.room.message", content), url

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        """React to ``event_id`` with ``key``; return the reaction's event id."""
        return await self._send(room_id, "m.reaction",
                                {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}})

    async def direct_chat(self, user_id: str) -> str:
        """Open a direct chat with ``user_id`` as a client's "message" button does; return the room id."""
        resp = await self.client.room_create(is_direct=True, invite=[user_id])
        if not hasattr(resp, "room_id"):
            raise RuntimeError(f"{self.user_id} cannot open a direct chat with {user_id}: {resp}")
        return str(resp.room_id)

    async def vote(self, room_id: str, poll: str, answer: str) -> str:
        """Answer poll ``poll`` as Element does (MSC3381); return the answer's event id."""
        return await self._send(room_id, POLL_RESPONSE, {
            "m.relates_to": {"rel_type": "m.reference", "event_id": poll}, POLL_RESPONSE: {"answers": [answer]}})

    async def redact(self, room_id: str, event_id: str) -> str:
        """Delete ``event_id`` (a message or reaction of one's own); return the redaction's event id."""
        self._txn += 1
        resp = await self.client.room_redact(room_id, event_id, tx_id=f"p{id(self)}.{self._txn}")
        if not hasattr(resp, "event_id"):
            raise RuntimeError(f"{self.user_id} cannot redact in {room_id}: {resp}")
        return str(resp.event_id)

    async def _send(self, room_id: str, kind: str, content: dict[str, Any]) -> str:
        self._txn += 1
        resp = await self.client.room_send(room_id, kind, content, tx_id=f"p{id(self)}.{self._txn}")
        if not hasattr(resp, "event_id"):
            raise RuntimeError(f"{self.user_id} cannot send to {room_id}: {resp}")
        return str(resp.event_id)

    async def wait_for(self, predicate: Callable[[Seen], bool], *, timeout: float = 30.0) -> Seen:
        """Return the first message seen (already or later) that satisfies ``predicate``."""
        async with self._changed:
            async with asyncio.timeout(timeout):
                while True:
                    for s in self.seen:
                        if predicate(s):
                            return s
                    await self._changed.wait()

    def notices(self, room_id: str, sender: str | None = None) -> list[Seen]:
        """Return the ``m.notice`` messages seen in ``room_id`` (from ``sender`` if given)."""
        return [s for s in self.seen if s.room_id == room_id and s.content.get("msgtype") == "m.notice"
                and (sender is None or s.sender == sender)]

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.client.close()
