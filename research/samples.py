"""Small simulated logs for notebooks and tests, made once and kept in the temporary folder."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from chatops.tickets.store import LATEST
from research.participation import simulate_participation
from research.simulation import simulate
from rules import load_rulebook

CACHE_ENV = "WHISTLE_RESEARCH_CACHE"


def sample_store(tickets: int = 2000, seed: int = 1) -> Path:
    """Return the path of a store with a simulated community of ``tickets`` tickets (default rulebook), with
    its matters, meetings and time bank (:func:`research.participation.simulate_participation`).

    The file is made on first use and kept in ``$WHISTLE_RESEARCH_CACHE`` (default: the system's
    temporary folder); it is made again when the simulator or the rulebook change.
    """
    book = load_rulebook()
    here = Path(__file__).parent
    code = hashlib.sha256(b"".join((here / f).read_bytes() for f in ("simulation.py", "community.py", "batch.py",
                                                                        "participation.py")))
    folder = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "whistle-research")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"sim-{tickets}-{seed}-{book.digest}-{code.hexdigest()[:10]}-v{LATEST}.sqlite"
    if not path.exists():
        scratch = folder / f".{path.name}.{os.getpid()}"
        simulate(scratch, tickets, seed, rulebook=book, overwrite=True)
        simulate_participation(scratch, seed=seed)  # matters, meetings and the time bank beside the tickets
        scratch.replace(path)  # atomic: a reader never sees half a file
        for suffix in ("-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    return path
