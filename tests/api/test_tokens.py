"""API tokens: made on the profile page, shown once, stored only as a digest, refused once expired or revoked."""

import datetime
import hashlib

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from azamat.accounts.api_tokens import api_token_create
from azamat.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def make_token(client, name="CRM", lifetime_days="30"):
    response = client.post(
        reverse("accounts:token_create"),
        {"name": name, "lifetime_days": lifetime_days},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    return response, response.content.decode()


def key_in(page: str) -> str:
    start = page.index('id="new-token"')
    value = page.index('value="', start) + len('value="')
    return page[value : page.index('"', value)]


def patch_staff(key: str, bin_: str, staff_count: int):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.patch(
        f"/api/v1/organisations/{bin_}/",
        {"staff_count": staff_count},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_token_made_on_the_profile_authenticates_the_api_and_is_shown_once(client, alice, ngo):
    client.force_login(alice)
    response, page = make_token(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = key_in(page)
    assert key.startswith("azt_") and len(key) > 40

    assert patch_staff(key, ngo.bin, 7).status_code == 200
    ngo.refresh_from_db()
    assert ngo.staff_count == 7
    token = ApiToken.objects.get(user=alice)
    assert token.last_used_at is not None

    again = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert key not in again
    assert "CRM" in again and token.prefix in again


def test_only_the_digest_is_stored(alice):
    token, key = api_token_create(user=alice, name="CRM", lifetime_days=30)
    stored = ApiToken.objects.values().get(pk=token.pk)
    assert stored["digest"] == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(value) for value in stored.values()}
    history = token.history.values().get()
    assert key not in {str(value) for value in history.values()}


def test_an_expired_token_is_refused(alice, ngo):
    _token, key = api_token_create(user=alice, name="CRM", lifetime_days=7)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = patch_staff(key, ngo.bin, 9)
    assert response.status_code == 401
    assert response.json()["detail"] == "The token is not valid, has expired or was revoked."
    ngo.refresh_from_db()
    assert ngo.staff_count == 0


def test_a_revoked_token_is_refused(client, alice, ngo):
    token, key = api_token_create(user=alice, name="CRM", lifetime_days=30)
    client.force_login(alice)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert patch_staff(key, ngo.bin, 9).status_code == 401
    ngo.refresh_from_db()
    assert ngo.staff_count == 0


def test_someone_else_cannot_revoke_a_token(client, alice, carol, ngo):
    token, key = api_token_create(user=alice, name="CRM", lifetime_days=30)
    client.force_login(carol)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert patch_staff(key, ngo.bin, 3).status_code == 200


def test_a_wrong_or_malformed_token_is_refused(alice, ngo):
    assert patch_staff("azt_not-a-real-token", ngo.bin, 9).status_code == 401
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token two parts")
    assert api.get("/api/v1/organisations/").status_code == 401


def test_a_token_needs_a_name_and_an_offered_lifetime(client, alice):
    client.force_login(alice)
    response, page = make_token(client, name="  ", lifetime_days="10000")
    assert response.status_code == 400
    assert "This field is required." in page or "Give the token a name." in page
    assert "Select a valid choice." in page
    assert not ApiToken.objects.exists()
    assert 'id="new-token"' not in page


def test_the_profile_lists_tokens_with_their_dates(client, alice):
    api_token_create(user=alice, name="Bookkeeping", lifetime_days=365)
    revoked, _key = api_token_create(user=alice, name="Old CRM", lifetime_days=30)
    revoked.revoked_at = timezone.now()
    revoked.save()
    client.force_login(alice)
    page = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Bookkeeping" in page and "Old CRM" in page
    expires = (timezone.localdate() + datetime.timedelta(days=365)).strftime("%d.%m.%Y")
    assert expires in page
    assert page.count(">Revoke</button>") == 1
    assert "revoked" in page


def test_old_plaintext_tokens_are_moved_to_digests_and_their_table_dropped(alice, ngo):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("azamat.accounts.migrations.0004_move_plaintext_tokens")
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer, created date)"
        )
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, '2026-01-05')", [old_key, alice.pk])
    # The step reads only the editor's connection; a real schema editor cannot open inside a test's transaction.
    migration.move_tokens(apps, SimpleNamespace(connection=connection))
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get(user=alice)
    assert token.digest == hashlib.sha256(old_key.encode()).hexdigest()
    assert patch_staff(old_key, ngo.bin, 4).status_code == 200
