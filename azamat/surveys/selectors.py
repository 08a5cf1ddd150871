"""The survey workspace's reads: the surveys anyone may answer, a person's own surveys (managing, on the team,
interviewing) with their counts, one survey's figures and team."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from azamat.accountability.permissions import officer_bodies
from azamat.surveys import definition as form
from azamat.surveys.models import Assignment, Response, Survey, SurveyMember, SurveyVersion
from azamat.surveys.permissions import (
    _admin_organisations,
    _secretary_councils,
    interviewer_surveys,
)

DONE = Response.Status.COMPLETED
FLAGGED = Q(responses__too_fast=True) | Q(responses__straightlining=True) | Q(responses__duplicate=True)


def open_surveys(*, query: str = "") -> QuerySet[Survey]:
    """Listed surveys that take responses by open link now, newest first."""
    now = timezone.now()
    surveys = (
        Survey.objects.filter(status=Survey.Status.OPEN, listed=True, modes__icontains='"open"')
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("organisation", "council", "body")
    )
    if query:
        surveys = surveys.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return surveys.order_by("closes_at", "-created_at", "-pk")


def form_titles(surveys, language: str) -> dict[int, str]:
    """Each survey's name for respondents: its newest form's title in `language` (else the form's first language
    that has one), by survey; the team's working title is one language only. One query for the lot."""
    newest: dict[int, tuple] = {}
    rows = SurveyVersion.objects.filter(survey__in=[s.pk for s in surveys]).values_list(
        "survey_id", "number", "definition__title", "definition__languages"
    )
    for survey_id, number, title, languages in rows:
        if survey_id not in newest or number > newest[survey_id][0]:
            newest[survey_id] = (number, title, languages)
    return {pk: form.text(title, language, languages) for pk, (_n, title, languages) in newest.items()}


def unanswered_open_surveys(user) -> QuerySet[Survey]:
    """The open surveys listed for everyone that the person has not answered (completed, or been screened out of)
    while signed in: an answer begun and left counts as still to answer."""
    answered = Response.objects.filter(survey=OuterRef("pk"), respondent=user).exclude(
        status=Response.Status.IN_PROGRESS
    )
    return open_surveys().filter(~Exists(answered))


def _managed_filter(user) -> Q:
    return (
        Q(team__user=user)
        | Q(organisation_id__in=_admin_organisations(user))
        | Q(council_id__in=_secretary_councils(user))
        | Q(body_id__in=officer_bodies(user))
    )


def my_surveys(user) -> QuerySet[Survey]:
    """The surveys this person manages or is on the team of, with their completed and flagged counts."""
    if not user.is_authenticated:
        return Survey.objects.none()
    ids = Survey.objects.filter(_managed_filter(user)).values("pk")
    return (
        Survey.objects.filter(pk__in=ids)
        .select_related("organisation", "council", "body")
        .annotate(
            n_completed=Count("responses", filter=Q(responses__status=DONE)),
            n_flagged=Count("responses", filter=Q(responses__status=DONE) & FLAGGED),
        )
        .order_by("-created_at", "-pk")
    )


def my_assignments(user) -> list[Assignment]:
    """This person's active interviewer assignments, with the interviews they completed on each."""
    if not user.is_authenticated or not interviewer_surveys(user):
        return []
    return list(
        Assignment.objects.filter(interviewer=user, active=True)
        .select_related("survey", "region")
        .annotate(n_done=Count("responses", filter=Q(responses__status=DONE)))
        .order_by("survey_id", "area", "pk")
    )


def survey_detail(pk: int) -> Survey:
    return Survey.objects.select_related("organisation", "council", "body", "campaign", "created_by").get(
        pk=pk
    )


def counts(survey: Survey) -> dict[str, int]:
    """Responses started (all), completed, screened out, in progress, and the completed ones flagged."""
    figures = Response.objects.filter(survey=survey).aggregate(
        started=Count("pk"),
        completed=Count("pk", filter=Q(status=DONE)),
        screened_out=Count("pk", filter=Q(status=Response.Status.SCREENED_OUT)),
        in_progress=Count("pk", filter=Q(status=Response.Status.IN_PROGRESS)),
        flagged=Count(
            "pk",
            filter=Q(status=DONE) & (Q(too_fast=True) | Q(straightlining=True) | Q(duplicate=True)),
        ),
    )
    return {key: value or 0 for key, value in figures.items()}


def team(survey: Survey) -> list[SurveyMember]:
    return list(survey.team.select_related("user").order_by("role", "user__full_name", "pk"))


def interviewers(survey: Survey) -> list[Assignment]:
    return list(
        survey.assignments.select_related("interviewer", "region")
        .annotate(n_done=Count("responses", filter=Q(responses__status=DONE)))
        .order_by("-active", "area", "pk")
    )
