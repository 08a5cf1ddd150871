"""Kazakh working days: legal deadlines skip weekends and public holidays, observed days included, and follow
the days government decrees move (a Saturday worked before a holiday bridge, the bridge day off).

Two sources, the later one winning: the `holidays` package's own working-day test (it knows the public
holidays and some decrees' weekend working days), then the `WorkingDayTransfer` table, where an
administrator enters a decree's transfers as soon as it is published. The table is read once per cache
lifetime and forgotten whenever a transfer is saved or deleted, on every app server (the cache is shared).
"""

import datetime
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.db import DatabaseError, transaction

TRANSFERS_CACHE_KEY = "core:working-day-transfers:v1"
TRANSFERS_CACHE_SECONDS = 24 * 3600


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year)


def _load_transfers() -> dict[datetime.date, bool]:
    from azamat.core.models import WorkingDayTransfer

    try:
        return dict(WorkingDayTransfer.objects.values_list("date", "is_working"))
    except DatabaseError:  # the table is not there yet (before `migrate`): no transfers to apply
        return {}


def transfers() -> dict[datetime.date, bool]:
    """Every decree's transfer entered by administrators: date → whether it is a working day."""
    known = cache.get(TRANSFERS_CACHE_KEY)
    if known is None:
        known = _load_transfers()
        cache.set(TRANSFERS_CACHE_KEY, known, TRANSFERS_CACHE_SECONDS)
    return known


def transfers_changed() -> None:
    """Forget the cached transfers now and again after the commit, so no server keeps the old ones (a read
    between the save and the commit would cache the old table)."""
    cache.delete(TRANSFERS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(TRANSFERS_CACHE_KEY))


def is_working_day(day: datetime.date, *, moved: dict[datetime.date, bool] | None = None) -> bool:
    moved = transfers() if moved is None else moved
    if day in moved:
        return moved[day]
    return _holidays(day.year).is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself does not count)."""
    moved = transfers()
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current, moved=moved):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`."""
    moved = transfers()
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, moved=moved):
            count += 1
    return count
