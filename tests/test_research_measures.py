"""Measures against values known independently, and the igraph backend against NetworkX on the same graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from research import betweenness, brokerage, centralities, communities, core_periphery, modularity, pass_cycles
from research.measures import IGRAPH_MIN_EDGES, to_igraph

BACKENDS = ("networkx", "igraph")


def test_louvain_on_the_karate_club_gives_four_communities_with_modularity_0_4188() -> None:
    G = nx.karate_club_graph()
    parts = communities(G, weight=None, seed=2, backend="networkx")
    assert len(parts) == 4
    assert round(modularity(G, parts, weight=None), 4) == 0.4188
    assert set().union(*parts) == set(G)


def test_igraph_louvain_on_the_karate_club_is_as_good() -> None:
    G = nx.karate_club_graph()
    for seed in range(5):
        parts = communities(G, weight=None, seed=seed, backend="igraph")
        assert 3 <= len(parts) <= 5
        assert modularity(G, parts, weight=None) == pytest.approx(0.41, abs=0.03)
    assert communities(G, weight=None, seed=2, backend="igraph") == communities(G, weight=None, seed=2,
                                                                                 backend="igraph")


@pytest.mark.parametrize("weighted", [False, True])
def test_both_louvains_find_a_planted_partition(weighted: bool) -> None:
    G = nx.planted_partition_graph(6, 30, 0.5, 0.01, seed=3)
    if weighted:
        rng = random.Random(1)
        for u, v in G.edges():
            G[u][v]["weight"] = rng.randint(1, 4)
    planted = sorted((set(p) for p in G.graph["partition"]), key=min)
    for backend in BACKENDS:
        found = communities(G, weight="weight" if weighted else None, seed=7, backend=backend)
        assert sorted(found, key=min) == planted, backend


def test_medici_betweenness_in_the_florentine_families_graph_is_0_522() -> None:
    G = nx.florentine_families_graph()
    for backend in BACKENDS:
        b = betweenness(G, backend=backend)
        assert round(b["Medici"], 3) == 0.522
        assert max(b, key=b.get) == "Medici"


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("k", [None, 25])
@pytest.mark.parametrize("normalized", [True, False])
def test_igraph_betweenness_equals_networkx(directed: bool, weight: str | None, k: int | None,
                                            normalized: bool) -> None:
    G = nx.gnm_random_graph(150, 600, seed=5, directed=directed)
    rng = random.Random(2)
    for u, v in G.edges():
        G[u][v]["weight"] = rng.randint(1, 5)
    expected = nx.betweenness_centrality(G, k=k, normalized=normalized, weight=weight, seed=11)
    for backend in BACKENDS:
        got = betweenness(G, k, normalized=normalized, weight=weight, seed=11, backend=backend)
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), backend


def test_auto_backend_switches_to_igraph_on_large_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    G = nx.gnm_random_graph(400, 1200, seed=1)
    monkeypatch.setattr("research.measures.IGRAPH_MIN_EDGES", 1000)
    calls = []
    real = to_igraph
    monkeypatch.setattr("research.measures.to_igraph", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    betweenness(G, 20, seed=1)
    communities(G, seed=1)
    assert len(calls) == 2
    assert IGRAPH_MIN_EDGES >= 1000


def test_to_igraph_keeps_edges_and_weights() -> None:
    G = nx.DiGraph()
    G.add_edge("a", "b", weight=3)
    G.add_edge("b", "c")
    g, nodes = to_igraph(G, "weight")
    assert nodes == ["a", "b", "c"] and g.is_directed()
    assert [(nodes[e.source], nodes[e.target], e["weight"]) for e in g.es] == [("a", "b", 3), ("b", "c", 1)]


def test_brokerage_roles_on_a_hand_worked_example() -> None:
    # groups: x = {a, b, c}, y = {d, e}, z = {f}
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "a"), ("a", "e"), ("b", "d"), ("f", "e"), ("e", "d"),
                    ("c", "f")])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, "sector")
    # every open two-path u→v→w (u ≠ w, no tie u→w), by hand, with the groups of u, v, w:
    #   a: d→a→b (y x x) gatekeeper, d→a→e (y x y) itinerant
    #   b: a→b→c (x x x) coordinator, a→b→d (x x y) representative
    #   c: b→c→f (x x z) representative
    #   d: b→d→a (x y x) itinerant, e→d→a (y y x) representative
    #   e: a→e→d (x y y) gatekeeper, f→e→d (z y y) gatekeeper
    #   f: c→f→e (x z y) liaison
    expected = {
        "a": dict(coordinator=0, itinerant=1, representative=0, gatekeeper=1, liaison=0),
        "b": dict(coordinator=1, itinerant=0, representative=1, gatekeeper=0, liaison=0),
        "c": dict(coordinator=0, itinerant=0, representative=1, gatekeeper=0, liaison=0),
        "d": dict(coordinator=0, itinerant=1, representative=1, gatekeeper=0, liaison=0),
        "e": dict(coordinator=0, itinerant=0, representative=0, gatekeeper=2, liaison=0),
        "f": dict(coordinator=0, itinerant=0, representative=0, gatekeeper=0, liaison=1),
    }
    roles = brokerage(G)
    for node, counts in expected.items():
        assert roles.loc[node, list(counts)].to_dict() == counts, node
        assert roles.loc[node, "total"] == sum(counts.values())
    assert roles.loc["e", "group"] == "y"
    G.add_edge("a", "c")  # closes a→b→c: b is no longer a coordinator
    assert brokerage(G).loc["b", "coordinator"] == 0


def test_brokerage_coordinator_and_weight_threshold() -> None:
    G = nx.DiGraph()
    G.add_edge("a", "b", weight=5)
    G.add_edge("b", "c", weight=1)
    nx.set_node_attributes(G, "same", "sector")
    assert brokerage(G).loc["b", "coordinator"] == 1
    assert brokerage(G, weight="weight", min_weight=2).loc["b", "total"] == 0
    with pytest.raises(nx.NetworkXNotImplemented):
        brokerage(nx.Graph(G))


def test_core_periphery() -> None:
    core, fit = core_periphery(nx.star_graph(6))
    assert core == {0} and fit == pytest.approx(1.0)
    # a 4-clique whose members all know six others who do not know each other: an exact core
    G = nx.complete_graph(4)
    G.add_edges_from((c, p) for c in range(4) for p in range(10, 16))
    core, fit = core_periphery(G, weight=None)
    assert core == set(range(4)) and fit == pytest.approx(1.0)
    assert core_periphery(nx.empty_graph(3)) == (set(), pytest.approx(float("nan"), nan_ok=True))


def test_centralities_table() -> None:
    G = nx.florentine_families_graph()
    table = centralities(G)
    assert table.loc["Medici", "degree"] == 6 and round(table.loc["Medici", "betweenness"], 3) == 0.522
    assert table["core"].max() == 2 and table["eigenvector"].idxmax() == "Medici"
    D = nx.DiGraph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
    t = centralities(D)
    assert t.loc["b", "in_strength"] == 2 and t.loc["b", "out_strength"] == 1


def test_pass_cycles_finds_ping_pong_and_triangles() -> None:
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "b", 5), ("b", "a", 2), ("b", "c", 1), ("c", "a", 4), ("c", "d", 9)])
    cycles = pass_cycles(G)
    assert cycles.values.tolist() == [["a→b→a", 2, 2], ["a→b→c→a", 3, 1]]
    assert pass_cycles(G, max_length=2)["cycle"].tolist() == ["a→b→a"]
