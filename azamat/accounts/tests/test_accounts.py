"""Signing up, verifying email, two-factor authentication, lockout, and the workspace."""

import datetime
import re

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from azamat.accounts.models import PlatformRole, User
from azamat.testing.factories import TEST_PASSWORD, PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _signup(client, email="aruzhan@example.kz"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "Qazaqstan-2026!",
            "password2": "Qazaqstan-2026!",
            "full_name": "Аружан Сапарова",
        },
    )


def _verification_link(message) -> str:
    return re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sign_up_then_verify_email_then_signed_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="aruzhan@example.kz")
    assert user.full_name == "Аружан Сапарова"
    assert user.password.startswith("argon2")
    link = _verification_link(mail.outbox[-1])
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm = client.post("/" + path)
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified is True
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_unverified_person_cannot_sign_in(client):
    _signup(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "aruzhan@example.kz", "password": "Qazaqstan-2026!"}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_expired_email_link_is_refused_and_changes_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client)
    client.logout()
    link = _verification_link(mail.outbox[-1])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    later = timezone.now() + datetime.timedelta(days=settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS + 1)
    with time_machine.travel(later):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        client.post(path)
    assert page.status_code == 200
    assert "expired or is invalid" in page.content.decode()
    assert User.objects.get(email="aruzhan@example.kz").emailaddress_set.get().verified is False


def test_wrong_password_and_lockout_after_repeated_failures(client):
    person = UserFactory(email="asel@example.kz")
    for _ in range(5):
        response = client.post(
            reverse("account_login"),
            {"login": person.email, "password": "wrong-password"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200
        assert "not correct" in response.content.decode()
    locked = client.post(
        reverse("account_login"),
        {"login": person.email, "password": TEST_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert locked.status_code in (200, 429)
    assert "Too many failed sign-ins to this account" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def _enable_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def test_wrong_totp_code_is_refused(client):
    person = UserFactory(email="erlan@example.kz")
    secret = _enable_totp(person)
    response = client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    good = hotp_value(secret, int(timezone.now().timestamp()) // 30)
    wrong = f"{(good + 1) % 1_000_000:06d}"
    refused = client.post(reverse("mfa_authenticate"), {"code": wrong}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert "Incorrect code" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    accepted = client.post(reverse("mfa_authenticate"), {"code": f"{good:06d}"})
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_dashboard_shows_what_each_role_can_do(client, alice, ngo, dana):
    client.force_login(alice)
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("registry:organisation_edit", args=[ngo.bin]) in page
    assert reverse("registry:organisation_members", args=[ngo.bin]) in page
    assert reverse("admin:index") not in page
    client.force_login(dana)
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("admin:index") in page
    assert "Platform administrator" in page


def test_profile_shows_roles_and_makes_an_api_token(client, db):
    from azamat.registry.models import GovernmentBody

    person = UserFactory()
    PlatformRoleFactory(
        user=person,
        role=PlatformRole.Role.GOVERNMENT_OFFICER,
        body=GovernmentBody.objects.get(code="akimat-47"),
    )
    client.force_login(person)
    page = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Акимат Мангистауской области" in page
    shown = client.post(
        reverse("accounts:token_create"), {"name": "CRM", "lifetime_days": "30"}
    ).content.decode()
    token = person.api_tokens.get()
    assert token.name == "CRM"
    assert f'value="{token.prefix}' in shown  # the key, shown once; tests/api/test_tokens.py checks the rest


def test_workspace_needs_sign_in(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_admin_is_for_platform_staff(client, alice, dana):
    client.force_login(alice)
    assert client.get("/admin/").status_code == 302
    client.force_login(dana)  # a platform administrator, not a superuser
    response = client.get("/admin/registry/organisation/", {"q": "Жарқын"})
    assert response.status_code == 200
    assert "Жарқын" in response.content.decode()
    assert client.get("/admin/accounts/platformrole/add/").status_code == 200


def test_granting_platform_admin_opens_the_admin(client, dana):
    from azamat.accounts.services import platform_role_grant

    person = UserFactory()
    platform_role_grant(user=person, role="platform_admin", by=dana)
    person.refresh_from_db()
    assert person.is_staff is True
    client.force_login(person)
    assert client.get("/admin/registry/region/").status_code == 200


@pytest.mark.parametrize(
    "language, required, too_long",
    [
        ("kk", "Бұл мән міндетті.", "Ең көбі 32 таңба болуы керек; бұл мәтінде 51 таңба."),
        ("ru", "Обязательное поле.", "Не более 32 символов; сейчас в тексте 51."),
    ],
)
def test_the_profile_keeps_a_name_and_says_a_phones_limit_in_the_readers_language(
    client, db, language, required, too_long
):
    """The name asked at sign-up could be erased on the profile (the workspace then greeted the address, and an
    organisation's administrators saw an address where a name had been); a phone past 32 characters was refused
    in Django's words."""
    person = UserFactory(full_name="Данияр Искаков")
    client.force_login(person)
    url = reverse("accounts:profile")
    response = client.post(
        url, {"full_name": "   ", "phone": "8 (701) 123 45 67" * 3}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert required in page and too_long in page
    person.refresh_from_db()
    assert (person.full_name, person.phone) == ("Данияр Искаков", "")
    assert (
        client.post(url, {"full_name": " Данияр  Искаков ", "phone": "+7 701 123 45 67"}).status_code == 302
    )
    person.refresh_from_db()
    assert (person.full_name, person.phone) == ("Данияр  Искаков", "+7 701 123 45 67")
