from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "azamat.campaigns"
    verbose_name = _("Advocacy campaigns")

    def ready(self):
        from azamat.accountability.services import item_answered
        from azamat.campaigns.petition_services import on_item_answered

        item_answered.connect(on_item_answered, dispatch_uid="campaigns.petition_answer")
