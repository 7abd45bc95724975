"""A routing decision is data: who handles a report, how fast, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from rules.classifier import Place
from rules.rulebook import format_duration


@dataclass(frozen=True)
class Decision:
    """Where a report goes and why.

    ``category`` is ``None`` for a report nothing matched (``unclassified``): it still goes to the
    rulebook's fallback handler. ``rule`` is the engine rule that fired, ``matched`` the words behind
    the category, ``rulebook_version`` the exact rulebook that decided.
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
    place: Place = field(default_factory=Place)

    @property
    def unclassified(self) -> bool:
        return self.category is None

    def to_dict(self) -> dict[str, Any]:
        """Return the decision as JSON-ready data (durations in the rulebook's notation)."""
        out = asdict(self)
        out["sign_for"] = format_duration(self.sign_for)
        out["resolve"] = format_duration(self.resolve)
        out["unclassified"] = self.unclassified
        out["co"], out["matched"] = list(self.co), list(self.matched)
        out["escalation"], out["urgent"] = list(self.escalation), list(self.urgent)
        return out
