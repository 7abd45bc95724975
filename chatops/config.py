"""Configuration in one place: the environment (``WHISTLE_*``).

A real deployment sets ``WHISTLE_HOMESERVER``, ``WHISTLE_BOT_USER`` and ``WHISTLE_BOT_PASSWORD`` (or
``WHISTLE_BOT_TOKEN``). Without them the settings say ``local``, and the command line fills in the local
homeserver under ``var/homeserver`` (``chatops.local.settings``). Secrets are never printed: ``repr``
leaves them out.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatops.tickets.address import is_database


def _store(value: str, var: Path) -> Path | str:
    """Return the store ``WHISTLE_STORE`` names: a database URI as it is, else a file (default under ``var``).

    >>> _store("postgresql://whistle@db/whistle", Path("/v")), _store("", Path("/v"))
    ('postgresql://whistle@db/whistle', PosixPath('/v/whistle.sqlite'))
    """
    if is_database(value):
        return value
    return Path(value or var / "whistle.sqlite")


@dataclass(frozen=True)
class Settings:
    """Where the bot connects, as whom, and where it keeps its state."""

    homeserver: str
    bot_user: str
    var: Path
    store: Path | str = field(repr=False)  # a SQLite file, or a postgresql://… URI (may hold a password)
    rulebook: Path | None = None
    model: Path | None = None  # a learned routing model (WHISTLE_MODEL); the bot reloads it when it changes
    starter: bool = True  # the starter model beside it (WHISTLE_MODEL=none: the rules alone)
    lang: str | None = None
    local: bool = False
    bot_password: str | None = field(default=None, repr=False)
    bot_token: str | None = field(default=None, repr=False)
    timeline_limit: int = 50
    room_prefix: str = "whistle"
    worker: str | None = None  # one of several bot processes sharing the rooms (WHISTLE_WORKER)

    @property
    def session_file(self) -> Path:
        """Return where the bot's login is kept: a worker has a device (and a file) of its own."""
        return self.var / ("bot-session.json" if not self.worker else f"bot-session-{self.worker}.json")

    @property
    def server_name(self) -> str:
        return self.bot_user.partition(":")[2]

    @classmethod
    def load(cls, env: Mapping[str, str] = os.environ, *, var: Path | None = None) -> Settings:
        """Return the settings from ``env`` (``WHISTLE_*``).

        Without ``WHISTLE_HOMESERVER`` they are ``local``, with no homeserver yet:
        ``chatops.local.settings.on_local_homeserver`` fills it in.

        >>> Settings.load({"WHISTLE_HOMESERVER": "https://m.example.org", "WHISTLE_BOT_USER": "@bot:example.org"},
        ...               var=Path("/srv/whistle")).server_name
        'example.org'
        >>> Settings.load({}, var=Path("/tmp/v")).local
        True
        """
        var = Path(env.get("WHISTLE_VAR") or var or "var").absolute()
        model = (env.get("WHISTLE_MODEL") or "").strip()
        rules_alone = model.lower() == "none"  # no model, not even the starter
        common: dict[str, Any] = {
            "var": var,
            "store": _store(env.get("WHISTLE_STORE") or "", var),
            "rulebook": Path(env["WHISTLE_RULEBOOK"]) if env.get("WHISTLE_RULEBOOK") else None,
            "model": Path(model) if model and not rules_alone else None,
            "starter": not rules_alone,
            "lang": env.get("WHISTLE_LANG") or None,
            "timeline_limit": int(env.get("WHISTLE_TIMELINE_LIMIT") or 50),
            "worker": env.get("WHISTLE_WORKER") or None,
            "room_prefix": env.get("WHISTLE_ROOM_PREFIX") or "whistle",
        }
        if env.get("WHISTLE_HOMESERVER"):
            return cls(homeserver=env["WHISTLE_HOMESERVER"], bot_user=env.get("WHISTLE_BOT_USER", ""),
                       bot_password=env.get("WHISTLE_BOT_PASSWORD") or None,
                       bot_token=env.get("WHISTLE_BOT_TOKEN") or None, **common)
        return cls(homeserver="", bot_user="", local=True, **common)
