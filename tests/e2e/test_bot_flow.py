"""The whole loop on a real Synapse: real rooms, real users, the real bot, store and rule engine."""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chatops.chat.bot import Bot
from chatops.chat.runner import connected, provision_rooms, run_bot
from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver
from chatops.local.people import Person, Seen
from chatops.tickets.lifecycle import State
from chatops.tickets.service import TicketService
from tests.conftest import MINI
from tests.e2e.conftest import PASSWORD, Register

_worlds = itertools.count(1)


@dataclass
class World:
    """A provisioned community (the mini rulebook) with a running bot and people logged in."""

    settings: Settings
    bot_user: str
    rooms: dict[str, str]  # "grid" / "all" / handler id -> room id
    alice: Person
    bob: Person
    prop: Person  # property staff
    street: Person  # street office staff
    bot: Bot
    stop: asyncio.Event
    task: asyncio.Task[Bot]

    def notices(self, who: Person, room: str) -> list[Seen]:
        return who.notices(self.rooms[room], self.bot_user)

    async def heard(self, who: Person, room: str, test: object, timeout: float = 30) -> Seen:
        return await who.wait_for(lambda s: s.room_id == self.rooms[room] and s.sender == self.bot_user
                                  and test(s), timeout=timeout)  # type: ignore[operator]


def settings_for(tmp: Path, homeserver: LocalHomeserver, bot_user: str, prefix: str) -> Settings:
    rulebook = tmp / "mini.yaml"
    rulebook.write_text(MINI, encoding="utf-8")
    return Settings(homeserver=homeserver.url, bot_user=bot_user, var=tmp, store=tmp / "whistle.sqlite",
                    rulebook=rulebook, bot_password=PASSWORD, room_prefix=prefix)


class MovableClock:
    """Real time plus whatever a test adds: deadlines come due without waiting hours."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


async def start_bot(settings: Settings, clock: MovableClock) -> tuple[Bot, asyncio.Event, asyncio.Task[Bot]]:
    stop, ready = asyncio.Event(), asyncio.Event()
    holder: list[Bot] = []
    task = asyncio.create_task(run_bot(settings, stop, ready=ready, started=holder.append, clock=clock))
    async with asyncio.timeout(30):
        await ready.wait()
    return holder[0], stop, task


@pytest.fixture
async def world(tmp_path: Path, homeserver: LocalHomeserver, register: Register) -> AsyncIterator[World]:
    n = next(_worlds)
    bot_user = await register("whistle")
    alice, bob = await register("alice"), await register("bob")
    prop, street, outsider = await register("prop"), await register("street"), await register("outsider")
    settings = settings_for(tmp_path, homeserver, bot_user, f"t{n}")
    carol = await register("carol")
    rooms = await provision_rooms(settings, staff={"property": [prop], "street": [street], "police": [outsider]},
                                  residents={"g1": [alice, bob, carol], "": [alice, bob]})
    # an outsider sits in the property room without power: it may watch, not act
    by = {(r.ref if r.kind == "handler" else ("grid" if r.ref else "all")): r.room_id for r in rooms}
    people = [await Person.login(homeserver.url, u, PASSWORD) for u in (alice, bob, prop, street)]
    clock = MovableClock()
    bot, stop, task = await start_bot(settings, clock)
    w = World(settings, bot_user, by, *people, bot, stop, task)
    w.clock = clock  # type: ignore[attr-defined]
    w.outsider = await Person.login(homeserver.url, outsider, PASSWORD)  # type: ignore[attr-defined]
    w.carol = await Person.login(homeserver.url, carol, PASSWORD)  # type: ignore[attr-defined]
    yield w
    stop.set()
    await asyncio.wait_for(task, 30)
    for p in (*people, w.outsider, w.carol):  # type: ignore[attr-defined]
        await p.close()


def is_card(seen: Seen, ticket: int) -> bool:
    """Return whether ``seen`` is a ticket card (a thread root, not an edit) for ``ticket``."""
    return seen.relation == {} and f"#{ticket} " in seen.body


def ticket_no(seen: Seen) -> int:
    m = re.search(r"#(\d+)", seen.body)
    assert m, seen.body
    return int(m.group(1))


async def test_report_card_ack_note_resolve_verdict_rating(world: World) -> None:
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑1号楼楼上漏水了")
    receipt = await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    assert "工单 #1" in receipt.body and "物业委员会" in receipt.body
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    assert "安居苑1号楼楼上漏水了" in card.body and w.alice.user_id not in card.body
    assert card.content["m.mentions"] == {"user_ids": [w.prop.user_id]}

    await w.prop.react(card.room_id, card.event_id, "✅")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "已签收" in s.body)
    edit = await w.heard(w.prop, "property", lambda s: s.edits == card.event_id and "办理中" in s.body)
    assert "办理中" in edit.content["m.new_content"]["body"]

    await w.prop.say(card.room_id, "!备注 师傅下午两点上门", thread_root=card.event_id)
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "师傅下午两点上门" in s.body)
    await w.prop.say(card.room_id, "!办结 已更换水管", thread_root=card.event_id)
    ask = await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "问题解决了吗" in s.body)
    assert ask.content["m.mentions"] == {"user_ids": [w.alice.user_id]}
    await w.alice.react(ask.room_id, ask.event_id, "👍")
    rate = await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "请对工单 #1" in s.body)
    await w.alice.react(rate.room_id, rate.event_id, "🙂")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "谢谢您的评价" in s.body)
    ticket = await w.bot.store.ticket(1)
    assert ticket is not None and ticket.state is State.CLOSED and ticket.rating == "basically_satisfied"
    await w.heard(w.prop, "property", lambda s: s.thread_root == card.event_id and "基本满意" in s.body)

    # the command form of signing for, on a second ticket, by number outside any thread
    second = await w.alice.say(w.rooms["grid"], "安居苑2号楼漏水")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == second and "#2" in s.body)
    await w.prop.say(w.rooms["property"], "!签收 2")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == second and "已签收" in s.body)


async def test_a_picture_in_the_ticket_thread_reaches_the_handler(world: World) -> None:
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑3号楼楼上漏水了")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "#1" in s.body)
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    sent, url = await w.alice.picture(w.rooms["grid"], png, "lamp.png", thread_root=report)
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "已转告" in s.body)
    line = await w.heard(w.prop, "property", lambda s: s.thread_root == card.event_id and "图片" in s.body)
    shown = await w.heard(w.prop, "property", lambda s: s.thread_root == card.event_id
                          and s.content.get("msgtype") == "m.image")
    assert shown.content["url"] == url and shown.content["body"] == "lamp.png"
    assert shown.content["info"] == {"mimetype": "image/png", "size": len(png)} and shown.at >= line.at
    assert w.alice.user_id not in line.body
    # a neighbour's picture in alice's thread is their conversation: nothing is passed on or answered
    await w.bob.picture(w.rooms["grid"], png, "mine.png", thread_root=report)
    # a picture outside any ticket asks for words first
    alone, _ = await w.alice.picture(w.rooms["grid"], png, "lamp2.png")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == alone and "一句话" in s.body)
    # staff's picture of the repair, in the card's thread, reaches alice in hers (and is not echoed to them)
    await w.prop.react(card.room_id, card.event_id, "✅")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "已签收" in s.body)
    _fixed, fixed_url = await w.prop.picture(card.room_id, png, "fixed.png", thread_root=card.event_id)
    told = await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "补充了一张图片" in s.body)
    got = await w.heard(w.alice, "grid", lambda s: s.thread_root == report and s.content.get("msgtype") == "m.image")
    assert got.content["url"] == fixed_url and got.at >= told.at and "物业" in told.body
    pictures = [s for s in w.prop.seen if s.room_id == w.rooms["property"] and s.content.get("msgtype") == "m.image"
                and s.sender == w.bot_user]
    assert [s.content["url"] for s in pictures] == [url]
    assert sent != alone


async def test_a_direct_chat_someone_else_joins_moves_to_a_new_one(world: World) -> None:
    """A private report's steps must not reach a neighbour the resident invited into the direct chat."""
    w = world
    dm = await w.alice.direct_chat(w.bot_user)
    for _ in range(120):  # the bot joins the direct chat when its sync brings the invite
        if dm in w.bot.rooms:
            break
        await asyncio.sleep(0.25)
    report = await w.alice.say(dm, "安居苑1号楼楼上漏水了")
    await w.alice.wait_for(lambda s: s.room_id == dm and s.thread_root == report and "#1" in s.body)
    await w.alice.client.room_invite(dm, w.bob.user_id)  # bob's client accepts at once
    told = await w.alice.wait_for(lambda s: s.room_id == dm and s.sender == w.bot_user and "不再是私密的" in s.body)
    moved = await w.alice.wait_for(lambda s: s.room_id != dm and s.sender == w.bot_user and "这里告知" in s.body)
    fresh = moved.room_id
    assert fresh not in w.rooms.values()
    seen = await w.alice.client.room_get_state_event(fresh, "m.room.history_visibility")
    assert seen.content["history_visibility"] == "invited"  # one invited later reads nothing said before
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    await w.prop.say(card.room_id, "!签收", thread_root=card.event_id)
    await w.alice.wait_for(lambda s: s.room_id == fresh and s.sender == w.bot_user and "已签收" in s.body)
    later = [s for s in w.alice.seen if s.room_id == dm and s.sender == w.bot_user and s.at > told.at]
    assert later == [] and not [s for s in w.bob.seen if s.room_id == dm and "已签收" in s.body]
    assert fresh not in {s.room_id for s in w.bob.seen}


async def test_transfer_and_return_with_reasons(world: World) -> None:
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑2号楼电梯坏了")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    await w.prop.say(card.room_id, "!转派 街道 电梯维保合同由街道统一管理", thread_root=card.event_id)
    street_card = await w.heard(w.street, "street", lambda s: is_card(s, 1))
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "电梯维保合同由街道统一管理" in s.body)
    await w.heard(w.prop, "property", lambda s: s.edits == card.event_id and "已转出" in s.body)
    # the street office dispatches it back to property, which returns it with a reason
    await w.street.say(street_card.room_id, "!转派 property 物业负责电梯日常维修", thread_root=street_card.event_id)
    card2 = await w.heard(w.prop, "property", lambda s: is_card(s, 1)
                          and s.event_id != card.event_id)
    await w.prop.say(card2.room_id, "!退单 本小区电梯已移交街道", thread_root=card2.event_id)
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "本小区电梯已移交街道" in s.body)
    ticket = await w.bot.store.ticket(1)
    assert ticket is not None and ticket.lead == "street" and ticket.transfers == 2 and ticket.returns == 1


async def test_a_deleted_report_stays_a_ticket_and_its_handler_is_told(world: World) -> None:
    """A redaction arrives through a real homeserver's sync: the ticket stays, the handler hears of it."""
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑2号楼电梯坏了")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    await w.alice.redact(w.rooms["grid"], report)
    await w.heard(w.prop, "property", lambda s: s.thread_root == card.event_id and "删除" in s.body)
    await w.heard(w.alice, "grid", lambda s: s.thread_root is None and "仍由办理单位处理" in s.body)
    ticket = await w.bot.store.ticket(1)
    assert ticket is not None and ticket.state.value == "routed"
    assert [e.kind.value for e in await w.bot.store.events(1)][-1] == "withdrawn"


async def test_follow_up_question_and_answer(world: World) -> None:
    w = world
    report = await w.alice.say(w.rooms["all"], "楼道里漏水很严重")
    receipt = await w.heard(w.alice, "all", lambda s: s.thread_root == report)
    assert "请问具体在哪里" in receipt.body
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    assert "待居民补充" in card.body
    await w.alice.say(w.rooms["all"], "安居苑2号楼", thread_root=report)
    await w.heard(w.alice, "all", lambda s: s.thread_root == report and "已记下位置" in s.body)
    await w.heard(w.prop, "property", lambda s: s.edits == card.event_id and "安居苑 · 2号楼" in s.body)


async def test_unauthorised_acts_are_refused(world: World, homeserver: LocalHomeserver) -> None:
    w = world
    outsider: Person = w.outsider  # type: ignore[attr-defined]
    await w.prop.client.room_invite(w.rooms["property"], outsider.user_id)
    await outsider.join(w.rooms["property"])
    report = await w.alice.say(w.rooms["grid"], "安居苑1号楼漏水")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    await outsider.say(card.room_id, "!签收", thread_root=card.event_id)
    refusal = await w.heard(outsider, "property", lambda s: "权限等级 50" in s.body)
    assert "您的权限等级是 0" in refusal.body
    await w.bob.say(w.rooms["grid"], "!状态 1")
    await w.heard(w.bob, "grid", lambda s: "不是您反映或附议的" in s.body)
    await w.street.say(w.rooms["street"], "!办结 1 已处理")
    await w.heard(w.street, "street", lambda s: "由「物业委员会」负责" in s.body or "还没有人签收" in s.body)
    ticket = await w.bot.store.ticket(1)
    assert ticket is not None and ticket.state is State.ROUTED and ticket.acked_by == ()


async def test_bad_messages_get_clear_replies(world: World) -> None:
    w = world
    room = w.rooms["grid"]
    huge = await w.alice.say(room, "漏" * 5000)
    await w.heard(w.alice, "grid", lambda s: s.thread_root == huge and "过长" in s.body)
    empty = await w.alice.say(room, "!报告   ")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == empty and "空的" in s.body)
    weird = await w.alice.say(room, "!frobnicate now")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == weird and "不认识的指令" in s.body)
    # a hostile body of invisible and bidi-override characters, and a file where text is expected
    bodiless = await w.alice._send(room, "m.room.message", {"msgtype": "m.text", "body": "\u200b\u2060 \u202e\ufeff"})
    picture = await w.alice._send(room, "m.room.message", {"msgtype": "m.image", "body": "lift.jpg",
                                                           "url": "mxc://localhost/nothing"})
    await w.heard(w.alice, "grid", lambda s: s.thread_root == picture and "一句话" in s.body)
    await w.heard(w.alice, "grid", lambda s: s.thread_root == bodiless and "空的" in s.body)
    html = await w.alice.say(room, "<a href='x'>点我</a><script>alert(1)</script>安居苑1号楼漏水",
                             extra={"format": "org.matrix.custom.html", "formatted_body": "<b>hi</b>"})
    await w.heard(w.alice, "grid", lambda s: s.thread_root == html and "#1" in s.body)
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    assert "<script>" not in card.content["formatted_body"] and "&lt;script&gt;" in card.content["formatted_body"]
    assert await w.bot.store.count("tickets") == 1


async def test_homeserver_down_while_notices_are_pending(world: World, homeserver: LocalHomeserver) -> None:
    w = world
    w.stop.set()
    await asyncio.wait_for(w.task, 30)  # the bot is offline while five reports arrive
    reports = [await w.alice.say(w.rooms["all"], f"楼道漏水 {i}") for i in range(5)]  # five matters, no grid
    async with connected(w.settings) as (transport, store, router):
        bot = Bot(transport, store, TicketService(store, router))
        await bot.prepare()
        while await store.count("tickets") < 5:
            await bot.step()  # handled and queued, not yet sent
        assert (await store.outbox_counts()).get("pending", 0) == 10
        homeserver.down()
        stop = asyncio.Event()
        task = asyncio.create_task(bot.run(stop))
        try:
            await asyncio.sleep(3)  # the sender and the sync loop meet a dead homeserver and back off
            assert (await store.outbox_counts()).get("pending", 0) == 10
        finally:
            homeserver.up()
        for report in reports:
            await w.heard(w.alice, "all", lambda s, r=report: s.thread_root == r, timeout=90)
        for n in range(1, 6):
            await w.heard(w.prop, "property", lambda s, n=n: is_card(s, n),
                          timeout=90)
        # the sync loop came back too: a new report is answered
        after = await w.alice.say(w.rooms["grid"], "安居苑1号楼又漏水了")
        await w.heard(w.alice, "grid", lambda s: s.thread_root == after and "#6" in s.body, timeout=60)
        await asyncio.sleep(1)
        stop.set()
        await asyncio.wait_for(task, 30)
        assert (await store.outbox_counts()).get("pending", 0) == 0
    receipts = [s for s in w.notices(w.alice, "all") if s.thread_root in reports and "已受理" in s.body]
    assert sorted(s.thread_root for s in receipts) == sorted(reports)  # each exactly once
    cards = [s for s in w.notices(w.prop, "property") if s.thread_root is None and s.edits is None]
    assert len(cards) == 6


async def test_escalation_and_joint_whistle_reach_the_right_rooms(world: World) -> None:
    w = world
    police: Person = w.outsider  # type: ignore[attr-defined]  # police staff in this world
    carol: Person = w.carol  # type: ignore[attr-defined]
    report = await w.alice.say(w.rooms["grid"], "安居苑1号楼漏水")  # leak: urgent, 2 h to sign for
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    card = await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    w.clock.offset = timedelta(hours=2, minutes=1)  # type: ignore[attr-defined]
    w.bot.scheduler.wake()
    await w.heard(w.prop, "property", lambda s: s.thread_root == card.event_id and "升级至「街道」" in s.body)
    await w.heard(w.street, "street", lambda s: "督办" in s.body and "#1" in s.body)
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "升级至「街道」督办" in s.body)

    # two neighbours report the same leak: the third report blows the whistle and summons the police
    second = await w.bob.say(w.rooms["grid"], "安居苑2号楼也在漏水")
    await w.heard(w.bob, "grid", lambda s: s.thread_root == second and "已有工单 #1" in s.body)
    third = await carol.say(w.rooms["grid"], "楼道漏水好几天了")
    await w.heard(carol, "grid", lambda s: s.thread_root == third and "已有工单 #1" in s.body)
    police_card = await w.heard(police, "police", lambda s: is_card(s, 1) and "联合办理" in s.body)
    assert "待报到" in police_card.body
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "联合吹哨" in s.body)
    await w.heard(w.prop, "property", lambda s: s.thread_root == card.event_id and "联合吹哨" in s.body)
    await police.say(police_card.room_id, "!签收", thread_root=police_card.event_id)
    await w.heard(w.prop, "property", lambda s: s.edits == card.event_id and "已报到 派出所" in s.body)

    # the lead resolves: every resident who reported the leak is asked back in their own thread
    await w.prop.say(card.room_id, "!签收", thread_root=card.event_id)
    await w.prop.say(card.room_id, "!办结 已更换水管", thread_root=card.event_id)
    asks = {}
    for person, root in ((w.alice, report), (w.bob, second), (carol, third)):
        asks[root] = await w.heard(person, "grid", lambda s, r=root: s.thread_root == r and "问题解决了吗" in s.body)
    # Bob answers in his own thread, Alice in hers: the ticket waits for Carol, who is told so
    await w.bob.say(w.rooms["grid"], "已经修好了", thread_root=second)
    await w.heard(w.bob, "grid", lambda s: s.thread_root == second and "请对工单 #1" in s.body)
    await w.alice.say(w.rooms["grid"], "解决了", thread_root=report)
    await w.heard(carol, "grid", lambda s: s.thread_root == third and "2/3 位" in s.body)
    ticket = await w.bot.store.ticket(1)
    assert ticket is not None and ticket.state is State.RESOLVED
    await carol.react(w.rooms["grid"], asks[third].event_id, "👍")
    await w.heard(w.prop, "property", lambda s: s.thread_root == card.event_id and "工单关闭" in s.body)
    ticket = await w.bot.store.ticket(1)
    assert ticket is not None and ticket.state is State.CLOSED and ticket.solved is True
    assert set(ticket.verdicts) == {w.alice.user_id, w.bob.user_id, carol.user_id}


async def test_thanks_are_left_alone_unsure_is_asked_and_an_emergency_card_says_so(world: World) -> None:
    w = world
    thanks = await w.alice.say(w.rooms["grid"], "谢谢物业，水管已经修好了！")
    unsure = await w.bob.say(w.rooms["grid"], "楼顶的太阳能热水器松了")
    fire = await w.alice.say(w.rooms["grid"], "楼下着火了，快来人")  # handled after the two above
    receipt = await w.heard(w.alice, "grid", lambda s: s.thread_root == fire)
    assert "工单 #1" in receipt.body  # the emergency is the first ticket: the thanks made none
    card = await w.heard(w.street, "street", lambda s: is_card(s, 1))
    assert "紧急" in card.body and "着火" in card.body
    ask = await w.heard(w.bob, "grid", lambda s: s.thread_root == unsure)
    assert "登记" in ask.body and "工单" not in ask.body
    assert not [s for s in w.notices(w.alice, "grid") if s.thread_root == thanks]

    await w.bob.react(w.rooms["grid"], ask.event_id, "👍")
    await w.heard(w.bob, "grid", lambda s: s.thread_root == unsure and "工单 #2" in s.body)
    store = w.bot.store
    assert await store.count("tickets") == 2
    ticket = await store.ticket(2)
    assert ticket is not None and ticket.reporter == w.bob.user_id and ticket.text == "楼顶的太阳能热水器松了"
    assert not [s for s in w.notices(w.alice, "grid") if s.thread_root == thanks]


async def test_a_neighbours_me_too_and_a_vague_message_on_the_real_homeserver(world: World) -> None:
    """Through a real homeserver: a neighbour's 我家也是 in the reporter's thread is support named in that thread;
    a message that says nothing of what is wrong is asked what, and the answer in its thread is the report."""
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑2号楼电梯坏了")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report and "#1" in s.body)
    await w.bob.say(w.rooms["grid"], "我家也是", thread_root=report)
    joined = await w.heard(w.bob, "grid", lambda s: s.thread_root == report and "2 位居民" in s.body)
    assert joined.body.startswith(w.bob.user_id) and w.bob.user_id in joined.content["formatted_body"]
    vague = await w.bob.say(w.rooms["grid"], "那个东西又坏了")
    await w.heard(w.bob, "grid", lambda s: s.thread_root == vague and "是什么、在哪里" in s.body)
    assert await w.bot.store.count("tickets") == 1
    await w.bob.say(w.rooms["grid"], "安居苑3号楼楼上漏水了", thread_root=vague)
    await w.heard(w.bob, "grid", lambda s: s.thread_root == vague and "#2" in s.body)
    first, second = await w.bot.store.ticket(1), await w.bot.store.ticket(2)
    assert first is not None and first.supporters == 1 and w.bob.user_id in first.residents
    assert second is not None and second.category is not None and "漏水" in second.text
    assert second.reporter == w.bob.user_id and second.category != first.category
