"""The operator's commands of ``whistle``: ``status`` (are the loops alive, how late, what failed),
``outbox`` and ``timers`` (what failed, and retrying it)."""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chatops.cli.text import read_store, table
from chatops.tickets.store import Store
from rules.catalogue import text

ALIVE = 120.0  # seconds: a heartbeat older than this means the bot is not running (it beats every 30 s)


def _store_path(args: argparse.Namespace) -> str:
    return args.store or os.environ.get("WHISTLE_STORE") or str(Path(os.environ.get("WHISTLE_VAR") or "var")
                                                                 / "whistle.sqlite")


def _age(value: str | None, now: datetime) -> float | None:
    return None if not value else (now - datetime.fromisoformat(value)).total_seconds()


def _process_gone(beat: dict[str, Any]) -> bool:
    """Return whether the process that wrote ``beat`` is known to be gone (killed with -9, crashed): asked of
    the system only where the beat was written (a pid names nothing on another host) and only on POSIX
    (``os.kill(pid, 0)`` merely asks there; on Windows it would end the process). Unknown means not gone."""
    pid, host = beat.get("pid"), beat.get("host")
    if os.name != "posix" or type(pid) is not int or pid <= 0 or not host or host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: it is there (another user's); anything else: the heartbeat decides
        return False
    return False


async def status(store: Store) -> dict[str, Any]:
    """Return the bot's state as its store tells it: heartbeat, loops, lag, pending and failed work;
    ``crashed``: the bot stopped without a clean stop (its process is gone, seen on the same host). With
    several workers (``whistle bot --worker``), ``workers`` holds each one's state; the bot is running while
    one of them is, the loops are the freshest running worker's and the counts are the sum of all."""
    now = datetime.now(UTC)
    workers = []
    for key, value in (await store.chat_states("heartbeat")).items():
        beat = json.loads(value or "{}")
        age = _age(beat.get("at"), now)
        crashed = not beat.get("stopped") and _process_gone(beat)  # known at once, not ALIVE seconds later
        alive = age is not None and age < ALIVE and not beat.get("stopped") and not crashed  # a clean stop: no
        workers.append({"worker": key.partition(":")[2] or None, "alive": alive, "crashed": crashed,
                        "heartbeat_age": age, "pid": beat.get("pid"), "host": beat.get("host"), "beat": beat})
    # the one that speaks for the bot: a running worker with the freshest beat, else the last to beat
    best = min(workers, key=lambda w: (not w["alive"], w["heartbeat_age"] if w["heartbeat_age"] is not None
                                       else float("inf")), default=None)
    beat = best["beat"] if best else {}
    outbox, timers = await store.outbox_counts(), await store.timer_counts()
    failures: dict[str, int] = {}
    for w in workers:
        for part, count in (w["beat"].get("failures") or {}).items():
            failures[part] = failures.get(part, 0) + int(count)
    return {"store": str(store.path), "alive": bool(best and best["alive"]), "crashed": bool(best and best["crashed"]),
            "heartbeat_age": best["heartbeat_age"] if best else None,
            "last_sync_age": _age(beat.get("synced_at"), now), "scheduler_age": _age(beat.get("scheduler_at"), now),
            "outbox_age": _age(beat.get("outbox_at"), now), "pid": beat.get("pid"), "host": beat.get("host"),
            "handled": sum(w["beat"].get("handled") or 0 for w in workers) if workers else None,
            "sent": sum(w["beat"].get("sent") or 0 for w in workers) if workers else None, "failures": failures,
            "workers": [{k: v for k, v in w.items() if k != "beat"} for w in workers if w["worker"]],
            "outbox": outbox, "timers": timers, "lag": await store.lag(now)}


def _ago(value: float | None, lang: str) -> str:
    """Return how long ago a loop went round, or that it has not yet (a bot just started has not synced)."""
    return text("status_not_yet", lang) if value is None else text("status_ago", lang, time=_seconds(value, lang))


def _seconds(value: float | None, lang: str) -> str:
    if value is None:
        return "-"
    if value < 120:
        return f"{value:.0f} s"
    return f"{value / 60:.0f} min" if value < 7200 else f"{value / 3600:.1f} h"


def cmd_status(args: argparse.Namespace) -> int:
    path = _store_path(args)
    ok, st = read_store(path, args.lang, status)
    if not ok or st is None:
        return 1
    if args.json:
        print(json.dumps(st, ensure_ascii=False, indent=2))
        return 0 if st["alive"] else 3
    lang = args.lang
    said = "status_alive" if st["alive"] else "status_crashed" if st["crashed"] else "status_dead"
    print(text(said, lang, store=path, age=_seconds(st["heartbeat_age"], lang), pid=st["pid"] or "-"))
    for w in st["workers"]:
        state = "alive" if w["alive"] else "crashed" if w["crashed"] else "dead"
        print(text("status_worker", lang, worker=w["worker"], state=text(f"status_worker_{state}", lang),
                   pid=w["pid"] or "-", age=_seconds(w["heartbeat_age"], lang)))
    print(text("status_loops", lang, sync=_ago(st["last_sync_age"], lang),
               scheduler=_ago(st["scheduler_age"], lang), outbox=_ago(st["outbox_age"], lang)))
    print(text("status_work", lang, pending=st["outbox"].get("pending", 0), failed=st["outbox"].get("failed", 0),
               sent=st["outbox"].get("sent", 0), lag=_seconds(st["lag"]["outbox"], lang),
               tpending=st["timers"].get("pending", 0), tfailed=st["timers"].get("failed", 0),
               tlag=_seconds(st["lag"]["timers"], lang)))
    failures = st["failures"] or {}
    print(text("status_failures", lang, events=failures.get("events", 0), timers=failures.get("timers", 0),
               outbox=failures.get("outbox", 0)))
    return 0 if st["alive"] else 3


def _failed(args: argparse.Namespace, kind: str) -> int:
    path = _store_path(args)

    async def work(store: Store) -> tuple[int | None, list[list[str]]]:
        retried = None
        if args.retry is not None:
            ident = None if args.retry == "all" else int(args.retry)
            async with store.write() as tx:
                retried = await (tx.retry_outbox(ident) if kind == "outbox" else tx.retry_timers(ident))
        if kind == "outbox":
            rows = [[str(r.id), r.message.room_id, r.message.purpose, str(r.message.ticket_id or "-"),
                     str(r.attempts), (r.error or "")[:60]] for r in await store.failed_outbox()]
        else:
            rows = [[str(t.id), str(t.ticket_id), f"{t.kind}/{t.deadline}", t.ref_at.isoformat(timespec="minutes"),
                     str(t.attempts), e[:60]] for t, e in await store.failed_timers()]
        return retried, rows

    if args.retry not in (None, "all") and not str(args.retry).isdigit():
        print(text("retry_bad", args.lang, value=args.retry), file=sys.stderr)
        return 2
    ok, result = read_store(path, args.lang, work, readonly=args.retry is None)
    if not ok or result is None:
        return 1
    retried, rows = result
    if retried is not None:
        print(text("retried", args.lang, count=retried))
    if not rows:
        print(text("nothing_failed", args.lang))
        return 0
    head = (["id", "room", "purpose", "ticket", "tries", "error"] if kind == "outbox"
            else ["id", "ticket", "timer", "deadline", "tries", "error"])
    print(table([head, *rows]))
    return 0


def add_ops_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``status``, ``outbox`` and ``timers`` to the ``whistle`` parser."""
    st = sub.add_parser("status", help="is the bot alive, how late is it, what failed (运行状态)")
    st.add_argument("--store", metavar="FILE", help="default $WHISTLE_STORE or var/whistle.sqlite")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_status)
    for kind, help_ in (("outbox", "messages that could not be sent (发送失败的消息)"),
                        ("timers", "reminders and deadlines that could not fire (未执行的时限)")):
        p = sub.add_parser(kind, help=help_)
        p.add_argument("--store", metavar="FILE", help="default $WHISTLE_STORE or var/whistle.sqlite")
        p.add_argument("--failed", action="store_true", help="list the failed ones (the default)")
        p.add_argument("--retry", metavar="ID|all", help="put a failed one (or all) back in line")
        p.set_defaults(func=lambda a, k=kind: _failed(a, k))
