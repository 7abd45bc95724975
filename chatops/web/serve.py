"""Serving the web app inside another program's event loop (``make run`` serves it beside the bot).

The server takes the first free port from the one asked for, and stops when told (it leaves Ctrl-C to
its host program: the host decides when everything stops).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import socket
from collections.abc import Callable, Generator
from pathlib import Path

import uvicorn

from chatops.private import write_private
from chatops.web.app import create_app
from rules import Rulebook

SECRET_ENV = "WHISTLE_WEB_SECRET"


def web_secret(var: Path) -> str:
    """Return the key that signs staff sessions and CSRF tokens: ``$WHISTLE_WEB_SECRET``, else the one kept in
    ``var/web-secret`` (made on first use, readable by its owner only), so sessions outlive a restart."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = var / "web-secret"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(32)
    write_private(path, key)
    return key


class _Embedded(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:  # the host program handles signals
        yield


def free_socket(host: str, port: int, tries: int = 20) -> socket.socket:
    """Return a listening socket on ``host`` at ``port`` or the first free port after it.

    Raises ``OSError`` if none of ``tries`` ports is free.
    """
    last: OSError | None = None
    for candidate in range(port, port + tries):
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            last = exc
            continue
        sock.listen(128)
        sock.set_inheritable(True)
        return sock
    raise last or OSError("no free port")


async def serve_web(store: Path | str, book: Rulebook, stop: asyncio.Event, *, host: str = "127.0.0.1",
                    port: int = 8080, started: Callable[[str], None] = lambda url: None, live: int = 20,
                    homeserver: str | None = None, secret: str | None = None) -> None:
    """Serve the board for ``store`` until ``stop`` is set; ``started`` gets its address once it listens.
    ``homeserver`` is where staff log in (see :func:`chatops.web.app.create_app`)."""
    sock = free_socket(host, port)
    app = create_app(store, rulebook=book, live=live, homeserver=homeserver, secret=secret)
    server = _Embedded(uvicorn.Config(app, log_level="warning", access_log=False))
    task = asyncio.ensure_future(server.serve(sockets=[sock]))
    try:
        while not server.started and not task.done():
            await asyncio.sleep(0.05)
        if server.started:
            started(f"http://{host}:{sock.getsockname()[1]}/")
        waiter = asyncio.ensure_future(stop.wait())
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await task
        sock.close()
