"""Closing a commission sitting is irreversible: the chair or the operator first sees a summary to confirm."""
# ruff: noqa: F811 (the fixtures imported from the module they belong to are redefined as arguments)

import pytest
from django.urls import reverse

from azamat.grants.services import sittings as sitting_services
from azamat.grants.tests.test_commission import AGAINST, after_start, vote_all
from azamat.grants.tests.test_commission_views import _messages, english, operator, setup  # noqa: F401

pytestmark = pytest.mark.django_db


def _decide_all(setup):
    chair = setup.members["chair"]
    for application in setup.applications:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, AGAINST))
        sitting_services.item_decide(item=item, by=chair.user)


def test_closing_shows_a_summary_and_closes_only_when_confirmed(client, setup):
    _decide_all(setup)
    client.force_login(setup.operator)
    close = reverse("grants:sitting_close", args=[setup.sitting.pk])
    with after_start(setup.sitting):
        response = client.post(close)
    body = response.content.decode()
    setup.sitting.refresh_from_db()
    assert (response.status_code, setup.sitting.closed_at) == (200, None)
    assert "Close the sitting and sign the protocol?" in body
    assert f"<dt>Agenda items</dt><dd>{len(setup.applications)}</dd>" in body
    assert "<dt>Not decided yet</dt><dd>0</dd>" in body
    assert 'name="confirm" value="yes"' in body

    with after_start(setup.sitting):
        response = client.post(close, {"confirm": "yes"}, follow=True)
    setup.sitting.refresh_from_db()
    assert _messages(response) == ["The sitting is closed and its protocol is published."]
    assert setup.sitting.closed_at is not None


def test_a_sitting_that_cannot_close_yet_says_why_and_offers_no_confirmation(client, setup):
    # The chair taps "close" with every item still open: the summary says why not, and leads back.
    client.force_login(setup.operator)
    close = reverse("grants:sitting_close", args=[setup.sitting.pk])
    with after_start(setup.sitting):
        response = client.post(close)
    body = response.content.decode()
    count = len(setup.applications)
    assert response.status_code == 200
    assert f"{count} items are not decided yet; decide every item first." in body
    assert 'name="confirm"' not in body and "Back to the sitting" in body
    setup.sitting.refresh_from_db()
    assert setup.sitting.closed_at is None


def test_the_guard_still_refuses_with_its_reason_after_confirming(client, setup):
    client.force_login(setup.operator)
    close = reverse("grants:sitting_close", args=[setup.sitting.pk])
    body = client.post(close).content.decode()
    assert f"<dt>Not decided yet</dt><dd><strong>{len(setup.applications)}</strong></dd>" in body
    with after_start(setup.sitting):
        response = client.post(close, {"confirm": "yes"}, follow=True)
    setup.sitting.refresh_from_db()
    assert setup.sitting.closed_at is None
    assert len(_messages(response)) == 1 and "decided" in _messages(response)[0]


def test_a_member_who_may_not_close_is_refused_without_a_summary(client, setup):
    client.force_login(setup.members["gov"].user)
    response = client.post(reverse("grants:sitting_close", args=[setup.sitting.pk]), follow=True)
    setup.sitting.refresh_from_db()
    assert setup.sitting.closed_at is None
    assert _messages(response) == [
        "Only the operator's staff, the commission's chair or its secretary can close a sitting."
    ]
