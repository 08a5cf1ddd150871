"""Who may do what with public-control checks: `can_<verb>_<entity>(user, obj) -> Decision`.

An active member of an organisation starts a check for it; the check's team (and the organisation's
administrators) run it; a platform administrator may do everything. Everyone reads a check; its final
document is public once the check is completed."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.registry.models import Membership
from azamat.registry.permissions import is_org_admin, is_platform_admin

NOT_SIGNED_IN = _("Sign in to run a public-control check.")
NOT_MEMBER = _(
    "Only an active member of an organisation registered on Azamat can start a public-control check for it."
)
NOT_TEAM = _(
    "Only the check's team, its organisation's administrators and platform administrators can do this."
)


def active_organisations(user):
    """The organisations this person is an active member of (for whom they may start a check)."""
    from azamat.registry.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.ACTIVE
    ).distinct()


def can_create_check(user, organisation=None) -> Decision:
    """Start a check: for an organisation one is an active member of (any, when none is named yet)."""
    if not user.is_authenticated:
        return deny(NOT_SIGNED_IN)
    if is_platform_admin(user):
        return ALLOW
    memberships = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return ALLOW if memberships.exists() else deny(NOT_MEMBER)


def is_team_member(user, check) -> bool:
    return user.is_authenticated and check.team.filter(user=user).exists()


def can_edit_check(user, check) -> Decision:
    if not user.is_authenticated:
        return deny(NOT_SIGNED_IN)
    if is_platform_admin(user) or is_team_member(user, check):
        return ALLOW
    if check.organisation_id and is_org_admin(user, check.organisation):
        return ALLOW
    return deny(NOT_TEAM)


def can_view_check_document(user, check) -> Decision:
    """The final document is public once the check is completed; before, only those who run the check read it."""
    if check.is_completed:
        return ALLOW
    if can_edit_check(user, check):
        return ALLOW
    return deny(_("The final document is published when the check is completed."))
