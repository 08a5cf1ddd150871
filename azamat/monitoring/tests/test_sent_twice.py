"""The same form sent twice — a double tap on a phone, the back button and the button again, a retry on a slow line
— makes one record: a hearing, a case, an act, a perpetrator, a source, a file, a detention, a visit, a site's
check, an observed election, an incident, a candidate for the list. The second send comes back with what was
typed and a message naming the record already made (as an intervention's does); a record typed differently is
another record, and so is the same typed by someone else. An observer's checklist sent twice is sent once,
without a word of "another tab"."""

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.monitoring import casework_services, elections_services
from azamat.monitoring.elections_services import CHECKLIST
from azamat.monitoring.models import (
    Act,
    Attachment,
    Candidate,
    Case,
    Checklist,
    Detention,
    DetentionVisit,
    Election,
    Event,
    Hearing,
    Involvement,
    Person,
    SiteCheck,
    Source,
)
from azamat.registry.models import Region
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf
from azamat.testing.factories import UserFactory
from azamat.testing.files import real_pdf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def team():
    return rf.organisation_with_team()


def _twice(client, url, data, message, **files):
    """Sent, then sent again: the second comes back (400) with the message and the form as typed."""
    first = client.post(url, data, **EN)
    assert first.status_code == 302, first.status_code
    again = client.post(url, data, **EN)
    assert again.status_code == 400, again.status_code
    assert message in " ".join(str(e) for e in again.context["form"].non_field_errors()), again.context[
        "form"
    ].errors
    return again


def test_a_hearing_sent_twice_is_recorded_once(client, team):
    organisation, people = team
    case = mf.case(organisation, lawyer=people["lawyer"], by=people["lawyer"])
    client.force_login(people["lawyer"])
    url = reverse("monitoring:hearing_new", args=[case.pk])
    data = {"date": YESTERDAY.isoformat(), "stage": "апелляция", "result": "Отложено на 10 дней."}

    again = _twice(
        client,
        url,
        data,
        f"You recorded this hearing a moment ago: see it on the page of case № {case.pk} rather than record it "
        "twice.",
    )

    assert again.context["form"]["result"].value() == "Отложено на 10 дней."
    assert Hearing.objects.filter(case=case).count() == 1
    # The next hearing of the appeal, on another day, is another hearing.
    later = client.post(url, {**data, "date": TODAY.isoformat()}, **EN)
    assert later.status_code == 302 and Hearing.objects.filter(case=case).count() == 2


def test_a_case_sent_twice_is_opened_once(client, team):
    organisation, people = team
    client.force_login(people["lawyer"])
    url = reverse("monitoring:case_new", args=[organisation.pk])
    data = {
        "title": "Обжалование ареста",
        "court": "Алматинский городской суд",
        "court_number": "7594-24-00-4/1234",
        "lawyers": [people["lawyer"].pk],
        "opened_on": YESTERDAY.isoformat(),
        "status": "open",
        "notes": "Клиент согласен на огласку.",
    }
    first = client.post(url, data, **EN)
    case = Case.objects.get()

    again = client.post(url, data, **EN)

    assert (first.status_code, again.status_code) == (302, 400)
    message = f"You opened this case a moment ago as № {case.pk}: open it rather than open it twice."
    assert message in again.content.decode()
    assert again.context["form"]["notes"].value() == "Клиент согласен на огласку."
    assert Case.objects.count() == 1
    # Another lawyer opening the same case is not a form sent twice.
    other = mf.grant(UserFactory(email="lawyer2@monitoring.example.kz"), organisation, "lawyer")
    client.force_login(other)
    assert client.post(url, {**data, "lawyers": [other.pk]}, **EN).status_code == 302
    assert Case.objects.count() == 2


def test_an_act_a_perpetrator_and_a_source_sent_twice_are_added_once(client, team):
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"], with_source=False)
    client.force_login(people["monitor"])
    act = {
        "type": mf.term("act_type", "detention").pk,
        "victim_group": "пятеро участников пикета",
        "date": event.date.isoformat(),
        "description": "Доставлены в РУВД.",
    }
    _twice(
        client,
        reverse("monitoring:act_new", args=[event.pk]),
        act,
        f"You added this act to event {event.number} a moment ago: see it on the event's page rather than add "
        "it twice.",
    )
    assert event.acts.count() == 2  # the factory's and this one
    added = event.acts.order_by("pk").last()
    perpetrator = {"description": "сотрудники полиции в штатском", "role": "carried_out"}
    _twice(
        client,
        reverse("monitoring:involvement_new", args=[added.pk]),
        perpetrator,
        f"You added this perpetrator to the act a moment ago: see it on the page of event {event.number} rather "
        "than add it twice.",
    )
    assert Involvement.objects.filter(act=added).count() == 1
    source = {
        "kind": "witness",
        "reliability": "b",
        "received_on": YESTERDAY.isoformat(),
        "account": "Свидетель видел задержание.",
    }
    again = _twice(
        client,
        reverse("monitoring:source_new", args=[event.pk]),
        source,
        f"You added this source to event {event.number} a moment ago: see it on the event's page rather than "
        "add it twice.",
    )
    assert again.context["form"]["account"].value() == "Свидетель видел задержание."
    assert Source.objects.filter(event=event).count() == 1
    # What another witness said is another source.
    other = {**source, "account": "Второй свидетель подтверждает."}
    assert client.post(reverse("monitoring:source_new", args=[event.pk]), other, **EN).status_code == 302
    assert Act.objects.filter(event=event).count() == 2 and Source.objects.filter(event=event).count() == 2


def test_a_file_sent_twice_is_stored_once(client, team):
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    client.force_login(people["monitor"])
    url = reverse("monitoring:attachment_new", args=[event.pk])
    content = real_pdf(1, "Protocol")

    def send():
        return client.post(url, {"file": SimpleUploadedFile("scan.pdf", content)}, **EN)

    assert send().status_code == 302
    again = send()

    assert again.status_code == 400
    assert (
        "You attached “scan.pdf” a moment ago: see it among the event's files rather than attach it twice."
        in " ".join(str(e) for e in again.context["form"].non_field_errors())
    )
    assert Attachment.objects.filter(event=event).count() == 1
    # Another page scanned, named the same by the scanning app, is another file.
    other = client.post(url, {"file": SimpleUploadedFile("scan.pdf", real_pdf(2, "Page two"))}, **EN)
    assert other.status_code == 302 and Attachment.objects.filter(event=event).count() == 2


def test_a_detention_and_a_visit_sent_twice_are_recorded_once(client, team):
    organisation, people = team
    person = mf.person(organisation, by=people["monitor"])
    client.force_login(people["monitor"])
    detention = {
        "place": "Учреждение ЛА-155/14",
        "region": Region.objects.get(kato=mf.ALMATY).pk,
        "since": (TODAY - datetime.timedelta(days=40)).isoformat(),
        "conditions": "Камера на 8 человек.",
    }
    _twice(
        client,
        reverse("monitoring:detention_new", args=[person.pk]),
        detention,
        f"You recorded this detention a moment ago: see it on the page of person № {person.pk} rather than "
        "record it twice.",
    )
    held = Detention.objects.get(person=person)
    visit = {"visited_on": YESTERDAY.isoformat(), "notes": "Жалоб на условия нет."}
    again = _twice(
        client,
        reverse("monitoring:visit_new", args=[held.pk]),
        visit,
        f"You recorded this visit a moment ago: see it on the page of person № {person.pk} rather than record "
        "it twice.",
    )
    assert again.context["form"]["notes"].value() == "Жалоб на условия нет."
    assert DetentionVisit.objects.filter(detention=held).count() == 1


def test_a_sites_check_sent_twice_is_recorded_once(client, team):
    organisation, people = team
    site = mf.site(organisation)
    client.force_login(people["monitor"])
    data = {
        "checked_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "result": "blocked",
        "provider": "Казахтелеком",
        "evidence": "ERR_CONNECTION_RESET",
    }
    _twice(
        client,
        reverse("monitoring:site_check_new", args=[site.pk]),
        data,
        f"You recorded this check a moment ago: see it on the page of {site.url} rather than record it twice.",
    )
    assert SiteCheck.objects.filter(site=site).count() == 1
    other = {**data, "provider": "Beeline"}
    assert client.post(reverse("monitoring:site_check_new", args=[site.pk]), other, **EN).status_code == 302
    assert SiteCheck.objects.filter(site=site).count() == 2


def test_an_election_sent_twice_is_set_up_once(client, team):
    organisation, people = team
    client.force_login(people["verifier"])
    data = {"title": "Выборы Президента", "kind": "presidential", "day": "20.11.2022"}
    _twice(
        client,
        reverse("monitoring:election_new", args=[organisation.pk]),
        data,
        "You set up the election “Выборы Президента” a moment ago: open it from the list of elections rather "
        "than set it up twice.",
    )
    assert Election.objects.filter(organisation=organisation).count() == 1


def _station(organisation, people, *, day=YESTERDAY):
    election = elections_services.election_create(
        by=people["verifier"], organisation=organisation, title="Выборы в маслихат", kind="maslikhat", day=day
    )
    return elections_services.station_add(
        by=people["verifier"],
        election=election,
        number="214",
        region=Region.objects.get(kato=mf.ALMATY),
        settlement_kato="",
        address="Алматы, ул. Абая, 10, школа № 12",
        observers=[people["monitor"]],
    )


def test_an_incident_sent_twice_is_one_event(client, team):
    organisation, people = team
    station = _station(organisation, people)
    client.force_login(people["monitor"])
    data = {"title": "Вброс бюллетеней", "description": "В 14:10 член комиссии опустил пачку бюллетеней."}
    first = client.post(reverse("monitoring:incident_new", args=[station.pk]), data, **EN)
    event = Event.objects.get(station=station)

    again = client.post(reverse("monitoring:incident_new", args=[station.pk]), data, **EN)

    assert (first.status_code, again.status_code) == (302, 400)
    assert f"You recorded this event a moment ago as {event.number}" in again.content.decode()
    assert Event.objects.filter(station=station).count() == 1 and event.sources.count() == 1


def test_a_checklist_sent_twice_is_sent_once_without_a_word_of_another_tab(client, team):
    """The observer's phone sent the counting checklist twice on a slow line: the second was refused as if saved
    from another tab, and the observer thought the answers were lost."""
    organisation, people = team
    station = _station(organisation, people)
    client.force_login(people["monitor"])
    page = client.get(reverse("monitoring:station", args=[station.pk]), **EN)
    loaded = next(b["form"] for b in page.context["phases"] if b["phase"] == "counting")
    data = {
        loaded.add_prefix("loaded_at"): loaded["loaded_at"].value(),
        **{f"counting-{code}": "yes" for code, _t, _p in CHECKLIST["counting"]},
        "counting-note": "Протокол выдан.",
    }
    url = reverse("monitoring:checklist_send", args=[station.pk, "counting"])

    first, again = client.post(url, data, **EN), client.post(url, data, **EN)

    assert (first.status_code, again.status_code) == (302, 302)
    checklist = Checklist.objects.get(station=station, phase="counting")
    assert checklist.note == "Протокол выдан." and checklist.history.count() == 1
    # Other answers from a form loaded before those were sent are still not put over them unasked.
    other = client.post(url, {**data, "counting-figures_agree": "no"}, **EN)
    assert other.status_code == 400
    checklist.refresh_from_db()
    assert checklist.answers["figures_agree"] == "yes"


def test_a_new_person_proposed_twice_for_the_list_is_proposed_once(client, team):
    organisation, people = team
    client.force_login(people["monitor"])
    data = {"name": "Асель Нурланова", "public_alias": "журналистка", "materials": "Приговор, жалобы."}
    url = reverse("monitoring:candidate_new", args=[organisation.pk])
    first = client.post(url, data, **EN)
    candidate = Candidate.objects.get()

    again = client.post(url, data, **EN)

    assert (first.status_code, again.status_code) == (302, 400)
    assert (
        f"This person is already a candidate or on the list (candidate #{candidate.pk})."
        in again.content.decode()
    )
    assert Candidate.objects.count() == 1 and Person.objects.filter(organisation=organisation).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql
def test_two_taps_at_once_record_one_hearing():
    """Both requests arrive together: the lawyer's row is locked, so the second sees the first's hearing."""
    organisation, people = rf.organisation_with_team()
    lawyer = people["lawyer"]
    case = mf.case(organisation, lawyer=lawyer, by=lawyer)
    barrier = threading.Barrier(2)
    errors = []

    def tap():
        try:
            barrier.wait()
            casework_services.hearing_add(case=case, by=lawyer, date=YESTERDAY, stage="апелляция", result="")
        except DomainError as error:
            errors.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [casework_services.HEARING_SENT_TWICE]
    assert Hearing.objects.filter(case=case).count() == 1
