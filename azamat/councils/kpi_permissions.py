"""Who may do what with members' KPIs and candidates: the council's secretary (and a platform administrator)
keeps periods, criteria, assessors and candidates; designated assessors score; a member reads their own scores
before publication; everyone reads a published period of a published council."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.councils.permissions import can_manage_council, can_view_council


def is_assessor(user, period) -> bool:
    if not (user and user.is_authenticated):
        return False
    return period.assessors.filter(user=user).exists()


def can_manage_kpi(user, council) -> Decision:
    if can_manage_council(user, council):
        return ALLOW
    return deny(_("Only the secretary of this council or a platform administrator can manage its KPIs."))


def can_score_period(user, period) -> Decision:
    if not is_assessor(user, period):
        return deny(_("Only the assessors designated for this period can score its members."))
    if period.is_published:
        return deny(_("The period's results are published; its scores can no longer change."))
    return ALLOW


def can_view_period(user, period) -> Decision:
    """The whole ranking: the public once published, before that its managers and assessors."""
    if period.is_published and can_view_council(user, period.council):
        return ALLOW
    if can_manage_council(user, period.council) or is_assessor(user, period):
        return ALLOW
    return deny(_("The results of this period are not published yet."))


def can_view_member_scores(user, member, period) -> Decision:
    """A member's scores with their justifications: the member themselves at any time, those who may see the
    period's ranking too."""
    if user and user.is_authenticated and member.user_id == user.pk:
        return ALLOW
    if can_view_period(user, period):
        return ALLOW
    return deny(_("Only the member themselves can read these scores before the results are published."))


def can_manage_candidates(user, council) -> Decision:
    if can_manage_council(user, council):
        return ALLOW
    return deny(
        _("Only the secretary of this council or a platform administrator can keep its list of candidates.")
    )
