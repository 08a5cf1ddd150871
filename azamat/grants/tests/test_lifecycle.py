"""The grants lifecycle (grants/lifecycle.py): one table per record, every guard refusing with its reason, the
one-stage path, and no module but the lifecycle setting a status."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.core.public_cache import topic_key
from azamat.grants import lifecycle
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
    Payment,
    Project,
    Report,
    Sitting,
    Tranche,
)
from azamat.grants.permissions import can_close_sitting
from azamat.grants.services.decisions import application_decide
from azamat.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Application.Status
NOW = timezone.now


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(machine, record, step, by) -> tuple[str, str]:
    """The code and message of the refusal; the page's list of steps shows the same reason."""
    with pytest.raises(DomainError) as error:
        machine.require(record, step, by)
    option = next((o for o in machine.allowed(record, by) if o.name == step), None)
    if option is not None:
        assert option.decision.reason == str(error.value)
    return error.value.code, str(error.value)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def closed_call(code="short-term", **extra):
    return CallFactory(
        grant_type=grant_type(code),
        published=True,
        opens_at=NOW() - days(40),
        closes_at=NOW() - days(10),
        **extra,
    )


def application_in(call, status=S.SUBMITTED, **extra) -> Application:
    return ApplicationFactory(direction=DirectionFactory(call=call), call=call, status=status, **extra)


# --- The tables cover every state ---------------------------------------------------------------------------------


def test_each_table_covers_every_status_of_its_record():
    assert lifecycle.APPLICATION.every_state() == set(Application.Status.values)
    assert lifecycle.ASSIGNMENT.every_state() == set(Assignment.Status.values)
    assert lifecycle.REPORT.every_state() == set(Report.Status.values)
    assert lifecycle.CALL.every_state() == {"draft", "discussion", "upcoming", "open", "closed", "results"}
    for machine in lifecycle.MACHINES.values():
        assert machine.every_state() == set(machine.states), machine.model.__name__


def test_every_call_phase_the_model_computes_is_in_the_table():
    call = CallFactory(published=False)
    phases = {call.phase}
    call.published = True
    for opens, closes in [(days(5), days(20)), (-days(5), days(20)), (-days(20), -days(5))]:
        call.opens_at, call.closes_at = NOW() + opens, NOW() + closes
        phases.add(call.phase)
    call.discussion_until = timezone.localdate() + days(2)
    call.opens_at = NOW() + days(5)
    phases.add(call.phase)
    call.results_published = True
    phases.add(call.phase)
    assert phases == set(lifecycle.CALL.states)


# --- Applications -------------------------------------------------------------------------------------------------


def test_submission_guards(alice, carol):
    draft = ApplicationFactory(organisation=alice.memberships.get().organisation, status=S.DRAFT)
    assert refused(lifecycle.APPLICATION, draft, "submit", carol) == (
        "not_allowed",
        "Only members of the applicant organisation can edit this application.",
    )
    draft.call.published, draft.call.closes_at = True, NOW() - days(1)
    code, message = refused(lifecycle.APPLICATION, draft, "submit", alice)
    assert code == "call_closed" and message.startswith("The call closed on ")
    draft.call.opens_at, draft.call.closes_at = NOW() + days(3), NOW() + days(30)
    code, message = refused(lifecycle.APPLICATION, draft, "submit", alice)
    assert code == "call_not_open" and message.startswith("Applications to this call are accepted from ")
    submitted = ApplicationFactory(organisation=draft.organisation, status=S.SUBMITTED)
    assert refused(lifecycle.APPLICATION, submitted, "submit", alice)[1] == (
        "The application is submitted and frozen; it can change only when the operator asks for a clarification."
    )


def test_compliance_guards(operator, carol):
    open_call = CallFactory(published=True)
    application = application_in(open_call)
    for step in ("find_compliant", "request_clarification", "reject"):
        assert refused(lifecycle.APPLICATION, application, step, operator) == (
            "call_still_open",
            "Applications are checked once the call has closed: other applicants may still be submitting.",
        )
        assert refused(lifecycle.APPLICATION, application, step, carol)[1] == (
            "Only the grant operator's staff can check applications for compliance."
        )
    draft = application_in(closed_call(), status=S.DRAFT)
    assert refused(lifecycle.APPLICATION, draft, "reject", operator) == (
        "not_submitted",
        "Only submitted applications can be checked; this one is “Draft”.",
    )


def test_the_review_is_complete_only_with_every_score(operator):
    application = application_in(closed_call(), status=S.COMPLIANT)
    Assignment.objects.create(
        application=application, expert=ExpertFactory(), status=Assignment.Status.SUBMITTED
    )
    assert refused(lifecycle.APPLICATION, application, "complete_review", operator) == (
        "scores_missing",
        "The review is complete when every expert on the application has scored it.",
    )


def test_the_commission_path_needs_a_decision_at_a_sitting(operator):
    application = application_in(closed_call("medium-term"), status=S.REVIEWED)
    for step in ("award", "decline"):
        assert refused(lifecycle.APPLICATION, application, step, operator) == (
            "not_decided_at_sitting",
            "The tender commission decides this application: record its decision at a sitting.",
        )
    withdrawn = application_in(closed_call("medium-term"), status=S.WITHDRAWN)
    assert refused(lifecycle.APPLICATION, withdrawn, "award", operator) == (
        "application_not_reviewed",
        "The application is Withdrawn; only scored applications are decided.",
    )


def test_withdrawal_guards(alice, carol):
    organisation = alice.memberships.get().organisation
    application = ApplicationFactory(organisation=organisation, status=S.SUBMITTED)
    assert refused(lifecycle.APPLICATION, application, "withdraw", carol)[1] == (
        "Only members of the applicant organisation can withdraw its application."
    )
    awarded = ApplicationFactory(organisation=organisation, status=S.AWARDED)
    assert refused(lifecycle.APPLICATION, awarded, "withdraw", alice) == (
        "not_allowed",
        "The application is already decided or withdrawn; it cannot be withdrawn now.",
    )


# --- The one-stage path: the operator decides from the ranking, without a commission ------------------------------


def test_one_stage_applications_are_decided_by_the_operator(operator, carol):
    call = closed_call("short-term")
    assert call.grant_type.two_stage is False
    winner, other = application_in(call, status=S.REVIEWED), application_in(call, status=S.REVIEWED)
    with pytest.raises(DomainError) as error:
        application_decide(application=winner, by=carol, award=True)
    assert str(error.value) == "Only the grant operator's staff can manage calls."
    application_decide(application=winner, by=operator, award=True)
    application_decide(application=other, by=operator, award=False)
    winner.refresh_from_db()
    other.refresh_from_db()
    assert (winner.status, other.status) == (S.AWARDED, S.NOT_AWARDED)
    assert winner.history.first().history_change_reason == "award_by_operator"
    # The agreement for a one-stage award takes the operator's amount (no commission decided one).
    project = lifecycle.PROJECT.apply(
        Project(
            application=winner,
            agreement_number="AG-2026-99999",
            amount=Decimal("1000000.00"),
            signed_on=timezone.localdate(),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + days(180),
        ),
        "sign",
        by=operator,
    )
    assert lifecycle.PROJECT.current(project) == "running"


def test_two_stage_applications_are_not_decided_by_the_operator(operator):
    application = application_in(closed_call("medium-term"), status=S.REVIEWED)
    for step in ("award_by_operator", "decline_by_operator"):
        assert refused(lifecycle.APPLICATION, application, step, operator) == (
            "commission_decides",
            "Applications of a two-stage grant type are decided by the tender commission, not by the operator.",
        )
    published = application_in(closed_call("short-term", results_published=True), status=S.REVIEWED)
    assert refused(lifecycle.APPLICATION, published, "award_by_operator", operator) == (
        "results_published",
        "The results of the call are published; its decisions can no longer change.",
    )


def test_the_ranking_page_follows_the_grant_types_path(client, operator, carol):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the texts asserted are the English sources
    one_stage = closed_call("short-term")
    scored = application_in(one_stage, status=S.REVIEWED, final_score=Decimal("80.00"), number="KZ-1")
    url = reverse("grants:application_decide", args=[one_stage.code, scored.pk])
    client.force_login(operator)
    page = client.get(
        reverse("grants:ranking", args=[one_stage.code]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert url in page and "One-stage selection" in page
    response = client.post(url, {"decision": "award"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    scored.refresh_from_db()
    assert scored.status == S.AWARDED
    assert "The grant is awarded to KZ-1." in response.content.decode()
    assert (
        url
        not in client.get(
            reverse("grants:ranking", args=[one_stage.code]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    )  # decided

    two_stage = closed_call("medium-term")
    other = application_in(two_stage, status=S.REVIEWED, final_score=Decimal("70.00"), number="KZ-2")
    other_url = reverse("grants:application_decide", args=[two_stage.code, other.pk])
    page = client.get(
        reverse("grants:ranking", args=[two_stage.code]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert other_url not in page and "the ranking goes to the tender commission" in page
    response = client.post(other_url, {"decision": "award"}, follow=True)
    assert "decided by the tender commission, not by the operator" in response.content.decode()
    other.refresh_from_db()
    assert other.status == S.REVIEWED
    client.force_login(carol)
    assert client.post(other_url, {"decision": "award"}).status_code == 403


# --- Expert assignments -------------------------------------------------------------------------------------------


def test_assignment_guards(operator, carol):
    application = application_in(closed_call(), status=S.COMPLIANT)
    expert = ExpertFactory()
    assignment = Assignment.objects.create(application=application, expert=expert)
    assert refused(lifecycle.ASSIGNMENT, assignment, "submit_scores", carol) == (
        "not_assigned",
        "Only the expert assigned to this application can score it.",
    )
    assert refused(lifecycle.ASSIGNMENT, assignment, "submit_scores", expert.user) == (
        "declaration_required",
        "Confirm your declaration of conflicts of interest for this call before scoring.",
    )
    assert refused(lifecycle.ASSIGNMENT, assignment, "recuse", carol) == (
        "not_your_assignment",
        "Only the expert assigned to this application can recuse themselves.",
    )
    assert refused(lifecycle.ASSIGNMENT, assignment, "replace", carol)[1] == (
        "Only the grant operator's staff can assign experts."
    )
    MembershipFactory(user=expert.user, organisation=application.organisation)
    from azamat.grants.models import DeclarationConfirmation

    DeclarationConfirmation.objects.create(person=expert.user, call=application.call)
    assert refused(lifecycle.ASSIGNMENT, assignment, "submit_scores", expert.user) == (
        "conflicted",
        "You have a conflict of interest with this applicant; recuse yourself instead of scoring.",
    )
    application.status = S.REVIEWED
    assert refused(lifecycle.ASSIGNMENT, assignment, "submit_scores", expert.user) == (
        "not_under_review",
        "This application is not under expert review.",
    )
    assert refused(lifecycle.ASSIGNMENT, assignment, "replace", operator) == (
        "not_under_review",
        "Experts can be changed only while the application is under expert review.",
    )
    assignment.status = Assignment.Status.RECUSED
    assert refused(lifecycle.ASSIGNMENT, assignment, "submit_scores", expert.user) == (
        "recused",
        "You recused yourself from this application; you cannot score it.",
    )
    assert refused(lifecycle.ASSIGNMENT, assignment, "recuse", expert.user) == (
        "not_recusable",
        "You can recuse yourself only before you submit your scores, and only once.",
    )
    assert refused(lifecycle.ASSIGNMENT, assignment, "replace", operator) == (
        "not_changeable",
        "Only an assignment not yet scored can be changed; scores given and recusals stay as they are.",
    )
    assignment.status = Assignment.Status.SUBMITTED
    assert refused(lifecycle.ASSIGNMENT, assignment, "submit_scores", expert.user) == (
        "frozen",
        "Your scores are submitted and cannot change.",
    )


# --- Calls --------------------------------------------------------------------------------------------------------


def test_call_guards(operator, carol):
    draft = CallFactory(published=False)
    assert (
        refused(lifecycle.CALL, draft, "publish", carol)[1]
        == "Only the grant operator's staff can manage calls."
    )
    assert refused(lifecycle.CALL, draft, "close_early", operator) == (
        "not_published",
        "The call is not published.",
    )
    upcoming = CallFactory(published=True, opens_at=NOW() + days(3), closes_at=NOW() + days(30))
    assert refused(lifecycle.CALL, upcoming, "publish", operator) == (
        "already_published",
        "The call is already published.",
    )
    assert refused(lifecycle.CALL, upcoming, "close_early", operator) == (
        "not_open_yet",
        "The call has not opened yet; change its dates instead of closing it.",
    )
    call = closed_call()
    assert refused(lifecycle.CALL, call, "close_early", operator) == (
        "already_closed",
        "The call is already closed.",
    )
    open_call = CallFactory(published=True)
    assert refused(lifecycle.CALL, open_call, "draw", operator) == (
        "call_not_closed",
        "Experts are assigned once the call has closed.",
    )
    assert refused(lifecycle.CALL, open_call, "publish_results", operator) == (
        "results_not_ready",
        "The results are published once the call has closed.",
    )
    application_in(call, status=S.SUBMITTED)
    assert refused(lifecycle.CALL, call, "draw", operator) == (
        "compliance_pending",
        "Finish the compliance check first: applications of this call not yet decided (submitted or waiting "
        "for a clarification): 1.",
    )
    assert refused(lifecycle.CALL, call, "publish_results", operator) == (
        "results_not_ready",
        "1 application still waits for a decision; results are published when all are decided.",
    )
    assert refused(lifecycle.CALL, call, "publish_results", carol)[1] == (
        "Only the grant operator's staff can manage calls."
    )


# --- Sittings -----------------------------------------------------------------------------------------------------


def test_sitting_guards(operator, carol):
    call = closed_call("medium-term")
    commission = Commission.objects.create(call=call)
    sitting = Sitting.objects.create(commission=commission, starts_at=NOW() + days(1))
    assert refused(lifecycle.SITTING, sitting, "close", carol)[1] == can_close_sitting(carol, sitting).reason
    assert can_close_sitting(carol, sitting).reason.startswith("Only the operator's staff")
    code, message = refused(lifecycle.SITTING, sitting, "close", operator)
    assert code == "sitting_not_started" and message.endswith("; it can be closed only after it has started.")
    sitting.starts_at = NOW() - days(1)
    assert refused(lifecycle.SITTING, sitting, "close", operator) == (
        "no_quorum",
        "No quorum: 0 of 0 members are present, and at least 0 are needed to vote and decide.",
    )
    chair = CommissionMember.objects.create(
        commission=commission, user=UserFactory(), side="operator", is_chair=True
    )
    sitting.present.add(chair)
    assert refused(lifecycle.SITTING, sitting, "close", operator) == (
        "agenda_empty",
        "The agenda is empty; build it before closing the sitting.",
    )
    AgendaItem.objects.create(
        sitting=sitting, application=application_in(call, status=S.REVIEWED), rank=1, recommendation="support"
    )
    assert refused(lifecycle.SITTING, sitting, "close", operator) == (
        "undecided_items",
        "1 item is not decided yet; decide every item first.",
    )
    sitting.closed_at = NOW()
    assert refused(lifecycle.SITTING, sitting, "close", operator) == (
        "sitting_closed",
        "The sitting is closed; its protocol is final.",
    )


# --- Projects, tranches, payments, reports ------------------------------------------------------------------------


def _project(application) -> Project:
    return Project.objects.create(
        application=application,
        agreement_number=f"AG-2026-{application.pk:05d}",
        amount=Decimal("1000000.00"),
        signed_on=timezone.localdate(),
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + days(180),
    )


def test_project_tranche_payment_and_report_guards(operator, alice, carol):
    organisation = alice.memberships.get().organisation
    reviewed = application_in(closed_call(), status=S.REVIEWED, organisation=organisation)
    assert refused(lifecycle.PROJECT, Project(application=reviewed), "sign", operator) == (
        "not_awarded",
        "An agreement can be signed only for an awarded application.",
    )
    assert refused(lifecycle.PROJECT, Project(application=reviewed), "sign", carol)[1] == (
        "Only the grant operator's staff can manage agreements, payments and reports."
    )
    awarded = application_in(closed_call(), status=S.AWARDED, organisation=organisation)
    project = _project(awarded)
    assert refused(lifecycle.PROJECT, Project(application=awarded), "sign", operator) == (
        "project_exists",
        "An agreement is already signed for this application.",
    )
    waiting = Tranche.objects.create(project=project, number=2, amount=Decimal("700000.00"))
    assert refused(lifecycle.PAYMENT, Payment(tranche=waiting), "record", operator) == (
        "tranche_not_released",
        "This tranche is not released yet: it is released when the operator approves a report.",
    )
    assert refused(lifecycle.TRANCHE, waiting, "release", carol)[1] == (
        "Only the grant operator's staff can manage agreements, payments and reports."
    )
    lifecycle.TRANCHE.apply(waiting, "release", by=operator, due_on=timezone.localdate())
    assert lifecycle.TRANCHE.current(waiting) == "due"
    assert refused(lifecycle.TRANCHE, waiting, "release", operator) == (
        "tranche_released",
        "This tranche is already released.",
    )
    report = Report.objects.create(project=project, kind=Report.Kind.FINAL, due_on=timezone.localdate())
    assert refused(lifecycle.REPORT, report, "submit", carol)[1] == (
        "Only members of the grantee organisation can fill its reports."
    )
    assert refused(lifecycle.REPORT, report, "approve", operator) == (
        "wrong_status",
        "Only a submitted report can be approved or sent back for revision.",
    )
    report.status = Report.Status.SUBMITTED
    assert refused(lifecycle.REPORT, report, "approve", carol)[1] == (
        "Only the grant operator's staff can manage agreements, payments and reports."
    )
    assert refused(lifecycle.REPORT, report, "resubmit", alice) == (
        "not_allowed",
        "The report is submitted; it can change only when the operator asks for a revision.",
    )


def test_every_transition_refreshes_the_dashboards_cached_figures(alice):
    application = ApplicationFactory(organisation=alice.memberships.get().organisation, status=S.SUBMITTED)
    before = cache.get(topic_key("dashboard"), 0)
    lifecycle.APPLICATION.apply(application, "withdraw", by=alice)
    assert cache.get(topic_key("dashboard"), 0) != before


# --- Nobody else sets a status ------------------------------------------------------------------------------------

GRANTS = Path(lifecycle.__file__).parent
ASSIGNS_STATUS = re.compile(r"\.status\s*=(?!=)|\.update\([^)]*\bstatus\s*=")
# The generator builds whole past worlds (calls long decided, projects half paid) without replaying every step
# through the services; the factories make a record in the state a test starts from.
EXCEPTED = {
    "seed.py": "the generator writes past states directly",
    "seed": "the generator writes past states directly",
    "factories.py": "test data starts in the state a test needs",
}


def test_no_module_but_the_lifecycle_sets_a_status():
    offenders = []
    for path in GRANTS.rglob("*.py"):
        relative = path.relative_to(GRANTS)
        if relative.parts[0] in {"tests", "migrations", *EXCEPTED} or path.name == "lifecycle.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if ASSIGNS_STATUS.search(line.split("#")[0]):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_the_scan_finds_what_it_looks_for():
    assert ASSIGNS_STATUS.search("    application.status = Application.Status.AWARDED")
    assert ASSIGNS_STATUS.search("Report.objects.filter(pk=1).update(status='approved')")
    assert not ASSIGNS_STATUS.search("if application.status == Application.Status.AWARDED:")
    assert not ASSIGNS_STATUS.search("Application.objects.filter(status=Application.Status.AWARDED)")
