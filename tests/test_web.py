"""The public board and Open311 on a simulated store: what the public sees, and everything it must not see.

The store is a real SQLite file made by the simulator (the real ticket service and rule engine), with a
few moves added through the service: one reporter publishes their report, another resident adds a note
with private details. Every page and API response is then searched for chat ids and residents' words.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from starlette.testclient import TestClient

from chatops.tickets.lifecycle import Actor, LifecycleError, Move
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from chatops.web.app import create_app
from research.participation import simulate_participation
from research.simulation import SimConfig, simulate
from rules import Router, load_rulebook

PRIVATE_NOTE = "我家住3栋502，电话13800001111"


async def _residents_speak(path: Path) -> tuple[int, int]:
    """Return (the ticket whose reporter published it, the ticket a resident added a private note to)."""
    book = load_rulebook()
    async with await Store.open(path) as store:
        later = await store.latest_event_at()
        assert later is not None
        service = TicketService(store, Router(book), clock=lambda: later + timedelta(hours=1))
        tickets = await store.tickets(limit=40)
        published, noted = tickets[3], tickets[5]
        with pytest.raises(LifecycleError):  # only the reporter may publish their words
            await service.act(published.id, Actor("@someone-else:sim"), Move.PUBLISHED)
        await service.act(published.id, Actor(published.reporter), Move.PUBLISHED)
        await service.act(noted.id, Actor(noted.reporter), Move.NOTE, reason=PRIVATE_NOTE)
        return published.id, noted.id


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    path = tmp_path_factory.mktemp("web") / "sim.sqlite"
    simulate(path, 300, 11, config=SimConfig(days=120, drain_days=1))  # January to April; some still open
    simulate_participation(path, seed=11)  # and matters decided together (the /decisions page)
    published, noted = asyncio.run(_residents_speak(path))
    return path, published, noted


@pytest.fixture
def client(store: tuple[Path, int, int]) -> Iterator[TestClient]:
    with TestClient(create_app(store[0])) as c:
        yield c


def _secrets(path: Path) -> tuple[set[str], dict[int, str]]:
    """Return every chat id in the store and every resident's words (by ticket, the report's text)."""
    db = sqlite3.connect(path)
    ids = {a for (a,) in db.execute("SELECT DISTINCT actor FROM events WHERE actor != 'system'")}
    ids |= {a for (a,) in db.execute("SELECT DISTINCT actor FROM matter_events WHERE actor IS NOT NULL")}
    words = {t: x for t, x in db.execute("SELECT id, text FROM tickets")}
    for (x,) in db.execute("SELECT json_extract(data, '$.text') FROM events WHERE kind = 'supported'"):
        words[-len(words) - 1] = x
    db.close()
    return ids, words


def _leaks(body: str, ids: set[str], words: dict[int, str], allowed: int | None = None) -> list[str]:
    found = [i for i in ids if i in body]
    found += [w for t, w in words.items() if t != allowed and len(w) >= 6 and w in body]
    if re.search(r"@[a-z0-9._=-]+:[a-z0-9.-]+", body):
        found.append("a Matrix id pattern")
    return found


def test_no_page_or_response_shows_a_person_or_their_words(client: TestClient, store: tuple[Path, int, int]) -> None:
    path, published, _noted = store
    ids, words = _secrets(path)
    assert len(ids) > 50 and len(words) > 250
    book = load_rulebook()
    # a simulated report may be one of the rulebook's own keywords and nothing else (电梯安全隐患): those words are
    # public, listed with their service; any longer resident text is not
    public = {k for c in book.categories for k in c.keywords}
    words = {t: w for t, w in words.items() if w not in public}
    urls = ["/", "/?lang=en", "/?state=closed", "/?state=routed", "/?month=2026-03", "/?category=none",
            "/rates?month=2026-03", "/map", "/map?measure=reported&m=2", "/decisions", "/decisions?lang=en"]
    urls += [f"/?page={p}" for p in range(2, 17)]
    urls += [f"/?grid={g.id}" for g in book.grids]
    numbers = [n for (n,) in sqlite3.connect(path).execute("SELECT id FROM tickets ORDER BY id")]
    urls += [f"/tickets/{n}" for n in numbers]
    urls += [f"/open311/v2/requests.{fmt}?page_size=1000" for fmt in ("json", "xml")]
    urls += [f"/open311/v2/requests/{n}.json" for n in numbers[::7]]
    urls += ["/open311/v2/services.json", "/open311/v2/services.xml", "/open311/v2/discovery.json"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # the one report its resident chose to publish may show its words wherever it is shown alone or listed
        allowed = published if url in (f"/tickets/{published}", f"/open311/v2/requests/{published}.json",
                                       "/open311/v2/requests.json?page_size=1000",
                                       "/open311/v2/requests.xml?page_size=1000") else None
        assert not _leaks(response.text, ids, words, allowed), url
        assert PRIVATE_NOTE not in response.text and "13800001111" not in response.text, url


def test_a_report_its_resident_published_shows_its_words(client: TestClient, store: tuple[Path, int, int]) -> None:
    path, published, noted = store
    _ids, words = _secrets(path)
    page = client.get(f"/tickets/{published}").text
    assert words[published] in page and "本人已同意公开" in page
    api = client.get(f"/open311/v2/requests/{published}.json").json()[0]
    assert api["description"] == words[published]
    assert client.get(f"/open311/v2/requests/{noted}.json").json()[0]["description"] is None
    assert "居民补充了情况" in client.get(f"/tickets/{noted}").text  # the step, not the words


def test_the_rulebook_can_keep_every_word_private(store: tuple[Path, int, int]) -> None:
    path, published, _ = store
    book = load_rulebook()
    never = book.model_copy(update={"privacy": book.privacy.model_copy(update={"public_text": "never",
                                                                             "public_estate": False})})
    _ids, words = _secrets(path)
    with TestClient(create_app(path, rulebook=never)) as c:
        page = c.get(f"/tickets/{published}").text
        assert words[published] not in page
        estates = {e.name for g in book.grids for e in g.estates}
        board = c.get("/").text
        assert not any(f"· {e}" in board for e in estates)


def test_filters_show_what_the_store_holds(client: TestClient, store: tuple[Path, int, int]) -> None:
    db = sqlite3.connect(store[0])
    for grid, count in db.execute("SELECT grid, COUNT(*) FROM tickets WHERE grid IS NOT NULL GROUP BY grid"):
        assert f"共 {count} 件" in client.get(f"/?grid={grid}").text
    closed = db.execute("SELECT COUNT(*) FROM tickets WHERE state = 'closed'").fetchone()[0]
    page = client.get("/?state=closed").text
    assert f"共 {closed} 件" in page and "待签收</span>" not in page
    march = db.execute("SELECT COUNT(*) FROM tickets WHERE created_at >= '2026-02-28T16:00' "
                       "AND created_at < '2026-03-31T16:00'").fetchone()[0]  # March in China's time
    assert f"共 {march} 件" in client.get("/?month=2026-03").text
    numbers = [int(n) for p in (1, 2) for n in re.findall(r'href="/tickets/(\d+)"', client.get(f"/?page={p}").text)]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) == len(set(numbers)) == 40


def test_bad_input_gets_a_polite_page_in_the_users_language(client: TestClient) -> None:
    for url in ("/?grid=nowhere", "/?state=lost", "/?month=March", "/?page=two"):
        response = client.get(url)
        assert response.status_code == 400 and "筛选条件有误" in response.text and "Traceback" not in response.text
    for url, said in (("/rates?month=2026-13", "month=2026-13"), ("/rates?by=nothing", "by=nothing"),
                      ("/map?measure=weather", "measure=weather"), ("/map?m=99", "m=99")):
        response = client.get(url)  # what was wrong is said (a tester's page ended at the colon)
        assert response.status_code == 400 and f"筛选条件有误：{said}" in response.text, url
    assert client.get("/tickets/999999").status_code == 404
    assert "没有这个编号" in client.get("/tickets/abc").text
    assert "There is no matter" in client.get("/tickets/999999?lang=en").text
    assert client.get("/no/such/page").status_code == 404


def test_english_is_a_switch_that_sticks(client: TestClient) -> None:
    first = client.get("/?lang=en")
    assert "Public board" in first.text and first.cookies.get("lang") == "en"
    assert "Public board" in client.get("/").text  # the cookie keeps it
    assert "公开栏" in client.get("/?lang=zh-CN").text


def test_the_english_board_names_places_in_english(client: TestClient) -> None:
    """A tester's English board listed 第一网格 and 安居苑: grids and estates have English names (an estate's Latin
    alias serves when the rulebook gives none), on the board, its grid filter and the map."""
    english, chinese = client.get("/?lang=en").text, client.get("/?lang=zh-CN").text
    assert ">Grid 1</option>" in english and "第一网格" not in english
    assert "Grid 1 · " in english and "第一网格 · " in chinese
    assert "Anju Garden" in client.get("/map?lang=en").text and "安居苑" not in client.get("/map?lang=en").text


def test_live_updates_fetch_only_the_rows(client: TestClient) -> None:
    part = client.get("/?state=closed", headers={"HX-Request": "true"}).text
    assert "<html" not in part and 'href="/tickets/' in part
    assert 'hx-get="/?state=closed"' in part  # the rows refresh with the filters they were drawn with
    assert client.get("/static/htmx.min.js").status_code == 200


def _w3c(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


REQUEST_FIELDS = ("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "media_url")


def test_open311_requests_keep_the_georeport_v2_format(client: TestClient, store: tuple[Path, int, int]) -> None:
    rows = client.get("/open311/v2/requests.json?page_size=1000").json()
    db = sqlite3.connect(store[0])
    assert len(rows) == db.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
    for row in rows:
        assert tuple(row) == REQUEST_FIELDS
        assert row["status"] in ("open", "closed") and row["service_request_id"].isdigit()
        assert _w3c(row["requested_datetime"]) <= _w3c(row["updated_datetime"])
    xml = ElementTree.fromstring(client.get("/open311/v2/requests.xml?page_size=1000").content)
    assert xml.tag == "service_requests" and len(xml) == len(rows)
    assert [r.findtext("service_request_id") for r in xml] == [r["service_request_id"] for r in rows]
    assert {c.tag for c in xml[0]} == set(REQUEST_FIELDS)
    state = dict(db.execute("SELECT id, state FROM tickets"))
    for row in rows:
        assert (row["status"] == "closed") == (state[int(row["service_request_id"])] in ("resolved", "closed"))


def test_open311_filters_and_pages(client: TestClient) -> None:
    every = client.get("/open311/v2/requests.json?page_size=1000").json()
    pages = [client.get(f"/open311/v2/requests.json?page_size=50&page={p}").json() for p in range(1, 8)]
    assert [r["service_request_id"] for p in pages for r in p] == [r["service_request_id"] for r in every]
    opened = client.get("/open311/v2/requests.json?status=open&page_size=1000").json()
    closed = client.get("/open311/v2/requests.json?status=closed&page_size=1000").json()
    assert len(opened) + len(closed) == len(every) and {r["status"] for r in opened} == {"open"}
    code = next(r["service_code"] for r in every if r["service_code"])
    some = client.get(f"/open311/v2/requests.json?service_code={code}&page_size=1000").json()
    assert some and {r["service_code"] for r in some} == {code}
    wanted = [every[3]["service_request_id"], every[9]["service_request_id"]]
    picked = client.get(f"/open311/v2/requests.json?service_request_id={','.join(wanted)}").json()
    assert sorted(r["service_request_id"] for r in picked) == sorted(wanted)
    window = client.get("/open311/v2/requests.json?start_date=2026-03-01T00:00:00%2B08:00"
                        "&end_date=2026-04-01T00:00:00%2B08:00&page_size=1000").json()
    assert window
    for r in window:
        at = _w3c(r["requested_datetime"])
        assert _w3c("2026-03-01T00:00:00+08:00") <= at < _w3c("2026-04-01T00:00:00+08:00")


def test_open311_services_and_errors(client: TestClient) -> None:
    book = load_rulebook()
    services = client.get("/open311/v2/services.json").json()
    assert [s["service_code"] for s in services] == [c.id for c in book.categories]
    assert all(s["type"] == "realtime" and s["metadata"] is False and s["service_name"] for s in services)
    english = client.get("/open311/v2/services.json?locale=en_US").json()
    assert english[0]["service_name"] == book.categories[0].name_en
    assert english[0]["keywords"] == ", ".join(book.categories[0].keywords_en[:8])  # not the Chinese words
    assert english[0]["keywords"].isascii() and not services[0]["keywords"].isascii()
    assert english[0]["group"].isascii() and not services[0]["group"].isascii()  # the sector too (政法 in English)
    assert all(s["keywords"].isascii() for s in english)  # every service, those with no English words too
    xml = ElementTree.fromstring(client.get("/open311/v2/services.xml").content)
    assert xml.tag == "services" and xml[0].tag == "service" and xml[0].findtext("service_code")
    definition = client.get(f"/open311/v2/services/{services[0]['service_code']}.json").json()
    assert definition == {"service_code": services[0]["service_code"], "attributes": []}
    discovery = client.get("/open311/v2/discovery.json").json()
    assert discovery["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    for url, status in (("/open311/v2/requests/999999.json", 404), ("/open311/v2/services/nothing.json", 404),
                        ("/open311/v2/requests.json?status=bogus", 400),
                        ("/open311/v2/requests.json?start_date=yesterday", 400),
                        ("/open311/v2/requests.json?page_size=5000", 400),
                        ("/open311/v2/requests.json?service_code=nope", 400)):
        response = client.get(url)
        assert response.status_code == status, url
        body = response.json()
        assert isinstance(body, list) and body[0]["code"] == status and body[0]["description"], url
    bad = client.get("/open311/v2/requests/999999.xml")
    error = ElementTree.fromstring(bad.content)
    assert bad.status_code == 404 and error.tag == "errors" and error[0].findtext("code") == "404"
    assert client.get("/open311/v2/services.csv").status_code == 400
    assert json.loads(client.get("/open311/v2/services.csv").text)[0]["code"] == 400


async def _key(path: Path, client: str) -> str:
    async with await Store.open(path) as store, store.write() as tx:
        await tx.add_api_key(client, f"key-of-{client}-0123456789", datetime.now(UTC))
    return f"key-of-{client}-0123456789"


def test_open311_post_makes_a_ticket_through_the_service(client: TestClient, store: tuple[Path, int, int]) -> None:
    path = store[0]
    key = asyncio.run(_key(path, "city"))
    before = sqlite3.connect(path).execute("SELECT MAX(id) FROM tickets").fetchone()[0]
    assert f"第 {before} 号" in client.get("/").text and client.get("/").text == client.get("/").text  # kept
    made = client.post("/open311/v2/requests.json", data={
        "api_key": key, "service_code": "lift_fault", "description": "安居苑3号楼电梯困人了，里面有老人",
        "address_id": "grid1", "email": "someone@example.cn"})
    assert made.status_code == 200, made.text
    number = int(made.json()[0]["service_request_id"])
    assert number > before
    db = sqlite3.connect(path)
    ticket = db.execute("SELECT category, lead, grid, priority, reporter, sign_deadline FROM tickets WHERE id = ?",
                        (number,)).fetchone()
    # the words tell people trapped in the lift: an emergency of its own matter, for the fire station, whatever
    # service the client chose (a tester's went to the property committee as a lift fault)
    assert ticket[0] == "people_trapped" and ticket[1] == "fire" and ticket[3] == "emergency"
    assert ticket[2] == "grid1" and ticket[5]  # routed, with its deadlines
    assert ticket[4].startswith("open311:city:") and "example" not in ticket[4]  # a pseudonym, not the e-mail
    assert db.execute("SELECT COUNT(*) FROM timers WHERE ticket_id = ?", (number,)).fetchone()[0] > 0
    seen = client.get(f"/open311/v2/requests/{number}.json").json()[0]
    assert seen["service_code"] == "people_trapped" and seen["status"] == "open" and seen["description"] is None
    plain = client.post("/open311/v2/requests.json", data={  # no emergency told: the client's service decides
        "api_key": key, "service_code": "corridor_lights", "description": "楼里有点暗", "address_id": "grid1"})
    kept = db.execute("SELECT category FROM tickets WHERE id = ?", (int(plain.json()[0]["service_request_id"]),))
    assert kept.fetchone()[0] == "corridor_lights"
    assert f"第 {number} 号" in client.get("/").text
    xml = client.post("/open311/v2/requests.xml", data={"api_key": key, "service_code": "rubbish",
                                                         "description": "垃圾桶满了", "lat": "23.13", "long": "113.26"})
    assert ElementTree.fromstring(xml.content).find("request/service_request_id") is not None


def test_an_open311_post_sent_again_with_its_key_is_one_report(client: TestClient,
                                                                store: tuple[Path, int, int]) -> None:
    """A city app that timed out and sends the same request again (the same Idempotency-Key) gets the same number
    back, and the community one ticket; another key, or none, is another report."""
    path = store[0]
    key = asyncio.run(_key(path, "retrying-app"))
    count = sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
    form = {"api_key": key, "service_code": "street_lights", "description": "南门外路灯一排都不亮",
            "address_string": "南门外"}
    first, again = (client.post("/open311/v2/requests.json", data=form, headers={"Idempotency-Key": "app-77-1"})
                    for _ in range(2))
    assert first.status_code == again.status_code == 200, first.text
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == count + 1
    other = client.post("/open311/v2/requests.json", data={**form, "description": "东门外路灯也不亮",
                                                            "address_string": "东门外"},
                        headers={"Idempotency-Key": "app-77-2"})
    assert other.json()[0]["service_request_id"] != first.json()[0]["service_request_id"]
    long_key = client.post("/open311/v2/requests.json", data=form, headers={"Idempotency-Key": "x" * 201})
    assert long_key.status_code == 400 and "Idempotency-Key" in long_key.json()[0]["description"]
    reused = client.post("/open311/v2/requests.json", data={**form, "service_code": "rubbish"},
                         headers={"Idempotency-Key": "app-77-1"})  # the same key for another request: refused
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()[0]["description"]
    # a request that joins an open ticket as support, sent again: nothing more for the handlers (a tester's thread
    # heard the same note twice)
    db = sqlite3.connect(path)
    joined, counts = [], []
    for _ in range(2):
        joined.append(client.post("/open311/v2/requests.json", data={**form, "description": "南门外那排路灯还是不亮"},
                                  headers={"Idempotency-Key": "app-77-3"}))
        counts.append(db.execute("SELECT COUNT(*) FROM events").fetchone()[0])
    assert joined[0].json()[0]["service_request_id"] == joined[1].json()[0]["service_request_id"]
    assert counts[1] == counts[0]  # the same request again: no second support or note


def test_open311_post_refuses_politely(client: TestClient, store: tuple[Path, int, int]) -> None:
    path = store[0]
    key = asyncio.run(_key(path, "tester"))
    count = sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
    for data, status in (({"service_code": "rubbish"}, 403), ({"api_key": "wrong", "service_code": "rubbish"}, 403),
                         ({"api_key": key}, 400), ({"api_key": key, "service_code": "nothing"}, 404),
                         ({"api_key": key, "service_code": "rubbish", "address_id": "mars"}, 400),
                         ({"api_key": key, "service_code": "rubbish", "description": "长" * 5000}, 400)):
        response = client.post("/open311/v2/requests.json", data=data)
        assert response.status_code == status, (data, response.text)
        assert response.json()[0]["code"] == status and response.json()[0]["description"]
    assert client.post("/open311/v2/requests.json", content=b"\x00\xff", headers={
        "content-type": "multipart/form-data; boundary=x"}).status_code == 400
    statuses = [client.post("/open311/v2/requests.json", data={"api_key": key, "service_code": "rubbish",
                                                                "description": f"第{i}次", "address_string": "东门"}
                            ).status_code
                for i in range(12)]
    assert statuses[:4] == [200] * 4 and statuses[-1] == 429  # ten in a burst (the refusals above counted too)
    made = sum(1 for s in statuses if s == 200)
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == count + made


def test_an_unknown_open311_path_answers_with_the_error_list(client: TestClient) -> None:
    """A tester's /open311/v2/nothing.json got the board's HTML 404 page: the API answers in its own format."""
    for path, kind in (("/open311/v2/nothing.json", "json"), ("/open311/v3/requests.xml", "xml")):
        response = client.get(path)
        assert response.status_code == 404 and kind in response.headers["content-type"]
    assert client.get("/open311/v2/nothing.json").json()[0]["code"] == 404


def test_open311_post_needs_a_location_and_a_form(client: TestClient, store: tuple[Path, int, int]) -> None:
    """GeoReport v2 requires a location (lat and long, address_string or address_id): a tester's fire with none was
    taken, and its card said the place was for the resident to add, though no resident has a thread to add it in. A
    JSON body was refused for its api_key (403), though the key was good: it is not a form (400). An emergency's
    notice says whom to call."""
    path = store[0]
    key = asyncio.run(_key(path, "geo"))
    count = sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
    for data in ({"api_key": key, "service_code": "fire"}, {"api_key": key, "service_code": "rubbish", "lat": "23.1"},
                 {"api_key": key, "service_code": "rubbish", "lat": "123", "long": "113"},
                 {"api_key": key, "service_code": "rubbish", "lat": "nan", "long": "113"}):
        response = client.post("/open311/v2/requests.json", data=data)
        assert response.status_code == 400 and response.json()[0]["description"], (data, response.text)
    sent = client.post("/open311/v2/requests.json", json={"api_key": key, "service_code": "rubbish",
                                                          "address_id": "grid1"})
    assert sent.status_code == 400 and "x-www-form-urlencoded" in sent.json()[0]["description"]
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == count
    fire = client.post("/open311/v2/requests.json", data={"api_key": key, "service_code": "fire", "lat": "23.1291",
                                                          "long": "113.2644", "description": "楼道里冒烟了"})
    assert fire.status_code == 200 and "119" in fire.json()[0]["service_notice"]
    number = int(fire.json()[0]["service_request_id"])
    said = sqlite3.connect(path).execute("SELECT text FROM tickets WHERE id = ?", (number,)).fetchone()[0]
    assert "23.1291,113.2644" in said


def test_open311_post_takes_a_raw_utf8_form_body_as_utf8(client: TestClient, store: tuple[Path, int, int]) -> None:
    """A form body of raw UTF-8 bytes (curl --data-binary, no charset said) is read as UTF-8, not as Latin-1."""
    path = store[0]
    key = asyncio.run(_key(path, "rawclient"))
    words = "安居苑3号楼电梯坏了，一直停在5楼"
    for body, kind in ((f"api_key={key}&service_code=lift_fault&description={words}&address_string=东门".encode(),
                        "application/x-www-form-urlencoded"),
                       (f"api_key={key}&service_code=lift_fault&address_string=%E4%B8%9C%E9%97%A8&"  # mixed
                        f"description={words}".encode(), "application/x-www-form-urlencoded; charset=UTF-8")):
        made = client.post("/open311/v2/requests.json", content=body, headers={"content-type": kind})
        assert made.status_code == 200, made.text
        number = int(made.json()[0]["service_request_id"])
        stored = sqlite3.connect(path).execute(  # a new ticket's report, or the support of an open one it joined
            "SELECT ticket_id, json_extract(data, '$.text') FROM events WHERE kind IN ('reported', 'supported') "
            "AND json_extract(data, '$.source') LIKE 'open311:rawclient:%' ORDER BY seq DESC LIMIT 1").fetchone()
        assert stored == (number, f"{words}（东门）")


def test_open311_post_refuses_a_form_body_that_is_not_utf8(client: TestClient, store: tuple[Path, int, int]) -> None:
    path = store[0]
    key = asyncio.run(_key(path, "gbkclient"))
    count = sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
    form = "application/x-www-form-urlencoded"
    start = f"api_key={key}&service_code=rubbish&description=".encode()
    for fmt, body in (("json", start + "垃圾桶满了".encode("gbk")),  # raw GBK bytes
                      ("json", start + b"%C0%AC%BB%F8"),  # GBK, percent-encoded
                      ("xml", start + b"\xff\xfe")):
        response = client.post(f"/open311/v2/requests.{fmt}", content=body, headers={"content-type": form})
        assert response.status_code == 400, response.text
        if fmt == "json":
            assert response.json() == [{"code": 400, "description": response.json()[0]["description"]}]
            assert "UTF-8" in response.json()[0]["description"]
        else:
            error = ElementTree.fromstring(response.content).find("error")
            assert error is not None and error.findtext("code") == "400"
            assert "UTF-8" in error.findtext("description", "")
        assert "Traceback" not in response.text
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == count  # nothing stored


def test_the_map_counts_what_the_store_holds(client: TestClient, store: tuple[Path, int, int]) -> None:
    db = sqlite3.connect(store[0])
    page = client.get("/map?measure=reported").text
    for grid, n in db.execute("SELECT grid, COUNT(*) FROM tickets WHERE grid IS NOT NULL GROUP BY grid"):
        assert re.search(rf'href="/\?grid={grid}" class="place place-grid[^"]*" data-grid="{grid}" data-count="{n}"',
                         page)
    opened = client.get("/map?measure=open").text
    for grid, n in db.execute("SELECT grid, COUNT(*) FROM tickets WHERE grid IS NOT NULL AND state IN "
                              "('routed', 'acknowledged') GROUP BY grid"):
        assert re.search(rf'class="place place-grid[^"]*" data-grid="{grid}" data-count="{n}"', opened)
    assert "place-building" not in page  # the public map stops at estates
    lift = client.get("/map?measure=category:lift_fault&m=1", headers={"HX-Request": "true"}).text
    assert lift.startswith("<svg") and "<html" not in lift
    for bad in ("/map?measure=everything", "/map?m=999", "/map?measure=category:nothing"):
        assert client.get(bad).status_code == 400
    assert client.get("/staff/map", follow_redirects=False).headers.get("location") == "/staff/login"
    assert client.get("/staff", follow_redirects=False).status_code == 303


def test_a_rulebook_outline_draws_the_map_from_coordinates(store: tuple[Path, int, int]) -> None:
    book = load_rulebook()
    corners = [((113.26, 23.13), (113.27, 23.14)), ((113.27, 23.13), (113.28, 23.14)), ((113.26, 23.12),
                                                                                       (113.28, 23.13))]
    grids = tuple(g.model_copy(update={"outline": ((a[0], a[1]), (b[0], a[1]), (b[0], b[1]), (a[0], b[1]))})
                  for g, (a, b) in zip(book.grids, corners, strict=True))
    drawn = book.model_copy(update={"grids": grids})
    drawn.__dict__.pop("grid_by_id", None)
    with TestClient(create_app(store[0], rulebook=drawn)) as c:
        page = c.get("/map").text
    points = re.findall(r'class="place place-grid[^"]*"[^>]*>\s*<title>[^<]*</title>\s*<polygon points="([^"]+)"', page)
    assert len(points) == 3
    first = [tuple(map(float, p.split(","))) for p in points[0].split()]
    third = [tuple(map(float, p.split(","))) for p in points[2].split()]
    assert max(y for _, y in first) <= min(y for _, y in third) + 0.5  # north is up: grid 3 lies south


def test_the_rates_page_publishes_the_months_rates_and_ranking(client: TestClient,
                                                               store: tuple[Path, int, int]) -> None:
    from chatops.chat.rates import Period, handler_table

    book = load_rulebook()
    rows = handler_table(store[0], book, Period(2026, 3))
    page = client.get("/rates?month=2026-03&by=response").text
    assert rows and "2026-03" in page
    for row in rows:
        x, n, _rate, _smoothed, _rank = row.rates["satisfaction"]
        assert f"<small>({x}/{n})</small>" in page and book.handler_name(row.handler) in page
    ranked = sorted((r for r in rows if r.rates["response"][4]), key=lambda r: r.rates["response"][4] or 0)
    first = book.handler_name(ranked[0].handler)
    assert page.index(first) < page.index(book.handler_name(ranked[-1].handler)) or len(ranked) == 1
    db = sqlite3.connect(store[0])
    whistles = db.execute("SELECT COUNT(*) FROM events WHERE kind = 'whistled' AND at >= '2026-02-28T16:00' "
                          "AND at < '2026-03-31T16:00'").fetchone()[0]
    assert f"吹哨 ({whistles})" in page
    assert client.get("/rates?month=13-2026").status_code == 400
    assert client.get("/rates?by=popularity").status_code == 400


def test_an_open311_failure_is_answered_in_the_apis_format(store: tuple[Path, int, int],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    async def locked(*args: object, **kw: object) -> object:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "listing", locked)
    with TestClient(create_app(store[0]), raise_server_exceptions=False) as c:
        broken = c.get("/open311/v2/requests.json")
        assert broken.status_code == 500 and broken.json()[0]["code"] == 500 and "Traceback" not in broken.text
        page = c.get("/", follow_redirects=False)
        assert page.status_code == 500 and "页面暂时无法显示" in page.text and "Traceback" not in page.text


def test_decisions_show_every_matter_with_its_counts(client: TestClient, store: tuple[Path, int, int]) -> None:
    db = sqlite3.connect(store[0])
    matters = db.execute("SELECT COUNT(*) FROM matters").fetchone()[0]
    decided = db.execute("SELECT COUNT(*) FROM matter_events WHERE kind = 'decided'").fetchone()[0]
    db.close()
    page = client.get("/decisions").text
    assert matters > 0 and page.count('class="matter"') == matters
    assert page.count("<li>「") == decided and page.count("/应到") == decided  # one line per meeting, with its roll
    assert "Matter 1" in client.get("/decisions?lang=en").text
    # a simulated consultation that was carried out has its result published, as one in chat would
    rows = sqlite3.connect(store[0]).execute(
        "SELECT m.chain, json_extract(e.data, '$.what'), e.actor FROM matter_events e JOIN matters m "
        "ON m.id = e.matter WHERE e.kind = 'published'").fetchall()
    results = [(chain, actor) for chain, what, actor in rows if what == "result"]
    assert ("consultation", ) in {(chain,) for chain, _ in results} and all(actor for _, actor in results)
    assert "实施结果" in page and "已按决议实施" in page


def test_the_staff_lists_are_ordered_and_counted_in_full(store: tuple[Path, int, int]) -> None:
    from chatops.tickets.lifecycle import OPEN, State
    from chatops.tickets.store import Store as TicketStore
    from chatops.web.staff import SOON, Access, dashboard, due_of

    async def check() -> None:
        async with await TicketStore.open(store[0], readonly=True) as s:
            everyone = Access("@st:x", ("street_office",), everything=True)
            tickets, _total = await s.listing(limit=100_000)
            open_ = [t for t in tickets if t.state in OPEN]
            dues = sorted(d for t in open_ if (d := due_of(t)) is not None)
            assert len(dues) >= 2  # the simulation leaves some tickets open at its end
            # half of the open tickets late by then, some of them long since (a moment chosen from the data: which
            # tickets a simulation leaves open, and when they fall due, moves with the rulebook)
            now = dues[len(dues) // 2] + timedelta(seconds=1)
            board = await dashboard(s, load_rulebook(), everyone, now=now)
            late = [t for t in open_ if (d := due_of(t)) is not None and d < now]
            overdue = sorted(late, key=lambda t: (due_of(t), t.id))  # ties: the lower number first
            soon = [t for t in open_ if (d := due_of(t)) is not None and now <= d < now + SOON]
            assert board.counts["overdue"] == len(overdue) > 0 and board.counts["soon"] == len(soon)
            assert board.counts["unsigned"] == sum(t.state is State.ROUTED for t in open_)
            assert [r.ticket.id for r in board.overdue] == [t.id for t in overdue[:100]]  # the longest late first
            assert all(r.overdue and (r.card is None or r.card.startswith("https://matrix.to/#/"))
                       for r in board.overdue)

    asyncio.run(check())


def test_open311_a_number_no_ticket_can_have_is_refused_not_an_error(client: TestClient) -> None:
    """A tester's 99999999999999999999999 reached SQLite and failed (OverflowError, a 500)."""
    huge = "9" * 23
    assert client.get(f"/open311/v2/requests/{huge}.json").status_code == 404
    assert client.get(f"/tickets/{huge}").status_code == 404  # the board's own page too
    for query in (f"service_request_id={huge}", f"page={huge}"):
        response = client.get(f"/open311/v2/requests.json?{query}")
        assert response.status_code == 400 and "description" in response.json()[0], query
