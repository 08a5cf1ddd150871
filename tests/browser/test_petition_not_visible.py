"""A petition not yet published, opened from its link by its author signed out (a link kept from an email, a
bookmark on the phone): the page says what this is and offers to sign in and come back; after signing in the
author is on the petition again, not on the workspace. A citizen signed in is told it is not theirs, with the
list of petitions. On a 390 px wide window, axe-core clean."""

import pytest
from playwright.sync_api import expect

from azamat.campaigns.models import Petition
from azamat.registry.models import Membership
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def test_a_signed_out_author_signs_in_and_comes_back_to_the_draft(make_page):
    ngo = OrganisationFactory()
    author = UserFactory(email="author@example.kz", full_name="Данияр Искаков")
    MembershipFactory(user=author, organisation=ngo, role=Membership.Role.ADMIN)
    petition = cf.petition(
        by=author, organisation=ngo, status=Petition.Status.MODERATION, title="Пандусы в поликлиниках"
    )

    page = make_page(locale="en-US", **PHONE)
    page.goto(petition.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("A petition not published")
    expect(page.get_by_text("Пандусы в поликлиниках")).to_have_count(0)
    expect(page.get_by_role("link", name="All petitions")).to_be_visible()
    assert_accessible(page, "a petition one may not see")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Sign in and come back").click()
    page.locator('input[name="login"]').fill(author.email)
    page.locator('input[name="password"]').fill(TEST_PASSWORD)
    page.locator('form[action*="/accounts/login/"] [type="submit"]').click()
    page.wait_for_url("**" + petition.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Пандусы в поликлиниках")

    citizen = UserFactory(email="citizen@example.kz", full_name="Айгүл Серікова")
    other = make_page(locale="en-US", **PHONE)
    sign_in(other, citizen.email)
    other.goto(petition.get_absolute_url())
    expect(other.get_by_role("heading", level=1)).to_have_text("A petition not published")
    expect(other.get_by_text("You are signed in as Айгүл")).to_be_visible()
    expect(other.get_by_role("link", name="Sign in and come back")).to_have_count(0)
    other.get_by_role("link", name="All petitions").click()
    other.wait_for_url("**/petitions/")
