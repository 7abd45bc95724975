"""The staff dashboard: what is overdue or due soon, waiting to be signed for, whistled, escalated, asking for
more days, and (for the street office) which notices failed — behind a login with the Matrix account.

There is no second password store. The login form's user name and password go to the homeserver's own
login (``m.login.password``); with the token it returns, the dashboard reads the power levels of the
handlers' rooms the store knows, then logs that token out again (it keeps no Matrix token). Staff at
power level 50 or more in a handler's room see that handler's tickets; staff of the street office (the
rulebook's fallback) see every handler's. Anyone else is refused. The session is a signed cookie
(Starlette's ``SessionMiddleware``), forms carry a CSRF token (``asgi-csrf``), and ``logout`` ends it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx

from chatops.tickets.lifecycle import OPEN, State, Ticket
from chatops.tickets.store import Store
from rules import Rulebook

log = logging.getLogger(__name__)
STAFF_LEVEL = 50
SOON = timedelta(hours=24)
SHOWN = 100  # rows listed in each of the staff's lists (their full counts are shown beside them)
PERIODS = (7, 30, 90)  # days of whistles and escalations the dashboard can show


class LoginError(Exception):
    """Why a login failed, as a catalogue key (``web_login_wrong``, ``web_login_unreachable``...)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Access:
    """Who logged in and what they may see: their handlers, or ``everything`` for the street office."""

    user: str
    handlers: tuple[str, ...]
    everything: bool

    def as_session(self) -> dict[str, Any]:
        return {"user": self.user, "handlers": list(self.handlers), "everything": self.everything}

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> Access | None:
        if not data.get("user"):
            return None
        return cls(str(data["user"]), tuple(data.get("handlers", ())), bool(data.get("everything")))


async def matrix_login(homeserver: str, user: str, password: str, rooms: dict[str, str], fallback: str, *,
                       client: httpx.AsyncClient | None = None) -> Access:
    """Return what ``user`` may see, after checking ``password`` with the homeserver; raise :class:`LoginError`.

    ``rooms`` maps handler ids to their rooms. The token the login gives is logged out before returning.
    """
    own = client is None
    http = client or httpx.AsyncClient(base_url=homeserver, timeout=15)
    try:
        try:
            answer = await http.post("/_matrix/client/v3/login", json={
                "type": "m.login.password", "identifier": {"type": "m.id.user", "user": user}, "password": password,
                "initial_device_display_name": "whistle web (staff dashboard)"})
        except httpx.HTTPError as exc:
            log.warning("homeserver unreachable for a staff login: %s", exc)
            raise LoginError("web_login_unreachable") from None
        if answer.status_code in (400, 401, 403, 404):
            raise LoginError("web_login_wrong")
        if answer.status_code == 429:
            raise LoginError("web_login_later")
        if answer.status_code != 200:
            raise LoginError("web_login_unreachable")
        body = answer.json()
        token, user_id = body["access_token"], body["user_id"]
        headers = {"Authorization": f"Bearer {token}"}
        try:
            mine = []
            for handler, room in rooms.items():
                try:
                    levels = await http.get(f"/_matrix/client/v3/rooms/{quote(room)}/state/m.room.power_levels",
                                            headers=headers)
                except httpx.HTTPError:
                    raise LoginError("web_login_unreachable") from None
                if levels.status_code != 200:  # not in that room
                    continue
                data = levels.json()
                if int(data.get("users", {}).get(user_id, data.get("users_default", 0))) >= STAFF_LEVEL:
                    mine.append(handler)
        finally:
            try:
                await http.post("/_matrix/client/v3/logout", headers=headers)
            except httpx.HTTPError:
                log.warning("could not log the staff login's token out")
        if not mine:
            raise LoginError("web_login_not_staff")
        return Access(user_id, tuple(sorted(mine)), fallback in mine)
    finally:
        if own:
            await http.aclose()


@dataclass(frozen=True)
class Row:
    """A ticket on the dashboard, with why it is there and a link to its card in Matrix."""

    ticket: Ticket
    overdue: bool
    due: datetime | None
    card: str | None


@dataclass(frozen=True)
class Board:
    """The dashboard's lists."""

    now: datetime
    overdue: list[Row]
    soon: list[Row]
    unsigned: list[Row]
    extensions: list[Row]
    whistles: list[Any]
    escalations: list[Any]
    failed: list[Any]
    open_count: int
    counts: dict[str, int] = field(default_factory=dict)  # each list's size in all (only ``SHOWN`` are listed)


async def as_of(store: Store) -> datetime:
    """Return "now" for the staff's and the map's deadlines: the later of the clock and the log's latest event
    (a simulated or demo log runs ahead of the clock)."""
    latest = await store.latest_event_at()
    clock = datetime.now(UTC)
    return max(clock, latest) if latest else clock


def due_of(ticket: Ticket) -> datetime | None:
    """Return the deadline the ticket's holder faces now: to sign for it while routed, else to resolve it."""
    if ticket.state is State.ROUTED and ticket.sign_deadline is not None:
        return ticket.sign_deadline
    return ticket.resolve_deadline


async def dashboard(store: Store, book: Rulebook, access: Access, *, handler: str = "", grid: str = "",
                    category: str = "", days: int = 30, now: datetime | None = None) -> Board:
    """Return the dashboard of ``access`` (narrowed to one ``handler``, ``grid``, ``category`` if given): open
    tickets past or near their deadline, waiting to be signed for, asking for days; whistles and
    escalations of the last ``days``; failed notices for the street office. ``now`` defaults to the later
    of the clock and the log's latest event (a simulated or demo log runs ahead of the clock)."""
    now = now or await as_of(store)
    leads = (handler,) if handler else () if access.everything else access.handlers
    grids, categories = (grid,) if grid else (), (category,) if category else ()
    _page, total = await store.listing(states=tuple(str(s) for s in OPEN), leads=leads, grids=grids,
                                       categories=categories, limit=0)
    lists = {which: await store.due_list(which, now, now + SOON, leads=leads, grids=grids, categories=categories,
                                         limit=SHOWN)
             for which in ("overdue", "soon", "unsigned", "extensions")}  # each ordered and counted by SQL
    cards = {room.ref: room.room_id for room in await store.rooms() if room.kind == "handler"}
    links = await store.card_links(t.id for shown, _n in lists.values() for t in shown)  # one query, not one a row

    def row(t: Ticket) -> Row:
        due = due_of(t)
        room = cards.get(t.lead or "")
        sent = links.get((t.id, room)) if room is not None else None
        link = f"https://matrix.to/#/{quote(room)}/{quote(sent)}" if room is not None and sent else None
        return Row(t, due is not None and due < now, due, link)

    visible = set(leads)
    events = await store.recent(("whistled", "escalated"), now - timedelta(days=days))
    mine = [e for e in events if not visible or e.target in visible or e.actor_handler in visible
            or any(h in visible for h in e.data.get("summon", ()))]
    failed = await store.failed_outbox(50) if access.everything else []
    shown = {which: [row(t) for t in tickets] for which, (tickets, _n) in lists.items()}
    return Board(now, shown["overdue"], shown["soon"], shown["unsigned"], shown["extensions"],
                 [e for e in mine if e.kind == "whistled"], [e for e in mine if e.kind == "escalated"], failed, total,
                 {which: n for which, (_t, n) in lists.items()})
