"""The tender commission in a real browser: the secretary keeps a sitting on a phone, and the operator's
composition form refuses a person whose accounts do not show the side they would sit for.

What came before (scores, the commission, votes) is set up with the services (tests/browser/grants_support.py).
Pages are in English, so the text does not depend on the kk/ru catalogues.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from azamat.grants.models import AgendaItem, Application, CommissionMember, Sitting
from azamat.grants.services import commission as commission_services
from azamat.testing.factories import PlatformRoleFactory, UserFactory

from . import grants_support as data
from .grants_support import assert_accessible
from .support import sign_in

pytestmark = pytest.mark.browser

PHONE = {"locale": "en-US", "viewport": {"width": 390, "height": 844}}


def messages(page):
    return page.locator("ul.messages")


def current_item(page):
    return page.locator('li[aria-current="step"]')


def attendance_label(member) -> str:
    side = {"government": "Government customer", "operator": "Operator", "ngo": "NGO representative"}
    return f"{member.user.full_name} — {side[member.side]}"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_secretary_keeps_the_sitting_on_a_phone(make_page, ngo):
    operator = data.make_operator()
    call = data.commission_call("secretary-2026", "Social projects 2026")
    direction = data.direction(call, "Support for youth", budget=Decimal("9000000"), planned_grants=3)
    organisations = [ngo, data.other_organisation("Кемел"), data.other_organisation("Арман")]
    applications = [
        data.application(
            call,
            direction,
            organisation,
            index,
            Application.Status.REVIEWED,
            title=title,
            final_score=Decimal(score),
        )
        for index, (organisation, title, score) in enumerate(
            zip(
                organisations,
                ["Youth centre in Aktau", "Eco-club for schoolchildren", "Legal aid for villages"],
                ["86.50", "74.00", "61.25"],
                strict=True,
            ),
            start=1,
        )
    ]
    commission, members, sitting = data.commission_with_sitting(call, operator, unconfirmed=())
    first, second, third = (AgendaItem.objects.get(application=a) for a in applications)
    everyone = list(members)
    data.vote(sitting, applications[0], members, dict.fromkeys(everyone, data.SUPPORT))
    data.vote(sitting, applications[1], members, dict.fromkeys(everyone, data.AGAINST))
    data.vote(sitting, applications[2], members, dict.fromkeys(everyone, data.SUPPORT))
    secretary = UserFactory(email="secretary@example.kz", full_name="Жанна Тулегенова")
    commission_services.commission_secretary_set(commission=commission, user=secretary, by=operator)
    # The sitting is scheduled for tomorrow: it cannot be closed yet.
    Sitting.objects.filter(pk=sitting.pk).update(starts_at=timezone.now() + datetime.timedelta(days=1))

    page = make_page(**PHONE)
    sign_in(page, secretary.email)
    page.goto("/grants/commission/")
    expect(page.locator("main")).to_contain_text(
        "You are the secretary of this commission: you keep its sittings and do not vote."
    )
    page.locator("main").get_by_role("link", name=re.compile(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}")).click()
    expect(page.locator("h1")).to_have_text("Sitting of the tender commission")
    expect(page.locator("dl.facts").first).to_contain_text("Жанна Тулегенова")
    # One row per item; the first undecided one is open, with its votes and the decision buttons.
    expect(page.locator("ul.results > li")).to_have_count(3)
    expect(current_item(page)).to_have_id(f"item-{first.pk}")
    expect(current_item(page)).to_contain_text("Youth centre in Aktau")
    expect(current_item(page).get_by_role("button", name="Award the grant")).to_be_visible()
    expect(page.get_by_role("link", name="Vote or step aside")).to_have_count(0)  # the secretary has no vote
    assert fits_the_screen(page), "the sitting page is wider than a 390px phone"
    # The open item is a card whose text stands off its border (the list's rule took the card's padding away).
    inset = current_item(page).evaluate(
        "e => e.querySelector('h4').getBoundingClientRect().left - e.getBoundingClientRect().left"
    )
    assert inset >= 12, f"the current item's text touches its card's border ({inset}px)"
    assert_accessible(page, "the sitting, as the secretary on a phone")

    # Two of five present: the secretary records it.
    for key in ("ngo1", "ngo2", "opr"):
        member = members[key]
        page.get_by_label(attendance_label(member)).uncheck()
    page.get_by_role("button", name="Record attendance").click()
    expect(messages(page)).to_contain_text("Attendance is recorded.")
    expect(page.locator("dl.facts").first).to_contain_text("2 of 5 members present; 4 needed")

    # Closing before the start: the summary says why not and offers no confirmation, only the way back.
    page.get_by_role("button", name="Close and sign the protocol").click()
    expect(page.locator("h1")).to_have_text("Close the sitting and sign the protocol?")
    expect(page.get_by_role("alert")).to_contain_text("it can be closed only after it has started.")
    expect(page.get_by_role("button", name="Confirm: close and sign the protocol")).to_have_count(0)
    page.get_by_role("link", name="Back to the sitting").click()

    # An hour after the start: still not, for want of a quorum.
    Sitting.objects.filter(pk=sitting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    page.get_by_role("button", name="Close and sign the protocol").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "No quorum: 2 of 5 members are present, and at least 4 are needed to vote and decide."
    )
    page.get_by_role("link", name="Back to the sitting").click()
    sitting.refresh_from_db()
    assert sitting.closed_at is None

    for member in members.values():
        page.get_by_label(attendance_label(member)).check()
    page.get_by_role("button", name="Record attendance").click()
    expect(page.locator("dl.facts").first).to_contain_text("5 of 5 members present; 4 needed")

    # "Next item" goes to the first undecided item after the open one, without JavaScript.
    page.get_by_role("link", name="Next item").first.click()
    expect(current_item(page)).to_have_id(f"item-{second.pk}")
    assert f"?item={second.pk}" in page.url
    current_item(page).get_by_role("button", name="Do not award").click()
    expect(messages(page)).to_contain_text("The decision is recorded.")
    expect(current_item(page)).to_have_id(f"item-{third.pk}")  # on to the next undecided item
    expect(page.locator(f"#item-{second.pk}")).to_contain_text("Do not award")
    page.get_by_role("link", name="Next item").first.click()
    expect(current_item(page)).to_have_id(f"item-{first.pk}")  # round to the one still undecided
    current_item(page).get_by_label("Amount awarded, ₸").fill("2 500 000")
    current_item(page).get_by_label("Reason for a reduced amount").fill("The rent line is not needed.")
    current_item(page).get_by_role("button", name="Award the grant").click()
    expect(messages(page)).to_contain_text("The decision is recorded.")
    expect(current_item(page)).to_have_id(f"item-{third.pk}")
    current_item(page).get_by_role("button", name="Award the grant").click()
    expect(page.locator("main")).to_contain_text("Every item is decided; the sitting can be closed.")
    expect(page.get_by_role("link", name="Next item")).to_have_count(0)
    assert fits_the_screen(page), "the decided agenda is wider than a 390px phone"

    page.get_by_role("button", name="Close and sign the protocol").click()
    page.get_by_role("button", name="Confirm: close and sign the protocol").click()
    expect(messages(page)).to_contain_text("The sitting is closed and its protocol is published.")
    expect(page.locator("dl.facts").first).to_contain_text("Protocol № 1, in Kazakh and Russian")
    response = page.request.get(page.get_by_role("link", name="Protocol (PDF)").get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "№ 1" in text and "Жанна Тулегенова" in text
    sitting.refresh_from_db()
    assert (sitting.protocol_number, sitting.history.first().history_user) == (1, secretary)


def test_the_composition_form_refuses_a_person_of_the_wrong_side_with_the_reason(page):
    operator = data.make_operator()
    call = data.commission_call("composition-2026", "Social projects 2026")
    commission_services.commission_create(call=call, by=operator)
    monitor = UserFactory(email="monitor@example.kz", full_name="Тимур Касымов")
    PlatformRoleFactory(user=monitor, role="monitor")

    sign_in(page, operator.email)
    page.goto(f"/grants/operator/calls/{call.code}/commission/")
    expect(page.locator("h1")).to_contain_text("Tender commission")
    page.get_by_label("Email of the person").fill(monitor.email)
    page.get_by_label("Represents").select_option(label="Government customer")
    page.get_by_role("button", name="Add", exact=True).click()
    side = page.locator(".field").filter(has=page.get_by_label("Represents"))
    expect(side.get_by_role("alert")).to_contain_text(
        f"Тимур Касымов is not an officer of {call.customer.name_en}, the customer of this call: their account "
        "has no government body officer role for it."
    )
    assert_accessible(page, "the composition form with its refusal")
    assert not CommissionMember.objects.filter(user=monitor).exists()

    # With the officer's role at the customer body, the same person is accepted.
    PlatformRoleFactory(user=monitor, role="government_officer", body=call.customer)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(messages(page)).to_contain_text("Тимур Касымов is added to the commission.")
