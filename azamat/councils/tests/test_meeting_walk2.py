"""Publishing the minutes before the attendance was saved: the page offers every member as present until it is
saved, and the published record can no longer take it, so publication is refused, saying to save it first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.councils import errors
from azamat.councils.models import Meeting
from azamat.councils.services import meetings as meeting_services
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    MeetingFactory,
    MemberFactory,
)

pytestmark = pytest.mark.django_db
SAVE_FIRST = (
    "Save the attendance before publishing the minutes: once they are published it can no longer be marked."
)


@pytest.fixture
def held():
    """Yesterday's meeting of a council with one seated member, its minutes written, its attendance not saved."""
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    member = MemberFactory(council=council, full_name="Айгерим Сәрсенова")
    meeting = MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(days=1))
    meeting_services.minutes_save(meeting=meeting, minutes="Заседание состоялось.", by=secretary)
    return meeting, secretary, member


def test_minutes_are_not_published_before_the_attendance_is_saved(held):
    meeting, secretary, member = held
    with pytest.raises(DomainError) as raised:
        meeting_services.minutes_publish(meeting=meeting, by=secretary)
    assert (raised.value.code, str(raised.value)) == (errors.ATTENDANCE_NOT_SAVED, SAVE_FIRST)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None
    meeting_services.attendance_record(meeting=meeting, statuses={member: "absent"}, by=secretary)
    meeting_services.minutes_publish(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None


def test_the_secretary_is_told_on_the_page_and_the_record_stays_open(client, held):
    meeting, secretary, member = held
    client.force_login(secretary)
    args = [meeting.council_id, meeting.pk]
    response = client.post(reverse("councils:minutes_publish", args=args), follow=True)
    assert SAVE_FIRST in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).minutes_published_at is None
    # The attendance form is still there to save.
    assert f'name="member_{member.pk}"' in response.content.decode()


def test_a_meeting_before_anyone_sat_on_the_council_is_published_without_attendance():
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    MemberFactory(council=council, joined_on=timezone.localdate())
    meeting = MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(days=10))
    meeting_services.minutes_save(meeting=meeting, minutes="Заседание состоялось.", by=secretary)
    meeting_services.minutes_publish(meeting=meeting, by=secretary)
    assert Meeting.objects.get(pk=meeting.pk).minutes_published_at is not None
