"""The core app: base models, audit, permissions helpers, working days, seeding, system checks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "azamat.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from azamat.core import checks, sqlite  # noqa: F401 — importing checks registers the system checks

        sqlite.install()  # case-insensitive LIKE for Kazakh and Russian letters on SQLite (the demo's database)
