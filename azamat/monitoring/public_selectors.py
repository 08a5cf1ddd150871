"""What the public pages, the open data and the API read: only the published, redacted copies (PublishedEvent,
PublishedEntry), the register of blocked websites and the organisations' criteria — never an original record.

A copy shows only while its original stays verified (an event verified again is off the public pages until it is
verified once more) and an entry only while its person is listed: the public pages cannot get ahead of the
workspace even if a copy was not withdrawn."""

import datetime

from django.db.models import Count, Sum
from django.utils import formats

from azamat.monitoring.models import (
    BlockedSite,
    Candidate,
    Criteria,
    Event,
    Person,
    PublishedEntry,
    PublishedEvent,
    Term,
)
from azamat.monitoring.publication import text_language
from azamat.registry.models import Region

LATEST = 10


def published_events():
    return PublishedEvent.objects.filter(event__status=Event.Status.VERIFIED)


def filtered_events(*, year: int | None = None, type_code: str = "", region: str = "", organisation=None):
    """Published events filtered by year, type (a term's code) and region (its KATO code)."""
    events = published_events()
    if year:
        events = events.filter(year=year)
    if type_code:
        events = events.filter(type__code=type_code)
    if region:
        events = events.filter(region__kato=region)
    if organisation:
        events = events.filter(organisation_id=organisation)
    return events


# The organisation's long columns, which no public row shows.
ORGANISATION_TEXTS = (
    "organisation__about_kk",
    "organisation__about_ru",
    "organisation__about_en",
    "organisation__search_text",
    "organisation__search_stems",
)


def event_rows(events):
    """The columns a list of copies shows, with what each row names loaded in the same query."""
    return (
        events.select_related("type", "region", "organisation")
        .defer(*ORGANISATION_TEXTS)
        .order_by("-year", "-month", "-pk")
    )


def years() -> list[int]:
    return sorted(set(published_events().values_list("year", flat=True).distinct()), reverse=True)


def event_types() -> list[Term]:
    return list(Term.objects.filter(kind=Term.Kind.EVENT_TYPE).order_by("position", "code"))


def act_names() -> dict[str, str]:
    """Act codes → their names in the page's language (the copies keep codes, so any language can show them)."""
    return {term.code: term.name for term in Term.objects.filter(kind=Term.Kind.ACT_TYPE)}


def regions() -> list[Region]:
    return list(Region.objects.order_by("kato"))


def figures(events) -> dict:
    """Counts for the report: events and victims, by type and by region (region id → count)."""
    totals = events.aggregate(events=Count("pk"), victims=Sum("victims"))
    by_type = dict(
        events.order_by().values_list("type_id").annotate(n=Count("pk")).values_list("type_id", "n")
    )
    by_region = dict(
        events.order_by()
        .exclude(region=None)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .values_list("region_id", "n")
    )
    by_year = dict(events.order_by().values_list("year").annotate(n=Count("pk")).values_list("year", "n"))
    return {
        "events": totals["events"] or 0,
        "victims": totals["victims"] or 0,
        "by_type": by_type,
        "by_region": by_region,
        "by_year": by_year,
    }


def latest(events, count: int = LATEST):
    return list(event_rows(events).order_by("-published_at", "-pk")[:count])


def date_text(copy: PublishedEvent) -> str:
    """The copy's date in the page's language, as precise as it was published: "14 March 2026", "March 2026",
    "2026"."""
    shown = copy.date_shown or ""
    try:
        if len(shown) == 10:
            return formats.date_format(datetime.date.fromisoformat(shown), "DATE_FORMAT")
        if copy.month:
            return formats.date_format(datetime.date(copy.year, copy.month, 1), "YEAR_MONTH_FORMAT")
    except ValueError:
        pass
    return str(copy.year)


def dressed(copies, names: dict[str, str] | None = None):
    """Each copy with what its page shows computed once: its date in the page's language, its acts' names and the
    language its text is written in (for the `lang` attribute)."""
    names = act_names() if names is None else names
    for copy in copies:
        copy.when = date_text(copy)
        copy.act_names = [names.get(code, code) for code in copy.acts.split(",") if code]
        copy.lang = text_language(copy.title + copy.summary)
    return copies


# — the list of persecuted persons —


def published_entries():
    return PublishedEntry.objects.filter(candidate__status=Candidate.Status.LISTED)


def filtered_entries(*, situation: str = "", region: str = "", ground: str = "", organisation=None):
    entries = published_entries()
    if situation:
        entries = entries.filter(situation=situation)
    if region:
        entries = entries.filter(region__kato=region)
    if ground:
        entries = entries.filter(ground=ground)
    if organisation:
        entries = entries.filter(organisation_id=organisation)
    return (
        entries.select_related("region", "organisation")
        .defer(*ORGANISATION_TEXTS)
        .order_by("-listed_on", "pk")
    )


def dressed_entries(entries):
    """Each entry with its situation, ground and occupation named in the page's language."""
    situations, grounds = dict(Candidate.Situation.choices), dict(Candidate.Ground.choices)
    occupations = dict(Person.Occupation.choices)
    for entry in entries:
        entry.situation_label = situations.get(entry.situation, "")
        entry.ground_label = grounds.get(entry.ground, "")
        entry.occupation_label = occupations.get(entry.occupation, "")
    return entries


def entry_figures() -> dict:
    counts = dict(
        published_entries()
        .order_by()
        .values_list("situation")
        .annotate(n=Count("pk"))
        .values_list("situation", "n")
    )
    labels = dict(Candidate.Situation.choices)
    return {
        "total": sum(counts.values()),
        "by_situation": [(labels[value], counts[value]) for value in labels if counts.get(value)],
    }


# — blocked websites, criteria —


def sites(*, status: str = ""):
    """Every blocked website of the register: its address, status, since when, the legal basis (no persons)."""
    rows = BlockedSite.objects.select_related("organisation").only(
        "url",
        "status",
        "reported_on",
        "legal_basis",
        "organisation__name_kk",
        "organisation__name_ru",
        "organisation__bin",
    )
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-reported_on", "pk")


def criteria_of(organisation_id: int) -> list[Criteria]:
    """The organisation's versions of the criteria, the latest first."""
    return list(Criteria.objects.filter(organisation_id=organisation_id).order_by("-version"))
