"""The demo's clock always starts past everything in the store, so an earlier run's open tickets stay apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from chatops.local.demo import DEMO_GAP, _next_offset
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Router


async def test_the_clock_moves_two_days_past_the_last_run(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "s.sqlite") as store:
        bot: object = SimpleNamespace(store=store)
        first = await _next_offset(bot)  # type: ignore[arg-type]
        assert first == DEMO_GAP
        assert await _next_offset(bot) == 2 * DEMO_GAP  # type: ignore[arg-type]


async def test_the_clock_starts_past_the_latest_event_even_if_its_offset_was_lost(tmp_path: Path,
                                                                                    mini_router: Router) -> None:
    later = datetime.now(UTC) + timedelta(days=10)
    async with await Store.open(tmp_path / "s.sqlite") as store:
        await TicketService(store, mini_router, clock=lambda: later).report(source="m:1", reporter="@a:x",
                                                                             text="电梯坏了")
        assert await store.latest_event_at() is not None
        offset = await _next_offset(SimpleNamespace(store=store))  # type: ignore[arg-type]
    assert offset >= timedelta(days=10) + DEMO_GAP - timedelta(seconds=5)
