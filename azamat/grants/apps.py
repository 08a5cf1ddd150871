from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    """Grants. No signals: the services and the lifecycle (grants/lifecycle.py) refresh the dashboard's cache
    (the "dashboard" topic of core/public_cache.py) when they change what it counts."""

    name = "azamat.grants"
    label = "grants"
    verbose_name = _("Grants")
