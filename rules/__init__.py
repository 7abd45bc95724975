"""The rulebook, text classification and routing decisions. Imports nothing from ``chatops``.

The names are loaded when first used, so reading a rulebook does not start the rule engine
(``tests/test_boundaries.py`` checks it in a fresh interpreter):

>>> import rules
>>> book = rules.load_rulebook()
>>> rules.Router(book).rulebook is book
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from rules import compiled as _compiled

__path__[:0] = _compiled.paths()  # the hot modules compiled from these very sources, when they are (rules.compiled)

if TYPE_CHECKING:
    from rules.classifier import Classification, Classifier, Place
    from rules.decision import Decision
    from rules.engine import EngineError
    from rules.errors import Problem, RulebookError
    from rules.router import Router
    from rules.rulebook import (
        DEFAULT_RULEBOOK,
        SECTORS,
        Category,
        Handler,
        Rulebook,
        load_rulebook,
        parse_rulebook,
    )

_WHERE = {
    "Classification": "classifier", "Classifier": "classifier", "Place": "classifier", "Decision": "decision",
    "EngineError": "engine", "Problem": "errors", "RulebookError": "errors", "Router": "router",
    "DEFAULT_RULEBOOK": "rulebook", "SECTORS": "rulebook", "Category": "rulebook", "Handler": "rulebook",
    "Rulebook": "rulebook", "load_rulebook": "rulebook", "parse_rulebook": "rulebook",
}

__all__ = [
    "DEFAULT_RULEBOOK", "SECTORS", "Category", "Classification", "Classifier", "Decision", "EngineError",
    "Handler", "Place", "Problem", "Router", "Rulebook", "RulebookError", "load_rulebook", "parse_rulebook",
]


def __getattr__(name: str) -> Any:
    """Return ``rules.<name>`` from its module, importing it the first time (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'rules' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"rules.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
