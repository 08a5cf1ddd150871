"""The admin never bypasses the services: statuses and numbers are read-only there, and its actions call the
same services as the pages, with their rules and their messages."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from azamat.core.tests.admin_forms import change_form_data
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, Call

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
MONDAY = datetime.datetime(2026, 2, 2, 10, 0, tzinfo=ALMATY)  # no public holidays in February 2026
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, dana):
    """Dana, a platform administrator, signed in to the admin."""
    client.force_login(dana)
    return client


def test_an_application_status_cannot_be_changed_through_the_admin(admin_client):
    application = ApplicationFactory()
    url = reverse("admin:grants_application_change", args=[application.pk])
    data = change_form_data(admin_client, url)

    response = admin_client.post(
        url,
        {
            **data,
            "title": "Жастар орталығы (түзетілген)",
            "status": "awarded",
            "final_score": "99.00",
            "number": "FORGED-1",
        },
        **EN,
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    application.refresh_from_db()
    assert (application.title, application.status, application.final_score, application.number) == (
        "Жастар орталығы (түзетілген)",
        Application.Status.DRAFT,
        None,
        None,
    )
    assert "status" not in admin_client.get(url, **EN).context["adminform"].form.fields


def test_a_call_cannot_be_published_by_ticking_a_box(admin_client):
    call = CallFactory(
        published=False,
        opens_at=MONDAY + datetime.timedelta(days=40),
        closes_at=MONDAY + datetime.timedelta(days=70),
    )
    DirectionFactory(call=call)
    url = reverse("admin:grants_call_change", args=[call.pk])
    data = change_form_data(admin_client, url)

    response = admin_client.post(url, {**data, "published": "on", "results_published": "on"}, **EN)

    assert response.status_code == 302, response.context["adminform"].form.errors
    call.refresh_from_db()
    assert (call.published, call.results_published) == (False, False)


def _publish(admin_client, call: Call):
    return admin_client.post(
        reverse("admin:grants_call_changelist"),
        {"action": "publish", "_selected_action": [call.pk]},
        follow=True,
        **EN,
    )


def test_the_publish_action_refuses_a_call_that_breaks_the_discussion_rule_with_its_message(admin_client):
    # Opens a week from now: ten working days of public discussion cannot fit before it.
    call = CallFactory(
        code="too-soon",
        published=False,
        opens_at=MONDAY + datetime.timedelta(days=7),
        closes_at=MONDAY + datetime.timedelta(days=40),
    )
    DirectionFactory(call=call)

    response = _publish(admin_client, call)

    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        (
            "error",
            f"{call}: The public discussion must end before the call opens on 02/09/2026; move the opening "
            "later or shorten the discussion.",
        ),
    ]
    call.refresh_from_db()
    assert (call.published, call.discussion_until) == (False, None)
    assert call.history.count() == 1  # created, never changed


def test_the_publish_action_publishes_through_the_service(admin_client, dana):
    call = CallFactory(
        published=False,
        opens_at=MONDAY + datetime.timedelta(days=40),
        closes_at=MONDAY + datetime.timedelta(days=70),
    )
    DirectionFactory(call=call)

    response = _publish(admin_client, call)

    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [("success", "1 call published.")]
    call.refresh_from_db()
    assert (call.published, call.discussion_until) == (True, datetime.date(2026, 2, 16))  # ten working days
    assert call.history.latest().history_user == dana


def test_the_results_action_keeps_the_rule_that_every_application_is_decided(admin_client):
    call = CallFactory(
        opens_at=MONDAY - datetime.timedelta(days=40), closes_at=MONDAY - datetime.timedelta(days=5)
    )
    ApplicationFactory(direction=DirectionFactory(call=call), status=Application.Status.SUBMITTED)

    response = admin_client.post(
        reverse("admin:grants_call_changelist"),
        {"action": "publish_results", "_selected_action": [call.pk]},
        follow=True,
        **EN,
    )

    assert [str(m) for m in response.context["messages"]] == [
        f"{call}: 1 application still waits for a decision; results are published when all are decided."
    ]
    call.refresh_from_db()
    assert call.results_published is False


def test_payments_and_assignments_are_not_added_in_the_admin(admin_client):
    for name in ("payment", "assignment", "project", "agendaitem"):
        assert admin_client.get(reverse(f"admin:grants_{name}_add"), **EN).status_code == 403
