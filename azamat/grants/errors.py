"""The grants module's error codes and their messages, where the lifecycle's guards and the services share them.

A service raises `DomainError(code, message)`; the codes are what programs (the API, tests) read, the messages
what people read. The guards of `grants/lifecycle.py` take theirs from here; the services re-export the codes
they always had (`services.compliance.CALL_STILL_OPEN` is `errors.CALL_STILL_OPEN`).
"""

from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError

NOT_ALLOWED = "not_allowed"

# Applications.
NOT_SUBMITTABLE = "not_submittable"
CALL_NOT_OPEN = "call_not_open"
CALL_CLOSED = "call_closed"
FROZEN = "frozen"
NOT_WITHDRAWABLE = "not_withdrawable"
# The compliance check.
CALL_STILL_OPEN = "call_still_open"
NOT_SUBMITTED = "not_submitted"
# Experts.
CALL_NOT_CLOSED = "call_not_closed"
COMPLIANCE_PENDING = "compliance_pending"
NOTHING_TO_ASSIGN = "nothing_to_assign"
NOT_ASSIGNED = "not_assigned"
RECUSED = "recused"
SCORES_FROZEN = "scores_frozen"  # its code is "frozen", as before
DECLARATION_REQUIRED = "declaration_required"
NOT_UNDER_REVIEW = "not_under_review"
CONFLICTED = "conflicted"
NOT_YOUR_ASSIGNMENT = "not_your_assignment"
NOT_RECUSABLE = "not_recusable"
NOT_CHANGEABLE = "not_changeable"
SCORES_MISSING = "scores_missing"
CHANGE_NOT_UNDER_REVIEW = "change_not_under_review"  # its code is "not_under_review", as before
# The decision: by the tender commission (two stages) or by the operator (one stage).
NOT_REVIEWED = "application_not_reviewed"
NOT_DECIDED_AT_SITTING = "not_decided_at_sitting"
COMMISSION_DECIDES = "commission_decides"
OPERATOR_DECIDES = "operator_decides"
RESULTS_PUBLISHED = "results_published"
# Sittings.
SITTING_CLOSED = "sitting_closed"
NOT_STARTED = "sitting_not_started"
NO_QUORUM = "no_quorum"
AGENDA_EMPTY = "agenda_empty"
UNDECIDED_ITEMS = "undecided_items"  # its message counts (lifecycle.every_item_decided)
# Calls.
NOT_PUBLISHED = "not_published"
ALREADY_PUBLISHED = "already_published"
ALREADY_CLOSED = "already_closed"
NOT_OPEN_YET = "not_open_yet"
RESULTS_NOT_READY = "results_not_ready"
# Projects, reports, tranches, payments.
NOT_AWARDED = "not_awarded"
PROJECT_EXISTS = "project_exists"
WRONG_STATUS = "wrong_status"
REPORT_FROZEN = "report_frozen"
REPORT_APPROVED = "report_approved"
TRANCHE_NOT_RELEASED = "tranche_not_released"
TRANCHE_RELEASED = "tranche_released"

MESSAGES = {
    NOT_SUBMITTABLE: _("The application cannot be submitted yet: %(reasons)s"),
    CALL_NOT_OPEN: _("Applications to this call are accepted from %(opens)s to %(closes)s (Almaty time)."),
    CALL_CLOSED: _(
        "The call closed on %(closes)s (Almaty time); applications can no longer be submitted to it."
    ),
    FROZEN: _(
        "The application is submitted and frozen; it can change only when the operator asks for a "
        "clarification."
    ),
    NOT_WITHDRAWABLE: _("The application is already decided or withdrawn; it cannot be withdrawn now."),
    CALL_STILL_OPEN: _(
        "Applications are checked once the call has closed: other applicants may still be submitting."
    ),
    NOT_SUBMITTED: _("Only submitted applications can be checked; this one is “%(status)s”."),
    CALL_NOT_CLOSED: _("Experts are assigned once the call has closed."),
    COMPLIANCE_PENDING: _(
        "Finish the compliance check first: applications of this call not yet decided (submitted or "
        "waiting for a clarification): %(count)s."
    ),
    NOTHING_TO_ASSIGN: _("No application that passed the compliance check is waiting for experts."),
    NOT_ASSIGNED: _("Only the expert assigned to this application can score it."),
    RECUSED: _("You recused yourself from this application; you cannot score it."),
    SCORES_FROZEN: _("Your scores are submitted and cannot change."),
    DECLARATION_REQUIRED: _(
        "Confirm your declaration of conflicts of interest for this call before scoring."
    ),
    NOT_UNDER_REVIEW: _("This application is not under expert review."),
    CONFLICTED: _("You have a conflict of interest with this applicant; recuse yourself instead of scoring."),
    NOT_YOUR_ASSIGNMENT: _("Only the expert assigned to this application can recuse themselves."),
    NOT_RECUSABLE: _("You can recuse yourself only before you submit your scores, and only once."),
    NOT_CHANGEABLE: _(
        "Only an assignment not yet scored can be changed; scores given and recusals stay as they are."
    ),
    CHANGE_NOT_UNDER_REVIEW: _("Experts can be changed only while the application is under expert review."),
    SCORES_MISSING: _("The review is complete when every expert on the application has scored it."),
    NOT_REVIEWED: _("The application is %(status)s; only scored applications are decided."),
    NOT_DECIDED_AT_SITTING: _(
        "The tender commission decides this application: record its decision at a sitting."
    ),
    COMMISSION_DECIDES: _(
        "Applications of a two-stage grant type are decided by the tender commission, not by the operator."
    ),
    OPERATOR_DECIDES: _(
        "This call's grant type is decided by the operator from the experts' ranking; it has no tender "
        "commission."
    ),
    RESULTS_PUBLISHED: _("The results of the call are published; its decisions can no longer change."),
    SITTING_CLOSED: _("The sitting is closed; its protocol is final."),
    NOT_STARTED: _("The sitting starts at %(starts_at)s; it can be closed only after it has started."),
    NO_QUORUM: _(
        "No quorum: %(present)s of %(members)s members are present, and at least "
        "%(required)s are needed to vote and decide."
    ),
    AGENDA_EMPTY: _("The agenda is empty; build it before closing the sitting."),
    NOT_PUBLISHED: _("The call is not published."),
    ALREADY_PUBLISHED: _("The call is already published."),
    ALREADY_CLOSED: _("The call is already closed."),
    NOT_OPEN_YET: _("The call has not opened yet; change its dates instead of closing it."),
    NOT_AWARDED: _("An agreement can be signed only for an awarded application."),
    PROJECT_EXISTS: _("An agreement is already signed for this application."),
    WRONG_STATUS: _("Only a submitted report can be approved or sent back for revision."),
    REPORT_FROZEN: _("The report is submitted; it can change only when the operator asks for a revision."),
    REPORT_APPROVED: _("The report is approved; it no longer changes."),
    TRANCHE_NOT_RELEASED: _(
        "This tranche is not released yet: it is released when the operator approves a report."
    ),
    TRANCHE_RELEASED: _("This tranche is already released."),
}


def error(code: str, field: str | None = None, **params) -> DomainError:
    """The DomainError for `code`, its message filled with `params`."""
    message = MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


class SubmissionRefused(DomainError):
    """Submission checks failed; `failures` lists each in plain words."""

    def __init__(self, failures: list):
        self.failures = failures
        reasons = " ".join(f.message for f in failures)
        super().__init__(NOT_SUBMITTABLE, str(MESSAGES[NOT_SUBMITTABLE] % {"reasons": reasons}))
