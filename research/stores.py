"""Where research reads a store from: a SQLite file as it is, a community on PostgreSQL through a copy.

The readers of :mod:`research` read SQLite (columns straight into Arrow); a community kept on PostgreSQL
(``postgresql://…?community=ID``) is copied into a temporary SQLite file first, every table of it, and the
copy is deleted once read (:func:`chatops.tickets.store.copy.copy_to_sqlite`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from chatops.tickets.address import is_database


@contextmanager
def store_file(path: str | Path) -> Iterator[Path]:
    """Yield a SQLite file holding the store at ``path``: the file itself, or a temporary copy of a store on
    PostgreSQL (deleted when the block ends)."""
    if not is_database(path):
        yield Path(path)
        return
    from chatops.tickets.store.copy import copy_to_sqlite_sync

    with tempfile.TemporaryDirectory(prefix="whistle-copy-") as folder:
        yield copy_to_sqlite_sync(str(path), Path(folder) / "store.sqlite")
