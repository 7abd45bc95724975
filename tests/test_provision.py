"""Provisioning refuses names the rulebook does not know, before any room is made (a typo would invite nobody)."""

from __future__ import annotations

import pytest

from chatops.chat.provision import ProvisionError, provision
from chatops.tickets.store import Store
from rules import load_rulebook


class Rooms:
    """The rooms a homeserver would make (a unit test of provisioning alone: the e2e tests use Synapse)."""

    def __init__(self) -> None:
        self.made: list[tuple[str, list[str]]] = []

    async def ensure_room(self, *, alias_local: str, server_name: str, name: str, topic: str, public: bool,
                          people: list[str], staff_level: int | None) -> str:
        self.made.append((alias_local, people))
        return f"!{alias_local}:{server_name}"


@pytest.mark.parametrize(("people", "said"), [
    ({"staff": {"proprety": ["@wang:t"]}}, "proprety"),  # a typo of property
    ({"residents": {"grid9": ["@li:t"]}}, "grid9"),
])
async def test_an_unknown_handler_or_grid_is_refused_before_any_room(store: Store, people: dict, said: str) -> None:
    rooms = Rooms()
    with pytest.raises(ProvisionError) as caught:
        await provision(rooms, store, load_rulebook(), server_name="t", lang="zh-CN", **people)
    assert said in str(caught.value) and "规则手册里没有" in str(caught.value)
    assert rooms.made == [] and await store.rooms() == []


async def test_known_handlers_and_grids_are_invited(store: Store) -> None:
    rooms = Rooms()
    made = await provision(rooms, store, load_rulebook(), server_name="t",
                           staff={"property": ["@wang:t"]}, residents={"grid1": ["@li:t"], "": ["@zhao:t"]})
    invited = dict(rooms.made)
    assert invited["whistle-property"] == ["@wang:t"] and invited["whistle-grid-grid1"] == ["@li:t"]
    assert len(made) == len(await store.rooms())
