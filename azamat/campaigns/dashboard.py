"""Campaigns on the workspace: invitations the person's organisations have to answer, the campaigns they are on
with the next actions of the plan, and the offer to start a campaign."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.campaigns import selectors
from azamat.campaigns.permissions import can_create_campaign
from azamat.core.hooks import Action

MAX_LISTED = 5


def actions(*, user, memberships, role_codes) -> list[Action]:
    from azamat.campaigns import petition_dashboard

    result: list[Action] = petition_dashboard.actions(
        user=user, memberships=memberships, role_codes=role_codes
    )
    for partner in selectors.invitations(user)[:MAX_LISTED]:
        result.append(
            Action(
                _("Invitation: %(title)s") % {"title": partner.campaign.title},
                _("%(lead)s invites %(organisation)s to its campaign's coalition: accept or decline.")
                % {"lead": partner.campaign.organisation.name, "organisation": partner.organisation.name},
                partner.campaign.get_absolute_url(),
            )
        )
    for action in selectors.next_actions(user, MAX_LISTED):
        result.append(
            Action(
                f"{action.campaign.title} · {action.title}",
                _("Next in the action plan: %(date)s, %(status)s.")
                % {
                    "date": date_format(action.starts_on, "SHORT_DATE_FORMAT"),
                    "status": action.get_status_display(),
                },
                reverse("campaigns:stage", args=[action.campaign_id, "plan"]),
            )
        )
    if can_create_campaign(user):
        result.append(
            Action(
                _("Advocacy campaigns"),
                _(
                    "Your campaigns, and a new one in five stages: needs, stakeholders, methods, plan and risks, evaluation."
                ),
                reverse("campaigns:list"),
            )
        )
    return result
