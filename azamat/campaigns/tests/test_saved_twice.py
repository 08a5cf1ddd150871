"""Save pressed twice (a double tap on a phone, a second press on a slow line): the second send carries what the
first stored, so it is the same save and answers as one; before, it was refused as "saved in another tab" and the
person thought their text lost. A different text from an older tab of their own is still refused, with both kept
(core.edits.require_unchanged, for the campaign, a tool of a stage, a petition's draft and an appeal alike)."""

import pytest
from django.urls import reverse

from azamat.campaigns.models import Appeal, Campaign, Need, Petition
from azamat.campaigns.tests import test_edits_meanwhile as meanwhile
from azamat.campaigns.tests.test_edits_meanwhile import EN, MYSELF, _campaign_data, _loaded_at
from azamat.testing import campaigns_factories as cf

pytestmark = pytest.mark.django_db
team = meanwhile.team  # the coordinator signed in, a colleague on the team


def _twice(client, url, data, record):
    """The form loaded once and sent twice: both answers, and how many saves the record's history gained."""
    data = {**data, "loaded_at": _loaded_at(client.get(url, **EN))}
    before = record.history.count()
    first, second = client.post(url, data, **EN), client.post(url, data, **EN)
    return first, second, record.history.count() - before


def test_a_campaign_saved_twice_is_saved_once(team):
    campaign, lead, _colleague = team
    url = reverse("campaigns:edit", args=[campaign.pk])
    data = _campaign_data(campaign, "", goal="Пандусы к 1 сентября")
    first, second, saves = _twice(lead, url, data, campaign)
    assert (first.status_code, second.status_code, saves) == (302, 302, 1)
    assert second.url == first.url
    assert Campaign.objects.get(pk=campaign.pk).goal == "Пандусы к 1 сентября"


def test_a_tool_saved_twice_is_saved_once_and_another_text_still_refused(team):
    campaign, lead, _colleague = team
    need = Need.objects.create(campaign=campaign, text="Войти в поликлинику", priority=2)
    url = reverse("campaigns:item_edit", args=[campaign.pk, "need", need.pk])
    old_tab = _loaded_at(lead.get(url, **EN))
    data = {"text": "Войти без помощи", "priority": 1, "source": "", "evidence": ""}
    first, second, saves = _twice(lead, url, data, need)
    assert (first.status_code, second.status_code, saves) == (302, 302, 1)
    response = lead.post(url, {**data, "text": "Старый текст", "loaded_at": old_tab}, **EN)
    assert response.status_code == 400 and MYSELF in response.content.decode()
    assert Need.objects.get(pk=need.pk).text == "Войти без помощи"


def test_a_petition_draft_saved_twice_is_saved_once(team):
    campaign, lead, _colleague = team
    draft = cf.petition(
        by=campaign.created_by,
        campaign=campaign,
        organisation=campaign.organisation,
        status=Petition.Status.DRAFT,
    )
    url = reverse("campaigns:petition_edit", args=[draft.pk])
    data = {
        "title": draft.title,
        "text": draft.text,
        "demands": "Оборудовать пандусами до 1 сентября 2027 года.",
        "body": draft.body_id,
        "goal": "5 000",
        "closes_on": draft.closes_on.strftime("%d.%m.%Y"),
        "languages": ["kk", "ru"],
    }
    first, second, saves = _twice(lead, url, data, draft)
    assert (first.status_code, second.status_code, saves) == (302, 302, 1)
    assert Petition.objects.get(pk=draft.pk).demands == data["demands"]


def test_an_appeal_saved_twice_is_saved_once(team):
    campaign, lead, _colleague = team
    appeal = cf.appeal(campaign=campaign)
    url = reverse("campaigns:appeal_edit", args=[appeal.pk])
    data = {
        "kind": appeal.kind,
        "language": appeal.language,
        "body": appeal.body_id,
        "official": "",
        "subject": appeal.subject,
        "text": "Просим сообщить сроки.",
        "signatory": appeal.signatory,
        "save": "1",
    }
    first, second, saves = _twice(lead, url, data, appeal)
    assert (first.status_code, second.status_code, saves) == (302, 302, 1)
    assert Appeal.objects.get(pk=appeal.pk).text == "Просим сообщить сроки."


def test_the_saved_message_of_a_save_sent_twice_is_said_once(team):
    """The first press's answer lost on a slow line, its "saved" waits for the next page with the second's: the
    person read "Petition saved." twice, one under the other."""
    campaign, lead, _colleague = team
    draft = cf.petition(
        by=campaign.created_by,
        campaign=campaign,
        organisation=campaign.organisation,
        status=Petition.Status.DRAFT,
    )
    url = reverse("campaigns:petition_edit", args=[draft.pk])
    data = {
        "title": draft.title,
        "text": draft.text,
        "demands": "Оборудовать пандусами до 1 сентября 2027 года.",
        "body": draft.body_id,
        "goal": "5 000",
        "closes_on": draft.closes_on.strftime("%d.%m.%Y"),
        "languages": ["kk", "ru"],
    }
    _first, second, _saves = _twice(lead, url, data, draft)
    page = lead.get(second.url, **EN).content.decode()
    assert page.count("Petition saved.") == 1
