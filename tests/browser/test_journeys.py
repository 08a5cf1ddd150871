"""The main journeys in a real browser: sign up and verify, register an organisation, search the directory,
switch the language, and the doors that must stay shut (wrong password, the admin)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from azamat.accounts.models import User
from azamat.core.bin import make_bin
from azamat.registry.models import ActivityArea, Membership, Organisation, Region
from azamat.testing.factories import TEST_PASSWORD, OrganisationFactory, UserFactory

from .support import sign_in

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def test_static_files_load(page):
    """The stylesheet and htmx come from the live server: the header is styled and htmx is running."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/")
    static = {r.url.split("/static/", 1)[1]: r.status for r in responses if "/static/" in r.url}
    assert static == {
        "css/azamat.css": 200,
        "vendor/htmx.min.js": 200,
        "js/charcount.js": 200,
        "js/unsaved.js": 200,
    }
    page.wait_for_function("typeof window.htmx === 'object'")
    header = page.locator("header.site")
    expect(header).to_have_css("background-color", "rgb(0, 88, 122)")


def test_sign_up_verify_email_and_arrive_signed_in(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Full name").fill("Аружан Сапарова")
    page.get_by_label("Email").fill("aruzhan@example.kz")
    page.locator("#id_password1").fill("Qazaqstan-2026!")
    page.locator("#id_password2").fill("Qazaqstan-2026!")
    page.get_by_role("button", name="Sign Up").click()

    page.wait_for_url("**/accounts/confirm-email/")
    expect(page.locator("h1")).to_have_text(re.compile("Verify Your Email Address", re.I))
    # Not signed in yet: the header still offers to sign in.
    expect(page.locator("nav.user")).to_contain_text("Sign in")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aruzhan@example.kz"]
    link = CONFIRM_LINK.search(message.body).group(0)
    page.goto(link)
    expect(page.locator("main")).to_contain_text("aruzhan@example.kz")
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url(re.compile(r"/workspace/$"))
    expect(page.locator("h1")).to_have_text("Welcome, Аружан")
    expect(page.locator("nav.user")).to_contain_text("Sign out")
    user = User.objects.get(email="aruzhan@example.kz")
    assert user.full_name == "Аружан Сапарова"
    assert user.emailaddress_set.get().verified


def test_wrong_password_is_refused(page):
    person = UserFactory(email="asel@example.kz")
    page.goto("/accounts/login/")
    page.locator('input[name="login"]').fill(person.email)
    page.locator('input[name="password"]').fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("main")).to_contain_text(
        "The email address and/or password you specified are not correct."
    )
    assert "/accounts/login/" in page.url
    expect(page.locator("nav.user")).to_contain_text("Sign in")
    page.goto("/workspace/")
    assert "/accounts/login/" in page.url


def test_admin_requires_signing_in(page):
    page.goto("/admin/")
    assert re.search(r"/(admin|accounts)/login/\?next=(/|%2F)admin(/|%2F)", page.url), page.url
    expect(page.locator('input[name="password"]')).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Site administration")
    page.goto("/admin/registry/organisation/")
    expect(page.locator('input[name="password"]')).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Select organisation to change")


def test_admin_signs_in_through_allauth(page, dana):
    """urls.py wraps the admin's login in allauth's secure_admin_login: the same lockout and 2FA."""
    page.goto("/admin/")
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url, (
        f"the admin has its own password form at {page.url}, bypassing allauth's lockout and two-factor check"
    )
    page.locator('input[name="login"]').fill(dana.email)
    page.locator('input[name="password"]').fill(TEST_PASSWORD)
    page.locator('form[action*="/accounts/login/"] [type="submit"]').click()
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_contain_text("Site administration")


def _fill_organisation_form(page, *, bin_value: str, name: str):
    page.get_by_label("Name in Kazakh").fill(f"«{name}» қоғамдық бірлестігі")
    page.get_by_label("Name in Russian").fill(f"Общественное объединение «{name}»")
    page.locator("#id_bin").fill(bin_value)
    page.get_by_label("Legal form").select_option("public_association")
    page.get_by_label("Registration date").fill("2016-03-15")
    page.get_by_label("Region").select_option(label="Almaty")
    page.get_by_label("Address").fill("Алматы, пр. Достык, 5")
    page.get_by_label("Ecology").check()
    page.get_by_label("Education").check()


def test_register_an_organisation(page, carol):
    valid = make_bin(year=2016, month=3, serial=12345)
    assert valid
    sign_in(page, carol.email)
    page.goto("/organisations/new/")
    expect(page.locator("h1")).to_have_text("Register an organisation")
    _fill_organisation_form(page, bin_value=valid, name="Жасыл Алматы")
    page.get_by_role("button", name="Register", exact=True).click()

    page.wait_for_url(f"**/organisations/{valid}/")
    expect(page.locator("h1")).to_have_text("Общественное объединение «Жасыл Алматы»")
    expect(page.locator("dl.facts")).to_contain_text(valid)
    expect(page.locator("dl.facts")).to_contain_text("Almaty")
    expect(page.locator(".messages")).to_contain_text(
        "The organisation is registered and you are its administrator."
    )
    expect(page.get_by_role("link", name="Edit the profile")).to_be_visible()
    expect(page.locator("ul.tags")).to_contain_text("Ecology")
    organisation = Organisation.objects.get(bin=valid)
    assert {a.code for a in organisation.areas.all()} == {"ecology", "education"}
    assert organisation.memberships.get(user=carol).role == Membership.Role.ADMIN

    # A wrong check digit: an error on the BIN field, nothing created.
    wrong = valid[:11] + str((int(valid[11]) + 1) % 10)
    page.goto("/organisations/new/")
    _fill_organisation_form(page, bin_value=wrong, name="Қате БСН")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator('[role="alert"]')).to_contain_text(f"{wrong} is not a valid BIN")
    assert "/organisations/new/" in page.url
    assert not Organisation.objects.filter(bin=wrong).exists()
    assert Organisation.objects.count() == 1

    # The same BIN again: it is already registered.
    page.goto("/organisations/new/")
    _fill_organisation_form(page, bin_value=valid, name="Екінші")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator('[role="alert"]')).to_contain_text("already registered")
    assert Organisation.objects.count() == 1


@pytest.fixture
def directory_orgs(transactional_db):
    almaty = Region.objects.get(kato="750000000")
    aktau = Region.objects.get(kato="470000000")
    ecology = ActivityArea.objects.get(code="ecology")
    taza = OrganisationFactory(
        name_ru="Экологический фонд «Таза Каспий»", name_kk="«Таза Каспий» экологиялық қоры", region=aktau
    )
    taza.areas.add(ecology)
    zhas = OrganisationFactory(
        name_ru="Молодёжное объединение «Жас Маңғыстау»",
        name_kk="«Жас Маңғыстау» жастар бірлестігі",
        region=aktau,
    )
    many = [
        OrganisationFactory(name_ru=f"Общественное объединение «Надежда-{n:02d}»", region=almaty)
        for n in range(23)
    ]
    return taza, zhas, many


def test_search_and_filter_the_directory(page, directory_orgs):
    taza, zhas, many = directory_orgs
    page.goto("/organisations/")
    results = page.locator("#results")
    expect(results).to_contain_text("25 organisations found")
    expect(results.locator("ul.results > li")).to_have_count(20)
    expect(page.locator("nav.pagination")).to_contain_text("Page 1 of 2")
    page.wait_for_function("typeof window.htmx === 'object'")
    page.evaluate("window.__sameDocument = true")

    # Typing in the search box updates the results in place (htmx) and the address bar follows.
    page.get_by_role("searchbox", name="Search").press_sequentially("каспий", delay=30)
    expect(results).to_contain_text("1 organisation found")
    expect(results.locator("ul.results > li")).to_have_count(1)
    expect(results.get_by_role("link", name="Экологический фонд «Таза Каспий»")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=%D0%BA%D0%B0%D1%81%D0%BF%D0%B8%D0%B9|q=каспий"))
    assert page.evaluate("window.__sameDocument === true"), (
        "the search reloaded the whole page instead of htmx"
    )

    # Clear the query, filter by region: only the two organisations in Mangystau.
    page.get_by_role("searchbox", name="Search").fill("")
    expect(results).to_contain_text("25 organisations found")
    page.get_by_label("Region").select_option(label="Mangystau Region")
    expect(results).to_contain_text("2 organisations found")
    expect(results.locator("ul.results > li")).to_have_count(2)
    expect(results).to_contain_text("«Жас Маңғыстау»")
    expect(results).not_to_contain_text("Надежда")
    expect(page).to_have_url(re.compile(r"region=470000000"))
    assert page.evaluate("window.__sameDocument === true")

    # Pagination: Almaty has 23, the second page shows the last 3 and keeps the filter.
    page.get_by_label("Region").select_option(label="Almaty")
    expect(results).to_contain_text("23 organisations found")
    expect(page.locator("nav.pagination")).to_contain_text("Page 1 of 2")
    page.get_by_role("link", name=re.compile("Next")).click()
    expect(page.locator("nav.pagination")).to_contain_text("Page 2 of 2")
    expect(results.locator("ul.results > li")).to_have_count(3)
    expect(results).to_contain_text("Надежда-22")
    expect(results).not_to_contain_text("Таза Каспий")
    assert re.search(r"region=750000000", page.url) and re.search(r"page=2", page.url)


def _current_language_button(page):
    return page.locator('form.lang-form button[aria-current="true"]')


def test_language_kazakh_by_default_russian_from_the_browser_and_english_by_choice(make_page):
    # A visitor whose browser states no preference gets Kazakh.
    visitor = make_page(extra_http_headers={"Accept-Language": ""})
    visitor.goto("/")
    expect(visitor.locator("html")).to_have_attribute("lang", "kk")
    expect(_current_language_button(visitor)).to_have_attribute("value", "kk")
    expect(_current_language_button(visitor)).to_have_text("Қазақша")

    # A browser set to Russian gets Russian.
    russian = make_page(locale="ru-RU")
    russian.goto("/organisations/")
    expect(russian.locator("html")).to_have_attribute("lang", "ru")
    expect(_current_language_button(russian)).to_have_attribute("value", "ru")
    expect(_current_language_button(russian)).to_have_text("Русский")

    # Choosing English switches the page and the choice outlives the Russian browser setting.
    russian.get_by_role("button", name="English").click()
    russian.wait_for_url(re.compile(r"/organisations/$"))
    expect(russian.locator("html")).to_have_attribute("lang", "en")
    expect(_current_language_button(russian)).to_have_attribute("value", "en")
    expect(russian.locator("h1")).to_have_text("Directory of organisations")
    cookies = {c["name"]: c["value"] for c in russian.context.cookies()}
    assert cookies.get("azamat_language") == "en"
    russian.goto("/")
    expect(russian.locator("html")).to_have_attribute("lang", "en")
    expect(_current_language_button(russian)).to_have_text("English")
    expect(russian.locator("h1")).to_have_text("Azamat: civil society in the open")


# Kept apart from the language switch so that a missing catalogue shows up as its own failure.
@pytest.mark.parametrize(
    ("headers", "organisations", "sign_in_text"),
    [
        ({"Accept-Language": ""}, "Ұйымдар", "Кіру"),
        ({"Accept-Language": "ru-RU,ru;q=0.9"}, "Организации", "Войти"),
    ],
    ids=["kk", "ru"],
)
def test_the_header_is_translated(make_page, headers, organisations, sign_in_text):
    visitor = make_page(extra_http_headers=headers)
    visitor.goto("/")
    expect(visitor.locator('nav.main a[href="/organisations/"]')).to_have_text(organisations)
    expect(visitor.locator('nav.user a[href$="/accounts/login/"]')).to_have_text(sign_in_text)


@pytest.mark.parametrize(
    ("locale", "note_text", "full", "after"),
    [
        (
            "ru-RU",
            "Не более 10\xa0000 символов.",
            "Осталось символов: 10\xa0000",
            "Осталось символов: 9\xa0994",
        ),
        # Chromium has no grouping data for Kazakh: its own Intl wrote "5,000" on a Kazakh page.
        ("kk-KZ", "Ең көбі 10\xa0000 таңба.", "Қалған таңбалар: 10\xa0000", "Қалған таңбалар: 9\xa0994"),
        ("en-GB", "At most 10,000 characters.", "Characters left: 10,000", "Characters left: 9,994"),
    ],
    ids=["ru", "kk", "en"],
)
def test_the_live_count_of_characters_left_writes_numbers_as_the_note_does(
    make_page, carol, locale, note_text, full, after
):
    """The note said "Не более 10 000 символов" and the live count beside it "Осталось символов: 10000"."""
    page = make_page(locale=locale)
    sign_in(page, carol.email)
    page.goto("/problems/propose/")
    description = page.locator("textarea[name=description]")
    note = page.locator("#" + description.get_attribute("aria-describedby").split()[-1])
    expect(note).to_contain_text(note_text)
    expect(note.locator(".charcount")).to_have_text(full)
    description.fill("Аренда")
    expect(note.locator(".charcount")).to_have_text(after)


def test_a_text_pasted_beyond_the_limit_is_kept_whole_and_said_to_be_too_long(make_page, carol):
    """The browser cut a pasted text at the textarea's `maxlength` and the rest was lost with only the counter
    (at zero) to tell. Where the count runs, the whole text stays, the count and one announcement say it is too
    long, and the server refuses it with the text kept for shortening."""
    page = make_page(locale="ru-RU")
    sign_in(page, carol.email)
    page.goto("/problems/propose/")
    description = page.locator("textarea[name=description]")
    note = page.locator("#" + description.get_attribute("aria-describedby").split()[-1])
    expect(note.locator(".charcount")).to_have_text("Осталось символов: 10\xa0000")
    expect(description).not_to_have_attribute("maxlength", re.compile(".*"))
    text = "Аренда помещения для кружков. " * 334 + "Конец."  # 10,026 characters
    description.focus()
    page.keyboard.insert_text(text)  # as a paste arrives: one input of the whole text
    expect(description).to_have_value(text)
    expect(note.locator(".charcount")).to_have_text("Лишних символов: 26")
    expect(note.locator(".charcount-over")).to_have_attribute("aria-live", "polite")
    expect(note.locator(".charcount-over")).to_contain_text("ничего не обрезано")
    page.locator("main form [type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("10\xa0000")
    expect(page.locator("textarea[name=description]")).to_have_value(text)
    # Shortened below the limit, the announcement goes.
    page.locator("textarea[name=description]").fill(text[:9_990])
    expect(page.locator(".charcount").first).to_have_text("Осталось символов: 10")
    expect(page.locator(".charcount-over").first).to_have_text("")
