"""How well routing reaches the right place: the city letters (rules alone, and 5-fold cross-validation of
rules, model and both), and the chat-style messages the developers wrote (rules alone, and with a model
trained on the letters).

    .venv/bin/python benchmarks/routing_quality.py [--seeds 3] [--rulebook FILE]

The letters are read from ``../shared`` beside the checkout. ``rules/data/chat_messages.csv`` is tuned on:
it grew by three sets of messages that were each written in one sitting and measured once before any
tuning to them (rules alone, to the expected handler: 78.2 %, 61.2 %, 66.0 %; non-reports ticketed: 2 of
20, 1 of 15, 0 of 10; emergencies at emergency priority: 19 of 20, 4 of 8, 7 of 10), then merged in.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import EVAL_FILE

from rules import DEFAULT_RULEBOOK, Router, load_rulebook
from rules.evaluation import Evaluation, cross_validate, evaluate, read_cases
from rules.model import train
from rules.starter import STARTER


def line(label: str, ev: Evaluation) -> str:
    extra = ""
    if ev.non_reports:
        extra += f", {ev.ticketed}/{ev.non_reports} non-reports ticketed"
    if ev.emergencies:
        extra += f", {ev.emergencies_met}/{ev.emergencies} emergencies at emergency priority"
    return (f"  {label:<34} {ev.accuracy:6.1%} of {ev.n} to the expected {ev.kind}{extra}; "
            f"{ev.dropped} dropped, {ev.unsure} to confirm, {ev.asked} asked which matter")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="cross-validation runs with different folds")
    ap.add_argument("--rulebook", default=str(DEFAULT_RULEBOOK))
    args = ap.parse_args()
    book = load_rulebook(args.rulebook)
    router = Router(book)
    model = None
    if EVAL_FILE.exists():
        letters = read_cases(EVAL_FILE)
        print(f"city letters ({len(letters)}, labels: sectors)")
        print(line("rules alone", evaluate(router, letters)))
        for seed in range(args.seeds):
            started = time.perf_counter()
            cv = cross_validate(router, letters, k=5, seed=seed)
            r, m, b = cv.mean()
            print(f"  5-fold CV, seed {seed}: rules {r:.1%}, model {m:.1%}, rules + model {b:.1%} "
                  f"({time.perf_counter() - started:.0f} s)")
        model = train([(c.text, c.label) for c in letters], kind="sector", source="letters",
                      classifier=router.classifier)
    else:
        print(f"({EVAL_FILE} is not here: the letters are left out)")
    for name in ("chat_messages.csv",):
        cases = read_cases(STARTER.with_name(name))
        print(f"{name} ({len(cases)} messages, labels: handlers)")
        print(line("rules alone", evaluate(router, cases, kind="handler")))
        if model is not None:
            print(line("with the model of the letters", evaluate(router.with_model(model), cases, kind="handler")))


if __name__ == "__main__":
    main()
