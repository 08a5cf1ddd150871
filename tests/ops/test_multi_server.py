"""Several app servers behind a load balancer, as the README's production section deploys them: two gunicorn
servers on one PostgreSQL database and one Redis behind nginx (round robin). Through nginx, what one server
learns the other must know: failed sign-ins, API rate limits, sessions and the cached dashboard."""

import re

import pytest

from tests.ops.services import Site, missing_services

NEEDS = ("postgresql", "redis", "nginx")
pytestmark = pytest.mark.ops(needs=NEEDS)

LOCKED_OUT = "Too many failed sign-ins to this account"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # In CI the conftest keeps this test even without its services: it must fail and say what is missing.
    if missing := missing_services(NEEDS):
        pytest.fail("The multi-server test needs: " + "; ".join(missing), pytrace=False)
    site = Site(
        tmp_path_factory.mktemp("multi-server"),
        extra_env={
            # Limits small enough to reach in a test, with windows long enough that a slow machine never resets them.
            "API_ANON_RATE": "6/hour",
            "LOGIN_FAILED_LIMIT": "1000/h/ip,5/h/key",
            "GRANTS_DASHBOARD_CACHE_SECONDS": "3600",
        },
    )
    try:
        site.data = site.start()
        yield site
    finally:
        site.close()


def login_token(client) -> str:
    form = client.get("/accounts/login/")
    assert form.status == 200, form.status
    return form.csrf_token()


def sign_in(client, email: str, password: str, token: str | None = None):
    return client.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token or login_token(client), "login": email, "password": password},
    )


def applications_on_dashboard(response) -> int:
    assert response.status == 200, response.status
    return int(re.search(r'class="stat"><strong>([\d\s\u00a0,]+)</strong>', response.text).group(1))


def test_nginx_spreads_requests_over_both_servers(site):
    answered = {site.client().get("/healthz").upstream for _ in range(4)}
    assert answered == site.upstreams()


def test_failed_sign_ins_spread_over_servers_lock_the_account(site):
    client = site.client()
    token = login_token(client)
    # Round robin: successive sign-ins alternate between the servers.
    failures = [sign_in(client, site.data["locked"], "wrong-password-1", token) for _ in range(5)]
    assert all(r.status == 200 and "csrfmiddlewaretoken" in r.text for r in failures)
    assert {r.upstream for r in failures} == site.upstreams()  # both servers saw some of the failures
    assert not any(LOCKED_OUT in r.text for r in failures)

    # The right password is refused now by both servers: they count the failures together.
    refused = [sign_in(client, site.data["locked"], site.data["password"], token) for _ in range(2)]
    assert all(r.status == 200 and LOCKED_OUT in r.text for r in refused), [r.status for r in refused]
    assert {r.upstream for r in refused} == site.upstreams()

    # Another account is not locked.
    assert sign_in(site.client(), site.data["alice"], site.data["password"]).status == 302


def test_the_api_rate_limit_is_shared(site):
    client = site.client()
    allowed = [client.get("/api/v1/calls/") for _ in range(6)]
    assert [r.status for r in allowed] == [200] * 6
    assert {r.upstream for r in allowed} == site.upstreams()
    # Six requests an hour for an anonymous client, counted across the servers: the next ones are refused, also
    # when the client claims another address (nginx sets X-Forwarded-For itself).
    refused = [client.get("/api/v1/calls/", headers={"X-Forwarded-For": f"203.0.113.{n}"}) for n in (1, 2)]
    assert [r.status for r in refused] == [429, 429]
    assert {r.upstream for r in refused} == site.upstreams()


def test_a_session_made_on_one_server_is_valid_on_the_other(site):
    client = site.client()
    assert client.get("/workspace/").status == 302  # the workspace needs a signed-in user
    signed_in = sign_in(client, site.data["alice"], site.data["password"])
    assert signed_in.status == 302
    pages = [client.get("/workspace/") for _ in range(4)]
    assert [p.status for p in pages] == [200] * 4
    assert all('href="/accounts/logout/"' in p.text and "Алия" in p.text for p in pages)  # signed in as alice
    assert {p.upstream for p in pages} == site.upstreams()


def test_a_change_on_one_server_shows_on_the_other_despite_the_cache(site):
    reader = site.client()
    before = [reader.get("/grants/dashboard/") for _ in range(2)]  # each server has read (and cached) it
    assert {r.upstream for r in before} == site.upstreams()
    assert [applications_on_dashboard(r) for r in before] == [3, 3]

    alice = site.client()
    assert sign_in(alice, site.data["alice"], site.data["password"]).status == 302
    pk = site.data["applications"][0]
    page = alice.get(f"/grants/applications/{pk}/")
    assert page.status == 200, page.status
    withdrawn = alice.post(
        f"/grants/applications/{pk}/withdraw/", {"csrfmiddlewaretoken": page.csrf_token(), "confirm": "yes"}
    )
    assert withdrawn.status == 302, withdrawn.status
    changed_on = withdrawn.upstream

    after = [reader.get("/grants/dashboard/") for _ in range(2)]
    assert {r.upstream for r in after} == site.upstreams()
    others = [r for r in after if r.upstream != changed_on]
    assert others and all(applications_on_dashboard(r) == 2 for r in others)
    assert all(applications_on_dashboard(r) == 2 for r in after)
