"""The web face on a real Synapse: a report from another system through Open311 reaches its handler's room,
and the board shows what chat and Open311 made, without a person in sight."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx

from chatops.tickets.store import Store
from chatops.web.serve import serve_web
from rules import load_rulebook
from tests.e2e.conftest import PASSWORD
from tests.e2e.test_bot_flow import World, is_card, world  # noqa: F401  (the fixture)


@contextlib.asynccontextmanager
async def serving(w: World, port: int) -> AsyncIterator[str]:
    """Serve the board over the world's store (staff log in at its homeserver); yield its address."""
    assert w.settings.rulebook is not None
    stop, urls = asyncio.Event(), []
    web = asyncio.create_task(serve_web(w.settings.store, load_rulebook(w.settings.rulebook), stop, port=port,
                                        started=urls.append, homeserver=w.settings.homeserver))
    try:
        while not urls:
            await asyncio.sleep(0.05)
        yield urls[0]
    finally:
        stop.set()
        await web


async def test_an_open311_report_reaches_the_handler_and_the_board(world: World) -> None:  # noqa: F811
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑1号楼楼上漏水了")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    async with await Store.open(w.settings.store) as store, store.write() as tx:
        await tx.add_api_key("city", "a-key-for-the-city-hotline", datetime.now(UTC))
    async with serving(w, 8530) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        made = await client.post("/open311/v2/requests.json", data={
            "api_key": "a-key-for-the-city-hotline", "service_code": "lift", "address_id": "g1",
            "description": "安居苑2号楼电梯坏了，一直停在三楼", "device_id": "hotline-caller-88"})
        assert made.status_code == 200, made.text
        number = int(made.json()[0]["service_request_id"])
        card = await w.heard(w.prop, "property", lambda s: is_card(s, number), timeout=15)  # seconds, not 30
        assert "电梯坏了" in card.body and "hotline-caller" not in card.body
        board = (await client.get("/")).text
        assert f"第 {number} 号" in board and "第 1 号" in board
        for page in (board, (await client.get(f"/tickets/{number}")).text,
                     (await client.get("/open311/v2/requests.json")).text):
            assert "@" not in page and "电梯坏了" not in page and "漏水了" not in page


def _token(page: str) -> str:
    found = re.search(r'name="csrftoken" value="([^"]+)"', page)
    assert found, "the form carries a CSRF token"
    return found.group(1)


async def test_staff_log_in_with_their_matrix_account_and_see_their_handlers_work(world: World) -> None:  # noqa: F811
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑1号楼楼上漏水了")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    async with serving(w, 8540) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        assert (await client.get("/staff")).headers["location"] == "/staff/login"
        form = (await client.get("/staff/login")).text
        token = _token(form)
        no_token = await client.post("/staff/login", data={"user": w.prop.user_id, "password": PASSWORD})
        assert no_token.status_code == 403  # CSRF: a form without its token is refused
        resident = await client.post("/staff/login", data={"csrftoken": token, "user": w.alice.user_id,
                                                           "password": PASSWORD})
        assert resident.status_code == 403 and "不是任何单位房间里的工作人员" in resident.text
        wrong = await client.post("/staff/login", data={"csrftoken": token, "user": w.prop.user_id,
                                                        "password": "not it"})
        assert wrong.status_code == 403 and "账号或密码不对" in wrong.text
        ok = await client.post("/staff/login", data={"csrftoken": token, "user": w.prop.user_id,
                                                     "password": PASSWORD})
        assert ok.status_code == 303 and ok.headers["location"] == "/staff"
        page = (await client.get("/staff")).text
        assert "本单位：物业委员会" in page and 'href="/tickets/1"' in page and "https://matrix.to/#/" in page
        assert w.alice.user_id not in page and "漏水了" not in page
        staff_map = (await client.get("/staff/map")).text
        assert "place-building" in staff_map and 'href="/staff?grid=g1"' in staff_map  # down to buildings
        out = await client.post("/staff/logout", data={"csrftoken": _token(page)})
        assert out.status_code == 303
        assert (await client.get("/staff")).status_code == 303  # logged out
        street = await client.post("/staff/login", data={"csrftoken": token, "user": w.street.user_id,
                                                         "password": PASSWORD})
        assert street.status_code == 303
        assert "街道：全部单位" in (await client.get("/staff")).text


async def test_staff_log_in_through_a_real_browser(world: World) -> None:  # noqa: F811
    """The login form in Chromium: a resident is refused, a handler's staff gets their dashboard, logout ends it."""
    import shutil

    from playwright.async_api import async_playwright, expect

    from tests.test_web_browser import FLAGS

    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑1号楼楼上漏水了")
    await w.heard(w.prop, "property", lambda s: is_card(s, 1))
    assert report
    async with serving(w, 8550) as url, async_playwright() as p:
        browser = await p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        page = await browser.new_page(locale="zh-CN")
        await page.goto(url + "staff")
        await expect(page.locator("h1")).to_have_text("工作人员登录")
        await page.fill("input[name=user]", w.alice.user_id)
        await page.fill("input[name=password]", PASSWORD)
        await page.click("button[type=submit]")
        await expect(page.locator("p.error")).to_contain_text("不是任何单位房间里的工作人员")
        await page.fill("input[name=user]", w.prop.user_id.split(":")[0].lstrip("@"))  # the bare name works too
        await page.fill("input[name=password]", PASSWORD)
        await page.click("button[type=submit]")
        await expect(page.locator(".intro")).to_contain_text("本单位：物业委员会")
        await expect(page.locator("#unsigned a[href='/tickets/1']")).to_be_visible()
        await page.get_by_text("退出登录").click()
        await page.goto(url + "staff")
        await expect(page.locator("h1")).to_have_text("工作人员登录")
        await browser.close()
