"""Monitoring on the workspace: the way in for the people who hold a role in an organisation's monitoring or
administer one, and the thesauri for the platform's administrators. Nothing sensitive is counted here: the
figures are on the monitoring's own page, behind two-factor sign-in."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from azamat.accounts.services import Action
from azamat.monitoring import permissions


def actions(*, user, memberships, role_codes) -> list[Action]:
    result: list[Action] = []
    if permissions.works_in_monitoring(user):
        if permissions.two_factor_on(user):
            description = _("Events to verify, your records and cases, the list of persecuted persons.")
        else:
            description = _("Turn on two-factor sign-in first: monitoring records open only with it.")
        result.append(Action(_("Monitoring of rights violations"), description, reverse("monitoring:home")))
    if permissions.can_manage_terms(user):
        result.append(
            Action(
                _("Thesauri of the monitoring"),
                _("Event types, acts and rights violated, in Kazakh, Russian and English."),
                reverse("monitoring:terms"),
            )
        )
    return result
