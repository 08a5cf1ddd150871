"""axe-core (WCAG 2.1 A and AA) on one page of every kind the crawl reaches, in Kazakh, Russian and English,
for an anonymous visitor and each kind of signed-in user (NGO administrator, grant operator, expert, officer,
council secretary, monitors, petition moderator) — on a 390 px phone, where no page may scroll sideways either.

The crawl (tests/crawl) runs first over the Django test client to find the pages: one URL for each URL
pattern that answered 200. Each is then opened in Chromium on a phone-sized window: axe-core must find no
violation at all, and nothing may stand wider than the screen (Kazakh words are long; a table, a code or a
date range that does not wrap makes the whole page slide).
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.crawl.crawler import Crawler, pages_without_parameters
from tests.crawl.personas import persona_user, seed

from .support import AXE_JS, WCAG_TAGS, describe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ["kk", "ru", "en"]
SIGNED_IN = ["ngo_admin", "operator", "expert", "officer", "secretary", "monitor", "moderator", "hr_monitor"]
# Swagger UI, drf-spectacular's page for developers: a third-party tool in English, not one of our pages.
NOT_OURS = {"api-docs"}
FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# What stands out past the screen's right edge, the outermost first, so a failure names the culprit.
TOO_WIDE = """() => document.documentElement.scrollWidth <= window.innerWidth ? [] :
    [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 4)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
        + ' right=' + Math.round(e.getBoundingClientRect().right))"""


def _all_violations(page) -> list[dict]:
    """Every violation axe-core finds with the WCAG 2.1 A and AA rules, whatever its impact."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    assert result["testEngine"]["name"] == "axe-core", result.get("testEngine")
    return result["violations"]


def _pages_of(user, language: str) -> tuple[dict[str, str], str | None]:
    """URL name -> one URL of it that answers 200, found by crawling (links only) as this person; and the
    session cookie's value, so the browser is signed in as the same person."""
    client = Client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user, backend=django_settings.AUTHENTICATION_BACKENDS[0])
    crawler = Crawler(client, language, max_pages=120, per_pattern=1, submit_forms=False)
    crawler.crawl(["/", "/workspace/", *pages_without_parameters()])
    session = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    return crawler.views_seen, session.value if session else None


def test_every_kind_of_page_the_crawl_finds_is_accessible_in_every_language(
    new_context, live_server, settings
):
    settings.PASSWORD_HASHERS = FAST_HASHING + list(settings.PASSWORD_HASHERS)  # hashing is not under test
    seed()
    # One URL per kind of page, each with the first persona that reached it (the anonymous visitor first);
    # which pages there are does not depend on the language, so the crawl runs once, in Kazakh.
    to_check: dict[str, tuple[str, str, str | None]] = {}
    for persona in ["anonymous", *SIGNED_IN]:
        user = persona_user(persona)
        assert persona == "anonymous" or user is not None, f"the generator made no {persona}"
        pages, session = _pages_of(user, "kk")
        for view, url in pages.items():
            if view not in NOT_OURS:
                to_check.setdefault(view, (url, persona, session))
    assert len(to_check) >= 15, f"the crawl found too few kinds of page: {sorted(to_check)}"

    failures: dict[str, str] = {}
    for language in LANGUAGES:
        tabs = {}
        for view, (url, persona, session) in sorted(to_check.items()):
            if persona not in tabs:
                context = new_context(extra_http_headers={"Accept-Language": language}, **PHONE)
                cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
                if session is not None:
                    cookies.append(
                        {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
                    )
                context.add_cookies(cookies)
                tabs[persona] = context.new_page()
            page = tabs[persona]
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language, url
            if violations := _all_violations(page):
                failures[f"{view} as {persona} [{language}] {url}"] = describe_violations(violations)
            if too_wide := page.evaluate(TOO_WIDE):
                label = f"{view} as {persona} [{language}] {url}"
                failures[label] = (
                    failures.get(label, "") + "\nwider than a 390 px phone: " + ", ".join(too_wide)
                ).strip()
        for page in tabs.values():
            page.context.close()
    assert not failures, "axe-core found violations, or pages wider than a phone:\n" + "\n".join(
        f"--- {label}\n{text}" for label, text in failures.items()
    )
