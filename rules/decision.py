"""A routing decision is data: who handles a report, how fast, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any, NamedTuple

from rules.classifier import Place
from rules.rulebook import format_duration


class Source(NamedTuple):
    """What decided: ``rule`` (the rulebook alone), ``model`` (the learned model over weak or no rule
    evidence), ``both`` (they agree), or ``none`` (nothing matched: the fallback). ``model`` is the
    model's version and ``score`` its score for the label it gave (``label``); ``alarm`` and ``report`` are
    its emergency and report heads' scores (``None``: a model without them, or no model)."""

    kind: str = "rule"
    model: str | None = None
    score: float | None = None
    label: str | None = None
    alarm: float | None = None
    report: float | None = None


class Alternative(NamedTuple):
    """A runner-up matter: its category, lead, the rules' score and words, and the model's score."""

    category: str | None
    lead: str
    score: float = 0.0
    matched: tuple[str, ...] = ()
    model_score: float | None = None


_NOWHERE, _RULES = Place(), Source()


@dataclass(slots=True)  # a value: never changed once made (not frozen: made for every report, it must be cheap)
class Decision:
    """Where a report goes and why.

    ``category`` is ``None`` for a report nothing matched (``unclassified``): it still goes to the
    rulebook's fallback handler (or, when the learned model placed it, to the handler of its sector).
    ``rule`` is the engine rule that fired, ``matched`` the words behind the category,
    ``rulebook_version`` the exact rulebook that decided. ``report`` is the gate's judgement (``True``,
    ``False``, or ``None`` when unsure) with its ``gate`` kind; ``ask`` says the evidence is too weak to
    route without asking the resident, who picks among the decision and its ``alternatives``.
    """

    category: str | None
    lead: str
    co: tuple[str, ...]
    priority: str
    sign_for: timedelta
    resolve: timedelta
    rule: str
    matched: tuple[str, ...]
    rulebook_version: str
    escalation: tuple[str, ...] = ()
    urgent: tuple[str, ...] = ()
    place: Place = _NOWHERE
    report: bool | None = True
    gate: str = "report"
    source: Source = _RULES
    alternatives: tuple[Alternative, ...] = ()
    ask: bool = False
    hotline: str = ""

    @property
    def unclassified(self) -> bool:
        return self.category is None

    @property
    def raised(self) -> bool:
        """Return whether the model's emergency head, not an urgent word, made this an emergency (an
        ``….urgent`` rule fired with no urgent word in the report)."""
        return self.rule.endswith(".urgent") and not self.urgent

    @property
    def options(self) -> tuple[Alternative, ...]:
        """Return the matters the resident is asked to pick among: this decision first, then the
        runners-up (at most three in all)."""
        first = Alternative(self.category, self.lead, matched=self.matched, model_score=self.source.score)
        return (first, *self.alternatives)[:3]

    def to_dict(self) -> dict[str, Any]:
        """Return the decision as JSON-ready data (durations in the rulebook's notation)."""
        out = asdict(self)
        out["sign_for"] = format_duration(self.sign_for)
        out["resolve"] = format_duration(self.resolve)
        out["unclassified"] = self.unclassified
        out["co"], out["matched"] = list(self.co), list(self.matched)
        out["escalation"], out["urgent"] = list(self.escalation), list(self.urgent)
        out["place"], out["source"] = self.place._asdict(), self.source._asdict()
        out["alternatives"] = [{**a._asdict(), "matched": list(a.matched)} for a in self.alternatives]
        return out
