"""The query-count cases of the survey workspace: the list (surveys open to everyone, one's own with their counts,
one's interviewer assignments), a survey's overview (its team and interviewers) and its team page, registered into
`PAGE_CASES` on import. Rows vary: different organisations, owners, regions. `LIST_PAGES` and `NOT_LISTS` declare
the part's pages."""

import copy

from django.urls import reverse

from tests.queries.support import SERIALS, other_region, page_case

FORM_OR_ACTION = "a form or an action: it shows no list of records"


def _survey(ctx):
    from azamat.testing import surveys_factories as sf

    if "workspace_survey" not in ctx:
        ctx["workspace_survey"] = sf.survey(
            by=ctx["alice"], organisation=ctx["ngo"], title="Опрос для подсчёта"
        )
    return ctx["workspace_survey"]


def _stranger_survey(serial: int, **fields):
    from azamat.registry.models import Membership
    from azamat.testing import surveys_factories as sf
    from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory(region=other_region(serial))
    person = UserFactory(full_name=f"Руководитель {serial}")
    MembershipFactory(user=person, organisation=organisation, role=Membership.Role.ADMIN, status="active")
    return sf.survey(by=person, organisation=organisation, **fields)


@page_case("surveys", persona="alice", url=lambda ctx: reverse("surveys:list"))
def _list(k, ctx):
    """Listed open surveys of other organisations, surveys Alice is on the team of (with responses, some
    flagged), surveys where she interviews."""
    from azamat.surveys.models import SurveyMember
    from azamat.testing import surveys_factories as sf

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        # Respondents read the form's title (in their language), not the team's working title.
        form = {
            **copy.deepcopy(sf.SAMPLE),
            "title": {lang: f"Открытый опрос {serial}" for lang in ("kk", "ru", "en")},
        }
        _stranger_survey(serial, title=f"Рабочее название {serial}", listed=True, definition=form)
        rows.append(f"Открытый опрос {serial}")
        serial = next(SERIALS)
        team = _stranger_survey(serial, title=f"Командный опрос {serial}")
        SurveyMember.objects.create(survey=team, user=ctx["alice"], role=SurveyMember.Role.ANALYST)
        sf.response(team, too_fast=serial % 2 == 0)
        rows.append(team.title)
        serial = next(SERIALS)
        interviewing = _stranger_survey(serial, title=f"Опрос с интервью {serial}")
        sf.assignment(
            interviewing, ctx["alice"], area=f"Участок интервью {serial}", region=other_region(serial)
        )
        rows.append(f"Участок интервью {serial}")
    return rows


@page_case(
    "a survey's overview", persona="alice", url=lambda ctx: reverse("surveys:survey", args=[_survey(ctx).pk])
)
def _overview(k, ctx):
    """Team members and interviewers with their assignments in different regions, versions."""
    from azamat.surveys.models import SurveyMember
    from azamat.testing import surveys_factories as sf
    from azamat.testing.factories import UserFactory

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        person = UserFactory(full_name=f"Аналитик Номер{serial}")
        SurveyMember.objects.create(survey=_survey(ctx), user=person, role=SurveyMember.Role.ANALYST)
        interviewer = UserFactory(full_name=f"Интервьюер Номер{serial}")
        work = sf.assignment(_survey(ctx), interviewer, area=f"Район {serial}", region=other_region(serial))
        sf.response(_survey(ctx), interviewer=interviewer, assignment=work, mode="interviewer")
        rows += [person.full_name, f"Район {serial}"]
    return rows


@page_case(
    "a survey's team", persona="alice", url=lambda ctx: reverse("surveys:team", args=[_survey(ctx).pk])
)
def _team(k, ctx):
    from azamat.surveys.models import SurveyMember
    from azamat.testing.factories import UserFactory

    rows = []
    for _ in range(k):
        person = UserFactory(full_name=f"Член Команды{next(SERIALS)}")
        SurveyMember.objects.create(survey=_survey(ctx), user=person, role=SurveyMember.Role.MANAGER)
        rows.append(person.full_name)
    return rows


LIST_PAGES = {
    "surveys:list": "surveys",
    "surveys:survey": "a survey's overview",
    "surveys:team": "a survey's team",
}
NOT_LISTS = {
    "surveys:new": FORM_OR_ACTION,
    "surveys:edit": FORM_OR_ACTION,
    "surveys:status": FORM_OR_ACTION,
    "surveys:team_member": FORM_OR_ACTION,
}
