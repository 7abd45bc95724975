"""A province's day replayed through the real ticket service: what residents and staff did in simulated
communities, done again by worker processes on one store (PostgreSQL, a schema per community) or on one
SQLite file per community.

A **script** is what people did in a simulated community's log (:func:`script_of`): every report and
support, and every move a handler, the street office or a resident made (sign for, transfer, return, ask
for days and the answer, resolve, verdicts, ratings, notes, a resident's choice, triage). What rules did
(routing, reminders, escalations, whistles, closing a call-back) is *not* in it: the replay's own service
and scheduler do it again, with the durable_rules engine, under the script's clock (the scheduler ticks at
each new minute of the script).

A **worker** (:func:`replay_worker`, ``python -m chatops.local.replay worker``) replays the scripts of its
communities merged by time. Each step is done once, whatever happens to the process: each in one
transaction with an inbox row named after it
(``replay:N``), so a worker killed with SIGKILL and started again skips what it did and does the rest (a
report too: a support's source opens no ticket, so the source alone cannot tell a support was made, and
once that ticket has closed the same words would open a new one).
It prints one JSON line: steps done and refused, seconds, and the latency of each step (p50, p95).
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import json
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from chatops.tickets.address import is_database
from chatops.tickets.events import Move
from chatops.tickets.lifecycle import Actor, LifecycleError
from chatops.tickets.scheduler import Scheduler
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Router, load_rulebook
from rules.classifier import Place

# the moves people make (everything else in a log is made by rules, and done again by the replay's own)
HUMAN = frozenset({Move.ACKNOWLEDGED, Move.NOTE, Move.TRANSFERRED, Move.RETURNED, Move.EXTENSION_ASKED,
                   Move.EXTENDED, Move.EXTENSION_REFUSED, Move.RESOLVED, Move.VERIFIED, Move.REOPENED, Move.RATED,
                   Move.ASSIGNED})
REPORTS = frozenset({Move.REPORTED, Move.SUPPORTED})
REPORTED = frozenset(m.value for m in REPORTS)
OPEN_AT_ONCE = 8  # communities a worker keeps open at once (two connections each)


@dataclass(frozen=True)
class Step:
    """One thing a person did: ``kind`` (a move's name, or ``chosen``), who, on which ticket (by the source
    of the report that opened it), when, and what they said."""

    index: int
    at: str
    kind: str
    actor: str
    handler: str | None = None
    ticket: str = ""  # the source of the report that opened the ticket
    target: str | None = None
    reason: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def script_of(path: str | Path) -> list[Step]:
    """Return the steps people took in the simulated store at ``path``, in the order they took them."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT ticket_id, kind, actor, actor_handler, target, reason, at, data FROM events "
                          "ORDER BY seq").fetchall()
    finally:
        db.close()
    source: dict[int, str] = {}
    steps: list[Step] = []
    for ticket_id, kind, actor, handler, target, reason, at, data in rows:
        payload = json.loads(data or "{}")
        move = Move(kind)
        if move is Move.REPORTED:
            source[ticket_id] = payload["source"]
        if move in REPORTS:
            keep = {k: payload.get(k) for k in ("source", "text", "grid", "estate", "building")}
            steps.append(Step(len(steps), at, move.value, actor, data=keep))
        elif move in HUMAN:
            keep = {k: payload[k] for k in ("days", "rating", "category") if k in payload}
            steps.append(Step(len(steps), at, move.value, actor, handler, source[ticket_id], target, reason, keep))
        elif move is Move.ROUTED and payload.get("chosen") is not None:
            steps.append(Step(len(steps), at, "chosen", actor, None, source[ticket_id],
                              data={"chosen": payload["chosen"]}))
    return steps


def write_script(steps: Sequence[Step], path: Path) -> None:
    """Write ``steps`` to ``path``, one JSON object a line."""
    with path.open("w", encoding="utf-8") as out:
        for s in steps:
            out.write(json.dumps(asdict(s), ensure_ascii=False) + "\n")


def read_script(path: Path) -> list[Step]:
    """Return the steps written to ``path`` by :func:`write_script`."""
    with path.open(encoding="utf-8") as lines:
        return [Step(**json.loads(line)) for line in lines if line.strip()]


@dataclass
class Community:
    """One community being replayed: its store, service and scheduler, and the script's clock."""

    name: str
    store: Store
    service: TicketService
    scheduler: Scheduler
    now: list[datetime]
    minute: str = ""


@dataclass
class Tally:
    """What a worker did: steps done, refused (the replay's state no longer allows them), skipped (done
    before a restart), the seconds, and each step's latency."""

    done: int = 0
    refused: int = 0
    skipped: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies) or [0.0]
        return {"done": self.done, "refused": self.refused, "skipped": self.skipped, "seconds": self.seconds,
                "p50_ms": 1000 * lat[len(lat) // 2], "p95_ms": 1000 * lat[int(len(lat) * 0.95)]}


async def step(c: Community, s: Step, tally: Tally) -> None:
    """Do ``s`` in community ``c`` once (see the module's docstring)."""
    c.now[0] = datetime.fromisoformat(s.at)
    if s.at[:16] != c.minute:  # a new minute of the script: what fell due is done first
        c.minute = s.at[:16]
        await c.scheduler.tick(now=c.now[0])
    started = time.perf_counter()
    ticket = None if s.kind in REPORTED else await c.store.ticket_by_source(s.ticket)
    async with c.store.write() as tx:
        if not await tx.mark_handled(f"replay:{s.index}", "replay"):
            tally.skipped += 1
            return
        if s.kind in REPORTED:  # a support's source opens no ticket: only the inbox row tells it was done
            d = s.data
            await c.service.report(source=d["source"], reporter=s.actor, text=d["text"], tx=tx,
                                   place=Place(d.get("grid"), d.get("estate"), d.get("building")))
            tally.done += 1
            tally.latencies.append(time.perf_counter() - started)
            return
        if ticket is None:
            tally.refused += 1
            return
        actor = Actor(s.actor, s.handler)
        try:
            if s.kind == "chosen":
                await c.service.choose(ticket.id, actor, int(s.data["chosen"]), tx=tx)
            elif s.kind == Move.ASSIGNED.value:
                await c.service.assign(ticket.id, actor, s.target or "", s.data.get("category"), tx=tx)
            else:
                data = {k: v for k, v in s.data.items() if k in ("days", "rating")}
                await c.service.act(ticket.id, actor, Move(s.kind), target=s.target, reason=s.reason,
                                    data=data or None, tx=tx)
            tally.done += 1
        except LifecycleError:  # refused: nothing of the move is written, the inbox row says it was tried
            tally.refused += 1
    tally.latencies.append(time.perf_counter() - started)


def _clock(now: list[datetime]) -> Any:
    """Return the script's clock of one community: the moment of the step being done."""
    return lambda: now[0]


def merged(scripts: dict[str, list[Step]]) -> Iterator[tuple[str, Step]]:
    """Return every community's steps, merged by time (a community's own order kept)."""
    def keyed(name: str, steps: list[Step]) -> Iterable[tuple[str, str, int, Step]]:
        return ((s.at, name, s.index, s) for s in steps)

    for _at, name, _i, s in heapq.merge(*(keyed(name, steps) for name, steps in scripts.items())):
        yield name, s


async def replay_worker(stores: dict[str, str], scripts: dict[str, list[Step]], *, together: int = OPEN_AT_ONCE
                        ) -> Tally:
    """Replay ``scripts`` (community -> steps) into ``stores`` (community -> store address); return the tally.

    ``together`` communities are open at once, their days merged by time; then the next ones. A store holds
    two connections, and a database server takes about a hundred (PostgreSQL's default): a worker of a
    hundred communities cannot hold them all open (in a deployment, a pooler such as PgBouncer does)."""
    book = load_rulebook()
    router = Router(book)
    tally = Tally()
    names = list(stores)
    started = time.perf_counter()
    for first in range(0, len(names), together):
        communities: dict[str, Community] = {}
        try:
            for name in names[first:first + together]:
                store = await Store.open(stores[name])
                now = [datetime.fromisoformat(scripts[name][0].at)] if scripts[name] else [datetime.now()]
                service = TicketService(store, router, clock=_clock(now))
                communities[name] = Community(name, store, service, Scheduler(store, service), now)
            for name, s in merged({n: scripts[n] for n in communities}):
                await step(communities[name], s, tally)
            for c in communities.values():  # what falls due by the script's last moment
                await c.scheduler.tick(now=c.now[0])
        finally:
            for c in communities.values():
                await c.store.close()
    tally.seconds = time.perf_counter() - started
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chatops.local.replay", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("worker", help="replay some communities' scripts into their stores")
    w.add_argument("--scripts", type=Path, required=True, help="folder of COMMUNITY.jsonl scripts")
    w.add_argument("--store", required=True, help="a postgresql:// address, or a folder for SQLite files")
    w.add_argument("communities", nargs="+")
    args = parser.parse_args(argv)
    scripts = {c: read_script(args.scripts / f"{c}.jsonl") for c in args.communities}
    if is_database(args.store):
        sep = "&" if "?" in args.store else "?"
        stores = {c: f"{args.store}{sep}community={c}" for c in args.communities}
    else:
        stores = {c: str(Path(args.store) / f"{c}.sqlite") for c in args.communities}
    tally = asyncio.run(replay_worker(stores, scripts))
    print(json.dumps(tally.summary()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
