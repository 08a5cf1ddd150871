"""An expert's recusal: they step aside, a replacement is drawn by the same method, or the application settles.

Its own module because it builds on both the draw (assignment) and the scores (scoring), which must not
import each other.
"""

from django.db import transaction

from azamat.grants.lifecycle import ASSIGNMENT
from azamat.grants.models import Assignment
from azamat.grants.selectors.review import expert_code
from azamat.grants.services.assignment import (
    RECUSAL_REASON_REQUIRED,
    expert_add,
    report_shortfall,
)
from azamat.grants.services.assignment import _error as assignment_error
from azamat.grants.services.scoring import application_settle


@transaction.atomic
def assignment_recuse(*, assignment: Assignment, by, reason: str) -> tuple[Assignment, Assignment | None]:
    """The expert steps aside; a replacement is drawn at once by the same method, or the operator is told."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("expert", "draw", "application__call__grant_type")
        .get(pk=assignment.pk)
    )
    ASSIGNMENT.require(assignment, "recuse", by)  # their own, not yet scored
    reason = (reason or "").strip()
    if not reason:
        raise assignment_error(RECUSAL_REASON_REQUIRED, "reason")
    ASSIGNMENT.apply(assignment, "recuse", by=by, recusal_reason=reason[:500])
    replacement = expert_add(
        application=assignment.application,
        draw=assignment.draw,
        is_extra=assignment.is_extra,
        tag=f"replaces:{expert_code(assignment.expert_id)}",
        by=by,
        replaces=assignment,
    )
    if replacement is None:
        report_shortfall(
            application=assignment.application,
            draw=assignment.draw,
            template="grants/review/review_no_replacement",
        )
        # An extra expert who leaves unreplaced must not hold the application back: the others have scored.
        application_settle(application=assignment.application, by=by)
    return assignment, replacement
