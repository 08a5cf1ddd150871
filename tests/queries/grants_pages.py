"""The query-count cases of the grants module's pages (calls, applications, the operator's and experts' lists,
the commission, projects, the dashboard, results, open data), registered into `PAGE_CASES` on import."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.registry.models import ActivityArea
from azamat.testing.factories import OrganisationFactory
from tests.queries.support import (
    SERIALS,
    _api_awarded,
    _api_calls,
    application_of,
    other_region,
    page_case,
    shared_call,
)


@page_case("calls", persona=None, url=lambda ctx: reverse("grants:calls"))
def _calls(k, ctx):
    return [call.title_en for call, _code in _api_calls(k)]


@page_case("call drafts", persona="operator", url=lambda ctx: reverse("grants:calls"))
def _call_drafts(k, ctx):
    return [CallFactory(code=f"q-draft-{next(SERIALS)}", published=False).title_en for _ in range(k)]


@page_case("a call's directions", persona=None, url=lambda ctx: reverse("grants:call", args=["queries-call"]))
def _call_directions(k, ctx):
    call = shared_call(ctx)
    return [
        DirectionFactory(
            call=call, title_en=f"Direction {next(SERIALS)}", region=other_region(n), position=n
        ).title_en
        for n in range(k)
    ]


@page_case("applications", persona="alice", url=lambda ctx: reverse("grants:applications"))
def _applications(k, ctx):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        call = CallFactory(code=f"q-apps-{serial}")
        rows.append(
            ApplicationFactory(
                direction=DirectionFactory(call=call),
                call=call,
                organisation=ctx["ngo"],
                title=f"Application {serial}",
            ).title
        )
    return rows


@page_case("operator queue", persona="operator", url=lambda ctx: reverse("grants:operator_queue"))
def _operator_queue(k, ctx):
    now = timezone.now()
    call = shared_call(
        ctx, opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=3)
    )
    return [application_of(call, Application.Status.SUBMITTED, next(SERIALS)).number for _ in range(k)]


@page_case("expert register", persona="operator", url=lambda ctx: reverse("grants:expert_register"))
def _expert_register(k, ctx):
    from azamat.grants.factories import ExpertFactory
    from azamat.testing.factories import UserFactory

    rows = []
    areas = list(ActivityArea.objects.order_by("code")[:3])
    for _ in range(k):
        serial = next(SERIALS)
        expert = ExpertFactory(user=UserFactory(full_name=f"Эксперт Номер{serial}"))
        expert.areas.set(areas[: 1 + serial % 3])
        rows.append(expert.user.full_name)
    return rows


@page_case("similarity", persona="operator", url=lambda ctx: reverse("grants:similarity"))
def _similarity(k, ctx):
    from azamat.grants.models import SimilarityFlag

    call = shared_call(ctx)
    rows = []
    for _ in range(k):
        first = application_of(call, Application.Status.SUBMITTED, next(SERIALS))
        second = application_of(call, Application.Status.SUBMITTED, next(SERIALS))
        SimilarityFlag.objects.create(application=second, similar_to=first, score=Decimal("0.9"))
        rows.append(second.number)
    return rows


@page_case(
    "assignment of experts",
    persona="operator",
    url=lambda ctx: reverse("grants:call_assignment", args=["queries-call"]),
)
def _assignment(k, ctx):
    from azamat.grants.factories import ExpertFactory
    from azamat.grants.models import Assignment, Draw

    call = shared_call(ctx)
    if "draw" not in ctx:
        ctx["draw"] = Draw.objects.create(call=call, method="random", seed="queries")
    draw = ctx["draw"]
    rows = []
    for _ in range(k):
        application = application_of(call, Application.Status.COMPLIANT, next(SERIALS))
        for _n in range(2):
            Assignment.objects.create(application=application, expert=ExpertFactory(), draw=draw)
        rows.append(application.number)
    return rows


@page_case("expert home", persona="expert", url=lambda ctx: reverse("grants:expert_home"))
def _expert_home(k, ctx):
    from azamat.grants.models import Assignment, DeclarationConfirmation

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        call = CallFactory(code=f"q-expert-{serial}", title_en=f"Expert call {serial}")
        DeclarationConfirmation.objects.create(person=ctx["expert"].user, call=call)
        application = application_of(call, Application.Status.COMPLIANT, serial)
        Assignment.objects.create(application=application, expert=ctx["expert"])
        rows.append(application.number)
    return rows


@page_case("commission home", persona="carol", url=lambda ctx: reverse("grants:commission_home"))
def _commission_home(k, ctx):
    from azamat.grants.models import Commission, CommissionMember, DeclarationConfirmation, Sitting

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        call = CallFactory(code=f"q-commission-{serial}", title_en=f"Commission call {serial}")
        commission = Commission.objects.create(call=call)
        CommissionMember.objects.create(commission=commission, user=ctx["carol"], side="public")
        if serial % 2:
            DeclarationConfirmation.objects.create(person=ctx["carol"], call=call)
        Sitting.objects.create(
            commission=commission, starts_at=timezone.now() + datetime.timedelta(days=serial)
        )
        rows.append(call.title_en)
    return rows


@page_case(
    "a sitting's agenda",
    persona="operator",
    url=lambda ctx: reverse("grants:sitting", args=[ctx["sitting_for_page"].pk]),
)
def _sitting_agenda(k, ctx):
    from azamat.grants.models import AgendaItem

    rows = []
    call = shared_call(ctx)
    for _ in range(k):
        serial = next(SERIALS)
        application = application_of(call, "reviewed", serial)
        AgendaItem.objects.create(
            sitting=ctx["sitting_for_page"], application=application, rank=serial, recommendation="support"
        )
        rows.append(application.number)
    return rows


def projects_of(k, ctx):
    from azamat.grants.tests.test_projects import make_project

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        project = make_project(
            organisation=OrganisationFactory(region=other_region(serial)),
            operator=ctx["operator"],
            amount=Decimal("1000000.00") + serial,
        )
        rows.append(project)
    return rows


@page_case("projects", persona="operator", url=lambda ctx: reverse("grants:projects"))
def _projects(k, ctx):
    return [project.agreement_number for project in projects_of(k, ctx)]


@page_case("payments", persona="operator", url=lambda ctx: reverse("grants:operator_payments"))
def _payments(k, ctx):
    return [project.agreement_number for project in projects_of(k, ctx)]


@page_case("evaluation dashboard", persona=None, url=lambda ctx: reverse("grants:dashboard"))
def _dashboard(k, ctx):
    projects_of(k, ctx)
    return []  # the dashboard shows totals, not rows


@page_case(
    "results of a call", persona=None, url=lambda ctx: reverse("grants:call_results", args=["queries-call"])
)
def _results(k, ctx):
    call = shared_call(ctx, results_published=True)
    rows = []
    for n in range(k):
        status = Application.Status.AWARDED if n % 2 == 0 else Application.Status.NOT_AWARDED
        rows.append(application_of(call, status, next(SERIALS)).title)
    return rows


@page_case("open data", persona=None, url=lambda ctx: reverse("grants:open_data"))
def _open_data(k, ctx):
    _api_awarded(k)
    return []  # the page offers the downloads; the files are built elsewhere
