from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Router, Rulebook, load_rulebook

MINI = """\
version: "t1"
community: {id: test, name: 测试社区, name_en: Test Community}
fallback: street
limits:
  emergency: {sign_for: 30m, resolve: 2h}
  urgent: {sign_for: 2h, resolve: 24h}
  normal: {sign_for: 24h, resolve: 7d}
  complex: {sign_for: 24h, resolve: 15d}
urgent_keywords: [着火, 被困]
handlers:
  - {id: street, name: 街道, name_en: Street Office, kind: street_office, sector: 党务政务}
  - {id: property, name: 物业委员会, name_en: Property, kind: subcommittee, sector: 城乡建设,
     escalates_to: street}
  - {id: police, name: 派出所, name_en: Police, kind: department, sector: 政法, escalates_to: street}
grids:
  - id: g1
    name: 一网格
    estates:
      - {id: anju, name: 安居苑, buildings: ["1", "2"]}
categories:
  - id: leak
    name: 漏水
    name_en: Leak
    keywords: [漏水, 渗水]
    negative: [漏水费]
    lead: property
    priority: urgent
  - id: lift
    name: 电梯
    name_en: Lift
    keywords: [电梯坏, 电梯]
    patterns: ['电梯.{0,4}停']
    lead: property
    co: [police]
    escalation: [street]
  - id: theft
    name: 盗窃
    name_en: Theft
    keywords: [被偷, 盗窃, 电动车被偷]
    lead: police
    sign_for: 1h
whistles:
  - {category: leak, threshold: 3, window: 24h, summon: [police]}
"""


@pytest.fixture(scope="session")
def book() -> Rulebook:
    return load_rulebook()


@pytest.fixture(scope="session")
def router(book: Rulebook) -> Router:
    return Router(book)


@pytest.fixture(scope="session")
def mini_router() -> Router:
    from rules import parse_rulebook

    return Router(parse_rulebook(MINI, "mini.yaml"))


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "tickets.sqlite")
    yield s
    await s.close()


@pytest.fixture
def service(store: Store, mini_router: Router, clock: FakeClock) -> TicketService:
    return TicketService(store, mini_router, clock=clock)
