"""A stolen database dump shows no victim's or witness's name, phone, address or free text: the monitoring's
records are written through the models (with their history), one event is published, and `pg_dump` of the
whole database holds none of those strings — nor their lower-case forms — while a field that is public by
design (a blocked website's address) is there in the clear, so the search itself works."""

import os
import subprocess

import pytest
from django.db import connection
from django.utils import timezone

from azamat.monitoring import publication
from azamat.monitoring.models import (
    Candidate,
    Detention,
    DetentionVisit,
    Event,
    Hearing,
    Intervention,
    Person,
    PublishedEvent,
    Source,
)
from azamat.testing import monitoring_factories as mf

VICTIM = "Жансерік Тоқтарбекұлы-Әлімжанов"
WITNESS = "Феврония Загоскина-Уалиханова"
PHONE = "+7 705 918 44 27"
ADDRESS = "г. Уральск, ул. Досмухамедова, 117, кв. 43"
SECRETS = [
    VICTIM,
    "Тоқтарбекұлы",
    WITNESS,
    "Загоскина",
    PHONE,
    ADDRESS,
    "Досмухамедова",
    "скрывается у тёти в посёлке Чапаево",  # a person's notes
    "видела, как его били дубинкой у гаражей",  # a witness's account
    "Обыск у Тоқтарбекұлы на рассвете",  # an event's title naming the victim
    "двор за магазином «Береке»",  # the place
    "подзащитный передал записку через конвой",  # a case's notes
    "переломы двух рёбер, в медчасти отказали",  # detention conditions
]
PUBLIC_URL = "https://dump-canary-blocked-site.kz/"


def _libpq_env() -> dict[str, str]:
    """The test database's connection for pg_dump, as libpq reads it (the password out of the process list)."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, value in {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGHOST": db.get("HOST"),
        "PGPORT": str(db.get("PORT") or ""),
    }.items():
        if value:
            env[variable] = value
    return env


def _pg_dump() -> str:
    result = subprocess.run(  # noqa: S603 — our own database, pg_dump from PATH
        ["pg_dump", "--no-owner", "--no-privileges", "--encoding=UTF8"],  # noqa: S607
        env=_libpq_env(),
        capture_output=True,
        check=True,
        timeout=300,
    )
    return result.stdout.decode("utf-8")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_dump_holds_no_name_phone_address_or_free_text(ngo):
    people = mf.team(ngo)
    monitor, verifier, lawyer = people["monitor"], people["verifier"], people["lawyer"]
    victim = mf.person(
        ngo, VICTIM, by=monitor, phone=PHONE, address=ADDRESS, notes="скрывается у тёти в посёлке Чапаево"
    )
    victim.birth_date = "14.02.1991"
    victim.save()  # a second history row
    witness = mf.person(ngo, WITNESS, by=monitor, phone="+7 777 301 12 90")
    event = mf.event(
        ngo,
        by=monitor,
        victim=victim,
        title="Обыск у Тоқтарбекұлы на рассвете",
        description=f"Сотрудники пришли к {VICTIM} в 6 утра; соседка {WITNESS} всё видела.",
        place="двор за магазином «Береке»",
        status=Event.Status.VERIFIED,
        reliability="high",
    )
    Source.objects.create(
        event=event,
        kind=Source.Kind.WITNESS,
        person=witness,
        reliability=Source.Reliability.RELIABLE,
        received_on=event.date,
        account="видела, как его били дубинкой у гаражей",
    )
    case = mf.case(ngo, lawyer=lawyer, client=victim, by=lawyer)
    case.notes = "подзащитный передал записку через конвой"
    case.save()
    Hearing.objects.create(case=case, date=timezone.localdate(), result=f"{VICTIM} оставлен под стражей")
    detention = Detention.objects.create(
        person=victim, place="СИЗО-1", since=event.date, conditions="переломы двух рёбер, в медчасти отказали"
    )
    DetentionVisit.objects.create(
        detention=detention, visited_on=timezone.localdate(), notes=f"{VICTIM} похудел"
    )
    Candidate.objects.create(
        organisation=ngo, person=victim, materials=f"Приговор {VICTIM}", proposed_by=monitor
    )
    Intervention.objects.create(
        organisation=ngo,
        event=event,
        person=victim,
        kind="complaint",
        sent_on=timezone.localdate(),
        summary="Жалоба на обыск",
        text=f"Просим проверить законность обыска у {VICTIM}, тел. {PHONE}",
    )
    site = mf.site(ngo, url=PUBLIC_URL)
    copy = publication.event_publish(event=event, by=verifier)
    assert PublishedEvent.objects.filter(pk=copy.pk).exists()
    assert Person.objects.get(pk=victim.pk).name == VICTIM  # the application reads it back

    dump = _pg_dump()

    assert site.url in dump  # plain where it is meant to be: the search finds what is there
    assert copy.number in dump
    found = [s for s in SECRETS if s in dump or s.lower() in dump]
    assert found == [], f"the dump shows {found}"
    assert connection.vendor == "postgresql"
