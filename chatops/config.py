"""Configuration in one place: the environment first, then the local state under ``var/``.

A real deployment sets ``WHISTLE_HOMESERVER``, ``WHISTLE_BOT_USER`` and ``WHISTLE_BOT_PASSWORD`` (or
``WHISTLE_BOT_TOKEN``). Without them the bot uses the local homeserver under ``var/homeserver`` and the
bot password that ``whistle provision`` generated into ``var/local-secrets.json`` (mode 0600). Secrets are
never printed: ``repr`` leaves them out.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatops.homeserver import LocalHomeserver
from chatops.private import write_private

LOCAL_BOT = "whistle"


@dataclass(frozen=True)
class Settings:
    """Where the bot connects, as whom, and where it keeps its state."""

    homeserver: str
    bot_user: str
    var: Path
    store: Path
    rulebook: Path | None = None
    model: Path | None = None  # a learned routing model (WHISTLE_MODEL); the bot reloads it when it changes
    lang: str | None = None
    local: bool = False
    bot_password: str | None = field(default=None, repr=False)
    bot_token: str | None = field(default=None, repr=False)
    timeline_limit: int = 50
    room_prefix: str = "whistle"

    @property
    def session_file(self) -> Path:
        return self.var / "bot-session.json"

    @property
    def server_name(self) -> str:
        return self.bot_user.partition(":")[2]

    @classmethod
    def load(cls, env: Mapping[str, str] = os.environ, *, var: Path | None = None) -> Settings:
        """Return the settings from ``env`` (``WHISTLE_*``), falling back to the local homeserver under ``var``."""
        var = Path(env.get("WHISTLE_VAR") or var or "var").absolute()
        common: dict[str, Any] = {
            "var": var,
            "store": Path(env.get("WHISTLE_STORE") or var / "whistle.sqlite"),
            "rulebook": Path(env["WHISTLE_RULEBOOK"]) if env.get("WHISTLE_RULEBOOK") else None,
            "model": Path(env["WHISTLE_MODEL"]) if env.get("WHISTLE_MODEL") else None,
            "lang": env.get("WHISTLE_LANG") or None,
            "timeline_limit": int(env.get("WHISTLE_TIMELINE_LIMIT") or 50),
            "room_prefix": env.get("WHISTLE_ROOM_PREFIX") or "whistle",
        }
        if env.get("WHISTLE_HOMESERVER"):
            return cls(homeserver=env["WHISTLE_HOMESERVER"], bot_user=env.get("WHISTLE_BOT_USER", ""),
                       bot_password=env.get("WHISTLE_BOT_PASSWORD") or None,
                       bot_token=env.get("WHISTLE_BOT_TOKEN") or None, **common)
        hs = local_homeserver(var, env)
        return cls(homeserver=hs.url, bot_user=f"@{LOCAL_BOT}:{hs.server_name}", local=True,
                   bot_password=local_secret(var, "bot_password"), **common)


def local_homeserver(var: Path, env: Mapping[str, str] = os.environ) -> LocalHomeserver:
    """Return the local homeserver kept under ``var/homeserver`` (port from its config or WHISTLE_HS_PORT)."""
    hs = LocalHomeserver(var / "homeserver", port=int(env.get("WHISTLE_HS_PORT") or 8008))
    if hs.config_path.exists() and not env.get("WHISTLE_HS_PORT"):
        hs.port = hs._config_port()
    return hs


def local_secret(var: Path, name: str) -> str:
    """Return a generated secret kept in ``var/local-secrets.json`` (0600), creating it the first time."""
    path = var / "local-secrets.json"
    try:
        stored: dict[str, str] = json.loads(path.read_text())
    except (OSError, ValueError):
        stored = {}
    if name not in stored:
        stored[name] = secrets.token_urlsafe(18)
        write_private(path, json.dumps(stored))
    return stored[name]
