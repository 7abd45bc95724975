"""The time bank's ledger: double entry under any sequence of moves, reversals instead of edits, limits flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatops.participation.ledger import COMMUNITY, Ledger, LedgerError, Limits
from rules import load_rulebook

AT = datetime(2026, 6, 1, tzinfo=UTC)
PEOPLE = ["@a:x", "@b:x", "@c:x", "@d:x"]


def test_the_rulebooks_limits_in_minutes() -> None:
    assert Limits.of_rulebook(load_rulebook().time_bank) == Limits(cap=90_000, start=120, overdraft=0)


moves = st.lists(st.one_of(
    st.tuples(st.just("give"), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), st.integers(-5, 600)),
    st.tuples(st.just("reverse"), st.integers(1, 40), st.just(""), st.just(0)),
), max_size=40)


@given(moves)
def test_the_ledger_always_sums_to_zero_and_balances_are_their_statements(steps: list[tuple]) -> None:
    ledger = Ledger(Limits(cap=600, start=120))
    for p in PEOPLE:
        ledger.open(p, AT)
    for kind, a, b, minutes in steps:
        try:
            if kind == "give":
                ledger.transfer(a, b, minutes, AT, "帮忙")
            else:
                ledger.reverse(a, AT, "记错了")
        except LedgerError:
            pass
        assert ledger.total() == 0
    for p in [*PEOPLE, COMMUNITY]:
        entries = ledger.statement(p)
        assert ledger.balance(p) == (entries[-1][2] if entries else 0)
    for account, why in ledger.flags().items():
        assert (why == "over_cap") == (ledger.balance(account) > 600)


def test_a_reversal_undoes_an_entry_once_and_keeps_it() -> None:
    ledger = Ledger(Limits(cap=600, start=0))
    for p in PEOPLE[:2]:
        ledger.open(p, AT)
    t = ledger.transfer("@a:x", "@b:x", 90, AT, "陪老人就医")
    with pytest.raises(LedgerError) as missing:
        ledger.reverse(t.id, AT, "  ")
    assert missing.value.code == "bank_reason_required"
    back = ledger.reverse(t.id, AT, "时长记错")
    assert (ledger.balance("@a:x"), ledger.balance("@b:x")) == (0, 0)
    assert [x.id for x in ledger.transfers] == [t.id, back.id] and back.reverses == t.id
    for again in (t.id, back.id):
        with pytest.raises(LedgerError) as twice:
            ledger.reverse(again, AT, "再冲一次")
        assert twice.value.code == "bank_reversed"


def test_refusals_and_flags() -> None:
    ledger = Ledger(Limits(cap=100, start=30, overdraft=20))
    for p in PEOPLE[:3]:
        ledger.open(p, AT)
    for args, code in ((("@a:x", "@a:x", 10), "bank_same_account"), (("@a:x", "@b:x", 0), "bank_no_minutes"),
                       (("@a:x", "@z:x", 10), "bank_no_account")):
        with pytest.raises(LedgerError) as refused:
            ledger.transfer(*args, AT, "帮忙")  # type: ignore[arg-type]
        assert refused.value.code == code
    ledger.transfer("@a:x", "@b:x", 80, AT, "修水管")   # a: 110 (over the cap), b: -50 (past the overdraft)
    ledger.transfer("@c:x", "@b:x", 0 + 5, AT, "买菜")  # c: 35, b: -55
    assert ledger.flags() == {"@a:x": "over_cap", "@b:x": "overdrawn"}  # flagged, not refused
    assert ledger.total() == 0 and ledger.balance(COMMUNITY) == -90


def test_the_same_service_confirmed_again_soon_is_refused_unless_the_first_was_reversed() -> None:
    """A double tap gave two transfers for one service: within the window the same pair and minutes are one
    service (whatever the words), other minutes or a later time are another, a reversed entry is no longer one."""
    ledger, window = Ledger(Limits(cap=6000, start=0)), timedelta(minutes=10)
    for p in PEOPLE[:3]:
        ledger.open(p, AT)
    first = ledger.transfer("@a:x", "@b:x", 120, AT, "陪老人就医", within=window)
    with pytest.raises(LedgerError) as again:
        ledger.transfer("@a:x", "@b:x", 120, AT + timedelta(minutes=9), "陪老人看病", within=window)
    assert again.value.code == "bank_repeated" and again.value.params["transfer"] == first.id
    assert again.value.params["window"] == 10 and len(ledger.transfers) == 1
    for giver, receiver, minutes in (("@a:x", "@b:x", 30), ("@c:x", "@b:x", 120), ("@b:x", "@a:x", 120)):
        ledger.transfer(giver, receiver, minutes, AT, "另一次", within=window)  # another pair or other minutes
    ledger.transfer("@a:x", "@b:x", 120, AT, "不问窗口")  # no window asked: the ledger records it
    ledger.reverse(first.id, AT, "记错了")
    ledger.reverse(5, AT, "记错了")
    ledger.transfer("@a:x", "@b:x", 120, AT + timedelta(minutes=1), "重新确认", within=window)  # both reversed
    ledger.transfer("@a:x", "@b:x", 120, AT + timedelta(minutes=12), "又一次", within=window)
    assert ledger.total() == 0 and ledger.balance("@a:x") == 30 + 2 * 120 - 120
