"""Petitions in the browser: an NGO's administrator writes a petition and sends it to the moderators; a
moderator publishes it; a citizen signs it on a phone, reads the confirmation email (the test mailbox), opens
the link and sees "you are signer No. 1"; a second signature with the same mailbox is answered the same way and
by email. axe-core checks each page; all on a 390 px wide window."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from azamat.accounts.models import PlatformRole
from azamat.campaigns.counting import LAG, count_signatures
from azamat.campaigns.models import Petition, Signature
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_write_moderate_sign_and_confirm(make_page):
    ngo = OrganisationFactory(name_ru="Фонд «Қамқор»", name_kk="«Қамқор» қоры")
    author = UserFactory(email="author@example.kz", full_name="Данияр Искаков")
    MembershipFactory(user=author, organisation=ngo, role=Membership.Role.ADMIN)
    moderator = UserFactory(email="moderator@example.kz", full_name="Ерлан Жақсылықов")
    PlatformRoleFactory(user=moderator, role=PlatformRole.Role.PETITION_MODERATOR)

    # The author writes the petition; a goal of zero is refused, what was typed is kept.
    page = make_page(locale="en-US", **PHONE)
    sign_in(page, author.email)
    page.goto("/petitions/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New petition")
    page.locator("#id_title").fill("Пандусы во всех поликлиниках Караганды")
    page.locator("#id_text").fill("В трёх из пяти поликлиник нет пандуса.")
    page.locator("#id_demands").fill("Оборудовать пандусами все поликлиники до 1 сентября.")
    page.locator("#id_body").select_option(index=1)
    page.locator("#id_goal").fill("0")
    page.locator("#id_closes_on").fill((timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The signature goal must be at least 1 signature.")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Пандусы во всех поликлиниках Караганды")
    assert_accessible(page, "the petition form with an error")
    assert fits(page), "the petition form scrolls sideways at 390 px"
    page.locator("#id_goal").fill("100")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_text("Sent to the moderators")).to_be_visible()
    petition = Petition.objects.get()
    assert petition.status == Petition.Status.MODERATION and petition.goal == 100

    # A moderator publishes it from the queue.
    moderating = make_page(locale="en-US", **PHONE)
    sign_in(moderating, moderator.email)
    moderating.goto("/petitions/moderation/")
    assert_accessible(moderating, "the moderation queue")
    moderating.get_by_role("link", name=petition.title).click()
    moderating.get_by_role("button", name="Publish").click()
    expect(moderating.get_by_text("Published: the petition takes signatures")).to_be_visible()

    # A citizen signs, reads the email and confirms.
    mail.outbox.clear()
    citizen = make_page(locale="en-US", **PHONE)
    citizen.goto(petition.get_absolute_url())
    expect(citizen.get_by_role("heading", level=1)).to_have_text(petition.title)
    assert_accessible(citizen, "a petition's page")
    assert fits(citizen), "the petition's page scrolls sideways at 390 px"
    citizen.locator("#id_name").fill("Айгүл Серікова")
    citizen.locator("#id_email").fill("Aigul.Serikova@gmail.com")
    citizen.locator("#id_show_name").check()
    citizen.get_by_role("button", name="Sign", exact=True).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(citizen, "check your email")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Aigul.Serikova@gmail.com"]
    link = re.search(r"https?://\S+(/petitions/confirm/\S+/)", mail.outbox[0].body).group(1)
    citizen.goto(link)
    expect(citizen.get_by_text("you are signer No. 1 of")).to_be_visible()
    assert_accessible(citizen, "the confirmation page")
    assert Signature.objects.get().confirmed_at is not None

    # The same mailbox again (dots and a tag): the same page, an email, nothing stored.
    again = make_page(locale="en-US", **PHONE)
    again.goto(petition.get_absolute_url())
    again.locator("#id_name").fill("Айгүл")
    again.locator("#id_email").fill("aigulserikova+2@googlemail.com")
    again.get_by_role("button", name="Sign", exact=True).click()
    expect(again.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert Signature.objects.count() == 1 and "already signed" in mail.outbox[-1].subject

    # Counted by the job: the page shows the count and the signer's name.
    count_signatures(now=timezone.now() + LAG + datetime.timedelta(seconds=1))
    citizen.goto(petition.get_absolute_url() + "?fresh=1")  # past the public cache
    expect(citizen.locator("#petition-count")).to_have_text("1")
    expect(citizen.get_by_text("Айгүл Серікова")).to_be_visible()
