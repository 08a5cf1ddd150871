"""A day a government decree moves counts as the decree says: a Saturday worked, a weekday off."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from azamat.core.models import MonthlyIndex, WorkingDayTransfer
from azamat.core.working_days import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

SATURDAY = datetime.date(2026, 3, 28)
FRIDAY = datetime.date(2026, 3, 27)
THURSDAY = datetime.date(2026, 3, 26)


def test_the_holidays_package_knows_some_decrees_weekend_working_days():
    # Decree of 2023: Sunday 5 January 2025 worked instead of Friday 3 January.
    assert is_working_day(datetime.date(2025, 1, 5)) is True
    assert is_working_day(datetime.date(2025, 1, 3)) is False
    # Decree of 2023: Saturday 4 May 2024 worked instead of Wednesday 8 May.
    assert is_working_day(datetime.date(2024, 5, 4)) is True


def test_a_transfer_makes_a_saturday_working_and_a_weekday_off():
    assert (is_working_day(SATURDAY), is_working_day(FRIDAY)) == (False, True)
    assert add_working_days(THURSDAY, 1) == FRIDAY

    WorkingDayTransfer.objects.create(date=SATURDAY, is_working=True, decree="Decree No. 1 of 1 March 2026")
    WorkingDayTransfer.objects.create(date=FRIDAY, is_working=False, decree="Decree No. 1 of 1 March 2026")

    assert (is_working_day(SATURDAY), is_working_day(FRIDAY)) == (True, False)
    assert add_working_days(THURSDAY, 1) == SATURDAY
    assert add_working_days(THURSDAY, 2) == datetime.date(2026, 3, 30)
    assert working_days_between(THURSDAY, datetime.date(2026, 3, 30)) == 2


def test_a_transfer_overrides_the_holidays_package_both_ways():
    # The package says Sunday 5 January 2025 was worked; a (hypothetical) later decree says otherwise.
    WorkingDayTransfer.objects.create(date=datetime.date(2025, 1, 5), is_working=False, decree="Correction")
    assert is_working_day(datetime.date(2025, 1, 5)) is False


def test_the_cached_table_is_forgotten_on_change_and_on_delete():
    transfer = WorkingDayTransfer.objects.create(date=SATURDAY, is_working=True, decree="Decree No. 1")
    assert is_working_day(SATURDAY) is True  # now cached
    transfer.is_working = False
    transfer.save()
    assert is_working_day(SATURDAY) is False
    transfer.delete()
    WorkingDayTransfer.objects.create(date=FRIDAY, is_working=False, decree="Decree No. 2")
    assert (is_working_day(SATURDAY), is_working_day(FRIDAY)) == (False, False)


def test_the_admin_bulk_delete_forgets_the_cached_table(admin_user):
    WorkingDayTransfer.objects.create(date=SATURDAY, is_working=True, decree="Decree No. 1")
    assert is_working_day(SATURDAY) is True
    request = RequestFactory().post("/")
    request.user = admin_user
    site._registry[WorkingDayTransfer].delete_queryset(request, WorkingDayTransfer.objects.all())
    assert is_working_day(SATURDAY) is False


def test_transfers_and_the_monthly_index_keep_history():
    transfer = WorkingDayTransfer.objects.create(date=SATURDAY, is_working=True, decree="Decree No. 1")
    transfer.note = "Bridge before Nauryz"
    transfer.save()
    index = MonthlyIndex.objects.create(valid_from=datetime.date(2031, 1, 1), amount="4500.00")
    index.amount = "4600.00"
    index.save()
    assert [h.note for h in transfer.history.order_by("history_date")] == ["", "Bridge before Nauryz"]
    assert [str(h.amount) for h in index.history.order_by("history_date")] == ["4500.00", "4600.00"]
