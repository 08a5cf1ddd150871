"""Every guard refusing with its reason, in Russian: a page shows an irreversible step as its button when the
lifecycle table allows it, and otherwise says why in plain words (core/templatetags/steps.py), never a dead
button or nothing.

The operator sees why the draw cannot run yet (an application still waits for the compliance check), checks
it and runs the draw; the NGO submits its report and is told why it no longer changes, and why its awarded
application can no longer be withdrawn. The expected texts come from the catalogue, so a message missing from
it fails here as well as on the crawl.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from azamat.grants import errors as E
from azamat.grants.models import Application, Draw
from azamat.grants.services import projects as project_services

from . import grants_support as data
from .grants_support import assert_accessible
from .support import sign_in

pytestmark = pytest.mark.browser

RU = {"locale": "ru-RU"}
S = Application.Status


def ru(message, **params) -> str:
    """The message as the Russian catalogue writes it (a source text or a lazy translation)."""
    with translation.override("ru"):
        text = translation.gettext(message) if isinstance(message, str) else str(message)
    return text % params if params else text


def test_the_operator_sees_why_the_draw_waits_checks_the_last_application_and_runs_it(make_page, ngo):
    operator = data.make_operator()
    call = data.closed_call("guards-2026", "Social projects 2026", title_ru="Социальные проекты 2026")
    direction = data.direction(call, "Support for youth")
    data.application(call, direction, data.other_organisation("Кемел"), 1, S.COMPLIANT)
    last = data.application(call, direction, ngo, 2, S.SUBMITTED, title="Молодёжный центр в Актау")
    data.attach_required_documents(last)
    data.experts(4)
    experts_page = reverse("grants:call_assignment", args=[call.code])

    page = make_page(**RU)
    sign_in(page, operator.email)
    page.goto(experts_page)
    refused = page.locator("#draw-refused")
    expect(refused.get_by_role("note")).to_have_text(ru(E.MESSAGES[E.COMPLIANCE_PENDING], count=1))
    expect(page.get_by_role("button", name=ru("Draw experts"))).to_have_count(0)
    expect(page.get_by_role("button", name=ru("Assign experts"))).to_have_count(0)
    assert_accessible(page, "the experts page with the draw refused")

    # The note leads to the call's applications waiting for the check; the last one is checked.
    refused.get_by_role("link", name=ru("The applications of this call waiting for the check")).click()
    expect(page.locator("main")).to_contain_text(last.number)
    page.get_by_role("link", name=f"{ru('Check')} {last.number}").click()
    checklist = page.locator("fieldset").first.locator("input[type=checkbox]")
    for k in range(checklist.count()):
        checklist.nth(k).check()
    page.locator("input[name=decision][value=compliant]").check()
    page.get_by_role("button", name=ru("Record the decision")).click()
    expect(page.locator("ul.messages")).to_contain_text(
        ru("The decision on %(number)s is recorded.", number=last.number)
    )
    last.refresh_from_db()
    assert last.status == S.COMPLIANT

    # Nothing waits any more: the draw's buttons are there, and no reason is given.
    page.goto(experts_page)
    expect(page.get_by_role("note")).to_have_count(0)
    page.get_by_role("button", name=ru("Assign experts")).click()
    page.get_by_role("button", name=ru("Confirm and assign the experts")).click()
    expect(page.locator("ul.messages")).to_contain_text(ru("Experts are assigned; the draw is published."))
    draw = Draw.objects.get()
    assert (draw.call, draw.method, draw.assignments.count()) == (call, "optimised", 6)


def test_the_ngo_is_told_why_its_submitted_report_and_decided_application_no_longer_change(
    make_page, ngo, bob
):
    operator = data.make_operator()
    call = data.closed_call("guards-projects", "Social projects 2026", results_published=True)
    direction = data.direction(call, "Support for youth")
    awarded = data.application(
        call, direction, ngo, 1, S.AWARDED, title="Молодёжный центр в Актау", created_by=bob
    )
    today = timezone.localdate()
    project = project_services.project_create(
        application=awarded, by=operator, signed_on=today - datetime.timedelta(days=1), starts_on=today
    )
    report = project.reports.get()
    report_page = reverse("grants:project_report", kwargs={"pk": project.pk, "report_pk": report.pk})

    page = make_page(**RU)
    sign_in(page, bob.email)
    page.goto(report_page)
    expect(page.get_by_role("note")).to_have_count(0)
    page.locator("textarea[name=narrative]").fill("Центр открыт; 320 молодых людей прошли 24 тренинга.")
    page.locator("textarea[name=public_summary]").fill("320 молодых людей Актау получили профориентацию.")
    page.locator("input[name=total_spent]").fill("2650000")
    page.get_by_role("button", name=ru("Submit to the operator")).click()
    expect(page.locator("ul.messages")).to_contain_text(ru("The report is submitted to the operator."))
    report.refresh_from_db()
    assert (report.status, report.expenditures.get().spent) == ("submitted", Decimal("2650000"))

    # Back on the report: no form and no button, and the reason it no longer changes.
    page.goto(report_page)
    expect(page.get_by_role("note")).to_have_text(ru(E.MESSAGES[E.REPORT_FROZEN]))
    expect(page.get_by_role("button", name=ru("Submit to the operator"))).to_have_count(0)
    expect(page.locator("textarea[name=narrative]")).to_have_count(0)
    assert_accessible(page, "a submitted report, to its grantee")

    # The application was decided: withdrawing it is no longer possible, and the page says why.
    page.goto(awarded.get_absolute_url())
    withdraw = page.locator("#withdraw")
    expect(withdraw.get_by_role("heading")).to_have_text(ru("Withdraw"))
    expect(withdraw.get_by_role("note")).to_have_text(ru(E.MESSAGES[E.NOT_WITHDRAWABLE]))
    expect(page.get_by_role("button", name=ru("Withdraw the application"))).to_have_count(0)
    assert_accessible(page, "a decided application, to its applicant")
