"""Surveys' collect rows of the authorisation matrix; the objects come from cases_surveys.build, plus one response
in progress (its page is reached by its secret token, like a respondent's link).

The respondent's pages (the open link, an invitation, a response's pages and its done page) are public: the
token in the address is the key. Managing invitations, interviewers and quotas is for managers (owner); the raw
responses, paper entry and the quota list for the team (owner, member); the interviewer (citizen) starts
interviews and sees the board; "my interviews" is any signed-in person's own page."""

from tests.security.matrix import Case
from tests.security.world import PERSONAS, World

MANAGERS = ("owner",)
TEAM = ("owner", "member")
INTERVIEWERS = ("citizen",)


def build(w: World) -> None:
    from azamat.surveys.models import Response
    from azamat.testing import surveys_factories as sf

    w.survey_in_progress = sf.response(w.survey, {}, status=Response.Status.IN_PROGRESS, mode="open")


def _cases() -> dict[str, list]:
    from tests.security.matrix import POST_ONLY, PUBLIC, allow, table

    def survey(w):
        return {"pk": w.survey.pk}

    def none(w):
        return {}

    team = allow(TEAM, anonymous="403")
    managers = allow(MANAGERS, anonymous="403")
    everyone = tuple(PERSONAS)
    no_post = table("405")
    return {
        # An empty POST starts (or resumes) a response: every visitor may.
        "surveys:respond": [Case("", survey, PUBLIC, table("303"), everyone)],
        "surveys:invitation": [
            Case("", lambda w: {"token": w.survey_invitation.token}, PUBLIC, table("303"), everyone),
            Case("bad token", lambda w: {"token": "nope"}, table("404"), table("404")),
        ],
        # An empty page: the required questions refuse it, nothing is stored.
        "surveys:page": [
            Case("", lambda w: {"token": w.survey_in_progress.resume_token, "page": 0}, PUBLIC, table("400")),
            Case("finished", lambda w: {"token": w.survey_response.resume_token, "page": 0}, table("303")),
        ],
        "surveys:done": [Case("", lambda w: {"token": w.survey_response.resume_token}, PUBLIC, no_post)],
        "surveys:invitations": [
            Case("", survey, managers, allow(MANAGERS, "400", anonymous="403"), MANAGERS)
        ],
        "surveys:assignments": [
            Case("", survey, managers, allow(MANAGERS, "400", anonymous="403"), MANAGERS)
        ],
        "surveys:assignment": [
            Case(
                "",
                lambda w: {"pk": w.survey.pk, "assignment": w.survey_assignment.pk},
                managers,
                allow(MANAGERS, "400", anonymous="403"),
                MANAGERS,
            )
        ],
        "surveys:interviews": [Case("", none, table("200", anonymous="login"), POST_ONLY)],
        # Without an assignment of one's own the interviewer gets 404; the others may not interview at all.
        "surveys:interview_start": [
            Case("", survey, no_post, allow(INTERVIEWERS, "404", anonymous="403"), INTERVIEWERS)
        ],
        "surveys:paper": [Case("", survey, team, allow(TEAM, "400", anonymous="403"), TEAM)],
        "surveys:quotas": [Case("", survey, team, allow(MANAGERS, "400", anonymous="403"), MANAGERS)],
        "surveys:quota": [
            Case(
                "",
                lambda w: {"pk": w.survey.pk, "quota": w.survey_quota.pk},
                managers,
                allow(MANAGERS, "400", anonymous="403"),
                MANAGERS,
            )
        ],
        "surveys:quota_grid": [Case("", survey, managers, allow(MANAGERS, "400", anonymous="403"), MANAGERS)],
        "surveys:quota_board": [Case("", survey, allow(TEAM + INTERVIEWERS, anonymous="403"), no_post)],
        "surveys:responses": [Case("", survey, team, no_post)],
        "surveys:response": [
            Case(
                "",
                lambda w: {"pk": w.survey.pk, "response": w.survey_response.pk},
                team,
                allow(TEAM, "400", anonymous="403"),
                TEAM,
            )
        ],
    }


CASES: dict[str, list] = _cases()
