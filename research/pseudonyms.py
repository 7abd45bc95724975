"""Pseudonyms for residents and staff: a keyed hash (HMAC-SHA256) of their Matrix ID.

The key comes from the environment variable ``WHISTLE_PSEUDONYM_KEY`` (any string; keep it secret and
the same across runs, so the same person has the same pseudonym in every table and export). Without it,
analysis in memory uses a random key for this process only and warns: pseudonyms are then consistent
within the process but not across runs, and :mod:`research.export` refuses to write files with them.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import warnings
from collections.abc import Iterable

KEY_ENV = "WHISTLE_PSEUDONYM_KEY"
PREFIX = "p"
DIGITS = 16  # hex digits: 64 bits, no collision in practice among a community's members
SYSTEM_ACTOR = "system"
_BLOCK = 64  # SHA-256 block size in bytes

_process_key: bytes | None = None


class PseudonymKeyMissing(RuntimeError):
    """An export was asked for with no pseudonym key in the environment."""

    def __init__(self) -> None:
        super().__init__(f"set {KEY_ENV} (a secret string) to export pseudonymised data: without it the "
                         "pseudonyms come from a random key of this process and cannot be published or joined")


class Pseudonymizer:
    """Maps a Matrix ID to its pseudonym; ``source`` says where the key came from (environment, explicit, random).

    The hash is HMAC-SHA256 (RFC 2104) with the key's inner and outer states computed once, which makes
    a million pseudonyms take about a second.

    >>> p = Pseudonymizer(b"secret", "explicit")
    >>> p("@alice:localhost")
    'p13e0db266d19ee61'
    >>> p("system")
    'system'
    """

    __slots__ = ("_inner", "_outer", "source")

    def __init__(self, key: bytes, source: str) -> None:
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
        self.source = source

    def __call__(self, matrix_id: str) -> str:
        """Return the pseudonym of ``matrix_id`` (``system`` stays ``system``)."""
        if matrix_id == SYSTEM_ACTOR:
            return matrix_id
        inner = self._inner.copy()
        inner.update(matrix_id.encode("utf-8"))
        outer = self._outer.copy()
        outer.update(inner.digest())
        return PREFIX + outer.hexdigest()[:DIGITS]

    def mapping(self, ids: Iterable[str]) -> dict[str, str]:
        """Return ``{matrix_id: pseudonym}`` for ``ids``."""
        return {i: self(i) for i in ids}

    @property
    def publishable(self) -> bool:
        """Return whether pseudonyms from this key may leave the process (the key is not random)."""
        return self.source != "random"


def pseudonymizer(key: str | bytes | None = None) -> Pseudonymizer:
    """Return a :class:`Pseudonymizer` for ``key``, else ``$WHISTLE_PSEUDONYM_KEY``, else a random process key.

    The random key comes with a ``UserWarning``: fine for looking at data, not for exports.
    """
    global _process_key
    if key is not None:
        return Pseudonymizer(key.encode("utf-8") if isinstance(key, str) else key, "explicit")
    env = os.environ.get(KEY_ENV)
    if env:
        return Pseudonymizer(env.encode("utf-8"), "environment")
    if _process_key is None:
        _process_key = secrets.token_bytes(32)
        warnings.warn(f"{KEY_ENV} is not set: pseudonyms use a random key for this process only "
                      "(exports will refuse them)", UserWarning, stacklevel=3)
    return Pseudonymizer(_process_key, "random")
