"""Answering a survey on a 390 px wide phone: a respondent with JavaScript on and another with JavaScript off
answer the open link page by page; the quota of women fills with the first, so the next woman is screened out
politely on the first page, while a man's answers are taken. axe-core checks the form's pages."""

import pytest
from playwright.sync_api import expect

from azamat.surveys.models import Quota, Response
from azamat.testing import surveys_factories as sf

from .support import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-US"}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def answer(page, survey, *, sex: str, check=False) -> None:
    page.goto(f"/surveys/{survey.pk}/respond/")
    # The form's own title in the respondent's language, as its question pages show it (not the team's working
    # title of the survey, written in one language).
    expect(page.get_by_role("heading", level=1)).to_contain_text("Needs assessment")
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_text("Page 1 of 4")).to_be_visible()
    if check:
        assert_accessible(page, "the form's first page")
        assert fits(page), "the form scrolls sideways at 390 px"
    page.get_by_label("Almaty", exact=True).check()
    page.get_by_label(sex, exact=True).check()
    page.get_by_label("Your age").fill("15")
    page.get_by_role("button", name="Next").click()
    expect(
        page.get_by_text("Age between 16 and 100").first
    ).to_be_visible()  # in the browser or from the server
    page.get_by_label("Your age").fill("34")
    page.get_by_role("button", name="Next").click()


def finish(page) -> None:
    expect(page.get_by_text("Page 2 of 4")).to_be_visible()
    page.get_by_label("Ramp", exact=True).check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Page 3 of 4")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Page 4 of 4")).to_be_visible()
    page.get_by_label("Phone (optional)").fill("+7 701 111 22 33")
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("Thank you! Your answers have been received.")).to_be_visible()


def test_answer_with_and_without_javascript_and_a_full_quota_screens_out(new_context):
    survey = sf.survey(
        modes=["open"],
        title="Needs of people with disabilities",
        screen_out_message="Thank you, we have enough answers from your group.",
    )
    quota = sf.quota(survey, {"sex": ["f"]}, target=1, label="Women")

    with_js = new_context(**PHONE).new_page()
    answer(with_js, survey, sex="Female", check=True)
    finish(with_js)
    quota.refresh_from_db()
    assert quota.completed == 1

    without_js = new_context(java_script_enabled=False, **PHONE).new_page()
    answer(without_js, survey, sex="Male")
    finish(without_js)

    next_woman = new_context(java_script_enabled=False, **PHONE).new_page()
    answer(next_woman, survey, sex="Female")
    expect(next_woman.get_by_text("Thank you, we have enough answers from your group.")).to_be_visible()
    assert fits(next_woman)

    statuses = sorted(Response.objects.filter(survey=survey).values_list("status", flat=True))
    assert statuses == ["completed", "completed", "screened_out"]
    assert Quota.objects.get(pk=quota.pk).completed == 1
    assert all(r.personal and "phone" not in r.data for r in Response.objects.filter(status="completed"))
