"""Monitoring in two tabs of one phone, 390 px wide: a monitor opens a person's record to edit in two tabs, saves a
note in the first, then saves a new phone number in the second, loaded before the note. The second save is
refused, saying it was her own save in the other tab; the note stays, the typed number stays in the form, and
saving again, having been told, keeps both. Then a lawyer's hearing on 31.02, typed by hand, is refused with the format to use."""

import pytest
from playwright.sync_api import expect

from azamat.monitoring.models import Hearing, Person
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory, UserFactory

from .test_monitoring_journey import PHONE, fits, sign_in_with_code

pytestmark = pytest.mark.browser
NOTE = "Просит не указывать место работы."


def test_a_persons_record_edited_in_two_tabs_loses_nothing(make_page):
    bureau = OrganisationFactory(name_ru="Бюро «Сенім»", name_kk="«Сенім» бюросы")
    monitor = UserFactory(email="monitor@senim.kz", full_name="Жанна Сейткалиева")
    mf.grant(monitor, bureau, "monitor", with_two_factor=False)
    secret = mf.two_factor(monitor)
    person = mf.person(bureau, "Ержан Сапаров", by=monitor)

    first = make_page(locale="en-US", **PHONE)
    sign_in_with_code(first, monitor.email, secret)
    second = first.context.new_page()
    url = f"/workspace/monitoring/persons/{person.pk}/edit/"
    first.goto(url)
    second.goto(url)

    first.locator('form [name="notes"]').fill(NOTE)
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text(NOTE, exact=True)).to_be_visible()

    second.locator('form [name="phone"]').fill("+7 701 000 00 01")
    second.get_by_role("button", name="Save").click()
    expect(second.get_by_role("alert").first).to_contain_text(
        "You saved this record in another tab or window after this form was loaded"
    )
    expect(second.locator('form [name="phone"]')).to_have_value("+7 701 000 00 01")
    assert fits(second), "the refused form scrolls sideways at 390 px"
    person.refresh_from_db()
    assert (person.notes, person.phone) == (NOTE, "+7 701 555 12 34")

    # Told, the monitor copies the colleague's note into this form and saves again.
    second.locator('form [name="notes"]').fill(NOTE)
    second.get_by_role("button", name="Save").click()
    expect(second.get_by_text("+7 701 000 00 01", exact=True)).to_be_visible()
    person = Person.objects.get(pk=person.pk)
    assert (person.notes, person.phone) == (NOTE, "+7 701 000 00 01")


def test_a_hearing_on_a_day_that_does_not_exist_says_how_to_write_the_date(make_page):
    bureau = OrganisationFactory(name_ru="Бюро «Сенім»", name_kk="«Сенім» бюросы")
    lawyer = UserFactory(email="lawyer@senim.kz", full_name="Айдана Курмангалиева")
    mf.grant(lawyer, bureau, "lawyer", with_two_factor=False)
    secret = mf.two_factor(lawyer)
    case = mf.case(bureau, lawyer=lawyer, by=lawyer)

    page = make_page(locale="ru-RU", **PHONE)
    sign_in_with_code(page, lawyer.email, secret)
    page.goto(f"/workspace/monitoring/cases/{case.pk}/hearings/new/")
    # A phone without a date picker (or a date pasted from a document): the box takes text.
    page.locator('form [name="date"]').evaluate("box => { box.type = 'text' }")
    page.locator('form [name="date"]').fill("31.02.2025")
    page.locator('form [name="stage"]').fill("апелляция")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Введите дату в виде день.месяц.год, например 05.03.2024."
    )
    expect(page.locator('form [name="stage"]')).to_have_value("апелляция")
    assert not Hearing.objects.exists()
    assert fits(page)
