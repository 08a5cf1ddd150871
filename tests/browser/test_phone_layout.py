"""On a 390px phone: no list page scrolls sideways (tables become cards), the main menu and the filter panels fold
away and open with a tap, without JavaScript; on a wide screen they are simply there."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.tests.test_projects import make_operator, make_project
from azamat.registry.models import Region
from azamat.testing.factories import OrganisationFactory

from .support import AXE_JS, WCAG_TAGS, describe_violations

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
WIDEST_ELEMENTS = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 8)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '')
        + ' right=' + Math.round(e.getBoundingClientRect().right))"""


def _context(new_context, live_server, *, language: str, user=None, **options):
    context = new_context(extra_http_headers={"Accept-Language": language}, **options)
    cookies = [{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user, backend=django_settings.AUTHENTICATION_BACKENDS[0])
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    context.add_cookies(cookies)
    return context.new_page()


def _too_wide(page, urls: list[str]) -> dict:
    found = {}
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("load")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            found[url] = (scroll, inner, page.evaluate(WIDEST_ELEMENTS))
    return found


@pytest.fixture
def world():
    """Awarded grants in several regions (each its own call with published results), a decision not to award,
    an application waiting for the operator's check, and organisations with long names."""
    operator = make_operator()
    regions = list(Region.objects.order_by("kato"))
    organisations = [
        OrganisationFactory(
            name_ru=f"Общественный фонд «Центр поддержки гражданских инициатив и молодёжных программ {n}»",
            name_kk=f"«Азаматтық бастамалар мен жастар бағдарламаларын қолдау орталығы {n}» қоғамдық қоры",
            region=regions[n],
        )
        for n in range(10)
    ]
    projects = [
        make_project(organisation=org, operator=operator, amount=Decimal(3_500_000 * (n + 1)))
        for n, org in enumerate(organisations)
    ]
    call = projects[0].application.call
    ApplicationFactory(
        call=call,
        direction=projects[0].application.direction,
        organisation=organisations[1],
        status="not_awarded",
    )
    closed = CallFactory(
        opens_at=timezone.now() - timedelta(days=40), closes_at=timezone.now() - timedelta(days=2)
    )
    ApplicationFactory(
        call=closed,
        direction=DirectionFactory(call=closed),
        organisation=organisations[2],
        status="submitted",
        submitted_at=timezone.now() - timedelta(days=3),
    )
    return {"results": reverse("grants:call_results", args=[call.code]), "operator": operator}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_public_and_operator_pages_fit_a_phone(new_context, live_server, world, language):
    anonymous = _context(new_context, live_server, language=language, **PHONE)
    public = [
        "/",
        reverse("grants:dashboard"),
        reverse("grants:calls"),
        world["results"],
        reverse("registry:directory"),
        reverse("grants:open_data"),
    ]
    too_wide = _too_wide(anonymous, public)
    operator = _context(new_context, live_server, language=language, user=world["operator"], **PHONE)
    staff = [
        reverse("grants:operator_queue"),
        reverse("grants:operator_payments"),
        reverse("grants:projects"),
        reverse("grants:dashboard"),
    ]
    too_wide |= {f"{url} (operator)": found for url, found in _too_wide(operator, staff).items()}
    assert not too_wide, (
        f"pages scroll sideways on a 390px phone (scrollWidth, innerWidth, widest): {too_wide}"
    )


def test_tables_become_cards_that_name_each_value(new_context, live_server, world):
    page = _context(new_context, live_server, language="ru", **PHONE)
    page.goto(world["results"])
    cell = page.locator("table.results-table tbody td[data-label]").first
    expect(cell).to_be_visible()
    assert cell.evaluate("e => getComputedStyle(e).display") == "table"
    label = cell.get_attribute("data-label")
    assert label and cell.evaluate("e => getComputedStyle(e, '::before').content") == f'"{label}"'
    assert (
        page.locator("table.results-table thead").first.evaluate("e => e.getBoundingClientRect().height") <= 1
    )


# Each cell's value, line by line: where its text starts against the cell's left edge, and on how many lines.
VALUE_LINES = """e => {
    const box = e.getBoundingClientRect(), range = document.createRange();
    range.selectNodeContents(e);
    const lines = [...range.getClientRects()].filter(r => r.width > 0);
    return {start: Math.min(...lines.map(r => r.left)) - box.left, width: box.width,
            lines: new Set(lines.map(r => Math.round(r.top))).size};
}"""


def test_a_long_value_wraps_in_its_own_column_not_under_its_label(new_context, live_server, world):
    """A value longer than a line (a long organisation's name, a court's) wraps beside its label, not back
    under it at the card's left edge."""
    page = _context(new_context, live_server, language="kk", user=world["operator"], **PHONE)
    cells = []
    for url in [world["results"], reverse("grants:operator_queue"), reverse("grants:projects")]:
        page.goto(url)
        cells += [
            (url, cell.evaluate(VALUE_LINES))
            for cell in page.locator("table.stack tbody td[data-label]").all()
            if cell.inner_text().strip()
        ]
    assert any(found["lines"] > 1 for _url, found in cells), "no value long enough to wrap"
    under = [(url, found) for url, found in cells if found["start"] < 0.4 * found["width"]]
    assert not under, f"values starting under their labels: {under[:5]}"


def test_the_operators_lists_are_cards_on_a_phone(new_context, live_server, world):
    """Every list table of the operator's pages stacks its rows into cards, each value under its column's name,
    and none is wider than the phone (no table scrolls sideways inside its frame)."""
    page = _context(new_context, live_server, language="kk", user=world["operator"], **PHONE)
    for url in [
        reverse("grants:operator_queue"),
        reverse("grants:operator_payments"),
        reverse("grants:projects"),
    ]:
        page.goto(url)
        tables = page.locator("table.stack")
        assert tables.count() >= 1, url
        cell = page.locator("table.stack tbody td[data-label]").first
        expect(cell).to_be_visible()
        assert cell.evaluate("e => getComputedStyle(e).display") == "table", url
        assert (
            cell.evaluate("e => getComputedStyle(e, '::before').content")
            == f'"{cell.get_attribute("data-label")}"'
        )
        widths = tables.evaluate_all("ts => ts.map(t => t.getBoundingClientRect().right)")
        assert max(widths) <= 390, (url, widths)


def test_the_menu_and_filters_fold_on_a_phone_and_open_on_a_tap(new_context, live_server, world):
    page = _context(new_context, live_server, language="kk", **PHONE)
    page.goto(reverse("registry:directory"))
    menu = page.locator("nav.main details.menu")
    dashboard_link = menu.locator(f'a[href="{reverse("grants:dashboard")}"]')
    expect(dashboard_link).to_be_hidden()
    menu.locator("summary").click()
    expect(dashboard_link).to_be_visible()
    menu.locator("summary").click()
    expect(dashboard_link).to_be_hidden()
    search = page.locator("#id_q")
    expect(search).to_be_hidden()
    page.locator("details.filter-panel > summary").click()
    expect(search).to_be_visible()


def test_on_a_wide_screen_the_menu_and_filters_are_simply_there(new_context, live_server, world):
    page = _context(new_context, live_server, language="kk", viewport={"width": 1280, "height": 900})
    page.goto(reverse("registry:directory"))
    expect(page.locator(f'nav.main a[href="{reverse("grants:dashboard")}"]')).to_be_visible()
    expect(page.locator("nav.main summary")).to_be_hidden()
    expect(page.locator("#id_q")).to_be_visible()


def test_the_dashboard_maps_every_region(new_context, live_server, world):
    page = _context(new_context, live_server, language="kk", viewport={"width": 1280, "height": 900})
    page.goto(reverse("grants:dashboard"))
    tiles = page.locator("ul.tile-map > li")
    expect(tiles).to_have_count(20)
    # Equal tiles, on a grid: every tile as wide as the first, none on top of another.
    boxes = [tiles.nth(i).bounding_box() for i in range(20)]
    assert {round(b["width"]) for b in boxes} == {round(boxes[0]["width"])}
    assert len({(round(b["x"]), round(b["y"])) for b in boxes}) == 20
    expect(page.locator("ul.map-legend > li").first).to_be_visible()


def _violations(page) -> list[dict]:
    """Every violation axe-core finds with the WCAG 2.1 A and AA rules, whatever its impact."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def test_the_dashboard_map_cards_and_menus_are_accessible(new_context, live_server, world):
    failures = {}
    for label, options in [("wide", {"viewport": {"width": 1280, "height": 900}}), ("phone", PHONE)]:
        page = _context(new_context, live_server, language="kk", user=world["operator"], **options)
        for url in [
            reverse("grants:dashboard"),
            reverse("grants:operator_payments"),
            reverse("grants:projects"),
        ]:
            page.goto(url)
            if label == "phone":
                page.locator("nav.main summary").click()  # the open menu too
            if violations := _violations(page):
                failures[f"{url} ({label})"] = describe_violations(violations)
    assert not failures, "axe-core found violations:\n" + "\n".join(
        f"--- {k}\n{v}" for k, v in failures.items()
    )


def test_a_long_word_breaks_rather_than_widen_the_page(new_context, live_server):
    """What people type is not always words: a pasted link, an address, a formula as a title. On a phone it
    breaks at the edge, in a heading, a paragraph and a list of facts alike."""
    organisation = OrganisationFactory(
        name_ru="Фонд «" + "Длинноесловобезпробелов" * 6 + "»",
        name_kk="«" + "Ұзынсөзбосорынсыз" * 7 + "» қоры",
        website="https://example.kz/" + "очень-длинный-адрес" * 8,
    )
    page = _context(new_context, live_server, language="ru", **PHONE)
    assert _too_wide(page, [live_server.url + organisation.get_absolute_url()]) == {}
    expect(page.locator("h1")).to_contain_text("Длинноесловобезпробелов")
