"""A dispute off the happy path, in a phone-sized window: the author (in Kazakh) is told what a dispute commits
them to, is refused an empty one, disputes, and a colleague's tab opened before is told the item is already
disputed; the officer (in Russian) answers from one tab while a second tab, answering too, is told the dispute
was already answered; a visitor reads the timeline in the order it happened, the lines of the reasons kept."""

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from azamat.accountability import errors as E
from azamat.accountability import services
from azamat.accountability.models import Dispute, Item
from azamat.testing.accountability_factories import appeal, body, officer_of
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def text(message, language, **params) -> str:
    with translation.override(language):
        value = translation.gettext(message) if isinstance(message, str) else str(message)
    return value % params if params else value


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def implemented_item():
    ministry = body()
    officer = officer_of(ministry, email="officer@example.kz")
    organisation = OrganisationFactory()
    author = UserFactory(email="author@example.kz")
    colleague = UserFactory(email="colleague@example.kz")
    for person in (author, colleague):
        MembershipFactory(user=person, organisation=organisation)
    today = timezone.localdate()
    item = appeal(
        to=ministry, sent_on=today, author=author, organisation=organisation, title="О публикации реестра"
    )
    services.item_answer(item=item, by=officer, outcome="accepted", text="")
    milestone = services.milestone_add(
        item=item, by=officer, title="Реестр опубликован", due_on=services.add_working_days(today, 5)
    )
    services.milestone_done(milestone=milestone, by=officer, text="Реестр на сайте")
    return item, officer, author, colleague


def test_a_dispute_sent_twice_and_answered_from_two_tabs(make_page):
    item, officer, author, colleague = implemented_item()

    # The colleague opens the page first and leaves the tab.
    colleague_page = make_page(locale="kk-KZ", **PHONE)
    sign_in(colleague_page, colleague.email)
    colleague_page.goto(item.get_absolute_url())

    author_page = make_page(locale="kk-KZ", **PHONE)
    sign_in(author_page, author.email)
    author_page.goto(item.get_absolute_url())
    commitment = "Your dispute goes to the body, which must answer it. It cannot be withdrawn, and its reasons are shown on the item’s public page."  # noqa: E501
    expect(author_page.get_by_text(text(commitment, "kk"))).to_be_visible()
    dispute_button = author_page.get_by_role("button", name=text("Dispute", "kk"))
    dispute_button.click()
    expect(author_page.get_by_role("alert").first).to_be_visible()
    assert not item.disputes.exists()
    author_page.get_by_label(text("Why it was not carried out", "kk")).fill("Реестр толық емес.\nЖыл жоқ.")
    author_page.get_by_role("button", name=text("Dispute", "kk")).click()
    expect(
        author_page.get_by_text(text("Your dispute is sent to the body, which must answer it.", "kk"))
    ).to_be_visible()
    assert_accessible(author_page, "item page after a dispute (author, kk)")
    no_sideways_scroll(author_page)

    # The colleague's tab, opened before: told the item is already disputed, not that it is not implemented.
    colleague_page.get_by_label(text("Why it was not carried out", "kk")).fill("Бізде де сұрақ бар.")
    colleague_page.get_by_role("button", name=text("Dispute", "kk")).click()
    expect(colleague_page.get_by_role("alert").first).to_have_text(text(E.MESSAGES[E.ALREADY_DISPUTED], "kk"))
    assert item.disputes.count() == 1

    # The officer, in Russian, with the page open in two tabs.
    first = make_page(locale="ru-RU", **PHONE)
    sign_in(first, officer.email)
    first.goto(item.get_absolute_url())
    second = first.context.new_page()
    second.goto(item.get_absolute_url())
    first.get_by_label(text("Maintained: the item was carried out", "ru")).check()
    first.get_by_label("Причины").fill("Реестр полный, см. приказ.")
    first.get_by_role("button", name="Отправить ответ").click()
    expect(first.get_by_text("Ваш ответ на спор записан.")).to_be_visible()

    second.get_by_label(text("Agreed: implementation continues", "ru")).check()
    second.get_by_label("Причины").fill("Согласны, дополним.")
    second.get_by_role("button", name="Отправить ответ").click()
    dispute = Dispute.objects.get()
    with translation.override("ru"):
        already = str(E.MESSAGES[E.DISPUTE_ANSWERED]) % {
            "date": date_format(timezone.localtime(dispute.responded_at).date(), "DATE_FORMAT"),
            "response": str(Dispute.Response.MAINTAINED.label),
        }
    expect(second.get_by_role("alert").first).to_have_text(already)
    dispute.refresh_from_db()
    assert (
        dispute.response == Dispute.Response.MAINTAINED
        and dispute.response_text == "Реестр полный, см. приказ."
    )
    item.refresh_from_db()
    assert item.status_on() == Item.Status.IMPLEMENTED

    # A visitor reads the timeline in the order it happened, the reasons on their own lines.
    visitor = make_page(locale="ru-RU", **PHONE)
    visitor.goto(item.get_absolute_url())
    events = visitor.locator("ol.timeline > li").all_inner_texts()
    assert [i for i, event in enumerate(events) if "Реестр толық емес." in event] == [len(events) - 2]
    assert "Реестр полный, см. приказ." in events[-1]
    assert "Реестр толық емес.<br>Жыл жоқ." in visitor.content()
    no_sideways_scroll(visitor)
    assert_accessible(visitor, "item page with a dispute (visitor, ru)")
