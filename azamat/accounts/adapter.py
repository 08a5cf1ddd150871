"""django-allauth adapter: account emails go through the task queue once the transaction commits."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction

from azamat.core.tasks import send_email


@dataclass(frozen=True)
class Site:
    """What allauth's emails call the site ("Hello from {{ current_site.name }}!"): Azamat, at SITE_URL's host.
    Without it they read "Hello from !" and "Thank you for using !" (no sites framework here)."""

    name: str
    domain: str


def current_site() -> Site:
    return Site(name="Azamat", domain=urlsplit(settings.SITE_URL).netloc or "azamat")


class AccountAdapter(DefaultAccountAdapter):
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
