"""Rulebook problems: each names file, line and what is wrong, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rules.catalogue import text


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rulebook; ``code`` and ``params`` index the catalogue."""

    file: str
    line: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """Return ``file, line N: message`` in ``lang``."""
        message = text(self.code, lang, **self.params)
        return text("problem_at", lang, file=self.file, line=self.line, message=message)


class RulebookError(Exception):
    """A rulebook that was refused; ``problems`` lists every mistake found, in line order."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = sorted(problems, key=lambda p: p.line)
        super().__init__(self.render("en"))

    def render(self, lang: str | None = None) -> str:
        """Return the whole refusal, one problem a line."""
        head = text("rulebook_invalid", lang, file=self.file, count=len(self.problems))
        return "\n".join([head, *("  " + p.render(lang) for p in self.problems)])
