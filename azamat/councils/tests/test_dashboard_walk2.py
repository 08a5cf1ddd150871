"""The secretary's workspace says when members' proposed recommendations wait for her: walking the demo as
secretary@, ngo@'s proposal was found only by opening the council's management page."""

import pytest
from django.urls import reverse

from azamat.councils import dashboard
from azamat.councils.services import proposals as services
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MemberFactory
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _cards(user) -> dict:
    return {a.title: a for a in dashboard.actions(user=user, memberships=[], role_codes=set())}


def test_the_secretary_is_told_of_the_proposals_waiting_for_her(client):
    council = CouncilFactory(name_en="Alpha council")
    secretary = CouncilSecretaryFactory(council=council).user
    other = CouncilSecretaryFactory(council=CouncilFactory()).user
    authors = [MemberFactory(council=council, user=UserFactory()).user for _ in range(2)]
    title = "Proposed recommendations: Alpha council"
    assert title not in _cards(secretary)

    proposal = services.proposal_submit(
        council=council, title="Открыть данные", text="Рекомендовать.", body=council.body, by=authors[0]
    )
    card = _cards(secretary)[title]
    assert card.description == (
        "1 member's proposal waits for you: put it on a coming meeting's agenda or decline it with a reason."
    )
    assert card.url == reverse("councils:proposals", args=[council.pk])
    services.proposal_submit(
        council=council, title="Публиковать план", text="Рекомендовать.", body=council.body, by=authors[1]
    )
    assert _cards(secretary)[title].description == (
        "2 members' proposals wait for you: put each on a coming meeting's agenda or decline it with a reason."
    )
    # Another council's secretary is not told; a declined proposal no longer waits.
    assert not [t for t in _cards(other) if t.startswith("Proposed recommendations")]
    services.proposal_decline(proposal=proposal, reason="Уже рекомендовано.", by=secretary)
    assert _cards(secretary)[title].description.startswith("1 member's proposal waits for you")

    client.force_login(secretary)
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert title in page
