"""Several bot workers sharing the rooms of one store (on both engines): each room handled by exactly one
worker, the rooms shared fairly, and a worker that stops has its rooms taken over when its leases run out,
with what arrived meanwhile caught up: nothing lost, nothing doubled."""

from __future__ import annotations

from chatops.chat.bot import LEASE_TTL, Bot
from chatops.chat.transport.memory import MemoryTransport
from chatops.tickets.service import TicketService
from chatops.tickets.store import Room, Store
from rules import Router

GRIDS = [f"!grid{i}:t" for i in range(6)]
STREET = "!street:t"


async def workers(store: Store, mini_router: Router, clock) -> tuple[Bot, Bot, MemoryTransport]:  # type: ignore[no-untyped-def]
    async with store.write() as tx:
        for room in GRIDS:
            await tx.save_room(Room(room, "community", "g1" if room == GRIDS[0] else room.strip("!:t")))
        await tx.save_room(Room(STREET, "handler", "street"))
    one = MemoryTransport()
    a = Bot(one, store, TicketService(store, mini_router, clock=clock), worker="a")
    b = Bot(one.device(), store, TicketService(store, mini_router, clock=clock), worker="b")
    await a.prepare()
    await b.prepare()
    return a, b, one


async def test_two_workers_share_the_rooms_and_one_takes_over_when_the_other_stops(
        store: Store, mini_router: Router, clock) -> None:  # type: ignore[no-untyped-def]
    a, b, net = await workers(store, mini_router, clock)
    await a.lease_round(now=0)
    assert a.mine == set(a.rooms)  # alone: every room
    await b.lease_round(now=1)
    assert b.mine == set()  # nothing is free yet
    await a.lease_round(now=2)  # two workers now: a keeps its share and gives the rest back
    await b.lease_round(now=3)
    assert a.mine and b.mine and not a.mine & b.mine and a.mine | b.mine == set(a.rooms)
    assert abs(len(a.mine) - len(b.mine)) <= 1

    for i, room in enumerate(GRIDS):
        net.say(room, f"@r{i}:t", "1号楼楼上漏水了")  # no estate named: each in its room's grid
    await a.step()
    await b.step()
    await a.outbox.flush()
    await b.outbox.flush()
    assert await store.count("tickets") == len(GRIDS)  # each report once: by the worker holding its room
    receipts = [s for s in net.sent if s.room_id in GRIDS]
    assert sorted(s.room_id for s in receipts) == sorted(GRIDS)  # one receipt each, sent by that room's worker

    dead = sorted(a.mine & set(GRIDS))  # a stops: no more syncs, no more lease rounds
    for room in dead:
        net.say(room, "@late:t", "2号楼电梯坏了")
    await b.step()  # b sees them in its sync but they are not its rooms: not handled yet
    assert await store.count("tickets") == len(GRIDS)
    await b.lease_round(now=3 + LEASE_TTL / 2)  # a's leases still run: b waits
    assert not b.mine & set(dead)
    taken = await b.lease_round(now=3 + LEASE_TTL + 1)  # they ran out: b takes them and catches up
    assert set(dead) <= set(taken) and b.mine == set(b.rooms)
    await b.outbox.flush()
    assert await store.count("tickets") == len(GRIDS) + len(dead)  # caught up once each
    again = await b.lease_round(now=3 + LEASE_TTL + 2)  # nothing doubles on a second round
    assert again == [] and await store.count("tickets") == len(GRIDS) + len(dead)
    late = [s for s in net.sent if s.room_id in dead]
    assert len(late) == 2 * len(dead)  # each dead room: the first receipt (by a) and the caught-up one (by b)


async def test_an_event_that_fails_while_caught_up_is_counted(
        store: Store, mini_router: Router, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A taken-over room's backlog fails event by event, and ``whistle status`` counts each (it counted none)."""
    a, b, net = await workers(store, mini_router, clock)
    await a.lease_round(now=0)  # a holds every room, then stops
    for i, room in enumerate(GRIDS):
        net.say(room, f"@r{i}:t", "安居苑1号楼楼上漏水了")

    async def broken(event: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(b, "handle", broken)
    taken = await b.lease_round(now=LEASE_TTL + 1)
    assert set(GRIDS) <= set(taken)
    assert b.failures == len(GRIDS)
