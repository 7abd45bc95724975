"""Classification in Python, decisions in durable_rules, and their explanations."""

from __future__ import annotations

import asyncio
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import Decision, EngineError, Router, parse_rulebook
from rules.engine import Engine, on_owner
from tests.conftest import MINI


def test_decision_names_everything(mini_router: Router) -> None:
    d = mini_router.route("安居苑2号楼电梯坏了")
    assert isinstance(d, Decision)
    assert (d.category, d.lead, d.co, d.priority) == ("lift", "property", ("police",), "normal")
    assert d.rule == "category.lift"
    assert d.matched == ("电梯坏",)  # 电梯 inside 电梯坏 is one thing said, not two words of evidence
    assert d.rulebook_version == mini_router.rulebook.full_version
    assert d.sign_for.total_seconds() == 24 * 3600 and d.resolve.days == 7
    assert d.escalation == ("street",)
    assert (d.place.grid, d.place.estate, d.place.building) == ("g1", "anju", "2")


def test_category_override_of_time_limit(mini_router: Router) -> None:
    d = mini_router.route("我的电动车被偷了")
    assert d.category == "theft" and d.sign_for.total_seconds() == 3600 and d.resolve.days == 7


def test_most_specific_match_wins(mini_router: Router) -> None:
    # 电梯 alone is lift; 电动车被偷 is a longer, more specific phrase than 电梯 in the same text
    assert mini_router.route("电梯口的电动车被偷了").category == "theft"
    # equal scores: the matter mentioned more often, then the one named first (never the order in the file)
    assert mini_router.route("电梯里漏水，漏水都流到门口了").category == "leak"
    assert mini_router.route("漏水流进了电梯").category == "leak"


def test_negative_keyword_vetoes_a_category(mini_router: Router) -> None:
    assert mini_router.route("物业乱收漏水费").category is None
    assert mini_router.route("卫生间漏水").category == "leak"


def test_traditional_full_width_and_hidden_characters(mini_router: Router) -> None:
    assert mini_router.route("樓上漏水了").category == "leak"
    assert mini_router.route("電梯壞了").category == "lift"
    assert mini_router.route("电\u200b梯 坏了").category == "lift"
    d = mini_router.route("安居苑２號樓滲水")
    assert d.category == "leak" and d.place.building == "2"


def test_pattern_matches_in_python_not_in_the_engine(mini_router: Router) -> None:
    d = mini_router.route("电梯今天又停了")
    assert d.category == "lift" and "电梯今天又停" in d.matched


def test_urgent_words_raise_priority_through_the_engine(mini_router: Router) -> None:
    d = mini_router.route("电梯坏了有人被困")
    assert (d.priority, d.rule, d.urgent) == ("emergency", "category.lift.urgent", ("被困",))
    assert d.sign_for.total_seconds() == 1800 and d.resolve.total_seconds() == 7200


def test_unmatched_report_goes_to_the_fallback_never_dropped(mini_router: Router) -> None:
    d = mini_router.route("今天天气不错")
    assert d.unclassified and d.lead == "street" and d.rule == "unclassified"
    assert mini_router.route("着火了").rule == "unclassified.urgent"


def test_engine_decides_unknown_category_ids_as_fallback(mini_router: Router) -> None:
    rule, verdict = on_owner(mini_router.engine.decide, "no_such_category", False)
    assert rule == "unknown_category" and verdict.lead == "street"


def test_engine_runs_only_on_its_owner_thread(mini_router: Router) -> None:
    with pytest.raises(EngineError):
        mini_router.engine.decide("leak", False)
    names = on_owner(lambda: threading.current_thread().name)
    assert names.startswith("rules-engine")
    assert not any(t.name.startswith("Thread-") and "Timer" in type(t).__name__ for t in threading.enumerate())


def test_same_rulebook_registers_one_ruleset() -> None:
    a, b = Engine(parse_rulebook(MINI)), Engine(parse_rulebook(MINI))
    assert a.name == b.name
    changed = Engine(parse_rulebook(MINI.replace("lead: police", "lead: property")))
    assert changed.name != a.name


def test_an_error_inside_an_action_is_raised_not_swallowed() -> None:
    import rules.engine as eng

    def explode(_c: object) -> None:
        raise RuntimeError("kaboom")

    engine = Engine(parse_rulebook(MINI))
    definition, _ = eng.build_ruleset(parse_rulebook(MINI))
    sink: list[str] = []
    for rule_name, rule in definition.items():  # one rule's action fails the way a bug would
        rule["run"] = explode if rule_name == "category.leak" else eng._recorder(sink, rule_name)
    name = "route_test_explode"
    on_owner(lambda: eng._host.register_rulesets({name: definition}))
    engine.name, engine._sink = name, sink
    with pytest.raises(EngineError, match="kaboom"):
        on_owner(engine.decide, "leak", False)
    # the stale exception was cleared from the session: the next report is decided normally
    assert on_owner(engine.decide, "theft", False)[0] == "category.theft"


def test_the_engine_is_asked_once_per_set_of_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    """Routing is a pure decision over tags: the answer for tags seen before comes from memory, rule and all."""
    import rules.engine as eng

    engine = Engine(parse_rulebook(MINI))
    posted: list[dict[str, object]] = []
    real = eng._host.post  # type: ignore[union-attr]
    monkeypatch.setattr(eng._host, "post", lambda name, event: posted.append(event) or real(name, event))
    first = [on_owner(engine.decide, c, u) for c, u in (("leak", False), ("leak", True), ("theft", False))]
    again = [on_owner(engine.decide, c, u) for c, u in (("leak", False), ("leak", True), ("theft", False))]
    assert first == again and first[0][0] == "category.leak" and len(posted) == 3


async def test_async_routing_does_not_block_the_loop(mini_router: Router) -> None:
    results = await asyncio.gather(*(mini_router.aroute(t) for t in ["漏水", "电梯坏了", "被偷了"] * 20))
    assert [r.category for r in results[:3]] == ["leak", "lift", "theft"]


def test_route_many_keeps_order(router: Router) -> None:
    texts = ["楼上水管漏水了", "3号楼电梯又坏了", "今天天气不错"]
    assert [d.category for d in router.route_many(texts)] == [router.route(t).category for t in texts]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_any_unicode_gets_a_decision(router: Router, s: str) -> None:
    d = router.route(s)
    assert d.lead in router.rulebook.handler_by_id
    assert d.category is None or d.category in router.rulebook.category_by_id
    assert d.rule


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["漏水", "電梯", "被困", "ｘ", "\u200b", "\U0001f525", "\x00", "号楼", "3"]),
                max_size=30).map("".join))
def test_keyword_soup_gets_a_consistent_decision(mini_router: Router, s: str) -> None:
    a, b = mini_router.route(s), mini_router.route(s)
    assert a == b
    assert a.lead in ("street", "property", "police")


@pytest.mark.parametrize(("text", "estate", "building"), [
    ("The lift in Anjuyuan Building 3 is broken", "anju", "3"),
    ("water leaking in bldg 12 of Binjiang Garden", "riverside", "12"),
    ("Lift broken at Riverside Garden, Block 11", "riverside", "11"),
    ("安居苑3号楼电梯坏了", "anju", "3"),
])
def test_a_place_written_in_english_is_understood(router: Router, text: str, estate: str,
                                                  building: str) -> None:
    """A tester's English-speaking resident named their estate and building and was asked where it was."""
    place = router.route(text).place
    assert (place.estate, place.building) == (estate, building) and place.grid is not None
