"""What the bot says: messages rendered from the catalogue, in no network's format.

:func:`notice` keeps a message as lines and mentions (the outbox stores that); the transport renders it
(``transport/matrix_wire``: ``m.notice``, every line HTML-escaped).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatops.tickets.lifecycle import OPEN311, Event, Move, State, Ticket
from rules import Rulebook
from rules.catalogue import listed, text
from rules.classifier import Place
from rules.rulebook import format_duration


def notice(lines: list[str] | str, *, mentions: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """Return a message as the outbox keeps it: its visible lines and the users it mentions.

    >>> notice(["工单 #3", "ab\u202ecd"], mentions=["@b:x", "@a:x"])
    {'lines': ['工单 #3', 'abcd'], 'mentions': ['@a:x', '@b:x']}
    """
    return {"lines": [_visible(line) for line in ([lines] if isinstance(lines, str) else lines)],
            "mentions": sorted(set(mentions))}


def addressed(person: str, lines: list[str] | str) -> list[str]:
    """Return ``lines`` opening with ``person`` (rendered as a pill): whom a message in a shared thread is for.

    >>> addressed("@a:x", ["已受理", "地点"])
    ['@a:x 已受理', '地点']
    """
    lines = [lines] if isinstance(lines, str) else lines
    return [f"{person} {lines[0]}", *lines[1:]] if lines else []


def outermost(words: tuple[str, ...]) -> tuple[str, ...]:
    """Return ``words`` without those said only as part of another of them (困在 in 困在电梯里), once each: the
    evidence a card shows.

    >>> outermost(("被困", "困在", "困在电梯里", "被困")), outermost(("燃气泄漏", "燃气泄漏了", "煤气味"))
    (('被困', '困在电梯里'), ('燃气泄漏了', '煤气味'))
    """
    unique = tuple(dict.fromkeys(words))
    return tuple(w for w in unique if not any(w != other and w in other for other in unique))


def receipt_notice(lines: list[str] | str, lang: str | None, *, named: str | None = None) -> dict[str, Any]:
    """Return a report's receipt as the outbox keeps it: a :func:`notice` that also keeps the language its ticket's
    later steps come in (the report's own); ``named``: the resident it is for, named and mentioned, when it sits in
    a thread others share (someone else's report's).

    >>> receipt_notice("已受理", "zh-CN", named="@a:x")
    {'lines': ['@a:x 已受理'], 'mentions': ['@a:x'], 'lang': 'zh-CN'}
    """
    said = addressed(named, lines) if named else lines
    return {**notice(said, mentions=[named] if named else []), "lang": lang}


# characters that reorder or hide text (bidi overrides and isolates, zero-width, soft hyphen, controls): a
# resident's text shown to staff must read as it was written, so none of them reaches a notice (new lines stay)
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def _visible(line: str) -> str:
    """Return ``line`` without the characters that reorder or hide text.

    >>> _visible("ab\u202ecd\u200b")
    'abcd'
    """
    return _HIDDEN.sub("", line)


class Voice:
    """Renders tickets and steps for one rulebook, in a given language."""

    def __init__(self, book: Rulebook, *, show_reporter_to: frozenset[str] = frozenset()) -> None:
        self.book = book
        self.show_reporter_to = show_reporter_to
        self._estates = {e.id: (g, e) for g in book.grids for e in g.estates}
        self._grids = {g.id: g for g in book.grids}
        self._tz = ZoneInfo(book.calendar.timezone)  # deadlines shown on the community's clock

    # names
    def handler(self, handler_id: str | None, lang: str | None) -> str:
        h = self.book.handler_by_id.get(handler_id or "")
        if h is None:
            return handler_id or "-"
        return h.name_en if lang == "en" else h.name

    def category(self, ticket: Ticket, lang: str | None) -> str:
        c = self.book.category_by_id.get(ticket.category or "")
        if c is None:
            return "未分类" if lang != "en" else "unclassified"
        return c.name_en if lang == "en" else c.name

    def units(self, lang: str | None) -> str:
        """Return the handlers' names a line per kind (committee, street office, departments), for help and
        usage texts; any of their names, aliases or ids is understood."""
        kinds = {"committee": "committee", "subcommittee": "committee", "street_office": "street_office",
                 "department": "department"}
        lines: dict[str, list[str]] = {}
        for h in self.book.handlers:
            short = h.aliases[0] if h.aliases and lang != "en" else self.handler(h.id, lang)
            lines.setdefault(kinds[h.kind], []).append(short)
        return "\n".join(text("units_line", lang, kind=text(f"kind_{k}", lang), names=listed(v, lang))
                         for k, v in lines.items())

    def rule(self, rule: str | None, lang: str | None, *, alarm: bool = False) -> str:
        """Return why a ticket is where it is, in words (never an internal id); ``alarm``: the model, not
        an urgent word, made it an emergency."""
        rule = rule or ""
        parts = rule.split(".")
        c = self.book.category_by_id.get(parts[1]) if len(parts) > 1 else None
        name = (c.name_en if lang == "en" else c.name) if c else ""
        if parts[0] == "category" and c:
            urgent = "rule_alarm" if alarm else "rule_urgent"
            return text(urgent if rule.endswith(".urgent") else "rule_category", lang, category=name)
        if parts[0] == "handler" and len(parts) > 1:
            return text("rule_handler", lang, handler=self.handler(parts[1], lang))
        if rule.startswith("choice."):
            return text("rule_triage", lang)
        return text("rule_unclassified", lang)

    def place(self, ticket: Ticket, lang: str | None) -> str:
        # a city app's report has its location in its words and nobody to ask (a tester's card said 待居民补充)
        where = self.where(ticket.grid, ticket.estate, ticket.building, ticket.place_detail, lang) or \
            text("place_in_words" if ticket.source.startswith(OPEN311) else "place_unknown", lang)
        # a building its estate does not have: the resident is asked, the card says it is not sure yet
        return f"{where}{text('place_unsure', lang)}" if self.unknown_building(ticket) else where

    def where(self, grid: str | None, estate: str | None, building: str | None, detail: str | None,
              lang: str | None) -> str:
        """Return a place in words (一网格 · 安居苑 · 2号楼), or "" when nothing of it is known."""
        parts: list[str] = []
        if grid in self._grids:
            parts.append(self._grids[grid].named(lang))
        if estate in self._estates:
            parts.append(self._estates[estate][1].named(lang))
        if building:
            parts.append(f"{building}号楼" if lang != "en" else f"building {building}")
        if detail:
            parts.append(detail)
        return " · ".join(parts)

    def grid_of_estate(self, estate: str | None) -> str | None:
        return self._estates[estate][0].id if estate in self._estates else None

    def ask_place(self, ticket: Ticket, lang: str | None) -> str:
        """Return the question where ``ticket`` is, its example an estate of the ticket's own grid (any, if it has
        none): a grid2 room was shown a grid1 estate, and another rulebook would have been shown ours. A building
        its estate does not have is said so, with the buildings it has."""
        if self.unknown_building(ticket):
            estate = self._estates[ticket.estate or ""][1]
            return text("ask_building", lang, estate=estate.named(lang), building=ticket.building,
                        buildings=listed(estate.buildings, lang),
                        example=f"{estate.named(lang)} {estate.buildings[0]}" if lang == "en"
                        else f"{estate.name}{estate.buildings[0]}号楼")
        estates = [e for g in self.book.grids if g.id == ticket.grid for e in g.estates] or \
            [e for g in self.book.grids for e in g.estates]
        example = f"{estates[0].name}{estates[0].buildings[0] if estates[0].buildings else '1'}号楼" if estates \
            else "3号楼"
        return text("ask_place", lang, example=example)

    def needs_place(self, ticket: Ticket) -> bool:
        """Return whether the bot should ask where the matter is: no grid, no estate and no detail, or a building
        its estate does not have (安居苑99号楼)."""
        return ticket.grid is None or (ticket.estate is None and not ticket.place_detail) or \
            self.unknown_building(ticket)

    def unknown_building(self, ticket: Ticket) -> bool:
        """Return whether ``ticket`` names a building its estate does not list (an estate that lists none has any)."""
        estate = self._estates.get(ticket.estate or "")
        return bool(ticket.building and estate is not None and estate[1].buildings
                    and ticket.building not in estate[1].buildings and not ticket.place_detail)

    # texts
    def receipt(self, ticket: Ticket, unclassified: bool, lang: str | None) -> str:
        # the limit itself: on the working-day clock the deadline minus now can span a weekend
        limit = format_duration(self.book.limits_for(ticket.category, ticket.priority).sign_for)
        # of no known matter: the street office dispatches it, or a handler the model placed it with handles it
        key = "receipt" if not unclassified else "receipt_unclassified" if ticket.lead == self.book.fallback \
            else "receipt_unnamed"
        return text(key, lang, ticket=ticket.id, category=self.category(ticket, lang),
                    lead=self.handler(ticket.lead, lang), limit=limit)

    def option(self, option: str, lang: str | None) -> str:
        """Return one matter a resident may pick (``category/lead``): its name and who would handle it."""
        category, _, lead = option.partition("/")
        c = self.book.category_by_id.get(category)
        name = (c.name_en if lang == "en" else c.name) if c else text("option_other", lang)
        return text("option_line", lang, matter=name, lead=self.handler(lead, lang))

    def ask_choice(self, ticket: Ticket, lang: str | None) -> list[str]:
        """Return the receipt of a ticket whose matter the resident is asked to pick, then the question."""
        minutes = int(self.book.intake.choose_window.total_seconds() // 60)
        return [text("receipt_asked", lang, ticket=ticket.id),
                text("ask_choice", lang, ticket=ticket.id,  # only the keys of the options there are
                     keys=" ".join(f"{n}\ufe0f\u20e3" for n in range(1, len(ticket.options) + 1))),
                *(f"{i}. {self.option(o, lang)}" for i, o in enumerate(ticket.options, 1)),
                text("ask_choice_none", lang, street=self.handler(self.book.fallback, lang), minutes=minutes)]

    def joined(self, ticket: Ticket, lang: str | None, *, unplaced: bool = False,
               said_at: Place | None = None) -> str:
        """Return the receipt of a report that joined open ``ticket``; ``unplaced``: the report named no estate
        or building, so for a matter that its place keeps apart from others (a lift, a leak, an emergency) it
        says where the ticket is, and to report again naming the place if the resident meant somewhere else;
        ``said_at``: where the report said it is, and when that is not where the ticket is (a street light at
        another building of the grid), it says where the ticket is and how to say it is another matter."""
        said = text("receipt_joined", lang, ticket=ticket.id, category=self.category(ticket, lang),
                    state=text(f"state_{ticket.state}", lang), lead=self.handler(ticket.lead, lang),
                    count=ticket.supporters + 1)
        category = self.book.category_by_id.get(ticket.category or "")
        apart = ticket.priority == "emergency" or getattr(category, "joins", "grid") != "grid"  # place keeps apart
        if unplaced and apart and (ticket.estate or ticket.building):
            said += text("joined_where", lang, place=self.place(ticket, lang))
        elif said_at is not None and ((said_at.estate and ticket.estate and said_at.estate != ticket.estate) or (
                said_at.building and ticket.building and said_at.building != ticket.building)):
            said += text("joined_nearby", lang, place=self.place(ticket, lang))
        if ticket.priority == "emergency":  # whoever joins an emergency hears whom to call, "me too" as well
            said += "\n" + text("hotline", lang, hotline=self.book.hotline_for(ticket.category))
        return said

    def status_word(self, ticket: Ticket, lang: str | None, holder: str | None = None, *,
                    returned: bool = False) -> str:
        """Return the status of ``ticket`` as ``holder``'s card says it: where it went when the holder no longer
        has it (``returned``: the holder sent it back, 退单, rather than on, 转办)."""
        if holder is not None and holder not in ticket.handlers and ticket.state is not State.CLOSED:
            return text("status_returned" if returned else "status_moved_on", lang,
                        lead=self.handler(ticket.lead, lang))
        return text(f"state_{ticket.state}", lang)

    def card(self, ticket: Ticket, lang: str | None, *, holder: str, matched: tuple[str, ...] = (),
             alarm: float | None = None, returned: bool = False, assigned: bool = False) -> list[str]:
        """Return the lines of the ticket card in ``holder``'s room (the first is the status line); ``alarm``
        is the model's emergency score when it, not an urgent word, made the ticket an emergency; ``returned``:
        the holder has just sent the ticket back (退单); ``assigned``: staff dispatched it (分拨), no rule or model."""
        co = [self.handler(c, lang) for c in ticket.co if c != ticket.lead]
        matched = outermost(matched)
        lines = [
            text("card_title", lang, ticket=ticket.id, status=self.status_word(ticket, lang, holder, returned=returned),
                 category=self.category(ticket, lang), priority=text(f"priority_{ticket.priority}", lang)),
        ]
        if ticket.priority == "emergency":  # the card says why at once: what matter, which words
            heard = (text("alarm_heard", lang, score=round(100 * alarm)),) if alarm is not None else ()
            lines.append(text("card_emergency", lang, category=self.category(ticket, lang),
                              matched=listed((*matched, *heard), lang) or "-"))
        lines += [text("card_place", lang, place=self.place(ticket, lang)), text("card_text", lang, text=ticket.text)]
        triage = holder == self.book.fallback and ticket.lead == holder and ticket.category is None
        if triage and ticket.options:
            lines.append(text("card_triage", lang, options="；".join(
                f"{i}. {self.option(o, lang)}" for i, o in enumerate(ticket.options, 1))))
        if ticket.supporters:
            lines.append(text("card_supporters", lang, count=ticket.supporters))
        if ticket.joint:
            signed = [self.handler(h, lang) for h in ticket.handlers if h in ticket.acked_by]
            waiting = [self.handler(h, lang) for h in ticket.handlers if h not in ticket.acked_by]
            none = text("nobody", lang)
            if ticket.state in (State.RESOLVED, State.CLOSED):  # done with: nobody is still waited for
                lines.append(text("card_joint_done", lang, signed=listed(signed, lang) or none))
            else:
                lines.append(text("card_joint", lang, signed=listed(signed, lang) or none,
                                  waiting=listed(waiting, lang) or none))
        if ticket.state is State.RESOLVED and ticket.followers and ticket.callback_deadline:
            lines.append(text("card_verdicts", lang, count=len(ticket.verdicts), total=len(ticket.asked),
                              due=self.local(ticket.callback_deadline)))
        if holder in self.show_reporter_to:
            lines.append(text("card_reporter", lang, reporter=ticket.reporter))
        lines.append(text("card_handlers", lang, lead=self.handler(ticket.lead, lang),
                          co=text("card_co", lang, co=listed(co, lang)) if co else ""))
        if ticket.sign_deadline and ticket.resolve_deadline:
            lines.append(text("card_deadlines", lang, sign=self.local(ticket.sign_deadline),
                              resolve=self.local(ticket.resolve_deadline)))
        if ticket.rule:
            rule = text("rule_assigned", lang, street=self.handler(self.book.fallback, lang)) if assigned else \
                self.rule(ticket.rule, lang, alarm=alarm is not None)
            lines.append(text("card_rule", lang, rule=rule,
                              matched=listed(matched, lang) or "-"))
        if ticket.state not in (State.RESOLVED, State.CLOSED):
            # what to do, while there is something to do: a resolved or closed card asks nothing (the supervision and
            # extension cards, of open tickets, take the lines between the title and this one)
            lead = holder == ticket.lead  # a co-handler signs for it and adds notes; the lead resolves and passes it on
            lines.append(text(("card_actions_triage" if ticket.options else "card_actions_dispatch") if triage else
                              "card_actions" if lead else "card_actions_co", lang))
        return lines

    def today(self) -> date:
        """Return today's date in the community's time zone."""
        return datetime.now(self._tz).date()

    def local(self, when: datetime) -> str:
        return when.astimezone(self._tz).strftime("%m-%d %H:%M")

    def step(self, ticket: Ticket, event: Event, lang: str | None) -> str | None:
        """Return the line that tells ``event`` (a move on ``ticket``), or ``None`` if it is not told."""
        who = self.handler(event.actor_handler, lang)
        target = self.handler(event.target, lang)
        match event.kind:
            case Move.ROUTED:  # after the resident was asked which matter: their pick, or the street office
                if event.data.get("triage"):
                    return text("step_triaged", lang, street=self.handler(self.book.fallback, lang))
                return text("step_chosen", lang, category=self.category(ticket, lang),
                            lead=self.handler(ticket.lead, lang))
            case Move.ASSIGNED if ticket.category is None:  # given to a unit, no matter named (!分拨 城管)
                return text("step_assigned_unit", lang, street=who, lead=self.handler(ticket.lead, lang))
            case Move.ASSIGNED:
                return text("step_assigned", lang, street=who, category=self.category(ticket, lang),
                            lead=self.handler(ticket.lead, lang))
            case Move.ACKNOWLEDGED:
                return text("step_acknowledged", lang, handler=who)
            case Move.NOTE:
                speaker = who if event.actor_handler else text("resident", lang)
                if event.data.get("media"):
                    return text("step_picture", lang, who=speaker)
                return text("step_note", lang, who=speaker, text=event.reason or "")
            case Move.TRANSFERRED:
                return text("step_transferred", lang, handler=who, target=target, reason=event.reason or "")
            case Move.RETURNED:
                return text("step_returned", lang, handler=who, target=target, reason=event.reason or "")
            case Move.RESOLVED:
                return text("step_resolved", lang, handler=who, text=event.reason or "")
            case Move.VERIFIED:
                if ticket.state is State.CLOSED:
                    return text("step_verified", lang)
                due = self.local(ticket.callback_deadline) if ticket.callback_deadline else "-"
                return text("step_verified_some", lang, count=len(ticket.verdicts), total=len(ticket.asked),
                            due=due)
            case Move.CLOSED:
                return text("step_closed", lang, count=len(ticket.verdicts), total=len(ticket.asked))
            case Move.REOPENED:
                return text("step_reopened", lang, target=self.handler(ticket.lead, lang))
            case Move.EXPEDITED:  # an emergency now: whom to call is said with it, as with a report of one
                line = text("step_expedited", lang, handler=who, priority=text(f"priority_{ticket.priority}", lang),
                            reason=event.reason or "")
                if ticket.priority == "emergency":
                    line += "\n" + text("hotline", lang, hotline=self.book.hotline_for(ticket.category))
                return line
            case Move.RATED:
                return text("step_rated", lang, rating=text(f"rating_{event.data.get('rating')}", lang))
            case Move.LOCATED:
                return text("step_located", lang, place=self.place(ticket, lang))
            case Move.WITHDRAWN if event.actor != ticket.reporter:
                return text("step_support_withdrawn", lang, count=ticket.supporters + 1)
            case Move.WITHDRAWN:
                return text("step_withdrawn", lang)
            case Move.EXTENSION_ASKED:
                return text("step_extension_asked", lang, handler=who, days=event.data.get("days"),
                            reason=event.reason or "", street=self.handler(self.book.fallback, lang))
            case Move.EXTENDED:
                due = self.local(ticket.resolve_deadline) if ticket.resolve_deadline else "-"
                return text("step_extended", lang, street=who, days=event.data.get("days"), due=due)
            case Move.EXTENSION_REFUSED:
                return text("step_extension_refused", lang, street=who, reason=event.reason or "")
            case Move.SUPPORTED:  # the handler sees what the supporter said and where (another building, maybe)
                said = " ".join(str(event.data.get("text") or "").split())[:200]
                if not said:
                    return text("step_supported", lang, count=ticket.supporters + 1)
                where = self.where(None, event.data.get("estate"), event.data.get("building"), None, lang)
                return text("step_supported_said", lang, count=ticket.supporters + 1,
                            said=f"{where}：{said}" if where else said)
            case Move.WHISTLED:
                summoned = listed((self.handler(h, lang) for h in event.data.get("summon", ())), lang)
                return text("step_whistled", lang, count=event.data.get("reports", ticket.supporters + 1),
                            summon=summoned, lead=self.handler(ticket.lead, lang))
            case Move.REMINDED | Move.ESCALATED:
                deadline = str(event.data.get("deadline", "resolve"))
                what = text(f"deadline_{deadline}", lang)
                if event.kind is Move.ESCALATED:
                    return text("step_escalated", lang, ticket=ticket.id, deadline=what, target=target)
                if event.data.get("overdue"):
                    return text("step_overdue", lang, ticket=ticket.id, deadline=what, target=target)
                due = self.local(datetime.fromisoformat(str(event.data.get("due")))) if event.data.get("due") else "-"
                return text("step_reminded", lang, ticket=ticket.id, deadline=what, due=due)
        return None

    def status(self, ticket: Ticket, lang: str | None) -> str:
        return text("status_line", lang, ticket=ticket.id, category=self.category(ticket, lang),
                    state=text(f"state_{ticket.state}", lang), lead=self.handler(ticket.lead, lang))
