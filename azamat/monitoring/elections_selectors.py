"""Reading election observation: an organisation's elections with their counts, an election's stations (all for
its coordinators, one's own for an observer), what an observer has sent, and the totals of the checklists — by
question and phase, and by region — which are all the public ever sees of them."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from azamat.monitoring.elections_services import CHECKLIST
from azamat.monitoring.models import Checklist, Election, Event, PollingStation
from azamat.registry.models import Region


def elections_of(organisation_id: int) -> QuerySet:
    return Election.objects.filter(organisation_id=organisation_id).annotate(
        station_count=Count("stations", distinct=True),
        checklist_count=Count("stations__checklists", distinct=True),
    )


def election_detail(pk: int) -> Election:
    return Election.objects.select_related("organisation").get(pk=pk)


def stations_of(election: Election, *, user, everyone: bool) -> QuerySet:
    """The stations a coordinator (`everyone`) or this observer sees, with what was sent from each."""
    stations = election.stations.select_related("region").annotate(
        checklist_count=Count("checklists", distinct=True),
        incident_count=Count("incidents", distinct=True),
    )
    if not everyone:
        stations = stations.filter(observers=user)
    return stations.prefetch_related("observers").order_by("number")


def station_detail(pk: int) -> PollingStation:
    return PollingStation.objects.select_related("election__organisation", "region").get(pk=pk)


def sent_by(station: PollingStation, user) -> dict[str, Checklist]:
    """phase → this observer's checklist at the station."""
    return {checklist.phase: checklist for checklist in station.checklists.filter(observer=user)}


def station_checklists(station: PollingStation) -> QuerySet:
    return station.checklists.select_related("observer").order_by("phase", "observer__full_name")


def station_incidents(station: PollingStation, *, user, everyone: bool) -> QuerySet:
    incidents = Event.objects.filter(station=station).order_by("-pk")
    return incidents if everyone else incidents.filter(entered_by=user)


def totals(election: Election) -> dict:
    """The checklists counted: per phase, per question, how many answered yes / no / not seen and how many of
    them were a problem; stations observed and problems by region; incidents by verification status."""
    counts: dict[str, dict[str, dict[str, int]]] = {
        phase: {code: {"yes": 0, "no": 0, "unseen": 0} for code, _t, _p in asked}
        for phase, asked in CHECKLIST.items()
    }
    sent: dict[str, int] = defaultdict(int)
    by_region: dict[int, dict[str, int]] = defaultdict(
        lambda: {"stations": 0, "checklists": 0, "problems": 0}
    )
    observed: set[int] = set()
    rows = Checklist.objects.filter(station__election=election).values_list(
        "phase", "answers", "problems", "station_id", "station__region_id"
    )
    for phase, answers, problems, station_id, region_id in rows:
        sent[phase] += 1
        for code, answer in answers.items():
            if code in counts.get(phase, {}) and answer in counts[phase][code]:
                counts[phase][code][answer] += 1
        by_region[region_id]["checklists"] += 1
        by_region[region_id]["problems"] += problems
        if station_id not in observed:
            observed.add(station_id)
            by_region[region_id]["stations"] += 1
    phases = []
    for phase, asked in CHECKLIST.items():
        lines = []
        for code, text, problem in asked:
            tally = counts[phase][code]
            answered = tally["yes"] + tally["no"]
            lines.append(
                {
                    "code": code,
                    "text": text,
                    "problem": problem,
                    "yes": tally["yes"],
                    "no": tally["no"],
                    "unseen": tally["unseen"],
                    "problems": tally[problem],
                    "share": round(100 * tally[problem] / answered) if answered else None,
                }
            )
        phases.append({"phase": phase, "label": phase.label, "sent": sent[phase], "questions": lines})
    regions = {region.pk: region for region in Region.objects.filter(pk__in=by_region)}
    region_rows = sorted(
        ({"region": regions[pk], **figures} for pk, figures in by_region.items()),
        key=lambda row: (-row["stations"], str(row["region"])),
    )
    incidents = Event.objects.filter(election=election).aggregate(
        reported=Count("pk"),
        verified=Count("pk", filter=Q(status=Event.Status.VERIFIED)),
        published=Count("pk", filter=Q(published__isnull=False)),
    )
    return {
        "stations": election.stations.count(),
        "observed": len(observed),
        "checklists": sum(sent.values()),
        "phases": phases,
        "regions": region_rows,
        "incidents": incidents,
    }


def published_elections() -> QuerySet:
    return (
        Election.objects.filter(published_at__isnull=False)
        .select_related("organisation")
        .annotate(station_count=Count("stations", distinct=True))
        .order_by("-day", "-pk")
    )


def published_incidents(election: Election) -> QuerySet:
    from azamat.monitoring.models import PublishedEvent

    return (
        PublishedEvent.objects.filter(event__election=election)
        .select_related("region", "type")
        .order_by("-published_at")
    )
