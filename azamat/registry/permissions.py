"""Who may do what in the registry, with the reason when not."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.registry.models import Membership


def is_platform_admin(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.has_platform_role("platform_admin"))
    )


def is_org_admin(user, organisation) -> bool:
    if not (user and user.is_authenticated and organisation is not None):
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).exists()


def is_org_member(user, organisation) -> bool:
    if not (user and user.is_authenticated and organisation is not None):
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, status=Membership.Status.ACTIVE
    ).exists()


def can_edit_organisation(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to edit an organisation."))
    if is_org_admin(user, organisation) or is_platform_admin(user):
        return ALLOW
    return deny(_("Only the organisation's administrators can edit its profile."))


def can_manage_members(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to manage members."))
    if is_org_admin(user, organisation) or is_platform_admin(user):
        return ALLOW
    return deny(_("Only the organisation's administrators can manage its members."))


def can_request_membership(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to ask to join an organisation."))
    if (
        Membership.objects.filter(user=user, organisation=organisation)
        .exclude(status=Membership.Status.DECLINED)
        .exists()
    ):
        return deny(_("You are already a member of this organisation or have asked to join it."))
    return ALLOW
