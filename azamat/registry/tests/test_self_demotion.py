"""An administrator stepping down or leaving from her own organisation's members page is asked first (one click
used to take her rights away); the last administrator is refused at once; others' roles change in one click."""

import pytest
from django.test import Client
from django.urls import reverse

from azamat.accounts.models import PlatformRole
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CONSEQUENCE = "you will no longer be able to manage this organisation"


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _members(ngo) -> str:
    return reverse("registry:organisation_members", args=[ngo.bin])


@pytest.fixture
def co_admin(ngo):
    return MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN)


@pytest.mark.parametrize(
    "action, question, button",
    [
        ("make_member", "Step down as administrator of", "Yes, step down"),
        ("remove", "Leave", "Yes, leave the organisation"),
    ],
)
def test_stepping_down_or_leaving_oneself_is_asked_first_and_nothing_changes(
    ngo, alice, co_admin, action, question, button
):
    mine = Membership.objects.get(user=alice, organisation=ngo)

    response = _client(alice).post(_members(ngo), {"membership": mine.pk, "action": action})

    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{question} {ngo.name_ru}?</h1>" in page
    assert CONSEQUENCE in page.lower()
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert f'<input type="hidden" name="membership" value="{mine.pk}">' in page
    assert f'name="action" value="{action}">{button}</button>' in page
    assert f'href="{_members(ngo)}">Cancel</a>' in page
    mine.refresh_from_db()
    assert (mine.role, mine.status) == (Membership.Role.ADMIN, Membership.Status.ACTIVE)


def test_stepping_down_once_confirmed_makes_her_a_member(ngo, alice, co_admin):
    mine = Membership.objects.get(user=alice, organisation=ngo)

    client = _client(alice)
    response = client.post(_members(ngo), {"membership": mine.pk, "action": "make_member", "confirm": "yes"})

    assert response.status_code == 302 and response.url == ngo.get_absolute_url()
    mine.refresh_from_db()
    assert mine.role == Membership.Role.MEMBER
    assert (
        "You are now a member of the organisation, no longer its administrator."
        in client.get(response.url).content.decode()
    )


def test_leaving_once_confirmed_removes_her(ngo, alice, co_admin):
    mine = Membership.objects.get(user=alice, organisation=ngo)

    client = _client(alice)
    response = client.post(_members(ngo), {"membership": mine.pk, "action": "remove", "confirm": "yes"})

    assert response.status_code == 302 and response.url == ngo.get_absolute_url()
    assert not Membership.objects.filter(pk=mine.pk).exists()
    assert "You have left the organisation." in client.get(response.url).content.decode()


@pytest.mark.parametrize("action", ["make_member", "remove"])
def test_the_last_administrator_is_refused_at_once_not_asked(ngo, alice, action):
    mine = Membership.objects.get(user=alice, organisation=ngo)
    client = _client(alice)

    response = client.post(_members(ngo), {"membership": mine.pk, "action": action})

    assert response.status_code == 302 and response.url == _members(ngo)
    assert (
        "An organisation must keep at least one administrator." in client.get(_members(ngo)).content.decode()
    )
    response = client.post(_members(ngo), {"membership": mine.pk, "action": action, "confirm": "yes"})
    assert response.status_code == 302 and response.url == _members(ngo)
    mine.refresh_from_db()
    assert (mine.role, mine.status) == (Membership.Role.ADMIN, Membership.Status.ACTIVE)


@pytest.mark.parametrize("action", ["make_member", "remove"])
def test_another_administrator_is_demoted_or_removed_in_one_click_as_before(ngo, alice, co_admin, action):
    response = _client(alice).post(_members(ngo), {"membership": co_admin.pk, "action": action})

    assert response.status_code == 302 and response.url == _members(ngo)
    remaining = Membership.objects.filter(pk=co_admin.pk).values_list("role", flat=True)
    assert list(remaining) == ([Membership.Role.MEMBER] if action == "make_member" else [])


def test_a_platform_administrator_keeps_managing_so_is_not_asked(ngo, alice, dana):
    """She manages every organisation as the platform's administrator: stepping down costs her nothing here."""
    assert dana.platform_roles.filter(role=PlatformRole.Role.PLATFORM_ADMIN).exists()
    hers = MembershipFactory(organisation=ngo, user=dana, role=Membership.Role.ADMIN)

    response = _client(dana).post(_members(ngo), {"membership": hers.pk, "action": "make_member"})

    assert response.status_code == 302 and response.url == _members(ngo)
    hers.refresh_from_db()
    assert hers.role == Membership.Role.MEMBER
