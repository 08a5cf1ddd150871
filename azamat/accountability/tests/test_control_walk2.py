"""Starting a public-control check off the happy path: dates with a mistyped year (1900, 9999) are refused with the
dates that would do, nothing started; the form sent twice (a double tap, the back button) starts one check."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from azamat.accountability import control
from azamat.accountability.models import Check
from azamat.core.errors import DomainError
from azamat.testing import control_factories as make
from azamat.testing.accountability_factories import body as body_of

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def body():
    return body_of()


def _day(value):
    return date_format(value, "DATE_FORMAT")


def _refused(code, message, call):
    with pytest.raises(DomainError) as raised:
        call()
    assert (raised.value.code, str(raised.value)) == (code, message)
    return raised.value


def test_dates_with_a_mistyped_year_are_refused_and_nothing_starts(alice, ngo, body):
    error = _refused(
        control.STARTS_TOO_EARLY,
        f"A check started before {_day(TODAY - control.LONGEST_BEHIND)} cannot be recorded now. Check the year.",
        lambda: make.check(by=alice, organisation=ngo, body=body, starts_on=datetime.date(1900, 1, 1)),
    )
    assert error.field == "starts_on"
    _refused(
        control.STARTS_TOO_LATE,
        f"A check can be planned at most a year ahead, to start by {_day(TODAY + control.LONGEST_AHEAD)}. "
        "Check the year.",
        lambda: make.check(by=alice, organisation=ngo, body=body, starts_on=datetime.date(9999, 1, 1)),
    )
    starts = TODAY - 10 * DAY
    error = _refused(
        control.CHECK_TOO_LONG,
        f"A check lasts at most a year: it can end on {_day(starts + control.LONGEST_CHECK)} at the latest. "
        "Check the year.",
        lambda: make.check(
            by=alice, organisation=ngo, body=body, starts_on=starts, ends_on=datetime.date(9999, 12, 31)
        ),
    )
    assert error.field == "ends_on"
    assert not Check.objects.exists()
    # The bounds themselves are taken.
    make.check(
        by=alice, organisation=ngo, body=body, starts_on=starts, ends_on=starts + control.LONGEST_CHECK
    )


def test_an_old_check_is_edited_without_its_start_being_refused(alice, ngo, body):
    found = make.check(by=alice, organisation=ngo, body=body, starts_on=TODAY - 400 * DAY)
    Check.objects.filter(pk=found.pk).update(
        starts_on=datetime.date(2019, 3, 1), ends_on=datetime.date(2019, 5, 1)
    )
    found.refresh_from_db()
    control.check_update(
        check=found,
        by=alice,
        subject="Мониторинг пандусов",
        body=body,
        method="monitoring",
        starts_on=datetime.date(2019, 3, 1),
        ends_on=datetime.date(2019, 6, 1),
    )
    found.refresh_from_db()
    assert (found.subject, found.ends_on) == ("Мониторинг пандусов", datetime.date(2019, 6, 1))
    _refused(
        control.STARTS_TOO_EARLY,
        f"A check started before {_day(TODAY - control.LONGEST_BEHIND)} cannot be recorded now. Check the year.",
        lambda: control.check_update(
            check=found,
            by=alice,
            subject="Мониторинг пандусов",
            body=body,
            method="monitoring",
            starts_on=datetime.date(1900, 3, 1),
            ends_on=datetime.date(1900, 6, 1),
        ),
    )


def test_the_form_sent_twice_starts_one_check(client, alice, ngo, body):
    client.force_login(alice)
    url = reverse("accountability:control_check_create")
    values = {
        "organisation": ngo.pk,
        "subject": "Проверка школьного питания",
        "body": body.pk,
        "method": "monitoring",
        "starts_on": (TODAY + 5 * DAY).isoformat(),
        "ends_on": (TODAY + 20 * DAY).isoformat(),
    }
    first = client.post(url, values, HTTP_ACCEPT_LANGUAGE="en")
    found = Check.objects.get()
    assert first.status_code == 302 and first["Location"] == found.get_absolute_url()
    again = client.post(
        url, {**values, "subject": " Проверка  школьного питания "}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert again.status_code == 302 and again["Location"] == found.get_absolute_url()
    assert Check.objects.count() == 1
    page = client.get(again["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        f"This check is already started: “Проверка школьного питания”, from {_day(TODAY + 5 * DAY)}. "
        "It was not started again."
    ) in page.replace("&ldquo;", "“").replace("&rdquo;", "”")
    # Another subject, or other dates, is another check.
    client.post(url, {**values, "subject": "Проверка школьных автобусов"}, HTTP_ACCEPT_LANGUAGE="en")
    client.post(url, {**values, "ends_on": (TODAY + 30 * DAY).isoformat()}, HTTP_ACCEPT_LANGUAGE="en")
    assert Check.objects.count() == 3
