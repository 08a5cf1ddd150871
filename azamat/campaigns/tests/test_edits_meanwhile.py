"""Two people, or two tabs, editing one record of a campaign: a save from a form loaded before a colleague's save
is refused with the typed text kept, instead of silently undoing the colleague's work; saving again, having been
told, replaces it. The campaign, a tool of a stage, a petition's draft and an appeal alike (core/edits.py)."""

import html
import re

import pytest
from django.urls import reverse

from azamat.campaigns.models import Appeal, Campaign, Need, Petition, TeamMember
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SOMEONE = "Someone changed this record while you were editing it"
MYSELF = "You saved this record in another tab or window after this form was loaded"


def _loaded_at(response) -> str:
    return html.unescape(re.search(r'name="loaded_at" value="([^"]+)"', response.content.decode()).group(1))


@pytest.fixture
def team(client):
    """A campaign's coordinator (signed in on `client`) and a colleague on its team, on a client of their own."""
    from django.test import Client

    lead, organisation = cf.ngo_admin(full_name="Айгүл Ахметова")
    campaign = cf.campaign(by=lead, title="Пандусы в поликлиниках", goal="Пандусы во всех поликлиниках")
    colleague = UserFactory(full_name="Ерлан Сапаров")
    MembershipFactory(user=colleague, organisation=organisation)
    TeamMember.objects.create(campaign=campaign, user=colleague, role=TeamMember.Role.MEMBER)
    client.force_login(lead)
    other = Client()
    other.force_login(colleague)
    return campaign, client, other


def _campaign_data(campaign, loaded_at, **changes):
    return {
        "title": campaign.title,
        "problem_statement": campaign.problem_statement,
        "target_audience": "",
        "goal": campaign.goal,
        "rules": "",
        "visibility": "private",
        "loaded_at": loaded_at,
        **changes,
    }


def test_a_campaign_saved_from_an_older_tab_does_not_undo_a_colleagues_save(team):
    campaign, lead, colleague = team
    url = reverse("campaigns:edit", args=[campaign.pk])
    mine = _loaded_at(lead.get(url, **EN))
    theirs = _loaded_at(colleague.get(url, **EN))

    response = colleague.post(url, _campaign_data(campaign, theirs, goal="Пандусы к 1 сентября"), **EN)
    assert response.status_code == 302

    typed = "Пандусы «везде»\nи лифты"
    response = lead.post(url, _campaign_data(campaign, mine, goal=typed), **EN)
    assert response.status_code == 400
    page = response.content.decode()
    assert SOMEONE in page
    assert html.escape(typed) in page  # the typed text is kept, to save again or copy
    assert Campaign.objects.get(pk=campaign.pk).goal == "Пандусы к 1 сентября"

    # Told, the coordinator saves again from the page they were given: their text now replaces the colleague's.
    response = lead.post(url, _campaign_data(campaign, _loaded_at(response), goal=typed), **EN)
    assert response.status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).goal == typed


def test_a_tool_saved_from_an_older_tab_of_ones_own_is_refused_and_said_so(team):
    campaign, lead, _colleague = team
    need = Need.objects.create(campaign=campaign, text="Войти в поликлинику", priority=2)
    url = reverse("campaigns:item_edit", args=[campaign.pk, "need", need.pk])
    first_tab = _loaded_at(lead.get(url, **EN))
    second_tab = _loaded_at(lead.get(url, **EN))
    data = {"text": "Войти в поликлинику без помощи", "priority": 1, "source": "", "evidence": ""}

    assert lead.post(url, {**data, "loaded_at": second_tab}, **EN).status_code == 302
    response = lead.post(url, {**data, "text": "Старый текст", "loaded_at": first_tab}, **EN)
    assert response.status_code == 400
    assert MYSELF in response.content.decode() and SOMEONE not in response.content.decode()
    assert Need.objects.get(pk=need.pk).text == "Войти в поликлинику без помощи"


def test_a_tool_saved_over_a_colleagues_change_is_refused(team):
    campaign, lead, colleague = team
    need = Need.objects.create(campaign=campaign, text="Войти в поликлинику", priority=2)
    url = reverse("campaigns:item_edit", args=[campaign.pk, "need", need.pk])
    mine = _loaded_at(lead.get(url, **EN))
    data = {"text": "Войти без помощи", "priority": 1, "source": "", "evidence": ""}
    assert (
        colleague.post(url, {**data, "loaded_at": _loaded_at(colleague.get(url, **EN))}, **EN).status_code
        == 302
    )

    response = lead.post(url, {**data, "text": "Мой текст", "loaded_at": mine}, **EN)
    assert response.status_code == 400 and SOMEONE in response.content.decode()
    assert "Мой текст" in response.content.decode()
    assert Need.objects.get(pk=need.pk).text == "Войти без помощи"


def test_a_petition_draft_saved_from_an_older_tab_is_refused(team):
    campaign, lead, colleague = team
    draft = cf.petition(
        by=campaign.created_by,
        campaign=campaign,
        organisation=campaign.organisation,
        status=Petition.Status.DRAFT,
    )
    url = reverse("campaigns:petition_edit", args=[draft.pk])
    mine = _loaded_at(lead.get(url, **EN))
    data = {
        "title": draft.title,
        "text": draft.text,
        "demands": "Оборудовать пандусами до 1 сентября 2027 года.",
        "body": draft.body_id,
        "goal": "5 000",
        "closes_on": draft.closes_on.strftime("%d.%m.%Y"),
        "languages": ["kk", "ru"],
    }
    theirs = _loaded_at(colleague.get(url, **EN))
    assert colleague.post(url, {**data, "loaded_at": theirs}, **EN).status_code == 302

    response = lead.post(url, {**data, "demands": "Мои требования", "loaded_at": mine}, **EN)
    assert response.status_code == 400 and SOMEONE in response.content.decode()
    assert "Мои требования" in response.content.decode()
    assert Petition.objects.get(pk=draft.pk).demands == "Оборудовать пандусами до 1 сентября 2027 года."


def test_an_appeal_saved_from_an_older_tab_is_refused(team):
    campaign, lead, _colleague = team
    appeal = cf.appeal(campaign=campaign)
    url = reverse("campaigns:appeal_edit", args=[appeal.pk])
    mine = _loaded_at(lead.get(url, **EN))
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
    assert lead.post(url, {**data, "loaded_at": _loaded_at(lead.get(url, **EN))}, **EN).status_code == 302

    response = lead.post(url, {**data, "text": "Старый текст письма", "loaded_at": mine}, **EN)
    assert response.status_code == 400 and MYSELF in response.content.decode()
    assert "Старый текст письма" in response.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).text == "Просим сообщить сроки."
