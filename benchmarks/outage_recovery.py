"""Recovery after a homeserver outage, on a real Synapse: how long after the homeserver answers again do
the messages that waited out the outage arrive, and does a new report get its ticket number?

One throwaway Synapse (free port, temp dir), the default rulebook provisioned with the prefix ``bench``, the
bot in-process (``run_bot``), a resident and a staff member of the property subcommittee. Each round:

1. a report, to see the bot answer (its receipt in the resident's thread);
2. Synapse is stopped for ``--outage`` seconds (60 by default). Ten seconds in, the bot is given a notice
   for the property room, as a reminder firing during the outage would be (one outbox row, woken): it
   fails and waits out the outage on the outbox's backoff;
3. Synapse is started again; from the moment it first answers (``t0``, wall clock, polled every 50 ms),
   the resident sends a new report (one plain HTTP PUT) and the script reads the server's own timestamps
   (``origin_server_ts``) of
   - the notice that waited (``pending``),
   - the new report (``sent``: how long a plain client takes to get a message in, the floor) and the bot's
     receipt in its thread (``receipt``).

Times come from the server, not from a client's sync, so no client's own backoff is in them (nio's clients
sleep up to a minute after timeouts). The same script runs on an older checkout to compare
(``PYTHONPATH=OLD .venv/bin/python OLD/benchmarks/outage_recovery.py``) as long as ``run_bot``,
``Store.write``, ``Outgoing`` and ``notice`` exist there.

    .venv/bin/python benchmarks/outage_recovery.py [--rounds 3] [--outage 60]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _matrix import PASSWORD, login, register_all, run_benchmark, table

import chatops
from chatops.chat.bot import Bot
from chatops.chat.notices import notice
from chatops.chat.runner import provision_rooms, run_bot
from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver
from chatops.tickets.store import Outgoing
from rules import DEFAULT_RULEBOOK

REPORT = "安居苑1号楼楼上漏水了（{marker}）"  # water_leak -> property only, place known


class Server:
    """Plain HTTP to the homeserver as one user: send a message, read server timestamps."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str) -> None:
        self.session, self.url, self.headers = session, url, {"Authorization": f"Bearer {token}"}
        self.txn = 0

    async def say(self, room: str, body: str) -> str:
        self.txn += 1
        path = f"{self.url}/_matrix/client/v3/rooms/{quote(room)}/send/m.room.message/bench{time.time_ns()}"
        async with self.session.put(path, json={"msgtype": "m.text", "body": body}, headers=self.headers) as r:
            return str((await r.json())["event_id"])

    async def answering(self) -> float:
        """Return the wall-clock time at which the homeserver first answers (polled every 50 ms)."""
        while True:
            try:
                async with self.session.get(f"{self.url}/_matrix/client/versions") as r:
                    if r.status == 200:
                        return time.time()
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.05)

    async def ts(self, room: str, eid: str) -> float:
        async with self.session.get(f"{self.url}/_matrix/client/v3/rooms/{quote(room)}/event/{quote(eid)}",
                                    headers=self.headers) as r:
            return float((await r.json())["origin_server_ts"]) / 1000

    async def wait(self, room: str, match: Callable[[dict[str, Any]], bool], timeout: float,
                   thread: str | None = None) -> float:
        """Return the server timestamp of the first event in ``room`` (or in ``thread``) that ``match``es."""
        path = (f"{self.url}/_matrix/client/v1/rooms/{quote(room)}/relations/{quote(thread)}/m.thread"
                if thread else f"{self.url}/_matrix/client/v3/rooms/{quote(room)}/messages")
        async with asyncio.timeout(timeout):
            while True:
                try:
                    async with self.session.get(path, params={"dir": "b", "limit": "20"}, headers=self.headers) as r:
                        events = (await r.json()).get("chunk", []) if r.status == 200 else []
                    for e in events:
                        if match(e):
                            return float(e["origin_server_ts"]) / 1000
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)


async def run(args: argparse.Namespace, root: Path, hs: LocalHomeserver) -> int:
    bot_user, resident, staff = await register_all(hs, ["whistle", "resident", "staff"])
    rulebook = root / "bench-rulebook.yaml"  # every report a ticket (no support joining)
    rulebook.write_text(Path(DEFAULT_RULEBOOK).read_text(encoding="utf-8") + "\nduplicates: {enabled: false}\n",
                        encoding="utf-8")
    settings = Settings(homeserver=hs.url, bot_user=bot_user, var=root / "var", store=root / "var" / "whistle.sqlite",
                        rulebook=rulebook, bot_password=PASSWORD, room_prefix="bench")
    rooms = await provision_rooms(settings, staff={"property": [staff]}, residents={"grid1": [resident]})
    by = {(r.kind, r.ref): r.room_id for r in rooms}
    community, property_room = by[("community", "grid1")], by[("handler", "property")]
    people = [await login(hs.url, u) for u in (resident, staff)]
    for client in people:  # accept the invitations
        await client.sync(timeout=0)
        for room_id in list(client.invited_rooms):
            await client.join(room_id)
    stop = asyncio.Event()
    ready, holder = asyncio.Event(), []
    bot_task = asyncio.create_task(run_bot(settings, stop, ready=ready, started=holder.append))
    async with asyncio.timeout(60):
        await ready.wait()
    bot: Bot = holder[0]
    print(f"chatops from {Path(chatops.__file__).parent}", flush=True)
    rows: list[dict[str, float]] = []
    async with aiohttp.ClientSession() as session:
        res, st = (Server(session, hs.url, c.access_token) for c in people)

        def receipt(e: dict[str, Any]) -> bool:
            return e.get("sender") == bot_user

        try:
            for i in range(args.rounds):
                eid = await res.say(community, REPORT.format(marker=f"before{i}"))
                normal = await res.wait(community, receipt, args.timeout, thread=eid) - await res.ts(community, eid)
                hs.down()
                t_down = time.time()
                await asyncio.sleep(min(10.0, args.outage / 2))
                marker = f"（等待停机结束的提醒 {i}）"
                async with bot.store.write() as tx:
                    await tx.enqueue(Outgoing(property_room, "bench", notice([marker])))
                bot.outbox.wake()
                await asyncio.sleep(max(0.0, args.outage - (time.time() - t_down)))
                answering = asyncio.create_task(res.answering())
                await asyncio.to_thread(hs.up)
                t0 = await answering
                eid = await res.say(community, REPORT.format(marker=f"after{i}"))
                sent = await res.ts(community, eid)
                got = await res.wait(community, receipt, args.timeout, thread=eid)
                seen = await st.wait(property_room, lambda e, m=marker: m in str(e.get("content", {}).get("body")),
                                     args.timeout)
                rows.append({"outage": t0 - t_down, "normal": normal, "sent": sent - t0, "receipt": got - t0,
                             "pending": seen - t0})
                print(f"round {i + 1}: down {t0 - t_down:.1f} s; after it answered: the resident's new report in "
                      f"{sent - t0:.2f} s, its receipt {got - t0:.2f} s, the notice that waited {seen - t0:.2f} s "
                      f"(a receipt takes {normal:.2f} s when all is well)", flush=True)
                await asyncio.sleep(2)
        finally:
            stop.set()
            await asyncio.wait_for(bot_task, 60)
            for client in people:
                await client.close()

    def med(key: str) -> str:
        return f"{statistics.median(r[key] for r in rows):.2f} s"

    print(f"\nmedian over {len(rows)} rounds of {med('outage')} down, from the homeserver answering again "
          "(server timestamps):")
    print(table([["the resident's new report is in (a plain client: the floor)", med("sent")],
                 ["the bot's receipt with its ticket number", med("receipt")],
                 ["a notice that waited out the outage", med("pending")],
                 ["a receipt when all is well (report → receipt)", med("normal")]]))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--outage", type=float, default=60.0, help="seconds the homeserver is down")
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args()
    t = time.strftime("%Y-%m-%d")
    return run_benchmark("whistle-outage-", run, args, f"outage recovery, {t}: {args.rounds} rounds, "
                                                       f"{args.outage:.0f} s down each")


if __name__ == "__main__":
    raise SystemExit(main())
