"""Surveys' rows of the authorisation matrix (the workspace: list, new, overview, settings, status, team), and the
survey objects every surveys row file uses.

An open survey of the first NGO: its administrator (owner) manages it; its member is on the team as an analyst;
the citizen is its interviewer (an assignment in Almaty); the other NGO's people, officers and the rest are
strangers to it. Results private. One completed response (by the citizen, interviewing), one quota, one
invitation, one finished CSV export. The rows of the form (cases_survey_forms), collection (cases_survey_collect)
and analysis (cases_survey_analysis) use these objects; their `build` adds nothing."""

from tests.security.world import World

MANAGERS = ("owner",)
TEAM = ("owner", "member")
INTERVIEWERS = ("citizen",)


def build(w: World) -> None:
    from azamat.surveys.models import ExportJob, Invitation, SurveyMember
    from azamat.testing import surveys_factories as sf

    w.survey = sf.survey(by=w.people["owner"], organisation=w.ngo, title="Опрос своей НКО")
    w.survey.modes = ["open", "invitation", "interviewer", "paper"]
    w.survey.save()
    w.survey_member = SurveyMember.objects.create(
        survey=w.survey, user=w.people["member"], role=SurveyMember.Role.ANALYST
    )
    w.survey_assignment = sf.assignment(w.survey, w.people["citizen"])
    w.survey_response = sf.response(
        w.survey, interviewer=w.people["citizen"], assignment=w.survey_assignment, mode="interviewer"
    )
    w.survey_quota = sf.quota(w.survey)
    w.survey_invitation = Invitation.objects.create(survey=w.survey, email="resp@example.kz", email_key="k1")
    w.survey_export = ExportJob.objects.create(
        survey=w.survey, requested_by=w.people["owner"], status=ExportJob.Status.DONE
    )


def _cases() -> dict[str, list]:
    from tests.security.matrix import POST_ONLY, PUBLIC, Case, allow

    # Who may make a survey: the people of an organisation, the council's secretary, the officers of a body, the
    # platform administrator.
    creators = (
        "owner",
        "member",
        "other_member",
        "other_admin",
        "secretary",
        "officer",
        "officer_other",
        "commission_member",  # an officer of a body, for the commission's government side
        "platform_admin",
    )

    def none(w):
        return {}

    def survey(w):
        return {"pk": w.survey.pk}

    return {
        "surveys:list": [Case("", none, PUBLIC)],
        "surveys:new": [Case("", none, allow(creators), allow(creators, "400"), creators)],
        "surveys:survey": [Case("", survey, allow(TEAM + INTERVIEWERS, anonymous="403"))],
        "surveys:edit": [Case("", survey, allow(MANAGERS), allow(MANAGERS, "400"), MANAGERS)],
        # An empty POST names no step: the manager's 404, nothing changed.
        "surveys:status": [Case("", survey, POST_ONLY, allow(MANAGERS, "404"), MANAGERS)],
        "surveys:team": [Case("", survey, allow(TEAM), allow(MANAGERS, "400"), MANAGERS)],
        # The analyst's row posted without a role keeps it: nothing changes.
        "surveys:team_member": [
            Case(
                "",
                lambda w: {**survey(w), "member": w.survey_member.pk},
                POST_ONLY,
                allow(MANAGERS, "302"),
                MANAGERS,
            )
        ],
    }


CASES: dict[str, list] = _cases()
