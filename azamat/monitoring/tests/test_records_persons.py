"""Persons are found by name through the blind index only: a surname finds them, the database column holds no name,
the log keeps how many were found and never the name searched; without a name one sees only whom one entered. The
events list finds events by a word of their title and by a person's name, posted, never in an address."""

from html import unescape

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from azamat.monitoring.models import Person, ReadLog
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_searching_a_person_by_surname_finds_them_and_the_column_holds_no_name(client):
    organisation, people = rf.organisation_with_team()
    monitor, verifier = people["monitor"], people["verifier"]
    wanted = mf.person(organisation, "Ержан Ахметжанов", by=monitor, other_names="Ахметжанов Е.")
    mf.person(organisation, "Гульнара Сейтжанова", by=monitor)
    elsewhere = mf.person(rf.organisation_with_team()[0], "Болат Ахметжанов")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, other_names, search_index FROM monitoring_person WHERE id = %s", [wanted.pk]
        )
        row = " ".join(cursor.fetchone())
    assert "Ахметжанов" not in row and "ахметжанов" not in row and "Ержан" not in row

    client.force_login(verifier)
    # Without a name, the verifier (who entered nobody) sees nobody.
    page = unescape(client.get(reverse("monitoring:persons", args=[organisation.pk]), **EN).content.decode())
    assert "Ахметжанов" not in page and "Сейтжанова" not in page
    assert not ReadLog.objects.filter(user=verifier, action=ReadLog.Action.SEARCH).exists()

    found = client.post(reverse("monitoring:persons", args=[organisation.pk]), {"q": "ахметжанов"}, **EN)
    html = unescape(found.content.decode())
    assert found.status_code == 200
    assert "Ержан Ахметжанов" in html and reverse("monitoring:person", args=[wanted.pk]) in html
    assert "Сейтжанова" not in html
    assert reverse("monitoring:person", args=[elsewhere.pk]) not in html  # another organisation's
    search = ReadLog.objects.get(user=verifier, action=ReadLog.Action.SEARCH)
    assert search.what == "1" and search.organisation == organisation
    assert "хмет" not in search.what.lower()

    # "Ё" is "е", case does not matter; a word's first letters are not a word.
    assert "Ержан Ахметжанов" in unescape(
        client.post(
            reverse("monitoring:persons", args=[organisation.pk]), {"q": "ЕРЖАН"}, **EN
        ).content.decode()
    )
    partial = client.post(reverse("monitoring:persons", args=[organisation.pk]), {"q": "Ахмет"}, **EN)
    assert "Ержан Ахметжанов" not in unescape(partial.content.decode())


def test_without_a_name_a_monitor_sees_the_persons_they_entered(client):
    organisation, people = rf.organisation_with_team()
    mine = mf.person(organisation, "Аскар Мырзахметов", by=people["monitor"])
    theirs = mf.person(organisation, "Алия Касымова", by=people["monitor2"])
    client.force_login(people["monitor"])
    page = unescape(client.get(reverse("monitoring:persons", args=[organisation.pk]), **EN).content.decode())
    assert "Аскар Мырзахметов" in page and "Алия Касымова" not in page
    # Found by name, the other monitor's person stays hidden: not in an event this monitor sees.
    found = client.post(reverse("monitoring:persons", args=[organisation.pk]), {"q": "Касымова"}, **EN)
    assert "Алия Касымова" not in unescape(found.content.decode())
    assert client.get(reverse("monitoring:person", args=[theirs.pk]), **EN).status_code == 403
    assert client.get(reverse("monitoring:person", args=[mine.pk]), **EN).status_code == 200


def test_a_persons_page_shows_the_events_they_appear_in(client):
    organisation, people = rf.organisation_with_team()
    monitor = people["monitor"]
    victim = mf.person(organisation, "Нуржан Толеуов", by=monitor)
    seen = mf.event(organisation, by=monitor, victim=victim, title="Штраф за пикет")
    hidden = mf.event(organisation, by=people["monitor2"], victim=victim, title="Обыск у активиста")
    source = seen.sources.get()
    source.person = victim
    source.save()
    client.force_login(monitor)
    response = client.get(reverse("monitoring:person", args=[victim.pk]), **EN)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert html.count(seen.number) == 2  # as the victim and as the source
    assert hidden.number not in html and "Обыск у активиста" not in html  # an event this monitor does not see
    assert reverse("monitoring:detention_new", args=[victim.pk]) in html
    assert ReadLog.objects.filter(user=monitor, record_type="person", record_id=victim.pk).exists()


def test_the_events_list_searches_titles_and_names_through_the_blind_index(client):
    organisation, people = rf.organisation_with_team()
    monitor = people["monitor"]
    victim = mf.person(organisation, "Самат Жумабеков", by=monitor)
    assembly = mf.event(organisation, by=monitor, victim=victim, title="Разгон митинга на площади")
    search = mf.event(organisation, by=monitor, title="Обыск в редакции газеты")
    client.force_login(monitor)
    url = reverse("monitoring:events", args=[organisation.pk])

    by_title = unescape(client.post(url, {"q": "редакции"}, **EN).content.decode())
    assert search.number in by_title and assembly.number not in by_title

    by_name = unescape(client.post(url, {"name": "жумабеков"}, **EN).content.decode())
    assert assembly.number in by_name and search.number not in by_name
    logged = ReadLog.objects.get(user=monitor, action=ReadLog.Action.SEARCH)
    assert logged.what == "1"

    by_status = unescape(client.get(url, {"status": "verified"}, **EN).content.decode())
    assert assembly.number not in by_status and "No event you may read matches." in by_status

    bad = client.post(url, {"date_from": "2024-05-01", "date_to": "2024-01-01"}, **EN)
    assert bad.status_code == 400 and "The end of the period is before its start." in unescape(
        bad.content.decode()
    )


def test_the_events_list_is_paginated(client):
    organisation, people = rf.organisation_with_team()
    monitor = people["monitor"]
    events = [mf.event(organisation, by=monitor, title=f"Событие номер {n}") for n in range(27)]
    client.force_login(monitor)
    url = reverse("monitoring:events", args=[organisation.pk])
    first = unescape(client.get(url, **EN).content.decode())
    assert "Page 1 of 2" in first and "27 events" in first
    second = unescape(client.post(url, {"page": "2"}, **EN).content.decode())
    shown = [event.number for event in events if event.number in second]
    assert len(shown) == 2


def test_a_person_with_consent_needs_the_note_and_an_alias_never_names_them(client):
    organisation, people = rf.organisation_with_team()
    client.force_login(people["monitor"])
    url = reverse("monitoring:person_new", args=[organisation.pk])
    no_note = client.post(url, {"name": "Марат Оспанов", "consent_to_publish": "on"}, **EN)
    assert no_note.status_code == 400
    assert "Write how and when the person gave consent to publish the name." in unescape(
        no_note.content.decode()
    )
    naming = client.post(url, {"name": "Марат Оспанов", "public_alias": "активист Оспанов"}, **EN)
    assert naming.status_code == 400
    assert "The public description must not contain the person's name" in unescape(naming.content.decode())
    assert naming.context["form"].data["public_alias"] == "активист Оспанов"  # what was typed is kept
    assert not Person.objects.filter(organisation=organisation).exists()


def test_two_persons_of_one_name_are_told_apart_where_a_victim_or_a_source_is_chosen(client):
    """Walking the demo: the act's victim list showed "Абенов Ербол" twice, with nothing to tell which was which.
    Each now carries the number on the person's page."""
    organisation, people = rf.organisation_with_team()
    event = mf.event(organisation, by=people["monitor"])
    father = mf.person(organisation, "Абенов Ербол", by=people["monitor"])
    son = mf.person(organisation, "Абенов Ербол", by=people["monitor"])
    client.force_login(people["monitor"])
    for url in (
        reverse("monitoring:act_new", args=[event.pk]),
        reverse("monitoring:source_new", args=[event.pk]),
        reverse("monitoring:involvement_new", args=[event.acts.get().pk]),
    ):
        page = client.get(url, **EN).content.decode()
        assert f"Абенов Ербол (№ {father.pk})" in page and f"Абенов Ербол (№ {son.pk})" in page


def test_a_person_sent_again_by_the_back_button_is_not_recorded_twice(client):
    """The back button after recording a person, and the button again, made a second record of the same person,
    whose events and consent then split between the two."""
    organisation, people = rf.organisation_with_team()
    client.force_login(people["monitor"])
    url = reverse("monitoring:person_new", args=[organisation.pk])
    data = {"name": "Ержан Сапаров", "phone": "+7 701 555 12 34", "public_alias": "активист из Алматы"}
    assert client.post(url, data, **EN).status_code == 302
    first = Person.objects.get()

    again = client.post(url, data, **EN)

    assert again.status_code == 400
    assert (
        f"You recorded this person a moment ago as № {first.pk}: open their page rather than record them twice."
        in unescape(again.content.decode())
    )
    assert Person.objects.count() == 1
    # A namesake told apart by anything typed (a son born later) is another person.
    son = client.post(url, {**data, "birth_date": "2004"}, **EN)
    assert son.status_code == 302 and Person.objects.count() == 2
