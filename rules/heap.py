"""A long run's heap: what is alive when it starts is kept out of the garbage collector's full passes.

Routing and the ticket lifecycle make many short-lived containers, so CPython's collector runs often, and every
full pass walks every object alive: the rulebook's keyword tables, the rule engine, the models, the libraries
(some 140,000 objects before a single report). :func:`settled` moves those to the collector's permanent
generation (:func:`gc.freeze`) while a long run goes on (the bot's months, a simulation, a benchmark) and hands
them back when it ends. They are still freed when nothing refers to them; only a cycle among them that became
garbage during the run waits for its end. Measured on this machine: full passes took 15 % of a 30,000-report
simulation and a fifth of routing a batch of short reports; settled, a third of that.

A run with an end (a simulation) goes further: :func:`paused` turns the collector off until it ends and collects
once then. A simulation makes millions of objects that live a while (open tickets, their calendar) and almost no
cycles (some thousands at a million reports): the passes over them found nothing and cost a sixth of its time.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0


@contextmanager
def settled() -> Iterator[None]:
    """Keep everything alive now out of the collector's passes until the block ends (nested blocks: the outermost).

    >>> import gc
    >>> with settled():
    ...     gc.get_freeze_count() > 0
    True
    >>> gc.get_freeze_count()
    0
    """
    global _depth
    with _lock:
        if _depth == 0:
            gc.freeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()


@contextmanager
def paused() -> Iterator[None]:
    """Run the block, a batch with an end that makes few cycles, with the collector off; collect once after it.
    The collector is the process's: other threads' cycles (a notebook's kernel beside a simulation) wait too.

    >>> import gc
    >>> with paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
            gc.collect()
