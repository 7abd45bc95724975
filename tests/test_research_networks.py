"""The networks built in bulk equal the same networks built plainly, and the igraph copy they keep is right."""

from __future__ import annotations

import asyncio
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import research
from research import SimConfig
from research.measures import IGRAPH_CACHE
from tests.test_points import support_taken_back


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> research.EventLog:
    path = tmp_path_factory.mktemp("networks") / "sim.sqlite"
    research.simulate(path, 800, 4, config=SimConfig(days=40, burst_share=0.1))
    return research.read_log(path, key="test")


def plain_reporting(log: research.EventLog, by: str, handlers: str) -> nx.Graph:
    """The reporting graph the slow, obvious way."""
    ev, t = log.events, log.tickets
    column = {"grid": "grid", "estate": "estate", "resident": "reporter"}[by]
    if handlers == "final":
        pairs = t[["ticket_id", "lead"]].rename(columns={"lead": "handler"})
    elif handlers == "routed":
        pairs = ev.loc[ev["kind"] == "routed", ["ticket_id", "target"]].rename(columns={"target": "handler"})
    else:
        held = ev.loc[ev["kind"].isin(["routed", "transferred", "returned"]), ["ticket_id", "target"]]
        signed = ev.loc[ev["kind"] == "acknowledged", ["ticket_id", "actor_handler"]]
        pairs = pd.concat([held.set_axis(["ticket_id", "handler"], axis=1).astype(object),
                           signed.set_axis(["ticket_id", "handler"], axis=1).astype(object),
                           log.assignments[["ticket_id", "handler"]].astype(object)]).drop_duplicates()
    reporters = t[["ticket_id", column]].astype(object).rename(columns={column: "who"})
    if by == "resident":  # supporters (附议) reported the same matter too
        support = ev.loc[ev["kind"] == "supported", ["seq", "ticket_id", "actor"]].astype(object)
        back = ev.loc[ev["kind"] == "withdrawn", ["seq", "ticket_id", "actor"]].astype(object)
        support = support[[not ((back["ticket_id"] == t) & (back["actor"] == a) & (back["seq"] > s)).any()
                           for s, t, a in support.itertuples(index=False)]][["ticket_id", "actor"]]  # not taken back
        reporters = pd.concat([reporters, support.rename(columns={"actor": "who"})]).drop_duplicates()
    pairs = pairs.astype(object).dropna().merge(reporters, on="ticket_id").dropna().rename(columns={"who": column})
    G = nx.Graph()
    for (who, handler), n in pairs.groupby([column, "handler"]).size().items():
        G.add_edge(str(who), str(handler), weight=int(n))
    return G


@pytest.mark.parametrize("by", ["grid", "estate", "resident"])
@pytest.mark.parametrize("handlers", ["routed", "final", "all"])
def test_reporting_graph_equals_the_plain_construction(log: research.EventLog, by: str, handlers: str) -> None:
    G = research.reporting_graph(log, by=by, handlers=handlers)
    expected = plain_reporting(log, by, handlers)
    assert {frozenset(e) for e in G.edges()} == {frozenset(e) for e in expected.edges()}
    assert all(G[u][v] == d for u, v, d in expected.edges(data=True))
    u, v = next(iter(G.edges()))
    assert G[u][v] is G[v][u]  # one attribute dictionary per edge, as NetworkX keeps it
    reporters = [n for n, d in G.nodes(data=True) if d["bipartite"] == 0]
    column = {"grid": "grid", "estate": "estate", "resident": "reporter"}[by]
    counts = log.tickets[column].astype(object).value_counts()
    if by == "resident":
        support = log.events.loc[log.events["kind"] == "supported", "actor"].astype(object).value_counts()
        counts = counts.add(support, fill_value=0)
        assert len(support) > 0  # the simulated community has residents reporting open matters again
    assert {n: G.nodes[n]["tickets"] for n in reporters} == {str(k): int(v) for k, v in counts.items()}
    assert nx.is_bipartite(G)


def test_the_igraph_copy_gives_the_same_answers(log: research.EventLog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("research.networks.IGRAPH_MIN_EDGES", 10)
    G = research.reporting_graph(log, by="resident", handlers="all")
    assert (IGRAPH_CACHE, "weight") in G.__networkx_cache__
    cached = research.betweenness(G, 40, seed=3, backend="igraph")
    weighted = research.betweenness(G, 40, seed=3, weight="weight", backend="igraph")
    parts = research.communities(G, seed=3, backend="igraph")
    plain = nx.Graph(G)  # a copy: no cache
    assert not plain.__networkx_cache__
    assert research.betweenness(plain, 40, seed=3, backend="igraph") == pytest.approx(cached)
    assert research.betweenness(plain, 40, seed=3, weight="weight", backend="igraph") == pytest.approx(weighted)
    assert research.betweenness(plain, 40, seed=3, backend="networkx") == pytest.approx(cached)
    assert research.communities(plain, seed=3, backend="igraph") == parts
    G.add_edge("someone", "property")  # a change through NetworkX's methods drops the copy
    assert (IGRAPH_CACHE, "weight") not in G.__networkx_cache__


def test_time_slices_cover_the_log(log: research.EventLog) -> None:
    monthly = research.time_slices(log, research.referral_graph, "M")
    whole = research.referral_graph(log)
    assert sum(G.size(weight="weight") for G in monthly.values()) == whole.size(weight="weight")
    weekly = research.time_slices(log, research.collaboration_graph, "W")
    assert all(G.graph["start"] < G.graph["end"] for G in weekly.values())
    quarterly = research.time_slices(log, research.reporting_graph, "Q", by="grid")
    assert sum(d["tickets"] for G in quarterly.values() for _, d in G.nodes(data=True)
               if d["bipartite"] == 0) == len(log.tickets)


def test_a_support_taken_back_is_no_tie_in_the_network(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    asyncio.run(support_taken_back(path))
    log = research.read_log(path, key="test")
    ev = log.events
    bob = ev.loc[ev["kind"] == "withdrawn", "actor"].astype(str).tolist()
    carol = [a for a in ev.loc[ev["kind"] == "supported", "actor"].astype(str) if a not in bob]
    assert len(bob) == 1 and len(carol) == 1
    G = research.reporting_graph(log, by="resident", handlers="all")
    assert carol[0] in G and G.nodes[carol[0]]["tickets"] == 1
    assert bob[0] not in G  # he deleted his "me too": no tie to the handlers of a matter he no longer reports
    reporters = {n for n, d in G.nodes(data=True) if d["bipartite"] == 0}
    assert reporters == set(plain_reporting(log, "resident", "all")) - set(log.handlers.index) and len(reporters) == 2
