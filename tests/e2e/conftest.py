"""A real Synapse for end-to-end tests: one per test session, on a free loopback port."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator

import pytest

from chatops.local.homeserver import LocalHomeserver, free_port, register_user

PASSWORD = "correct horse battery staple"




@pytest.fixture(scope="session")
def homeserver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalHomeserver]:
    """A running LocalHomeserver for the whole session; stopped at the end, also when a test fails."""
    hs = LocalHomeserver(tmp_path_factory.mktemp("homeserver"), port=free_port())
    try:
        hs.up()
        yield hs
    finally:
        hs.down()


Register = Callable[..., Awaitable[str]]


@pytest.fixture
def register(homeserver: LocalHomeserver) -> Register:
    """``await register("alice")`` creates (or finds) a user on the session homeserver; returns its user id."""

    async def _register(localpart: str, password: str = PASSWORD, *, admin: bool = False,
                        displayname: str | None = None) -> str:
        return await register_user(homeserver.url, homeserver.registration_secret, localpart, password,
                                   admin=admin, displayname=displayname)

    return _register
