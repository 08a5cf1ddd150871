"""Demo credentials only in the demo: the generator gives the published password only when asked, and a
system check warns when an account still has it on a site that is not in DEBUG."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings

from azamat.accounts.models import User
from azamat.accounts.seed import DEMO_LOGINS
from azamat.core.checks import DEMO_ACCOUNTS_CHECK_ID, demo_password_check
from azamat.core.seeding import DEMO_ACCOUNT_EMAILS, DEMO_PASSWORD
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

SEEDED_SAMPLE = ["admin@azamat.kz", "ngo@azamat.kz", "expert0000@experts.example.kz"]


def _signs_in_with_demo_password(email: str) -> bool:
    return User.objects.get(email=email).check_password(DEMO_PASSWORD)


def test_seed_without_the_flag_gives_nobody_the_demo_password():
    call_command("seed", scale=0.1, seed=1, verbosity=0)

    assert [_signs_in_with_demo_password(email) for email in SEEDED_SAMPLE] == [False, False, False]
    generated_person = User.objects.filter(email__endswith="@example.kz", memberships__isnull=False).first()
    assert generated_person is not None and not generated_person.has_usable_password()
    assert not User.objects.get(email="admin@azamat.kz").has_usable_password()


def test_seed_with_demo_logins_gives_the_demo_accounts_the_published_password():
    call_command("seed", scale=0.1, seed=1, demo_logins=True, verbosity=0)

    assert [_signs_in_with_demo_password(email) for email in SEEDED_SAMPLE] == [True, True, True]


def test_the_check_knows_every_printed_demo_login():
    assert {email for email, *_ in DEMO_LOGINS} <= set(DEMO_ACCOUNT_EMAILS)


@override_settings(DEBUG=False)
def test_the_check_warns_about_a_demo_account_with_the_demo_password_when_debug_is_off():
    UserFactory(email="operator@azamat.kz", password=make_password(DEMO_PASSWORD))
    UserFactory(email="monitor@azamat.kz", password=make_password("Another-secret-2026"))
    UserFactory(email="someone@example.kz", password=make_password(DEMO_PASSWORD))  # not a known demo account

    warnings = run_checks(databases=["default"])

    ours = [w for w in warnings if w.id == DEMO_ACCOUNTS_CHECK_ID]
    assert [w.msg for w in ours] == [
        "1 account(s) sign in with the published demo password: operator@azamat.kz."
    ]
    assert ours[0].level == 30  # a warning: the site still starts


@override_settings(DEBUG=False)
def test_the_check_is_silent_for_a_changed_password_and_without_a_database():
    user = UserFactory(email="admin@azamat.kz", password=make_password(DEMO_PASSWORD))
    assert demo_password_check(databases=None) == []  # a command that does not ask for database checks

    user.set_password("A-new-and-private-one-2026")
    user.save()

    assert demo_password_check(databases=["default"]) == []


@override_settings(DEBUG=True)
def test_the_check_is_silent_in_debug():
    UserFactory(email="admin@azamat.kz", password=make_password(DEMO_PASSWORD))

    assert demo_password_check(databases=["default"]) == []
