"""Kazakh working days skip weekends and public holidays."""

import datetime

import pytest

from azamat.core.working_days import add_working_days, is_working_day, working_days_between

# Working days read the decrees' transfers from the database.
pytestmark = pytest.mark.django_db


def test_weekend_and_holidays_are_not_working_days():
    assert is_working_day(datetime.date(2026, 3, 23)) is False  # Nauryz
    assert is_working_day(datetime.date(2026, 3, 25)) is False  # Nauryz, observed
    assert is_working_day(datetime.date(2026, 3, 28)) is False  # Saturday
    assert is_working_day(datetime.date(2026, 3, 20)) is True
    assert is_working_day(datetime.date(2026, 12, 16)) is False  # Independence Day
    assert is_working_day(datetime.date(2026, 3, 26)) is True


def test_fifteen_working_days_across_nauryz():
    # 16 March 2026 (Monday) + 15 working days, skipping Nauryz 21-25 March and two weekends.
    assert add_working_days(datetime.date(2026, 3, 16), 15) == datetime.date(2026, 4, 9)
    assert working_days_between(datetime.date(2026, 3, 16), datetime.date(2026, 4, 9)) == 15
