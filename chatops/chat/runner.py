"""Starting things: log the bot in, provision rooms, run the bot until a signal says stop.

The bot's account must exist: on the local homeserver ``chatops.local.settings.ensure_local_bot`` makes it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

from chatops.chat.bot import Bot
from chatops.chat.provision import provision
from chatops.chat.transport.matrix import MatrixTransport
from chatops.config import Settings
from chatops.tickets.service import Clock, TicketService, utc_now
from chatops.tickets.store import Room, Store
from rules import DEFAULT_RULEBOOK, Router, load_rulebook
from rules.heap import settled
from rules.starter import NONE, routing_models

log = logging.getLogger(__name__)


@asynccontextmanager
async def connected(settings: Settings) -> AsyncIterator[tuple[MatrixTransport, Store, Router]]:
    """Yield the logged-in transport, the open store and the router; close them all at the end."""
    book = load_rulebook(settings.rulebook or DEFAULT_RULEBOOK)  # a broken rulebook stops us first
    # so does a model file that cannot be used; the starter model stands beside it unless WHISTLE_MODEL=none
    own, starter = await asyncio.to_thread(routing_models, book, settings.model if settings.starter else NONE)
    router = Router(book, own, starter)
    transport = await MatrixTransport.connect(
        settings.homeserver, settings.bot_user, session_file=settings.session_file,
        password=settings.bot_password, token=settings.bot_token, timeline_limit=settings.timeline_limit)
    try:
        store = await Store.open(settings.store)
        try:
            yield transport, store, router
        finally:
            await store.close()
    finally:
        await transport.close()


async def provision_rooms(settings: Settings, *, staff: Mapping[str, Iterable[str]] | None = None,
                          residents: Mapping[str, Iterable[str]] | None = None,
                          members: Mapping[str, Iterable[str]] | None = None,
                          chairs: Mapping[str, Iterable[str]] | None = None) -> list[Room]:
    """Log in and provision the rulebook's rooms; return them."""
    async with connected(settings) as (transport, store, router):
        return await provision(transport, store, router.rulebook, server_name=settings.server_name,
                               staff=staff, residents=residents, members=members, chairs=chairs,
                               lang=settings.lang, prefix=settings.room_prefix)


async def run_bot(settings: Settings, stop: asyncio.Event, *, ready: asyncio.Event | None = None,
                  started: Callable[[Bot], None] | None = None, clock: Clock = utc_now) -> Bot:
    """Run the bot until ``stop`` is set; return it (with its counters) when it has stopped.

    ``ready`` is set, and ``started`` called with the bot, once it is logged in and knows its rooms.
    """
    async with connected(settings) as (transport, store, router):
        bot = Bot(transport, store, TicketService(store, router, clock=clock), lang=settings.lang,
                  rulebook_path=Path(settings.rulebook or DEFAULT_RULEBOOK), model_path=settings.model,
                  worker=settings.worker)
        await bot.prepare()
        if not bot.rooms:
            log.warning("no rooms are provisioned: run `whistle provision` first")
        if started is not None:
            started(bot)
        if ready is not None:
            ready.set()
        with settled():  # the rulebook, the engine and the models stay for the bot's life: out of the collector's way
            await bot.run(stop)
        return bot


def stop_on_signals(stop: asyncio.Event) -> None:
    """Set ``stop`` on SIGINT or SIGTERM (Ctrl-C stops cleanly)."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
