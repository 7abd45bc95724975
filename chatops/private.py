"""One writer for every file that holds a secret: the bot's session, the local secrets, the homeserver's
config and keys."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_private(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` readable by its owner only (mode 0600), atomically: a reader sees the
    old file or the new one, and an existing file with a wider mode ends up 0600 too.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "secret"
    >>> p.write_text("old"); p.chmod(0o644); write_private(p, "new")
    3
    >>> oct(p.stat().st_mode & 0o777), p.read_text()
    ('0o600', 'new')
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # O_CREAT's mode does not apply to a file left over from before
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
