"""Where research reads a store from: a SQLite file as it is, a community on PostgreSQL through a copy.

The readers of :mod:`research` read SQLite (columns straight into Arrow); a community kept on PostgreSQL
(``postgresql://…?community=ID``) is copied into a temporary SQLite file first, every table of it, and the
copy is deleted once read (:func:`chatops.tickets.store.copy.copy_to_sqlite`).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ADDRESS = ("postgresql://", "postgres://")


def is_address(path: str | Path) -> bool:
    """Return whether ``path`` names a store on PostgreSQL rather than a file.

    >>> is_address("postgresql://u@/db?community=anju"), is_address("var/whistle.sqlite")
    (True, False)
    """
    return isinstance(path, str) and path.startswith(ADDRESS)


def shown(address: str) -> str:
    """Return ``address`` without its password (to name it in messages and tables).

    >>> shown("postgresql://u:secret@h/db?community=anju")
    'postgresql://u@h/db?community=anju'
    """
    return re.sub(r"://([^:/@]*):[^@]*@", r"://\1@", address)


@contextmanager
def store_file(path: str | Path) -> Iterator[Path]:
    """Yield a SQLite file holding the store at ``path``: the file itself, or a temporary copy of a store on
    PostgreSQL (deleted when the block ends)."""
    if not is_address(path):
        yield Path(path)
        return
    from chatops.tickets.store.copy import copy_to_sqlite_sync

    with tempfile.TemporaryDirectory(prefix="whistle-copy-") as folder:
        yield copy_to_sqlite_sync(str(path), Path(folder) / "store.sqlite")
