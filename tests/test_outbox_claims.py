"""Workers on one store claim the outbox rows they send (on both engines): a room's messages leave in order and
once, a worker that stopped mid-room is read back before another sends what it left, and on PostgreSQL a claim
skips rows another transaction holds instead of waiting for them."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg

from chatops.chat.outbox import CLAIM_HOLD, SEND_WITHIN, Outbox, to_say
from chatops.chat.transport import Message, Say, SendResult
from chatops.chat.transport.memory import MemoryTransport
from chatops.tickets.store import Outgoing, Store, pg
from tests.conftest import PostgreSQL


class Device(MemoryTransport):
    """One device of the bot's account: its transaction ids deduplicate only its own sends (as on Matrix), and
    what it sends is in the room's history with the outbox's transaction id, as a backlog shows it."""

    async def send(self, room_id: str, say: Say, txn_id: str) -> SendResult:
        result = await super().send(room_id, say, txn_id)
        if result.event_id is not None:
            self.history.append(Message(room_id, result.event_id, self.user_id, say.lines[0] if say.lines else "",
                                        kind="notice", txn=txn_id))
        return result


async def _queue(store: Store, room: str, *bodies: str) -> list[int]:
    async with store.write() as tx:
        return [await tx.enqueue(Outgoing(room, "reply", {"body": b})) for b in bodies]


def _bodies(net: MemoryTransport, room: str) -> list[str]:
    return [s.body for s in net.sent if s.room_id == room]


async def test_a_claim_stops_where_another_workers_begins_so_a_room_keeps_its_order(store: Store) -> None:
    first, second, third, fourth = await _queue(store, "!x", "1", "2", "3", "4")
    (other,) = await _queue(store, "!y", "y")
    held = await store.take_outbox("a", 100.0, 100.0 + CLAIM_HOLD, room_id="!x", limit=2)
    assert [r.id for r in held] == [first, second]
    # "b" may not send 3 before "a" sent 1 and 2: it takes nothing of the room, not even the rows after them
    assert [r.id for r in await store.take_outbox("b", 101.0, 101.0 + CLAIM_HOLD)] == [other]
    assert [r.id for r in await store.take_outbox("a", 102.0, 102.0 + CLAIM_HOLD)] == [first, second, third, fourth]
    assert [r.id for r in await store.take_outbox("b", 103.0, 103.0 + CLAIM_HOLD)] == [other]  # its own again
    # "a"'s claim ran out: the room is free, from its first row
    later = 102.0 + CLAIM_HOLD + 1
    assert [r.id for r in await store.take_outbox("b", later, later + CLAIM_HOLD, room_id="!x")] == \
        [first, second, third, fourth]


async def test_the_worker_taking_a_room_over_marks_what_the_stopped_one_sent_and_sends_the_rest_once(
        store: Store) -> None:
    history: list[Any] = []
    one, two = Device(history=history), Device(history=history)  # two devices: no shared transaction ids
    now = [1000.0]
    a = Outbox(store, one, clock=lambda: now[0], worker="a")
    b = Outbox(store, two, clock=lambda: now[0], worker="b")
    await _queue(store, "!x", "1", "2", "3")
    rows, _send_by = await a._take("!x")
    store_id = await store.chat_state("store_id")
    say = to_say(rows[0])
    assert say is not None
    await one.send("!x", say, f"w{store_id}.{rows[0].id}")  # "a" sent the first row, then stopped before marking it

    now[0] += CLAIM_HOLD / 2
    assert await b.flush() == 30.0 and _bodies(two, "!x") == []  # "a"'s claim still runs: "b" waits
    now[0] += CLAIM_HOLD
    await b.flush()  # read back first: the first row was sent ("a"'s message carries its row), so only 2 and 3
    assert _bodies(one, "!x") == ["1"] and _bodies(two, "!x") == ["2", "3"]
    assert (await store.outbox_counts()).get("pending", 0) == 0
    assert await a.flush() == 30.0 and _bodies(one, "!x") == ["1"]  # "a" back: nothing twice


async def test_what_cannot_be_read_back_is_not_sent_yet(store: Store) -> None:
    history: list[Any] = []
    one, two = Device(history=history), Device(history=history)
    now = [1000.0]
    await _queue(store, "!x", "1")
    await Outbox(store, one, clock=lambda: now[0], worker="a")._take("!x")  # "a" claims it, then stops
    now[0] += CLAIM_HOLD + 1
    two.down = True  # the homeserver cannot say whether "a" sent it
    b = Outbox(store, two, clock=lambda: now[0], worker="b")
    await b.flush()
    assert (await store.outbox_counts())["pending"] == 1 and two.sent == []
    two.down = False
    await b.flush()
    assert _bodies(two, "!x") == ["1"]


async def test_a_worker_sends_only_while_its_claim_is_young(store: Store) -> None:
    now = [1000.0]

    class Slow(MemoryTransport):
        async def send(self, room_id: str, say: Say, txn_id: str) -> SendResult:
            now[0] += SEND_WITHIN + 1  # a send that takes longer than the claim lets a row wait
            return await super().send(room_id, say, txn_id)

    net = Slow()
    outbox = Outbox(store, net, clock=lambda: now[0], worker="a")
    await _queue(store, "!x", "1", "2")
    assert await outbox.flush() == 0.0  # one sent; the next only after claiming again
    assert _bodies(net, "!x") == ["1"]
    await outbox.flush()
    assert _bodies(net, "!x") == ["1", "2"]


async def test_on_postgresql_a_claim_skips_the_rows_another_transaction_holds(postgres: PostgreSQL) -> None:
    async with await Store.open(postgres.database()) as store:
        xs = await _queue(store, "!x", "1", "2")
        ys = await _queue(store, "!y", "1", "2")
        other = await asyncpg.connect(pg.community_of(store.address)[0])
        try:
            held = other.transaction()
            await held.start()
            await other.fetch("SELECT id FROM outbox WHERE id = $1 FOR UPDATE", xs[0])
            # a plain claim would wait for that transaction; SKIP LOCKED goes on at once, and the room whose
            # first row it skipped sends nothing (its second row must not go first)
            taken = await asyncio.wait_for(store.take_outbox("b", 100.0, 100.0 + CLAIM_HOLD), timeout=10)
            assert [r.id for r in taken] == ys
            await held.rollback()
            assert [r.id for r in await store.take_outbox("b", 101.0, 101.0 + CLAIM_HOLD)] == [*xs, *ys]
        finally:
            await other.close()
