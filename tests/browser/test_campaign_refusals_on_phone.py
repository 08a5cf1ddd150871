"""A refused form far down a long page, on a 390 px phone: the page comes back with the message beside the form,
and the phone shows that message, not the top of the page. Before, a signer who mistyped their email saw the
petition's title again and read nothing (the message was 1 300 px below); the same for recording an appeal's
sending under the letter and for a moderator's reason."""

import pytest
from playwright.sync_api import expect

from azamat.accounts.models import PlatformRole
from azamat.campaigns import petition_services as services
from azamat.campaigns.models import Appeal, Need, Petition
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory, UserFactory

from .support import sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LONG = "\n\n".join(["Мектеп ауласында кешке жарық жоқ, балалар қараңғыда үйге қайтады."] * 12)


def test_a_mistyped_email_is_said_where_the_signer_looks(make_page):
    petition = cf.petition(text=LONG, demands=LONG)
    page = make_page(locale="en-US", **PHONE)
    page.goto(petition.get_absolute_url())
    page.locator("#id_name").fill("Айгүл Серікова")
    page.locator("#id_email").fill("aigul@")
    page.get_by_role("button", name="Sign", exact=True).click()
    message = page.get_by_text("Enter a valid email address.")
    expect(message).to_be_in_viewport()
    expect(page.locator("#id_name")).to_have_value("Айгүл Серікова")


def test_recording_an_appeal_sent_without_its_date_says_so_under_the_letter(make_page):
    coordinator = UserFactory(email="coordinator@example.kz", full_name="Айгүл Ахметова")
    MembershipFactory(user=coordinator, organisation=OrganisationFactory(), role="admin")
    appeal = cf.appeal(by=coordinator, text=LONG)
    page = make_page(locale="en-US", **PHONE)
    sign_in(page, coordinator.email)
    page.goto(appeal.get_absolute_url())
    page.get_by_label("Registration number").fill("ЖТ-2026-1234567")
    page.get_by_role("button", name="Record the sending").click()
    expect(page.locator('form[action*="/sent/"] [role=alert]').first).to_be_in_viewport()
    expect(page.get_by_label("Registration number")).to_have_value("ЖТ-2026-1234567")
    assert not Appeal.objects.get().is_sent


def test_a_rejection_without_a_reason_is_said_beside_the_reason(make_page):
    moderator = UserFactory(email="moderator@example.kz")
    PlatformRoleFactory(user=moderator, role=PlatformRole.Role.PETITION_MODERATOR)
    petition = cf.petition(status=Petition.Status.MODERATION, text=LONG, demands=LONG)
    page = make_page(locale="en-US", **PHONE)
    sign_in(page, moderator.email)
    page.goto(petition.get_absolute_url())
    page.get_by_role("button", name="Reject").click()
    expect(page.locator('form[action*="/reject/"] [role=alert]').first).to_be_in_viewport()


def test_a_need_added_without_its_text_is_said_where_the_form_is(make_page):
    coordinator = UserFactory(email="coordinator@example.kz", full_name="Айгүл Ахметова")
    MembershipFactory(user=coordinator, organisation=OrganisationFactory(), role="admin")
    campaign = cf.campaign(by=coordinator, problem_statement=LONG)
    page = make_page(locale="en-US", **PHONE)
    sign_in(page, coordinator.email)
    page.goto(f"/campaigns/{campaign.pk}/stage/needs/")
    page.get_by_text("Add a need", exact=True).first.click()  # the folded form opens
    page.get_by_role("button", name="Add a need").click()
    expect(page.locator('form[action*="/need/add/"] [role=alert]').first).to_be_in_viewport()
    # Sent again with its text: the page comes back at the top, where "Added" is said, not at the form's anchor.
    page.locator('form[action*="/need/add/"] [name="text"]').fill("Пандус у входа в поликлинику № 3")
    page.get_by_role("button", name="Add a need").click()
    expect(page.get_by_text("Added:")).to_be_in_viewport()
    assert Need.objects.get().text == "Пандус у входа в поликлинику № 3"


def test_striking_out_is_refused_at_its_form_and_done_at_the_top(make_page):
    moderator = UserFactory(email="moderator@example.kz")
    PlatformRoleFactory(user=moderator, role=PlatformRole.Role.PETITION_MODERATOR)
    petition = cf.petition(text=LONG, demands=LONG)
    services.sign(petition=petition, name="Бот", email="a@bots.kz", ip="10.0.0.1")
    page = make_page(locale="en-US", **PHONE)
    sign_in(page, moderator.email)
    page.goto(petition.get_absolute_url())
    page.get_by_role("button", name="Strike out").click()
    expect(page.get_by_text("Choose the signatures to strike out")).to_be_in_viewport()
    page.get_by_label("Email domain").fill("bots.kz")
    page.locator('form[action*="/invalidate/"] [name="reason"]').fill("Одна сеть ботов")
    page.get_by_role("button", name="Strike out").click()
    expect(page.get_by_text("1 signature struck out")).to_be_in_viewport()
