"""Every class of rulebook mistake is refused with file, line and what is wrong."""

from __future__ import annotations

from datetime import date

import pytest

from rules import RulebookError, load_rulebook, parse_rulebook
from rules.rulebook import parse_duration
from tests.conftest import MINI


def refuse(content: str) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        parse_rulebook(content, "book.yaml")
    return info.value


def line_of(content: str, needle: str, occurrence: int = 1) -> int:
    """Return the 1-based line where ``needle`` occurs for the ``occurrence``-th time."""
    seen = 0
    for i, line in enumerate(content.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return i
    raise AssertionError(needle)


def only(err: RulebookError) -> tuple[int, str, dict]:
    assert len(err.problems) == 1, err.render("en")
    p = err.problems[0]
    assert p.file == "book.yaml"
    return p.line, p.code, p.params


def test_the_mini_and_default_rulebooks_load() -> None:
    assert parse_rulebook(MINI).category_by_id["lift"].co == ("police",)
    book = load_rulebook()
    assert len(book.categories) >= 40
    assert {h.kind for h in book.handlers} == {"committee", "subcommittee", "street_office", "department"}


def test_unknown_handler_names_the_line() -> None:
    bad = MINI.replace("    lead: police\n", "    lead: polise\n")
    line, code, params = only(refuse(bad))
    assert (code, params["id"], line) == ("unknown_handler", "polise", line_of(bad, "lead: polise"))


def test_unknown_co_handler_and_escalation_step() -> None:
    bad = MINI.replace("co: [police]", "co: [firemen]").replace("escalation: [street]", "escalation: [mayor]")
    err = refuse(bad)
    assert [(p.code, p.params["id"], p.line) for p in err.problems] == [
        ("unknown_handler", "firemen", line_of(bad, "co: [firemen]")),
        ("unknown_handler", "mayor", line_of(bad, "escalation: [mayor]")),
    ]


def test_unknown_category_in_a_whistle() -> None:
    bad = MINI.replace("{category: leak,", "{category: flood,")
    line, code, params = only(refuse(bad))
    assert (code, params["id"], line) == ("unknown_category", "flood", line_of(bad, "category: flood"))


def test_duplicate_id_names_both_lines() -> None:
    bad = MINI.replace("  - id: theft\n    name: 盗窃", "  - id: leak\n    name: 盗窃")
    line, code, params = only(refuse(bad))
    assert code == "duplicate_id" and params["id"] == "leak"
    assert line == line_of(bad, "- id: leak", 2) and params["first"] == line_of(bad, "- id: leak", 1)


@pytest.mark.parametrize("value", ["2 weeks", "0h", "-3d", "7", "400d", "2小时半"])
def test_bad_duration(value: str) -> None:
    bad = MINI.replace("    sign_for: 1h\n", f"    sign_for: '{value}'\n")
    line, code, _params = only(refuse(bad))
    assert (code, line) == ("bad_duration", line_of(bad, f"sign_for: '{value}'"))


def test_durations_in_chinese_and_latin() -> None:
    assert parse_duration("30分钟").total_seconds() == 1800
    assert parse_duration("2 h").total_seconds() == 7200
    assert parse_duration("7天").days == 7


def test_empty_keyword_list_and_empty_keyword() -> None:
    bad = MINI.replace("keywords: [漏水, 渗水]", "keywords: []")
    line, code, _ = only(refuse(bad))
    assert (code, line) == ("field_empty", line_of(bad, "keywords: []"))
    bad = MINI.replace("keywords: [漏水, 渗水]", "keywords: [漏水, '  ']")
    line, code, _ = only(refuse(bad))
    assert (code, line) == ("empty_keyword", line_of(bad, "keywords: [漏水, '  ']"))
    bad = MINI.replace("keywords: [漏水, 渗水]", "keywords: [漏水, 渗水]\n    keywords_en: [leaking, '  ']")
    line, code, _ = only(refuse(bad))
    assert (code, line) == ("empty_keyword", line_of(bad, "keywords_en: [leaking, '  ']"))


def test_pattern_that_does_not_compile() -> None:
    bad = MINI.replace("patterns: ['电梯.{0,4}停']", "patterns: ['电梯(坏']")
    line, code, params = only(refuse(bad))
    assert (code, line) == ("bad_pattern", line_of(bad, "电梯(坏"))
    assert "missing )" in params["detail"]


def test_a_negative_pattern_that_does_not_compile_is_refused_where_it_is_and_a_good_one_vetoes() -> None:
    bad = MINI.replace("patterns: ['电梯.{0,4}停']", "patterns: ['电梯.{0,4}停']\n    negative_patterns: ['娃娃机(坏']")
    line, code, _ = only(refuse(bad))
    assert (code, line) == ("bad_pattern", line_of(bad, "娃娃机(坏"))
    ok = MINI.replace("patterns: ['电梯.{0,4}停']",
                      "patterns: ['电梯.{0,4}停']\n    negative_patterns: ['电梯(模型|玩具)']")
    book = parse_rulebook(ok)
    from rules import Classifier

    assert Classifier(parse_rulebook(MINI)).classify("电梯玩具停了").category == "lift"
    assert Classifier(book).classify("电梯玩具停了").category != "lift"
    assert Classifier(book).classify("电梯停了").category == "lift"


@pytest.mark.parametrize("pattern", ["[一-龥]+漏水", "(楼|[\\u4e00-\\u9fa5]{2})坏", "x[^a][a-zA-Z一-鿿]"])
def test_character_class_too_wide(pattern: str) -> None:
    bad = MINI.replace("patterns: ['电梯.{0,4}停']", f"patterns: ['{pattern}']")
    line, code, params = only(refuse(bad))
    assert (code, line) == ("class_too_wide", line_of(bad, pattern))
    assert params["width"] > params["limit"]


def test_narrow_classes_are_fine() -> None:
    ok = MINI.replace("patterns: ['电梯.{0,4}停']", "patterns: ['[0-9]{1,3}号楼.{0,3}[坏停]', '[^，。]{0,5}停电']")
    assert parse_rulebook(ok).category_by_id["lift"].patterns


def test_escalation_chain_that_loops_through_handlers() -> None:
    bad = MINI.replace("kind: street_office, sector: 党务政务}",
                       "kind: street_office, sector: 党务政务, escalates_to: property}")
    err = refuse(bad)
    assert [p.code for p in err.problems] == ["escalation_loop"]
    assert "street → property → street" in err.problems[0].params["chain"]
    assert err.problems[0].line == line_of(bad, "escalates_to: property")


def test_category_escalation_that_repeats_or_returns_to_the_lead() -> None:
    bad = MINI.replace("escalation: [street]", "escalation: [street, property]")
    _line, code, params = only(refuse(bad))
    assert code == "escalation_loop" and params["chain"] == "property → street → property"


def test_unknown_field_missing_field_and_bad_choice() -> None:
    bad = MINI.replace("    priority: urgent\n", "    priorty: urgent\n")
    line, code, params = only(refuse(bad))
    assert (code, line) == ("field_unknown", line_of(bad, "priorty: urgent"))
    assert params["field"].endswith("priorty")
    bad = MINI.replace("    name_en: Theft\n", "")
    line, code, params = only(refuse(bad))
    assert code == "field_missing" and params["field"] == "categories.2.name_en"
    assert line == line_of(bad, "- id: theft")
    bad = MINI.replace("sector: 政法", "sector: 公安")
    line, code, params = only(refuse(bad))
    assert (code, line) == ("field_choice", line_of(bad, "sector: 公安"))


def test_yaml_syntax_error_and_duplicate_key() -> None:
    bad = MINI.replace("keywords: [漏水, 渗水]", "keywords: [漏水, 渗水")
    line, code, _ = only(refuse(bad))
    assert code == "yaml_syntax" and abs(line - line_of(bad, "keywords: [漏水, 渗水")) <= 2
    bad = MINI.replace("    priority: urgent\n", "    priority: urgent\n    lead: police\n")
    line, code, params = only(refuse(bad))
    assert (code, params["key"], line) == ("duplicate_key", "lead", line_of(bad, "lead: police"))


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    bad = MINI.replace("lead: police", "lead: nobody").replace("sign_for: 1h", "sign_for: 1y")
    err = refuse(bad)
    assert len(err.problems) >= 1
    lines = [p.line for p in err.problems]
    assert lines == sorted(lines)


def test_errors_are_readable_in_chinese_and_english(tmp_path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(MINI.replace("lead: police", "lead: nobody"), encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(path)
    zh, en = info.value.render(), info.value.render("en")
    assert f"{path} 第 " in zh and "没有编号为「nobody」的处理单位" in zh
    assert "there is no handler with the id 'nobody'" in en and str(path) in en


def test_unreadable_and_non_mapping_files(tmp_path) -> None:
    with pytest.raises(RulebookError) as info:
        load_rulebook(tmp_path / "missing.yaml")
    assert info.value.problems[0].code == "file_unreadable"
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    with pytest.raises(RulebookError) as info:
        load_rulebook(tmp_path / "list.yaml")
    assert info.value.problems[0].code == "not_a_mapping"
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(RulebookError) as info:
        load_rulebook(tmp_path / "bin.yaml")
    assert info.value.problems[0].code == "file_unreadable"


def test_version_carries_a_digest_of_the_exact_text() -> None:
    a = parse_rulebook(MINI)
    b = parse_rulebook(MINI + "\n# a comment\n")
    assert a.version == b.version == "t1"
    assert a.full_version != b.full_version and a.full_version.startswith("t1+")


def test_calendar_dates_as_dates_or_text() -> None:
    book = parse_rulebook(MINI + "calendar:\n  holidays: [2027-01-01, '2027-2-6']\n  workdays: ['2027-02-20']\n")
    assert book.calendar.holidays == (date(2027, 1, 1), date(2027, 2, 6))
    assert book.calendar.workdays == (date(2027, 2, 20),) and book.calendar.timezone == "Asia/Shanghai"
    assert book.work_calendar is book.work_calendar and book.work_calendar.is_workday(date(2027, 2, 20))
    assert parse_rulebook(MINI).calendar.holidays == ()


@pytest.mark.parametrize("value", ["2027-02-30", "'2027-13-01'", "'next friday'", "2027-01-05 10:00:00", "20270105"])
def test_bad_calendar_date(value: str) -> None:
    bad = MINI + f"calendar:\n  holidays:\n    - 2027-01-01\n    - {value}\n"
    line, code, _params = only(refuse(bad))
    assert (code, line) == ("bad_date", line_of(bad, f"- {value}"))


def test_a_date_both_holiday_and_working_day() -> None:
    bad = MINI + "calendar:\n  holidays: [2027-01-01, 2027-02-06]\n  workdays:\n    - 2027-02-20\n    - '2027-02-06'\n"
    line, code, params = only(refuse(bad))
    assert (code, line, params["date"]) == ("calendar_conflict", line_of(bad, "- '2027-02-06'"), "2027-02-06")
    assert params["first"] == line_of(bad, "holidays:")
    err = refuse(bad)
    assert "2027-02-06 既列为节假日" in err.render() and "both as a holiday" in err.render("en")


def test_bad_timezone_and_unknown_calendar_field() -> None:
    bad = MINI + "calendar:\n  timezone: Asia/Beijing\n"
    line, code, params = only(refuse(bad))
    assert (code, line, params["value"]) == ("bad_timezone", line_of(bad, "timezone:"), "Asia/Beijing")
    bad = MINI + "calendar:\n  holiday: [2027-01-01]\n"
    line, code, params = only(refuse(bad))
    assert (code, line, params["field"]) == ("field_unknown", line_of(bad, "holiday:"), "calendar.holiday")
