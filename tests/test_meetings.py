"""Deciding together in the rooms (the real store, rulebook and engine; the in-memory chat network): a
consultation in a grid's room, the 四议两公开 chain across bodies' rooms with a failed quorum, a
rejection, a deadline, a non-member's and a late vote, a recount that finds a vote the sync lost."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from chatops.chat.bot import Bot
from chatops.chat.transport.memory import MemoryTransport
from chatops.meetings.matter import Standing
from chatops.tickets.service import TicketService
from chatops.tickets.store import Room, Store
from chatops.web.app import create_app
from rules import Router, Rulebook
from rules.catalogue import text

GRID, ALL, STREET = "!grid:t", "!all:t", "!street:t"
BRANCH, COMMITTEES, MEMBERS, REPS = "!branch:t", "!committees:t", "!members:t", "!reps:t"
STAFF = "@st:t"
RESIDENTS = [f"@r{i}:t" for i in range(10)]
CHAIR = "@chair:t"
REP_ROLL = [CHAIR, *(f"@rep{i}:t" for i in range(5))]  # 6 representatives: quorum 2/3 = 4


@pytest.fixture
async def bot(store: Store, book: Rulebook, clock) -> Bot:  # type: ignore[no-untyped-def]
    async with store.write() as tx:
        await tx.save_room(Room(GRID, "community", "g1"))
        await tx.save_room(Room(ALL, "community", ""))
        await tx.save_room(Room(STREET, "handler", "street_office"))
        for room, body in ((BRANCH, "party_branch"), (COMMITTEES, "two_committees"), (MEMBERS, "party_members"),
                           (REPS, "representatives")):
            await tx.save_room(Room(room, "body", body))
            await tx.set_roll(body, REP_ROLL)
    chair_power = {"users": {CHAIR: 50}}
    transport = MemoryTransport(power_levels={STREET: {"users": {STAFF: 50}}, BRANCH: chair_power,
                                              COMMITTEES: chair_power, MEMBERS: chair_power, REPS: chair_power},
                                joined={GRID: RESIDENTS, ALL: RESIDENTS})
    b = Bot(transport, store, TicketService(store, Router(book), clock=clock))
    await b.prepare()
    return b


async def turn(bot: Bot) -> None:
    await bot.step()
    await bot.chair.settle()
    await bot.outbox.flush()


def net(bot: Bot) -> MemoryTransport:
    assert isinstance(bot.transport, MemoryTransport)
    return bot.transport


async def quorate_meeting(bot: Bot) -> MemoryTransport:
    """Put a residents' meeting to the community room and sign in six of its ten (a quorum); return the network."""
    n = net(bot)
    n.say(STREET, STAFF, "!议题 居民会议决定 垃圾分类新规")
    await turn(bot)
    for who in RESIDENTS[:6]:  # more than half of the community room's ten
        n.say(ALL, who, "!到")
    await turn(bot)
    return n


async def standing(bot: Bot, number: int) -> Standing:
    s = await bot.chair.standing(bot.store, number)
    assert s is not None
    return s


def last(bot: Bot, room: str) -> str:
    return net(bot).in_room(room)[-1].body


async def test_a_consultation_in_a_grid_room(bot: Bot, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 3号楼加装电梯")
    await turn(bot)
    assert "议题 1" in last(bot, GRID) and "附议" in last(bot, GRID)
    assert (await standing(bot, 1)).phase == "seconding"  # 10 members: two must ask (1/5)
    n.say(GRID, RESIDENTS[1], "!附议 1")
    await turn(bot)
    s = await standing(bot, 1)
    assert s.phase == "voting" and s.meeting is not None and len(s.meeting.roll) == 10
    poll = next(x for x in n.in_room(GRID) if x.is_poll)
    assert [a["id"] for a in poll.content["org.matrix.msc3381.poll.start"]["answers"]] == ["yes", "no", "abstain"]
    assert "不是无记名投票" in n.in_room(GRID)[-1].body  # the text fallback says the vote is open

    n.vote(GRID, RESIDENTS[0], poll.event_id, "no")
    n.vote(GRID, RESIDENTS[0], poll.event_id, "yes", at=n.clock + 5)  # the last answer counts
    n.say(GRID, RESIDENTS[1], "!赞成 1")
    n.say(GRID, RESIDENTS[2], "!反对")  # the one vote under way in this room
    n.vote(GRID, RESIDENTS[3], poll.event_id, "yes", lost=True)  # a gappy sync: only the recount sees it
    n.vote(GRID, "@stranger:t", poll.event_id, "no")
    await turn(bot)
    assert any("不在" in x.body for x in n.in_room(GRID))  # the stranger is told

    n.say(STREET, STAFF, "!结束表决 1")
    await turn(bot)
    s = await standing(bot, 1)
    assert s.phase == "result_due"  # resolved and published: the result of carrying it out is asked for
    decided = s.decisions[-1].data
    assert (decided["yes"], decided["no"], decided["present"], decided["strangers"], decided["passed"]) == \
        (3, 1, 4, 1, True)
    assert any(x.type.endswith("poll.end") for x in n.in_room(GRID))
    published = [x for x in n.sent if "【决议公开】" in x.body]
    assert {x.room_id for x in published} == {GRID, ALL}
    assert all("@" not in x.body for x in published)  # counts, never who

    n.say(GRID, RESIDENTS[4], "!赞成 1")  # after the close
    await turn(bot)
    assert (await standing(bot, 1)).decisions[-1].data["yes"] == 3
    n.say(GRID, RESIDENTS[0], "!积分")  # answered twice in the poll: one vote's points
    n.say(GRID, "@stranger:t", "!积分")
    await turn(bot)
    mine, strangers = [x.body for x in n.in_room(GRID)[-2:]]
    assert mine.count("议题 1 参加表决（相关居民表决） +1") == 1 and "参加表决" not in strangers  # which step
    n.say(GRID, RESIDENTS[5], "!监督 1 施工时间请避开午休")
    await turn(bot)
    assert "施工时间请避开午休" in last(bot, STREET) and (await standing(bot, 1)).comments == 1

    with TestClient(create_app(store.address, rulebook=bot.book)) as client:  # 两公开 on the public board
        page = client.get("/decisions").text
        english = client.get("/decisions?lang=en").text
    assert "Consultation" in english and "议事协商" not in english and "相关居民表决" not in english  # names in English
    assert "3号楼加装电梯" in page and "赞成 3、反对 1、弃权 0；实到 4/应到 10" in page and "监督意见 1 条" in page
    assert not re.search(r"@[a-z0-9]+:t", page) and "施工时间请避开午休" not in page  # nobody, no resident's words


def board_entry(bot: Bot, store: Store, number: int, lang: str = "") -> str:
    """Return matter ``number``'s section of the public /decisions page, its tags taken out."""
    with TestClient(create_app(store.address, rulebook=bot.book)) as client:
        page = client.get(f"/decisions{'?lang=' + lang if lang else ''}").text
    found = re.search(rf'<section class="matter" id="matter-{number}">(.*?)</section>', page, re.S)
    assert found is not None, page
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))


async def test_a_consultation_s_result_is_published_as_every_other_kind_s(bot: Bot, store: Store) -> None:
    """A tester found a consultation could never have its result published: its chain ended with the resolution
    the bot publishes itself, so !实施结果 was refused, while /decisions already said the result was published."""
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 增设快递柜")
    n.say(GRID, RESIDENTS[1], "!附议 1")
    await turn(bot)
    for who in RESIDENTS[:3]:
        n.say(GRID, who, "!赞成 1")
    await turn(bot)
    n.say(STREET, STAFF, "!结束表决 1")
    await turn(bot)
    s = await standing(bot, 1)
    assert s.phase == "result_due" and s.due is not None
    resolution = [x.body for x in n.in_room(GRID) if "【决议公开】议题 1" in x.body]
    assert len(resolution) == 1 and "实施结果将在" in resolution[0]  # a date is promised, and kept below
    assert "!实施结果 1" in last(bot, STREET)  # the street office is asked for it, as for 四议两公开
    entry = board_entry(bot, store, 1)
    assert "待公开实施结果" in entry and "实施结果应于" in entry and "已完成" not in entry

    n.say(STREET, STAFF, "!实施结果 1 快递柜已装在3号楼门口，5月20日启用")
    await turn(bot)
    assert "已公开议题 1 的实施结果" in last(bot, STREET)
    for room in (GRID, ALL):  # published to the residents where the resolution was
        assert "【实施结果公开】议题 1" in last(bot, room) and "快递柜已装在3号楼门口" in last(bot, room)
    assert (await standing(bot, 1)).phase == "finished"
    entry = board_entry(bot, store, 1)
    assert "已完成（决议和实施结果均已公开）" in entry and "快递柜已装在3号楼门口" in entry
    assert "done (resolution and result published)" in board_entry(bot, store, 1, "en")


async def test_a_chain_without_a_result_says_only_its_resolution_was_published(bot: Bot, store: Store) -> None:
    """The residents' meeting's chain publishes its resolution and ends: neither the chat nor the board may say
    a result of carrying it out was published, and the board says what the chat says."""
    n = await quorate_meeting(bot)
    n.say(STREET, STAFF, "!开始表决 1")
    await turn(bot)
    for who in RESIDENTS[:6]:
        n.say(ALL, who, "!赞成")
    n.say(STREET, STAFF, "!结束表决 1")
    await turn(bot)
    assert (await standing(bot, 1)).phase == "finished"
    n.say(STREET, STAFF, "!实施结果 1 已实行")
    await turn(bot)
    refusal = last(bot, STREET)
    assert "现在不需要公开实施结果" in refusal and "已完成（决议已公开）" in refusal
    n.say(STREET, STAFF, "!议题列表")
    await turn(bot)
    assert "议题 1：垃圾分类新规 — 居民会议决定，已完成（决议已公开）" in last(bot, STREET)
    entry = board_entry(bot, store, 1)
    assert "已完成（决议已公开）" in entry and "实施结果" not in entry
    assert "done (resolution published)" in board_entry(bot, store, 1, "en")


async def test_the_chain_across_four_rooms_with_a_failed_quorum(bot: Bot, store: Store) -> None:
    n = net(bot)
    n.say(STREET, STAFF, "!议题 四议两公开 停车位改造")
    await turn(bot)
    assert "党组织提议" in last(bot, STREET)
    for room in (BRANCH, COMMITTEES, MEMBERS):  # propose, discuss, review: each passes and carries on
        s = await standing(bot, 1)
        assert s.meeting is not None and s.meeting.room == room, s.phase
        if s.phase == "convened":
            for member in REP_ROLL[:5]:
                n.say(room, member, "!到")
            await turn(bot)
            n.say(room, CHAIR, "!开始表决")
            await turn(bot)
        poll = [x for x in n.in_room(room) if x.is_poll][-1]
        for member in REP_ROLL[:5]:
            n.vote(room, member, poll.event_id, "yes")
        await turn(bot)
        n.say(room, CHAIR, "!结束表决")
        await turn(bot)
    s = await standing(bot, 1)
    assert s.step is not None and s.step.id == "resolve" and s.meeting is not None and s.meeting.room == REPS
    call = n.in_room(REPS)[0]
    assert "应到 6 人" in call.body and "上一步「党员大会审议」：通过" in call.body  # the result is carried

    n.react(REPS, REP_ROLL[1], call.event_id, "🙋")
    n.say(REPS, REP_ROLL[2], "!到 1")
    n.say(REPS, "@outsider:t", "!到 1")
    await turn(bot)
    assert "不在" in last(bot, REPS)
    n.say(REPS, REP_ROLL[1], "!开始表决")  # not the chair
    await turn(bot)
    assert "主持人" in last(bot, REPS)
    n.say(BRANCH, CHAIR, "!结束表决 1")  # the chair of a room it met in before: told it has moved on
    n.say(BRANCH, REP_ROLL[1], "!赞成 1")  # a vote there now is a late one
    await turn(bot)
    said = [x.body for x in n.in_room(BRANCH)[-2:]]
    assert "在本群的会议已经结束，现在进行到「居民代表会议决议」" in said[0] and "这一票不计入" in said[1]
    assert (await standing(bot, 1)).phase == "convened"
    n.say(REPS, CHAIR, "!开始表决")
    await turn(bot)
    assert "还未达到法定人数" in last(bot, REPS) and "需要 4 人" in last(bot, REPS)
    n.say(REPS, CHAIR, "!结束表决")
    await turn(bot)
    assert "未达到法定人数" in last(bot, REPS) and (await standing(bot, 1)).phase == "adjourned"

    n.say(REPS, CHAIR, "!召集 1")
    await turn(bot)
    assert (await standing(bot, 1)).phase == "convened"
    recall = [x.body for x in n.in_room(REPS) if "【议题 1】" in x.body][-1]
    assert "上次「居民代表会议决议」会议：未达法定人数" in recall and "上一步" not in recall  # this step's own
    for member in REP_ROLL[:5]:
        n.say(REPS, member, "!到")
    n.say(REPS, CHAIR, "!开始表决")
    await turn(bot)
    assert "实到 5 人" in n.in_room(REPS)[-1].body or any("实到 5 人" in x.body for x in n.in_room(REPS)[-3:])
    for member, choice in zip(REP_ROLL[:5], ("赞成", "赞成", "赞成", "反对", "弃权"), strict=True):
        n.say(REPS, member, f"!{choice}")
    await turn(bot)
    n.say(REPS, CHAIR, "!结束表决")
    await turn(bot)
    s = await standing(bot, 1)
    assert s.phase == "result_due" and s.due is not None
    assert any("【决议公开】" in x.body and "赞成 3、反对 1、弃权 1" in x.body for x in n.in_room(ALL))
    assert "!实施结果 1" in last(bot, STREET)
    n.say(STREET, STAFF, "!实施结果 1 新增车位40个，已于5月20日启用")
    await turn(bot)
    assert (await standing(bot, 1)).phase == "finished"
    assert "新增车位40个" in last(bot, ALL)


async def test_a_rejection_is_published_and_a_deadline_closes(bot: Bot, clock) -> None:  # type: ignore[no-untyped-def]
    n = net(bot)
    n.say(BRANCH, CHAIR, "!议题 撤销小区东门")
    await turn(bot)
    poll = next(x for x in n.in_room(BRANCH) if x.is_poll)
    for member, choice in zip(REP_ROLL[:3], ("no", "no", "yes"), strict=True):
        n.vote(BRANCH, member, poll.event_id, choice)
    await turn(bot)
    clock.advance(days=30)  # past the step's limit: the deadline closes it
    await bot.chair.settle()
    await bot.outbox.flush()
    s = await standing(bot, 1)
    assert s.phase == "rejected"
    assert any("【表决结果公开】" in x.body and "未获通过" in x.body for x in n.in_room(ALL))


async def test_an_empty_roll_is_told_to_the_street_office(bot: Bot, store: Store) -> None:
    async with store.write() as tx:
        await tx.save_room(Room("!empty:t", "body", "party_members"))
    n = net(bot)
    n.say(STREET, STAFF, "!议题 居民会议决定 垃圾分类新规")
    await turn(bot)
    assert (await standing(bot, 1)).phase == "convened"  # the residents' meeting: the community room's members
    bot.chair.book = bot.book  # unchanged: the same rulebook
    n.joined[ALL] = []
    n.say(STREET, STAFF, "!议题 居民会议决定 第二件事")
    await turn(bot)
    assert (await standing(bot, 2)).phase == "blocked" and "名册为空" in last(bot, STREET)
    n.joined[ALL] = RESIDENTS
    n.say(STREET, STAFF, "!召集 2")
    await turn(bot)
    assert (await standing(bot, 2)).phase == "convened"


async def test_a_meeting_outlives_an_outage_of_the_homeserver(bot: Bot) -> None:
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 增设快递柜")
    n.say(GRID, RESIDENTS[1], "!附议 1")
    await bot.step()
    n.down = True
    assert await bot.chair.settle() == 0  # nothing lost: it waits
    n.down = False
    await bot.chair.settle()
    assert (await standing(bot, 1)).phase == "voting"
    assert timedelta(0) < (await standing(bot, 1)).meeting.deadline - bot.service.clock()  # type: ignore[union-attr]


async def test_a_secret_ballot_by_direct_message_keeps_only_counts(bot: Bot, store: Store) -> None:
    n = net(bot)
    n.say(REPS, CHAIR, "!议题 更换物业公司")  # the representatives' room: the chain that starts there
    await turn(bot)
    assert (await standing(bot, 1)).chain.id == "secret_vote"
    for member in REP_ROLL[:5]:
        n.say(REPS, member, "!到")
    n.say(REPS, CHAIR, "!开始表决")
    await turn(bot)
    opened = last(bot, REPS)
    assert "无记名投票" in opened and "私信" in opened and not any(x.is_poll for x in n.in_room(REPS))
    n.say(REPS, REP_ROLL[1], "!赞成 1")  # in the room: refused, not recorded
    dms = {who: f"!dm-{i}:t" for i, who in enumerate([*REP_ROLL[:5], "@stranger:t"])}
    n.joined[REPS] = list(REP_ROLL[:5])  # the members are in their body's room; the stranger in none
    for who, room in dms.items():
        n.invite(room, who)
    await turn(bot)
    assert "不要在群里发" in last(bot, REPS) and all(room not in n.left for room in dms.values())
    choices = ("赞成", "赞成", "反对", "赞成", "弃权", "赞成")
    for who, choice in zip([*REP_ROLL[:5], "@stranger:t"], choices, strict=True):
        n.say(dms[who], who, f"!{choice} 1")
    n.say(dms[REP_ROLL[0]], REP_ROLL[0], "!反对 1")  # a second ballot: refused
    n.say(dms[REP_ROLL[1]], "@someone-else:t", "!反对 1")  # not the person whose chat it is: ignored
    await turn(bot)
    assert "已收到" in n.in_room(dms[REP_ROLL[1]])[-1].body
    assert "本社区的居民" in n.in_room(dms["@stranger:t"])[-1].body  # in none of the community's rooms
    assert "不能再投" in n.in_room(dms[REP_ROLL[0]])[-1].body
    n.say(REPS, CHAIR, "!结束表决")
    await turn(bot)
    decided = (await standing(bot, 1)).decisions[-1].data
    assert (decided["yes"], decided["no"], decided["abstain"], decided["present"], decided["passed"]) == \
        (3, 1, 1, 5, True)
    events = await store.all_matter_events()
    assert not [e for e in events if e.actor in REP_ROLL and "choice" in e.data]  # nobody's choice is kept
    assert sum(e.kind == "voted_secretly" for e in events) == 5
    n.say(dms[REP_ROLL[1]], REP_ROLL[1], "!积分")  # the step named is this chain's (四议两公开's shares its id)
    await turn(bot)
    assert "议题 1 参加表决（居民代表会议无记名表决）" in n.in_room(dms[REP_ROLL[1]])[-1].body


async def test_one_person_two_posts_holds_two_steps_in_one_meeting(store: Store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rules import load_rulebook
    from rules.rulebook import DEFAULT_RULEBOOK

    merged = tmp_path / "merged.yaml"
    merged.write_text(DEFAULT_RULEBOOK.read_text(encoding="utf-8").replace(
        "  request: {at_least: 1/5, of: roll}", "  request: {at_least: 1/5, of: roll}\n  merge_steps: true"),
        encoding="utf-8")
    book = load_rulebook(merged)
    assert book.deliberation.merge_steps
    async with store.write() as tx:
        await tx.save_room(Room(ALL, "community", ""))
        await tx.save_room(Room(STREET, "handler", "street_office"))
        for room, body in ((BRANCH, "party_branch"), (COMMITTEES, "two_committees"), (MEMBERS, "party_members")):
            await tx.save_room(Room(room, "body", body))
        await tx.set_roll("party_branch", REP_ROLL[:3])
        await tx.set_roll("two_committees", REP_ROLL[2:5])
        await tx.set_roll("party_members", REP_ROLL)
    bot = Bot(MemoryTransport(power_levels={STREET: {"users": {STAFF: 50}}, COMMITTEES: {"users": {CHAIR: 50}}}),
              store, TicketService(store, Router(book), clock=clock))
    await bot.prepare()
    n = net(bot)
    n.say(STREET, STAFF, "!议题 四议两公开 停车位改造")
    await turn(bot)
    s = await standing(bot, 1)
    assert s.meeting is not None and s.meeting.room == COMMITTEES and s.meeting.roll == tuple(sorted(REP_ROLL[:5]))
    assert not n.in_room(BRANCH) and "一肩挑" in "\n".join(x.body for x in n.in_room(COMMITTEES))
    poll = next(x for x in n.in_room(COMMITTEES) if x.is_poll)
    for member in REP_ROLL[:4]:
        n.vote(COMMITTEES, member, poll.event_id, "yes")
    n.say(COMMITTEES, CHAIR, "!结束表决")
    await turn(bot)
    s = await standing(bot, 1)
    assert [d.step for d in s.decisions] == ["propose", "discuss"] and all(d.data["passed"] for d in s.decisions)
    assert s.step is not None and s.step.id == "review" and s.meeting is not None and s.meeting.room == MEMBERS


async def test_the_honour_board_names_only_who_agreed(bot: Bot, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 增设充电桩")
    n.say(GRID, RESIDENTS[1], "!附议 1")
    await turn(bot)
    poll = next(x for x in n.in_room(GRID) if x.is_poll)
    n.clock = clock().timestamp()  # the homeserver's time of the answers: this month
    for who in RESIDENTS[:4]:
        n.vote(GRID, who, poll.event_id, "yes")
    n.say(GRID, RESIDENTS[0], "!荣誉榜 同意")
    n.say(GRID, RESIDENTS[1], "!荣誉榜 同意")
    n.say(GRID, RESIDENTS[1], "!荣誉榜 不同意")  # changed their mind: the last answer stands
    n.say(GRID, RESIDENTS[2], "!荣誉榜")
    await turn(bot)
    assert "没有同意" in last(bot, GRID)
    await bot.post_honour_board()  # the month is not over: nothing yet
    assert not [x for x in n.sent if "荣誉榜】" in x.body]
    clock.advance(days=40)
    await bot.post_honour_board()
    await bot.post_honour_board()  # once a month
    await bot.outbox.flush()
    posted = [x for x in n.sent if "荣誉榜】" in x.body]
    assert len(posted) == 1 and posted[0].room_id == ALL
    assert RESIDENTS[0] in posted[0].body and "另有 3 位" in posted[0].body
    assert not any(who in posted[0].body for who in RESIDENTS[1:])


async def test_a_matter_from_a_whistle_names_its_tickets(bot: Bot, store: Store) -> None:
    n = net(bot)
    first = n.say(GRID, RESIDENTS[0], "安居苑3号楼电梯又坏了")
    await turn(bot)
    assert first and (await store.ticket(1)) is not None
    n.say(STREET, STAFF, "!议题 #1 四议两公开 3号楼加装新电梯 ＃99")  # #99 does not exist: said so, nothing made
    await turn(bot)
    assert "没有找到 99 号工单" in last(bot, STREET) and await store.matter(1) is None
    n.say(STREET, STAFF, "!议题 #1 四议两公开 3号楼加装新电梯")
    await turn(bot)
    row = await store.matter(1)
    assert row is not None and row.origin == "tickets:1" and row.chain == "major"
    assert row.title == "3号楼加装新电梯"
    n.say(GRID, RESIDENTS[1], "!议题 3 号楼门口增设快递柜")  # a bare number is part of the words
    await turn(bot)
    row = await store.matter(2)
    assert row is not None and row.origin == "resident" and row.title.startswith("3 号楼")


async def test_documents_and_volunteer_tasks(bot: Bot, store: Store) -> None:
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 增设充电桩")
    n.say(GRID, RESIDENTS[0], "!材料 1 充电桩选址图 https://example.org/map.pdf")
    n.say(GRID, RESIDENTS[3], "!材料 1 我也有个想法")  # not the raiser, not staff: refused
    await turn(bot)
    assert "只有议题 1 的提出人" in last(bot, GRID)
    n.say(GRID, RESIDENTS[1], "!附议 1")
    await turn(bot)
    assert (await standing(bot, 1)).documents == ["充电桩选址图 https://example.org/map.pdf"]
    assert any("材料1：充电桩选址图" in x.body for x in n.in_room(GRID))  # listed when the vote opens

    n.say(STREET, "@someone:t", f"!志愿 {RESIDENTS[2]} 清理楼道杂物")  # not staff
    n.say(STREET, STAFF, f"!志愿 {RESIDENTS[2]} 清理楼道杂物")
    n.say(STREET, STAFF, "!志愿 清理楼道杂物")  # whom?
    await turn(bot)
    bodies = [x.body for x in n.in_room(STREET)[-3:]]
    assert "主持人" in bodies[0] and "已确认" in bodies[1] and "用法" in bodies[2]
    n.say(STREET, STAFF, "!志愿 @nobody:elsewhere 清理楼道杂物")  # nobody of the community: no points for a typo
    n.say(STREET, STAFF, f"!志愿 {n.user_id} 清理楼道杂物")  # nor for the bot
    await turn(bot)
    bodies = [x.body for x in n.in_room(STREET)[-2:]]
    assert "不在本社区" in bodies[0] and "机器人" in bodies[1]
    assert len(await store.volunteered(RESIDENTS[2])) == 1 and await store.volunteered("@nobody:elsewhere") == []
    n.say(STREET, STAFF, f"!志愿 {RESIDENTS[2]} 清理楼道杂物")  # sent again at once: one task
    n.say(STREET, STAFF, f"!志愿 {STAFF} 值班")  # staff do not award themselves
    await turn(bot)
    bodies = [x.body for x in n.in_room(STREET)[-2:]]
    assert "已经记过了" in bodies[0] and "不能给自己" in bodies[1]
    assert len(await store.volunteered(RESIDENTS[2])) == 1 and await store.volunteered(STAFF) == []
    n.say(GRID, RESIDENTS[2], "!积分")
    await turn(bot)
    assert "志愿服务第 1 条 志愿服务 +5" in last(bot, GRID)


async def test_a_step_only_the_street_office_chairs(store: Store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rules import load_rulebook
    from rules.rulebook import DEFAULT_RULEBOOK

    path = tmp_path / "chair.yaml"
    path.write_text(DEFAULT_RULEBOOK.read_text(encoding="utf-8").replace(
        "majority: {more_than: 1/2, of: present}, limit: 10d, secret: true}",
        "majority: {more_than: 1/2, of: present}, limit: 10d, secret: true, chair: street_office}"), encoding="utf-8")
    book = load_rulebook(path)
    async with store.write() as tx:
        await tx.save_room(Room(STREET, "handler", "street_office"))
        await tx.save_room(Room(REPS, "body", "representatives"))
        await tx.set_roll("representatives", REP_ROLL)
    bot = Bot(MemoryTransport(power_levels={STREET: {"users": {STAFF: 50}}, REPS: {"users": {CHAIR: 50}}}),
              store, TicketService(store, Router(book), clock=clock))
    await bot.prepare()
    n = net(bot)
    n.say(REPS, CHAIR, "!议题 更换物业公司")
    await turn(bot)
    for member in REP_ROLL[:5]:
        n.say(REPS, member, "!到")
    n.say(REPS, CHAIR, "!开始表决")
    await turn(bot)
    assert "主持人" in last(bot, REPS) and (await standing(bot, 1)).phase == "convened"
    n.say(STREET, STAFF, "!开始表决 1")
    await turn(bot)
    assert (await standing(bot, 1)).phase == "voting"


async def test_a_vote_with_words_for_its_number_is_refused_and_counts_nothing(bot: Bot, store: Store) -> None:
    """A tester's !赞成 abc counted as a yes: a command that takes a matter's number and is given something else
    gets its usage, in the sender's language, and does nothing (every vote alias, and the other meeting commands)."""
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 增设快递柜")
    n.say(GRID, RESIDENTS[1], "!附议 1")
    n.say(GRID, RESIDENTS[2], "!语言 en")
    await turn(bot)
    assert (await standing(bot, 1)).phase == "voting"
    said = [(RESIDENTS[0], "!赞成 abc", "用法：!赞成 [议题号]，例如：!赞成 3"),
            (RESIDENTS[1], "！反对 一", "用法：!反对 [议题号]，例如：!反对 3"),
            (RESIDENTS[3], "!弃权 1a", "用法：!弃权 [议题号]，例如：!弃权 3"),
            (RESIDENTS[4], "!赞成abc", "用法：!赞成 [议题号]"),
            (RESIDENTS[5], "!赞成 1 2", "用法：!赞成 [议题号]"),  # which one? none
            (RESIDENTS[6], "!反对 ²", "用法：!反对 [议题号]"),
            (RESIDENTS[7], "!到 abc", "用法：!到 [议题号]"),
            (RESIDENTS[2], "!yes abc", "Usage: !yes [NUMBER], e.g. !yes 3"),
            (RESIDENTS[2], "!No abc", "Usage: !no [NUMBER], e.g. !no 3"),
            (RESIDENTS[2], "!abstain #x", "Usage: !abstain [NUMBER], e.g. !abstain 3"),
            (RESIDENTS[2], "!附议 abc", "Usage: !second NUMBER, e.g. !second 3")]
    for who, command, reply in said:
        n.say(GRID, who, command)
        await turn(bot)
        assert reply in last(bot, GRID), command
    n.say(STREET, STAFF, "!结束表决 abc")  # the street office's chair command too: nothing closed
    await turn(bot)
    assert "用法：!结束表决 [议题号]" in last(bot, STREET)
    n.invite("!dm:t", RESIDENTS[0])  # a secret ballot's direct chat: the same
    n.say("!dm:t", RESIDENTS[0], "!赞成 abc")
    await turn(bot)
    assert "用法：!赞成 [议题号]" in last(bot, "!dm:t")
    s = await standing(bot, 1)
    assert s.phase == "voting" and s.meeting is not None and not s.meeting.ballots and not s.meeting.attended
    assert bot.failures == 0 and not any(x.body == text("internal_error") for x in n.sent)

    n.say(GRID, RESIDENTS[0], "!赞成 1")  # the number, alone: counted
    n.say(GRID, RESIDENTS[2], "!no")  # none: the vote under way in this room
    await turn(bot)
    ballots = (await standing(bot, 1)).meeting.ballots  # type: ignore[union-attr]
    assert [(b.voter, b.choice) for b in ballots] == [(RESIDENTS[0], "yes"), (RESIDENTS[2], "no")]


async def test_a_matter_number_no_matter_can_have_is_answered_politely(bot: Bot, store: Store) -> None:
    """A tester's !附议 99999999999999999999 reached SQLite and failed (an error logged, a generic reply)."""
    n = net(bot)
    for command in ("!附议 #99999999999999999999", "!赞成 #99999999999999999999", "!附议 99999999999999999999",
                    "!监督 ² 意见"):  # a digit int() cannot read: it failed too
        n.say(GRID, RESIDENTS[1], command)
        await turn(bot)
        assert bot.failures == 0 and last(bot, GRID) != text("internal_error"), command


async def test_closing_a_meeting_with_a_quorum_before_its_vote_asks_for_the_vote(bot: Bot, store: Store) -> None:
    """A tester closed a meeting before opening its vote: 1 present of 1 needed, and it was recorded as without a
    quorum (未达到法定人数…实到 1，需要 1). With a quorum the chair is told to open the vote; without one the meeting
    closes undecided, as before."""
    n = await quorate_meeting(bot)
    n.say(STREET, STAFF, "!结束表决 1")
    await turn(bot)
    assert "还没有开始表决" in last(bot, STREET) and "!开始表决 1" in last(bot, STREET)
    assert (await standing(bot, 1)).phase == "convened"
    n.say(STREET, STAFF, "!议题 居民会议决定 增设快递柜")
    await turn(bot)
    n.say(ALL, RESIDENTS[0], "!到 2")  # one of ten: no quorum
    await turn(bot)
    assert (await standing(bot, 2)).phase == "convened"
    n.say(STREET, STAFF, "!结束表决 2")
    await turn(bot)
    assert (await standing(bot, 2)).phase != "convened"  # closed undecided


async def test_a_vote_opened_twice_or_cast_in_another_room_is_told_so(bot: Bot, store: Store) -> None:
    """A tester's !开始表决 on a vote already open was told there was no meeting in the room, and a resident voting
    from another room that the matter had no meeting under way."""
    n = await quorate_meeting(bot)
    n.say(STREET, STAFF, "!开始表决 1")
    await turn(bot)
    n.say(STREET, STAFF, "!开始表决 1")
    await turn(bot)
    assert "已经在表决中" in last(bot, STREET)
    n.say(GRID, RESIDENTS[0], "!赞成 1")
    await turn(bot)
    assert "不在这个群里" in last(bot, GRID)
    assert not [e for e in (await standing(bot, 1)).events if e.kind == "ballot"]


async def test_a_matter_is_seconded_in_its_room_and_meets_with_the_roll_of_the_room_it_meets_in(
        store: Store, book: Rulebook, clock) -> None:  # type: ignore[no-untyped-def]
    """A tester's neighbour from the community room seconded a grid's matter and started its vote; a residents'
    meeting raised in a grid's room was called in the community room with the grid room's people on its roll (a
    grid resident signed in from the grid room, a member of the community room was refused)."""
    others = [f"@x{i}:t" for i in range(5)]
    async with store.write() as tx:
        await tx.save_room(Room(GRID, "community", "g1"))
        await tx.save_room(Room(ALL, "community", ""))
        await tx.save_room(Room(STREET, "handler", "street_office"))
    n = MemoryTransport(power_levels={STREET: {"users": {STAFF: 50}}},
                        joined={GRID: RESIDENTS, ALL: [*RESIDENTS[5:], *others]})
    b = Bot(n, store, TicketService(store, Router(book), clock=clock))
    await b.prepare()
    n.say(GRID, RESIDENTS[0], "!议题 3号楼加装电梯")
    await turn(b)
    n.say(ALL, others[0], "!附议 1")  # not of the grid's room
    await turn(b)
    assert "只有那个群的居民可以附议" in last(b, ALL) and (await standing(b, 1)).phase == "seconding"
    n.say(GRID, RESIDENTS[2], "!议题 居民会议决定 小区养犬公约")
    n.say(GRID, RESIDENTS[3], "!附议 2")
    await turn(b)
    s = await standing(b, 2)
    assert s.meeting is not None and s.meeting.room == ALL  # the residents' meeting meets in the community room
    call = next(x.body for x in n.in_room(ALL) if "【议题 2】" in x.body)
    assert "街道办工作人员在街道办的群里发送 !开始表决 2" in call  # residents cannot open it: who does is said
    assert sorted(s.meeting.roll) == sorted([*RESIDENTS[5:], *others])  # with that room's people on its roll
    n.say(GRID, RESIDENTS[2], "!到 2")  # from the grid's room: told where the meeting is
    n.say(ALL, others[1], "!到 2")
    await turn(b)
    assert "不在这个群里进行" in last(b, GRID) and "已签到" in last(b, ALL)
    assert (await standing(b, 2)).meeting.attended == [others[1]]  # type: ignore[union-attr]


async def test_a_matter_needs_a_title_and_tickets_that_exist(bot: Bot, store: Store) -> None:
    """A tester's !议题 四议两公开 became a matter titled 四议两公开, and #99 (no such ticket) stayed in the public
    title."""
    n = net(bot)
    n.say(STREET, STAFF, "!议题 四议两公开")
    await turn(bot)
    assert "请写上议题" in last(bot, STREET) or "内容" in last(bot, STREET)
    n.say(STREET, STAFF, "!议题 " + "加装无障碍坡道" * 20)  # 140 characters: the details go in as documents
    await turn(bot)
    assert "请控制在 60 字以内" in last(bot, STREET) and "!材料" in last(bot, STREET)
    n.say(STREET, STAFF, "!议题 #99 四议两公开 加装无障碍坡道")
    await turn(bot)
    assert "没有找到 99 号工单" in last(bot, STREET)
    assert await store.matter(1) is None  # nothing recorded


async def test_a_second_after_the_vote_opened_is_told_to_vote_and_a_gendered_hand_signs_in(bot: Bot) -> None:
    """A tester's neighbours seconding as asked were told the matter no longer collected seconds (it had gone to
    the vote at once); 🙋‍♂️ on a meeting's call was ignored, and so was any 🙋 on a residents' meeting's call."""
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 3号楼加装电梯")
    n.say(GRID, RESIDENTS[1], "!附议 1")
    await turn(bot)
    n.say(GRID, RESIDENTS[2], "!附议 1")  # the vote is open here already: told how to vote, not "no longer"
    await turn(bot)
    assert "正在表决" in last(bot, GRID) and "!赞成 1" in last(bot, GRID)
    quorate = await quorate_meeting(bot)  # matter 2, a residents' meeting in the community room
    call = next(x for x in quorate.in_room(ALL) if "【议题 2】" in x.body)
    quorate.react(ALL, RESIDENTS[7], call.event_id, "🙋\u200d♂️")  # Element's gendered hand, in a residents' room
    await turn(bot)
    s = await standing(bot, 2)
    assert s.meeting is not None and RESIDENTS[7] in s.meeting.attended


async def test_a_vote_typed_as_a_plain_word_is_told_how_to_vote(bot: Bot) -> None:
    """A tester typed 赞成 while a vote was open in the room, as in a WeChat group, and was asked whether to register
    it as a problem."""
    n = net(bot)
    n.say(GRID, RESIDENTS[0], "!议题 3号楼加装电梯")
    n.say(GRID, RESIDENTS[1], "!附议 1")
    await turn(bot)
    n.say(GRID, RESIDENTS[2], "赞成！")
    await turn(bot)
    assert "议题 1 正在表决：要投票请发送 !赞成 1" in last(bot, GRID)
    n.say(GRID, RESIDENTS[4], "我赞成")
    await turn(bot)
    assert "!赞成 1" in last(bot, GRID)
    n.say(GRID, RESIDENTS[3], "不同意")
    await turn(bot)
    assert "!反对 1" in last(bot, GRID) and (await standing(bot, 1)).meeting.ballots == []  # type: ignore[union-attr]


async def test_the_list_of_matters_says_when_it_shows_only_the_latest(bot: Bot) -> None:
    n = net(bot)
    for i in range(11):
        n.say(STREET, STAFF, f"!议题 议事协商 第{i + 1}件事")
    await turn(bot)
    n.say(STREET, STAFF, "!议题列表")
    await turn(bot)
    listed = last(bot, STREET)
    assert "议题 11" in listed and "议题 1：" not in listed and "只列出最近 10 个议题" in listed
