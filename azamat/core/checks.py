"""System checks of the deployment: no account may keep the published demo password outside a demo."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from azamat.core.seeding import DEMO_ACCOUNT_EMAILS, DEMO_PASSWORD

DEMO_ACCOUNTS_CHECK_ID = "core.W001"


@register(Tags.security, Tags.database)
def demo_password_check(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    """Warn when, with DEBUG off, a known demo account still signs in with the published demo password.

    Like Django's database checks it runs only when asked with a database (`migrate`,
    `check --database default`), never while a command merely starts. It hashes once per distinct
    stored hash among a handful of known accounts: the generator gives all of them one hash.
    """
    if settings.DEBUG or not databases or "default" not in databases:
        return []
    try:
        rows = list(
            get_user_model().objects.filter(email__in=DEMO_ACCOUNT_EMAILS).values_list("email", "password")
        )
    except DatabaseError:  # not migrated yet: nothing to warn about
        return []
    verdicts: dict[str, bool] = {}
    exposed = []
    for email, encoded in rows:
        if encoded not in verdicts:
            verdicts[encoded] = bool(encoded) and check_password(DEMO_PASSWORD, encoded)
        if verdicts[encoded]:
            exposed.append(email)
    if not exposed:
        return []
    return [
        Warning(
            f"{len(exposed)} account(s) sign in with the published demo password: {', '.join(sorted(exposed))}.",
            hint="This database was seeded for a demo (`azamat seed --demo-logins`). Set new passwords "
            "(`azamat changepassword EMAIL`) or delete these accounts before going live.",
            id=DEMO_ACCOUNTS_CHECK_ID,
        )
    ]
