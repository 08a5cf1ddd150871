"""Who may do what with grants; each check returns a Decision with the reason a person sees."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.registry.models import Membership
from azamat.registry.permissions import is_platform_admin


def is_operator(user) -> bool:
    """Grant operator staff (and platform administrators) run calls, checks, draws, payments."""
    return bool(
        user
        and user.is_authenticated
        and (user.has_platform_role("grant_operator") or is_platform_admin(user))
    )


def is_expert(user) -> bool:
    return bool(user and user.is_authenticated and hasattr(user, "expert") and user.expert.active)


def is_member_of(user, organisation) -> bool:
    if not (user and user.is_authenticated):
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, status=Membership.Status.ACTIVE
    ).exists()


def can_manage_calls(user) -> Decision:
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can manage calls."))


def can_apply(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to apply for a grant."))
    if is_member_of(user, organisation):
        return ALLOW
    return deny(_("Only members of the organisation can prepare its applications."))


def can_edit_application(user, application) -> Decision:
    if not is_member_of(user, application.organisation):
        return deny(_("Only members of the applicant organisation can edit this application."))
    if not application.is_editable:
        return deny(
            _(
                "The application is submitted and frozen; it can change only when the operator asks for a clarification."
            )
        )
    return ALLOW


def can_view_application(user, application) -> Decision:
    """Applicants see their own; the operator all; commission members only applications of their call on
    the agenda. Experts see theirs only through the blind assignment page."""
    if not user.is_authenticated:
        return deny(_("Sign in to see applications."))
    if is_member_of(user, application.organisation) or is_operator(user):
        return ALLOW
    if (
        is_expert(user)
        and application.assignments.filter(expert=user.expert).exclude(status="recused").exists()
    ):
        # Experts read the blind version on their assignment page, never the applicant's page.
        return deny(
            _("Experts read applications on their assignment page, without the applicant's identity.")
        )
    if application.agenda_items.filter(sitting__commission__members__user=user).exists():
        return ALLOW
    return deny(_("You cannot see this application."))


# Unpublished things are invisible.
#
# The policy, applied alike on every page, fragment, file and API answer:
# - A draft (unpublished) call is seen only by its editors, the grant operator's staff and platform
#   administrators (`can_manage_calls`). For anyone else it does not exist: its pages answer 404 and no other
#   page names it (not the expert's area, not a commission member's, not a list or a count).
# - A sitting's protocol is a record of the commission's deliberation on applications whose outcome is not
#   public yet. Before the call's results are published it is for the commission's members and the operator's
#   staff only (`can_view_sitting`); once the results are published it is public, like the results page that
#   links to it. Links to a protocol are shown only to those who may open it.
# Whoever may not see an unpublished thing gets 404, not 403: a 403 would confirm that it exists.


def can_see_call(user, call) -> Decision:
    """Whether the call exists for this person: published calls for everyone, drafts for their editors."""
    if call.published or can_manage_calls(user):
        return ALLOW
    return deny(_("No published call has this code."))


def can_get_protocol(user, sitting) -> Decision:
    """A closed sitting's protocol: public once the call's results are published, insiders' before that."""
    if sitting.closed_at is None or not sitting.protocol:
        return deny(_("The protocol is published when the sitting closes."))
    call = sitting.commission.call
    if call.results_published and call.published:
        return ALLOW
    if can_view_sitting(user, sitting):
        return ALLOW
    return deny(_("The protocol is published with the results of the call."))


# The experts' scores of an application are shown on its page (to those who may see the application, never
# with the experts' identities) once stage 1 is over for it: its final score is set and either the ranking is
# handed to the tender commission (the application is on a sitting's agenda) or the call's results are
# published. Before that a score may still change the ranking (an extra expert on disagreement).


def can_see_expert_review(user, application, *, on_agenda: bool) -> Decision:
    """Whether the page of `application` may show its experts' scores and justifications."""
    if application.final_score is None:
        return deny(_("The experts' scores are shown once every expert has scored the application."))
    if on_agenda or (application.call.published and application.call.results_published):
        return ALLOW
    return deny(_("The experts' scores are shown once the ranking goes to the tender commission."))


# Projects: agreements, payments, reports (after the award).


def can_manage_projects(user) -> Decision:
    """Agreements, payments and the review of reports are the operator's."""
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can manage agreements, payments and reports."))


def can_view_project(user, project) -> Decision:
    """The whole project: the grantee organisation's members and the operator; others see its public part."""
    if not (user and user.is_authenticated):
        return deny(_("Sign in to see this project in full."))
    if is_operator(user) or is_member_of(user, project.application.organisation):
        return ALLOW
    return deny(_("Only the grantee organisation's members and the operator can see this project in full."))


def can_fill_report(user, report) -> Decision:
    if not is_member_of(user, report.project.application.organisation):
        return deny(_("Only members of the grantee organisation can fill its reports."))
    if report.status not in {"due", "revision"}:
        return deny(_("The report is submitted; it can change only when the operator asks for a revision."))
    return ALLOW


# The tender commission: the operator manages it, members see and vote on their own call, the chair decides.


def can_manage_commission(user) -> Decision:
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can manage tender commissions and their sittings."))


def _sits_on(user, commission_id) -> bool:
    return bool(
        user and user.is_authenticated and user.commission_seats.filter(commission_id=commission_id).exists()
    )


def is_secretary_of(user, commission) -> bool:
    """The commission's secretary keeps its sittings (attendance, agenda, decisions, protocol); no vote."""
    return bool(
        user and user.is_authenticated and commission.secretary_id and commission.secretary_id == user.pk
    )


def can_view_sitting(user, sitting) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to see the commission's sittings."))
    if is_operator(user):
        return ALLOW
    insider = _sits_on(user, sitting.commission_id) or is_secretary_of(user, sitting.commission)
    if insider and sitting.commission.call.published:
        return ALLOW
    return deny(
        _("Only members of this call's tender commission and the operator's staff can see this sitting.")
    )


def can_vote_on_item(user, item) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to vote."))
    if _sits_on(user, item.sitting.commission_id) and item.sitting.commission.call.published:
        return ALLOW
    return deny(
        _(
            "You are not a member of the tender commission of this call; members see only their own "
            "call's applications."
        )
    )


def can_keep_sitting(user, sitting) -> Decision:
    """Attendance and moving through the agenda: the operator's staff and the commission's secretary."""
    if is_operator(user):
        return ALLOW
    if is_secretary_of(user, sitting.commission) and sitting.commission.call.published:
        return ALLOW
    return deny(_("Only the operator's staff or the commission's secretary can keep the sitting."))


def can_decide_item(user, item) -> Decision:
    if is_secretary_of(user, item.sitting.commission):
        return ALLOW
    if (
        user
        and user.is_authenticated
        and user.commission_seats.filter(commission_id=item.sitting.commission_id, is_chair=True).exists()
    ):
        return ALLOW
    return deny(_("Only the chair or the secretary of the commission records its decisions."))


def can_close_sitting(user, sitting) -> Decision:
    if is_operator(user) or is_secretary_of(user, sitting.commission):
        return ALLOW
    if (
        user
        and user.is_authenticated
        and user.commission_seats.filter(commission_id=sitting.commission_id, is_chair=True).exists()
    ):
        return ALLOW
    return deny(_("Only the operator's staff, the commission's chair or its secretary can close a sitting."))


# Stage 1 of selection: the compliance check, experts, assignment and scoring.


def can_check_compliance(user) -> Decision:
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can check applications for compliance."))


def can_run_draws(user) -> Decision:
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can assign experts."))


def can_see_expert_register(user) -> Decision:
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can see the register of experts."))


def can_see_ranking(user) -> Decision:
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can see the ranking before the results are published."))


def can_use_expert_area(user) -> Decision:
    if not (user and user.is_authenticated):
        return deny(_("Sign in to see your assignments."))
    if is_expert(user):
        return ALLOW
    return deny(_("Only experts in the register can see this page."))


def can_open_assignment(user, assignment) -> Decision:
    """An expert opens only their own assignment, and not once they have recused; the operator opens any."""
    if not (user and user.is_authenticated):
        return deny(_("Sign in to see your assignments."))
    if is_operator(user):
        return ALLOW
    if not is_expert(user):
        return deny(_("Only experts in the register can review applications."))
    if assignment.expert_id != user.expert.pk:
        return deny(
            _("This application is not assigned to you; experts see only the applications assigned to them.")
        )
    if assignment.status == "recused" and assignment.replaced_by_operator_id:
        return deny(_("The operator gave this application to another expert; you no longer score it."))
    if assignment.status == "recused":
        return deny(_("You recused yourself from this application."))
    return ALLOW


# Calls and applications: the public discussion of directions, submission, withdrawal, near-duplicates.


def can_comment_on_direction(user, direction) -> Decision:
    from django.utils import timezone

    if not (user and user.is_authenticated):
        return deny(_("Sign in to take part in the discussion."))
    call = direction.call
    if not call.published:
        return deny(_("The call is not published yet."))
    if call.discussion_until is None:
        return deny(_("This call's directions were not put to public discussion."))
    if timezone.localdate() > call.discussion_until:
        return deny(_("The public discussion of this call's directions is over."))
    return ALLOW


def can_submit_application(user, application) -> Decision:
    return can_edit_application(user, application)


def can_see_similarity(user) -> Decision:
    if is_operator(user):
        return ALLOW
    return deny(_("Only the grant operator's staff can see near-duplicate applications."))
