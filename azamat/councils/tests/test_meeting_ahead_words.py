"""A meeting still ahead: its secretary is told when attendance can be marked (as for decisions), not only that it
is "not marked yet", which reads as a task left undone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_meeting_ahead_says_attendance_is_marked_once_it_has_started(client):
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    meeting = MeetingFactory(council=council, starts_at=timezone.now() + datetime.timedelta(days=10))
    client.force_login(secretary)
    page = client.get(reverse("councils:meeting_manage", args=[council.pk, meeting.pk])).content.decode()
    assert "Attendance is marked here once the meeting has started." in page
    assert "Attendance is not marked yet." not in page
    assert "Decisions are recorded here once the meeting has started." in page
