"""Who may do what with surveys: `can_<verb>_<entity>(user, survey) -> Decision`.

The survey team (`SurveyMember`) designs the survey and reads its raw responses: managers design, run the
collection and manage the team; analysts read, analyse and export. The administrators of the organisation that
runs a survey, the secretaries of its council or the officers of its state body are its managers too, without a
row. Interviewers are not on the team: they see their own assignments and the interviews they made, nothing more.
The public sees what the team publishes: the results page when it is public (or, by its link, to anyone who has
the link) and the form when the survey takes responses by open link."""

from django.utils.translation import gettext_lazy as _

from azamat.accountability.permissions import officer_bodies
from azamat.core.permissions import ALLOW, Decision, cached_on_user, deny
from azamat.problems.permissions import acting_organisations
from azamat.registry.permissions import is_platform_admin

MANAGER = "manager"
ANALYST = "analyst"


def _admin_organisations(user) -> set[int]:
    return cached_on_user(
        user,
        "_survey_admin_orgs",
        lambda: set(
            user.memberships.filter(status="active", role="admin").values_list("organisation_id", flat=True)
        ),
    )


def _secretary_councils(user) -> set[int]:
    return cached_on_user(
        user,
        "_survey_councils",
        lambda: set(user.council_secretaryships.values_list("council_id", flat=True)),
    )


def team_roles(user) -> dict[int, str]:
    """survey id → this person's role on its team (rows only; see `role`)."""
    if not user.is_authenticated:
        return {}
    return cached_on_user(
        user, "_survey_roles", lambda: dict(user.survey_roles.values_list("survey_id", "role"))
    )


def is_owner_manager(user, survey) -> bool:
    """An administrator of the survey's organisation, a secretary of its council or an officer of its body."""
    if not user.is_authenticated:
        return False
    if survey.organisation_id:
        return survey.organisation_id in _admin_organisations(user)
    if survey.council_id:
        return survey.council_id in _secretary_councils(user)
    if survey.body_id:
        return survey.body_id in officer_bodies(user)
    return False


def role(user, survey) -> str | None:
    """ "manager", "analyst" or None."""
    if not user.is_authenticated:
        return None
    if is_owner_manager(user, survey):
        return MANAGER
    return team_roles(user).get(survey.pk)


def is_team(user, survey) -> bool:
    return role(user, survey) is not None


def is_manager(user, survey) -> bool:
    return role(user, survey) == MANAGER


def interviewer_surveys(user) -> set[int]:
    """The surveys this person has an active interviewer assignment on."""
    if not user.is_authenticated:
        return set()
    return cached_on_user(
        user,
        "_survey_interviews",
        lambda: set(user.survey_assignments.filter(active=True).values_list("survey_id", flat=True)),
    )


def is_interviewer(user, survey) -> bool:
    return survey.pk in interviewer_surveys(user)


def can_create_survey(user) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to make a survey."))
    if (
        acting_organisations(user)
        or _secretary_councils(user)
        or officer_bodies(user)
        or is_platform_admin(user)
    ):
        return ALLOW
    return deny(
        _(
            "A survey is run by an organisation, a public council or a state body: join your organisation on "
            "Azamat first."
        )
    )


def can_manage_survey(user, survey) -> Decision:
    """Design the form, open and close collection, quotas, interviewers, invitations, the team."""
    if is_manager(user, survey):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in: only the survey's managers can change it."))
    return deny(_("Only the survey's managers can change it."))


def can_view_survey(user, survey) -> Decision:
    """The survey's workspace page (its form, state and numbers, no raw answers)."""
    if is_team(user, survey) or is_interviewer(user, survey):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in: this survey's workspace is for its team."))
    return deny(_("This survey's workspace is for its team."))


def can_view_responses(user, survey) -> Decision:
    """Raw responses, the analysis with every filter, the exports: the team only."""
    if is_team(user, survey):
        return ALLOW
    if not user.is_authenticated:
        return deny(_("Sign in: the responses are for the survey team only."))
    return deny(_("The responses are for the survey team only."))


def can_review_responses(user, survey) -> Decision:
    """Approve, hold or reject a response, correct it, enter paper questionnaires."""
    return can_view_responses(user, survey)


def can_view_report(user, survey, token: str = "") -> Decision:
    """The results page: public, by its link, or the team."""
    if survey.results == survey.Results.PUBLIC or is_team(user, survey):
        return ALLOW
    if survey.results == survey.Results.LINK and token and token == survey.report_token:
        return ALLOW
    return deny(_("The results of this survey are not published."))


def can_interview(user, survey) -> Decision:
    if not survey.is_collecting():
        return deny(_("This survey is not collecting responses."))
    if is_interviewer(user, survey) and survey.Mode.INTERVIEWER in (survey.modes or []):
        return ALLOW
    return deny(_("You have no interviewer assignment on this survey."))


def can_respond(user, survey) -> Decision:
    """Answer by the survey's open link."""
    if not survey.is_collecting():
        return deny(_("This survey is not collecting responses."))
    if survey.Mode.OPEN not in (survey.modes or []):
        return deny(_("This survey takes responses only by personal invitation or from interviewers."))
    if survey.sign_in_required and not user.is_authenticated:
        return deny(_("Sign in to answer this survey: one response per person."))
    return ALLOW
