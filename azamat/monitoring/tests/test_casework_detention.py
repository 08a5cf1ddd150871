"""Detention monitoring: where a person is held, from when, in what conditions, and the visits (the visitor is
who records it); reads are logged. And every casework page renders in Kazakh and Russian."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.monitoring.models import Detention, DetentionVisit, Hearing, Intervention, ReadLog, SiteCheck
from azamat.registry.models import Region
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def people(org):
    return mf.team(org)


def test_a_detention_and_a_visit_are_recorded(client, org, people):
    person = mf.person(org, "Айгерим Тулегенова", by=people["monitor"])
    client.force_login(people["monitor"])
    url = reverse("monitoring:detention_new", args=[person.pk])
    with translation.override("en"):
        page = client.get(url, **EN)
        assert page.status_code == 200 and "Айгерим Тулегенова" in page.content.decode()
        assert ReadLog.objects.filter(
            user=people["monitor"], record_type="person", record_id=person.pk
        ).exists()
        since = timezone.localdate() - datetime.timedelta(days=40)
        backwards = client.post(
            url,
            {"place": "Учреждение ЛА-155/14", "since": since.isoformat(), "until": "2000-01-01"},
            **EN,
        )
        assert backwards.status_code == 400
        assert "The end of the detention cannot be before its start." in backwards.content.decode()
        made = client.post(
            url,
            {
                "place": "Учреждение ЛА-155/14",
                "region": Region.objects.get(kato=mf.ALMATY).pk,
                "since": since.isoformat(),
                "conditions": "Камера на 12 человек, нет вентиляции.",
            },
            **EN,
        )
        assert made.status_code == 302 and made["Location"] == reverse("monitoring:person", args=[person.pk])
        detention = Detention.objects.get()
        assert detention.person == person and detention.conditions == "Камера на 12 человек, нет вентиляции."

        visit_url = reverse("monitoring:visit_new", args=[detention.pk])
        assert "Камера на 12 человек" in client.get(visit_url, **EN).content.decode()
        assert ReadLog.objects.filter(record_type="detention", record_id=detention.pk).exists()
        visited = client.post(
            visit_url,
            {"visited_on": timezone.localdate().isoformat(), "notes": "Жалоб на условия нет."},
            **EN,
        )
        assert visited.status_code == 302
        visit = DetentionVisit.objects.get()
        assert visit.visitor == people["monitor"] and visit.notes == "Жалоб на условия нет."
        listed = client.get(url, **EN).content.decode()
        assert "1 visit" in listed and visit_url in listed


def test_a_monitor_who_does_not_see_the_person_is_refused(client, org, people):
    person = mf.person(org, "Ержан Сапаров", by=people["verifier"])
    detention = Detention.objects.create(person=person, place="СИЗО", since=timezone.localdate())
    other_monitor = mf.grant(mf.team(OrganisationFactory())["monitor"], org, "monitor")
    client.force_login(other_monitor)
    assert client.get(reverse("monitoring:detention_new", args=[person.pk]), **EN).status_code == 403
    response = client.post(
        reverse("monitoring:visit_new", args=[detention.pk]), {"visited_on": "2026-01-05", "notes": "x"}, **EN
    )
    assert response.status_code == 403 and not DetentionVisit.objects.exists()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_casework_pages_render_in_kazakh_and_russian(client, org, people, language):
    lawyer, verifier = people["lawyer"], people["verifier"]
    victim = mf.person(org, "Ержан Сапаров", by=lawyer)
    event = mf.event(org, by=people["monitor"], victim=victim, status="verifying")
    case = mf.case(org, lawyer=lawyer, client=victim, by=lawyer)
    case.events.add(event)
    Hearing.objects.create(case=case, date=timezone.localdate(), stage="первая инстанция")
    intervention = Intervention.objects.create(
        organisation=org, case=case, kind="appeal", sent_on=timezone.localdate(), summary="Апелляция"
    )
    site = mf.site(org)
    SiteCheck.objects.create(site=site, checked_at=timezone.now(), result="blocked")
    detention = Detention.objects.create(person=victim, place="СИЗО", since=timezone.localdate())
    lang = {"HTTP_ACCEPT_LANGUAGE": language}
    pages = {
        verifier: [reverse("monitoring:event_verification", args=[event.pk])],
        lawyer: [
            reverse("monitoring:intervention_new", args=[event.pk]),  # the event of the lawyer's case
            reverse("monitoring:cases", args=[org.pk]),
            reverse("monitoring:case_new", args=[org.pk]),
            reverse("monitoring:case", args=[case.pk]),
            reverse("monitoring:case_edit", args=[case.pk]),
            reverse("monitoring:hearing_new", args=[case.pk]),
            reverse("monitoring:case_intervention_new", args=[case.pk]),
            reverse("monitoring:intervention", args=[intervention.pk]),
            reverse("monitoring:sites", args=[org.pk]),
            reverse("monitoring:site_new", args=[org.pk]),
            reverse("monitoring:site", args=[site.pk]),
            reverse("monitoring:site_check_new", args=[site.pk]),
            reverse("monitoring:detention_new", args=[victim.pk]),
            reverse("monitoring:visit_new", args=[detention.pk]),
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url, **lang)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert f'<html lang="{language}">' in body, url
            assert body.count("<h1") == 1, url


def test_a_detention_cannot_start_in_the_future(client, org, people):
    """Found walking the demo: "held since" a date next year was recorded (only an end before the start was
    refused)."""
    person = mf.person(org, "Айгерим Тулегенова", by=people["monitor"])
    client.force_login(people["monitor"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with translation.override("en"):
        refused = client.post(
            reverse("monitoring:detention_new", args=[person.pk]),
            {"place": "Учреждение ЛА-155/14", "since": tomorrow.isoformat()},
            **EN,
        )
    assert refused.status_code == 400
    assert "The date cannot be later than today" in refused.content.decode()
    assert not Detention.objects.exists()
