"""No lost work in the application editor, in a real browser: text typed in one section survives saving
another, autosave answers "Saved at", and leaving with unsaved changes is warned about."""

import re

import pytest
from playwright.sync_api import expect

from azamat.grants.models import Application

from . import grants_support as data
from .support import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(db, ngo):
    call = data.open_call("youth-2026", "Civic initiatives of young people 2026")
    direction = data.direction(call, "Support for youth", position=0)
    return data.application(
        call,
        direction,
        ngo,
        1,
        Application.Status.DRAFT,
        number=None,
        submitted_at=None,
        title="Green yards of Aktau",
        summary="",
    )


def test_text_typed_in_two_sections_survives_saving_one(page, bob, draft):
    sign_in(page, bob.email)
    page.goto(draft.get_absolute_url())
    page.locator("#project").get_by_label("Project summary").fill(
        "Five yards turn waste ground into gardens."
    )
    activities = page.locator("#activities")
    activities.get_by_label("Activity, row 1", exact=True).fill("Plant trees with the residents")
    activities.get_by_label("From month, row 1").fill("2")
    activities.get_by_label("To month, row 1").fill("4")
    page.locator("#project").get_by_role("button", name="Save the project section").click()
    expect(page.locator("ul.messages")).to_contain_text("The project section is saved.")

    page.reload()
    expect(page.locator("#project").get_by_label("Project summary")).to_have_value(
        "Five yards turn waste ground into gardens."
    )
    expect(page.locator("#activities").get_by_label("Activity, row 1", exact=True)).to_have_value(
        "Plant trees with the residents"
    )
    draft.refresh_from_db()
    assert draft.summary == "Five yards turn waste ground into gardens."
    # Autosave and the button may both have sent the row: it is still one row.
    assert list(draft.activities.values_list("title", "starts_month", "ends_month")) == [
        ("Plant trees with the residents", 2, 4)
    ]


def test_autosave_and_the_warning_before_leaving_with_unsaved_changes(page, bob, draft):
    sign_in(page, bob.email)
    page.goto(draft.get_absolute_url())
    form = page.locator("#application-form")
    expect(form).not_to_have_attribute("data-dirty", "true")
    summary = page.locator("#project").get_by_label("Project summary")
    summary.click()
    summary.press_sequentially("Typed, not saved yet")
    # The warning is armed while the section has changes not saved.
    expect(form).to_have_attribute("data-dirty", "true")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.evaluate("() => { location.href = '/'; }")
    expect(page.locator("h1")).to_have_text("Green yards of Aktau")
    assert dialogs == ["beforeunload"]

    # A couple of seconds after typing stops, the section saves itself and the warning is disarmed.
    expect(page.locator("#autosave-project")).to_have_text(re.compile(r"Saved at \d\d:\d\d"), timeout=15000)
    expect(form).to_have_attribute("data-dirty", "false")
    draft.refresh_from_db()
    assert draft.summary == "Typed, not saved yet"
