"""Helpers shared by the benchmark scripts: timing, memory and sample reports."""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (a child process imports this module for peak_rss_mb alone: no rulebook loaded for it)
    from rules import Rulebook

EVAL_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "complaints" / "tipdm-dev.csv"
_OPENERS = ["", "你好，", "请问", "麻烦看一下，", "紧急！", "物业你好，", "社区领导您好，"]
_PLACES = ["", "3号楼", "安居苑5号楼", "馨园小区10栋", "我家楼下", "滨江花园2幢", "小区门口"]
_CLOSERS = ["", "，已经好几天了", "，请尽快处理", "，谢谢", "！！", "，没人管"]


def best_rate(fn: Callable[[], int], repeat: int = 5) -> float:
    """Return the best items/s of ``repeat`` runs of ``fn`` (which returns how many items it did)."""
    best = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn()
        best = max(best, n / (time.perf_counter() - t0))
    return best


def rotated(stages: dict[str, Callable[[], int]], rounds: int = 5) -> dict[str, float]:
    """Return the best items/s of each stage over ``rounds`` rounds that run every stage once in turn."""
    best = dict.fromkeys(stages, 0.0)
    for _ in range(rounds):
        for name, fn in stages.items():
            t0 = time.perf_counter()
            n = fn()
            best[name] = max(best[name], n / (time.perf_counter() - t0))
    return best


def peak_rss_mb(*, children: bool = False) -> float:
    """Return this process's peak resident memory in MiB; with ``children``, the largest peak among the child
    processes it has waited for (a simulation's parts).

    Its own peak is the kernel's high-water mark of this process's memory (``VmHWM``), not ``ru_maxrss``: Linux
    keeps ``ru_maxrss`` across ``exec``, so a child started by a parent that had grown (a benchmark that simulated
    its store first) would report the parent's peak as its own.
    """
    if not children:
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:  # not Linux: the portable figure
            pass
    return resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter with ``args`` (it may ``from _common import peak_rss_mb``); return the
    JSON object its last line of output prints. A measure of time or memory taken there is its own alone."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(Path(__file__).resolve().parent),
                                                                    os.environ.get("PYTHONPATH"))))}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def synthetic_reports(book: Rulebook, n: int, seed: int = 1) -> list[str]:
    """Return ``n`` short resident-style reports built from the rulebook's own keywords (and some noise)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 10 == 9:
            out.append(rng.choice(["今天天气不错", "大家好", "请问社区几点上班", "谢谢网格员"]))
            continue
        c = rng.choice(book.categories)
        out.append(rng.choice(_OPENERS) + rng.choice(_PLACES) + rng.choice(c.keywords) + rng.choice(_CLOSERS))
    return out


def real_reports() -> list[tuple[str, str]]:
    """Return the evaluation file's ``(text, sector)`` rows when ``../shared`` is beside the checkout, else ``[]``."""
    if not EVAL_FILE.exists():
        return []
    with EVAL_FILE.open(encoding="utf-8") as fh:
        return [(row["text"], row["label"]) for row in csv.DictReader(fh)]
