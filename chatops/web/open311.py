"""Open311 GeoReport v2 (read side): discovery, services, service definitions and service requests.

Served under ``/open311/v2/`` in JSON and XML (the format is the path's extension), as the specification
(http://wiki.open311.org/GeoReport_v2) writes them: ``services`` are the rulebook's categories;
``POST requests`` (form-encoded UTF-8, with a client's ``api_key`` from ``whistle apikey add``; 30 a minute per
client; a location as the specification requires: ``lat`` and ``long``, ``address_string`` or ``address_id``, a
grid) makes a report through the ticket service, routed to the service's category, with the same
deadlines as a report from chat (the bot gives its handlers their card; an emergency's notice says whom to call);
``requests`` are the tickets as the public sees them (:mod:`chatops.tickets.public`), filtered by
``service_request_id``, ``service_code``, ``status``, ``start_date`` and ``end_date`` (a report's time,
W3C date-times), newest first, ``page_size`` (1-1000, default 100) to a ``page`` (an extension: the
specification leaves paging open). ``status`` is ``closed`` once the handler has resolved it (the
call-back then runs) and ``open`` before; ``status_notes`` tell the latest step. Errors come as the
specification's ``errors`` list with the HTTP status they name; a resident's identity never appears.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl
from xml.etree import ElementTree

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from chatops.tickets.lifecycle import MAX_NUMBER, OPEN311, LifecycleError, State
from chatops.tickets.public import PublicTicket, category_label, describe, public_ticket
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Place, Rulebook
from rules.catalogue import LANGS, sector_name, text
from rules.engine import on_owner_async

log = logging.getLogger(__name__)
KEY_KEPT = timedelta(days=2)  # how long an Idempotency-Key is remembered beside another request
SPEC = "http://wiki.open311.org/GeoReport_v2"
FORMATS = ("json", "xml")
MAX_PAGE = 1000
MAX_FIELDS = 100  # a report's form has a handful
MAX_BODY = 256 * 1024  # bytes of a form body: a report of MAX_REPORT_CHARS, percent-encoded, is under a tenth
CHANGESET = "2026-12-01T00:00:00+00:00"  # when this API's shape last changed
DONE = (State.RESOLVED, State.CLOSED)  # the handling is over: Open311's "closed"


class ApiError(Exception):
    """An error the specification's way: an HTTP status and a description."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


def status(ticket: PublicTicket) -> str:
    """Return Open311's status of ``ticket``: ``closed`` once resolved, else ``open``."""
    return "closed" if ticket.state in DONE else "open"


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _render(data: Any, fmt: str, root: str, item: str = "", status_code: int = 200) -> Response:
    """Return ``data`` in ``fmt``: a list becomes ``<root><item>…</item>…</root>``, a dict ``<root>…</root>``."""
    if fmt == "json":
        return JSONResponse(data, status_code=status_code)
    top = ElementTree.Element(root)
    if isinstance(data, list):
        for row in data:
            node = ElementTree.SubElement(top, item)
            for key, value in row.items():
                _xml_value(node, key, value)
    else:
        for key, value in data.items():
            _xml_value(top, key, value)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(top, encoding="utf-8",
                                                                                xml_declaration=False)
    return Response(body, status_code=status_code, media_type="text/xml; charset=utf-8")


def _xml_value(parent: ElementTree.Element, key: str, value: Any) -> None:
    if isinstance(value, list):
        holder = ElementTree.SubElement(parent, key)
        singular = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute",
                    "values": "value", "keywords": "keyword"}.get(key, "item")
        for v in value:
            if isinstance(v, dict):
                child = ElementTree.SubElement(holder, singular)
                for k, x in v.items():
                    _xml_value(child, k, x)
            else:
                ElementTree.SubElement(holder, singular).text = str(v)
        return
    node = ElementTree.SubElement(parent, key)
    if value is not None:
        node.text = ("true" if value else "false") if isinstance(value, bool) else str(value)


def _fmt(request: Request) -> str:
    fmt = request.path_params.get("fmt", "")
    if fmt not in FORMATS:
        raise ApiError(400, f"unknown format '{fmt[:10]}': use .json or .xml")
    return fmt


def _error(fmt: str, exc: ApiError) -> Response:
    return _render([{"code": exc.status, "description": exc.description}], fmt if fmt in FORMATS else "json",
                   "errors", "error", exc.status)


def _api(handler: Callable[[Request, str], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Return ``handler`` given the format the path asks for, with every refusal it raises (:class:`ApiError`,
    a report the lifecycle refuses) answered as the specification's error list."""
    async def answer(request: Request) -> Response:
        asked = request.path_params.get("fmt", "json")
        try:
            return await handler(request, _fmt(request))
        except ApiError as exc:
            return _error(asked, exc)
        except LifecycleError as exc:  # a report that is empty or too long
            return _error(asked, ApiError(400, exc.render("en")))
        except Exception:  # the store busy beyond its timeout, a bug: logged here, said in the API's format
            log.exception("Open311 %s %s failed", request.method, request.url.path)
            return _error(asked, ApiError(500, "the server could not answer just now; please try again later"))

    return answer


def _locale(request: Request) -> str:
    asked = request.query_params.get("locale", "").replace("_", "-")
    return "en" if asked.lower().startswith("en") else LANGS[0]


def _date(request: Request, name: str) -> datetime | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(400, f"{name} is not a W3C date-time: '{raw[:40]}'") from None
    if moment.tzinfo is None:
        raise ApiError(400, f"{name} needs a time zone offset: '{raw[:40]}'")
    return moment


def _list(request: Request, name: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in request.query_params.get(name, "").split(",") if v.strip())


async def _form(request: Request) -> Mapping[str, Any]:
    """Return the fields of a POST's form: ``application/x-www-form-urlencoded`` is UTF-8 (its specification
    knows no other charset, and a charset parameter does not change it), percent-encoded or sent as raw bytes;
    a body that is not UTF-8 either way is refused, never guessed (Starlette's own parser reads the raw bytes as
    Latin-1 and replaces what a percent-encoding does not decode: a raw Chinese report came out as mojibake).
    A multipart form is left to Starlette's parser (its parts may name their charset)."""
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):  # JSON, text…: not what it reads
        raise ApiError(400, f"send the request as application/x-www-form-urlencoded, not '{kind[:40] or 'nothing'}'")
    if kind != "application/x-www-form-urlencoded":
        try:
            return await request.form(max_fields=MAX_FIELDS, max_files=0)
        except Exception:  # a body that is not a form at all
            raise ApiError(400, "send the request as application/x-www-form-urlencoded") from None
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise ApiError(413, f"the request is too large: at most {MAX_BODY // 1024} KiB")
    except ClientDisconnect:  # nobody is left to read the answer
        raise ApiError(400, "the request ended before its body did") from None
    try:
        fields = parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict",
                           max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise ApiError(400, "the form is not UTF-8: send its fields as UTF-8, raw or percent-encoded "
                            "(application/x-www-form-urlencoded)") from None
    except ValueError:  # more fields than MAX_FIELDS
        raise ApiError(400, f"too many fields: at most {MAX_FIELDS}") from None
    return dict(fields)  # a field sent twice: the last, as Starlette's form gives it


class Limiter:
    """At most ``rate`` requests a minute per client, in bursts of up to ``burst`` (a token bucket each).

    >>> lim = Limiter(rate=60, burst=2)
    >>> [lim.allow("a", now=0.0) for _ in range(3)], lim.allow("a", now=1.0), lim.allow("b", now=0.0)
    ([True, True, False], True, True)
    """

    def __init__(self, rate: float = 30, burst: int = 10) -> None:
        self.rate, self.burst = rate / 60.0, burst
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str, *, now: float | None = None) -> bool:
        """Return whether ``client`` may make a request now (and count it)."""
        now = time.monotonic() if now is None else now
        tokens, then = self._buckets.get(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return False
        self._buckets[client] = (tokens - 1, now)
        return True


def _point(form: Mapping[str, Any]) -> str:
    """Return the ``lat`` and ``long`` of a request's form as the report says them ("" when neither is given); raise
    :class:`ApiError` when only one is, or either is not a latitude or longitude (WGS-84 degrees).

    >>> _point({"lat": "23.1291", "long": "113.2644"}), _point({})
    ('位置 23.1291,113.2644', '')
    """
    lat, lon = (str(form.get(k, "")).strip() for k in ("lat", "long"))
    if not lat and not lon:
        return ""
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        raise ApiError(400, "lat and long must both be given, as decimal degrees") from None
    if not (-90 <= y <= 90 and -180 <= x <= 180):
        raise ApiError(400, f"lat must be -90..90 and long -180..180, not {lat[:20]}, {lon[:20]}")
    return f"位置 {y},{x}"


def reporter_of(client: str, form: Mapping[str, Any]) -> str:
    """Return who reported through ``client``: a pseudonym of the citizen's account, device or e-mail when the
    client sends one (the same citizen is recognised again; nothing they sent is kept), else the client.

    >>> reporter_of("city", {}), reporter_of("city", {"email": "a@b.cn"})[:17]
    ('open311:city', 'open311:city:bab1')
    """
    who = next((str(form[k]).strip() for k in ("account_id", "device_id", "email") if str(form.get(k, "")).strip()),
               "")
    if not who:
        return f"{OPEN311}{client}"
    return f"{OPEN311}{client}:{hashlib.sha256(f'{client}/{who}'.encode()).hexdigest()[:16]}"


def routes(book: Rulebook, store: Callable[[], Store],
           writer: Callable[[], Awaitable[TicketService]] | None = None) -> list[Route]:
    """Return the routes of the API over ``store`` (a function: the store opens when the app starts);
    ``writer`` gives the ticket service that takes new requests (``None``: the API is read-only)."""
    limiter = Limiter()

    def service(code: str, lang: str) -> dict[str, Any]:
        c = book.category_by_id[code]
        return {"service_code": c.id, "service_name": category_label(book, c.id, lang),
                "description": category_label(book, c.id, lang), "metadata": False, "type": "realtime",
                # English: its English words, else its English name (never the Chinese words)
                "keywords": ", ".join((c.keywords_en or (c.name_en,) if lang == "en" else c.keywords)[:8]),
                "group": sector_name(book.handler_by_id[c.lead].sector, lang)}

    def request_row(t: PublicTicket, lang: str) -> dict[str, Any]:
        last = t.steps[-1] if t.steps else None
        row: dict[str, Any] = {
            "service_request_id": str(t.id), "status": status(t),
            "status_notes": describe(last, book, lang) if last else None,
            "service_name": category_label(book, t.category, lang), "service_code": t.category or "",
            "description": t.text, "agency_responsible": book.handler_name(t.lead, lang, "") or None,
            "service_notice": None, "requested_datetime": _time(t.created_at), "updated_datetime": _time(t.updated_at),
            "expected_datetime": _time(t.resolve_deadline) if status(t) == "open" else None,
            "address": book.grid_name(t.grid, t.estate, lang) or None, "address_id": t.grid, "zipcode": None,
            "media_url": None,
        }
        return row

    async def discovery(request: Request, fmt: str) -> Response:
        base = str(request.base_url).rstrip("/") + "/open311/v2/"
        return _render({"changeset": CHANGESET, "contact": book.community.name, "key_service": "",
                        "endpoints": [{"specification": SPEC, "url": base, "changeset": CHANGESET,
                                       "type": "production", "formats": ["application/json", "text/xml"]}]},
                       fmt, "discovery")

    async def services(request: Request, fmt: str) -> Response:
        lang = _locale(request)
        return _render([service(c.id, lang) for c in book.categories], fmt, "services", "service")

    async def definition(request: Request, fmt: str) -> Response:
        code = request.path_params["code"]
        if code not in book.category_by_id:
            raise ApiError(404, f"no service with the code '{code[:40]}'")
        return _render({"service_code": code, "attributes": []}, fmt, "service_definition")

    async def requests(request: Request, fmt: str) -> Response:
        ids = []
        for raw in _list(request, "service_request_id"):
            if not raw.isdigit() or int(raw) > MAX_NUMBER:  # a number no ticket can have never reaches the store
                raise ApiError(400, f"service_request_id is not a ticket number: '{raw[:20]}'")
            ids.append(int(raw))
        codes = _list(request, "service_code")
        unknown = [c for c in codes if c not in book.category_by_id]
        if unknown:
            raise ApiError(400, f"unknown service_code: '{unknown[0][:40]}'")
        states: tuple[str, ...] = ()
        for s in _list(request, "status"):
            if s not in ("open", "closed"):
                raise ApiError(400, f"status must be open or closed, not '{s[:20]}'")
            states += tuple(str(x) for x in (DONE if s == "closed" else (State.ROUTED, State.ACKNOWLEDGED,
                                                                         State.REPORTED)))
        start, end = _date(request, "start_date"), _date(request, "end_date")
        try:
            size = int(request.query_params.get("page_size", "100"))
            page = int(request.query_params.get("page", "1"))
        except ValueError:
            raise ApiError(400, "page and page_size must be whole numbers") from None
        if not 1 <= size <= MAX_PAGE or not 1 <= page <= MAX_NUMBER:
            raise ApiError(400, f"page_size must be 1-{MAX_PAGE} and page 1-{MAX_NUMBER}")
        tickets, _total = await store().listing(ids=tuple(ids), categories=codes, states=states, since=start,
                                                until=end, limit=size, offset=(page - 1) * size)
        lang = _locale(request)
        logs = await store().events_of(t.id for t in tickets)
        rows = [request_row(public_ticket(t, logs[t.id], book), lang) for t in tickets]
        return _render(rows, fmt, "service_requests", "request")

    async def one(request: Request, fmt: str) -> Response:
        raw = request.path_params["number"]
        found = await store().ticket(int(raw)) if raw.isdigit() and int(raw) <= MAX_NUMBER else None
        if found is None:
            raise ApiError(404, f"no service request '{raw[:20]}'")
        row = request_row(public_ticket(found, await store().events(found.id), book), _locale(request))
        return _render([row], fmt, "service_requests", "request")

    async def nothing(request: Request) -> Response:
        fmt = "xml" if request.url.path.endswith(".xml") else "json"
        return _error(fmt, ApiError(404, f"no such Open311 resource: '{request.url.path[:80]}' "
                                         "(see /open311/discovery.json)"))

    async def create(request: Request, fmt: str) -> Response:
        if writer is None:
            raise ApiError(405, "this server does not take new requests")
        form = await _form(request)
        key = str(form.get("api_key", "")).strip()
        client = await store().api_client(key) if key else None
        if client is None:
            raise ApiError(403, "a valid api_key is required (ask the community for one)")
        if not limiter.allow(client):
            raise ApiError(429, "too many requests: try again in a minute")
        code = str(form.get("service_code", "")).strip()
        if not code:
            raise ApiError(400, "service_code is required")
        if code not in book.category_by_id:
            raise ApiError(404, f"no service with the code '{code[:40]}'")
        grid = str(form.get("address_id", "")).strip()
        if grid and grid not in book.grid_by_id:
            raise ApiError(400, f"address_id is not a grid of this community: '{grid[:40]}'")
        words = str(form.get("description", "")).strip() or category_label(book, code)
        address = str(form.get("address_string", "")).strip()
        point = _point(form)
        if not (grid or address or point):  # GeoReport v2: one of the three is required
            raise ApiError(400, "a location is required: lat and long, address_string or address_id")
        if where := "，".join(w for w in (address, point) if w):
            words = f"{words}（{where}）"
        # a client that sends again what may not have arrived (a timeout) names the request: the same key is the
        # same report, answered with the same number, never a second ticket
        again = request.headers.get("idempotency-key", "").strip()
        if len(again) > 200:
            raise ApiError(400, "Idempotency-Key must be at most 200 characters")
        source = f"{OPEN311}{client}:" + secrets.token_hex(8)
        if again:  # the key names the request, and what was asked: the same key for another request is refused
            named = f"{OPEN311}{client}:key:{hashlib.sha256(again.encode()).hexdigest()[:24]}:"
            asked = hashlib.sha256("\x1f".join((code, words, grid)).encode()).hexdigest()[:12]
            source = named + asked
            if any(s != source for s in await store().sources_from(named, datetime.now(UTC) - KEY_KEPT)):
                raise ApiError(422, "this Idempotency-Key was used for another request")
        service = await writer()
        routed = await service.route(words)
        decision = routed
        # the client said which service: it decides, as a resident's pick does (nobody is asked which matter: an
        # Open311 client has no thread to answer in), unless the words tell an emergency of another matter (电梯困人了
        # sent as a lift fault is people trapped, for the fire station: emergencies first)
        told = routed.priority == "emergency" and routed.category is not None and routed.report is not False
        if not told and (routed.category != code or routed.ask):
            decision = await on_owner_async(lambda: service.router.decide(code, urgent=routed.priority == "emergency"))
            decision.place = routed.place
        receipt = await service.report(source=source,
                                       reporter=reporter_of(client, form), text=words,
                                       place=Place(grid) if grid else None, decision=decision)
        lead = book.handler_name(receipt.ticket.lead, _locale(request), "")
        if receipt.ticket.priority == "emergency":  # whom to call first, as a resident in chat is told
            call = text("hotline", _locale(request), hotline=book.hotline_for(receipt.ticket.category))
            lead = f"{lead}；{call}" if lead else call
        return _render([{"service_request_id": str(receipt.ticket.id), "service_notice": lead or None,
                         "account_id": None}], fmt, "service_requests", "request")

    return [
        Route("/discovery.{fmt}", _api(discovery)), Route("/v2/discovery.{fmt}", _api(discovery)),
        Route("/v2/services.{fmt}", _api(services)), Route("/v2/services/{code}.{fmt}", _api(definition)),
        Route("/v2/requests.{fmt}", _api(requests), methods=["GET"]),
        Route("/v2/requests.{fmt}", _api(create), methods=["POST"]),
        Route("/v2/requests/{number}.{fmt}", _api(one)),
        # any other path under /open311: the specification's error list, not the board's HTML page
        Route("/{rest:path}", nothing, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ]
