"""The core app: base models, audit, permissions helpers, working days, seeding, system checks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "azamat.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from azamat.core import checks  # noqa: F401 — registers the system checks
