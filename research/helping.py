"""Who helps whom: the time bank's ledger as a network of residents (pseudonymised).

The ledger is read from the store file read-only (only the ``bank_transfers`` table); starting credits
(from the community's own account) and entries that were reversed, and the reversals themselves, are left
out: what remains is service given and confirmed by the one served.

>>> import sqlite3, tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "s.sqlite"
>>> db = sqlite3.connect(path)
>>> _ = db.execute("CREATE TABLE bank_transfers (id INTEGER PRIMARY KEY, giver TEXT, receiver TEXT, "
...                "minutes INTEGER, at TEXT, what TEXT, reverses INTEGER, recorded_by TEXT)")
>>> _ = db.executemany("INSERT INTO bank_transfers VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
...     (1, "@a:x", "community", 120, "2026-06-01T00:00:00+00:00", "starting credit", None, "@a:x"),
...     (2, "@a:x", "@b:x", 90, "2026-06-02T00:00:00+00:00", "陪诊", None, "@b:x"),
...     (3, "@c:x", "@b:x", 30, "2026-06-03T00:00:00+00:00", "买菜", None, "@b:x"),
...     (4, "@b:x", "@c:x", 30, "2026-06-04T00:00:00+00:00", "冲正", 3, "@st:x")])
>>> db.commit()
>>> G = helping_graph(path, key="k")
>>> G.number_of_nodes(), G.number_of_edges(), sorted(d["minutes"] for *_, d in G.edges(data=True))
(2, 1, [90])
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import networkx as nx

from research.pseudonyms import pseudonymizer
from research.stores import store_file

COMMUNITY = "community"


def helping_graph(path: str | Path, *, key: str | bytes | None = None) -> nx.DiGraph:
    """Return the directed graph of service: an edge helper → helped with ``minutes`` and ``times`` (how many
    confirmed services), nodes pseudonymised with ``key`` (see :func:`research.pseudonymizer`)."""
    names = pseudonymizer(key)
    with store_file(path) as file:
        db = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'bank_transfers'").fetchone():
                return nx.DiGraph()
            rows = db.execute("SELECT id, giver, receiver, minutes, reverses FROM bank_transfers "
                              "ORDER BY id").fetchall()
        finally:
            db.close()
    undone = {r[4] for r in rows if r[4] is not None}
    G = nx.DiGraph()
    for i, giver, receiver, minutes, reverses in rows:
        if reverses is not None or i in undone or COMMUNITY in (giver, receiver):
            continue
        u, v = names(giver), names(receiver)
        data = G.get_edge_data(u, v, {"minutes": 0, "times": 0})
        G.add_edge(u, v, minutes=data["minutes"] + minutes, times=data["times"] + 1)
    return G
