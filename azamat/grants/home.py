"""Grants on the home page: the calls open now, the grants awarded so far and the latest published results."""

from decimal import Decimal

from azamat.grants.models import Application, Call, Project
from azamat.grants.selectors.applications import phase_filter
from azamat.grants.selectors.dashboard import awarded_amounts, cached_figures

OPEN_CALLS_SHOWN = 6
LATEST_RESULTS_SHOWN = 3


def _totals() -> dict:
    """Grants awarded in calls with published results, their sum and the projects under agreement."""
    awarded = list(
        Application.objects.filter(status=Application.Status.AWARDED, call__results_published=True).values(
            "pk", "project__amount"
        )
    )
    amounts = awarded_amounts(awarded)
    return {
        "n_awarded": len(awarded),
        "awarded_sum": sum(amounts.values(), start=Decimal(0)),
        "n_projects": Project.objects.filter(application__call__results_published=True).count(),
    }


def context() -> dict:
    # A fixed number of rows and figures whatever the number of calls: the query count stays flat.
    open_calls = list(
        Call.objects.filter(phase_filter("open"))
        .only("code", "title_kk", "title_ru", "title_en", "closes_at")
        .order_by("closes_at", "pk")[:OPEN_CALLS_SHOWN]
    )
    latest_results = list(
        Call.objects.filter(phase_filter("results"))
        .only("code", "title_kk", "title_ru", "title_en", "closes_at")
        .order_by("-closes_at", "-pk")[:LATEST_RESULTS_SHOWN]
    )
    # Reads every award: kept in the cache until a record the dashboard reads changes (the "dashboard" topic).
    totals = cached_figures("home:totals", _totals)
    return {"open_calls": open_calls, "latest_results": latest_results, "grants_totals": totals}
