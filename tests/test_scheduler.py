"""Reminders and escalation from the store's timers, with an injectable clock (the real engine)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from chatops.chat.bot import Bot
from chatops.tickets.lifecycle import Move, State
from chatops.tickets.scheduler import Scheduler
from chatops.tickets.service import TicketService, add_duration
from chatops.tickets.store import Store
from rules import Router
from tests.conftest import FakeClock
from tests.test_bot import GRID, PROP, PROPERTY, STREET, t, turn

pytest_plugins = ["tests.test_bot"]


async def test_remind_escalate_flag_once(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    report = net.say(GRID, "@alice:t", "安居苑1号楼漏水")  # leak: urgent, sign for within 2 h
    await turn(bot)
    assert await bot.scheduler.tick() == 0
    clock.advance(minutes=91)  # a quarter of the time left: a reminder, to the staff only
    assert await bot.scheduler.tick() == 1
    await bot.outbox.flush()
    card = net.in_room(PROPERTY)[0]
    reminder = net.in_room(PROPERTY)[-1]
    assert "催办" in reminder.body and reminder.thread_root == card.event_id
    assert reminder.content["m.mentions"] == {"user_ids": [PROP]}
    assert not any("催办" in s.body for s in net.in_room(GRID))

    clock.advance(minutes=30)  # 2 h 01: missed, escalated up the handler's chain to the street office
    assert await bot.scheduler.tick() == 1
    await bot.outbox.flush()
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.escalated_to == "street"
    assert any("升级至「街道」督办" in s.body and s.thread_root == report for s in net.in_room(GRID))
    assert "督办" in net.in_room(STREET)[0].body and "#1" in net.in_room(STREET)[0].body
    kinds = [e.kind for e in await store.events(1)]
    assert kinds.count(Move.REMINDED) == 1 and kinds.count(Move.ESCALATED) == 1

    # a second scheduler (the bot restarted) and the first one both tick: nothing fires twice
    again = Scheduler(store, bot.service)
    assert await again.tick() == 0 and await bot.scheduler.tick() == 0

    clock.advance(hours=2, minutes=1)  # the grace period is missed too: the top of the chain is told again
    assert await again.tick() == 2  # the reminder of the new deadline, and the deadline itself
    kinds = [e.kind for e in await store.events(1)]
    assert kinds.count(Move.ESCALATED) == 1 and kinds.count(Move.REMINDED) == 3
    last = (await store.events(1))[-1]
    assert last.data.get("overdue") is True and last.target == "street"
    assert await again.tick() == 0


async def test_signing_for_cancels_the_sign_timers(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    net.say(PROPERTY, PROP, "!签收 1")
    await turn(bot)
    clock.advance(hours=3)
    assert await bot.scheduler.tick() == 0  # signed in time: no reminder, no escalation
    assert (await store.timer_counts()).get("cancelled") == 2
    clock.advance(hours=21, minutes=1)  # but the resolve deadline (24 h) still runs
    assert await bot.scheduler.tick() == 2
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.escalated_to == "street"


async def test_chain_from_the_category(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑2号楼电梯坏了")  # lift: its own chain [street], normal: 24 h to sign
    await turn(bot)
    clock.advance(hours=24, minutes=1)
    await bot.scheduler.tick()
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.escalated_to == "street"


async def test_duplicates_join_and_a_whistle_summons(bot: Bot, store: Store, clock: FakeClock) -> None:
    """MINI: leak whistles at 3 reports from one grid within 24 h, summoning police beside property."""
    net = t(bot)
    first = net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    clock.advance(minutes=5)
    again = net.say(GRID, "@alice:t", "还是漏水，现在漫到楼道了")  # the same resident: a note, not a supporter
    second = net.say(GRID, "@bob:t", "安居苑2号楼也漏水了")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.supporters == 1 and not ticket.joint and await store.count("tickets") == 1
    bob_receipt = next(s for s in net.in_room(GRID) if s.thread_root == second)
    assert "已有工单 #1" in bob_receipt.body and "共 2 位" in bob_receipt.body
    assert "补充已转告" in next(s for s in net.in_room(GRID) if s.thread_root == again).body
    assert not any("已转告" in s.body for s in net.in_room(GRID) if s.thread_root == first)  # answered once, there
    card = net.in_room(PROPERTY)[0]
    assert any("漫到楼道" in s.body for s in net.in_room(PROPERTY) if s.thread_root == card.event_id)  # told
    assert any("附议：另有 1 位" in s.content.get("m.new_content", {}).get("body", "") for s in net.in_room(PROPERTY)
               if s.edits == card.event_id)

    clock.advance(minutes=5)
    third = net.say(GRID, "@carol:t", "楼道漏水好几天了")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.joint and ticket.supporters == 2 and "police" in ticket.co
    police_card = net.in_room("!police:t")[0]
    assert "#1" in police_card.body and "联合办理" in police_card.body and "待报到" in police_card.body
    for root in (first, second, third):  # every resident following the ticket hears of the whistle
        assert any(s.thread_root == root and "联合吹哨" in s.body for s in net.in_room(GRID))
    # each department reports for duty on its own
    net.say("!police:t", "@pol:t", "!签收", thread_root=police_card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.acked_by == ("police",) and ticket.state.value == "routed"
    net.say(PROPERTY, PROP, "!签收 1")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and set(ticket.acked_by) == {"police", "property"}
    assert ticket.state.value == "acknowledged"
    # every resident who reported it is asked back, each in their own thread
    net.say(PROPERTY, PROP, "!办结 1 已修复")
    await turn(bot)
    asks = [s for s in net.in_room(GRID) if "问题解决了吗" in s.body]
    assert [a.thread_root for a in asks] == [first, second, third]
    assert [a.content["m.mentions"]["user_ids"] for a in asks] == [["@alice:t"], ["@bob:t"], ["@carol:t"]]
    # Alice says it is solved in her thread, Bob in his (his report joined the ticket): it waits for Carol
    net.say(GRID, "@alice:t", "解决了", thread_root=first)
    net.say(GRID, "@bob:t", "已经修好了", thread_root=second)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.RESOLVED and ticket.verdicts == ("@alice:t", "@bob:t")
    assert any("2/3 位" in s.body for s in net.in_room(GRID) if s.thread_root == third)
    edit = [s for s in net.in_room(PROPERTY) if s.edits == card.event_id][-1]
    assert "回访：2/3 位居民确认已解决" in edit.content["m.new_content"]["body"]  # the lead sees who is missing
    assert [s.thread_root for s in net.in_room(GRID) if "请对工单 #1" in s.body] == [first, second]
    net.say(GRID, "@bob:t", "解决了", thread_root=second)  # once is enough
    await turn(bot)
    assert "已经确认过 1 号工单已解决" in net.in_room(GRID)[-1].body
    net.say(GRID, "@bob:t", "1", thread_root=second)  # while Carol is asked, Bob's "1" answers his rating question
    await turn(bot)
    assert "谢谢您的评价（满意）" in net.in_room(GRID)[-1].body
    # Carol's 👍 on her question closes it, for everyone
    net.react(GRID, "@carol:t", asks[2].event_id, "👍")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.CLOSED and ticket.solved is True
    for root in (first, second, third):
        assert any("居民确认问题已解决，工单关闭" in s.body for s in net.in_room(GRID) if s.thread_root == root)
    # each resident rates on their own; the projection is still the fold of the log
    net.say(GRID, "@carol:t", "2", thread_root=third)
    net.say(GRID, "@alice:t", "1", thread_root=first)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.rated_by == ("@bob:t", "@carol:t", "@alice:t")
    assert not ticket.awaiting_rating
    assert await bot.service.rebuild_check() == []


async def test_a_supporter_reopens_and_a_silent_one_does_not_hold_it_open(bot: Bot, store: Store,
                                                                          clock: FakeClock) -> None:
    net = t(bot)
    first = net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    second = net.say(GRID, "@bob:t", "安居苑2号楼也漏水了")
    await turn(bot)
    net.say(GRID, "@bob:t", "!我的")
    await turn(bot)
    assert "#1" in net.in_room(GRID)[-1].body  # a supporter follows the ticket
    for command in ("!签收 1", "!办结 1 已修复"):
        net.say(PROPERTY, PROP, command)
        await turn(bot)
    # one "not solved", from a supporter, reopens it for everyone
    net.say(GRID, "@bob:t", "没解决，还在漏", thread_root=second)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and (ticket.state, ticket.reopens, ticket.verdicts) == (State.ROUTED, 1, ())
    assert any("未解决" in s.body for s in net.in_room(GRID) if s.thread_root == first)
    for command in ("!签收 1", "!办结 1 换了水管"):
        net.say(PROPERTY, PROP, command)
        await turn(bot)
    resolved_at = clock.now
    net.say(GRID, "@alice:t", "解决了", thread_root=first)  # Bob stays silent
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.RESOLVED
    due = bot.service.deadline(resolved_at, timedelta(days=5), "normal")  # MINI: the default window
    assert ticket.callback_deadline == due and due > resolved_at + timedelta(days=5)  # working days
    clock.now = due - timedelta(minutes=1)
    assert await bot.scheduler.tick() == 0
    clock.now = due
    assert await bot.scheduler.tick() == 1  # the rule engine closes it with the verdicts it has
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.CLOSED and ticket.solved is True
    last = (await store.events(1))[-1]
    assert (last.kind, last.actor, last.rule, last.data["verdicts"]) == (Move.CLOSED, "system",
                                                                           "callback.lapse", 1)
    await bot.outbox.flush()
    assert any("回访期满" in s.body and "1/2" in s.body for s in net.in_room(GRID) if s.thread_root == second)
    assert await Scheduler(store, bot.service).tick() == 0  # a restarted bot does not close it twice
    net.say(GRID, "@bob:t", "解决了", thread_root=second)  # too late: told politely what state it is in
    await turn(bot)
    assert "已办结" in net.in_room(GRID)[-1].body
    assert await bot.service.rebuild_check() == []


async def test_below_the_threshold_no_whistle(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    clock.advance(hours=25)  # outside the duplicate window: a new ticket, and no whistle
    net.say(GRID, "@bob:t", "安居苑1号楼漏水")
    net.say(GRID, "@carol:t", "安居苑1号楼漏水")
    await turn(bot)
    assert await store.count("tickets") == 2
    second = await store.ticket(2)
    assert second is not None and second.supporters == 1 and not second.joint


async def test_a_support_taken_back_does_not_count_toward_the_whistle(bot: Bot, store: Store, clock: FakeClock
                                                                      ) -> None:
    """MINI: leak whistles at 3 reports within 24 h; Bob deletes his "me too", so Carol's makes two, Dave's three."""
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    bob = net.say(GRID, "@bob:t", "安居苑2号楼也漏水了")
    await turn(bot)
    net.redact(GRID, "@bob:t", bob)
    await turn(bot)
    assert (await store.ticket(1)).supporters == 0  # type: ignore[union-attr]
    net.say(GRID, "@carol:t", "楼道漏水好几天了")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.supporters == 1 and not ticket.joint
    assert await store.reports_since(1, clock() - timedelta(days=1)) == 2
    net.say(GRID, "@dave:t", "1号楼漏水还没人修")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.joint and "police" in ticket.co
    assert await store.reports_since(1, clock() - timedelta(days=1)) == 3


async def test_an_extension_asked_in_the_room_without_a_ticket_is_told_how_to_name_it(bot: Bot, store: Store) -> None:
    """A tester typed the usage's own example, !延期 3 等待配件到货, in the room (not a card's thread): the 3 was read
    as ticket #3 and the answer was the same usage again. Days alone name no ticket: asked which, in full."""
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "!签收", thread_root=card.event_id)
    net.say(PROPERTY, PROP, "!延期 3 等待配件到货")
    await turn(bot)
    assert "!延期 #12 3 等待配件到货" in net.in_room(PROPERTY)[-1].body
    assert (await store.ticket(1)).extension_asked is None  # type: ignore[union-attr]
    net.say(PROPERTY, PROP, "!延期 1 3天 等待配件到货")  # ticket and days (3天, as a tester said them): asked
    await turn(bot)
    assert (await store.ticket(1)).extension_asked == 3  # type: ignore[union-attr]


async def test_extension_asked_in_the_card_decided_by_the_street_office(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, PROP, "!签收", thread_root=card.event_id)
    net.say(PROPERTY, PROP, "!延期 几天 等配件", thread_root=card.event_id)
    await turn(bot)
    assert "用法：!延期 天数 理由" in net.in_room(PROPERTY)[-1].body
    before = (await store.ticket(1)).resolve_deadline  # type: ignore[union-attr]
    net.say(PROPERTY, PROP, "!延期 3 等待配件到货", thread_root=card.event_id)
    await turn(bot)
    request = next(s for s in net.in_room(STREET) if "延期审批" in s.body)
    assert "等待配件到货" in request.body and request.content["m.mentions"] == {"user_ids": ["@st:t"]}
    assert not any("申请延期" in s.body for s in net.in_room(GRID))  # the resident hears of decisions only
    net.say(PROPERTY, PROP, "!批准", thread_root=card.event_id)  # the lead cannot approve its own
    net.react(STREET, "@nobody:t", request.event_id, "👍")  # nor can a member without power
    await turn(bot)
    assert (await store.ticket(1)).extension_asked == 3  # type: ignore[union-attr]
    net.react(STREET, "@st:t", request.event_id, "👍")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.extension_asked is None and before is not None
    assert ticket.resolve_deadline is not None and ticket.resolve_deadline > before
    assert any("批准延期 3 天" in s.body and s.thread_root == report for s in net.in_room(GRID))
    net.say(PROPERTY, PROP, "!延期 2 还要等", thread_root=card.event_id)
    await turn(bot)
    request2 = [s for s in net.in_room(STREET) if "延期审批" in s.body][-1]
    net.say(STREET, "@st:t", "!驳回 请先说明配件型号", thread_root=request2.event_id)
    await turn(bot)
    assert any("驳回延期申请" in s.body and "配件型号" in s.body for s in net.in_room(PROPERTY))
    assert (await store.ticket(1)).resolve_deadline == ticket.resolve_deadline  # type: ignore[union-attr]
    # the resident hears the time limit stands (a tester's heard of the approval only), not the street's reasons
    kept = [s for s in net.in_room(GRID) if s.thread_root == report][-1]
    assert "未批准延期，仍须在" in kept.body and "配件型号" not in kept.body


async def test_a_restart_while_an_escalation_is_due_fires_it_once(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑1号楼漏水")
    await turn(bot)
    clock.advance(hours=2, minutes=5)  # the bot was down when the reminder and the deadline came due
    restarted = Bot(net, store, bot.service)  # a new process on the same store (and the old one, still ticking)
    await restarted.prepare()
    fired = await asyncio.gather(restarted.scheduler.tick(), bot.scheduler.tick(), restarted.scheduler.tick())
    assert sum(fired) == 2
    kinds = [e.kind for e in await store.events(1)]
    assert kinds.count(Move.REMINDED) == 1 and kinds.count(Move.ESCALATED) == 1
    await restarted.outbox.flush()
    assert sum("升级至「街道」督办" in s.body for s in net.in_room(GRID)) == 1


async def test_escalation_climbs_the_whole_chain_of_the_default_rulebook(store: Store, router: Router,
                                                                           clock: FakeClock) -> None:
    """A neighbours' dispute: mediation -> residents' committee -> street office -> district, then flagged."""
    service = TicketService(store, router, clock=clock, deadline=add_duration)
    receipt = await service.report(source="m:1", reporter="@a:t", text="邻居吵架好几天了，楼道堆物也不清理")
    ticket = receipt.ticket
    assert ticket.lead == "mediation"
    assert router.rulebook.escalation_chain(router.rulebook.category_by_id[ticket.category or ""],
                                            "mediation") == ("committee", "street_office", "district_office")
    scheduler = Scheduler(store, service)
    seen = []
    for _ in range(4):  # each missed sign-for moves it one level up; the grace is the sign-for limit again
        t = await store.ticket(1)
        assert t is not None and t.sign_deadline is not None
        clock.now = t.sign_deadline + timedelta(minutes=1)
        await scheduler.tick()
        last = (await store.events(1))[-1]
        seen.append((last.kind, last.target))
    assert seen == [(Move.ESCALATED, "committee"), (Move.ESCALATED, "street_office"),
                    (Move.ESCALATED, "district_office"), (Move.REMINDED, "district_office")]
    assert (await store.ticket(1)).escalated_to == "district_office"  # type: ignore[union-attr]
    assert await scheduler.tick() == 0  # nothing more for signing: the resolve reminder and deadline remain
    assert (await store.timer_counts()).get("pending", 0) == 2


async def test_a_category_of_several_departments_is_joint_from_the_start(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, "@alice:t", "安居苑2号楼电梯坏了")  # lift: property leads, police too
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.joint and ticket.co == ("police",)
    assert "联合办理：已报到 暂无；待报到 物业委员会、派出所" in net.in_room(PROPERTY)[0].body
