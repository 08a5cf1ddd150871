"""Public transparency pages: a call's results with the commission's protocols, and open data downloads."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.core.errors import DomainError
from azamat.core.pagination import CountedPaginator
from azamat.core.public_cache import public_page
from azamat.grants import opendata
from azamat.grants.lifecycle import CALL
from azamat.grants.models import Application, Call, Sitting
from azamat.grants.permissions import can_manage_calls
from azamat.grants.selectors.dashboard import awarded_amounts, cached_figures
from azamat.grants.services.results import (
    awarded_grants,
    call_results_publish,
    project_of,
    results_summary,
)

RESULTS_PAGE_SIZE = 50
DECISIONS = {"awarded": Application.Status.AWARDED, "not_awarded": Application.Status.NOT_AWARDED}


@require_GET
@public_page(
    topics=lambda request, code: [f"results:{code}", "dashboard"], params=("page", "direction", "decision")
)
def call_results(request, code):
    """The decisions of a call: a summary per direction, then every decision, a page at a time, filtered by
    direction and decision (a national call has thousands)."""
    call = get_object_or_404(Call.objects.select_related("customer", "grant_type"), code=code, published=True)
    if not call.results_published:
        raise Http404(_("The results of this call are not published yet."))
    summary = results_summary(call)
    direction = request.GET.get("direction", "")
    decision = request.GET.get("decision", "")
    decisions = [DECISIONS[decision]] if decision in DECISIONS else list(DECISIONS.values())
    decided = call.applications.filter(status__in=decisions)
    shown = summary
    if direction.isdigit() and any(s.direction.pk == int(direction) for s in summary):
        decided = decided.filter(direction_id=int(direction))
        shown = [s for s in summary if s.direction.pk == int(direction)]
    else:
        direction = ""
    # How many decisions the filters keep, from the summary (cached with the page's topics) rather than a COUNT.
    count = sum(
        s.awarded
        if decision == "awarded"
        else s.decided - s.awarded
        if decision == "not_awarded"
        else s.decided
        for s in shown
    )
    # The page's ids in order first (a narrow sort), then those 50 rows with what the table shows.
    page = CountedPaginator(
        decided.order_by(
            "direction__position", "direction_id", "-final_score", "submitted_at", "pk"
        ).values_list("pk", flat=True),
        RESULTS_PAGE_SIZE,
        count=count,
    ).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    # Only what the table shows: the organisation's other columns (its texts and search vectors) cost more to
    # load than the rows' SQL; of the project, its page and its amount.
    loaded = (
        Application.objects.filter(pk__in=ids)
        .select_related("organisation", "project")
        .only(
            "number",
            "title",
            "status",
            "final_score",
            "organisation__bin",
            "organisation__name_kk",
            "organisation__name_ru",
            "direction_id",
            "project__id",
            "project__amount",
        )
        .in_bulk()
    )
    rows = [loaded[pk] for pk in ids]
    # The awarded rows' amounts by the rule the summary above counts them by (awarded_amounts): the project's,
    # else the last decision's, else as requested; a query more only for rows without a project.
    amounts = awarded_amounts(
        [
            {"pk": a.pk, "project__amount": project.amount if (project := project_of(a)) else None}
            for a in rows
            if a.status == Application.Status.AWARDED
        ]
    )
    # Each row's direction is one of the summary's (loaded once with it), not an object per row.
    of_summary = {s.direction.pk: s.direction for s in summary}
    directions = {}
    for application in rows:
        direction_rows = directions.setdefault(of_summary[application.direction_id], [])
        direction_rows.append((application, amounts.get(application.pk)))
    sittings = Sitting.objects.filter(commission__call=call, closed_at__isnull=False).exclude(protocol="")
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "call": call,
        "summary": summary,
        "directions": directions.items(),
        "page": page,
        "query_string": query.urlencode(),
        "selected": {"direction": direction, "decision": decision if decision in DECISIONS else ""},
        "total": sum((s.amount for s in summary), start=Decimal(0)),
        "count": sum(s.awarded for s in summary),
        "decided": sum(s.decided for s in summary),
        "sittings": sittings.order_by("starts_at"),
    }
    return render(request, "grants/public/results.html", context)


def _filters(request) -> dict:
    year = request.GET.get("year", "")
    return {
        "year": int(year) if year.isdigit() and len(year) <= 4 else None,  # a year, not an overflow
        "customer": request.GET.get("customer", "")[:80],
        "region": request.GET.get("region", "")[:9],
    }


@require_GET
@public_page(
    topics=lambda request: ["dashboard"]
)  # the date of update moves with every record the data reads
def open_data(request):
    context = {
        "formats": ["csv", "xlsx", "json"],
        "fields": opendata.field_dictionary(),
        # Kept with the downloads (under the topic "dashboard"): the date the page gives is the data's they hold.
        "last_update": cached_figures("opendata:last-update", opendata.last_update),
    }
    return render(request, "grants/public/open_data.html", context)


OPEN_DATA_FORMATS = {
    "csv": ("text/csv; charset=utf-8", opendata.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", opendata.to_xlsx),
    "json": ("application/json; charset=utf-8", opendata.to_json),
}


@require_GET
def open_data_download(request, fmt):
    if fmt not in OPEN_DATA_FORMATS:
        raise Http404(_("Unknown format."))
    content_type, build = OPEN_DATA_FORMATS[fmt]
    filters = _filters(request)
    # Names in the language asked for (?lang=kk|ru|en), else the page's; the column titles stay the standard's.
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()[:2]
    # Built from every awarded grant: kept in the cache until a record it reads changes, like the dashboard.
    key = f"opendata:{fmt}:{language}:{filters['year'] or ''}:{filters['customer']}:{filters['region']}"

    def built():
        with translation.override(language):
            return build(awarded_grants(**filters))

    content = cached_figures(key, built)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="azamat-grants.{fmt}"'
    return response


@login_required
@require_POST
def call_results_publish_view(request, code):
    """Publishing cannot be undone: without the confirmation, a summary of what becomes public, to confirm."""
    call = get_object_or_404(Call, code=code)
    if request.POST.get("confirm") != "yes":
        decision = CALL.check(call, "publish_results", request.user)
        if not decision:
            if not can_manage_calls(request.user):
                raise PermissionDenied(decision.reason)
            messages.error(request, decision.reason)
            return redirect(call)
        rows = list(
            Application.objects.filter(call=call, status=Application.Status.AWARDED).values(
                "pk", "project__amount"
            )
        )
        others = Application.objects.filter(call=call).exclude(status=Application.Status.AWARDED)
        context = {
            "call": call,
            "awarded": len(rows),
            "total": sum(awarded_amounts(rows).values(), Decimal(0)),
            "not_awarded": others.exclude(status=Application.Status.DRAFT).count(),
        }
        return render(request, "grants/calls/publish_results.html", context)
    try:
        call_results_publish(call=call, by=request.user)
    except DomainError as error:
        if error.code == "not_allowed":
            raise PermissionDenied(str(error)) from error
        messages.error(request, str(error))
        return redirect(call)
    messages.success(request, _("The results are published."))
    return redirect("grants:call_results", code=call.code)


urlpatterns = [
    path("calls/<slug:code>/results/", call_results, name="call_results"),
    path("calls/<slug:code>/results/publish/", call_results_publish_view, name="call_results_publish"),
    path("open-data/", open_data, name="open_data"),
    path("open-data/grants.<str:fmt>", open_data_download, name="open_data_download"),
]
