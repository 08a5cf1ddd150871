"""Who may do what in a vote. The roles are kept apart: the administrator prepares and closes, the credential
authority sends credentials, trustees hold the key, voters vote; no role sees another's secret."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, cached_on_user, deny
from azamat.councils.permissions import can_manage_council
from azamat.registry.permissions import is_org_admin


def can_create_for(user, owner) -> Decision:
    """A council's secretary sets up its votes; an organisation's (an alliance's) administrator, its own."""
    from azamat.councils.models import Council

    if not getattr(user, "is_authenticated", False):
        return deny(_("Sign in first."))
    if isinstance(owner, Council):
        return can_manage_council(user, owner)
    if is_org_admin(user, owner):
        return ALLOW
    return deny(_("Only the organisation's administrators can set up its votes."))


def is_administrator(user, election) -> bool:
    return getattr(user, "is_authenticated", False) and election.administrator_id == user.pk


def can_administer(user, election) -> Decision:
    if is_administrator(user, election):
        return ALLOW
    return deny(_("Only the vote's administrator can do this."))


def is_credential_authority(user, election) -> bool:
    return getattr(user, "is_authenticated", False) and election.credential_authority_id == user.pk


def trustee_of(user, election):
    if not getattr(user, "is_authenticated", False):
        return None
    return election.trustees.filter(user=user).first()


def voter_of(user, election):
    if not getattr(user, "is_authenticated", False):
        return None
    return election.voters.filter(user=user).first()


def can_send_credentials(user, election) -> Decision:
    if is_credential_authority(user, election):
        return ALLOW
    return deny(_("Only the vote's credential authority sends credentials."))


def can_view(user, election) -> Decision:
    """The vote's workspace page: its administrator, credential authority, trustees and voters."""
    if is_administrator(user, election) or is_credential_authority(user, election):
        return ALLOW
    if trustee_of(user, election) or voter_of(user, election):
        return ALLOW
    return deny(
        _("Only the vote's administrator, credential authority, trustees and voters can open this page.")
    )


def is_public(election) -> bool:
    """The ballot box and the parameters are public from the opening; the result once tallied."""
    return election.status in {"open", "closed", "tallied"}


def deny_trustee() -> Decision:
    return deny(_("Only the vote's trustees take the key steps and decrypt."))


def can_vote(user, election, voter) -> Decision:
    if voter is None:
        return deny(_("You are not on this vote's roll."))
    return ALLOW


def two_factor_on(user) -> bool:
    """A TOTP or a security key is set up (allauth then asks for it at every sign-in)."""
    from allauth.mfa.models import Authenticator

    if not getattr(user, "is_authenticated", False):
        return False
    return cached_on_user(
        user,
        "_two_factor_on",
        lambda: Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists(),
    )
