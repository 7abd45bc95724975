"""The rulebook, text classification and routing decisions. Imports nothing from ``chatops``."""

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

__all__ = [
    "DEFAULT_RULEBOOK", "SECTORS", "Category", "Classification", "Classifier", "Decision", "EngineError",
    "Handler", "Place", "Problem", "Router", "Rulebook", "RulebookError", "load_rulebook", "parse_rulebook",
]
