"""`whistle simulate` and `whistle export`, run as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from chatops.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_simulate_then_export(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "sim.sqlite"
    code, out, err = run(capsys, "simulate", "--tickets", "400", "--seed", "3", "--days", "30", "--out", str(store))
    assert code == 0 and "400 条反映" in out and "件工单" in out and "已模拟 400 / 400 条反映" in err
    code, _, err = run(capsys, "--lang", "en", "simulate", "--tickets", "5", "--out", str(store))
    assert code == 1 and "exists" in err
    code, out, _ = run(capsys, "--lang", "en", "export", "--store", str(store), "--graph", "collaboration",
                       "--out", str(tmp_path / "c.graphml"))
    assert code == 0 and "Exported" in out
    assert nx.read_graphml(tmp_path / "c.graphml").number_of_nodes() > 10
    monkeypatch.delenv("WHISTLE_PSEUDONYM_KEY", raising=False)
    code, _, err = run(capsys, "export", "--store", str(store), "--graph", "reporting", "--by", "resident",
                       "--out", str(tmp_path / "r.gexf"))
    assert code == 1 and "WHISTLE_PSEUDONYM_KEY" in err and not (tmp_path / "r.gexf").exists()
    monkeypatch.setenv("WHISTLE_PSEUDONYM_KEY", "k")
    code, _, _ = run(capsys, "export", "--store", str(store), "--graph", "reporting", "--by", "resident",
                     "--out", str(tmp_path / "r.gexf"))
    assert code == 0 and "@" not in (tmp_path / "r.gexf").read_text(encoding="utf-8")
    code, _, err = run(capsys, "export", "--store", str(tmp_path / "nope.sqlite"), "--out", str(tmp_path / "x.csv"))
    assert code == 1 and "不存在" in err


def test_simulate_as_a_subprocess(tmp_path: Path) -> None:
    store = tmp_path / "p.sqlite"
    done = subprocess.run([sys.executable, "-m", "chatops.cli", "--lang", "en", "simulate", "--tickets", "50",
                           "--seed", "1", "--days", "5", "--quiet", "--out", str(store)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Wrote" in done.stdout and done.stderr == "" and store.exists()
    shared = tmp_path / "w.sqlite"  # two processes, a part of the grids each: the same quiet run
    done = subprocess.run([sys.executable, "-m", "chatops.cli", "--lang", "en", "simulate", "--tickets", "60",
                           "--seed", "1", "--days", "5", "--quiet", "--workers", "2", "--out", str(shared)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "Wrote" in done.stdout and "60 reports" in done.stdout
