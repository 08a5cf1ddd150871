"""Monitoring records for tests, made directly from the models (the services are what the tests test).

`team(org)` gives an organisation's monitoring people — a monitor, a verifier, an expert and a lawyer, each with
two-factor sign-in on — and the other helpers make a person, an event with an act, a perpetrator and a source,
a case, a candidate for the list, a blocked site. Names are fictional."""

import datetime

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from azamat.monitoring.models import (
    Act,
    BlockedSite,
    Candidate,
    Case,
    Criteria,
    Event,
    Involvement,
    MonitoringRole,
    Person,
    Source,
    Term,
)
from azamat.registry.models import Region
from azamat.testing.factories import UserFactory

ALMATY = "750000000"


def two_factor(user):
    """Turn on TOTP for `user` (what allauth asks at sign-in); returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def grant(user, organisation, *roles: str, with_two_factor: bool = True):
    for role in roles:
        MonitoringRole.objects.get_or_create(organisation=organisation, user=user, role=role)
    if with_two_factor and not user.authenticator_set.exists():
        two_factor(user)
    user.__dict__.pop("_monitoring_roles", None)
    user.__dict__.pop("_two_factor_on", None)
    return user


def team(organisation) -> dict:
    people = {}
    for role in ("monitor", "verifier", "expert", "lawyer"):
        people[role] = grant(
            UserFactory(email=f"{role}-{organisation.pk}@monitoring.example.kz"), organisation, role
        )
    return people


def term(kind: str, code: str | None = None) -> Term:
    terms = Term.objects.filter(kind=kind)
    return terms.get(code=code) if code else terms.order_by("position").first()


def person(organisation, name: str = "Ержан Сапаров", *, by=None, consent: bool = False, **fields) -> Person:
    fields.setdefault("phone", "+7 701 555 12 34")
    fields.setdefault("address", "г. Алматы, ул. Жандосова, 58, кв. 12")
    fields.setdefault("public_alias", "активист из Алматы")
    return Person.objects.create(
        organisation=organisation, name=name, created_by=by, consent_to_publish=consent, **fields
    )


def event(
    organisation,
    *,
    by=None,
    title: str = "Задержание участников мирного собрания у акимата",
    status: str = Event.Status.RECEIVED,
    victim: Person | None = None,
    with_source: bool = True,
    date: datetime.date | None = None,
    region_kato: str = ALMATY,
    **fields,
) -> Event:
    fields.setdefault("description", "Полиция задержала пятерых участников, одного избили при задержании.")
    fields.setdefault("place", "площадь у здания акимата, ул. Абая")
    record = Event.objects.create(
        organisation=organisation,
        title=title,
        type=term("event_type", "assembly"),
        date=date or timezone.localdate() - datetime.timedelta(days=10),
        region=Region.objects.get(kato=region_kato),
        status=status,
        entered_by=by,
        **fields,
    )
    act = Act.objects.create(
        event=record,
        type=term("act_type", "detention"),
        victim=victim or person(organisation, by=by),
        date=record.date,
        description="Задержан у входа, доставлен в РУВД.",
    )
    Involvement.objects.create(act=act, role=Involvement.Role.CARRIED_OUT, description="сотрудники полиции")
    if with_source:
        Source.objects.create(
            event=record,
            kind=Source.Kind.WITNESS,
            reliability=Source.Reliability.USUALLY,
            received_on=record.date,
            account="Свидетель видел задержание и избиение.",
        )
    return record


def case(organisation, *, lawyer=None, client: Person | None = None, by=None) -> Case:
    record = Case.objects.create(
        organisation=organisation,
        title="Обжалование ареста участника собрания",
        client=client,
        court="Специализированный межрайонный административный суд г. Алматы",
        court_number="7594-24-00-4/1234",
        opened_on=timezone.localdate() - datetime.timedelta(days=5),
        created_by=by,
    )
    if lawyer is not None:
        record.lawyers.add(lawyer)
    return record


def criteria(organisation) -> Criteria:
    return Criteria.objects.get_or_create(
        organisation=organisation,
        version=1,
        defaults={
            "text_kk": "Адам тек құқықтары мен сенімдерін іске асырғаны үшін қудаланады.",
            "text_ru": "Лицо преследуется исключительно за осуществление своих прав и убеждений.",
            "adopted_on": datetime.date(2021, 3, 1),
        },
    )[0]


def candidate(
    organisation, *, subject: Person | None = None, by=None, status=Candidate.Status.CANDIDATE
) -> Candidate:
    return Candidate.objects.create(
        organisation=organisation,
        person=subject or person(organisation, by=by),
        status=status,
        materials="Приговор суда, жалобы, заключение адвоката.",
        proposed_by=by,
    )


def site(organisation, url: str = "https://example-news.kz/") -> BlockedSite:
    return BlockedSite.objects.create(
        organisation=organisation, url=url, reported_on=timezone.localdate() - datetime.timedelta(days=30)
    )
