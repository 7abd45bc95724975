"""Deciding together on a real Synapse: a consultation in a grid's room and the 四议两公开 chain across four
bodies' rooms (a failed quorum at the representatives' meeting, then resolved, published, and the result
of carrying it out published), with Element-style poll answers, a late vote and a non-member's vote."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from chatops.chat.bot import Bot
from chatops.chat.runner import provision_rooms
from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver
from chatops.local.people import Person, Seen
from tests.e2e.conftest import PASSWORD, Register
from tests.e2e.test_bot_flow import MovableClock, start_bot

BODIES = ("party_branch", "two_committees", "party_members", "representatives")


@dataclass
class Town:
    bot_user: str
    rooms: dict[str, str]
    people: dict[str, Person]
    bot: Bot

    async def heard(self, who: str, room: str, test: object, timeout: float = 30) -> Seen:
        return await self.people[who].wait_for(
            lambda s: s.room_id == self.rooms[room] and s.sender == self.bot_user and test(s),  # type: ignore[operator]
            timeout=timeout)

    async def say(self, who: str, room: str, body: str) -> str:
        return await self.people[who].say(self.rooms[room], body)


@pytest.fixture
async def town(tmp_path: Path, homeserver: LocalHomeserver, register: Register) -> AsyncIterator[Town]:
    bot_user = await register("whistle")
    names = ("alice", "bob", "carol", "dave", "chair", "street", "outsider")
    ids = {n: await register(n) for n in names}
    settings = Settings(homeserver=homeserver.url, bot_user=bot_user, var=tmp_path, store=tmp_path / "w.sqlite",
                        bot_password=PASSWORD, room_prefix="m1")
    reps = [ids[n] for n in ("alice", "bob", "carol", "dave")]  # with the chair: a roll of five, quorum 4
    rooms = await provision_rooms(
        settings, staff={"street_office": [ids["street"]]},
        residents={"grid1": [ids["alice"], ids["bob"], ids["carol"]], "": [ids["alice"], ids["bob"], ids["carol"]]},
        members={"party_branch": [ids["alice"]], "two_committees": [ids["bob"]],
                 "party_members": [ids["alice"], ids["bob"]], "representatives": reps},
        chairs={b: [ids["chair"]] for b in BODIES})
    by = {r.ref if r.kind in ("body", "handler") else (r.ref or "all"): r.room_id for r in rooms}
    people = {n: await Person.login(homeserver.url, ids[n], PASSWORD) for n in names}
    bot, stop, task = await start_bot(settings, MovableClock())
    yield Town(bot_user, by, people, bot)
    stop.set()
    await asyncio.wait_for(task, 30)
    for p in people.values():
        await p.close()


async def test_a_consultation_and_the_whole_chain_on_a_real_homeserver(town: Town) -> None:
    t = town
    # a consultation in the grid's room: three members, so the raiser alone is a fifth; the vote opens
    await t.say("alice", "grid1", "!议题 3号楼加装电梯")
    poll = await t.heard("bob", "grid1", lambda s: s.is_poll)
    assert "3号楼加装电梯" in poll.content["org.matrix.msc3381.poll.start"]["question"]["org.matrix.msc1767.text"]
    await t.heard("bob", "grid1", lambda s: "不是无记名投票" in s.body)
    await t.people["alice"].vote(t.rooms["grid1"], poll.event_id, "yes")
    await t.people["bob"].vote(t.rooms["grid1"], poll.event_id, "no")
    await t.people["bob"].vote(t.rooms["grid1"], poll.event_id, "yes")  # changed their mind: the last counts
    await t.people["outsider"].join(t.rooms["grid1"])  # joined after the vote opened: not on its roll
    await t.people["outsider"].vote(t.rooms["grid1"], poll.event_id, "yes")
    await t.heard("outsider", "grid1", lambda s: "不在" in s.body and "名册" in s.body)
    await t.say("carol", "grid1", "!反对 1")
    await t.heard("carol", "grid1", lambda s: "已记录您对议题 1 的表决：反对" in s.body)
    await asyncio.sleep(2)  # the poll answers are handled (or found by the recount)
    await t.say("street", "street_office", "!结束表决 1")
    result = await t.heard("alice", "grid1", lambda s: "【议题 1】表决结果" in s.body)
    assert "赞成 2、反对 1、弃权 0" in result.body and "结果：通过" in result.body
    assert "1 票来自名册以外" in result.body
    await t.heard("alice", "grid1", lambda s: s.type.endswith("poll.end"))
    published = await t.heard("alice", "all", lambda s: "【决议公开】议题 1" in s.body)
    assert "@" not in published.body
    await t.say("carol", "grid1", "!赞成 1")  # after the close: ignored, and said so
    await t.heard("carol", "grid1", lambda s: "表决已经结束" in s.body)

    # the chain: proposed by the Party branch, discussed by the two committees, reviewed by the members
    await t.say("street", "street_office", "!议题 四议两公开 停车位改造")
    for room, voters in (("party_branch", ("chair", "alice")), ("two_committees", ("chair", "bob")),
                         ("party_members", ("chair", "alice", "bob"))):
        if room == "party_members":  # a quorum of two thirds: sign in first
            call = await t.heard("alice", room, lambda s: "请「党员大会」成员签到" in s.body)
            assert "上一步「两委会商议」：通过" in call.body
            await t.say("alice", room, "!到")
            await t.people["bob"].react(t.rooms[room], call.event_id, "🙋")
            await t.say("chair", room, "!到")
            await t.heard("chair", room, lambda s: "实到 3/应到 3" in s.body)
            await t.say("chair", room, "!开始表决")
        poll = await t.heard("chair", room, lambda s: s.is_poll)
        for who in voters:
            await t.people[who].vote(t.rooms[room], poll.event_id, "yes")
        await asyncio.sleep(1.5)
        await t.say("chair", room, "!结束表决")
        await t.heard("chair", room, lambda s: "结果：通过" in s.body)

    # the representatives: two sign in of five, no quorum; called again, four come and resolve
    reps = "representatives"
    call = await t.heard("carol", reps, lambda s: "请「居民代表会议」成员签到" in s.body)
    assert "应到 5 人" in call.body
    await t.say("alice", reps, "!到")
    await t.say("chair", reps, "!到")
    await t.heard("chair", reps, lambda s: "实到 2/应到 5" in s.body)
    await t.say("chair", reps, "!开始表决")
    await t.heard("chair", reps, lambda s: "还未达到法定人数" in s.body and "需要 4 人" in s.body)
    await t.say("chair", reps, "!结束表决")
    await t.heard("carol", reps, lambda s: "【议题 2】未达到法定人数" in s.body)
    await t.say("chair", reps, "!召集 2")
    await t.heard("carol", reps, lambda s: "请「居民代表会议」成员签到" in s.body and s.event_id != call.event_id)
    for who in ("alice", "bob", "carol", "chair"):
        await t.say(who, reps, "!到 2")
    await t.heard("chair", reps, lambda s: "实到 4/应到 5" in s.body)
    await t.say("chair", reps, "!开始表决 2")
    poll = await t.heard("chair", reps, lambda s: s.is_poll)
    for who, answer in (("alice", "yes"), ("bob", "yes"), ("carol", "no"), ("chair", "yes")):
        await t.people[who].vote(t.rooms[reps], poll.event_id, answer)
    await asyncio.sleep(1.5)
    await t.say("chair", reps, "!结束表决 2")
    await t.heard("chair", reps, lambda s: "赞成 3、反对 1、弃权 0" in s.body and "结果：通过" in s.body)
    published = await t.heard("alice", "all", lambda s: "【决议公开】议题 2" in s.body)
    assert "党组织提议" in published.body and "居民代表会议决议" in published.body
    await t.heard("street", "street_office", lambda s: "!实施结果 2" in s.body)
    await t.say("street", "street_office", "!实施结果 2 新增车位40个，已启用")
    await t.heard("alice", "all", lambda s: "【实施结果公开】议题 2" in s.body and "新增车位40个" in s.body)
    await t.say("bob", "all", "!监督 2 夜间施工请提前告知")
    await t.heard("street", "street_office", lambda s: "夜间施工请提前告知" in s.body)
    s = await t.bot.chair.standing(t.bot.store, 2)
    assert s is not None and s.phase == "finished"

    # a secret ballot: cast by direct message, only the counts kept
    await t.say("chair", reps, "!议题 更换物业公司")
    await t.heard("chair", reps, lambda s: "请「居民代表会议」成员签到" in s.body and "更换物业公司" in s.body)
    for who in ("alice", "bob", "carol", "chair"):
        await t.say(who, reps, "!到 3")
    await t.heard("chair", reps, lambda s: "实到 4/应到 5" in s.body and s.at > 0)
    await t.say("chair", reps, "!开始表决 3")
    await t.heard("alice", reps, lambda s: "开始无记名投票" in s.body)
    for who, choice in (("alice", "赞成"), ("bob", "反对"), ("carol", "赞成"), ("chair", "赞成")):
        dm = await t.people[who].direct_chat(t.bot_user)
        t.rooms[f"dm-{who}"] = dm
        for _ in range(60):  # the bot joins the direct chat when its sync brings the invite
            if dm in t.bot.rooms:
                break
            await asyncio.sleep(0.25)
        await t.say(who, f"dm-{who}", f"!{choice} 3")
        await t.heard(who, f"dm-{who}", lambda s: "无记名票已收到" in s.body)
    await t.say("chair", reps, "!结束表决 3")
    await t.heard("chair", reps, lambda s: "赞成 3、反对 1、弃权 0" in s.body and "结果：通过" in s.body)
    events = await t.bot.store.matter_events([3])
    assert not [e for e in events[3] if e.actor and "choice" in e.data]

    # the time bank: bob helped alice for 20 hours this month; the ledger sums to zero; points are capped
    bob = t.people["bob"].user_id
    await t.say("alice", "grid1", f"!确认服务 {bob} 20小时 陪老人就医")
    await t.heard("alice", "grid1", lambda s: "已记入时间银行" in s.body and "20h" in s.body)
    rows = await t.bot.store.bank_transfers()
    balances: dict[str, int] = {}
    for _i, giver, receiver, minutes, *_rest in rows:
        balances[giver] = balances.get(giver, 0) + minutes
        balances[receiver] = balances.get(receiver, 0) - minutes
    assert sum(balances.values()) == 0 and len(rows) >= 3  # two starting credits and the service
    await t.say("bob", "grid1", "!时间银行")
    await t.heard("bob", "grid1", lambda s: "陪老人就医" in s.body and "+20h" in s.body)
    await t.say("bob", "grid1", "!积分")
    points = await t.heard("bob", "grid1", lambda s: "您的积分：" in s.body)
    assert "您的积分：50 分" in points.body and "已达本月上限" in points.body  # 60 for the hours, capped at 50
    assert "参加表决" in points.body or "参加会议签到" in points.body or "志愿服务时长" in points.body
