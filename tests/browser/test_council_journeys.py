"""A council's secretary, in Russian on a phone: a second member from the same NGO is refused with the rule's
message and nothing is added; yesterday's meeting gets its attendance and a recommendation to the body the
council sits at, which becomes an accountability item the body's officer then sees on the item's page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from azamat.accountability.models import Item
from azamat.core.working_days import add_working_days
from azamat.councils.models import Member
from azamat.testing.accountability_factories import body
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    MeetingFactory,
    seat_council,
)
from azamat.testing.factories import UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "ru-RU"}


def test_the_secretary_keeps_the_rules_records_a_meeting_and_sends_a_recommendation(make_page):
    secretary = UserFactory(email="secretary@example.kz", full_name="Салтанат Secretary")
    ministry = body()
    council = CouncilFactory(body=ministry, name_ru="Общественный совет при МКИ")
    CouncilSecretaryFactory(council=council, user=secretary)
    seats = seat_council(council, by=secretary, ngo=10, citizens=3, state=2)
    taken = next(m for m in seats if m.organisation_id).organisation
    yesterday = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(council=council, starts_at=yesterday)

    page = make_page(**PHONE)
    sign_in(page, secretary.email)
    page.goto(f"/councils/{council.pk}/manage/")
    assert_accessible(page, "council management")
    form = page.locator("form", has=page.get_by_role("button", name="Добавить", exact=True))
    form.get_by_label("ФИО").fill("Второй представитель")
    form.get_by_label("Представляет").select_option("ngo")
    form.get_by_label("БИН организации").fill(taken.bin)
    form.get_by_label("Дата вхождения в состав").fill(council.term_starts_on.isoformat())
    form.get_by_role("button", name="Добавить", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="от одной НПО — один член")).to_be_visible()
    assert not Member.objects.filter(full_name="Второй представитель").exists()

    page.goto(f"/councils/{council.pk}/meetings/{meeting.pk}/manage/")
    assert_accessible(page, "meeting record")
    page.get_by_role("button", name="Сохранить присутствие").click()
    form = page.locator("form", has=page.get_by_role("button", name="Внести решение"))
    form.get_by_label("Вид").select_option("recommendation")
    form.get_by_label("Название").fill("Публиковать план закупок")
    form.get_by_label("Текст").fill("Рекомендовать публиковать план закупок на портале открытых данных.")
    form.get_by_label("Кому адресовано (для рекомендации)").select_option(str(ministry.pk))
    due = add_working_days(timezone.localdate(), 20)
    form.get_by_label("Срок ответа (для рекомендации)").fill(due.isoformat())
    form.get_by_role("button", name="Внести решение").click()
    item = Item.objects.get(title="Публиковать план закупок")
    assert item.body == ministry and item.due_on == due and item.source.meeting == meeting
    expect(page.get_by_role("link", name=item.number)).to_be_visible()


def test_minutes_typed_beside_another_form_are_not_lost_unasked(make_page):
    """Walking the demo, the secretary typed the minutes, then added a question to the agenda: the page reloaded
    and the minutes were gone. Now the browser asks before leaving them; staying keeps them, and saving the
    minutes themselves asks nothing once the question typed beside them is erased."""
    secretary = UserFactory(email="minutes@example.kz", full_name="Салтанат Минутова")
    council = CouncilFactory(body=body(), name_ru="Общественный совет при МКИ")
    CouncilSecretaryFactory(council=council, user=secretary)
    seat_council(council, by=secretary, ngo=10, citizens=3, state=2)
    meeting = MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(days=1))

    page = make_page(**PHONE)
    sign_in(page, secretary.email)
    page.goto(f"/councils/{council.pk}/meetings/{meeting.pk}/manage/")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    minutes = page.locator("form[action$='/manage/minutes/'] textarea")
    minutes.fill("Обсудили качество государственных услуг; выступили пять членов совета.")
    page.locator("form[action$='/manage/agenda/'] input[type=text]").first.fill("О плане работы на 2027 год")
    page.get_by_role("button", name="Добавить вопрос").click()
    expect(minutes).to_have_value("Обсудили качество государственных услуг; выступили пять членов совета.")
    assert asked == ["beforeunload"]
    assert not meeting.agenda.filter(title="О плане работы на 2027 год").exists()

    page.locator("form[action$='/manage/agenda/'] input[type=text]").first.fill("")  # typed, then erased
    page.get_by_role("button", name="Сохранить протокол").click()
    expect(page.locator("ul.messages")).to_be_visible()
    assert asked == ["beforeunload"]
    meeting.refresh_from_db()
    assert meeting.minutes.startswith("Обсудили качество")
