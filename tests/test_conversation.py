"""Commands, verdicts and ratings parsed from what people type; raw Matrix events read defensively."""

from __future__ import annotations

import asyncio

import pytest

from chatops.chat.commands import ALIASES, REGISTRY
from chatops.chat.conversation import parse, rating, reaction_key, verdict
from chatops.chat.outbox import Outbox, to_say
from chatops.chat.transport import Message, Reaction, RoomPower, Say, SendResult
from chatops.chat.transport.base import creators_of
from chatops.chat.transport.matrix import _retry_after, incoming
from chatops.chat.transport.matrix_wire import render
from chatops.chat.transport.memory import MemoryTransport
from chatops.tickets.store import Outgoing, Store


@pytest.mark.parametrize(("body", "name", "ticket", "args"), [
    ("!签收", "ack", None, ""),
    ("！签收 #12", "ack", 12, ""),
    ("!ack 12", "ack", 12, ""),
    ("!备注已联系居民", "note", None, "已联系居民"),
    ("!note 3号楼 已修", "note", None, "3号楼 已修"),
    ("!转派 #7 城管 占道经营", "transfer", 7, "城管 占道经营"),
    ("!HELP", "help", None, ""),
    ("!帮助", "help", None, ""),
    ("!我的", "mine", None, ""),
    ("!xyz", "unknown", None, ""),
])
def test_parse(body: str, name: str, ticket: int | None, args: str) -> None:
    cmd = parse(body)
    assert cmd is not None and (cmd.name, cmd.ticket, cmd.args) == (name, ticket, args)


def test_a_bare_number_in_a_thread_is_text_unless_marked() -> None:
    assert parse("!note 3 workers came", in_thread=True).ticket is None  # type: ignore[union-attr]
    assert parse("!note #3 workers came", in_thread=True).ticket == 3  # type: ignore[union-attr]
    assert parse("!签收 3", in_thread=True).ticket == 3  # type: ignore[union-attr]


@pytest.mark.parametrize("word", ["赞成", "反对", "弃权", "yes", "no", "abstain", "附议", "到", "结束表决", "召集"])
def test_a_command_that_takes_a_number_alone_is_malformed_with_anything_else(word: str) -> None:
    glued = f"!{word}abc" if len(word) > 1 and not word.isascii() else f"!{word} x1"  # "!赞成abc": no space
    for body in (f"!{word} abc", glued, f"!{word} 1 2", f"!{word} ²", f"!{word} 1a", f"!{word} 3 不对是4"):
        cmd = parse(body)
        assert cmd is not None and cmd.malformed, body
    for body, ticket in ((f"!{word}", None), (f"!{word} 3", 3), (f"!{word} #3", 3), (f"！{word} ＃3", 3),
                         (f"!{word} 3号", 3), (f"!{word} 3 同意", 3), (f"!{word} 了", None)):
        cmd = parse(body)
        assert cmd is not None and not cmd.malformed and cmd.ticket == ticket, body
    thread = parse(f"!{word} 3", in_thread=True)
    assert thread is not None and not thread.malformed and thread.ticket == 3
    assert not parse("!备注 abc").malformed and not parse("!监督 3 abc").malformed  # type: ignore[union-attr]


def test_plain_text_is_not_a_command() -> None:
    assert parse("3号楼电梯又坏了") is None and parse("") is None and parse("   ") is None


def test_every_command_has_a_chinese_alias() -> None:
    for spec in REGISTRY:
        assert any(not a.isascii() for a in spec.aliases), spec.name
        assert all(ALIASES[a.lower()] == spec.name for a in spec.aliases)


@pytest.mark.parametrize(("text", "expected"), [
    ("已解决", True), ("解决了，谢谢", True), ("没问题了", True), ("是", True), ("1", True),
    ("还没修好", False), ("没有解决", False), ("不是", False), ("2", False), ("又坏了", False),
    ("师傅几点来？", None), ("是几点来", None),
])
def test_verdict(text: str, expected: bool | None) -> None:
    assert verdict(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("满意", "satisfied"), ("基本满意", "basically_satisfied"), ("不满意", "dissatisfied"),
    ("不太满意", "dissatisfied"), ("3", "dissatisfied"), ("Satisfied", "satisfied"), ("谢谢", None),
])
def test_rating(text: str, expected: str | None) -> None:
    assert rating(text) == expected


def test_reaction_keys_ignore_variation_selectors_and_skin_tones() -> None:
    assert reaction_key("✅\ufe0f") == "✅" and reaction_key("👍🏽") == "👍"


def test_incoming_reads_raw_events_defensively() -> None:
    msg = incoming("!r", {"type": "m.room.message", "event_id": "$1", "sender": "@a:x",
                          "content": {"msgtype": "m.text", "body": "hi", "m.relates_to": {
                              "rel_type": "m.thread", "event_id": "$root", "m.in_reply_to": {"event_id": "$p"}}}})
    assert msg == Message("!r", "$1", "@a:x", "hi", "text", "$root", "$p", False)
    edit = incoming("!r", {"type": "m.room.message", "event_id": "$2", "sender": "@a:x",
                           "content": {"body": "x", "msgtype": "m.text", "m.relates_to": {"rel_type": "m.replace"}}})
    assert isinstance(edit, Message) and edit.is_edit and edit.replaces is None
    named = incoming("!r", {"type": "m.room.message", "event_id": "$2", "sender": "@a:x", "content": {
        "body": "* x", "msgtype": "m.text", "m.relates_to": {"rel_type": "m.replace", "event_id": "$orig"}}})
    assert isinstance(named, Message) and named.is_edit and named.replaces == "$orig"
    assert incoming("!r", {"type": "m.room.message", "event_id": "$3", "sender": "@a:x",
                           "content": {"body": 42}}) == Message("!r", "$3", "@a:x", "", "other")
    assert incoming("!r", {"type": "m.reaction", "event_id": "$4", "sender": "@a:x", "content": {
        "m.relates_to": {"rel_type": "m.annotation", "event_id": "$c", "key": "✅"}}}) == \
        Reaction("!r", "$4", "@a:x", "✅", "$c")
    for bad in ({"type": "m.room.message"}, {"type": "m.room.message", "event_id": "$5", "sender": "@a:x",
                                              "content": "nope"},
                {"type": "m.reaction", "event_id": "$6", "sender": "@a:x", "content": {"m.relates_to": []}},
                {"type": "m.room.member", "event_id": "$7", "sender": "@a:x", "content": {}}):
        assert incoming("!r", bad) is None


def test_retry_after_prefers_the_header() -> None:
    assert _retry_after("3", {"retry_after_ms": 9000}) == 3.0
    assert _retry_after(None, {"retry_after_ms": 1500}) == 1.5
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT", {}) == 1.0


def test_room_version_12_creators_outrank_everyone() -> None:
    creators, version = creators_of({"room_version": "12", "additional_creators": ["@b:x", 5]}, "@a:x")
    assert creators == {"@a:x", "@b:x"} and version == "12"
    power = RoomPower({"users": {"@s:x": 50}, "users_default": 0}, creators, version)
    assert power.of("@a:x") == float("inf") and power.of("@s:x") == 50 and power.of("@z:x") == 0
    assert creators_of({"room_version": "10"}, "@a:x")[0] == frozenset()  # before v12: levels only
    assert RoomPower({"users": {"@a:x": "bogus"}}).of("@a:x") == 0


def test_a_thread_reply_waits_for_its_root() -> None:
    from chatops.tickets.store import OutboxRow

    row = OutboxRow(2, Outgoing("!r", "step", {"body": "x"}, thread_of=1), "pending", 0, 0, None, "", None,
                    {"thread": None, "thread_state": "pending"})
    assert to_say(row) is None
    say = to_say(row, {1: "$card"})
    assert say is not None and render(say)["m.relates_to"]["event_id"] == "$card"
    edit = OutboxRow(3, Outgoing("!r", "card_edit", {"lines": ["new"], "mentions": []}, edit_of=1), "pending",
                     0, 0, None, "", None, {"edit": "$card"})
    say = to_say(edit)
    assert say is not None
    content = render(say)
    assert content["m.new_content"]["body"] == "new" and content["body"] == "* new"
    legacy = OutboxRow(4, Outgoing("!r", "reply", {"body": "old\nrow", "msgtype": "m.notice"}), "pending", 0, 0,
                       None, "", None, {})  # stored as Matrix content by an older version: still sent
    assert to_say(legacy) == Say(("old", "row"))


class RateLimited(MemoryTransport):
    """Refuses the first send with a 429 and a Retry-After of 2 s."""

    limited = True

    async def send(self, room_id: str, say: Say, txn_id: str) -> SendResult:
        if self.limited:
            self.limited = False
            return SendResult(retry_after=2.0, error="429 M_LIMIT_EXCEEDED", rate_limited=True)
        return await super().send(room_id, say, txn_id)


async def test_outbox_honours_429_without_counting_it(store: Store) -> None:
    now = [1000.0]
    net = RateLimited()
    outbox = Outbox(store, net, clock=lambda: now[0])
    async with store.write() as tx:
        await tx.enqueue(Outgoing("!r", "reply", {"body": "a"}))
        await tx.enqueue(Outgoing("!r", "reply", {"body": "b"}))
    assert await outbox.flush() == pytest.approx(2.0)
    assert net.sent == []
    pending = await store.outbox_pending()
    assert pending[0].not_before == 1002.0 and pending[0].attempts == 0
    now[0] = 1001.0
    await outbox.flush()
    assert net.sent == []  # not yet: order is kept, the second waits behind the first
    now[0] = 1002.5
    await outbox.flush()
    assert [s.body for s in net.sent] == ["a", "b"]
    assert [s.txn_id for s in net.sent] == [f"w{await store.chat_state('store_id')}.{i}" for i in (1, 2)]
    await asyncio.sleep(0)


class SlowRoom(MemoryTransport):
    """Room !slow answers each send after 50 ms; every other room at once."""

    async def send(self, room_id: str, say: Say, txn_id: str) -> SendResult:
        if room_id == "!slow":
            await asyncio.sleep(0.05)
        return await super().send(room_id, say, txn_id)


async def test_a_busy_room_does_not_hold_up_another(store: Store) -> None:
    net = SlowRoom()
    outbox = Outbox(store, net)
    async with store.write() as tx:
        for i in range(10):
            await tx.enqueue(Outgoing("!slow", "reply", {"body": f"slow {i}"}))
    stop = asyncio.Event()
    task = asyncio.create_task(outbox.run(stop))
    await asyncio.sleep(0.08)
    async with store.write() as tx:
        await tx.enqueue(Outgoing("!quick", "card", {"body": "card"}))
    outbox.wake()
    while len(net.sent) < 11:
        await asyncio.sleep(0.01)
    stop.set()
    outbox.wake()
    await asyncio.wait_for(task, 5)
    order = [s.body for s in net.sent]
    assert order.index("card") < 5  # sent at once, not after the slow room's queue
    assert [b for b in order if b != "card"] == [f"slow {i}" for i in range(10)]  # each room keeps its order
