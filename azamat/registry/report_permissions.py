"""Who may see and file an organisation's annual reports, with the reason when not. A report is private to the
organisation: its administrators prepare and file it, its members read it, the platform's administrators read
it; everyone else sees only the public fact "report current / not current"."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.registry.permissions import is_org_admin, is_org_member, is_platform_admin


def can_view_reports(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to see the organisation's annual reports."))
    if is_org_member(user, organisation) or is_platform_admin(user):
        return ALLOW
    return deny(
        _(
            "An organisation's annual reports are seen only by its members; the directory shows whether it filed."
        )
    )


def can_prepare_reports(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to prepare the organisation's annual report."))
    if is_org_admin(user, organisation):
        return ALLOW
    return deny(_("Only the organisation's administrators prepare and file its annual report."))
