"""Malformed ids and parameters give 400 or 404, never 500; refused requests are one log line, not a traceback."""

import logging
import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.security.test_authorisation_matrix import CASES, outcome

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999  # beyond a 64-bit integer: once a 500 from the database driver


def _nearby(value: str) -> str:
    """The same shape as a real value (its URL pattern may demand, say, nine digits) but naming nothing."""
    return value[:-1] + ("1" if value[-1] == "0" else "0")


def _urls_with_bad_ids(w) -> list[str]:
    urls = []
    for name, cases in CASES.items():
        for case in cases:
            if case.path is not None:
                continue
            kwargs = case.kwargs(w)
            for key, value in kwargs.items():
                absurd = HUGE if isinstance(value, int) else "zzz-no-such-thing"
                try:
                    urls.append(reverse(name, kwargs={**kwargs, key: absurd}))
                except NoReverseMatch:
                    # The pattern itself refuses the absurd value (the resolver's 404); try a near miss.
                    urls.append(reverse(name, kwargs={**kwargs, key: _nearby(str(value))}))
    return urls


@pytest.mark.parametrize("persona", ["anonymous", "operator", "owner"])
def test_absurd_ids_in_every_url_are_not_found(world, persona):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if persona != "anonymous":
        client.force_login(world.user(persona))
    failures = []
    for url in _urls_with_bad_ids(world):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url}: {response.status_code}")
    assert not failures


QUERIES = [
    "/?page=abc",
    "/organisations/?page=abc&region=zzz&area=zzz&legal_form=zzz&alliance=zzz",
    "/organisations/?page=99999999999999999999&q=%00",
    "/government-bodies/?page=-1&region=zzz&kind=zzz",
    "/grants/?page=abc&phase=zzz&customer=zzz&grant_type=zzz",
    "/grants/?page=99999999999999999999",
    "/grants/calls/sec-results/results/?page=abc&direction=99999999999999999999&decision=zzz",
    "/grants/dashboard/?year=abc&customer=zzz",
    "/grants/dashboard/?year=99999999999999999999",
    "/grants/open-data/grants.csv?year=99999999999999999999&region=zzz&customer=%00",
    "/grants/open-data/grants.exe",
    "/grants/applications/?page=abc",
    "/grants/similarity/?page=abc&show=zzz",
    "/grants/operator/experts/?page=abc&area=zzz&language=zzz",
    "/grants/operator/calls/sec-closed/assignment/?page=abc",
    "/grants/applications/{app}/versions/?old=abc&new=99999999999999999999",
    "/api/v1/calls/?page=abc",
    "/api/v1/organisations/?page=99999999999999999999&region=zzz",
    "/api/v1/directions/abc/",
    "/api/v1/directions/99999999999999999999/",
    "/grants/calls/..%2F..%2Fetc/",
    "/grants/calls/" + "x" * 500 + "/",
]


@pytest.mark.parametrize("query", QUERIES)
def test_malformed_parameters_never_give_a_server_error(world, client, query):
    client.force_login(world.people["operator"])
    response = client.get(query.format(app=world.submitted_application.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in {200, 400, 404}, response.status_code


@pytest.mark.parametrize(
    "url",
    [
        "/grants/?phase=%00",
        "/organisations/?q=a%00b",
        "/grants/calls/a%00b/",
        "/grants/open-data/grants.csv?customer=%00",
    ],
)
def test_a_nul_character_is_a_bad_request(world, url):
    """PostgreSQL cannot compare text with NUL in it: refused up front, whatever view would have read it."""
    assert Client().get(url).status_code == 400


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("kk", "Мекенжайда рұқсат етілмеген таңба бар."),
        ("ru", "Адрес содержит недопустимый символ."),
    ],
)
def test_a_bad_request_is_answered_in_the_visitors_language_in_the_sites_frame(world, language, reason):
    """Django's own 400 is a bare English page; ours says why in the visitor's language, with the menu."""
    response = Client().get("/problems/?q=%00", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<html lang="{language}">' in page and reason in page
    assert "Bad Request" not in page and 'href="/organisations/"' in page


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_not_found_says_why_when_the_view_said_it(world, language):
    """A call not published is a 404 that says so in the visitor's language; an unknown address gets the general
    sentence; get_object_or_404's English sentence naming a model is never shown."""
    with translation.override(language):
        reason = str(translation.gettext("No published call has this code."))
        general = str(translation.gettext("There is no page at this address."))
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    page = client.get("/grants/calls/sec-draft/")
    assert page.status_code == 404
    text = page.content.decode()
    assert reason in text and general not in text and f'<html lang="{language}">' in text
    unknown = client.get("/no/such/page/")
    assert unknown.status_code == 404 and general in unknown.content.decode()
    client.force_login(world.people["expert_assigned"])
    missing = client.get("/grants/expert/assignments/99999999/")  # get_object_or_404
    assert missing.status_code == 404
    assert "matches the given query" not in missing.content.decode() and general in missing.content.decode()


# --- A refused request is one log line -----------------------------------------------------------------------


def _refusal_records(caplog):
    return [r for r in caplog.records if r.name == "azamat.requests"]


@pytest.mark.parametrize(
    ("persona", "url", "method", "status"),
    [
        ("citizen", "/grants/operator/", "GET", 403),  # PermissionDenied in the view
        ("citizen", "/grants/calls/sec-draft/", "GET", 404),  # Http404 in the view
        ("anonymous", "/no/such/page/", "HEAD", 404),  # no URL pattern
        ("citizen", "/grants/calls/sec-open/publish/", "GET", 405),  # the method is refused
    ],
)
def test_a_refused_request_is_one_line_without_a_traceback(world, caplog, persona, url, method, status):
    client = Client()
    if persona != "anonymous":
        client.force_login(world.user(persona))
    with caplog.at_level(logging.INFO):
        response = client.generic(method, url)
    assert response.status_code == status
    user_id = "-" if persona == "anonymous" else str(world.user(persona).pk)
    assert [r.getMessage() for r in _refusal_records(caplog)] == [f"{method} {url} {status} user={user_id}"]
    assert [r for r in caplog.records if r.exc_info] == []
    assert [r for r in caplog.records if r.levelno >= logging.WARNING and r.name != "azamat.requests"] == []


def test_a_path_cannot_forge_a_log_line(world, caplog):
    with caplog.at_level(logging.INFO):
        Client().get("/no/such/%0Afake 200 user=1")
    (record,) = _refusal_records(caplog)
    assert "\n" not in record.getMessage()
    assert re.fullmatch(r"GET /no/such/\\nfake 200 user=1 404 user=-", record.getMessage())


def test_an_accepted_request_is_not_logged_as_refused(world, caplog):
    with caplog.at_level(logging.INFO):
        response = Client().get("/grants/")
    assert outcome(response) == "200"
    assert _refusal_records(caplog) == []


def test_the_api_refuses_a_nul_character_in_its_own_shape(world):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/calls/?grant_type=%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "The address contains a character that is not allowed."}
