"""A person whose account is locked after repeated wrong passwords is told for how long, and that resetting the
password opens it at once, in their language; and resetting it does open it."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from azamat.accounts.adapter import locked_message
from azamat.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-ins to this account: it stays locked for up to 15 minutes. To sign in now, reset your password."


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _sign_in(client, email, password, language="en"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, HTTP_ACCEPT_LANGUAGE=language
    )


def test_a_locked_account_says_for_how_long_and_how_to_sign_in_now(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(email="asel@example.kz")
    for _ in range(5):
        _sign_in(client, person.email, "wrong-password")
    locked = _sign_in(client, person.email, TEST_PASSWORD).content.decode()
    assert LOCKED in locked.replace("&#x27;", "'")
    assert reverse("account_reset_password") in locked  # the way out: the form's link to reset it
    assert "_auth_user_id" not in client.session

    # What it says is true: a reset opens the account at once.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+/", mail.outbox[-1].body).group(0)
    form_url = client.get(link).url
    client.post(form_url, {"password1": "Zhana-Qupiya-2026", "password2": "Zhana-Qupiya-2026"})
    client.logout()
    _sign_in(client, person.email, "Zhana-Qupiya-2026")
    assert client.session.get("_auth_user_id") == str(person.pk)


def test_the_lock_is_said_in_the_readers_language(client):
    person = UserFactory(email="dana@example.kz")
    for _ in range(5):
        _sign_in(client, person.email, "wrong-password", "ru")
    page = _sign_in(client, person.email, TEST_PASSWORD, "ru").content.decode().replace("&#x27;", "'")
    with translation.override("ru"):
        assert str(locked_message()) in page
    assert (
        "Повторите попытку позже" not in page
    )  # allauth's own words, which say neither how long nor what to do
