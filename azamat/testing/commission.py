"""Test support for the tender commission: people whose accounts show the side they sit for."""

from azamat.accounts.models import PlatformRole
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory


def affiliate(user, *, side: str, call):
    """Give `user` what a seat for `side` requires (commission_member_add checks it) and return them: an
    officer's role at the call's customer body, the grant operator's role, or an active membership of an NGO
    of their own (never an applicant's, so no recusal follows from it)."""
    if side == "government":
        PlatformRoleFactory(user=user, role=PlatformRole.Role.GOVERNMENT_OFFICER, body=call.customer)
    elif side == "operator":
        PlatformRoleFactory(user=user, role=PlatformRole.Role.GRANT_OPERATOR)
    elif side == "ngo":
        MembershipFactory(user=user, organisation=OrganisationFactory())
    user._platform_roles = None  # forget a cached has_platform_role answer
    return user


def commission_call(**fields):
    """A call of a two-stage grant type (medium-term grants): only such a call has a tender commission; the
    factories' default grant type is decided by the operator alone."""
    from azamat.grants.factories import CallFactory, grant_type

    fields.setdefault("grant_type", grant_type("medium-term"))
    return CallFactory(**fields)
