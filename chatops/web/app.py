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
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from asgi_csrf import asgi_csrf
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from chatops.tickets.lifecycle import MAX_NUMBER, OPEN, State
from chatops.tickets.public import category_label, describe, public_ticket
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from chatops.web import open311
from chatops.web.filters import PAGE, UNCLASSIFIED, FilterError, Filters
from chatops.web.map import HEIGHT, MEASURES, WIDTH, colour, layout, shade
from chatops.web.staff import PERIODS, Access, LoginError, as_of, dashboard, due_of, matrix_login
from rules import Router, Rulebook, load_rulebook
from rules.catalogue import LANGS, listed, text
from rules.model import ModelError
from rules.starter import routing_models

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
KEPT_PAGES = 256  # board pages answered from memory while the store has not changed


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
            names=lambda hs: listed((book.handler_name(h, lang, "") for h in hs), lang),
            category=lambda c: category_label(book, c, lang),
            place=lambda grid, estate=None: book.grid_name(grid, estate, lang),
            when=lambda d: d.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if d else "",
            day=lambda d: d.astimezone(self.zone).strftime("%Y-%m-%d") if d else "",
            describe=lambda s: describe(s, book, lang), path=request.url.path, **values)
        response = HTMLResponse(page, status_code=status)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
        return response


def create_app(store_path: str | Path, *, rulebook: Rulebook | None = None, live: int = 20,
               router: Router | None = None, homeserver: str | None = None, secret: str | None = None) -> Any:
    """Return the web app over the store file at ``store_path`` (opened read-only when the app starts);
    the board's rows refresh themselves every ``live`` seconds. Open311 POSTs are routed by ``router``
    (default: the rulebook's, with the model in ``$WHISTLE_MODEL``), through a second connection that
    writes, opened at the first POST. Staff log in at ``/staff`` with their Matrix account on ``homeserver``
    (none: the dashboard says login is not set up); ``secret`` signs sessions and CSRF tokens (default: a
    random one for this process)."""
    book = rulebook or load_rulebook()
    pages = Pages(book)
    held: dict[str, Store] = {}
    services: list[TicketService] = []
    opening = asyncio.Lock()

    async def writer() -> TicketService:
        async with opening:
            if not services:
                chosen = router
                if chosen is None:
                    setting = os.environ.get("WHISTLE_MODEL") or None
                    try:
                        chosen = Router(book, *await asyncio.to_thread(routing_models, book, setting))
                    except ModelError as exc:  # the bot refuses to start with it; the board carries on
                        log.warning("the routing model cannot be used, routing without it: %s", exc)
                        chosen = Router(book)
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

    pages_kept: OrderedDict[tuple[str, str, str, int], bytes] = OrderedDict()

    async def board(request: Request) -> Response:
        """The board, or its rows for htmx; the same page is answered from memory until the store changes
        (every open board asks again every ``live`` seconds)."""
        template = "rows_live.html" if request.headers.get("HX-Request") else "board.html"
        key = (template, language(request), request.url.query, await held["store"].data_version())
        if "lang" not in request.query_params and key in pages_kept:
            pages_kept.move_to_end(key)
            return HTMLResponse(pages_kept[key])
        response = await _board(request, template)
        if response.status_code == 200 and "lang" not in request.query_params:
            pages_kept[key] = bytes(response.body)
            while len(pages_kept) > KEPT_PAGES:
                pages_kept.popitem(last=False)
        return response

    async def _board(request: Request, template: str) -> Response:
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
        return pages.render(request, template, filters=filters, rows=rows, total=total, live=live,
                            pages=max(1, -(-total // PAGE)), states=[s.value for s in State if s != State.REPORTED],
                            unclassified=UNCLASSIFIED)

    async def ticket(request: Request) -> Response:
        try:
            number = int(request.path_params["number"])
        except ValueError:
            number = -1
        found = await held["store"].ticket(number) if 0 < number <= MAX_NUMBER else None
        if found is None:
            return pages.render(request, "error.html", 404, message=text("web_not_found", language(request)))
        view = public_ticket(found, await held["store"].events(number), book)
        return pages.render(request, "ticket.html", ticket=view)

    def staff_page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        token = request.scope.get("csrftoken")
        return pages.render(request, template, status, csrftoken=token() if callable(token) else "",
                            access=Access.from_session(request.session), **values)

    async def staff(request: Request) -> Response:
        access = Access.from_session(request.session)
        if access is None:
            return RedirectResponse("/staff/login", status_code=303)
        q = request.query_params
        handler = q.get("handler", "") if access.everything else ""
        grid, category = q.get("grid", ""), q.get("category", "")
        try:
            days = int(q.get("days", "30"))
        except ValueError:
            days = 30
        if (handler and handler not in book.handler_by_id) or (grid and grid not in book.grid_by_id) or (
                category and category not in book.category_by_id) or days not in PERIODS:
            return staff_page(request, "error.html", 400, message=text("web_bad_filter", language(request),
                                                                       detail=""))
        view = await dashboard(held["store"], book, access, handler=handler, grid=grid, category=category, days=days)
        return staff_page(request, "staff.html", board=view, handler_filter=handler, grid_filter=grid,
                          category_filter=category, days=days, periods=PERIODS, due=due_of)

    async def login(request: Request) -> Response:
        lang = language(request)
        if request.method == "GET":
            return staff_page(request, "login.html", configured=homeserver is not None)
        if homeserver is None:
            return staff_page(request, "login.html", 503, configured=False)
        form = await request.form()
        user, password = str(form.get("user", "")).strip(), str(form.get("password", ""))
        if not user or not password or len(user) > 255 or len(password) > 1024:
            return staff_page(request, "login.html", 400, configured=True, error=text("web_login_wrong", lang))
        rooms = {r.ref: r.room_id for r in await held["store"].rooms() if r.kind == "handler"}
        try:
            access = await matrix_login(homeserver, user, password, rooms, book.fallback)
        except LoginError as exc:
            status = 403 if exc.key in ("web_login_wrong", "web_login_not_staff") else 503
            return staff_page(request, "login.html", status, configured=True, error=text(exc.key, lang), user=user)
        request.session.clear()
        request.session.update(access.as_session())
        log.info("staff login: %d handler(s)%s", len(access.handlers), " (all)" if access.everything else "")
        return RedirectResponse("/staff", status_code=303)

    async def logout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    tables: dict[tuple[str, str], Any] = {}

    async def rates(request: Request) -> Response:
        """The month's rates of every handler and the fair ranking (counted by ``whistle report`` in a child
        process, remembered until the log changes), and the month's whistles and joint tickets."""
        from chatops.chat.rates import PUBLISHED, Period, PeriodError, handler_table_apart, rulebook_file

        lang = language(request)
        months = await held["store"].months()
        by = request.query_params.get("by", "satisfaction")
        try:
            period = Period.parse(request.query_params.get("month") or (months[-1] if months else None),
                                  today=datetime.now(pages.zone).date())
        except PeriodError:  # said with what was wrong (a tester's month=2026-13 got the words and nothing after them)
            return pages.render(request, "error.html", 400, message=text(
                "web_bad_filter", lang, detail=f"month={request.query_params.get('month', '')[:20]}"))
        if by not in PUBLISHED:
            return pages.render(request, "error.html", 400, message=text("web_bad_filter", lang,
                                                                         detail=f"by={by[:40]}"))
        latest = await held["store"].latest_event_at()
        key = (str(period), str(latest))
        if key not in tables:
            try:
                tables[key] = await handler_table_apart(str(store_path), rulebook_file(book, store_path),
                                                        period)
            except RuntimeError as exc:
                log.warning("no rates for %s: %s", period, exc)
                return pages.render(request, "error.html", 503, message=text("stats_unavailable", lang))
        rows = sorted(tables[key], key=lambda r: (r.rates[by][4] is None, r.rates[by][4] or 0, -r.rates[by][1]))
        start, end = period.bounds(pages.zone)
        whistles = [e for e in await held["store"].recent(("whistled",), start) if e.at < end]
        joint, joint_count = await held["store"].listing(states=tuple(str(x) for x in OPEN), joint=True, limit=50)
        return pages.render(request, "rates.html", rows=rows, period=str(period), by=by, published=PUBLISHED,
                            months=months, whistles=whistles, joint=[public_ticket(t, None, book) for t in joint],
                            joint_count=joint_count)

    async def decisions(request: Request) -> Response:
        """两公开 on the board: every matter with each step's counts (应到, 实到, 赞成, 反对, 弃权), the resolution
        and the result of carrying it out; never who voted what."""
        from chatops.meetings.publication import public_matters

        lang = language(request)
        store = held["store"]
        rows = await store.matters(limit=200)
        found = public_matters(rows, await store.matter_events(r.id for r in rows), book, lang, pages.zone)
        return pages.render(request, "decisions.html", matters=found)

    async def draw(request: Request, *, staff_view: bool) -> Response:
        lang = language(request)
        q = request.query_params
        months = await held["store"].months()
        measure = q.get("measure", "open")
        try:
            index = int(q.get("m", "0") or 0)
        except ValueError:
            index = -1
        known = measure in MEASURES or (measure.startswith("category:") and measure[9:] in book.category_by_id)
        if not known or not 0 <= index <= len(months):
            return pages.render(request, "error.html", 400, message=text(
                "web_bad_filter", lang, detail=f"measure={measure[:40]}" if not known else f"m={q.get('m', '')[:20]}"))
        month = months[index - 1] if index else ""
        since, until = Filters(month=month).span(pages.zone) if month else (None, None)
        now = await as_of(held["store"])
        open_states = tuple(str(x) for x in OPEN)
        counts = await held["store"].tally(
            states=open_states if measure in ("open", "overdue") else (), since=since, until=until,
            category=measure[9:] if measure.startswith("category:") else None,
            late_at=now if measure == "overdue" else None, buildings=staff_view)
        shapes = layout(book, buildings=staff_view, lang=language(request))
        if not staff_view and not book.privacy.public_estate:
            shapes = [x for x in shapes if x.kind == "grid"]
        template = "map_svg.html" if request.headers.get("HX-Request") else "map.html"
        return pages.render(request, template, shapes=shade(shapes, counts), colour=colour, width=WIDTH,
                            height=HEIGHT, months=months, index=index, month=month, measure=measure,
                            measures=MEASURES, staff_view=staff_view, base="/staff" if staff_view else "/")

    async def public_map(request: Request) -> Response:
        return await draw(request, staff_view=False)

    async def staff_map(request: Request) -> Response:
        if Access.from_session(request.session) is None:
            return RedirectResponse("/staff/login", status_code=303)
        return await draw(request, staff_view=True)

    async def failed(request: Request, exc: Exception) -> Response:
        log.exception("web page %s failed", request.url.path, exc_info=exc)
        return pages.render(request, "error.html", 500, message=text("web_error", language(request)))

    async def missing(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 404
        return pages.render(request, "error.html", code, message=text("web_not_found", language(request)))

    routes = [
        Route("/", board), Route("/tickets/{number}", ticket), Route("/staff", staff),
        Route("/map", public_map), Route("/staff/map", staff_map), Route("/rates", rates),
        Route("/decisions", decisions),
        Route("/staff/login", login, methods=["GET", "POST"]), Route("/staff/logout", logout, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Mount("/open311", routes=open311.routes(book, lambda: held["store"], writer)),
    ]
    key = secret or secrets.token_urlsafe(32)
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: failed, 404: missing},
                    middleware=[Middleware(SessionMiddleware, secret_key=key, session_cookie="whistle_staff",
                                           max_age=8 * 3600, same_site="strict")])
    # forms carry a token tied to a cookie; the API authenticates with its keys instead
    return asgi_csrf(app, signing_secret=key, always_protect={"/staff/login", "/staff/logout"},
                     skip_if_scope=lambda scope: scope["path"].startswith("/open311/"))
