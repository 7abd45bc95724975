"""Where a store is: a SQLite file, or the address of a PostgreSQL database (``postgresql://…``).

>>> is_database("postgresql://u@/db?community=anju"), is_database("var/whistle.sqlite"), is_database(None)
(True, False, False)
>>> shown("postgresql://u:secret@h/db?community=anju")
'postgresql://u@h/db?community=anju'
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

SCHEMES = ("postgresql://", "postgres://")


def is_database(where: Any) -> TypeGuard[str]:
    """Return whether ``where`` (a path, an address, anything) names a PostgreSQL database, not a file."""
    return isinstance(where, str) and where.startswith(SCHEMES)


def shown(address: str) -> str:
    """Return ``address`` without its password, to name the store in messages and tables."""
    return re.sub(r"://([^:/@]*):[^@]*@", r"://\1@", address)
