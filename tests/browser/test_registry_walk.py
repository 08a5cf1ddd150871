"""The registry walked by an NGO's administrator on a 390 px phone in Kazakh: she makes a co-administrator a member,
is refused stepping down herself (the last administrator, with the reason), and finds both in the organisation's
history — who did it and the role before and after — which used to show the profile's own changes only."""

import pytest
from playwright.sync_api import expect

from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_role_changed_on_the_members_page_is_in_the_history_in_kazakh(make_page):
    ngo = OrganisationFactory(name_kk="«Қамқор» қоғамдық қоры", name_ru="Общественный фонд «Қамқор»")
    aigerim = UserFactory(email="aigerim@example.kz", full_name="Айгерим Нурланова")
    MembershipFactory(user=aigerim, organisation=ngo, role=Membership.Role.ADMIN)
    elena = UserFactory(email="elena@example.kz", full_name="Елена Жумабаева")
    MembershipFactory(user=elena, organisation=ngo, role=Membership.Role.ADMIN)

    page = make_page(locale="kk-KZ", **PHONE)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, aigerim.email)
    page.goto(f"/organisations/{ngo.bin}/members/")
    page.locator("tr", has_text="elena@example.kz").locator('button[value="make_member"]').click()
    expect(page.get_by_text("Рөл өзгертілді.")).to_be_visible()
    # Now the only administrator: stepping down is refused, with why.
    page.locator("tr", has_text="aigerim@example.kz").locator('button[value="make_member"]').click()
    expect(page.get_by_text("Ұйымда кемінде бір әкімші болуы тиіс.")).to_be_visible()
    assert Membership.objects.get(user=aigerim).role == Membership.Role.ADMIN

    page.goto(f"/organisations/{ngo.bin}/history/")
    row = page.locator("tbody tr", has_text="Елена Жумабаева").first
    expect(row).to_contain_text("Айгерим Нурланова")  # who changed it
    expect(row).to_contain_text("рөл: Әкімші → Мүше")
    assert fits_the_phone(page)
    assert_accessible(page, "an organisation's history")
