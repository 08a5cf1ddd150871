"""The query-count cases of monitoring's list and publication: the organisation's candidates, a candidate's page
(its events, cases, decisions and changes of situation), the criteria and the redaction rules in the workspace;
the public report, the published events, the list of persecuted persons, the register of blocked websites and an
organisation's published criteria; and the API's lists of published events and entries — registered into
`PAGE_CASES` and `API_CASES` on import. Alice administers her organisation and holds every monitoring role in it.
Rows vary: different organisations, regions, types, editors, experts. `LIST_PAGES` and `NOT_LISTS` declare the
part's pages."""

import datetime

from django.urls import reverse

from tests.queries.support import SERIALS, api_case, other_region, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"
ONE_RECORD = "one record and its own bounded parts, not a list of records"
ONE_CANDIDATE = "a form, and one candidate's own decisions or changes of situation: a handful per person"


def _alice(ctx):
    """Alice with every monitoring role (and two-factor sign-in) in her organisation, which she administers."""
    from azamat.testing import monitoring_factories as mf

    if "monitoring_roles" not in ctx:
        mf.grant(ctx["alice"], ctx["ngo"], "monitor", "verifier", "expert", "lawyer")
        ctx["monitoring_roles"] = True
    return ctx["alice"]


def _organisation(ctx) -> int:
    """Alice's organisation (her roles granted first: the page's address is read before its rows are built)."""
    _alice(ctx)
    return ctx["ngo"].pk


def _person(organisation, serial: int, **fields):
    from azamat.testing import monitoring_factories as mf

    return mf.person(
        organisation,
        f"Кандидат Номер{serial}",
        public_alias=f"активист номер {serial}",
        region=other_region(serial),
        **fields,
    )


def _candidate(ctx):
    from azamat.testing import monitoring_factories as mf

    if "listing_candidate" not in ctx:
        _alice(ctx)
        ctx["listing_candidate"] = mf.candidate(ctx["ngo"], status="listed")
    return ctx["listing_candidate"]


def _expert(ctx, serial: int):
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import UserFactory

    return mf.grant(UserFactory(full_name=f"Эксперт Номер{serial}"), ctx["ngo"], "expert")


# — the workspace —


@page_case(
    "monitoring: the organisation's candidates",
    persona="alice",
    url=lambda ctx: reverse("monitoring:candidates", args=[_organisation(ctx)]),
)
def _candidates(k, ctx):
    from azamat.testing import monitoring_factories as mf

    statuses = ["candidate", "analysis", "decision", "listed"]
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        person = _person(ctx["ngo"], serial)
        mf.candidate(ctx["ngo"], subject=person, by=_expert(ctx, serial), status=statuses[serial % 4])
        rows.append(person.name)
    return rows


@page_case(
    "monitoring: a candidate's events, cases, decisions and situation",
    persona="alice",
    url=lambda ctx: reverse("monitoring:candidate", args=[_candidate(ctx).pk]),
)
def _candidate_page(k, ctx):
    from azamat.monitoring.models import Criteria, ListDecision, SituationChange
    from azamat.testing import monitoring_factories as mf

    candidate = _candidate(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        expert = _expert(ctx, serial)
        criteria = Criteria.objects.create(
            organisation=ctx["ngo"],
            version=serial,
            text_kk="Өлшем",
            text_ru="Критерий",
            adopted_on=datetime.date(2020, 1, 1),
        )
        ListDecision.objects.create(
            candidate=candidate,
            decided_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=serial),
            criteria=criteria,
            members=5,
            present=4,
            votes_for=4,
            votes_against=0,
            outcome="list",
            grounds=f"Решение номер {serial}",
            recorded_by=expert,
        )
        SituationChange.objects.create(
            candidate=candidate,
            situation="imprisoned",
            on=datetime.date(2025, 1, 1) + datetime.timedelta(days=serial),
            note=f"Изменение номер {serial}",
            recorded_by=expert,
        )
        event = mf.event(ctx["ngo"], by=expert, region_kato=other_region(serial).kato)
        candidate.events.add(event)
        case = mf.case(ctx["ngo"], lawyer=expert, by=expert)
        candidate.cases.add(case)
        rows += [f"Решение номер {serial}", f"Изменение номер {serial}", event.number]
    return rows


@page_case(
    "monitoring: the criteria's versions",
    persona="alice",
    url=lambda ctx: reverse("monitoring:criteria", args=[_organisation(ctx)]),
)
def _criteria(k, ctx):
    from azamat.monitoring.models import Criteria

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        Criteria.objects.create(
            organisation=ctx["ngo"],
            version=serial,
            text_kk=f"Өлшем нөмірі {serial}",
            text_ru=f"Критерий номер {serial}",
            adopted_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=serial),
        )
        rows.append(f"Критерий номер {serial}")
    return rows


@page_case(
    "monitoring: the redaction rules",
    persona="alice",
    url=lambda ctx: reverse("monitoring:publication", args=[_organisation(ctx)]),
)
def _rules(k, ctx):
    from azamat.monitoring.models import RedactionRule

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        RedactionRule.objects.create(
            organisation=ctx["ngo"],
            find=f"Отдел номер {serial}",
            comment="Не называть.",
            editor=_expert(ctx, serial),
        )
        rows.append(f"Отдел номер {serial}")
    return rows


# — the public pages —


def _published(k) -> list:
    """Published copies of verified events of different organisations, types and regions."""
    from django.utils import timezone

    from azamat.monitoring.models import PublishedEvent, Term
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import OrganisationFactory

    types = list(Term.objects.filter(kind="event_type").order_by("code"))
    copies = []
    for _ in range(k):
        serial = next(SERIALS)
        organisation = OrganisationFactory(region=other_region(serial))
        region = other_region(serial)
        event = mf.event(organisation, status="verified", region_kato=region.kato)
        copies.append(
            PublishedEvent.objects.create(
                event=event,
                organisation=organisation,
                number=event.number,
                title=f"Опубликованное событие {serial}",
                summary="Полиция задержала участников.",
                type=types[serial % len(types)],
                acts="detention,fine",
                region=region,
                date_shown=f"2025-{1 + serial % 12:02d}",
                year=2025,
                month=1 + serial % 12,
                victims=serial,
                published_at=timezone.now(),
            )
        )
    return copies


def _entries(k) -> list:
    from django.utils import timezone

    from azamat.monitoring.models import PublishedEntry
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import OrganisationFactory

    entries = []
    for _ in range(k):
        serial = next(SERIALS)
        organisation = OrganisationFactory(region=other_region(serial))
        candidate = mf.candidate(organisation, subject=_person(organisation, serial), status="listed")
        entries.append(
            PublishedEntry.objects.create(
                candidate=candidate,
                organisation=organisation,
                shown_name=f"активист номер {serial}",
                region=other_region(serial),
                ground="beliefs" if serial % 2 else "political",
                grounds="Осуждён за пост.",
                situation=["imprisoned", "released", "detained"][serial % 3],
                listed_on=datetime.date(2025, 1, 1),
                criteria_version=1,
                published_at=timezone.now(),
            )
        )
    return entries


@page_case("monitoring: the public report", persona=None, url=lambda ctx: reverse("monitoring:report"))
def _report(k, ctx):
    _entries(k)  # counted in the figures
    return [copy.title for copy in _published(k)]


@page_case("monitoring: published events", persona=None, url=lambda ctx: reverse("monitoring:public_events"))
def _events(k, ctx):
    return [copy.title for copy in _published(k)]


@page_case("monitoring: the public list", persona=None, url=lambda ctx: reverse("monitoring:public_list"))
def _list(k, ctx):
    return [entry.shown_name for entry in _entries(k)]


@page_case("monitoring: blocked websites", persona=None, url=lambda ctx: reverse("monitoring:public_sites"))
def _sites(k, ctx):
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import OrganisationFactory

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        site = mf.site(
            OrganisationFactory(region=other_region(serial)), url=f"https://blocked-{serial}.example.kz/"
        )
        rows.append(site.url)
    return rows


@page_case(
    "monitoring: an organisation's published criteria",
    persona=None,
    url=lambda ctx: reverse("monitoring:public_criteria", args=[ctx["ngo"].pk]),
)
def _public_criteria(k, ctx):
    from azamat.monitoring.models import Criteria

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        Criteria.objects.create(
            organisation=ctx["ngo"],
            version=serial,
            text_kk="Өлшем",
            text_ru="Критерий",
            adopted_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=serial),
        )
        rows.append(f"{serial}, adopted on")  # "Version 7, adopted on …" (earlier) or "version 7, …" (latest)
    return rows


# — the API —


@api_case("monitoring-event")
def _api_events(k):
    return [(copy, copy.number) for copy in _published(k)]


@api_case("monitoring-entry")
def _api_entries(k):
    return [(entry, entry.shown_name) for entry in _entries(k)]


LIST_PAGES = {
    "monitoring:candidates": "monitoring: the organisation's candidates",
    "monitoring:candidate": "monitoring: a candidate's events, cases, decisions and situation",
    "monitoring:criteria": "monitoring: the criteria's versions",
    "monitoring:publication": "monitoring: the redaction rules",
    "monitoring:report": "monitoring: the public report",
    "monitoring:public_events": "monitoring: published events",
    "monitoring:public_list": "monitoring: the public list",
    "monitoring:public_sites": "monitoring: blocked websites",
    "monitoring:public_criteria": "monitoring: an organisation's published criteria",
}
NOT_LISTS = {
    "monitoring:candidate_new": FORM_OR_ACTION,
    "monitoring:candidate_analysis": FORM_OR_ACTION + " (its choice of criteria: one query)",
    "monitoring:candidate_decision": ONE_CANDIDATE,
    "monitoring:candidate_situation": ONE_CANDIDATE,
    "monitoring:criteria_new": FORM_OR_ACTION,
    "monitoring:redaction_delete": FORM_OR_ACTION,
    "monitoring:event_publish": FORM_OR_ACTION,
    "monitoring:event_preview": ONE_RECORD,
    "monitoring:public_event": ONE_RECORD,
    "monitoring:public_entry": ONE_RECORD,
    "monitoring:open_data": "a file streamed in chunks of 2,000 rows (one query a chunk; "
    "azamat/monitoring/tests/test_public_open_data.py counts them)",
}
