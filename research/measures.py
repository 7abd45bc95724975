"""Measures over a graph, NetworkX style: plain functions of ``G``, ``seed=`` where random.

The heavy ones (:func:`betweenness`, :func:`communities`) hand large graphs to python-igraph behind the
same signature: ``backend="auto"`` uses igraph from :data:`IGRAPH_MIN_EDGES` edges on, ``"networkx"``
or ``"igraph"`` forces one. Both give the same betweenness (igraph with the same sampled sources and
NetworkX's rescaling); Louvain is randomised differently in each, so the two agree on graphs with a
clear community structure and come close in modularity elsewhere (the tests check both).
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx
import pandas as pd

IGRAPH_MIN_EDGES = 50_000
IGRAPH_CACHE = "research.igraph"  # key in G.__networkx_cache__, where NetworkX keeps converted graphs
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def _use_igraph(G: nx.Graph, backend: str) -> bool:
    if backend not in ("auto", "networkx", "igraph"):
        raise ValueError(f"backend must be 'auto', 'networkx' or 'igraph', not {backend!r}")
    if backend == "auto":
        copy = _cached(G, None)  # counting a large NetworkX graph's edges walks every node: ask the copy
        if (copy[0].ecount() if copy is not None else G.number_of_edges()) < IGRAPH_MIN_EDGES:
            return False
        try:
            import igraph  # noqa: F401
        except ImportError:
            return False
        return True
    return backend == "igraph"


def to_igraph(G: nx.Graph, weight: str | None = None) -> tuple[Any, list[Hashable]]:
    """Return ``(g, nodes)``: ``G`` as an :class:`igraph.Graph` (vertex ``i`` is ``nodes[i]``), edge weights
    from attribute ``weight`` (1 where missing) in ``g.es["weight"]`` when ``weight`` is given.

    Faster than :meth:`igraph.Graph.from_networkx` (no attributes copied): about a second per million edges.
    The heavy measures convert once per graph and keep the result in NetworkX's conversion cache.
    """
    import igraph as ig

    nodes = list(G)
    index = dict(zip(nodes, range(len(nodes)), strict=True))
    directed = G.is_directed()
    pairs: list[tuple[int, int]] = []
    weights: list[Any] = []
    for u, neighbours in G.adjacency():
        iu = index[u]
        for v, data in neighbours.items():
            iv = index[v]
            if directed or iv >= iu:  # an undirected edge is listed from both ends: keep it once
                pairs.append((iu, iv))
                if weight is not None:
                    weights.append(data.get(weight, 1))
    g = ig.Graph(n=len(nodes), edges=pairs, directed=directed)
    if weight is not None:
        g.es["weight"] = weights
    return g, nodes


def _igraph(G: nx.Graph, weight: str | None) -> tuple[Any, list[Hashable]]:
    """Return ``G`` as igraph, converted once and kept in ``G.__networkx_cache__`` as NetworkX keeps its own
    backend conversions (``nx.config.cache_converted_graphs``). Like NetworkX's, the cache is cleared by
    the graph's methods (``add_edge``, ``remove_node``, …) but not by assigning to an attribute in place
    (``G[u][v]["weight"] = 2``): call ``G.__networkx_cache__.clear()`` after such a change."""
    found = _cached(G, weight)
    if found is not None:
        return found
    converted = to_igraph(G, weight)
    cache = getattr(G, "__networkx_cache__", None)
    if cache is not None and nx.config.cache_converted_graphs:
        cache[IGRAPH_CACHE, weight] = converted
    return converted


def _cached(G: nx.Graph, weight: str | None) -> tuple[Any, list[Hashable]] | None:
    """Return the igraph copy of ``G`` kept for ``weight`` (any copy when ``weight`` is ``None``), or ``None``."""
    cache = getattr(G, "__networkx_cache__", None)
    if not cache:
        return None
    if (IGRAPH_CACHE, weight) in cache:
        return cache[IGRAPH_CACHE, weight]
    if weight is None:  # weights ignored: any copy will do
        return next((v for k, v in cache.items() if isinstance(k, tuple) and k[0] == IGRAPH_CACHE), None)
    return None


def betweenness(G: nx.Graph, k: int | None = None, *, normalized: bool = True, weight: str | None = None,
                seed: int | random.Random | None = None, backend: str = "auto") -> dict[Hashable, float]:
    """Return the betweenness centrality of every node, as :func:`networkx.betweenness_centrality` does.

    ``k`` samples that many source nodes (an estimate for large graphs; ``seed`` makes it repeatable:
    the same sources in both backends); ``weight`` is an edge length (``None``: hops). Endpoints are not
    counted. With ``backend="igraph"`` (or ``"auto"`` on a large graph) igraph does the shortest paths.

    >>> G = nx.florentine_families_graph()
    >>> round(betweenness(G)["Medici"], 3)
    0.522
    """
    if k is not None and k >= len(G):
        k = None
    if not _use_igraph(G, backend):
        return nx.betweenness_centrality(G, k=k, normalized=normalized, weight=weight, seed=seed)
    g, nodes = _igraph(G, weight)  # nodes is list(G): vertex i is the i-th node
    # the sources NetworkX would sample: random.sample depends only on the population's length
    chosen = None if k is None else nx.utils.create_py_random_state(seed).sample(range(len(nodes)), k)
    sources = None if chosen is None else [nodes[i] for i in chosen]
    raw = g.betweenness(directed=G.is_directed(), weights="weight" if weight else None, sources=chosen)
    factor = 1.0 if G.is_directed() else 2.0  # igraph counts an undirected pair once, NetworkX twice
    return _rescale(dict(zip(nodes, (b * factor for b in raw), strict=True)), len(G), normalized=normalized,
                    directed=G.is_directed(), sampled=sources)


def _rescale(b: dict[Hashable, float], n: int, *, normalized: bool, directed: bool,
             sampled: list[Hashable] | None) -> dict[Hashable, float]:
    """NetworkX's rescaling of raw ordered-pair sums (endpoints excluded), with or without sampled sources."""
    N = n - 1
    if N < 2:
        return b
    correction = 1 if directed else 2
    if sampled is None:
        scale = 1 / (N * (N - 1)) if normalized else 1 / correction
        return {v: x * scale for v, x in b.items()}
    k = len(sampled)
    if normalized:
        source_scale = 1 / ((k - 1) * (N - 1)) if k > 1 else math.nan
        other_scale = 1 / (k * (N - 1))
    else:
        source_scale = N / ((k - 1) * correction) if k > 1 else math.nan
        other_scale = N / (k * correction)
    chosen = set(sampled)
    return {v: x * (source_scale if v in chosen else other_scale) for v, x in b.items()}


def communities(G: nx.Graph, *, weight: str | None = "weight", resolution: float = 1.0,
                seed: int | None = None, backend: str = "auto") -> list[set[Hashable]]:
    """Return the Louvain communities of ``G``, largest first (a list of node sets).

    ``seed`` fixes the order in which nodes are visited; ``weight=None`` ignores weights. igraph
    (``backend="igraph"``, or ``"auto"`` on a large undirected graph) runs its multilevel algorithm
    with its random generator seeded from ``seed``.

    >>> G = nx.karate_club_graph()
    >>> parts = communities(G, weight=None, seed=2)
    >>> len(parts), round(nx.community.modularity(G, parts, weight=None), 4)
    (4, 0.4188)
    """
    if G.is_directed() and backend == "igraph":
        raise nx.NetworkXNotImplemented("igraph's Louvain needs an undirected graph")
    if G.is_directed() or not _use_igraph(G, backend):
        found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
        return sorted(found, key=len, reverse=True)
    import igraph as ig

    g, nodes = _igraph(G, weight)
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = g.community_multilevel(weights="weight" if weight else None, resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    found = [{nodes[i] for i in part} for part in parts]
    return sorted(found, key=len, reverse=True)


def modularity(G: nx.Graph, parts: Iterable[set[Hashable]], *, weight: str | None = "weight",
               resolution: float = 1.0) -> float:
    """Return the modularity of the partition ``parts`` of ``G`` (see :func:`networkx.community.modularity`)."""
    return nx.community.modularity(G, parts, weight=weight, resolution=resolution)


def centralities(G: nx.Graph, *, weight: str | None = "weight", k: int | None = None,
                 seed: int | None = None, backend: str = "auto") -> pd.DataFrame:
    """Return a table of node centralities, one row per node.

    Columns: ``degree``; ``strength`` (sum of ``weight``); for a directed graph ``in_strength`` and
    ``out_strength``; ``betweenness`` (hops, normalised; ``k``/``seed`` sample sources on a large graph);
    ``eigenvector`` (weighted; in-edges for a directed graph; NaN if it does not converge); ``core``
    (the k-core number, ignoring direction).

    >>> int(centralities(nx.florentine_families_graph()).loc["Medici", "degree"])
    6
    """
    table = pd.DataFrame(index=pd.Index(list(G), name="node"))
    table["degree"] = pd.Series(dict(G.degree()))
    table["strength"] = pd.Series(dict(G.degree(weight=weight)), dtype=float)
    if G.is_directed():
        table["in_strength"] = pd.Series(dict(G.in_degree(weight=weight)), dtype=float)
        table["out_strength"] = pd.Series(dict(G.out_degree(weight=weight)), dtype=float)
    table["betweenness"] = pd.Series(betweenness(G, k, seed=seed, backend=backend))
    try:
        table["eigenvector"] = pd.Series(nx.eigenvector_centrality(G, max_iter=1000, tol=1e-8, weight=weight))
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        table["eigenvector"] = math.nan
    simple = nx.Graph(G)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    table["core"] = pd.Series(nx.core_number(simple))
    return table


def brokerage(G: nx.DiGraph, attribute: str = "sector", *, weight: str | None = None,
              min_weight: float = 1) -> pd.DataFrame:
    """Return the Gould–Fernandez brokerage roles of every node of a directed graph, by group ``attribute``.

    For every open two-path a→v→b (a ≠ b, and no tie a→b) the broker v plays one role, by the groups
    of a, v and b: **coordinator** (all three in one group), **itinerant** (a and b in one group, v
    outside), **representative** (a and v in one group, b outside: v speaks for its group),
    **gatekeeper** (v and b in one group, a outside: v lets outsiders in), **liaison** (three groups).
    The names and counts follow Gould & Fernandez (1989) and R's ``sna::brokerage`` (w_I, w_O, b_IO,
    b_OI, b_O). A tie is an edge with ``weight`` at least ``min_weight`` (any edge when ``weight`` is
    ``None``). Columns: ``group``, the five roles and ``total``.

    >>> G = nx.DiGraph([("a", "v"), ("v", "b")])
    >>> nx.set_node_attributes(G, {"a": "x", "v": "y", "b": "y"}, "sector")
    >>> int(brokerage(G).loc["v", "gatekeeper"])
    1
    """
    if not G.is_directed():
        raise nx.NetworkXNotImplemented("brokerage roles need a directed graph")
    group = nx.get_node_attributes(G, attribute)
    ties: dict[Hashable, set[Hashable]] = {u: set() for u in G}
    for u, v, d in G.edges(data=True):
        if u != v and (weight is None or d.get(weight, 1) >= min_weight):
            ties[u].add(v)
    into: dict[Hashable, set[Hashable]] = {v: set() for v in G}
    for u, outs in ties.items():
        for v in outs:
            into[v].add(u)
    counts = {v: dict.fromkeys(ROLES, 0) for v in G}
    for v in G:
        gv = group.get(v)
        for a in into[v]:
            ga, a_out = group.get(a), ties[a]
            for b in ties[v]:
                if b == a or b in a_out:
                    continue
                gb = group.get(b)
                if ga == gv == gb:
                    role = "coordinator"
                elif ga == gb:
                    role = "itinerant"
                elif ga == gv:
                    role = "representative"
                elif gv == gb:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                counts[v][role] += 1
    table = pd.DataFrame.from_dict(counts, orient="index", columns=list(ROLES))
    table.insert(0, "group", pd.Series(group))
    table["total"] = table[list(ROLES)].sum(axis=1)
    table.index.name = "node"
    return table


def core_periphery(G: nx.Graph, *, weight: str | None = "weight") -> tuple[set[Hashable], float]:
    """Return ``(core, fit)``: the best core of ``G`` under the Borgatti–Everett discrete model, and its fit.

    The ideal pattern links every pair with at least one core member; ``fit`` is the Pearson correlation
    between that pattern and the (weighted) adjacency over all node pairs. Cores are searched among the
    prefixes of the nodes ordered by strength (Lip 2011), which is exact for this pattern on unweighted
    graphs and a close, fast heuristic on weighted ones. A directed graph is read as undirected (weights
    of both directions added).

    >>> core, fit = core_periphery(nx.star_graph(5))
    >>> core, round(fit, 3)
    ({0}, 1.0)
    """
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, w in G.edges(data=weight, default=1):
        if u == v:
            continue
        w = 1 if weight is None else w
        H.add_edge(u, v, weight=H[u][v]["weight"] + w if H.has_edge(u, v) else w)
    n = H.number_of_nodes()
    if n < 2 or H.number_of_edges() == 0:
        return set(), math.nan
    pairs = n * (n - 1) / 2
    total = H.size(weight="weight")
    squares = sum(w * w for _, _, w in H.edges(data="weight"))
    order = sorted(H, key=lambda x: (-H.degree(x, weight="weight"), str(x)))
    core: set[Hashable] = set()
    periphery_weight = total
    best: tuple[float, int] = (-math.inf, 1)
    for size, v in enumerate(order[:-1], start=1):
        periphery_weight -= sum(w for u, w in ((u, d["weight"]) for u, d in H[v].items()) if u not in core)
        core.add(v)
        ideal = pairs - (n - size) * (n - size - 1) / 2
        var_a, var_d = pairs * squares - total**2, pairs * ideal - ideal**2
        if var_a <= 0 or var_d <= 0:
            continue
        corr = (pairs * (total - periphery_weight) - total * ideal) / math.sqrt(var_a * var_d)
        if corr > best[0]:
            best = (corr, size)
    return set(order[:best[1]]), best[0]


def pass_cycles(G: nx.DiGraph, max_length: int = 3, *, weight: str = "weight") -> pd.DataFrame:
    """Return the directed cycles of at most ``max_length`` handlers in a referral graph, heaviest first.

    Columns: ``cycle`` (``a→b→a``, starting from its alphabetically first handler), ``length`` and ``weight``
    (the smallest edge weight on the cycle: how many times at most the whole loop was travelled).
    A→B→A (length 2) is ping-pong between a pair.
    """
    rows = []
    for cycle in nx.simple_cycles(G, length_bound=max_length):
        if len(cycle) < 2:
            continue
        start = min(range(len(cycle)), key=lambda i: str(cycle[i]))  # one spelling per cycle
        cycle = cycle[start:] + cycle[:start]
        w = min(G[a][b].get(weight, 1) for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True))
        rows.append(("→".join(map(str, [*cycle, cycle[0]])), len(cycle), w))
    table = pd.DataFrame(rows, columns=["cycle", "length", "weight"])
    return table.sort_values(["weight", "cycle"], ascending=[False, True]).reset_index(drop=True)
