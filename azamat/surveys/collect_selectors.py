"""Collection's reads shared by pages: the team's responses list with its filters."""

from django.db.models import QuerySet

from azamat.surveys.models import Response, Survey


def responses_filtered(survey: Survey, filters: dict) -> QuerySet:
    rows = survey.responses.select_related("interviewer", "assignment").order_by("-started_at", "-pk")
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    review = filters.get("review")
    if review == "none":
        rows = rows.filter(review="")
    elif review:
        rows = rows.filter(review=review)
    flag = filters.get("flag")
    if flag in ("too_fast", "straightlining", "duplicate"):
        rows = rows.filter(**{flag: True})
    elif flag == "any":
        rows = rows.filter(too_fast=True) | rows.filter(straightlining=True) | rows.filter(duplicate=True)
    elif flag == "none":
        rows = rows.filter(too_fast=False, straightlining=False, duplicate=False)
    if filters.get("interviewer"):
        rows = rows.filter(interviewer_id=filters["interviewer"])
    if filters.get("region"):
        rows = rows.filter(region_code__startswith=filters["region"])
    if filters.get("since"):
        rows = rows.filter(started_at__date__gte=filters["since"])
    if filters.get("until"):
        rows = rows.filter(started_at__date__lte=filters["until"])
    return rows


def interviewer_choices(survey: Survey) -> list[tuple[str, str]]:
    return [
        (str(a.interviewer_id), str(a.interviewer))
        for a in survey.assignments.select_related("interviewer").order_by("interviewer__email")
    ]


def response_detail(survey: Survey, pk: int) -> Response:
    return (
        survey.responses.select_related("version", "interviewer", "assignment__region", "invitation")
        .prefetch_related("decisions__decided_by")
        .get(pk=pk)
    )


def full_cells_for(survey: Survey, quotas, assignment) -> list:
    """The full quota cells an interviewer on `assignment` can meet: with a region on the assignment and a region
    question on the survey, the cells of that region and those that hold any region; otherwise every full cell."""
    full = [quota for quota in quotas if quota.is_full]
    region = assignment.region.kato if assignment is not None and assignment.region_id else ""
    key = survey.region_question
    if not region or not key:
        return full
    return [quota for quota in full if key not in quota.conditions or region in quota.conditions[key]]


def latest_review(response: Response):
    """The team's last decision on `response` (approved, on hold, rejected), not counting corrections; None."""
    return response.decisions.exclude(review="").order_by("-pk").first()
