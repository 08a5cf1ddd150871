"""The public figures of accountability: the national overview, a body's and a region's figures, the ranking of
bodies, the list of items with its filters, their downloads (CSV/XLSX) and Atom feeds, and following a body or
a region. Public items only; every figure from `stats` (counted in the database)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.accountability import charts, exports, selectors, services, stats
from azamat.accountability.feeds import AnsweredFeed, OverdueFeed
from azamat.accountability.forms.public import (
    MIN_ITEMS,
    OVERDUE_NOW,
    FiguresForm,
    ItemFilterForm,
    RankingForm,
    cleaned,
)
from azamat.accountability.models import Follow
from azamat.accountability.permissions import can_follow
from azamat.core.collation import sorted_alphabetically
from azamat.core.exports import spreadsheet_response
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.registry.models import GovernmentBody, Region

ITEMS_PAGE_SIZE = 25
RANKING_PAGE_SIZE = 50
OVERDUE_SHOWN = 10
FIGURES_PARAMS = ("year", "period")
ITEM_PARAMS = ("page", "status", "body", "region", "kind", "year")
RANKING_PARAMS = ("page", "level", "region", "min_items", "year", "sort")


def _topics(request, **kwargs):
    # Every change of an item bumps "accountability"; names of bodies and regions come from the registry.
    return ["accountability", "registry"]


def _query_string(request, drop: str = "page") -> str:
    query = request.GET.copy()
    query.pop(drop, None)
    return query.urlencode()


def _figures(request, **scope) -> dict:
    """What every figures page shows for its scope (a body, a region, the country): the figures, the answer
    times and the charts, for the year asked for (the charts end with that year)."""
    today = timezone.localdate()
    form = FiguresForm(request.GET or None, years=stats.years(stats.public_items(**scope)))
    filters = cleaned(form)
    year = int(filters["year"]) if "year" in filters else None
    period = filters.get("period", "month")
    queryset = stats.public_items(**scope, year=year)
    times = stats.answer_times(queryset)
    until = min(today, datetime.date(year, 12, 31)) if year else today
    periods = stats.over_time(stats.public_items(**scope), period=period, today=until)
    figures = stats.figures(queryset, today)
    return {
        "form": form,
        "year": year,
        "period": period,
        "figures": figures,
        "times": times,
        "median_days": times.median_days,
        "periods": periods,
        "over_time": charts.sent_and_answered(periods),
        "answer_chart": charts.answer_time_bars(times.buckets),
        "query_string": _query_string(request),
        "today": today,
        "queryset": queryset,
    }


def _region_or_404(kato: str) -> Region:
    if not (kato.isdigit() and len(kato) == 9):
        raise Http404(_("No such region."))
    return get_object_or_404(Region, kato=kato)


def _overdue_items(**scope) -> list:
    """The items of a body or a region longest overdue now, unanswered: the first OVERDUE_SHOWN."""
    overdue = selectors.items(public_only=True).filter(
        **scope, outcome="", current_due__lt=timezone.localdate()
    )
    return list(overdue.order_by("current_due", "pk")[:OVERDUE_SHOWN])


def _following(request, **target) -> bool:
    if not request.user.is_authenticated:
        return False
    return Follow.objects.filter(user=request.user, **target).exists()


@require_GET
@public_page(topics=_topics, params=FIGURES_PARAMS)
def overview(request):
    context = _figures(request)
    regions = stats.by_region(context["queryset"], today=context["today"])
    context["regions"] = sorted_alphabetically(regions, key=lambda row: row.subject.name)
    return render(request, "accountability/public/overview.html", context)


@require_GET
@public_page(topics=_topics, params=FIGURES_PARAMS)
def body_figures(request, code):
    body = get_object_or_404(GovernmentBody.objects.select_related("region", "parent"), code=code)
    context = _figures(request, body=body)
    context.update(
        body=body, following=_following(request, body=body), overdue_items=_overdue_items(body=body)
    )
    return render(request, "accountability/public/body.html", context)


@require_GET
@public_page(topics=_topics, params=FIGURES_PARAMS)
def region_figures(request, kato):
    region = _region_or_404(kato)
    context = _figures(request, region=region)
    bodies = stats.by_body(context["queryset"], today=context["today"])
    context.update(
        region=region,
        following=_following(request, region=region),
        overdue_items=_overdue_items(region=region),
        bodies=stats.ranked(bodies, "received"),
    )
    return render(request, "accountability/public/region.html", context)


def _ranking_rows(request):
    form = RankingForm(request.GET or None, years=stats.years(stats.public_items()))
    filters = cleaned(form)
    region = Region.objects.filter(kato=filters["region"]).first() if "region" in filters else None
    year = int(filters["year"]) if "year" in filters else None
    min_items = filters.get("min_items", MIN_ITEMS)
    sort = filters.get("sort", "share")
    rows = stats.by_body(
        stats.public_items(year=year), min_items=min_items, level=filters.get("level", ""), region=region
    )
    return form, stats.ranked(rows, sort), sort, min_items


@require_GET
@public_page(topics=_topics, params=RANKING_PARAMS)
def ranking(request):
    form, rows, sort, min_items = _ranking_rows(request)
    page = Paginator(rows, RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    context = {
        "form": form,
        "page": page,
        "first_position": page.start_index(),
        "sort": sort,
        "min_items": min_items,
        "query_string": _query_string(request),
        "sort_query": query.urlencode(),
    }
    return render(request, "accountability/public/ranking.html", context)


def _search(queryset, text: str):
    """Words of the title or the number. PostgreSQL folds Cyrillic case itself; SQLite's LIKE folds only
    ASCII, so the usual spellings of the word are asked for too."""
    text = text.strip()
    if not text:
        return queryset
    match = Q(number__iexact=text)
    for variant in {text, text.lower(), text.capitalize(), text.upper()}:
        match |= Q(title__icontains=variant)
    return queryset.filter(match)


def _filtered_items(request):
    public = stats.public_items()
    bodies = GovernmentBody.objects.filter(pk__in=public.values("body")).only(
        "code", "name_kk", "name_ru", "name_en"
    )
    form = ItemFilterForm(request.GET or None, years=stats.years(public), bodies=list(bodies))
    filters = cleaned(form)
    queryset = selectors.items(public_only=True)
    if filters.get("status") == OVERDUE_NOW:  # by the dates: cheaper than the status expression
        queryset = queryset.filter(outcome="", current_due__lt=timezone.localdate())
    elif "status" in filters:
        queryset = queryset.filter(stats.status_filter(filters["status"], timezone.localdate()))
    if "body" in filters:
        queryset = queryset.filter(body__code=filters["body"])
    if "region" in filters:
        queryset = queryset.filter(region__kato=filters["region"])
    if "kind" in filters:
        queryset = queryset.filter(kind=filters["kind"])
    if "year" in filters:
        queryset = queryset.filter(sent_on__year=int(filters["year"]))
    queryset = _search(queryset, filters.get("q", ""))
    return form, queryset.order_by("-sent_on", "-pk")


@require_GET
@public_page(topics=_topics, params=ITEM_PARAMS)
def item_list(request):
    form, queryset = _filtered_items(request)
    # The page's ids in order first (a narrow sort), then those rows with what the table shows.
    page = Paginator(queryset.values_list("pk", flat=True), ITEMS_PAGE_SIZE).get_page(request.GET.get("page"))
    loaded = selectors.items(public_only=True).in_bulk(list(page.object_list))
    page.object_list = [loaded[pk] for pk in page.object_list if pk in loaded]
    context = {
        "form": form,
        "page": page,
        "query_string": _query_string(request),
        "filtered": any(request.GET.get(name) for name in ("q", *ITEM_PARAMS[1:])),
    }
    return render(request, "accountability/public/items.html", context)


@require_GET
def items_download(request, fmt):
    def build():
        _form, queryset = _filtered_items(request)
        return exports.items_table(queryset)

    return spreadsheet_response(request, fmt=fmt, name="accountability-items", build=build)


@require_GET
def ranking_download(request, fmt):
    def build():
        _form, rows, _sort, _min = _ranking_rows(request)
        return exports.bodies_table(rows)

    return spreadsheet_response(request, fmt=fmt, name="accountability-bodies", build=build)


def _follow(request, target: dict, done_message: str, undone_message: str):
    require(can_follow(request.user))
    if request.POST.get("follow") == "0":
        services.unfollow(user=request.user, **target)
        messages.success(request, undone_message)
    else:
        services.follow(user=request.user, **target)
        messages.success(request, done_message)


@login_required
@require_POST
def body_follow(request, code):
    body = get_object_or_404(GovernmentBody, code=code)
    _follow(
        request,
        {"body": body},
        _("You follow this body: you will get an email when its items are answered or overdue."),
        _("You no longer follow this body."),
    )
    return redirect("accountability:body", code=body.code)


@login_required
@require_POST
def region_follow(request, kato):
    region = _region_or_404(kato)
    _follow(
        request,
        {"region": region},
        _("You follow this region: you will get an email when its items are answered or overdue."),
        _("You no longer follow this region."),
    )
    return redirect("accountability:region", kato=region.kato)


urlpatterns = [
    path("", overview, name="overview"),
    path("bodies/<slug:code>/", body_figures, name="body"),
    path("bodies/<slug:code>/follow/", body_follow, name="body_follow"),
    path("bodies/<slug:code>/feeds/overdue/", OverdueFeed(), name="body_feed_overdue"),
    path("bodies/<slug:code>/feeds/answered/", AnsweredFeed(), name="body_feed_answered"),
    path("regions/<str:kato>/", region_figures, name="region"),
    path("regions/<str:kato>/follow/", region_follow, name="region_follow"),
    path("ranking/", ranking, name="ranking"),
    path("ranking.<str:fmt>", ranking_download, name="ranking_download"),
    path("items/", item_list, name="items"),
    path("items.<str:fmt>", items_download, name="items_download"),
    path("feeds/overdue/", OverdueFeed(), name="feed_overdue"),
    path("feeds/answered/", AnsweredFeed(), name="feed_answered"),
]
