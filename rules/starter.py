"""The starter: what a community routes with before it has a history of its own.

The project ships chat messages labelled with the handler that should receive each (``-`` marks a message that
is not a report, a report's priority marks an emergency): its developers' own, written the way residents type
(``rules/data/chat_messages.csv``), and the rounds written blind by helpers who saw only the handlers and a brief
(``rules/data/chat-rounds/``, each round measured once before anyone tuned to it). The starter is one model learnt
from all of them (character n-grams and the rules' evidence, :mod:`rules.model`), which backs up the rules where
their words find nothing or only weak evidence: it judges the handler; its report head has the bot ask before
registering chat the gate's words took for a report; its emergency head raises an emergency the rules' words did
not recognise (never a hazard the gate's words tell as one: smoke from something burnt on purpose, a leak whose
neighbour does not answer, see :mod:`rules.router`).

On chat messages nobody tuned the rules to, the starter learnt from our file alone lifted the share reaching the
right handler from 81.6 % to 88.3 %, on a later one from 82.9 % to 91.5 %; learning from the rounds too lifted the
thirty-sixth round, which it had not seen, from 91.5 % to 94.2 % (``docs/figures.md``). Until session 59 the
emergency head learnt from our file alone (the rounds' writers drew the line between an urgent matter and an
emergency more widely); learnt from the rounds as well, it heard 98 % of the emergencies of rounds it had not seen
at the score only one message in 500 that is none reaches, against 80 % (grouped by round, four folds), and four
more of the 54th round's 250 emergencies at its first measure, with no more false alarms. It judges only texts as
long as those of our own file (a letter to the city is the rules', or a community model's), and English only because
it learnt thousands of English messages from the rounds (:meth:`rules.model.Model.reads`): on the thirty-seventh
round its English reports reached their handler 93.9 % of the time against 87.2 % with the rules' words alone.
It is trained for the rulebook in use (rows whose handler that rulebook lacks are left out; a rulebook with
other handlers altogether gets none), on first use, and kept in the user's cache, named by a hash of the files,
the rulebook, the model format and recipe, so it is trained once.

A community's own model (``whistle model train --store``, or ``--csv`` with its own labelled file) takes
its place through ``WHISTLE_MODEL``; beside a model of long letters, the starter still judges the short
chat messages that model never saw (:meth:`rules.router.Router.with_model`). ``WHISTLE_MODEL=none`` routes
with the rules alone.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
ROUNDS = Path(__file__).with_name("data") / "chat-rounds"  # the rounds written blind: set*.csv
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


def routing_models(book: Rulebook, setting: str | Path | None) -> tuple[Model | None, tuple[Model, ...] | None]:
    """Return ``(community model, starter models)`` for the value of ``WHISTLE_MODEL``: a model file (with the
    starter beside it for what that model never saw), ``none`` (the rules alone), or nothing (the starter
    alone). Raises :class:`ModelError` for a file that cannot be used.

    >>> from rules import load_rulebook
    >>> routing_models(load_rulebook(), "none")
    (None, None)
    """
    if setting is not None and str(setting).strip().lower() == NONE:
        return None, None
    own = Model.load(setting) if setting else None
    return own, starter_models(book)


def starter_models(book: Rulebook, path: Path = STARTER, rounds: Path | None = ROUNDS) -> tuple[Model, ...]:
    """Return the starter's model for ``book`` as a tuple of one (from the cache, else trained and cached, once
    however many processes ask at the same time), learnt from our file and the ``rounds``; ``()`` when the rulebook
    is not built on the shipped one's handlers (fewer than :data:`SHARE` of the labelled reports name one of its
    handlers: a model of the rest would push every message towards the few it knows)."""
    more = sorted(rounds.glob("set*.csv")) if rounds is not None and rounds.is_dir() else []
    stamp = f"{book.full_version}|{FORMAT}|recipe {RECIPE}|normal form {NORMAL_FORM}".encode()
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in (path, *more)) + stamp).hexdigest()[:16]
    kept = cache_dir() / f"starter-{digest}.model"
    with _alone(cache_dir() / f"starter-{digest}.lock"):
        if kept.is_file():
            try:
                return (Model.load(kept),)
            except ModelError as exc:
                log.warning("the cached starter model cannot be used, training it again: %s", exc)
        model = _trained(book, path, more)
        if model is None:
            return ()
        try:
            model.save(kept)
        except OSError as exc:  # a read-only home: trained again next time
            log.warning("the starter model could not be kept in %s: %s", kept.parent, exc)
        _prune(cache_dir(), {kept, cache_dir() / f"starter-{digest}.lock"})
    return (model,)


UNUSED_DAYS = 30  # a starter file older than this, of another rulebook, goes when a new one is kept


def _prune(folder: Path, keep: set[Path]) -> list[Path]:
    """Delete the starter's files in ``folder`` other than ``keep`` last written more than :data:`UNUSED_DAYS`
    ago, and return them: each edit of a rulebook leaves a model of about 7 MB. A running bot holds its model in
    memory; one deleted under it is trained again at its next start.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> old, new = folder / "starter-a-chat.model", folder / "starter-b-chat.model"
    >>> _ = old.write_bytes(b""), new.write_bytes(b""), os.utime(old, (0, 0))
    >>> [p.name for p in _prune(folder, set())], sorted(p.name for p in folder.iterdir())
    (['starter-a-chat.model'], ['starter-b-chat.model'])
    """
    cutoff = time.time() - UNUSED_DAYS * 86400
    gone = []
    for f in sorted(folder.glob("starter-*")):
        try:
            if f not in keep and f.stat().st_mtime < cutoff:
                f.unlink()
                gone.append(f)
        except OSError:  # gone already (another process pruned it), or not ours to delete: left
            continue
    return gone


def _trained(book: Rulebook, path: Path, more: list[Path]) -> Model | None:
    """Return the starter's model trained afresh (see :func:`starter_models`), or ``None``."""
    from rules.classifier import Classifier

    cases, reports, calm = _cases(book, path)
    if len(cases) < SHARE * reports:
        log.info("the rulebook shares too few handlers with the starter's messages: no starter model")
        return None
    read = [_cases(book, f) for f in more]
    every = cases + [c for r in read for c in r[0]]
    try:
        model = train([(c.text, c.label) for c in every], kind="handler",
                      source=f"starter:{path.name}+{len(more)} sets", classifier=Classifier(book),
                      emergencies=[c.priority == EMERGENCY for c in every],
                      calm=calm + [t for r in read for t in r[2]], span=([c.text for c in cases], calm))
    except ModelError:
        return None
    model.info["version"] = f"starter-{model.version}"  # in every decision it takes part in
    return model


@contextmanager
def _alone(lock: Path) -> Iterator[None]:
    """Hold ``lock`` (a file) while the block runs, so that one process trains what others then read; without a
    folder to hold it in (a read-only home), run the block unlocked."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fh = lock.open("a")
    except OSError:
        yield
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
