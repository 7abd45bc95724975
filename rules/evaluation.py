"""Measure routing against labelled reports: accuracy, per-sector precision and recall, confusion table."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rules.router import Router

UNCLASSIFIED_LABEL = "(未分类)"


class EvalFileError(ValueError):
    """A labelled file that cannot be read; ``line`` and ``detail`` say where and why."""

    def __init__(self, file: str, line: int, detail: str) -> None:
        super().__init__(f"{file}:{line}: {detail}")
        self.file, self.line, self.detail = file, line, detail


@dataclass
class Evaluation:
    """The outcome of routing labelled rows; ``confusion[(label, predicted)]`` counts rows."""

    n: int = 0
    correct: int = 0
    unclassified: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    def labels(self) -> list[str]:
        """Return the true labels in descending frequency, then predicted-only ones."""
        true = Counter()
        for (label, _), k in self.confusion.items():
            true[label] += k
        extra = sorted({p for _, p in self.confusion} - set(true))
        return [lab for lab, _ in true.most_common()] + extra

    def precision_recall(self) -> dict[str, tuple[float, float, int]]:
        """Return ``{sector: (precision, recall, support)}`` for every true label."""
        out = {}
        for lab in self.labels():
            tp = self.confusion[(lab, lab)]
            support = sum(k for (t, _), k in self.confusion.items() if t == lab)
            predicted = sum(k for (_, p), k in self.confusion.items() if p == lab)
            if support:
                out[lab] = (tp / predicted if predicted else 0.0, tp / support, support)
        return out


def read_labelled(path: str | Path) -> list[tuple[str, str, str]]:
    """Return ``(id, text, label)`` rows of a CSV with a header ``id,text,label``."""
    path = Path(path)
    rows = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None or [h.strip() for h in header[:3]] != ["id", "text", "label"]:
                raise EvalFileError(str(path), 1, f"header is {header!r}")
            for row in reader:
                if len(row) != 3:
                    raise EvalFileError(str(path), reader.line_num, f"{len(row)} columns")
                rows.append((row[0], row[1], row[2].strip()))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvalFileError(str(path), 0, str(exc)) from exc
    return rows


def evaluate(router: Router, rows: Iterable[tuple[str, str, str]]) -> Evaluation:
    """Return the :class:`Evaluation` of ``router`` on ``(id, text, sector)`` rows."""
    rows = list(rows)
    handlers = router.rulebook.handler_by_id
    result = Evaluation()
    for (_id, _text, label), decision in zip(rows, router.route_many(r[1] for r in rows), strict=True):
        predicted = UNCLASSIFIED_LABEL if decision.unclassified else handlers[decision.lead].sector
        result.n += 1
        result.correct += predicted == label
        result.unclassified += decision.unclassified
        result.confusion[(label, predicted)] += 1
    return result
