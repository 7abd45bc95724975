"""``whistle web``: serve the public board and Open311 over a store file (read-only, beside the bot or alone)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from chatops.cli.ops import _store_path
from chatops.cli.text import load_book, read_store, table
from chatops.tickets.address import is_database
from rules.catalogue import text


async def _schema(store: Any) -> int:
    return int(await store.schema_version())


def cmd_web(args: argparse.Namespace) -> int:
    """Serve until interrupted; return 1 (with a message, no traceback) if the store or rulebook is unusable."""
    import uvicorn

    from chatops.web.app import create_app
    from chatops.web.serve import web_secret

    where = _store_path(args)
    database = is_database(where)
    store: Path | str = where if database else Path(where)
    if not database and not Path(store).is_file():
        print(text("web_no_store", args.lang, file=store), file=sys.stderr)
        return 1
    book = load_book(args.rulebook, args.lang)
    if book is None:
        return 1
    ok, _ = read_store(store, args.lang, _schema)  # an older, newer or foreign file: said here, not in a traceback
    if not ok:
        return 1
    shown = where.split("@")[-1] if database else store  # never a password on the screen
    print(text("web_serving", args.lang, url=f"http://{args.host}:{args.port}/", file=shown), flush=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    var = Path(os.environ.get("WHISTLE_VAR") or "var")
    homeserver = args.homeserver or os.environ.get("WHISTLE_HOMESERVER") or None
    app = create_app(store, rulebook=book, homeserver=homeserver, secret=web_secret(var))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                access_log=False)  # an access log would record visitors' addresses: none is kept
    return 0


def cmd_apikey(args: argparse.Namespace) -> int:
    """``apikey add|list|revoke``: Open311 clients' keys (a new key is printed once and kept only as a hash)."""
    import secrets
    from datetime import UTC, datetime

    from chatops.tickets.store import Store

    now = datetime.now(UTC)
    if args.apikey_command == "add":
        client = args.client.strip()
        if not client or len(client) > 80:
            print(text("apikey_bad_client", args.lang), file=sys.stderr)
            return 1
        key = secrets.token_urlsafe(24)

        async def add(store: Store) -> int:
            async with store.write() as tx:
                return await tx.add_api_key(client, key, now)

        ok, _ = read_store(_store_path(args), args.lang, add, readonly=False)
        if not ok:
            return 1
        print(text("apikey_added", args.lang, client=client))
        print(key)
        return 0
    if args.apikey_command == "revoke":
        async def revoke(store: Store) -> int:
            async with store.write() as tx:
                return await tx.revoke_api_keys(args.client, now)

        ok, n = read_store(_store_path(args), args.lang, revoke, readonly=False)
        if not ok:
            return 1
        print(text("apikey_revoked", args.lang, count=n or 0, client=args.client))
        return 0 if n else 1

    async def listing(store: Store) -> list[Any]:
        return await store.api_keys()

    ok, keys = read_store(_store_path(args), args.lang, listing, readonly=False)
    if not ok:
        return 1
    if not keys:
        print(text("apikey_none", args.lang))
        return 0
    rows = [[text("apikey_head_id", args.lang), text("apikey_head_client", args.lang),
             text("apikey_head_hint", args.lang), text("apikey_head_created", args.lang),
             text("apikey_head_revoked", args.lang)]]
    rows += [[str(k.id), k.client, k.hint + "…", k.created_at.strftime("%Y-%m-%d %H:%M"),
              k.revoked_at.strftime("%Y-%m-%d %H:%M") if k.revoked_at else "-"] for k in keys]
    print(table(rows))
    return 0


def add_web_commands(sub: argparse._SubParsersAction[Any]) -> None:
    w = sub.add_parser("web", help="the public board and Open311 API (公开栏)")
    w.add_argument("--store", metavar="FILE", help="default $WHISTLE_STORE or var/whistle.sqlite")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    w.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    w.add_argument("--rulebook", metavar="FILE", help="default: the shipped one")
    w.add_argument("--homeserver", metavar="URL", help="where staff log in (default $WHISTLE_HOMESERVER)")
    w.set_defaults(func=cmd_web)
    k = sub.add_parser("apikey", help="API keys of Open311 clients (开放接口密钥)")
    ks = k.add_subparsers(dest="apikey_command", required=True)
    add = ks.add_parser("add", help="make a key for a client and print it (once)")
    add.add_argument("client", help="who it is for, e.g. city-12345")
    ks.add_parser("list", help="every key: client, first characters, made, revoked")
    rv = ks.add_parser("revoke", help="revoke a client's keys (or one key by its id)")
    rv.add_argument("client", metavar="CLIENT|ID")
    for p in (add, ks.choices["list"], rv):
        p.add_argument("--store", metavar="FILE", help="default $WHISTLE_STORE or var/whistle.sqlite")
    k.set_defaults(func=cmd_apikey)
