"""The event contract: every kind declared, checked when written, and documented from the code."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from chatops.tickets.events import KINDS, ContractError, check_event, table
from chatops.tickets.lifecycle import Event, Move

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_every_kind_of_move_is_declared() -> None:
    assert set(KINDS) == set(Move)


def test_the_documented_contract_is_the_code() -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "events.md"
    assert doc.read_text(encoding="utf-8").strip() == table().strip(), \
        "docs/events.md is stale: python -m chatops.tickets.events > docs/events.md"


@pytest.mark.parametrize("event, problem", [
    (Event(1, Move.EXTENSION_ASKED, "@p:x", NOW, actor_handler="p", reason="x", data={"days": "3"}), "must be int"),
    (Event(1, Move.EXTENSION_ASKED, "@p:x", NOW, actor_handler="p", reason="x", data={"days": True}), "must be int"),
    (Event(1, Move.EXTENSION_ASKED, "@p:x", NOW, actor_handler="p", reason="x"), "days is required"),
    (Event(1, Move.RESOLVED, "@p:x", NOW, reason="x", data={"callback_deadline": "2026-03-09"}), "must be iso"),
    (Event(1, Move.WHISTLED, "system", NOW, target="p", rule="w", data={"summon": "water", "reports": 3}),
     "must be list"),
    (Event(1, Move.REPORTED, "@a:x", NOW, data={"source": None, "text": "漏水"}), "may not be null"),
    (Event(1, Move.ACKNOWLEDGED, "@p:x", NOW, actor_handler="p", rule="route.x"), "no rule makes it"),
    (Event(1, Move.ACKNOWLEDGED, "@p:x", NOW, actor_handler="p", target="q"), "target is not used"),
    (Event(1, Move.ESCALATED, "@p:x", NOW, target="q", rule="overdue.escalate"), "only the system"),
])
def test_what_breaks_the_contract_is_refused_with_a_reason(event: Event, problem: str) -> None:
    with pytest.raises(ContractError, match=problem):
        check_event(event)


def test_what_keeps_it_passes() -> None:
    check_event(Event(1, Move.REPORTED, "@a:x", NOW, data={"source": "m:1", "text": "漏水", "grid": None}))
    check_event(Event(1, Move.RESOLVED, "@p:x", NOW, reason="修好了",
                      data={"callback_deadline": "2026-03-09T09:00:00+00:00"}))
    check_event(Event(1, Move.CLOSED, "system", NOW, rule="callback.lapse",
                      data={"deadline": "callback", "due": NOW.isoformat(), "verdicts": 0, "residents": 1}))


def test_every_move_and_state_has_its_words_in_both_languages() -> None:
    from chatops.tickets.lifecycle import State
    from rules.catalogue import LANGS, MESSAGES

    for key in [f"move_{m}" for m in Move] + [f"state_{s}" for s in State]:
        assert set(MESSAGES.get(key, {})) == set(LANGS), key
