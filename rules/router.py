"""The routing interface the rest of the project uses: text in, :class:`Decision` out.

Rules and the learned model are combined so that each does what it is good at:

* an **emergency** the rules recognise is decided by the rules at once: never asked about, never
  overridden;
* **specific rule evidence** decides, unless the model's score for its own answer beats its score for
  the rules' answer by the rulebook's ``routing.model_override`` (the model has learnt from the
  community's corrections that such reports end elsewhere); a category a policy choice settles, a
  category added after the model was trained, a matter it learnt no text of whose answer is among its
  own (it cannot know that such reports end elsewhere), and a text shorter than nearly all the model
  learnt from are never overridden, and a text far longer than nearly all it learnt from is left to the
  rules (a matter it learnt no text of whose answer no report of its history ever had, as a city whose
  files never name the police, it may judge);
* an **emergency the model recognises** (its emergency head scores the report at least
  ``routing.model_emergency``) is raised to emergency priority although no urgent word is in it, is
  registered even when the gate was unsure whether it is a report, and is never held to ask the resident
  which matter it is: an emergency must not wait;
* a chat message the rules' words make an **emergency** is registered at once — unless both heads say otherwise
  (the report head below ``routing.model_doubt_emergency`` and the emergency head below ``routing.model_calm``:
  a figure of speech, a story, a game); then it is asked about at once, with the hotline, never dropped;
* a message the gate's words took for **no report** (a thank-you, an acknowledgement) is registered as an
  emergency when the report head scores it at least ``routing.model_sure_report`` and the emergency head at
  least ``routing.model_emergency``: a real emergency is never dropped for a word it shares with small talk;
* a message the gate's words took for a report but the model's **report head** scores below
  ``routing.model_report`` is asked about before it is registered (never dropped; only a message as short
  as those it learnt were not reports: a letter's question to the government is a report), and one the gate
  was unsure of is registered at once when the head scores it at least ``routing.model_sure_report``; a
  question about nothing the rules know is asked about when the head finds it more likely a report than not;
* a message the gate's words could not tell (``unsure``) that the report head scores below
  ``routing.model_no_report`` is **small talk**, left alone rather than asked about, unless an emergency's words are
  in it or the emergency head reaches ``routing.model_calm``;
* a message that says something is wrong but not **with what** (the gate's ``vague``: 那个东西又坏了) is asked
  about, whatever the report head says, and registered as it is only for the street office to dispatch: what a
  likeness of characters or a model makes of it is a guess;
* **weak or no rule evidence** (only generic words, a tie, nothing at all): the model decides when its
  score reaches ``routing.model_alone``; otherwise the best guess stands and the decision says ``ask``,
  with the runners-up, so the bot asks the resident which matter it is.

Two models may stand beside the rules: the community's own (``model``) and the starter (``starter``, see
:mod:`rules.starter`). Each text is judged by the first of them that learnt from texts of its length, so
a model of long letters leaves residents' short chat messages to the starter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from rules.classifier import Candidate, Classification, Classifier
from rules.decision import Alternative, Decision, Source
from rules.engine import Engine, Verdict, on_owner, on_owner_async
from rules.gate import (
    ADVICE,
    AFTERMATH,
    ALL_CLEAR,
    ASKING,
    CHAT,
    EMERGENCY,
    FEARED,
    JOKES,
    NOISE,
    NOTICE,
    QUESTION,
    QUESTIONS,
    REPORT,
    STORY,
    UNSURE,
    VAGUE,
    WHAT_IF,
    Gate,
    Judgement,
    calls_to_run,
    long_gone,
    of_a_place_away,
    said_now,
    unraised,
    well_now,
)
from rules.model import Model
from rules.normalize import english, extent, normalize
from rules.rulebook import Rulebook

MAX_OPTIONS = 3
SURE_MATCH = 10  # characters: a piece of rule evidence this long is a clause of the matter, no word met by chance
MORE_LIKELY_THAN_NOT = 0.5
_CALLED_OFF = JOKES | ALL_CLEAR  # a joke, a boast or an all-clear in so many words: never registered on the models'
# hearing


MIN_WORDED = 4  # letters or characters a message needs before a model's emergency head alone makes an emergency of it


def worded(norm: str) -> int:
    """Return how much the normalised text ``norm`` says in words: its letters, characters and digits (and the words
    of a figure of speech, masked), not its emoji and punctuation, which say how, not what.

    >>> worded("⚽⚽⚽赢了!!"), worded("3号楼电梯又坏了"), worded("※※※※了")
    (2, 8, 5)
    """
    return sum(c.isalnum() or c == "※" for c in norm)


class Heard(NamedTuple):
    """What the models' yes-or-no heads said of one text: the emergency head's score, the report head's, and
    whether that report head may doubt a text of this length (:meth:`rules.model.Model.doubts`)."""

    alarm: float | None = None
    likely: float | None = None
    doubts: bool = False

    def lacks(self, model: Model) -> bool:
        """Return whether ``model`` has a head this text was not yet heard by."""
        return ("emergency" in model.heads and self.alarm is None) or ("report" in model.heads and self.likely is None)

    def add(self, model: Model, heads: dict[str, float], length: int) -> Heard:
        """Return this with the scores of ``model``'s heads this text was not yet heard by."""
        out = self
        if self.alarm is None and "emergency" in heads:
            out = out._replace(alarm=heads["emergency"])
        if self.likely is None and "report" in heads:
            out = out._replace(likely=heads["report"], doubts=model.doubts(length))
        return out


class Router:
    """Routes report text with one rulebook (and, optionally, a learned model): classification in
    Python, the decision in durable_rules.

    >>> from rules import Router, load_rulebook
    >>> Router(load_rulebook()).route("楼上水管漏水了").category
    'water_leak'
    """

    rulebook: Rulebook
    classifier: Classifier
    gate: Gate
    engine: Engine
    model: Model | None
    starter: tuple[Model, ...]
    _outcomes: dict[str, dict[str, Any]]  # what each engine rule decides, worked out once
    _forms: dict[str, str]  # a word of the rulebook in another form than the one it matches

    def __init__(self, rulebook: Rulebook, model: Model | None = None,
                 starter: Model | Sequence[Model] | None = None, *, like: Router | None = None) -> None:
        """``model``: a community's own; ``starter``: the starter's models (:mod:`rules.starter`), or one;
        ``like``: a router of the same rulebook whose classifier, gate and engine this one shares."""
        self.rulebook = rulebook
        self.model = model
        self.starter = (starter,) if isinstance(starter, Model) else tuple(starter or ())
        if like is not None and like.rulebook is rulebook:
            self.classifier, self.gate, self.engine = like.classifier, like.gate, like.engine
            self._outcomes, self._forms = like._outcomes, like._forms
            return
        self.classifier = Classifier(rulebook)
        self.gate = Gate(rulebook.intake, tuple(w for g in rulebook.grids for e in g.estates
                                                for w in (e.name, *e.aliases)) + tuple(g.name for g in rulebook.grids))
        self.engine = Engine(rulebook)
        # what each engine rule decides, worked out once: routing a report only fills in the evidence
        self._outcomes = {rule: self._outcome(v) for rule, v in self.engine.verdicts.items()}
        # a word of the rulebook in another form than the one it matches (冇水了 matches 没水了, 出唔嚟 出不来)
        words = {w for c in rulebook.categories for w in (*c.keywords, *c.urgent)} | set(rulebook.urgent_keywords)
        self._forms = {w: n for w in words if (n := normalize(w)) and n != w}

    def _as_said(self, words: tuple[str, ...], text: str) -> tuple[str, ...]:
        """Return the evidence ``words`` as ``text`` says them: a word of the rulebook it matched in another form
        (冇水了 for 没水了) is shown in the form it matched, once.

        >>> from rules import load_rulebook
        >>> Router(load_rulebook())._as_said(("冇水了", "停水"), "又没水了，停水也不通知")
        ('没水了', '停水')
        """
        forms = self._forms
        if forms.keys().isdisjoint(words):  # the common case: every word as the rulebook has it (already distinct)
            return tuple(words)
        return tuple(dict.fromkeys(forms[w] if w in forms and w not in text else w for w in words))

    def with_model(self, model: Model | None, *, starter: Model | Sequence[Model] | bool | None = True) -> Router:
        """Return a router of the same rulebook that uses ``model`` (the engine is shared), and keeps its
        starter's models (``starter=True``), drops them (``None``) or takes others."""
        return Router(self.rulebook, model, self.starter if starter is True else starter or None, like=self)

    @property
    def models(self) -> tuple[Model, ...]:
        """Return the models beside the rules, the community's own first, then the starter's."""
        return (self.model, *self.starter) if self.model is not None else self.starter

    def _outcome(self, verdict: Verdict) -> dict[str, Any]:
        book = self.rulebook
        category = book.category_by_id.get(verdict.category) if verdict.category else None
        limits = book.limits_for(category, verdict.priority)
        return {"category": verdict.category, "lead": verdict.lead, "co": verdict.co,
                "priority": verdict.priority, "sign_for": limits.sign_for, "resolve": limits.resolve,
                "escalation": book.escalation_chain(category, verdict.lead),
                "rulebook_version": book.full_version}

    def route(self, text: str) -> Decision:
        """Return the decision for ``text`` (any string: an unmatched one goes to the fallback)."""
        return self.route_many([text])[0]

    def route_many(self, texts: Iterable[str]) -> list[Decision]:
        """Return the decisions for ``texts`` in order, in one trip to the engine's thread."""
        texts = [self.gate.matter(t) for t in texts]  # 谢谢…修好了，还有个事：… routes the other matter
        found = [self.classifier.classify(t, slips=False) for t in texts]
        judged = [self.gate.judge(t, f) for t, f in zip(texts, found, strict=True)]
        # a slip of the input method matters only in a report with no specific words: look for it there
        found = [self.classifier.classify(t) if j.report is not False and self.classifier.wants_slips(f) else f
                 for t, f, j in zip(texts, found, judged, strict=True)]
        # each text to the first model that learnt from texts of its length, and each yes-or-no head from the
        # first such model that has it (a community's own model of chat, learnt from tickets, has none)
        judge: list[tuple[Model, list[float]] | None] = [None] * len(texts)
        heard: list[Heard] = [Heard()] * len(texts)  # (one empty Heard shared: each text's is replaced, never changed)
        spoken = [english(t, f.norm) for t, f in zip(texts, found, strict=True)]
        sizes = [extent(f.norm) if s else f.length for f, s in zip(found, spoken, strict=True)]
        for model in self.models:
            mine = [i for i, f in enumerate(found) if model.knows(sizes[i]) and model.reads(texts[i], f.norm)
                    and (judge[i] is None or heard[i].lacks(model))]
            if mine:
                scores, heads = model.assess([texts[i] for i in mine], [found[i] for i in mine])
                rows = scores.tolist()  # plain floats: a report's dozen scores are read one by one from here on
                for row, i in enumerate(mine):
                    judge[i] = judge[i] or (model, rows[row])
                    heard[i] = heard[i].add(model, {name: float(v[row]) for name, v in heads.items()}, sizes[i])
        return on_owner(lambda: [self._route(f, j, judge[i], heard[i], texts[i], spoken[i])
                                 for i, (f, j) in enumerate(zip(found, judged, strict=True))])

    async def aroute(self, text: str) -> Decision:
        """Return the decision for ``text`` without blocking the event loop."""
        return await on_owner_async(self.route, text)

    def decide(self, category: str | None, *, urgent: bool = False, handler: str | None = None) -> Decision:
        """Return the decision for a matter already known (a resident's pick, staff's triage): the engine
        gives the lead, priority and limits of ``category`` (or of ``handler`` with no category)."""
        rule, _verdict = on_owner(self.engine.decide, category, urgent, handler)
        return Decision(rule=rule, matched=(), **self._outcomes[rule])

    def _route(self, found: Classification, judged: Judgement,
               judge: tuple[Model, list[float]] | None = None, heard: Heard | None = None, text: str = "",
               in_english: bool = False) -> Decision:
        model, scores = judge if judge is not None else (None, None)
        if judged.kind in (AFTERMATH, FEARED):  # the danger is over or only feared: the matter, never an emergency
            found = found._replace(candidates=tuple(c for c in found.candidates if not c.emergency), urgent=())
            heard = (heard or Heard())._replace(alarm=None)
        chosen, handler, source, ask = self._combine(found, model, scores)
        routing = self.rulebook.routing
        alarm, likely, doubts = heard or Heard()
        if judged.kind == REPORT and chosen is not None and chosen.emergency and chosen.slipped and \
                (alarm or 0.0) < routing.model_sure_report:
            # an emergency's words only like characters typed, themselves words of their own (往下跳 is like 往下掉,
            # 家抱孙子 like 家暴), and no model sure it hears one: asked about at once, with the hotline, never
            # registered on a guess
            judged = Judgement(None, UNSURE, judged.evidence)
        if in_english:
            # the emergency head learnt from Chinese messages: English with a Chinese word it cannot judge; the report
            # head, which learnt English thanks as chat, doubts an English report only when its words name the matter
            # alone, not also what is wrong with it (thanks, the bus tips worked; but thanks, the lift is still broken)
            alarm, doubts = None, doubts and len(judged.evidence) < 2
        if likely is not None and doubts and judged.report is True and judged.kind != EMERGENCY and \
                likely < routing.model_report and not (chosen is not None and chosen.longest >= SURE_MATCH):
            # the words said a report, the model doubts it: ask (but not over a pattern that matched a whole
            # clause of the matter, 村干部把救灾的大米拉回自己家: the rules are sure)
            judged = Judgement(None, UNSURE, judged.evidence)
        elif likely is not None and judged.report is None and likely >= routing.model_sure_report and \
                judged.kind != WHAT_IF and not (judged.kind == UNSURE and ASKING & set(judged.evidence) and
                                                  set(judged.evidence) <= QUESTIONS) and \
                (judged.kind not in (STORY, VAGUE) or
                 ((alarm or 0.0) >= routing.model_emergency and
                  not (judged.kind == STORY and (well_now(found.norm or text) or long_gone(judged.evidence))))):
            # the words could not tell, the model is sure; a story of long ago is asked about unless the emergency
            # head hears one now (the report head cannot tell then from now) and the story does not say all is well
            # now (…摔断了腿 现在早好了) nor tell of a time long gone (想当年…冒顶, 小时候…水浸), and so is a
            # message that does not say what is wrong (那个东西又坏了: a report, of what the model can only guess);
            # a what-if always is (要是着火了往哪跑: neither head can tell one imagined from one happening), and so is
            # a question to neighbours about a matter (社区医院星期天上不上班: the report head hears the matter, not
            # the asking)
            judged = Judgement(True, REPORT, judged.evidence)
        elif likely is not None and alarm is not None and doubts and judged.report is False and \
                judged.kind != NOISE and not _CALLED_OFF & set(judged.evidence) and \
                not (judged.kind == NOTICE and
                     (ADVICE & set(judged.evidence) or of_a_place_away(judged.evidence))) and \
                likely >= routing.model_sure_report and alarm >= routing.model_emergency:
            # the words took it for no report (谁看到了 is no acknowledgement) but both heads hear an emergency
            # reported: never dropped; a joke or a boast said to be one (…吹牛皮呢) is none, nor a notice that advises
            # (【用电小知识】…发现冒烟立即拨打119), nor news of a place away (刷到抖音 三亚那边一个酒店着火)
            judged = Judgement(True, REPORT, judged.evidence)
        elif likely is not None and judged.kind == QUESTION and likely >= MORE_LIKELY_THAN_NOT:
            judged = Judgement(None, UNSURE, judged.evidence)  # a question the model takes for a report: ask
        elif likely is not None and doubts and judged.kind == UNSURE and likely < routing.model_no_report and \
                (alarm or 0.0) < routing.model_calm and not found.urgent and \
                not (chosen is not None and chosen.emergency):
            # the words could not tell, and the report head is all but sure it is none (好嘞, 今天太阳好 晒被子了):
            # small talk, left alone rather than asked about; an emergency's words, or the emergency head, keep it asked
            judged = Judgement(False, CHAT, judged.evidence)
        elif likely is not None and alarm is not None and doubts and judged.kind == EMERGENCY and \
                likely < routing.model_doubt_emergency and alarm < routing.model_calm and \
                not calls_to_run(text) and not said_now(found.norm or text, judged.evidence):
            # (…真的着火了 快跑啊: no time to ask; 去年着过火 今天又着火了: it burns again now)
            # an emergency's words that both heads find neither a report nor an emergency (a figure of speech, a
            # story): asked about at once, with the hotline, never dropped
            judged = Judgement(None, UNSURE, judged.evidence)
        # the model's emergency head: heard only where the rules' words made no emergency of it, in a report, and
        # never over a whole clause of an ordinary matter the rules matched (SURE_MATCH: 仓库里堆着干柴，
        # 有人在旁边抽烟 is a hazard however a retrained model scores it)
        # (a report already registered needs less of it, model_raise, than a message registered by the heads alone)
        raise_at = routing.model_emergency if routing.model_raise is None or routing.model_emergency >= 1 else \
            routing.model_raise  # (model_emergency 1: the rules' words alone make emergencies)
        alarmed = (alarm is not None and not found.urgent
                   and not (chosen is not None and (chosen.emergency or chosen.longest >= SURE_MATCH))
                   and not unraised(found.norm or text)
                   # two words beside emoji and exclamation marks (⚽⚽⚽赢了!!): the head learnt !! is urgent
                   and worded(found.norm or text) >= MIN_WORDED
                   and not (judged.kind == STORY and long_gone(judged.evidence))  # (旧时老厝着过一次火: long ago)
                   and ((judged.report is True and alarm >= raise_at) or
                        (judged.report is None and (likely or 0.0) >= routing.model_report
                         and alarm >= routing.model_emergency)))
        if alarm is not None or likely is not None:
            source = source._replace(alarm=alarm, report=likely)
        if alarmed:
            judged, ask = Judgement(True, EMERGENCY, judged.evidence), False
            if chosen is not None and model is not None and source.label and chosen.alike:
                # an emergency only the model heard, beside nothing but a likeness of characters to an ordinary
                # matter (铁桥…栏杆外头 is like 公路、桥梁): the model's own handler comes, not the likeness's
                chosen, handler = None, self._handler_of(source.label, model)
                source = source._replace(kind="model")
        elif judged.kind == VAGUE:  # what is wrong is not said: registered as it is, the street office dispatches it
            chosen, handler, ask = None, None, False
        rule, _verdict = self.engine.decide(chosen.category if chosen else None, bool(found.urgent) or alarmed,
                                            handler)
        outcome = self._outcomes[rule]
        ask = ask and outcome["priority"] != "emergency"  # an emergency goes at once to the likeliest handler
        hotline = self.rulebook.hotline_for(outcome["category"]) if outcome["priority"] == "emergency" else ""
        said = self._as_said
        return Decision(rule=rule, matched=said(chosen.matched, text) if chosen else (),
                        urgent=said(found.urgent, text), place=found.place,
                        report=judged.report, gate=judged.kind, source=source, ask=ask and judged.report is not False,
                        alternatives=self._alternatives(found, chosen, outcome["lead"], model, scores, text),
                        hotline=hotline,
                        **outcome)

    def _label(self, category: str, model: Model) -> str:
        lead = self.rulebook.category_by_id[category].lead
        return self.rulebook.handler_by_id[lead].sector if model.kind == "sector" else lead

    def _handler_of(self, label: str, model: Model | None) -> str:
        if model is not None and model.kind == "sector":
            return self.rulebook.sector_lead(label)
        return label if label in self.rulebook.handler_by_id else self.rulebook.fallback

    def _combine(self, found: Classification, model: Model | None, scores: list[float] | None
                 ) -> tuple[Candidate | None, str | None, Source, bool]:
        """Return ``(candidate, handler, source, ask)``: the category chosen (or a handler with none)."""
        top = found.top
        unsure = top is None or not top.strong or found.tie  # (found.weak: the cheap test first)
        if scores is None or model is None:  # no model learnt from texts of this length
            return top, None, Source("rule" if top is not None else "none"), unsure and top is not None
        labels, routing = model.labels, self.rulebook.routing
        best = max(range(len(scores)), key=scores.__getitem__)  # the first of equals, as numpy's argmax
        label, score = labels[best], scores[best]
        version = model.version
        mine = self._label(top.category, model) if top is not None else None
        # the model judges a matter it has learnt where texts of it end, with or without the rules' label among its
        # own (a city whose files never name the police sector); one it never saw a text of it leaves, unless the
        # matter was in the rulebook when it learnt and its label never among the answers (no report of theirs
        # ever ended there); a model kept from before it recorded which texts it saw, by whether it has the label
        unseen = top is not None and (not model.saw(top.category) if mine in labels or top.category not in
                                      model.categories else "seen" not in model.info)
        if top is not None and (found.emergency or (top.category in self.rulebook.chosen and not top.alike) or unseen):
            # an emergency, a policy choice, a matter the model never saw: the rules (a likeness of characters to a
            # matter a choice settles settles nothing: 讲好一百五…又要加钱 is only like 督查督办)
            return top, None, Source("both" if mine == label else "rule", version, score, label), False
        if top is not None and not unsure:
            theirs = scores[labels.index(mine)] if mine in labels else 0.0
            # specific rule evidence stands unless the model is surer of another answer by the margin, on a
            # text like those it learnt from (a model of long letters does not judge a short chat message)
            if mine == label or found.length < model.shortest or score < routing.model_alone or \
                    score - theirs < routing.model_override:
                return top, None, Source("both" if mine == label else "rule", version, score, label), False
        ask = unsure and score < routing.model_alone
        if ask and top is not None:  # neither is sure: the rules' best guess stands, and the bot asks
            return top, None, Source("both" if self._label(top.category, model) == label else "rule", version,
                                     score, label), True
        # the model's answer: over weak or no rule evidence, or sure enough to override
        same = next((c for c in found.candidates if self._label(c.category, model) == label), None)
        kind = "both" if same is not None and same is top else "model"
        return same, None if same else self._handler_of(label, model), Source(kind, version, score, label), ask

    def _alternatives(self, found: Classification, chosen: Candidate | None, lead: str, model: Model | None,
                      scores: list[float] | None, text: str = "") -> tuple[Alternative, ...]:
        """Return the runners-up: other categories the rules found, then the model's other labels."""
        book = self.rulebook
        labels = model.labels if model is not None and scores is not None and len(scores) else ()
        out: list[Alternative] = []
        seen = {(chosen.category if chosen else None, lead)}
        for c in found.candidates:
            alt_lead = book.category_by_id[c.category].lead
            if (c.category, alt_lead) in seen:
                continue
            seen.add((c.category, alt_lead))
            ms = None
            if model is not None and scores is not None and labels and (label := self._label(c.category, model)) \
                    in labels:
                ms = scores[labels.index(label)]
            out.append(Alternative(c.category, alt_lead, c.score, self._as_said(c.matched, text), ms))
            if len(out) >= MAX_OPTIONS - 1:
                return tuple(out)
        if model is None or scores is None or not labels:
            return tuple(out)
        for i in sorted(range(len(scores)), key=lambda i: -scores[i]):  # the model's other labels, likeliest first
            if (s := scores[i]) < 0.1:
                break
            handler = self._handler_of(labels[i], model)
            if any(a.lead == handler for a in out) or handler == lead:
                continue
            out.append(Alternative(None, handler, 0.0, (), s))
            if len(out) >= MAX_OPTIONS - 1:
                break
        return tuple(out)


def judge(router: Router, text: str) -> Judgement:
    """Return the gate's judgement of ``text`` alone (no engine, no model)."""
    return router.gate.judge(text, router.classifier.classify(text))
