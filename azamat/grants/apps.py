from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "azamat.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from azamat.grants.selectors_evaluation import DASHBOARD_DEPENDS_ON, dashboard_invalidate

        for name in DASHBOARD_DEPENDS_ON:
            model = self.get_model(name)
            post_save.connect(dashboard_invalidate, sender=model, dispatch_uid=f"dashboard-{name}-save")
            post_delete.connect(dashboard_invalidate, sender=model, dispatch_uid=f"dashboard-{name}-delete")
