"""The networks the event log leaves behind, as NetworkX graphs.

* :func:`collaboration_graph`: handlers linked by tickets they both signed for (co-handled and joint).
* :func:`referral_graph`: who passes tickets to whom (transfers, returns, escalations), with delays.
* :func:`reporting_graph`: grids, estates or residents linked to the handlers their reports reached.
* :func:`time_slices`: any of them, once per day, week, month, quarter or year.

Every handler node carries ``name``, ``name_en``, ``kind`` and ``sector`` from the rulebook. Windows
(``start``/``end``) select events with ``start <= at < end``; times are UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pandas as pd

from research.log import HANDOVERS, EventLog, _utc
from research.passes import passes

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

    >>> G = collaboration_graph(log)  # doctest: +SKIP
    >>> G["property"]["housing"]  # doctest: +SKIP
    {'weight': 412, 'joint': 3}
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

    >>> G = referral_graph(log)  # doctest: +SKIP
    >>> G["property"]["street_office"]["returns"]  # doctest: +SKIP
    57
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
    for or was named on the ticket). Tickets count when reported in the window.

    Node attributes: ``bipartite`` (0 reporters, 1 handlers, the NetworkX convention), ``part``
    (``grid``, ``estate``, ``resident`` or ``handler``), ``tickets`` for reporters; handlers also get
    ``name``, ``name_en``, ``kind``, ``sector``. Edge attribute: ``weight`` (tickets).

    >>> G = reporting_graph(log, by="resident", handlers="all")  # doctest: +SKIP
    >>> nx.is_bipartite(G)  # doctest: +SKIP
    True
    """
    if by not in REPORTERS:
        raise ValueError(f"by must be one of {sorted(REPORTERS)}, not {by!r}")
    t = log.tickets
    mask = pd.Series(True, index=t.index)
    if start is not None:
        mask &= t["created_at"] >= _utc(start)
    if end is not None:
        mask &= t["created_at"] < _utc(end)
    t = t.loc[mask, ["ticket_id", REPORTERS[by], "lead"]].rename(columns={REPORTERS[by]: "who"})
    links = _ticket_handlers(log, t, handlers).merge(t[["ticket_id", "who"]], on="ticket_id")
    links = links.dropna()
    G = nx.Graph(kind="reporting", by=by, handlers=handlers, start=_iso(start), end=_iso(end))
    if by == "resident":
        G.graph["pseudonyms"] = log.pseudonyms
    _handler_nodes(G, log, links["handler"].unique())
    for n in G:
        G.nodes[n].update(bipartite=1, part="handler")
    per_reporter = t.groupby("who", observed=True).size()
    clash = set(per_reporter.index.astype(str)) & set(G)
    if clash:
        raise ValueError(f"reporter ids that are also handler ids: {sorted(clash)[:5]}")
    names = log.grids["name"].to_dict() if by == "grid" else {}
    G.add_nodes_from((str(w), {"bipartite": 0, "part": by, "tickets": int(n), **({"name": names[w]} if w in names
                                                                                  else {})})
                     for w, n in per_reporter.items())
    edges = links.groupby(["who", "handler"], observed=True).size()
    G.add_edges_from((str(w), str(h), {"weight": int(n)}) for (w, h), n in edges.items())
    return G


def _ticket_handlers(log: EventLog, tickets: pd.DataFrame, which: str) -> pd.DataFrame:
    """Return (ticket_id, handler) pairs for ``tickets``: the routed lead, the final lead, or everyone."""
    ev = log.events
    if which == "final":
        return tickets[["ticket_id", "lead"]].rename(columns={"lead": "handler"}).astype({"handler": object})
    routed = ev.loc[ev["kind"] == "routed", ["ticket_id", "target"]].rename(columns={"target": "handler"})
    if which == "routed":
        out = routed
    elif which == "all":
        held = ev.loc[ev["kind"].isin(HANDOVERS), ["ticket_id", "target"]].rename(columns={"target": "handler"})
        signed = ev.loc[ev["kind"] == "acknowledged", ["ticket_id", "actor_handler"]].rename(
            columns={"actor_handler": "handler"})
        named = log.assignments[["ticket_id", "handler"]]
        out = pd.concat([held.astype({"handler": object}), signed.astype({"handler": object}),
                         named.astype({"handler": object})], ignore_index=True).drop_duplicates()
    else:
        raise ValueError(f"handlers must be 'routed', 'final' or 'all', not {which!r}")
    out = out[out["ticket_id"].isin(tickets["ticket_id"])]
    return out.astype({"handler": object})


def time_slices(log: EventLog, build: Callable[..., nx.Graph], freq: str = "M", **kwargs: Any) -> dict[pd.Period,
                                                                                                       nx.Graph]:
    """Return ``{period: build(log, start=..., end=..., **kwargs)}`` for every period the log spans.

    ``freq`` is a pandas period alias: ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"``. Each graph's
    ``graph["start"]`` and ``graph["end"]`` say its window.

    >>> monthly = time_slices(log, referral_graph, "M")  # doctest: +SKIP
    >>> {str(p): G.size(weight="weight") for p, G in monthly.items()}  # doctest: +SKIP
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
