"""Monitoring on the workspace: the way in for the people who hold a role in an organisation's monitoring or
administer one, and the thesauri for the platform's administrators. Nothing sensitive is counted here: the
figures are on the monitoring's own page, behind two-factor sign-in. With two-factor sign-in on, the next record to
work on is offered by its number (numbers say nothing about what a record holds)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from azamat.core.hooks import Action
from azamat.monitoring import permissions


def actions(*, user, memberships, role_codes) -> list[Action]:
    result: list[Action] = []
    if permissions.works_in_monitoring(user):
        if permissions.two_factor_on(user):
            description = _("Events to verify, your records and cases, the list of persecuted persons.")
        else:
            description = _("Turn on two-factor sign-in first: monitoring records open only with it.")
        result.append(Action(_("Monitoring of rights violations"), description, reverse("monitoring:home")))
        if permissions.two_factor_on(user):
            result += _next_records(user)
    if permissions.can_manage_terms(user):
        result.append(
            Action(
                _("Thesauri of the monitoring"),
                _("Event types, acts and rights violated, in Kazakh, Russian and English."),
                reverse("monitoring:terms"),
            )
        )
    return result


def _next_records(user) -> list[Action]:
    from azamat.monitoring.models import Event

    found = []
    verifying_in = [org for org, held in permissions.roles(user).items() if permissions.VERIFIER in held]
    waiting = (
        Event.objects.filter(
            organisation_id__in=verifying_in, status__in=[Event.Status.RECEIVED, Event.Status.VERIFYING]
        )
        .exclude(entered_by=user)
        .filter(restricted=False)
        .order_by("created_at", "pk")
        .only("pk", "number")
        .first()
    )
    if waiting is not None:
        found.append(
            Action(
                _("Verify the record %(number)s") % {"number": waiting.number},
                _("The oldest record of your organisation still awaiting verification."),
                reverse("monitoring:event_verification", kwargs={"pk": waiting.pk}),
            )
        )
    latest = Event.objects.filter(entered_by=user).order_by("-created_at", "-pk").only("pk", "number").first()
    if latest is not None:
        found.append(
            Action(
                _("Your latest record %(number)s") % {"number": latest.number},
                _("Add its acts, sources and files, or follow its verification."),
                reverse("monitoring:event", kwargs={"pk": latest.pk}),
            )
        )
    return found
