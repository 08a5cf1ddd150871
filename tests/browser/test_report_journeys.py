"""The annual report to the state NGO database, walked in the browser on a 390 px phone: an NGO's administrator
starts the report pre-filled from last year's, is refused a foreign donor without a country and totals that do
not add up (the message on the form, everything typed kept), fixes them, reviews, files, downloads the XLSX and
the PDF copy, and starts a correction (version 2); a member reads the report but cannot file it. Axe on each page."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from azamat.registry.models import ActivityArea, Membership, Region
from azamat.registry.report_models import AnnualReport, ReportBeneficiary, ReportFounder
from azamat.testing.factories import AnnualReportFactory, MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_administrator_files_the_report_and_a_member_only_reads_it(make_page):
    ngo = OrganisationFactory(
        name_ru="Фонд «Қамқор»", current_report=False, registered_on=datetime.date(2015, 6, 1)
    )
    last_year = AnnualReportFactory(
        organisation=ngo, year=2024, status=AnnualReport.Status.FILED, staff_count=3
    )
    last_year.areas.set([ActivityArea.objects.first()])
    last_year.regions.set([Region.objects.get(kato="750000000")])
    ReportFounder.objects.create(report=last_year, name="Әлия Серікқызы", country="KZ")
    ReportBeneficiary.objects.create(report=last_year, category="youth", number=90)
    admin = UserFactory(email="admin@example.kz", full_name="Әлия Admin")
    MembershipFactory(user=admin, organisation=ngo, role=Membership.Role.ADMIN)
    member = UserFactory(email="member@example.kz", full_name="Бауыржан Member")
    MembershipFactory(user=member, organisation=ngo, role=Membership.Role.MEMBER)

    page = make_page(locale="en-US", **PHONE)
    sign_in(page, admin.email)
    page.goto(f"/organisations/{ngo.bin}/reports/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Annual reports to the state NGO database")
    expect(page.get_by_text("The report on 2025 is not filed")).to_be_visible()
    assert_accessible(page, "reports list")
    assert fits_the_phone(page)
    page.locator("#id_year").fill("2025")
    page.get_by_role("button", name="Start the report").click()

    # Pre-filled from last year: the founder, the staff; the beneficiaries' category, its number to give again.
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual report on 2025, version 1")
    expect(page.locator("#id_founders-0-name")).to_have_value("Әлия Серікқызы")
    expect(page.locator("#id_people-staff_count")).to_have_value("3")
    expect(page.locator("#id_beneficiaries-0-category")).to_have_value("youth")
    assert_accessible(page, "report form")
    assert fits_the_phone(page)
    page.locator("#id_activities-activities").fill("Курсы казахского языка для взрослых")
    page.locator("#id_beneficiaries-0-number").fill("120")

    # A foreign donor without a country: refused with the message, everything typed kept.
    page.locator("#id_income-0-source").select_option("foreign")
    page.locator("#id_income-0-amount").fill("1 500 000,50")
    page.locator("#id_income-0-donor").fill("Stiftung Mitte")
    expect(page.locator('[data-sum-of="income"]')).to_contain_text("1 500 000,50")  # the live total
    page.locator("#income").get_by_role("button", name="Save").click()
    expect(page.locator("#income [role=alert]").first).to_contain_text(
        "Income line 1 is from a foreign source: give the donor's country (a code such as DE)."
    )
    expect(page.locator("#id_income-0-donor")).to_have_value("Stiftung Mitte")
    expect(page.locator("#id_activities-activities")).to_have_value("Курсы казахского языка для взрослых")
    assert_accessible(page, "report form with errors")

    # Totals that do not add up: refused with both sums.
    page.locator("#id_income-0-country").fill("DE")
    page.locator("#id_income-income_total").fill("2 000 000")
    page.locator("#income").get_by_role("button", name="Save").click()
    expect(page.locator("#income [role=alert]").first).to_contain_text(
        "The income lines add up to 1,500,000.50 ₸, but the total income stated is 2,000,000 ₸."
    )

    page.locator("#id_income-income_total").fill("")
    page.locator("#id_expenses-0-category").select_option("programmes")
    page.locator("#id_expenses-0-amount").fill("1 200 000")
    page.get_by_role("button", name="Save and review before filing").click()
    expect(page.get_by_text("Everything required is filled in and the totals add up.")).to_be_visible()
    assert_accessible(page, "review")
    page.get_by_label(re.compile("I confirm the report is complete and true")).check()
    page.get_by_role("button", name="File the report").click()
    expect(page.get_by_text("The report is filed.")).to_be_visible()
    assert_accessible(page, "filed report")
    report = AnnualReport.objects.get(organisation=ngo, year=2025)
    assert (report.status, str(report.income_total)) == (AnnualReport.Status.FILED, "1500000.50")

    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX for the state NGO database").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = dict(sheet.iter_rows(min_row=2, values_only=True))
    assert (rows["income.1.country"], rows["income.total"], rows["founders.1.name"]) == (
        "DE",
        1500000.5,
        "Әлия Серікқызы",
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF copy").click()
    with open(download.value.path(), "rb") as pdf:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "Stiftung Mitte" in text and "Әлия Серікқызы" in text

    # A member reads the report but is not offered, nor allowed, to correct or file it.
    reader = make_page(locale="en-US", **PHONE)
    sign_in(reader, member.email)
    reader.goto(f"/organisations/{ngo.bin}/reports/{report.pk}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Annual report on 2025, version 1")
    expect(reader.get_by_role("button", name="Correct the report")).to_have_count(0)
    assert_accessible(reader, "report read by a member")
    response = reader.goto(f"/organisations/{ngo.bin}/reports/{report.pk}/edit/")
    assert response.status == 403
    expect(
        reader.get_by_text("Only the organisation's administrators prepare and file its annual report.")
    ).to_be_visible()

    # The administrator corrects it: version 2, a copy to edit; the filed version stays in force.
    page.get_by_role("button", name="Correct the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual report on 2025, version 2")
    expect(page.locator("#id_income-0-donor")).to_have_value("Stiftung Mitte")
    assert (
        AnnualReport.objects.get(organisation=ngo, year=2025, version=1).status == AnnualReport.Status.FILED
    )
