"""Every list page makes as many queries for 2N rows as for N: no N+1 anywhere.

Each case builds rows that the list shows (varied: different regions, bodies, organisations, so a per-object
query cannot hide behind one shared related row), counts the queries of one request, builds as many again
and counts again. The counts must be equal. The API lists are in test_api_list_queries.py.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.registry.models import ActivityArea
from azamat.testing.factories import OrganisationFactory

# Importing each module's pages registers their cases too.
from tests.queries import (
    accountability_control_pages,
    accountability_item_pages,
    accountability_pages,
    appeals_pages,
    campaigns_pages,
    councils_kpi_pages,
    councils_pages,
    monitoring_admin_pages,
    monitoring_casework_pages,
    monitoring_elections_pages,
    monitoring_public_pages,
    monitoring_records_pages,
    petitions_pages,
    problems_pages,
    registry_documents_pages,
    registry_reports_pages,
    registry_stats_pages,
    surveys_analysis_pages,
    surveys_collect_pages,
    surveys_forms_pages,
    surveys_pages,
    voting_pages,
)
from tests.queries.grants_pages import _operator_queue, projects_of
from tests.queries.support import (
    PAGE_CASES,
    SERIALS,
    _api_bodies,
    _api_calls,
    _api_organisations,
    application_of,
    assert_flat,
    make_operator,
    other_region,
    page_case,
    shared_call,
)

pytestmark = pytest.mark.django_db


@page_case("directory", persona=None, url=lambda ctx: reverse("registry:directory"))
def _directory(k, ctx):
    rows = _api_organisations(k)
    return [organisation.name_ru for organisation, _bin in rows]


@page_case("government bodies", persona=None, url=lambda ctx: reverse("registry:bodies"))
def _bodies(k, ctx):
    """Republican ministries named to come first in every language's list (the page shows republican bodies and
    ministries first), each under a parent and in a region of its own, so neither can hide behind a shared row."""
    from azamat.registry.models import GovernmentBody

    parent = GovernmentBody.objects.get(code="mci")
    names = []
    for _n in range(k):
        serial = next(SERIALS)
        body = GovernmentBody.objects.create(
            code=f"body-{serial}",
            name_kk=f"0 {serial} министрлік",
            name_ru=f"0 {serial} министерство",
            name_en=f"0 {serial} ministry",
            kind="ministry",
            level="republican",
            region=other_region(serial),
            parent=parent,
        )
        names.append(body.name_en)
    return names


@page_case(
    "members of an organisation",
    persona="alice",
    url=lambda ctx: reverse("registry:organisation_members", args=[ctx["ngo"].bin]),
)
def _members(k, ctx):
    from azamat.registry.models import Membership
    from azamat.testing.factories import MembershipFactory

    rows = []
    for n in range(k):
        status = Membership.Status.PENDING if n % 2 else Membership.Status.ACTIVE
        rows.append(MembershipFactory(organisation=ctx["ngo"], status=status).user.email)
    return rows


@page_case("workspace", persona="alice", url=lambda ctx: reverse("accounts:dashboard"))
def _workspace(k, ctx):
    from azamat.registry.models import Membership
    from azamat.testing.factories import MembershipFactory

    rows = []
    for n in range(k):
        organisation = OrganisationFactory(region=other_region(n))
        role = Membership.Role.ADMIN if n % 2 else Membership.Role.MEMBER
        MembershipFactory(user=ctx["alice"], organisation=organisation, role=role)
        rows.append(organisation.name_ru)
    return rows


@page_case("profile and API tokens", persona="alice", url=lambda ctx: reverse("accounts:profile"))
def _profile(k, ctx):
    from azamat.accounts.api_tokens import api_token_create

    return [
        api_token_create(user=ctx["alice"], name=f"Token {next(SERIALS)}", lifetime_days=30)[0].name
        for _ in range(k)
    ]


@page_case("home", persona=None, url=lambda ctx: reverse("core:home"))
def _home(k, ctx):
    _api_organisations(k)
    calls = _api_calls(k)  # open now: listed on the home page (up to grants.home.OPEN_CALLS_SHOWN, 2N here)
    for _ in range(k):  # calls with published results and awarded grants: the latest results and the totals
        serial = next(SERIALS)
        decided = CallFactory(
            code=f"q-home-results-{serial}",
            closes_at=timezone.now() - datetime.timedelta(days=serial),
            results_published=True,
        )
        application_of(decided, Application.Status.AWARDED, serial)
    # figures, the regions with most organisations and the open calls
    return [call.title_en for call, _code in calls]


@page_case(
    "a government body's subordinate bodies",
    persona=None,
    url=lambda ctx: reverse("registry:body", args=["mci"]),
)
def _body_children(k, ctx):
    return [body.name_ru for body, _code in _api_bodies(k)]


@page_case(
    "an organisation's people",
    persona="alice",
    url=lambda ctx: reverse("registry:organisation", args=[ctx["ngo"].bin]),
)
def _organisation_people(k, ctx):
    from azamat.testing.factories import MembershipFactory, UserFactory

    return [
        MembershipFactory(
            organisation=ctx["ngo"], user=UserFactory(full_name=f"Член Номер{next(SERIALS)}")
        ).user.full_name
        for _ in range(k)
    ]


@page_case(
    "an organisation's grant outcomes",
    persona=None,
    url=lambda ctx: reverse("registry:organisation", args=[ctx["ngo"].bin]),
)
def _organisation_outcomes(k, ctx):
    from azamat.grants.tests.test_projects import make_project

    rows = []
    for n in range(k):
        serial = next(SERIALS)
        if n % 2:  # not awarded, in a call of its own whose results are published
            call = CallFactory(results_published=True)
            application = ApplicationFactory(
                direction=DirectionFactory(call=call, region=other_region(serial)),
                call=call,
                organisation=ctx["ngo"],
                status=Application.Status.NOT_AWARDED,
                title=f"Жоба нәтижесі {serial}",
            )
            rows.extend([application.title, call.title_en])
        else:
            project = make_project(
                organisation=ctx["ngo"], operator=ctx["operator"], amount=Decimal("2000000.00") + serial
            )
            rows.extend([project.agreement_number, project.application.call.title_en])
    return rows


@page_case(
    "an organisation's history",
    persona="alice",
    url=lambda ctx: reverse("registry:organisation_history", args=[ctx["ngo"].bin]),
)
def _organisation_history(k, ctx):
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        ctx["ngo"].address = f"Ақтау, {serial} шағын аудан"
        ctx["ngo"].staff_count = serial
        ctx["ngo"].save()
        area = ActivityArea.objects.order_by("code")[serial % 5]
        ctx["ngo"].areas.set([area])  # areas are kept in history as a many-to-many
        rows.append(ctx["ngo"].address)
        rows.append(area.name_en)  # the page is read in English
        # Its people's changes too: one joins, then is made an administrator.
        from azamat.registry.models import Membership
        from azamat.testing.factories import MembershipFactory, UserFactory

        membership = MembershipFactory(
            organisation=ctx["ngo"], user=UserFactory(full_name=f"Person {serial}")
        )
        membership.role = Membership.Role.ADMIN
        membership.save()
        rows.append(f"Membership of Person {serial}")
    return rows


@page_case("ranking", persona="operator", url=lambda ctx: reverse("grants:ranking", args=["queries-call"]))
def _ranking(k, ctx):
    call = shared_call(ctx)
    if "direction" not in ctx:  # one direction: its ranking is the list
        ctx["direction"] = DirectionFactory(call=call, planned_grants=2)
    direction = ctx["direction"]
    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        application = ApplicationFactory(
            direction=direction,
            call=call,
            status=Application.Status.REVIEWED,
            organisation=OrganisationFactory(region=other_region(serial)),
            number=f"KZ-2026-r-{serial:05d}",
            final_score=Decimal(50 + serial % 40),
            submitted_at=timezone.now(),
        )
        rows.append(application.number)
    return rows


@page_case(
    "a draw",
    persona=None,
    url=lambda ctx: reverse("grants:draw", args=["queries-call", ctx["draw_for_page"].pk]),
)
def _draw(k, ctx):
    from azamat.grants.factories import ExpertFactory
    from azamat.grants.models import Assignment

    call = shared_call(ctx)
    rows = []
    for _ in range(k):
        application = application_of(call, Application.Status.COMPLIANT, next(SERIALS))
        first = Assignment.objects.create(
            application=application,
            expert=ExpertFactory(),
            draw=ctx["draw_for_page"],
            status=Assignment.Status.RECUSED,
        )
        Assignment.objects.create(
            application=application, expert=ExpertFactory(), draw=ctx["draw_for_page"], replaces=first
        )
        rows.append(application.number)
    return rows


# The operator's downloads (issue 7): read as CSV, each row's text is in the file as on the page.


@page_case(
    "compliance queue as CSV",
    persona="operator",
    url=lambda ctx: reverse("grants:operator_queue_download", args=["csv"]),
)
def _operator_queue_csv(k, ctx):
    return _operator_queue(k, ctx)


@page_case(
    "ranking as CSV",
    persona="operator",
    url=lambda ctx: reverse("grants:ranking_download", args=["queries-call", "csv"]),
)
def _ranking_csv(k, ctx):
    return _ranking(k, ctx)


def _expert_load_rows(k, ctx):
    from azamat.grants.factories import ExpertFactory
    from azamat.grants.models import Assignment
    from azamat.testing.factories import UserFactory

    call = shared_call(ctx)
    rows = []
    for n in range(k):
        serial = next(SERIALS)
        expert = ExpertFactory(user=UserFactory(full_name=f"Эксперт Жүктеме{serial}"))
        application = application_of(call, Application.Status.COMPLIANT, serial)
        status = [Assignment.Status.ASSIGNED, Assignment.Status.SUBMITTED, Assignment.Status.RECUSED][n % 3]
        Assignment.objects.create(application=application, expert=expert, status=status)
        rows.append(expert.user.full_name)
    return rows


@page_case(
    "experts' loads",
    persona="operator",
    url=lambda ctx: reverse("grants:expert_loads", args=["queries-call"]),
)
def _expert_loads(k, ctx):
    return _expert_load_rows(k, ctx)


@page_case(
    "experts' loads as CSV",
    persona="operator",
    url=lambda ctx: reverse("grants:expert_loads_download", args=["queries-call", "csv"]),
)
def _expert_loads_csv(k, ctx):
    return _expert_load_rows(k, ctx)


@page_case(
    "late payments as CSV",
    persona="operator",
    url=lambda ctx: reverse("grants:late_payments_download", args=["csv"]),
)
def _late_payments_csv(k, ctx):
    from azamat.grants.services.projects import payment_record

    rows = []
    for project in projects_of(k, ctx):
        tranche = project.tranches.get(number=1)
        payment_record(
            tranche=tranche,
            amount=tranche.amount,
            paid_on=tranche.due_on + datetime.timedelta(days=9),
            by=ctx["operator"],
        )
        rows.append(project.agreement_number)
    return rows


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_list_page_queries_do_not_grow_with_rows(client, name, ngo, alice, carol):
    from azamat.grants.factories import ExpertFactory

    persona, url, build = PAGE_CASES[name]
    ctx = {"ngo": ngo, "alice": alice, "carol": carol, "operator": make_operator()}
    ctx["expert"] = ExpertFactory()
    if name == "a draw":  # the page's address names the draw, so it exists before its rows
        from azamat.grants.models import Draw

        ctx["draw_for_page"] = Draw.objects.create(call=shared_call(ctx), method="random", seed="page")
    if name == "a sitting's agenda":  # the page's address names the sitting, so it exists before its rows
        from azamat.grants.models import Commission, Sitting

        commission = Commission.objects.create(call=shared_call(ctx))
        ctx["sitting_for_page"] = Sitting.objects.create(commission=commission, starts_at=timezone.now())
    if persona:
        client.force_login(ctx[persona] if persona != "expert" else ctx["expert"].user)
    rows = {}

    def built(k):
        made = build(k, ctx)
        rows[len(rows)] = made
        return made

    assert_flat(client, url(ctx), built, marker=lambda text: str(text))


# --- Every page declares whether it lists rows -------------------------------------------------------------------
# A new page fails the test below until it is named here: with its query-count case above when it shows rows
# that grow with the data, or in NOT_LISTS with why its query count cannot grow.

LIST_PAGES = {
    "registry:directory": "directory",
    "registry:bodies": "government bodies",
    "registry:body": "a government body's subordinate bodies",
    "registry:organisation": ("an organisation's people", "an organisation's grant outcomes"),
    "registry:organisation_members": "members of an organisation",
    "registry:organisation_history": "an organisation's history",
    "grants:calls": ("calls", "call drafts"),
    "grants:call": "a call's directions",
    "grants:applications": "applications",
    "grants:operator_queue": "operator queue",
    "grants:expert_register": "expert register",
    "grants:similarity": "similarity",
    "grants:call_assignment": "assignment of experts",
    "grants:ranking": "ranking",
    "grants:draw": "a draw",
    "grants:expert_home": "expert home",
    "grants:commission_home": "commission home",
    "grants:projects": "projects",
    "grants:operator_payments": "payments",
    "grants:dashboard": "evaluation dashboard",
    "grants:call_results": "results of a call",
    "grants:open_data": "open data",
    "accounts:dashboard": "workspace",
    "accounts:profile": "profile and API tokens",
    "core:home": "home",
    "grants:sitting": "a sitting's agenda",
    "grants:operator_queue_download": "compliance queue as CSV",
    "grants:ranking_download": "ranking as CSV",
    "grants:expert_loads": "experts' loads",
    "grants:expert_loads_download": "experts' loads as CSV",
    "grants:late_payments_download": "late payments as CSV",
}

ONE_RECORD = "one record and its own bounded parts (sections, a handful of lines), not a list of records"
FORM_OR_ACTION = "a form or an action: it shows no list of records"
NOT_LISTS = {
    "core:healthz": "a fixed text",
    "registry:organisation_register": FORM_OR_ACTION,
    "registry:organisation_edit": FORM_OR_ACTION,
    "registry:organisation_join": FORM_OR_ACTION,
    "grants:call_apply": FORM_OR_ACTION,
    "grants:call_new": FORM_OR_ACTION,
    "grants:call_edit": FORM_OR_ACTION,
    "grants:direction_new": FORM_OR_ACTION,
    "grants:direction_edit": FORM_OR_ACTION,
    "grants:call_publish": FORM_OR_ACTION,
    "grants:call_close": FORM_OR_ACTION,
    "grants:call_results_publish": FORM_OR_ACTION,
    "grants:application_decide": FORM_OR_ACTION,
    "grants:direction_comment": FORM_OR_ACTION,
    "grants:application": ONE_RECORD,
    "grants:application_project": ONE_RECORD,
    "grants:application_activities": ONE_RECORD + " (at most 100 activities, the formset's cap)",
    "grants:application_budget": ONE_RECORD + " (at most 100 budget lines, the formset's cap)",
    "grants:application_indicators": ONE_RECORD + " (at most 100 indicators, the formset's cap)",
    "grants:application_attachment_upload": FORM_OR_ACTION,
    "grants:application_attachment": "a file download",
    "grants:application_attachment_delete": FORM_OR_ACTION,
    "grants:application_submit": FORM_OR_ACTION,
    "grants:application_save": ONE_RECORD + " (the editor's one form; each table capped by its formset)",
    "grants:application_autosave": ONE_RECORD + " (one section; a status line)",
    "grants:application_pdf": "a file download",
    "grants:application_withdraw": FORM_OR_ACTION,
    "grants:application_clarification": FORM_OR_ACTION,
    "grants:application_versions": ONE_RECORD + " (its versions, compared two at a time)",
    "grants:similarity_flag": ONE_RECORD + " (two applications side by side)",
    "grants:similarity_reviewed": FORM_OR_ACTION,
    "grants:compliance_check": ONE_RECORD,
    "grants:blind_correct": FORM_OR_ACTION,
    "grants:assignment_change": FORM_OR_ACTION,
    "grants:expert_declaration": "a form, and the expert's own declared ties: a handful per person",
    "grants:expert_assignment": ONE_RECORD,
    "grants:expert_recuse": FORM_OR_ACTION,
    "grants:commission_manage": ONE_RECORD + " (a commission of at most a dozen members)",
    "grants:commission_member_add": FORM_OR_ACTION,
    "grants:commission_member_remove": FORM_OR_ACTION,
    "grants:commission_secretary": FORM_OR_ACTION,
    "grants:sitting_schedule": FORM_OR_ACTION,
    "grants:commission_declaration": ONE_RECORD,
    "grants:sitting_agenda": FORM_OR_ACTION,
    "grants:sitting_attendance": FORM_OR_ACTION,
    "grants:sitting_close": FORM_OR_ACTION,
    "grants:sitting_protocol": "a file download",
    "grants:agenda_item_vote": FORM_OR_ACTION,
    "grants:agenda_item_recuse": FORM_OR_ACTION,
    "grants:agenda_item_decide": FORM_OR_ACTION,
    "grants:project": ONE_RECORD,
    "grants:project_report": ONE_RECORD,
    "grants:project_report_review": FORM_OR_ACTION,
    "grants:project_report_file": "a file download",
    "grants:project_create": FORM_OR_ACTION,
    "grants:open_data_download": "a file download (measured in bench/, served from the cache)",
    "accounts:token_create": FORM_OR_ACTION,
    "accounts:token_revoke": FORM_OR_ACTION,
    "set_language": FORM_OR_ACTION,
}
# The later modules declare their pages in their own files.
for _module in (
    accountability_pages,
    appeals_pages,
    campaigns_pages,
    accountability_control_pages,
    accountability_item_pages,
    councils_pages,
    monitoring_admin_pages,
    monitoring_casework_pages,
    monitoring_elections_pages,
    monitoring_public_pages,
    monitoring_records_pages,
    councils_kpi_pages,
    petitions_pages,
    problems_pages,
    registry_documents_pages,
    registry_reports_pages,
    registry_stats_pages,
    surveys_analysis_pages,
    surveys_collect_pages,
    surveys_forms_pages,
    surveys_pages,
    voting_pages,
):
    LIST_PAGES.update(getattr(_module, "LIST_PAGES", {}))
    NOT_LISTS.update(getattr(_module, "NOT_LISTS", {}))
SKIPPED_PREFIXES = ("admin/", "accounts/", "api/", "media/")  # the admin, allauth, the API (above), logos


def _page_names() -> set[str]:
    from tests.url_patterns import url_patterns

    return {name for name, route in url_patterns() if not route.startswith(SKIPPED_PREFIXES)}


def test_every_page_declares_whether_it_lists_rows():
    pages = _page_names()
    undeclared = sorted(pages - set(LIST_PAGES) - set(NOT_LISTS))
    assert not undeclared, (
        f"pages neither in LIST_PAGES (with a query-count case) nor in NOT_LISTS (with the reason): {undeclared}"
    )
    assert not set(LIST_PAGES) & set(NOT_LISTS)
    # A page listing several kinds of rows (a profile's people and its grants) names a case for each.
    claimed = {
        case for cases in LIST_PAGES.values() for case in ((cases,) if isinstance(cases, str) else cases)
    }
    assert sorted(claimed - set(PAGE_CASES)) == [], "LIST_PAGES names a case that does not exist"
    assert sorted(set(PAGE_CASES) - claimed) == [], "a query-count case no page claims"
    stale = sorted((set(LIST_PAGES) | set(NOT_LISTS)) - pages)
    assert not stale, f"declared pages that no longer exist: {stale}"
