"""An appeal to a government body, walked in the browser in Russian and Kazakh: the body's officer is refused
a rejection without reasons (the message on the form, what was typed kept), answers, plans a milestone and
marks it done with evidence; the author disputes that it was carried out and the officer answers the dispute.
On a phone-sized window, with axe-core on each page."""

import datetime

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from azamat.accountability import errors as E
from azamat.accountability.models import Item
from azamat.core.working_days import is_working_day
from azamat.testing.accountability_factories import appeal, body, officer_of
from azamat.testing.factories import UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def text(message, language="ru", **params) -> str:
    with translation.override(language):
        value = translation.gettext(message) if isinstance(message, str) else str(message)
    return value % params if params else value


def test_an_officer_answers_plans_and_the_author_disputes(make_page):
    ministry = body()
    officer = officer_of(ministry, email="officer@example.kz", full_name="Асхат Officer")
    author = UserFactory(email="author@example.kz", full_name="Алия Author")
    item = appeal(
        to=ministry, sent_on=timezone.localdate(), author=author, title="О публикации реестра грантов"
    )

    page = make_page(locale="ru-RU", **PHONE)
    sign_in(page, officer.email)
    page.goto(item.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)
    assert_accessible(page, "item page (officer)")

    # A rejection without reasons: refused with the reason, on the form, the choice kept.
    page.get_by_label("Отклонено").check()
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.get_by_role("alert").first).to_contain_text(text(E.MESSAGES[E.JUSTIFICATION_REQUIRED]))
    expect(page.get_by_label("Отклонено")).to_be_checked()
    item.refresh_from_db()
    assert item.outcome == ""

    page.get_by_label("Принято", exact=True).check()
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.get_by_text("Ответ записан, автор уведомлён.")).to_be_visible()

    # A milestone on a weekend is refused; on a working day it is planned.
    saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7 or 7)
    page.get_by_label("Этап", exact=True).fill("Приказ о публикации реестра")
    page.get_by_label("Срок", exact=True).fill(saturday.isoformat())
    page.get_by_role("button", name="Добавить этап").click()
    expect(page.get_by_role("alert").first).to_contain_text("нерабочий день")
    expect(page.get_by_label("Этап", exact=True)).to_have_value("Приказ о публикации реестра")
    monday = saturday + datetime.timedelta(days=2)
    while not is_working_day(monday):
        monday += datetime.timedelta(days=1)
    page.get_by_label("Срок", exact=True).fill(monday.isoformat())
    page.get_by_role("button", name="Добавить этап").click()
    expect(page.get_by_text("Этап добавлен в план.")).to_be_visible()

    page.get_by_text("Отметить выполненным с подтверждением").click()
    page.get_by_label("Что сделано").fill("Приказ № 12 опубликован на сайте министерства.")
    page.get_by_role("button", name="Отметить выполненным", exact=True).click()
    expect(page.get_by_text("Этап отмечен выполненным вместе с подтверждением.")).to_be_visible()
    item.refresh_from_db()
    assert item.status_on() == Item.Status.IMPLEMENTED

    # The author, in Kazakh, disputes it.
    author_page = make_page(locale="kk-KZ", **PHONE)
    sign_in(author_page, author.email)
    author_page.goto(item.get_absolute_url())
    assert_accessible(author_page, "item page (author, kk)")
    author_page.get_by_label(text("Why it was not carried out", "kk")).fill("Реестр сайтта жоқ.")
    author_page.get_by_role("button", name=text("Dispute", "kk")).click()
    expect(
        author_page.get_by_text(text("Your dispute is sent to the body, which must answer it.", "kk"))
    ).to_be_visible()

    page.reload()
    page.get_by_label("Согласны: исполнение продолжается").check()
    page.get_by_label("Причины").fill("Реестр будет опубликован повторно.")
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.get_by_text("Ваш ответ на спор записан.")).to_be_visible()
    item.refresh_from_db()
    assert item.status_on() == Item.Status.IN_IMPLEMENTATION and item.implemented_on is None
