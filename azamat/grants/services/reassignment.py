"""The operator's manual change of an assignment: another expert for an unscored application, under the draw's
own rules (active, the language, not on the application before, no conflict, room in the load), with a reason."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.grants import errors
from azamat.grants.lifecycle import ASSIGNMENT
from azamat.grants.models import Application, Assignment, Expert
from azamat.grants.permissions import can_run_draws
from azamat.grants.selectors.review import expert_code
from azamat.grants.services.assignment import NOT_ALLOWED, _pool, expert_language
from azamat.grants.services.conflicts import conflict_reasons, conflicts_for

NOT_CHANGEABLE = "not_changeable"
NOT_UNDER_REVIEW = "not_under_review"
SAME_EXPERT = "same_expert"
EXPERT_INACTIVE = "expert_inactive"
EXPERT_LANGUAGE = "expert_language"
EXPERT_TAKEN = "expert_taken"
EXPERT_CONFLICTED = "expert_conflicted"
EXPERT_FULL = "expert_full"
CHANGE_REASON_REQUIRED = "change_reason_required"
CHANGE_REASON_TOO_LONG = "change_reason_too_long"
ALREADY_REPLACED = "already_replaced"
STEPPED_ASIDE = "stepped_aside"

MESSAGES = {
    NOT_CHANGEABLE: errors.MESSAGES[errors.NOT_CHANGEABLE],
    NOT_UNDER_REVIEW: errors.MESSAGES[errors.CHANGE_NOT_UNDER_REVIEW],
    SAME_EXPERT: _("Choose another expert than the one being replaced."),
    EXPERT_INACTIVE: _("This expert is not active in the register."),
    EXPERT_LANGUAGE: _("This expert does not read the application's language."),
    EXPERT_TAKEN: _("This expert is already on this application, or stepped aside from it."),
    EXPERT_CONFLICTED: _("This expert has a conflict of interest with the applicant: %(reasons)s"),
    EXPERT_FULL: _("This expert already has their most applications in this call (%(max_load)s)."),
    CHANGE_REASON_REQUIRED: _("Say why the expert is changed."),
    CHANGE_REASON_TOO_LONG: _("The reason is too long: at most 500 characters."),
    ALREADY_REPLACED: _(
        "%(old)s was already replaced on this application by %(new)s (another operator, or another tab); "
        "nothing was changed. To replace %(new)s, name them as the expert to replace."
    ),
    STEPPED_ASIDE: _(
        "%(old)s stepped aside from this application on their own; nothing was changed. "
        "Name one of the experts it is assigned to now."
    ),
}


@transaction.atomic
def assignment_change(*, assignment: Assignment, expert: Expert, by, reason: str) -> Assignment:
    """The operator replaces the expert of an unscored assignment with another, saying why. The new expert must
    pass the draw's own rules (active, reads the language, not on the application before, no conflict of
    interest, room in their load for the call). The replaced assignment steps aside (status "recused", the
    reason kept as its reason, the operator in `replaced_by_operator` and its history); the new one records
    whom it replaces and, in its history, the reason and who made it; `replaced_by_operator` tells the change
    from the expert's own recusal. Both experts are told."""
    decision = can_run_draws(by)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("expert__user", "draw", "application__call__grant_type", "application__organisation")
        .get(pk=assignment.pk)
    )
    application = assignment.application
    reason = " ".join((reason or "").split())
    if not reason:
        raise _error(CHANGE_REASON_REQUIRED, "reason")
    if len(reason) > 500:
        raise _error(CHANGE_REASON_TOO_LONG, "reason")
    _check_still_assigned(assignment)
    try:
        ASSIGNMENT.require(assignment, "replace", by)  # not yet scored, the application under review
    except DomainError as error:
        error.field = {NOT_CHANGEABLE: "expert_out", NOT_UNDER_REVIEW: "application"}.get(error.code)
        raise
    expert = Expert.objects.select_for_update(of=("self",)).select_related("user").get(pk=expert.pk)
    _check_replacement(application=application, expert=expert, replaced=assignment)

    ASSIGNMENT.apply(
        assignment, "replace", by=by, reason=reason, recusal_reason=reason, replaced_by_operator=by
    )
    replacement = Assignment(
        application=application,
        expert=expert,
        draw=assignment.draw,
        is_extra=assignment.is_extra,
        replaces=assignment,
    )
    replacement._history_user = by
    replacement._change_reason = reason
    replacement.save()
    call = application.call
    notify(
        to=[expert.user.email],
        template="grants/review/review_assigned",
        context={"call": call, "count": 1},
        language=expert_language(expert),
    )
    notify(
        to=[assignment.expert.user.email],
        template="grants/review/review_unassigned",
        context={"call": call, "application": application, "reason": reason},
        language=expert_language(assignment.expert),
    )
    return replacement


def _check_still_assigned(assignment: Assignment) -> None:
    """An assignment already off the application (replaced from another tab, or the expert stepped aside): the
    reason names who, so that the operator knows what changed meanwhile."""
    if assignment.status != Assignment.Status.RECUSED:
        return
    old = expert_code(assignment.expert_id)
    replacement = Assignment.objects.filter(replaces=assignment).only("expert_id").first()
    if assignment.replaced_by_operator_id and replacement is not None:
        message = MESSAGES[ALREADY_REPLACED] % {"old": old, "new": expert_code(replacement.expert_id)}
        raise DomainError(ALREADY_REPLACED, message, field="expert_out")
    raise DomainError(STEPPED_ASIDE, MESSAGES[STEPPED_ASIDE] % {"old": old}, field="expert_out")


def _check_replacement(*, application: Application, expert: Expert, replaced: Assignment) -> None:
    """The draw's hard rules for one expert on one application, each refusal saying which rule."""
    if expert.pk == replaced.expert_id:
        raise _error(SAME_EXPERT, "expert_in")
    if not expert.active:
        raise _error(EXPERT_INACTIVE, "expert_in")
    if application.language not in (expert.languages or []):
        raise _error(EXPERT_LANGUAGE, "expert_in")
    if Assignment.objects.filter(application=application, expert=expert).exists():
        raise _error(EXPERT_TAKEN, "expert_in")
    if conflicts_for(experts=[expert], applications=[application]):
        raise DomainError(
            EXPERT_CONFLICTED,
            MESSAGES[EXPERT_CONFLICTED] % {"reasons": " ".join(conflict_reasons(expert, application))},
            field="expert_in",
        )
    [candidate], _experts = _pool(application.call, experts=[expert])
    if candidate.capacity <= 0:
        raise DomainError(
            EXPERT_FULL, MESSAGES[EXPERT_FULL] % {"max_load": expert.max_load}, field="expert_in"
        )


def _error(code: str, field_name: str | None = None) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field_name)
