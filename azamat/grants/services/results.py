"""Published results of calls and the awarded grants, in the 360Giving Data Standard's terms."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from azamat.core.public_cache import topics_bump
from azamat.grants.lifecycle import CALL
from azamat.grants.models import AgendaItem, Application, BudgetLine, Call, Direction, Project
from azamat.grants.selectors.dashboard import AWARD_ORDER

NOT_ALLOWED = "not_allowed"
RESULTS_NOT_READY = "results_not_ready"
IDENTIFIER_PREFIX = getattr(settings, "GRANTS_360_PREFIX", "360G-azamat")
ORG_SCHEME = "KZ-BIN"  # organisation identifiers: the scheme for Kazakh BINs followed by the BIN


@transaction.atomic
def call_results_publish(*, call: Call, by) -> Call:
    """Publish the results of a call once every application on it has a final decision."""
    # The operator's, on a closed call whose every application is decided: grants/lifecycle.py (CALL).
    call = Call.objects.select_for_update().get(pk=call.pk)
    CALL.apply(call, "publish_results", by=by, results_published=True)
    topics_bump("calls", f"results:{call.code}")  # the call's phase, and its results page
    return call


@dataclass
class AwardedGrant:
    application: Application
    amount: Decimal
    award_date: datetime.date | None
    project: Project | None

    @property
    def identifier(self) -> str:
        return f"{IDENTIFIER_PREFIX}-{self.application.number or self.application.pk}"


def awarded_applications(
    *, call: Call | None = None, year: int | None = None, customer: str = "", region: str = "", ids=None
) -> QuerySet[Application]:
    qs = Application.objects.filter(status=Application.Status.AWARDED, call__results_published=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if call is not None:
        qs = qs.filter(call=call)
    if year:
        qs = qs.filter(call__opens_at__year=year)
    if customer:
        qs = qs.filter(call__customer__code=customer)
    if region:
        qs = qs.filter(
            Q(direction__region__kato=region)
            | Q(direction__region__isnull=True, organisation__region__kato=region)
        )
    awarded_items = (
        AgendaItem.objects.filter(decision=AgendaItem.Decision.AWARDED)
        .select_related("sitting")
        .order_by(*AWARD_ORDER)  # grants_of takes the last
    )
    # The sum of the budget lines in the same query (Application.requested_amount would ask once per row).
    requested = (
        BudgetLine.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum(F("quantity") * F("unit_cost")))
        .values("total")
    )
    return (
        qs.annotate(
            requested_total=Subquery(requested, output_field=DecimalField(max_digits=16, decimal_places=2))
        )
        .select_related(
            "call__customer",
            "call__operator",
            "call__grant_type",
            "direction__region",
            "organisation__region",
            "project",
        )
        .prefetch_related(Prefetch("agenda_items", queryset=awarded_items, to_attr="awarded_items"))
        .order_by("call__opens_at", "number")
    )


def awarded_grants(**filters) -> list[AwardedGrant]:
    return grants_of(awarded_applications(**filters))


def project_of(application: Application):
    """The application's project, or None (the reverse one-to-one raises where there is none)."""
    return getattr(application, "project", None)


def grants_of(applications) -> list[AwardedGrant]:
    """The awarded grants of applications from awarded_applications (or a page of them)."""
    grants = []
    for application in applications:
        project = project_of(application)
        items = getattr(application, "awarded_items", [])
        if hasattr(application, "requested_total"):
            requested = (application.requested_total or Decimal(0)).quantize(Decimal("0.01"))
        else:
            requested = application.requested_amount
        item = items[-1] if items else None
        if project is not None:
            amount, award_date = project.amount, project.signed_on
        elif item is not None:  # decided at a sitting; the amount as decided, or as asked when not reduced
            amount = item.amount if item.amount is not None else requested
            award_date = timezone.localtime(item.sitting.starts_at).date()
        else:
            amount, award_date = requested, None
        grants.append(
            AwardedGrant(application=application, amount=amount, award_date=award_date, project=project)
        )
    return grants


@dataclass
class DirectionResults:
    direction: Direction
    decided: int = 0
    awarded: int = 0
    amount: Decimal = Decimal(0)


def results_summary(call: Call) -> list[DirectionResults]:
    """Per direction of a call: the applications decided, the grants awarded and their amount, in a few queries
    (a national call has thousands of decisions; the page lists them a page at a time). Cached like the
    dashboard's figures, until a record they read changes."""
    from azamat.grants.selectors.dashboard import cached_figures

    return cached_figures(f"results:{call.pk}", lambda: _results_summary(call))


def _results_summary(call: Call) -> list[DirectionResults]:
    from azamat.grants.selectors.dashboard import awarded_amounts

    summary = {d.pk: DirectionResults(direction=d) for d in call.directions.select_related("region")}
    decided = call.applications.filter(
        status__in=[Application.Status.AWARDED, Application.Status.NOT_AWARDED]
    )
    for row in (
        decided.values("direction_id")
        .annotate(n=Count("pk"), awarded=Count("pk", filter=Q(status=Application.Status.AWARDED)))
        .order_by()
    ):
        summary[row["direction_id"]].decided = row["n"]
        summary[row["direction_id"]].awarded = row["awarded"]
    awarded = list(
        decided.filter(status=Application.Status.AWARDED).values("pk", "direction_id", "project__amount")
    )
    amounts = awarded_amounts(awarded)
    for row in awarded:
        summary[row["direction_id"]].amount += amounts.get(row["pk"], Decimal(0))
    return [s for s in summary.values() if s.decided]
