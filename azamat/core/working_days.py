"""Kazakh working days: legal deadlines skip weekends and public holidays, observed days included."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`."""
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
