"""Every file holding a secret is written by one writer: owner-only (0600), atomically, and an existing file
with a wider mode is narrowed too."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from chatops.chat.transport.matrix import Session
from chatops.local.settings import local_secret
from chatops.private import write_private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_world_readable_session_file_becomes_private(tmp_path: Path) -> None:
    path = tmp_path / "bot-session.json"
    path.write_text("{}")
    path.chmod(0o644)  # as an older program or a careless copy left it
    Session("@bot:x", "DEVICE", "secret-token").save(path)
    assert mode(path) == 0o600 and json.loads(path.read_text())["access_token"] == "secret-token"


def test_local_secrets_are_private_and_kept(tmp_path: Path) -> None:
    first = local_secret(tmp_path, "bot_password")
    path = tmp_path / "local-secrets.json"
    path.chmod(0o666)
    assert local_secret(tmp_path, "other") and local_secret(tmp_path, "bot_password") == first
    assert mode(path) == 0o600


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    write_private(tmp_path / "a" / "b.yaml", b"x: 1")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.yaml"] and mode(tmp_path / "a" / "b.yaml") == 0o600
