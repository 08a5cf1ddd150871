"""The registry API: open reads with filters and pagination, authenticated writes by administrators."""

import pytest
from rest_framework.test import APIClient

from azamat.accounts.api_tokens import api_token_create
from azamat.registry.models import Region
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_regions_are_the_kato_table(api):
    data = api.get("/api/v1/regions/").json()
    assert len(data) == 20
    mangystau = next(r for r in data if r["kato"] == "470000000")
    assert mangystau == {
        "kato": "470000000",
        "iso_code": "KZ-47",
        "name_kk": "Маңғыстау облысы",
        "name_ru": "Мангистауская область",
        "name_en": "Mangystau Region",
        "kind": "region",
    }


def test_government_bodies_filter(api):
    data = api.get("/api/v1/government-bodies/", {"kind": "committee", "parent__code": "mci"}).json()
    assert {b["code"] for b in data["results"]} == {"mci-civil-society", "mci-religion", "mci-youth-family"}


def test_organisations_list_filters_and_paginates(api, db):
    aktau = Region.objects.get(kato="470000000")
    for n in range(30):
        OrganisationFactory(region=aktau if n % 3 == 0 else Region.objects.get(kato="750000000"))
    data = api.get("/api/v1/organisations/", {"region": "470000000", "page_size": 4}).json()
    assert data["count"] == 10
    assert len(data["results"]) == 4
    assert all(o["region"] == "470000000" for o in data["results"])
    assert data["next"].endswith("page=2&page_size=4&region=470000000") or "page=2" in data["next"]


def test_organisations_search_parameter(api, db):
    target = OrganisationFactory(name_ru="Фонд «Таза Каспий»")
    OrganisationFactory(name_ru="Фонд «Мейірім»")
    data = api.get("/api/v1/organisations/", {"q": "каспий"}).json()
    assert [o["bin"] for o in data["results"]] == [target.bin]


def test_anonymous_write_is_refused(api, ngo):
    response = api.patch(f"/api/v1/organisations/{ngo.bin}/", {"staff_count": 5}, format="json")
    assert response.status_code == 401
    ngo.refresh_from_db()
    assert ngo.staff_count == 0


def test_member_without_permission_is_refused_with_the_reason(api, bob, ngo):
    _token, key = api_token_create(user=bob, name="integration", lifetime_days=30)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.patch(
        f"/api/v1/organisations/{ngo.bin}/", {"staff_count": 5}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert "administrators" in response.json()["detail"]
    ngo.refresh_from_db()
    assert ngo.staff_count == 0


def test_administrator_updates_own_profile_with_a_token(api, alice, ngo):
    _token, key = api_token_create(user=alice, name="integration", lifetime_days=30)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.patch(
        f"/api/v1/organisations/{ngo.bin}/",
        {"staff_count": 8, "areas": ["ecology", "health"], "bin": "990140004654"},
        format="json",
    )
    assert response.status_code == 200, response.content
    ngo.refresh_from_db()
    assert ngo.staff_count == 8
    assert ngo.bin != "990140004654"  # read-only
    assert sorted(ngo.areas.values_list("code", flat=True)) == ["ecology", "health"]
    assert ngo.history.first().history_user == alice


def test_bad_input_is_refused_and_changes_nothing(api, alice, ngo):
    api.force_authenticate(alice)
    response = api.patch(
        f"/api/v1/organisations/{ngo.bin}/", {"region": "999999999", "email": "not-an-email"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"region", "email"}
    ngo.refresh_from_db()
    assert ngo.region.kato == "750000000"


def test_api_messages_follow_the_language(api, ngo):
    response = api.patch(f"/api/v1/organisations/{ngo.bin}/", {}, format="json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 401
    assert response.json()["detail"] == "Учетные данные не были предоставлены."


def test_rate_limit(api, settings, db):
    from django.core.cache import cache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    try:
        codes = [api.get("/api/v1/regions/").status_code for _ in range(4)]
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
        cache.clear()
    assert codes == [200, 200, 200, 429]


def test_openapi_schema_and_docs(api, client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/organisations/{bin}/" in schema["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.content.decode()
