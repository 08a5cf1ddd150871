"""django-allauth adapter: account emails go through the task queue once the transaction commits, and a locked
account says for how long and how to open it."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.forms import ValidationError
from django.utils.translation import ngettext

from azamat.core.tasks import send_email


@dataclass(frozen=True)
class Site:
    """What allauth's emails call the site ("Hello from {{ current_site.name }}!"): Azamat, at SITE_URL's host.
    Without it they read "Hello from !" and "Thank you for using !" (no sites framework here)."""

    name: str
    domain: str


def current_site() -> Site:
    return Site(name="Azamat", domain=urlsplit(settings.SITE_URL).netloc or "azamat")


_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def lock_minutes() -> int:
    """How long repeated wrong passwords lock one account at most: the period of the per-account ("/key") rate of
    ACCOUNT_RATE_LIMITS["login_failed"] ("5/15m/key" → 15), rounded up to a minute."""
    rates = str(getattr(settings, "ACCOUNT_RATE_LIMITS", {}).get("login_failed") or "")
    for rate in rates.split(","):
        parts = rate.strip().split("/")
        match = re.fullmatch(r"(\d*)([smhd])", parts[1]) if len(parts) == 3 and parts[2] == "key" else None
        if match:
            seconds = int(match.group(1) or 1) * _SECONDS[match.group(2)]
            return max(1, -(-seconds // 60))
    return 15


def locked_message() -> str:
    minutes = lock_minutes()
    return ngettext(
        "Too many failed sign-ins to this account: it stays locked for up to %(minutes)d minute. To sign in now, "
        "reset your password.",
        "Too many failed sign-ins to this account: it stays locked for up to %(minutes)d minutes. To sign in now, "
        "reset your password.",
        minutes,
    ) % {"minutes": minutes}


class AccountAdapter(DefaultAccountAdapter):
    def validation_error(self, code, *args):
        # allauth's own words ("Try again later.") say neither how long nor that a reset opens the account now
        # (the form's "Forgot your password?" link is just below).
        if code == "too_many_login_attempts":
            return ValidationError(locked_message(), code=code)
        return super().validation_error(code, *args)

    def send_mail(self, template_prefix, email, context):
        # allauth's own send_mail adds the address and the site to every email's context; ours replaces it, so
        # it adds them too ("an account with the email ." in the reply to an unknown address).
        context = {"email": email, **context, "current_site": current_site()}
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"), None
        )
        payload = {
            "subject": message.subject,
            "body": message.body,
            "to": list(message.to),
            "html": html,
            "from_email": message.from_email,
        }
        transaction.on_commit(lambda: send_email.enqueue(**payload))
