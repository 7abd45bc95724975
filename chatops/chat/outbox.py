"""The outbox sender: every queued message is sent once, in order per room, with our own transaction ids.

A row waits for the row it threads under or edits to be sent (its event id is not known before). A
429 is honoured without counting as a failure; other transient errors back off exponentially and are
retried for up to two days (a homeserver that is down for a while delivers everything when it is back);
a permanent refusal (403, 400) marks the row failed so it never blocks its room. Anything else that goes
wrong with a row (a bug, a transport that raises) fails that row alone: its attempts and error are
recorded, it backs off, and after ``MAX_ATTEMPTS`` it is marked failed, for the operator to see and retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from chatops.chat.transport import Media, Poll, Say, Transport
from chatops.chat.transport.matrix_wire import from_stored
from chatops.tickets.store import OutboxRow, Store

log = logging.getLogger(__name__)
GIVE_UP_AFTER = 2 * 86400.0
MAX_BACKOFF = 30.0
MAX_ATTEMPTS = 12  # a row that fails this often for reasons other than an outage is given up
AFTER_WAIT = 3.0  # seconds a row waits at most for the row it comes after (another room's) to be sent
CLAIM_HOLD = 20.0  # seconds a worker's claim on outbox rows keeps other workers off them (as long as a room's lease)
BLOCKED_WAIT = 0.5  # seconds a room waits before looking again when another worker's claim holds its first row
SEND_WITHIN = 10.0  # a row is sent only in the first seconds of its claim; later the rows are claimed again first
BATCH = 100  # rows a room's sender claims at a time


def waits_for_another(row: OutboxRow, now: float, just_sent: dict[int, str] | None = None) -> bool:
    """Return whether ``row`` still waits for the row it comes after (pending, and not for long yet)."""
    after = row.message.after
    return (after is not None and row.refs.get("after_state") == "pending" and not (just_sent and after in just_sent)
            and now - _age_start(row) < AFTER_WAIT)


def to_say(row: OutboxRow, just_sent: dict[int, str] | None = None) -> Say | None:
    """Return what to send for ``row``, its thread or edit resolved to event ids, or ``None`` to wait for the
    row it threads under or edits. ``just_sent`` maps outbox ids sent since ``row`` was read to event ids."""
    msg, refs = row.message, dict(row.refs)
    for key, ref in (("edit", msg.edit_of), ("thread", msg.thread_of)):
        if ref is not None and refs.get(key) is None and just_sent and ref in just_sent:
            refs[key] = just_sent[ref]
    lines, mentions, reply_to = from_stored(msg.content)
    if isinstance(msg.content.get("poll"), dict):  # a poll or a poll's end: a room event of its own
        p = msg.content["poll"]
        answers = tuple((a, t) for a, t in p.get("answers", ()))
        return Say(lines, poll=Poll(p.get("question", ""), answers, p.get("ends")))
    if msg.edit_of is not None:
        if refs.get("edit") is None:
            return None
        return Say(lines, mentions, edit_of=refs["edit"])
    root = msg.thread_root
    if msg.thread_of is not None:
        if refs.get("thread") is None and refs.get("thread_state") != "failed":
            return None
        root = refs.get("thread")
    media = msg.content.get("media")
    picture = Media(media["url"], media.get("name", ""), media.get("mimetype", ""), media.get("size")) \
        if isinstance(media, dict) else None
    return Say(lines, mentions, thread_root=root, reply_to=reply_to, media=picture)


class Outbox:
    """Sends pending outbox rows; :meth:`wake` after queuing, :meth:`run` until stopped."""

    def __init__(self, store: Store, transport: Transport, *, clock: Callable[[], float] = time.time,
                 owns: Callable[[str], bool] = lambda room: True, worker: str | None = None) -> None:
        self.store, self.transport, self.clock = store, transport, clock
        self.owns = owns  # the rooms this process sends to (a worker sends only to the rooms it holds)
        self.worker = worker or "bot"  # who claims the rows it sends (a process started again takes its own back)
        self._wake = asyncio.Event()
        self._store_id: str | None = None
        self.sent = 0
        self.failures = 0
        self.beat: float | None = None  # when the loop last went round (for the operator's view)
        self._progress = asyncio.Event()  # set (and replaced) whenever a row is sent

    def wake(self) -> None:
        self._wake.set()

    async def revive(self) -> None:
        """The homeserver answers again (a sync got through): retry now what waits out an outage (not what a
        429 asked to wait for)."""
        async with self.store.write() as tx:
            if await tx.retry_now(self.clock()):
                self.wake()

    async def run(self, stop: asyncio.Event) -> None:
        """Send until ``stop`` is set: one sender per room with something due, so a busy room never holds
        up another; between rounds, sleep until woken or until the earliest retry is due."""
        senders: dict[str, asyncio.Task[None]] = {}
        try:
            while not stop.is_set():
                self._wake.clear()
                await self._ensure_store_id()
                for room in [r for r, task in senders.items() if task.done()]:
                    task = senders.pop(room)  # a sender that crashed says so here, before a new one starts
                    if not task.cancelled() and task.exception() is not None:
                        self.failures += 1
                        log.error("the sender of %s stopped: %r", room, task.exception(), exc_info=task.exception())
                for room, due in (await self.store.outbox_rooms()).items():
                    if due <= self.clock() and room not in senders and self.owns(room):
                        senders[room] = asyncio.create_task(self._drain(room), name=f"outbox {room}")
                        senders[room].add_done_callback(lambda _task: self._wake.set())  # look again when it stops
                self.beat = self.clock()
                # the rooms a sender is draining are its own business until it stops (it wakes this loop then)
                nxt = min((due for room, due in (await self.store.outbox_rooms()).items()
                           if self.owns(room) and room not in senders), default=None)
                pause = 30.0 if nxt is None else max(0.05, min(30.0, nxt - self.clock()))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=pause)
        finally:
            for task in senders.values():
                task.cancel()
            await asyncio.gather(*senders.values(), return_exceptions=True)

    async def _drain(self, room_id: str) -> None:
        """Send ``room_id``'s due rows in order until none is left or the next must wait a while."""
        first = True
        while True:
            progress = self._progress  # taken before reading: a row sent from now on wakes this room at once
            rows, send_by = await self._take(room_id)
            if not rows:
                if first:  # the room's first row is another worker's for a while yet: look again in a moment
                    await asyncio.sleep(BLOCKED_WAIT)
                return
            first = False
            wait = await self._send_room(rows, send_by)
            if wait is None:
                continue  # all sent: look for more
            if wait > 1.0:
                return  # the main loop starts this room again when the row is due
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(progress.wait(), timeout=wait)

    async def _take(self, room_id: str) -> tuple[list[OutboxRow], float]:
        """Claim ``room_id``'s rows this worker may send now (see :meth:`Store.take_outbox`); return them and the time
        they must be sent by (well inside the claim). Rows another worker claimed and did not finish are taken only
        once its claim ran out, and after the room's latest messages are read back: what it sent but could not mark
        as sent is marked now, not sent twice. If the room cannot be read back, nothing is taken (tried again on the
        next round)."""
        now = self.clock()
        if await self.store.outbox_handed_over(room_id, self.worker, now):
            try:
                seen = await self.transport.backlog(room_id, since=now - 3 * CLAIM_HOLD)
            except Exception as exc:
                log.warning("cannot read back %s before sending what another worker left (%s); later", room_id, exc)
                return [], now
            if adopted := await self.adopt(seen):
                log.info("outbox: %d row(s) another worker sent in %s were marked sent", adopted, room_id)
        return await self.store.take_outbox(self.worker, now, now + CLAIM_HOLD, room_id=room_id, limit=BATCH), \
            now + SEND_WITHIN

    async def _ensure_store_id(self) -> None:
        if self._store_id is None:
            self._store_id = await self.store.chat_state("store_id") or "0"

    async def wake_and_wait(self, task: asyncio.Task[None], stop: asyncio.Event, grace: float = 5.0) -> None:
        """Give the sender a moment to drain after ``stop``, then cancel it (what is left is sent next time)."""
        stop.set()
        self.wake()
        try:
            await asyncio.wait_for(task, timeout=grace)
        except (TimeoutError, asyncio.CancelledError):
            task.cancel()

    async def adopt(self, seen: list[Any]) -> int:
        """Mark as sent the pending rows another worker sent before it stopped: ``seen`` are a room's latest
        events, among them the bot's own messages with the outbox transaction id they were sent with (a
        transaction id is one device's: resending from this device would double the message). Return how
        many rows were adopted."""
        await self._ensure_store_id()
        prefix = f"w{self._store_id}."
        ours = {m.txn: m.event_id for m in seen if getattr(m, "txn", None) and str(m.txn).startswith(prefix)}
        adopted = 0
        async with self.store.write() as tx:
            for txn, event_id in ours.items():
                row = await tx.outbox_row(int(txn[len(prefix):])) if txn[len(prefix):].isdigit() else None
                if row is not None and row.state == "pending":
                    await tx.mark_sent(row.id, event_id)
                    adopted += 1
        return adopted

    async def flush(self) -> float:
        """Send what is due now, every room at once; return how long to wait before the next attempt (seconds).

        (The bot's :meth:`run` drains rooms independently; tests and tools call this.)
        """
        await self._ensure_store_id()
        taken = [await self._take(room) for room in await self.store.outbox_rooms() if self.owns(room)]
        if not any(rows for rows, _ in taken):
            return 30.0
        sent = self.sent
        waits = [w for w in await asyncio.gather(*(self._send_room(rows, by) for rows, by in taken if rows))
                 if w is not None]
        if self.sent > sent and any(waits_for_another(row, self.clock()) for rows, _ in taken for row in rows):
            return await self.flush()  # a row waited for one just sent: once more
        more = any(len(rows) >= BATCH for rows, _ in taken)
        return 0.0 if more else min(waits, default=30.0)

    async def _send_room(self, rows: list[OutboxRow], send_by: float) -> float | None:
        """Send one room's rows in order until ``send_by`` (while this worker's claim on them is young); stop at the
        first that must wait and return the wait (``None``: all sent; ``0``: claim them again first)."""
        just_sent: dict[int, str] = {}
        for row in rows:
            now = self.clock()
            if now > send_by:
                return 0.0
            if row.not_before > now:
                return row.not_before - now
            if waits_for_another(row, now, just_sent):
                return 0.2  # woken as soon as any row is sent (see _drain)
            say = to_say(row, just_sent)
            if say is None:
                if row.refs.get("edit_state") == "failed":
                    async with self.store.write() as tx:
                        await tx.mark_failed(row.id, "the message it edits was never sent")
                    continue
                return 0.2  # its thread root or edited message goes first (sent by this room's loop)
            try:
                result = await self.transport.send(row.message.room_id, say, f"w{self._store_id}.{row.id}")
            except Exception as exc:  # a bug or a transport that raises: this row alone, counted and delayed
                wait = await self._row_failed(row, now, f"{exc.__class__.__name__}: {exc}", exc)
                if wait is None:
                    continue
                return wait
            if result.event_id is not None:
                async with self.store.write() as tx:
                    await tx.mark_sent(row.id, result.event_id)
                just_sent[row.id] = result.event_id
                self.sent += 1
                self._progress.set()  # committed: a room waiting for this row reads it as sent
                self._progress = asyncio.Event()
                continue
            async with self.store.write() as tx:
                error = result.error or "unknown"
                if result.rate_limited:
                    await tx.mark_retry(row.id, now + (result.retry_after or 1.0), error, count=False)
                    return result.retry_after or 1.0
                if result.retry_after is not None and now - _age_start(row) < GIVE_UP_AFTER:
                    wait = min(MAX_BACKOFF, 0.5 * 2 ** min(row.attempts, 10))
                    await tx.mark_retry(row.id, now + wait, error)
                    log.warning("outbox %s: %s; retry in %.1fs", row.id, error, wait)
                    return wait
                await tx.mark_failed(row.id, error)
                log.error("outbox %s failed for good: %s", row.id, error)
        return None

    async def _row_failed(self, row: OutboxRow, now: float, error: str, exc: BaseException) -> float | None:
        """Record a row whose sending raised; return how long its room waits, or ``None`` (given up: go on)."""
        self.failures += 1
        async with self.store.write() as tx:
            if row.attempts + 1 >= MAX_ATTEMPTS or now - _age_start(row) >= GIVE_UP_AFTER:
                await tx.mark_failed(row.id, error[:500])
                log.error("outbox %s failed for good: %s", row.id, error, exc_info=exc)
                return None
            wait = min(MAX_BACKOFF, 0.5 * 2 ** min(row.attempts, 10))
            await tx.mark_retry(row.id, now + wait, error[:500])
        log.error("outbox %s could not be sent (%s); retry in %.1fs", row.id, error, wait, exc_info=exc)
        return wait


def _age_start(row: OutboxRow) -> float:
    try:
        return datetime.fromisoformat(row.created_at).replace(tzinfo=UTC).timestamp()
    except ValueError:
        return time.time()
