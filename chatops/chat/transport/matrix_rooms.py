"""Rooms on a Matrix homeserver: find one by alias or create it, join it, invite people, raise staff's power.

What :mod:`chatops.chat.provision` asks of the Matrix transport (``MatrixTransport.ensure_room``); all the
Matrix room state (presets, history visibility, power levels, room version 12 creators) is made here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from nio import AsyncClient, RoomCreateResponse, RoomPreset, RoomResolveAliasResponse, RoomVisibility

from chatops.chat.transport.base import RoomError

log = logging.getLogger(__name__)


async def ensure_room(client: AsyncClient, *, alias_local: str, server_name: str, name: str, topic: str,
                      public: bool, people: list[str], staff_level: int | None, creators_outrank: bool) -> str:
    """Return the id of the room ``#alias_local:server_name``, created if missing (``people`` invited, at
    ``staff_level`` when given) or joined and completed (missing people invited, staff raised).
    ``creators_outrank``: new rooms are version 12 or later (see :func:`creators_outrank`)."""
    alias = f"#{alias_local}:{server_name}"
    room_id = await _find(client, alias)
    if room_id is None:
        users = {u: staff_level for u in people} if staff_level is not None else {}
        if not creators_outrank:  # before room version 12 the creator's power is listed too
            users[client.user_id] = 100
        resp = await client.room_create(
            visibility=RoomVisibility.private, alias=alias_local, name=name, topic=topic,
            preset=RoomPreset.public_chat if public else RoomPreset.private_chat, invite=people,
            power_level_override={"users": users}, federate=False,
            initial_state=[{"type": "m.room.history_visibility", "state_key": "",
                            "content": {"history_visibility": "shared"}}])
        if not isinstance(resp, RoomCreateResponse):
            raise RoomError(f"{alias}: {getattr(resp, 'message', resp)}")
        log.info("created %s (%s)", alias, resp.room_id)
        return str(resp.room_id)
    resp_join = await client.join(room_id)
    if not hasattr(resp_join, "room_id"):
        raise RoomError(f"{alias}: {getattr(resp_join, 'message', resp_join)}")
    await _ensure_people(client, room_id, people, staff_level=staff_level)
    return room_id


async def creators_outrank(client: AsyncClient) -> bool:
    """Return whether new rooms get version 12 or later, whose creators must not be listed in ``users``."""
    resp = await client.send("GET", "/_matrix/client/v3/capabilities",
                             headers={"Authorization": f"Bearer {client.access_token}"})
    body = await resp.json(content_type=None) if resp.status == 200 else {}
    default = str(((body.get("capabilities") or {}).get("m.room_versions") or {}).get("default", "1"))
    return default.isdigit() and int(default) >= 12


async def _find(client: AsyncClient, alias: str) -> str | None:
    resp = await client.room_resolve_alias(alias)
    return resp.room_id if isinstance(resp, RoomResolveAliasResponse) else None


async def _ensure_people(client: AsyncClient, room_id: str, people: Iterable[str], *,
                         staff_level: int | None) -> None:
    """Invite whoever is not in the room yet and, for staff, raise their power level to ``staff_level``."""
    people = list(people)
    if not people:
        return
    members = await client.joined_members(room_id)
    present = {m.user_id for m in getattr(members, "members", [])}
    for user in people:
        if user not in present:
            await client.room_invite(room_id, user)  # already invited: harmless error
    if staff_level is not None:
        levels = await client.room_get_state_event(room_id, "m.room.power_levels")
        content = dict(getattr(levels, "content", {}) or {})
        users = dict(content.get("users") or {})
        if any(users.get(u, 0) < staff_level for u in people):
            users.update({u: max(staff_level, users.get(u, 0)) for u in people})
            content["users"] = users
            await client.room_put_state(room_id, "m.room.power_levels", content)
