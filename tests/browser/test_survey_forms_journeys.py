"""The form in the browser, on a 390 px wide phone: a manager uploads a real XLSForm (ODK's sample) and reads its
warnings, builds a question with "show it only when …", and previews the page, where form-logic.js shows the
question as soon as its condition holds and the constraint message as the answer is typed. axe-core checks each
page."""

import copy
from pathlib import Path

import pytest
from playwright.sync_api import expect

from azamat.surveys import definition as spec
from azamat.testing import surveys_factories as sf
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}
FORMS = Path(__file__).resolve().parents[2] / "azamat" / "surveys" / "tests" / "forms"


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_upload_edit_and_preview_a_form(make_page):
    ngo = OrganisationFactory(name_ru="Фонд «Қамқор»", name_kk="«Қамқор» қоры")
    manager = UserFactory(email="manager@example.kz", full_name="Данияр Искаков")
    MembershipFactory(user=manager, organisation=ngo, role="admin")
    survey = sf.survey(by=manager, organisation=ngo)

    page = make_page(locale="en-US", **PHONE)
    sign_in(page, manager.email)
    page.goto(f"/surveys/{survey.pk}/form/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Form")
    assert_accessible(page, "the form page")
    assert fits(page), "the form page scrolls sideways at 390 px"

    # A form Azamat cannot take: refused with sheet and row, nothing changed.
    page.get_by_label("XLSForm file").set_input_files(str(FORMS / "widgets.xls"))
    page.get_by_role("button", name="Upload").click()
    expect(
        page.get_by_text("survey sheet, row 11: the type “geopoint” is not supported by Azamat.")
    ).to_be_visible()
    assert survey.versions.count() == 1

    # ODK's socio-economic sample: taken, with its warnings.
    page.get_by_label("XLSForm file").set_input_files(str(FORMS / "socio-economic-survey-v20240515.xlsx"))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The form is taken as version 1")).to_be_visible()
    expect(page.get_by_role("heading", name="Warnings about this form")).to_be_visible()
    assert survey.versions.count() == 1
    assert survey.current_version().source_name == "socio-economic-survey-v20240515.xlsx"
    assert_accessible(page, "the form page after an upload")

    # Back to our own form, then add a question shown only to the young.
    version = survey.current_version()
    version.definition = copy.deepcopy(sf.SAMPLE)
    version.save()
    page.goto(f"/surveys/{survey.pk}/form/questions/add/?parent=contact")
    page.get_by_label("Name (the column in the data)").fill("school")
    page.get_by_label("Label (English)").fill("Which school?")
    page.get_by_label("Show it only when …").check()
    page.get_by_label("Question", exact=True).select_option("age")
    page.get_by_label("Condition").select_option("<")
    page.get_by_label("Value (a choice name, a number or text)").fill("18")
    assert_accessible(page, "the question editor")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“school” is added.")).to_be_visible()
    assert spec.find(survey.current_version().definition, "school")["relevant"] == "${age} < 18"

    # The preview: skip logic and constraints run in the browser as the respondent types.
    page.goto(f"/surveys/{survey.pk}/form/preview/0/")
    age = page.get_by_label("Your age")
    age.fill("7")
    expect(page.get_by_text("Age between 16 and 100")).to_be_visible()
    age.fill("30")
    expect(page.get_by_text("Age between 16 and 100")).to_be_hidden()
    page.get_by_label("Almaty").check()
    page.get_by_label("Female").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Page 2 of 4")).to_be_visible()
    why = page.get_by_label("Why?")
    expect(why).to_be_hidden()
    page.get_by_label("No", exact=True).check()
    expect(why).to_be_visible()
    page.get_by_label("Yes", exact=True).check()
    expect(why).to_be_hidden()
    assert_accessible(page, "the preview")
    assert fits(page), "the preview scrolls sideways at 390 px"
    assert survey.responses.count() == 0
