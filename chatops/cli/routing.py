"""The routing commands of ``whistle``: ``route`` (one text, an evaluation, a cross-validation), ``model``
(train, retrain, info) and ``rulebook replay`` (a new rulebook over every past report)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from chatops.cli.text import load_book, read_store, table
from chatops.tickets.store import Store
from rules import Decision, Router, Rulebook
from rules.catalogue import listed, text
from rules.evaluation import EvalFileError, Evaluation, cross_validate, evaluate, label_kind, read_cases
from rules.model import Model, ModelError, train
from rules.rulebook import format_duration, with_choices
from rules.starter import NONE, routing_models

MODEL_ENV = "WHISTLE_MODEL"


def load_model(path: str | None, lang: str) -> tuple[bool, Model | None]:
    """Return ``(ok, model)``: the model at ``path`` (or ``$WHISTLE_MODEL``), ``None`` if neither is set
    (or it is ``none``); ``ok`` is false (and the reason printed) when the file cannot be used."""
    path = path or os.environ.get(MODEL_ENV) or None
    if not path or path.strip().lower() == NONE:
        return True, None
    try:
        return True, Model.load(path)
    except ModelError as exc:
        print(text("model_unreadable", lang, file=path, detail=str(exc).removeprefix(f"{path}: ")), file=sys.stderr)
        return False, None


def router_for(book: Rulebook, path: str | None, lang: str) -> Router | None:
    """Return the router of ``book`` with the model at ``path`` (or ``$WHISTLE_MODEL``) and the starter model
    beside it, the rules alone for ``none``; ``None`` (the reason printed) when the file cannot be used."""
    setting = path or os.environ.get(MODEL_ENV) or None
    try:
        return Router(book, *routing_models(book, setting))
    except ModelError as exc:
        print(text("model_unreadable", lang, file=setting, detail=str(exc).removeprefix(f"{setting}: ")),
              file=sys.stderr)
        return None


def render_decision(book: Rulebook, d: Decision, lang: str) -> str:
    """Return a decision explained for a person, in ``lang``: who, how fast, why, and what was weighed."""
    none = text("none", lang)
    lines = [text(
        "decision_summary", lang,
        category=book.category_name(d.category, lang, text("unclassified", lang)), category_id=d.category or "-",
        lead=book.handler_name(d.lead, lang), co="、".join(book.handler_name(h, lang) for h in d.co) or none,
        priority=text(f"priority_{d.priority}", lang),
        sign_for=format_duration(d.sign_for), resolve=format_duration(d.resolve), rule=d.rule,
        matched="、".join(d.matched + d.urgent) or none, version=d.rulebook_version)]
    report = {True: "report_yes", False: "report_no", None: "report_unsure"}[d.report]
    lines.append(text("decision_gate", lang, report=text(report, lang), gate=text(f"gate_{d.gate}", lang)))
    source = text(f"source_{d.source.kind}", lang)
    if d.source.model:
        label = d.source.label or "-"
        label = book.handler_name(label, lang) if label in book.handler_by_id else label
        source = text("decision_source_model", lang, kind=source, model=d.source.model, label=label,
                      score=d.source.score or 0.0)
    lines.append(text("decision_source", lang, source=source))
    if d.raised and d.source.alarm is not None:  # no urgent word: the model's emergency head made it one
        lines.append(text("decision_alarm", lang, heard=text("alarm_heard", lang, score=round(100 * d.source.alarm))))

    def option(a: Any) -> str:
        matter = book.category_name(a.category, lang, text("unclassified", lang))
        return f"{matter}（{book.handler_name(a.lead, lang)}）"

    if d.ask:
        lines.append(text("decision_ask", lang, options="；".join(f"{i}. {option(a)}"
                                                                  for i, a in enumerate(d.options, 1))))
    elif d.alternatives:
        lines.append(text("decision_alternatives", lang, alternatives="；".join(option(a) for a in d.alternatives)))
    if d.hotline:
        lines.append(text("decision_hotline", lang, hotline=d.hotline))
    return "\n".join(lines)


def render_evaluation(ev: Evaluation, file: str, lang: str, book: Rulebook) -> str:
    """Return accuracy, what the gate did, how the policy choices fit the file, per-label precision and
    recall, and the confusion table."""
    out = [text("eval_header", lang, file=file, n=ev.n, accuracy=ev.accuracy, unclassified=ev.unclassified),
           text("eval_gate", lang, non_reports=ev.non_reports, ticketed=ev.ticketed, dropped=ev.dropped,
                unsure=ev.unsure, asked=ev.asked, emergencies=ev.emergencies, met=ev.emergencies_met)]
    for c in ev.choices(book):
        out.append(text("eval_choice_fits" if c.best == c.chosen else "eval_choice_differs", lang, name=c.name,
                        id=c.id, n=c.n, chosen=c.chosen, fit=c.fits[c.chosen], best=c.best, best_fit=c.fits[c.best],
                        accuracy=(ev.correct + c.gain) / ev.n))
    out.append("")
    head = (["label", "precision", "recall", "n"] if lang == "en"
            else [text(f"label_kind_{ev.kind}", lang), "精确率", "召回率", "条数"])
    rows = [head] + [[s, f"{p:.1%}", f"{r:.1%}", str(n)] for s, (p, r, n) in ev.precision_recall().items()]
    out += [table(rows), ""]
    labels = ev.labels()
    true_labels = [lab for lab in labels if any(t == lab for t, _ in ev.confusion)]
    predicted = sorted({p for _, p in ev.confusion}, key=labels.index)
    corner = "true \\ predicted" if lang == "en" else "实际 \\ 预测"
    grid = [[corner, *predicted]] + [[t, *(str(ev.confusion[(t, p)]) for p in predicted)] for t in true_labels]
    out.append(table(grid))
    return "\n".join(out)


def _evaluation_json(ev: Evaluation, book: Rulebook) -> dict[str, Any]:
    return {"choices": [{"id": c.id, "chosen": c.chosen, "n": c.n, "fits": c.fits, "best": c.best}
                        for c in ev.choices(book)],
            "n": ev.n, "accuracy": ev.accuracy, "kind": ev.kind, "unclassified": ev.unclassified,
            "asked": ev.asked, "dropped": ev.dropped, "unsure": ev.unsure, "non_reports": ev.non_reports,
            "ticketed": ev.ticketed, "emergencies": ev.emergencies, "emergencies_met": ev.emergencies_met,
            "per_label": {s: {"precision": p, "recall": r, "n": n} for s, (p, r, n) in ev.precision_recall().items()},
            "confusion": [[t, p, k] for (t, p), k in sorted(ev.confusion.items())]}


def cmd_route(args: argparse.Namespace) -> int:
    book = load_book(args.rulebook, args.lang)
    if book is None:
        return 1
    router = router_for(book, args.model, args.lang)
    if router is None:
        return 1
    if args.eval:
        try:
            cases = read_cases(args.eval)
            kind = label_kind(book, (c.label for c in cases), args.eval)
        except EvalFileError as exc:
            print(exc.render(args.lang), file=sys.stderr)
            return 1
        if args.cv:
            return _cross_validate(router, cases, args)
        ev = evaluate(router, cases, kind=kind)
        print(json.dumps(_evaluation_json(ev, book), ensure_ascii=False, indent=2) if args.json
              else render_evaluation(ev, args.eval, args.lang, book))
        return 0
    body = " ".join(args.text)
    if not body.strip():
        print(text("text_missing", args.lang), file=sys.stderr)
        return 2
    decision = router.route(body)
    if args.json:
        out = decision.to_dict()
        out["sector"] = book.handler_by_id[decision.lead].sector
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(render_decision(book, decision, args.lang))
    return 0


def _cross_validate(router: Router, cases: list[Any], args: argparse.Namespace) -> int:
    try:
        cv = cross_validate(router, cases, k=args.cv, seed=args.seed)
    except (ValueError, ModelError) as exc:
        print(text("model_cannot_train", args.lang, detail=str(exc)), file=sys.stderr)
        return 1
    rules, model, both = cv.mean()
    # the same folds under the policy choices this file fits best, where they differ from those in force (a city
    # whose lifts are the market bureau's): the community's choice, shown beside, the rulebook left as it is
    book = router.rulebook
    fits = evaluate(router.with_model(None, starter=None), cases, kind=cv.kind).choices(book)
    picks = {c.id: c.best for c in fits if c.best != c.chosen}
    theirs = cross_validate(Router(with_choices(book, picks)), cases, k=args.cv, seed=args.seed) if picks else None
    if args.json:
        print(json.dumps({"k": args.cv, "n": cv.n, "kind": cv.kind, "rules": rules, "model": model, "both": both,
                          "folds": [dict(zip(("rules", "model", "both"), f, strict=True)) for f in cv.folds],
                          "file_choices": None if theirs is None else
                          {"choices": picks, **dict(zip(("rules", "model", "both"), theirs.mean(), strict=True))}},
                         ensure_ascii=False, indent=2))
        return 0
    print(text("eval_cv", args.lang, k=args.cv, n=cv.n, kind=text(f"label_kind_{cv.kind}", args.lang), rules=rules,
               model=model, both=both))
    for i, (r, m, b) in enumerate(cv.folds, 1):
        print(text("eval_cv_fold", args.lang, fold=i, rules=r, model=m, both=b))
    if theirs is not None:
        names = {ch.id: ch.name for ch in book.choices}
        made = listed([text("eval_cv_choice", args.lang, name=names[c], option=o) for c, o in picks.items()],
                      args.lang)
        r, m, b = theirs.mean()
        print(text("eval_cv_file_choices", args.lang, choices=made, rules=r, model=m, both=b))
    return 0


def _write_model(model: Model, out: Path, started: float, lang: str) -> None:
    model.save(out)
    print(text("model_trained", lang, file=out, version=model.version, rows=model.info.get("rows", 0),
               labels=len(model.labels), kind=text(f"label_kind_{model.kind}", lang),
               seconds=time.perf_counter() - started, size=out.stat().st_size / 1024))
    if model.heads:
        print(text("model_heads", lang, heads="；".join(
            text(f"head_{name}", lang, yes=model.info.get(f"{name}_yes", 0), no=model.info.get(f"{name}_no", 0))
            for name in model.heads)))
    if model.info.get("left_out"):
        print(text("model_left_out", lang, labels="、".join(f"{k} ({v})" for k, v in model.info["left_out"].items())))


def _train(args: argparse.Namespace, book: Rulebook) -> Model | None:
    """Return a model trained as ``args`` say (from a store or a labelled file), or None after a message."""
    router = Router(book)
    try:
        if args.csv:
            rows = read_cases(args.csv)
            cases = [c for c in rows if c.label != "-"]
            kind = label_kind(book, (c.label for c in cases), args.csv)
            # the priority column teaches the emergency head, the rows marked - the report head
            return train([(c.text, c.label) for c in cases], kind=kind, source=f"csv:{Path(args.csv).name}",
                         seed=args.seed, classifier=router.classifier,
                         emergencies=[c.priority == "emergency" for c in cases],
                         calm=[c.text for c in rows if c.label == "-"])
        from chatops.tickets.learning import train_from_store

        async def from_store(store: Store) -> Model:
            return await train_from_store(store, router, seed=args.seed)

        return read_store(args.store, args.lang, from_store)[1]
    except EvalFileError as exc:
        print(exc.render(args.lang), file=sys.stderr)
    except (ModelError, ValueError) as exc:
        print(text("model_cannot_train", args.lang, detail=str(exc)), file=sys.stderr)
    return None


def cmd_model_train(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not out.parent.is_dir():
        print(text("no_folder", args.lang, folder=out.absolute().parent), file=sys.stderr)
        return 1
    book = load_book(args.rulebook, args.lang)
    if book is None:
        return 1
    started = time.perf_counter()
    model = _train(args, book)
    if model is None:
        return 1
    _write_model(model, out, started, args.lang)
    return 0


def cmd_model_retrain(args: argparse.Namespace) -> int:
    """Train from the store into the model the bot uses, keeping the previous one beside it."""
    args.store = args.store or os.environ.get("WHISTLE_STORE") or str(Path(os.environ.get("WHISTLE_VAR") or "var")
                                                                     / "whistle.sqlite")
    args.csv = None
    target = args.model or os.environ.get(MODEL_ENV) or str(Path(args.store).with_name("routing.model"))
    book = load_book(args.rulebook, args.lang)
    if book is None:
        return 1
    started = time.perf_counter()
    model = _train(args, book)
    if model is None:
        return 1
    out = Path(target)
    old = None
    if out.exists():
        try:
            old = Model.load(out).version
        except ModelError:
            old = "?"
        backup = out.with_name(out.name + ".prev")
        out.replace(backup)
    _write_model(model, out, started, args.lang)
    if old:
        print(text("model_replaced", args.lang, old=old, backup=backup))
    return 0


def cmd_model_info(args: argparse.Namespace) -> int:
    ok, model = load_model(args.file, args.lang)
    if not ok or model is None:
        return 1
    info = model.info
    if args.json:
        print(json.dumps({"version": model.version, "kind": model.kind, "labels": list(model.labels), **info},
                         ensure_ascii=False, indent=2))
        return 0
    print(text("model_info", args.lang, file=args.file, version=model.version,
               trained_at=info.get("trained_at", "-"), source=info.get("source", "-"), rows=info.get("rows", 0),
               kind=text(f"label_kind_{model.kind}", args.lang), labels="、".join(model.labels),
               rulebook=info.get("rulebook", "-")))
    return 0


def cmd_rulebook_replay(args: argparse.Namespace) -> int:
    from chatops.tickets.learning import replay

    book = load_book(args.file, args.lang)
    if book is None:
        return 1
    router = router_for(book, args.model, args.lang)
    if router is None:
        return 1

    async def history(store: Store) -> list[Any]:
        return await store.report_history()

    ok, past = read_store(args.store, args.lang, history)
    if not ok or past is None:
        return 1
    result = replay(router, past)

    def example(c: Any) -> dict[str, Any]:
        return {"ticket": c.ticket_id, "old": c.old, "new": c.new, "final": c.final, "text": c.text[:80]}

    if args.json:
        print(json.dumps({**result.summary(), "rulebook": book.full_version,
                          "model": router.model.version if router.model else None,
                          "starter": router.starter[0].version if router.starter else None,
                          "avoided_examples": [example(c) for c in result.avoided[:args.examples]],
                          "caused_examples": [example(c) for c in result.caused[:args.examples]],
                          "moves": [{"old": o, "new": n, "count": k} for (o, n), k in result.by_move.most_common()]},
                         ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    print(text("replay_header", lang, file=args.file, **result.summary()))
    name = lambda h: book.handler_name(h, lang)  # noqa: E731
    for key, items in (("replay_section_avoided", result.avoided), ("replay_section_caused", result.caused)):
        if items:
            print(text(key, lang))
            for c in items[:args.examples]:
                print(text("replay_example", lang, ticket=c.ticket_id, old=name(c.old), new=name(c.new),
                           final=name(c.final), text=c.text.replace("\n", " ")[:40]))
    if result.by_move:
        print(text("replay_section_moves", lang))
        for (o, n), k in result.by_move.most_common(args.examples):
            print(text("replay_move", lang, old=name(o), new=name(n), count=k))
    return 0


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 2:
        raise argparse.ArgumentTypeError(f"at least 2: {value!r}")
    return n


def add_routing_commands(sub: argparse._SubParsersAction[Any],
                         rulebook_commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``route``, ``model`` and ``rulebook replay`` to the ``whistle`` parser."""
    r = sub.add_parser("route", help="route a report and say why (路由)")
    r.add_argument("text", nargs="*", help="the report text")
    r.add_argument("--eval", metavar="FILE.csv",
                   help="evaluate on id,text,label rows (label: a sector or a handler id; - for not a report)")
    r.add_argument("--cv", type=_positive, metavar="K",
                   help="with --eval: train a model on K-1 folds, route the fold left out, K times")
    r.add_argument("--seed", type=int, default=0, help="with --cv: the random seed of the folds")
    r.add_argument("--model", metavar="FILE", help=f"a learned routing model (default ${MODEL_ENV})")
    r.add_argument("--rulebook", metavar="FILE", help="rulebook to use (default: the shipped one)")
    r.add_argument("--json", action="store_true", help="machine-readable output")
    r.set_defaults(func=cmd_route)

    m = sub.add_parser("model", help="the learned routing model (分派模型)")
    ms = m.add_subparsers(dest="model_command", required=True)
    t = ms.add_parser("train", help="train from a store's history or a labelled file")
    source = t.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", metavar="FILE", help="learn what past tickets became (the handler that resolved)")
    source.add_argument("--csv", metavar="FILE", help="labelled rows id,text,label (a sector or a handler id)")
    t.add_argument("--out", required=True, metavar="MODEL", help="the model file to write")
    t.add_argument("--rulebook", metavar="FILE", help="rulebook whose evidence the model reads (default: shipped)")
    t.add_argument("--seed", type=int, default=0)
    t.set_defaults(func=cmd_model_train)
    rt = ms.add_parser("retrain", help="retrain the bot's model from the store (monthly); keeps the previous one")
    rt.add_argument("--store", metavar="FILE", help="default $WHISTLE_STORE or var/whistle.sqlite")
    rt.add_argument("--model", metavar="FILE", help=f"the model to replace (default ${MODEL_ENV}, or routing.model "
                                                    "beside the store)")
    rt.add_argument("--rulebook", metavar="FILE", help="default $WHISTLE_RULEBOOK or the shipped one")
    rt.add_argument("--seed", type=int, default=0)
    rt.set_defaults(func=cmd_model_retrain, rulebook=os.environ.get("WHISTLE_RULEBOOK"))
    i = ms.add_parser("info", help="what a model file is: version, source, labels")
    i.add_argument("file", metavar="MODEL")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_model_info)

    rp = rulebook_commands.add_parser("replay", help="what a new rulebook (and model) would have decided for every "
                                                     "past report")
    rp.add_argument("file", metavar="NEW.yaml")
    rp.add_argument("--store", required=True, metavar="FILE")
    rp.add_argument("--model", metavar="FILE", help=f"a learned routing model (default ${MODEL_ENV})")
    rp.add_argument("--examples", type=int, default=5, help="examples of each kind (default 5)")
    rp.add_argument("--json", action="store_true")
    rp.set_defaults(func=cmd_rulebook_replay)
