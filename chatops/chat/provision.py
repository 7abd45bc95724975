"""Provisioning from the rulebook: one room per handler, residents' rooms per grid and for the community,
and a room per body that meets in a room of its own (党支部, 两委, 党员大会, 居民代表会议), with its roll.

Idempotent: every room has an alias (``#whistle-police:server``), so a second run finds the rooms it
made, makes sure the bot is in them, invites missing staff and raises their power level to 50; the
rooms are recorded in the store for the bot. The network's side (``ensure_room``) is the transport's:
for Matrix, :mod:`chatops.chat.transport.matrix_rooms`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from chatops.chat.bot import STAFF_LEVEL
from chatops.chat.transport.base import RoomError
from chatops.tickets.store import Room, Store
from rules import Rulebook
from rules.catalogue import text


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
    rooms += [Plan("body", b.id, f"{prefix}-body-{b.id}",
                   text("room_body_name", lang, body=b.name_en if lang == "en" else b.name, community=community),
                   text("room_body_topic", lang), False)
              for b in book.deliberation.bodies if b.room == "own"]
    return rooms


class RoomMaker(Protocol):
    """What provisioning needs of a chat network (the Matrix transport has it)."""

    async def ensure_room(self, *, alias_local: str, server_name: str, name: str, topic: str, public: bool,
                          people: list[str], staff_level: int | None) -> str: ...


async def provision(network: RoomMaker, store: Store, book: Rulebook, *, server_name: str,
                    staff: Mapping[str, Iterable[str]] | None = None,
                    residents: Mapping[str, Iterable[str]] | None = None,
                    members: Mapping[str, Iterable[str]] | None = None,
                    chairs: Mapping[str, Iterable[str]] | None = None,
                    prefix: str = "whistle", lang: str | None = None) -> list[Room]:
    """Create or find every room of :func:`plan`; invite ``staff`` (handler id -> user ids, power 50),
    ``residents`` (grid id or '' -> user ids), and each body's ``members`` and ``chairs`` (body id -> user
    ids; chairs at power 50, and on the roll too), adding them to the body's roll; record the rooms in
    ``store``. Return them."""
    def sets(m: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
        return {k: sorted(set(v)) for k, v in (m or {}).items()}

    staff, residents, members, chairs = sets(staff), sets(residents), sets(members), sets(chairs)
    unknown = sorted((set(members) | set(chairs)) - {b.id for b in book.deliberation.bodies if b.room == "own"})
    if unknown:
        raise ProvisionError(text("unknown_bodies", lang, bodies=", ".join(unknown)))
    handlers = [h.id for h in book.handlers]
    if unknown := sorted(set(staff) - set(handlers)):  # a typo would invite nobody, and say nothing
        raise ProvisionError(text("unknown_handlers", lang, handlers=", ".join(unknown), known=", ".join(handlers[:4])))
    grids = [g.id for g in book.grids]
    if unknown := sorted(set(residents) - {*grids, ""}):
        raise ProvisionError(text("unknown_grids", lang, grids=", ".join(unknown), known=", ".join(grids)))
    rooms: list[Room] = []
    for p in plan(book, prefix=prefix, lang=lang):
        if p.kind == "handler":
            groups: list[tuple[list[str], int | None]] = [(staff.get(p.ref, []), STAFF_LEVEL)]
        elif p.kind == "body":
            groups = [(members.get(p.ref, []), None), (chairs.get(p.ref, []), STAFF_LEVEL)]
        else:
            groups = [(residents.get(p.ref, []), None)]
        try:
            for people, level in groups:
                room_id = await network.ensure_room(alias_local=p.alias_local, server_name=server_name, name=p.name,
                                                    topic=p.topic, public=p.public, people=list(people),
                                                    staff_level=level)
        except RoomError as exc:  # the network's refusal, said with the room it was about
            raise ProvisionError(str(exc)) from exc
        room = Room(room_id, p.kind, p.ref, f"#{p.alias_local}:{server_name}")
        async with store.write() as tx:
            await tx.save_room(room)
            if p.kind == "body":
                await tx.set_roll(p.ref, [*members.get(p.ref, []), *chairs.get(p.ref, [])])
        rooms.append(room)
    return rooms
