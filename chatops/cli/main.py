"""The ``whistle`` command line: route text, evaluate a rulebook, check one, list tickets, run a local homeserver."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

from chatops.cli.chat import add_commands
from chatops.cli.ops import add_ops_commands
from chatops.cli.routing import add_routing_commands
from chatops.cli.text import (
    Parser,
    env_language,
    language,
    load_book,
    positive,
    read_store,
    table,
)
from chatops.cli.web import add_web_commands
from chatops.local.homeserver import HomeserverError, HomeserverStatus, LocalHomeserver
from chatops.tickets.lifecycle import State, Ticket
from chatops.tickets.store import Store
from rules import DEFAULT_RULEBOOK, Rulebook, RulebookError, load_rulebook
from rules.catalogue import text


def cmd_rulebook_check(args: argparse.Namespace) -> int:
    book = load_book(args.file, args.lang)
    if book is None:
        return 1
    print(text("rulebook_ok", args.lang, file=args.file, handlers=len(book.handlers),
               categories=len(book.categories), version=book.full_version))
    for choice in book.choices:  # the policy choices in force, visible where staff check their edits
        leads = "、".join(f"{book.category_name(c, args.lang)} → {book.handler_name(h, args.lang)}"
                         for c, h in choice.options[choice.chosen].items())
        print(text("rulebook_choice", args.lang, name=choice.name, chosen=choice.chosen, leads=leads,
                   options="、".join(choice.options)))
    return 0


def render_tickets(tickets: list[Ticket], book: Rulebook | None, lang: str) -> str:
    if not tickets:
        return text("no_tickets", lang)
    head = (["#", "state", "category", "lead", "reported", "sign by", "text"] if lang == "en"
            else ["编号", "状态", "类别", "牵头单位", "受理时间", "签收时限", "内容"])
    rows = [head]
    zone = ZoneInfo(book.calendar.timezone) if book is not None else UTC  # the community's clock, as chat shows it
    for t in tickets:
        cat = t.category or "-"
        if book is not None and t.category in book.category_by_id:
            c = book.category_by_id[t.category]
            cat = c.name_en if lang == "en" else c.name
        lead = book.handler_name(t.lead, lang) if book else (t.lead or "-")
        body = t.text.replace("\n", " ")
        rows.append([str(t.id), text(f"state_{t.state}", lang), cat, lead,
                     t.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                     t.sign_deadline.astimezone(zone).strftime("%m-%d %H:%M") if t.sign_deadline else "-",
                     body[:24] + ("…" if len(body) > 24 else "")])
    return table(rows)


def cmd_tickets(args: argparse.Namespace) -> int:
    async def fetch(store: Store) -> list[Ticket]:
        return await store.tickets(state=args.state, handler=args.handler, limit=args.limit)

    ok, tickets = read_store(args.store, args.lang, fetch)
    if not ok or tickets is None:
        return 1
    if args.json:
        rows = [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in vars(t).items()}
                for t in tickets]
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=list))
        return 0
    book = load_rulebook(args.rulebook) if args.rulebook else _quiet_default()
    print(render_tickets(tickets, book, args.lang))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    try:
        from research.simulation import SimConfig, simulate
    except ImportError as exc:
        print(text("research_missing", args.lang, detail=exc), file=sys.stderr)
        return 1
    book = load_book(args.rulebook, args.lang)
    if book is None:
        return 1
    if not Path(args.out).absolute().parent.is_dir():  # never a folder made at the root by a typo
        print(text("no_folder", args.lang, folder=Path(args.out).absolute().parent), file=sys.stderr)
        return 1
    if Path(args.out).exists() and not args.overwrite:
        print(text("sim_exists", args.lang, file=args.out), file=sys.stderr)
        return 1

    def progress(made: int, total: int, events: int, seconds: float) -> None:
        rate = made / seconds if seconds else 0.0
        eta = (total - made) / rate if rate else 0.0
        print(text("sim_progress", args.lang, made=made, total=total, events=events, rate=rate, eta=eta),
              file=sys.stderr, flush=True)

    config = SimConfig(days=args.days, workers=args.workers)
    s = simulate(args.out, args.tickets, args.seed, config=config, rulebook=book, batched=not args.direct,
                 overwrite=args.overwrite, progress=None if args.quiet else progress)
    print(text("sim_done", args.lang, file=args.out, reports=s.tickets, tickets=s.moves.get("routed", 0),
               events=s.events, first=s.first.strftime("%Y-%m-%d"), last=s.last.strftime("%Y-%m-%d"),
               seconds=s.seconds, rate=s.tickets_per_second))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    try:
        import warnings

        import research
    except ImportError as exc:
        print(text("research_missing", args.lang, detail=exc), file=sys.stderr)
        return 1
    if not Path(args.store).exists():
        print(text("store_missing", args.lang, file=args.store), file=sys.stderr)
        return 1
    people = (args.graph == "reporting" and args.by == "resident") or args.parquet
    if people and not os.environ.get(research.KEY_ENV):
        print(text("export_no_key", args.lang, env=research.KEY_ENV), file=sys.stderr)
        return 1
    book = load_book(args.rulebook, args.lang)
    if book is None:
        return 1
    if args.parquet:  # the whole log, pseudonymised, for research at scale
        try:
            done = research.export_parquet(args.store, args.parquet, rulebook=book)
        except (research.LogError, research.parquet.ParquetError, OSError) as exc:
            print(text("store_unreadable", args.lang, file=args.store, detail=str(exc)), file=sys.stderr)
            return 1
        print(text("export_parquet_done", args.lang, folder=args.parquet, community=done["community"],
                   events=done["events"], tickets=done["tickets"], months=len(done["months"])))
        return 0
    if not args.out:
        print(text("export_refused", args.lang, detail="--out FILE or --parquet DIR"), file=sys.stderr)
        return 2
    fmt = args.format or Path(args.out).suffix.lstrip(".").lower()
    if fmt not in research.export.WRITERS:
        print(text("export_refused", args.lang, detail=f"--format graphml|gexf|csv ({fmt!r})"), file=sys.stderr)
        return 2
    try:
        with warnings.catch_warnings():  # a graph of handlers carries no pseudonyms: no key needed
            warnings.simplefilter("ignore", UserWarning)
            log = research.read_log(args.store, rulebook=book)
    except research.LogError as exc:
        print(text("store_unreadable", args.lang, file=args.store, detail=str(exc)), file=sys.stderr)
        return 1
    if args.graph == "collaboration":
        G = research.collaboration_graph(log)
    elif args.graph == "referral":
        G = research.referral_graph(log)
    else:
        G = research.reporting_graph(log, by=args.by, handlers=args.handlers)
    try:
        research.export.WRITERS[fmt](G, args.out)
    except (research.UnsafeExport, research.PseudonymKeyMissing) as exc:
        print(text("export_refused", args.lang, detail=str(exc)), file=sys.stderr)
        return 1
    print(text("export_done", args.lang, file=args.out, nodes=G.number_of_nodes(), edges=G.number_of_edges(),
               graph=args.graph, format=fmt))
    return 0


def _quiet_default() -> Rulebook | None:
    try:
        return load_rulebook()
    except RulebookError:
        return None


def render_homeserver(st: HomeserverStatus, root: Path, lang: str) -> str:
    if not st.running:
        return text("hs_stopped", lang, url=st.url, root=root)
    if not st.answering:
        return text("hs_starting", lang, url=st.url, pid=st.pid)
    return text("hs_running", lang, url=st.url, pid=st.pid, version=st.version, server_name=st.server_name)


def cmd_homeserver(args: argparse.Namespace) -> int:
    hs = LocalHomeserver(Path(args.root), port=args.port, database=getattr(args, "database", None))
    try:
        if args.homeserver_command == "status":
            st = hs.status()
            if args.json:
                print(json.dumps({"running": st.running, "answering": st.answering, "pid": st.pid, "url": st.url,
                                  "server_name": st.server_name, "version": st.version, "root": str(hs.root)},
                                 ensure_ascii=False, indent=2))
            else:
                print(render_homeserver(st, hs.root, args.lang))
        elif args.homeserver_command == "adduser":
            return _adduser(hs, args)
        elif args.homeserver_command == "up":
            before = hs.status()
            started = time.perf_counter()
            st = hs.up(wait=args.wait)
            if before.running and before.answering:
                print(text("hs_already_up", args.lang, url=st.url, pid=st.pid))
            else:
                print(text("hs_started", args.lang, url=st.url, seconds=time.perf_counter() - started,
                           version=st.version, pid=st.pid))
        else:
            pid = hs.status().pid
            started = time.perf_counter()
            if hs.down(timeout=args.timeout):
                print(text("hs_down", args.lang, pid=pid, seconds=time.perf_counter() - started))
            else:
                print(text("hs_was_down", args.lang))
    except HomeserverError as exc:
        print(exc.render(args.lang), file=sys.stderr)
        return 1
    return 0


def _adduser(hs: LocalHomeserver, args: argparse.Namespace) -> int:
    """Create an account on the local homeserver; print it and its password (an existing name must be given
    its own password)."""
    import re as _re
    import secrets

    from chatops.local.homeserver import register_user

    if not _re.fullmatch(r"[a-z0-9._=-]{1,64}", args.name):
        print(text("adduser_bad_name", args.lang, name=args.name), file=sys.stderr)
        return 2
    if not hs.status().answering:
        print(text("hs_stopped", args.lang, url=hs.url, root=hs.root), file=sys.stderr)
        return 1
    password = args.password or secrets.token_urlsafe(9)
    user = asyncio.run(register_user(hs.url, hs.registration_secret, args.name, password,
                                     displayname=args.display_name))
    print(text("adduser_done", args.lang, user=user, password=password, url=hs.url))
    return 0


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return port


def build_parser(lang: str = "zh-CN") -> argparse.ArgumentParser:
    Parser.lang = lang  # argparse's errors in the user's language, subcommands included
    p = Parser(prog="whistle", description="社区吹哨、部门报到 — Community Whistle")
    p.add_argument("--lang", type=language, default=lang,
                   help="language of the output: zh (default) or en; or $WHISTLE_LANG")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)

    rb = sub.add_parser("rulebook", help="rulebook tools (规则手册)")
    rbs = rb.add_subparsers(dest="rulebook_command", required=True)
    chk = rbs.add_parser("check", help="validate a rulebook file")
    chk.add_argument("file", nargs="?", default=str(DEFAULT_RULEBOOK))
    chk.set_defaults(func=cmd_rulebook_check)

    t = sub.add_parser("tickets", help="list tickets in a store file (工单)")
    t.add_argument("--store", required=True, metavar="FILE")
    t.add_argument("--state", choices=[s.value for s in State], help="only tickets in this state")
    t.add_argument("--handler", help="only tickets this handler holds, as lead or co-handler")
    t.add_argument("--limit", type=positive(int), default=50)
    t.add_argument("--rulebook", metavar="FILE", help="for names (default: the shipped one)")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_tickets)

    where = Parser(add_help=False)
    where.add_argument("--root", default=str(Path(os.environ.get("WHISTLE_VAR") or "var") / "homeserver"),
                       metavar="DIR", help="folder holding its config and data (default $WHISTLE_VAR/homeserver, "
                                           "or var/homeserver)")
    where.add_argument("--port", type=_port, default=os.environ.get("WHISTLE_HS_PORT", "8008"),
                       help="port on 127.0.0.1 (default $WHISTLE_HS_PORT or 8008)")
    hs = sub.add_parser("homeserver", help="a local Synapse homeserver for development (本地 Matrix 服务器)")
    hss = hs.add_subparsers(dest="homeserver_command", required=True)
    up = hss.add_parser("up", parents=[where], help="start it (idempotent)")
    up.add_argument("--wait", type=float, default=90, metavar="SECONDS", help="how long to wait for it to answer")
    up.add_argument("--database", default=os.environ.get("WHISTLE_HS_DATABASE"), metavar="URI",
                    help="run Synapse on PostgreSQL: postgresql://user:password@host:port/dbname "
                         "(default $WHISTLE_HS_DATABASE; none: SQLite under its folder)")
    down = hss.add_parser("down", parents=[where], help="stop it (idempotent)")
    down.add_argument("--timeout", type=float, default=30, metavar="SECONDS", help="SIGKILL after this long")
    add = hss.add_parser("adduser", parents=[where], help="an account on it for yourself (prints its password)")
    add.add_argument("name", help="the user name (lower-case letters, digits, . _ = -)")
    add.add_argument("--password", help="default: a new random one")
    add.add_argument("--display-name", help="the name others see")
    st = hss.add_parser("status", parents=[where], help="is it running, and where")
    st.add_argument("--json", action="store_true")
    hs.set_defaults(func=cmd_homeserver)


    s = sub.add_parser("simulate", help="simulate a community into a new store file (模拟)")
    s.add_argument("--tickets", type=positive(int), default=1000,
                   help="how many reports (default 1000); with the rulebook's duplicates some support open tickets")
    s.add_argument("--seed", type=int, default=0, help="the random seed: the same seed, the same log")
    s.add_argument("--out", required=True, metavar="FILE", help="the store file to create")
    s.add_argument("--days", type=positive(float), default=365.0,
                   help="days the reports are spread over (default 365)")
    s.add_argument("--rulebook", metavar="FILE", help="rulebook to use (default: the shipped one)")
    s.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    s.add_argument("--direct", action="store_true", help="one store transaction per move (slower, same log)")
    s.add_argument("--workers", type=positive(int), default=1,
                   help="processes sharing the run, each a part of the grids (default 1; the same seed and "
                        "workers give the same log)")
    s.add_argument("--quiet", action="store_true", help="no progress lines")
    s.set_defaults(func=cmd_simulate)

    x = sub.add_parser("export", help="export a network for Gephi and others, or the whole log as Parquet; "
                                      "pseudonymised (导出)")
    x.add_argument("--store", required=True, metavar="FILE")
    x.add_argument("--graph", choices=["collaboration", "referral", "reporting"], default="referral")
    x.add_argument("--by", choices=["grid", "estate", "resident"], default="grid", help="reporting graph: who")
    x.add_argument("--handlers", choices=["routed", "final", "all"], default="routed",
                   help="reporting graph: which handlers")
    x.add_argument("--format", choices=["graphml", "gexf", "csv"], help="default: from the file name")
    x.add_argument("--out", metavar="FILE", help="the network's file")
    x.add_argument("--parquet", metavar="DIR",
                   help="instead: the whole event log, pseudonymised, as Parquet partitioned by community and month "
                        "(needs WHISTLE_PSEUDONYM_KEY)")
    x.add_argument("--rulebook", metavar="FILE", help="for handler names and sectors (default: the shipped one)")
    x.set_defaults(func=cmd_export)
    add_routing_commands(sub, rulebook_commands=rbs)
    add_ops_commands(sub)
    add_web_commands(sub)
    add_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 refused input, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = env_language()
    for i, arg in enumerate(argv[:-1]):  # an explicit --lang speaks in its language from the first error on
        if arg == "--lang":
            with contextlib.suppress(argparse.ArgumentTypeError):
                lang = language(argv[i + 1])
    args = build_parser(lang).parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
