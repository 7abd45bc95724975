"""Helpers for the bot benchmarks: a throwaway Synapse, users, a raw relay client, percentiles, /proc readings."""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import os
import re
import shlex
import signal
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from nio import AsyncClient, AsyncClientConfig, LoginResponse, RoomCreateResponse, RoomPreset, SyncResponse

from chatops.chat.bot import Bot
from chatops.chat.transport.matrix import sync_filter
from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver, free_port, register_user

PASSWORD = "bench horse battery staple"
POLL_MS = 30_000  # the bot's long-poll (MatrixTransport's default); the relay uses the same
TIMELINE_LIMIT = 50  # the bot's default timeline limit; the relay uses the same sync filter




def stop_on_sigterm() -> None:
    """Make SIGTERM raise KeyboardInterrupt like Ctrl-C, so every ``finally`` (Synapse down) runs."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)


@contextlib.contextmanager
def running_homeserver(root: Path) -> Iterator[LocalHomeserver]:
    """Start a LocalHomeserver under ``root`` on a free port; stop it at the end, whatever happens."""
    hs = LocalHomeserver(root / "homeserver", port=free_port())
    t0 = time.perf_counter()
    try:
        st = hs.up()
        print(f"Synapse {st.version} on {hs.url} (pid {st.pid}), up in {time.perf_counter() - t0:.1f} s", flush=True)
        yield hs
    finally:
        if hs.down():
            print("Synapse stopped", flush=True)


def run_benchmark(prefix: str, run: Callable[[Any, Path, LocalHomeserver], Awaitable[int]], args: Any,
                  *banner: str) -> int:
    """Run ``run(args, tmp, homeserver)`` on a throwaway Synapse in a temp dir; return its exit status.

    Logging is quiet (nio's expected 404s too), SIGTERM and Ctrl-C stop it cleanly (status 130), and the
    command line, ``banner`` lines and the wall time are printed.
    """
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("nio.responses").setLevel(logging.ERROR)  # provisioning's alias look-ups (404) are noise
    stop_on_sigterm()
    print(f"$ {command_line()}")
    for line in banner:
        print(line, flush=True)
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix=prefix) as tmp, running_homeserver(Path(tmp)) as hs:
            status = asyncio.run(run(args, Path(tmp), hs))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(f"wall time {time.perf_counter() - t0:.1f} s")
    return status


def synapse_pid(hs: LocalHomeserver) -> int | None:
    return hs.status().pid


async def register_all(hs: LocalHomeserver, localparts: Iterable[str], *, concurrency: int = 8) -> list[str]:
    """Register every user (idempotent); return their user ids in order."""
    secret, sem = hs.registration_secret, asyncio.Semaphore(concurrency)

    async def one(name: str) -> str:
        async with sem:
            return await register_user(hs.url, secret, name, PASSWORD)

    return list(await asyncio.gather(*(one(n) for n in localparts)))


async def login(url: str, user_id: str) -> AsyncClient:
    """A plain nio client logged in with the bot's transport settings (no retries, no store, no encryption)."""
    config = AsyncClientConfig(max_limit_exceeded=0, max_timeouts=0, request_timeout=POLL_MS / 1000 + 30,
                               store_sync_tokens=False, encryption_enabled=False)
    client = AsyncClient(url, user_id, config=config)
    resp = await client.login(PASSWORD, device_name="bench")
    if not isinstance(resp, LoginResponse):
        await client.close()
        raise RuntimeError(f"{user_id} cannot log in: {resp}")
    return client


async def create_room(client: AsyncClient, name: str, invite: list[str], *, public: bool) -> str:
    """Create a room like provisioning does (shared history, no federation); return its id."""
    resp = await client.room_create(name=name, invite=invite, federate=False,
                                    preset=RoomPreset.public_chat if public else RoomPreset.private_chat,
                                    initial_state=[{"type": "m.room.history_visibility", "state_key": "",
                                                    "content": {"history_visibility": "shared"}}])
    if not isinstance(resp, RoomCreateResponse):
        raise RuntimeError(f"cannot create {name}: {resp}")
    return resp.room_id


def thread_to(root: str) -> dict[str, Any]:
    return {"rel_type": "m.thread", "event_id": root, "is_falling_back": True, "m.in_reply_to": {"event_id": root}}


@dataclass
class Relay:
    """The raw baseline: a plain nio client that syncs the residents' rooms and re-sends every message at once.

    ``route(room_id, body)`` names the room to forward to. With ``bot_pattern`` it sends what the bot sends
    for a report: a threaded notice under the message in its own room (the receipt) and the forward as an
    HTML notice that mentions ``mention`` (the card). Sends go out in order per destination room, rooms in
    parallel (as the bot's outbox does). No store, no rules. It records when a sync brought each event and
    when each forward was sent.
    """

    client: AsyncClient
    sources: set[str]
    route: Callable[[str, str], str]
    bot_pattern: bool = False
    mention: tuple[str, ...] = ()
    synced_at: dict[str, float] = field(default_factory=dict)  # event id -> when its sync returned
    sends: dict[str, tuple[float, float]] = field(default_factory=dict)  # event id -> forward (start, end)
    receipt_sends: dict[str, tuple[float, float]] = field(default_factory=dict)  # event id -> receipt (start, end)
    forwarded: int = 0
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._queues: dict[str, asyncio.Queue[tuple[str, dict[str, Any]]]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._txn = 0

    async def start(self) -> None:
        first = await self.client.sync(timeout=0, sync_filter=sync_filter(TIMELINE_LIMIT))
        if not isinstance(first, SyncResponse):
            raise RuntimeError(f"relay cannot sync: {first}")
        for room_id in first.rooms.invite:
            await self.client.join(room_id)
        self._tasks.append(asyncio.create_task(self._sync_loop(), name="relay-sync"))

    async def _sync_loop(self) -> None:
        flt = sync_filter(TIMELINE_LIMIT)
        loop = asyncio.get_running_loop()
        while True:
            try:
                resp = await self.client.sync(timeout=POLL_MS, sync_filter=flt, since=self.client.next_batch)
            except (OSError, TimeoutError) as exc:
                self.errors.append(f"sync: {exc!r}")
                await asyncio.sleep(0.5)
                continue
            if not isinstance(resp, SyncResponse):
                self.errors.append(f"sync: {resp}")
                await asyncio.sleep(0.5)
                continue
            now = loop.time()
            for room_id in resp.rooms.invite:
                await self.client.join(room_id)
            for room_id, room in resp.rooms.join.items():
                if room_id not in self.sources:
                    continue
                for ev in room.timeline.events:
                    raw = getattr(ev, "source", None)
                    if not isinstance(raw, dict) or raw.get("type") != "m.room.message":
                        continue
                    if raw.get("sender") == self.client.user_id:
                        continue
                    event_id, body = raw["event_id"], str((raw.get("content") or {}).get("body", ""))
                    self.synced_at[event_id] = now
                    forward: dict[str, Any] = {"msgtype": "m.notice", "body": body}
                    if self.bot_pattern:
                        self._put(room_id, "r" + event_id, {"msgtype": "m.notice", "body": f"收到：{body[:40]}",
                                                            "m.relates_to": thread_to(event_id)})
                        forward.update({"format": "org.matrix.custom.html", "formatted_body": html.escape(body),
                                        "m.mentions": {"user_ids": list(self.mention)}})
                    self._put(self.route(room_id, body), "f" + event_id, forward)

    def _put(self, room_id: str, key: str, content: dict[str, Any]) -> None:
        """Queue ``content`` for ``room_id``; ``key`` is "f" + the event id for a forward, "r" + it for a receipt."""
        if room_id not in self._queues:
            self._queues[room_id] = asyncio.Queue()
            self._tasks.append(asyncio.create_task(self._sender(room_id), name=f"relay-{room_id}"))
        self._queues[room_id].put_nowait((key, content))

    async def _sender(self, room_id: str) -> None:
        loop, queue = asyncio.get_running_loop(), self._queues[room_id]
        while True:
            key, content = await queue.get()
            self._txn += 1
            t0 = loop.time()
            try:
                resp = await self.client.room_send(room_id, "m.room.message", content, tx_id=f"relay.{self._txn}")
            except (OSError, TimeoutError) as exc:
                resp = exc
            if not hasattr(resp, "event_id"):
                self.errors.append(f"send to {room_id}: {resp}")
                continue
            if key.startswith("r"):
                self.receipt_sends[key[1:]] = (t0, loop.time())
            else:
                self.sends[key[1:]] = (t0, loop.time())
                self.forwarded += 1

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.client.close()


# ---- the bot's own timestamps ----

CARD_MARKER = re.compile(r"（([A-Z]\d{5})）")


@dataclass
class Marks:
    """What the bot did when (time.monotonic(), the event loop's clock, the same in every process)."""

    synced: dict[str, float] = field(default_factory=dict)  # incoming event id -> its sync returned
    handled: dict[str, tuple[float, float]] = field(default_factory=dict)  # event id -> handle start, end
    card: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # marker -> card PUTs (start, end)
    receipt: dict[str, tuple[float, float]] = field(default_factory=dict)  # event id -> receipt PUT start, end
    flushes: list[tuple[float, float, int]] = field(default_factory=list)  # outbox flush start, end, rows sent
    batches: int = 0
    empty_batches: int = 0


def tap(bot: Bot, marks: Marks) -> None:
    """Timestamp the bot's sync returns, handling, outbox flushes and sends (instance attributes only)."""
    transport, outbox = bot.transport, bot.outbox
    next_batch, handle, send, flush = transport.next_batch, bot.handle, transport.send, outbox.flush
    clock = time.monotonic

    async def timed_next_batch(since: str | None) -> Any:
        batch = await next_batch(since)
        now = clock()
        marks.batches += 1
        marks.empty_batches += not batch.events
        for ev in batch.events:
            marks.synced.setdefault(ev.event_id, now)
        return batch

    async def timed_handle(event: Any) -> None:
        t0 = clock()
        await handle(event)
        marks.handled[event.event_id] = (t0, clock())

    async def timed_send(room_id: str, say: Any, txn_id: str) -> Any:
        t0 = clock()
        result = await send(room_id, say, txn_id)
        span = (t0, clock())
        if say.thread_root is not None:
            marks.receipt[say.thread_root] = span
        elif (m := CARD_MARKER.search("\n".join(say.lines))) is not None:
            marks.card.setdefault(m.group(1), []).append(span)
        return result

    async def timed_flush() -> float:
        t0, before = clock(), outbox.sent
        wait = await flush()
        marks.flushes.append((t0, clock(), outbox.sent - before))
        return wait

    transport.next_batch = timed_next_batch  # type: ignore[method-assign]
    bot.handle = timed_handle  # type: ignore[method-assign]
    transport.send = timed_send  # type: ignore[method-assign]
    outbox.flush = timed_flush  # type: ignore[method-assign]


def traced_bot(out: str) -> None:
    """``whistle bot`` (settings from WHISTLE_*) with :func:`tap`; write the marks to ``out`` as JSON at the end."""
    from chatops.chat.runner import run_bot, stop_on_signals

    settings, marks = Settings.load(), Marks()

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        print(f"traced bot {settings.bot_user} on {settings.homeserver}", flush=True)
        bot = await run_bot(settings, stop, started=lambda b: tap(b, marks))
        print(f"traced bot stopped: handled {bot.handled} events, sent {bot.outbox.sent} messages", flush=True)

    asyncio.run(main())
    Path(out).write_text(json.dumps(asdict(marks)), encoding="utf-8")


def load_marks(path: Path) -> Marks:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Marks(synced=data["synced"], handled={k: tuple(v) for k, v in data["handled"].items()},
                 card={k: [tuple(x) for x in v] for k, v in data["card"].items()},
                 receipt={k: tuple(v) for k, v in data["receipt"].items()},
                 flushes=[tuple(x) for x in data["flushes"]], batches=data["batches"],
                 empty_batches=data["empty_batches"])


# ---- figures ----


def pct(values: list[float], p: int) -> float:
    """The ``p``-th percentile (linear interpolation between closest ranks)."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def dist_ms(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/mean/max of seconds, in milliseconds."""
    ms = [v * 1000 for v in values]
    return {"n": len(ms), "p50": pct(ms, 50), "p95": pct(ms, 95), "p99": pct(ms, 99),
            "mean": statistics.fmean(ms) if ms else float("nan"), "max": max(ms) if ms else float("nan")}


def table(rows: list[list[str]], *, indent: str = "  ") -> str:
    """Aligned columns: the first left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
        out.append(indent + "  ".join(cells).rstrip())
    return "\n".join(out)


def command_line() -> str:
    """This script's command line as typed (interpreter relative to the cwd when it is inside it)."""
    exe = os.path.relpath(sys.executable) if sys.executable.startswith(os.getcwd()) else sys.executable
    return shlex.join([exe, *sys.argv])


# ---- /proc ----


def proc_status_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of ``pid`` in MiB ({} if it is gone)."""
    out: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    return out


def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU seconds of ``pid`` (this process if None); children not included."""
    if pid is None:
        t = os.times()
        return t.user + t.system
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all processes on this machine have used since boot (/proc/stat: everything but idle, iowait)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def count_by(items: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, int]:
    counts: dict[Any, int] = defaultdict(int)
    for item in items:
        counts[key(item)] += 1
    return counts
