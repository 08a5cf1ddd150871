"""Survey links on any page: what the signed-in person may open of a survey (the tab bar), and whether they may
make a survey (links from campaigns, councils and bodies)."""

from django import template
from django.urls import reverse

from azamat.accountability.permissions import officer_bodies
from azamat.surveys.permissions import (
    can_create_survey,
    can_manage_survey,
    can_view_report,
    can_view_responses,
    can_view_survey,
    is_interviewer,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def survey_access(context, survey) -> dict:
    """What the tab bar shows this person: overview, form, collection, analysis, report, exports, settings."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or survey is None:
        return {}
    team = bool(can_view_responses(user, survey))
    return {
        "overview": bool(can_view_survey(user, survey)),
        "team": team,
        "manage": bool(can_manage_survey(user, survey)),
        "interviewer": is_interviewer(user, survey),
        "report": bool(can_view_report(user, survey)),
    }


@register.simple_tag
def can_start_survey(user) -> bool:
    return bool(can_create_survey(user))


@register.simple_tag
def body_officer(user, body) -> bool:
    """Whether this person is an officer of the body (who may start its consultations)."""
    return bool(user.is_authenticated and body is not None and body.pk in officer_bodies(user))


@register.simple_tag
def public_surveys(user, surveys) -> list:
    """Of an owner's surveys, those this person may see something of: the team's own, the open ones anyone may
    answer, those whose results are public; each with the link to follow."""
    shown = []
    for survey in surveys:
        if can_view_survey(user, survey):
            shown.append((survey, reverse("surveys:survey", args=[survey.pk])))
        elif survey.listed and survey.is_collecting() and survey.Mode.OPEN in (survey.modes or []):
            shown.append((survey, reverse("surveys:respond", args=[survey.pk])))
        elif survey.results == survey.Results.PUBLIC:
            shown.append((survey, reverse("surveys:report", args=[survey.pk])))
    return shown
