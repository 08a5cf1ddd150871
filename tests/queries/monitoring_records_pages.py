"""The query-count cases of the monitoring record's pages: an organisation's events, an event with its acts (victims,
perpetrators as persons and bodies), sources (informants), files and interventions, the persons one entered, and a
person with the events they appear in, their detentions and cases; registered into `PAGE_CASES` on import. Rows
vary: regions, types, bodies, uploaders. Alice is a monitor and a verifier of her NGO. `LIST_PAGES` and
`NOT_LISTS` declare the part's pages."""

import datetime

from django.urls import reverse

from tests.queries.support import SERIALS, other_region, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"


def _organisation(ctx):
    """Alice's NGO, with her monitoring roles (and two-factor sign-in) granted once."""
    from azamat.testing import monitoring_factories as mf

    if "monitoring_roles" not in ctx:
        mf.grant(ctx["alice"], ctx["ngo"], "monitor", "verifier")
        ctx["monitoring_roles"] = True
    return ctx["ngo"]


def _event(ctx):
    from azamat.testing import monitoring_factories as mf

    if "monitoring_event" not in ctx:
        ctx["monitoring_event"] = mf.event(_organisation(ctx), by=ctx["alice"], title="Событие для подсчёта")
    return ctx["monitoring_event"]


def _person(ctx):
    from azamat.testing import monitoring_factories as mf

    if "monitoring_person" not in ctx:
        ctx["monitoring_person"] = mf.person(_organisation(ctx), "Потерпевший Для Подсчёта", by=ctx["alice"])
    return ctx["monitoring_person"]


def _body(serial: int):
    from azamat.registry.models import GovernmentBody

    return GovernmentBody.objects.order_by("pk")[serial % 40]


@page_case(
    "monitoring events",
    persona="alice",
    url=lambda ctx: reverse("monitoring:events", args=[_organisation(ctx).pk]),
)
def _events(k, ctx):
    """Events Alice entered and events shared with her, in different regions and of different types."""
    from azamat.monitoring.models import Term
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import UserFactory

    types = list(Term.objects.filter(kind="event_type").order_by("position"))
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        other = mf.grant(UserFactory(), _organisation(ctx), "monitor")
        event = mf.event(
            _organisation(ctx),
            by=ctx["alice"] if serial % 2 else other,
            title=f"Событие номер {serial}",
            region_kato=other_region(serial).kato,
            restricted=not serial % 2,
        )
        event.type = types[serial % len(types)]
        event.save()
        if not serial % 2:
            event.readers.add(ctx["alice"])
        rows.append(event.number)
    return rows


@page_case(
    "a monitoring event",
    persona="alice",
    url=lambda ctx: reverse("monitoring:event", args=[_event(ctx).pk]),
)
def _event_page(k, ctx):
    """Acts with their victims and perpetrators (persons and bodies), sources with informants, files uploaded by
    different people, interventions to different bodies."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from azamat.monitoring.models import Act, Attachment, Intervention, Involvement, Source, Term
    from azamat.monitoring.storage import store
    from azamat.testing import monitoring_factories as mf
    from azamat.testing.factories import UserFactory

    event, organisation = _event(ctx), _organisation(ctx)
    act_types = list(Term.objects.filter(kind="act_type").order_by("position"))
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        victim = mf.person(organisation, f"Пострадавший Номер{serial}", by=UserFactory())
        perpetrator = mf.person(organisation, f"Нарушитель Номер{serial}", by=UserFactory())
        informant = mf.person(organisation, f"Информатор Номер{serial}", by=UserFactory())
        act = Act.objects.create(event=event, type=act_types[serial % len(act_types)], victim=victim)
        Involvement.objects.create(act=act, perpetrator=perpetrator, role="ordered")
        Involvement.objects.create(act=act, body=_body(serial), role="carried_out")
        Source.objects.create(
            event=event,
            kind="witness",
            reliability="c",
            received_on=event.date,
            person=informant,
            account=f"Показания номер {serial}",
        )
        attachment = Attachment(organisation=organisation, event=event, uploaded_by=UserFactory())
        store(attachment, ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"protocol-{serial}.pdf"))
        Intervention.objects.create(
            organisation=organisation,
            event=event,
            kind="complaint",
            body=_body(serial + 1),
            sent_on=timezone.localdate() - datetime.timedelta(days=serial % 30),
            summary=f"Жалоба номер {serial}",
        )
        rows += [
            victim.name,
            perpetrator.name,
            informant.name,
            f"protocol-{serial}.pdf",
            f"Жалоба номер {serial}",
        ]
    return rows


@page_case(
    "monitoring persons",
    persona="alice",
    url=lambda ctx: reverse("monitoring:persons", args=[_organisation(ctx).pk]),
)
def _persons(k, ctx):
    from azamat.testing import monitoring_factories as mf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        person = mf.person(
            _organisation(ctx), f"Человек Номер{serial}", by=ctx["alice"], region=other_region(serial)
        )
        rows.append(person.name)
    return rows


@page_case(
    "a monitoring person",
    persona="alice",
    url=lambda ctx: reverse("monitoring:person", args=[_person(ctx).pk]),
)
def _person_page(k, ctx):
    """Events the person suffered or informed about, in different regions; detentions; cases."""
    from django.utils import timezone

    from azamat.monitoring.models import Detention, Source
    from azamat.testing import monitoring_factories as mf

    person, organisation = _person(ctx), _organisation(ctx)
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        suffered = mf.event(
            organisation, by=ctx["alice"], victim=person, region_kato=other_region(serial).kato
        )
        informed = mf.event(organisation, by=ctx["alice"], region_kato=other_region(serial + 1).kato)
        Source.objects.filter(event=informed).update(person=person)
        Detention.objects.create(
            person=person,
            place=f"Учреждение номер {serial}",
            region=other_region(serial),
            since=timezone.localdate() - datetime.timedelta(days=serial),
        )
        case = mf.case(organisation, client=person, by=ctx["alice"])
        case.title = f"Дело номер {serial}"
        case.save()
        rows += [suffered.number, informed.number, f"Учреждение номер {serial}", case.title]
    return rows


LIST_PAGES = {
    "monitoring:events": "monitoring events",
    "monitoring:event": "a monitoring event",
    "monitoring:persons": "monitoring persons",
    "monitoring:person": "a monitoring person",
}
NOT_LISTS = {
    "monitoring:event_new": FORM_OR_ACTION,
    "monitoring:event_edit": FORM_OR_ACTION,
    "monitoring:act_new": FORM_OR_ACTION,
    "monitoring:act_edit": FORM_OR_ACTION,
    "monitoring:act_delete": FORM_OR_ACTION,
    "monitoring:involvement_new": FORM_OR_ACTION,
    "monitoring:involvement_delete": FORM_OR_ACTION,
    "monitoring:source_new": FORM_OR_ACTION,
    "monitoring:source_edit": FORM_OR_ACTION,
    "monitoring:attachment_new": FORM_OR_ACTION,
    "monitoring:attachment": "a file download",
    "monitoring:attachment_delete": FORM_OR_ACTION,
    "monitoring:person_new": FORM_OR_ACTION,
    "monitoring:person_edit": FORM_OR_ACTION,
}
