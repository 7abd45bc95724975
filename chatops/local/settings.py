"""The local homeserver's settings: its address, the bot's account and the secrets generated for it.

Without ``WHISTLE_HOMESERVER`` the bot uses the local homeserver under ``var/homeserver`` and the bot
password generated into ``var/local-secrets.json`` (mode 0600) the first time.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from chatops.config import Settings
from chatops.local.homeserver import LocalHomeserver, register_user
from chatops.private import write_private

LOCAL_BOT = "whistle"


def load_settings(env: Mapping[str, str] = os.environ, *, var: Path | None = None) -> Settings:
    """Return :meth:`Settings.load` of ``env``, on the local homeserver when ``env`` names none."""
    return on_local_homeserver(Settings.load(env, var=var), env)


def on_local_homeserver(settings: Settings, env: Mapping[str, str] = os.environ) -> Settings:
    """Return ``settings`` with the local homeserver's address and bot account if they are ``local``."""
    if not settings.local:
        return settings
    hs = local_homeserver(settings.var, env)
    return replace(settings, homeserver=hs.url, bot_user=f"@{LOCAL_BOT}:{hs.server_name}",
                   bot_password=local_secret(settings.var, "bot_password"))


async def ensure_local_bot(settings: Settings) -> None:
    """On the local homeserver, create the bot account (idempotent) with the generated password."""
    if settings.local and settings.bot_password:
        hs = local_homeserver(settings.var)
        await register_user(hs.url, hs.registration_secret, LOCAL_BOT, settings.bot_password,
                            displayname="社区吹哨")


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
