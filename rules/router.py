"""The routing interface the rest of the project uses: text in, :class:`Decision` out."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from rules.classifier import Classifier
from rules.decision import Decision
from rules.engine import Engine, on_owner, owner_executor
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
        rule, verdict = self.engine.decide(found.category, bool(found.urgent))
        book = self.rulebook
        category = book.category_by_id.get(verdict.category) if verdict.category else None
        if category is not None:
            limits = book.limits_for(category, verdict.priority)
        else:
            limits = book.limits[verdict.priority]  # type: ignore[index]
        return Decision(
            category=verdict.category,
            lead=verdict.lead,
            co=verdict.co,
            priority=verdict.priority,
            sign_for=limits.sign_for,
            resolve=limits.resolve,
            rule=rule,
            matched=found.matched,
            rulebook_version=book.full_version,
            escalation=book.escalation_chain(category, verdict.lead),
            urgent=found.urgent,
            place=found.place,
        )
