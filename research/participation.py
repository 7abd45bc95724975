"""Participation: matters raised, seconded, attended and voted on, by grid and month (pseudonymised), and a
simulated community's deliberation and time bank for the sample stores.

:func:`participation` and :func:`matter_log` read a store file read-only (only the ``matters`` and
``matter_events`` tables). Nobody's answer in a secret ballot is ever in the store; in an open vote the
answer is public in the room, but the research log still leaves choices out: it is about who takes part.

>>> from research.samples import sample_store
>>> table = participation(sample_store(300), key="k")
>>> sorted(table.columns)[:4], bool((table["answers"] >= 0).all())
(['answers', 'comments', 'grid', 'matters'], True)
"""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from research.pseudonyms import pseudonymizer
from research.stores import store_file

TITLES = ("加装电梯", "停车位改造", "增设快递柜", "垃圾分类投放点调整", "小区绿化改造", "增设充电桩",
          "楼道照明改造", "健身器材更新", "老年食堂开办", "安装监控探头")


def _read(path: str | Path, sql: str) -> list[tuple[Any, ...]]:
    with store_file(path) as file:
        db = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'matter_events'").fetchone():
                return []
            return db.execute(sql).fetchall()
        finally:
            db.close()


def matter_log(path: str | Path, *, key: str | bytes | None = None, zone: str = "Asia/Shanghai") -> pd.DataFrame:
    """Return every matter event as a row: matter, chain, grid ('' = the whole community), kind, step, who
    (a pseudonym, or empty for the bot's own steps), when (local time) and month; no choices, no text."""
    names = pseudonymizer(key)
    rows = _read(path, "SELECT e.matter, m.chain, m.grid, e.kind, e.step, e.actor, e.at FROM matter_events e "
                       "JOIN matters m ON m.id = e.matter ORDER BY e.id")
    frame = pd.DataFrame(rows, columns=["matter", "chain", "grid", "kind", "step", "who", "at"])
    frame["who"] = [names(w) if isinstance(w, str) and w else "" for w in frame["who"]]
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601").dt.tz_convert(zone)
    frame["month"] = frame["at"].dt.strftime("%Y-%m")
    return frame


def meetings(path: str | Path, *, zone: str = "Asia/Shanghai") -> pd.DataFrame:
    """Return each meeting's outcome as a row: matter, chain, grid, step, month, roll (应到), present (实到),
    turnout (实到/应到), yes, no, abstain, quorate, passed: counts only, as published."""
    rows = _read(path, "SELECT e.matter, m.chain, m.grid, e.step, e.at, e.data FROM matter_events e "
                       "JOIN matters m ON m.id = e.matter WHERE e.kind = 'decided' ORDER BY e.id")
    out = []
    for matter, chain, grid, step, at, data in rows:
        d = json.loads(data)
        out.append({"matter": matter, "chain": chain, "grid": grid, "step": step, "at": at,
                    **{k: d.get(k, 0) for k in ("roll", "present", "yes", "no", "abstain")},
                    "quorate": bool(d.get("quorate")), "passed": bool(d.get("passed"))})
    frame = pd.DataFrame(out, columns=["matter", "chain", "grid", "step", "at", "roll", "present", "yes", "no",
                                       "abstain", "quorate", "passed"])
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601").dt.tz_convert(zone)
    frame["month"] = frame["at"].dt.strftime("%Y-%m")
    frame["turnout"] = (frame["present"] / frame["roll"].where(frame["roll"] > 0)).astype(float)
    return frame


def participation(path: str | Path, *, key: str | bytes | None = None) -> pd.DataFrame:
    """Return, per grid and month, how many matters were raised, seconds, sign-ins, answers (a member's
    answers to one meeting count once), supervision comments, and ``people``: how many residents took part."""
    log = matter_log(path, key=key)
    columns = ["grid", "month", "matters", "seconds", "sign_ins", "answers", "comments", "people"]
    if log.empty:
        return pd.DataFrame(columns=columns)
    answers = log[log["kind"] == "ballot"].drop_duplicates(["matter", "step", "who"])
    parts = {
        "matters": log[log["kind"] == "raised"], "seconds": log[log["kind"] == "seconded"],
        "sign_ins": log[log["kind"] == "attended"], "answers": answers, "comments": log[log["kind"] == "commented"],
    }
    counts = pd.concat({name: part.groupby(["grid", "month"]).size() for name, part in parts.items()}, axis=1)
    people = log[log["who"] != ""].groupby(["grid", "month"])["who"].nunique().rename("people")
    table = counts.join(people, how="outer").fillna(0).astype(int).reset_index()
    return table[columns]


def simulate_participation(path: str | Path, *, seed: int = 1, per_grid_month: float = 0.6) -> int:
    """Add a simulated community's deliberation to the store at ``path`` (made by the simulator): about
    ``per_grid_month`` consultations a grid a month raised by its residents, seconded, voted on and
    published; a 四议两公开 matter every other month; and time-bank service among neighbours. Counts follow
    the rulebook's quorum rules. Return how many matters were written."""
    from chatops.meetings.quorum import Ballot, Threshold, decide
    from chatops.participation.ledger import Ledger, Limits
    from chatops.tickets.store import MatterEvent, Store
    from rules import load_rulebook

    book = load_rulebook()
    rng = random.Random(seed)
    db = sqlite3.connect(path)
    try:
        people = db.execute("SELECT reporter, grid FROM tickets WHERE grid IS NOT NULL").fetchall()
        span = db.execute("SELECT MIN(at), MAX(at) FROM events").fetchone()
        row = db.execute("SELECT actor FROM events WHERE actor_handler = ? ORDER BY seq LIMIT 1",
                         (book.fallback,)).fetchone()
        staff = row[0] if row else None  # who publishes a result: someone of the street office
    finally:
        db.close()
    if not people or span[0] is None:
        return 0
    by_grid: dict[str, list[str]] = {}
    for who, grid in people:
        if who not in by_grid.setdefault(grid, []):
            by_grid[grid].append(who)
    start, end = datetime.fromisoformat(span[0]), datetime.fromisoformat(span[1])
    everyone = sorted({w for ws in by_grid.values() for w in ws})
    representatives = rng.sample(everyone, min(25, len(everyone)))

    async def write() -> int:
        made = 0
        async with await Store.open(path) as store, store.write() as tx:
            await tx.set_roll("representatives", representatives)
            month = start
            while month < end:
                for grid, residents in sorted(by_grid.items()):
                    if rng.random() < per_grid_month and len(residents) >= 5:
                        await meet(tx, "consultation", grid, residents, month + timedelta(days=rng.randint(0, 20)))
                        made += 1
                if rng.random() < 0.5:
                    await meet(tx, "major", "", representatives, month + timedelta(days=rng.randint(0, 10)))
                    made += 1
                month += timedelta(days=30)
            ledger = Ledger.replay(Limits.of_rulebook(book.time_bank), await tx.bank_transfers())
            for _ in range(len(everyone) // 2):
                residents = by_grid[rng.choice(sorted(by_grid))]
                if len(residents) < 2:
                    continue
                helper, helped = rng.sample(residents, 2)
                at = start + (end - start) * rng.random()
                for opened in (ledger.open(helper, at), ledger.open(helped, at)):
                    if opened is not None:
                        await tx.add_bank_transfer(ledger.row(opened), helped)
                done = ledger.transfer(helper, helped, rng.choice((30, 60, 90, 120, 180)), at, "模拟服务")
                await tx.add_bank_transfer(ledger.row(done), helped)
        return made

    async def meet(tx: Any, chain_id: str, grid: str, roll: list[str], at: datetime) -> None:
        chain = book.deliberation.chain(chain_id)
        assert chain is not None
        raiser = rng.choice(roll)
        number = await tx.add_matter(chain_id, rng.choice(TITLES), grid, raiser, at, "simulated")
        await tx.add_matter_event(MatterEvent(number, "raised", at, chain.steps[0].id, raiser, {"seconds": bool(grid)}))
        if grid:
            for who in rng.sample(roll, max(1, len(roll) // 5)):
                at += timedelta(hours=rng.randint(1, 12))
                await tx.add_matter_event(MatterEvent(number, "seconded", at, chain.steps[0].id, who))
        taking_part = rng.uniform(0.3, 0.9)
        met = False  # a publication right after a meeting is its resolution; a later one the result of doing it
        for step in chain.steps:
            if step.publish:
                if met:
                    await tx.add_matter_event(MatterEvent(number, "published", at, step.id, None,
                                                          {"what": "resolution"}))
                else:  # the street office publishes what was done, weeks later
                    at += timedelta(days=rng.randint(7, 40))
                    await tx.add_matter_event(MatterEvent(number, "published", at, step.id, staff,
                                                          {"what": "result", "text": "已按决议实施"}))
                met = False
                continue
            met = True
            members = roll if step.body in ("concerned", "representatives") else rng.sample(roll, min(7, len(roll)))
            for attempt in range(2):  # a meeting without quorum is called once more, with more coming
                if attempt:
                    await tx.add_matter_event(MatterEvent(number, "reconvene", at, step.id, None))
                at += timedelta(days=1)
                await tx.add_matter_event(MatterEvent(number, "convened", at, step.id, None, {
                    "room": "simulated", "roll": members, "deadline": (at + timedelta(days=7)).isoformat()}))
                here = [m for m in members if rng.random() < taking_part + 0.3 * attempt]
                if step.quorum is not None:
                    for who in here:
                        await tx.add_matter_event(MatterEvent(number, "attended", at, step.id, who))
                ballots = []
                for who in here:
                    choice = "yes" if rng.random() < 0.7 else rng.choice(("no", "abstain"))
                    ballots.append(Ballot(who, choice, at))
                    await tx.add_matter_event(MatterEvent(number, "ballot", at, step.id, who, {"choice": choice}))
                at += timedelta(days=rng.randint(1, 6))
                await tx.add_matter_event(MatterEvent(number, "closing", at, step.id, None, {"why": "simulated"}))
                assert step.majority is not None
                quorum = Threshold.of_rule(step.quorum) if step.quorum else None
                out = decide(roll=members, present=here, ballots=ballots, closed_at=at, quorum=quorum,
                             majority=Threshold.of_rule(step.majority))
                t = out.tally
                await tx.add_matter_event(MatterEvent(number, "decided", at, step.id, None, {
                    "roll": out.roll, "present": out.present, "quorate": out.quorate, "passed": out.passed,
                    "yes": t.yes if t else 0, "no": t.no if t else 0, "abstain": t.abstain if t else 0,
                    "needed": Threshold.of_rule(step.majority).needed(roll=out.roll, present=out.present)}))
                if out.quorate:
                    break
            if not out.quorate:
                return  # still no quorum: it waits for staff, as it would in the rooms
            if not out.passed:
                await tx.add_matter_event(MatterEvent(number, "published", at, step.id, None, {"what": "rejection"}))
                await tx.add_matter_event(MatterEvent(number, "rejected", at))
                return
        await tx.add_matter_event(MatterEvent(number, "finished", at))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(write())
    with ThreadPoolExecutor(1) as worker:  # inside Jupyter's running loop: a loop of its own on a thread
        return worker.submit(lambda: asyncio.run(write())).result()
