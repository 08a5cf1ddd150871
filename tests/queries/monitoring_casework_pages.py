"""The query-count cases of monitoring's casework: an event's verification (its sources and their informants), the
cases list, a case's page (its hearings, interventions with their accountability items, events and documents),
the blocked websites and a site's checks, a person's detentions and a detention's visits — registered into
`PAGE_CASES` on import. Alice holds every monitoring role in her organisation. Rows vary: different regions,
bodies, informants, lawyers, visitors. `LIST_PAGES` and `NOT_LISTS` declare the part's pages."""

import datetime

from django.urls import reverse

from tests.queries.support import SERIALS, other_region, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"
FORM_WITH_CHOICES = "a form: its choices (persons, lawyers, bodies) are read in one query each"


def _alice(ctx):
    """Alice with every monitoring role (and two-factor sign-in) in her organisation."""
    from azamat.testing import monitoring_factories as mf

    if "monitoring_roles" not in ctx:
        mf.grant(ctx["alice"], ctx["ngo"], "monitor", "verifier", "expert", "lawyer")
        ctx["monitoring_roles"] = True
    return ctx["alice"]


def _colleague(ctx, serial: int, *roles: str):
    """Another person of Alice's organisation with `roles`."""
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import UserFactory

    return mf.grant(UserFactory(full_name=f"Коллега Номер{serial}"), ctx["ngo"], *roles)


def _event(ctx):
    from azamat.testing import monitoring_factories as mf

    if "casework_event" not in ctx:
        _alice(ctx)
        ctx["casework_event"] = mf.event(
            ctx["ngo"], by=_colleague(ctx, next(SERIALS), "monitor"), status="verifying"
        )
    return ctx["casework_event"]


def _case(ctx):
    from azamat.testing import monitoring_factories as mf

    if "casework_case" not in ctx:
        alice = _alice(ctx)
        ctx["casework_case"] = mf.case(ctx["ngo"], lawyer=alice, by=alice)
    return ctx["casework_case"]


def _site(ctx):
    from azamat.testing import monitoring_factories as mf

    if "casework_site" not in ctx:
        _alice(ctx)
        ctx["casework_site"] = mf.site(ctx["ngo"], url="https://queries-site.kz/")
    return ctx["casework_site"]


def _person(ctx):
    from azamat.testing import monitoring_factories as mf

    if "casework_person" not in ctx:
        alice = _alice(ctx)
        ctx["casework_person"] = mf.person(ctx["ngo"], "Ержан Сапаров", by=alice)
    return ctx["casework_person"]


def _detention(ctx):
    from django.utils import timezone

    from azamat.monitoring.models import Detention

    if "casework_detention" not in ctx:
        ctx["casework_detention"] = Detention.objects.create(
            person=_person(ctx), place="Учреждение ЛА-155/14", since=timezone.localdate()
        )
    return ctx["casework_detention"]


@page_case(
    "an event's verification",
    persona="alice",
    url=lambda ctx: reverse("monitoring:event_verification", args=[_event(ctx).pk]),
)
def _verification(k, ctx):
    """Sources of different kinds, each from its own informant."""
    from azamat.monitoring.models import Source
    from azamat.testing import monitoring_factories as mf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        informant = mf.person(ctx["ngo"], f"Информант Номер{serial}", region=other_region(serial))
        Source.objects.create(
            event=_event(ctx),
            kind=Source.Kind.WITNESS if serial % 2 else Source.Kind.VICTIM,
            person=informant,
            reliability="abcde"[serial % 5],
            received_on=_event(ctx).date,
            account=f"Показания номер {serial}",
        )
        rows += [informant.name, f"Показания номер {serial}"]
    return rows


@page_case(
    "monitoring cases", persona="alice", url=lambda ctx: reverse("monitoring:cases", args=[ctx["ngo"].pk])
)
def _cases(k, ctx):
    """Cases Alice opened or is a lawyer on, each with another lawyer too."""
    from azamat.testing import monitoring_factories as mf

    alice = _alice(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        colleague = _colleague(ctx, serial, "lawyer")
        case = mf.case(ctx["ngo"], lawyer=colleague, by=alice if serial % 2 else colleague)
        case.lawyers.add(alice)
        case.title = f"Дело номер {serial}"
        case.save()
        rows += [case.title, colleague.full_name]
    return rows


@page_case(
    "a monitoring case", persona="alice", url=lambda ctx: reverse("monitoring:case", args=[_case(ctx).pk])
)
def _case_page(k, ctx):
    """Hearings, interventions to different bodies (each an accountability item), events in different regions,
    documents, lawyers."""
    from django.utils import timezone

    from azamat.monitoring import casework_services
    from azamat.monitoring.models import Attachment, Hearing
    from azamat.registry.models import GovernmentBody
    from azamat.testing import monitoring_factories as mf

    case, alice = _case(ctx), _alice(ctx)
    bodies = list(GovernmentBody.objects.order_by("pk")[:20])
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        Hearing.objects.create(case=case, date=timezone.localdate(), stage=f"Стадия {serial}")
        casework_services.intervention_create(
            organisation=ctx["ngo"],
            by=alice,
            case=case,
            kind="appeal",
            body=bodies[serial % len(bodies)],
            sent_on=timezone.localdate() - datetime.timedelta(days=serial % 5),
            summary=f"Апелляция номер {serial}",
        )
        event = mf.event(ctx["ngo"], by=alice, region_kato=other_region(serial).kato)
        case.events.add(event)
        Attachment.objects.create(
            organisation=ctx["ngo"],
            case=case,
            stored_name="",
            original_name=f"решение-{serial}.pdf",
            content_type="application/pdf",
            uploaded_by=_colleague(ctx, serial, "lawyer"),
        )
        case.lawyers.add(_colleague(ctx, next(SERIALS), "lawyer"))
        rows += [f"Стадия {serial}", f"Апелляция номер {serial}", event.number, f"решение-{serial}.pdf"]
    return rows


@page_case(
    "blocked websites", persona="alice", url=lambda ctx: reverse("monitoring:sites", args=[ctx["ngo"].pk])
)
def _sites(k, ctx):
    """Sites with checks by different people."""
    from django.utils import timezone

    from azamat.monitoring.models import SiteCheck
    from azamat.testing import monitoring_factories as mf

    _alice(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        site = mf.site(ctx["ngo"], url=f"https://blocked-{serial}.kz/")
        site.legal_basis = f"Решение суда № {serial}"
        site.save()
        SiteCheck.objects.create(
            site=site,
            checked_at=timezone.now(),
            result="blocked",
            checked_by=_colleague(ctx, serial, "monitor"),
        )
        rows += [site.url, site.legal_basis]
    return rows


@page_case(
    "a blocked website's checks",
    persona="alice",
    url=lambda ctx: reverse("monitoring:site", args=[_site(ctx).pk]),
)
def _site_checks(k, ctx):
    from django.utils import timezone

    from azamat.monitoring.models import SiteCheck

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        SiteCheck.objects.create(
            site=_site(ctx),
            checked_at=timezone.now() - datetime.timedelta(hours=serial),
            result=["blocked", "partly", "accessible"][serial % 3],
            provider=f"Провайдер {serial}",
            checked_by=_colleague(ctx, serial, "monitor"),
        )
        rows.append(f"Провайдер {serial}")
    return rows


@page_case(
    "a person's detentions",
    persona="alice",
    url=lambda ctx: reverse("monitoring:detention_new", args=[_person(ctx).pk]),
)
def _detentions(k, ctx):
    from django.utils import timezone

    from azamat.monitoring.models import Detention, DetentionVisit

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        detention = Detention.objects.create(
            person=_person(ctx),
            place=f"Учреждение номер {serial}",
            region=other_region(serial),
            since=timezone.localdate() - datetime.timedelta(days=serial),
        )
        DetentionVisit.objects.create(
            detention=detention, visited_on=timezone.localdate(), visitor=ctx["alice"]
        )
        rows.append(detention.place)
    return rows


@page_case(
    "a detention's visits",
    persona="alice",
    url=lambda ctx: reverse("monitoring:visit_new", args=[_detention(ctx).pk]),
)
def _visits(k, ctx):
    from django.utils import timezone

    from azamat.monitoring.models import DetentionVisit

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        visitor = _colleague(ctx, serial, "lawyer")
        DetentionVisit.objects.create(
            detention=_detention(ctx),
            visited_on=timezone.localdate() - datetime.timedelta(days=serial),
            visitor=visitor,
            notes=f"Посещение номер {serial}",
        )
        rows += [visitor.full_name, f"Посещение номер {serial}"]
    return rows


LIST_PAGES = {
    "monitoring:event_verification": "an event's verification",
    "monitoring:cases": "monitoring cases",
    "monitoring:case": "a monitoring case",
    "monitoring:sites": "blocked websites",
    "monitoring:site": "a blocked website's checks",
    "monitoring:detention_new": "a person's detentions",
    "monitoring:visit_new": "a detention's visits",
}
NOT_LISTS = {
    "monitoring:intervention_new": FORM_WITH_CHOICES,
    "monitoring:case_intervention_new": FORM_WITH_CHOICES,
    "monitoring:intervention": "one intervention with its accountability item",
    "monitoring:case_new": FORM_WITH_CHOICES,
    "monitoring:case_edit": FORM_WITH_CHOICES,
    "monitoring:hearing_new": FORM_OR_ACTION,
    "monitoring:case_document_new": FORM_OR_ACTION,
    "monitoring:site_new": FORM_OR_ACTION,
    "monitoring:site_check_new": FORM_OR_ACTION,
}
