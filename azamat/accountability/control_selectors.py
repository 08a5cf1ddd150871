"""Reads of public-control checks: the public list with its filters, one check with its team and the fate of
the recommendations it sent (`selectors.items_of_source`). The status is computed in the query from the dates,
as `Check.status_on` computes it for one record."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Prefetch, QuerySet, Value, When
from django.utils import timezone

from azamat.accountability.models import Check, CheckMember, CheckRecommendation, Item
from azamat.accountability.selectors import items_of_source
from azamat.registry.models import GovernmentBody

S = Check.Status


def status_expression(today: datetime.date) -> Case:
    return Case(
        When(completed_on__isnull=False, then=Value(S.COMPLETED)),
        When(starts_on__gt=today, then=Value(S.PLANNED)),
        default=Value(S.IN_PROGRESS),
        output_field=CharField(),
    )


def with_status(queryset: QuerySet | None = None, today: datetime.date | None = None) -> QuerySet:
    queryset = Check.objects.all() if queryset is None else queryset
    return queryset.annotate(computed_status=status_expression(today or timezone.localdate()))


def checks_public(
    *,
    body: str = "",
    region: str = "",
    method: str = "",
    year: int | None = None,
    status: str = "",
    today: datetime.date | None = None,
) -> QuerySet:
    """Every check, newest first, filtered by the body's code, its region's KATO code, the form of control,
    the year it started in and its status; each with its organisation and how many recommendations it sent."""
    queryset = with_status(
        Check.objects.select_related("body", "body__region", "organisation"), today
    ).annotate(n_sent=Count("recommendations__item"))
    if body:
        queryset = queryset.filter(body__code=body)
    if region:
        queryset = queryset.filter(body__region__kato=region)
    if method:
        queryset = queryset.filter(method=method)
    if year:
        queryset = queryset.filter(starts_on__year=year)
    if status:
        queryset = queryset.filter(computed_status=status)
    return queryset.order_by("-starts_on", "-pk")


def checked_bodies() -> QuerySet:
    """The bodies some check is about (the list's filter offers only these)."""
    return GovernmentBody.objects.filter(control_checks__isnull=False).distinct()


def check_years() -> list[int]:
    return sorted({day.year for day in Check.objects.dates("starts_on", "year")}, reverse=True)


def check_detail(pk: int) -> Check:
    return (
        with_status(Check.objects.select_related("body", "body__region", "organisation"))
        .prefetch_related(
            Prefetch("team", queryset=CheckMember.objects.select_related("user")),
            Prefetch(
                "recommendations",
                queryset=CheckRecommendation.objects.select_related("body").filter(item__isnull=True),
                to_attr="drafts",
            ),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class StatusRow:
    status: str
    label: str
    count: int


def recommendations_fate(check: Check) -> tuple[list[Item], list[StatusRow]]:
    """The items the check sent, each with its status now, and how many are in each status (those with any)."""
    items = list(items_of_source(check).select_related("body"))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    rows = [
        StatusRow(value, str(label), counts[value]) for value, label in Item.Status.choices if value in counts
    ]
    return items, rows
