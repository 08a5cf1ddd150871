"""The register of NGO problems in the browser: an NGO member proposes a problem and sees a similar one as they
type (htmx); another NGO endorses a problem with its case; the working group reviews and registers a proposal,
adds a recommendation and sends it to the body — the problem's page shows the item's deadline — and merges a
duplicate. axe-core checks each page; all on a 390 px wide window."""

import pytest
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from azamat.accountability.models import Item
from azamat.problems.models import Problem
from azamat.problems.tests.factories import proposed, registered, working_group_member
from azamat.registry.models import GovernmentBody, Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}
S = Problem.Status


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def person_of(organisation, email: str, name: str):
    user = UserFactory(email=email, full_name=name)
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


def test_propose_endorse_review_send_and_merge(make_page):
    group = working_group_member(email="group@example.kz", full_name="Гүлмира Сейітқазы")
    ngo = OrganisationFactory(name_ru="Фонд «Қамқор»", name_kk="«Қамқор» қоры")
    member = person_of(ngo, "member@example.kz", "Данияр Искаков")
    ministry = GovernmentBody.objects.get(code="mci-civil-society")
    existing = registered(
        by=group, group=group, title="Задержка выплаты второго транша государственного гранта"
    )

    # An NGO member proposes a problem and sees the similar one as they type.
    page = make_page(locale="en-US", **PHONE)
    sign_in(page, member.email)
    page.goto("/problems/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register of problems of NGOs")
    assert_accessible(page, "the register")
    assert fits(page), "the register scrolls sideways at 390 px"
    page.get_by_role("link", name="Propose a problem").first.click()
    page.locator("#id_title").fill("Задержка выплаты транша гранта")
    hints = page.locator("#hints")
    expect(hints).to_contain_text(existing.number)
    expect(hints).to_contain_text("Similar problems already in the register")
    page.locator("#id_area").select_option(label="Financing")
    page.locator("#id_description").fill("Второй транш приходит на три месяца позже срока.")
    assert_accessible(page, "the proposal form with hints")
    assert fits(page), "the proposal form scrolls sideways at 390 px"
    page.get_by_role("button", name="File the problem").click()
    # Without JavaScript's help the check step shows the hints first; filing again files it.
    expect(page.get_by_role("status")).to_contain_text("Look at the similar problems above first")
    expect(page.locator("#id_title")).to_have_value("Задержка выплаты транша гранта")
    page.get_by_role("button", name="File the problem").click()
    expect(page.get_by_text("The working group will review it.")).to_be_visible()
    duplicate = Problem.objects.get(title="Задержка выплаты транша гранта")
    assert duplicate.status == S.PROPOSED and duplicate.proposed_by == member

    # Another NGO says the registered problem affects it too, with its case; a second time is refused.
    other = OrganisationFactory(name_ru="Ассоциация «Дала»", name_kk="«Дала» қауымдастығы")
    other_admin = person_of(other, "dala@example.kz", "Айгерим Нурланова")
    endorser = make_page(locale="en-US", **PHONE)
    sign_in(endorser, other_admin.email)
    endorser.goto(existing.get_absolute_url())
    endorser.locator("#id_endorse-case").fill("Наш транш задержан на 70 дней.")
    endorser.get_by_role("button", name="Add our case").click()
    expect(
        endorser.get_by_text("Your organisation is counted among those this problem affects.")
    ).to_be_visible()
    expect(endorser.get_by_text("Наш транш задержан на 70 дней.")).to_be_visible()
    expect(endorser.get_by_text("1 organisation is affected.")).to_be_visible()
    assert_accessible(endorser, "a problem's page after an endorsement")
    assert fits(endorser), "a problem's page scrolls sideways at 390 px"

    # The working group reviews and registers another proposal, with a reason.
    proposal_owner = person_of(OrganisationFactory(), "third@example.kz", "Тимур Касымов")
    fresh = proposed(by=proposal_owner, title="Сложная налоговая отчётность малых НКО", area_code="reporting")
    wg = make_page(locale="en-US", **PHONE)
    sign_in(wg, group.email)
    wg.goto(fresh.get_absolute_url())
    wg.get_by_role("button", name="Take for review").click()
    expect(wg.get_by_text("The problem is now “Under review by the working group”.")).to_be_visible()
    wg.get_by_role("button", name="Return to the author").click()
    expect(wg.get_by_role("alert").first).to_contain_text("Write the reason")
    wg.locator("#id_step-reason").fill("Подтверждено опросом 240 НКО")
    wg.get_by_role("button", name="Put in the register").click()
    expect(wg.get_by_text("Подтверждено опросом 240 НКО")).to_be_visible()
    fresh.refresh_from_db()
    assert fresh.status == S.REGISTERED

    # A recommendation to the ministry, sent: the page shows the item and its deadline.
    wg.get_by_text("Add a recommendation").click()
    wg.locator("#id_recommendation-text").fill("Упростить форму отчёта для малых НКО")
    wg.locator("#id_recommendation-body").select_option(value=str(ministry.pk))
    wg.get_by_role("button", name="Add the recommendation").click()
    expect(wg.get_by_text("The recommendation is added.")).to_be_visible()
    wg.get_by_role("button", name="Send to the body").click()
    item = Item.objects.get()
    expect(wg.get_by_role("link", name=item.number)).to_be_visible()
    with translation.override("en"):
        due = date_format(item.due_on, "DATE_FORMAT")
    expect(wg.locator("#recommendations")).to_be_visible()
    expect(wg.get_by_role("table")).to_contain_text(due)
    fresh.refresh_from_db()
    assert fresh.status == S.SENT
    assert_accessible(wg, "a problem's page for the working group")
    assert fits(wg), "the working group's problem page scrolls sideways at 390 px"

    # The member's proposal is a duplicate: merged into the registered problem, its case kept there.
    wg.goto(duplicate.get_absolute_url())
    wg.get_by_text("Merge this duplicate into another problem").click()
    wg.locator("#id_merge-into").fill(duplicate.number)
    wg.locator("#id_merge-reason").fill("Та же проблема")
    wg.get_by_role("button", name="Merge", exact=True).click()
    expect(wg.get_by_role("alert").first).to_contain_text("cannot be merged into itself")
    wg.locator("#id_merge-into").fill(existing.number)
    wg.get_by_role("button", name="Merge", exact=True).click()
    expect(wg.get_by_role("heading", level=1)).to_have_text(existing.title)
    expect(wg.get_by_text(f"{duplicate.number} is merged into this problem")).to_be_visible()
    duplicate.refresh_from_db()
    assert duplicate.status == S.MERGED and duplicate.merged_into == existing
