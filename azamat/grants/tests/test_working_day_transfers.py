"""Deadlines counted in working days follow the days a government decree moves."""

import datetime
import zoneinfo

import pytest

from azamat.core.models import WorkingDayTransfer
from azamat.grants.factories import CallFactory
from azamat.grants.services.calls import discussion_earliest_end
from azamat.grants.services.compliance import compliance_due_on

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def test_the_compliance_deadline_shifts_with_a_decrees_transfers():
    call = CallFactory(
        opens_at=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=ALMATY),
        closes_at=datetime.datetime(2026, 4, 1, 18, 0, tzinfo=ALMATY),
    )
    # Ten working days after Wednesday 1 April 2026: 2, 3, 6–10, 13–15 April.
    assert compliance_due_on(call) == datetime.date(2026, 4, 15)

    WorkingDayTransfer.objects.create(date=datetime.date(2026, 4, 4), is_working=True, decree="Decree No. 10")
    assert compliance_due_on(call) == datetime.date(2026, 4, 14)

    WorkingDayTransfer.objects.create(
        date=datetime.date(2026, 4, 6), is_working=False, decree="Decree No. 10"
    )
    WorkingDayTransfer.objects.create(
        date=datetime.date(2026, 4, 7), is_working=False, decree="Decree No. 10"
    )
    assert compliance_due_on(call) == datetime.date(2026, 4, 16)


def test_the_public_discussion_ends_later_when_a_weekday_is_made_a_day_off():
    published = datetime.date(2026, 4, 1)
    assert discussion_earliest_end(published) == datetime.date(2026, 4, 15)
    WorkingDayTransfer.objects.create(
        date=datetime.date(2026, 4, 3), is_working=False, decree="Decree No. 11"
    )
    assert discussion_earliest_end(published) == datetime.date(2026, 4, 16)
