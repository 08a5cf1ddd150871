"""Election observation, walked as its people walk it: a coordinator sets up an election and its stations with
observers; an observer sends each phase's checklist (an unanswered question refused, in the page's language,
nothing saved; sent again, replaced with the earlier answers kept in the history) and reports an incident, which
becomes an event to verify; strangers, unassigned observers, early and late reports are refused; the totals go
public only once the observation is closed, and never with an observer's name or note."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.monitoring import elections_selectors, elections_services, permissions
from azamat.monitoring.elections_services import CHECKLIST
from azamat.monitoring.models import Checklist, Election, Event, PollingStation, ReadLog
from azamat.registry.models import Region
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def people(org):
    return mf.team(org)


@pytest.fixture
def election(org, people):
    return elections_services.election_create(
        by=people["verifier"],
        organisation=org,
        title="Выборы депутатов маслихата",
        kind="maslikhat",
        day=timezone.localdate() - datetime.timedelta(days=1),
    )


@pytest.fixture
def station(election, people):
    return elections_services.station_add(
        by=people["verifier"],
        election=election,
        number="214",
        region=Region.objects.get(kato="750000000"),
        settlement_kato="",
        address="Алматы, ул. Абая, 10, школа № 12",
        observers=[people["monitor"]],
    )


def _answers(phase, answer="yes", **overrides):
    return {f"{phase}-{code}": overrides.get(code, answer) for code, _t, _p in CHECKLIST[phase]}


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_a_coordinator_sets_up_an_election_and_a_station_through_the_pages(client, org, people):
    _signed_in(client, people["verifier"])
    response = client.post(
        reverse("monitoring:election_new", args=[org.pk]),
        {"title": "Выборы Президента", "kind": "presidential", "day": "20.11.2022"},
        **EN,
    )
    election = Election.objects.get(organisation=org)
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:election", args=[election.pk]
    )
    assert election.day == datetime.date(2022, 11, 20) and election.created_by == people["verifier"]
    almaty = Region.objects.get(kato="750000000")
    data = {
        "number": " 214 ",
        "region": almaty.pk,
        "settlement_kato": "",
        "address": "школа № 12",
        "observers": [people["monitor"].pk],
    }
    assert client.post(reverse("monitoring:station_new", args=[election.pk]), data, **EN).status_code == 302
    station = election.stations.get()
    assert station.number == "214" and list(station.observers.all()) == [people["monitor"]]
    # The same number twice, a bad KATO code, an observer from outside the organisation: refused, nothing added.
    again = client.post(reverse("monitoring:station_new", args=[election.pk]), data, **RU)
    assert again.status_code == 400
    assert "уже есть избирательный участок с этим номером" in again.content.decode()
    bad_kato = client.post(
        reverse("monitoring:station_new", args=[election.pk]),
        {**data, "number": "215", "settlement_kato": "75"},
        **EN,
    )
    assert bad_kato.status_code == 400 and "9 digits" in bad_kato.content.decode()
    stranger = UserFactory()
    outsider = client.post(
        reverse("monitoring:station_new", args=[election.pk]),
        {**data, "number": "216", "observers": [stranger.pk]},
        **EN,
    )
    assert outsider.status_code == 400
    assert election.stations.count() == 1


def test_a_monitor_cannot_set_up_an_election(client, org, people):
    _signed_in(client, people["monitor"])
    assert client.get(reverse("monitoring:election_new", args=[org.pk]), **EN).status_code == 403
    with pytest.raises(Exception, match="verifiers and administrators"):
        elections_services.election_create(
            by=people["monitor"], organisation=org, title="x", kind="akim", day=timezone.localdate()
        )


def test_the_observer_sends_a_checklist_and_sending_again_replaces_it(client, station, people):
    observer = people["monitor"]
    _signed_in(client, observer)
    page = client.get(reverse("monitoring:station", args=[station.pk]), **EN)
    assert page.status_code == 200 and "Checklist: Opening" in page.content.decode()
    url = reverse("monitoring:checklist_send", args=[station.pk, "opening"])
    answers = _answers("opening", boxes_empty="no")
    response = client.post(url, {**answers, "opening-note": "Урны опечатаны с опозданием"}, **EN)
    assert response.status_code == 302
    checklist = Checklist.objects.get(station=station, observer=observer, phase="opening")
    assert checklist.answers["boxes_empty"] == "no" and checklist.problems == 1
    assert checklist.note == "Урны опечатаны с опозданием"
    client.post(url, _answers("opening"), **EN)
    checklist.refresh_from_db()
    assert checklist.problems == 0 and checklist.note == ""
    assert Checklist.objects.filter(station=station).count() == 1
    assert checklist.history.count() == 2  # what was sent first is kept


def test_an_unanswered_question_is_refused_in_the_page_language_and_nothing_is_saved(client, station, people):
    _signed_in(client, people["monitor"])
    answers = _answers("voting")
    del answers["voting-secrecy"]
    response = client.post(
        reverse("monitoring:checklist_send", args=[station.pk, "voting"]),
        {**answers, "voting-note": "заметка"},
        **RU,
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ответьте на этот вопрос" in body
    assert 'value="заметка"' not in body and "заметка" in body  # the note typed is kept in its textarea
    assert not Checklist.objects.exists()


def test_only_the_assigned_observer_reports_and_only_from_the_day_until_closed(
    client, station, people, election
):
    verifier, monitor = people["verifier"], people["monitor"]
    other_monitor = mf.grant(UserFactory(), election.organisation, "monitor")
    url = reverse("monitoring:checklist_send", args=[station.pk, "opening"])
    for user in (verifier, other_monitor, UserFactory()):
        _signed_in(client, user)
        assert client.post(url, _answers("opening"), **EN).status_code == 403
    assert ReadLog.objects.filter(action="refused", record_type="pollingstation").count() == 3
    # The unassigned monitor does not see the station; the coordinator does, without a checklist form of her own.
    _signed_in(client, other_monitor)
    assert client.get(reverse("monitoring:station", args=[station.pk]), **EN).status_code == 403
    election.day = timezone.localdate() + datetime.timedelta(days=3)
    election.save()
    assert not permissions.can_report_at(monitor, station)
    _signed_in(client, monitor)
    assert client.post(url, _answers("opening"), **EN).status_code == 403
    election.day = timezone.localdate()
    election.save()
    elections_services.election_close(by=verifier, election=election)
    station.refresh_from_db()
    assert "closed" in permissions.can_report_at(monitor, station).reason
    assert client.post(url, _answers("opening"), **EN).status_code == 403
    assert not Checklist.objects.exists()


def test_an_incident_becomes_an_event_to_verify(client, station, people, election):
    monitor, verifier = people["monitor"], people["verifier"]
    _signed_in(client, monitor)
    response = client.post(
        reverse("monitoring:incident_new", args=[station.pk]),
        {
            "title": "Вброс бюллетеней",
            "description": "В 14:10 член комиссии опустил пачку бюллетеней в урну.",
        },
        **EN,
    )
    assert response.status_code == 302
    event = Event.objects.get(station=station)
    assert (event.election, event.date, event.type.code) == (election, election.day, "election")
    assert (event.polling_station, event.region.kato, event.entered_by) == ("214", "750000000", monitor)
    assert event.status == "received" and event.title == "Вброс бюллетеней"
    source = event.sources.get()
    assert source.kind == "monitor" and "214" in source.reference
    # The verifier (someone other than who reported it) may verify it: it waits in the organisation's queue.
    assert permissions.can_verify_event(verifier, event)
    assert not permissions.can_verify_event(monitor, event)
    page = client.get(reverse("monitoring:station", args=[station.pk]), **EN)
    assert event.number in page.content.decode()


def test_an_empty_incident_is_refused_and_creates_nothing(client, station, people):
    _signed_in(client, people["monitor"])
    response = client.post(
        reverse("monitoring:incident_new", args=[station.pk]), {"title": " ", "description": ""}, **RU
    )
    assert response.status_code == 400 and "Обязательное поле" in response.content.decode()
    assert not Event.objects.exists()


def test_totals_count_the_problems_and_publishing_needs_the_observation_closed(
    client, election, station, people
):
    monitor, verifier = people["monitor"], people["verifier"]
    second = mf.grant(UserFactory(full_name="Наблюдатель Второй"), election.organisation, "monitor")
    other = PollingStation.objects.create(
        election=election,
        number="300",
        region=Region.objects.get(kato="350000000"),
        address="Караганда, школа № 3",
    )
    other.observers.add(second)
    elections_services.checklist_send(
        by=monitor, station=station, phase="voting", answers={c: "no" for c, _t, _p in CHECKLIST["voting"]}
    )
    answers = {c: "no" for c, _t, _p in CHECKLIST["voting"]} | {"multiple_voting": "yes", "secrecy": "unseen"}
    elections_services.checklist_send(
        by=second, station=other, phase="voting", answers=answers, note="Секретная заметка"
    )
    totals = elections_selectors.totals(election)
    voting = next(block for block in totals["phases"] if block["phase"] == "voting")
    lines = {line["code"]: line for line in voting["questions"]}
    assert voting["sent"] == 2 and totals["observed"] == 2 and totals["stations"] == 2
    assert lines["multiple_voting"]["problems"] == 1 and lines["multiple_voting"]["share"] == 50
    assert (
        lines["secrecy"]["problems"] == 1
        and lines["secrecy"]["unseen"] == 1
        and lines["secrecy"]["share"] == 100
    )
    # Each "no" everywhere is two problems (documents unchecked, no secrecy); the second: unchecked and carousel.
    assert {row["region"].kato: row["problems"] for row in totals["regions"]} == {
        "750000000": 2,
        "350000000": 2,
    }

    public = reverse("monitoring:public_election", args=[election.pk])
    assert client.get(public, **EN).status_code == 404
    with pytest.raises(Exception, match="Close the observation"):
        elections_services.election_publish(by=verifier, election=election)
    _signed_in(client, verifier)
    client.post(reverse("monitoring:election_close", args=[election.pk]), **EN)
    client.post(reverse("monitoring:election_publish", args=[election.pk]), **EN)
    election.refresh_from_db()
    assert election.closed and election.published_at is not None
    client.logout()
    page = client.get(public, **EN).content.decode()
    assert "Someone voted more than once" in page and "1 (50%)" in page
    assert (
        "Наблюдатель Второй" not in page and "Секретная заметка" not in page and monitor.full_name not in page
    )
    assert election.title in client.get(reverse("monitoring:public_elections"), **EN).content.decode()
    # Withdrawn: gone from the public pages at once.
    _signed_in(client, verifier)
    client.post(reverse("monitoring:election_publish", args=[election.pk]), {"published": "0"}, **EN)
    client.logout()
    assert client.get(public, **EN).status_code == 404


def test_the_coordinator_reads_the_station_and_the_read_is_logged(client, station, people):
    monitor, verifier = people["monitor"], people["verifier"]
    elections_services.checklist_send(
        by=monitor,
        station=station,
        phase="counting",
        answers={c: "yes" for c, _t, _p in CHECKLIST["counting"]},
        note="Копию протокола выдали через час",
    )
    _signed_in(client, verifier)
    page = client.get(reverse("monitoring:station", args=[station.pk]), **EN).content.decode()
    assert "Копию протокола выдали через час" in page and monitor.full_name in page
    assert "Send the checklist" not in page  # the coordinator is not an observer of this station
    log = ReadLog.objects.get(user=verifier, record_type="pollingstation")
    assert log.record_id == station.pk and log.organisation_id == station.election.organisation_id


def test_an_observers_election_page_lists_only_her_stations(client, election, station, people):
    PollingStation.objects.create(
        election=election, number="999", region=station.region, address="Другая школа"
    )
    _signed_in(client, people["monitor"])
    page = client.get(reverse("monitoring:election", args=[election.pk]), **EN).content.decode()
    assert "No. 214" in page and "No. 999" not in page
    assert "What the observers saw" not in page


def test_a_station_saved_meanwhile_by_another_coordinator_is_not_overwritten(client, people, station):
    """A station's address corrected in one tab was undone by an older form saved from another."""
    from azamat.monitoring.tests.test_edits_meanwhile import MESSAGE, _posted, _refused

    coordinator = mf.grant(UserFactory(), station.election.organisation, "verifier")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("monitoring:station_edit", args=[station.pk])
    first_tab = _posted(_signed_in(client, coordinator).get(url).context["form"])
    second_tab = _posted(_signed_in(client, people["verifier"]).get(url).context["form"])
    _signed_in(client, coordinator)
    assert client.post(url, {**first_tab, "address": "Алматы, ул. Абая, 12, школа № 12"}).status_code == 302
    _signed_in(client, people["verifier"])
    second = client.post(url, {**second_tab, "number": "215"})
    _refused(second, MESSAGE)
    station.refresh_from_db()
    assert (station.number, station.address) == ("214", "Алматы, ул. Абая, 12, школа № 12")
    assert second.context["form"]["number"].value() == "215"  # what they typed is kept
    assert client.post(url, second.context["form"].data).status_code == 302  # told, and saved again
    station.refresh_from_db()
    assert station.number == "215"
