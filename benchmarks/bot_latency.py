"""Bot latency on a real Synapse: resident report -> ticket card seen by staff, beside a raw relay in the same run.

One throwaway Synapse (free port, temp dir); the default rulebook (rules/default.yaml) provisioned with the
prefix ``bench``; the bot in-process (``run_bot``). One resident sends N reports, one after another, that
route to a single handler (water leak -> property, no co-handlers); the staff member's background sync
(chatops.local.people.Person) timestamps the card in the property room.

The raw baseline is the same two hops without the bot: a plain nio "relay" client (no store, no rules)
syncs a second residents' room and re-sends every message into a second handler room at once; the same
resident sends, the same staff Person sees. The relay uses the bot's sync filter and long-poll (30 s).
A second relay ("raw, bot's pattern", its own rooms) sends what the bot sends for a report: a threaded
receipt under the report and the forward as an HTML notice mentioning the staff member, concurrently. It
tells how much of the bot's extra time is the second message rather than the bot itself.

Fairness: the three kinds are interleaved report by report, cycling through all six orders of the three
(raw, pattern, bot / raw, bot, pattern / ...), so each kind is first, second and third equally often and
drift (Synapse's caches and database growth, the machine) hits all alike. After each report the script waits
for everything it caused (the card, and the receipt where there is one) plus a short settle pause. The
first --warmup rounds are left out.

    .venv/bin/python benchmarks/bot_latency.py [--n 200] [--warmup 10] [--settle 0.05] [--profile FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import os
import pstats
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import peak_rss_mb
from _matrix import (
    PASSWORD,
    POLL_MS,
    Marks,
    Relay,
    cpu_seconds,
    create_room,
    dist_ms,
    login,
    machine_busy_seconds,
    register_all,
    run_benchmark,
    synapse_pid,
    table,
    tap,
)

from chatops.chat.bot import Bot
from chatops.chat.runner import provision_rooms, run_bot
from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver
from chatops.local.people import Person
from rules import DEFAULT_RULEBOOK

REPORT = "安居苑1号楼楼上漏水了（{marker}）"  # water_leak -> property only, place known (grid1, 安居苑 1号楼)
MODES = ("raw", "pattern", "bot")
LETTER = {"raw": "R", "pattern": "P", "bot": "B"}


@dataclass
class Sample:
    marker: str
    event_id: str
    sent: float  # before the resident's PUT
    put_done: float
    card_seen: float | None
    receipt_seen: float | None = None


async def run(args: argparse.Namespace, root: Path, hs: LocalHomeserver) -> int:
    loop = asyncio.get_running_loop()
    t_setup = time.perf_counter()
    bot_user, resident, staff, relay_user, relay2_user = await register_all(
        hs, ["whistle", "resident", "staff", "relay", "relay2"])
    rulebook = root / "bench-rulebook.yaml"  # the default one, but every report a ticket (no support joining)
    rulebook.write_text(Path(DEFAULT_RULEBOOK).read_text(encoding="utf-8") + "\nduplicates: {enabled: false}\n",
                        encoding="utf-8")
    settings = Settings(homeserver=hs.url, bot_user=bot_user, var=root / "var", store=root / "var" / "whistle.sqlite",
                        rulebook=rulebook, bot_password=PASSWORD, room_prefix="bench")
    rooms = await provision_rooms(settings, staff={"property": [staff]}, residents={"grid1": [resident]})
    by = {(r.kind, r.ref): r.room_id for r in rooms}
    bot_in, bot_out = by[("community", "grid1")], by[("handler", "property")]
    relay_client = await login(hs.url, relay_user)
    raw_in = await create_room(relay_client, "raw residents", [resident], public=True)
    raw_out = await create_room(relay_client, "raw handler", [staff], public=False)
    relay2_client = await login(hs.url, relay2_user)
    pat_in = await create_room(relay2_client, "raw residents 2", [resident], public=True)
    pat_out = await create_room(relay2_client, "raw handler 2", [staff], public=False)
    people: list[Person] = []
    relay = Relay(relay_client, {raw_in}, lambda _room, _body: raw_out)
    relay2 = Relay(relay2_client, {pat_in}, lambda _room, _body: pat_out, bot_pattern=True, mention=(staff,))
    relays = {"raw": relay, "pattern": relay2}
    stop = asyncio.Event()
    bot_task: asyncio.Task[Bot] | None = None
    profiler = cProfile.Profile() if args.profile else None
    try:
        people += [await Person.login(hs.url, u, PASSWORD) for u in (resident, staff)]
        res, st = people
        await relay.start()
        await relay2.start()
        ready, holder = asyncio.Event(), []
        bot_task = asyncio.create_task(run_bot(settings, stop, ready=ready, started=holder.append))
        async with asyncio.timeout(60):
            await ready.wait()
        marks = Marks()
        tap(holder[0], marks)
        print(f"setup: {len(rooms)} rooms provisioned + 4 raw rooms, bot and relays running, "
              f"{time.perf_counter() - t_setup:.1f} s", flush=True)

        samples: dict[str, list[Sample]] = {m: [] for m in MODES}
        lost: dict[str, int] = dict.fromkeys(MODES, 0)
        where = {"raw": (raw_in, raw_out, relay_user), "pattern": (pat_in, pat_out, relay2_user),
                 "bot": (bot_in, bot_out, bot_user)}

        async def one(mode: str, i: int) -> Sample:
            marker = f"{LETTER[mode]}{i:05d}"
            body = REPORT.format(marker=marker)
            room, out, sender = where[mode]
            needle = f"（{marker}）"
            t0 = loop.time()
            eid = await res.say(room, body)
            t1 = loop.time()
            s = Sample(marker, eid, t0, t1, None)
            try:
                card = await st.wait_for(lambda x: x.room_id == out and x.sender == sender and not x.relation
                                         and needle in x.body, timeout=args.timeout)
                s.card_seen = card.at
                if mode != "raw":
                    receipt = await res.wait_for(lambda x: x.thread_root == eid and x.sender == sender,
                                                 timeout=args.timeout)
                    s.receipt_seen = receipt.at
            except TimeoutError:
                lost[mode] += 1
                print(f"  {mode} {marker}: nothing seen within {args.timeout} s", flush=True)
            await asyncio.sleep(args.settle)
            return s

        spid = synapse_pid(hs)
        cpu0 = (cpu_seconds(spid) if spid else float("nan"), cpu_seconds(), machine_busy_seconds())
        t_measure = time.perf_counter()
        total = args.warmup + args.n
        orders = list(itertools.permutations(MODES))
        for i in range(total):
            order = orders[i % len(orders)]
            if i == args.warmup and profiler is not None:
                profiler.enable()
            for mode in order:
                s = await one(mode, i)
                if i >= args.warmup:
                    samples[mode].append(s)
            if (i + 1) % 50 == 0:
                print(f"  {i + 1}/{total} rounds", flush=True)
        if profiler is not None:
            profiler.disable()
        wall = time.perf_counter() - t_measure
        cpu = [b - a for a, b in zip(cpu0, (cpu_seconds(spid) if spid else float("nan"), cpu_seconds(),
                                            machine_busy_seconds()), strict=True)]
        report(args, samples, lost, marks, relays, wall)
        print(f"  CPU s in the measured part: Synapse {cpu[0]:.1f}, this process (bot, relays, people) {cpu[1]:.1f}, "
              f"other processes on the machine {cpu[2] - cpu[0] - cpu[1]:.1f} ({os.cpu_count()} CPUs)")
        if profiler is not None:
            profiler.dump_stats(args.profile)
            print(f"\nprofile of the measured part (bot, relay, people: one process) -> {args.profile}")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return 0 if not any(lost.values()) else 1
    finally:
        stop.set()
        if bot_task is not None:
            try:
                bot = await asyncio.wait_for(bot_task, 30)
                print(f"bot stopped: handled {bot.handled} events, sent {bot.outbox.sent} messages")
            except (TimeoutError, Exception) as exc:  # a failure here must not hide the original one
                print(f"bot did not stop cleanly: {exc!r}")
        await relay.close()
        await relay2.close()
        for p in people:
            await p.close()


def report(args: argparse.Namespace, samples: dict[str, list[Sample]], lost: dict[str, int], marks: Marks,
           relays: dict[str, Relay], wall: float) -> None:
    card = {m: dist_ms([s.card_seen - s.sent for s in samples[m] if s.card_seen is not None]) for m in MODES}
    rec = {m: dist_ms([s.receipt_seen - s.sent for s in samples[m] if s.receipt_seen is not None])
           for m in ("pattern", "bot")}
    print(f"\n{args.n} reports of each kind, interleaved (all 6 orders in turn), measured part {wall:.1f} s wall; "
          f"lost: " + ", ".join(f"{m} {lost[m]}" for m in MODES))
    rows = [["resident send -> seen (ms)", "n", "p50", "p95", "p99", "mean", "max"]]
    for label, d in (("raw relay: message in handler room", card["raw"]),
                     ("raw, bot's pattern: message in handler room", card["pattern"]),
                     ("  ... its receipt in the resident's thread", rec["pattern"]),
                     ("bot: ticket card in handler room", card["bot"]),
                     ("  ... its receipt in the resident's thread", rec["bot"])):
        rows.append([label, str(d["n"]), *(f"{d[k]:.1f}" for k in ("p50", "p95", "p99", "mean", "max"))])
    print(table(rows))
    raw, pat, bot = card["raw"], card["pattern"], card["bot"]
    ratio = bot["p50"] / raw["p50"]
    print(f"  bot / raw:               p50 {ratio:.2f}x (aim <= 1.30: {'OK' if ratio <= 1.3 else 'ABOVE AIM'}), "
          f"p95 {bot['p95'] / raw['p95']:.2f}x, p99 {bot['p99'] / raw['p99']:.2f}x")
    print(f"  bot / raw, bot's pattern: p50 {bot['p50'] / pat['p50']:.2f}x, p95 {bot['p95'] / pat['p95']:.2f}x, "
          f"p99 {bot['p99'] / pat['p99']:.2f}x")

    # where the time goes, per report (medians)
    def med(xs: list[float]) -> str:
        return f"{dist_ms(xs)['p50']:.1f}" if xs else "-"

    stages: dict[str, dict[str, list[float]]] = {m: {} for m in MODES}
    for mode in MODES:
        acc = stages[mode]
        for s in samples[mode]:
            if mode == "bot":
                synced, put = marks.synced.get(s.event_id), (marks.card.get(s.marker) or [None])[0]
            else:
                synced, put = relays[mode].synced_at.get(s.event_id), relays[mode].sends.get(s.event_id)
            acc.setdefault("resident PUT /send", []).append(s.put_done - s.sent)
            if synced is None or put is None or s.card_seen is None:
                continue
            acc.setdefault("send -> sync returns (bot/relay)", []).append(synced - s.sent)
            if mode == "bot":
                h0, h1 = marks.handled[s.event_id]
                acc.setdefault("  sync returned -> handle starts", []).append(h0 - synced)
                acc.setdefault("  handle (store tx, routing)", []).append(h1 - h0)
                acc.setdefault("  handled -> card PUT starts (outbox)", []).append(put[0] - h1)
            else:
                acc.setdefault("  sync returned -> card PUT starts", []).append(put[0] - synced)
            acc.setdefault("card PUT /send", []).append(put[1] - put[0])
            acc.setdefault("card sent -> staff sync sees it", []).append(s.card_seen - put[1])
    order = ["resident PUT /send", "send -> sync returns (bot/relay)", "  sync returned -> card PUT starts",
             "  sync returned -> handle starts", "  handle (store tx, routing)",
             "  handled -> card PUT starts (outbox)", "card PUT /send", "card sent -> staff sync sees it"]
    rows = [["stage (median ms)", "raw", "pattern", "bot"]]
    rows += [[k, *(med(stages[m].get(k, [])) for m in MODES)] for k in order]
    print("\n" + table(rows))
    errors = sum(len(r.errors) for r in relays.values())
    print(f"  bot syncs: {marks.batches} batches, {marks.empty_batches} without events for it "
          f"(its own sends echo back); relay errors: {errors}")
    print(f"  long-poll: bot and relays {POLL_MS // 1000} s, staff and resident Persons 10 s; "
          f"peak RSS of this process {peak_rss_mb():.0f} MiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="measured reports of each kind (default 200)")
    ap.add_argument("--warmup", type=int, default=10, help="reports of each kind left out at the start")
    ap.add_argument("--settle", type=float, default=0.05, help="pause after each report (s)")
    ap.add_argument("--timeout", type=float, default=30.0, help="give up on one report after this long (s)")
    ap.add_argument("--profile", metavar="FILE", help="cProfile the measured part into FILE and print the top")
    args = ap.parse_args()
    return run_benchmark("bench-latency-", run, args,
                         f"rulebook: {DEFAULT_RULEBOOK} (report text: {REPORT.format(marker='…')})")


if __name__ == "__main__":
    sys.exit(main())
