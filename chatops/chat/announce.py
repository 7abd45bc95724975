"""What a move causes in the rooms: every notice of one event, queued in the transaction that made it.

The resident's thread (and supporters' threads) hear of each step; each holder's card is edited and its
thread told; a new holder gets a fresh card with its staff mentioned; an escalation puts a supervision
card in the next level's room, an extension request a request in the street office's; after a resolve
every resident who reported the matter is asked for a verdict, then a rating.
"""

from __future__ import annotations

import logging
from typing import Any

from chatops.chat.notices import Voice, addressed, notice
from chatops.tickets.lifecycle import OPEN, Event, Move, Ticket
from chatops.tickets.store import Outgoing, Room, Transaction
from rules.catalogue import text

log = logging.getLogger(__name__)


def picture_note(event: Event) -> dict[str, Any] | None:
    """Return the outbox content that passes on the picture a note carries, or ``None`` if it carries none.

    >>> from datetime import UTC, datetime
    >>> picture_note(Event(1, Move.NOTE, "@a:x", datetime.now(UTC), reason="lift.jpg",
    ...                    data={"media": "mxc://hs/abc", "mimetype": "image/jpeg", "size": 10}))["media"]
    {'url': 'mxc://hs/abc', 'name': 'lift.jpg', 'mimetype': 'image/jpeg', 'size': 10}
    """
    url = event.data.get("media") if event.kind is Move.NOTE else None
    if not url:
        return None
    return {**notice(event.reason or ""), "media": {"url": url, "name": event.reason or "", "mimetype":
            event.data.get("mimetype") or "", "size": event.data.get("size")}}


class Announcer:
    """Queues the notices of events. ``handler_rooms`` and ``staff`` are kept current by the bot."""

    def __init__(self, voice: Voice, *, lang: str | None) -> None:
        self.voice, self.book, self.lang = voice, voice.book, lang
        self.handler_rooms: dict[str, str] = {}
        self.staff: dict[str, tuple[str, ...]] = {}  # room id -> staff to mention
        self.rooms: dict[str, Room] = {}  # room id -> room: a direct chat someone else joined hears nothing more

    async def __call__(self, tx: Transaction, before: Ticket, after: Ticket, event: Event) -> None:
        """Queue what a move causes: the step in the resident's thread and in every card's thread, card
        edits, a new card for a new holder, a supervision card for an escalation, the questions after a
        resolve, and reminders with the staff mentioned."""
        # a supporter gets a receipt of their own; reminders, asking for time and a deleted report are for handlers
        picture = picture_note(event)
        for_handlers = event.kind in (Move.SUPPORTED, Move.EXTENSION_ASKED, Move.WITHDRAWN) or (
            event.kind is Move.REMINDED and not event.data.get("overdue"))
        receipts = [] if for_handlers else await tx.outbox_for(after.id, "receipt")  # reporter's thread first
        sources = {after.source: after.reporter}  # whose each receipt's thread is: read when another's is among them
        if any(r.message.thread_root and f"matrix:{r.message.thread_root}" not in sources for r in receipts):
            sources = await tx.report_sources(after.id)  # (a neighbour's alone when a city's app made the ticket)
        by_resident = event.actor_handler is None and event.actor != "system"
        told: set[tuple[str, str | None, int | None, tuple[str, ...]]] = set()
        # per thread, in the order first met: the step's lines (each once, in every language its receipts were
        # written in: one message, not one per language) and the questions asked there
        threads: dict[tuple[str, str | None, int | None], tuple[list[str], list[Outgoing]]] = {}
        for receipt in receipts:
            room, root = receipt.message.room_id, receipt.message.thread_root
            kept = self.rooms.get(room)
            if kept is not None and kept.kind == "shared":
                continue  # no longer private: its steps go to the direct chat opened instead (see ``Bot``)
            # a receipt moved to a new direct chat threads under nothing: it is its owner's; one in someone else's
            # thread (a neighbour's 我家也是, an emergency told there) names whose it is
            mentioned = receipt.message.content.get("mentions") or []
            resident = (mentioned[0] if len(mentioned) == 1 else None) or sources.get(f"matrix:{root}") or \
                (kept.ref if kept and kept.kind == "direct" else None)
            if resident is not None and resident not in after.residents:
                continue  # a supporter who took it back hears no more
            under = None if root else receipt.id  # a moved receipt is a thread of its own: replies there answer it
            # the language the report was written in (kept on its receipt), else the resident's, else the bot's
            lang = receipt.message.content.get("lang") or (await tx.lang_of(resident) if resident else None) or \
                self.lang
            lines: list[str] = []
            own = by_resident and event.actor == resident
            if event.kind is Move.RATED and not own:
                pass  # a rating is between its resident and the handler
            elif event.kind is Move.NOTE and by_resident and not own:
                pass  # a resident's words to the handler (a phone number, where the key is) are not for neighbours
            elif own and event.kind is Move.NOTE:
                if not event.data.get("source"):  # a report again, made a note: answered where it was said
                    lines.append(text("note_relayed", lang))
            elif event.kind is Move.EXTENSION_REFUSED:  # the resident hears the time limit stands (not the why)
                lines.append(text("step_extension_kept", lang, street=self.voice.handler(event.actor_handler, lang),
                                  due=self.voice.local(after.resolve_deadline) if after.resolve_deadline else "-"))
            elif own and event.kind is Move.LOCATED:
                lines.append(text("place_thanks", lang, place=self.voice.place(after, lang)))
            elif own and event.kind is Move.PUBLISHED:
                lines.append(text("published_done", lang, ticket=after.id))
            elif own and event.kind is Move.RATED:
                lines.append(text("rating_thanks", lang, rating=text(f"rating_{after.rating}", lang)))
            elif (line := self.voice.step(after, event, lang)) is not None:
                lines.append(line)
                if event.kind in (Move.ROUTED, Move.ASSIGNED) and resident == after.reporter and \
                        before.lead is None and self.voice.needs_place(after):
                    lines.append(self.voice.ask_place(after, lang))  # routed only now (a pick, a triage): where is it?
            said_here, asked_here = threads.setdefault((room, root, under), ([], []))
            said_here.extend(line for line in lines if line not in said_here)  # a thread hears each line once
            ask = None
            if resident and event.kind is Move.RESOLVED and after.awaits_verdict(resident):
                ask = ("ask_verdict", text("ask_verdict", lang, ticket=after.id))
            elif own and event.kind in (Move.VERIFIED, Move.REOPENED) and after.awaits_rating(event.actor):
                ask = ("ask_rating", text("ask_rating", lang, ticket=after.id))
            if ask and resident and (room, root, under, (resident,)) not in told:  # asked once, however many receipts
                told.add((room, root, under, (resident,)))
                # in a thread others' receipts share, the question names whom it asks
                shared = root is not None and sum(r.message.thread_root == root for r in receipts) > 1
                said = addressed(resident, ask[1]) if mentioned or shared else ask[1]
                asked_here.append(Outgoing(room, ask[0], notice(said, mentions=[resident]), after.id,
                                           thread_root=root, thread_of=under))
        for (room, root, under), (said_here, asked_here) in threads.items():
            if said_here:
                await tx.enqueue(Outgoing(room, "step", notice(said_here), after.id, thread_root=root, thread_of=under))
                if picture and not by_resident:  # staff's picture (the repair done) follows the line that says so
                    await tx.enqueue(Outgoing(room, "picture", picture, after.id, thread_root=root, thread_of=under))
            for question in asked_here:  # after the step that asks it
                await tx.enqueue(question)
        line_for = self.voice.step(after, event, self.lang)
        evidence: tuple[tuple[str, ...], float | None, bool] | None = None  # read once, for the cards that need it
        for handler in dict.fromkeys((*before.handlers, *after.handlers)):
            held = self.handler_rooms.get(handler)
            if held is None:  # no room of its own: nothing to edit (every room's cards are not its), said once
                if handler in after.handlers and handler not in before.handlers:
                    await self.card(tx, after, handler)
                continue
            cards = await tx.outbox_for(after.id, "card", held)
            evidence = evidence or await self.evidence(tx, after)
            if handler in after.handlers and (not cards or handler not in before.handlers):
                # a new holder gets a fresh card, and its staff a ping
                await self.card(tx, after, handler, matched=evidence[0], alarm=evidence[1], assigned=evidence[2])
                if cards:  # it had the ticket before: its old card points to the new one instead of asking twice
                    gone = notice(text("card_superseded", self.lang, ticket=after.id))
                    await tx.enqueue(Outgoing(cards[-1].message.room_id, "card_edit", gone, after.id,
                                              edit_of=cards[-1].id))
                continue
            card = cards[-1]
            lines = self.voice.card(after, self.lang, holder=handler, matched=evidence[0], alarm=evidence[1],
                                    assigned=evidence[2],
                                    returned=event.kind is Move.RETURNED and handler == before.lead)
            if handler not in after.handlers and after.state in OPEN:
                lines = lines[:-1]  # moved on from it: its old card asks nothing (a tester's still said 点 ✅ 报到)
            content = notice(lines)
            edits = [e for e in await tx.outbox_for(after.id, "card_edit", card.message.room_id)
                     if e.message.edit_of == card.id]
            if (edits[-1] if edits else card).message.content.get("lines") != content["lines"]:  # a note changes none
                await tx.enqueue(Outgoing(card.message.room_id, "card_edit", content, after.id, edit_of=card.id))
            if line_for:
                mention = self.staff.get(card.message.room_id, ()) if event.kind is Move.REMINDED else ()
                await tx.enqueue(Outgoing(card.message.room_id, "step", notice(line_for, mentions=mention), after.id,
                                          thread_of=card.id))
            if picture and handler != event.actor_handler:  # a picture follows the line that says whose it is (the
                # staff who posted it have it in their thread already)
                await tx.enqueue(Outgoing(card.message.room_id, "picture", picture, after.id, thread_of=card.id))
        if event.kind is Move.EXTENSION_ASKED and self.book.fallback in self.handler_rooms:
            room = self.handler_rooms[self.book.fallback]
            asker = self.voice.handler(after.lead, self.lang)
            lines = [text("extension_request", self.lang, ticket=after.id, handler=asker,
                          days=event.data.get("days"), reason=event.reason or ""),
                     *self.voice.card(after, self.lang, holder=self.book.fallback, matched=(
                         evidence := evidence or await self.evidence(tx, after))[0], alarm=evidence[1],
                         assigned=evidence[2])[1:-1],
                     text("extension_actions", self.lang)]
            await tx.enqueue(Outgoing(room, "extension_request", notice(lines, mentions=self.staff.get(room, ())),
                                      after.id))
        if event.kind in (Move.EXTENDED, Move.EXTENSION_REFUSED) and line_for:
            for request in (await tx.outbox_for(after.id, "extension_request"))[-1:]:  # told where asked
                await tx.enqueue(Outgoing(request.message.room_id, "step", notice(line_for), after.id,
                                          thread_of=request.id))
        if event.kind is Move.ESCALATED and event.target in self.handler_rooms:
            room = self.handler_rooms[event.target]
            late = self.voice.handler(after.lead, self.lang)
            lines = [text("supervise_title", self.lang, ticket=after.id, handler=late),
                     *self.voice.card(after, self.lang, holder=event.target, matched=(
                         evidence := evidence or await self.evidence(tx, after))[0], alarm=evidence[1],
                         assigned=evidence[2])[1:-1]]
            await tx.enqueue(Outgoing(room, "supervise", notice(lines, mentions=self.staff.get(room, ())), after.id))

    async def evidence(self, tx: Transaction, ticket: Ticket) -> tuple[tuple[str, ...], float | None, bool]:
        """Return the words behind ``ticket``'s last routing, the model's emergency score when it alone made the
        ticket an emergency, and whether staff placed it since (分拨: no words, no model): a card keeps saying why
        when it is edited or handed on."""
        events = await tx.events(ticket.id)
        placed = [e for e in events if e.kind in (Move.ROUTED, Move.ASSIGNED)]
        raised = next((e for e in reversed(events) if e.kind is Move.EXPEDITED), None)
        # staff made it more pressing than its words: their reason is told after the routing's words (a tester's
        # card had lost those for it)
        also = (text("expedited_why", self.lang, handler=self.voice.handler(raised.actor_handler, self.lang),
                     reason=raised.reason or ""),) if raised is not None else ()
        if not placed:
            return also, None, False
        if placed[-1].kind is Move.ASSIGNED:
            return also, None, True
        data, rule = placed[-1].data, placed[-1].rule or ""
        urgent = tuple(w for w in data.get("urgent", ()) if w not in data.get("matched", ()))
        alarm = data.get("model_emergency") if rule.endswith(".urgent") and not data.get("urgent") else None
        return (*data.get("matched", ()), *urgent, *also), None if also else alarm, False

    async def card(self, tx: Transaction, ticket: Ticket, handler: str, *,
                   matched: tuple[str, ...] = (), alarm: float | None = None, assigned: bool = False) -> int | None:
        """Queue ``handler``'s card of ``ticket``; return its outbox id (``None``: the handler has no room).
        ``alarm``: the model's emergency score when it, not an urgent word, made the ticket an emergency."""
        room = self.handler_rooms.get(handler)
        if room is None:
            log.warning("handler %s has no room; ticket %s is kept in the store", handler, ticket.id)
            return None
        lines = self.voice.card(ticket, self.lang, holder=handler, matched=matched, alarm=alarm, assigned=assigned)
        return await tx.enqueue(Outgoing(room, "card", notice(lines, mentions=self.staff.get(room, ())), ticket.id))

