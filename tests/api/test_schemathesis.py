"""Property-based tests of the API from its own OpenAPI schema (schemathesis), run in-process through WSGI.

For every operation, generated requests (valid and invalid parameters, bounded in number so CI stays quick)
against a database with data: no response is a 5xx, and every response conforms to the schema — its status
code is documented and its body matches the documented shape (pagination, nullable fields, errors).
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from azamat.accounts.api_tokens import api_token_create
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.registry.models import ActivityArea, Region

# Bounded so the whole run stays within a couple of minutes in CI; raise it locally to search deeper.
EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "40"))
HYPOTHESIS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture
def api_data(db, ngo):
    """Some of everything the API lists: organisations with areas, calls with directions, awarded grants."""
    ngo.areas.set(ActivityArea.objects.order_by("code")[:2])
    mangystau = Region.objects.get(kato="470000000")
    open_call = CallFactory(code="schema-open")
    DirectionFactory(call=open_call, region=mangystau)
    DirectionFactory(call=open_call, region=None, position=2)
    done = CallFactory(code="schema-done", results_published=True)
    ApplicationFactory(
        direction=DirectionFactory(call=done),
        call=done,
        organisation=ngo,
        status=Application.Status.AWARDED,
        number="KZ-2026-schema-0001",
    )
    CallFactory(code="schema-draft", published=False)


@pytest.fixture
def keep_connection(api_data):
    # Django closes an old database connection when a request starts and ends; the test's transaction must
    # survive it (Django's own test client does the same).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(alice):
    return api_token_create(user=alice, name="schemathesis", lifetime_days=7)[1]


# The schema is the one the running site serves (generated from the code; it reads no data).
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())


@schema.parametrize()
@HYPOTHESIS
def test_the_api_answers_as_its_schema_says(case, keep_connection):
    cache.clear()  # the rate limit would answer 429 to a long run; each example starts afresh
    case.call_and_validate()


@schema.include(method=["PUT", "PATCH"]).parametrize()
@HYPOTHESIS
def test_writes_by_the_organisations_administrator_answer_as_the_schema_says(
    case, keep_connection, token, ngo
):
    """Generated bodies sent with a valid token to an organisation the token's owner administers."""
    cache.clear()
    case.path_parameters["bin"] = ngo.bin
    # A schema cannot say that a region code must exist or a name must differ from every other, so a body it
    # allows may still be refused with 400; every other check stands.
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
