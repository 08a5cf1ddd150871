"""Every state of every grants record with a life, and every way out of it: one table per record.

Read a table top to bottom: each row is a transition (name, from, to, what a person sees, guards). A guard
returns a Decision; its reason is what the person is told when the step is refused (and its code, from
`grants/errors.py`, what the API and the tests read). The services change a state only through
`<MACHINE>.apply(record, "<transition>", by=...)` (`core/statemachine.py`), so a page, the API, the admin and
a management command all meet the same guards. `tests/test_lifecycle.py` fails if any other module sets a
status by hand.

Two paths after the experts' review, by the grant type's `two_stage`:
- two stages (medium- and long-term grants): the tender commission decides at a sitting (`award`,
  `decline`, recorded by `services/sittings.item_decide`); the operator may not decide alone;
- one stage (short-term grants, social orders, awards): the operator decides from the experts' ranking
  (`award_by_operator`, `decline_by_operator`, `services/decisions.application_decide`, on the ranking
  page), and the agreement's amount is the operator's (at most the amount requested). A call of a one-stage
  type has no tender commission: `commission_create` and `agenda_build` are refused for it (the guard
  `commission_path`, below the CALL table).
"""

from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.core.public_cache import topics_bump
from azamat.core.statemachine import Machine, Transition, guard
from azamat.grants import errors as E
from azamat.grants.models import (
    AgendaItem,
    Application,
    Assignment,
    Call,
    Payment,
    Project,
    Report,
    Sitting,
    Tranche,
)
from azamat.grants.permissions import (
    can_check_compliance,
    can_close_sitting,
    can_edit_application,
    can_fill_report,
    can_manage_calls,
    can_manage_projects,
    can_run_draws,
    is_member_of,
)
from azamat.grants.services.commission_record import sitting_quorum
from azamat.grants.services.conflicts import declaration_confirmed, is_conflicted

S = Application.Status


def changed(record) -> None:
    """Every transition changes what the public dashboard counts (applications by status, calls' results,
    projects, tranches and payments): its cached figures and pages are computed afresh."""
    topics_bump("dashboard")


def _moment(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _deny(code: str, **params) -> Decision:
    message = E.MESSAGES[code]
    return deny(message % params if params else message)


def _operator(check):
    """A permission `can_*(user)` as a guard (the record does not matter to it)."""

    @guard(E.NOT_ALLOWED)
    def operator(record, by) -> Decision:
        return check(by)

    operator.__name__ = check.__name__
    return operator


# --- Applications ---------------------------------------------------------------------------------------------


@guard(E.NOT_ALLOWED)
def editor(application, by) -> Decision:
    return can_edit_application(by, application)


@guard(E.CALL_CLOSED)
def call_not_closed(application, by) -> Decision:
    """The first submission comes before the call closes (server time); a resubmission may come later."""
    call = application.call
    if call.published and timezone.now() >= call.closes_at:
        return _deny(E.CALL_CLOSED, closes=_moment(call.closes_at))
    return ALLOW


@guard(E.CALL_NOT_OPEN)
def call_open(application, by) -> Decision:
    call = application.call
    if not call.is_open(timezone.now()):
        return _deny(E.CALL_NOT_OPEN, opens=_moment(call.opens_at), closes=_moment(call.closes_at))
    return ALLOW


@guard(E.CALL_STILL_OPEN)
def call_closed(application, by) -> Decision:
    """All applications of a call are checked against the same rules at the same time, not while it is open."""
    if timezone.now() < application.call.closes_at:
        return _deny(E.CALL_STILL_OPEN)
    return ALLOW


@guard(E.SCORES_MISSING)
def every_score_in(application, by) -> Decision:
    """Every expert drawn (as many as the grant type asks, replacements included) has submitted scores."""
    active = [a for a in application.assignments.all() if a.status != Assignment.Status.RECUSED]
    regular = [a for a in active if not a.is_extra]
    if len(regular) < application.call.grant_type.experts_per_application or any(
        a.status != Assignment.Status.SUBMITTED for a in active
    ):
        return _deny(E.SCORES_MISSING)
    return ALLOW


def _decided_at_sitting(outcome: str):
    @guard(E.NOT_DECIDED_AT_SITTING)
    def decided_at_sitting(application, by) -> Decision:
        """The commission's decision is on an open sitting's agenda item (item_decide records it first)."""
        if AgendaItem.objects.filter(
            application=application, decision=outcome, sitting__closed_at__isnull=True
        ).exists():
            return ALLOW
        return _deny(E.NOT_DECIDED_AT_SITTING)

    return decided_at_sitting


@guard(E.COMMISSION_DECIDES)
def one_stage(application, by) -> Decision:
    if application.call.grant_type.two_stage:
        return _deny(E.COMMISSION_DECIDES)
    return ALLOW


@guard(E.RESULTS_PUBLISHED)
def results_not_published(application, by) -> Decision:
    return _deny(E.RESULTS_PUBLISHED) if application.call.results_published else ALLOW


@guard(E.NOT_ALLOWED)
def applicant_member(application, by) -> Decision:
    if not is_member_of(by, application.organisation):
        return deny(_("Only members of the applicant organisation can withdraw its application."))
    return ALLOW


_compliance = [_operator(can_check_compliance), call_closed]
_not_submitted = E.MESSAGES[E.NOT_SUBMITTED]

APPLICATION = Machine(
    Application,
    after=changed,
    field="status",
    transitions=[
        Transition("submit", {S.DRAFT}, S.SUBMITTED, _("Submit"), [editor, call_not_closed, call_open], E.MESSAGES[E.FROZEN], E.FROZEN),
        Transition("resubmit", {S.CLARIFICATION}, S.SUBMITTED, _("Submit"), [editor], E.MESSAGES[E.FROZEN], E.FROZEN),
        Transition("request_clarification", {S.SUBMITTED}, S.CLARIFICATION, _("Request a clarification"), _compliance, _not_submitted, E.NOT_SUBMITTED),
        Transition("find_compliant", {S.SUBMITTED}, S.COMPLIANT, _("Compliant"), _compliance, _not_submitted, E.NOT_SUBMITTED),
        Transition("reject", {S.SUBMITTED}, S.REJECTED, _("Reject"), _compliance, _not_submitted, E.NOT_SUBMITTED),
        Transition("complete_review", {S.COMPLIANT}, S.REVIEWED, _("Experts' review complete"), [every_score_in], E.MESSAGES[E.NOT_UNDER_REVIEW], E.NOT_UNDER_REVIEW),
        # Two stages: the tender commission decides at a sitting.
        Transition("award", {S.REVIEWED}, S.AWARDED, _("Award the grant"), [_decided_at_sitting("awarded")], E.MESSAGES[E.NOT_REVIEWED], E.NOT_REVIEWED),
        Transition("decline", {S.REVIEWED}, S.NOT_AWARDED, _("Do not award"), [_decided_at_sitting("rejected")], E.MESSAGES[E.NOT_REVIEWED], E.NOT_REVIEWED),
        # One stage: the operator decides from the experts' ranking.
        Transition("award_by_operator", {S.REVIEWED}, S.AWARDED, _("Award the grant"), [_operator(can_manage_calls), one_stage, results_not_published], E.MESSAGES[E.NOT_REVIEWED], E.NOT_REVIEWED),
        Transition("decline_by_operator", {S.REVIEWED}, S.NOT_AWARDED, _("Do not award"), [_operator(can_manage_calls), one_stage, results_not_published], E.MESSAGES[E.NOT_REVIEWED], E.NOT_REVIEWED),
        Transition("withdraw", {S.DRAFT, S.SUBMITTED, S.CLARIFICATION, S.COMPLIANT, S.REVIEWED}, S.WITHDRAWN, _("Withdraw"), [applicant_member], E.MESSAGES[E.NOT_WITHDRAWABLE], E.NOT_ALLOWED),
    ],
)  # fmt: skip

# --- Expert assignments ---------------------------------------------------------------------------------------

A = Assignment.Status


@guard(E.NOT_ASSIGNED)
def the_expert(assignment, by) -> Decision:
    if by and by.is_authenticated and assignment.expert.user_id == by.pk:
        return ALLOW
    return _deny(E.NOT_ASSIGNED)


@guard(E.NOT_YOUR_ASSIGNMENT)
def the_expert_recusing(assignment, by) -> Decision:
    if by and by.is_authenticated and assignment.expert.user_id == by.pk:
        return ALLOW
    return _deny(E.NOT_YOUR_ASSIGNMENT)


@guard(E.DECLARATION_REQUIRED)
def declared(assignment, by) -> Decision:
    if declaration_confirmed(person=by, call=assignment.application.call):
        return ALLOW
    return _deny(E.DECLARATION_REQUIRED)


@guard(E.NOT_UNDER_REVIEW)
def under_review(assignment, by) -> Decision:
    return ALLOW if assignment.application.status == S.COMPLIANT else _deny(E.NOT_UNDER_REVIEW)


@guard(E.NOT_UNDER_REVIEW)
def under_review_for_change(assignment, by) -> Decision:
    return ALLOW if assignment.application.status == S.COMPLIANT else _deny(E.CHANGE_NOT_UNDER_REVIEW)


@guard(E.CONFLICTED)
def not_conflicted(assignment, by) -> Decision:
    if is_conflicted(expert=assignment.expert, application=assignment.application):
        return _deny(E.CONFLICTED)
    return ALLOW


ASSIGNMENT = Machine(
    Assignment,
    after=changed,
    field="status",
    transitions=[
        Transition("submit_scores", {A.ASSIGNED}, A.SUBMITTED, _("Submit the scores"), [the_expert, declared, under_review, not_conflicted], {A.RECUSED: E.MESSAGES[E.RECUSED], A.SUBMITTED: E.MESSAGES[E.SCORES_FROZEN]}, {A.RECUSED: E.RECUSED, A.SUBMITTED: E.FROZEN}),
        Transition("recuse", {A.ASSIGNED}, A.RECUSED, _("Recuse myself"), [the_expert_recusing], E.MESSAGES[E.NOT_RECUSABLE], E.NOT_RECUSABLE),
        Transition("replace", {A.ASSIGNED}, A.RECUSED, _("Change the expert"), [_operator(can_run_draws), under_review_for_change], E.MESSAGES[E.NOT_CHANGEABLE], E.NOT_CHANGEABLE),
    ],
)  # fmt: skip

# --- Calls: the phase is computed from the dates (Call.phase) ----------------------------------------------------


@guard(E.RESULTS_NOT_READY)
def every_application_decided(call, by) -> Decision:
    undecided = call.applications.filter(
        status__in=[S.SUBMITTED, S.CLARIFICATION, S.COMPLIANT, S.REVIEWED]
    ).count()
    if undecided:
        return deny(
            ngettext(
                "%(count)s application still waits for a decision; results are published when all are decided.",
                "%(count)s applications still wait for a decision; results are published when all are decided.",
                undecided,
            )
            % {"count": undecided}
        )
    return ALLOW


@guard(E.COMPLIANCE_PENDING)
def compliance_decided(call, by) -> Decision:
    """The draw is run once over the whole compliant set: an application still under check would miss it."""
    pending = call.applications.filter(status__in=[S.SUBMITTED, S.CLARIFICATION]).count()
    return _deny(E.COMPLIANCE_PENDING, count=pending) if pending else ALLOW


@guard(E.NOTHING_TO_ASSIGN)
def compliant_waiting(call, by) -> Decision:
    """Experts are drawn for applications found compliant; once every one is scored (or none passed), a draw
    would assign no one, so it is not offered."""
    return ALLOW if call.applications.filter(status=S.COMPLIANT).exists() else _deny(E.NOTHING_TO_ASSIGN)


_not_open_codes = {
    "draft": E.NOT_PUBLISHED,
    "discussion": E.NOT_OPEN_YET,
    "upcoming": E.NOT_OPEN_YET,
    "closed": E.ALREADY_CLOSED,
    "results": E.ALREADY_CLOSED,
}
_not_open = {state: E.MESSAGES[code] for state, code in _not_open_codes.items()}

CALL = Machine(
    Call,
    after=changed,
    state=lambda call: call.phase,
    states={
        "draft": _("Draft"),
        "discussion": _("Directions under public discussion"),
        "upcoming": _("Opening soon"),
        "open": _("Open for applications"),
        "closed": _("Closed, under review"),
        "results": _("Results published"),
    },
    initial="draft",
    derived={
        "upcoming": "the public discussion ends (discussion_until)",
        "open": "the opening date (opens_at)",
        "closed": "the closing date (closes_at)",
    },
    transitions=[
        Transition("publish", {"draft"}, "discussion", _("Publish"), [_operator(can_manage_calls)], E.MESSAGES[E.ALREADY_PUBLISHED], E.ALREADY_PUBLISHED),
        Transition("close_early", {"open"}, "closed", _("Close the call now"), [_operator(can_manage_calls)], _not_open, _not_open_codes),
        # Not a change of phase: the step the draw takes on a closed call, with its guards here.
        Transition("draw", {"closed"}, "closed", _("Assign experts"), [_operator(can_run_draws), compliance_decided, compliant_waiting], E.MESSAGES[E.CALL_NOT_CLOSED], E.CALL_NOT_CLOSED),
        Transition("publish_results", {"closed"}, "results", _("Publish the results"), [_operator(can_manage_calls), every_application_decided], _("The results are published once the call has closed."), E.RESULTS_NOT_READY),
    ],
)  # fmt: skip


@guard(E.OPERATOR_DECIDES)
def commission_path(call, by) -> Decision:
    """Only a call of a two-stage grant type has a tender commission (its composition, sittings, agenda); a
    one-stage call is decided by the operator from the experts' ranking. Guards `services/commission`'s
    `commission_create` and `agenda_build`: not a change of the call's phase."""
    return ALLOW if call.grant_type.two_stage else _deny(E.OPERATOR_DECIDES)


# --- Sittings of the tender commission: scheduled → sitting (its start time) → closed --------------------------


def sitting_state(sitting) -> str:
    if sitting.closed_at is not None:
        return "closed"
    return "sitting" if timezone.now() >= sitting.starts_at else "scheduled"


@guard(E.NOT_ALLOWED)
def may_close(sitting, by) -> Decision:
    return can_close_sitting(by, sitting)


@guard(E.NOT_STARTED)
def started(sitting, by) -> Decision:
    """A protocol dated before its sitting began would record a meeting that had not happened yet."""
    if timezone.now() < sitting.starts_at:
        starts = formats.date_format(timezone.localtime(sitting.starts_at), "DATETIME_FORMAT")
        return _deny(E.NOT_STARTED, starts_at=starts)
    return ALLOW


@guard(E.NO_QUORUM)
def quorum(sitting, by) -> Decision:
    q = sitting_quorum(sitting)
    return (
        ALLOW if q.reached else _deny(E.NO_QUORUM, present=q.present, members=q.members, required=q.required)
    )


@guard(E.AGENDA_EMPTY)
def agenda_built(sitting, by) -> Decision:
    return ALLOW if sitting.items.exists() else _deny(E.AGENDA_EMPTY)


@guard(E.UNDECIDED_ITEMS)
def every_item_decided(sitting, by) -> Decision:
    undecided = sitting.items.filter(decision="").count()
    if undecided:
        return deny(
            ngettext(
                "%(count)s item is not decided yet; decide every item first.",
                "%(count)s items are not decided yet; decide every item first.",
                undecided,
            )
            % {"count": undecided}
        )
    return ALLOW


SITTING = Machine(
    Sitting,
    after=changed,
    state=sitting_state,
    states={"scheduled": _("Scheduled"), "sitting": _("In session"), "closed": _("Closed")},
    initial="scheduled",
    derived={"sitting": "its start time (starts_at)"},
    transitions=[
        Transition("close", {"scheduled", "sitting"}, "closed", _("Close the sitting"), [may_close, started, quorum, agenda_built, every_item_decided], E.MESSAGES[E.SITTING_CLOSED], E.SITTING_CLOSED),
    ],
)  # fmt: skip

# --- Projects, their tranches and payments, reports ------------------------------------------------------------


@guard(E.NOT_AWARDED)
def awarded(project, by) -> Decision:
    return ALLOW if project.application.status == S.AWARDED else _deny(E.NOT_AWARDED)


@guard(E.PROJECT_EXISTS)
def no_agreement_yet(project, by) -> Decision:
    if Project.objects.filter(application_id=project.application_id).exists():
        return _deny(E.PROJECT_EXISTS)
    return ALLOW


def project_state(project) -> str:
    if project.pk is None:
        return "new"
    final = project.reports.filter(kind=Report.Kind.FINAL).first()
    return "completed" if final is not None and final.status == Report.Status.APPROVED else "running"


PROJECT = Machine(
    Project,
    after=changed,
    state=project_state,
    states={"new": _("Not signed"), "running": _("Running"), "completed": _("Completed")},
    initial="new",
    derived={"completed": "its final report is approved (REPORT approve)"},
    transitions=[
        Transition("sign", {"new"}, "running", _("Sign the agreement"), [_operator(can_manage_projects), awarded, no_agreement_yet], E.MESSAGES[E.PROJECT_EXISTS], E.PROJECT_EXISTS),
    ],
)  # fmt: skip


def tranche_state(tranche) -> str:
    if tranche.due_on is None:
        return "waiting"
    paid = tranche.payments.aggregate(s=Sum("amount"))["s"] if tranche.pk else None
    return "paid" if paid is not None and paid >= tranche.amount else "due"


TRANCHE = Machine(
    Tranche,
    after=changed,
    state=tranche_state,
    states={"waiting": _("Not released"), "due": _("Due"), "paid": _("Paid")},
    initial="waiting",  # the advance is released when the agreement is signed
    derived={"paid": "its payments reach its amount (PAYMENT record)"},
    transitions=[
        Transition("release", {"waiting"}, "due", _("Release"), [_operator(can_manage_projects)], E.MESSAGES[E.TRANCHE_RELEASED], E.TRANCHE_RELEASED),
    ],
)  # fmt: skip


@guard(E.TRANCHE_NOT_RELEASED)
def tranche_released(payment, by) -> Decision:
    return _deny(E.TRANCHE_NOT_RELEASED) if payment.tranche.due_on is None else ALLOW


PAYMENT = Machine(
    Payment,
    after=changed,
    state=lambda payment: "new" if payment.pk is None else "recorded",
    states={"new": _("Not recorded"), "recorded": _("Recorded")},
    initial="new",
    transitions=[
        Transition("record", {"new"}, "recorded", _("Record the payment"), [_operator(can_manage_projects), tranche_released]),
    ],
)  # fmt: skip

R = Report.Status


@guard(E.NOT_ALLOWED)
def report_editor(report, by) -> Decision:
    return can_fill_report(by, report)


# Why a report can no longer be submitted: waiting for the operator, or approved for good.
_REPORT_DONE = {R.SUBMITTED: E.MESSAGES[E.REPORT_FROZEN], R.APPROVED: E.MESSAGES[E.REPORT_APPROVED]}

REPORT = Machine(
    Report,
    after=changed,
    field="status",
    transitions=[
        Transition("submit", {R.DUE}, R.SUBMITTED, _("Submit the report"), [report_editor], _REPORT_DONE, E.NOT_ALLOWED),
        Transition("resubmit", {R.REVISION}, R.SUBMITTED, _("Submit the report"), [report_editor], _REPORT_DONE, E.NOT_ALLOWED),
        Transition("request_revision", {R.SUBMITTED}, R.REVISION, _("Send back for revision"), [_operator(can_manage_projects)], E.MESSAGES[E.WRONG_STATUS], E.WRONG_STATUS),
        Transition("approve", {R.SUBMITTED}, R.APPROVED, _("Approve"), [_operator(can_manage_projects)], E.MESSAGES[E.WRONG_STATUS], E.WRONG_STATUS),
    ],
)  # fmt: skip

MACHINES = {
    "application": APPLICATION,
    "assignment": ASSIGNMENT,
    "call": CALL,
    "sitting": SITTING,
    "project": PROJECT,
    "tranche": TRANCHE,
    "payment": PAYMENT,
    "report": REPORT,
}


def can_withdraw_application(user, application) -> Decision:
    """The "withdraw" step of the table above: a member of the applicant, until the decision. Kept here, not in
    permissions.py, because the table's guards read services' records, which selectors (users of permissions)
    must not reach."""
    return APPLICATION.check(application, "withdraw", user)
