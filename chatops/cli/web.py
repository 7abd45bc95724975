"""``whistle web``: serve the public board and Open311 over a store file (read-only, beside the bot or alone)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from chatops.cli.ops import _store_path
from chatops.cli.text import load_book
from rules.catalogue import text


def cmd_web(args: argparse.Namespace) -> int:
    """Serve until interrupted; return 1 (with a message, no traceback) if the store or rulebook is unusable."""
    import uvicorn

    from chatops.web.app import create_app

    store = Path(_store_path(args))
    if not store.is_file():
        print(text("web_no_store", args.lang, file=store), file=sys.stderr)
        return 1
    book = load_book(args.rulebook, args.lang)
    if book is None:
        return 1
    print(text("web_serving", args.lang, url=f"http://{args.host}:{args.port}/", file=store), flush=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(store, rulebook=book), host=args.host, port=args.port, log_level="warning",
                access_log=False)  # an access log would record visitors' addresses: none is kept
    return 0


def add_web_commands(sub: argparse._SubParsersAction[Any]) -> None:
    w = sub.add_parser("web", help="the public board and Open311 API (公开栏)")
    w.add_argument("--store", metavar="FILE", help="default $WHISTLE_STORE or var/whistle.sqlite")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    w.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    w.add_argument("--rulebook", metavar="FILE", help="default: the shipped one")
    w.set_defaults(func=cmd_web)
