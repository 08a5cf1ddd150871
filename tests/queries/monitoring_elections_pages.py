"""The query-count cases of election observation: an organisation's observed elections, an election's stations
with their observers and totals, a station's checklists and incidents, and the public pages of published
totals — registered into `PAGE_CASES` on import. Alice coordinates (verifier) and observes. Rows vary: different
observers, regions, phases. `LIST_PAGES` and `NOT_LISTS` declare the part's pages."""

import datetime

from django.urls import reverse

from tests.queries.monitoring_casework_pages import _alice, _colleague
from tests.queries.support import SERIALS, other_region, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"


def _election(ctx, key="elections_open", **extra):
    from django.utils import timezone

    from azamat.monitoring.models import Election

    if key not in ctx:
        _alice(ctx)
        ctx[key] = Election.objects.create(
            organisation=ctx["ngo"],
            title=f"Выборы {key}",
            kind="maslikhat",
            day=timezone.localdate() - datetime.timedelta(days=1),
            **extra,
        )
    return ctx[key]


def _station(ctx):
    from azamat.monitoring.models import PollingStation

    if "elections_station" not in ctx:
        ctx["elections_station"] = PollingStation.objects.create(
            election=_election(ctx), number="1", region=other_region(1), address="Школа № 1"
        )
        ctx["elections_station"].observers.add(_alice(ctx))
    return ctx["elections_station"]


def _checklist(station, observer, phase="opening", note=""):
    from django.utils import timezone

    from azamat.monitoring.elections_services import CHECKLIST
    from azamat.monitoring.models import Checklist

    return Checklist.objects.create(
        station=station,
        observer=observer,
        phase=phase,
        answers={code: "yes" for code, _t, _p in CHECKLIST[phase]},
        note=note,
        sent_at=timezone.now(),
    )


def _stations(ctx, election, k, *, region_by_serial=True):
    from azamat.monitoring.models import PollingStation

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        observer = _colleague(ctx, serial, "monitor")
        station = PollingStation.objects.create(
            election=election,
            number=f"{serial}",
            region=other_region(serial),
            address=f"Школа номер {serial}",
        )
        station.observers.add(observer)
        _checklist(station, observer, ["opening", "voting", "counting"][serial % 3])
        rows += [f"Школа номер {serial}", observer.full_name]
    return rows


@page_case(
    "observed elections",
    persona="alice",
    url=lambda ctx: reverse("monitoring:elections", args=[ctx["ngo"].pk]),
)
def _elections(k, ctx):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        election = _election(ctx, key=f"elections_{serial}")
        _stations(ctx, election, 1)
        rows.append(election.title)
    return rows


@page_case(
    "an observed election",
    persona="alice",
    url=lambda ctx: reverse("monitoring:election", args=[_election(ctx).pk]),
)
def _election_page(k, ctx):
    """Stations in different regions, each with its own observer and a checklist of a different phase."""
    return _stations(ctx, _election(ctx), k)


@page_case(
    "a polling station",
    persona="alice",
    url=lambda ctx: reverse("monitoring:station", args=[_station(ctx).pk]),
)
def _station_page(k, ctx):
    """Checklists from different observers, incidents reported by them."""
    from azamat.testing import monitoring_factories as mf

    station = _station(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        observer = _colleague(ctx, serial, "monitor")
        station.observers.add(observer)
        _checklist(station, observer, ["opening", "voting", "counting"][serial % 3], note=f"Заметка {serial}")
        event = mf.event(ctx["ngo"], by=observer, title=f"Нарушение номер {serial}")
        event.election, event.station = station.election, station
        event.save()
        rows += [observer.full_name, f"Заметка {serial}", event.number]
    return rows


def _published(ctx):
    from django.utils import timezone

    return _election(ctx, key="elections_published", closed=True, published_at=timezone.now())


@page_case("published elections", persona=None, url=lambda ctx: reverse("monitoring:public_elections"))
def _public_elections(k, ctx):
    from django.utils import timezone

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        election = _election(ctx, key=f"elections_public_{serial}", closed=True, published_at=timezone.now())
        _stations(ctx, election, 1)
        rows.append(election.title)
    return rows


@page_case(
    "a published election's totals",
    persona=None,
    url=lambda ctx: reverse("monitoring:public_election", args=[_published(ctx).pk]),
)
def _public_election(k, ctx):
    """Stations in different regions (the table by region grows)."""
    from azamat.registry.models import Region

    _stations(ctx, _published(ctx), k)
    return [
        str(Region.objects.get(pk=pk)) for pk in _published(ctx).stations.values_list("region", flat=True)
    ]


LIST_PAGES = {
    "monitoring:elections": "observed elections",
    "monitoring:election": "an observed election",
    "monitoring:station": "a polling station",
    "monitoring:public_elections": "published elections",
    "monitoring:public_election": "a published election's totals",
}
NOT_LISTS = {
    "monitoring:election_new": FORM_OR_ACTION,
    "monitoring:election_close": FORM_OR_ACTION,
    "monitoring:election_publish": FORM_OR_ACTION,
    "monitoring:station_new": "a form: its observers are read in one query",
    "monitoring:station_edit": "a form: its observers are read in one query",
    "monitoring:checklist_send": FORM_OR_ACTION,
    "monitoring:incident_new": FORM_OR_ACTION,
}
