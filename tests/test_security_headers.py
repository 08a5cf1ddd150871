"""Security headers on every response: a strict Content Security Policy, and HSTS when configured."""

import pytest
from django.test import override_settings
from django.urls import reverse


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_only_the_api_documentation_pages_relax_the_policy_for_their_own_code(client):
    def directives(name):
        policy = client.get(reverse(name))["Content-Security-Policy"]
        return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())

    redoc, docs = directives("api-redoc"), directives("api-docs")
    assert "'unsafe-inline'" in redoc["script-src"]  # ReDoc starts from an inline script
    assert "unsafe-inline" not in docs["script-src"]  # Swagger UI's start-up script is a file
    assert "'unsafe-inline'" in docs["style-src"]


@pytest.mark.django_db
def test_the_policy_kept_per_process_follows_a_change_of_settings(client, settings):
    """The header is built once per process (core.middleware.CSPMiddleware): a changed policy or the
    report-only mode still reaches the next response, and the page that relaxed it does not leak its change."""
    home = reverse("core:home")
    assert "report-uri" not in client.get(home)["Content-Security-Policy"]
    policy = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "report-uri": ["/csp-reports"]}
    }
    settings.CONTENT_SECURITY_POLICY = policy
    assert "report-uri /csp-reports" in client.get(home)["Content-Security-Policy"]
    assert "unsafe-inline" in client.get(reverse("api-redoc"))["Content-Security-Policy"]
    assert "unsafe-inline" not in client.get(home)["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY, settings.CONTENT_SECURITY_POLICY = policy, None
    response = client.get(home)
    assert "Content-Security-Policy" not in response
    assert "report-uri /csp-reports" in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
def test_no_page_template_carries_an_inline_style_or_script():
    """Inline styles and scripts would be blocked by the policy: the stylesheet and static files hold them."""
    import re
    from pathlib import Path

    import azamat

    offenders = []
    for template in Path(azamat.__file__).parent.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r'\sstyle="|<style[\s>]|\son[a-z]+="|<script(?![^>]*\ssrc=)[^>]*>', text):
            offenders.append(str(template))
    assert offenders == []


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_over_https_when_configured(client):
    response = client.get(reverse("core:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_hsts_is_off_by_default_for_the_plain_http_demo(client):
    assert "Strict-Transport-Security" not in client.get(reverse("core:home"), secure=True)
