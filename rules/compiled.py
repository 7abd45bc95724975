"""The routing's hot modules compiled to C by mypyc, used only when they were built from the sources beside them.

Every message is normalised, classified and judged by a few hundred lines of Python; mypyc (part of mypy,
which type-checks this code anyway) compiles those modules, typed as they are, to C extensions that run the
same decisions, short reports routed about 28 % faster. ``make venv`` builds them into the virtual environment
(``rules.compiled.main``); ``import rules`` puts them first on the package's path only when the sources
they were built from are the sources here, by content, so a module edited since is run as written until the
next build, and a machine without a C compiler runs it all as Python. ``WHISTLE_PURE=1`` asks for the
Python as written.

>>> sorted(stamp())
['python', 'rules/classifier.py', 'rules/gate.py', 'rules/normalize.py', 'rules/router.py', 'rules/sieve.py']
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.machinery
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HOT = ("normalize", "sieve", "classifier", "gate", "router")  # in the order they import one another
GROUP = "whistle_rules"  # mypyc's shared runtime for the group: the module whistle_rules__mypyc
SOURCES = Path(__file__).resolve().parent
STAMP = "sources.json"


def home() -> Path:
    """Return where the compiled modules live: a folder of the Python environment that runs them."""
    return Path(sys.prefix) / "whistle-compiled"


def stamp() -> dict[str, str]:
    """Return what a build is valid for: each hot module's source digest and the interpreter's version."""
    out = {f"rules/{name}.py": hashlib.sha256((SOURCES / f"{name}.py").read_bytes()).hexdigest() for name in HOT}
    out["python"] = sys.version
    return out


def paths() -> list[str]:
    """Return the folders to search before the sources for ``rules``' modules: the compiled modules' folder
    when they were built from these sources for this interpreter (their shared runtime loaded), else none."""
    where = home()
    if os.environ.get("WHISTLE_PURE"):
        return []
    try:
        built = json.loads((where / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if built != stamp():
        return []
    runtime = next(where.glob(f"{GROUP}__mypyc*"), None)
    if runtime is None:
        return []
    name = f"{GROUP}__mypyc"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, runtime)
        if spec is None or spec.loader is None:
            return []
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return [str(where / "rules")]


def in_use() -> bool:
    """Return whether this process runs the compiled modules (``rules.gate`` loaded from an extension)."""
    gate = importlib.import_module("rules.gate")
    return str(gate.__file__).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def build(where: Path | None = None) -> Path:
    """Compile the hot modules into ``where`` (the environment's folder by default) and return it; raises
    ``RuntimeError`` with the compiler's words when it cannot. The old build is replaced only by a whole new one."""
    where = where or home()
    from mypyc.build import mypycify  # mypy's compiler: the dev extra
    from setuptools import setup

    with tempfile.TemporaryDirectory(prefix="whistle-compile-") as tmp:
        work = Path(tmp)
        said = io.StringIO()
        here = Path.cwd()
        os.chdir(SOURCES.parent)  # mypy finds the rest of the package from the checkout
        try:
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                modules = mypycify([f"rules/{name}.py" for name in HOT], opt_level="3", group_name=GROUP,
                                   target_dir=str(work / "c"))
                setup(name="whistle-compiled", ext_modules=modules, py_modules=[],
                      script_args=["build_ext", "--build-lib", str(work / "lib"), "--build-temp", str(work / "o")])
        except (Exception, SystemExit) as exc:  # setuptools ends a failed build with SystemExit
            raise RuntimeError(f"{exc}\n{said.getvalue()[-4000:]}") from None
        finally:
            os.chdir(here)
        fresh = work / "out"
        (fresh / "rules").mkdir(parents=True)
        for so in (work / "lib").glob(f"{GROUP}__mypyc*"):
            shutil.copy2(so, fresh)
        for so in (work / "lib" / "rules").glob("*"):
            shutil.copy2(so, fresh / "rules")
        if not any((fresh / "rules").iterdir()):
            raise RuntimeError(f"the compiler made no modules\n{said.getvalue()[-4000:]}")
        (fresh / STAMP).write_text(json.dumps(stamp(), indent=1), encoding="utf-8")
        old = where.with_name(where.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if where.exists():
            where.rename(old)
        shutil.move(str(fresh), where)
        shutil.rmtree(old, ignore_errors=True)
    return where


def main() -> int:
    """Build the compiled modules (``make venv`` does); return 0 when built, 1 (the reason said) when not."""
    try:
        where = build()
    except (ImportError, RuntimeError, OSError) as exc:
        print(f"rules.compiled: not built, the routing runs as Python: {exc}", file=sys.stderr)
        return 1
    print(f"rules.compiled: {', '.join(HOT)} compiled into {where}")
    return 0

