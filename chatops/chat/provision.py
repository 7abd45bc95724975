"""Provisioning from the rulebook: one room per handler, residents' rooms per grid and for the community.

Idempotent: every room has an alias (``#whistle-police:server``), so a second run finds the rooms it
made, makes sure the bot is in them, invites missing staff and raises their power level to 50; the
rooms are recorded in the store for the bot.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nio import AsyncClient, RoomCreateResponse, RoomPreset, RoomResolveAliasResponse, RoomVisibility

from chatops.chat.bot import STAFF_LEVEL
from chatops.tickets.store import Room, Store
from rules import Rulebook
from rules.catalogue import text

log = logging.getLogger(__name__)


class ProvisionError(Exception):
    """A room could not be created or joined."""


@dataclass(frozen=True)
class Plan:
    """A room to have: its store record (without a room id yet), alias, name and topic."""

    kind: str
    ref: str
    alias_local: str
    name: str
    topic: str
    public: bool


def plan(book: Rulebook, *, prefix: str = "whistle", lang: str | None = None) -> list[Plan]:
    """Return the rooms the rulebook calls for: each handler's, each grid's, and the whole community's."""
    community = book.community.name_en if lang == "en" else book.community.name
    rooms = [Plan("handler", h.id, f"{prefix}-{h.id}",
                  text("room_handler_name", lang, handler=h.name_en if lang == "en" else h.name, community=community),
                  text("room_handler_topic", lang, handler=h.name_en if lang == "en" else h.name), False)
             for h in book.handlers]
    rooms.append(Plan("community", "", f"{prefix}-community", text("room_community_name", lang, community=community),
                      text("room_community_topic", lang), True))
    rooms += [Plan("community", g.id, f"{prefix}-grid-{g.id}",
                   text("room_grid_name", lang, community=community, grid=g.name), text("room_community_topic", lang),
                   True) for g in book.grids]
    return rooms


async def provision(client: AsyncClient, store: Store, book: Rulebook, *, server_name: str,
                    staff: Mapping[str, Iterable[str]] | None = None,
                    residents: Mapping[str, Iterable[str]] | None = None,
                    prefix: str = "whistle", lang: str | None = None) -> list[Room]:
    """Create or find every room of :func:`plan`; invite ``staff`` (handler id -> user ids, power 50) and
    ``residents`` (grid id or '' -> user ids); record the rooms in ``store``. Return them."""
    staff = {k: sorted(set(v)) for k, v in (staff or {}).items()}
    residents = {k: sorted(set(v)) for k, v in (residents or {}).items()}
    rooms: list[Room] = []
    creator_listed = not await _creators_outrank(client)
    for p in plan(book, prefix=prefix, lang=lang):
        alias = f"#{p.alias_local}:{server_name}"
        people = staff.get(p.ref, []) if p.kind == "handler" else residents.get(p.ref, [])
        room_id = await _find(client, alias)
        if room_id is None:
            users = {u: STAFF_LEVEL for u in people} if p.kind == "handler" else {}
            if creator_listed:  # before room version 12 the creator's power is an entry like any other
                users[client.user_id] = 100
            resp = await client.room_create(
                visibility=RoomVisibility.private, alias=p.alias_local, name=p.name, topic=p.topic,
                preset=RoomPreset.public_chat if p.public else RoomPreset.private_chat, invite=people,
                power_level_override={"users": users}, federate=False,
                initial_state=[{"type": "m.room.history_visibility", "state_key": "",
                                "content": {"history_visibility": "shared"}}])
            if not isinstance(resp, RoomCreateResponse):
                raise ProvisionError(f"{alias}: {getattr(resp, 'message', resp)}")
            room_id = resp.room_id
            log.info("created %s (%s)", alias, room_id)
        else:
            await _join(client, room_id, alias)
            await _ensure_people(client, room_id, people, staff_level=p.kind == "handler")
        room = Room(room_id, p.kind, p.ref, alias)
        async with store.write() as tx:
            await tx.save_room(room)
        rooms.append(room)
    return rooms


async def _creators_outrank(client: AsyncClient) -> bool:
    """Return whether new rooms get version 12 or later, whose creators must not be listed in ``users``."""
    resp = await client.send("GET", "/_matrix/client/v3/capabilities",
                             headers={"Authorization": f"Bearer {client.access_token}"})
    body = await resp.json(content_type=None) if resp.status == 200 else {}
    default = str(((body.get("capabilities") or {}).get("m.room_versions") or {}).get("default", "1"))
    return default.isdigit() and int(default) >= 12


async def _find(client: AsyncClient, alias: str) -> str | None:
    resp = await client.room_resolve_alias(alias)
    return resp.room_id if isinstance(resp, RoomResolveAliasResponse) else None


async def _join(client: AsyncClient, room_id: str, alias: str) -> None:
    resp = await client.join(room_id)
    if not hasattr(resp, "room_id"):
        raise ProvisionError(f"{alias}: {getattr(resp, 'message', resp)}")


async def _ensure_people(client: AsyncClient, room_id: str, people: Iterable[str], *,
                         staff_level: bool) -> None:
    """Invite whoever is not in the room yet and, for staff, raise their power level to 50."""
    if not people:
        return
    members = await client.joined_members(room_id)
    present = {m.user_id for m in getattr(members, "members", [])}
    for user in people:
        if user not in present:
            await client.room_invite(room_id, user)  # already invited: harmless error
    if staff_level:
        levels = await client.room_get_state_event(room_id, "m.room.power_levels")
        content = dict(getattr(levels, "content", {}) or {})
        users = dict(content.get("users") or {})
        if any(users.get(u, 0) < STAFF_LEVEL for u in people):
            users.update({u: max(STAFF_LEVEL, users.get(u, 0)) for u in people})
            content["users"] = users
            await client.room_put_state(room_id, "m.room.power_levels", content)
