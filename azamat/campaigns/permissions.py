"""Who may do what with campaigns, petitions and appeals: `can_<verb>_<entity>(user, obj) -> Decision`.

A campaign's team (its `TeamMember` rows) reads and edits everything private; its coordinators manage the team
and the coalition. Active members of an accepted partner organisation read the parts the lead shares with that
partner. A public campaign shows the parts chosen to everyone. Risks and the team are never public and never
shared. Petition moderators (a platform role; platform administrators too) publish or reject petitions and
strike out fraudulent signatures."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, cached_on_user, deny
from azamat.problems.permissions import acting_organisations  # the organisations a person acts for, cached

NEVER_SHARED = frozenset({"risks", "team", "security"})


def team_roles(user) -> dict[int, str]:
    """campaign id → this person's role on its team."""
    if not user.is_authenticated:
        return {}
    return cached_on_user(
        user, "_campaign_roles", lambda: dict(user.campaign_roles.values_list("campaign_id", "role"))
    )


def is_team(user, campaign) -> bool:
    return campaign.pk in team_roles(user)


def is_coordinator(user, campaign) -> bool:
    return team_roles(user).get(campaign.pk) == "coordinator"


def partner_parts(user, campaign) -> set[str]:
    """The parts shared with the accepted partners this person acts for (empty when none)."""
    if not user.is_authenticated:
        return set()
    mine = acting_organisations(user)
    parts: set[str] = set()
    for partner in campaign.partners.all():  # prefetched on the pages that list campaigns
        if partner.status == "accepted" and partner.organisation_id in mine:
            parts.update(partner.shared_parts or [])
    return parts - NEVER_SHARED


def is_partner(user, campaign) -> bool:
    if not user.is_authenticated:
        return False
    mine = acting_organisations(user)
    return any(p.status == "accepted" and p.organisation_id in mine for p in campaign.partners.all())


def is_moderator(user) -> bool:
    return bool(user.is_authenticated and user.has_platform_role("petition_moderator", "platform_admin"))


def can_create_campaign(user) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to start a campaign."))
    if not acting_organisations(user):
        return deny(_("A campaign is run by an organisation: join your organisation on Azamat first."))
    return ALLOW


def can_view_campaign(user, campaign) -> Decision:
    if campaign.is_public or is_team(user, campaign) or is_partner(user, campaign):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in: this campaign is private to its team."))
    return deny(_("This campaign is private to its team and the coalition partners it invited."))


def can_see_part(user, campaign, part: str) -> bool:
    """Whether this person sees a part of the campaign: the team every part; a partner what is shared with it;
    everyone the public parts of a public campaign."""
    if is_team(user, campaign):
        return True
    if part in NEVER_SHARED:
        return False
    return part in partner_parts(user, campaign) or campaign.shows(part)


def can_edit_campaign(user, campaign) -> Decision:
    if is_team(user, campaign):
        if campaign.status != "active":
            return deny(_("This campaign is closed: reopen it to change it."))
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in to work on this campaign."))
    return deny(_("Only the campaign's team can change it."))


def can_manage_campaign(user, campaign) -> Decision:
    """The team and the coalition: coordinators only."""
    if is_coordinator(user, campaign):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in to work on this campaign."))
    return deny(_("Only the campaign's coordinators manage its team and coalition."))


def can_answer_invitation(user, partner) -> Decision:
    if partner.organisation_id in acting_organisations(user):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in to answer the invitation."))
    return deny(_("Only the invited organisation's members can answer this invitation."))


# Petitions.


def can_manage_petition(user, petition) -> Decision:
    """The author, the campaign's team, the organisation's active members."""
    if user.is_authenticated and (
        petition.created_by_id == user.pk
        or (petition.campaign_id and petition.campaign_id in team_roles(user))
        or (petition.organisation_id and petition.organisation_id in acting_organisations(user))
    ):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in to manage this petition."))
    return deny(_("Only the petition's authors can do this."))


def can_view_petition(user, petition) -> Decision:
    if petition.status in ("open", "closed", "sent"):
        return ALLOW
    if can_manage_petition(user, petition) or is_moderator(user):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in: this petition is not published yet."))
    return deny(_("This petition is not published yet: only its authors and the moderators can read it."))


def can_moderate_petition(user, petition=None) -> Decision:
    if is_moderator(user):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in as a petition moderator."))
    return deny(_("Only petition moderators can do this."))


# Appeals.


def can_create_appeal(user) -> Decision:
    return can_create_campaign(user)


def can_manage_appeal(user, appeal) -> Decision:
    if user.is_authenticated and (
        appeal.created_by_id == user.pk
        or appeal.organisation_id in acting_organisations(user)
        or (appeal.campaign_id and appeal.campaign_id in team_roles(user))
    ):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in to read this appeal."))
    return deny(_("Only the organisation that wrote this appeal can read it."))
