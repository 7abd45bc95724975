"""The event contract: what each kind of move carries, declared once, checked when an event is written.

Every event has the same columns (who, what, to whom, when, why); ``data`` carries the rest, and what it may
carry depends on the kind. This module declares, for every :class:`~chatops.tickets.lifecycle.Move`:

* the payload's fields, their types and whether they are required (:data:`PAYLOADS`);
* whether ``target`` names a handler and whether ``reason`` is free text the actor wrote;
* whether the rule engine made it (then ``rule`` names the rule, in its own column).

Fields research reads often are columns of the event table too (:data:`COLUMNS`), filled from the payload
by the store, so nobody queries JSON paths. ``docs/events.md`` is generated from this module
(``python -m chatops.tickets.events > docs/events.md``; a test keeps it current).

>>> from datetime import UTC, datetime
>>> from chatops.tickets.lifecycle import Event, Move
>>> check_event(Event(1, Move.RATED, "@a:x", datetime.now(UTC), data={"rating": "satisfied"}))
>>> check_event(Event(1, Move.RATED, "@a:x", datetime.now(UTC), data={"stars": 5}))
Traceback (most recent call last):
...
chatops.tickets.events.ContractError: rated: data has no field 'stars' (fields: rating)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chatops.tickets.lifecycle import SYSTEM, Event, Move

ISO = "iso"  # a time as ISO 8601 text with its offset
LIST = "list[str]"


@dataclass(frozen=True)
class Field:
    """One field of a payload: its name, type (``str``, ``int``, ``float``, ``bool``, ``iso``, ``list[str]``),
    whether it is required, whether it may be null, and what it means."""

    name: str
    type: str
    meaning: str
    required: bool = False
    nullable: bool = False


@dataclass(frozen=True)
class Kind:
    """What one kind of event carries: payload fields, the meaning of ``target`` and ``reason``, the rule."""

    move: Move
    meaning: str
    fields: tuple[Field, ...] = ()
    target: str = ""    # what target holds ("" : nothing)
    reason: str = ""    # what reason holds ("" : nothing)
    rule: str = ""      # "always": made by a rule; "system": named when the system made it; "": never

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "_required", tuple(f.name for f in self.fields if f.required))

    def field(self, name: str) -> Field | None:
        """Return the declared field ``name``, or ``None``."""
        return self._by_name.get(name)  # type: ignore[attr-defined]


def _place() -> tuple[Field, ...]:
    return (Field("grid", "str", "the grid (网格) it is in", nullable=True),
            Field("estate", "str", "the estate (小区)", nullable=True),
            Field("building", "str", "the building number", nullable=True))


_DEADLINES = (Field("sign_deadline", ISO, "the new deadline to sign for it (签收时限)"),
              Field("resolve_deadline", ISO, "the new deadline to resolve it (办结时限)"))
_TIMER = (Field("deadline", "str", "the deadline that came due: sign, resolve, callback or choice"),
          Field("due", ISO, "the deadline itself (the timer's reference time)"))
_ROUTING = (
    Field("category", "str", "the rulebook category, null when no category placed it", required=True, nullable=True),
    Field("co", LIST, "co-handlers named with the lead (a joint ticket from the start)", required=True),
    Field("priority", "str", "normal, urgent or emergency", required=True),
    Field("matched", LIST, "the keywords that decided it"),
    Field("rulebook_version", "str", "the rulebook's version and digest", required=True),
    Field("unclassified", "bool", "no category matched: the street office has it"),
    Field("escalation", LIST, "the escalation chain above the lead"),
    Field("urgent", LIST, "the words that raised the priority"),
    Field("source", "str", "who decided: rule, model, choice (the resident picked) or staff"),
    Field("model", "str", "the learned model's version, when it decided"),
    Field("model_label", "str", "the model's label"),
    Field("model_score", "float", "the model's calibrated probability"),
    Field("model_emergency", "float", "the model's emergency head: how sure it is the report is an emergency"),
    Field("model_report", "float", "the model's report head: how sure it is the message is a report"),
    Field("chosen", "int", "the option the resident picked (1-3) after being asked"),
    Field("triage", "bool", "the resident did not pick in time: the street office triages it"),
    *_DEADLINES,
)
HANDLER, TEXT = "a handler id", "text the actor wrote"

KINDS: dict[Move, Kind] = {k.move: k for k in (
    Kind(Move.REPORTED, "a resident's report opens a ticket (受理)", (
        Field("source", "str", "the message it came from (e.g. matrix:$event), unique", required=True),
        Field("text", "str", "the resident's words", required=True), *_place())),
    Kind(Move.ROUTED, "the rulebook sends it to a lead handler (派单)", _ROUTING, target="the lead handler",
         rule="always"),
    Kind(Move.ASKED, "weak evidence: the resident is asked which matter it is (问询)", (
        Field("options", LIST, "the matters offered, as category/lead", required=True),
        Field("choose_deadline", ISO, "when the street office triages it if nobody picks", required=True),
        Field("matched", LIST, "the keywords found"),
        Field("source", "str", "who decided to ask (rule or model)"),
        Field("rulebook_version", "str", "the rulebook's version and digest")), rule="always"),
    Kind(Move.ASSIGNED, "the street office gives a ticket of no category to a handler (分拨)", _ROUTING,
         target="the handler it is given to", rule="always"),
    Kind(Move.ACKNOWLEDGED, "a handler signs for it and reports for duty (签收/报到)"),
    Kind(Move.NOTE, "a note from a handler, the resident or the system (备注)", (
        Field("source", "str", "the message it came from, when a resident's new report became the note"),
        Field("media", "str", "a picture's content URI (mxc://…), when the note is a picture; reason is its name"),
        Field("mimetype", "str", "the picture's type (image/jpeg…)"),
        Field("size", "int", "the picture's size in bytes")),
         reason=TEXT),
    Kind(Move.TRANSFERRED, "the lead passes it to another handler (转派)", _DEADLINES, target="the new lead",
         reason=TEXT),
    Kind(Move.RETURNED, "the lead returns it to the street office (退单)", _DEADLINES, target="the street office",
         reason=TEXT),
    Kind(Move.EXTENSION_ASKED, "the lead asks the street office for more days (延期申请)", (
        Field("days", "int", "working days asked for (1-60)", required=True),), reason=TEXT),
    Kind(Move.EXTENDED, "the street office grants the days (延期)", (
        Field("days", "int", "working days granted", required=True),
        Field("resolve_deadline", ISO, "the later deadline", required=True)), reason=TEXT),
    Kind(Move.EXTENSION_REFUSED, "the street office refuses them (延期驳回)", reason=TEXT),
    Kind(Move.RESOLVED, "the lead says it is done (办结)", (
        Field("callback_deadline", ISO, "when the call-back (回访) ends", required=True),), reason=TEXT),
    Kind(Move.VERIFIED, "a resident says it is solved (回访：已解决)"),
    Kind(Move.REOPENED, "a resident says it is not solved: back to the lead (重办)", _DEADLINES),
    Kind(Move.RATED, "a resident rates the handling (评价)", (
        Field("rating", "str", "satisfied, basically_satisfied or dissatisfied", required=True),)),
    Kind(Move.REMINDED, "a deadline is near, or missed at the top of the chain (催办)", (
        *_TIMER, Field("overdue", "bool", "missed at the top of the chain: flagged to the top level")),
         target="the handler reminded", rule="always"),
    Kind(Move.ESCALATED, "a deadline was missed: the next level of the chain is told (升级)", (
        *_TIMER, *_DEADLINES), target="the level escalated to", rule="always"),
    Kind(Move.WHISTLED, "enough reports of one matter in one grid: departments are summoned (吹哨)", (
        Field("summon", LIST, "the handlers summoned", required=True),
        Field("reports", "int", "reports of the matter within the window", required=True)),
         target="the lead", rule="always"),
    Kind(Move.EXPEDITED, "a handler or the street office raises its priority (加急): new limits from now, never "
         "later than the ones it had", (
        Field("priority", "str", "urgent or emergency", required=True),
        Field("sign_deadline", ISO, "the sooner deadline to sign for it, while nobody has"),
        Field("resolve_deadline", ISO, "the sooner deadline to resolve it")), reason=TEXT),
    Kind(Move.LOCATED, "where it is, added after the report (补充位置)", (
        *_place(), Field("detail", "str", "the place in the resident's words", nullable=True))),
    Kind(Move.SUPPORTED, "another resident reports the same open matter (附议)", (
        Field("source", "str", "the message it came from", required=True),
        Field("text", "str", "the resident's words", required=True),
        Field("estate", "str", "the estate", nullable=True), Field("building", "str", "the building", nullable=True))),
    Kind(Move.WITHDRAWN, "the reporter deleted the message the report came from, and the ticket stays; or a "
         "supporter the message of their support, which no longer counts (撤回)", (
        Field("source", "str", "the message deleted", required=True),)),
    Kind(Move.PUBLISHED, "the reporter lets the public board show the report's text (公开)"),
    Kind(Move.CLOSED, "the call-back window ended: closed with the verdicts given (回访期满)", (
        *_TIMER, Field("verdicts", "int", "residents who answered", required=True),
        Field("residents", "int", "residents asked", required=True)), rule="always"),
)}

# payload fields kept in their own columns of the event table as well, for research and the store's reads
COLUMNS: dict[str, tuple[str, str]] = {
    "sign_deadline": ("sign_deadline", ISO),
    "resolve_deadline": ("resolve_deadline", ISO),
    "rating": ("rating", "str"),
    "days": ("days", "int"),
}
# the handlers a move names besides its target: a routing's co-handlers, a whistle's summons
NAMED = {Move.ROUTED: "co", Move.ASSIGNED: "co", Move.WHISTLED: "summon"}


class ContractError(ValueError):
    """An event that does not keep the contract (a bug in the code that made it, never a user's input)."""


_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (float, int), "bool": (bool,)}


def check_event(event: Event) -> None:
    """Return ``None`` if ``event`` keeps the contract of its kind; raise :class:`ContractError` if not."""
    kind = KINDS[event.kind]
    data, by_name = event.data, kind._by_name  # type: ignore[attr-defined]
    for name, value in data.items():
        f = by_name.get(name)
        if f is None:
            known = ", ".join(x.name for x in kind.fields) or "none"
            raise ContractError(f"{event.kind}: data has no field {name!r} (fields: {known})")
        if value is None:
            if not f.nullable:
                raise ContractError(f"{event.kind}: {name} may not be null")
        elif not _fits(f.type, value):
            raise ContractError(f"{event.kind}: {name} must be {f.type}, not {value!r}")
    for name in kind._required:  # type: ignore[attr-defined]
        if name not in data:
            raise ContractError(f"{event.kind}: {name} is required")
    if kind.rule == "always" and not event.rule:
        raise ContractError(f"{event.kind}: the rule that made it is required")
    if kind.rule == "" and event.rule:
        raise ContractError(f"{event.kind}: no rule makes it (rule={event.rule!r})")
    if event.target is not None and not kind.target:
        raise ContractError(f"{event.kind}: target is not used")
    if event.reason is not None and not kind.reason:
        raise ContractError(f"{event.kind}: reason is not used")
    if kind.rule == "always" and event.actor != SYSTEM.id and event.kind not in (Move.ASSIGNED, Move.ROUTED):
        raise ContractError(f"{event.kind}: only the system makes it")


def _fits(kind: str, value: Any) -> bool:
    if kind == ISO:
        if not isinstance(value, str):
            return False
        try:
            return datetime.fromisoformat(value).tzinfo is not None
        except ValueError:
            return False
    if kind == LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind in ("int", "float") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[kind])


def columns(event: Event) -> tuple[str | None, str | None, str | None, int | None, str | None]:
    """Return the event's column values: sign and resolve deadlines, rating, days, and the handlers it names
    (a JSON list) — what research and the store read without touching ``data``.

    >>> from datetime import UTC, datetime
    >>> columns(Event(3, Move.WHISTLED, "system", datetime(2026, 1, 5, tzinfo=UTC), target="property",
    ...               rule="whistle.drains", data={"summon": ["water"], "reports": 3}))
    (None, None, None, None, '["water"]')
    """
    d = event.data
    if not d:
        return None, None, None, None, "[]" if event.kind in NAMED else None
    named = NAMED.get(event.kind)
    return (d.get("sign_deadline"), d.get("resolve_deadline"), d.get("rating"), d.get("days"),
            (_list_json(d.get(named, [])) if named else None))


_list_json = json.JSONEncoder(ensure_ascii=False).encode  # (json.dumps with an option builds an encoder a call)


def table() -> str:
    """Return the contract as Markdown: one section per kind with its columns and payload fields."""
    out = ["# The event contract", "",
           "Generated from `chatops/tickets/events.py` (`python -m chatops.tickets.events > docs/events.md`);",
           "`tests/test_events.py` fails when this file is out of date.", "",
           "Every event has `seq` (its place in the log), `ticket_id`, `kind`, `actor` (a Matrix ID or `system`),",
           "`actor_handler` (the handler the actor acts for), `at` (UTC), and the columns below. `data` holds the",
           "payload; " + ", ".join(f"`{k}`" for k in COLUMNS) + " are also columns of their own, and `handlers`",
           "holds the handlers a move names besides its target (" + ", ".join(
               f"`{m}.{f}`" for m, f in NAMED.items()) + ").", "",
           "| kind | meaning | target | reason | rule |", "|---|---|---|---|---|"]
    for k in KINDS.values():
        rule = {"always": "the rule that made it", "": "—"}[k.rule]
        out.append(f"| `{k.move}` | {k.meaning} | {k.target or '—'} | {k.reason or '—'} | {rule} |")
    out.append("")
    for k in KINDS.values():
        out += [f"## `{k.move}`", "", k.meaning[0].upper() + k.meaning[1:] + ".", ""]
        if not k.fields:
            out += ["No payload.", ""]
            continue
        out += ["| field | type | required | meaning |", "|---|---|---|---|"]
        for f in k.fields:
            req = "yes" if f.required else "no"
            typ = f.type + (" or null" if f.nullable else "")
            col = " (also a column)" if f.name in COLUMNS else ""
            out.append(f"| `{f.name}` | {typ} | {req} | {f.meaning}{col} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(table())
