"""Pages offer an irreversible step from the lifecycle table: its button when allowed, its reason when refused
(core/templatetags/steps.py), never a dead button or nothing."""

import datetime
import html
from decimal import Decimal

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from azamat.grants import errors as E
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.lifecycle import APPLICATION
from azamat.grants.models import Application
from azamat.grants.services.reports import report_approve
from azamat.grants.tests.test_project_views import complete
from azamat.grants.tests.test_projects import at, make_project

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def closed_call(code: str):
    now = timezone.now()
    return CallFactory(
        code=code, opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=30)
    )


def applications(call, organisation, *statuses) -> list[Application]:
    direction = DirectionFactory(call=call)
    return [
        ApplicationFactory(call=call, direction=direction, organisation=organisation, status=status)
        for status in statuses
    ]


# The step tag itself


def test_the_step_tag_renders_a_button_a_reason_or_nothing(alice, ngo):
    (application,) = applications(closed_call("steps-tag"), ngo, S.SUBMITTED)
    template = Template(
        '{% load steps %}{% step option action="/withdraw/" label="Withdraw it" css="btn danger" %}'
    )
    allowed = APPLICATION.options(application, alice, "withdraw")["withdraw"]
    rendered = template.render(Context({"option": allowed, "csrf_token": "t"}))
    assert (
        'action="/withdraw/"' in rendered
        and '<button class="btn danger" type="submit">Withdraw it</button>' in rendered
    )
    assert 'role="note"' not in rendered
    application.status = S.AWARDED
    refused = APPLICATION.options(application, alice, "withdraw")["withdraw"]
    rendered = html.unescape(template.render(Context({"option": refused})))
    assert f'<p class="step-refused" role="note">{E.MESSAGES[E.NOT_WITHDRAWABLE]}</p>' in rendered
    assert "<button" not in rendered and "<form" not in rendered
    assert template.render(Context({})).strip() == ""


# The application: withdrawal


def test_withdrawal_is_offered_until_the_decision_then_explained(client, alice, ngo, operator):
    call = closed_call("steps-withdraw")
    submitted, awarded = applications(call, ngo, S.SUBMITTED, S.AWARDED)
    withdraw_form = 'action="{}"'.format(reverse("grants:application_withdraw", args=[submitted.pk]))
    client.force_login(alice)
    body = page(client, submitted.get_absolute_url())
    assert withdraw_form in body and "Withdraw the application</button>" in body
    assert str(E.MESSAGES[E.NOT_WITHDRAWABLE]) not in body

    body = page(client, awarded.get_absolute_url())
    assert str(E.MESSAGES[E.NOT_WITHDRAWABLE]) in body
    assert "Withdraw the application</button>" not in body
    assert reverse("grants:application_withdraw", args=[awarded.pk]) not in body

    # The operator is not the applicant: no withdrawal, and no reason about it either.
    client.force_login(operator)
    body = page(client, submitted.get_absolute_url())
    assert "Withdraw the application" not in body and 'id="withdraw-title"' not in body


# The report: submit, approve, send back


@pytest.fixture
def project(ngo, operator, alice, bob):
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        return make_project(
            organisation=ngo,
            operator=operator,
            amount=Decimal("2700000.00"),
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )


def report_url(report) -> str:
    return reverse("grants:project_report", kwargs={"pk": report.project_id, "report_pk": report.pk})


def test_a_report_is_submitted_then_its_members_are_told_why_it_no_longer_changes(
    client, project, bob, operator
):
    report = project.reports.get(kind="interim")
    frozen = str(E.MESSAGES[E.REPORT_FROZEN])
    not_submitted = str(E.MESSAGES[E.WRONG_STATUS])

    client.force_login(bob)
    body = page(client, report_url(report))
    assert 'value="submit">Submit to the operator</button>' in body and frozen not in body
    client.force_login(operator)
    body = page(client, report_url(report))
    assert not_submitted in body and 'value="approve"' not in body

    complete(report, bob)
    client.force_login(bob)
    body = page(client, report_url(report))
    assert frozen in body and "Submit to the operator" not in body and 'value="save"' not in body
    assert not_submitted not in body  # the review is the operator's: the grantee is not told about it
    client.force_login(operator)
    body = page(client, report_url(report))
    assert (
        'value="approve">Approve</button>' in body and 'value="revision">Ask for a revision</button>' in body
    )
    assert not_submitted not in body and frozen not in body

    report_approve(report=report, by=operator)
    body = page(client, report_url(report))
    assert not_submitted in body and 'value="approve"' not in body
    client.force_login(bob)  # approved for good: not "until the operator asks for a revision"
    body = page(client, report_url(report))
    assert str(E.MESSAGES[E.REPORT_APPROVED]) in body and frozen not in body


# The draw: after the compliance check of every application


def test_the_draw_waits_for_the_compliance_check_and_says_so(client, operator, ngo):
    call = closed_call("steps-draw")
    compliant, *pending = applications(call, ngo, S.COMPLIANT, S.SUBMITTED, S.CLARIFICATION)
    url = reverse("grants:call_assignment", args=[call.code])
    client.force_login(operator)
    body = page(client, url)
    assert str(E.MESSAGES[E.COMPLIANCE_PENDING]) % {"count": 2} in body
    assert "Draw experts" not in body and 'value="optimised"' not in body
    assert reverse("grants:operator_queue") + "?call=steps-draw" in html.unescape(body)

    Application.objects.filter(pk__in=[a.pk for a in pending]).update(status=S.REJECTED)
    body = page(client, url)
    assert "Draw experts</button>" in body and 'value="optimised"' in body
    assert str(E.MESSAGES[E.COMPLIANCE_PENDING]) % {"count": 0} not in body


def test_the_draw_waits_for_the_call_to_close(client, operator, ngo):
    call = CallFactory(code="steps-open")
    applications(call, ngo, S.SUBMITTED)
    client.force_login(operator)
    body = page(client, reverse("grants:call_assignment", args=[call.code]))
    assert str(E.MESSAGES[E.CALL_NOT_CLOSED]) in body and "Draw experts" not in body


# The results: published once every application is decided


def test_the_results_wait_for_every_decision_and_say_how_many(client, operator, ngo):
    call = closed_call("steps-results")
    awarded, reviewed = applications(call, ngo, S.AWARDED, S.REVIEWED)
    publish = 'action="{}"'.format(reverse("grants:call_results_publish", args=[call.code]))
    client.force_login(operator)
    body = page(client, call.get_absolute_url())
    assert "1 application still waits for a decision; results are published when all are decided." in body
    assert publish not in body

    Application.objects.filter(pk=reviewed.pk).update(status=S.NOT_AWARDED)
    body = page(client, call.get_absolute_url())
    assert publish in body and "Publish the results</button>" in body
    assert "still waits for a decision" not in body


def test_publishing_the_results_asks_first_as_it_cannot_be_undone(client, operator, ngo):
    """One tap on "Publish the results" made every decision public at once. The tap now shows what becomes
    public (how many awarded, for how much, how many not) and asks to confirm; nothing is published before."""
    call = closed_call("steps-publish")
    awarded, _refused = applications(call, ngo, S.AWARDED, S.NOT_AWARDED)
    awarded.budget_lines.all().delete()
    awarded.budget_lines.create(
        category="rent", description="Аренда зала", quantity=1, unit_cost=Decimal("1500000.50")
    )
    url = reverse("grants:call_results_publish", args=[call.code])
    client.force_login(operator)
    response = client.post(url)
    body = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Publish the results?" in body
    assert "1,500,000.50 ₸" in body
    call.refresh_from_db()
    assert not call.results_published
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302 and response.url == reverse("grants:call_results", args=[call.code])
    call.refresh_from_db()
    assert call.results_published
    # Sent again (Back, a second tab): told it is done, not asked again.
    response = client.post(url)
    assert response.status_code == 302
