"""The routing interface the rest of the project uses: text in, :class:`Decision` out."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from rules.classifier import Classifier
from rules.decision import Decision
from rules.engine import Engine, Verdict, on_owner, owner_executor
from rules.rulebook import Rulebook


class Router:
    """Routes report text with one rulebook: classification in Python, the decision in durable_rules.

    >>> from rules import Router, load_rulebook
    >>> Router(load_rulebook()).route("楼上水管漏水了").category
    'water_leak'
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.classifier = Classifier(rulebook)
        self.engine = Engine(rulebook)
        # what each engine rule decides, worked out once: routing a report only fills in the evidence
        self._outcomes = {rule: self._outcome(v) for rule, v in self.engine.verdicts.items()}

    def _outcome(self, verdict: Verdict) -> dict[str, Any]:
        book = self.rulebook
        category = book.category_by_id.get(verdict.category) if verdict.category else None
        limits = book.limits_for(category, verdict.priority)
        return {"category": verdict.category, "lead": verdict.lead, "co": verdict.co,
                "priority": verdict.priority, "sign_for": limits.sign_for, "resolve": limits.resolve,
                "escalation": book.escalation_chain(category, verdict.lead),
                "rulebook_version": book.full_version}

    def route(self, text: str) -> Decision:
        """Return the decision for ``text`` (any string: an unmatched one goes to the fallback)."""
        return on_owner(self._route, text)

    def route_many(self, texts: Iterable[str]) -> list[Decision]:
        """Return the decisions for ``texts`` in order, in one trip to the engine's thread."""
        return on_owner(lambda: [self._route(t) for t in texts])

    async def aroute(self, text: str) -> Decision:
        """Return the decision for ``text`` without blocking the event loop."""
        return await asyncio.get_running_loop().run_in_executor(owner_executor(), self.route, text)

    def _route(self, text: str) -> Decision:
        found = self.classifier.classify(text)
        rule, _verdict = self.engine.decide(found.category, bool(found.urgent))
        return Decision(rule=rule, matched=found.matched, urgent=found.urgent, place=found.place,
                        **self._outcomes[rule])
