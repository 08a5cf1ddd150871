"""Appeals in the browser: a campaign's coordinator writes an appeal in Kazakh from the template (the pages in
English), saves it as edited, downloads the DOCX, records its sending on e-Otinish with the registration number
and sees the body's deadline; then a court action's page takes a hearing. axe-core checks each page; all on a
390 px wide window."""

import io
import zipfile

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from azamat.accountability.models import Item
from azamat.campaigns.models import Appeal, Objective
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_write_in_kazakh_download_record_the_sending_and_see_the_deadline(make_page):
    ngo = OrganisationFactory(name_ru="Фонд «Қамқор»", name_kk="«Қамқор» қоры")
    coordinator = UserFactory(email="coordinator@example.kz", full_name="Айгүл Ахметова")
    MembershipFactory(user=coordinator, organisation=ngo, role="admin")
    campaign = cf.campaign(by=coordinator, organisation=ngo, title="Пандустар әр емханада")
    Objective.objects.create(campaign=campaign, text="Бес емхананың бәріне пандус орнату")
    body = cf.body()

    page = make_page(locale="en-US", **PHONE)
    sign_in(page, coordinator.email)
    page.goto(f"/campaigns/appeals/?campaign={campaign.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Appeals and letters")
    page.get_by_role("link", name="Write an appeal for this campaign").click()
    page.get_by_label("Language of the appeal").select_option("kk")
    page.get_by_label("Kind of appeal").select_option("information")
    page.get_by_label("Addressee body").select_option(str(body.pk))
    page.get_by_role("button", name="Fill from the template").click()
    expect(page.get_by_label("Subject")).to_have_value(
        "Ақпарат беру туралы сұрау салу: Пандустар әр емханада"
    )
    expect(page.get_by_label("Text")).to_contain_text("«Ақпаратқа қол жеткізу туралы»")
    expect(page.get_by_label("Text")).to_contain_text("Бес емхананың бәріне пандус орнату")
    assert_accessible(page, "the appeal form")
    assert fits(page), "the appeal form scrolls sideways at 390 px"
    page.get_by_label("Signed by").fill("Төраға А. Ахметова")
    page.get_by_role("button", name="Save the appeal").click()
    expect(page.get_by_text("The appeal is saved.")).to_be_visible()
    appeal = Appeal.objects.get()
    assert (appeal.language, appeal.campaign, appeal.signatory) == ("kk", campaign, "Төраға А. Ахметова")
    assert_accessible(page, "the appeal")
    assert fits(page), "the appeal's page scrolls sideways at 390 px"

    with page.expect_download() as download:
        page.get_by_role("link", name="Download DOCX").click()
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as package:
        document = package.read("word/document.xml").decode()
    assert "Ақпарат беру туралы сұрау салу" in document and "Төраға А. Ахметова" in document

    today = timezone.localdate()
    page.get_by_label("Sent on").fill(today.isoformat())
    page.get_by_label("Sent via").select_option("e_otinish")
    page.get_by_label("Registration number").fill("ЖТ-2026-00012345")
    page.get_by_role("button", name="Record the sending").click()
    item = Item.objects.get()
    with translation.override("en"):
        due = date_format(item.current_due_on, "DATE_FORMAT")
    expect(page.get_by_text(f"The body must answer by {due}.")).to_be_visible()
    expect(page.get_by_text("ЖТ-2026-00012345")).to_be_visible()
    expect(page.get_by_role("link", name=item.number)).to_be_visible()
    expect(page.get_by_role("heading", name="Record the sending")).to_have_count(0)
    assert not item.is_public  # a private campaign's appeal stays private unless chosen
    assert_accessible(page, "the sent appeal")

    # The campaign's court action: a hearing is added.
    action = cf.court_action(campaign, case_number="7527-26-00-4/215")
    page.goto(f"/campaigns/{campaign.pk}/court/{action.pk}/")
    page.get_by_label("Date of the hearing").fill(today.isoformat())
    page.get_by_label("What happened").fill("Заседание отложено")
    page.get_by_role("button", name="Add the hearing").click()
    expect(page.get_by_role("table", name="Hearings of the case")).to_contain_text("Заседание отложено")
    assert_accessible(page, "the court case")
    assert fits(page), "the court case scrolls sideways at 390 px"
