"""Every lifecycle move and every refusal, through the service, the real engine and a real SQLite file."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta

import pytest

from chatops.chat.notices import Voice
from chatops.tickets.lifecycle import SYSTEM, Actor, Event, LifecycleError, Move, State, apply, check
from chatops.tickets.service import MAX_REPORT_CHARS, TicketService, add_duration
from tests.conftest import FakeClock

RESIDENT = Actor("@wang:localhost")
NEIGHBOUR = Actor("@li:localhost")
PROPERTY = Actor("@zhao:localhost", "property")
POLICE = Actor("@chen:localhost", "police")
STREET = Actor("@sun:localhost", "street")


async def new_ticket(service: TicketService, text: str = "安居苑1号楼电梯坏了", source: str = "m:1") -> int:
    receipt = await service.report(source=source, reporter=RESIDENT.id, text=text)
    return receipt.ticket.id


async def refused(code: str, coro) -> LifecycleError:
    with pytest.raises(LifecycleError) as info:
        await coro
    assert info.value.code == code, info.value.render("en")
    assert info.value.render() and info.value.render("en")
    return info.value


async def test_report_is_routed_with_deadlines(service: TicketService, clock: FakeClock) -> None:
    receipt = await service.report(source="m:1", reporter=RESIDENT.id, text="安居苑1号楼电梯坏了")
    t = receipt.ticket
    assert receipt.created and t.id == 1 and t.state is State.ROUTED
    assert (t.category, t.lead, t.co, t.grid, t.building) == ("lift", "property", ("police",), "g1", "1")
    # the rulebook's working-day clock: Monday 17:00 in Shanghai; 7d of working time skips the weekend
    assert t.sign_deadline == clock.now + timedelta(hours=24)
    assert t.resolve_deadline == datetime(2026, 11, 11, 9, 0, tzinfo=UTC)  # Wednesday 17:00 in Shanghai
    events = await service.store.events(t.id)
    assert [e.kind for e in events] == [Move.REPORTED, Move.ROUTED]
    routed = events[1]
    assert routed.rule == "category.lift" and routed.target == "property" and routed.actor == "system"
    assert routed.data["rulebook_version"] == service.rulebook.full_version
    assert routed.data["matched"] == ["电梯坏"]  # 电梯 inside 电梯坏 is one word of evidence


async def test_full_loop_ack_note_resolve_verify_rate(service: TicketService, clock: FakeClock) -> None:
    tid = await new_ticket(service)
    await refused("not_signed_for", service.resolve(tid, PROPERTY, "修好了"))
    t = await service.acknowledge(tid, PROPERTY)
    assert t.state is State.ACKNOWLEDGED and t.acked_by == ("property",)
    t = await service.acknowledge(tid, POLICE)  # the co-handler reports for duty too
    assert t.acked_by == ("property", "police") and t.state is State.ACKNOWLEDGED
    await refused("already_signed", service.acknowledge(tid, POLICE))
    await service.note(tid, PROPERTY, "维修工下午到")
    await service.note(tid, RESIDENT, "谢谢")
    await refused("text_required", service.note(tid, PROPERTY, "  "))
    await refused("text_required", service.resolve(tid, PROPERTY, ""))
    clock.advance(hours=5)
    t = await service.resolve(tid, PROPERTY, "已更换控制板")
    assert t.state is State.RESOLVED and t.awaiting_rating
    await refused("not_your_ticket", service.verdict(tid, NEIGHBOUR, True))
    await refused("not_your_ticket", service.rate(tid, NEIGHBOUR, "satisfied"))
    await refused("not_your_ticket", service.rate(tid, PROPERTY, "satisfied"))  # staff can't rate either
    t = await service.verdict(tid, RESIDENT, True)
    assert t.state is State.CLOSED and t.solved is True
    await refused("bad_rating", service.rate(tid, RESIDENT, "great"))
    t = await service.rate(tid, RESIDENT, "basically_satisfied")
    assert t.rating == "basically_satisfied" and not t.awaiting_rating
    await refused("already_rated", service.rate(tid, RESIDENT, "satisfied"))
    await refused("move_bad_state", service.acknowledge(tid, PROPERTY))
    kinds = [e.kind for e in await service.store.events(tid)]
    assert kinds == [Move.REPORTED, Move.ROUTED, Move.ACKNOWLEDGED, Move.ACKNOWLEDGED, Move.NOTE, Move.NOTE,
                     Move.RESOLVED, Move.VERIFIED, Move.RATED]


async def test_not_solved_reopens_to_the_same_handler(service: TicketService, clock: FakeClock) -> None:
    tid = await new_ticket(service)
    await service.acknowledge(tid, PROPERTY)
    await service.resolve(tid, PROPERTY, "修好了")
    clock.advance(days=1)
    t = await service.verdict(tid, RESIDENT, False)
    assert (t.state, t.lead, t.reopens, t.solved, t.acked_by) == (State.ROUTED, "property", 1, False, ())
    assert t.sign_deadline == clock.now + timedelta(hours=24)
    t = await service.rate(tid, RESIDENT, "dissatisfied")  # the verdict's rating still counts
    assert t.rating == "dissatisfied"
    await refused("already_rated", service.rate(tid, RESIDENT, "dissatisfied"))
    await refused("move_bad_state", service.verdict(tid, RESIDENT, True))


async def test_the_call_back_closes_only_by_the_system_after_a_resolve(service: TicketService,
                                                                     clock: FakeClock) -> None:
    tid = await new_ticket(service)
    await refused("move_bad_state", service.act(tid, SYSTEM, Move.CLOSED))
    await service.acknowledge(tid, PROPERTY)
    t = await service.resolve(tid, PROPERTY, "修好了")
    assert t.callback_deadline == service.deadline(clock.now, timedelta(days=5), "normal")
    await refused("not_handler_of", service.act(tid, PROPERTY, Move.CLOSED))
    await refused("not_handler_of", service.act(tid, RESIDENT, Move.CLOSED))
    t = await service.act_event(tid, SYSTEM, Move.CLOSED, rule="callback.lapse",  # nobody answered: unknown
                                data={"verdicts": 0, "residents": 1})
    t = t[0]
    assert (t.state, t.solved, t.verdicts) == (State.CLOSED, None, ())
    await refused("move_bad_state", service.verdict(tid, RESIDENT, True))
    t = await service.rate(tid, RESIDENT, "dissatisfied")  # a rating is still welcome
    assert t.rated_by == (RESIDENT.id,) and not t.awaiting_rating


async def test_supporters_give_verdicts_too(service: TicketService) -> None:
    """MINI: two leak reports from one grid within 24 h make one ticket; both residents are asked back."""
    tid = (await service.report(source="m:1", reporter=RESIDENT.id, text="安居苑1号楼漏水")).ticket.id
    joined = await service.report(source="m:2", reporter=NEIGHBOUR.id, text="安居苑2号楼漏水")
    again = await service.report(source="m:3", reporter=NEIGHBOUR.id, text="安居苑2号楼又漏水了")  # once
    assert joined.joined and again.joined and joined.ticket.id == again.ticket.id == tid
    assert again.ticket.followers == (NEIGHBOUR.id,) and again.ticket.residents == (RESIDENT.id, NEIGHBOUR.id)
    await service.acknowledge(tid, PROPERTY)
    await service.resolve(tid, PROPERTY, "修好了")
    t = await service.verdict(tid, NEIGHBOUR, True)
    assert t.state is State.RESOLVED and t.verdicts == (NEIGHBOUR.id,)
    assert t.awaits_verdict(RESIDENT.id) and not t.awaits_verdict(NEIGHBOUR.id) and t.awaits_rating(NEIGHBOUR.id)
    await refused("verdict_given", service.verdict(tid, NEIGHBOUR, False))
    await refused("not_your_ticket", service.verdict(tid, Actor("@zhou:localhost"), True))
    t = await service.verdict(tid, RESIDENT, True)
    assert (t.state, t.solved, t.verdicts) == (State.CLOSED, True, (NEIGHBOUR.id, RESIDENT.id))


async def test_an_emergency_on_top_of_an_ordinary_matter_is_a_ticket_of_its_own(service: TicketService) -> None:
    """MINI: the same resident reports a fire where their ordinary leak is: a new emergency ticket, not a note."""
    first = (await service.report(source="m:1", reporter=RESIDENT.id, text="安居苑1号楼漏水")).ticket
    note = await service.report(source="m:2", reporter=RESIDENT.id, text="安居苑1号楼还在漏水")
    assert note.joined and note.noted and note.ticket.id == first.id
    fire = await service.report(source="m:3", reporter=RESIDENT.id, text="安居苑1号楼漏水的地方冒烟着火了")
    assert fire.ticket.priority == "emergency"  # 着火 is an urgent word of the whole rulebook
    assert fire.created and not fire.joined and fire.ticket.id != first.id


async def test_transfer_needs_a_reason_and_a_real_target(service: TicketService, clock: FakeClock) -> None:
    tid = await new_ticket(service)
    await refused("reason_required", service.transfer(tid, PROPERTY, "police", ""))
    await refused("reason_required", service.transfer(tid, PROPERTY, "police", "   "))
    await refused("unknown_target", service.transfer(tid, PROPERTY, "mayor", "不归我们管"))
    await refused("transfer_to_self", service.transfer(tid, PROPERTY, "property", "自己"))
    await refused("not_handler_of", service.transfer(tid, POLICE, "street", "不归我们管"))
    clock.advance(hours=3)
    t = await service.transfer(tid, PROPERTY, "police", "有人故意破坏电梯")
    assert (t.state, t.lead, t.transfers, t.co) == (State.ROUTED, "police", 1, ())
    assert t.sign_deadline == clock.now + timedelta(hours=24)
    transferred = (await service.store.events(tid))[-1]
    assert (transferred.kind, transferred.actor_handler, transferred.target, transferred.reason) == (
        Move.TRANSFERRED, "property", "police", "有人故意破坏电梯")
    await refused("not_handler_of", service.acknowledge(tid, PROPERTY))
    assert (await service.acknowledge(tid, POLICE)).state is State.ACKNOWLEDGED


async def test_return_goes_to_the_street_office_which_cannot_return(service: TicketService) -> None:
    tid = await new_ticket(service)
    await refused("reason_required", service.return_(tid, PROPERTY, ""))
    t = await service.return_(tid, PROPERTY, "不属于物业职责")
    assert (t.lead, t.returns, t.state) == ("street", 1, State.ROUTED)
    await refused("fallback_cannot_return", service.return_(tid, STREET, "也不归我们"))
    t = await service.transfer(tid, STREET, "police", "涉及治安")  # the street office re-dispatches
    assert t.lead == "police"


async def test_street_office_may_redispatch_any_open_ticket(service: TicketService) -> None:
    tid = await new_ticket(service)
    t = await service.transfer(tid, STREET, "police", "派错了")
    assert t.lead == "police"


async def test_extension_needs_sign_for_reason_and_sane_days(service: TicketService) -> None:
    tid = await new_ticket(service)
    await refused("move_bad_state", service.extend(tid, PROPERTY, 3, "等配件"))
    before = (await service.acknowledge(tid, PROPERTY)).resolve_deadline
    await refused("reason_required", service.extend(tid, PROPERTY, 3, ""))
    for days in (0, 61, -1):
        await refused("bad_days", service.extend(tid, PROPERTY, days, "等配件"))
    await refused("not_handler_of", service.extend(tid, POLICE, 3, "等配件"))
    await refused("no_extension_asked", service.decide_extension(tid, STREET, True))
    t = await service.extend(tid, PROPERTY, 3, "等配件")
    assert t.extension_asked == 3 and t.resolve_deadline == before  # asked, not yet granted
    await refused("extension_pending", service.extend(tid, PROPERTY, 5, "还要等"))
    await refused("only_dispatcher_decides", service.decide_extension(tid, PROPERTY, True))
    await refused("reason_required", service.decide_extension(tid, STREET, False))
    t = await service.decide_extension(tid, STREET, True)
    # three more working days: Wednesday 11-11 17:00 (Shanghai) + Thu, Fri and Mon = Monday 11-16 17:00
    assert before == datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
    assert t.resolve_deadline == datetime(2026, 11, 16, 9, 0, tzinfo=UTC) and t.extension_asked is None
    await service.extend(tid, PROPERTY, 2, "再等两天")
    t = await service.decide_extension(tid, STREET, False, "理由不充分")
    assert t.resolve_deadline == datetime(2026, 11, 16, 9, 0, tzinfo=UTC) and t.extension_asked is None


async def test_system_moves_remind_escalate_whistle(service: TicketService) -> None:
    tid = await new_ticket(service)
    await refused("not_handler_of", service.act(tid, RESIDENT, Move.REMINDED, rule="remind"))
    await service.act_event(tid, SYSTEM, Move.REMINDED, target="property", rule="remind")
    await refused("reason_required", service.act_event(tid, SYSTEM, Move.ESCALATED, rule="overdue.escalate"))
    t, event = await service.act_event(tid, SYSTEM, Move.ESCALATED, target="street", rule="overdue.escalate")
    assert t.escalated_to == "street" and event.rule == "overdue.escalate" and event.reason is None
    t, event = await service.act_event(tid, SYSTEM, Move.WHISTLED, rule="whistle.lift", target=t.lead,
                                       data={"summon": ["street", "police"], "reports": 3})
    assert t.co == ("police", "street") and event.rule == "whistle.lift"


async def test_a_system_move_without_its_rule_is_never_written(service: TicketService) -> None:
    from chatops.tickets.events import ContractError

    tid = await new_ticket(service)
    with pytest.raises(ContractError, match="the rule that made it is required"):
        await service.act(tid, SYSTEM, Move.ESCALATED, target="street")
    with pytest.raises(ContractError, match="reason is not used"):
        await service.act(tid, SYSTEM, Move.REMINDED, rule="remind", reason="签收时限将到")
    with pytest.raises(ContractError, match="has no field 'stars'"):
        await service.act(tid, RESIDENT, Move.NOTE, reason="补充一句", data={"stars": 5})
    assert [e.kind for e in await service.store.events(tid)] == [Move.REPORTED, Move.ROUTED]


async def test_unknown_ticket_and_report_moves_are_refused(service: TicketService) -> None:
    await refused("ticket_unknown", service.acknowledge(99, PROPERTY))
    with pytest.raises(ValueError):
        await service.act(1, SYSTEM, Move.ROUTED)


@pytest.mark.parametrize("text,code", [("", "report_empty"), ("   \n\t", "report_empty"),
                                       ("漏" * (MAX_REPORT_CHARS + 1), "report_too_long")])
async def test_bad_reports_are_refused_politely_and_leave_nothing(service: TicketService, text: str,
                                                                  code: str) -> None:
    err = await refused(code, service.report(source="m:x", reporter=RESIDENT.id, text=text))
    assert "请" in err.render() or "过长" in err.render()
    assert await service.store.count("events") == 0 and await service.store.count("tickets") == 0


async def test_hostile_text_is_kept_verbatim_and_routed(service: TicketService) -> None:
    text = "<script>alert(1)</script>'); DROP TABLE tickets;-- 漏水 \U0001f525\x00"
    receipt = await service.report(source="m:evil", reporter=RESIDENT.id, text=text)
    assert receipt.ticket.category == "leak"
    assert (await service.store.ticket(receipt.ticket.id)).text == text.replace("\x00", "").strip()  # NUL dropped
    assert await service.store.count("tickets") == 1


async def test_projection_equals_the_fold_of_the_log(service: TicketService) -> None:
    tid = await new_ticket(service)
    await service.acknowledge(tid, PROPERTY)
    await service.transfer(tid, PROPERTY, "police", "治安问题")
    await service.acknowledge(tid, POLICE)
    await service.resolve(tid, POLICE, "已处理")
    await service.verdict(tid, RESIDENT, False)
    await service.rate(tid, RESIDENT, "dissatisfied")
    await new_ticket(service, "今天天气不错", source="m:2")
    assert await service.rebuild_check() == []


async def test_a_friday_report_is_signed_for_by_monday(service: TicketService, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 6, 7, 0, tzinfo=UTC)  # Friday 15:00 in Shanghai
    t = (await service.report(source="m:1", reporter=RESIDENT.id, text="安居苑1号楼电梯坏了")).ticket
    assert t.sign_deadline == datetime(2026, 11, 9, 7, 0, tzinfo=UTC)  # Monday 15:00: the weekend does not count
    voice = Voice(service.rulebook)
    assert "24h内签收" in voice.receipt(t, False, None)  # the limit, not the 72 h until the deadline
    assert "签收时限：11-09 15:00 前；办结时限：11-17 15:00 前" in voice.card(t, None, holder="property")
    elapsed = TicketService(service.store, service.router, clock=clock, deadline=add_duration)
    # no estate named, so no grid: a separate matter, not support of #1
    t = (await elapsed.report(source="m:2", reporter=RESIDENT.id, text="楼道电梯坏了")).ticket
    assert t.sign_deadline == datetime(2026, 11, 7, 7, 0, tzinfo=UTC)  # plain elapsed time, on request


def test_a_resolve_from_before_supporters_were_asked_closes_on_the_reporters_verdict() -> None:
    """A log written before schema 7: its resolve set no call-back deadline and asked the reporter alone."""
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    events = [Event(1, Move.REPORTED, RESIDENT.id, at, data={"source": "m:1", "text": "安居苑1号楼漏水"}),
              Event(1, Move.ROUTED, SYSTEM.id, at, target="property", data={"category": "leak"}),
              Event(1, Move.SUPPORTED, NEIGHBOUR.id, at),
              Event(1, Move.ACKNOWLEDGED, PROPERTY.id, at, actor_handler="property"),
              Event(1, Move.RESOLVED, PROPERTY.id, at, actor_handler="property", reason="修好了")]
    t = functools.reduce(apply, events, None)
    assert t is not None and t.followers == (NEIGHBOUR.id,) and t.asked == (RESIDENT.id,)
    assert not t.awaits_verdict(NEIGHBOUR.id) and t.awaits_verdict(RESIDENT.id)
    with pytest.raises(LifecycleError, match="not yours"):
        check(t, Event(1, Move.VERIFIED, NEIGHBOUR.id, at), fallback="street", handlers=frozenset({"property"}))
    t = apply(t, Event(1, Move.VERIFIED, RESIDENT.id, at))
    assert (t.state, t.solved) == (State.CLOSED, True)


def test_a_receipt_of_no_known_matter_says_who_dispatches_or_who_handles_it(service: TicketService) -> None:
    """A tester's missing child, placed with the police by the model with no matter named, was told 已交「派出所」分派:
    only the street office dispatches; a unit given a ticket of no known matter handles it."""
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    voice = Voice(service.rulebook)
    for lead, said, unsaid in ((service.rulebook.fallback, "分派", "由「"), ("police", "由「派出所」办理", "分派")):
        events = [Event(1, Move.REPORTED, RESIDENT.id, at, data={"source": "m:1", "text": "有个小孩不见了"}),
                  Event(1, Move.ROUTED, SYSTEM.id, at, target=lead, data={})]
        t = functools.reduce(apply, events, None)
        assert t is not None
        receipt = voice.receipt(t, True, None)
        assert said in receipt and unsaid not in receipt, receipt
