"""Campaigns on the workspace: invitations the person's organisations have to answer, the campaigns they are on
with the next actions of the plan, and the offer to start a campaign."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.campaigns import selectors
from azamat.campaigns.models import Action as PlanAction
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
    today = timezone.localdate()
    for action in selectors.next_actions(user, MAX_LISTED):
        result.append(
            Action(
                f"{action.campaign.title} · {action.title}",
                _when(action, today),
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


def _when(action, today) -> str:
    """Where an open action of the plan stands today: one planned ahead, one that should have started, one under
    way (and whether its end date has passed) — a court action begun in June is not 'next' in December."""
    start = date_format(action.starts_on, "SHORT_DATE_FORMAT")
    end = date_format(action.ends_on, "SHORT_DATE_FORMAT") if action.ends_on else ""
    if action.status == PlanAction.Status.IN_PROGRESS:
        if action.ends_on and action.ends_on < today:
            return _(
                "Under way since %(start)s; it was to end on %(end)s: mark it done or change its dates."
            ) % {
                "start": start,
                "end": end,
            }
        if action.ends_on:
            return _("Under way since %(start)s, until %(end)s.") % {"start": start, "end": end}
        return _("Under way since %(start)s.") % {"start": start}
    if action.starts_on < today:
        return _("It was to start on %(date)s: start it, mark it done or move it in the plan.") % {
            "date": start
        }
    return _("Next in the action plan: starts on %(date)s.") % {"date": start}
