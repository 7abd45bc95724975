"""Exports carry no Matrix ID and no message text by default (checked by reading the files back)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import networkx as nx
import pytest

import research
from research import SimConfig
from rules import load_rulebook

MATRIX_ID = re.compile(r"@[A-Za-z0-9._=\-/+]+:[A-Za-z0-9.\-]+")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "sim.sqlite"
    research.simulate(path, 600, 5, config=SimConfig(days=30, burst_share=0.1))
    return path


def texts(store: Path) -> set[str]:
    """Every piece of message text in the store: report texts and reasons, but not the rulebook's own public names
    (a simulated report may be nothing but a keyword, 人力资源和社会保障, that is also a handler's sector, which an
    export names by design)."""
    book = load_rulebook()
    public = {n for h in book.handlers for n in (h.name, h.sector)} | {c.name for c in book.categories}
    with sqlite3.connect(store) as db:
        found = {r[0] for r in db.execute("SELECT text FROM tickets")}
        found |= {r[0] for r in db.execute("SELECT DISTINCT reason FROM events WHERE reason IS NOT NULL")}
    return {t for t in found if len(t) >= 4 and t not in public}


def graphs(log: research.EventLog) -> dict[str, nx.Graph]:
    return {
        "collaboration": research.collaboration_graph(log),
        "referral": research.referral_graph(log),
        "grids": research.reporting_graph(log, by="grid"),
        "residents": research.reporting_graph(log, by="resident", handlers="all"),
    }


def test_exports_hold_no_matrix_id_and_no_text(store: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(research.KEY_ENV, "a secret for the test")
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE actor LIKE '@%:%'").fetchone()[0] > 0
    secrets = texts(store)
    assert len(secrets) > 20
    log = research.read_log(store)
    written = []
    for name, G in graphs(log).items():
        assert G.number_of_edges() > 0, name
        for suffix, write in research.export.WRITERS.items():
            written.append(write(G, tmp_path / f"{name}.{suffix}"))
    residents = nx.read_graphml(tmp_path / "residents.graphml")
    assert sum(1 for _, d in residents.nodes(data=True) if d["part"] == "resident") > 100
    for path in written:
        content = path.read_text(encoding="utf-8")
        assert not MATRIX_ID.search(content), path
        assert "localhost" not in content and "whistle.example" not in content, path
        leaked = [t for t in secrets if t in content]
        assert not leaked, (path, leaked[:3])
    gexf = nx.read_gexf(tmp_path / "referral.gexf")
    assert gexf.number_of_edges() == graphs(log)["referral"].number_of_edges()
    header = (tmp_path / "referral.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "source,target,escalations,mean_hours,median_hours,returns,tickets,transfers,weight"


def test_random_key_pseudonyms_are_refused(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(research.KEY_ENV, raising=False)
    monkeypatch.setattr("research.pseudonyms._process_key", None)
    with pytest.warns(UserWarning):
        log = research.read_log(store)
    residents = research.reporting_graph(log, by="resident")
    with pytest.raises(research.PseudonymKeyMissing, match=research.KEY_ENV):
        research.write_gexf(residents, tmp_path / "r.gexf")
    assert not (tmp_path / "r.gexf").exists()
    research.write_gexf(research.referral_graph(log), tmp_path / "handlers.gexf")  # no people in it: fine


def test_matrix_ids_and_text_attributes_are_refused(tmp_path: Path) -> None:
    G = nx.Graph()
    G.add_edge("@alice:localhost", "property")
    with pytest.raises(research.UnsafeExport, match="Matrix ID"):
        research.write_graphml(G, tmp_path / "g.graphml")
    H = nx.Graph()
    H.add_node("p1", note="reported by @bob:example.org")
    with pytest.raises(research.UnsafeExport, match="Matrix ID"):
        research.write_edgelist(H, tmp_path / "h.csv")
    T = nx.Graph()
    T.add_edge("a", "b", text="楼上漏水了")
    with pytest.raises(research.UnsafeExport, match="text"):
        research.write_gexf(T, tmp_path / "t.gexf")
    research.write_gexf(T, tmp_path / "t.gexf", allow_text=True)
    assert "楼上漏水了" in (tmp_path / "t.gexf").read_text(encoding="utf-8")
    assert not (tmp_path / "g.graphml").exists() and not (tmp_path / "h.csv").exists()
