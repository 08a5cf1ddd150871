"""The public, redacted pages of monitoring, for anyone and in kk/ru/en: the report (figures, charts by type and
year, the map by region, the latest events), the published events, the list of persecuted persons, the register
of blocked websites, an organisation's criteria and the open data. Built only from the published copies
(public_selectors); anonymous visitors get them from the shared cache until something is published or withdrawn."""

import csv
import io
import json

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.core.exports import BOM, safe_cell
from azamat.core.public_cache import public_page
from azamat.monitoring import elections_selectors
from azamat.monitoring import public_selectors as selectors
from azamat.monitoring.listing_forms import EntryFilterForm, EventFilterForm, SiteFilterForm
from azamat.monitoring.models import BlockedSite
from azamat.monitoring.publication import TOPIC
from azamat.problems import regionmap
from azamat.registry.models import Organisation
from azamat.registry.report_charts import bars

PAGE_SIZE = 25
T = "monitoring/public/"
PAGE = require_http_methods(["GET", "HEAD"])
EVENT_FILTERS = ("year", "type", "region")
OPEN_DATA_CHUNK = 2000


def _topics(request, **kwargs):
    return [TOPIC]


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _event_filters(request, types=None) -> tuple[EventFilterForm, dict]:
    types = selectors.event_types() if types is None else types
    form = EventFilterForm(request.GET or None, years=selectors.years(), types=types)
    if not form.is_bound or not form.is_valid():
        return form, {}
    return form, form.filters()


def _events_link(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items() if value)
    return f"{reverse('monitoring:public_events')}?{query}" if query else reverse("monitoring:public_events")


# — the report —


@PAGE
@public_page(topics=_topics, params=EVENT_FILTERS)
def report(request):
    """The public report: figures, events by type and by year as bar charts with their tables, the map of events
    by region, and the latest published events — all with the filters year, type and region."""
    terms = selectors.event_types()
    form, filters = _event_filters(request, terms)
    events = selectors.filtered_events(**filters)
    figures = selectors.figures(events)
    types = {term.pk: term for term in terms}
    by_type = sorted(
        ((types[pk], count) for pk, count in figures["by_type"].items() if pk in types),
        key=lambda row: (-row[1], row[0].position),
    )
    by_year = sorted(figures["by_year"].items())
    region_filter = filters.get("region", "")
    year = filters.get("year") or ""
    type_code = filters.get("type_code", "")

    def region_link(region):
        return _events_link(year=year, type=type_code, region=region.kato)

    context = {
        "form": form,
        "filtered": bool(filters),
        "figures": figures,
        "listed": selectors.entry_figures(),
        "type_chart": bars([(term.name, count, str(count)) for term, count in by_type]),
        "type_rows": [
            (term, count, _events_link(year=year, type=term.code, region=region_filter))
            for term, count in by_type
        ],
        "year_chart": bars([(str(y), count, str(count)) for y, count in by_year]),
        "year_rows": [
            (y, count, _events_link(year=y, type=type_code, region=region_filter)) for y, count in by_year
        ],
        "tiles": regionmap.tiles(figures["by_region"], url=region_link),
        "latest": selectors.dressed(selectors.latest(events)),
        "events_link": _events_link(year=year, type=type_code, region=region_filter),
    }
    return render(request, T + "report.html", context)


# — events —


@PAGE
@public_page(topics=_topics, params=(*EVENT_FILTERS, "page"))
def events(request):
    """The published events, newest first, a page at a time, with the filters of the report."""
    form, filters = _event_filters(request)
    rows = selectors.event_rows(selectors.filtered_events(**filters))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.dressed(page.object_list)
    context = {
        "form": form,
        "filtered": bool(filters),
        "page": page,
        "query_string": _query_string(request),
    }
    return render(request, T + "events.html", context)


@PAGE
@public_page(topics=_topics)
def event(request, pk):
    copy = get_object_or_404(selectors.event_rows(selectors.published_events()), pk=pk)
    selectors.dressed([copy])
    return render(request, T + "event.html", {"copy": copy})


# — the list of persecuted persons —


@PAGE
@public_page(topics=_topics, params=("situation", "region", "ground", "page"))
def persecuted_list(request):
    """The list of persecuted persons, as the organisations' expert groups decided: a name only with the person's
    consent, else their public description; filters by situation, region and ground."""
    form = EntryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    page = Paginator(selectors.filtered_entries(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.dressed_entries(page.object_list)
    figures = selectors.entry_figures()
    context = {
        "form": form,
        "filtered": bool(filters),
        "page": page,
        "query_string": _query_string(request),
        "figures": figures,
        "by_situation": figures["by_situation"],
    }
    return render(request, T + "list.html", context)


@PAGE
@public_page(topics=_topics)
def entry(request, pk):
    row = get_object_or_404(selectors.filtered_entries(), pk=pk)
    selectors.dressed_entries([row])
    return render(request, T + "entry.html", {"entry": row})


# — blocked websites, criteria —


@PAGE
@public_page(topics=lambda request: [TOPIC, "monitoring-sites"], params=("status", "page"))
def sites(request):
    """The register of blocked websites: every address with its status, since when and the legal basis claimed."""
    form = SiteFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_bound and form.is_valid() else ""
    page = Paginator(selectors.sites(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filtered": bool(status),
        "page": page,
        "query_string": _query_string(request),
        "statuses": dict(BlockedSite.Status.choices),
    }
    return render(request, T + "sites.html", context)


@PAGE
@public_page(topics=_topics)
def elections(request):
    """The observed elections whose totals their organisations published."""
    return render(request, T + "elections.html", {"elections": elections_selectors.published_elections()})


@PAGE
@public_page(topics=_topics)
def election(request, pk):
    """An observed election's totals: the stations observed, each checklist question's answers and the share of
    problems, the figures by region, and its incidents published (redacted) as events."""
    found = get_object_or_404(elections_selectors.published_elections(), pk=pk)
    context = {
        "election": found,
        "totals": elections_selectors.totals(found),
        "incidents": selectors.dressed(elections_selectors.published_incidents(found)),
    }
    return render(request, T + "election.html", context)


@PAGE
@public_page(topics=_topics)
def criteria(request, org):
    """The organisation's latest criteria in the page's language (Kazakh or Russian; both on an English page),
    and its earlier versions."""
    organisation = get_object_or_404(Organisation.objects.only("pk", "name_kk", "name_ru", "bin"), pk=org)
    versions = selectors.criteria_of(organisation.pk)
    if not versions:
        raise Http404(_("This organisation has not published criteria."))
    language = (get_language() or "ru")[:2]
    latest = versions[0]
    texts = [("kk", latest.text_kk), ("ru", latest.text_ru)]
    if language in ("kk", "ru"):
        texts.sort(key=lambda text: text[0] != language)
    context = {"organisation": organisation, "latest": latest, "texts": texts, "earlier": versions[1:]}
    return render(request, T + "criteria.html", context)


# — open data —

COLUMNS = (
    "number",
    "title",
    "summary",
    "type",
    "acts",
    "region_kato",
    "settlement_kato",
    "date",
    "year",
    "month",
    "victims",
    "organisation_bin",
    "published_at",
)


def _open_rows():
    rows = (
        selectors.published_events()
        .order_by("pk")
        .values_list(
            "number",
            "title",
            "summary",
            "type__code",
            "acts",
            "region__kato",
            "place",
            "date_shown",
            "year",
            "month",
            "victims",
            "organisation__bin",
            "published_at",
        )
    )
    for row in rows.iterator(chunk_size=OPEN_DATA_CHUNK):
        values = list(row)
        values[COLUMNS.index("acts")] = ";".join(code for code in values[4].split(",") if code)
        values[COLUMNS.index("published_at")] = values[12].isoformat()
        yield values


def _csv():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(COLUMNS)
    for values in _open_rows():
        writer.writerow(["" if v is None else safe_cell(v) for v in values])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json():
    yield "["
    for index, values in enumerate(_open_rows()):
        yield ("," if index else "") + json.dumps(dict(zip(COLUMNS, values, strict=True)), ensure_ascii=False)
    yield "]"


OPEN_DATA = {"csv": ("text/csv; charset=utf-8", _csv), "json": ("application/json; charset=utf-8", _json)}


@PAGE
def open_data(request, fmt):
    """Every published, redacted event as CSV (every cell safe against spreadsheet formulas) or JSON."""
    if fmt not in OPEN_DATA:
        raise Http404(_("Unknown format: choose CSV or JSON."))
    content_type, build = OPEN_DATA[fmt]
    response = StreamingHttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="azamat-monitoring-events.{fmt}"'
    return response
