"""The learned routing layer: character n-grams and a calibrated linear model (scikit-learn).

A community trains it from its own history (what each ticket finally became, see ``whistle model
train --store``) or from a labelled file (``id,text,label`` where a label is a sector or a handler
id). The model answers with a score per label; :mod:`rules.router` combines it with the rules.

* **Features**: every character 1-, 2- and 3-gram of the normalised text seen in at least two
  training reports, weighted ``(1 + log tf) * idf`` and scaled to unit length (as scikit-learn's
  ``TfidfVectorizer(analyzer="char", sublinear_tf=True)``). They are computed here with NumPy from
  the code points, which is about five times faster than the library's analyzer on long complaints.
* **The rules' evidence** as features too: for every category of the rulebook, how much of the text
  its keywords cover (scaled to unit length, then by ``RULE_WEIGHT``; for the yes-or-no heads never up from
  less than one word's, so their scores hold still when staff add a keyword elsewhere). So the model learns from the
  community's own history where the rules are right and where their words mislead (a lift complaint
  that the city's dispatchers send to market regulation).
* **Classifier**: one ``LinearSVC`` (``C`` = :data:`C`) trained on all the reports, calibrated with a
  sigmoid per label fitted to the scores of three ``LinearSVC`` that each did not see one third of them
  (as ``CalibratedClassifierCV(ensemble=False)``): the model scored with learns from every report, and
  scoring takes one product per label instead of one per label and fold. On 1,671 letters (5-fold
  cross-validation, seeds 0-2) this lifted the model alone from 89.7 % to 90.2 % and rules + model from
  87.6 % to 88.0 % over the mean of three fold models at ``C=0.5``.
* **Two yes-or-no heads** beside the labels, each a logistic regression over the same features, weighted
  so the rarer answer counts as much as the common one, learnt when there are twenty or more of each:
  ``emergency`` (from reports marked emergency; messages that are not reports count as calm) lets the
  router raise a report whose wording the rules' emergency words never met (a lift stopped between
  floors "with someone inside", a door that "makes the hand go numb") to emergency priority; ``report``
  (reports against messages that are not reports: thanks, news, questions, a lost key) lets it ask
  before registering a message the gate's word lists took for a report.
* **File**: a NumPy archive (no pickle, nothing executed on load) with a JSON header: the version
  (a hash of the content), what it was trained from, the labels and their kind. Every decision the
  model takes part in names that version.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rules.normalize import chinese, english, normalize, unsaid

if TYPE_CHECKING:
    from rules.classifier import Classification

FORMAT = "community-whistle-model/2"  # 2: with the emergency head
READABLE = ("community-whistle-model/1", FORMAT)
RECIPE = 11  # how a model is trained: a change here trains cached models (the starter) again
RULE_WEIGHT = 0.2  # the rules' evidence beside n-grams of unit length: enough to count, not to dominate
# for the yes-or-no heads, evidence weaker than one word's (only a likeness of characters, 0.12 to 0.5) stays that
# weak: scaled to unit length, a faint likeness that one new keyword elsewhere in the rulebook brings or takes away
# weighed as much as a word and swung the emergency head's score of an unchanged message by up to 0.64 (0.03 with
# the floor); the classifier keeps it whole (a likeness to 妇女权益 is what it learns 胳膊上老有瘀青 from)
EVIDENCE_FLOOR = 1.0
MIN_DF = 2
MIN_PER_LABEL = 3  # fewer examples of a label than this: left out of training, and said so
FOLDS = 3  # the calibration's folds
C = 1.0  # LinearSVC's regularisation
MAX_FEATURES = 300_000
MIN_ENGLISH = 200  # English messages a model must learn from to judge English (one of Chinese judges Chinese only)
MIN_HEAD = 20  # examples of each answer a yes-or-no head needs
HEAD_C = {"emergency": 30.0, "report": 10.0}  # their regularisation: chosen on our chat messages, set by set
HEADS = tuple(HEAD_C)
_SHIFT = np.uint64(21)
_PAIR, _TRIPLE = np.uint64(1 << 21), np.uint64(1 << 42)  # the smallest key of two, of three characters
_LOW_PAIR = np.uint64((1 << 42) - 1)


class ModelError(ValueError):
    """A model file that cannot be used, or labels that cannot be trained on; the message says why."""


def grams(text: str) -> np.ndarray:
    """Return the keys of every character 1-, 2- and 3-gram of ``text`` (already normalised).

    A key packs up to three code points (each plus one, 21 bits apiece) into one 64-bit integer, so
    the n-grams of a batch of reports are looked up in the vocabulary at once.

    >>> [int(k) for k in grams("ab")] == [ord("a") + 1, ord("b") + 1, ((ord("a") + 1) << 21) | (ord("b") + 1)]
    True
    """
    keys, _docs = batch_grams([text])
    return keys


def batch_grams(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(keys, docs)``: every n-gram key of ``texts`` (normalised) and the text it is in.

    The texts are encoded as one array with a NUL between them (normalised text has none); an n-gram
    that spans a NUL belongs to no text and is dropped.
    """
    if not texts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    cps = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    doc = np.cumsum(cps == 0)  # the text of every position (a NUL starts the next one)
    cps += np.uint64(1)
    one = cps != 1
    two = one[:-1] & one[1:]
    three = two[:-1] & one[2:]
    keys = np.concatenate([cps[one], ((cps[:-1] << _SHIFT) | cps[1:])[two],
                           ((cps[:-2] << (_SHIFT * np.uint64(2))) | (cps[1:-1] << _SHIFT) | cps[2:])[three]])
    docs = np.concatenate([doc[one], doc[:-1][two], doc[:-2][three]])
    return keys, docs


@dataclass
class Features:
    """A vocabulary of n-gram keys (sorted) and their inverse document frequencies."""

    keys: np.ndarray
    idf: np.ndarray
    _lookup: _Lookup | None = field(default=None, repr=False, compare=False)

    @classmethod
    def fit(cls, texts: Sequence[str], *, min_df: int = MIN_DF, max_features: int = MAX_FEATURES) -> Features:
        """Return the features of ``texts`` (normalised): n-grams in ``min_df`` reports or more."""
        keys, docs = batch_grams(texts)
        pairs = np.unique(np.stack([keys, docs.astype(np.uint64)]), axis=1)  # each n-gram once per report
        keys, df = np.unique(pairs[0], return_counts=True)
        keep = df >= min_df
        keys, df = keys[keep], df[keep]
        if len(keys) > max_features:
            top = np.sort(np.argsort(-df, kind="stable")[:max_features])
            keys, df = keys[top], df[top]
        n = len(texts)
        idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        return cls(keys, idf)

    def transform(self, texts: Sequence[str]) -> Any:
        """Return the ``(len(texts), features)`` sparse matrix of ``texts`` (normalised)."""
        from scipy.sparse import csr_matrix

        width, rows = len(self.keys), len(texts)
        if self._lookup is None:
            self._lookup = _Lookup(self.keys)
        cols, docs = self._lookup(texts)
        # (text, column) pairs, sorted and counted: the term counts of a CSR matrix with no duplicates
        span = max(width, 1)
        # (a stable sort: NumPy's timsort finds the three runs already in the order of the texts, the characters',
        # pairs' and triples', and sorts a batch of letters in under half the time of its default quicksort)
        cells = np.sort(docs * span + cols, kind="stable")
        starts = np.flatnonzero(np.concatenate(([True], cells[1:] != cells[:-1]))) if len(cells) else cells
        counts = np.diff(np.append(starts, len(cells))).astype(np.float32)
        row, indices = np.divmod(cells[starts], span)
        indptr = np.searchsorted(row, np.arange(rows + 1))
        data = (1 + np.log(counts)) * self.idf[indices]
        norms = np.sqrt(np.bincount(row, weights=data * data, minlength=rows)).astype(np.float32)
        norms[norms == 0] = 1
        data /= norms[row]
        return csr_matrix((data, indices, indptr), shape=(rows, span), dtype=np.float32)


class _Lookup:
    """Finds the n-grams of texts in a sorted vocabulary of keys: a character by a table indexed by its code point,
    a pair by binary search among the pairs only, and three characters only where both their pairs are known (a
    triple is in as many reports as its pairs or fewer, so it is a feature only if they are; checked when built,
    else every triple is searched for). Twice as fast as one binary search of every n-gram among all."""

    def __init__(self, keys: np.ndarray) -> None:
        self.keys = keys
        self.pairs = int(np.searchsorted(keys, _PAIR))  # keys[:pairs] are characters, then pairs, then triples
        self.triples = int(np.searchsorted(keys, _TRIPLE))
        single = keys[:self.pairs].astype(np.int64)
        self.table = np.full(int(np.max(single)) + 1 if len(single) else 1, -1, np.int32)
        self.table[single] = np.arange(len(single), dtype=np.int32)
        triples = keys[self.triples:]
        self.closed = bool(self._find(self.pair_keys, triples >> _SHIFT)[1].all()
                           and self._find(self.pair_keys, triples & _LOW_PAIR)[1].all())

    @property
    def pair_keys(self) -> np.ndarray:
        return self.keys[self.pairs:self.triples]

    @staticmethod
    def _find(vocab: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(index, known)`` of ``keys`` in the sorted ``vocab``."""
        if not len(vocab):
            return np.zeros(len(keys), np.int64), np.zeros(len(keys), bool)
        at = np.searchsorted(vocab, keys)
        at[at == len(vocab)] = 0
        return at, vocab[at] == keys

    def __call__(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(columns, docs)``: the column of every known n-gram of ``texts`` (normalised) and its text.

        >>> keys = np.sort(np.concatenate([grams("abc"), grams("xy")]))
        >>> cols, docs = _Lookup(keys)(["abcz", "xyab"])
        >>> [int(d) for d in docs].count(0), [int(d) for d in docs].count(1)  # a b c ab bc abc; x y a b xy ab
        (6, 6)
        >>> sorted(keys[cols[docs == 1]].tolist()) == sorted(k for k in grams("xyab").tolist() if k in keys)
        True
        """
        cps = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
        doc = np.cumsum(cps == 0)  # the text of every position (a NUL starts the next one; no n-gram spans it)
        cps += np.uint64(1)
        point = cps.astype(np.int64)
        point[point >= len(self.table)] = 0  # key 0 is no character: not in the table
        single = self.table[point]
        single[cps == 1] = -1
        pair_keys = (cps[:-1] << _SHIFT) | cps[1:]
        pair_at, pair = self._find(self.pair_keys, pair_keys)  # a pair across a NUL has key 1 or low bits 1: unknown
        if self.closed:
            starts = np.flatnonzero(pair[:-1] & pair[1:])
        else:
            starts = np.flatnonzero((cps[:-2] != 1) & (cps[1:-1] != 1) & (cps[2:] != 1))
        triple_at, triple = self._find(self.keys[self.triples:], (cps[starts] << (_SHIFT * np.uint64(2)))
                                       | (cps[starts + 1] << _SHIFT) | cps[starts + 2])
        said = single >= 0
        cols = np.concatenate([single[said], (pair_at + self.pairs)[pair], (triple_at + self.triples)[triple]])
        docs = np.concatenate([doc[said], doc[:-1][pair], doc[starts][triple]])
        return cols.astype(np.int64), docs


@dataclass
class Model:
    """A trained model: ``scores(texts)`` gives each label's calibrated score (rows sum to 1)."""

    features: Features
    labels: tuple[str, ...]
    kind: str  # "sector" or "handler": what the labels name
    weights: np.ndarray  # (models, labels, n-grams + categories): one (older files: three to average)
    bias: np.ndarray     # (models, labels)
    slope: np.ndarray    # (models, labels): sigmoid calibration p = 1 / (1 + exp(-(slope * d + offset)))
    offset: np.ndarray
    info: dict[str, Any] = field(default_factory=dict)
    categories: tuple[str, ...] = ()  # the rulebook categories whose evidence is a feature
    heads: dict[str, np.ndarray] = field(default_factory=dict)  # yes-or-no heads: weights, the bias last
    _stacked: np.ndarray | None = field(default=None, repr=False)

    @property
    def shortest(self) -> int:
        """Return the length (characters) below which a text is shorter than almost all it was trained on
        (the 5th percentile): the model's scores there are not to be trusted over specific rule evidence."""
        return int(self.info.get("shortest", 0))

    @property
    def longest(self) -> int | None:
        """Return the length (characters) above which a text is longer than almost all it was trained on
        (twice the 95th percentile; ``None`` for a model trained before this was kept): a model of short
        chat messages does not judge a long letter."""
        return int(self.info["longest"]) if "longest" in self.info else None

    def saw(self, category: str) -> bool:
        """Return whether the model learnt from any text the rules placed in ``category`` (a category added to
        the rulebook after training, or one no training text ever reached, is the rules' alone unless, for the
        latter, no report the model learnt from ever had its answer: see :mod:`rules.router`). Models
        trained before this was kept say ``True``.

        >>> m = Model(Features(np.zeros(0, np.uint64), np.zeros(0, np.float32)), ("a", "b"), "handler",
        ...           np.zeros((1, 2, 0)), np.zeros((1, 2)), np.ones((1, 2)), np.zeros((1, 2)),
        ...           {"seen": ["lift_fault"]}, ("lift_fault", "marriage_funeral"))
        >>> m.saw("lift_fault"), m.saw("marriage_funeral"), m.saw("collective_economy")
        (True, False, False)
        """
        if self.categories and category not in self.categories:
            return False
        seen = self.info.get("seen")
        return seen is None or category in seen

    def doubts(self, length: int) -> bool:
        """Return whether the report head may doubt a text of ``length`` characters: it is no longer than
        the messages that were not reports it learnt from (half as long again as the 95th percentile), so a
        letter asking the government a question is not taken for chat."""
        return "report" in self.heads and length <= int(self.info.get("calm_longest", 0))

    def reads(self, text: str, norm: str) -> bool:
        """Return whether the model judges ``text`` (``norm``, normalised) for its language: Chinese (or pinyin), and
        English too once it learnt from :data:`MIN_ENGLISH` English messages; never another script's letters (a
        model gives one of its labels to anything).

        >>> m = Model(Features(np.zeros(0, np.uint64), np.zeros(0, np.float32)), ("a", "b"), "handler",
        ...           np.zeros((1, 2, 0)), np.zeros((1, 2)), np.ones((1, 2)), np.zeros((1, 2)), {"english": 900})
        >>> m.reads("The lift is broken again", "theliftisbrokenagain"), m.reads("Сайн уу", "сайнуу")
        (True, False)
        >>> m.info["english"] = 0; m.reads("The lift is broken again", "theliftisbrokenagain")
        False
        """
        if chinese(text, norm):
            return True
        return int(self.info.get("english", 0)) >= MIN_ENGLISH and any(c.isascii() and c.isalpha() for c in norm)

    def knows(self, length: int) -> bool:
        """Return whether a text of ``length`` characters is like those the model learnt from: not under
        half :attr:`shortest`, not over :attr:`longest` (a model of letters does not judge "电梯坏了", nor a
        model of chat messages a letter)."""
        return length >= self.shortest // 2 and (self.longest is None or length <= self.longest)

    @property
    def version(self) -> str:
        """Return the model's name in decisions: when it was trained and a hash of its content."""
        return str(self.info.get("version", "untrained"))

    def scores(self, texts: Sequence[str], found: Sequence[Classification] | None = None) -> np.ndarray:
        """Return a ``(len(texts), len(labels))`` array of scores for raw report ``texts``; ``found``
        are their classifications by the rules (needed when the model was trained with them)."""
        return self.assess(texts, found)[0]

    def assess(self, texts: Sequence[str], found: Sequence[Classification] | None = None
               ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Return ``(scores, heads)`` for raw report ``texts``: each label's score (as :meth:`scores`) and,
        for each yes-or-no head the model has (``emergency``, ``report``), each text's score from 0 to 1."""
        folds, n_labels = self.bias.shape
        if self._stacked is None:  # every fold's weights in one matrix: one product per batch
            self._stacked = np.ascontiguousarray(self.weights.reshape(folds * n_labels, -1).T, dtype=np.float32)
        x, ev, faint = self._matrix(texts, found)
        width = x.shape[1]  # the n-grams' columns, then the rules' evidence: two products, no matrix joined

        def product(w: np.ndarray, ev: np.ndarray | None = ev) -> np.ndarray:
            out = np.asarray(x @ w[:width], dtype=np.float64)
            return out if ev is None else out + ev @ w[width:]

        d = product(self._stacked).reshape(len(texts), folds, n_labels) + self.bias
        p = 1.0 / (1.0 + np.exp(-(self.slope * d + self.offset)))
        sums = p.sum(axis=2, keepdims=True)
        sums[sums == 0] = 1
        heads = {name: 1.0 / (1.0 + np.exp(-(product(w[:-1], faint).ravel() + float(w[-1]))))
                 for name, w in self.heads.items()}
        return (p / sums).mean(axis=1), heads

    def _matrix(self, texts: Sequence[str], found: Sequence[Classification] | None
                ) -> tuple[Any, np.ndarray | None, np.ndarray | None]:
        """Return the n-grams of ``texts`` (a sparse matrix) and the rules' evidence as the classifier reads it and
        as the heads do (with :data:`EVIDENCE_FLOOR`), or ``None`` twice for a model without."""
        norms = [f.norm for f in found] if found is not None else [unsaid(normalize(t)) for t in texts]
        x = self.features.transform(norms)
        if not self.categories:
            return x, None, None
        if found is None:
            raise ModelError("this model reads the rules' evidence: pass the classifications")
        scores = _rule_scores(found, self.categories)  # (once: both scalings read the same scores)
        return x, _scaled(scores), _scaled(scores, EVIDENCE_FLOOR)

    def predict(self, text: str, found: Classification | None = None) -> list[tuple[str, float]]:
        """Return ``(label, score)`` pairs for ``text``, best first."""
        row = self.scores([text], None if found is None else [found])[0]
        return [(self.labels[i], float(row[i])) for i in np.argsort(-row, kind="stable")]

    def save(self, path: str | Path) -> Path:
        """Write the model to ``path`` (a NumPy archive; the directory must exist); return the path."""
        path = Path(path)
        buf = io.BytesIO()
        arrays: dict[str, np.ndarray] = {
            "keys": self.features.keys, "idf": self.features.idf, "categories": np.array(self.categories, dtype=str),
            "weights": self.weights.astype(np.float16), "bias": self.bias, "slope": self.slope, "offset": self.offset,
            **{f"head_{name}": w for name, w in self.heads.items()},
            "header": np.frombuffer(json.dumps(self._header(), ensure_ascii=False).encode(), np.uint8)}
        np.savez_compressed(buf, allow_pickle=False, **arrays)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(buf.getvalue())
        tmp.replace(path)
        return path

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "labels": list(self.labels), "kind": self.kind, **self.info}

    @classmethod
    def load(cls, path: str | Path) -> Model:
        """Return the model in ``path``; raise :class:`ModelError` if it is not one of ours."""
        try:
            with np.load(Path(path), allow_pickle=False) as z:
                header = json.loads(bytes(z["header"]).decode())
                if header.get("format") not in READABLE:
                    raise ModelError(f"{path}: not a model of this program ({header.get('format')!r})")
                return cls(Features(z["keys"], z["idf"]), tuple(header["labels"]), header["kind"],
                           z["weights"].astype(np.float32), z["bias"], z["slope"], z["offset"],
                           {k: v for k, v in header.items() if k not in ("format", "labels", "kind")},
                           tuple(str(c) for c in z["categories"]),
                           {name: z[f"head_{name}"].astype(np.float32) for name in HEADS if f"head_{name}" in z.files})
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
            if isinstance(exc, ModelError):
                raise
            raise ModelError(f"{path}: {exc}") from exc


def evidence(found: Sequence[Classification], categories: Sequence[str], floor: float = 0.0) -> np.ndarray:
    """Return the rules' evidence as features: each category's score, each row scaled to unit length (with a
    ``floor``, only down: a row whose length is below it is scaled by it) and then by :data:`RULE_WEIGHT`
    (categories the rulebook no longer has stay zero).

    >>> from rules.classifier import Candidate, Classification
    >>> faint = Classification(None, candidates=(Candidate("heating", 0.25, ("≈供暖",), False),))
    >>> word = Classification("heating", candidates=(Candidate("heating", 4.0, ("暖气",), True),))
    >>> [round(float(x), 3) for x in evidence([faint, word], ["heating"])[:, 0]]
    [0.2, 0.2]
    >>> [round(float(x), 3) for x in evidence([faint, word], ["heating"], EVIDENCE_FLOOR)[:, 0]]
    [0.05, 0.2]
    """
    return _scaled(_rule_scores(found, categories), floor)


def _rule_scores(found: Sequence[Classification], categories: Sequence[str]) -> np.ndarray:
    """Return each text's score for each of ``categories`` (a row a text; a category it was not found in, zero)."""
    column = {c: i for i, c in enumerate(categories)}
    out = np.zeros((len(found), len(categories)), np.float32)
    for row, f in enumerate(found):
        for cand in f.candidates:
            if cand.category in column:
                out[row, column[cand.category]] = cand.score
    return out


def _scaled(scores: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Return ``scores`` as :func:`evidence` gives them: each row scaled to unit length (only down from below
    ``floor``), then by :data:`RULE_WEIGHT`."""
    norms = np.linalg.norm(scores, axis=1, keepdims=True)
    norms = np.where(norms == 0, 1, norms) if floor <= 0 else np.maximum(norms, floor)
    return scores / norms * RULE_WEIGHT


def train(rows: Sequence[tuple[str, str]], *, kind: str, source: str, seed: int = 0,
          extra: dict[str, Any] | None = None, classifier: Any = None,
          emergencies: Sequence[bool] | None = None, calm: Sequence[str] = (),
          span: tuple[Sequence[str], Sequence[str]] | None = None) -> Model:
    """Return a :class:`Model` trained on ``(text, label)`` rows whose labels are of ``kind``; with a
    rules ``classifier`` (:class:`rules.classifier.Classifier`), its evidence is a feature too; with
    ``emergencies`` (one flag per row) an emergency head, and with ``calm`` (messages that are not reports)
    a report head; each needs :data:`MIN_HEAD` examples of either answer. Calm messages are not emergencies
    either (a lost key is no missing person). The lengths of text the model judges (:meth:`Model.knows`,
    :meth:`Model.doubts`) are those of the reports and calm messages it learns from, or of ``span``'s
    ``(reports, calm)``.

    Labels with fewer than three examples are left out (``info["left_out"]`` counts them). Raises
    :class:`ModelError` if fewer than two labels remain.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    counts = Counter(label for _, label in rows)
    kept = sorted(label for label, n in counts.items() if n >= MIN_PER_LABEL)
    left_out = {label: n for label, n in counts.items() if n < MIN_PER_LABEL}
    if len(kept) < 2:
        raise ModelError(f"need at least two labels with {MIN_PER_LABEL} examples each; have {dict(counts)}")
    keep = [label in set(kept) for _, label in rows]
    use = [(unsaid(normalize(t)), label) for (t, label), k in zip(rows, keep, strict=True) if k]
    texts = [t for t, _ in use]
    index = {label: i for i, label in enumerate(kept)}
    y = np.array([index[label] for _, label in use])
    features = Features.fit(texts)
    categories: tuple[str, ...] = ()
    seen: set[str] = set()  # the categories the rules placed a training text in
    x = features.transform(texts)
    if classifier is not None:
        categories = tuple(c.id for c in classifier.rulebook.categories)
        extra = {**(extra or {}), "rulebook": classifier.rulebook.full_version}

    def classified(raw: Sequence[str]) -> list[Classification]:
        found = [classifier.classify(t) for t in raw] if classifier is not None else []
        seen.update(f.top.category for f in found if f.top is not None)
        return found

    def with_evidence(grams: Any, found: list[Classification], floor: float = 0.0) -> Any:
        """Return the n-gram matrix of texts with the rules' evidence of them (``found``) beside it."""
        if classifier is None:
            return grams
        from scipy.sparse import csr_matrix, hstack

        return hstack([grams, csr_matrix(evidence(found, categories, floor))], format="csr", dtype=np.float32)

    grams_of_reports = x
    found_reports = classified([t for (t, _), k in zip(rows, keep, strict=True) if k])
    x = with_evidence(x, found_reports)
    if classifier is not None:
        extra = {**(extra or {}), "seen": sorted(seen)}
    n_labels, width = len(kept), x.shape[1]
    # the calibration: each label's sigmoid fitted to the scores of reports a fold model did not see
    unseen = np.zeros((len(y), n_labels))  # each report's scores by the fold model that did not see it
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    for fit_rows, cal_rows in folds.split(texts, y):
        w, b = _one_vs_rest(LinearSVC(C=C, random_state=seed).fit(x[fit_rows], y[fit_rows]), n_labels)
        unseen[cal_rows] = np.asarray(x[cal_rows] @ w.T) + b
    w, b = _one_vs_rest(LinearSVC(C=C, random_state=seed).fit(x, y), n_labels)  # the model: from every report
    weights, bias = w[None], b[None]
    slope, offset = np.ones((1, n_labels)), np.zeros((1, n_labels))
    for k in range(n_labels):
        target = (y == k).astype(int)  # every label has MIN_PER_LABEL reports: both answers are there
        lr = LogisticRegression(C=1e6).fit(unseen[:, k:k + 1], target)
        slope[0, k], offset[0, k] = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    heads: dict[str, np.ndarray] = {}
    if calm or emergencies is not None:
        from scipy.sparse import vstack

        # the heads read the evidence with its floor (see EVIDENCE_FLOOR)
        x_heads = with_evidence(grams_of_reports, found_reports, EVIDENCE_FLOOR)
        x_all = vstack([x_heads, with_evidence(features.transform([unsaid(normalize(t)) for t in calm]),
                                               classified(calm), EVIDENCE_FLOOR)], format="csr") if calm else x_heads
        flags = np.array([bool(e) for e, k in zip(emergencies or [False] * len(rows), keep, strict=True) if k])
        answers = {"emergency": np.concatenate([flags, np.zeros(len(calm), bool)]),
                   "report": np.concatenate([np.ones(len(flags), bool), np.zeros(len(calm), bool)])}
        for name, yes in answers.items():
            if MIN_HEAD <= yes.sum() <= len(yes) - MIN_HEAD:
                head = LogisticRegression(C=HEAD_C[name], class_weight="balanced", max_iter=3000).fit(x_all, yes)
                heads[name] = np.append(head.coef_[0], head.intercept_[0]).astype(np.float32)
                extra = {**(extra or {}), f"{name}_yes": int(yes.sum()), f"{name}_no": int(len(yes) - yes.sum())}
        if calm:  # what is not a report is short: the report head judges texts of that length only
            quiet = span[1] if span is not None else calm
            extra = {**(extra or {}), "calm_longest": int(1.5 * np.percentile([len(normalize(t)) for t in quiet], 95))}
    lengths = [len(unsaid(normalize(t))) for t in span[0]] if span is not None else [len(t) for t in texts]
    info: dict[str, Any] = {"trained_at": datetime.now(UTC).isoformat(timespec="seconds"), "source": source,
                            "rows": len(use), "features": width, "per_label": {k: counts[k] for k in kept},
                            "shortest": int(np.percentile(lengths, 5)),
                            "longest": 2 * int(np.percentile(lengths, 95)),
                            "left_out": left_out,
                            "english": sum(english(t, normalize(t)) for t in (*(t for t, _ in rows), *calm)),
                            **(extra or {})}
    model = Model(features, tuple(kept), kind, weights, bias, slope, offset, info, categories, heads)
    digest = hashlib.sha256(features.keys.tobytes() + weights.astype(np.float16).tobytes()
                            + b"".join(w.tobytes() for w in heads.values())
                            + json.dumps(kept, ensure_ascii=False).encode()).hexdigest()[:8]
    model.info["version"] = f"m{datetime.now(UTC):%Y%m%d}-{digest}"
    return model


def _one_vs_rest(svc: Any, n_labels: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(weights, bias)`` with one row per label (LinearSVC gives one row for two labels)."""
    w, b = svc.coef_.astype(np.float32), np.asarray(svc.intercept_, dtype=np.float64)
    if n_labels == 2 and w.shape[0] == 1:
        return np.vstack([-w, w]), np.array([-b[0], b[0]])
    return w, b
