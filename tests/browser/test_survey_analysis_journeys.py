"""Survey analysis in the browser, on a 390 px wide phone: the team's analyst reads the frequencies with their
intervals, crosses two questions and reads the chi-square test, then builds a CSV export, follows its progress
and downloads it. axe-core checks each page."""

import csv

import pytest
from playwright.sync_api import expect

from azamat.surveys.models import ExportJob, SurveyMember
from azamat.testing import surveys_factories as sf
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_read_the_crosstab_and_download_the_data(make_page):
    ngo = OrganisationFactory(name_ru="Фонд «Қамқор»", name_kk="«Қамқор» қоры")
    manager = UserFactory(email="manager@example.kz", full_name="Данияр Искаков")
    MembershipFactory(user=manager, organisation=ngo, role="admin")
    analyst = UserFactory(email="analyst@example.kz", full_name="Айгерим Сапарова")
    survey = sf.survey(by=manager, organisation=ngo)
    SurveyMember.objects.create(survey=survey, user=analyst, role=SurveyMember.Role.ANALYST)
    for sex, satisfied, count in (("f", "yes", 12), ("f", "no", 8), ("m", "yes", 5), ("m", "no", 15)):
        for _ in range(count):
            sf.response(survey, {"region": "751000000", "sex": sex, "age": 30, "satisfied": satisfied})

    page = make_page(locale="en-US", **PHONE)
    sign_in(page, analyst.email)
    page.goto(f"/surveys/{survey.pk}/analysis/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Analysis")
    expect(page.get_by_text("40 responses counted.")).to_be_visible()
    assert_accessible(page, "the analysis page")

    page.get_by_role("link", name="Crosstab").click()
    page.get_by_label("Rows").select_option("sex")
    page.get_by_label("Columns").select_option("satisfied")
    page.get_by_role("button", name="Show the table").click()
    expect(page.get_by_role("heading", name="Chi-square test of independence")).to_be_visible()
    expect(page.get_by_text("The two answers are related (p < 0.05).")).to_be_visible()
    assert_accessible(page, "the crosstab")

    page.get_by_role("link", name="Exports").click()
    page.get_by_label("CSV").check()
    page.get_by_label("Choice codes").check()
    page.get_by_role("button", name="Build the export").click()
    expect(page.get_by_role("link", name="Download")).to_be_visible()
    assert_accessible(page, "an export's page")
    assert fits(page), "the export page scrolls sideways at 390 px"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 40 and {row["sex"] for row in rows} == {"f", "m"}
    assert ExportJob.objects.get().requested_by == analyst
