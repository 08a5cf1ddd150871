"""The application page explains each decision to the applicant: compliance, the experts' scores (without
their identities), the commission's decision and the project; nothing before it is decided."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone

from azamat.grants.factories import (
    ApplicationFactory,
    CallFactory,
    DirectionFactory,
    ExpertFactory,
    grant_type,
)
from azamat.grants.models import (
    AgendaItem,
    Application,
    Assignment,
    Commission,
    CommissionMember,
    ComplianceCheck,
    Score,
    Sitting,
    Vote,
)
from azamat.grants.selectors.review import compliance_due_on
from azamat.grants.tests.test_projects import make_operator, make_project
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
_serial = itertools.count(1)

REASONS = "Жарғы көшірмесі қол қойылмаған; бюджетте салық жолы жоқ."
JUSTIFICATION = "Мақсат нақты, нысаналы топ анық сипатталған, бірақ индикаторлар әлсіз: {n}."


def page(client, application, language="en"):
    return client.get(application.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)


def submitted(ngo, status, **call_extra) -> Application:
    call = CallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=40),
        closes_at=timezone.now() - datetime.timedelta(days=10),
        **call_extra,
    )
    return ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=ngo,
        status=status,
        number=f"KZ-2026-test-{call.pk:04d}",
        submitted_at=call.closes_at - datetime.timedelta(days=1),
    )


def check(application, decision, reasons=""):
    return ComplianceCheck.objects.create(
        application=application,
        checked_by=make_operator(f"op{application.pk}-{decision}@example.kz"),
        decision=decision,
        reasons=reasons,
        due_on=datetime.date(2026, 12, 14),
    )


def scored(application, experts: int) -> list:
    """`experts` experts who each scored every criterion of the application's grant type."""
    criteria = list(application.call.grant_type.criteria.all())
    made = []
    for n in range(experts):
        k = next(_serial)
        expert = ExpertFactory(
            user=UserFactory(full_name=f"Сарапшы Құпияұлы{k}", email=f"secret{k}@example.kz")
        )
        assignment = Assignment.objects.create(
            application=application, expert=expert, status=Assignment.Status.SUBMITTED
        )
        for criterion in criteria:
            Score.objects.create(
                assignment=assignment,
                criterion=criterion,
                value=min(criterion.max_score, 5 + n % 3),
                justification=JUSTIFICATION.format(n=f"{application.pk}-{n}-{criterion.pk}"),
            )
        made.append(expert)
    application.final_score = Decimal("71.25")
    application.status = Application.Status.REVIEWED
    application.save()
    return made


def on_agenda(application, *, rank=2, **item) -> AgendaItem:
    commission, _ = Commission.objects.get_or_create(call=application.call)
    sitting = Sitting.objects.create(
        commission=commission, starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    return AgendaItem.objects.create(
        sitting=sitting, application=application, rank=rank, recommendation="support", **item
    )


def test_a_rejected_applicant_sees_the_reasons_and_the_date(client, ngo, alice):
    application = submitted(ngo, Application.Status.REJECTED)
    decided = check(application, ComplianceCheck.Decision.REJECTED, REASONS)
    client.force_login(alice)
    html = page(client, application).content.decode()
    assert "Rejected" in html
    assert REASONS in html
    assert decided.decided_at.strftime("%Y") in html
    assert "The application does not go further in this call." in html
    assert "Expert review" not in html  # nothing of the stages that never came


def test_a_waiting_applicant_is_told_when_the_check_ends(client, ngo, alice):
    application = submitted(ngo, Application.Status.SUBMITTED)
    client.force_login(alice)
    html = page(client, application).content.decode()
    day = dateformat.format(compliance_due_on(application.call), "j F Y")
    assert f"The compliance check ends by {day}." in html
    assert "Expert review" not in html


def test_a_clarification_request_and_its_answer_are_shown(client, ngo, alice):
    from azamat.grants.models import ApplicationVersion

    application = submitted(ngo, Application.Status.SUBMITTED)
    check(application, ComplianceCheck.Decision.CLARIFICATION, "Жарғыны қайта жүктеңіз.")
    ApplicationVersion.objects.create(application=application, number=2, snapshot={})
    client.force_login(alice)
    html = page(client, application).content.decode()
    assert "Жарғыны қайта жүктеңіз." in html
    assert "Version 2, submitted on" in html


def test_scores_are_hidden_until_the_ranking_goes_to_the_commission(client, ngo, alice):
    application = submitted(ngo, Application.Status.COMPLIANT)
    check(application, ComplianceCheck.Decision.COMPLIANT)
    scored(application, experts=3)
    client.force_login(alice)
    html = page(client, application).content.decode()
    assert "Сарапшы" not in html
    assert "Мақсат нақты" not in html
    assert "once the ranking goes to the tender commission" in html


def test_scores_and_justifications_appear_without_any_expert_identity(client, ngo, alice):
    application = submitted(ngo, Application.Status.COMPLIANT)
    check(application, ComplianceCheck.Decision.COMPLIANT)
    experts = scored(application, experts=3)
    on_agenda(application, rank=2)
    client.force_login(alice)
    html = page(client, application).content.decode()
    criteria = list(application.call.grant_type.criteria.all())
    for n in range(3):
        assert f"Expert {n + 1}" in html
        for criterion in criteria:
            assert JUSTIFICATION.format(n=f"{application.pk}-{n}-{criterion.pk}") in html
    for criterion in criteria:
        assert criterion.name_en in html
    assert "71.25" in html
    assert "Rank in the direction" in html
    for expert in experts:
        assert expert.user.full_name not in html
        assert "Құпияұлы" not in html
        assert expert.user.email not in html
        assert f"E-{expert.pk:03d}" not in html  # the expert's public code names them too
    assert "The tender commission decides on the application at its sitting on" in html


def test_an_awarded_applicant_sees_the_amount_the_votes_the_agreement_and_the_project(client, ngo, alice):
    operator = make_operator()
    project = make_project(organisation=ngo, operator=operator, amount=Decimal("8500000.00"))
    application = project.application
    item = application.agenda_items.get()
    item.reduction_reason = "Жабдыққа сұралған сома негізсіз."
    item.save()
    commission = item.sitting.commission
    for choice in ["support", "support", "against"]:
        member = CommissionMember.objects.create(commission=commission, user=UserFactory(), side="ngo")
        Vote.objects.create(item=item, member=member, choice=choice)
    client.force_login(alice)
    html = page(client, application).content.decode()
    assert "8,500,000.00 ₸" in html
    assert "Жабдыққа сұралған сома негізсіз." in html
    assert "2 for, 1 against, 0 abstained" in html
    assert project.agreement_number in html
    assert reverse("grants:project", args=[project.pk]) in html
    assert "advance" in html


def test_a_not_awarded_applicant_sees_the_decision_without_an_amount(client, ngo, alice):
    application = submitted(ngo, Application.Status.COMPLIANT, results_published=True)
    check(application, ComplianceCheck.Decision.COMPLIANT)
    scored(application, experts=3)
    on_agenda(application, decision="rejected")
    application.status = Application.Status.NOT_AWARDED
    application.save()
    client.force_login(alice)
    html = page(client, application).content.decode()
    assert "Not awarded" in html
    assert "Amount</dt>" not in html
    assert "Expert 3" in html


def test_a_stranger_from_another_organisation_is_refused(client, ngo):
    application = submitted(ngo, Application.Status.REJECTED)
    check(application, ComplianceCheck.Decision.REJECTED, REASONS)
    stranger = UserFactory()
    MembershipFactory(user=stranger, organisation=OrganisationFactory())
    client.force_login(stranger)
    response = page(client, application)
    assert response.status_code in {403, 404}
    assert REASONS not in response.content.decode()


def test_the_page_makes_as_many_queries_for_2n_experts_as_for_n(client, ngo, alice):
    def build(experts):
        application = submitted(ngo, Application.Status.COMPLIANT, grant_type=grant_type("short-term"))
        check(application, ComplianceCheck.Decision.COMPLIANT)
        scored(application, experts=experts)
        on_agenda(application)
        return application

    client.force_login(alice)
    counts = []
    for experts in (2, 4):
        application = build(experts)
        page(client, application)  # warm up what is loaded once per process
        with CaptureQueriesContext(connection) as queries:
            html = page(client, application).content.decode()
        assert f"Expert {experts}" in html
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
