"""Bad input is refused with a message in the user's language, nothing changes, and what was typed stays in the
form: an event without its essentials, in the future, ending before it starts, with a malformed KATO code; an act
without a victim; a perpetrator nobody; a source that says nothing; dangerous or oversized files."""

import datetime
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.monitoring import files_services, storage
from azamat.monitoring.models import Act, Attachment, Event, Involvement, Source
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def monitor_client(client):
    organisation, people = rf.organisation_with_team()
    client.force_login(people["monitor"])
    return client, organisation, people


def _refused(response, message: str, field: str | None = None):
    assert response.status_code == 400, response.status_code
    assert message in unescape(response.content.decode())
    if field:
        assert message in " ".join(response.context["form"].errors.get(field, [])), response.context[
            "form"
        ].errors


TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": None}, "title", "This field is required."),
        ({"type": None}, "type", "This field is required."),
        ({"region": None}, "region", "This field is required."),
        ({"description": None}, "description", "This field is required."),
        ({"date": None}, "date", "This field is required."),
        ({"date": "31.02.2024"}, "date", "Enter a date as day.month.year, for example 05.03.2024."),
        ({"date": TOMORROW}, "date", "The date is in the future: enter the date it happened."),
        (
            {"date": "2024-05-10", "date_end": "2024-05-01"},
            "date_end",
            "The end date is before the start date.",
        ),
        ({"settlement_kato": "75111"}, "settlement_kato", "A settlement's KATO code is 9 digits"),
        ({"settlement_kato": "75111000A"}, "settlement_kato", "A settlement's KATO code is 9 digits"),
        ({"type": "act"}, "type", "Select a valid choice."),
    ],
)
def test_an_event_with_bad_input_is_refused_and_nothing_is_saved(monitor_client, overrides, field, message):
    client, organisation, _people = monitor_client
    if overrides.get("type") == "act":
        overrides["type"] = mf.term("act_type", "fine").pk  # an act type is not an event type
    response = client.post(
        reverse("monitoring:event_new", args=[organisation.pk]), rf.event_post(**overrides), **EN
    )
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    errors = " ".join(str(e) for e in response.context["form"].errors.get(field, []))
    assert message in errors
    assert not Event.objects.filter(organisation=organisation).exists()
    if overrides.get("title", "") is not None:
        assert response.context["form"].data["title"] == rf.event_post()["title"]  # kept as typed


def test_the_same_event_sent_again_is_not_recorded_twice(monitor_client):
    """Found walking the demo: the back button after recording an event, then "save" again, made a second event
    with another number. The form sent again is refused with the first one's number; another event is recorded."""
    client, organisation, _people = monitor_client
    url = reverse("monitoring:event_new", args=[organisation.pk])
    first = client.post(url, rf.event_post(), **EN)
    assert first.status_code == 302
    event = Event.objects.get(organisation=organisation)
    again = client.post(url, rf.event_post(), **EN)
    _refused(again, f"You recorded this event a moment ago as {event.number}")
    assert again.context["form"].data["title"] == rf.event_post()["title"]
    assert Event.objects.filter(organisation=organisation).count() == 1
    other = client.post(url, rf.event_post(description="Задержаны ещё трое участников."), **EN)
    assert other.status_code == 302
    assert Event.objects.filter(organisation=organisation).count() == 2


def test_an_act_a_perpetrator_and_a_source_need_their_essentials(monitor_client):
    client, organisation, people = monitor_client
    event = mf.event(organisation, by=people["monitor"])
    act = event.acts.get()
    before = (Act.objects.count(), Involvement.objects.count(), Source.objects.count())

    no_victim = client.post(
        reverse("monitoring:act_new", args=[event.pk]), {"type": mf.term("act_type", "fine").pk}, **EN
    )
    _refused(no_victim, "Name the victim: choose a person or describe a group of victims.", "victim")

    future = client.post(
        reverse("monitoring:act_new", args=[event.pk]),
        {"type": mf.term("act_type", "fine").pk, "victim_group": "около 40 участников", "date": TOMORROW},
        **EN,
    )
    _refused(future, "The date is in the future", "date")
    assert future.context["form"].data["victim_group"] == "около 40 участников"

    stranger = mf.person(rf.organisation_with_team()[0], "Чужой Человек")
    foreign_victim = client.post(
        reverse("monitoring:act_new", args=[event.pk]),
        {"type": mf.term("act_type", "fine").pk, "victim": stranger.pk},
        **EN,
    )
    _refused(foreign_victim, "Select a valid choice.", "victim")  # not among the persons offered

    nobody = client.post(reverse("monitoring:involvement_new", args=[act.pk]), {"role": "ordered"}, **EN)
    _refused(
        nobody, "Name the perpetrator: a person, a state body or a description of who it was.", "perpetrator"
    )

    silent = client.post(
        reverse("monitoring:source_new", args=[event.pk]),
        {"kind": "witness", "reliability": "e", "received_on": event.date.isoformat()},
        **EN,
    )
    _refused(silent, "Write what the source says or give a link or document reference.", "account")
    wrong_grade = client.post(
        reverse("monitoring:source_new", args=[event.pk]),
        {"kind": "witness", "reliability": "z", "received_on": event.date.isoformat(), "account": "видел"},
        **EN,
    )
    _refused(wrong_grade, "Select a valid choice.", "reliability")
    assert (Act.objects.count(), Involvement.objects.count(), Source.objects.count()) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00binary", "Files of type “.exe” are not accepted"),
        ("page.html", b"<html><script>alert(1)</script></html>", "Files of type “.html” are not accepted"),
        ("drawing.svg", b"<svg onload='alert(1)'/>", "Files of type “.svg” are not accepted"),
        ("archive.zip", b"PK\x03\x04zip", "Attach a photo (JPEG, PNG, HEIC, WebP, TIFF)"),
        ("no-extension", b"data", "Attach a photo (JPEG, PNG, HEIC, WebP, TIFF)"),
        ("renamed.pdf", b"MZ\x90\x00binary", "The file is a program, not a “.pdf” document"),
        ("fake.jpg", b"not an image at all", "The file's content does not match its type “.jpg”"),
        ("fake.pdf", b"<html></html>", "The file's content does not match its type “.pdf”"),
        # A photo cut short: it would not re-encode, so its GPS position could not be removed.
        ("cut.jpg", rf.jpeg_with_gps()[:400], "The file's content does not match its type “.jpg”"),
        ("empty.txt", b"", "The submitted file is empty."),
    ],
)
def test_dangerous_and_mismatched_files_are_refused(monitor_client, name, content, message):
    client, organisation, people = monitor_client
    event = mf.event(organisation, by=people["monitor"])
    response = client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="image/jpeg")},
        **EN,
    )
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert not Attachment.objects.exists()


def test_a_file_over_50_mb_is_refused(monitor_client):
    _client, organisation, people = monitor_client
    event = mf.event(organisation, by=people["monitor"])
    upload = SimpleUploadedFile("video.mp4", b"\x00" * (storage.MAX_BYTES + 1))
    with pytest.raises(DomainError) as error:
        files_services.attachment_add(event=event, by=people["monitor"], upload=upload)
    assert error.value.code == files_services.FILE_TOO_LARGE and error.value.field == "file"
    assert str(error.value) == "The file is larger than 50 MB: send a smaller or compressed copy."
    assert not Attachment.objects.exists()


def test_a_photo_keeps_its_metadata_only_when_asked(monitor_client):
    client, organisation, people = monitor_client
    event = mf.event(organisation, by=people["monitor"])
    page = client.get(reverse("monitoring:attachment_new", args=[event.pk]), **EN)
    box = re.search(r'<input[^>]*name="keep_metadata"[^>]*>', unescape(page.content.decode())).group()
    assert "checked" not in box  # unchecked unless the monitor means it
    client.post(
        reverse("monitoring:attachment_new", args=[event.pk]),
        {"file": SimpleUploadedFile("evidence.jpg", rf.jpeg_with_gps()), "keep_metadata": "on"},
        **EN,
    )
    attachment = Attachment.objects.get()
    assert attachment.metadata_kept is True
    assert b"PhoneMaker" in storage.read(attachment)  # kept on purpose, as evidence


def test_an_edit_made_in_another_tab_meanwhile_is_not_silently_overwritten(monitor_client):
    """Two people (or two tabs) open the event's edit form; the first saves a clearer title, the second, opened
    before it, saves its own description: without a check the first title was silently reverted."""
    client, organisation, people = monitor_client
    event = mf.event(organisation, by=people["monitor"], title="Задержание у акимата")
    url = reverse("monitoring:event_edit", args=[event.pk])
    loaded_at = client.get(url, **EN).context["form"]["loaded_at"].value()
    client.force_login(people["verifier"])
    first = client.post(
        url, rf.event_post(title="Задержание пикетчиков у акимата", loaded_at=loaded_at), **EN
    )
    assert first.status_code == 302
    client.force_login(people["monitor"])
    typed = rf.event_post(title="Задержание у акимата", description="Задержаны пятеро.", loaded_at=loaded_at)
    second = client.post(url, typed, **EN)
    _refused(
        second,
        "Someone changed this event while you were editing it: open it to see their changes. Your text is kept "
        "here; save again to replace theirs with it.",
    )
    assert second.context["form"]["description"].value() == "Задержаны пятеро."
    event.refresh_from_db()
    assert event.title == "Задержание пикетчиков у акимата"
    again = client.post(url, second.context["form"].data, **EN)  # having been told, saved again
    assert again.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.description) == ("Задержание у акимата", "Задержаны пятеро.")


def test_an_event_saved_in_ones_own_other_tab_is_said_to_be_ones_own(monitor_client):
    """A monitor with the event open in two tabs was told "Someone changed this event" after her own save in
    the other: on a platform where a stranger's change is alarming, she is told it was hers."""
    client, organisation, people = monitor_client
    event = mf.event(organisation, by=people["monitor"], title="Задержание у акимата")
    url = reverse("monitoring:event_edit", args=[event.pk])
    loaded_at = client.get(url, **EN).context["form"]["loaded_at"].value()
    first = client.post(url, rf.event_post(title="Задержание пикетчиков", loaded_at=loaded_at), **EN)
    assert first.status_code == 302
    second = client.post(url, rf.event_post(description="Задержаны пятеро.", loaded_at=loaded_at), **EN)
    _refused(
        second,
        "You saved this record in another tab or window after this form was loaded: open it to see what was "
        "saved. Your text is kept here; save again to replace that with it.",
    )
    event.refresh_from_db()
    assert event.title == "Задержание пикетчиков"
