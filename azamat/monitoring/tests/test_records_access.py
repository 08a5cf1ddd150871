"""Who reads and changes which record: a monitor of another organisation is refused (and the refusal logged); a
monitor does not see another monitor's unshared event, a verifier does; a restricted event is hidden from a
verifier not named on it; a verified event is changed by a verifier only; without two-factor sign-in, nobody."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from azamat.monitoring.models import Act, Attachment, Event, ReadLog, Source
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf
from azamat.testing.factories import UserFactory
from azamat.testing.files import real_pdf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    organisation, people = rf.organisation_with_team()
    event = mf.event(organisation, by=people["monitor"], victim=mf.person(organisation, by=people["monitor"]))
    return organisation, people, event


def _refusals(user):
    return list(
        ReadLog.objects.filter(user=user, action=ReadLog.Action.REFUSED).values_list(
            "record_type", "record_id"
        )
    )


def test_a_monitor_of_another_organisation_is_refused_and_the_refusal_logged(client, world):
    organisation, people, event = world
    _theirs, strangers = rf.organisation_with_team()
    stranger = strangers["monitor"]
    act, source = event.acts.get(), event.sources.get()
    victim = act.victim
    client.force_login(stranger)
    for name, pk, record in [
        ("monitoring:event", event.pk, ("event", event.pk)),
        ("monitoring:event_edit", event.pk, ("event", event.pk)),
        ("monitoring:act_edit", act.pk, ("act", act.pk)),
        ("monitoring:source_edit", source.pk, ("source", source.pk)),
        ("monitoring:person", victim.pk, ("person", victim.pk)),
    ]:
        response = client.get(reverse(name, args=[pk]), **EN)
        assert response.status_code == 403, name
        assert "belongs to an organisation's monitoring you do not work on" in unescape(
            response.content.decode()
        )
        assert record in _refusals(stranger)
    for name in ("monitoring:events", "monitoring:event_new", "monitoring:persons", "monitoring:person_new"):
        assert client.get(reverse(name, args=[organisation.pk]), **EN).status_code == 403, name
    assert ("organisation", organisation.pk) in _refusals(stranger)
    logged = ReadLog.objects.filter(user=stranger, action=ReadLog.Action.REFUSED)
    assert {row.organisation_id for row in logged} == {
        organisation.pk
    }  # the organisation's administrators see it

    # A refused write changes nothing.
    before = (Event.objects.count(), Act.objects.count(), Source.objects.count())
    client.post(reverse("monitoring:event_new", args=[organisation.pk]), rf.event_post(), **EN)
    client.post(
        reverse("monitoring:act_new", args=[event.pk]),
        {"type": mf.term("act_type", "fine").pk, "victim_group": "участники"},
        **EN,
    )
    response = client.post(reverse("monitoring:act_delete", args=[act.pk]), **EN)
    assert response.status_code == 403
    assert (Event.objects.count(), Act.objects.count(), Source.objects.count()) == before


def test_a_monitor_does_not_see_another_monitors_unshared_event_but_a_verifier_does(client, world):
    organisation, people, event = world
    other_monitor, verifier = people["monitor2"], people["verifier"]
    client.force_login(other_monitor)
    refused = client.get(reverse("monitoring:event", args=[event.pk]), **EN)
    assert refused.status_code == 403
    assert "Monitors see the events they entered and those shared with them." in unescape(
        refused.content.decode()
    )
    listing = unescape(
        client.get(reverse("monitoring:events", args=[organisation.pk]), **EN).content.decode()
    )
    assert event.number not in listing and "No event you may read yet." in listing

    client.force_login(verifier)
    assert client.get(reverse("monitoring:event", args=[event.pk]), **EN).status_code == 200
    listing = unescape(
        client.get(reverse("monitoring:events", args=[organisation.pk]), **EN).content.decode()
    )
    assert event.number in listing

    # Shared with the second monitor: now they read it, but only who entered it (and verifiers) change it.
    event.readers.add(other_monitor)
    client.force_login(other_monitor)
    assert client.get(reverse("monitoring:event", args=[event.pk]), **EN).status_code == 200
    assert client.get(reverse("monitoring:event_edit", args=[event.pk]), **EN).status_code == 403


def test_a_restricted_event_is_hidden_from_a_verifier_not_named_on_it(client, world):
    organisation, people, _event = world
    monitor, verifier = people["monitor"], people["verifier"]
    second = mf.grant(UserFactory(full_name="Старший Проверяющий"), organisation, "verifier")
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:event_new", args=[organisation.pk]),
        rf.event_post(title="Угрозы свидетелю", restricted="on", readers=[second.pk]),
        **EN,
    )
    restricted = Event.objects.get(restricted=True)
    assert response.status_code == 302 and list(restricted.readers.all()) == [second]

    client.force_login(verifier)
    refused = client.get(reverse("monitoring:event", args=[restricted.pk]), **EN)
    assert refused.status_code == 403
    assert "This record is restricted to the people named on it." in unescape(refused.content.decode())
    assert ("event", restricted.pk) in _refusals(verifier)
    listing = unescape(
        client.get(reverse("monitoring:events", args=[organisation.pk]), **EN).content.decode()
    )
    assert restricted.number not in listing

    client.force_login(second)
    assert client.get(reverse("monitoring:event", args=[restricted.pk]), **EN).status_code == 200
    assert restricted.number in unescape(
        client.get(reverse("monitoring:events", args=[organisation.pk]), **EN).content.decode()
    )


def test_only_role_holders_of_the_organisation_can_be_named_readers(client, world):
    organisation, people, _event = world
    outsider = rf.organisation_with_team()[1]["verifier"]
    client.force_login(people["monitor"])
    response = client.post(
        reverse("monitoring:event_new", args=[organisation.pk]),
        rf.event_post(restricted="on", readers=[outsider.pk]),
        **EN,
    )
    assert response.status_code == 400
    assert Event.objects.filter(organisation=organisation).count() == 1  # only the fixture's


def test_a_verified_event_is_changed_by_a_verifier_only(client, world):
    organisation, people, event = world
    event.status = Event.Status.VERIFIED
    event.save()
    client.force_login(people["monitor"])
    refused = client.post(
        reverse("monitoring:event_edit", args=[event.pk]), rf.event_post(title="Другое"), **EN
    )
    assert refused.status_code == 403
    assert "A verified or closed record is changed by a verifier." in unescape(refused.content.decode())
    event.refresh_from_db()
    assert event.title != "Другое"
    page = unescape(client.get(reverse("monitoring:event", args=[event.pk]), **EN).content.decode())
    assert reverse("monitoring:event_edit", args=[event.pk]) not in page  # no button that would be refused

    client.force_login(people["verifier"])
    response = client.post(
        reverse("monitoring:event_edit", args=[event.pk]), rf.event_post(title="Уточнённое название"), **EN
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Уточнённое название"
    assert event.history.first().history_user == people["verifier"]
    assert event.entered_by == people["monitor"]  # still who entered it


PROTOCOL = real_pdf(1, "Protocol")


def test_files_are_read_and_deleted_as_their_event(client, world):
    organisation, people, event = world
    client.force_login(people["monitor"])
    client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile("protocol.pdf", PROTOCOL)},
        **EN,
    )
    attachment = Attachment.objects.get(event=event)
    client.force_login(people["monitor2"])
    assert client.get(reverse("monitoring:attachment", args=[attachment.pk]), **EN).status_code == 403
    assert client.post(reverse("monitoring:attachment_delete", args=[attachment.pk]), **EN).status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert ("attachment", attachment.pk) in _refusals(people["monitor2"])
    client.force_login(people["verifier"])
    download = client.get(reverse("monitoring:attachment", args=[attachment.pk]), **EN)
    assert download.status_code == 200 and download.content == PROTOCOL


def test_without_two_factor_sign_in_a_monitor_is_sent_to_set_it_up(client):
    organisation, people = rf.organisation_with_team()
    newcomer = mf.grant(UserFactory(), organisation, "monitor", with_two_factor=False)
    event = mf.event(organisation, by=newcomer)
    client.force_login(newcomer)
    for url in (
        reverse("monitoring:events", args=[organisation.pk]),
        reverse("monitoring:event", args=[event.pk]),
        reverse("monitoring:event_new", args=[organisation.pk]),
    ):
        response = client.get(url, **EN)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("mfa_activate_totp")
        ), url
    assert not ReadLog.objects.filter(user=newcomer).exists()  # nothing was read


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    _organisation, _people, event = world
    response = client.get(reverse("monitoring:event", args=[event.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_colleagues_who_share_a_name_are_told_apart_when_a_record_is_shared(client, world):
    """Two «Второй Монитор» in the readers' list: the wrong one could be let read a restricted record."""
    organisation, people, _event = world
    twin = mf.grant(
        UserFactory(email=f"twin-{organisation.pk}@monitoring.example.kz", full_name="Второй Монитор"),
        organisation,
        "monitor",
    )
    client.force_login(people["monitor"])
    page = unescape(
        client.get(reverse("monitoring:event_new", args=[organisation.pk]), **EN).content.decode()
    )
    assert f"Второй Монитор ({people['monitor2'].email})" in page and f"Второй Монитор ({twin.email})" in page
