"""The starter model: what a community routes with before it has a history of its own.

The project ships chat messages its developers wrote the way residents type them, each labelled with the
handler that should receive it (``rules/data/chat_messages.csv``; ``-`` marks a message that is not a
report). A model learnt from them (character n-grams and the rules' evidence, :mod:`rules.model`) backs up
the rules where their words find nothing or only weak evidence; its emergency head (learnt from the messages
marked ``emergency``) raises an emergency the rules' words did not recognise, and its report head (learnt
from the messages marked ``-``) has the bot ask before registering chat the gate's words took for a report.
On chat messages nobody tuned the rules to it lifted the share reaching the right handler from 81.6 % to
88.3 %, on a later one from 82.9 % to 91.5 %, and on the tenth from 80.1 % to 88.2 % (``docs/figures.md``).
It is trained
for the rulebook in use (rows whose handler that rulebook lacks are left out; a rulebook with other handlers
altogether gets none), on first use, and kept in
the user's cache, named by a hash of the file, the rulebook, the model format and recipe, so it is trained once.

A community's own model (``whistle model train --store``, or ``--csv`` with its own labelled file) takes
its place through ``WHISTLE_MODEL``; beside a model of long letters, the starter still judges the short
chat messages that model never saw (:meth:`rules.router.Router.with_model`). ``WHISTLE_MODEL=none`` routes
with the rules alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from rules.gate import EMERGENCY
from rules.model import FORMAT, RECIPE, Model, ModelError, train
from rules.normalize import VERSION as NORMAL_FORM
from rules.rulebook import Rulebook

if TYPE_CHECKING:
    from rules.evaluation import Case

log = logging.getLogger(__name__)

STARTER = Path(__file__).with_name("data") / "chat_messages.csv"
NONE = "none"  # WHISTLE_MODEL=none: the rules alone
SHARE = 0.8  # of the labelled reports, at least this share must name a handler of the rulebook in use


def cache_dir() -> Path:
    """Return the folder the starter model is kept in (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "community-whistle"


def starter_rows(book: Rulebook, path: Path = STARTER) -> list[tuple[str, str]]:
    """Return the ``(text, handler)`` rows of the labelled file that ``book`` can use: reports whose
    handler the rulebook has.

    >>> from rules import load_rulebook
    >>> rows = starter_rows(load_rulebook())
    >>> len(rows) > 500, rows[0]
    (True, ('3号楼电梯又坏了', 'property'))
    """
    return [(c.text, c.label) for c in _cases(book, path)[0]]


def _cases(book: Rulebook, path: Path) -> tuple[list[Case], int, list[str]]:
    """Return the reports ``book`` can use, how many reports the file holds and the texts of the messages
    that are not reports (one reading of it)."""
    from rules.evaluation import NOT_A_REPORT, read_cases

    cases = read_cases(path)
    reports = [c for c in cases if c.label != NOT_A_REPORT]
    calm = [c.text for c in cases if c.label == NOT_A_REPORT]
    return [c for c in reports if c.label in book.handler_by_id], len(reports), calm


def routing_models(book: Rulebook, setting: str | Path | None) -> tuple[Model | None, Model | None]:
    """Return ``(community model, starter model)`` for the value of ``WHISTLE_MODEL``: a model file (with the
    starter beside it for what that model never saw), ``none`` (the rules alone), or nothing (the starter
    alone). Raises :class:`ModelError` for a file that cannot be used.

    >>> from rules import load_rulebook
    >>> routing_models(load_rulebook(), "none")
    (None, None)
    """
    if setting is not None and str(setting).strip().lower() == NONE:
        return None, None
    own = Model.load(setting) if setting else None
    return own, starter_model(book)


def starter_model(book: Rulebook, path: Path = STARTER) -> Model | None:
    """Return the starter model for ``book`` (from the cache, else trained and cached); ``None`` when the
    rulebook is not built on the shipped one's handlers (fewer than :data:`SHARE` of the labelled reports
    name one of its handlers: a model of the rest would push every message towards the few it knows)."""
    from rules.classifier import Classifier

    stamp = f"{book.full_version}|{FORMAT}|recipe {RECIPE}|normal form {NORMAL_FORM}".encode()
    digest = hashlib.sha256(path.read_bytes() + stamp).hexdigest()[:16]
    cached = cache_dir() / f"starter-{digest}.model"
    if cached.is_file():
        try:
            return Model.load(cached)
        except ModelError as exc:
            log.warning("the cached starter model cannot be used, training it again: %s", exc)
    cases, reports, calm = _cases(book, path)
    if len(cases) < SHARE * reports:
        log.info("the rulebook shares too few handlers with the starter's messages: no starter model")
        return None
    try:
        model = train([(c.text, c.label) for c in cases], kind="handler", source=f"starter:{path.name}",
                      classifier=Classifier(book), emergencies=[c.priority == EMERGENCY for c in cases], calm=calm)
    except ModelError:
        return None
    model.info["version"] = f"starter-{model.version}"  # every decision it takes part in says so
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        model.save(cached)
    except OSError as exc:  # a read-only home: trained again next time
        log.warning("the starter model could not be kept in %s: %s", cached.parent, exc)
    return model
