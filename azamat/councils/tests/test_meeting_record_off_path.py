"""A meeting's record, walked as the council's secretary on a phone off the happy path: a recommendation could be
recorded for a meeting a week ahead, and was sent to the bodies that day, before the council had met to decide it;
the back button or a double tap recorded a recommendation twice (each body got two items to answer), scheduled the
same meeting twice (twice on the public calendar) and put a question on the agenda twice."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from azamat.accountability.models import Item
from azamat.core.errors import DomainError
from azamat.core.working_days import add_working_days
from azamat.councils import errors
from azamat.councils.models import Decision, Meeting
from azamat.councils.services import meetings
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    GovernmentBodyFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return CouncilFactory()


@pytest.fixture
def secretary(council):
    return CouncilSecretaryFactory(council=council).user


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _recommendation(body) -> dict:
    return {
        "kind": "recommendation",
        "title": "Публиковать отчёты о грантах",
        "text": "Рекомендовать публиковать отчёты о грантах.",
        "addressees": [body.pk],
        "due_on": add_working_days(timezone.localdate(), 20).isoformat(),
    }


def test_no_decision_is_recorded_before_the_meeting_starts(client, council, secretary):
    """Given a meeting a week ahead, the page offers no decision form and says when decisions are recorded; a
    recommendation sent anyway (a page kept from elsewhere, the API) is refused with the meeting's start, its text
    given back to copy, and nothing reaches the body."""
    meeting = MeetingFactory(council=council, starts_at=timezone.now() + datetime.timedelta(days=7))
    body = GovernmentBodyFactory()
    client.force_login(secretary)
    page = client.get(reverse("councils:meeting_manage", args=[council.pk, meeting.pk])).content.decode()
    assert reverse("councils:decision_add", args=[council.pk, meeting.pk]) not in page
    assert "Decisions are recorded here once the meeting has started." in page

    sent = client.post(reverse("councils:decision_add", args=[council.pk, meeting.pk]), _recommendation(body))
    assert sent.status_code == 400
    page = sent.content.decode()
    assert "Decisions are recorded once the meeting has started: it starts at " in page
    assert "Not saved; what you typed is here to copy:" in page and "Рекомендовать публиковать отчёты" in page
    assert not Decision.objects.exists() and not Item.objects.exists()

    with pytest.raises(DomainError) as refused:
        meetings.decision_record(meeting=meeting, kind="noted", title="Т", text="Т", by=secretary)
    assert refused.value.code == errors.MEETING_NOT_HELD


def test_a_recommendation_sent_twice_is_recorded_and_sent_once(client, council, secretary):
    """The back button after "Record the decision", or a double tap: the second is not recorded, the body gets one
    item, and the secretary is back on the record told the decision's number."""
    meeting = MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(hours=2))
    body = GovernmentBodyFactory()
    client.force_login(secretary)
    url = reverse("councils:decision_add", args=[council.pk, meeting.pk])
    assert client.post(url, _recommendation(body)).status_code == 302
    again = client.post(url, {**_recommendation(body), "title": "публиковать  отчёты о грантах "})
    assert again.status_code == 302
    assert again["Location"] == reverse("councils:meeting_manage", args=[council.pk, meeting.pk])
    assert (
        _said(again)[-1]
        == "This decision is already recorded at this meeting, as No. 1; it was not recorded again."
    )
    assert meeting.decisions.count() == 1 and Item.objects.filter(body=body).count() == 1

    other = {**_recommendation(body), "text": "Рекомендовать публиковать и сметы."}
    assert client.post(url, other).status_code == 302 and meeting.decisions.count() == 2


def test_a_meeting_scheduled_twice_is_one_meeting(client, council, secretary):
    starts = timezone.localtime() + datetime.timedelta(days=10)
    data = {"starts_at": f"{starts:%Y-%m-%dT%H:%M}", "place": "Астана", "agenda": "Бюджет"}
    client.force_login(secretary)
    url = reverse("councils:meeting_schedule", args=[council.pk])
    first = client.post(url, data)
    meeting = Meeting.objects.get()
    assert first["Location"] == reverse("councils:meeting_manage", args=[council.pk, meeting.pk])
    again = client.post(url, data)
    assert again["Location"] == first["Location"] and Meeting.objects.count() == 1
    assert _said(again)[-1].startswith("The council already has a meeting at ")

    meetings.meeting_cancel(meeting=meeting, reason="Перенос", by=secretary)
    assert (
        client.post(url, data).status_code == 302 and Meeting.objects.count() == 2
    )  # set again after cancelling


def test_a_question_is_on_the_agenda_once(client, council, secretary):
    meeting = MeetingFactory(council=council)
    meetings.agenda_item_add(meeting=meeting, title="Об отчёте министерства", by=secretary)
    client.force_login(secretary)
    refused = client.post(
        reverse("councils:agenda_add", args=[council.pk, meeting.pk]), {"title": "об  отчёте министерства"}
    )
    assert refused.status_code == 400
    assert "This question is already on the agenda." in refused.content.decode()
    assert meeting.agenda.count() == 1


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2026-12-16", "Dec. 16, 2026 is Independence Day, a public holiday in Kazakhstan"),
        ("2026-12-13", "Dec. 13, 2026 is a weekend day off"),
        ("2026-12-15", None),
    ],
)
def test_a_meeting_set_on_a_day_off_is_scheduled_with_a_warning_to_check_the_date(
    client, council, secretary, day, said
):
    """A holiday or a weekend is allowed (a council may meet then) but rarely meant: the secretary is told."""
    client.force_login(secretary)
    with time_machine.travel(datetime.datetime(2026, 12, 4, 9, tzinfo=timezone.get_current_timezone())):
        council.term_starts_on, council.term_ends_on = datetime.date(2025, 1, 1), datetime.date(2028, 1, 1)
        council.save()
        response = client.post(
            reverse("councils:meeting_schedule", args=[council.pk]),
            {"starts_at": f"{day}T10:00", "place": "Астана", "agenda": "Бюджет"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302 and Meeting.objects.count() == 1
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    if said is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warnings[0].startswith(said)
        assert "check the date" in warnings[0]
