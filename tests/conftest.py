from __future__ import annotations

import itertools
import tempfile
import warnings
from collections.abc import AsyncIterator, Iterator
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


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgreSQL]:
    """A private PostgreSQL 16 for the whole session (pgserver: no system service), stopped at the end."""
    server = PostgreSQL.start()
    try:
        yield server
    finally:
        server.stop()


class PostgreSQL:
    """A running PostgreSQL server and a fresh database on it for each test that asks."""

    def __init__(self, server: object, folder: Path) -> None:
        self.server, self.folder = server, folder
        self._made = itertools.count(1)

    @classmethod
    def start(cls) -> PostgreSQL:
        with warnings.catch_warnings():  # platformdirs warns that root has no XDG_RUNTIME_DIR: harmless
            warnings.simplefilter("ignore")
            import pgserver

            folder = Path(tempfile.mkdtemp(prefix="pg-"))  # short: a Unix socket's path is limited in length
            return cls(pgserver.get_server(folder, cleanup_mode="delete"), folder)

    def database(self) -> str:
        """Return the URI of a new, empty database."""
        name = f"t{next(self._made)}"
        self.server.psql(f"CREATE DATABASE {name};")  # type: ignore[attr-defined]
        return f"postgresql://postgres@/{name}?host={self.folder}"

    def stop(self) -> None:
        self.server.cleanup()  # type: ignore[attr-defined]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test of the store on both engines, but those marked ``sqlite_only`` (they read the file
    itself: the research reader, the rates' child process, SQLite's own locking)."""
    defs = metafunc._arg2fixturedefs.get("store") if "store" in metafunc.fixturenames else None
    if defs and defs[-1].func.__module__ == __name__:  # this store, not a module's own fixture of that name
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("store", ["sqlite"] if only else ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """The store, on each engine: a SQLite file, and a database on the session's PostgreSQL server."""
    if request.param == "postgresql":
        s = await Store.open(request.getfixturevalue("postgres").database())
    else:
        s = await Store.open(tmp_path / "tickets.sqlite")
    yield s
    await s.close()


@pytest.fixture
def service(store: Store, mini_router: Router, clock: FakeClock) -> TicketService:
    return TicketService(store, mini_router, clock=clock)
