"""Unpublished things are invisible: a draft call to all but its editors, a protocol until the results."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from azamat.grants.factories import ApplicationFactory
from azamat.grants.models import Application, Assignment, Draw
from tests.security.world import DRAFT_TITLES

pytestmark = pytest.mark.django_db


def _as(world, persona, language="ru") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(world.people[persona])
    return client


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_expert_never_sees_a_draft_calls_title(world, language):
    """The leak of issue 6: the declaration page named a draft call to any expert who typed its code."""
    draft = world.draft_call
    application = ApplicationFactory(
        call=draft,
        direction=draft.directions.get(),
        organisation=world.ngo,
        status=Application.Status.COMPLIANT,
        final_score=Decimal(0),
    )
    draw = Draw.objects.create(call=draft, method="random", seed="draft")
    assignment = Assignment.objects.create(
        application=application, expert=world.people["expert_assigned"].expert, draw=draw
    )
    client = _as(world, "expert_assigned", language)
    home = client.get(reverse("grants:expert_home"))
    assert home.status_code == 200
    assert DRAFT_TITLES[language] not in home.content.decode()
    assert client.get(reverse("grants:expert_declaration", args=[draft.code])).status_code == 404
    assert client.get(reverse("grants:expert_assignment", args=[assignment.pk])).status_code == 404
    # Its editors still see it.
    operator = _as(world, "operator", language)
    assert DRAFT_TITLES[language] in operator.get(reverse("grants:call", args=[draft.code])).content.decode()


def test_a_protocol_is_public_only_with_the_results(world):
    url = reverse("grants:sitting_protocol", args=[world.closed_sitting.pk])
    assert Client().get(url).status_code == 404
    assert _as(world, "citizen").get(url).status_code == 404
    assert _as(world, "commission_member").get(url).status_code == 200
    assert _as(world, "operator").get(url).status_code == 200
    world.closed_call.results_published = True
    world.closed_call.save(update_fields=["results_published"])
    assert Client().get(url).status_code == 200


def test_the_results_page_links_the_protocols_it_may_show(world):
    page = Client().get(reverse("grants:call_results", args=[world.results_call.code])).content.decode()
    assert reverse("grants:sitting_protocol", args=[world.published_sitting.pk]) in page
    assert reverse("grants:sitting_protocol", args=[world.closed_sitting.pk]) not in page


def test_commission_pages_hide_a_draft_call(world):
    world.closed_call.published = False
    world.closed_call.save(update_fields=["published"])
    client = _as(world, "commission_member")
    assert world.closed_call.title_ru not in client.get(reverse("grants:commission_home")).content.decode()
    assert client.get(reverse("grants:sitting", args=[world.open_sitting.pk])).status_code == 403
    assert (
        client.get(reverse("grants:commission_declaration", args=[world.closed_call.code])).status_code == 404
    )
