"""Exports for Gephi and other tools: GraphML, GEXF and CSV edge lists, pseudonymised.

Every export is checked before anything is written: no Matrix ID (``@someone:server``) anywhere, no
message text attributes (``text``, ``reason``, ``detail``, ``body``) unless ``allow_text=True``, and no
pseudonyms made with a random per-process key (set ``WHISTLE_PSEUDONYM_KEY``; see
:mod:`research.pseudonyms`). Values GraphML and GEXF cannot hold (``None``, lists, NumPy scalars) are
converted or dropped on a copy; the graph itself is not changed.

>>> import tempfile, networkx as nx
>>> G = nx.Graph([("property", "street")], kind="collaboration")
>>> path = write_gexf(G, tempfile.mkdtemp() + "/collaboration.gexf")
>>> path.read_text(encoding="utf-8").count("<node ")
2
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from research.pseudonyms import PseudonymKeyMissing

MATRIX_ID = re.compile(r"@[^\s:@]+:[A-Za-z0-9.\-\[\]]+")
TEXT_ATTRIBUTES = frozenset({"text", "reason", "detail", "body", "place_detail", "source"})


class UnsafeExport(ValueError):
    """An export would carry a Matrix ID or message text."""


def check_safe(G: nx.Graph, *, allow_text: bool = False) -> None:
    """Return ``None`` if ``G`` may be exported; raise :class:`UnsafeExport` or :class:`PseudonymKeyMissing`."""
    if G.graph.get("pseudonyms") == "random":
        raise PseudonymKeyMissing()
    for where, key, value in _everything(G):
        if not allow_text and key in TEXT_ATTRIBUTES:
            raise UnsafeExport(f"{where} has a message text attribute {key!r} (pass allow_text=True if allowed)")
        if isinstance(value, str) and MATRIX_ID.search(value):
            raise UnsafeExport(f"{where} carries a Matrix ID in {key!r}: pseudonymise it first")


def _everything(G: nx.Graph) -> Iterator[tuple[str, str, Any]]:
    for key, value in G.graph.items():
        yield "the graph", key, value
    for n, data in G.nodes(data=True):
        yield f"node {n!r}", "id", n
        for key, value in data.items():
            yield f"node {n!r}", key, value
    for u, v, data in G.edges(data=True):
        for key, value in data.items():
            yield f"edge {u!r}-{v!r}", key, value


def _plain(value: Any) -> Any:
    """Return ``value`` as something GraphML and GEXF can hold, or ``None`` to drop it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # NumPy scalars
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(map(str, value))
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _clean(G: nx.Graph) -> nx.Graph:
    H = G.__class__()
    H.graph.update({k: v for k, v in ((k, _plain(v)) for k, v in G.graph.items()) if v is not None})
    H.add_nodes_from((str(n), {k: v for k, v in ((k, _plain(v)) for k, v in d.items()) if v is not None})
                     for n, d in G.nodes(data=True))
    H.add_edges_from((str(u), str(v), {k: w for k, w in ((k, _plain(w)) for k, w in d.items()) if w is not None})
                     for u, v, d in G.edges(data=True))
    return H


def write_graphml(G: nx.Graph, path: str | Path, *, allow_text: bool = False) -> Path:
    """Write ``G`` as GraphML to ``path``; return the path."""
    check_safe(G, allow_text=allow_text)
    path = Path(path)
    nx.write_graphml(_clean(G), path)
    return path


def write_gexf(G: nx.Graph, path: str | Path, *, allow_text: bool = False) -> Path:
    """Write ``G`` as GEXF (Gephi's format) to ``path``; return the path."""
    check_safe(G, allow_text=allow_text)
    path = Path(path)
    nx.write_gexf(_clean(G), path)
    return path


def write_edgelist(G: nx.Graph, path: str | Path, *, allow_text: bool = False) -> Path:
    """Write ``G``'s edges as CSV (``source,target`` and one column per edge attribute); return the path."""
    check_safe(G, allow_text=allow_text)
    path = Path(path)
    keys = sorted({k for _, _, d in G.edges(data=True) for k in d})
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["source", "target", *keys])
        for u, v, d in G.edges(data=True):
            out.writerow([u, v, *(("" if _plain(d.get(k)) is None else _plain(d.get(k))) for k in keys)])
    return path


WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "csv": write_edgelist}
