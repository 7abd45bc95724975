"""The networks the event log leaves behind, as NetworkX graphs.

* :func:`collaboration_graph`: handlers linked by tickets they both signed for (co-handled and joint).
* :func:`referral_graph`: who passes tickets to whom (transfers, returns, escalations), with delays.
* :func:`reporting_graph`: grids, estates or residents linked to the handlers their reports reached.
* :func:`time_slices`: any of them, once per day, week, month, quarter or year.

Every handler node carries ``name``, ``name_en``, ``kind`` and ``sector`` from the rulebook. Windows
(``start``/``end``) select events with ``start <= at < end``; times are UTC.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from research.log import HANDOVERS, EventLog, _utc
from research.measures import IGRAPH_CACHE, IGRAPH_MIN_EDGES
from research.passes import handler_dtype, passes

REPORTERS = {"grid": "grid", "estate": "estate", "resident": "reporter"}


def _handler_nodes(G: nx.Graph, log: EventLog, extra: Any = ()) -> None:
    """Add every rulebook handler (and any other handler id in ``extra``) with its attributes."""
    for hid, row in log.handlers.iterrows():
        G.add_node(hid, name=row["name"], name_en=row["name_en"], kind=row["kind"], sector=row["sector"])
    for hid in extra:
        if isinstance(hid, str) and hid not in G:
            G.add_node(hid, name=hid, name_en=hid, kind="unknown", sector="")


def collaboration_graph(log: EventLog, *, start: Any = None, end: Any = None) -> nx.Graph:
    """Return the handler collaboration graph: an undirected, weighted :class:`networkx.Graph`.

    Two handlers are linked when both signed for (签收/报到) the same ticket: the lead and its
    co-handlers, or the departments a whistle summoned (a joint ticket).

    Node attributes: ``name``, ``name_en``, ``kind``, ``sector``; ``signed`` (tickets signed for) and
    ``led`` (tickets resolved as the lead) within the window.
    Edge attributes: ``weight`` (tickets both signed for) and ``joint`` (how many of them were whistled).

    >>> from research import read_log, sample_store
    >>> log = read_log(sample_store(500))
    >>> G = collaboration_graph(log)
    >>> u, v, attributes = max(G.edges(data=True), key=lambda e: e[2]["weight"])
    >>> sorted(attributes), attributes["weight"] >= attributes["joint"]
    (['joint', 'weight'], True)
    """
    ev = log.between(start, end)
    acks = ev.loc[ev["kind"] == "acknowledged", ["ticket_id", "actor_handler"]].dropna()
    acks = acks.astype({"actor_handler": str}).drop_duplicates()
    whistled = set(log.events.loc[log.events["kind"] == "whistled", "ticket_id"].unique())
    G = nx.Graph(kind="collaboration", start=_iso(start), end=_iso(end))
    _handler_nodes(G, log, acks["actor_handler"].unique())
    nx.set_node_attributes(G, acks.groupby("actor_handler").size().to_dict(), "signed")
    led = ev.loc[ev["kind"] == "resolved", ["ticket_id", "actor_handler"]].dropna().drop_duplicates()
    nx.set_node_attributes(G, led.astype({"actor_handler": str}).groupby("actor_handler").size().to_dict(), "led")
    for n in G:
        G.nodes[n].setdefault("signed", 0)
        G.nodes[n].setdefault("led", 0)
    pairs = acks.merge(acks, on="ticket_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_handler_a"] < pairs["actor_handler_b"]]
    pairs = pairs.assign(joint=pairs["ticket_id"].isin(whistled))
    edges = pairs.groupby(["actor_handler_a", "actor_handler_b"]).agg(weight=("ticket_id", "size"),
                                                                         joint=("joint", "sum"))
    G.add_edges_from((a, b, {"weight": int(w), "joint": int(j)})
                     for (a, b), w, j in zip(edges.index, edges["weight"], edges["joint"], strict=True))
    return G


def referral_graph(log: EventLog, *, start: Any = None, end: Any = None) -> nx.DiGraph:
    """Return the referral graph: a directed, weighted :class:`networkx.DiGraph` of passes between handlers.

    An edge A→B counts the tickets A transferred to B, returned to B (the street office) or that were
    escalated from A (the lead) to B.

    Node attributes: ``name``, ``name_en``, ``kind``, ``sector``.
    Edge attributes: ``weight`` (all passes), ``transfers``, ``returns``, ``escalations``, ``tickets``
    (distinct tickets), ``mean_hours`` and ``median_hours`` (how long A held a ticket before passing it).

    >>> from research import read_log, sample_store
    >>> log = read_log(sample_store(500))
    >>> G = referral_graph(log)
    >>> u, v, e = max(G.edges(data=True), key=lambda e: e[2]["weight"])
    >>> e["weight"] == e["transfers"] + e["returns"] + e["escalations"]
    True
    """
    p = passes(log, start=start, end=end)
    G = nx.DiGraph(kind="referral", start=_iso(start), end=_iso(end))
    _handler_nodes(G, log, pd.concat([p["source"], p["target"]]).unique())
    if p.empty:
        return G
    counts = pd.crosstab([p["source"], p["target"]], p["kind"]).reindex(
        columns=["transferred", "returned", "escalated"], fill_value=0)
    held = p.groupby(["source", "target"])["held_hours"].agg(["mean", "median"])
    tickets = p.groupby(["source", "target"])["ticket_id"].nunique()
    for (a, b), row in counts.iterrows():
        G.add_edge(a, b, weight=int(row.sum()), transfers=int(row["transferred"]), returns=int(row["returned"]),
                   escalations=int(row["escalated"]), tickets=int(tickets[(a, b)]),
                   mean_hours=float(held.at[(a, b), "mean"]), median_hours=float(held.at[(a, b), "median"]))
    return G


def reporting_graph(log: EventLog, *, by: str = "grid", handlers: str = "routed", start: Any = None,
                    end: Any = None) -> nx.Graph:
    """Return the bipartite reporting graph: who reports (grids, estates or residents) to which handlers.

    ``by`` is ``"grid"``, ``"estate"`` or ``"resident"`` (pseudonyms); ``handlers`` is ``"routed"`` (the
    lead the rulebook chose), ``"final"`` (the lead now) or ``"all"`` (every handler that held, signed
    for or was named on the ticket). Tickets count when reported in the window. By resident, a ticket
    counts for its reporter and for every resident who supported it (附议: reported the same open matter).

    Node attributes: ``bipartite`` (0 reporters, 1 handlers, the NetworkX convention), ``part``
    (``grid``, ``estate``, ``resident`` or ``handler``), ``tickets`` for reporters; handlers also get
    ``name``, ``name_en``, ``kind``, ``sector``. Edge attribute: ``weight`` (tickets).

    >>> from research import read_log, sample_store
    >>> log = read_log(sample_store(500))
    >>> G = reporting_graph(log, by="resident", handlers="all")
    >>> nx.is_bipartite(G)
    True
    """
    if by not in REPORTERS:
        raise ValueError(f"by must be one of {sorted(REPORTERS)}, not {by!r}")
    t = log.tickets
    mask = np.ones(len(t), dtype=bool)
    if start is not None:
        mask &= (t["created_at"] >= _utc(start)).to_numpy()
    if end is not None:
        mask &= (t["created_at"] < _utc(end)).to_numpy()
    who = t[REPORTERS[by]]
    names_w = pd.Index(who.cat.categories, dtype=object)
    p_ticket, p_who = t["ticket_id"].to_numpy()[mask], who.cat.codes.to_numpy()[mask]
    if by == "resident":  # residents who reported an open matter again support its ticket (附议): reporters too
        ev = log.events
        sup = standing_supports(ev)
        sup = sup[sup["ticket_id"].isin(p_ticket).to_numpy()]
        if len(sup):
            names_w = names_w.union(pd.Index(sup["actor"].cat.categories, dtype=object))
            recode = names_w.get_indexer(who.cat.categories)
            p_who = np.where(p_who >= 0, recode[np.maximum(p_who, 0)], -1)
            s_codes = names_w.get_indexer(sup["actor"].cat.categories)[sup["actor"].cat.codes.to_numpy()]
            p_ticket = np.concatenate([p_ticket, sup["ticket_id"].to_numpy()])
            p_who = np.concatenate([p_who, s_codes])
    names_w = np.asarray(names_w, dtype=object)
    keep = p_who >= 0
    pairs, _ = _counts(p_ticket[keep].astype(np.int64) * (len(names_w) + 1) + p_who[keep])
    p_ticket, p_who = pairs // (len(names_w) + 1), pairs % (len(names_w) + 1)  # distinct, ordered by ticket
    per_reporter = np.bincount(p_who, minlength=len(names_w))

    dtype = handler_dtype(log)
    ticket, handler = _ticket_handlers(log, handlers, dtype)
    # join every (ticket, handler) with every reporter of that ticket
    lo, hi = np.searchsorted(p_ticket, ticket, "left"), np.searchsorted(p_ticket, ticket, "right")
    n = np.where(handler >= 0, hi - lo, 0)
    rows = np.repeat(np.arange(len(ticket)), n)
    offsets = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    reporter, handler = p_who[np.repeat(lo, n) + offsets], handler[rows]

    G = nx.Graph(kind="reporting", by=by, handlers=handlers, start=_iso(start), end=_iso(end))
    if by == "resident":
        G.graph["pseudonyms"] = log.pseudonyms
    names_h = dtype.categories
    _handler_nodes(G, log, names_h[np.unique(handler)])
    for n in G:
        G.nodes[n].update(bipartite=1, part="handler")
    present = np.flatnonzero(per_reporter)
    clash = set(map(str, names_w[present])) & set(G)
    if clash:
        raise ValueError(f"reporter ids that are also handler ids: {sorted(clash)[:5]}")
    grid_names = log.grids["name"].to_dict() if by == "grid" else {}
    reporters = [(str(names_w[i]), {"bipartite": 0, "part": by, "tickets": int(per_reporter[i]),
                                    **({"name": grid_names[names_w[i]]} if names_w[i] in grid_names else {})})
                 for i in present]
    width = len(names_h) + 1
    pairs, weights = _counts(reporter.astype(np.int64) * width + handler)
    u_codes, v_codes = pairs // width, pairs % width
    _bulk(G, reporters, names_w[u_codes].astype(str), u_codes, np.asarray(names_h)[v_codes], v_codes, weights)
    _companion(G, u_codes, v_codes, weights, names_w, names_h)
    return G


def standing_supports(events: pd.DataFrame) -> pd.DataFrame:
    """Return the ``supported`` rows of ``events`` (an :class:`EventLog`'s) that still stand: the supporter
    did not take the support back later (a ``withdrawn`` of theirs on the same ticket: they deleted their
    "me too"), as the ticket itself no longer counts, tells or asks them.

    >>> ev = pd.DataFrame({"seq": [1, 2, 3, 4, 5], "ticket_id": [1, 1, 1, 1, 1], "actor": ["a", "b", "c", "b", "c"],
    ...                    "kind": ["reported", "supported", "supported", "withdrawn", "supported"]})
    >>> standing_supports(ev)["actor"].tolist()
    ['c', 'c']
    """
    kind = events["kind"]
    sup = events[(kind == "supported").to_numpy()]
    back = events[(kind == "withdrawn").to_numpy()]
    if not len(back) or not len(sup):
        return sup
    last = back.groupby(["ticket_id", back["actor"].astype(str)], observed=True)["seq"].max()
    later = pd.MultiIndex.from_arrays([sup["ticket_id"], sup["actor"].astype(str)])
    taken_back = last.reindex(later).to_numpy()
    return sup[~(taken_back > sup["seq"].to_numpy())]


def _bulk(G: nx.Graph, nodes: list[tuple[str, dict[str, Any]]], us: np.ndarray, u_keys: np.ndarray,
          vs: np.ndarray, v_keys: np.ndarray, weights: np.ndarray) -> None:
    """Add ``nodes`` and the weighted edges ``us[i]``–``vs[i]`` to the undirected ``G``; ``u_keys`` and
    ``v_keys`` are integer codes of the same nodes, the edges ordered by ``u_keys``.

    It fills NetworkX's adjacency dictionaries a node at a time, which is what ``add_edges_from`` does
    edge by edge after checks that ids made here do not need: several times faster on a million edges.
    Both directions of an edge share one attribute dictionary, as in NetworkX.
    """
    node, adj = G._node, G._adj
    for n, data in nodes:
        node.setdefault(n, {}).update(data)
        adj.setdefault(n, {})
    datas = [{"weight": w} for w in weights.tolist()]
    us_list, vs_list = us.tolist(), vs.tolist()
    for lo, hi in _runs(u_keys):
        adj[us_list[lo]].update(zip(vs_list[lo:hi], datas[lo:hi], strict=True))
    order = np.argsort(v_keys, kind="stable")
    order_list = order.tolist()
    for lo, hi in _runs(v_keys[order]):
        picked = order_list[lo:hi]
        adj[vs_list[picked[0]]].update((us_list[i], datas[i]) for i in picked)
    nx._clear_cache(G)


def _runs(values: np.ndarray) -> list[tuple[int, int]]:
    """Return the (start, end) of each run of equal values in ``values``."""
    if not len(values):
        return []
    cuts = np.flatnonzero(values[1:] != values[:-1]) + 1
    bounds = [0, *cuts.tolist(), len(values)]
    return list(itertools.pairwise(bounds))


def _companion(G: nx.Graph, u_codes: np.ndarray, v_codes: np.ndarray, weights: np.ndarray, names_w: np.ndarray,
               names_h: Any) -> None:
    """Keep an igraph copy of ``G`` in NetworkX's conversion cache (``G.__networkx_cache__``), built from the
    arrays ``G`` was built from: the heavy measures then skip converting (see :func:`research.measures.to_igraph`).
    NetworkX clears the cache whenever the graph changes through its methods."""
    if not nx.config.cache_converted_graphs or len(weights) < IGRAPH_MIN_EDGES:
        return
    try:
        import igraph as ig
    except ImportError:
        return
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    w_index = np.array([index.get(str(n), -1) for n in names_w], dtype=np.int64)
    h_index = np.array([index.get(n, -1) for n in names_h], dtype=np.int64)
    edges = np.column_stack([w_index[u_codes], h_index[v_codes]])
    g = ig.Graph(n=len(nodes), edges=edges, directed=False)
    g.es["weight"] = weights.tolist()
    G.__networkx_cache__[IGRAPH_CACHE, "weight"] = (g, nodes)


def _ticket_handlers(log: EventLog, which: str, dtype: pd.CategoricalDtype) -> tuple[np.ndarray, np.ndarray]:
    """Return (ticket ids, handler codes in ``dtype``): the routed lead, the final lead, or everyone involved."""
    ev = log.events

    def codes(values: pd.Series) -> np.ndarray:
        return values.astype(object).astype(dtype).cat.codes.to_numpy().astype(np.int64)

    if which == "final":
        return log.tickets["ticket_id"].to_numpy(), codes(log.tickets["lead"])
    if which not in ("routed", "all"):
        raise ValueError(f"handlers must be 'routed', 'final' or 'all', not {which!r}")
    kinds = ("routed",) if which == "routed" else HANDOVERS
    held = ev[ev["kind"].isin(kinds).to_numpy()]
    parts = [(held["ticket_id"].to_numpy(), codes(held["target"]))]
    if which == "all":
        signed = ev[(ev["kind"] == "acknowledged").to_numpy()]
        named = log.assignments
        parts += [(signed["ticket_id"].to_numpy(), codes(signed["actor_handler"])),
                  (named["ticket_id"].to_numpy(), codes(named["handler"]))]
    ticket = np.concatenate([p[0] for p in parts])
    handler = np.concatenate([p[1] for p in parts])
    width = len(dtype.categories) + 1
    unique, _ = _counts(ticket.astype(np.int64) * width + handler + 1)
    return unique // width, unique % width - 1


def _counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct ``keys`` in order and how often each occurs (a sort: faster than hashing here)."""
    keys = np.sort(keys)
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    return keys[starts], np.diff(np.append(starts, len(keys)))


def time_slices(log: EventLog, build: Callable[..., nx.Graph], freq: str = "M", **kwargs: Any) -> dict[pd.Period,
                                                                                                       nx.Graph]:
    """Return ``{period: build(log, start=..., end=..., **kwargs)}`` for every period the log spans.

    ``freq`` is a pandas period alias: ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"``. Each graph's
    ``graph["start"]`` and ``graph["end"]`` say its window.

    >>> from research import read_log, sample_store
    >>> log = read_log(sample_store(500))
    >>> monthly = time_slices(log, referral_graph, "M")
    >>> str(next(iter(monthly))), all(G.graph["start"] < G.graph["end"] for G in monthly.values())
    ('2026-01', True)
    """
    first, last = log.span
    if pd.isna(first):
        return {}
    periods = pd.period_range(first.tz_convert(None).to_period(freq), last.tz_convert(None).to_period(freq),
                              freq=freq)
    out = {}
    for p in periods:
        start, end = p.start_time.tz_localize("UTC"), (p + 1).start_time.tz_localize("UTC")
        out[p] = build(log, start=start, end=end, **kwargs)
    return out


def _iso(value: Any) -> str:
    return "" if value is None else _utc(value).isoformat()
