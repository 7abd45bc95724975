"""Measure routing against labelled reports: accuracy, per-label precision and recall, confusion table.

A labelled file has the columns ``id,text,label`` (a header row first; lines starting with ``#`` are
comments). A label is a sector (城乡建设 ...) or a handler id of the rulebook (``property`` ...), the
same kind throughout the file; ``-`` marks a message that is not a report. An optional fourth column
``priority`` marks cases that must reach ``emergency``.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rules.catalogue import text
from rules.router import Router
from rules.rulebook import SECTORS, Rulebook

UNCLASSIFIED_LABEL = "(未分类)"
NOT_A_REPORT = "-"


class EvalFileError(ValueError):
    """A labelled file that cannot be read: ``line`` says where (0: the whole file), ``code`` names the
    catalogue message that says why, with ``params``; :meth:`render` says it in a language."""

    def __init__(self, file: str, line: int, code: str, **params: object) -> None:
        super().__init__(f"{file}:{line}: {code} {params}")
        self.file, self.line, self.code, self.params = file, line, code, params

    def render(self, lang: str | None = None) -> str:
        """Return ``file, line N: why`` in ``lang`` (the line left out when it is the whole file).

        >>> EvalFileError("a.csv", 3, "eval_columns", count=5).render("en")
        'a.csv, line 3: expected 3 or 4 columns (id,text,label[,priority]), found 5'
        """
        message = text(self.code, lang, **self.params)
        return text("problem_at" if self.line else "problem_in", lang, file=self.file, line=self.line,
                    message=message)


@dataclass(frozen=True)
class Case:
    """One labelled message: its ``label`` (a sector, a handler id, or ``-``) and required priority."""

    id: str
    text: str
    label: str
    priority: str = ""


@dataclass
class Evaluation:
    """The outcome of routing labelled rows; ``confusion[(label, predicted)]`` counts reports.

    ``kind`` says what the labels name (``sector`` or ``handler``). Messages labelled not-a-report are
    counted apart: ``ticketed`` of them were judged reports (wrong), the rest not, or asked about.
    """

    kind: str = "sector"
    n: int = 0
    correct: int = 0
    unclassified: int = 0
    asked: int = 0            # reports the bot would ask the resident about (weak evidence)
    dropped: int = 0          # reports the gate called not a report
    unsure: int = 0           # reports the gate was unsure of (the bot asks before registering)
    emergencies: int = 0      # cases labelled emergency
    emergencies_met: int = 0  # ... that reached emergency priority
    non_reports: int = 0
    ticketed: int = 0         # non-reports judged reports
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[tuple[Case, str]] = field(default_factory=list)
    settled: Counter[tuple[str, str]] = field(default_factory=Counter)  # (category a policy choice settles, label)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    def labels(self) -> list[str]:
        """Return the true labels in descending frequency, then predicted-only ones."""
        true: Counter[str] = Counter()
        for (label, _), k in self.confusion.items():
            true[label] += k
        extra = sorted({p for _, p in self.confusion} - set(true))
        return [lab for lab, _ in true.most_common()] + extra

    def precision_recall(self) -> dict[str, tuple[float, float, int]]:
        """Return ``{label: (precision, recall, support)}`` for every true label."""
        out = {}
        for lab in self.labels():
            tp = self.confusion[(lab, lab)]
            support = sum(k for (t, _), k in self.confusion.items() if t == lab)
            predicted = sum(k for (_, p), k in self.confusion.items() if p == lab)
            if support:
                out[lab] = (tp / predicted if predicted else 0.0, tp / support, support)
        return out

    def choices(self, book: Rulebook) -> list[ChoiceFit]:
        """Return how each policy choice of ``book`` fits these labels: of the reports routed to a category the
        choice settles, how many each option would send where the file says (the others do not change)."""
        out = []
        for choice in book.choices:
            settled = {(c, label): k for (c, label), k in self.settled.items() if book.chosen.get(c) == choice.id}
            if not settled:
                continue
            fits = {}
            for option, leads in choice.options.items():
                fits[option] = sum(k for (c, label), k in settled.items() if c in leads and label ==
                                   (book.handler_by_id[leads[c]].sector if self.kind == "sector" else leads[c]))
            out.append(ChoiceFit(choice.id, choice.name, choice.chosen, sum(settled.values()), fits))
        return out


@dataclass(frozen=True)
class ChoiceFit:
    """How one policy choice fits a labelled file: ``n`` reports it settled, and for each option how many of
    them that option sends where the file says."""

    id: str
    name: str
    chosen: str
    n: int
    fits: dict[str, int]

    @property
    def best(self) -> str:
        """Return the option that fits the file best (the one in force when it fits as well)."""
        return max(self.fits, key=lambda o: (self.fits[o], o == self.chosen))

    @property
    def gain(self) -> int:
        """Return how many more reports would go where the file says with the best option in force."""
        return self.fits[self.best] - self.fits[self.chosen]


def read_cases(path: str | Path) -> list[Case]:
    """Return the cases of a labelled CSV (header ``id,text,label[,priority]``; ``#`` lines are comments)."""
    path = Path(path)
    cases = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(line for line in fh if not line.startswith("#"))
            header = next(reader, None)
            if header is None or [h.strip() for h in header[:3]] != ["id", "text", "label"]:
                raise EvalFileError(str(path), 1, "eval_bad_header", header=",".join(header or []))
            for row in reader:
                if len(row) not in (3, 4):
                    raise EvalFileError(str(path), reader.line_num, "eval_columns", count=len(row))
                cases.append(Case(row[0], row[1], row[2].strip(), row[3].strip() if len(row) > 3 else ""))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvalFileError(str(path), 0, "eval_unreadable", detail=str(exc)) from exc
    return cases


def read_labelled(path: str | Path) -> list[tuple[str, str, str]]:
    """Return ``(id, text, label)`` rows of a labelled CSV."""
    return [(c.id, c.text, c.label) for c in read_cases(path)]


def label_kind(book: Rulebook, labels: Iterable[str], file: str = "<labels>") -> str:
    """Return ``"sector"`` or ``"handler"``: what every label (but ``-``) names; raise
    :class:`EvalFileError` listing the labels that are neither, or a mix of both."""
    seen = {label for label in labels if label != NOT_A_REPORT}
    sectors, handlers = seen & set(SECTORS), seen & set(book.handler_by_id)
    unknown = sorted(seen - sectors - handlers)
    if unknown:
        raise EvalFileError(file, 0, "eval_unknown_labels", labels=", ".join(unknown[:10]), count=len(unknown))
    if sectors and handlers:
        raise EvalFileError(file, 0, "eval_mixed_labels")
    return "handler" if handlers else "sector"


def evaluate(router: Router, rows: Sequence[Case | tuple[str, str, str]], *, kind: str | None = None,
             misses: int = 0) -> Evaluation:
    """Return the :class:`Evaluation` of ``router`` on labelled cases (or ``(id, text, label)`` rows)."""
    cases = [r if isinstance(r, Case) else Case(*r) for r in rows]
    book = router.rulebook
    kind = kind or label_kind(book, (c.label for c in cases))
    result = Evaluation(kind=kind)
    for case, decision in zip(cases, router.route_many(c.text for c in cases), strict=True):
        if case.label == NOT_A_REPORT:
            result.non_reports += 1
            result.ticketed += decision.report is True
            if decision.report is True and len(result.misses) < misses:
                result.misses.append((case, "ticketed"))
            continue
        if decision.unclassified and decision.lead == book.fallback:
            predicted = UNCLASSIFIED_LABEL
        else:
            predicted = book.handler_by_id[decision.lead].sector if kind == "sector" else decision.lead
        result.n += 1
        result.correct += predicted == case.label
        result.unclassified += decision.unclassified
        result.asked += decision.ask
        result.dropped += decision.report is False
        result.unsure += decision.report is None
        result.confusion[(case.label, predicted)] += 1
        if decision.category in book.chosen:
            result.settled[(decision.category, case.label)] += 1
        if case.priority == "emergency":
            result.emergencies += 1
            result.emergencies_met += decision.priority == "emergency"
        if (predicted != case.label or (case.priority == "emergency" and decision.priority != "emergency")
                or decision.report is False) and len(result.misses) < misses:
            result.misses.append((case, f"{predicted} {decision.priority} {decision.category} {decision.report}"))
    return result


@dataclass
class CrossValidation:
    """Accuracy of the rules alone, the model alone and both, on each of ``k`` held-out folds."""

    kind: str
    folds: list[tuple[float, float, float]] = field(default_factory=list)  # (rules, model, both)
    n: int = 0

    def mean(self) -> tuple[float, float, float]:
        k = len(self.folds) or 1
        return tuple(sum(f[i] for f in self.folds) / k for i in range(3))  # type: ignore[return-value]


def cross_validate(router: Router, cases: Sequence[Case], *, k: int = 5, seed: int = 0) -> CrossValidation:
    """Return the :class:`CrossValidation` of training a model on ``k - 1`` folds of the reports in
    ``cases`` and routing the fold left out, for every fold (stratified by label, seeded)."""
    from sklearn.model_selection import StratifiedKFold

    from rules.model import train

    reports = [c for c in cases if c.label != NOT_A_REPORT]
    kind = label_kind(router.rulebook, (c.label for c in reports))
    labels = [c.label for c in reports]
    out = CrossValidation(kind, n=len(reports))
    for fit, held in StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(reports, labels):
        model = train([(reports[i].text, labels[i]) for i in fit], kind=kind, source="cross-validation", seed=seed,
                      classifier=router.classifier)
        test = [reports[i] for i in held]
        rules = evaluate(router.with_model(None, starter=None), test, kind=kind).accuracy
        both = evaluate(router.with_model(model, starter=None), test, kind=kind).accuracy
        scores = model.scores([c.text for c in test], [router.classifier.classify(c.text) for c in test])
        alone = sum(model.labels[int(s.argmax())] == c.label for s, c in zip(scores, test, strict=True)) / len(test)
        out.folds.append((rules, alone, both))
    return out
