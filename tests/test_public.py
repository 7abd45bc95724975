"""What the public board shows of a ticket's steps."""

from __future__ import annotations

import asyncio
from pathlib import Path

from chatops.tickets.public import public_ticket
from chatops.tickets.store import Store
from rules import load_rulebook
from tests.test_points import support_taken_back


def test_a_support_taken_back_is_no_step_on_the_board(tmp_path: Path) -> None:
    """A tester saw "又有居民反映同一问题（附议）" on the board for supports their residents had deleted."""
    path = tmp_path / "store.sqlite"
    asyncio.run(support_taken_back(path))

    async def read() -> tuple:
        async with await Store.open(path, readonly=True) as store:
            return await store.ticket(1), await store.events(1)

    ticket, events = asyncio.run(read())
    shown = public_ticket(ticket, events, load_rulebook())
    assert [s.kind for s in shown.steps].count("supported") == 1  # Carol's; Bob deleted his
    assert [e.kind for e in events].count("supported") == 2 and shown.supporters == 1
