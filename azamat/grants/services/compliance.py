"""The operator's compliance check of submitted applications, due 10 working days after the call closes."""

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.grants.errors import CALL_STILL_OPEN, NOT_SUBMITTED
from azamat.grants.errors import MESSAGES as LIFECYCLE_MESSAGES
from azamat.grants.lifecycle import APPLICATION
from azamat.grants.models import Application, ComplianceCheck
from azamat.grants.permissions import can_check_compliance
from azamat.grants.selectors.review import CHECK_WORKING_DAYS, compliance_due_on  # noqa: F401 — named here for the pages
from azamat.registry.models import Membership

BAD_DECISION = "bad_decision"
REASONS_REQUIRED = "reasons_required"
CHECKLIST_INCOMPLETE = "checklist_incomplete"
NOT_ALLOWED = "not_allowed"

MESSAGES = {
    CALL_STILL_OPEN: LIFECYCLE_MESSAGES[CALL_STILL_OPEN],
    NOT_SUBMITTED: LIFECYCLE_MESSAGES[NOT_SUBMITTED],
    BAD_DECISION: _("Choose a decision: compliant, clarification requested or rejected."),
    REASONS_REQUIRED: _("Give the reasons: the applicant receives them by email."),
    CHECKLIST_INCOMPLETE: _(
        "An application is compliant only when every item of the checklist is met: %(items)s."
    ),
}


# The lifecycle's transition for each decision (grants/lifecycle.py).
STEPS = {
    ComplianceCheck.Decision.COMPLIANT: "find_compliant",
    ComplianceCheck.Decision.CLARIFICATION: "request_clarification",
    ComplianceCheck.Decision.REJECTED: "reject",
}

# Standing items of every check; the grant type's required documents are added to them.
STANDARD_ITEMS = [
    ("eligible", _("The organisation is eligible: legal form, years since registration, the NGO database")),
    ("limits", _("The requested amount and the duration are within the grant type's limits")),
    ("direction", _("The project fits the chosen direction (and its region)")),
    ("complete", _("Every section of the application is filled in")),
]


def checklist_items(application: Application) -> list[tuple[str, str]]:
    """(key, label) of each item the operator ticks, in order."""
    items = [(key, str(label)) for key, label in STANDARD_ITEMS]
    for document in application.call.grant_type.required_documents or []:
        name = document.get(f"name_{_language()}") or document.get("name_en") or document["code"]
        items.append((f"doc:{document['code']}", str(_("Document attached: %(name)s") % {"name": name})))
    return items


def _language() -> str:
    return (get_language() or "kk")[:2]


def _admin_emails(application: Application) -> list[str]:
    return list(
        Membership.objects.filter(
            organisation=application.organisation, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        ).values_list("user__email", flat=True)
    )


@transaction.atomic
def compliance_decide(
    *, application: Application, by, decision: str, checklist: dict, reasons: str = ""
) -> ComplianceCheck:
    """Record the check and move the application on: compliant, rejected, or back for a clarification.
    Rejections and clarification requests need reasons, which go to the organisation's administrators."""
    allowed = can_check_compliance(by)
    if not allowed:
        raise DomainError(NOT_ALLOWED, allowed.reason)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__grant_type", "organisation")
        .get(pk=application.pk)
    )
    if decision not in ComplianceCheck.Decision.values:
        raise DomainError(BAD_DECISION, MESSAGES[BAD_DECISION], field="decision")
    # The call's close and the application's status are the lifecycle's guards, checked before the form.
    APPLICATION.require(application, STEPS[decision], by)
    items = checklist_items(application)
    ticks = {key: bool((checklist or {}).get(key)) for key, _label in items}
    reasons = (reasons or "").strip()
    if decision == ComplianceCheck.Decision.COMPLIANT:
        missing = [label for key, label in items if not ticks[key]]
        if missing:
            raise DomainError(
                CHECKLIST_INCOMPLETE,
                MESSAGES[CHECKLIST_INCOMPLETE] % {"items": "; ".join(missing)},
                field="checklist",
            )
    elif not reasons:
        raise DomainError(REASONS_REQUIRED, MESSAGES[REASONS_REQUIRED], field="reasons")
    check = ComplianceCheck(
        application=application,
        checked_by=by,
        decision=decision,
        checklist=ticks,
        reasons=reasons,
        due_on=compliance_due_on(application.call),
    )
    check._history_user = by
    check.save()
    APPLICATION.apply(application, STEPS[decision], by=by)
    if decision != ComplianceCheck.Decision.COMPLIANT:
        notify(
            to=_admin_emails(application),
            template=f"grants/review/review_{decision}",
            context={"application": application, "reasons": reasons, "check": check},
        )
    return check
