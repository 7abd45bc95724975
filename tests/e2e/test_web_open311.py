"""The web face on a real Synapse: a report from another system through Open311 reaches its handler's room,
and the board shows what chat and Open311 made, without a person in sight."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx

from chatops.tickets.store import Store
from chatops.web.serve import serve_web
from rules import load_rulebook
from tests.e2e.test_bot_flow import World, is_card, world  # noqa: F401  (the fixture)


async def test_an_open311_report_reaches_the_handler_and_the_board(world: World) -> None:  # noqa: F811
    w = world
    report = await w.alice.say(w.rooms["grid"], "安居苑1号楼楼上漏水了")
    await w.heard(w.alice, "grid", lambda s: s.thread_root == report)
    async with await Store.open(w.settings.store) as store, store.write() as tx:
        await tx.add_api_key("city", "a-key-for-the-city-hotline", datetime.now(UTC))
    assert w.settings.rulebook is not None
    stop, urls = asyncio.Event(), []
    web = asyncio.create_task(serve_web(w.settings.store, load_rulebook(w.settings.rulebook), stop, port=8530,
                                        started=urls.append))
    try:
        while not urls:
            await asyncio.sleep(0.05)
        async with httpx.AsyncClient(base_url=urls[0], timeout=30) as client:
            made = await client.post("/open311/v2/requests.json", data={
                "api_key": "a-key-for-the-city-hotline", "service_code": "lift", "address_id": "g1",
                "description": "安居苑2号楼电梯坏了，一直停在三楼", "device_id": "hotline-caller-88"})
            assert made.status_code == 200, made.text
            number = int(made.json()[0]["service_request_id"])
            card = await w.heard(w.prop, "property", lambda s: is_card(s, number), timeout=60)
            assert "电梯坏了" in card.body and "hotline-caller" not in card.body
            board = (await client.get("/")).text
            assert f"第 {number} 号" in board and "第 1 号" in board
            for page in (board, (await client.get(f"/tickets/{number}")).text,
                         (await client.get("/open311/v2/requests.json")).text):
                assert "@" not in page and "电梯坏了" not in page and "漏水了" not in page
    finally:
        stop.set()
        await web
