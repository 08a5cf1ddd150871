from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "azamat.problems"
    label = "problems"
    verbose_name = _("Register of problems of NGOs")
