"""Candidates for a council's rotation, walked by its secretary on a phone: rotation refused while it is more than
two months before the term ends; opened when it is time; a candidate registered, a declared kin relation with an
official of the body making them ineligible with the reason; the list frozen for the election."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from azamat.councils.candidate_models import Candidate, CandidateList
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory
from azamat.testing.factories import UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-US"}


def test_the_secretary_opens_a_rotation_registers_a_candidate_and_freezes_the_list(make_page):
    secretary = UserFactory(email="cand-secretary@example.kz")
    today = timezone.localdate()
    far = CouncilFactory(term_ends_on=today + datetime.timedelta(days=400))
    near = CouncilFactory(term_ends_on=today + datetime.timedelta(days=30))
    for council in (far, near):
        CouncilSecretaryFactory(council=council, user=secretary)

    page = make_page(**PHONE)
    sign_in(page, secretary.email)
    page.goto(f"/councils/{far.pk}/candidates/")
    page.get_by_label("Kind").select_option("rotation")
    page.get_by_role("button", name="Open the list").click()
    expect(page.get_by_role("alert").first).to_contain_text("Rotation opens on")
    assert not CandidateList.objects.exists()

    page.goto(f"/councils/{near.pk}/candidates/")
    assert_accessible(page, "candidate lists")
    page.get_by_label("Kind").select_option("rotation")
    page.get_by_role("button", name="Open the list").click()
    candidate_list = CandidateList.objects.get(council=near)
    page.goto(f"/councils/{near.pk}/candidates/{candidate_list.pk}/")
    page.get_by_label("Full name").fill("Асель Нурланова")
    page.get_by_label("Represents").select_option("citizen")
    page.get_by_label("Motivation").fill("Ten years of work on access to public information.")
    page.get_by_role("button", name="Register").click()
    candidate = Candidate.objects.get(full_name="Асель Нурланова")

    page.goto(f"/councils/{near.pk}/candidates/{candidate_list.pk}/{candidate.pk}/")
    assert_accessible(page, "a candidate")
    page.get_by_label("Kind of relation").select_option("kin")
    page.locator("#relation_relation").fill("brother")
    page.get_by_label("Official's full name").fill("Ерлан Нурланов")
    page.get_by_label("Official's position").fill("Deputy head of department")
    page.get_by_role("button", name="Record the relation").click()
    candidate.refresh_from_db()
    page.goto(f"/councils/{near.pk}/candidates/{candidate_list.pk}/")
    expect(
        page.get_by_role("cell", name="Ерлан Нурланов").or_(page.get_by_text("Ерлан Нурланов")).first
    ).to_be_visible()

    page.get_by_label("Frozen on").fill(today.isoformat())
    page.get_by_role("button", name="Freeze the list").click()
    candidate_list.refresh_from_db()
    assert candidate_list.frozen_at is not None
    entry = candidate_list.entries.get()
    assert entry.full_name == "Асель Нурланова" and not entry.eligible and "Ерлан Нурланов" in entry.reason
