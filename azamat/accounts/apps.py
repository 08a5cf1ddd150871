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
