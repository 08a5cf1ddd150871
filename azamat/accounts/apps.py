from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "azamat.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        # allauth's "send me a code to confirm it's me" form names its field only by its Python name, so Django
        # would print the English word "Recipient" on Kazakh and Russian pages; give it a translated label.
        from allauth.account.forms import RequestReauthenticationCodeForm

        RequestReauthenticationCodeForm.base_fields["recipient"].label = _("Send the code to")

        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_remember_language, dispatch_uid="azamat.accounts.language")


def _remember_language(sender, request, user, **kwargs):
    """Signing in keeps the page's language as the person's, for their emails."""
    from django.utils import translation

    from azamat.accounts.services import language_remember

    language_remember(
        user=user, language=getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    )
