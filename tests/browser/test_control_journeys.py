"""A public-control check walked by the NGO member who runs it: an end before the start is refused with what was
typed kept; the check is started, its findings written, a recommendation drafted and, after a confirmation page,
sent to the body as an accountability item that links back to the check. On a phone-sized window, axe-core on
each page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from azamat.accountability.models import Check, Item
from azamat.registry.models import Membership
from azamat.testing.accountability_factories import body
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-US"}


def test_an_ngo_member_runs_a_check_and_sends_its_recommendation(make_page):
    member = UserFactory(email="monitor-ngo@example.kz", full_name="Данияр Member")
    ngo = OrganisationFactory(name_ru="Общественное объединение «Прозрачность»")
    MembershipFactory(
        user=member, organisation=ngo, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    )
    ministry = body("edu")
    today = timezone.localdate()

    page = make_page(**PHONE)
    sign_in(page, member.email)
    page.goto("/accountability/control/new/")
    assert_accessible(page, "new check")
    page.get_by_label("Organisation running the check").select_option(str(ngo.pk))
    page.get_by_label("Subject").fill("Inclusive education in Aktau schools")
    page.get_by_label("Body checked").select_option(str(ministry.pk))
    page.get_by_label("Form of public control").select_option("monitoring")
    page.get_by_label("Starts on").fill(today.isoformat())
    page.get_by_label("Ends on").fill((today - datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Start the check").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Subject")).to_have_value("Inclusive education in Aktau schools")
    assert not Check.objects.exists()

    page.get_by_label("Ends on").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Start the check").click()
    check = Check.objects.get()
    assert check.organisation == ngo

    page.goto(f"/accountability/control/{check.pk}/results/")
    page.get_by_label("Findings").fill("7 of 12 schools have no ramp.")
    page.get_by_role("button", name="Save the findings").click()

    page.goto(f"/accountability/control/{check.pk}/recommendations/")
    assert_accessible(page, "recommendations")
    page.get_by_label("Addressee body").select_option(str(ministry.pk))
    page.get_by_label("Title").fill("Ramps in every school")
    page.get_by_label("Recommendation", exact=True).fill("Build ramps in the seven schools by September.")
    page.get_by_role("button", name="Add to the drafts").click()

    page.goto(f"/accountability/control/{check.pk}/recommendations/send/")
    page.get_by_role("button", name="Confirm: send the recommendations").click()
    item = Item.objects.get(title="Ramps in every school")
    assert item.body == ministry and item.source == check and item.rule.code == "public_control"
    page.goto(check.get_absolute_url())
    expect(page.get_by_role("link", name=item.number).first).to_be_visible()
    assert_accessible(page, "the check's public page")
