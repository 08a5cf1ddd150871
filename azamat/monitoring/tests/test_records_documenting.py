"""A monitor documents an event as HURIDOCS has it — who did what to whom: the event, an act with its victim, the
state body that carried it out, a source, a photo whose GPS position is stripped on upload; the file on disk and
the database hold no plaintext; every page that showed the record logged the read."""

import io
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from PIL import Image

from azamat.monitoring import storage
from azamat.monitoring.models import Act, Attachment, Event, Involvement, Person, ReadLog, Source
from azamat.registry.models import GovernmentBody
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _reads(user, action=ReadLog.Action.VIEW):
    return list(ReadLog.objects.filter(user=user, action=action).values_list("record_type", "record_id"))


def test_a_monitor_documents_who_did_what_to_whom(client):
    organisation, people = rf.organisation_with_team()
    monitor = people["monitor"]
    client.force_login(monitor)

    # The victim first: a person of the organisation's records.
    response = client.post(
        reverse("monitoring:person_new", args=[organisation.pk]),
        {"name": "Даурен Кенжебаев", "phone": "+7 705 111 22 33", "public_alias": "пикетчик из Алматы"},
        **EN,
    )
    victim = Person.objects.get(organisation=organisation)
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:person", args=[victim.pk]
    )
    assert victim.name == "Даурен Кенжебаев" and victim.created_by == monitor

    # The event.
    response = client.post(reverse("monitoring:event_new", args=[organisation.pk]), rf.event_post(), **EN)
    event = Event.objects.get(organisation=organisation)
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:event", args=[event.pk]
    )
    assert event.entered_by == monitor and event.status == Event.Status.RECEIVED
    assert event.number == f"M-{event.date.year}-{event.pk:06d}"
    assert event.settlement_kato == "751110000"
    assert event.history.first().history_user == monitor

    # An act: a detention of the victim, and the right it violated.
    liberty = mf.term("right", "liberty")
    response = client.post(
        reverse("monitoring:act_new", args=[event.pk]),
        {
            "type": mf.term("act_type", "detention").pk,
            "victim": victim.pk,
            "date": event.date.isoformat(),
            "description": "Доставлен в отдел полиции, удерживался 6 часов.",
            "rights": [liberty.pk],
        },
        **EN,
    )
    act = Act.objects.get(event=event)
    assert response.status_code == 302 and response["Location"].endswith("#acts")
    assert act.victim == victim and act.type.code == "detention"
    assert list(event.rights.all()) == [liberty]

    # The perpetrator: the state body that carried it out.
    body = GovernmentBody.objects.order_by("pk").first()
    response = client.post(
        reverse("monitoring:involvement_new", args=[act.pk]), {"body": body.pk, "role": "carried_out"}, **EN
    )
    assert response.status_code == 302
    involvement = Involvement.objects.get(act=act)
    assert involvement.body == body and involvement.role == "carried_out" and involvement.perpetrator is None

    # A source: the victim's own account.
    response = client.post(
        reverse("monitoring:source_new", args=[event.pk]),
        {
            "kind": "victim",
            "reliability": "b",
            "received_on": event.date.isoformat(),
            "person": victim.pk,
            "account": "Меня задержали без объяснения причин.",
        },
        **EN,
    )
    assert response.status_code == 302
    source = Source.objects.get(event=event)
    assert source.person == victim and source.reliability == "b"

    # A photo with its GPS position in EXIF: stored encrypted, the position stripped.
    photo = rf.jpeg_with_gps()
    assert Image.open(io.BytesIO(photo)).getexif().get(rf.GPS_IFD) is not None  # the test's photo has it
    response = client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile("photo.jpg", photo, content_type="application/x-anything")},
        **EN,
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(event=event)
    assert attachment.content_type == "image/jpeg"  # ours, not what the browser claimed
    assert attachment.metadata_kept is False and attachment.uploaded_by == monitor
    kept = storage.read(attachment)
    clean = Image.open(io.BytesIO(kept))
    assert clean.size == (64, 48)
    assert not clean.getexif() and b"Exif" not in kept and b"PhoneMaker" not in kept
    on_disk = (Path(settings.MEDIA_ROOT) / storage.FOLDER / attachment.stored_name).read_bytes()
    assert b"\xff\xd8" not in on_disk[:4] and b"JFIF" not in on_disk and on_disk != kept

    # The download: decrypted, as an attachment, never sniffed; logged.
    download = client.get(reverse("monitoring:attachment", args=[attachment.pk]), **EN)
    assert download.status_code == 200 and download.content == kept
    assert (
        download["Content-Disposition"].startswith("attachment;")
        and "photo.jpg" in download["Content-Disposition"]
    )
    assert download["X-Content-Type-Options"] == "nosniff"
    assert (("attachment", attachment.pk)) in _reads(monitor, ReadLog.Action.DOWNLOAD)

    # The event's page shows it all, and the read is logged.
    page = client.get(reverse("monitoring:event", args=[event.pk]), **EN)
    html = unescape(page.content.decode())
    assert page.status_code == 200
    for shown in ("Даурен Кенжебаев", body.name_en or body.name_ru, "Carried it out", "B — usually reliable"):
        assert shown in html
    assert "photo.jpg" in html and event.number in html
    assert ("event", event.pk) in _reads(monitor)
    assert reverse("monitoring:act_edit", args=[act.pk]) in html  # who entered it may still change it
    assert reverse("monitoring:event_verification", args=[event.pk]) not in html  # a monitor does not verify
    assert "Created" in html  # the history of changes

    # The database holds none of it in the clear.
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, description, place FROM monitoring_event WHERE id = %s", [event.pk])
        title, description, place = cursor.fetchone()
        cursor.execute("SELECT name, phone, search_index FROM monitoring_person WHERE id = %s", [victim.pk])
        name, phone, index = cursor.fetchone()
        cursor.execute("SELECT account FROM monitoring_source WHERE id = %s", [source.pk])
        (account,) = cursor.fetchone()
        cursor.execute("SELECT original_name FROM monitoring_attachment WHERE id = %s", [attachment.pk])
        (file_name,) = cursor.fetchone()
    raw = " ".join([title, description, place, name, phone, index, account, file_name])
    for secret in ("Задержание", "пикетов", "маслихата", "Кенжебаев", "705 111", "без объяснения", "photo"):
        assert secret not in raw


def test_a_verifier_sees_the_link_to_verify_and_every_read_is_logged(client):
    organisation, people = rf.organisation_with_team()
    monitor, verifier = people["monitor"], people["verifier"]
    victim = mf.person(organisation, "Сауле Ибраимова", by=monitor)
    event = mf.event(organisation, by=monitor, victim=victim)
    act, source = event.acts.get(), event.sources.get()
    client.force_login(verifier)
    pages = [
        (reverse("monitoring:event", args=[event.pk]), ("event", event.pk), ReadLog.Action.VIEW),
        (reverse("monitoring:event_edit", args=[event.pk]), ("event", event.pk), ReadLog.Action.EDIT),
        (reverse("monitoring:act_edit", args=[act.pk]), ("act", act.pk), ReadLog.Action.EDIT),
        (reverse("monitoring:source_edit", args=[source.pk]), ("source", source.pk), ReadLog.Action.EDIT),
        (reverse("monitoring:person", args=[victim.pk]), ("person", victim.pk), ReadLog.Action.VIEW),
        (reverse("monitoring:person_edit", args=[victim.pk]), ("person", victim.pk), ReadLog.Action.EDIT),
    ]
    for url, record, action in pages:
        before = ReadLog.objects.count()
        response = client.get(url, **EN)
        assert response.status_code == 200, url
        assert ReadLog.objects.count() == before + 1, url
        logged = ReadLog.objects.order_by("-pk").first()
        assert (logged.record_type, logged.record_id) == record and logged.action == action
        assert logged.user == verifier and logged.organisation == organisation
        assert "Сауле" not in logged.what and "Задержание" not in logged.what  # never the secret itself
    page = unescape(client.get(reverse("monitoring:event", args=[event.pk]), **EN).content.decode())
    assert reverse("monitoring:event_verification", args=[event.pk]) in page
    assert reverse("monitoring:person", args=[victim.pk]) in page


def test_month_and_year_precision_are_shown_as_known(client):
    organisation, people = rf.organisation_with_team()
    client.force_login(people["monitor"])
    client.post(
        reverse("monitoring:event_new", args=[organisation.pk]),
        rf.event_post(title="Блокировка сайта", date="2023-03-17", date_precision="month"),
        **EN,
    )
    event = Event.objects.get(organisation=organisation)
    assert event.date.isoformat() == "2023-03-01"  # kept as the month's first day
    html = unescape(client.get(reverse("monitoring:event", args=[event.pk]), **EN).content.decode())
    assert "March 2023" in html and "March 1, 2023" not in html and "Month known" in html
    event.date_precision = "year"
    event.save()
    listing = unescape(
        client.get(reverse("monitoring:events", args=[organisation.pk]), **EN).content.decode()
    )
    assert "2023" in listing and "March 2023" not in listing


def test_deleting_an_act_a_perpetrator_and_a_file(client, django_capture_on_commit_callbacks):
    organisation, people = rf.organisation_with_team()
    monitor = people["monitor"]
    event = mf.event(organisation, by=monitor)
    act = event.acts.get()
    involvement = act.involvements.get()
    client.force_login(monitor)
    client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile("note.txt", "Показания свидетеля".encode())},
        **EN,
    )
    attachment = Attachment.objects.get(event=event)
    path = Path(settings.MEDIA_ROOT) / storage.FOLDER / attachment.stored_name
    assert path.exists()

    assert client.get(reverse("monitoring:act_delete", args=[act.pk]), **EN).status_code == 405
    response = client.post(reverse("monitoring:involvement_delete", args=[involvement.pk]), **EN)
    assert response.status_code == 302 and not Involvement.objects.filter(pk=involvement.pk).exists()
    client.post(reverse("monitoring:act_delete", args=[act.pk]), **EN)
    assert not Act.objects.filter(pk=act.pk).exists()
    assert Act.history.filter(id=act.pk, history_type="-").get().history_user == monitor
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring:attachment_delete", args=[attachment.pk]), **EN)
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not path.exists()  # the file goes once the deletion is committed
