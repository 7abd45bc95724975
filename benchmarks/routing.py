"""Routing throughput of the default rulebook (classification and the gate included) beside the raw
engine rate, and with the learned model on the city letters.

The raw rate posts the same reports, already tagged, straight to durable_rules (``host.post``) on the
same thread in the same process, on the routing's hot modules compiled when ``make venv`` could
(``WHISTLE_PURE=1`` runs the Python as written); the aims are rules-only routing of short reports at 0.6 of it or
better, and 5,000 long reports/s with the model. The stages are rotated (each round times every stage
once, five rounds, the best of each kept), so a busy machine slows them alike. They run as the bot runs:
what was alive before (rulebook, engine, model) kept out of the garbage collector's full passes.

    .venv/bin/python benchmarks/routing.py [--n 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import peak_rss_mb, real_reports, rotated, synthetic_reports

import rules.engine as engine_mod
from rules import Router, load_rulebook
from rules.compiled import in_use
from rules.engine import SESSION, UNCLASSIFIED, on_owner
from rules.heap import settled
from rules.model import Model, train


def measure(router: Router, texts: list[str], model: Model | None = None) -> dict[str, float]:
    """Return reports/s for: raw engine post, Engine.decide, classify only, full route (and with the model)."""
    tagged = [router.classifier.classify(t) for t in texts]
    events = [{"sid": SESSION, "category": c.category or UNCLASSIFIED, "urgent": bool(c.urgent), "handler": ""}
              for c in tagged]
    name = router.engine.name
    with_model = router.with_model(model) if model is not None else None

    def raw() -> int:
        host = engine_mod._host
        assert host is not None
        for e in events:
            host.post(name, dict(e))
        return len(events)

    def decide() -> int:
        for c in tagged:
            router.engine.decide(c.category, bool(c.urgent))
        return len(tagged)

    def classify() -> int:
        for t in texts:
            router.classifier.classify(t)
        return len(texts)

    def route() -> int:
        return len(router.route_many(texts))

    def route_model() -> int:
        assert with_model is not None
        return len(with_model.route_many(texts))

    stages: dict[str, Callable[[], int]] = {"raw engine post": raw, "Engine.decide (remembered)": decide,
                                            "classify only": classify, "route (rules, gate, engine)": route}
    if with_model is not None:
        stages["route with the model"] = route_model
    # everything on the engine's owner thread, the stages rotated so drift hits all alike; what is alive before (the
    # rulebook, the engine, the model, the texts) is kept out of the collector's full passes, as the bot does for its
    # life (rules.heap.settled)
    with settled():
        return on_owner(lambda: rotated(stages))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="synthetic reports")
    args = ap.parse_args()
    book = load_rulebook()
    router = Router(book)
    print(f"default rulebook {book.full_version}: {len(book.categories)} categories, "
          f"{len(router.engine.verdicts)} engine rules, "
          f"{sum(len(c.keywords) + len(c.negative) for c in book.categories)} keywords, "
          f"{sum(len(c.patterns) for c in book.categories)} patterns; "
          f"{'compiled by mypyc' if in_use() else 'Python as written (make venv compiles it)'}")
    sets: list[tuple[str, list[str], Model | None]] = [("short synthetic reports", synthetic_reports(book, args.n),
                                                         None)]
    real = real_reports()
    if real:
        started = time.perf_counter()
        model = train(real, kind="sector", source="eval file", classifier=router.classifier)
        print(f"model trained on the {len(real)} letters in {time.perf_counter() - started:.1f} s "
              f"({len(model.features.keys):,} n-grams)")
        texts = [t for t, _ in real]
        sets.append((f"real complaints (mean {sum(map(len, texts)) / len(texts):.0f} chars)", texts, model))
    for label, texts, m in sets:
        rates = measure(router, texts, m)
        base = rates["raw engine post"]
        print(f"\n{label}: {len(texts)} reports")
        for what, rate in rates.items():
            print(f"  {what:<28} {rate:>10,.0f} /s   {rate / base:5.2f}x raw")
        ratio = rates["route (rules, gate, engine)"] / base
        print(f"  routing / raw engine = {ratio:.2f} (aim >= 0.60): {'OK' if ratio >= 0.6 else 'BELOW AIM'}")
        if m is not None:
            rate = rates["route with the model"]
            print(f"  with the model {rate:,.0f} /s (aim >= 5,000): {'OK' if rate >= 5000 else 'BELOW AIM'}")
    print(f"\npeak RSS {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
