"""A meeting set outside the council's term: a few months after it ends (the body has not yet formed the new
composition) or before it starts is scheduled with a warning naming the term's end or start, where a day off is
warned; further out the date is a typo or the term was not updated, and it is refused with the way out."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.councils import errors
from azamat.councils.models import Meeting
from azamat.councils.services import meetings
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory

pytestmark = pytest.mark.django_db

STARTS, ENDS = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


@pytest.fixture
def council():
    return CouncilFactory(term_starts_on=STARTS, term_ends_on=ENDS)


@pytest.fixture
def secretary(council):
    return CouncilSecretaryFactory(council=council).user


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=timezone.get_current_timezone())


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (
            "2027-01-12",
            "The council's term ended on Dec. 31, 2026, before this meeting on Jan. 12, 2027: the meeting is "
            "scheduled; check the date, or the term on the council's record if the council was renewed.",
        ),
        (
            "2025-12-09",
            "The council's term starts on Jan. 1, 2026, after this meeting on Dec. 9, 2025: the meeting is "
            "scheduled; check the date, or the term on the council's record.",
        ),
        ("2026-12-29", None),
    ],
)
def test_a_meeting_outside_the_term_is_scheduled_with_a_warning_naming_the_term(
    client, council, secretary, day, said
):
    client.force_login(secretary)
    response = client.post(
        reverse("councils:meeting_schedule", args=[council.pk]),
        {"starts_at": f"{day}T10:00", "place": "Астана", "agenda": "Бюджет"},
    )
    assert response.status_code == 302 and Meeting.objects.count() == 1
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == ([said] if said else [])


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (
            "2027-08-10",
            "The council's term ended on Dec. 31, 2026: a meeting more than six months after it cannot be "
            "scheduled. Check the year, or first change the term on the council's record if the council was "
            "renewed.",
        ),
        (
            "2025-06-10",
            "The council's term starts on Jan. 1, 2026: a meeting more than six months before it cannot be "
            "scheduled. Check the year, or first change the term on the council's record.",
        ),
    ],
)
def test_a_meeting_far_outside_the_term_is_refused_and_what_was_typed_stays(
    client, council, secretary, day, said
):
    client.force_login(secretary)
    response = client.post(
        reverse("councils:meeting_schedule", args=[council.pk]),
        {"starts_at": f"{day}T10:00", "place": "Астана, Мәңгілік Ел 8", "agenda": "Бюджет"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and not Meeting.objects.exists()
    assert said.replace("'", "&#x27;") in page
    assert 'value="Астана, Мәңгілік Ел 8"' in page and "Бюджет</textarea>" in page


def test_the_grace_is_six_months_on_either_side_of_the_term(council, secretary):
    last, first = ENDS + meetings.TERM_GRACE, STARTS - meetings.TERM_GRACE
    assert meetings.meeting_schedule(council=council, starts_at=_at(last), by=secretary)
    assert meetings.meeting_schedule(council=council, starts_at=_at(first), by=secretary)
    for day in (last + datetime.timedelta(days=1), first - datetime.timedelta(days=1)):
        with pytest.raises(DomainError) as refused:
            meetings.meeting_schedule(council=council, starts_at=_at(day), by=secretary)
        assert refused.value.code == errors.OUTSIDE_TERM and refused.value.field == "starts_at"
    assert Meeting.objects.count() == 2


def test_a_day_off_after_the_term_is_warned_of_both(client, council, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("councils:meeting_schedule", args=[council.pk]),
        {"starts_at": "2027-01-10T10:00", "place": "", "agenda": ""},
    )
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert response.status_code == 302 and len(warnings) == 2
    assert warnings[0].startswith("Jan. 10, 2027 is a weekend day off")
    assert warnings[1].startswith("The council's term ended on Dec. 31, 2026")
