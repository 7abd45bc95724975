"""Quorum and majority: every rule the shipped rulebook sets, at the counts where it turns, and the rulebook's
mistakes in ``deliberation:`` reported with file and line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatops.meetings.quorum import Ballot, Threshold, decide, tally
from rules import RulebookError, load_rulebook
from rules.rulebook import DEFAULT_RULEBOOK

BOOK = load_rulebook()
RULES = [(f"{c.id}.{s.id}.{name}", getattr(s, name)) for c in BOOK.deliberation.chains for s in c.steps
         for name in ("quorum", "majority") if getattr(s, name) is not None]


def by_law(share: Fraction, strict: bool, base: int) -> int:
    """The smallest count meeting the rule, counted the slow way: try every count."""
    return next(n for n in range(base + 2) if (n > share * base if strict else n >= share * base))


def test_the_shipped_rulebook_writes_the_laws_numbers() -> None:
    steps = {f"{c.id}.{s.id}": s for c in BOOK.deliberation.chains for s in c.steps}
    resolve = steps["major.resolve"]  # 村民委员会组织法 第二十六条: 三分之二以上 attend, 到会人员的过半数
    assert resolve.quorum is not None and resolve.majority is not None
    assert (resolve.quorum.share, resolve.quorum.strict, resolve.quorum.of) == (Fraction(2, 3), False, "roll")
    assert (resolve.majority.share, resolve.majority.strict, resolve.majority.of) == (Fraction(1, 2), True,
                                                                                      "present")
    review = steps["major.review"]  # approved by more than half of those who should attend
    assert review.majority is not None and review.majority.of == "roll"
    assert steps["major.discuss"].may_merge_with == "propose"
    assert [s.publish for s in BOOK.deliberation.chains[0].steps][-2:] == [True, True]


@pytest.mark.parametrize(("name", "rule"), RULES, ids=[n for n, _ in RULES])
@pytest.mark.parametrize("base", [1, 2, 3, 7, 9, 10, 11, 30, 31, 100, 101])
def test_every_rule_turns_where_the_law_says(name: str, rule: object, base: int) -> None:
    t = Threshold.of_rule(rule)
    need = by_law(t.share, t.strict, base)
    counts = {"roll": base, "present": base}
    assert t.needed(roll=counts["roll"], present=counts["present"]) == need, name
    assert t.met(need, roll=base, present=base) and not t.met(need - 1, roll=base, present=base)


@given(st.integers(1, 400), st.integers(0, 400), st.sampled_from([Fraction(1, 2), Fraction(2, 3), Fraction(1, 5),
                                                                   Fraction(1, 3), Fraction(1)]), st.booleans())
def test_needed_is_the_smallest_count_that_meets_the_rule(roll: int, present: int, share: Fraction,
                                                         strict: bool) -> None:
    present = min(present, roll)
    for base in ("roll", "present"):
        t = Threshold(share, base, strict)  # type: ignore[arg-type]
        n = t.needed(roll=roll, present=present)
        whole = roll if base == "roll" else present
        assert n == by_law(share, strict, whole)


def test_a_members_last_answer_counts_and_late_or_stranger_votes_do_not() -> None:
    t0 = datetime(2026, 6, 1, 19, tzinfo=UTC)
    roll = ["@a:x", "@b:x", "@c:x", "@d:x"]
    ballots = [Ballot("@a:x", "yes", t0), Ballot("@a:x", "no", t0 + timedelta(minutes=5)),
               Ballot("@b:x", "yes", t0), Ballot("@c:x", "yes", t0 + timedelta(hours=3)),
               Ballot("@stranger:x", "yes", t0), Ballot("@d:x", "maybe", t0)]
    counted = tally(ballots, roll, t0 + timedelta(hours=1))
    assert (counted.yes, counted.no, counted.abstain) == (1, 1, 0)
    assert counted.late == ("@c:x",) and counted.strangers == ("@stranger:x",)


def test_a_meeting_without_quorum_decides_nothing() -> None:
    steps = {s.id: s for s in BOOK.deliberation.chains[0].steps}
    resolve = steps["resolve"]
    assert resolve.quorum is not None and resolve.majority is not None
    roll = [f"@r{i}:x" for i in range(30)]
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    everyone_yes = [Ballot(r, "yes", t0) for r in roll]
    short = decide(roll=roll, present=roll[:19], ballots=everyone_yes, closed_at=t0,
                   quorum=Threshold.of_rule(resolve.quorum), majority=Threshold.of_rule(resolve.majority))
    assert not short.quorate and short.tally is None and not short.passed and short.ratio == Fraction(19, 30)
    enough = decide(roll=roll, present=[*roll[:20], "@guest:x"], ballots=everyone_yes[:11], closed_at=t0,
                    quorum=Threshold.of_rule(resolve.quorum), majority=Threshold.of_rule(resolve.majority))
    assert enough.quorate and enough.present == 20 and enough.passed  # 11 of the 20 present
    tied = decide(roll=roll, present=roll[:20], ballots=everyone_yes[:10], closed_at=t0,
                  quorum=Threshold.of_rule(resolve.quorum), majority=Threshold.of_rule(resolve.majority))
    assert tied.quorate and not tied.passed  # 10 of 20 is not more than half


@pytest.mark.parametrize(("change", "key"), [
    ("quorum: {at_least: 2/3, of: roll}", None),
    ("quorum: {at_least: 3/2, of: roll}", "bad_share"),
    ("quorum: {at_least: 2/3, more_than: 1/2, of: roll}", "threshold_one_share"),
    ("quorum: {at_least: two thirds, of: roll}", "bad_share"),
])
def test_a_wrong_share_is_reported_with_its_line(tmp_path: Path, change: str, key: str | None) -> None:
    text = DEFAULT_RULEBOOK.read_text(encoding="utf-8")
    bad = text.replace("body: representatives, quorum: {at_least: 2/3, of: roll}",
                       f"body: representatives, {change}", 1)  # the first chain's (四议两公开)
    assert bad != text or key is None
    path = tmp_path / "book.yaml"
    path.write_text(bad, encoding="utf-8")
    if key is None:
        load_rulebook(path)
        return
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    problems = caught.value.problems
    assert [p.code for p in problems] == [key]
    line = next(i for i, x in enumerate(bad.splitlines(), 1) if "body: representatives" in x)
    assert problems[0].line in (line, line + 1)


def test_a_step_naming_an_unknown_body_is_reported(tmp_path: Path) -> None:
    text = DEFAULT_RULEBOOK.read_text(encoding="utf-8").replace("body: party_members,", "body: members,")
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    assert [(p.code, p.params.get("id")) for p in caught.value.problems] == [("unknown_body", "members")]
