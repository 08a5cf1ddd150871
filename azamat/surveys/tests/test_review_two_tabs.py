"""Two reviewers (or two tabs) deciding on one flagged response: the second decision, made on a page loaded before
the first, is refused with the reason, the choice and the reason typed kept, the first decision left as it was;
sent again, it replaces it. The same decision sent twice (a double tap, the back button) is kept once."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.surveys.models import ReviewDecision
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import ngo_admin

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _seen(page: str) -> str:
    return page.split('name="seen_decision" value="', 1)[1].split('"', 1)[0]


def test_a_decision_made_meanwhile_is_not_silently_replaced(client):
    manager, _organisation = ngo_admin()
    survey = sf.survey(by=manager, modes=["open"])
    response = sf.response(survey)
    client.force_login(manager)
    url = reverse("surveys:response", args=[survey.pk, response.pk])
    # Both tabs are loaded before either decides.
    first_tab = second_tab = _seen(client.get(url, **EN).content.decode())
    approved = client.post(url, {"action": "review", "review": "approved", "seen_decision": first_tab}, **EN)
    assert approved.status_code == 303
    reason = "Одинаковые ответы на все вопросы"
    refused = client.post(
        url, {"action": "review", "review": "rejected", "reason": reason, "seen_decision": second_tab}, **EN
    )
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "You saved this record in another tab or window after this form was loaded" in page.replace(
        "&#x27;", "'"
    )
    assert reason in page and re.search(r'value="rejected"[^>]* checked', page)
    response.refresh_from_db()
    assert response.review == "approved"
    assert list(ReviewDecision.objects.values_list("review", flat=True)) == ["approved"]
    # Told, the reviewer sends it again from the page that refused it: it replaces the approval.
    again = client.post(
        url, {"action": "review", "review": "rejected", "reason": reason, "seen_decision": _seen(page)}, **EN
    )
    assert again.status_code == 303
    response.refresh_from_db()
    assert (response.review, response.review_reason) == ("rejected", reason)


def test_the_same_decision_sent_twice_is_kept_once(client):
    manager, _organisation = ngo_admin()
    survey = sf.survey(by=manager, modes=["open"])
    response = sf.response(survey)
    client.force_login(manager)
    url = reverse("surveys:response", args=[survey.pk, response.pk])
    seen = _seen(client.get(url, **EN).content.decode())
    form = {"action": "review", "review": "on_hold", "seen_decision": seen}
    assert client.post(url, form, **EN).status_code == 303
    assert client.post(url, form, **EN).status_code == 303
    assert ReviewDecision.objects.count() == 1
