"""Blind scoring by experts, the extra expert when they disagree, and the aggregate score of an application.

An expert's total is Σ weightᵢ × valueᵢ / max_scoreᵢ × 100 / Σ weightᵢ (0–100; the reference criteria's
weights add up to 1). Once every expert on an application has scored: if their totals differ by more than
the grant type's max_score_spread, one extra expert is assigned (once); otherwise, or once the extra has
scored, the application's final score is the mean of the totals and it becomes "reviewed".
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from azamat.core.errors import DomainError
from azamat.grants import errors
from azamat.grants.lifecycle import APPLICATION, ASSIGNMENT
from azamat.grants.models import Application, Assignment, Criterion, Score
from azamat.grants.services.assignment import expert_add, report_shortfall

NOT_ASSIGNED = "not_assigned"
RECUSED = "recused"
FROZEN = "frozen"
DECLARATION_REQUIRED = "declaration_required"
NOT_UNDER_REVIEW = "not_under_review"
CONFLICTED = "conflicted"
MISSING_CRITERION = "missing_criterion"
UNKNOWN_CRITERION = "unknown_criterion"
OUT_OF_RANGE = "out_of_range"
JUSTIFICATION_TOO_SHORT = "justification_too_short"

MIN_JUSTIFICATION = 30

MESSAGES = {
    # The lifecycle's guards of "submit_scores" (grants/errors.py); the service checks the expert first.
    NOT_ASSIGNED: errors.MESSAGES[errors.NOT_ASSIGNED],
    RECUSED: errors.MESSAGES[errors.RECUSED],
    FROZEN: errors.MESSAGES[errors.SCORES_FROZEN],
    DECLARATION_REQUIRED: errors.MESSAGES[errors.DECLARATION_REQUIRED],
    NOT_UNDER_REVIEW: errors.MESSAGES[errors.NOT_UNDER_REVIEW],
    CONFLICTED: errors.MESSAGES[errors.CONFLICTED],
    MISSING_CRITERION: _("Score every criterion: “%(criterion)s” is missing."),
    UNKNOWN_CRITERION: _("A score was given for a criterion this grant type does not have."),
    OUT_OF_RANGE: _("The score for “%(criterion)s” must be a whole number from 0 to %(max)s."),
    JUSTIFICATION_TOO_SHORT: _("Justify the score for “%(criterion)s” in at least %(min)s characters."),
}

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _error(code: str, field: str | None = None, **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


def weighted_total(values: dict[int, int], criteria) -> Decimal:
    """The expert's total, 0–100, to the cent, from {criterion id: value}."""
    criteria = list(criteria)
    weights = sum((c.weight for c in criteria), start=Decimal(0))
    if not weights:
        return Decimal("0.00")
    raw = sum((c.weight * Decimal(values[c.pk]) / Decimal(c.max_score) for c in criteria), start=Decimal(0))
    return (raw * HUNDRED / weights).quantize(CENT, rounding=ROUND_HALF_UP)


def assignment_total(assignment: Assignment, criteria) -> Decimal:
    return weighted_total({s.criterion_id: s.value for s in assignment.scores.all()}, criteria)


def _criteria(application: Application) -> list[Criterion]:
    return list(application.call.grant_type.criteria.order_by("position", "pk"))


def _validate(scores: dict, criteria: list[Criterion]) -> dict[int, tuple[int, str]]:
    scores = {int(k): v for k, v in (scores or {}).items()}
    known = {c.pk for c in criteria}
    if set(scores) - known:
        raise _error(UNKNOWN_CRITERION)
    clean = {}
    for criterion in criteria:
        field = f"criterion_{criterion.pk}"
        if criterion.pk not in scores or scores[criterion.pk] is None:
            raise _error(MISSING_CRITERION, field, criterion=criterion.name)
        value, justification = scores[criterion.pk]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.max_score:
            raise _error(OUT_OF_RANGE, field, criterion=criterion.name, max=criterion.max_score)
        justification = (justification or "").strip()
        if len(justification) < MIN_JUSTIFICATION:
            raise _error(
                JUSTIFICATION_TOO_SHORT,
                f"justification_{criterion.pk}",
                criterion=criterion.name,
                min=MIN_JUSTIFICATION,
            )
        clean[criterion.pk] = (value, justification)
    return clean


@transaction.atomic
def score_submit(*, assignment: Assignment, by, scores: dict) -> Assignment:
    """The assigned expert's scores, each with its justification; frozen once submitted.
    `scores` is {criterion id: (value, justification)} and must cover every criterion of the grant type."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("expert", "application__call__grant_type", "application__organisation")
        .get(pk=assignment.pk)
    )
    application = assignment.application
    if not (by and by.is_authenticated and assignment.expert.user_id == by.pk):
        raise _error(NOT_ASSIGNED)  # before the state: a stranger learns nothing of the assignment
    ASSIGNMENT.require(assignment, "submit_scores", by)  # recused, frozen, declaration, review, conflict
    criteria = _criteria(application)
    clean = _validate(scores, criteria)
    bulk_create_with_history(
        [  # a plain bulk_create would leave the scores without their history
            Score(assignment=assignment, criterion_id=pk, value=value, justification=justification)
            for pk, (value, justification) in clean.items()
        ],
        Score,
        default_user=by,
    )
    # the submitted scores replace the draft
    ASSIGNMENT.apply(assignment, "submit_scores", by=by, submitted_at=timezone.now(), draft_scores={})
    application_settle(application=application, by=by)
    return assignment


def _draft_clean(scores: dict, criteria: list[Criterion]) -> dict[str, dict]:
    """A draft may be incomplete, but what is in it must fit: a known criterion, a value in range."""
    scores = {int(k): v for k, v in (scores or {}).items()}
    if set(scores) - {c.pk for c in criteria}:
        raise _error(UNKNOWN_CRITERION)
    draft = {}
    for criterion in criteria:
        value, justification = scores.get(criterion.pk) or (None, "")
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.max_score
        ):
            raise _error(
                OUT_OF_RANGE, f"criterion_{criterion.pk}", criterion=criterion.name, max=criterion.max_score
            )
        justification = (justification or "").strip()[:5000]
        if value is not None or justification:
            draft[str(criterion.pk)] = {"value": value, "justification": justification}
    return draft


@transaction.atomic
def score_draft_save(*, assignment: Assignment, by, scores: dict) -> Assignment:
    """Keep the expert's scores so far without submitting them; a draft never counts anywhere.
    `scores` is {criterion id: (value or None, justification)} and may leave criteria out."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("expert", "application__call__grant_type")
        .get(pk=assignment.pk)
    )
    if not (by and by.is_authenticated and assignment.expert.user_id == by.pk):
        raise _error(NOT_ASSIGNED)
    if assignment.status == Assignment.Status.RECUSED:
        raise _error(RECUSED)
    if assignment.status == Assignment.Status.SUBMITTED:
        raise _error(FROZEN)
    assignment.draft_scores = _draft_clean(scores, _criteria(assignment.application))
    assignment._history_user = by
    assignment.save(update_fields=["draft_scores"])
    return assignment


def draft_initial(assignment: Assignment) -> dict:
    """The saved draft as the score form's initial values."""
    initial = {}
    for pk, entry in (assignment.draft_scores or {}).items():
        if not isinstance(entry, dict):
            continue
        if entry.get("value") is not None:
            initial[f"criterion_{pk}"] = entry["value"]
        if entry.get("justification"):
            initial[f"justification_{pk}"] = entry["justification"]
    return initial


@transaction.atomic
def application_settle(*, application: Application, by) -> str:
    """Move an application on once its experts have scored: "waiting", "extra" (an extra expert was
    assigned) or "reviewed" (the final score is set)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__grant_type")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.COMPLIANT:
        return "waiting"
    grant_type = application.call.grant_type
    assignments = list(application.assignments.select_related("draw").prefetch_related("scores"))
    active = [a for a in assignments if a.status != Assignment.Status.RECUSED]
    regular = [a for a in active if not a.is_extra]
    if len(regular) < grant_type.experts_per_application or any(
        a.status != Assignment.Status.SUBMITTED for a in active
    ):
        return "waiting"
    criteria = _criteria(application)
    totals = [assignment_total(a, criteria) for a in active]
    extra_ever = any(a.is_extra for a in assignments)
    if not extra_ever and max(totals) - min(totals) > grant_type.max_score_spread:
        draw = next((a.draw for a in regular if a.draw is not None), None)
        if expert_add(application=application, draw=draw, is_extra=True, tag="extra", by=by) is not None:
            return "extra"
        report_shortfall(application=application, draw=draw, template="grants/review/review_no_extra")
    application.final_score = (sum(totals, start=Decimal(0)) / len(totals)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    APPLICATION.apply(application, "complete_review", by=by)
    return "reviewed"


@dataclass
class Aggregate:
    count: int
    criteria: list[tuple[Criterion, Decimal]]  # mean value per criterion
    total: Decimal | None  # mean of the experts' totals


def aggregate(application: Application) -> Aggregate:
    """The mean per criterion and the mean total over the submitted (non-recused) scores."""
    criteria = _criteria(application)
    submitted = list(
        application.assignments.filter(status=Assignment.Status.SUBMITTED).prefetch_related("scores")
    )
    if not submitted:
        return Aggregate(count=0, criteria=[(c, None) for c in criteria], total=None)
    values: dict[int, list[int]] = {c.pk: [] for c in criteria}
    for assignment in submitted:
        for score in assignment.scores.all():
            values.setdefault(score.criterion_id, []).append(score.value)
    means = [
        (
            c,
            (Decimal(sum(values[c.pk])) / len(values[c.pk])).quantize(CENT, rounding=ROUND_HALF_UP)
            if values[c.pk]
            else None,
        )
        for c in criteria
    ]
    totals = [assignment_total(a, criteria) for a in submitted]
    total = (sum(totals, start=Decimal(0)) / len(totals)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Aggregate(count=len(submitted), criteria=means, total=total)
