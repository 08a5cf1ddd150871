"""Bad query values get a 400 that names the parameter; the schema documents pagination, nulls and errors."""

import io
import json

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.mark.parametrize(
    ("url", "parameter", "message"),
    [
        ("/api/v1/organisations/?region=notanumber", "region", "A KATO code is nine digits."),
        ("/api/v1/organisations/?region=", "region", "Give a value, or leave the parameter out."),
        ("/api/v1/organisations/?alliance=12", "alliance", "A BIN is twelve digits."),
        ("/api/v1/organisations/?is_alliance=maybe", "is_alliance", "Either true or false."),
        (
            "/api/v1/organisations/?legal_form=kolkhoz",
            "legal_form",
            "Select a valid choice. kolkhoz is not one of the available choices.",
        ),
        ("/api/v1/organisations/?page_size=abc", "page_size", "A whole number from 1 to 200."),
        ("/api/v1/organisations/?page_size=500", "page_size", "A whole number from 1 to 200."),
        ("/api/v1/government-bodies/?region__kato=47", "region__kato", "A KATO code is nine digits."),
        (
            "/api/v1/calls/?customer=not a code",
            "customer",
            "A code is made of Latin letters, digits, hyphens and underscores.",
        ),
        ("/api/v1/directions/?call=", "call", "Give a value, or leave the parameter out."),
        ("/api/v1/awarded-grants/?year=abc", "year", "A valid integer is required."),
        ("/api/v1/awarded-grants/?region=Aktau", "region", "Nine digits."),
    ],
)
def test_a_bad_filter_value_is_refused_with_the_reason(api, url, parameter, message):
    response = api.get(url)
    assert response.status_code == 400
    assert response.json() == {parameter: [message]}


def test_the_reason_is_in_the_language_asked_for(api):
    response = api.get("/api/v1/organisations/?legal_form=kolkhoz", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.json() == {
        "legal_form": ["Выберите корректный вариант. kolkhoz нет среди допустимых значений."]
    }


def test_a_good_filter_still_filters(api, db):
    from azamat.registry.models import Region

    target = OrganisationFactory(region=Region.objects.get(kato="470000000"))
    OrganisationFactory()
    data = api.get("/api/v1/organisations/?region=470000000&is_alliance=false").json()
    assert [o["bin"] for o in data["results"]] == [target.bin]


def test_a_page_past_the_end_and_an_unknown_address_answer_404_in_json(api):
    assert api.get("/api/v1/organisations/?page=abc").json() == {"detail": "Invalid page."}
    empty = api.get("/api/v1/organisations/?page=")
    assert (empty.status_code, empty.json()) == (404, {"detail": "Invalid page."})
    for address in ["/api/v1/no-such-list/", "/api/v1/regions/a%0Ab/"]:  # a newline in the path too
        response = api.get(address)
        assert response.json() == {"detail": "No such address in the API."}
    response = api.get("/api/v1/no-such-list/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "No such address in the API."}


@pytest.mark.parametrize(
    ("language", "detail"), [("kk", "Табылмады."), ("ru", "Страница не найдена."), ("en", "Not found.")]
)
def test_an_unknown_record_is_not_found_in_the_readers_language(api, language, detail):
    """Django's "No Problem matches the given query." was English on every language and named a model."""
    for address in [
        "/api/v1/problems/PR-9999/",
        "/api/v1/organisations/999999999999/",
        "/api/v1/calls/nope/",
    ]:
        response = api.get(address, HTTP_ACCEPT_LANGUAGE=language)
        assert (response.status_code, response.json()) == (404, {"detail": detail}), address


def test_a_write_with_a_value_of_the_wrong_type_is_refused(api, alice, ngo):
    from azamat.accounts.api_tokens import api_token_create

    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=alice, name='t', lifetime_days=7)[1]}")
    response = api.patch(
        f"/api/v1/organisations/{ngo.bin}/", {"staff_count": "7", "about_kk": 5}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "staff_count": ["Must be a whole number."],
        "about_kk": ["Must be a string."],
    }
    ngo.refresh_from_db()
    assert ngo.staff_count == 0


@pytest.fixture(scope="module")
def schema():
    out = io.StringIO()
    call_command("spectacular", "--format", "openapi-json", stdout=out)
    return json.loads(out.getvalue())


def test_the_schema_documents_pagination_nulls_and_errors(schema):
    lists = {
        path: ops["get"] for path, ops in schema["paths"].items() if path.endswith("/") and "{" not in path
    }
    paginated = {
        "/api/v1/organisations/",
        "/api/v1/government-bodies/",
        "/api/v1/calls/",
        "/api/v1/directions/",
        "/api/v1/awarded-grants/",
    }
    for path in paginated:
        ref = lists[path]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert {"count", "next", "previous", "results"} <= set(page["properties"]), path
        assert page["properties"]["next"].get("nullable") is True
        assert {"400", "401", "404", "429"} <= set(lists[path]["responses"]), path
        assert {"page", "page_size"} <= {p["name"] for p in lists[path]["parameters"]}
    patch = schema["paths"]["/api/v1/organisations/{bin}/"]["patch"]["responses"]
    assert {"200", "400", "401", "403", "404", "429"} <= set(patch)
    body = schema["components"]["schemas"]["GovernmentBody"]["properties"]
    assert body["region"].get("nullable") is True and body["parent"].get("nullable") is True
    assert schema["components"]["schemas"]["AwardedGrant"]["properties"]["award_date"].get("nullable") is True
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"


def test_null_characters_are_refused_not_a_server_error(api, alice, ngo):
    from azamat.accounts.api_tokens import api_token_create

    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=alice, name='t', lifetime_days=7)[1]}")
    response = api.patch(
        f"/api/v1/organisations/{ngo.bin}/", {"region": "47\x00", "areas": ["a\x00"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "region": ["Null characters are not allowed."],
        "areas": ["Null characters are not allowed."],
    }
    in_path = api.get("/api/v1/organisations/%00/")
    assert (in_path.status_code, in_path["Content-Type"]) == (400, "application/json")
    assert api.get("/api/v1/organisations/?region=%00").status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/organisations/", "/api/v1/petitions/"])
def test_the_schema_of_a_search_says_a_nul_is_refused(schema, api, db, path):
    """Schemathesis sent `q` with a NUL, which the schema allowed and the site refuses (400, the middleware)."""
    import re

    parameters = schema["paths"][path]["get"]["parameters"]
    pattern = next(p for p in parameters if p["name"] == "q")["schema"]["pattern"]
    assert re.search(pattern, "балалар үйі") and re.search(pattern, " фонд ")
    assert not re.search(pattern, "D\x00x")
    assert api.get(path + "?q=D%00x").status_code == 400
