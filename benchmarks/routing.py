"""Routing throughput of the default rulebook (classification included) beside the raw engine rate.

The raw rate posts the same reports, already tagged, straight to durable_rules (``host.post``) on the
same thread in the same process; the aim is routing at 0.6 of it or better.

    .venv/bin/python benchmarks/routing.py [--n 20000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_rate, peak_rss_mb, real_reports, synthetic_reports

import rules.engine as engine_mod
from rules import Router, load_rulebook
from rules.engine import SESSION, UNCLASSIFIED, on_owner


def measure(router: Router, texts: list[str]) -> dict[str, float]:
    """Return reports/s for: raw engine post, Engine.decide, classify only, full route."""
    tagged = [router.classifier.classify(t) for t in texts]
    events = [{"sid": SESSION, "category": c.category or UNCLASSIFIED, "urgent": bool(c.urgent)} for c in tagged]
    name = router.engine.name

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
        for t in texts:
            router._route(t)
        return len(texts)

    # everything on the engine's owner thread, interleaved so drift hits all alike
    return on_owner(lambda: {"raw engine post": best_rate(raw), "Engine.decide": best_rate(decide),
                             "classify only": best_rate(classify), "route (classify + engine)": best_rate(route)})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="synthetic reports")
    args = ap.parse_args()
    book = load_rulebook()
    router = Router(book)
    print(f"default rulebook {book.full_version}: {len(book.categories)} categories, "
          f"{len(router.engine.verdicts)} engine rules, "
          f"{sum(len(c.keywords) + len(c.negative) for c in book.categories)} keywords, "
          f"{sum(len(c.patterns) for c in book.categories)} patterns")
    sets = [("short synthetic reports", synthetic_reports(book, args.n))]
    real = real_reports()
    if real:
        sets.append((f"real complaints (mean {sum(map(len, real)) / len(real):.0f} chars)", real))
    for label, texts in sets:
        rates = measure(router, texts)
        base = rates["raw engine post"]
        print(f"\n{label}: {len(texts)} reports")
        for what, rate in rates.items():
            print(f"  {what:<28} {rate:>10,.0f} /s   {rate / base:5.2f}x raw")
        ratio = rates["route (classify + engine)"] / base
        print(f"  routing / raw engine = {ratio:.2f} (aim >= 0.60): {'OK' if ratio >= 0.6 else 'BELOW AIM'}")
    print(f"\npeak RSS {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
