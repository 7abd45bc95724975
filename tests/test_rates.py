"""The rates staff see: a fair ranking (smoothing and a minimum count), !stats, the monthly post, the report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import research
from chatops.chat.bot import Bot
from chatops.chat.rates import Period, PeriodError
from chatops.cli.main import main
from chatops.tickets.store import Store
from tests.conftest import MINI
from tests.test_bot import GRID, PROP, PROPERTY, STREET, t, turn

pytest_plugins = ["tests.test_bot"]


def test_smoothing_keeps_a_small_handler_from_topping_the_table() -> None:
    # satisfied / rated: small 2 of 2, big 45 of 50, middling 30 of 40
    rates = pd.DataFrame({"name": ["small", "big", "mid"], "satisfied": [2, 45, 30], "ratings": [2, 50, 40]},
                         index=["small", "big", "mid"])
    ranked = research.rank(rates, "satisfaction", min_count=5, prior=10)
    pooled = 77 / 92
    assert ranked.attrs["pooled"] == pytest.approx(pooled)
    for h, x, n in (("small", 2, 2), ("big", 45, 50), ("mid", 30, 40)):
        assert ranked.loc[h, "smoothed"] == pytest.approx((x + 10 * pooled) / (n + 10))  # (x + m·p) / (n + m)
    assert ranked.loc["small", "raw"] == 1.0 and ranked.loc["small", "smoothed"] < 0.92  # pulled to the pool
    assert pd.isna(ranked.loc["small", "rank"])  # 2 cases: below the minimum count, not ranked at all
    assert list(ranked.index[:2]) == ["big", "mid"] and ranked.loc["big", "rank"] == 1
    unsmoothed = research.rank(rates, "satisfaction", min_count=1, prior=0)
    assert unsmoothed.index[0] == "small"  # what a raw table would have said


def test_period() -> None:
    today = date(2026, 1, 15)
    assert str(Period.parse(None, today=today)) == "2026-01"
    assert str(Period.parse(None, today=today).previous()) == "2025-12"
    assert str(Period.parse("2026-3", today=today)) == "2026-03"
    for bad in ("2026-13", "26-1", "march"):
        with pytest.raises(PeriodError):
            Period.parse(bad, today=today)


async def _a_month(bot: Bot) -> None:
    net = t(bot)
    for i, who in enumerate(("@a:t", "@b:t", "@c:t")):
        net.say(GRID if i == 0 else "!all:t", who, f"楼道漏水 {i}")
    await turn(bot)
    for n in (1, 2, 3):
        net.say(PROPERTY, PROP, f"!签收 {n}")
        net.say(PROPERTY, PROP, f"!办结 {n} 修好了")
    await turn(bot)


async def test_stats_in_a_handler_room_and_the_ranking_for_the_street_office(bot: Bot, store: Store,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    await _a_month(bot)
    monkeypatch.setattr(bot.voice, "today", lambda: date(2026, 11, 20))  # the fake clock's month
    net = t(bot)
    first = net.say(PROPERTY, PROP, "!统计")
    second = net.say(STREET, "@st:t", "!stats 2026-11")
    third = net.say(PROPERTY, PROP, "!统计 十一月")
    await turn(bot)  # counted beside the loop: every other event is handled meanwhile
    await bot.settle()
    await bot.outbox.flush()
    own, table, bad = (next(s.body for s in net.sent if s.thread_root == e) for e in (first, second, third))
    assert "「物业委员会」2026-11 评价" in own and "响应率 100%（3/3）" in own and "不足 5 件，不排名" in own
    assert "| 物业委员会 |" in table.replace("| - | 物业委员会 |", "| 物业委员会 |") and "满意率" in table
    assert "年-月" in bad

    monkeypatch.setattr(bot.voice, "today", lambda: date(2026, 12, 1))  # a new month: last month's ranking
    await bot.post_ranking()
    await bot.post_ranking()  # once only
    await bot.outbox.flush()
    posted = [s for s in net.in_room(STREET) if "2026-11 处理单位评价" in s.body and s.thread_root is None]
    assert len(posted) == 1 and "物业委员会" in posted[0].body


def test_report_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "sim.sqlite"
    assert main(["simulate", "--tickets", "400", "--seed", "5", "--days", "60", "--out", str(store), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["report", "--store", str(store), "--period", "2026-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2026-01" and data["min_count"] == 5
    ranks = [h["satisfaction"]["rank"] for h in data["handlers"] if h["satisfaction"]["rank"] is not None]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert all(h["satisfaction"]["n"] >= 5 for h in data["handlers"] if h["satisfaction"]["rank"] is not None)
    assert main(["--lang", "en", "report", "--store", str(store), "--period", "2026-1", "--format", "md"]) == 0
    assert "| # | handler | response |" in capsys.readouterr().out
    assert main(["report", "--store", str(store), "--period", "1月"]) == 1
    assert "年-月" in capsys.readouterr().err


async def test_stats_counted_in_a_child_process(bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rulebook = tmp_path / "mini.yaml"
    rulebook.write_text(MINI, encoding="utf-8")
    bot.rulebook_path = rulebook  # as the real bot runs: pandas stays out of its process
    await _a_month(bot)
    monkeypatch.setattr(bot.voice, "today", lambda: date(2026, 11, 20))
    net = t(bot)
    asked = net.say(PROPERTY, PROP, "!统计")
    net.say(PROPERTY, PROP, "!待办")  # the next event is handled while the child process counts
    await turn(bot)
    assert "未办结" in net.sent[-1].body or "没有未办结" in net.sent[-1].body
    await bot.settle()
    await bot.outbox.flush()
    assert "响应率 100%（3/3）" in next(s.body for s in net.sent if s.thread_root == asked)


def test_a_month_read_alone_gives_the_rates_of_the_whole_log(tmp_path: Path) -> None:
    """read_log(touched=...) reads only the tickets the period touched; every rate of it is unchanged."""
    from datetime import UTC, datetime, timedelta

    from research.rates import handler_rates

    store = tmp_path / "sim.sqlite"
    research.simulate(store, 500, 11, config=research.SimConfig(days=90, burst_share=0.1))
    whole = research.read_log(store, key=b"k" * 16)
    first = whole.events["at"].min().to_pydatetime()
    windows = [(first + timedelta(days=d), first + timedelta(days=d + n)) for d, n in ((0, 31), (30, 28), (45, 9))]
    for start, end in windows:
        part = research.read_log(store, key=b"k" * 16, touched=(start, end))
        assert 0 < len(part.tickets) < len(whole.tickets) and len(part.events) < len(whole.events)
        expected = handler_rates(whole, start=start, end=end - timedelta(microseconds=1))
        got = handler_rates(part, start=start, end=end - timedelta(microseconds=1))
        assert expected["assignments"].sum() > 0 and expected["resolutions"].sum() > 0
        pd.testing.assert_frame_equal(got, expected, check_categorical=False)
    with pytest.raises(ValueError):
        research.read_log(store, key=b"k" * 16, touched=(datetime(2026, 1, 1), datetime(2026, 2, 1)))
    empty = research.read_log(store, key=b"k" * 16, touched=(datetime(2000, 1, 1, tzinfo=UTC),
                                                             datetime(2000, 2, 1, tzinfo=UTC)))
    assert len(empty.tickets) == 0 and len(empty.events) == 0


def test_the_wilson_interval_holds_the_rate_even_at_none_and_all() -> None:
    from research.rates import _wilson

    x, n = pd.Series([0, 10, 7, 1]), pd.Series([10, 10, 9, 3])
    low, high = _wilson(x, n, 1.96)
    rate = x / n
    assert ((low <= rate) & (rate <= high) & (low >= 0) & (high <= 1)).all()
    assert low[0] == 0.0 and high[1] == 1.0


async def test_a_count_cancelled_at_the_stop_takes_its_child_process_with_it(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    import chatops.chat.rates as rates

    rulebook = tmp_path / "mini.yaml"
    rulebook.write_text(MINI, encoding="utf-8")
    async with await Store.open(tmp_path / "s.sqlite"):
        pass
    children: list[asyncio.subprocess.Process] = []
    spawn = asyncio.create_subprocess_exec

    async def spawned(*args: object, **kw: object) -> asyncio.subprocess.Process:
        proc = await spawn(*args, **kw)  # type: ignore[arg-type]
        children.append(proc)
        return proc

    monkeypatch.setattr(asyncio, "create_subprocess_exec", spawned)
    counting = asyncio.create_task(rates.handler_table_apart(tmp_path / "s.sqlite", rulebook,
                                                             Period.parse("2026-11", today=date(2026, 12, 2))))
    while not children:
        await asyncio.sleep(0.01)
    counting.cancel()  # the bot stops while the child still loads
    with pytest.raises(asyncio.CancelledError):
        await counting
    assert children[0].returncode is not None  # killed and waited for: nothing left behind
