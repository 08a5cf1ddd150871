"""The same form sent twice — a double tap on a phone, the back button and "send again", a retry on a slow line —
makes one campaign, one petition draft, one appeal: the person lands on the one their first tap made. A record
typed differently is another record (core/twice.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.campaigns.models import Appeal, Campaign, Petition
from azamat.testing import campaigns_factories as cf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _twice(client, url, data):
    first = client.post(url, data, **EN)
    second = client.post(url, data, **EN)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    return first


def test_a_campaign_started_twice_is_started_once(client):
    lead, organisation = cf.ngo_admin()
    client.force_login(lead)
    data = {
        "organisation": organisation.pk,
        "title": "Пандусы в поликлиниках",
        "problem_statement": "Нет пандусов.\nНигде.",
        "visibility": "private",
    }
    _twice(client, reverse("campaigns:new"), data)
    assert Campaign.objects.filter(organisation=organisation).count() == 1
    client.post(reverse("campaigns:new"), {**data, "problem_statement": "Другое"}, **EN)
    assert Campaign.objects.filter(organisation=organisation).count() == 2


def test_a_petition_draft_saved_twice_is_one_draft(client):
    author, _organisation = cf.ngo_admin()
    client.force_login(author)
    data = {
        "title": "Пандусы во всех поликлиниках",
        "text": "Мы просим «срочно»\nоборудовать пандусами поликлиники.",
        "demands": "Оборудовать до 1 сентября.",
        "body": cf.body().pk,
        "goal": "1 500",
        "closes_on": (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d.%m.%Y"),
    }
    _twice(client, reverse("campaigns:petition_new"), data)
    assert Petition.objects.filter(created_by=author).count() == 1


def test_an_appeal_saved_twice_is_one_appeal(client):
    admin, organisation = cf.ngo_admin()
    campaign = cf.campaign(by=admin)
    client.force_login(admin)
    data = {
        "organisation": organisation.pk,
        "kind": "complaint",
        "language": "ru",
        "body": cf.body().pk,
        "subject": "Жалоба на отсутствие пандусов",
        "text": "Текст.\n\nПросим.",
        "signatory": "Председатель А. Ахметова",
        "save": "1",
    }
    _twice(client, reverse("campaigns:appeal_new", args=[campaign.pk]), data)
    assert Appeal.objects.filter(campaign=campaign).count() == 1


def test_a_campaign_started_again_by_the_back_button_is_not_announced_again(client):
    """Found walking: "Campaign started" came again when the form was re-sent from the back button."""
    lead, organisation = cf.ngo_admin()
    client.force_login(lead)
    data = {
        "organisation": organisation.pk,
        "title": "Пандусы в поликлиниках",
        "problem_statement": "Нет пандусов.",
        "visibility": "private",
    }
    first = client.post(reverse("campaigns:new"), data, follow=True, **EN)
    assert "The campaign is started. Begin with the needs of its audience." in first.content.decode()
    again = client.post(reverse("campaigns:new"), data, follow=True, **EN)
    page = again.content.decode()
    assert again.redirect_chain == first.redirect_chain
    assert "You have already started this campaign: here it is." in page
    assert "The campaign is started." not in page
    assert Campaign.objects.filter(organisation=organisation).count() == 1


def test_a_petition_draft_saved_again_is_not_announced_again(client):
    author, _organisation = cf.ngo_admin()
    client.force_login(author)
    data = {
        "title": "Пандусы во всех поликлиниках",
        "text": "Мы просим оборудовать пандусами поликлиники.",
        "demands": "Оборудовать до 1 сентября.",
        "body": cf.body().pk,
        "goal": "1 500",
        "closes_on": (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d.%m.%Y"),
    }
    first = client.post(reverse("campaigns:petition_new"), data, follow=True, **EN)
    assert "Draft saved. Check it, then send it to the moderators." in first.content.decode()
    again = client.post(reverse("campaigns:petition_new"), data, follow=True, **EN)
    assert "This draft is already saved: here it is." in again.content.decode()
    assert "Draft saved." not in again.content.decode()
    assert Petition.objects.filter(created_by=author).count() == 1
