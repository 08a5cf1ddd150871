"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Every test here gets a fresh browser context (own cookies, own language) on a shared Chromium, and the
database is reset between tests with the reference data (regions, areas, government bodies) restored.
"""

import os
import shutil
from collections.abc import Callable, Iterator

import pytest

# Playwright's sync API runs an asyncio event loop in the main thread; Django would otherwise refuse
# the ORM calls the tests make there (factories, assertions on the database).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.core.cache import cache  # noqa: E402
from django.db import connections  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("AZAMAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000
# The session's Chromium while it runs: a module that launches its own for a shorter life (the vote journey)
# takes this one instead when the browser tests ran first in the same process, as a second sync Playwright
# cannot start in the thread while this one runs.
RUNNING: list[Browser] = []


def _chromium_or_fail() -> str:
    path = CHROMIUM if os.path.isabs(CHROMIUM) else shutil.which(CHROMIUM)
    if not path or not os.access(path, os.X_OK):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's Chromium. "
            "Install it with `apt-get install chromium` (or point AZAMAT_CHROMIUM at a Chromium binary).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = _chromium_or_fail()
    # Django keeps its connections in thread-local storage, but switches to per-context storage when an
    # asyncio loop is running in the thread, as Playwright's is from now on. Hand the connections over,
    # so the tests, the live server and the test-database machinery keep using one set of connections.
    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in before.items():
            connections[alias] = connection
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001
            pytest.fail(
                f"Chromium at {executable} did not start ({error}). "
                "Reinstall it with `apt-get install chromium`.",
                pytrace=False,
            )
        RUNNING.append(chromium)
        yield chromium
        RUNNING.remove(chromium)
        chromium.close()


@pytest.fixture(autouse=True)
def _browser_test_state(django_db_serialized_rollback, live_server) -> Iterator[None]:
    """A live server, and a database holding what the migrations loaded (regions, areas of activity,
    government bodies): the live server needs committed data, so each test flushes the database, and
    serialized rollback puts the migrated data back before the next one. Rate-limit counters start at zero."""
    cache.clear()
    yield
    cache.clear()


class Problems:
    """What went wrong on the wire while a test ran: server errors and missing static files."""

    def __init__(self) -> None:
        self.server_errors: list[str] = []
        self.missing_static: list[str] = []
        self.page_errors: list[str] = []
        self.csp_violations: list[str] = []

    def watch(self, context: BrowserContext) -> None:
        def on_response(response):
            if response.status >= 500:
                self.server_errors.append(f"{response.status} {response.request.method} {response.url}")
            elif response.status >= 400 and "/static/" in response.url:
                self.missing_static.append(f"{response.status} {response.url}")

        context.on("response", on_response)

        def on_console(message):
            # Every page runs under the enforced Content Security Policy: anything it blocks is a bug.
            if message.type == "error" and "Content Security Policy" in message.text:
                self.csp_violations.append(message.text)

        context.on("page", lambda page: page.on("console", on_console))

    def check(self) -> None:
        assert not self.server_errors, f"the server failed: {self.server_errors}"
        assert not self.missing_static, f"static files are missing: {self.missing_static}"
        assert not self.page_errors, f"JavaScript errors on the page: {self.page_errors}"
        assert not self.csp_violations, f"the Content Security Policy blocked: {self.csp_violations}"


@pytest.fixture
def new_context(browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (fresh cookies) for a test; all are closed and checked for problems after it."""
    contexts: list[tuple[BrowserContext, Problems]] = []

    def make(**options) -> BrowserContext:
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        problems = Problems()
        problems.watch(context)
        context.on("page", lambda p: p.on("pageerror", lambda e: problems.page_errors.append(str(e))))
        contexts.append((context, problems))
        return context

    yield make
    for context, _problems in contexts:
        context.close()
    for _context, problems in contexts:
        problems.check()


@pytest.fixture
def page(new_context) -> Page:
    """A page in English (the source language, so text assertions do not depend on the catalogues)."""
    return new_context(locale="en-US").new_page()


@pytest.fixture
def make_page(new_context) -> Callable[..., Page]:
    """A page in a fresh context: make_page(locale="ru-RU"), make_page(viewport=...)."""
    return lambda **options: new_context(**options).new_page()
