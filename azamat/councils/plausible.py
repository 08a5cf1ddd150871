"""The years a council's dates can fall in: from the Law on Public Councils (2015) to ten years ahead, so that a
year typed by mistake (1025, 9999) is refused with the range named instead of stored."""

import datetime

from django.utils import timezone

FIRST_YEAR = 2015  # the Law on Public Councils


def last_year() -> int:
    return timezone.localdate().year + 10


def plausible(day: datetime.date) -> bool:
    return FIRST_YEAR <= day.year <= last_year()
