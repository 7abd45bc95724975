"""The working-day clock: time limits that run on working days only, on the Chinese calendar.

Urgent matters are counted in plain elapsed hours; everything else in *working time*: the clock runs
only on working days (whole local calendar days, midnight to midnight) and stands still over weekends
and public holidays, while a make-up working day (调休) counts. A 24h limit started on Friday 15:00
ends on Monday 15:00 when Monday is a working day; 7d is 7 × 24 h of working-day time.

Which days are working days: the rulebook's own ``calendar:`` dates first, then the State Council's
announcements as the ``chinesecalendar`` package knows them, and for a year it does not know (it only
knows the years announced so far) Monday to Friday, with one logged warning per such year and process.

Times are counted on the local wall clock of the calendar's timezone (Asia/Shanghai has no daylight
saving, so wall clock and elapsed time agree there).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from importlib.metadata import PackageNotFoundError, version
from zoneinfo import ZoneInfo

import chinese_calendar

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Asia/Shanghai"
ELAPSED_PRIORITIES = frozenset({"emergency", "urgent"})  # counted in plain hours, weekends included
_DAY = 86_400_000_000  # microseconds in a day: positions are whole microseconds, so arithmetic is exact
_US, _ZERO = timedelta(microseconds=1), timedelta(0)
_MAX_YEARS_AHEAD = 50  # a calendar with no working day for this long is broken, not slow
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


_WARNED: set[int] = set()  # the years warned about in this process


def parse_date(value: object) -> date:
    """Return the date ``value`` names: a ``date`` (not a ``datetime``) or ``'YYYY-MM-DD'`` text.

    >>> parse_date("2027-2-7")
    datetime.date(2027, 2, 7)
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    m = _ISO_DATE.match(value) if isinstance(value, str) else None
    if m is None:
        raise ValueError(f"not a date: {value!r}")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))  # ValueError for 2027-02-30


def _library_version() -> str:
    try:
        return version("chinesecalendar")
    except PackageNotFoundError:  # pragma: no cover - installed without metadata
        return "?"


class WorkCalendar:
    """Working days and working time for one community.

    ``holidays`` and ``workdays`` are the rulebook's overrides (a date may not be in both);
    ``timezone`` is where the days begin and end. Answers are cached per day, and deadlines are found
    through a table of working-day counts, so a deadline costs two table look-ups however long the limit.
    """

    def __init__(self, holidays: Iterable[date] = (), workdays: Iterable[date] = (),
                 timezone: str = DEFAULT_TIMEZONE, *,
                 elapsed_priorities: Iterable[str] = ELAPSED_PRIORITIES) -> None:
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)
        both = self.holidays & self.workdays
        if both:
            raise ValueError(f"dates both holiday and working day: {sorted(both)}")
        self.timezone = timezone
        self.tz = ZoneInfo(timezone)
        self.elapsed_priorities = frozenset(elapsed_priorities)
        self._override_years = {d.year for d in self.holidays | self.workdays}
        self._days: dict[date, bool] = {}
        self._unknown_years: set[int] = set()  # years the library lacks (each warned about once)
        # A contiguous table over whole years [first_year, last_year]: cum[i] is how many working days
        # come before day base+i (ordinals), nth[k] the local midnight (aware) beginning the k-th working day.
        self._first_year = self._last_year = 0
        self._base = 0
        self._cum: list[int] = [0]
        self._nth: list[datetime] = []

    # --- days ---
    def is_workday(self, day: date) -> bool:
        """Return whether ``day`` is a working day (an aware ``datetime`` is taken in this timezone)."""
        if isinstance(day, datetime):
            day = self._local(day).date()
        try:
            return self._days[day]
        except KeyError:
            answer = self._days[day] = self._lookup(day)
            return answer

    def _lookup(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day.year not in self._unknown_years:
            try:
                return bool(chinese_calendar.is_workday(day))
            except NotImplementedError:  # "no available data for year ...": not announced (or too old)
                self._unknown_years.add(day.year)
                if day.year not in self._override_years and day.year not in _WARNED:
                    _WARNED.add(day.year)  # once a process: a replay of many communities has a calendar each
                    log.warning("chinesecalendar %s has no public holidays for %d: counting Monday to Friday "
                                "as working days; list that year's holidays and make-up working days under "
                                "calendar: in the rulebook", _library_version(), day.year)
        return day.weekday() < 5

    @property
    def unknown_years(self) -> frozenset[int]:
        """Return the years met so far that the library has no data for (counted Monday to Friday)."""
        return frozenset(self._unknown_years)

    # --- the table ---
    def _cover(self, year: int) -> None:
        """Make the table cover ``year`` (and every year between it and those already covered)."""
        if self._first_year == 0:
            self._first_year = self._last_year = year
            self._base = date(year, 1, 1).toordinal()
            self._append_year(year)
        elif year > self._last_year:
            for y in range(self._last_year + 1, year + 1):
                self._append_year(y)
                self._last_year = y
        elif year < self._first_year:  # rare: rebuild from the earlier year on
            last = self._last_year
            self._first_year = self._last_year = year
            self._base = date(year, 1, 1).toordinal()
            self._cum, self._nth = [0], []
            self._append_year(year)
            for y in range(year + 1, last + 1):
                self._append_year(y)
                self._last_year = y

    def _append_year(self, year: int) -> None:
        cum, nth, count = self._cum, self._nth, self._cum[-1]
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        for ordinal in range(first, last + 1):
            day = date.fromordinal(ordinal)
            if self.is_workday(day):
                nth.append(datetime.combine(day, time(), tzinfo=self.tz))
                count += 1
            cum.append(count)

    def _position(self, local: datetime) -> int:
        """Return the working time from the table's start to ``local`` (wall clock of this timezone), in µs."""
        if not self._first_year <= local.year <= self._last_year:
            self._cover(local.year)
        i = local.toordinal() - self._base
        before = self._cum[i]
        position = before * _DAY
        if self._cum[i + 1] != before:  # a working day: the part of it already gone counts
            position += ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
        return position

    def _at(self, position: int) -> datetime:
        """Return the earliest local time (aware) whose working-time position is ``position`` (> 0)."""
        k, rest = divmod(position, _DAY)
        if rest == 0:  # exactly at the end of a working day: its midnight, not the next working morning
            k, rest = k - 1, _DAY
        stop = self._last_year + _MAX_YEARS_AHEAD
        while k >= len(self._nth):
            if self._last_year >= stop:
                raise ValueError(f"no working day in {_MAX_YEARS_AHEAD} years: check the calendar")
            self._cover(self._last_year + 1)
        return self._nth[k] + timedelta(microseconds=rest)  # wall-clock arithmetic in this timezone

    def _local(self, when: datetime) -> datetime:
        if when.tzinfo is None:
            raise ValueError("the working-day clock needs timezone-aware datetimes")
        return when.astimezone(self.tz)

    # --- time ---
    def deadline(self, start: datetime, limit: timedelta, priority: str) -> datetime:
        """Return when ``limit`` runs out from ``start``, in ``start``'s timezone.

        ``emergency`` and ``urgent`` matters count plain elapsed time; others count working time only.
        """
        local = self._local(start)
        if limit < _ZERO:
            raise ValueError("a time limit cannot be negative")
        if priority in self.elapsed_priorities or not limit:
            return (start.astimezone(UTC) + limit).astimezone(start.tzinfo)
        return self._at(self._position(local) + limit // _US).astimezone(start.tzinfo)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Return the working time from ``a`` to ``b`` (negative when ``b`` comes first)."""
        la, lb = self._local(a), self._local(b)
        self._cover(min(la.year, lb.year))  # first the earlier year: covering it may move the table's start
        pa, pb = self._position(la), self._position(lb)
        return timedelta(microseconds=pb - pa)
