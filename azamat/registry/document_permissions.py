"""Who may see and who may keep an organisation's founding documents, with the reason when not.

They are the organisation's papers: its people see them, and so do the grant operator's staff (who check them
for every application) and the platform's administrators. Only its administrators upload, replace or show one
on the public profile. A document the organisation chose to show publicly, while it is the current one, anyone
may download; earlier versions never."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.registry.permissions import can_edit_organisation, is_org_member, is_platform_admin


def is_grant_operator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_platform_role("grant_operator"))


def can_view_founding_documents(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to see an organisation's founding documents."))
    if is_org_member(user, organisation) or is_grant_operator(user) or is_platform_admin(user):
        return ALLOW
    return deny(
        _(
            "Only the organisation's people, the grant operator's staff and the platform's administrators see its "
            "founding documents."
        )
    )


def can_manage_founding_documents(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to upload an organisation's founding documents."))
    if can_edit_organisation(user, organisation):
        return ALLOW
    return deny(_("Only the organisation's administrators can upload its founding documents."))


def can_download_founding_document(user, document) -> Decision:
    if document.public and document.current:
        return ALLOW
    return can_view_founding_documents(user, document.organisation)
