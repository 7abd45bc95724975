"""Before a ticket: is a message a report, which matter is it, and what happens when the bot must ask.

The bot on the default rulebook, the real engine and store, the in-memory transport and a clock the test
moves. Messages are written for these tests.
"""

from __future__ import annotations

import pytest

from chatops.chat.bot import Bot
from chatops.chat.transport.memory import MemoryTransport
from chatops.tickets.lifecycle import Move, State
from chatops.tickets.service import TicketService
from chatops.tickets.store import Room, Store
from rules import Router
from rules.starter import starter_models
from tests.conftest import FakeClock
from tests.test_bot import t, turn

GRID, STREET, PROPERTY, FIRE, MARKET, URBAN = "!g:t", "!street:t", "!prop:t", "!fire:t", "!market:t", "!urban:t"
ALICE, BOB, STAFF = "@alice:t", "@bob:t", "@staff:t"


@pytest.fixture
async def bot(store: Store, router: Router, clock: FakeClock) -> Bot:
    async with store.write() as tx:
        await tx.save_room(Room(GRID, "community", "grid1"))
        for room, ref in ((STREET, "street_office"), (PROPERTY, "property"), (FIRE, "fire"), (MARKET, "market"),
                          (URBAN, "urban_mgmt")):
            await tx.save_room(Room(room, "handler", ref))
    staff = {"users": {STAFF: 50}}
    transport = MemoryTransport(power_levels={r: staff for r in (STREET, PROPERTY, FIRE, MARKET, URBAN)})
    b = Bot(transport, store, TicketService(store, router, clock=clock))
    await b.prepare()
    return b

LIFT = "安居苑3号楼电梯又坏了"


async def reported(bot: Bot, words: str = LIFT) -> str:
    """Report ``words`` as Alice in the grid's room and let the bot answer; return the message's event id."""
    message = t(bot).say(GRID, ALICE, words)
    await turn(bot)
    return message


async def resolve(bot: Bot, how: str = "已修好", ticket: int | None = None) -> None:
    """Sign for and resolve the newest property card (or ticket ``ticket``'s) as its staff."""
    net = t(bot)
    card = [s for s in net.in_room(PROPERTY) if s.thread_root is None and s.edits is None
            and (ticket is None or f"#{ticket} " in s.body)][-1]
    net.say(PROPERTY, STAFF, "!签收", thread_root=card.event_id)
    net.say(PROPERTY, STAFF, f"!办结 {how}", thread_root=card.event_id)
    await turn(bot)



@pytest.mark.parametrize("message", ["谢谢物业，电梯已经修好了", "收到", "大家早上好", "😡😡😡", "👍",
                                     "【停水通知】因管网维修，本周六安居苑停水，请提前储水，敬请谅解。"])
async def test_not_a_report_makes_no_ticket_and_no_answer(bot: Bot, store: Store, message: str) -> None:
    t(bot).say(GRID, ALICE, message)
    await turn(bot)
    assert await store.count("tickets") == 0 and t(bot).sent == []


async def test_a_question_gets_an_answer_not_a_ticket(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "请问重阳节活动在哪里报名？")
    net.say(GRID, ALICE, "怎么在这里反映问题？")
    await turn(bot)
    assert await store.count("tickets") == 0
    first, second = net.in_room(GRID)
    assert "居委会" in first.body and "!报告" in first.body
    assert "安居苑3号楼电梯又坏了" in second.body and "!帮助" in second.body  # how to report, not every command


async def test_unsure_is_asked_and_registered_on_a_thumbs_up(bot: Bot, store: Store) -> None:
    net = t(bot)
    message = net.say(GRID, ALICE, "楼顶的太阳能热水器松了")
    await turn(bot)
    assert await store.count("tickets") == 0
    ask = net.in_room(GRID)[0]
    assert ask.thread_root == message and "登记" in ask.body
    net.react(GRID, BOB, ask.event_id, "👍")  # not the sender's to answer
    await turn(bot)
    assert await store.count("tickets") == 0
    net.react(GRID, ALICE, ask.event_id, "👍")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.reporter == ALICE and ticket.text == "楼顶的太阳能热水器松了"
    receipt = next(s for s in net.in_room(GRID) if "#1" in s.body)  # then, the evidence being weak, "which matter?"
    assert receipt.thread_root == message
    net.react(GRID, ALICE, ask.event_id, "👍")  # twice: still one ticket
    await turn(bot)
    assert await store.count("tickets") == 1


async def test_unsure_declined_or_explained(bot: Bot, store: Store) -> None:
    net = t(bot)
    first = net.say(GRID, ALICE, "楼顶的太阳能热水器松了")
    second = net.say(GRID, BOB, "单元门口那个")
    await turn(bot)
    net.say(GRID, ALICE, "不用了", thread_root=first)
    net.say(GRID, BOB, "一直开着关不上，晚上谁都能进来", thread_root=second)  # more words: the report
    await turn(bot)
    assert await store.count("tickets") == 1
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.reporter == BOB and "关不上" in ticket.text and "单元门口" in ticket.text
    assert any("不登记" in s.body and s.thread_root == first for s in net.in_room(GRID))


async def test_a_bare_number_under_register_this_is_no_words_of_the_report(bot: Bot, store: Store) -> None:
    """A tester answered the bot's "register this?" with 0 and found "0" added to the report's text: 0 (none)
    declines (as 2 does), a number that answers nothing is asked again, and neither becomes words of the report."""
    net = t(bot)
    first = net.say(GRID, ALICE, "楼顶的太阳能热水器松了")
    second = net.say(GRID, BOB, "单元门口那个")
    await turn(bot)
    net.say(GRID, ALICE, "0", thread_root=first)
    net.say(GRID, BOB, "3", thread_root=second)
    await turn(bot)
    assert await store.count("tickets") == 0
    assert any("不登记" in s.body and s.thread_root == first for s in net.in_room(GRID))
    assert any("需要把这条消息登记" in s.body and s.thread_root == second for s in net.in_room(GRID)[2:])
    net.say(GRID, BOB, "是", thread_root=second)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.text == "单元门口那个"


async def test_report_command_always_registers(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "!报告 谢谢")  # a resident who says it is a report is believed
    await turn(bot)
    assert await store.count("tickets") == 1


async def test_emergency_first_with_its_hotline_and_a_card_that_says_why(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "楼道里堆的纸箱烧起来了，电梯也坏了")  # an ordinary matter beside it does not win
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and (ticket.category, ticket.lead, ticket.priority) == ("fire", "fire", "emergency")
    assert "119" in net.in_room(GRID)[0].body
    card = net.in_room(FIRE)[0]
    assert "紧急事项：火情" in card.body and "烧起来" in card.body


async def test_a_card_names_each_word_of_its_evidence_once(bot: Bot, store: Store) -> None:
    """A tester's emergency card said 依据：被困、困在、困在电梯里: a word said only as part of a longer one is not
    shown again on its own."""
    net = t(bot)
    net.say(GRID, ALICE, "有人被困在电梯里了")
    await turn(bot)
    card = net.in_room(FIRE)[0].body
    assert "困在电梯里" in card and "困在、" not in card and "、困在）" not in card


async def test_an_emergency_the_model_hears_is_carded_as_one_and_says_so(bot: Bot, store: Store) -> None:
    bot.service.router = bot.service.router.with_model(None, starter=starter_models(bot.service.router.rulebook))
    net = t(bot)
    net.say(GRID, ALICE, "二号楼电梯停在半截不动了，好像有个老人在喊")  # no urgent word: the starter's emergency head
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.priority == "emergency" and ticket.rule.endswith(".urgent")
    routed = next(e for e in await store.events(1) if e.kind is Move.ROUTED)
    assert routed.data["model_emergency"] >= 0.6 and routed.data["urgent"] == []
    card = net.in_room(PROPERTY)[0].body
    assert "紧急事项" in card and "模型判断为紧急，把握" in card


async def test_a_figure_of_speech_with_an_emergencys_words_is_asked_about_with_the_hotline(bot: Bot,
                                                                                          store: Store) -> None:
    bot.service.router = bot.service.router.with_model(None, starter=starter_models(bot.service.router.rulebook))
    net = t(bot)
    message = net.say(GRID, ALICE, "这周加班加到我要吐血了哈哈")  # both heads: neither a report nor an emergency
    await turn(bot)
    assert await store.count("tickets") == 0
    ask = net.in_room(GRID)[0]
    assert ask.thread_root == message and "登记" in ask.body and "120" in ask.body  # asked, and told whom to call
    net.react(GRID, ALICE, ask.event_id, "👍")  # the sender says it is one: registered as the emergency it names
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.priority == "emergency"


async def test_weak_evidence_asks_which_matter_and_routes_the_pick(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "小区的电梯能不能管一管")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.REPORTED and ticket.awaits_choice
    assert net.in_room(PROPERTY) == [] and net.in_room(MARKET) == []  # nobody has it yet
    receipt, question = net.in_room(GRID)
    assert "#1" in receipt.body and question.thread_root == report and "1." in question.body
    assert question.content["m.mentions"] == {"user_ids": [ALICE]}
    keys = " ".join(f"{n}\ufe0f\u20e3" for n in range(1, len(ticket.options) + 1))
    assert f"点 {keys}：" in question.body  # the keys of the options there are (a tester's single one said 1️⃣ 2️⃣ 3️⃣)
    net.say(GRID, BOB, "2", thread_root=report)  # another resident's number does not choose
    await turn(bot)
    assert (await store.ticket(1)).awaits_choice  # type: ignore[union-attr]
    pick = next(i for i, o in enumerate(ticket.options, 1) if o.endswith("/market"))
    net.react(GRID, ALICE, question.event_id, f"{pick}\ufe0f\u20e3")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.ROUTED and ticket.lead == "market"
    assert "#1" in net.in_room(MARKET)[0].body
    assert any("按您的选择" in s.body and s.thread_root == report for s in net.in_room(GRID))
    routed = [e for e in await store.events(1) if e.kind is Move.ROUTED]
    assert len(routed) == 1 and routed[0].data["chosen"] == pick and routed[0].rule.startswith("category.")
    assert await bot.service.rebuild_check() == []


async def test_no_answer_goes_to_the_street_office_which_assigns(bot: Bot, store: Store, clock: FakeClock) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "小区的电梯能不能管一管")
    await turn(bot)
    clock.advance(minutes=29)
    assert await bot.scheduler.tick() == 0
    clock.advance(minutes=2)  # the window ends: durable_rules' choice.lapse gives it to the street office
    assert await bot.scheduler.tick() == 1
    await bot.outbox.flush()
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.lead == "street_office" and ticket.state is State.ROUTED
    routed = next(e for e in await store.events(1) if e.kind is Move.ROUTED)
    assert routed.rule == "choice.lapse" and routed.data["triage"] is True
    card = net.in_room(STREET)[0]
    assert "待分拨" in card.body and "!分拨" in card.body
    net.say(GRID, ALICE, "1", thread_root=report)  # too late to choose: the street office has it
    await turn(bot)
    assert (await store.ticket(1)).lead == "street_office"  # type: ignore[union-attr]

    net.say(STREET, STAFF, "!分拨 儿子", thread_root=card.event_id)  # no unit or matter of that name: told so
    await turn(bot)
    told = net.in_room(STREET)[-1].body
    assert "没有名为「儿子」的处理单位或事项" in told and "用法：!分拨" in told
    assert "物管会" in told.split("可选的单位")[1]
    assert (await store.ticket(1)).lead == "street_office"  # type: ignore[union-attr]
    net.say(STREET, STAFF, "!转派")  # no ticket named, no thread: asked which, with what the command takes (the
    # units' list in its example once made it fail)
    await turn(bot)
    assert "#" in net.in_room(STREET)[-1].body and "城管 属于占道经营" in net.in_room(STREET)[-1].body
    assert bot._handler_named("儿童") == "children" and bot._handler_named("委员") is None  # one unit begins so
    net.say(STREET, "@nobody:t", "!分拨 物业", thread_root=card.event_id)  # not staff: refused
    net.say(STREET, STAFF, "!分拨 物业", thread_root=card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.lead == "property" and ticket.transfers == 0
    assert ticket.category is None  # a unit named, not one of the guesses: no matter is made up for it
    assert [e.kind for e in await store.events(1)].count(Move.ASSIGNED) == 1
    assert "#1" in net.in_room(PROPERTY)[0].body
    # its card says who placed it: the street office, not the model (a tester's said 分派模型判断归「区城市管理局」)
    placed = net.in_room(PROPERTY)[0].body
    assert "分派依据：「幸福街道办事处」分拨" in placed and "模型" not in placed
    assert any("已分拨" in s.body and s.thread_root == report for s in net.in_room(GRID))
    assert await bot.service.rebuild_check() == []


async def test_a_restart_during_the_window_fires_the_triage_once(bot: Bot, store: Store, clock: FakeClock) -> None:
    from chatops.tickets.scheduler import Scheduler

    t(bot).say(GRID, ALICE, "小区的电梯能不能管一管")
    await turn(bot)
    clock.advance(minutes=31)
    again = Scheduler(store, bot.service)
    assert await again.tick() + await bot.scheduler.tick() == 1
    assert [e.kind for e in await store.events(1)].count(Move.ROUTED) == 1


async def test_a_reply_to_a_message_the_bot_does_not_know(bot: Bot, store: Store) -> None:
    net = t(bot)
    net.say(GRID, ALICE, "对", reply_to="$gone")
    net.say(GRID, BOB, "哈哈是的", reply_to="$gone")
    await turn(bot)
    assert await store.count("tickets") == 0 and net.sent == []


async def test_a_retrained_model_is_taken_up_and_announced_once(bot: Bot, store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rules.model import train
    from tests.test_model import labelled

    path = tmp_path / "routing.model"
    first = train(labelled(), kind="sector", source="test", classifier=bot.service.router.classifier)
    first.save(path)
    bot.model_path = path
    await bot.check_model()
    await bot.check_model()
    await bot.outbox.flush()
    assert bot.service.router.model is not None and bot.service.router.model.version == first.version
    notes = [s for s in t(bot).in_room(STREET) if "分派模型已更新" in s.body]
    assert len(notes) == 1 and first.version in notes[0].body
    path.write_text("broken")  # a half-written or wrong file: the model in use stays
    await bot.check_model()
    assert bot.service.router.model.version == first.version
    second = train(labelled()[:-8], kind="sector", source="test", classifier=bot.service.router.classifier)
    second.save(path)
    await bot.check_model()
    await bot.outbox.flush()
    assert bot.service.router.model.version == second.version != first.version
    assert len([s for s in t(bot).in_room(STREET) if "分派模型已更新" in s.body]) == 2
    t(bot).say(GRID, ALICE, "安居苑3号楼老板两个月没给工钱")
    await turn(bot)
    routed = next(e for e in await store.events(1) if e.kind is Move.ROUTED)
    assert routed.data.get("model") == second.version  # the decision names the model it used


async def test_a_message_the_bot_asked_about_is_forgotten_when_its_sender_deletes_it(bot: Bot, store: Store) -> None:
    net = t(bot)
    message = net.say(GRID, ALICE, "楼顶的太阳能热水器松了")
    await turn(bot)
    assert (await store.pending(f"matrix:{message}")) is not None
    net.redact(GRID, BOB, message)  # someone else's deletion (a moderator's) is not an answer
    await turn(bot)
    assert (await store.pending(f"matrix:{message}")).state == "asked"  # type: ignore[union-attr]
    net.redact(GRID, ALICE, message)
    await turn(bot)
    assert (await store.pending(f"matrix:{message}")).state == "declined"  # type: ignore[union-attr]
    ask = net.in_room(GRID)[0]
    net.react(GRID, ALICE, ask.event_id, "👍")  # too late: nothing is registered from a deleted message
    await turn(bot)
    assert await store.count("tickets") == 0


async def test_a_bare_number_in_the_triage_thread_picks_that_option(bot: Bot, store: Store, clock: FakeClock) -> None:
    """A tester found !分拨 1, as the triage card itself says, read as ticket #1 (the card's options were lost)."""
    net = t(bot)
    net.say(GRID, ALICE, "小区的电梯能不能管一管")
    await turn(bot)
    clock.advance(minutes=31)
    assert await bot.scheduler.tick() == 1
    await bot.outbox.flush()
    card = net.in_room(STREET)[0]
    net.say(STREET, STAFF, "!分拨 1", thread_root=card.event_id)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.lead != "street_office"
    assert [e.kind for e in await store.events(1)].count(Move.ASSIGNED) == 1


async def test_an_emergency_told_in_an_ordinary_ticket_s_thread_is_a_ticket_of_its_own(bot: Bot, store: Store) -> None:
    """A tester's resident told, under a missing manhole cover's receipt, that a child had fallen in: it had become
    a quiet note at ordinary priority. It is an emergency for its own handler at once, with the hotline."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑门口的井盖不见了，晚上黑看不见")
    await turn(bot)
    first = await store.ticket(1)
    assert first is not None and first.priority != "emergency"
    net.say(GRID, ALICE, "刚才有个小孩掉进井里了，爬不上来，快来人", thread_root=report)
    await turn(bot)
    second = await store.ticket(2)
    assert second is not None and second.priority == "emergency" and second.lead == "fire"
    assert any("#2" in s.body and "119" in s.body for s in net.in_room(GRID) if s.thread_root == report)
    assert any("#2" in s.body for s in net.in_room(FIRE))
    assert [e.kind for e in await store.events(1)].count(Move.NOTE) == 0
    # where: the thread's ticket's place (a tester's emergency from a thread was never placed nor asked where)
    assert (second.grid, second.estate) == (first.grid, first.estate) and first.estate is not None
    assert not any("#2" in s.body and "请问具体在哪里" in s.body for s in net.in_room(GRID))


async def test_an_emergency_from_a_thread_names_its_own_place_or_takes_the_one_said_there(
        bot: Bot, store: Store) -> None:
    net = t(bot)
    report = net.say(GRID, ALICE, "路口的井盖不见了")
    await turn(bot)
    net.say(GRID, ALICE, "菜市场门口", thread_root=report)  # a place in words, not an estate
    await turn(bot)
    assert (await store.ticket(1)).place_detail == "菜市场门口"  # type: ignore[union-attr]
    net.say(GRID, ALICE, "有个老人掉进井里了，快来人救命", thread_root=report)
    await turn(bot)
    second = await store.ticket(2)
    assert second is not None and second.priority == "emergency" and second.place_detail == "菜市场门口"
    net.say(GRID, ALICE, "和平里7号楼那边又有个孩子掉进井里了，快来人", thread_root=report)
    await turn(bot)
    third = await store.ticket(3)
    assert third is not None and third.priority == "emergency" and (third.estate, third.building) != (None, None)
    assert third.place_detail is None


async def test_a_fire_elsewhere_in_the_grid_is_a_ticket_of_its_own(bot: Bot, store: Store) -> None:
    """A tester's second fire, at another estate of the same grid, joined the first fire's ticket as support: the
    second fire brigade was never called. Then a fainting told at a named place joined one told with no place,
    without its hotline. Emergencies join only at the very same place (both unplaced, or the same estate and
    building), and whoever joins one is told the hotline too; ordinary matters join as before."""
    net = t(bot)
    for who, words in ((ALICE, "安居苑3号楼着火了，浓烟很大"), (BOB, "和平里7号楼也着火了，快来人"),
                       ("@carol:t", "安居苑3号楼着火了，烟好大"), ("@dave:t", "着火了！快打119"),
                       ("@eve:t", "安居苑5号楼起火了，有人被困"), ("@fay:t", "又着火了，好大的烟")):
        net.say(GRID, who, words)
        await turn(bot)
    tickets = [await store.ticket(i) for i in (1, 2, 3, 4)]
    assert all(ticket is not None and ticket.priority == "emergency" for ticket in tickets)
    first, second, unplaced, third = tickets
    assert (first.building, second.estate != first.estate, third.building) == ("3", True, "5")  # type: ignore
    assert (unplaced.estate, unplaced.building) == (None, None)  # type: ignore[union-attr]
    assert first.followers == ("@carol:t",) and unplaced.followers == ("@fay:t",)  # type: ignore[union-attr]
    assert second.followers == () == third.followers  # type: ignore[union-attr]
    assert await store.count("tickets") == 4
    joined = [s.body for s in net.in_room(GRID) if "并入" in s.body]
    assert len(joined) == 2 and all("119" in b for b in joined)  # the hotline, to whoever tells it


async def test_a_matter_routed_only_once_picked_asks_where_it_is(bot: Bot, store: Store) -> None:
    """A tester's tickets went out after a pick with the grid alone: the place was never asked."""
    net = t(bot)
    report = net.say(GRID, ALICE, "小区的电梯能不能管一管")
    await turn(bot)
    assert (await store.ticket(1)).awaits_choice  # type: ignore[union-attr]
    net.say(GRID, ALICE, "1", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.lead is not None and ticket.estate is None
    assert any("请问具体在哪里" in s.body for s in net.in_room(GRID) if s.thread_root == report)
    net.say(GRID, ALICE, "安居苑3号楼", thread_root=report)
    await turn(bot)
    assert (await store.ticket(1)).building == "3"  # type: ignore[union-attr]


async def test_a_report_said_privately_to_the_bot_is_registered_and_an_emergency_gets_its_hotline(
        bot: Bot, store: Store) -> None:
    """A tester's resident told the bot of a fire in a direct chat and heard nothing. A direct chat takes what a
    residents' room takes from the person whose chat it is: a report (said privately), its thread, their own
    tickets; thanks get no answer, and nobody else's words count there."""
    net = t(bot)
    net.joined[GRID] = [ALICE, BOB]
    dm = "!dm-alice:t"
    net.invite(dm, ALICE)
    await turn(bot)
    report = net.say(dm, ALICE, "安居苑3号楼着火了，浓烟很大，快来人")
    net.say(dm, BOB, "和平里7号楼漏水")  # not the person whose chat it is: ignored
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.priority == "emergency" and ticket.lead == "fire"
    assert (ticket.grid, ticket.estate, ticket.building) == ("grid1", "anju", "3") and ticket.reporter == ALICE
    assert await store.count("tickets") == 1
    receipt = next(s for s in net.in_room(dm) if s.thread_root == report)
    assert "#1" in receipt.body and "119" in receipt.body
    assert any("#1" in s.body for s in net.in_room(FIRE))
    sent = len(net.in_room(dm))
    net.say(dm, ALICE, "谢谢")
    await turn(bot)
    assert len(net.in_room(dm)) == sent
    net.say(dm, ALICE, "!我的")
    await turn(bot)
    assert "#1" in net.in_room(dm)[-1].body


async def test_a_resident_who_writes_english_is_answered_in_english(bot: Bot, store: Store) -> None:
    """A tester's English report got its receipt and every step in Chinese until they said !lang en."""
    net = t(bot)
    report = net.say(GRID, ALICE, "There is a strong gas smell in building 3 of Anju, please come quickly")
    net.say(GRID, BOB, "安居苑5号楼楼道灯坏了")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.priority == "emergency"
    receipt = next(s for s in net.in_room(GRID) if s.thread_root == report)
    assert "Received as ticket #1" in receipt.body and "已受理" not in receipt.body
    assert any("已受理" in s.body for s in net.in_room(GRID) if s.thread_root != report)  # Chinese stays Chinese
    card = next(s for s in net.in_room(FIRE) if "#1" in s.body)
    net.react(FIRE, STAFF, card.event_id, "✅")
    await turn(bot)
    step = [s for s in net.in_room(GRID) if s.thread_root == report][-1]
    assert step is not receipt and "signed" in step.body.lower()
    picture = net.say(GRID, BOB, "lift photo.jpg", kind="image")  # a file's name says nothing of its sender
    await turn(bot)
    assert any("一句话" in s.body for s in net.in_room(GRID) if s.thread_root == picture)


async def test_another_building_s_lift_is_a_ticket_of_its_own(bot: Bot, store: Store) -> None:
    """Two buildings' lifts in one grid were one ticket: the second building's report became support on the
    first's, and its lift would have been "solved" with the other. A lift joins only a report of its own
    building (or one that names none); a matter of the whole grid still joins across buildings."""
    net = t(bot)
    for who, words in ((ALICE, "安居苑3号楼电梯又坏了"), (BOB, "安居苑5号楼电梯也坏了，停在二楼不动"),
                       ("@carol:t", "3号楼电梯坏了好几天了"), ("@dave:t", "电梯坏了没人管"),
                       ("@eve:t", "安居苑门口路灯不亮"), ("@fay:t", "和平里门口的路灯也不亮了")):
        net.say(GRID, who, words)
        await turn(bot)
    lifts = [await store.ticket(i) for i in (1, 2)]
    assert [(x.category, x.building) for x in lifts] == [("lift_fault", "3"), ("lift_fault", "5")]  # type: ignore
    assert lifts[0].followers == ("@carol:t", "@dave:t") and lifts[1].followers == ()  # type: ignore[union-attr]
    lights = await store.ticket(3)
    assert lights is not None and lights.category == "street_lights" and lights.followers == ("@fay:t",)
    assert await store.count("tickets") == 3
    # who named no place is told where the ticket they joined is, and what to do if they meant elsewhere
    receipt = {s.body for s in net.in_room(GRID) if "并入" in s.body}
    dave = next(b for b in receipt if "共 3 位" in b)
    assert "位置是：" in dave and "3号楼" in dave and "请重新反映" in dave
    carol = next(b for b in receipt if "共 2 位" in b and "电梯" in b)
    assert "位置是" not in carol  # she said 3号楼: that is where the ticket is
    fay = next(b for b in receipt if "路灯" in b)  # the grid's street lights join across estates, and say so
    assert "该工单登记的位置是：第一网格 · 安居苑" in fay and "请重新反映" not in fay


async def test_a_neighbour_s_emergency_in_someone_s_thread_is_a_ticket_and_words_to_a_handler_stay_there(
        bot: Bot, store: Store) -> None:
    """A tester's neighbour told of an old man fallen into the well under someone else's missing-cover report:
    nothing happened (others' words in a thread were chatter). A resident's words in their own thread (a phone
    number, where the key is) reached every supporter's thread too; thanks there became notes for the handler."""
    net = t(bot)
    report = net.say(GRID, ALICE, "和平里2号楼门口的井盖不见了")
    await turn(bot)
    support = net.say(GRID, BOB, "和平里2号楼门口井盖没了")  # joins as support: Bob has a thread of his own
    await turn(bot)
    assert (await store.ticket(1)).followers == (BOB,)  # type: ignore[union-attr]
    net.say(GRID, "@carol:t", "快来人！有个老人掉进井里了", thread_root=report)
    await turn(bot)
    second = await store.ticket(2)
    assert second is not None and second.priority == "emergency" and second.lead == "fire"
    assert second.estate == "heping" and second.reporter == "@carol:t"
    assert any("#2" in s.body and "119" in s.body for s in net.in_room(GRID) if s.thread_root == report)
    net.say(GRID, ALICE, "我家电话13800001111，钥匙在地垫下面", thread_root=report)
    net.say(GRID, ALICE, "谢谢", thread_root=report)
    net.say(GRID, ALICE, "👍", thread_root=report)  # typed, not a reaction: no note either
    await turn(bot)
    assert [e.reason for e in await store.events(1) if e.kind == Move.NOTE] == ["我家电话13800001111，钥匙在地垫下面"]
    assert not any("13800001111" in s.body for s in net.in_room(GRID) if s.thread_root == support)
    assert any("13800001111" in s.body for s in net.in_room(URBAN))  # the handler has it


async def test_a_place_said_in_a_thread_answers_the_emergency_told_there(bot: Bot, store: Store) -> None:
    """A tester's emergency told in the thread of her ordinary report asked where it was; her answer there placed
    the ordinary report instead, and the emergency's card kept only the grid."""
    net = t(bot)
    report = net.say(GRID, ALICE, "楼上天天半夜吵，睡不着")
    await turn(bot)
    net.say(GRID, ALICE, "漏水流到配电箱里了，电线在冒火花！", thread_root=report)
    await turn(bot)
    emergency = await store.ticket(2)
    assert emergency is not None and emergency.priority == "emergency" and emergency.estate is None
    net.say(GRID, ALICE, "安居苑6号楼", thread_root=report)
    await turn(bot)
    emergency, ordinary = await store.ticket(2), await store.ticket(1)
    assert (emergency.estate, emergency.building) == ("anju", "6")  # type: ignore[union-attr]
    assert ordinary is not None and ordinary.estate is None
    net.say(GRID, ALICE, "和平里2号楼", thread_root=report)  # the emergency is placed: now the ordinary one is
    await turn(bot)
    assert ((await store.ticket(1)).estate, (await store.ticket(2)).estate) == ("heping", "anju")  # type: ignore


async def test_an_emergency_told_at_great_length_is_a_ticket_not_a_refusal(bot: Bot, store: Store) -> None:
    """A tester's fire, told with every detail (4,833 characters), was refused as too long: no ticket, no 119."""
    net = t(bot)
    fire = "救命！和平里2号楼3单元着火了，浓烟很大，有老人被困在里面出不来！" + "火越来越大，楼道里全是烟。" * 400
    net.say(GRID, ALICE, fire)
    net.say(GRID, BOB, "今天天气真不错，" * 600)  # a long message that is no emergency is still refused
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.priority == "emergency" and len(ticket.text) == 2000
    assert await store.count("tickets") == 1
    said = [s.body for s in net.in_room(GRID)]
    assert any("#1" in b and "119" in b for b in said) and any("过长" in b for b in said)


async def test_one_english_report_does_not_make_every_later_answer_english(bot: Bot, store: Store) -> None:
    """A tester wrote one report in English; his Chinese report afterwards was answered in English."""
    net = t(bot)
    net.say(GRID, BOB, "The street light at the Anjuyuan gate is broken")
    await turn(bot)
    assert "ticket #1" in net.in_room(GRID)[-1].body
    report = net.say(GRID, BOB, "馨园5号楼门口的垃圾桶满了好几天了没人清，臭死了")
    await turn(bot)
    assert "工单 #2" in net.in_room(GRID)[-1].body
    card = next(s for s in net.sent if "#2" in s.body and s.thread_root is None and s.room_id != GRID)
    net.react(card.room_id, STAFF, card.event_id, "✅")
    await turn(bot)
    step = [s for s in net.in_room(GRID) if s.thread_root == report][-1]
    assert "签收" in step.body


async def test_a_weak_message_is_asked_about_not_added_to_ones_open_ticket(bot: Bot, store: Store) -> None:
    """A tester's vague "有人在吵" became a note on her own open ticket although the router said to ask: a guess
    joins nothing."""
    net = t(bot)
    net.say(GRID, ALICE, "安居苑3号楼电梯坏了，停在二楼")
    await turn(bot)
    net.say(GRID, ALICE, "小区的电梯能不能管一管")
    await turn(bot)
    assert [e.kind for e in await store.events(1)].count(Move.NOTE) == 0
    asked = await store.ticket(2)
    assert asked is not None and asked.awaits_choice


def test_the_place_question_gives_an_example_of_the_ticket_s_own_grid(bot: Bot) -> None:
    """A tester in the second grid's room was asked for a place "例如：安居苑3号楼", an estate of the first grid."""
    from datetime import UTC, datetime

    from chatops.tickets.lifecycle import Ticket
    now = datetime.now(UTC)
    second = Ticket(1, "s", "@a:t", "路灯坏了", now, now, grid="grid2")
    assert "例如：馨园1号楼" in bot.voice.ask_place(second, None)
    assert "例如：安居苑1号楼" in bot.voice.ask_place(Ticket(2, "s", "@a:t", "x", now, now), None)


async def test_something_wrong_but_not_what_is_asked_what_and_the_answer_registers_it(bot: Bot, store: Store
                                                                                      ) -> None:
    """A tester's 那个东西又坏了 became an urgent ticket for thrown rubbish: the bot asks what and where, registers
    nothing meanwhile, and the resident's answer in the thread, with the first words, is the report."""
    net = t(bot)
    message = net.say(GRID, ALICE, "那个东西又坏了")
    await turn(bot)
    assert await store.count("tickets") == 0
    (ask,) = net.in_room(GRID)
    assert ask.thread_root == message and "是什么、在哪里" in ask.body and "3号楼电梯" in ask.body
    net.say(GRID, ALICE, "2号楼的电梯，卡在五楼不动了", thread_root=message)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.reporter == ALICE and ticket.lead == "property"
    assert ticket.text == "那个东西又坏了\n2号楼的电梯，卡在五楼不动了" and ticket.category == "lift_fault"
    again = net.say(GRID, BOB, "怎么又这样")
    await turn(bot)
    net.say(GRID, BOB, "是", thread_root=again)  # register it as it is: the street office dispatches it
    await turn(bot)
    ticket = await store.ticket(2)
    assert ticket is not None and ticket.category is None and ticket.lead == "street_office"


async def test_the_second_command_in_a_neighbours_ticket_thread_is_support(bot: Bot, store: Store) -> None:
    """!附议 is the seconding of a matter (议题), with its number; a tester's neighbour typed it bare under a report and
    was told the matters' usage. Bare, in a ticket's thread, it is "me too" of that ticket, as 附议 said plainly is."""
    net = t(bot)
    report = await reported(bot)
    net.say(GRID, BOB, "!附议", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and BOB in ticket.residents and ticket.supporters == 1
    assert "#1" in net.in_room(GRID)[-1].body and "用法" not in net.in_room(GRID)[-1].body
    net.say(GRID, ALICE, "!附议", thread_root=report)  # the reporter's own: no support of herself, the usage
    await turn(bot)
    assert (await store.ticket(1)).supporters == 1  # type: ignore[union-attr]
    assert "用法" in net.in_room(GRID)[-1].body


async def test_a_neighbours_me_too_in_the_thread_is_support_and_both_hear_each_step_once(bot: Bot, store: Store
                                                                                         ) -> None:
    """A tester's 我家也是 under a neighbour's report went unanswered and uncounted: it joins the ticket as support
    (the handler's card says two residents), its receipt names the neighbour, and after the resolve the thread hears
    the step once and each of the two is asked whether it is solved."""
    net = t(bot)
    report = await reported(bot)
    net.say(GRID, BOB, "我家也是，天天爬楼", thread_root=report)
    net.say(GRID, BOB, "昨天的球赛看了没", thread_root=report)  # chatter in the thread: left alone
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and BOB in ticket.residents and ticket.supporters == 1
    receipt = net.in_room(GRID)[-1]  # chatter, the supporter's now, is still no note for the handler
    assert receipt.thread_root == report and receipt.content["m.mentions"] == {"user_ids": [BOB]}
    assert "#1" in receipt.body and "2 位居民" in receipt.body and receipt.body.startswith(BOB)  # named
    assert len([s for s in net.in_room(GRID) if s.thread_root == report]) == 2  # the receipts, no answer to chatter
    await resolve(bot, "已换曳引机")
    told = [s for s in net.in_room(GRID) if s.thread_root == report]
    assert len([s for s in told if "已换曳引机" in s.body]) == 1
    asks = [s for s in told if "问题解决了吗" in s.body]
    assert sorted(u for s in asks for u in s.content["m.mentions"]["user_ids"]) == sorted([ALICE, BOB])
    assert sorted(s.body.split()[0] for s in asks) == sorted([ALICE, BOB])  # each named: who is asked shows
    net.say(GRID, BOB, "修好了", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and BOB in ticket.verdicts and ALICE not in ticket.verdicts


async def test_a_me_too_of_another_matter_in_the_thread_is_no_support(bot: Bot, store: Store) -> None:
    net = t(bot)
    report = await reported(bot)
    net.say(GRID, BOB, "我们楼也停水了，一滴都没有", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.supporters == 0 and BOB not in ticket.residents


async def test_a_supporter_who_deletes_the_me_too_takes_the_support_back(bot: Bot, store: Store) -> None:
    """A tester deleted her support and the card still counted her and she was still told each step: deleting the
    message of one's support takes it back (counted no more, asked back no more), the handler's card is told, the
    reporter's ticket stays; deleting someone else's message changes nothing."""
    net = t(bot)
    report = await reported(bot)
    support = net.say(GRID, BOB, "我家也是", thread_root=report)
    await turn(bot)
    net.redact(GRID, ALICE, support)  # not hers
    await turn(bot)
    assert (ticket := await store.ticket(1)) is not None and ticket.supporters == 1
    net.redact(GRID, BOB, support)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.supporters == 0 and BOB not in ticket.residents
    assert ticket.state is State.ROUTED and ticket.reporter == ALICE
    told = net.in_room(GRID)[-1]
    assert "撤回对工单 #1 的附议" in told.body and told.content["m.mentions"] == {"user_ids": [BOB]}
    assert told.thread_root == report  # where the support was said
    card = net.in_room(PROPERTY)[0]
    assert any("撤回了附议" in s.body for s in net.in_room(PROPERTY) if s.thread_root == card.event_id)
    net.say(GRID, BOB, "!我的")  # a tester's !mine still listed it
    await turn(bot)
    assert "#1" not in net.in_room(GRID)[-1].body
    await resolve(bot)
    asks = [s for s in net.in_room(GRID) if "问题解决了吗" in s.body]
    assert [s.content["m.mentions"]["user_ids"] for s in asks] == [[ALICE]]


async def test_a_support_reported_in_the_room_and_deleted_hears_no_more(bot: Bot, store: Store) -> None:
    net = t(bot)
    await reported(bot)
    again = net.say(GRID, BOB, "安居苑3号楼电梯坏了，又要爬楼")
    await turn(bot)
    assert (ticket := await store.ticket(1)) is not None and ticket.supporters == 1
    net.redact(GRID, BOB, again)
    await turn(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, STAFF, "!签收", thread_root=card.event_id)
    await turn(bot)
    assert not any(s.thread_root == again and "已签收" in s.body for s in net.in_room(GRID))
    assert any("已签收" in s.body for s in net.in_room(GRID))  # the reporter hears it


async def test_an_estate_named_in_another_grids_room_is_its_own_grids_matter(bot: Bot, store: Store) -> None:
    """A tester's 馨园 report in the first grid's room was placed in the first grid, and the same outage reported
    in the community room became a second ticket: the estate the words name decides the grid."""
    net = t(bot)
    net.say(GRID, ALICE, "馨园2号楼停水了，一滴都没有")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.estate == "xinyuan" and ticket.grid == "grid2"
    net.say(GRID, BOB, "馨园2号楼停水了")
    await turn(bot)
    assert await store.count("tickets") == 1 and (await store.ticket(1)).supporters == 1


async def test_an_answer_that_names_only_a_place_is_asked_once_more_what_is_wrong(bot: Bot, store: Store) -> None:
    """A tester answered "what and where?" with 安居苑 alone and got a ticket for a certificate: an answer that still
    names no matter is asked about once more, and the next answer, with all the words, is the report."""
    net = t(bot)
    message = net.say(GRID, BOB, "这个事情到底有没有人管啊")
    await turn(bot)
    net.say(GRID, BOB, "安居苑", thread_root=message)
    await turn(bot)
    assert await store.count("tickets") == 0
    assert "还是没看出" in net.in_room(GRID)[-1].body and net.in_room(GRID)[-1].thread_root == message
    net.say(GRID, BOB, "5号楼门口的路灯一直不亮", thread_root=message)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.category == "street_lights" and ticket.reporter == BOB
    assert ticket.text == "这个事情到底有没有人管啊\n安居苑\n5号楼门口的路灯一直不亮" and ticket.estate == "anju"


async def test_support_taken_back_and_given_again_is_asked_once(bot: Bot, store: Store) -> None:
    """A tester's neighbour deleted her 我家也是 and said 我们楼也一样 again: she was asked twice for the verdict and
    twice for the rating; one resident in one thread is asked once."""
    net = t(bot)
    report = await reported(bot)
    first = net.say(GRID, BOB, "我家也是", thread_root=report)
    await turn(bot)
    net.redact(GRID, BOB, first)
    await turn(bot)
    net.say(GRID, BOB, "我们楼也一样", thread_root=report)
    await turn(bot)
    assert (ticket := await store.ticket(1)) is not None and ticket.supporters == 1 and BOB in ticket.residents
    await resolve(bot)
    asks = [s.content["m.mentions"]["user_ids"] for s in net.in_room(GRID) if "问题解决了吗" in s.body]
    assert sorted(asks) == [[ALICE], [BOB]]
    net.say(GRID, BOB, "好了", thread_root=report)
    await turn(bot)
    assert len([s for s in net.in_room(GRID) if "评价" in s.body and BOB in s.content["m.mentions"].get("user_ids", [])
                ]) == 1


async def test_a_report_in_the_thread_of_a_closed_ticket_is_a_new_one(bot: Bot, store: Store, clock: FakeClock
                                                                    ) -> None:
    """A tester's 我家也是，3号楼电梯今天又停了 in the thread of a closed lift ticket was lost without a word: the
    matter back is a ticket of its own (receipt in that thread, naming whose it is); a bare "me too" there is told
    how to report it again; thanks there are left alone."""
    net = t(bot)
    report = await reported(bot)
    await resolve(bot)
    net.say(GRID, ALICE, "是", thread_root=report)
    await turn(bot)
    assert (await store.ticket(1)).state is State.CLOSED
    net.say(GRID, BOB, "我家也是，3号楼电梯今天又停了", thread_root=report)
    net.say(GRID, STAFF, "我家也是", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(2)
    assert ticket is not None and ticket.reporter == BOB and ticket.category == "lift_fault"
    assert ticket.estate == "anju" and ticket.building == "3"
    receipt = next(s for s in net.in_room(GRID) if "#2" in s.body)
    assert receipt.thread_root == report and receipt.body.startswith(BOB)
    assert any("当前已办结" in s.body and "新的反映" in s.body for s in net.in_room(GRID) if s.thread_root == report)
    net.say(GRID, ALICE, "谢谢", thread_root=report)
    await turn(bot)
    assert await store.count("tickets") == 2
    await resolve(bot)  # the new one: its resident answers in the thread it was opened in, though it is another's
    net.say(GRID, BOB, "1", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(2)
    assert ticket is not None and BOB in ticket.verdicts and ticket.state is State.CLOSED
    net.say(GRID, BOB, "满意", thread_root=report)
    await turn(bot)
    assert (await store.ticket(2)).rating == "satisfied"


async def test_a_thumbs_up_typed_as_text_answers_solved(bot: Bot, store: Store) -> None:
    """The question offers 👍 / 👎; a tester typed 👍 as a message (not a reaction) and nothing was recorded."""
    net = t(bot)
    report = await reported(bot)
    await resolve(bot)
    net.say(GRID, ALICE, "👍🏻 谢谢", thread_root=report)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.CLOSED and ALICE in ticket.verdicts


async def test_the_same_words_sent_again_are_no_note(bot: Bot, store: Store) -> None:
    """A tester's message sent twice put a copy of the report on every handler's card as a note: the same words
    again say nothing new; the resident is told the ticket it already is."""
    net = t(bot)
    await reported(bot)
    again = net.say(GRID, ALICE, "安居苑3号楼电梯又坏了！")
    await turn(bot)
    assert [e.kind.value for e in await store.events(1)][-1] != "note"
    assert any("已经是工单 #1" in s.body for s in net.in_room(GRID) if s.thread_root == again)
    assert not any("📝" in s.body for s in net.in_room(PROPERTY))


async def test_a_joint_card_done_with_waits_for_nobody(bot: Bot, store: Store) -> None:
    """A tester's closed lift ticket still said 待报到 (the co-handler never reported) on both cards."""
    net = t(bot)
    report = await reported(bot)
    card = net.in_room(PROPERTY)[0]
    assert "待报到" in card.body  # the co-handler is waited for while it is open
    await resolve(bot)
    net.say(GRID, ALICE, "是", thread_root=report)
    await turn(bot)
    last = [s for s in net.in_room(PROPERTY) if s.edits == card.event_id][-1]
    shown = last.content["m.new_content"]["body"]
    assert "联合办理" in shown and "待报到" not in shown



async def test_a_late_placed_ticket_hints_the_same_matter_naming_both_places(bot: Bot, store: Store) -> None:
    """A report asked which matter it is joins nothing; placed later where an open ticket of its matter is, its
    handler is told the two may be one, and (a tester read 同一地点 beside another place) where each of them is."""
    net = t(bot)
    await reported(bot)
    second = net.say(GRID, BOB, "电体坏了")
    await turn(bot)
    assert await store.count("tickets") == 2
    net.say(GRID, BOB, "1", thread_root=second)
    await turn(bot)
    net.say(GRID, BOB, "安居苑3号楼", thread_root=second)
    await turn(bot)
    hint = next(s for s in net.in_room(PROPERTY) if "可能是同一件事" in s.body)
    assert "工单 #2" in hint.body and "#1" in hint.body and hint.body.count("安居苑") == 2


async def test_an_english_ticket_stays_english_after_a_chinese_report(bot: Bot, store: Store) -> None:
    """A tester set !lang en, wrote one report in Chinese, and the later steps of her English ticket came in
    Chinese: each report's steps come in the language it was written in, and one report does not undo !lang."""
    net = t(bot)
    net.say(GRID, ALICE, "!lang en")
    await turn(bot)
    english = net.say(GRID, ALICE, "The lift in building 3 of Anju Garden is broken again")
    await turn(bot)
    chinese = net.say(GRID, ALICE, "馨园5号楼门口的垃圾桶满了好几天了没人清，臭死了")
    await turn(bot)
    await resolve(bot, ticket=1)  # the lift
    asked = [s for s in net.in_room(GRID) if s.thread_root == english][-1]
    assert "solved" in asked.body.lower() and "解决" not in asked.body
    assert "工单 #2" in [s for s in net.in_room(GRID) if s.thread_root == chinese][-1].body
    net.say(GRID, ALICE, "!help")
    await turn(bot)
    assert "Community Whistle" in net.in_room(GRID)[-1].body  # !lang en still holds


async def test_a_card_the_ticket_moved_on_from_asks_nothing(bot: Bot, store: Store) -> None:
    """A tester's old card, after a transfer, still said 点 ✅ 或 !签收, and ✅ there was refused."""
    net = t(bot)
    await reported(bot)
    card = net.in_room(PROPERTY)[0]
    assert "!签收" in card.body
    net.say(PROPERTY, STAFF, "!转派 街道 电梯维保合同由街道统一管理", thread_root=card.event_id)
    await turn(bot)
    shown = [s for s in net.in_room(PROPERTY) if s.edits == card.event_id][-1].content["m.new_content"]["body"]
    assert "已转出" in shown and "!签收" not in shown
    street = next(s for s in net.in_room(STREET) if "#1" in s.body and s.thread_root is None)
    assert "!签收" in street.body  # the new holder's card still says what to do


async def test_a_card_the_ticket_was_returned_from_says_returned(bot: Bot, store: Store) -> None:
    """A tester's unit returned a ticket (退单) and its card said 已转出至「街道」 as for a transfer."""
    net = t(bot)
    await reported(bot)
    card = net.in_room(PROPERTY)[0]
    net.say(PROPERTY, STAFF, "!退单 不属于物业管理范围", thread_root=card.event_id)
    await turn(bot)
    shown = [s for s in net.in_room(PROPERTY) if s.edits == card.event_id][-1].content["m.new_content"]["body"]
    assert "已退回" in shown and "已转出" not in shown and "!签收" not in shown


async def test_a_vague_report_registered_as_it_is_is_dispatched_by_unit(bot: Bot, store: Store) -> None:
    """A tester's street office card for 那个东西又坏了 (registered on 是) said !分拨 1 (a number above) with no numbers
    above, and the dispatch read 已分拨：「未分类」: the card says to name a unit, and the step says who has it."""
    net = t(bot)
    message = net.say(GRID, ALICE, "那个东西又坏了")
    await turn(bot)
    net.say(GRID, ALICE, "是", thread_root=message)
    await turn(bot)
    card = next(s for s in net.in_room(STREET) if "#1" in s.body and s.thread_root is None)
    assert "!分拨 单位名" in card.body and "按上面的编号" not in card.body
    net.say(STREET, STAFF, "!分拨 城管", thread_root=card.event_id)
    await turn(bot)
    told = [s for s in net.in_room(GRID) if s.thread_root == message][-1]
    assert "已分拨，由「区城市管理局」办理" in told.body and "未分类" not in told.body


async def test_an_answer_to_the_rating_question_that_is_no_rating_is_asked_again(bot: Bot, store: Store) -> None:
    """A tester answered the rating question with 5 (no answer) and 太慢了 (told to report it again)."""
    net = t(bot)
    report = await reported(bot)
    await resolve(bot)
    net.say(GRID, ALICE, "是", thread_root=report)
    await turn(bot)
    for answer in ("5", "太慢了"):
        net.say(GRID, ALICE, answer, thread_root=report)
        await turn(bot)
        assert "请对工单 #1 的办理评价" in net.in_room(GRID)[-1].body, answer
    net.say(GRID, ALICE, "3", thread_root=report)
    await turn(bot)
    assert (await store.ticket(1)).rating == "dissatisfied"


async def test_solved_said_in_the_room_answers_the_one_question_waiting(bot: Bot, store: Store) -> None:
    """A tester with a verdict question waiting wrote 已解决 in the room, not in its thread, and was asked whether
    to register it as a report."""
    net = t(bot)
    report = await reported(bot)
    await resolve(bot)
    net.say(GRID, BOB, "已解决")  # nothing waits for bob's answer: not his to give
    net.say(GRID, ALICE, "已解决")
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.state is State.CLOSED and ticket.verdicts == (ALICE,)
    assert any("已记下您对工单 #1 的回复" in s.body for s in net.in_room(GRID) if s.thread_root != report)


async def test_a_late_answer_to_the_solved_question_after_another_reopened_it_is_no_rating(bot: Bot,
                                                                                          store: Store) -> None:
    """A tester's neighbour answered 1 to "问题解决了吗" after the reporter had said 2 (not solved): it was stored as
    a rating (满意) beside the reopening. The neighbour is told it is being handled again; the reporter, asked for
    a rating after saying not solved, still rates."""
    net = t(bot)
    first = await reported(bot, "安居苑1号楼楼道灯坏了")
    bob = net.say(GRID, BOB, "安居苑1号楼楼道灯也坏了")  # supports it: asked too
    await turn(bot)
    await resolve(bot, "已换灯泡")
    net.say(GRID, ALICE, "2", thread_root=first)
    await turn(bot)
    assert (await store.ticket(1)).state is State.ROUTED  # type: ignore[union-attr]
    net.say(GRID, BOB, "1", thread_root=bob)
    await turn(bot)
    said = net.in_room(GRID)[-1]
    assert said.thread_root == bob and "已有居民反馈未解决" in said.body
    assert not [e for e in await store.events(1) if e.kind is Move.RATED]
    net.say(GRID, ALICE, "3", thread_root=first)  # hers was a rating question: 不满意
    await turn(bot)
    rated = [e for e in await store.events(1) if e.kind is Move.RATED]
    assert [(e.actor, e.data["rating"]) for e in rated] == [(ALICE, "dissatisfied")]


async def test_an_edit_that_now_tells_of_an_emergency_is_registered_with_whom_to_call(bot: Bot, store: Store) -> None:
    """A tester edited 大家晚上好 into a fire and got only "editing registers nothing"; the next was told the hotline,
    and still no handler heard of it. An edit of a message that made no ticket and now tells of an emergency is
    registered, its receipt (with the hotline) in the edited message's thread; any other edit registers nothing."""
    net = t(bot)
    hello = net.say(GRID, ALICE, "大家晚上好")
    await turn(bot)
    net.say(GRID, ALICE, "* 安居苑4号楼三楼着火了！浓烟很大", replaces=hello)
    await turn(bot)
    ticket = await store.ticket(1)
    assert ticket is not None and ticket.priority == "emergency" and ticket.lead == "fire"
    receipt = net.in_room(GRID)[-1]
    assert receipt.thread_root == hello and "#1" in receipt.body and "119" in receipt.body
    assert "#1" in net.in_room(FIRE)[0].body
    net.say(GRID, ALICE, "* 安居苑4号楼三楼着火了！！浓烟很大，快来", replaces=hello)  # its ticket is made: not again
    await turn(bot)
    assert await store.count("tickets") == 1 and "修改消息不会登记" in net.in_room(GRID)[-1].body
    other = net.say(GRID, ALICE, "今天天气不错")
    await turn(bot)
    net.say(GRID, ALICE, "* 大家晚上好呀", replaces=other)  # an ordinary edit: no hotline, nothing registered
    await turn(bot)
    assert net.in_room(GRID)[-1].body.startswith("修改消息不会登记") and await store.count("tickets") == 1


async def test_the_matter_done_said_in_ones_thread_reaches_the_handler(bot: Bot, store: Store) -> None:
    """A tester's 垃圾已经有人清走了，不用处理了 in her ticket's thread was taken for thanks and reached nobody: the
    handler needs to know it is done. A plain thank-you there still moves nothing."""
    net = t(bot)
    first = await reported(bot, "安居苑1号楼门口垃圾堆了三天没人清")
    net.say(GRID, ALICE, "谢谢", thread_root=first)
    await turn(bot)
    assert [e.kind for e in await store.events(1)].count(Move.NOTE) == 0
    net.say(GRID, ALICE, "垃圾已经有人清走了，不用处理了", thread_root=first)
    await turn(bot)
    note = (await store.events(1))[-1]
    assert note.kind is Move.NOTE and note.reason == "垃圾已经有人清走了，不用处理了"
    card = net.in_room(PROPERTY)[0]
    assert any("不用处理了" in s.body for s in net.in_room(PROPERTY) if s.thread_root == card.event_id)


async def test_how_is_it_going_in_ones_thread_is_answered_with_the_status(bot: Bot, store: Store) -> None:
    """A tester's 处理得怎么样了？ in her own thread was passed to the handler as a note; the status answers it."""
    net = t(bot)
    first = await reported(bot)
    net.say(GRID, ALICE, "处理得怎么样了？", thread_root=first)
    await turn(bot)
    said = net.in_room(GRID)[-1]
    assert said.thread_root == first and "#1" in said.body and "已转告" not in said.body
    assert Move.NOTE not in [e.kind for e in await store.events(1)]


async def test_a_support_said_as_a_message_of_its_own_taken_back_is_told_in_the_room(bot: Bot, store: Store) -> None:
    """A tester's neighbour deleted his own report that had joined a ticket: the notice went to the reporter's
    thread. It is told in the room, naming him, as a deleted report is."""
    net = t(bot)
    first = await reported(bot, "安居苑1号楼楼道灯坏了")
    bob = net.say(GRID, BOB, "安居苑1号楼楼道灯也坏了")
    await turn(bot)
    assert (await store.ticket(1)).supporters == 1  # type: ignore[union-attr]
    net.redact(GRID, BOB, bob)
    await turn(bot)
    told = [s for s in net.in_room(GRID) if "撤回" in s.body][-1]
    assert told.thread_root != first and told.content["m.mentions"] == {"user_ids": [BOB]}
    assert (await store.ticket(1)).supporters == 0  # type: ignore[union-attr]


async def test_a_thread_shared_by_two_languages_hears_each_step_once(bot: Bot, store: Store) -> None:
    """A tester's thread with a Chinese reporter and an English neighbour heard every step twice, once in each
    language: it is one message, in both."""
    net = t(bot)
    first = await reported(bot, "安居苑1号楼楼道灯坏了")
    net.say(GRID, BOB, "Same here, the light on our floor is out too", thread_root=first)
    await turn(bot)
    assert (await store.ticket(1)).supporters == 1  # type: ignore[union-attr]
    card = net.in_room(PROPERTY)[0]
    before = len(net.in_room(GRID))
    net.say(PROPERTY, STAFF, "!签收", thread_root=card.event_id)
    await turn(bot)
    steps = [s for s in net.in_room(GRID)[before:] if s.thread_root == first]
    assert len(steps) == 1 and "已签收" in steps[0].body and "signed for" in steps[0].body


async def test_a_report_joined_to_a_ticket_at_another_place_says_where_that_ticket_is(bot: Bot, store: Store) -> None:
    """A tester's street light at 8号楼 joined the ticket of one at 4号楼 (street lights join across a grid) with no
    word of where that ticket was."""
    net = t(bot)
    await reported(bot, "安居苑4号楼门口路灯坏了")
    bob = net.say(GRID, BOB, "和平里8号楼门口路灯坏了，晚上黑漆漆的")
    await turn(bot)
    receipt = [s for s in net.in_room(GRID) if s.thread_root == bob][-1]
    assert "已把您的反映并入" in receipt.body and "该工单登记的位置是" in receipt.body and "4号楼" in receipt.body
    again = net.say(GRID, "@carol:t", "安居苑4号楼门口路灯也坏了")  # the same place: nothing more to say
    await turn(bot)
    assert "该工单登记的位置是" not in [s for s in net.in_room(GRID) if s.thread_root == again][-1].body


async def test_a_rating_face_typed_as_a_reply_is_the_rating(bot: Bot, store: Store) -> None:
    """The rating question offers 😀 / 🙂 / 🙁 to react with; a tester typed 😀 as a reply in the thread and nothing
    was recorded or said. The face typed is the rating, as the reaction is."""
    net = t(bot)
    report = await reported(bot)
    await resolve(bot)
    net.say(GRID, ALICE, "修好了", thread_root=report)
    await turn(bot)
    assert any("请对工单 #1 的办理评价" in s.body for s in net.in_room(GRID))
    net.say(GRID, ALICE, "😀", thread_root=report)
    await turn(bot)
    assert (await store.ticket(1)).rating == "satisfied"  # type: ignore[union-attr]


async def test_a_residents_first_report_in_chinese_keeps_their_answers_chinese(bot: Bot, store: Store) -> None:
    """A tester's first report was in Chinese, her second in English: every command after was answered in English,
    though a resident's first report sets the language of their answers (README). Chinese first, Chinese it stays."""
    net = t(bot)
    net.say(GRID, ALICE, "馨园5号楼门口的垃圾桶满了好几天了没人清")
    await turn(bot)
    english = net.say(GRID, ALICE, "The lift in building 3 of Anju Garden is broken again")
    await turn(bot)
    assert "ticket" in [s for s in net.in_room(GRID) if s.thread_root == english][-1].body.lower()  # its own: English
    net.say(GRID, ALICE, "!我的")
    await turn(bot)
    assert "工单" in net.in_room(GRID)[-1].body  # her commands: Chinese, as her first report


async def test_a_me_too_on_an_emergency_hears_whom_to_call(bot: Bot, store: Store) -> None:
    """A tester's neighbour said "me too" under a flooding emergency and was told only the ticket's number: whoever
    joins an emergency hears the hotline, once."""
    net = t(bot)
    report = net.say(GRID, ALICE, "安居苑4号楼三楼着火了，浓烟很大")
    await turn(bot)
    assert (await store.ticket(1)).priority == "emergency"  # type: ignore[union-attr]
    net.say(GRID, BOB, "+1 我家也是", thread_root=report)
    await turn(bot)
    joined = net.in_room(GRID)[-1].body
    assert joined.startswith(BOB) and "#1" in joined and joined.count("119") == 1, joined
    net.say(GRID, "@carol:t", "安居苑4号楼着火了", thread_root=report)  # an emergency said again: the hotline once
    await turn(bot)
    again = net.in_room(GRID)[-1].body
    assert again.startswith("@carol:t") and again.count("119") == 1, again
