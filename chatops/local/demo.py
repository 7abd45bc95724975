"""The live demo behind ``make run``: a local homeserver, the rulebook's rooms, the bot, and a small
community of real Matrix users (residents and handler staff) who report, support, blow the whistle, sign
for, transfer, return, ask for more time, resolve and rate, while the terminal tells the story.

The bot runs on a demo clock: real time plus an offset kept in the store. Each run starts two days after
the last one ended, so a run interrupted in the middle leaves nothing the next one trips over (its open
tickets are past the duplicates window), and the fifth scene moves the clock on to show a reminder and
an escalation without waiting hours.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from chatops.chat.bot import Bot
from chatops.chat.runner import provision_rooms, run_bot, stop_on_signals
from chatops.config import Settings
from chatops.local.homeserver import register_user
from chatops.local.people import Person, Seen
from chatops.local.settings import ensure_local_bot, local_homeserver, local_secret
from chatops.tickets.store import Room
from chatops.web.serve import serve_web, web_secret
from rules import DEFAULT_RULEBOOK, Router, load_rulebook
from rules.catalogue import text

TICKET = re.compile(r"#(\d+)")



def thread_of(root: str, *words: str) -> Callable[[Seen], bool]:
    """Return a test for a message in the thread of ``root`` that says any of ``words``."""
    return lambda s: s.thread_root == root and any(w in s.body for w in words)

@dataclass
class DemoAccounts:
    """Demo users: staff per handler id and residents per grid id ('' is the whole community)."""

    password: str
    staff: dict[str, list[str]] = field(default_factory=dict)
    residents: dict[str, list[str]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # body id -> its roll (the demo's residents)
    chairs: dict[str, list[str]] = field(default_factory=dict)  # body id -> its chair (the street office's staff)


async def demo_accounts(settings: Settings) -> DemoAccounts:
    """Create (idempotently) one staff account per handler and one resident per residents' room."""
    hs = local_homeserver(settings.var)
    password = local_secret(settings.var, "demo_password")
    book = load_rulebook(settings.rulebook or DEFAULT_RULEBOOK)
    accounts = DemoAccounts(password)

    async def make(local: str, name: str) -> str:
        return await register_user(hs.url, hs.registration_secret, local, password, displayname=name)

    for h in book.handlers:
        accounts.staff[h.id] = [await make(f"staff_{h.id}", f"{h.name}工作人员")]
    for ref, name in [("", "居民小吴"), *[(g.id, f"{g.name}居民") for g in book.grids]]:
        accounts.residents[ref] = [await make(f"resident_{ref or 'all'}", name)]
    if book.grids:  # neighbours in the first grid: enough residents for the same matter to blow a whistle
        first = book.grids[0].id
        for n in range(2, 5):
            accounts.residents[first].append(await make(f"resident_{first}_{n}", f"{book.grids[0].name}居民{n}"))
    everyone = sorted({u for people in accounts.residents.values() for u in people})
    # every grid's residents are the community's: its room holds them all, its own resident first (a residents'
    # meeting of the whole community had a roll of one)
    accounts.residents[""] = [*accounts.residents[""], *(u for u in everyone if u not in accounts.residents[""])]
    for body in (b for b in book.deliberation.bodies if b.room == "own"):  # every body meets: the same people
        accounts.members[body.id] = everyone
        accounts.chairs[body.id] = accounts.staff.get(book.fallback, [])
    return accounts


class DemoClock:
    """Real time plus an offset that the story moves on (to show deadlines) and that the store keeps."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


class Story:
    """Runs the demo's scenes with real people, printing each step."""

    def __init__(self, settings: Settings, accounts: DemoAccounts, rooms: list[Room], bot_user: str,
                 lang: str | None, pace: float, *, bot: Bot | None = None, clock: DemoClock | None = None) -> None:
        self.settings, self.accounts, self.bot_user, self.lang, self.pace = settings, accounts, bot_user, lang, pace
        self.bot, self.clock = bot, clock
        self.router = Router(load_rulebook(settings.rulebook or DEFAULT_RULEBOOK))
        self.book = self.router.rulebook
        self.handler_room = {r.ref: r.room_id for r in rooms if r.kind == "handler"}
        self.community_room = {r.ref: r.room_id for r in rooms if r.kind == "community"}
        self.people: dict[str, Person] = {}
        self.cards_seen: set[str] = set()
        self.room_names = {r.room_id: r.alias or r.room_id for r in rooms}
        self.thanks = "Thank" if lang == "en" else "谢谢"

    async def login_all(self) -> None:
        """Log every demo person in before the story starts, so nobody misses a message."""
        users = [u for group in (*self.accounts.staff.values(), *self.accounts.residents.values()) for u in group]
        for user in users:
            await self.person(user)

    async def person(self, user_id: str) -> Person:
        if user_id not in self.people:
            self.people[user_id] = await Person.login(self.settings.homeserver, user_id, self.accounts.password)
        return self.people[user_id]

    def say(self, who: str, where: str, what: str) -> None:
        print(f"  {who} in {self.room_names.get(where, where)}: {what.splitlines()[0]}", flush=True)

    def heard(self, seen: Seen) -> None:
        print(f"      ↳ 🤖 {seen.body.splitlines()[0]}", flush=True)

    def name(self, handler: str) -> str:
        h = self.book.handler_by_id[handler]
        return h.name_en if self.lang == "en" else h.name

    async def bot_says(self, person: Person, room: str, test: Callable[[Seen], bool], after: float) -> Seen:
        seen = await person.wait_for(lambda s: s.room_id == room and s.sender == self.bot_user and s.at >= after
                                     and test(s), timeout=60)
        self.heard(seen)
        return seen

    async def pause(self) -> None:
        await asyncio.sleep(self.pace)

    async def report(self, grid: str, body: str) -> tuple[Person, str, str, int]:
        resident = await self.person(self.accounts.residents[grid][0])
        room = self.community_room[grid]
        now = asyncio.get_running_loop().time()
        self.say(f"🙋 {resident.user_id}", room, body)
        event = await resident.say(room, body)
        receipt = await self.bot_says(resident, room, lambda s: s.thread_root == event, now)
        match = TICKET.search(receipt.body)
        assert match, receipt.body
        return resident, room, event, int(match.group(1))

    async def card(self, handler: str, ticket: int) -> tuple[Person, Seen]:
        staff = await self.person(self.accounts.staff[handler][0])
        room = self.handler_room[handler]
        card = await staff.wait_for(lambda s: s.room_id == room and s.sender == self.bot_user
                                    and s.relation == {} and f"#{ticket} " in s.body
                                    and s.event_id not in self.cards_seen, timeout=60)
        self.cards_seen.add(card.event_id)  # a ticket that comes back gets a fresh card
        print(f"    📋 {self.name(handler)}: {card.body.splitlines()[0]}", flush=True)
        return staff, card

    async def staff_does(self, staff: Person, card: Seen, body: str, expect: str | None = None) -> None:
        await self.pause()
        now = asyncio.get_running_loop().time()
        self.say(f"👷 {staff.user_id}", card.room_id, body)
        await staff.say(card.room_id, body, thread_root=card.event_id)
        if expect:
            await self.bot_says(staff, card.room_id, lambda s: s.thread_root == card.event_id and expect in s.body,
                                now)

    async def resident_does(self, resident: Person, room: str, root: str, body: str, expect: str) -> Seen:
        await self.pause()
        now = asyncio.get_running_loop().time()
        self.say(f"🙋 {resident.user_id}", room, body)
        await resident.say(room, body, thread_root=root)
        return await self.bot_says(resident, room, lambda s: s.thread_root == root and expect in s.body, now)

    async def scene_signed_resolved_rated(self) -> None:
        print(text("demo_scene", self.lang, n=1, title=text("demo_scene_1", self.lang)), flush=True)
        grid = self.book.grids[0].id if self.book.grids else ""
        body = "安居苑3号楼电梯又坏了，老人下不了楼"
        resident, room, root, num = await self.report(grid, body)
        lead = self.router.route(body).lead
        staff, card = await self.card(lead, num)
        await self.pause()
        now = asyncio.get_running_loop().time()
        self.say(f"👷 {staff.user_id}", card.room_id, "✅")
        await staff.react(card.room_id, card.event_id, "✅")
        await self.bot_says(resident, room, lambda s: s.thread_root == root and "✅" in s.body, now)
        await self.staff_does(staff, card, "!备注 维修师傅已在路上，预计半小时到")
        await self.staff_does(staff, card, "!办结 已更换电梯控制板，试运行正常")
        await self.resident_does(resident, room, root, "已解决，谢谢", "😀")
        await self.resident_does(resident, room, root, "满意", self.thanks)

    async def scene_transfer_reopen(self) -> None:
        print(text("demo_scene", self.lang, n=2, title=text("demo_scene_2", self.lang)), flush=True)
        grid = self.book.grids[1].id if len(self.book.grids) > 1 else ""
        body = "馨园5号楼下水道堵了，污水冒出来"
        resident, room, root, num = await self.report(grid, body)
        lead = self.router.route(body).lead
        staff, card = await self.card(lead, num)
        await self.staff_does(staff, card, "!签收")
        target = "water" if lead != "water" and "water" in self.book.handler_by_id else self.book.fallback
        await self.staff_does(staff, card, f"!转派 {target} 属于市政排水管网，由供水排水单位处理")
        staff2, card2 = await self.card(target, num)
        await self.staff_does(staff2, card2, "!签收")
        await self.staff_does(staff2, card2, "!办结 已疏通管道")
        await self.resident_does(resident, room, root, "还是没修好，又堵了", "🔁")
        await self.staff_does(staff2, card2, "!签收")
        await self.staff_does(staff2, card2, "!办结 更换了堵塞的管段")
        await self.resident_does(resident, room, root, "这次解决了", "😀")
        await self.resident_does(resident, room, root, "2", self.thanks)

    async def scene_place_return(self) -> None:
        print(text("demo_scene", self.lang, n=3, title=text("demo_scene_3", self.lang)), flush=True)
        body = "路灯不亮了，晚上很黑"
        resident, room, root, num = await self.report("", body)
        noted = "Place noted" if self.lang == "en" else "已记下位置"
        await self.resident_does(resident, room, root, "和平里7号楼门口", noted)
        lead = self.router.route(body).lead
        staff, card = await self.card(lead, num)
        street = self.book.fallback
        if lead != street:
            await self.staff_does(staff, card, "!退单 路灯归城市照明管理，不属于本单位")
            staff, card = await self.card(street, num)
        target = "urban_mgmt" if "urban_mgmt" in self.book.handler_by_id else street
        if target != street:
            await self.staff_does(staff, card, f"!转派 {target} 城市照明设施由城管负责")
            staff, card = await self.card(target, num)
        await self.staff_does(staff, card, "!签收")
        await self.staff_does(staff, card, "!办结 已更换灯泡")
        await self.resident_does(resident, room, root, "好了", "😀")
        await self.resident_does(resident, room, root, "基本满意", self.thanks)

    async def scene_support_whistle_ask(self) -> None:
        """Neighbours report the same matter (附议) until the whistle blows (吹哨); a vague report is asked about."""
        print(text("demo_scene", self.lang, n=4, title=text("demo_scene_4", self.lang)), flush=True)
        grid = self.book.grids[0].id if self.book.grids else ""
        whistle = next((w for w in self.book.whistles if w.category == "drains_sewage"), None)
        residents = self.accounts.residents[grid]
        if whistle is None or len(residents) < whistle.threshold:
            return
        room = self.community_room[grid]
        body = "安居苑2号楼下水道堵了，污水冒出来"
        _first, _room, _root, num = await self.report(grid, body)
        for n, user in enumerate(residents[1:whistle.threshold], 2):
            neighbour = await self.person(user)
            await self.pause()
            now = asyncio.get_running_loop().time()
            said = f"安居苑{n}号楼这边下水道也堵了"
            self.say(f"🙋 {neighbour.user_id}", room, said)
            event = await neighbour.say(room, said)
            await self.bot_says(neighbour, room, thread_of(event, f"#{num}"), now)
        for h in whistle.summon:  # every department the whistle summons gets the card, and reports for duty
            if h in self.handler_room:
                staff, card = await self.card(h, num)
                await self.pause()
                self.say(f"👷 {staff.user_id}", card.room_id, "✅")
                await staff.react(card.room_id, card.event_id, "✅")
        vague = "小区的电梯能不能管一管"
        resident = await self.person(residents[-1])
        now = asyncio.get_running_loop().time()
        self.say(f"🙋 {resident.user_id}", room, vague)
        event = await resident.say(room, vague)
        await self.bot_says(resident, room, lambda s: s.thread_root == event and "1." in s.body, now)
        await self.resident_does(resident, room, event, "1", "电梯" if self.lang != "en" else "ift")

    async def scene_consultation(self) -> None:
        """Residents decide together (议事协商): a matter raised in the grid's room, the vote, the count by the
        street office, and the resolution published in the community's room (两公开)."""
        print(text("demo_scene", self.lang, n=6, title=text("demo_scene_6", self.lang)), flush=True)
        grid = self.book.grids[0].id if self.book.grids else ""
        residents = self.accounts.residents.get(grid, [])
        if not grid or len(residents) < 2 or self.book.fallback not in self.handler_room:
            return
        room = self.community_room[grid]
        raiser = await self.person(residents[0])
        now = asyncio.get_running_loop().time()
        self.say(f"🙋 {raiser.user_id}", room, "!议题 小区增设电动车充电桩")
        await raiser.say(room, "!议题 小区增设电动车充电桩")
        opened = await self.bot_says(raiser, room, lambda s: "充电桩" in s.body and ("!赞成" in s.body
                                                                                   or "!yes" in s.body), now)
        match = re.search(r"(\d+)", opened.body)
        number = match.group(1) if match else "1"
        for n, user in enumerate(residents):
            voter = await self.person(user)
            await self.pause()
            said = f"!{'反对' if n == len(residents) - 1 else '赞成'} {number}"
            self.say(f"🙋 {voter.user_id}", room, said)
            await voter.say(room, said)
        staff = await self.person(self.accounts.staff[self.book.fallback][0])
        await self.pause()
        now = asyncio.get_running_loop().time()
        street = self.handler_room[self.book.fallback]
        self.say(f"👷 {staff.user_id}", street, f"!结束表决 {number}")
        await staff.say(street, f"!结束表决 {number}")
        await self.bot_says(raiser, room, lambda s: f" {number}" in s.body and ("【决议公开】" in s.body or
                                                                            "[Resolution published]" in s.body
                                                                            or "【表决结果公开】" in s.body
                                                                            or "[Result published]" in s.body), now)

    async def scene_deadlines_extension(self) -> None:
        """Nobody signs: a reminder, then an escalation (the demo clock moves on); the lead asks for more time."""
        print(text("demo_scene", self.lang, n=5, title=text("demo_scene_5", self.lang)), flush=True)
        if self.bot is None or self.clock is None:
            return
        grid = self.book.grids[1].id if len(self.book.grids) > 1 else ""
        body = "馨园3号楼门口的井盖不见了，晚上很危险"
        resident, room, root, num = await self.report(grid, body)
        lead = self.router.route(body).lead
        staff, card = await self.card(lead, num)
        ticket = await self.bot.store.ticket(num)
        if ticket is None or ticket.sign_deadline is None:
            return
        for share in (0.8, 1.02):  # three quarters gone: a reminder; the deadline missed: an escalation
            await self.pause()
            left = ticket.sign_deadline - self.clock()
            self.clock.offset += left * share if share < 1 else left + timedelta(minutes=1)
            print(text("demo_clock", self.lang, now=self.clock().astimezone(self.bot.voice._tz)
                       .strftime("%m-%d %H:%M")), flush=True)
            self.bot.scheduler.wake()
            word = "催办" if share < 1 else "升级"
            await self.bot_says(staff, card.room_id, thread_of(card.event_id, word, "emind" if share < 1 else "scalat"),
                                asyncio.get_running_loop().time() - 30)
        await self.staff_does(staff, card, "!签收")
        await self.staff_does(staff, card, "!延期 2 需要订购新井盖")
        street = await self.person(self.accounts.staff[self.book.fallback][0])
        request = await street.wait_for(lambda s: s.room_id == self.handler_room[self.book.fallback]
                                        and s.sender == self.bot_user and f"#{num}" in s.body and "延期" in s.body
                                        if self.lang != "en" else f"#{num}" in s.body, timeout=60)
        self.heard(request)
        await self.pause()
        self.say(f"👷 {street.user_id}", request.room_id, "👍")
        await street.react(request.room_id, request.event_id, "👍")
        await self.staff_does(staff, card, "!办结 已更换井盖")
        await self.resident_does(resident, room, root, "已解决", "😀")

    async def close(self) -> None:
        for p in self.people.values():
            await p.close()


async def run_demo(settings: Settings, *, lang: str | None, rounds: int = 0, pace: float = 1.5) -> int:
    """Start everything, tell the story until Ctrl-C (or ``rounds`` rounds), stop everything; return 0."""
    hs = local_homeserver(settings.var)
    started_here = not hs.status().answering
    print(text("demo_homeserver", lang, url=hs.url), flush=True)
    hs.up()
    stop = asyncio.Event()
    stop_on_signals(stop)
    bot_task: asyncio.Task[object] | None = None
    web_task: asyncio.Task[object] | None = None
    story: Story | None = None
    try:
        accounts = await demo_accounts(settings)
        await ensure_local_bot(settings)
        rooms = await provision_rooms(settings, staff=accounts.staff, residents=accounts.residents,
                                      members=accounts.members, chairs=accounts.chairs)
        ready = asyncio.Event()
        clock = DemoClock()
        bots: list[Bot] = []
        bot_task = asyncio.create_task(run_bot(settings, stop, ready=ready, started=bots.append, clock=clock))
        await ready.wait()
        bot = bots[0]
        clock.offset = await _next_offset(bot)
        web_task = asyncio.create_task(serve_web(
            settings.store, bot.book, stop, port=int(os.environ.get("WHISTLE_WEB_PORT") or 8080),
            homeserver=hs.url, secret=web_secret(settings.var),
            started=lambda url: print(text("demo_web", lang, url=url), flush=True)))
        print(text("demo_connect", lang, url=hs.url, password=accounts.password,
                   resident=accounts.residents[""][0], staff=accounts.staff[settings_fallback(settings)][0],
                   var=settings.var), flush=True)
        story = Story(settings, accounts, rooms, settings.bot_user, lang, pace, bot=bot, clock=clock)
        await story.login_all()
        n = 0
        while not stop.is_set() and (rounds == 0 or n < rounds):
            n += 1
            for scene in (story.scene_signed_resolved_rated, story.scene_transfer_reopen, story.scene_place_return,
                          story.scene_support_whistle_ask, story.scene_deadlines_extension, story.scene_consultation):
                task = asyncio.ensure_future(scene())
                halt = asyncio.ensure_future(stop.wait())
                await asyncio.wait({task, halt}, return_when=asyncio.FIRST_COMPLETED)
                halt.cancel()
                if stop.is_set():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
                    break
                task.result()
        if rounds:
            print(text("demo_done", lang, rounds=n), flush=True)
    finally:
        stop.set()
        print(text("demo_stopping", lang), flush=True)
        if story is not None:
            await story.close()
            if story.bot is not None and story.clock is not None:
                with contextlib.suppress(Exception):  # where the next run's clock starts
                    async with story.bot.store.write() as tx:
                        await tx.set_chat_state("demo_offset", str(story.clock.offset.total_seconds()))
        for running in (bot_task, web_task):
            if running is not None:
                with contextlib.suppress(asyncio.CancelledError, OSError):  # OSError: no free port for the board
                    await running
        if started_here:
            hs.down()
    return 0


async def _next_offset(bot: Bot) -> timedelta:
    """Return the demo clock's offset for this run: two days past where the last run's clock stopped, and past
    the latest event in the store (a run stopped before it saved its clock, or an older store, left later ones)."""
    last = timedelta(seconds=float(await bot.store.chat_state("demo_offset") or 0))
    latest = await bot.store.latest_event_at()
    if latest is not None:
        last = max(last, latest - datetime.now(UTC))
    offset = last + DEMO_GAP
    async with bot.store.write() as tx:
        await tx.set_chat_state("demo_offset", str(offset.total_seconds()))
    return offset


DEMO_GAP = timedelta(days=2)  # longer than the duplicates window: an earlier run's open tickets stay apart


def settings_fallback(settings: Settings) -> str:
    return load_rulebook(settings.rulebook or DEFAULT_RULEBOOK).fallback
