"""The public board in a real browser: Debian's Chromium driven by Playwright, against ``whistle web``'s app
served by uvicorn over a simulated store (the real ticket service wrote it).

Flows: the board's filters (htmx swaps the rows and the address), a ticket's timeline, the language
switch, a phone's screen, and a new ticket appearing while the board is open. ``make test`` installs
Chromium and a Chinese font (``.ci/browser``). Set ``WHISTLE_SCREENSHOTS=DIR`` to keep screenshots.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from chatops.web.serve import serve_web
from research.simulation import SimConfig, simulate
from rules import Place, Router, load_rulebook

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SHOTS = os.environ.get("WHISTLE_SCREENSHOTS")


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Serve the board over a fresh simulated store on a thread of its own; yield its address and the store."""
    path = tmp_path_factory.mktemp("board") / "sim.sqlite"
    simulate(path, 200, 5, config=SimConfig(days=90, drain_days=1))
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    urls: list[str] = []
    ready = threading.Event()

    def started(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=loop.run_until_complete, daemon=True, args=(
        serve_web(path, load_rulebook(), stop, port=8470, started=started, live=1),))
    thread.start()
    assert ready.wait(30), "the board did not start"
    yield urls[0].rstrip("/"), path
    loop.call_soon_threadsafe(stop.set)
    thread.join(30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Chromium is missing: make test installs it (.ci/browser)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN")
    yield context.new_page()
    context.close()


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def count(path: Path, where: str = "") -> int:
    return int(sqlite3.connect(path).execute(f"SELECT COUNT(*) FROM tickets {where}").fetchone()[0])


def test_filters_swap_the_rows_and_the_address(page: Page, board: tuple[str, Path]) -> None:
    url, path = board
    page.goto(url + "/")
    expect(page.locator(".count")).to_have_text(f"共 {count(path)} 件")
    shot(page, "board")
    page.select_option("select[name=state]", "closed")
    closed = count(path, "WHERE state = 'closed'")
    expect(page.locator(".count")).to_have_text(f"共 {closed} 件")
    expect(page).to_have_url(re.compile(r"state=closed"))
    assert page.locator("li.ticket").count() > 0
    assert page.locator("li.ticket .state").evaluate_all("els => els.every(e => e.textContent.includes('已办结'))")
    grid = load_rulebook().grids[0]
    page.select_option("select[name=grid]", grid.id)
    both = count(path, f"WHERE state = 'closed' AND grid = '{grid.id}'")
    expect(page.locator(".count")).to_have_text(f"共 {both} 件")
    page.wait_for_timeout(2500)  # the rows refresh every second here: with the filters chosen, not the page's first
    expect(page.locator(".count")).to_have_text(f"共 {both} 件")
    assert f"grid={grid.id}" in (page.locator("#rows").get_attribute("hx-get") or "")
    page.go_back()
    expect(page).to_have_url(re.compile(r"state=closed(?!.*grid)"))
    # the filters shown match the address gone back to (a tester's showed 全部 beside a filtered list)
    expect(page.locator("select[name=grid]")).to_have_value("")
    expect(page.locator("select[name=state]")).to_have_value("closed")
    expect(page.locator(".count")).to_have_text(f"共 {closed} 件")


def test_a_refresh_in_flight_never_undoes_a_filter(page: Page, board: tuple[str, Path]) -> None:
    """The rows' own refresh was on its way with the old filters when a resident chose another one; its answer
    came back first. The rows shown are the ones chosen (CI once showed every closed ticket under a grid's
    address: the late answer of the filter was swapped into rows the refresh had already replaced)."""
    url, path = board
    held: dict[str, Route] = {}

    def hold(route: Route) -> None:
        kind = "refresh" if route.request.headers.get("hx-trigger") == "rows" else "filter"
        if route.request.headers.get("hx-request") and kind not in held:
            held[kind] = route
        else:
            route.continue_()

    page.goto(url + "/?state=closed")
    def waits(kind: str) -> bool:
        for _ in range(50):
            if kind in held:
                return True
            page.wait_for_timeout(100)
        return False

    page.route(re.compile(r"/\?"), hold)
    assert waits("refresh"), "the rows did not ask to be refreshed"
    grid = load_rulebook().grids[0]
    page.select_option("select[name=grid]", grid.id)
    assert waits("filter"), "choosing a grid asked nothing"
    with contextlib.suppress(PlaywrightError):  # the stale refresh answers first (unless the page gave it up)
        held["refresh"].continue_()
    page.wait_for_timeout(500)
    held["filter"].continue_()
    both = count(path, f"WHERE state = 'closed' AND grid = '{grid.id}'")
    expect(page).to_have_url(re.compile(rf"grid={grid.id}"))
    expect(page.locator(".count")).to_have_text(f"共 {both} 件")
    page.wait_for_timeout(2500)  # and the refreshes after it keep the filters chosen
    expect(page.locator(".count")).to_have_text(f"共 {both} 件")
    page.unroute_all(behavior="ignoreErrors")


def test_a_tickets_timeline(page: Page, board: tuple[str, Path]) -> None:
    url, _ = board
    page.goto(url + "/?state=closed")
    first = page.locator("li.ticket a").first
    number = re.search(r"\d+", first.locator(".number").inner_text())
    first.click()
    assert number is not None
    expect(page.locator("h1")).to_contain_text(f"第 {number.group()} 号")
    steps = page.locator("ol.timeline li")
    expect(steps.first).to_contain_text("居民反映")
    assert steps.count() >= 4
    assert "@" not in page.content()
    shot(page, "ticket")
    page.get_by_text("返回公开栏").click()
    expect(page.locator("h1")).to_have_text("公开栏")


def test_english_switch(page: Page, board: tuple[str, Path]) -> None:
    url, _ = board
    page.goto(url + "/")
    page.get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Public board")
    page.goto(url + "/")
    expect(page.locator("h1")).to_have_text("Public board")  # remembered
    page.get_by_text("中文").click()
    expect(page.locator("h1")).to_have_text("公开栏")


def test_a_phone_sees_the_board_without_scrolling_sideways(browser: Browser, board: tuple[str, Path]) -> None:
    url, _ = board
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  locale="zh-CN")
    page = context.new_page()
    page.goto(url + "/")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    expect(page.locator("select[name=state]")).to_be_visible()
    shot(page, "board-phone")
    context.close()


async def _report(path: Path) -> int:
    async with await Store.open(path) as store:
        later = await store.latest_event_at()
        assert later is not None
        service = TicketService(store, Router(load_rulebook()), clock=lambda: later + timedelta(minutes=5))
        receipt = await service.report(source="browser-test:1", reporter="@new:sim", text="安居苑3号楼电梯又坏了",
                                       place=Place("grid1"))
        return receipt.ticket.id


def test_a_new_ticket_appears_while_the_board_is_open(page: Page, board: tuple[str, Path]) -> None:
    url, path = board
    page.goto(url + "/")
    before = count(path)
    expect(page.locator(".count")).to_have_text(f"共 {before} 件")
    with concurrent.futures.ThreadPoolExecutor(1) as aside:  # Playwright's own loop runs on this thread
        number = aside.submit(asyncio.run, _report(path)).result()
    expect(page.locator(".count")).to_have_text(f"共 {before + 1} 件", timeout=10_000)
    expect(page.locator("li.ticket .number").first).to_have_text(f"第 {number} 号")
    assert "电梯又坏了" not in page.content()  # the resident did not publish it


def test_the_map_drills_down_to_a_grids_matters(page: Page, board: tuple[str, Path]) -> None:
    url, path = board
    page.goto(url + "/map")
    grid = load_rulebook().grids[1]
    place = page.locator(f'a.place-grid[data-grid="{grid.id}"]')
    expect(place).to_have_attribute("data-count", str(count(path, f"WHERE grid = '{grid.id}' AND state IN "
                                                                 "('routed', 'acknowledged')")))
    page.select_option("select[name=measure]", "reported")
    everything = count(path, f"WHERE grid = '{grid.id}'")
    expect(place).to_have_attribute("data-count", str(everything))
    shot(page, "map")
    place.locator("polygon").click(position={"x": 12, "y": 12})  # the grid itself, not an estate in it
    expect(page).to_have_url(re.compile(rf"grid={grid.id}"))
    expect(page.locator(".count")).to_have_text(f"共 {everything} 件")
