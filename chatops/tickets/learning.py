"""What the community's own history teaches routing: labels for the learned model, and the replay of a
new rulebook (and model) over every past report.

A ticket's label is the handler that finally resolved it. A transfer is a correction (the ticket ends
with its target, who resolves it); a return is negative evidence (the handler that returned it never
resolves it, so it is never its label). Tickets nobody has resolved yet teach nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from chatops.tickets.store import ReportHistory, Store
from rules import Router
from rules.model import Model, train


async def history_rows(store: Store) -> list[tuple[str, str]]:
    """Return ``(text, handler)`` for every report of a resolved ticket (supporting reports included)."""
    return [(text, handler) for _, text, handler in await store.training_reports()]


async def train_from_store(store: Store, router: Router, *, seed: int = 0) -> Model:
    """Return a model trained on the store's history, with the rules' evidence as features."""
    rows = await history_rows(store)
    return train(rows, kind="handler", source=f"store:{store.path.name}", seed=seed, classifier=router.classifier)


@dataclass(frozen=True)
class Change:
    """One past report the new rules would route elsewhere: from ``old`` (where it went) to ``new``."""

    ticket_id: int
    text: str
    old: str
    new: str
    final: str


@dataclass
class Replay:
    """What a rulebook (and model) would have decided for every past report.

    ``changed``: reports whose first handler would differ; ``avoided``: transferred or returned reports
    the new decision sends straight to where they ended; ``caused``: reports that went right the first
    time and would now go elsewhere.
    """

    reports: int = 0
    changed: list[Change] = field(default_factory=list)
    avoided: list[Change] = field(default_factory=list)
    caused: list[Change] = field(default_factory=list)
    by_move: Counter[tuple[str, str]] = field(default_factory=Counter)  # (old, new) -> reports

    def summary(self) -> dict[str, int]:
        return {"reports": self.reports, "changed": len(self.changed), "avoided": len(self.avoided),
                "caused": len(self.caused)}


def replay(router: Router, history: Sequence[ReportHistory]) -> Replay:
    """Return the :class:`Replay` of ``router`` over ``history`` (reports that have a first handler)."""
    past = [h for h in history if h.first]
    out = Replay(reports=len(past))
    for h, decision in zip(past, router.route_many(h.text for h in past), strict=True):
        if decision.lead == h.first or (decision.ask and h.asked):
            continue  # the same handler, or the resident would be asked again
        change = Change(h.ticket_id, h.text, h.first, decision.lead, h.final)
        out.changed.append(change)
        out.by_move[(h.first, decision.lead)] += 1
        if h.passed and decision.lead == h.final:
            out.avoided.append(change)
        elif not h.passed and h.resolved and h.first == h.final:
            out.caused.append(change)
    return out
