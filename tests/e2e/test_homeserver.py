"""The local homeserver, for real: idempotent up, status, users, nio logins, raised rate limits, restart."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import nio
import pytest

from chatops.cli.main import main
from chatops.local.homeserver import HomeserverError, LocalHomeserver, free_port, register_user
from tests.e2e.conftest import PASSWORD, Register

# nio retries a 429 forever by default; here a 429 must surface as an error response.
NO_RETRY = nio.AsyncClientConfig(max_limit_exceeded=0, max_timeouts=0)


def synapse_processes(config: Path) -> list[int]:
    """Pids of every process whose command line runs Synapse with ``config``."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                argv = (proc / "cmdline").read_bytes().split(b"\x00")
            except OSError:
                continue
            if b"synapse.app.homeserver" in argv and str(config).encode() in argv:
                pids.append(int(proc.name))
    return pids


async def login(url: str, user_id: str, password: str = PASSWORD) -> nio.AsyncClient:
    client = nio.AsyncClient(url, user_id, config=NO_RETRY)
    resp = await client.login(password)
    assert isinstance(resp, nio.LoginResponse), resp
    return client


def test_up_is_idempotent(homeserver: LocalHomeserver) -> None:
    first = homeserver.status()
    again = homeserver.up()
    assert again.running and again.pid == first.pid
    assert synapse_processes(homeserver.config_path) == [first.pid]


def test_status_reports_running_with_its_url(homeserver: LocalHomeserver) -> None:
    st = homeserver.status()
    assert st.running and st.answering
    assert st.url == homeserver.url == f"http://127.0.0.1:{homeserver.port}" and homeserver.port != 8008
    assert st.server_name == "localhost"
    assert st.version and st.version[0].isdigit()


def test_cli_status_of_the_running_server(homeserver: LocalHomeserver, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "en", "homeserver", "status", "--root", str(homeserver.root),
                 "--port", str(homeserver.port)])
    out = capsys.readouterr().out
    assert code == 0 and f"running at {homeserver.url}" in out


async def test_register_user_is_idempotent(homeserver: LocalHomeserver, register: Register) -> None:
    uid = await register("idem_alice", displayname="Alice 张")  # a name no other test registers
    assert uid == "@idem_alice:localhost"
    assert await register("idem_alice") == uid
    admin = await register("warden", admin=True)
    client = await login(homeserver.url, admin)
    try:
        who = await client.get_displayname(uid)
        assert isinstance(who, nio.ProfileGetDisplayNameResponse) and who.displayname == "Alice 张"
    finally:
        await client.close()
    with pytest.raises(HomeserverError) as exc:
        await register("idem_alice", "another password")
    assert exc.value.code == "hs_user_exists"
    with pytest.raises(HomeserverError) as exc:
        await register_user(homeserver.url, "not the secret", "mallory", PASSWORD)
    assert exc.value.code == "hs_register_failed" and exc.value.params["status"] == 403


async def test_registered_user_logs_in_with_nio(homeserver: LocalHomeserver, register: Register) -> None:
    uid = await register("bob")
    client = await login(homeserver.url, uid)
    try:
        assert client.user_id == uid and client.access_token
        whoami = await client.whoami()
        assert isinstance(whoami, nio.WhoamiResponse) and whoami.user_id == uid
    finally:
        await client.close()


async def test_rate_limits_are_raised(homeserver: LocalHomeserver, register: Register) -> None:
    """Synapse's defaults refuse the 6th login, the 11th room and the 11th quick message; here none is refused."""
    uid = await register("chatty")
    clients = [await login(homeserver.url, uid) for _ in range(8)]
    client = clients[0]
    try:
        rooms = [await client.room_create(name=f"room {i}") for i in range(12)]
        assert all(isinstance(r, nio.RoomCreateResponse) for r in rooms), rooms
        sends = await asyncio.gather(*(
            client.room_send(rooms[0].room_id, "m.room.message", {"msgtype": "m.notice", "body": f"#{i}"})
            for i in range(30)))
        assert all(isinstance(r, nio.RoomSendResponse) for r in sends), [r for r in sends if not
                                                                         isinstance(r, nio.RoomSendResponse)]
    finally:
        for c in clients:
            await c.close()


def test_port_taken_and_a_crash_at_start_are_explained(tmp_path: Path) -> None:
    hs = LocalHomeserver(tmp_path / "hs", port=free_port())
    with socket.socket() as other:
        other.bind(("127.0.0.1", hs.port))
        other.listen()
        with pytest.raises(HomeserverError) as exc:
            hs.up()
    assert exc.value.code == "hs_port_taken" and str(hs.port) in exc.value.render()
    (tmp_path / "hs" / "data").mkdir()
    (tmp_path / "hs" / "data" / "homeserver.db").write_bytes(b"not a database" * 100)
    with pytest.raises(HomeserverError) as exc:
        hs.up()
    assert exc.value.code == "hs_exited" and "file is not a database" in exc.value.render("en")
    assert not hs.status().running and not hs.pid_path.exists()


async def test_down_then_up_keeps_state(homeserver: LocalHomeserver, register: Register) -> None:
    """The only test that stops the session server; it leaves it running."""
    uid = await register("carol")
    try:
        assert homeserver.down() is True
        st = homeserver.status()
        assert not st.running and st.pid is None and not homeserver.pid_path.exists()
        assert synapse_processes(homeserver.config_path) == []
        assert homeserver.down() is False
    finally:
        st = homeserver.up()
    assert st.running and st.answering and st.url == homeserver.url
    client = await login(homeserver.url, uid)
    await client.close()
