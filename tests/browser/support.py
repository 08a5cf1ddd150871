"""Helpers the browser tests share: signing in through the real form, and axe-core checks."""

import re
from pathlib import Path

from playwright.sync_api import Page

from azamat.testing.factories import TEST_PASSWORD

AXE_JS = Path(__file__).resolve().parent.parent / "browser_assets" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in(page: Page, email: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real allauth form and wait for the workspace."""
    page.goto("/accounts/login/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    page.locator('form[action$="/accounts/login/"] [type="submit"]').click()
    page.wait_for_url(re.compile(r"/workspace/$"))


def run_axe(page: Page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page and return its serious and critical violations."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the pages' Content Security Policy refuses inline scripts.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [v for v in result["violations"] if v.get("impact") in {"serious", "critical"}]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            lines.append(f"    target: {node['target']}  {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_accessible(page: Page, label: str = "") -> None:
    violations = run_axe(page)
    assert not violations, (
        f"axe found serious/critical violations on {label or page.url}:\n" + describe_violations(violations)
    )
