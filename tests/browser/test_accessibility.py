"""axe-core (WCAG 2.1 A and AA) on each main page, in each language, and the home page on a phone.

A page fails on any violation axe rates serious or critical; the report lists the rule, its help and the
elements it found.
"""

import pytest
from playwright.sync_api import expect

from azamat.registry.models import ActivityArea, AllianceMembership, Membership, Region
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .support import describe_violations, run_axe, sign_in

pytestmark = pytest.mark.browser

LANGUAGES = ["kk", "ru", "en"]


@pytest.fixture
def rich_ngo(ngo):
    """The persona organisation with everything its profile can show: areas, contacts, an alliance, people."""
    ngo.about_ru = "Помогаем семьям с детьми с инвалидностью.\nРаботаем с 2015 года."
    ngo.website = "https://zharkyn.kz"
    ngo.email = "info@zharkyn.kz"
    ngo.phone = "+7 727 000 00 00"
    ngo.staff_count = 12
    ngo.volunteer_count = 1500
    ngo.is_alliance = True
    ngo.save()
    ngo.areas.set(ActivityArea.objects.filter(code__in=["disability", "children-youth", "family"]))
    branch = OrganisationFactory(
        name_ru="Филиал «Жарқын болашақ» в Шымкенте", region=Region.objects.get(kato="790000000")
    )
    AllianceMembership.objects.create(alliance=ngo, member=branch, kind=AllianceMembership.Kind.BRANCH)
    for n in range(3):
        OrganisationFactory(name_ru=f"Фонд «Кемел-{n}»")
    return ngo


@pytest.fixture
def workspace(alice, bob, rich_ngo):
    """Alice administers the NGO; bob is a member; a stranger is waiting for an answer to join."""
    waiting = UserFactory(email="erlan@example.kz", full_name="Ерлан Жумабаев")
    MembershipFactory(
        user=waiting,
        organisation=rich_ngo,
        status=Membership.Status.PENDING,
        message="Я волонтёр вашего фонда с 2020 года.",
    )
    return alice, rich_ngo


def _check(page, label: str, failures: dict[str, str]) -> None:
    violations = run_axe(page)
    if violations:
        failures[label] = describe_violations(violations)


def _report(failures: dict[str, str]) -> str:
    return "axe found serious or critical violations:\n" + "\n".join(
        f"--- {label}\n{text}" for label, text in failures.items()
    )


def _visitor(make_page, language: str):
    return make_page(extra_http_headers={"Accept-Language": language})


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_are_accessible(make_page, rich_ngo, language):
    page = _visitor(make_page, language)
    failures: dict[str, str] = {}
    pages = [
        ("home", "/"),
        ("directory", "/organisations/"),
        ("directory, searched", "/organisations/?q=%D0%B6%D0%B0%D1%80&region=750000000"),
        ("directory, nothing found", "/organisations/?q=zzzz"),
        ("organisation profile", rich_ngo.get_absolute_url()),
        ("government bodies", "/government-bodies/"),
        ("sector statistics", "/organisations/statistics/"),
        ("sector statistics, a bad year", "/organisations/statistics/?year=1900"),
        ("sign in", "/accounts/login/"),
        ("sign up", "/accounts/signup/"),
    ]
    for label, url in pages:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        _check(page, f"{label} [{language}] {url}", failures)
    assert not failures, _report(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_after_a_live_search_is_accessible(make_page, rich_ngo, language):
    page = _visitor(make_page, language)
    page.goto("/organisations/")
    page.wait_for_function("typeof window.htmx === 'object'")
    page.locator("#id_q").press_sequentially("Кемел", delay=20)
    expect(page.locator("#results ul.results > li")).to_have_count(3)
    expect(page.locator("[id=results]")).to_have_count(1)
    failures: dict[str, str] = {}
    _check(page, f"directory after typing [{language}]", failures)
    assert not failures, _report(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_workspace_pages_are_accessible(make_page, workspace, language):
    alice, ngo = workspace
    page = _visitor(make_page, language)
    sign_in(page, alice.email)
    failures: dict[str, str] = {}
    pages = [
        ("workspace dashboard", "/workspace/"),
        ("organisation profile, as its administrator", ngo.get_absolute_url()),
        ("organisation edit form", f"/organisations/{ngo.bin}/edit/"),
        ("members", f"/organisations/{ngo.bin}/members/"),
        ("profile", "/workspace/profile/"),
        ("register an organisation", "/organisations/new/"),
    ]
    for label, url in pages:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        _check(page, f"{label} [{language}] {url}", failures)
    expect(page.locator("h1")).to_be_visible()

    # The registration form with errors on it.
    page.locator("#id_bin").fill("123456789012")
    page.locator('main form[method="post"] button[type="submit"]').click()
    expect(page.locator('main [role="alert"]').first).to_be_visible()
    _check(page, f"register an organisation, with errors [{language}]", failures)
    assert not failures, _report(failures)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_sign_in_error_is_accessible(make_page, carol, language):
    page = _visitor(make_page, language)
    page.goto("/accounts/login/")
    page.locator('input[name="login"]').fill(carol.email)
    page.locator('input[name="password"]').fill("wrong-password-1")
    page.locator('form[action$="/accounts/login/"] [type="submit"]').click()
    expect(page.locator("main ul.errorlist, main .errorlist").first).to_be_visible()
    failures: dict[str, str] = {}
    _check(page, f"sign in, wrong password [{language}]", failures)
    assert not failures, _report(failures)


def test_phone_has_no_horizontal_scroll(make_page, rich_ngo):
    page = make_page(
        viewport={"width": 375, "height": 667},
        is_mobile=True,
        has_touch=True,
        extra_http_headers={"Accept-Language": "kk"},
    )
    too_wide = {}
    for url in [
        "/",
        "/organisations/",
        rich_ngo.get_absolute_url(),
        "/government-bodies/",
        "/organisations/statistics/",
        "/accounts/signup/",
    ]:
        page.goto(url)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375 + 1:
            too_wide[url] = (width, page.evaluate(WIDEST_ELEMENTS))
    assert not too_wide, f"pages scroll sideways on a 375px phone (scrollWidth, widest elements): {too_wide}"


WIDEST_ELEMENTS = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > 376)
    .slice(0, 8)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '')
        + ' right=' + Math.round(e.getBoundingClientRect().right))"""
