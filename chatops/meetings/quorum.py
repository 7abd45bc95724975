"""Quorum and majority (应到、实到、比例、通过): the rules the organisation laws set, counted exactly.

A rule is a share of a base: of the roll (应到, who should attend) or of those present (实到), either
"at least" (以上: two thirds or more) or "more than" (过半数: more than half). The rulebook carries the
numbers (``deliberation:`` in the rulebook, with the articles cited), this module only counts, in
fractions, never floats.

>>> from fractions import Fraction
>>> rep = Threshold(Fraction(2, 3), "roll", strict=False)       # 三分之二以上的组成人员参加
>>> rep.met(20, roll=30, present=20), rep.met(19, roll=30, present=19)
(True, False)
>>> half = Threshold(Fraction(1, 2), "present", strict=True)    # 到会人员的过半数同意
>>> half.met(11, roll=30, present=20), half.met(10, roll=30, present=20)
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any, Literal

Base = Literal["roll", "present"]
CHOICES = ("yes", "no", "abstain")  # 赞成、反对、弃权


@dataclass(frozen=True)
class Threshold:
    """``share`` of the ``base`` (the roll or those present); ``strict``: more than it (过半数), else at least it
    (三分之二以上)."""

    share: Fraction
    base: Base
    strict: bool

    @classmethod
    def of_rule(cls, rule: Any) -> Threshold:
        """Return the threshold a rulebook step writes (``rules.rulebook.Threshold``: share, of, strict)."""
        return cls(Fraction(rule.share), rule.of, bool(rule.strict))

    def needed(self, *, roll: int, present: int) -> int:
        """Return the smallest count that meets the rule.

        >>> Threshold(Fraction(1, 2), "present", strict=True).needed(roll=30, present=20)
        11
        >>> Threshold(Fraction(2, 3), "roll", strict=False).needed(roll=31, present=0)
        21
        """
        whole = Fraction(roll if self.base == "roll" else present) * self.share
        if self.strict:
            return int(whole) + 1  # the next whole number above
        return int(whole) if whole.denominator == 1 else int(whole) + 1

    def met(self, count: int, *, roll: int, present: int) -> bool:
        """Return whether ``count`` meets the rule."""
        return count >= self.needed(roll=roll, present=present)


@dataclass(frozen=True)
class Ballot:
    """One answer: who, which choice (yes, no, abstain), when."""

    voter: str
    choice: str
    at: datetime


@dataclass(frozen=True)
class Tally:
    """A vote counted: each member's last answer before the close; answers refused and why."""

    yes: int
    no: int
    abstain: int
    late: tuple[str, ...]       # answered only after the close
    strangers: tuple[str, ...]  # not on the roll

    @property
    def voted(self) -> int:
        return self.yes + self.no + self.abstain


def tally(ballots: Iterable[Ballot], roll: Iterable[str], closed_at: datetime) -> Tally:
    """Return the count of ``ballots``: only members of ``roll`` vote, a member's last answer before
    ``closed_at`` counts, answers after the close are ignored (and named, so the bot can say so).

    >>> from datetime import UTC, datetime, timedelta
    >>> t0 = datetime(2026, 5, 1, 19, tzinfo=UTC)
    >>> votes = [Ballot("@a:x", "no", t0), Ballot("@a:x", "yes", t0 + timedelta(minutes=1)),
    ...          Ballot("@b:x", "abstain", t0), Ballot("@z:x", "yes", t0),
    ...          Ballot("@c:x", "no", t0 + timedelta(hours=2))]
    >>> tally(votes, ["@a:x", "@b:x", "@c:x"], t0 + timedelta(hours=1))
    Tally(yes=1, no=0, abstain=1, late=('@c:x',), strangers=('@z:x',))
    """
    members = set(roll)
    last: dict[str, Ballot] = {}
    late: list[str] = []
    strangers: list[str] = []
    for b in sorted(ballots, key=lambda b: b.at):
        if b.choice not in CHOICES:
            continue
        if b.voter not in members:
            strangers.append(b.voter)
        elif b.at > closed_at:
            late.append(b.voter)
        else:
            last[b.voter] = b
    counts = {c: sum(1 for b in last.values() if b.choice == c) for c in CHOICES}
    in_time = set(last)
    return Tally(counts["yes"], counts["no"], counts["abstain"],
                 tuple(dict.fromkeys(v for v in late if v not in in_time)), tuple(dict.fromkeys(strangers)))


@dataclass(frozen=True)
class Outcome:
    """A meeting's result: 应到 (roll), 实到 (present), whether quorum was reached, the tally, the result."""

    roll: int
    present: int
    quorate: bool
    tally: Tally | None
    passed: bool

    @property
    def ratio(self) -> Fraction:
        """Return 实到 / 应到 (0 for an empty roll)."""
        return Fraction(self.present, self.roll) if self.roll else Fraction(0)


def decide(*, roll: Iterable[str], present: Iterable[str], ballots: Iterable[Ballot], closed_at: datetime,
           quorum: Threshold | None, majority: Threshold) -> Outcome:
    """Return the outcome of a meeting: quorum on those present who are on the roll, then the majority of
    the members' votes. A meeting without quorum decides nothing (``tally`` is ``None``).

    >>> from datetime import UTC, datetime
    >>> t = datetime(2026, 5, 1, tzinfo=UTC)
    >>> members = [f"@{i}:x" for i in range(9)]
    >>> yes = [Ballot(m, "yes", t) for m in members[:4]] + [Ballot(members[4], "no", t)]
    >>> two_thirds = Threshold(Fraction(2, 3), "roll", strict=False)
    >>> half = Threshold(Fraction(1, 2), "present", strict=True)
    >>> o = decide(roll=members, present=members[:6], ballots=yes, closed_at=t, quorum=two_thirds, majority=half)
    >>> (o.roll, o.present, o.quorate, o.tally.yes, o.passed)
    (9, 6, True, 4, True)
    >>> decide(roll=members, present=members[:5], ballots=yes, closed_at=t, quorum=two_thirds,
    ...        majority=half).quorate
    False
    """
    members = list(dict.fromkeys(roll))
    here = [p for p in dict.fromkeys(present) if p in set(members)]
    quorate = quorum is None or quorum.met(len(here), roll=len(members), present=len(here))
    if not quorate:
        return Outcome(len(members), len(here), False, None, False)
    counted = tally(ballots, members, closed_at)
    passed = majority.met(counted.yes, roll=len(members), present=len(here))
    return Outcome(len(members), len(here), True, counted, passed)
