"""The routing's hot modules compiled by mypyc (rules/compiled.py): used only when built from the sources
beside them, deciding exactly as the Python does, their examples run from the sources."""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rules import compiled
from rules.compiled import HOT, SOURCES, STAMP

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", HOT)
def test_the_hot_modules_examples_run_from_their_sources(name: str) -> None:
    spec = importlib.util.spec_from_file_location(f"_source_{name}", SOURCES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        for test in doctest.DocTestFinder().find(module):
            runner.run(test)
    finally:
        del sys.modules[spec.name]
    assert runner.tries >= 3, f"rules/{name}.py: only {runner.tries} examples found"
    assert runner.failures == 0


def test_a_build_of_other_sources_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "home", lambda: tmp_path)
    monkeypatch.delenv("WHISTLE_PURE", raising=False)
    assert compiled.paths() == []  # nothing built
    (tmp_path / f"{compiled.GROUP}__mypyc.so").write_bytes(b"")
    stale = {**compiled.stamp(), "rules/gate.py": "0" * 64}  # built before gate.py was edited
    (tmp_path / STAMP).write_text(json.dumps(stale), encoding="utf-8")
    assert compiled.paths() == []
    (tmp_path / STAMP).write_text("{not json", encoding="utf-8")
    assert compiled.paths() == []
    (tmp_path / STAMP).write_text(json.dumps({**compiled.stamp(), "python": "3.11.0"}), encoding="utf-8")
    assert compiled.paths() == []  # another interpreter's


_DECIDE = """
import json, re, sys
import rules.compiled
from rules import Router, load_rulebook
from rules.evaluation import read_cases
router = Router(load_rulebook())
texts = [c.text for c in read_cases("rules/data/chat_messages.csv")][::5]
floats = re.compile(r"\\d+\\.\\d{6,}")  # a likeness summed in another order may differ in its last bit
out = [floats.sub(lambda m: f"{float(m.group(0)):.9g}", repr(d)) for d in router.route_many(texts)]
print(json.dumps({"compiled": rules.compiled.in_use(), "decisions": out}))
"""


def _decide(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "WHISTLE_PURE"} | ({"WHISTLE_PURE": "1"} if pure else {})
    done = subprocess.run([sys.executable, "-c", _DECIDE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=240, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_compiled_modules_are_built_used_and_decide_as_the_python_does() -> None:
    built = (compiled.home() / STAMP)
    assert built.exists(), "the compiled modules are not built: make venv builds them (rules/compiled.py)"
    fast, plain = _decide(pure=False), _decide(pure=True)
    assert fast["compiled"] is True, "built from other sources than these: make venv rebuilds them"
    assert plain["compiled"] is False
    assert len(fast["decisions"]) > 2000  # type: ignore[arg-type]
    assert fast["decisions"] == plain["decisions"]
