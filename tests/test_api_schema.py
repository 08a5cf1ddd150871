"""The OpenAPI schema is valid, and the open data follows the 360Giving Data Standard's required fields."""

import datetime
import io
import json
from decimal import Decimal

import jsonschema
import pytest
from django.core.management import call_command

from azamat.grants import opendata
from azamat.grants.factories import ApplicationFactory, CallFactory
from azamat.grants.models import Application, Project
from azamat.grants.services.results import awarded_grants

pytestmark = pytest.mark.django_db

# The fields 360Giving requires of every grant, with their types (from the standard's JSON schema).
GRANT_360 = {
    "type": "object",
    "required": [
        "id",
        "title",
        "description",
        "currency",
        "amountAwarded",
        "awardDate",
        "recipientOrganization",
        "fundingOrganization",
    ],
    "properties": {
        "id": {"type": "string", "pattern": "^360G-"},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        "amountAwarded": {"type": "number", "minimum": 0},
        "awardDate": {"type": "string", "format": "date"},
        "recipientOrganization": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string", "pattern": "^KZ-BIN-[0-9]{12}$"},
                    "name": {"type": "string"},
                },
            },
        },
        "fundingOrganization": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "required": ["id", "name"]},
        },
        "plannedDates": {"type": "array", "items": {"type": "object"}},
        "beneficiaryLocation": {"type": "array", "items": {"type": "object", "required": ["geoCode"]}},
    },
}
PACKAGE_360 = {
    "type": "object",
    "required": ["grants"],
    "properties": {"grants": {"type": "array", "items": GRANT_360}},
}


def test_openapi_schema_validates():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out)
    schema = json.loads(out.getvalue())
    assert {"/api/v1/organisations/", "/api/v1/calls/", "/api/v1/awarded-grants/"} <= set(schema["paths"])


def test_open_data_json_validates_against_the_360giving_required_fields():
    call = CallFactory(results_published=True)
    for n in range(3):
        application = ApplicationFactory(
            call=call, direction__call=call, status=Application.Status.AWARDED, number=f"KZ-2026-x-{n:04d}"
        )
        Project.objects.create(
            application=application,
            agreement_number=f"AG-2026-{n:05d}",
            amount=Decimal("1500000.00") + n,
            signed_on=datetime.date(2026, 5, 4),
            starts_on=datetime.date(2026, 5, 11),
            ends_on=datetime.date(2026, 11, 11),
        )
    package = json.loads(opendata.to_json(awarded_grants()))
    jsonschema.validate(package, PACKAGE_360, format_checker=jsonschema.FormatChecker())
    assert len(package["grants"]) == 3
