"""The chat commands of ``whistle``: ``provision``, ``bot`` and ``run`` (the live demo behind ``make run``)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections import defaultdict
from dataclasses import replace
from typing import Any

from chatops.local.homeserver import HomeserverError
from chatops.local.settings import ensure_local_bot, load_settings
from chatops.tickets.address import is_database
from rules import RulebookError
from rules.catalogue import text
from rules.model import ModelError


def _chat_errors() -> tuple[type[BaseException], ...]:
    """Return the errors a chat command reports politely. The Matrix client is imported only here: its
    imports take seconds (jsonschema's format checkers), which ``whistle report`` and ``!stats`` need not pay."""
    from chatops.chat.provision import ProvisionError
    from chatops.chat.transport.matrix import LoginFailed

    return HomeserverError, RulebookError, ModelError, LoginFailed, ProvisionError, OSError, TimeoutError


def _pairs(values: list[str] | None, lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for value in values or []:
        key, sep, user = value.partition("=")
        if not sep or not user.startswith("@"):
            raise ValueError(text("bad_pair", lang, value=value))
        out[key].append(user)
    return out


def _fail(exc: BaseException, lang: str) -> int:
    from chatops.chat.transport.matrix import LoginFailed

    if isinstance(exc, (HomeserverError, RulebookError)):
        print(exc.render(lang), file=sys.stderr)
    elif isinstance(exc, ModelError):
        print(text("model_unreadable", lang, file="WHISTLE_MODEL", detail=str(exc)), file=sys.stderr)
    elif isinstance(exc, LoginFailed):
        print(text("login_failed", lang, detail=str(exc)), file=sys.stderr)
    else:
        print(text("chat_failed", lang, detail=str(exc) or exc.__class__.__name__), file=sys.stderr)
    return 1


def cmd_provision(args: argparse.Namespace) -> int:
    from chatops.chat.runner import provision_rooms

    errors: tuple[type[BaseException], ...] = (ValueError, *_chat_errors())
    settings = load_settings()
    try:
        staff, residents = _pairs(args.staff, args.lang), _pairs(args.resident, args.lang)
        members, chairs = _pairs(args.member, args.lang), _pairs(args.chair, args.lang)
        if args.demo:
            from chatops.local.demo import demo_accounts

            accounts = asyncio.run(demo_accounts(settings))
            for k, v in accounts.staff.items():
                staff[k].extend(v)
            for k, v in accounts.residents.items():
                residents[k].extend(v)
            for k, v in accounts.members.items():
                members[k].extend(v)
            for k, v in accounts.chairs.items():
                chairs[k].extend(v)
        async def provision() -> list[Any]:
            await ensure_local_bot(settings)
            return await provision_rooms(settings, staff=staff, residents=residents, members=members, chairs=chairs)

        rooms = asyncio.run(provision())
    except errors as exc:
        return _fail(exc, args.lang)
    for room in rooms:
        print(f"{room.kind:9} {room.ref or '-':14} {room.alias}  {room.room_id}")
    print(text("provisioned", args.lang, count=len(rooms)))
    return 0


def cmd_bot(args: argparse.Namespace) -> int:
    from chatops.chat.runner import run_bot, stop_on_signals

    errors = _chat_errors()
    settings = load_settings()
    if args.worker:
        settings = replace(settings, worker=args.worker)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        print(text("bot_starting", args.lang, user=settings.bot_user, url=settings.homeserver), flush=True)
        await ensure_local_bot(settings)
        bot = await run_bot(settings, stop)
        print(text("bot_stopped", args.lang, handled=bot.handled, sent=bot.outbox.sent), flush=True)

    try:
        asyncio.run(main())
    except errors as exc:
        return _fail(exc, args.lang)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from chatops.local.demo import run_demo

    errors = _chat_errors()
    try:
        return asyncio.run(run_demo(load_settings(), lang=args.lang, rounds=args.rounds, pace=args.pace))
    except errors as exc:
        return _fail(exc, args.lang)


def quiet_nio() -> None:
    """nio logs every expected 404 (an alias not made yet) as a warning: keep the terminal readable."""
    logging.getLogger("nio.responses").setLevel(logging.ERROR)


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import datetime
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from chatops.chat.rates import PUBLISHED, Period, PeriodError, handler_table, render
    from rules import DEFAULT_RULEBOOK, load_rulebook

    try:
        book = load_rulebook(args.rulebook or DEFAULT_RULEBOOK)
        today = datetime.now(ZoneInfo(book.calendar.timezone)).date()
        period = Period.parse(args.period, today=today)
        pg = is_database(args.store)  # a community on PostgreSQL
        if not pg and not Path(args.store).is_file():
            print(text("store_missing", args.lang, file=args.store), file=sys.stderr)
            return 1
        rows = handler_table(str(args.store) if pg else Path(args.store), book, period)
    except PeriodError:
        print(text("bad_period", args.lang, value=args.period), file=sys.stderr)
        return 1
    except RulebookError as exc:
        return _fail(exc, args.lang)
    except ImportError:
        print(text("stats_unavailable", args.lang), file=sys.stderr)
        return 1
    except Exception as exc:  # research.LogError: not a store
        print(text("store_unreadable", args.lang, file=args.store, detail=str(exc)), file=sys.stderr)
        return 1
    assert args.by in PUBLISHED
    print(render(rows, period, args.format, args.lang, by=args.by))
    return 0


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``provision``, ``bot`` and ``run`` to the ``whistle`` parser."""
    quiet_nio()
    p = sub.add_parser("provision", help="create the rulebook's rooms on the homeserver (开通房间; idempotent)")
    p.add_argument("--demo", action="store_true", help="also create demo staff and resident accounts (local only)")
    p.add_argument("--staff", action="append", metavar="HANDLER=@user:server",
                   help="invite a handler's staff at power level 50 (repeatable)")
    p.add_argument("--resident", action="append", metavar="GRID=@user:server",
                   help="invite a resident to a grid's room ('=@u:s' for the whole community; repeatable)")
    p.add_argument("--member", action="append", metavar="BODY=@user:server",
                   help="put a member on a body's roll and invite them to its room, e.g. representatives=@li:hs "
                        "(应到名册; repeatable)")
    p.add_argument("--chair", action="append", metavar="BODY=@user:server",
                   help="a member who chairs the body's meetings (power level 50: opens and closes votes)")
    p.set_defaults(func=cmd_provision)
    b = sub.add_parser("bot", help="run the bot until Ctrl-C (机器人); settings from WHISTLE_* variables")
    b.add_argument("-v", "--verbose", action="store_true", help="log what it does")
    b.add_argument("--worker", metavar="NAME", default=None,
                   help="one of several bot processes on one store: they share the rooms by leases, and take "
                        "over a stopped worker's rooms (default $WHISTLE_WORKER; none: the only bot)")
    b.set_defaults(func=cmd_bot)
    rp = sub.add_parser("report", help="handlers' rates for a month and a fair ranking (评价报表)")
    rp.add_argument("--store", required=True, metavar="FILE")
    rp.add_argument("--period", metavar="YYYY-MM", help="the month (default: this month)")
    rp.add_argument("--format", choices=["md", "csv", "json"], default="md")
    rp.add_argument("--by", default="satisfaction",
                    choices=["response", "resolution", "satisfaction", "on_time", "return", "reopen"],
                    help="the rate to rank by (default satisfaction)")
    rp.add_argument("--rulebook", metavar="FILE", help="for handler names (default: the shipped one)")
    rp.set_defaults(func=cmd_report)
    r = sub.add_parser("run", help="the live demo: local homeserver, rooms, bot and a demo community (演示)")
    r.add_argument("--rounds", type=int, default=0, help="stop after this many rounds of the story (0: until Ctrl-C)")
    r.add_argument("--pace", type=float, default=1.5, help="seconds between the demo people's steps")
    r.set_defaults(func=cmd_run)
