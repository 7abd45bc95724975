"""What happens when time runs out, and when reports pile up: decided by durable_rules from facts.

The scheduler (which owns every deadline and window in the store) posts a fact; the engine answers with
the step to take. Facts carry tags only: what came due (a reminder or a missed deadline, for signing
or resolving), whether the escalation chain has a next level, and for whistles how many reports of a
category one grid has within the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rules.engine import Rules, on_owner
from rules.rulebook import Rulebook

REMIND, ESCALATE, FLAG, CLOSE, WHISTLE = "remind", "escalate", "flag", "close", "whistle"
TRIAGE, NONE = "triage", "none"


@dataclass(frozen=True)
class Step:
    """The engine's answer: an action and, for a whistle, whom to summon."""

    action: str
    summon: tuple[str, ...] = ()


def build_escalation(book: Rulebook) -> tuple[dict[str, Any], dict[str, Step]]:
    """Return the scheduler's ruleset and each rule's step.

    * ``remind``: a reminder (催办) came due;
    * ``overdue.escalate``: a deadline was missed and the chain has a next level (升级);
    * ``overdue.top``: missed at the top of the chain: flag it to the top level again;
    * ``callback.lapse``: the call-back window ended with verdicts missing: close it (回访期满);
    * ``choice.lapse``: a resident asked which matter a report is did not answer in time: the street office
      triages it (分拨);
    * ``whistle.<category>``: a grid's reports of a category reached the rulebook's threshold (吹哨);
    * ``whistle.none``: below every threshold.
    """
    rules: dict[str, Any] = {}
    steps: dict[str, Step] = {}

    def add(name: str, cond: dict[str, Any], pri: int, step: Step) -> None:
        rules[name] = {"all": [{"m": cond}], "pri": pri}
        steps[name] = step

    add("remind", {"$and": [{"fact": "due"}, {"kind": "remind"}]}, 10, Step(REMIND))
    add("overdue.escalate", {"$and": [{"fact": "due"}, {"kind": "overdue"}, {"more": True}]}, 10, Step(ESCALATE))
    add("overdue.top", {"$and": [{"fact": "due"}, {"kind": "overdue"}, {"more": False}]}, 10, Step(FLAG))
    add("callback.lapse", {"$and": [{"fact": "due"}, {"kind": "lapse"}, {"deadline": "callback"}]}, 10, Step(CLOSE))
    add("choice.lapse", {"$and": [{"fact": "due"}, {"kind": "lapse"}, {"deadline": "choice"}]}, 10, Step(TRIAGE))
    for w in book.whistles:
        add(f"whistle.{w.category}", {"$and": [{"fact": "reports"}, {"category": w.category},
                                                {"$gte": {"count": w.threshold}}]}, 5, Step(WHISTLE, w.summon))
    add("whistle.none", {"fact": "reports"}, 50, Step(NONE))
    return rules, steps


class Escalation(Rules):
    """The scheduler's ruleset for one rulebook; its methods run on the engine's owner thread."""

    def __init__(self, book: Rulebook) -> None:
        super().__init__("schedule", *build_escalation(book))

    def due(self, kind: str, deadline: str, *, more: bool) -> tuple[str, Step]:
        """Return ``(rule, step)`` for a timer of ``kind`` (remind | overdue | lapse) on the ``deadline``
        (sign | resolve | callback | choice)."""
        return on_owner(self.fire, {"fact": "due", "kind": kind, "deadline": deadline, "more": more})

    async def adue(self, kind: str, deadline: str, *, more: bool) -> tuple[str, Step]:
        """:meth:`due` from the event loop, without a hop to the owner thread for a timer seen before."""
        return await self.afire({"fact": "due", "kind": kind, "deadline": deadline, "more": more})

    async def areports(self, category: str, count: int) -> tuple[str, Step]:
        """:meth:`reports` from the event loop, without a hop for a count seen before."""
        return await self.afire({"fact": "reports", "category": category, "count": count})

    def reports(self, category: str, count: int) -> tuple[str, Step]:
        """Return ``(rule, step)`` for ``count`` reports of ``category`` from one grid within its window."""
        return on_owner(self.fire, {"fact": "reports", "category": category, "count": count})
