"""The XLSForm upload at the bottom of a long form page, on a 390 px phone: "Upload" with no file chosen, then a
file that is no spreadsheet, then a real .xlsx with Kazakh and Russian labels. Each time the phone shows what was
said — the field's message, the problems, "taken as version 2" — where before a refusal without a file came back at
the top of the page with its message 3 000 px below, as if the button did nothing."""

import openpyxl
import pytest
from playwright.sync_api import expect

from azamat.testing import surveys_factories as sf
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _kazakh_form(path) -> None:
    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::Қазақша (kk)", "label::Русский (ru)", "required"])
    survey.append(["text", "fio", "Аты-жөніңіз", "Ваше имя", "yes"])
    survey.append(["select_one oblys", "oblys", "Қай облыстансыз?", "Из какой вы области?", "yes"])
    survey.append(["decimal", "tabys", "Айлық табысыңыз (теңге)", "Ваш месячный доход (тенге)", ""])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::Қазақша (kk)", "label::Русский (ru)"])
    choices.append(["oblys", "abai", "Абай облысы", "область Абай"])
    choices.append(["oblys", "shymkent", "Шымкент қаласы", "город Шымкент"])
    book.save(path)


def test_each_upload_is_answered_where_the_phone_shows_it(make_page, tmp_path):
    ngo = OrganisationFactory()
    manager = UserFactory(email="manager@example.kz", full_name="Данияр Искаков")
    MembershipFactory(user=manager, organisation=ngo, role="admin")
    survey = sf.survey(by=manager, organisation=ngo)
    (tmp_path / "not-a-form.xlsx").write_bytes(b"%PDF-1.4 a scanned letter")
    _kazakh_form(tmp_path / "сауалнама.xlsx")

    page = make_page(locale="en-US", **PHONE)
    sign_in(page, manager.email)
    page.goto(f"/surveys/{survey.pk}/form/")
    page.get_by_role("button", name="Upload").click()
    expect(page.locator('form[action*="/form/upload/"] [role=alert]').first).to_be_in_viewport()

    page.get_by_label("XLSForm file").set_input_files(str(tmp_path / "not-a-form.xlsx"))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The form was not taken")).to_be_in_viewport()
    assert survey.versions.count() == 1

    page.get_by_label("XLSForm file").set_input_files(str(tmp_path / "сауалнама.xlsx"))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The form is taken as version")).to_be_in_viewport()
    labels = survey.current_version().definition["children"][1]["label"]
    assert labels == {"kk": "Қай облыстансыз?", "ru": "Из какой вы области?"}
