"""Every write of the survey workspace: making a survey, its settings, opening and closing collection, and its
team. Each change is saved with `_history_user`, so the survey's history tells who changed what."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from azamat.accountability.permissions import officer_bodies
from azamat.campaigns.models import Campaign
from azamat.core import edits
from azamat.core.errors import DomainError
from azamat.core.permissions import Decision
from azamat.core.public_cache import topics_bump
from azamat.councils.models import Council
from azamat.problems.permissions import acting_organisations
from azamat.registry.models import GovernmentBody, Organisation
from azamat.registry.permissions import is_platform_admin
from azamat.surveys import definition as d
from azamat.surveys import workspace_errors as E
from azamat.surveys.models import Survey, SurveyMember, SurveyVersion
from azamat.surveys.permissions import (
    _secretary_councils,
    can_create_survey,
    can_manage_survey,
)

SETTINGS_FIELDS = (
    "title",
    "description",
    "purpose",
    "modes",
    "opens_at",
    "closes_at",
    "listed",
    "one_per_device",
    "sign_in_required",
    "results",
    "thank_you",
    "screen_out_message",
    "region_question",
    "min_seconds",
)
LANGUAGES = ("kk", "ru", "en")


# The public pages that list an owner's consultations (a council's, a government body's) show this topic.
SURVEYS_TOPIC = "surveys"


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = E.MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision, code: str) -> None:
    if not decision:
        raise DomainError(code, decision.reason)


def _save(obj, by, **clean) -> None:
    try:
        obj.full_clean(**clean)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=None if field == "__all__" else field) from exc
    obj._history_user = by
    obj.save()


def _forget(user) -> None:
    """Drop the per-request caches of permissions.py after the team changes."""
    for key in ("_survey_roles",):
        user.__dict__.pop(key, None)


def owners_of(user) -> dict[str, list]:
    """Whom this person may make a survey for: the organisations they act for, the councils they are secretary
    of, the bodies they are an officer of."""
    return {
        "organisation": list(
            Organisation.objects.filter(pk__in=acting_organisations(user)).order_by("name_ru")
        ),
        "council": list(Council.objects.filter(pk__in=_secretary_councils(user)).order_by("pk")),
        "body": list(GovernmentBody.objects.filter(pk__in=officer_bodies(user)).order_by("name_ru")),
    }


def _may_own(user, owner) -> bool:
    if is_platform_admin(user):
        return True
    if isinstance(owner, Organisation):
        return owner.pk in acting_organisations(user)
    if isinstance(owner, Council):
        return owner.pk in _secretary_councils(user)
    if isinstance(owner, GovernmentBody):
        return owner.pk in officer_bodies(user)
    return False


def _modes(modes) -> list[str]:
    chosen = set(modes or [])
    return [mode for mode in Survey.Mode.values if mode in chosen]


# The survey.


@transaction.atomic
def survey_create(
    *,
    by,
    owner,
    title: str,
    description: str = "",
    purpose: str = Survey.Purpose.NEEDS,
    languages=("kk", "ru"),
    modes=(Survey.Mode.OPEN,),
    campaign: Campaign | None = None,
) -> Survey:
    """Make a survey for an organisation, a council or a body `by` acts for; `by` becomes its manager. Its first
    version is an empty form in the chosen languages, for the editor or an XLSForm upload to fill."""
    _require(can_create_survey(by), E.NOT_OWNER)
    if owner is None:
        raise _error(E.NO_OWNER, "owner")
    if not _may_own(by, owner):
        raise _error(E.NOT_OWNER, "owner")
    if campaign is not None and not (
        isinstance(owner, Organisation) and campaign.organisation_id == owner.pk
    ):
        raise _error(E.CAMPAIGN_ELSEWHERE, "owner")
    modes = _modes(modes)
    if not modes:
        raise _error(E.NO_MODES, "modes")
    languages = [lang for lang in LANGUAGES if lang in set(languages or [])] or ["ru"]
    survey = Survey(
        title=(title or "").strip(),
        description=(description or "").strip(),
        purpose=purpose,
        modes=modes,
        campaign=campaign,
        created_by=by,
        organisation=owner if isinstance(owner, Organisation) else None,
        council=owner if isinstance(owner, Council) else None,
        body=owner if isinstance(owner, GovernmentBody) else None,
    )
    _save(survey, by)
    _save(SurveyMember(survey=survey, user=by, role=SurveyMember.Role.MANAGER), by)
    version = SurveyVersion(
        survey=survey,
        number=1,
        definition={
            "title": {lang: survey.title for lang in languages},
            "languages": languages,
            "children": [],
            "choices": {},
        },
        created_by=by,
    )
    version.save()
    _forget(by)
    topics_bump(SURVEYS_TOPIC)
    return survey


def _region_question(survey: Survey, name: str) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    version = survey.current_version()
    node = d.find(version.definition, name) if version else None
    if node is None or node["type"] != "select_one":
        raise _error(E.REGION_QUESTION, "region_question")
    return name


@transaction.atomic
def survey_update(*, survey: Survey, by, loaded_at=None, **fields) -> Survey:
    """The settings: title, purpose, modes, dates, who sees the results, the messages, the data-quality rule.
    `loaded_at`: when they were last saved as the page was loaded; settings saved since (another manager, another
    tab) are not overwritten (core.edits)."""
    _require(can_manage_survey(by, survey), E.NOT_MANAGER)
    edits.require_unchanged(survey, loaded_at, by=by)
    opens = fields.get("opens_at", survey.opens_at)
    closes = fields.get("closes_at", survey.closes_at)
    if opens and closes and closes <= opens:
        raise _error(E.DATES_ORDER, "closes_at")
    if "modes" in fields:
        fields["modes"] = _modes(fields["modes"])
        if not fields["modes"]:
            raise _error(E.NO_MODES, "modes")
    if "region_question" in fields:
        fields["region_question"] = _region_question(survey, fields["region_question"])
    for name, value in fields.items():
        if name in SETTINGS_FIELDS:
            setattr(survey, name, value.strip() if isinstance(value, str) else value)
    _save(survey, by)
    # Who sees the results may have changed: the cached public report must not outlive it; nor the owner's page
    # listing it (its title, whether it is listed).
    topics_bump(f"survey:{survey.pk}:report", SURVEYS_TOPIC)
    return survey


def has_questions(survey: Survey) -> bool:
    version = survey.current_version()
    return bool(version and d.questions(version.definition))


# Status: one table of the transitions, each step a service.
STEPS = {
    "open": (Survey.Status.DRAFT, Survey.Status.OPEN),
    "close": (Survey.Status.OPEN, Survey.Status.CLOSED),
    "reopen": (Survey.Status.CLOSED, Survey.Status.OPEN),
}


@transaction.atomic
def survey_status(*, survey: Survey, by, step: str) -> Survey:
    """Open a draft for responses (it needs a form with a question), close it, reopen a closed one."""
    _require(can_manage_survey(by, survey), E.NOT_MANAGER)
    if step not in STEPS:
        raise _error(E.UNKNOWN_STEP)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    before, after = STEPS[step]
    if survey.status != before:
        raise _error(E.WRONG_STATUS, status=survey.get_status_display())
    if after == Survey.Status.OPEN and not has_questions(survey):
        raise _error(E.NO_QUESTIONS)
    survey.status = after
    _save(survey, by)
    topics_bump(SURVEYS_TOPIC)  # a council's and a body's page list their open consultations
    return survey


# The team.


@transaction.atomic
def team_add(*, survey: Survey, by, email: str, role: str = SurveyMember.Role.ANALYST) -> SurveyMember:
    """Add a registered person by email as a manager or an analyst."""
    _require(can_manage_survey(by, survey), E.NOT_MANAGER)
    if role not in SurveyMember.Role.values:
        raise _error(E.UNKNOWN_ROLE, "role")
    email = (email or "").strip()
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise _error(E.UNKNOWN_PERSON, "email", email=email)
    if survey.team.filter(user=user).exists():
        raise _error(E.ALREADY_TEAM, "email", email=email)
    member = SurveyMember(survey=survey, user=user, role=role)
    _save(member, by)
    _forget(user)
    return member


def _other_managers(member: SurveyMember) -> bool:
    """Whether the survey keeps a manager on its team without this member (true when the member is not one)."""
    if member.role != SurveyMember.Role.MANAGER:
        return True
    return member.survey.team.filter(role=SurveyMember.Role.MANAGER).exclude(pk=member.pk).exists()


@transaction.atomic
def team_update(*, member: SurveyMember, by, role: str) -> SurveyMember:
    _require(can_manage_survey(by, member.survey), E.NOT_MANAGER)
    if role not in SurveyMember.Role.values:
        raise _error(E.UNKNOWN_ROLE, "role")
    if role != SurveyMember.Role.MANAGER and not _other_managers(member):
        raise _error(E.LAST_MANAGER, "role")
    if role == member.role:
        return member
    member.role = role
    _save(member, by)
    _forget(member.user)
    return member


@transaction.atomic
def team_remove(*, member: SurveyMember, by) -> None:
    _require(can_manage_survey(by, member.survey), E.NOT_MANAGER)
    if not _other_managers(member):
        raise _error(E.LAST_MANAGER)
    member._history_user = by
    member.delete()
    _forget(member.user)
