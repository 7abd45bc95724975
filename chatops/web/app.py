"""The web app: the public board and Open311 on one Starlette application over a read-only store.

>>> import tempfile, asyncio
>>> from pathlib import Path
>>> from starlette.testclient import TestClient
>>> from research import sample_store
>>> with TestClient(create_app(sample_store(50))) as client:
...     page = client.get("/")
>>> page.status_code, "公开栏" in page.text
(200, True)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from chatops.tickets.lifecycle import State
from chatops.tickets.public import category_label, describe, public_ticket
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from chatops.web import open311
from chatops.web.filters import PAGE, UNCLASSIFIED, FilterError, Filters
from rules import Router, Rulebook, load_rulebook
from rules.catalogue import LANGS, text
from rules.model import Model

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")


def language(request: Request) -> str:
    """Return the page's language: ``?lang=`` if given, else the ``lang`` cookie, else zh-CN."""
    asked = request.query_params.get("lang") or request.cookies.get("lang") or ""
    return asked if asked in LANGS else LANGS[0]


class Pages:
    """Renders the board's pages with the catalogue's words in the visitor's language."""

    def __init__(self, book: Rulebook) -> None:
        self.book = book
        self.zone = ZoneInfo(book.calendar.timezone)
        self.env = Environment(loader=PackageLoader("chatops.web", "templates"), autoescape=select_autoescape(),
                               trim_blocks=True, lstrip_blocks=True)

    def render(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        lang = language(request)
        book = self.book

        def t(key: str, **params: Any) -> str:
            return text(key, lang, **params)

        page = self.env.get_template(template).render(
            t=t, lang=lang, other="en" if lang != "en" else "zh-CN", book=book,
            community=book.community.name_en if lang == "en" else book.community.name,
            handler=lambda h: book.handler_name(h, lang, ""),
            category=lambda c: category_label(book, c, lang),
            place=book.grid_name, when=lambda d: d.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if d else "",
            day=lambda d: d.astimezone(self.zone).strftime("%Y-%m-%d") if d else "",
            describe=lambda s: describe(s, book, lang), path=request.url.path, **values)
        response = HTMLResponse(page, status_code=status)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
        return response


def create_app(store_path: str | Path, *, rulebook: Rulebook | None = None, live: int = 20,
               router: Router | None = None) -> Starlette:
    """Return the web app over the store file at ``store_path`` (opened read-only when the app starts);
    the board's rows refresh themselves every ``live`` seconds. Open311 POSTs are routed by ``router``
    (default: the rulebook's, with the model in ``$WHISTLE_MODEL``), through a second connection that
    writes, opened at the first POST."""
    book = rulebook or load_rulebook()
    pages = Pages(book)
    held: dict[str, Store] = {}
    services: list[TicketService] = []
    opening = asyncio.Lock()

    async def writer() -> TicketService:
        async with opening:
            if not services:
                chosen = router or Router(book)
                model = os.environ.get("WHISTLE_MODEL")
                if router is None and model and Path(model).is_file():
                    chosen = chosen.with_model(Model.load(Path(model)))
                held["writer"] = await Store.open(store_path)
                services.append(TicketService(held["writer"], chosen))
        return services[0]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        held["store"] = await Store.open(store_path, readonly=True)
        try:
            yield
        finally:
            for store in held.values():
                await store.close()

    async def board(request: Request) -> Response:
        try:
            filters = Filters.parse(request.query_params, book)
        except FilterError as exc:
            return pages.render(request, "error.html", 400, message=text("web_bad_filter", language(request),
                                                                             detail=str(exc)))
        since, until = filters.span(pages.zone)
        tickets, total = await held["store"].listing(
            grids=(filters.grid,) if filters.grid else (), states=(filters.state,) if filters.state else (),
            categories=("" if filters.category == UNCLASSIFIED else filters.category,) if filters.category else (),
            since=since, until=until, limit=PAGE, offset=(filters.page - 1) * PAGE)
        rows = [public_ticket(t, None, book) for t in tickets]
        template = "rows.html" if request.headers.get("HX-Request") else "board.html"
        return pages.render(request, template, filters=filters, rows=rows, total=total, live=live,
                            pages=max(1, -(-total // PAGE)), states=[s.value for s in State if s != State.REPORTED],
                            unclassified=UNCLASSIFIED)

    async def ticket(request: Request) -> Response:
        try:
            number = int(request.path_params["number"])
        except ValueError:
            number = -1
        found = await held["store"].ticket(number) if number > 0 else None
        if found is None:
            return pages.render(request, "error.html", 404, message=text("web_not_found", language(request)))
        view = public_ticket(found, await held["store"].events(number), book)
        return pages.render(request, "ticket.html", ticket=view)

    async def failed(request: Request, exc: Exception) -> Response:
        log.exception("web page %s failed", request.url.path, exc_info=exc)
        return pages.render(request, "error.html", 500, message=text("web_error", language(request)))

    async def missing(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 404
        return pages.render(request, "error.html", code, message=text("web_not_found", language(request)))

    routes = [
        Route("/", board), Route("/tickets/{number}", ticket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Mount("/open311", routes=open311.routes(book, lambda: held["store"], writer)),
    ]
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: failed, 404: missing})
