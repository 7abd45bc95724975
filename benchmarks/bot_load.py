"""Bot under load on a real Synapse: many residents report at once; nothing lost, nothing doubled, how fast.

One throwaway Synapse (free port, temp dir). The rulebook is rules/default.yaml with its grids replaced by
--rooms grids (the 3 real ones first, then synthetic ones), so there are --rooms residents' rooms; it is
written to the temp dir and provisioned with the prefix ``load``. One staff member sits in every handler
room. --residents residents (nio clients, chatops.local.people.Person) are spread evenly over the residents'
rooms and send --reports reports in all (synthetic, from the rulebook's own keywords, seeded), each its
share one after another with seeded random pauses of 0..--pause s, all residents at once.

The bot runs as a subprocess (``python -m chatops.cli bot`` with WHISTLE_* settings), so its memory
(/proc/PID/status VmRSS, VmHWM) and CPU time are its own, not the clients'.

Checks for the bot: one ticket per report in the store; exactly one receipt per report seen by its
reporter, threaded to the report; exactly one card per ticket and holder (lead and co-handlers) seen in the
handler rooms. Lost and doubled must be 0.

Raw baseline, same pattern: the same residents send the same messages with the same pauses into a second set
of rooms, where a plain nio relay (no store, no rules; the bot's sync filter and 30 s long-poll) answers each
with a threaded receipt and forwards it into one of as many handler rooms as the rulebook has handlers
(report number modulo that count), as an HTML notice mentioning the staff member: one receipt and one card
per report, as the bot sends for a report with a single holder. Throughput = reports / (first send -> last
card seen). Phases run one after another: --order (default raw,bot,raw), each after a warm-up report per room.

    .venv/bin/python benchmarks/bot_load.py [--reports 1000] [--residents 100] [--rooms 20] [--pause 1.0]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import peak_rss_mb, synthetic_reports
from _matrix import (
    PASSWORD,
    POLL_MS,
    Marks,
    Relay,
    cpu_seconds,
    create_room,
    dist_ms,
    load_marks,
    login,
    machine_busy_seconds,
    proc_status_mb,
    register_all,
    run_benchmark,
    synapse_pid,
    table,
)
from nio import MessageDirection, RoomMessagesResponse

from chatops.chat.runner import provision_rooms
from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver
from chatops.local.people import Person, Seen
from chatops.tickets.store import Store
from rules import DEFAULT_RULEBOOK, Rulebook, load_rulebook

REPO = Path(__file__).resolve().parents[1]
PREFIX = "load"
MARKER = re.compile(r"（([A-Z])(\d{5})）")
ESTATES = ["春晖园", "秋实苑", "翠竹苑", "金桂园", "银杏里", "丹枫苑", "青松苑", "玉兰园", "海棠苑", "紫荆园",
           "芙蓉里", "梧桐苑", "樱花园", "百合苑", "书香苑", "锦绣园", "阳光里"]
CN_DIGITS = "零一二三四五六七八九十"


# ---- setup ----


def load_rulebook_with_grids(path: Path, grids: int) -> Rulebook:
    """Write rules/default.yaml with ``grids`` grids (its own 3 first) to ``path``; return it loaded."""
    data = yaml.safe_load(Path(DEFAULT_RULEBOOK).read_text(encoding="utf-8"))
    own = list(data.get("grids") or [])[:grids]
    for n in range(len(own) + 1, grids + 1):
        name = ESTATES[n - len(own) - 1] if n - len(own) - 1 < len(ESTATES) else f"新苑{n}期"
        own.append({"id": f"grid{n}", "name": f"第{_cn(n)}网格",
                    "estates": [{"id": f"estate{n}", "name": name, "buildings": ["1", "2", "3", "4"]}]})
    data["grids"] = own
    data["duplicates"] = {"enabled": False}  # every report a ticket of its own: lost or doubled ones show
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_rulebook(path)


def _cn(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[ones] if ones else "")


@dataclass
class BotProcess:
    """``python -m chatops.cli bot`` with WHISTLE_* settings; stdout and stderr into a file."""

    settings: Settings
    log_path: Path
    trace: Path | None = None  # run _matrix.traced_bot instead, its timestamps into this file
    proc: subprocess.Popen[bytes] | None = None

    @property
    def argv(self) -> list[str]:
        if self.trace is None:
            return [sys.executable, "-m", "chatops.cli", "bot"]
        code = "import sys; sys.path.insert(0, 'benchmarks'); from _matrix import traced_bot; traced_bot(sys.argv[1])"
        return [sys.executable, "-c", code, str(self.trace)]

    @property
    def command(self) -> str:
        env = " ".join(f"{k}={shlex.quote(v if k != 'WHISTLE_BOT_PASSWORD' else '***')}"
                       for k, v in self._env().items())
        return f"{env} {shlex.join([os.path.relpath(self.argv[0]), *self.argv[1:]])}"

    def _env(self) -> dict[str, str]:
        s = self.settings
        return {"WHISTLE_HOMESERVER": s.homeserver, "WHISTLE_BOT_USER": s.bot_user,
                "WHISTLE_BOT_PASSWORD": s.bot_password or "", "WHISTLE_STORE": str(s.store),
                "WHISTLE_VAR": str(s.var), "WHISTLE_RULEBOOK": str(s.rulebook), "WHISTLE_ROOM_PREFIX": s.room_prefix}

    def start(self) -> int:
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(self.argv, cwd=REPO,
                                         env={**os.environ, **self._env()}, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=subprocess.STDOUT)
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, grace: float = 30.0) -> int | None:
        """SIGTERM (the bot stops cleanly), SIGKILL after ``grace`` s; return the exit status."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def output(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""


# ---- one phase ----


@dataclass
class Sent:
    index: int
    reporter: Person
    room_id: str
    event_id: str
    at: float


@dataclass
class Watch:
    """What the people saw from ``sender`` since ``start``: receipts by thread root, cards by marker."""

    sender: str
    letter: str
    people: list[Person]
    staff: Person
    handler_rooms: set[str]
    receipts: dict[str, list[tuple[str, float]]] = field(default_factory=lambda: defaultdict(list))
    cards: dict[int, list[tuple[str, float]]] = field(default_factory=lambda: defaultdict(list))
    other: int = 0  # anything else the sender said
    last: float = 0.0  # when the last of it was seen

    def __post_init__(self) -> None:
        self._cursor = {id(p): len(p.seen) for p in (*self.people, self.staff)}

    def _new(self, person: Person) -> list[Seen]:
        start = self._cursor[id(person)]
        self._cursor[id(person)] = len(person.seen)
        return [s for s in person.seen[start:] if s.sender == self.sender]

    def poll(self) -> None:
        for p in self.people:
            for s in self._new(p):
                if s.thread_root is not None and s.room_id not in self.handler_rooms:
                    self.receipts[s.thread_root].append((p.user_id, s.at))  # by whoever saw it; filtered later
                    self.last = max(self.last, s.at)
        for s in self._new(self.staff):
            m = MARKER.search(s.body)
            if s.room_id in self.handler_rooms and not s.relation and m and m.group(1) == self.letter:
                self.cards[int(m.group(2))].append((s.room_id, s.at))
            else:
                self.other += 1
            self.last = max(self.last, s.at)


@dataclass
class PhaseResult:
    name: str
    sent: list[Sent]
    watch: Watch
    first_send: float
    last_send: float
    done_at: float | None  # when every report had its receipt and a card (None: timed out)
    cpu: dict[str, float]
    rss: list[float] = field(default_factory=list)
    checks: dict[str, Any] = field(default_factory=dict)
    problems: int = 0  # lost + doubled + misplaced, seen and on the server, plus tickets missing or doubled


async def send_all(rooms_of: dict[str, str], residents: list[Person], texts: list[str], letter: str,
                   pause: float, seed: int) -> list[Sent]:
    """Each resident sends its share (report i goes to resident i % len) with seeded pauses, all at once."""
    loop = asyncio.get_running_loop()
    sent: list[Sent] = []

    async def resident(j: int, person: Person) -> None:
        rng = Random(seed * 100_003 + j)
        room = rooms_of[person.user_id]
        for i in range(j, len(texts), len(residents)):
            await asyncio.sleep(rng.uniform(0, pause))
            at = loop.time()
            eid = await person.say(room, f"{texts[i]}（{letter}{i:05d}）")
            sent.append(Sent(i, person, room, eid, at))

    await asyncio.gather(*(resident(j, p) for j, p in enumerate(residents)))
    return sent


async def wait_done(watch: Watch, sent: list[Sent], *, timeout: float, quiet: float) -> float | None:
    """Poll until every report has a receipt seen by its reporter and a card; then ``quiet`` s more."""
    loop = asyncio.get_running_loop()
    deadline, done_at = loop.time() + timeout, None
    while loop.time() < deadline:
        await asyncio.sleep(0.1)
        watch.poll()
        if all(watch.cards.get(s.index) and any(u == s.reporter.user_id for u, _ in watch.receipts.get(s.event_id, ()))
               for s in sent):
            done_at = loop.time()
            break
    t_quiet = loop.time()
    while loop.time() < t_quiet + quiet:  # late doubles and co-handlers' cards
        await asyncio.sleep(0.1)
        watch.poll()
    return done_at


async def warm_up(rooms: list[str], residents_of: dict[str, list[Person]], watch: Watch, letter: str,
                  timeout: float) -> None:
    """One report per residents' room, and wait for each one's receipt and card (proves the bot is ready)."""
    sent = []
    for n, room in enumerate(rooms):
        person = residents_of[room][0]
        eid = await person.say(room, f"安居苑1号楼楼上漏水了（{letter}{90000 + n:05d}）")
        sent.append(Sent(90000 + n, person, room, eid, 0.0))
    if await wait_done(watch, sent, timeout=timeout, quiet=0.5) is None:
        raise RuntimeError(f"warm-up {letter}: not every report was answered within {timeout} s")


# ---- checks ----


async def history(client: Any, room_id: str) -> list[dict[str, Any]]:
    """Every m.room.message in ``room_id`` as the server has it (paged back from now), oldest last."""
    out: list[dict[str, Any]] = []
    token = client.next_batch
    while True:
        resp = await client.room_messages(room_id, start=token, direction=MessageDirection.back, limit=100,
                                          message_filter={"types": ["m.room.message"]})
        if not isinstance(resp, RoomMessagesResponse):
            raise RuntimeError(f"cannot read {room_id}: {resp}")
        out += [e.source for e in resp.chunk if isinstance(getattr(e, "source", None), dict)]
        if not resp.chunk or not resp.end or resp.end == token:
            return out
        token = resp.end


async def on_server(res: PhaseResult, reader_of: dict[str, Any]) -> tuple[dict[str, int], dict[int, list[str]]]:
    """Receipts per report event id and cards per report index, counted in the rooms' history on the server."""
    w = res.watch
    receipts: dict[str, int] = defaultdict(int)
    cards: dict[int, list[str]] = defaultdict(list)
    for room_id, client in reader_of.items():
        for raw in await history(client, room_id):
            if raw.get("sender") != w.sender:
                continue
            content = raw.get("content") or {}
            rel = content.get("m.relates_to") or {}
            m = MARKER.search(str(content.get("body", "")))
            if room_id in w.handler_rooms:
                if not rel and m and m.group(1) == w.letter:
                    cards[int(m.group(2))].append(room_id)
            elif rel.get("rel_type") == "m.thread":
                receipts[rel.get("event_id", "")] += 1
    return receipts, cards


def count_problems(sent: list[Sent], receipts: dict[str, int], cards: dict[int, list[str]],
                   expected: dict[int, list[str]] | None) -> dict[str, int]:
    """Lost and doubled receipts and cards; ``expected``: report index -> handler rooms (None: one anywhere)."""
    out = {"receipts": sum(receipts.get(s.event_id, 0) for s in sent),
           "receipts lost": sum(1 for s in sent if receipts.get(s.event_id, 0) == 0),
           "receipts doubled": sum(max(0, receipts.get(s.event_id, 0) - 1) for s in sent),
           "cards": 0, "cards lost": 0, "cards doubled": 0, "cards in a wrong room": 0}
    for s in sent:
        got = cards.get(s.index, [])
        out["cards"] += len(got)
        rooms: dict[str, int] = defaultdict(int)
        for room in got:
            rooms[room] += 1
        want = expected[s.index] if expected is not None else None
        if want is None:
            out["cards lost"] += not got
            out["cards doubled"] += max(0, len(got) - 1)
            continue
        out["cards lost"] += sum(1 for r in want if rooms.get(r, 0) == 0)
        out["cards doubled"] += sum(n - 1 for r, n in rooms.items() if r in want and n > 1)
        out["cards in a wrong room"] += sum(n for r, n in rooms.items() if r not in want)
    return out


def check(res: PhaseResult, expected: dict[int, list[str]] | None,
          server: tuple[dict[str, int], dict[int, list[str]]]) -> dict[str, Any]:
    """The phase's counts as the people's syncs saw them and as the server has them."""
    w = res.watch
    seen_receipts = {s.event_id: sum(1 for u, _ in w.receipts.get(s.event_id, ()) if u == s.reporter.user_id)
                     for s in res.sent}
    seen_cards = {i: [room for room, _ in got] for i, got in w.cards.items()}
    synced = count_problems(res.sent, seen_receipts, seen_cards, expected)
    stored = count_problems(res.sent, *server, expected)
    out: dict[str, Any] = {}
    for k in synced:
        out[f"{k} (seen / on server)"] = f"{synced[k]} / {stored[k]}"
        res.problems += (synced[k] + stored[k]) if k != "receipts" and k != "cards" else 0
    out["other messages from it seen by staff"] = w.other
    return out


def figures(res: PhaseResult) -> dict[str, float]:
    w = res.watch
    firsts = {s.index: min(at for _, at in w.cards[s.index]) for s in res.sent if w.cards.get(s.index)}
    last_card = max((at for s in res.sent for _, at in w.cards.get(s.index, ())), default=float("nan"))
    own = {s.index: [at for u, at in w.receipts.get(s.event_id, ()) if u == s.reporter.user_id] for s in res.sent}
    last_receipt = max((at for ats in own.values() for at in ats), default=float("nan"))
    n = len(res.sent)
    return {
        "reports": n, "send span s": res.last_send - res.first_send,
        "to last card s": last_card - res.first_send, "to last receipt s": last_receipt - res.first_send,
        "reports/s": n / (last_card - res.first_send),
        "offered reports/s": n / (res.last_send - res.first_send),
        "card": dist_ms([firsts[s.index] - s.at for s in res.sent if s.index in firsts]),
        "receipt": dist_ms([min(own[s.index]) - s.at for s in res.sent if own[s.index]]),
    }


# ---- the run ----


async def run(args: argparse.Namespace, root: Path, hs: LocalHomeserver) -> int:
    t_setup = time.perf_counter()
    book = load_rulebook_with_grids(root / "load-rulebook.yaml", args.rooms)
    grids = [g.id for g in book.grids]
    names = ["whistle", "staff", "relay", *(f"r{j:03d}" for j in range(args.residents))]
    bot_user, staff_user, relay_user, *resident_users = await register_all(hs, names)
    settings = Settings(homeserver=hs.url, bot_user=bot_user, var=root / "var", store=root / "var" / "whistle.sqlite",
                        rulebook=root / "load-rulebook.yaml", bot_password=PASSWORD, room_prefix=PREFIX)
    by_grid: dict[str, list[str]] = defaultdict(list)
    for j, u in enumerate(resident_users):
        by_grid[grids[j % len(grids)]].append(u)
    rooms = await provision_rooms(settings, staff={h.id: [staff_user] for h in book.handlers}, residents=by_grid)
    handler_room = {r.ref: r.room_id for r in rooms if r.kind == "handler"}
    grid_room = {r.ref: r.room_id for r in rooms if r.kind == "community" and r.ref}
    relay_client = await login(hs.url, relay_user)
    raw_grid = {g: await create_room(relay_client, f"raw {g}", by_grid[g], public=True) for g in grids}
    raw_handlers = [await create_room(relay_client, f"raw handler {k}", [staff_user], public=False)
                    for k in range(len(book.handlers))]
    print(f"setup: rulebook {len(book.handlers)} handlers, {len(book.categories)} categories, {len(grids)} grids; "
          f"{len(rooms)} bot rooms + {len(raw_grid) + len(raw_handlers)} raw rooms; {args.residents} residents",
          flush=True)

    people: list[Person] = []
    sem = asyncio.Semaphore(10)

    async def person(u: str) -> Person:
        async with sem:
            p = await Person.login(hs.url, u, PASSWORD)
            people.append(p)
            return p

    def route(_room: str, body: str) -> str:
        m = MARKER.search(body)
        return raw_handlers[(int(m.group(2)) if m else 0) % len(raw_handlers)]

    relay = Relay(relay_client, set(raw_grid.values()), route, bot_pattern=True, mention=(staff_user,))
    bot = BotProcess(settings, root / "bot.out", trace=root / "bot-trace.json" if args.trace else None)
    spid = synapse_pid(hs)
    try:
        residents = list(await asyncio.gather(*(person(u) for u in resident_users)))
        staff = await person(staff_user)
        by_user = {p.user_id: p for p in residents}
        await relay.start()
        bot_pid = bot.start()
        print(f"bot: {bot.command}  (pid {bot_pid})")
        first = grid_room[grids[0]]
        probe = Watch(bot_user, "Z", residents, staff, set(handler_room.values()))
        await warm_up([first], {first: [by_user[by_grid[grids[0]][0]]]}, probe, "Z", args.timeout)
        rss_marks = {"ready (after one report)": proc_status_mb(bot_pid)}
        print(f"people logged in, bot answering; setup {time.perf_counter() - t_setup:.1f} s", flush=True)

        texts = synthetic_reports(book, args.reports, seed=args.seed)
        kinds = {"bot": (bot_user, grid_room, set(handler_room.values())),
                 "raw": (relay_user, raw_grid, set(raw_handlers))}
        results: list[PhaseResult] = []
        for n, kind in enumerate(args.order):
            letter = "ABCDEFGHIJ"[n]
            sender, room_of_grid, out_rooms = kinds[kind]
            rooms_of = {u: room_of_grid[grids[j % len(grids)]] for j, u in enumerate(resident_users)}
            residents_of: dict[str, list[Person]] = defaultdict(list)
            for u, r in rooms_of.items():
                residents_of[r].append(by_user[u])
            warm = Watch(sender, letter, residents, staff, out_rooms)
            await warm_up(list(room_of_grid.values()), residents_of, warm, letter, args.timeout)
            if kind == "bot":
                rss_marks[f"phase {n + 1} start (after its warm-up)"] = proc_status_mb(bot_pid)
            watch = Watch(sender, letter, residents, staff, out_rooms)
            cpu0 = {"synapse": cpu_seconds(spid) if spid else float("nan"), "bot": cpu_seconds(bot_pid),
                    "bench (people, relay)": cpu_seconds(), "machine": machine_busy_seconds()}
            rss: list[float] = []

            async def sample(rss: list[float] = rss) -> None:
                while True:
                    rss.append(proc_status_mb(bot_pid).get("VmRSS", float("nan")))
                    await asyncio.sleep(0.25)

            sampler = asyncio.create_task(sample())
            print(f"phase {n + 1} ({kind}): sending {args.reports} reports ...", flush=True)
            t0 = time.perf_counter()
            try:
                sent = await send_all(rooms_of, residents, texts, letter, args.pause, args.seed)
                done = await wait_done(watch, sent, timeout=args.timeout, quiet=args.quiet)
            finally:
                sampler.cancel()
            cpu1 = {"synapse": cpu_seconds(spid) if spid else float("nan"), "bot": cpu_seconds(bot_pid),
                    "bench (people, relay)": cpu_seconds(), "machine": machine_busy_seconds()}
            cpu = {k: cpu1[k] - v for k, v in cpu0.items()}
            cpu["other processes"] = cpu.pop("machine") - sum(cpu.values())
            cpu["phase wall s"] = time.perf_counter() - t0
            res = PhaseResult(kind, sent, watch, min(s.at for s in sent), max(s.at for s in sent), done, cpu, rss)
            expected = None
            if kind == "bot":
                rss_marks[f"end of phase {n + 1}"] = proc_status_mb(bot_pid)
                expected = await bot_checks(settings, res, handler_room)
            readers = {r: residents_of[r][0].client for r in room_of_grid.values()}
            readers.update(dict.fromkeys(out_rooms, staff.client))
            res.checks.update(check(res, expected, await on_server(res, readers)))
            results.append(res)
            print(f"  phase {n + 1} ({kind}) done in {time.perf_counter() - t0:.1f} s"
                  + ("" if done else f" -- TIMED OUT after {args.timeout} s"), flush=True)
            if not bot.alive():
                raise RuntimeError(f"the bot exited:\n{bot.output()[-3000:]}")
        print_report(args, results, rss_marks, bot_pid, relay)
        if args.trace:
            bot.stop()
            print_breakdown(results, load_marks(root / "bot-trace.json"), relay)
        return 1 if any(r.done_at is None or r.problems for r in results) else 0
    finally:
        status = bot.stop()
        if bot.proc is not None:
            lines = bot.output().splitlines()
            noise = [ln for ln in lines if " WARNING " in ln or " ERROR " in ln or "Traceback" in ln]
            print(f"bot exited with {status}: {lines[-1] if lines else ''}; {len(noise)} warnings/errors logged"
                  + "".join(f"\n    {ln[:200]}" for ln in noise[:5]))
        await relay.close()
        for p in people:
            await p.close()


async def bot_checks(settings: Settings, res: PhaseResult, handler_room: dict[str, str]) -> dict[int, list[str]]:
    """Count the phase's tickets in the store (the bot keeps running; WAL lets us read); return expected cards."""
    store = await Store.open(settings.store)
    try:
        expected: dict[int, list[str]] = {}
        missing = 0
        for s in res.sent:
            t = await store.ticket_by_source(f"matrix:{s.event_id}")
            if t is None:
                missing += 1
                expected[s.index] = []
                continue
            expected[s.index] = [handler_room[h] for h in t.handlers if h in handler_room]
        async with store.db.execute("SELECT COUNT(*), COUNT(DISTINCT source) FROM tickets") as cur:
            total, distinct = await cur.fetchone()
        outbox = await store.outbox_counts()
    finally:
        await store.close()
    res.problems += missing + total - distinct
    res.checks.update({"tickets for the reports": len(res.sent) - missing, "tickets missing": missing,
                       "tickets in store (all phases, warm-ups too)": total,
                       "tickets doubled (same source)": total - distinct,
                       "outbox": ", ".join(f"{k} {v}" for k, v in sorted(outbox.items()))})
    return expected


def print_report(args: argparse.Namespace, results: list[PhaseResult], rss_marks: dict[str, dict[str, float]],
                 bot_pid: int, relay: Relay) -> None:
    print(f"\n{args.reports} reports from {args.residents} residents in {args.rooms} rooms, pauses 0..{args.pause} s "
          f"(seed {args.seed}); phases in order: {', '.join(args.order)}")
    figs = [figures(r) for r in results]
    head = ["", *(f"{i + 1}: {r.name}" for i, r in enumerate(results))]
    rows = [head]

    def row(label: str, values: list[str]) -> None:
        rows.append([label, *values])

    row("offered load (reports/s, send span)",
        [f"{f['offered reports/s']:.1f} ({f['send span s']:.1f} s)" for f in figs])
    row("THROUGHPUT reports/s (first send -> last card)", [f"{f['reports/s']:.1f}" for f in figs])
    row("first send -> last card / last receipt (s)",
        [f"{f['to last card s']:.1f} / {f['to last receipt s']:.1f}" for f in figs])
    for what in ("card", "receipt"):
        row(f"send -> {what} seen p50/p95/p99 (ms)",
            [f"{f[what]['p50']:.0f} / {f[what]['p95']:.0f} / {f[what]['p99']:.0f}" for f in figs])
    keys = list(dict.fromkeys(k for r in results for k in r.checks))
    for k in keys:
        row(k, [str(r.checks.get(k, "-")) for r in results])
    row("phase wall s (incl. quiet period)", [f"{r.cpu['phase wall s']:.1f}" for r in results])
    for k in ("synapse", "bot", "bench (people, relay)", "other processes"):
        row(f"CPU s: {k}", [f"{r.cpu[k]:.1f}" if r.name == "bot" or k != "bot" else f"({r.cpu[k]:.1f} idle)"
                            for r in results])
    row("Synapse CPU ms per report", [f"{1000 * r.cpu['synapse'] / len(r.sent):.0f}" for r in results])
    print(table(rows))
    bot_tp = [f["reports/s"] for f, r in zip(figs, results, strict=True) if r.name == "bot"]
    raw_tp = [f["reports/s"] for f, r in zip(figs, results, strict=True) if r.name == "raw"]
    if bot_tp and raw_tp:
        raw_mean = sum(raw_tp) / len(raw_tp)
        print(f"  throughput bot / raw (mean of raw phases {raw_mean:.1f}/s): {bot_tp[0] / raw_mean:.2f}x")

    print("\nbot process memory (MiB; /proc/PID/status):")
    rows = [["when", "VmRSS", "VmHWM"]]
    for label, st in rss_marks.items():
        rows.append([label, f"{st.get('VmRSS', float('nan')):.1f}", f"{st.get('VmHWM', float('nan')):.1f}"])
    for i, r in enumerate(results):
        if r.name == "bot" and r.rss:
            rows.append([f"during phase {i + 1}: max / mean of {len(r.rss)} samples",
                         f"{max(r.rss):.1f}", f"mean {sum(r.rss) / len(r.rss):.1f}"])
    end = proc_status_mb(bot_pid)
    rows.append(["end of run", f"{end.get('VmRSS', float('nan')):.1f}", f"{end.get('VmHWM', float('nan')):.1f}"])
    print(table(rows))
    print(f"  bench process (people, relay) peak RSS {peak_rss_mb():.0f} MiB; relay errors {len(relay.errors)}; "
          f"long-poll: bot and relay {POLL_MS // 1000} s, Persons 10 s; {os.cpu_count()} CPUs, "
          f"load average now {os.getloadavg()[0]:.2f}")


def print_breakdown(results: list[PhaseResult], marks: Marks, relay: Relay) -> None:
    """Per report, where the time went (ms, p50 / p95): the bot's own timestamps, and the relay's."""
    rows = [["stage per report (ms, mean / p50 / p95)", *(f"{i + 1}: {r.name}" for i, r in enumerate(results))]]
    starts = sorted(a for a, _, _ in marks.flushes)

    def flush_start(t: float) -> float:
        """Start of the last outbox flush that began at or before ``t`` (the one that sent a PUT at ``t``)."""
        k = bisect.bisect_right(starts, t)
        return starts[k - 1] if k else t
    stages: list[dict[str, list[float]]] = []
    for r in results:
        acc: dict[str, list[float]] = defaultdict(list)
        firsts = {i: min(at for _, at in got) for i, got in r.watch.cards.items() if got}
        for s in r.sent:
            if r.name == "bot":
                synced, handled = marks.synced.get(s.event_id), marks.handled.get(s.event_id)
                receipt = marks.receipt.get(s.event_id)
                cards = marks.card.get(f"{r.watch.letter}{s.index:05d}") or []
                card = min(cards) if cards else None
            else:
                synced, handled = relay.synced_at.get(s.event_id), None
                receipt, card = relay.receipt_sends.get(s.event_id), relay.sends.get(s.event_id)
            if synced is None or receipt is None or card is None or s.index not in firsts:
                acc["(incomplete)"].append(0)
                continue
            start = handled[1] if handled else synced
            acc["send -> bot/relay sync returns"].append(synced - s.at)
            if handled:
                acc["sync returned -> handle starts"].append(handled[0] - synced)
                acc["handle"].append(handled[1] - handled[0])
            acc["handled -> receipt PUT starts"].append(receipt[0] - start)
            if handled:
                acc["  handled -> its outbox flush starts"].append(flush_start(receipt[0]) - start)
                acc["  flush starts -> PUT starts (own room's queue)"].append(receipt[0] - flush_start(receipt[0]))
            acc["receipt PUT"].append(receipt[1] - receipt[0])
            acc["handled -> first card PUT starts"].append(card[0] - start)
            if handled:
                acc["  handled -> its outbox flush starts "].append(flush_start(card[0]) - start)
                acc["  flush starts -> PUT starts (own room's queue) "].append(card[0] - flush_start(card[0]))
            acc["card PUT"].append(card[1] - card[0])
            acc["card PUT done -> staff sees it"].append(firsts[s.index] - card[1])
        stages.append(acc)
    keys = list(dict.fromkeys(k for acc in stages for k in acc))
    for k in keys:
        cells = []
        for acc in stages:
            d = dist_ms(acc.get(k, []))
            cells.append("-" if not acc.get(k) else str(d["n"]) if k == "(incomplete)"
                         else f"{d['mean']:.0f} / {d['p50']:.0f} / {d['p95']:.0f}")
        rows.append([k, *cells])
    print("\nwhere the time goes (bot: its own timestamps; raw: the relay's; \"handled\" = synced for raw):")
    print(table(rows))
    bot_phases = [r for r in results if r.name == "bot"]
    if bot_phases and marks.flushes:
        t0 = min(s.at for r in bot_phases for s in r.sent)
        t1 = max(s.at for r in bot_phases for s in r.sent) + 60
        fl = [f for f in marks.flushes if t0 <= f[0] <= t1 and f[2]]
        if fl:
            durations = dist_ms([b - a for a, b, _ in fl])
            print(f"  outbox flushes that sent something in bot phases: {len(fl)}, rows per flush mean "
                  f"{sum(n for *_, n in fl) / len(fl):.1f} max {max(n for *_, n in fl)}, flush duration "
                  f"p50 {durations['p50']:.0f} ms p95 {durations['p95']:.0f} ms max {durations['max']:.0f} ms")
    print(f"  bot syncs: {marks.batches} batches, {marks.empty_batches} without events for it")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000, help="reports in all (default 1000)")
    ap.add_argument("--residents", type=int, default=100, help="residents sending at once (default 100)")
    ap.add_argument("--rooms", type=int, default=20, help="residents' rooms = grids (default 20)")
    ap.add_argument("--pause", type=float, default=1.0, help="each resident pauses 0..PAUSE s before a report")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--order", type=lambda v: v.split(","), default=["raw", "bot", "raw"],
                    help="phases, comma-separated: raw, bot (default raw,bot,raw)")
    ap.add_argument("--timeout", type=float, default=300.0, help="give up on a phase after this long (s)")
    ap.add_argument("--quiet", type=float, default=3.0, help="keep watching this long after a phase is done (s)")
    ap.add_argument("--trace", action="store_true",
                    help="run the bot with timestamps (_matrix.traced_bot) and print where the time goes")
    args = ap.parse_args()
    if not set(args.order) <= {"raw", "bot"} or args.rooms < 1 or args.residents < args.rooms:
        ap.error("--order takes raw and bot; --residents must be at least --rooms")
    return run_benchmark("bench-load-", run, args,
                         f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")


if __name__ == "__main__":
    sys.exit(main())
