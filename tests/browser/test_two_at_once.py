"""Off the happy path, in the applicants' own languages: two people editing one application at once, and a
submission confirmed from a page left open after someone else submitted.

The pages are in Russian and Kazakh; the expected messages come from the catalogues, so a message missing
from a catalogue (English on a Russian page) fails here as well as on the crawl.
"""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from azamat.grants.models import Activity, Application
from azamat.grants.services import applications as application_services

from . import grants_support as data
from .support import sign_in

pytestmark = pytest.mark.browser

FROZEN = (
    "The application is submitted and frozen; it can change only when the operator asks for a clarification."
)


LATEST = "Open the application as it is saved now (in a new tab)"


def in_language(language: str, message) -> str:
    """The message as the catalogue of `language` writes it (a source text or a lazy translation)."""
    with translation.override(language):
        return translation.gettext(message) if isinstance(message, str) else str(message)


@pytest.fixture
def draft(db, ngo):
    call = data.open_call("youth-2026", "Civic initiatives of young people 2026", title_ru="Молодёжь 2026")
    direction = data.direction(call, "Support for youth", position=0)
    return data.application(
        call,
        direction,
        ngo,
        1,
        Application.Status.DRAFT,
        number=None,
        submitted_at=None,
        title="Зелёные дворы Актау",
        summary="",
    )


def test_two_editors_at_once_the_second_is_told_and_keeps_what_they_typed(make_page, alice, bob, draft):
    first = make_page(locale="ru-RU")
    second = make_page(locale="ru-RU")
    sign_in(first, alice.email)
    sign_in(second, bob.email)
    first.goto(draft.get_absolute_url())
    second.goto(draft.get_absolute_url())

    first.locator("#project textarea[name=summary]").fill("Пять дворов превращают пустыри в сады.")
    first.locator("#project button[name=save]").click()
    expect(first.locator("ul.messages")).to_be_visible()
    draft.refresh_from_db()
    assert draft.summary == "Пять дворов превращают пустыри в сады."

    # Bob's page was opened before Alice's save: his save is refused, his text stays in the box.
    second.locator("#project textarea[name=summary]").fill("Сто деревьев во дворах микрорайона.")
    second.locator("#project button[name=save]").click()
    stale = in_language("ru", application_services.MESSAGES[application_services.STALE])
    expect(second.locator("#project")).to_contain_text(stale)
    expect(second.locator("#project textarea[name=summary]")).to_have_value(
        "Сто деревьев во дворах микрорайона."
    )
    assert "Someone else saved" not in second.locator("main").inner_text()
    draft.refresh_from_db()
    assert draft.summary == "Пять дворов превращают пустыри в сады."

    # The message links the version saved now, in a new tab, so his text is not lost by following it.
    with second.expect_popup() as popup:
        second.locator("#project").get_by_role("link", name=in_language("ru", LATEST)).click()
    latest = popup.value
    expect(latest.locator("#project textarea[name=summary]")).to_have_value(
        "Пять дворов превращают пустыри в сады."
    )
    latest.close()

    # Having been told, he saves again: his text replaces hers (both stay in the history).
    second.locator("#project button[name=save]").click()
    expect(second.locator("ul.messages")).to_be_visible()
    draft.refresh_from_db()
    assert draft.summary == "Сто деревьев во дворах микрорайона."
    assert [h.summary for h in draft.history.order_by("history_date")][-2:] == [
        "Пять дворов превращают пустыри в сады.",
        "Сто деревьев во дворах микрорайона.",
    ]


def test_a_check_page_left_open_cannot_submit_twice(make_page, alice, bob, draft):
    Application.objects.filter(pk=draft.pk).update(summary="Жасыл аула")
    Activity.objects.create(application=draft, title="Аулаларға ағаш отырғызу", starts_month=1, ends_month=3)
    data.attach_required_documents(draft)
    first = make_page(locale="kk-KZ")
    second = make_page(locale="kk-KZ")
    sign_in(first, alice.email)
    sign_in(second, bob.email)
    for page in (first, second):
        page.goto(draft.get_absolute_url())
        page.locator("#submit button[type=submit]").click()
        expect(page.locator("main form[action$='/submit/#submit'] input[name=confirm]")).to_have_count(1)

    first.locator("main form[action$='/submit/#submit'] button[type=submit]").click()
    expect(first.locator("ul.messages")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    number = draft.number
    assert number

    # Bob confirms on the page he left open: refused, in Kazakh, with the reason; the number stays one.
    second.locator("main form[action$='/submit/#submit'] button[type=submit]").click()
    expect(second.locator("main")).to_contain_text(in_language("kk", FROZEN))
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (Application.Status.SUBMITTED, number)
    assert Application.objects.exclude(number=None).count() == 1
