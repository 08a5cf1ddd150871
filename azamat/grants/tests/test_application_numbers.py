"""Application numbers: KZ-<year>-<call>-<counter>, the year said once, the counter never restarting in a call."""

import re

import pytest
import time_machine
from django.utils import translation

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.grants.services.applications import application_number_prefix, application_submit
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, complete, draft, submit_at_once

pytestmark = pytest.mark.django_db
WELL_FORMED = re.compile(r"KZ-(?P<year>\d{4})-(?P<code>[a-z0-9-]+?)-(?P<counter>\d{4,})")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW), translation.override("en"):
        yield


def _call(code: str):
    return CallFactory(code=code, opens_at=OPENS, closes_at=CLOSES)


@pytest.mark.parametrize(
    ("code", "prefix"),
    [
        ("2026-mci-open", "KZ-2026-mci-open-"),
        ("mci-open-2026", "KZ-2026-mci-open-"),
        ("mci-2026-open", "KZ-2026-mci-open-"),
        ("mci-open", "KZ-2026-mci-open-"),  # no year in the code: the year the call opens
        ("2025-mci", "KZ-2025-mci-"),  # the call's own year, once, even when it opens the next year
        ("mci-20260", "KZ-2026-mci-20260-"),  # five digits are not a year
    ],
)
def test_the_year_is_said_once(code, prefix):
    assert application_number_prefix(_call(code)) == prefix


def test_a_call_whose_code_holds_the_year_numbers_it_once(ngo, alice):
    direction = DirectionFactory(call=_call("2026-mci-open"))
    application = complete(draft(direction, ngo, alice), alice)
    application_submit(application=application, by=alice)
    application.refresh_from_db()
    assert application.number == "KZ-2026-mci-open-0001"
    match = WELL_FORMED.fullmatch(application.number)
    assert match and match["year"] == "2026" and "2026" not in match["code"]


def test_the_counter_continues_from_the_largest_number_given_in_the_call(ngo, alice):
    """The reported case: a call with 0016 already (numbered by the seed, without the doubled year) gave
    KZ-2026-2026-mci-open-0001 to its next application."""
    call = _call("2026-mci-open")
    direction = DirectionFactory(call=call)
    for counter in (3, 16, 9):
        ApplicationFactory(
            call=call,
            direction=direction,
            organisation=ngo,
            status=Application.Status.SUBMITTED,
            number=f"KZ-2026-mci-open-{counter:04d}",
        )
    # An older format's number in the same call counts as well: the counter never goes back.
    ApplicationFactory(
        call=call,
        direction=direction,
        organisation=ngo,
        status=Application.Status.SUBMITTED,
        number="KZ-2026-2026-mci-open-0012",
    )
    first = complete(draft(direction, ngo, alice), alice)
    second = complete(draft(direction, ngo, alice), alice)
    application_submit(application=first, by=alice)
    application_submit(application=second, by=alice)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == ("KZ-2026-mci-open-0017", "KZ-2026-mci-open-0018")


def test_calls_whose_codes_read_the_same_never_share_a_number(ngo, alice):
    with_year = DirectionFactory(call=_call("2026-ecology"))
    without = DirectionFactory(call=_call("ecology"))
    first = complete(draft(with_year, ngo, alice), alice)
    second = complete(draft(without, ngo, alice), alice)
    application_submit(application=first, by=alice)
    application_submit(application=second, by=alice)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == ("KZ-2026-ecology-0001", "KZ-2026-ecology-0002")


def test_a_resubmission_keeps_its_number(ngo, alice):
    direction = DirectionFactory(call=_call("2026-youth"))
    application = complete(draft(direction, ngo, alice), alice)
    application_submit(application=application, by=alice)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.CLARIFICATION)
    application.refresh_from_db()
    application_submit(application=application, by=alice)
    application.refresh_from_db()
    assert (application.number, application.version) == ("KZ-2026-youth-0001", 2)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql
def test_concurrent_submissions_continue_the_calls_counter(ngo, alice):
    call = _call("2026-mci-open")
    direction = DirectionFactory(call=call)
    ApplicationFactory(
        call=call, direction=direction, organisation=ngo, status="submitted", number="KZ-2026-mci-open-0016"
    )
    applications = [complete(draft(direction, ngo, alice), alice) for _ in range(4)]
    assert submit_at_once(applications, by=alice) == []
    assert sorted(Application.objects.filter(call=call).values_list("number", flat=True)) == [
        f"KZ-2026-mci-open-{n:04d}" for n in range(16, 21)
    ]
