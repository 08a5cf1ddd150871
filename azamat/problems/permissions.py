"""Who may do what in the problem register: `can_<verb>_<entity>(user, obj) -> Decision`.

The working group (a platform role; platform administrators too) moderates; anyone signed in may propose a
problem; an organisation endorses through its active members. Problems become public once registered: a
proposal is read by its author, their organisation and the working group."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.problems.errors import MESSAGES, NOT_MEMBER, NOT_WORKING_GROUP
from azamat.problems.models import Problem

WORKING_GROUP = "working_group"
S = Problem.Status
PRIVATE_STATES = frozenset({S.PROPOSED, S.REVIEW})
OPEN_STATES = frozenset({S.PROPOSED, S.REVIEW, S.REGISTERED, S.SENT, S.PARTLY_SOLVED})


def is_working_group(user) -> bool:
    return bool(user.is_authenticated and user.has_platform_role(WORKING_GROUP, "platform_admin"))


def acting_organisations(user) -> set[int]:
    """The organisations this person acts for: those with their active membership (member or administrator)."""
    if not user.is_authenticated:
        return set()
    known = user.__dict__.get("_problem_organisations")
    if known is None:
        known = set(user.memberships.filter(status="active").values_list("organisation_id", flat=True))
        user.__dict__["_problem_organisations"] = known
    return known


def is_proposer(user, problem) -> bool:
    if not user.is_authenticated:
        return False
    if problem.proposed_by_id == user.pk:
        return True
    return bool(problem.organisation_id and problem.organisation_id in acting_organisations(user))


def can_view_problem(user, problem) -> Decision:
    if problem.status not in PRIVATE_STATES:
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in: this problem is not in the public register yet."))
    if is_working_group(user) or is_proposer(user, problem):
        return ALLOW
    return deny(
        _(
            "This problem is not in the public register yet: only its author and the working group can read it "
            "while it is reviewed."
        )
    )


def can_propose_problem(user) -> Decision:
    return ALLOW if user.is_authenticated else deny(_("Sign in to propose a problem."))


def can_moderate_problems(user) -> Decision:
    return ALLOW if is_working_group(user) else deny(MESSAGES[NOT_WORKING_GROUP])


def can_add_evidence(user, problem) -> Decision:
    if is_working_group(user) or is_proposer(user, problem):
        return ALLOW
    return deny(
        _("Only the author of the problem and the working group add evidence; endorse it with your case.")
    )


def can_endorse_problem(user, organisation=None) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to say that this problem affects your organisation."))
    organisations = acting_organisations(user)
    if not organisations:
        return deny(_("Organisations endorse problems: join your organisation on Azamat first."))
    if organisation is not None and organisation.pk not in organisations:
        return deny(MESSAGES[NOT_MEMBER])
    return ALLOW
