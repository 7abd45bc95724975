"""durable_rules behind one small interface, used as the design note says is safe.

* One owner thread runs every engine call; asyncio reaches it through that executor.
* The library's background dispatch threads are never started (they would run actions elsewhere).
* One fixed session per ruleset; the engine sees only tags (category id, urgency), never text or regex.
* Actions only record which rule fired; an error inside one becomes a real :class:`EngineError`.
* A rulebook registers a ruleset named after its digest once per process and is reused after that.
* The rules are a pure decision over tags (no facts are asserted, no state kept), so a ruleset remembers
  each decision it made for a set of tags: the engine is asked once per distinct set, and every answer
  still names the rule that fired.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

import durable.engine

from rules.rulebook import Rulebook

T = TypeVar("T")
SESSION = "route"
DECIDED_MAX = 10_000  # distinct tag sets a ruleset remembers (categories x urgency x handler: a few hundred)
UNCLASSIFIED = ""


class EngineError(RuntimeError):
    """The rule engine failed or decided nothing; the report must not be dropped by the caller."""


class _Host(durable.engine.Host):
    """A Host that never starts the library's timer threads: actions run only inside ``post``."""

    def _run(self) -> None:
        return None


_owner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rules-engine")
_owner_ident: list[int] = []
_host: _Host | None = None
_registered: dict[str, list[str]] = {}  # ruleset name -> the sink its actions write to


def _is_owner() -> bool:
    return bool(_owner_ident) and threading.get_ident() == _owner_ident[0]


def _claim() -> None:
    if not _owner_ident:
        _owner_ident.append(threading.get_ident())


def on_owner(fn: Callable[..., T], *args: Any) -> T:
    """Return ``fn(*args)`` run on the engine's owner thread (directly when already on it)."""
    if _is_owner():
        return fn(*args)
    return _owner.submit(_owned, fn, *args).result()


def _owned(fn: Callable[..., T], *args: Any) -> T:
    _claim()
    return fn(*args)


def owner_executor() -> ThreadPoolExecutor:
    """Return the single-thread executor that owns the engine, for ``loop.run_in_executor``."""
    return _owner


async def on_owner_async(fn: Callable[..., T], *args: Any) -> T:
    """Return ``fn(*args)`` run on the engine's owner thread without blocking the event loop: directly when
    the loop itself runs on that thread (:func:`run_owned`), else through the owner's executor."""
    if _is_owner():
        return fn(*args)
    return await asyncio.get_running_loop().run_in_executor(_owner, _owned, fn, *args)


def run_owned(fn: Callable[[], T]) -> T:
    """Return ``fn()`` run on the engine's owner thread, e.g. a whole simulation's event loop: every engine
    call inside it is then a plain call, with no hop between threads. Other threads' engine calls wait."""
    if _is_owner():
        return fn()
    return _owner.submit(_owned, fn).result()


@dataclass(frozen=True)
class Verdict:
    """What a rule decides: lead, co-handlers and priority for a category (``None``: unclassified)."""

    category: str | None
    lead: str
    co: tuple[str, ...]
    priority: str


def build_ruleset(book: Rulebook) -> tuple[dict[str, Any], dict[str, Verdict]]:
    """Return ``(definition, verdicts)``: the JSON ruleset for ``book`` and each rule's verdict.

    Each category has a rule on ``category == id`` and, unless it is an emergency already, a rule of
    higher salience on ``category == id and urgent`` that raises it to an emergency. A report with no
    category that the learned model placed with a handler goes to that handler (``handler.<id>``).
    Unclassified reports and unknown category ids go to the fallback handler.
    """
    rules: dict[str, Any] = {}
    verdicts: dict[str, Verdict] = {}

    def add(name: str, cond: dict[str, Any], pri: int, verdict: Verdict) -> None:
        rules[name] = {"all": [{"m": cond}], "pri": pri}
        verdicts[name] = verdict

    for c in book.categories:
        add(f"category.{c.id}", {"category": c.id}, 10, Verdict(c.id, c.lead, c.co, c.priority))
        if c.priority != "emergency":
            add(f"category.{c.id}.urgent", {"$and": [{"category": c.id}, {"urgent": True}]}, 5,
                Verdict(c.id, c.lead, c.co, "emergency"))
    for h in book.handlers:  # a matter the learned model placed, with no category of the rulebook's
        add(f"handler.{h.id}", {"$and": [{"category": UNCLASSIFIED}, {"handler": h.id}]}, 8,
            Verdict(None, h.id, (), "normal"))
        add(f"handler.{h.id}.urgent", {"$and": [{"category": UNCLASSIFIED}, {"handler": h.id}, {"urgent": True}]}, 4,
            Verdict(None, h.id, (), "emergency"))
    fallback = book.fallback
    add("unclassified", {"category": UNCLASSIFIED}, 10, Verdict(None, fallback, (), "normal"))
    add("unclassified.urgent", {"$and": [{"category": UNCLASSIFIED}, {"urgent": True}]}, 5,
        Verdict(None, fallback, (), "emergency"))
    add("unknown_category", {"$ex": {"category": 1}}, 100, Verdict(None, fallback, (), "normal"))
    return rules, verdicts


class Rules:
    """A registered ruleset whose actions record the rule that fired; :meth:`fire` runs on the owner thread."""

    def __init__(self, prefix: str, definition: dict[str, Any], verdicts: dict[str, Any]) -> None:
        self.verdicts = verdicts
        # named by what it decides, so the same rules are registered once however often they load
        key = json.dumps([definition, {k: _plain(v) for k, v in verdicts.items()}], sort_keys=True, default=str)
        self.name = f"{prefix}_" + hashlib.sha256(key.encode()).hexdigest()[:16]
        self._sink = on_owner(self._register, definition)
        self._decided: dict[tuple[tuple[str, Any], ...], tuple[str, Any]] = {}  # tags -> (rule, verdict)

    def _register(self, definition: dict[str, Any]) -> list[str]:
        global _host
        if self.name in _registered:
            return _registered[self.name]
        if _host is None:
            _host = _Host()
        sink: list[str] = []
        for rule_name, rule in definition.items():
            rule["run"] = _recorder(sink, rule_name)
        _host.register_rulesets({self.name: definition})
        _registered[self.name] = sink
        return sink

    def fire(self, event: dict[str, Any]) -> tuple[str, Any]:
        """Return ``(rule, verdict)`` for ``event`` (tags only); raise :class:`EngineError` if the engine fails.

        The same tags give the same answer from memory (up to ``DECIDED_MAX`` sets; failures are not kept).
        """
        if not _is_owner():
            raise EngineError("the rule engine must be called on its owner thread (use on_owner)")
        key = tuple(sorted(event.items()))
        known = self._decided.get(key)
        if known is not None:
            return known
        decided = self._post(event)
        if len(self._decided) < DECIDED_MAX:
            self._decided[key] = decided
        return decided

    async def afire(self, event: dict[str, Any]) -> tuple[str, Any]:
        """Return :meth:`fire`'s answer without blocking the event loop: from memory for tags seen before
        (no hop to the owner thread), else on the owner thread."""
        known = self._decided.get(tuple(sorted(event.items())))
        if known is not None:
            return known
        return await on_owner_async(self.fire, event)

    def _post(self, event: dict[str, Any]) -> tuple[str, Any]:
        assert _host is not None
        self._sink.clear()
        event = {"sid": SESSION, **event}
        try:
            state = _host.post(self.name, event)
        except durable.engine.MessageNotHandledException as exc:
            raise EngineError(f"no rule handled {event}") from exc
        except Exception as exc:  # the C extension raises bare Exceptions
            raise EngineError(f"rule engine failed on {event}: {exc}") from exc
        if isinstance(state, dict) and state.get("exception"):
            _host.update_state(self.name, {"sid": SESSION, "exception": None})
            raise EngineError(f"rule action failed: {state['exception']}")
        if len(self._sink) != 1 or self._sink[0] not in self.verdicts:
            raise EngineError(f"expected one rule to fire for {event}, got {list(self._sink)}")
        rule = self._sink[0]
        return rule, self.verdicts[rule]


class Engine(Rules):
    """The routing ruleset of one rulebook. :meth:`decide` must run on the owner thread."""

    def __init__(self, book: Rulebook) -> None:
        super().__init__("route", *build_ruleset(book))

    def decide(self, category: str | None, urgent: bool, handler: str | None = None) -> tuple[str, Verdict]:
        """Return ``(rule, verdict)`` for the tags; raise :class:`EngineError` if the engine fails."""
        return self.fire({"category": category or UNCLASSIFIED, "urgent": bool(urgent), "handler": handler or ""})


def _plain(value: Any) -> Any:
    return asdict(value) if hasattr(value, "__dataclass_fields__") else value


def _recorder(sink: list[str], rule_name: str) -> Callable[[Any], None]:
    def action(_closure: Any) -> None:
        sink.append(rule_name)

    return action
