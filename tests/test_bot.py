"""The bot's conversation over the in-memory transport (the real store, router and engine)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from chatops.chat.bot import Bot
from chatops.chat.transport import Media
from chatops.chat.transport.memory import MemoryTransport
from chatops.tickets.lifecycle import Move, State
from chatops.tickets.public import describe, public_ticket
from chatops.tickets.service import TicketService
from chatops.tickets.store import Room, Store
from rules import Place

GRID, ALL, STREET, PROPERTY, POLICE = "!grid:t", "!all:t", "!street:t", "!property:t", "!police:t"
ALICE, BOB, PROP, POL, NOBODY = "@alice:t", "@bob:t", "@prop:t", "@pol:t", "@nobody:t"


@pytest.fixture
async def bot(store: Store, service: TicketService) -> Bot:
    async with store.write() as tx:
        await tx.save_room(Room(GRID, "community", "g1"))
        await tx.save_room(Room(ALL, "community", ""))
        for room, ref in ((STREET, "street"), (PROPERTY, "property"), (POLICE, "police")):
            await tx.save_room(Room(room, "handler", ref))
    transport = MemoryTransport(power_levels={
        PROPERTY: {"users": {PROP: 50, "@whistle:test": 100}},
        POLICE: {"users": {POL: 50}},
        STREET: {"users": {"@st:t": 50}},
    })
    b = Bot(transport, store, service)
    await b.prepare()
    return b


async def turn(bot: Bot) -> None:
    await bot.step()
    await bot.outbox.flush()


def t(bot: Bot) -> MemoryTransport:
    assert isinstance(bot.transport, MemoryTransport)
    return bot.transport


async def test_full_loop(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    receipt = net.in_room(GRID)[0]
    assert receipt.thread_root == report and "#1" in receipt.body and "物业委员会" in receipt.body
    assert receipt.content["msgtype"] == "m.notice"
    card = net.in_room(PROPERTY)[0]
    assert "#1" in card.body and "安居苑1号楼楼上漏水了" in card.body and card.thread_root is None
    assert card.content["m.mentions"] == {"user_ids": [PROP]}
    assert ALICE not in card.body  # privacy: the reporter is not shown to this handler

    net.react(PROPERTY, PROP, card.event_id, "✅️")
    await turn(bot)
    assert (await store.ticket(1)).state is State.ACKNOWLEDGED
    assert any("已签收" in s.body for s in net.in_room(GRID)[1:])
    edit = next(s for s in net.in_room(PROPERTY) if s.edits == card.event_id)
    assert "办理中" in edit.content["m.new_content"]["body"]

    net.say(PROPERTY, PROP, "!备注 师傅下午两点上门", thread_root=card.event_id)
    net.say(PROPERTY, PROP, "!办结 已更换水管", thread_root=card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket.state is State.RESOLVED
    ask = next(s for s in net.in_room(GRID) if "问题解决了吗" in s.body)
    assert ask.content["m.mentions"] == {"user_ids": [ALICE]} and ask.thread_root == report
    assert any("师傅下午两点上门" in s.body for s in net.in_room(GRID))

    net.react(GRID, ALICE, ask.event_id, "👍")
    await turn(bot)
    assert (await store.ticket(1)).state is State.CLOSED
    rate = next(s for s in net.in_room(GRID) if "请对工单 #1 的办理评价" in s.body)
    net.say(GRID, ALICE, "基本满意", thread_root=report)
    await turn(bot)
    assert (await store.ticket(1)).rating == "basically_satisfied"
    assert rate.thread_root == report
    assert await bot.service.rebuild_check() == []


async def test_reopen_transfer_return(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑2号楼电梯坏了")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    assert any("#1" in s.body for s in net.in_room(POLICE))  # the co-handler has a card too
    net.say(PROPERTY, PROP, "!转派 street", thread_root=card.event_id)
    await turn(bot)
    assert "转派" in net.in_room(PROPERTY)[-1].body  # usage: a reason is needed
    net.say(PROPERTY, PROP, "!转派 街道 不归物业管", thread_root=card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket.lead == "street" and ticket.transfers == 1
    street_card = net.in_room(STREET)[0]
    assert "#1" in street_card.body
    assert any("不归物业管" in s.body and s.thread_root == report for s in net.in_room(GRID))
    net.say(STREET, "@st:t", "!签收", thread_root=street_card.event_id)
    net.say(STREET, "@st:t", "!办结 已协调维修", thread_root=street_card.event_id)
    await turn(bot)
    net.say(GRID, ALICE, "还是没修好", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket.state is State.ROUTED and ticket.reopens == 1 and ticket.lead == "street"


async def test_a_unit_named_in_several_words_as_help_lists_it_in_english(bot: Bot, store: Store) -> None:
    """Help lists units in English by their names (Street Office); a tester's !transfer … Urban Management Bureau x
    was read as a unit called 'Urban'. The longest run of words that names a unit is the unit, the rest the reason."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑2号楼电梯坏了")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "!transfer Street Office the maintenance contract is theirs", thread_root=card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.lead == "street" and ticket.transfers == 1
    moved = [e.reason for e in await store.events(1) if e.kind is Move.TRANSFERRED]
    assert moved == ["the maintenance contract is theirs"]


async def test_return_goes_to_street(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "我的电动车被偷了")
    await turn(bot)
    card = net.in_room(POLICE)[0]
    net.say(POLICE, POL, "!退单", thread_root=card.event_id)
    await turn(bot)
    assert "理由" in net.in_room(POLICE)[-1].body
    net.say(POLICE, POL, "!退单 1 不属于本所辖区")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket.lead == "street" and ticket.returns == 1
    assert any("#1" in s.body for s in net.in_room(STREET))


async def test_unauthorised_and_not_yours(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼漏水")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, NOBODY, "!签收", thread_root=card.event_id)
    net.react(PROPERTY, NOBODY, card.event_id, "✅")
    await turn(bot)
    refusals = [s for s in net.in_room(PROPERTY) if "权限等级 50" in s.body]
    assert len(refusals) == 2 and (await store.ticket(1)).state is State.ROUTED
    net.say(PROPERTY, PROP, "!签收 1")
    net.say(POLICE, POL, "!办结 1 好了")  # police is a co-handler, not the lead
    await turn(bot)
    assert "由「物业委员会」负责" in net.in_room(POLICE)[-1].body
    net.say(GRID, BOB, "!状态 1")
    net.say(GRID, BOB, "解决了", thread_root=report)  # someone else's thread: ignored
    await turn(bot)
    assert "不是您反映或附议的" in net.in_room(GRID)[-1].body
    assert (await store.ticket(1)).state is State.ACKNOWLEDGED


async def test_asks_for_place_and_uses_answer(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(ALL, ALICE, "楼道里漏水很严重")
    await turn(bot)
    receipt = net.in_room(ALL)[0]
    assert "请问具体在哪里" in receipt.body and (await store.ticket(1)).grid is None
    net.say(ALL, ALICE, "安居苑2号楼", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert (ticket.grid, ticket.estate, ticket.building) == ("g1", "anju", "2")
    assert "已记下位置" in net.in_room(ALL)[-1].body
    assert any("安居苑 · 2号楼" in s.content.get("m.new_content", {}).get("body", "")
               for s in net.in_room(PROPERTY))


async def test_a_building_only_one_estate_of_the_grid_has_names_the_estate(bot: Bot, store: Store) -> None:
    """A tester's "the lift in building 2 is broken" was asked "Where exactly is it?": in a grid where a single
    estate has a building 2 the place is known. A building no estate there has is asked about; an answer naming
    only a building is placed the same way."""
    net = t(bot)
    net.say(GRID, ALICE, "The corridor in building 2 is leaking badly")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and (ticket.grid, ticket.estate, ticket.building) == ("g1", "anju", "2")
    assert not any("Where exactly" in s.body or "请问具体在哪里" in s.body for s in net.in_room(GRID))
    report = net.say(GRID, BOB, "9号楼楼道漏水很严重")
    await turn(bot)
    assert (await store.ticket(2)).estate is None  # type: ignore[union-attr]
    assert "请问具体在哪里" in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, "不对，是1号楼", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(2)
    assert ticket is not None and (ticket.estate, ticket.building) == ("anju", "1")


async def test_staff_raise_a_ticket_the_words_undersold(bot: Bot, store: Store) -> None:
    """A tester's property staff found a 'broken lift' had someone inside and could not make it an emergency: !加急
    raises it (urgent, or an emergency when the first word says so), with a reason, and the limits of the new level
    start now but never later than they were; the card says why, the resident hears it; lowering is refused."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼电梯坏了")
    await turn(bot)
    before = await store.ticket(1)
    assert before is not None and before.priority == "normal" and before.sign_deadline and before.resolve_deadline
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "!加急", thread_root=card.event_id)  # no reason: the usage, nothing changes
    await turn(bot)
    assert "用法：!加急" in net.in_room(PROPERTY)[-1].body and (await store.ticket(1)).priority == "normal"  # type: ignore[union-attr]
    net.say(PROPERTY, PROP, "!加急 紧急 电梯里有老人出不来", thread_root=card.event_id)
    await turn(bot)
    after = await store.ticket(1)
    assert after is not None and after.priority == "emergency" and after.lead == "property"
    assert after.sign_deadline < before.sign_deadline and after.resolve_deadline < before.resolve_deadline  # type: ignore[operator]
    assert after.resolve_deadline - after.sign_deadline == timedelta(minutes=90)  # type: ignore[operator]
    raised = [e for e in await store.events(1) if e.kind is Move.EXPEDITED]
    assert len(raised) == 1 and raised[0].data["priority"] == "emergency" and raised[0].actor_handler == "property"
    told = [s for s in net.in_room(GRID) if s.thread_root == report and "⚡" in s.body]
    assert len(told) == 1 and "紧急" in told[0].body and "电梯里有老人出不来" in told[0].body
    assert "119" in told[0].body or "110" in told[0].body  # an emergency now: whom to call, as with a report of one
    edited = [s.content["m.new_content"]["body"] for s in net.in_room(PROPERTY) if s.edits == card.event_id]
    assert edited and "紧急" in edited[-1] and "「物业委员会」加急：电梯里有老人出不来" in edited[-1]
    assert "命中：电梯坏" in edited[-1] or "命中：电梯" in edited[-1]  # the routing's words stay beside the raise
    net.say(PROPERTY, PROP, "!加急 还是很急", thread_root=card.event_id)  # urgent is not more than an emergency
    await turn(bot)
    assert "已是最高的「紧急」级别" in net.in_room(PROPERTY)[-1].body
    assert len([e for e in await store.events(1) if e.kind is Move.EXPEDITED]) == 1
    assert await bot.service.rebuild_check() == []
    shown = public_ticket(after, await store.events(1), bot.book)  # the board says so, in the handler's name
    assert any(describe(s, bot.book).startswith("物业委员会 将其列为紧急办理") for s in shown.steps)  # the level
    report = net.say(GRID, BOB, "安居苑2号楼电动车被偷了")  # the street office raises a ticket it holds no card of
    await turn(bot)
    number = max(t.id for t in await store.tickets(limit=10))
    net.say(STREET, "@st:t", f"!加急 #{number} 楼道全黑 老人摔倒了")
    await turn(bot)
    assert f"已将 #{number} 列为加急" in net.in_room(STREET)[-1].body
    net.say(STREET, "@st:t", f"!加急 #{number} 还是很急")
    await turn(bot)
    assert "只能再升为紧急" in net.in_room(STREET)[-1].body
    assert report


async def test_the_street_office_dispatches_a_returned_ticket_again_with_its_matter(bot: Bot, store: Store) -> None:
    """A tester's street office typed !分拨 for a ticket the fire station had returned (退单) and was told it needed
    no triage; !分拨 1 with no numbered matters got only the usage line."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼楼道漏水了")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "!退单 是楼上住户家的水管，不归物业", thread_root=card.event_id)
    await turn(bot)
    street_card = next(s for s in net.in_room(STREET) if "#1" in s.body)
    net.say(STREET, "@st:t", "!分拨 1", thread_root=street_card.event_id)
    await turn(bot)
    assert "没有待选的事项编号" in net.in_room(STREET)[-1].body
    net.say(STREET, "@st:t", "!分拨 派出所", thread_root=street_card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.lead == "police" and ticket.category == "leak" and ticket.returns == 1
    moved = [e for e in await store.events(1) if e.kind is Move.TRANSFERRED]
    assert len(moved) == 1 and moved[0].actor_handler == "street" and moved[0].reason == "街道重新派单"
    assert any("#1" in s.body for s in net.in_room(POLICE))


async def test_the_time_bank_reads_hours_as_residents_write_them(bot: Bot, store: Store) -> None:
    """A tester's 三小时, '3 hours', -2小时 and 0小时 all got the bare usage line, and an offer of -3小时 or 99999小时
    was kept with the hours left in its words."""
    net = t(bot)
    net.joined[GRID] = [ALICE, BOB]
    net.say(GRID, BOB, f"!确认服务 {ALICE} 三小时 买菜")
    await turn(bot)
    assert "已记入" in net.in_room(GRID)[-1].body and "3h" in net.in_room(GRID)[-1].body
    net.say(GRID, ALICE, f"!served {BOB} 1.5 hours fixed the bike")
    await turn(bot)
    assert "1h30m" in net.in_room(GRID)[-1].body and "fixed the bike" in net.in_room(GRID)[-1].body
    for bad in (f"!确认服务 {ALICE} 0小时 陪聊", f"!确认服务 {ALICE} -2小时 陪聊", "!提供 修电脑 -3小时"):
        net.say(GRID, BOB, bad)
        await turn(bot)
        assert "服务时长要大于零" in net.in_room(GRID)[-1].body, bad
    net.say(GRID, BOB, "!提供 遛狗 99999小时")
    await turn(bot)
    assert "一次最多" in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, "!提供 帮忙买菜 两个小时")
    await turn(bot)
    posts = await store.bank_posts("g1", "offer", datetime(2000, 1, 1, tzinfo=UTC))
    assert [(p[4], p[5]) for p in posts] == [("帮忙买菜", 120)]  # the hours apart from the words, the bad ones not kept


async def test_a_command_after_other_words_in_a_units_room_is_told_to_go_first(bot: Bot, store: Store) -> None:
    """A tester's staff typed '#5 !签收' and heard nothing; talk among staff that names no command stays unanswered."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼楼道漏水了")
    await turn(bot)
    before = len(net.in_room(PROPERTY))
    net.say(PROPERTY, PROP, "#1 !签收")
    net.say(PROPERTY, PROP, "下午谁去看看 1 号楼")
    await turn(bot)
    said = [s.body for s in net.in_room(PROPERTY)[before:]]
    assert len(said) == 1 and "指令要放在消息开头" in said[0] and "!签收 5" in said[0]
    assert (await store.ticket(1)).state is State.ROUTED  # type: ignore[union-attr]
    net.say(PROPERTY, PROP, "签收 1")  # the command without its "!" (a tester's got no answer)
    net.say(PROPERTY, PROP, "签收了吗")  # talk about signing for, no command
    await turn(bot)
    said = [s.body for s in net.in_room(PROPERTY)[before + 1:]]
    assert len(said) == 1 and "指令要以「!」开头" in said[0] and "!签收" in said[0]


async def test_bad_input(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "!报告")
    net.say(GRID, ALICE, "漏" * 5000)
    net.say(GRID, ALICE, "!frobnicate")
    net.say(GRID, ALICE, "<script>alert(1)</script>安居苑1号楼漏水")
    net.say(GRID, ALICE, "!签收 1")
    net.say(GRID, "@other-bot:t", "漏水", kind="notice")
    await turn(bot)
    bodies = [s.body for s in net.in_room(GRID)]
    assert "反映的内容是空的" in bodies[0]
    assert "过长" in bodies[1] and "上限 2000 字" in bodies[1]  # the report's limit, as a shorter one is told
    assert "不认识的指令" in bodies[2]
    receipt = net.in_room(GRID)[3]
    assert "#1" in receipt.body
    card = net.in_room(PROPERTY)[0]
    assert "&lt;script&gt;" in card.content["formatted_body"] and "<script>" not in card.content["formatted_body"]
    assert "不能在这里使用" in bodies[4]
    assert len(bodies) == 5 and await store.count("tickets") == 1


async def test_replay_is_exactly_once(bot: Bot, store: Store) -> None:
    net = t(bot)
    for i in range(5):  # in the community-wide room: no grid, so no two of them are one matter
        net.say(ALL, ALICE, f"楼道漏水 {i}")
    first = list(net._queue)
    await turn(bot)
    net.replay(first)  # a restart from an older sync token delivers them again
    await turn(bot)
    assert await store.count("tickets") == 5
    assert len(net.in_room(ALL)) == 5 and len(net.in_room(PROPERTY)) == 5


async def test_outbox_waits_for_a_homeserver_that_is_down(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.down = True
    net.say(GRID, ALICE, "安居苑1号楼漏水")
    await bot.step()
    wait = await bot.outbox.flush()
    assert wait > 0 and net.sent == [] and (await store.outbox_counts())["pending"] == 2
    net.down = False
    async with store.write() as tx:  # as if the backoff had passed
        await tx.db.execute("UPDATE outbox SET not_before = 0")
    await bot.outbox.flush()
    assert len(net.sent) == 2 and (await store.outbox_counts()) == {"sent": 2}


async def test_help_mine_status_list_and_language(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼漏水")
    net.say(GRID, ALICE, "!帮助")
    net.say(PROPERTY, PROP, "!help")
    net.say(GRID, ALICE, "!我的")
    net.say(GRID, BOB, "!mine")
    net.say(PROPERTY, PROP, "!待办")
    net.say(STREET, "@st:t", "!list")
    net.say(POLICE, POL, "!状态 1")
    await turn(bot)
    grid = [s.body for s in net.in_room(GRID)]
    assert "居民指南" in grid[1] and "#1" in grid[2] and "还没有反映过" in grid[3]
    card = net.in_room(PROPERTY)[0]
    prop = [s.body for s in net.in_room(PROPERTY) if s.thread_root and s.thread_root != card.event_id]
    assert "「物业委员会」办理指南" in prop[0] and "#1" in prop[1]
    assert "!签收" in prop[0] and "!分拨" not in prop[0] and "!批准" not in prop[0]  # the street office's: not here
    assert "没有未办结" in net.in_room(STREET)[-1].body
    assert "不由「派出所」办理" in net.in_room(POLICE)[-1].body  # not police's ticket: not shown
    net.say(GRID, ALICE, "!语言 en")
    net.say(GRID, ALICE, "!status 1")
    net.say(GRID, ALICE, "!lang klingon")
    await turn(bot)
    said = [s.body for s in net.in_room(GRID)][-3:-1]
    assert said[0] == "OK, I will answer you in English."
    assert said[1].startswith("#1 Leak · awaiting sign-for · Property\nSign for by ") and "Latest" not in said[1]
    assert "Languages" in net.in_room(GRID)[-1].body


async def test_rough_edges_in_the_rooms(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼漏水\u202e了")  # a bidi override hidden in the report
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    assert "\u202e" not in card.body and "安居苑1号楼漏水了" in card.body
    assert "category." not in card.body and "unclassified" not in card.body and "类别「漏水」" in card.body
    net.react(PROPERTY, NOBODY, card.event_id, "✅")  # a power-0 member: refused in the card's thread
    await turn(bot)
    refusal = net.in_room(PROPERTY)[-1]
    assert "权限" in refusal.body or "50" in refusal.body
    assert refusal.thread_root == card.event_id
    net.say(POLICE, POL, "!办结 #1 已处理")  # staff of an unrelated handler: not theirs, not "sign first"
    await turn(bot)
    answer = net.in_room(POLICE)[-1].body
    assert "签收" not in answer.split("，")[0] and "物业委员会" in answer
    net.say(GRID, ALICE, "!")
    net.say(PROPERTY, PROP, "!转派", thread_root=card.event_id)
    await turn(bot)
    assert "请在 ! 后写上指令" in net.in_room(GRID)[-1].body
    usage = net.in_room(PROPERTY)[-1].body
    assert "\n" in usage and all(len(line) < 200 for line in usage.splitlines())
    assert report


async def test_a_resident_who_deletes_their_report_leaves_the_ticket_with_its_handler(bot: Bot) -> None:
    """Deleting the message does not lose the ticket: the handler is told and decides; others' deletions and
    reactions taken back change nothing."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼漏水")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.redact(GRID, BOB, report)  # not the reporter: nothing happens
    net.react(PROPERTY, PROP, card.event_id, "✅")
    await turn(bot)
    before = len(net.in_room(PROPERTY))
    net.redact(GRID, ALICE, report)
    await turn(bot)
    ticket = await bot.store.ticket(1)
    assert ticket is not None and ticket.state is State.ACKNOWLEDGED  # still being handled
    events = await bot.store.events(1)
    assert [e.kind for e in events].count("withdrawn") == 1 and events[-1].actor == ALICE
    told = net.in_room(PROPERTY)[before:]
    assert any("撤回" in s.body or "删除" in s.body for s in told)
    told = [s for s in net.in_room(GRID) if "删除" in s.body]  # told the ticket stays, not in the deleted thread
    assert len(told) == 1 and told[0].thread_root is None and "#1" in told[0].body
    assert told[0].content["m.mentions"] == {"user_ids": [ALICE]}
    net.say(GRID, ALICE, "问题已经没有了，不用来了", thread_root=told[0].event_id)  # as the notice says
    await turn(bot)
    assert (await bot.store.events(1))[-1].kind == "note"
    assert any("问题已经没有了" in s.body for s in net.in_room(PROPERTY) if s.thread_root == card.event_id)


async def test_a_reporter_may_publish_their_words_and_nobody_else_may(bot: Bot) -> None:
    """!公开 is the per-ticket choice the public board honours: the reporter's alone, told back in their thread."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼漏水")
    await turn(bot)
    net.say(GRID, BOB, "!公开 1")
    await turn(bot)
    assert [e.kind for e in await bot.store.events(1)].count("published") == 0
    assert any("#1 不是您反映或附议的工单" in s.body for s in net.in_room(GRID)[1:])
    net.say(GRID, BOB, "安居苑1号楼也漏水了", thread_root=report)  # a supporter: told only the reporter may
    net.say(GRID, BOB, "!公开 1")
    await turn(bot)
    assert "只有反映 #1 的居民本人可以公开它的原话" in net.in_room(GRID)[-1].body
    net.say(GRID, ALICE, "!公开", thread_root=report)
    await turn(bot)
    events = await bot.store.events(1)
    assert [e.kind for e in events].count("published") == 1 and events[-1].actor == ALICE
    assert any("公开栏" in s.body and s.thread_root == report for s in net.in_room(GRID))
    assert not [s for s in net.in_room(PROPERTY) if "公开栏" in s.body]  # a resident's choice, not a handler's step


async def test_a_ticket_made_by_another_program_gets_its_card(bot: Bot, store: Store, service: TicketService) -> None:
    """An Open311 report is written by whistle web, not the bot: the bot's periodic look gives the handler its
    card, once, and leaves the tickets it carded itself alone."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼漏水")
    await turn(bot)
    await bot.card_arrivals()  # the first look only remembers where it starts
    cards = len([s for s in net.in_room(PROPERTY) if "【工单" in s.body])
    receipt = await service.report(source="open311:city:1", reporter="open311:city", text="馨园5号楼楼道漏水")
    await bot.card_arrivals()
    await bot.outbox.flush()
    new = [s for s in net.in_room(PROPERTY) if f"#{receipt.ticket.id}" in s.body and "【工单" in s.body]
    assert len(new) == 1 and len([s for s in net.in_room(PROPERTY) if "【工单" in s.body]) == cards + 1
    assert "命中：漏水" in new[0].body  # why it went there, as for a report in chat (it said 命中：-)
    await bot.card_arrivals()
    await bot.outbox.flush()
    assert len([s for s in net.in_room(PROPERTY) if f"#{receipt.ticket.id}" in s.body and "【工单" in s.body]) == 1
    placed = await service.report(source="open311:city:2", reporter="open311:city", text="楼道漏水（位置 23.1,113.2）")
    await bot.card_arrivals()
    await bot.outbox.flush()
    card = next(s for s in net.in_room(PROPERTY) if f"#{placed.ticket.id}" in s.body and "【工单" in s.body)
    assert "地点：见反映内容（城市App提交的位置）" in card.body  # nobody to ask where: not 待居民补充


async def test_two_workers_card_a_ticket_made_by_another_program_once(bot: Bot, store: Store,
                                                                     service: TicketService) -> None:
    """Each worker looks for tickets made outside the bot, on its own connection to the store: of two workers
    looking at the same moment only one cards them (one writer at a time, and the mark moves by compare-and-set,
    so the later one writes nothing)."""
    second = await Store.open(store.address)  # another process's connection to the same store
    try:
        other = Bot(MemoryTransport(), second, TicketService(second, service.router))
        await other.prepare()
        await bot.card_arrivals()  # the first look only remembers where it starts
        receipts = [await service.report(source=f"open311:city:{i}", reporter="open311:city",
                                         text=f"馨园{i}号楼楼道漏水") for i in range(1, 4)]
        await asyncio.gather(bot.card_arrivals(), other.card_arrivals())
        for receipt in receipts:
            assert len(await store.outbox_for(receipt.ticket.id, "card")) == 1
    finally:
        await second.close()


async def test_a_report_another_program_joined_to_a_ticket_reaches_its_handler(
        bot: Bot, store: Store, service: TicketService) -> None:
    """A tester's Open311 report of a matter already open joined the ticket as support, and its handler never heard
    of it: the bot tells moves made outside it once, in the card's thread, and never its own twice."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼漏水")
    await turn(bot)
    await bot.relay_arrivals()  # the first look only remembers where it starts
    card = next(s for s in net.in_room(PROPERTY) if "【工单" in s.body)
    net.say(GRID, BOB, "安居苑1号楼也漏水了")  # the bot's own support: told once, as it happened
    await turn(bot)
    told = len([s for s in net.in_room(PROPERTY) if s.thread_root == card.event_id and "👥" in s.body])
    assert told == 1
    receipt = await service.report(source="open311:city:7", reporter="open311:city", text="安居苑1号楼楼道漏水严重",
                                   place=Place("g1"))
    assert receipt.joined and receipt.ticket.id == 1
    await bot.relay_arrivals()
    await bot.relay_arrivals()
    await bot.outbox.flush()
    steps = [s for s in net.in_room(PROPERTY) if s.thread_root == card.event_id and "👥" in s.body]
    assert len(steps) == told + 1 and "楼道漏水严重" in steps[-1].body and "共 3 人" in steps[-1].body
    # the third report blew the whistle (three in a day): the summoned police get their card, once
    assert (await store.ticket(1)).joint  # type: ignore[union-attr]
    assert len([s for s in net.in_room(PROPERTY) if s.thread_root == card.event_id and "📣" in s.body]) == 1
    assert len([s for s in net.in_room(POLICE) if "【工单" in s.body and "#1" in s.body]) == 1


async def test_a_neighbour_who_joined_a_city_apps_report_closes_it_with_their_verdict(
        bot: Bot, store: Store, service: TicketService) -> None:
    """A city's app reported it (Open311) and a neighbour said 我家也是 in chat: when the handler resolves it, the
    neighbour's "solved" closes it at once. The app's citizen cannot be asked here (the app calls back), so the
    ticket no longer waits the call-back window for them (a tester's waited seven days)."""
    net = t(bot)
    receipt = await service.report(source="open311:city:9", reporter="open311:city:abc", text="安居苑1号楼楼道漏水",
                                   place=Place("g1"))
    await bot.card_arrivals()
    await bot.card_arrivals()
    await bot.outbox.flush()
    number = receipt.ticket.id
    net.say(GRID, BOB, "安居苑1号楼楼道漏水，我家门口也是")
    await turn(bot)
    ticket = await store.ticket(number)
    assert ticket is not None and BOB in ticket.residents and ticket.asked == ()
    net.say(PROPERTY, PROP, f"!签收 {number}")
    net.say(PROPERTY, PROP, f"!办结 {number} 已修好")
    await turn(bot)
    ticket = await store.ticket(number)
    assert ticket is not None and ticket.state is State.RESOLVED and ticket.asked == (BOB,)
    asked = next(s for s in net.in_room(GRID) if "解决了吗" in s.body or "是否" in s.body)
    net.say(GRID, BOB, "已解决", thread_root=asked.thread_root)
    await turn(bot)
    assert (await store.ticket(number)).state is State.CLOSED  # type: ignore[union-attr]


async def test_the_bot_wakes_for_a_ticket_another_program_made_and_survives_a_failed_read(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[object] = [RuntimeError("database is locked"), 3, 3, 4]
    woken: list[bool] = []
    stop = asyncio.Event()

    async def newest() -> int:
        answer = answers.pop(0) if answers else 4
        if not answers:
            stop.set()
        if isinstance(answer, Exception):
            raise answer
        return int(answer)  # type: ignore[call-overload]

    monkeypatch.setattr(bot.store, "newest_seq", newest)
    monkeypatch.setattr(bot.scheduler, "wake", lambda: woken.append(True))
    await bot.watch_arrivals(stop, every=0.01)
    assert woken == [True]  # once, when 3 became 4; the failed read was only logged


async def test_a_resident_sees_their_points_and_where_they_came_from(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.react(PROPERTY, PROP, card.event_id, "✅")
    net.say(PROPERTY, PROP, "!办结 已更换水管", thread_root=card.event_id)
    await turn(bot)
    net.say(GRID, ALICE, "已解决", thread_root=report)
    await turn(bot)
    assert (await store.ticket(1)).state is State.CLOSED
    net.say(GRID, ALICE, "!积分")
    await turn(bot)
    answer = net.in_room(GRID)[-1].body
    assert "您的积分：7 分" in answer and "#1 反映的问题已解决 +5" in answer and "#1 参与回访 +2" in answer
    net.say(GRID, BOB, "!积分")
    await turn(bot)
    assert "您的积分：0 分" in net.in_room(GRID)[-1].body and "最近的记录" not in net.in_room(GRID)[-1].body


async def test_the_time_bank_in_chat(bot: Bot, store: Store) -> None:
    """The one served confirms the hours; balances, statement, a reversal by the street office, a flag for an
    account past its limits, and a ledger that sums to zero and cannot be edited."""
    net = t(bot)
    net.joined[GRID] = [ALICE, BOB]  # the helper is someone of the community
    net.say(GRID, BOB, f"!确认服务 {ALICE} 2小时 陪老人就医")
    await turn(bot)
    assert "已记入时间银行（第 3 笔）" in net.in_room(GRID)[-1].body and "您的余额 0h" in net.in_room(GRID)[-1].body
    net.say(GRID, ALICE, "!时间银行")
    await turn(bot)
    statement = net.in_room(GRID)[-1].body
    assert "余额：4h" in statement and "陪老人就医 +2h" in statement and "开户赠送 +2h" in statement
    for wrong in (f"!确认服务 {BOB} 1小时 自己帮自己", "!确认服务 alice 2小时 没写对", f"!确认服务 {ALICE} -2小时 x"):
        net.say(GRID, BOB, wrong)
        await turn(bot)
        assert "已记入" not in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, f"!确认服务 {ALICE} 100000小时 一直帮忙")  # over a day: said so, not the usage line
    await turn(bot)
    assert "一次最多确认 24h 的服务" in net.in_room(GRID)[-1].body and "已记入" not in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, "!确认服务 Alice 王 30分钟 帮忙取快递", mentions=(ALICE,))  # a client's pill: a name
    await turn(bot)
    assert "已记入时间银行（第 4 笔）" in net.in_room(GRID)[-1].body and "帮忙取快递" in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, "!确认服务 Alice 30分钟 两人", mentions=(ALICE, "@carol:t"))  # which one? ask again
    await turn(bot)
    assert "已记入" not in net.in_room(GRID)[-1].body
    net.say(PROPERTY, PROP, "!冲正 3 时长记错")
    await turn(bot)
    assert "只有街道工作人员" in net.in_room(PROPERTY)[-1].body
    net.say(STREET, "@st:t", "!冲正 3")
    await turn(bot)
    assert "冲正必须写明原因" in net.in_room(STREET)[-1].body
    net.say(STREET, "@st:t", "!冲正 3 时长 记错了")
    await turn(bot)
    assert "已冲正第 3 笔（新记录第 5 笔）：时长 记错了" in net.in_room(STREET)[-1].body
    net.say(GRID, BOB, f"!确认服务 {ALICE} 24小时 长期照护")
    await turn(bot)
    assert any("时间银行提醒" in s.body and BOB in s.body and "透支" in s.body for s in net.in_room(STREET))
    rows = await store.bank_transfers()
    balances: dict[str, int] = {}
    for _i, giver, receiver, minutes, *_rest in rows:
        balances[giver] = balances.get(giver, 0) + minutes
        balances[receiver] = balances.get(receiver, 0) - minutes
    assert sum(balances.values()) == 0  # every entry two movements: the ledger sums to zero
    with pytest.raises(Exception, match="append-only"):  # the database itself refuses, on either engine
        async with store.write() as tx:
            await tx.db.execute("UPDATE bank_transfers SET minutes = 1 WHERE id = 3")
    net.say(GRID, ALICE, "!积分")
    await turn(bot)
    points = net.in_room(GRID)[-1].body  # 24 h served stands (3 points an hour, held to 50 a month); 2 h reversed
    assert "您的积分：50 分" in points and "志愿服务时长 +50（已达本月上限）" in points
    from research import helping_graph

    G = helping_graph(store.address, key="k")  # research sees who helped whom, pseudonymised, reversals left out
    assert G.number_of_edges() == 1 and [d["minutes"] for *_, d in G.edges(data=True)] == [24 * 60 + 30]
    assert not any("@" in n for n in G.nodes)


async def test_offers_and_needs_meet_within_a_grid(bot: Bot) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "!需要 老人看病需要人陪 2小时")
    await turn(bot)
    assert "已登记您的需求（第 1 号）" in net.in_room(GRID)[-1].body and "暂时没有相配的" in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, "!提供 陪老人看病")
    await turn(bot)
    answer = net.in_room(GRID)[-1].body
    assert "已登记您的服务意向（第 2 号）" in answer and f"· {ALICE}：老人看病需要人陪 2h" in answer
    sent = net.in_room(GRID)[-1]
    assert f'<a href="https://matrix.to/#/{ALICE}">' in sent.content["formatted_body"]  # a pill: shown by name
    assert sent.content["m.mentions"]["user_ids"] == [ALICE]  # and told someone could help
    net.say(GRID, BOB, "!提供 修自行车 1小时")
    await turn(bot)
    assert ALICE not in net.in_room(GRID)[-1].body  # nothing in common
    net.say(ALL, BOB, "!提供 陪老人看病")
    await turn(bot)
    assert "网格的居民群" in net.in_room(ALL)[-1].body  # posts belong to a grid
    net.say(GRID, ALICE, "!need someone to walk my dog 1 hour")  # English words: not run together, plain forms
    await turn(bot)
    net.say(GRID, BOB, "!offer dog walking on weekends")
    await turn(bot)
    answer = net.in_room(GRID)[-1].body  # an offer written in English is answered in English
    assert answer.startswith("Your offer is posted") and f"{ALICE}: someone to walk my dog" in answer


async def test_an_answer_that_names_no_place_is_a_note_and_the_place_is_still_asked(bot: Bot, store: Store) -> None:
    """A tester answered the place question with "不知道，反正很多烟": it was recorded as the place."""
    net = t(bot)
    report = net.say(ALL, ALICE, "楼道里漏水很严重")
    await turn(bot)
    net.say(ALL, ALICE, "不知道具体哪栋，反正水很大", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.estate is None and ticket.building is None
    assert [e.kind for e in await store.events(1)].count(Move.LOCATED) == 0
    assert [e.kind for e in await store.events(1)].count(Move.NOTE) == 1
    net.say(ALL, ALICE, "安居苑2号楼", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and (ticket.estate, ticket.building) == ("anju", "2")


async def test_a_building_its_estate_does_not_have_is_asked_about(bot: Bot, store: Store) -> None:
    """A tester's report of a building the estate does not have was taken as it was, and nobody asked."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑9号楼楼道漏水")
    await turn(bot)
    receipt = net.in_room(GRID)[-1].body
    assert "安居苑没有9号楼（有 1、2 号楼）" in receipt and "安居苑1号楼" in receipt
    assert "9号楼（楼号待确认）" in net.in_room(PROPERTY)[-1].body  # the card says it is not sure yet
    net.say(GRID, ALICE, "2号楼，不好意思", thread_root=report)  # the building alone: the estate already known
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and (ticket.estate, ticket.building) == ("anju", "2")
    net.say(GRID, BOB, "安居苑2号楼电梯坏了")  # a building it has: nothing asked
    await turn(bot)
    assert "号楼）" not in net.in_room(GRID)[-1].body and "请问具体在哪里" not in net.in_room(GRID)[-1].body


async def test_a_building_number_alone_answers_the_question(bot: Bot, store: Store) -> None:
    """A tester answered "which building?" with 12, 12号 and 12栋: ignored, kept as a detail beside the building
    that does not exist, and taken as a note."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑7号楼门口路灯不亮")
    await turn(bot)
    net.say(GRID, ALICE, "5号", thread_root=report)  # not one of its buildings either: asked again, nothing kept
    await turn(bot)
    assert "安居苑没有5号楼" in net.in_room(GRID)[-1].body
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.building == "7" and not ticket.place_detail
    net.say(GRID, ALICE, "1", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and (ticket.estate, ticket.building, ticket.place_detail) == ("anju", "1", None)


async def test_a_card_keeps_its_evidence_when_it_is_edited_or_handed_on(bot: Bot, store: Store) -> None:
    """A tester saw every card say 命中：- after its first edit: the words behind the routing were lost."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑2号楼电梯坏了，停在5楼不动")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    assert "命中：-" not in card.body
    net.say(PROPERTY, PROP, "!签收 1")
    await turn(bot)
    edits = [s.content.get("m.new_content", {}).get("body", "") for s in net.in_room(PROPERTY)
             if s.edits == card.event_id]
    assert edits and "命中：-" not in edits[-1] and "电梯" in edits[-1].split("命中：")[1]


async def test_a_follow_up_of_ones_own_does_not_double_every_later_notice(bot: Bot, store: Store) -> None:
    """A tester's resident, once they had added a follow-up, got every later notice twice (both threads)."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑2号楼电梯坏了")
    await turn(bot)
    follow = net.say(GRID, ALICE, "安居苑2号楼电梯还是不动，里面灯也不亮")
    await turn(bot)
    assert (await store.ticket(1)).state is State.ROUTED and await store.count("tickets") == 1  # type: ignore[union-attr]
    seen = len(net.in_room(GRID))
    net.say(PROPERTY, PROP, "!签收 1")
    await turn(bot)
    told = net.in_room(GRID)[seen:]
    assert [s.thread_root for s in told] == [report]  # once, in the report's thread
    net.say(GRID, ALICE, "什么时候能修好", thread_root=follow)  # the follow-up's thread still belongs to the ticket
    await turn(bot)
    assert [e.kind for e in await store.events(1)].count(Move.NOTE) == 2


async def test_the_handler_sees_what_a_supporter_said_and_where(bot: Bot, store: Store) -> None:
    """A tester's report of building 2's lift joined building 1's ticket and the handler saw only a count."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼电梯坏了")
    await turn(bot)
    net.say(GRID, BOB, "安居苑2号楼电梯也坏了，停在5楼")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.supporters == 1
    card = net.in_room(PROPERTY)[0]
    told = [s.body for s in net.in_room(PROPERTY) if s.thread_root == card.event_id]
    assert any("2号楼" in b and "停在5楼" in b for b in told)


async def test_a_resolved_card_no_longer_asks_to_be_signed_for(bot: Bot, store: Store) -> None:
    """A tester saw closed cards still say 点 ✅ 或 !签收."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼漏水")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    assert "!签收" in card.body
    for command in ("!签收 1", "!办结 1 已修复"):
        net.say(PROPERTY, PROP, command)
        await turn(bot)
    edits = [s.content.get("m.new_content", {}).get("body", "") for s in net.in_room(PROPERTY)
             if s.edits == card.event_id]
    assert "!签收" not in edits[-1]


async def test_a_unit_that_gets_a_ticket_back_acts_on_one_card_not_two(bot: Bot, store: Store) -> None:
    """A tester's property room had two cards of one ticket after it came back; the old one said 待签收 forever."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼漏水")
    await turn(bot)
    old = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "!转派 1 街道 不归物业管")
    await turn(bot)
    street_card = net.in_room(STREET)[0]
    net.say(STREET, "@st:t", "!转派 物业委员会 核实后属物业办理", thread_root=street_card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.lead == "property"
    cards = [s for s in net.in_room(PROPERTY) if s.edits is None and s.thread_root is None and "#1" in s.body]
    assert len(cards) == 2 and "!签收" in cards[-1].body  # the fresh card asks
    last_edit = [s.content.get("m.new_content", {}).get("body", "") for s in net.in_room(PROPERTY)
                 if s.edits == old.event_id][-1]
    assert "最新的卡片" in last_edit and "!签收" not in last_edit


async def test_the_time_bank_refuses_a_stranger_the_bot_and_the_same_service_twice(bot: Bot, store: Store,
                                                                                     clock) -> None:  # type: ignore[no-untyped-def]
    """A tester on a real homeserver had hours recorded for an account nobody has, for the bot, and twice for one
    service (a double tap). Each is refused with the reason, in the resident's language; nothing is written."""
    net = t(bot)
    net.joined.update({GRID: [BOB], ALL: [ALICE]})  # a member of any of the community's rooms counts
    for wrong, why in ((f"!确认服务 {NOBODY} 2小时 陪老人就医", f"{NOBODY} 不在本社区的任何群里"),
                       ("!确认服务 @whistle:test 1小时 帮忙", "社区吹哨是机器人")):
        net.say(GRID, BOB, wrong)
        await turn(bot)
        assert why in net.in_room(GRID)[-1].body and "已记入" not in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, "!lang en")
    net.say(GRID, BOB, f"!served {NOBODY} 2h took grandma to the clinic")
    await turn(bot)
    assert f"{NOBODY} is not in any of this community's rooms" in net.in_room(GRID)[-1].body
    net.say(GRID, BOB, "!lang zh")
    await turn(bot)
    assert await store.bank_transfers() == []  # no account opened for anyone, no starting credit

    first = net.say(GRID, BOB, f"!确认服务 {ALICE} 2小时 陪老人就医")
    net.say(GRID, BOB, f"!确认服务 {ALICE} 2小时 陪老人就医")  # a double tap: a second event, the same service
    await turn(bot)
    recorded, again = [s.body for s in net.in_room(GRID)[-2:]]
    assert "已记入时间银行（第 3 笔）" in recorded
    assert "这次服务已经记过了（第 3 笔" in again and "2h" in again and "没有重复记入" in again
    net.replay([e for e in net.history if e.event_id == first])  # the same event again (a restart's old token)
    clock.advance(minutes=5)
    net.say(GRID, BOB, f"!确认服务 {ALICE} 2小时 陪老人看病")  # retyped in other words: still the same service
    await turn(bot)
    assert "已经记过了" in net.in_room(GRID)[-1].body and len(await store.bank_transfers()) == 3
    net.say(GRID, BOB, f"!确认服务 {ALICE} 30分钟 帮忙取快递")  # other hours: another service
    clock.advance(minutes=6)
    net.say(GRID, BOB, f"!确认服务 {ALICE} 2小时 陪老人就医")  # later than the window: another service
    await turn(bot)
    assert ["已记入时间银行（第 4 笔）" in s.body for s in net.in_room(GRID)[-2:]] == [True, False]
    assert "已记入时间银行（第 5 笔）" in net.in_room(GRID)[-1].body
    rows = await store.bank_transfers()
    assert [(r[1], r[2], r[3]) for r in rows[2:]] == [(ALICE, BOB, 120), (ALICE, BOB, 30), (ALICE, BOB, 120)]
    balances: dict[str, int] = {}
    for _i, giver, receiver, minutes, *_rest in rows:
        balances[giver] = balances.get(giver, 0) + minutes
        balances[receiver] = balances.get(receiver, 0) - minutes
    assert sum(balances.values()) == 0 and balances[ALICE] == 120 + 270


async def test_a_resident_asks_for_their_points_and_hours_in_a_direct_chat(bot: Bot, store: Store) -> None:
    """A tester's resident was told 「!积分」不能在这里使用 in their direct chat with the bot: their own points and
    time bank are theirs to ask privately, and are answered there (and still in the residents' rooms)."""
    net = t(bot)
    dm = "!dm-alice:t"
    net.invite(dm, ALICE)
    net.joined[GRID] = [ALICE, BOB]
    net.say(GRID, ALICE, f"!确认服务 {BOB} 1小时 帮忙买菜")
    await turn(bot)
    seen = len(net.in_room(GRID))
    net.say(dm, ALICE, "!积分")
    net.say(dm, ALICE, "!时间银行")
    net.say(dm, ALICE, "!帮助")
    net.say(dm, ALICE, "!提供 修电脑")  # an offer to neighbours still belongs in the residents' rooms
    await turn(bot)
    points, bank, guide, elsewhere = (s.body for s in net.in_room(dm))
    assert "您的积分：0 分" in points
    assert "您的时间银行余额：1h" in bank and "帮忙买菜 -1h" in bank
    assert "开户赠送 +2h" in bank and "starting credit" not in bank  # a tester read English in the Chinese list
    assert "!积分 — " in guide and "!时间银行 — " in guide and "!报告" in guide and "!提供" not in guide
    assert "不能在这里使用" in elsewhere
    assert len(net.in_room(GRID)) == seen  # answered privately, nothing said in the residents' room
    net.say(GRID, BOB, "!时间银行")
    await turn(bot)
    assert "您的时间银行余额：3h" in net.in_room(GRID)[-1].body


async def test_a_picture_in_ones_own_thread_reaches_the_handler_and_nowhere_else(bot: Bot, store: Store) -> None:
    """Staff asked for the photo a resident took; it used to be answered with "text only" and dropped."""
    net = t(bot)
    lift = Media("mxc://t/lift", "lift.jpg", "image/jpeg", 2048)
    report = net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    bob = net.say(GRID, BOB, "安居苑1号楼楼上漏水")  # bob supports it: his thread hears steps, not alice's words
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(GRID, ALICE, "IMG_0001.jpg", thread_root=report, kind="image", media=lift)
    await turn(bot)
    note = (await store.events(1))[-1]
    assert note.kind is Move.NOTE and note.actor == ALICE
    assert note.data == {"media": "mxc://t/lift", "mimetype": "image/jpeg", "size": 2048}
    shown = [s for s in net.in_room(PROPERTY) if s.content.get("msgtype") == "m.image"]
    assert len(shown) == 1 and shown[0].thread_root == card.event_id
    assert shown[0].content["url"] == "mxc://t/lift" and shown[0].content["info"]["size"] == 2048
    assert not [s for s in net.in_room(GRID) if s.content.get("msgtype") == "m.image"]  # not to bob's thread
    assert "已转告" in net.in_room(GRID)[-1].body and net.in_room(GRID)[-1].thread_root == report
    # a file that is no picture, and a picture outside a ticket: words first
    net.say(GRID, ALICE, "plan.pdf", thread_root=report, kind="other")
    net.say(GRID, ALICE, "x.jpg", kind="image", media=lift)
    await turn(bot)
    assert [s.body.startswith("请先用一句话") for s in net.in_room(GRID)[-2:]] == [True, True]
    # a closed ticket passes nothing on
    net.say(PROPERTY, PROP, "!签收 1")
    net.say(PROPERTY, PROP, "!办结 1 已修好")
    await turn(bot)
    for who, thread in ((ALICE, report), (BOB, bob)):
        net.say(GRID, who, "解决了", thread_root=thread)
    await turn(bot)
    assert (await store.ticket(1)).state is State.CLOSED
    net.say(GRID, ALICE, "IMG_0002.jpg", thread_root=report, kind="image", media=lift)
    await turn(bot)
    assert "已办结" in net.in_room(GRID)[-1].body
    assert len([s for s in net.in_room(PROPERTY) if s.content.get("msgtype") == "m.image"]) == 1


async def test_staff_s_picture_in_the_card_thread_reaches_the_residents(bot: Bot, store: Store) -> None:
    """A tester's photo of the repaired pipe, posted in the card's thread, reached nobody: it is a note to every
    resident who reported the matter, in their threads, and not echoed back to the room it came from."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    bob = net.say(GRID, BOB, "安居苑1号楼楼上漏水")  # a supporter hears steps in his own thread
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "!签收", thread_root=card.event_id)
    await turn(bot)
    fixed = Media("mxc://t/fixed", "new_pipe.jpg", "image/jpeg", 4096)
    net.say(PROPERTY, PROP, "new_pipe.jpg", kind="image", media=fixed)  # not in a card's thread: among staff
    await turn(bot)
    assert (await store.events(1))[-1].kind is Move.ACKNOWLEDGED
    net.say(PROPERTY, PROP, "new_pipe.jpg", thread_root=card.event_id, kind="image", media=fixed)
    await turn(bot)
    note = (await store.events(1))[-1]
    assert (note.kind, note.actor, note.actor_handler) == (Move.NOTE, PROP, "property")
    assert note.data == {"media": "mxc://t/fixed", "mimetype": "image/jpeg", "size": 4096}
    for root in (report, bob):
        thread = [s for s in net.in_room(GRID) if s.thread_root == root]
        assert "补充了一张图片" in thread[-2].body and thread[-1].content["url"] == "mxc://t/fixed"
    assert not [s for s in net.in_room(PROPERTY) if s.content.get("msgtype") == "m.image" and s.sender != PROP]
    # someone without the handler's power posting a picture there moves nothing
    net.say(PROPERTY, "@visitor:t", "x.jpg", thread_root=card.event_id, kind="image", media=fixed)
    await turn(bot)
    assert (await store.events(1))[-1].seq == note.seq


async def test_a_direct_chat_someone_else_joins_hears_no_more_and_a_new_one_takes_over(bot: Bot, store: Store) -> None:
    """A tester invited a neighbour into their direct chat with the bot: the neighbour then read every step of
    the resident's private report. Someone else joining ends the privacy: the steps move to a new direct chat."""
    net = t(bot)
    net.joined[GRID] = [ALICE, BOB]
    dm = "!dm-alice:t"
    net.invite(dm, ALICE)
    await turn(bot)
    net.say(dm, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    assert "#1" in net.in_room(dm)[0].body
    net.member(dm, ALICE, ALICE)  # her own join (and the bot's) change nothing
    await turn(bot)
    assert net.opened == []
    net.member(dm, ALICE, BOB)
    await turn(bot)
    (fresh, person), = net.opened
    assert person == ALICE
    told = net.in_room(dm)[-1]
    assert "不再是私密的" in told.body and told.content["m.mentions"] == {"user_ids": [ALICE]}
    assert "这里告知" in net.in_room(fresh)[0].body and "#1" in net.in_room(fresh)[1].body
    old = len(net.in_room(dm))
    card = net.in_room(PROPERTY)[0]
    net.react(PROPERTY, PROP, card.event_id, "✅")
    net.say(PROPERTY, PROP, "!办结 已修好", thread_root=card.event_id)
    net.say(dm, BOB, "!我的")  # the shared room is not served any more
    net.say(dm, ALICE, "!我的")
    await turn(bot)
    pointers = net.in_room(dm)[old:]  # a command there gets a pointer elsewhere, nothing about anyone's tickets
    assert [("不是私聊" in s.body, "#1" in s.body) for s in pointers] == [(True, False), (True, False)]
    net.say(dm, BOB, "哈哈好的")  # their own conversation: nothing
    await turn(bot)
    assert len(net.in_room(dm)) == old + 2
    moved, steps = net.in_room(fresh)[1], net.in_room(fresh)[2:]
    assert any("已签收" in s.body for s in steps) and {s.thread_root for s in steps} == {moved.event_id}
    ask = next(s for s in steps if "问题解决了吗" in s.body)
    assert ask.content["m.mentions"] == {"user_ids": [ALICE]}
    net.say(fresh, ALICE, "IMG_9.jpg", thread_root=moved.event_id, kind="image", media=Media("mxc://t/9", "IMG_9.jpg"))
    net.say(fresh, ALICE, "解决了", thread_root=moved.event_id)  # her verdict in the new chat's thread counts
    await turn(bot)
    assert (await store.ticket(1)).state is State.CLOSED
    assert [s.content["url"] for s in net.in_room(PROPERTY) if s.content.get("msgtype") == "m.image"] == ["mxc://t/9"]
    net.member(dm, ALICE, "@carol:t")  # already moved: nothing opened twice
    await turn(bot)
    assert len(net.opened) == 1
    await bot.prepare()  # a restart still knows the room is shared, and the new one is hers
    assert bot.rooms[dm].kind == "shared" and bot.rooms[fresh].kind == "direct" and bot.rooms[fresh].ref == ALICE


async def test_a_private_report_placed_afterwards_tells_the_handler_of_the_open_ticket_there(bot: Bot, store: Store
                                                                                            ) -> None:
    """A tester's private report, placed only when asked, stayed a second ticket of an open matter there: had the
    place been said at once it would have joined it. The handler is told the two may be one."""
    net = t(bot)
    net.joined[GRID] = [ALICE, BOB]
    net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    dm = "!dm-bob:t"
    net.invite(dm, BOB)
    await turn(bot)
    report = net.say(dm, BOB, "电梯坏了")
    await turn(bot)
    assert (await store.ticket(2)) is not None and (await store.ticket(2)).grid is None
    net.say(dm, BOB, "安居苑1号楼", thread_root=report)  # another matter: nothing to say
    await turn(bot)
    assert not [s for s in net.in_room(PROPERTY) if "同一件事" in s.body]
    report = net.say(dm, BOB, "楼道里也漏水")
    await turn(bot)
    net.say(dm, BOB, "安居苑1号楼", thread_root=report)
    await turn(bot)
    card = next(s for s in net.in_room(PROPERTY) if "#3" in s.body and s.thread_root is None)
    hint = [s for s in net.in_room(PROPERTY) if "同一件事" in s.body]
    assert len(hint) == 1 and hint[0].thread_root == card.event_id
    assert "#3" in hint[0].body and "#1" in hint[0].body and "安居苑" in hint[0].body
    assert not [s for s in net.in_room(dm) if "同一件事" in s.body]


async def test_someone_in_none_of_the_community_s_rooms_cannot_report_in_a_direct_chat(bot: Bot, store: Store) -> None:
    """A tester's account in no room of the community opened a direct chat and joined a ticket as its fourth
    resident; the public board counted it and a whistle could have been blown by outsiders."""
    net = t(bot)
    dm = "!dm-out:t"
    net.invite(dm, NOBODY)
    await turn(bot)
    net.say(dm, NOBODY, "安居苑1号楼楼上漏水了")
    await turn(bot)
    assert await store.count("tickets") == 0 and "本社区的居民" in net.in_room(dm)[-1].body
    net.joined[GRID] = [NOBODY]  # they move in and join their grid's room
    net.say(dm, NOBODY, "安居苑1号楼楼上漏水了")
    await turn(bot)
    assert await store.count("tickets") == 1 and "#1" in net.in_room(dm)[-1].body


async def test_a_unit_s_list_shows_what_it_co_handles_too(bot: Bot, store: Store) -> None:
    """A tester's property room listed only the tickets it led, not the emergencies it had been called to."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼电梯坏了")  # the lift: property leads, police co-handle
    net.say(GRID, BOB, "安居苑2号楼漏水了")  # property alone
    await turn(bot)
    net.say(POLICE, POL, "!待办")
    net.say(STREET, "@st:t", "!待办")
    await turn(bot)
    listed = net.in_room(POLICE)[-1].body
    assert "#1" in listed and "#2" not in listed
    card = next(s.body for s in net.in_room(POLICE) if "【工单" in s.body)  # a co-handler's card offers its own acts
    assert "协办" in card and "!办结" not in card and "!办结" in net.in_room(PROPERTY)[0].body
    assert "没有未办结" in net.in_room(STREET)[-1].body  # street_office: its underscore matches nothing else


async def test_a_note_does_not_edit_a_card_that_says_the_same(bot: Bot, store: Store) -> None:
    """A tester's card was edited, to the same text, for every note, picture and rating."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(GRID, ALICE, "我家电话 13800001111", thread_root=report)
    net.say(PROPERTY, PROP, "!备注 下午上门", thread_root=card.event_id)
    await turn(bot)
    assert [s for s in net.in_room(PROPERTY) if s.edits == card.event_id] == []
    net.react(PROPERTY, PROP, card.event_id, "✅")  # signing for changes its status line: edited
    await turn(bot)
    assert len([s for s in net.in_room(PROPERTY) if s.edits == card.event_id]) == 1


async def test_an_extension_asked_for_is_decided_where_it_was_asked(bot: Bot, store: Store) -> None:
    """A tester's street office approved more days and heard nothing back; the request kept asking."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    net.say(PROPERTY, PROP, "!签收 1")
    net.say(PROPERTY, PROP, "!延期 1 3 等待配件到货")
    await turn(bot)
    request = next(s for s in net.in_room(STREET) if "#1" in s.body and s.thread_root is None)
    assert "命中：-" not in request.body and "漏水" in request.body  # the words behind the routing, as on a card
    net.say(STREET, "@st:t", "!批准", thread_root=request.event_id)
    await turn(bot)
    assert (await store.events(1))[-1].kind is Move.EXTENDED
    told = [s.body for s in net.in_room(STREET) if s.thread_root == request.event_id]
    assert len(told) == 1 and "延期" in told[0]


async def test_a_tick_typed_in_a_card_thread_signs_for_it(bot: Bot, store: Store) -> None:
    """A tester's staff typed "✅签收" under the card instead of reacting: nothing happened, and nothing said why."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "✅ 签收", thread_root=card.event_id)
    net.say(PROPERTY, PROP, "✅ 好的我们下午去")  # talk among staff stays talk
    await turn(bot)
    assert (await store.ticket(1)).state is State.ACKNOWLEDGED  # type: ignore[union-attr]


async def test_status_says_the_deadline_and_the_latest_step(bot: Bot, store: Store) -> None:
    """A tester's !状态 1 gave one line, with neither the deadline nor what happened last."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    net.say(PROPERTY, PROP, "!签收 1")
    net.say(PROPERTY, PROP, "!备注 1 师傅下午两点上门")
    net.say(GRID, ALICE, "我家电话13800001111", thread_root=report)  # her own words are no "latest step"
    net.say(GRID, ALICE, "!状态 1")
    await turn(bot)
    said = net.in_room(GRID)[-1].body
    assert "办结时限" in said and "最新进展" in said and "师傅下午两点上门" in said and "1380000" not in said


async def test_staff_who_join_while_the_bot_runs_are_mentioned_on_the_next_card(bot: Bot, store: Store) -> None:
    """A tester provisioned a new staff member while the bot ran: cards went out mentioning nobody new until
    someone there used a staff command. Their joining refreshes who is staff in the room."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑1号楼楼上漏水了")
    await turn(bot)
    assert net.in_room(PROPERTY)[0].content["m.mentions"] == {"user_ids": [PROP]}
    net.power_levels[PROPERTY]["users"]["@new:t"] = 50  # provisioning raised them, then they joined
    net.member(PROPERTY, "@new:t", "@new:t")
    await turn(bot)
    net.say(GRID, BOB, "安居苑2号楼电梯坏了")
    await turn(bot)
    card = [s for s in net.in_room(PROPERTY) if s.thread_root is None and s.edits is None][-1]
    assert "#2" in card.body and card.content["m.mentions"] == {"user_ids": ["@new:t", PROP]}


async def test_a_command_written_in_english_is_answered_in_english(bot: Bot, store: Store) -> None:
    """A tester's `!report the pipe …` was answered in Chinese: a command's own words are typed by everyone, so the
    words after it tell the language; a bare `!help` keeps the resident's language."""
    net = t(bot)
    net.say(GRID, ALICE, "!report the pipe upstairs is leaking into my flat")
    await turn(bot)
    assert net.in_room(GRID)[-1].body.startswith("Received as ticket #1")
    net.say(GRID, BOB, "!help")
    net.say(GRID, BOB, "!report 安居苑2号楼楼道灯坏了")
    await turn(bot)
    bob = [s.body for s in net.in_room(GRID)][-3:]
    assert "居民指南" in bob[0] and bob[1].startswith("已受理，工单 #2"), bob
