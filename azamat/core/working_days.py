"""Kazakh working days: legal deadlines skip weekends and public holidays, observed days included, and follow
the days government decrees move (a Saturday worked before a holiday bridge, the bridge day off).

Two sources, the later one winning: the `holidays` package's own working-day test (it knows the public
holidays and some decrees' weekend working days), then the `WorkingDayTransfer` table, where an
administrator enters a decree's transfers as soon as it is published. The table is read once per cache
lifetime and forgotten whenever a transfer is saved or deleted, on every app server (the cache is shared).
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils.translation import gettext_lazy as _

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


# The holidays' names as the `holidays` package writes them in English, translated here (it has no Russian).
HOLIDAY_NAMES = {
    "New Year's Day": _("New Year's Day"),
    "Orthodox Christmas": _("Orthodox Christmas"),
    "International Women's Day": _("International Women's Day"),
    "Nowruz Holiday": _("Nauryz"),
    "Kazakhstan's People Solidarity Holiday": _("Unity Day of the People of Kazakhstan"),
    "Defender of the Fatherland Day": _("Defender of the Fatherland Day"),
    "Victory Day": _("Victory Day"),
    "Capital Day": _("Capital Day"),
    "Republic Day": _("Republic Day"),
    "Independence Day": _("Independence Day"),
    "Eid al-Adha": _("Kurban Ait"),
    "Constitution Day": _("Constitution Day"),
}


@lru_cache(maxsize=32)
def _english_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year, language="en_US")


def holiday_name(day: datetime.date) -> str:
    """The public holiday on `day` in the active language, "(observed)" when it is the day off moved from a
    weekend; empty when `day` is no public holiday."""
    english = _english_holidays(day.year).get(day)
    if not english:
        return ""
    first = english.split(";")[0].strip()
    if first.startswith("Day off"):  # a decree's day off, "Day off (substituted from 01/05/2025)"
        return str(_("Day off moved by a government decree"))
    observed = "(observed)" in first
    base = first.replace("(observed)", "").replace("(estimated)", "").strip()
    name = str(HOLIDAY_NAMES.get(base, base))
    return _("%(holiday)s (day off moved from the weekend)") % {"holiday": name} if observed else name


@dataclass(frozen=True)
class Counting:
    """How a deadline was counted: `days` working (or calendar) days after `start`, which fell on `due_on`;
    `skipped` the public holidays and decree days off passed over on weekdays, `worked` the weekend days a
    decree made working, which counted. Stored with the deadline (`as_data`) so the explanation stays the one
    the date was computed with, whatever decree comes later."""

    start: datetime.date
    days: int
    working: bool
    due_on: datetime.date
    skipped: tuple[tuple[datetime.date, str], ...] = ()  # (day, "holiday" | "decree")
    worked: tuple[datetime.date, ...] = ()
    weekend_days: int = 0

    def as_data(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "days": self.days,
            "working": self.working,
            "due_on": self.due_on.isoformat(),
            "skipped": [[day.isoformat(), why] for day, why in self.skipped],
            "worked": [day.isoformat() for day in self.worked],
            "weekend_days": self.weekend_days,
        }

    @classmethod
    def from_data(cls, data: dict) -> "Counting":
        day = datetime.date.fromisoformat
        return cls(
            start=day(data["start"]),
            days=data["days"],
            working=data["working"],
            due_on=day(data["due_on"]),
            skipped=tuple((day(d), why) for d, why in data.get("skipped", [])),
            worked=tuple(day(d) for d in data.get("worked", [])),
            weekend_days=data.get("weekend_days", 0),
        )


def count_days(start: datetime.date, days: int, *, working: bool = True) -> Counting:
    """The date `days` days after `start` (start itself does not count), working days unless `working` is
    False, with what was skipped and what counted on the way."""
    if not working:
        return Counting(start, days, False, start + datetime.timedelta(days=days))
    moved = transfers()
    current, remaining = start, days
    skipped, worked, weekend = [], [], 0
    while remaining > 0:
        current += datetime.timedelta(days=1)
        weekend_day = current.weekday() >= 5
        if is_working_day(current, moved=moved):
            remaining -= 1
            if weekend_day:
                worked.append(current)
        elif weekend_day:
            weekend += 1
        else:
            name = "" if current in moved else _english_holidays(current.year).get(current, "")
            public_holiday = name and not name.startswith("Day off")
            skipped.append((current, "holiday" if public_holiday else "decree"))
    return Counting(start, days, True, current, tuple(skipped), tuple(worked), weekend)
