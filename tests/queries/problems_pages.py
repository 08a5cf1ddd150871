"""The query-count cases of the problem register: the register's list (with its areas and map), a problem's
page (its endorsements, evidence, legal acts and recommendations with the items they were sent as), the
and the API list, registered into `PAGE_CASES` and `API_CASES` on import. Rows vary:
different areas, regions, organisations and bodies. `LIST_PAGES` and `NOT_LISTS` declare the module's pages."""

from django.urls import reverse

from azamat.registry.models import GovernmentBody, Membership
from tests.queries.support import SERIALS, api_case, other_region, page_case

AREAS = ["partnership", "financing", "legislation", "state-support", "organisation", "reporting", "business"]


def _group():
    from azamat.accounts.models import PlatformRole, User
    from azamat.testing.factories import PlatformRoleFactory, UserFactory

    user = User.objects.filter(email="queries-group@example.kz").first()
    if user is None:
        user = UserFactory(email="queries-group@example.kz")
        PlatformRoleFactory(user=user, role=PlatformRole.Role.WORKING_GROUP)
    return user


def _organisation_admin(serial: int):
    from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory(region=other_region(serial))
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return organisation, user


def problems_of(k: int, *, register: bool = True) -> list:
    """k problems, each in its own area and filed for its own organisation in its own region, endorsed by
    another organisation; registered unless `register` is false."""
    from azamat.problems import services
    from azamat.problems.models import Area

    group = _group()
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        organisation, person = _organisation_admin(serial)
        problem = services.problem_propose(
            by=person,
            area=Area.objects.get(code=AREAS[serial % len(AREAS)]),
            title=f"Проблема номер {serial}",
            description="Описание",
            regions=[other_region(serial + 2)],
            organisation=organisation,
        )
        if register:
            services.problem_step(problem=problem, name="review", by=group)
            services.problem_step(problem=problem, name="register", by=group)
        other, other_person = _organisation_admin(serial + 1)
        services.endorsement_add(problem=problem, organisation=other, by=other_person, case=f"Кейс {serial}")
        rows.append(problem)
    return rows


@page_case("problem register", persona=None, url=lambda ctx: reverse("problems:register"))
def _register(k, ctx):
    return [problem.title for problem in problems_of(k)]


def _page_problem(ctx):
    if "problem_for_page" not in ctx:
        ctx["problem_for_page"] = problems_of(1)[0]
    return ctx["problem_for_page"]


def _body(serial: int) -> GovernmentBody:
    return GovernmentBody.objects.create(
        code=f"problems-body-{serial}",
        name_kk=f"Орган {serial}",
        name_ru=f"Орган {serial}",
        name_en=f"Body {serial}",
        kind="ministry",
        region=other_region(serial),
    )


@page_case(
    "a problem's page",
    persona=None,
    url=lambda ctx: reverse("problems:problem", args=[_page_problem(ctx).number]),
)
def _problem_page(k, ctx):
    """Endorsements, evidence, legal acts and recommendations sent to different bodies: each grows with k."""
    from azamat.problems import services

    problem, group = _page_problem(ctx), _group()
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        organisation, person = _organisation_admin(serial)
        services.endorsement_add(problem=problem, organisation=organisation, by=person, case=f"Кейс {serial}")
        services.evidence_add(problem=problem, by=group, kind="figure", text=f"Довод {serial}", figure="62%")
        services.legal_act_add(problem=problem, by=group, name=f"Закон {serial}", article="ст. 1")
        recommendation = services.recommendation_add(
            problem=problem, by=group, text=f"Рекомендация {serial}", body=_body(serial)
        )
        item = services.recommendation_send(recommendation=recommendation, by=group, quiet=True)
        rows += [organisation.name_ru, f"Довод {serial}", f"Закон {serial}", item.number]
    return rows


@api_case("problem")
def _api_problems(k):
    return [(problem, problem.number) for problem in problems_of(k)]


LIST_PAGES = {
    "problems:register": "problem register",
    "problems:problem": "a problem's page",
}
NOT_LISTS = {
    "problems:export": "a file download (PDF, DOCX, XLSX: the exports' own tests count their queries)",
    "problems:propose": "a form, with at most similar.LIMIT hints",
    "problems:similar": "at most similar.LIMIT hints (a bounded list)",
    "problems:edit": "a form or an action: it shows no list of records",
    "problems:step": "a form or an action: it shows no list of records",
    "problems:endorse": "a form or an action: it shows no list of records",
    "problems:evidence_add": "a form or an action: it shows no list of records",
    "problems:evidence_file": "a file download",
    "problems:legal_act_add": "a form or an action: it shows no list of records",
    "problems:recommendation_add": "a form or an action: it shows no list of records",
    "problems:recommendation_send": "a form or an action: it shows no list of records",
    "problems:merge": "a form or an action: it shows no list of records",
}
