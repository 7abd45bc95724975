"""The working-day clock: weekends, public holidays, make-up working days, unknown years, overrides, timezones.

Holiday facts are read from chinesecalendar first (so a wrong assumption fails loudly, not as a wrong
deadline), then every deadline is asserted as an exact datetime.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import parse_rulebook, workdays
from rules.workdays import WorkCalendar
from tests.conftest import MINI

SH = ZoneInfo("Asia/Shanghai")
H24, D7 = timedelta(hours=24), timedelta(days=7)


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


def with_calendar(section: str) -> WorkCalendar:
    return parse_rulebook(MINI + section, "book.yaml").work_calendar


def test_a_weekend_stops_the_clock(cal: WorkCalendar) -> None:
    assert [cal.is_workday(date(2026, 11, d)) for d in (6, 7, 8, 9)] == [True, False, False, True]
    assert cal.deadline(sh(2026, 11, 6, 15), H24, "normal") == sh(2026, 11, 9, 15)  # Friday 15:00 → Monday
    assert cal.deadline(sh(2026, 11, 2, 17), D7, "normal") == sh(2026, 11, 11, 17)  # 7 × 24 h of working days
    assert cal.deadline(sh(2026, 11, 7, 10), H24, "normal") == sh(2026, 11, 10, 0)  # Saturday: from Monday 00:00
    assert cal.deadline(sh(2026, 11, 6, 0), H24, "normal") == sh(2026, 11, 7, 0)  # ends at Friday's midnight


def test_national_day_and_spring_festival(cal: WorkCalendar) -> None:
    for d in range(1, 8):
        assert chinese_calendar.get_holiday_detail(date(2026, 10, d)) == (True, "National Day")
    assert chinese_calendar.is_workday(date(2026, 9, 30)) and chinese_calendar.is_workday(date(2026, 10, 8))
    assert cal.deadline(sh(2026, 9, 30, 10), H24, "normal") == sh(2026, 10, 8, 10)
    for d in range(15, 24):
        assert chinese_calendar.get_holiday_detail(date(2026, 2, d)) == (True, "Spring Festival")
    assert chinese_calendar.is_workday(date(2026, 2, 24))
    # 6 h of Saturday 02-14 (a make-up working day), the nine days off, then 18 h of Tuesday 02-24
    assert cal.deadline(sh(2026, 2, 14, 18), H24, "normal") == sh(2026, 2, 24, 18)


def test_a_make_up_working_day_counts(cal: WorkCalendar) -> None:
    assert chinese_calendar.get_holiday_detail(date(2026, 10, 10)) == (False, "National Day")  # a Saturday
    assert date(2026, 10, 10).weekday() == 5 and cal.is_workday(date(2026, 10, 10))
    assert cal.deadline(sh(2026, 10, 9, 10), H24, "normal") == sh(2026, 10, 10, 10)  # Friday → Saturday
    assert date(2026, 9, 20).weekday() == 6 and cal.is_workday(date(2026, 9, 20))  # a Sunday
    # Saturday 09-19 is off: the clock starts with Sunday 09-20 and runs out at its midnight
    assert cal.deadline(sh(2026, 9, 19, 12), H24, "normal") == sh(2026, 9, 21, 0)


def test_urgent_matters_run_on_plain_hours(cal: WorkCalendar) -> None:
    friday = sh(2026, 11, 6, 15)
    assert cal.deadline(friday, H24, "urgent") == sh(2026, 11, 7, 15)
    assert cal.deadline(friday, H24, "normal") == sh(2026, 11, 9, 15)
    assert cal.deadline(friday, timedelta(days=15), "complex") == sh(2026, 11, 27, 15)
    assert cal.deadline(sh(2026, 10, 1, 10), timedelta(hours=2), "emergency") == sh(2026, 10, 1, 12)  # a holiday
    assert cal.deadline(sh(2026, 10, 1, 10), timedelta(hours=2), "normal") == sh(2026, 10, 8, 2)


def test_a_year_without_data_falls_back_to_monday_to_friday(cal: WorkCalendar, caplog, monkeypatch) -> None:
    monkeypatch.setattr(workdays, "_WARNED", set())  # warned once a process: as if none was yet
    with pytest.raises(NotImplementedError, match="no available data for year 2027"):
        chinese_calendar.is_workday(date(2027, 1, 4))
    caplog.set_level(logging.WARNING, logger="rules.workdays")
    assert cal.deadline(sh(2026, 12, 31, 10), D7, "normal") == sh(2027, 1, 11, 10)  # 01-01 counts: no data
    assert cal.deadline(sh(2027, 3, 5, 15), H24, "normal") == sh(2027, 3, 8, 15)
    assert [cal.is_workday(date(2027, 5, d)) for d in (1, 2, 3)] == [False, False, True]  # Sat, Sun, Mon
    warnings = [r for r in caplog.records if r.name == "rules.workdays"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert "2027" in warnings[0].getMessage() and "Monday to Friday" in warnings[0].getMessage()
    assert cal.unknown_years == {2027}
    cal.deadline(sh(2028, 1, 3, 9), H24, "normal")
    assert len([r for r in caplog.records if r.name == "rules.workdays"]) == 2  # one more for 2028
    other = with_calendar("calendar: {}\n")  # another community's calendar in the same process: no more warnings
    other.deadline(sh(2027, 3, 5, 15), H24, "normal")
    assert other.unknown_years == {2027}
    assert len([r for r in caplog.records if r.name == "rules.workdays"]) == 2


def test_a_year_the_rulebook_lists_is_not_warned_about(caplog) -> None:
    caplog.set_level(logging.WARNING, logger="rules.workdays")
    cal = with_calendar("calendar:\n  holidays: [2027-01-01]\n")
    assert cal.deadline(sh(2026, 12, 31, 10), D7, "normal") == sh(2027, 1, 12, 10)
    assert not [r for r in caplog.records if r.name == "rules.workdays"]


def test_rulebook_dates_beat_the_library_both_ways() -> None:
    assert chinese_calendar.is_workday(date(2026, 10, 8)) and chinese_calendar.is_holiday(date(2026, 10, 3))
    cal = with_calendar("calendar:\n  holidays: [2026-10-08]\n")  # a local day off
    assert not cal.is_workday(date(2026, 10, 8))
    assert cal.deadline(sh(2026, 9, 30, 10), H24, "normal") == sh(2026, 10, 9, 10)
    cal = with_calendar("calendar:\n  workdays: ['2026-10-03']\n")  # a holiday worked
    assert cal.is_workday(date(2026, 10, 3))
    assert cal.deadline(sh(2026, 9, 30, 10), H24, "normal") == sh(2026, 10, 3, 10)
    # and for a year without data: a Friday off and a Saturday worked
    cal = with_calendar("calendar:\n  holidays: [2027-01-01]\n  workdays: [2027-01-09]\n")
    assert cal.deadline(sh(2027, 1, 1, 10), timedelta(days=6), "normal") == sh(2027, 1, 10, 0)


def test_days_begin_at_midnight_in_shanghai(cal: WorkCalendar) -> None:
    friday_2330 = datetime(2026, 11, 6, 15, 30, tzinfo=UTC)  # Friday 23:30 in Shanghai: 30 min left of it
    end = cal.deadline(friday_2330, H24, "normal")
    assert end == datetime(2026, 11, 9, 15, 30, tzinfo=UTC) and end.tzinfo is UTC  # Monday 23:30 in Shanghai
    saturday_0030 = datetime(2026, 11, 6, 16, 30, tzinfo=UTC)  # still Friday in UTC, Saturday in Shanghai
    assert cal.deadline(saturday_0030, H24, "normal") == datetime(2026, 11, 9, 16, 0, tzinfo=UTC)
    tokyo = timezone(timedelta(hours=9))
    end = cal.deadline(datetime(2026, 11, 7, 0, 30, tzinfo=tokyo), H24, "normal")  # the same instant, in +09:00
    assert end == datetime(2026, 11, 10, 0, 30, tzinfo=tokyo) and end.utcoffset() == timedelta(hours=9)
    assert cal.deadline(datetime(2026, 11, 6, 15, 30, tzinfo=UTC), H24, "urgent").tzinfo is UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.deadline(datetime(2026, 11, 6, 15), H24, "normal")


def test_a_calendar_in_another_timezone() -> None:
    cal = with_calendar("calendar:\n  timezone: UTC\n")
    assert cal.deadline(datetime(2026, 11, 6, 15, 30, tzinfo=UTC), H24, "normal") == datetime(
        2026, 11, 9, 15, 30, tzinfo=UTC)


def test_working_time_between(cal: WorkCalendar) -> None:
    assert cal.working_time_between(sh(2026, 11, 6, 15), sh(2026, 11, 9, 15)) == H24
    assert cal.working_time_between(sh(2026, 11, 9, 15), sh(2026, 11, 6, 15)) == -H24
    assert cal.working_time_between(sh(2026, 9, 30, 0), sh(2026, 10, 9, 0)) == timedelta(days=2)
    assert cal.working_time_between(sh(2026, 11, 7, 1), sh(2026, 11, 7, 23)) == timedelta(0)  # a Saturday


def test_tables_grow_backwards_and_forwards(cal: WorkCalendar) -> None:
    assert cal.deadline(sh(2027, 6, 4, 12), H24, "normal") == sh(2027, 6, 7, 12)
    assert cal.deadline(sh(2026, 9, 30, 10), H24, "normal") == sh(2026, 10, 8, 10)  # an earlier year after
    # 12 h of 12-31, 01-01..03 off, Sunday 01-04 a make-up working day, 12 h of 01-05
    assert cal.working_time_between(sh(2025, 12, 31, 12), sh(2026, 1, 5, 12)) == timedelta(hours=48)
    assert cal.deadline(sh(2026, 12, 31, 12), timedelta(days=366), "normal").year == 2028


def test_per_day_answers_are_cached(cal: WorkCalendar, monkeypatch) -> None:
    calls: list[date] = []
    real = chinese_calendar.is_workday
    monkeypatch.setattr(chinese_calendar, "is_workday", lambda d: calls.append(d) or real(d))
    cal.deadline(sh(2026, 3, 2, 9), D7, "normal")
    first = len(calls)
    assert first == 365  # the year's table, one question a day
    for day in range(1, 29):
        cal.deadline(sh(2026, 2, day, 9), D7, "normal")
        cal.is_workday(date(2026, 2, day))
    assert len(calls) == first


def test_bad_limits_and_conflicting_dates_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        cal.deadline(sh(2026, 11, 6, 15), -H24, "normal")
    assert cal.deadline(sh(2026, 11, 7, 15), timedelta(0), "normal") == sh(2026, 11, 7, 15)
    with pytest.raises(ValueError, match="both"):
        WorkCalendar(holidays=[date(2027, 1, 1)], workdays=[date(2027, 1, 1)])


@settings(max_examples=300, deadline=None)
@given(start=st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 12, 31),
                          timezones=st.sampled_from([UTC, SH])),
       limit=st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=30)))
def test_a_deadline_is_the_first_moment_the_limit_is_used_up(start: datetime, limit: timedelta) -> None:
    cal = WORK
    end = cal.deadline(start, limit, "normal")
    assert end > start and end.tzinfo is start.tzinfo
    assert cal.working_time_between(start, end) == limit
    assert cal.working_time_between(start, end - timedelta(microseconds=1)) < limit
    assert cal.is_workday(end - timedelta(microseconds=1))


WORK = WorkCalendar()
