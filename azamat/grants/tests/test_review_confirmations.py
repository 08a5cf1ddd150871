"""Irreversible steps of the review ask to confirm: an expert's scores and the draw of experts."""
# ruff: noqa: F811 (the fixtures imported from the module they belong to are redefined as arguments)

import re

import pytest
from django.urls import reverse

from azamat.grants.factories import ExpertFactory
from azamat.grants.models import Assignment, Draw
from azamat.grants.services.conflicts import declaration_confirm
from azamat.grants.tests.test_review_views import (  # noqa: F401 (fixtures)
    WHY,
    _body,
    application,
    assigned,
    call,
    english,
    operator,
)

pytestmark = pytest.mark.django_db


def test_scores_are_shown_to_confirm_and_submitted_only_when_confirmed(client, assigned, application):
    criteria = list(application.call.grant_type.criteria.order_by("position"))
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    page = reverse("grants:expert_assignment", args=[first.pk])
    data = {f"criterion_{c.pk}": "7" for c in criteria} | {f"justification_{c.pk}": WHY for c in criteria}

    response = client.post(page, data)
    body = _body(response)
    first.refresh_from_db()
    assert (response.status_code, first.status, first.scores.count()) == (200, "assigned", 0)
    assert "Check your scores before submitting them" in body
    summary = body.split('id="confirm-scores"')[1].split("</section>")[0]
    assert len(re.findall(r"<td[^>]*>7 / 10</td>", summary)) == len(criteria) and WHY in summary
    assert 'name="confirm" value="yes"' in body

    response = client.post(page, data | {"confirm": "yes"})
    first.refresh_from_db()
    assert (response.status_code, first.status, first.scores.count()) == (302, "submitted", len(criteria))


def test_scores_with_an_error_are_not_offered_for_confirmation(client, assigned, application):
    criteria = list(application.call.grant_type.criteria.order_by("position"))
    first = assigned[0]
    declaration_confirm(person=first.expert.user, call=application.call)
    client.force_login(first.expert.user)
    data = {f"criterion_{c.pk}": "7" for c in criteria} | {
        f"justification_{c.pk}": "Short." for c in criteria
    }
    response = client.post(reverse("grants:expert_assignment", args=[first.pk]), data | {"confirm": "yes"})
    body = _body(response)
    assert "At least 30 characters, please" in body and 'id="confirm-scores"' not in body
    assert Assignment.objects.get(pk=first.pk).scores.count() == 0


def test_the_draw_is_shown_to_confirm_and_runs_only_when_confirmed(client, operator, application):
    ExpertFactory.create_batch(3)
    client.force_login(operator)
    page = reverse("grants:call_assignment", args=[application.call.code])
    response = client.post(page, {"method": "random", "seed": "2026-03-20 №41"})
    body = _body(response)
    assert response.status_code == 200 and not Draw.objects.exists()
    summary = body.split('id="confirm-draw"')[1].split("</section>")[0]
    assert "Random draw" in summary and "2026-03-20 №41" in summary
    assert 'name="seed" value="2026-03-20 №41"' in summary and 'name="confirm" value="yes"' in summary

    response = client.post(page, {"method": "optimised"})
    assert (
        "Optimised assignment" in _body(response).split('id="confirm-draw"')[1] and not Draw.objects.exists()
    )

    response = client.post(page, {"method": "random", "seed": "2026-03-20 №41", "confirm": "yes"})
    draw = Draw.objects.get()
    assert (response.status_code, draw.method, draw.seed) == (302, "random", "2026-03-20 №41")


def test_a_draw_without_a_seed_shows_the_error_not_the_confirmation(client, operator, application):
    client.force_login(operator)
    response = client.post(
        reverse("grants:call_assignment", args=[application.call.code]), {"method": "random"}
    )
    body = _body(response)
    assert "This field is required." in body and 'id="confirm-draw"' not in body
    assert not Draw.objects.exists()
