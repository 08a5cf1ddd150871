"""Effectiveness of a project in exact numbers, and the dashboard's aggregates."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, grant_type
from azamat.grants.models import Application, Indicator
from azamat.grants.selectors.dashboard import (
    cached_dashboard,
    cached_dashboard_filters,
    cached_dashboard_page,
    dashboard,
    dashboard_charts,
)
from azamat.grants.selectors.evaluation import budget_execution, effectiveness, projects_for_evaluation
from azamat.grants.services.projects import payment_record, project_create
from azamat.grants.services.reports import report_approve, report_save, report_submit
from azamat.grants.tests.test_projects import at, award, awarded_application, make_operator, make_project
from azamat.registry.models import GovernmentBody, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return make_operator()


def fill_and_submit(report, by, *, actuals: dict, spent: tuple, on: datetime.date):
    application = report.project.application
    salaries, services = application.budget_lines.order_by("pk")
    indicators = {i.name: i.pk for i in application.indicators.all()}
    with time_machine.travel(at(on), tick=False):
        report_save(
            report=report,
            by=by,
            narrative="Жасалды.",
            public_summary="Нәтиже.",
            actuals={indicators[name]: value for name, value in actuals.items()},
            spent={salaries.pk: spent[0], services.pk: spent[1]},
        )
        report_submit(report=report, by=by)


def evaluated(project):
    return projects_for_evaluation().get(pk=project.pk)


def test_effectiveness_of_a_constructed_project(ngo, operator, bob):
    with time_machine.travel(at(datetime.date(2026, 1, 12)), tick=False):
        project = make_project(
            organisation=ngo,
            operator=operator,
            months=18,
            signed_on=datetime.date(2026, 1, 12),
            starts_on=datetime.date(2026, 1, 15),
        )
    Indicator.objects.create(
        application=project.application, name="Даярланған волонтерлер", unit="адам", target=50
    )
    first, second, final = project.reports.order_by("due_on")
    assert (first.kind, second.kind, final.kind) == ("interim", "interim", "final")
    # The first interim report: on time; the second: five days late.
    fill_and_submit(
        first,
        bob,
        actuals={"Кәсіби бағдар алған жастар": 90, "Даярланған волонтерлер": 20},
        spent=(Decimal(2000000), Decimal(1000000)),
        on=first.due_on,
    )
    with time_machine.travel(at(first.due_on + datetime.timedelta(days=3)), tick=False):
        report_approve(report=first, by=operator)
    fill_and_submit(
        second,
        bob,
        actuals={"Кәсіби бағдар алған жастар": 150, "Даярланған волонтерлер": 70},
        spent=(Decimal(5000000), Decimal(3000000)),
        on=second.due_on + datetime.timedelta(days=5),
    )
    with time_machine.travel(at(second.due_on + datetime.timedelta(days=10)), tick=False):
        report_approve(report=second, by=operator)
        advance, middle, _last = project.tranches.order_by("number")
        payment_record(
            tranche=advance,
            amount=advance.amount,
            paid_on=advance.due_on + datetime.timedelta(days=3),
            by=operator,
        )
        payment_record(tranche=middle, amount=middle.amount, paid_on=middle.due_on, by=operator)
    result = effectiveness(evaluated(project), today=second.due_on + datetime.timedelta(days=30))
    # Indicators from the latest approved report: 150/300 = 0.5 and 70/50 capped at 1.2 → mean 0.85.
    assert result["indicators"] == Decimal("85.0")
    # 8 million spent against 10 million × 12/18 months planned: 120% → 10 points beyond the tolerance × 2.
    assert (result["budget_ratio_percent"], result["budget"]) == (Decimal("120.0"), Decimal("80.0"))
    # Two reports due so far, one submitted on time.
    assert result["reports"] == Decimal("50.0")
    # The advance three days late, the second tranche on time; not counted in the score.
    assert result["payments"] == Decimal("50.0")
    # 85 × 0.4 + 80 × 0.3 + 50 × 0.3
    assert result["score"] == Decimal("73.0")
    assert result["weights"] == {"indicators": 40, "budget": 30, "reports": 30}
    assert (
        result["payment_stats"].count,
        result["payment_stats"].late,
        result["payment_stats"].days_late,
    ) == (2, 1, 3)


def test_missing_components_are_left_out_and_the_weights_scaled(ngo, operator, bob):
    project = make_project(
        organisation=ngo,
        operator=operator,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 2),
    )
    interim = project.reports.get(kind="interim")
    result = effectiveness(evaluated(project), today=datetime.date(2026, 9, 1))
    assert [result[k] for k in ("indicators", "budget", "reports", "payments", "score")] == [None] * 5
    result = effectiveness(evaluated(project), today=interim.due_on + datetime.timedelta(days=1))
    assert (result["reports"], result["score"]) == (Decimal("0.0"), Decimal("0.0"))
    fill_and_submit(
        interim,
        bob,
        actuals={"Кәсіби бағдар алған жастар": 400},
        spent=(Decimal(1), Decimal(1)),
        on=interim.due_on,
    )
    result = effectiveness(evaluated(project), today=interim.due_on + datetime.timedelta(days=1))
    assert (result["indicators"], result["reports"], result["score"]) == (
        None,
        Decimal("100.0"),
        Decimal("100.0"),
    )
    report_approve(report=interim, by=operator)
    result = effectiveness(evaluated(project), today=interim.due_on + datetime.timedelta(days=1))
    # 400 of 300 counts as 120%, and the component is at most 100; 2 ₸ of 5 million planned scores 0.
    assert (result["indicators"], result["budget"]) == (Decimal("100.0"), Decimal("0.0"))
    assert result["score"] == Decimal("70.0")  # (100 × 0.4 + 0 × 0.3 + 100 × 0.3) / 1


@pytest.mark.parametrize(
    ("ratio", "score"),
    [
        ("1", "100"),
        ("0.9", "100"),
        ("1.1", "100"),
        ("0.75", "70"),
        ("1.25", "70"),
        ("0.5", "20"),
        ("0.4", "0"),
        ("0", "0"),
    ],
)
def test_budget_execution_penalises_both_ways(ratio, score):
    assert budget_execution(Decimal(ratio)) == Decimal(score)


# The dashboard.


@pytest.fixture
def grants_landscape(ngo, operator, bob):
    mangystau = Region.objects.get(kato="470000000")
    call_a = CallFactory(
        customer=GovernmentBody.objects.get(code="mci-civil-society"),
        results_published=True,
        grant_type=grant_type("medium-term"),
        opens_at=at(datetime.date(2026, 2, 1)),
        closes_at=at(datetime.date(2026, 2, 28)),
    )
    direction_a = DirectionFactory(call=call_a, region=mangystau)
    mfa = GovernmentBody.objects.get(code="mfa")
    call_b = CallFactory(
        customer=mfa,
        results_published=True,
        opens_at=at(datetime.date(2025, 3, 1)),
        closes_at=at(datetime.date(2025, 3, 30)),
    )
    direction_b = DirectionFactory(call=call_b, title_kk="Экология", title_ru="Экология", title_en="Ecology")
    call_c = CallFactory(
        customer=mfa, opens_at=at(datetime.date(2026, 5, 1)), closes_at=at(datetime.date(2026, 5, 30))
    )
    direction_c = DirectionFactory(call=call_c)
    for direction, status in [
        (direction_a, "not_awarded"),
        (direction_a, "reviewed"),
        (direction_a, "rejected"),
        (direction_a, "draft"),
        (direction_a, "withdrawn"),
        (direction_b, "not_awarded"),
        (direction_c, "awarded"),
        (direction_c, "submitted"),
    ]:
        ApplicationFactory(direction=direction, call=direction.call, status=status)
    winner_b = ApplicationFactory(direction=direction_b, call=call_b, status=Application.Status.AWARDED)
    award(winner_b, Decimal("1500000.00"))
    winner_a = ApplicationFactory(
        direction=direction_a,
        call=call_a,
        status=Application.Status.AWARDED,
        organisation=ngo,
        duration_months=12,
    )
    award(winner_a, Decimal("2000000.00"))
    with time_machine.travel(at(datetime.date(2026, 9, 1)), tick=False):
        project = project_create(
            application=winner_a,
            by=operator,
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )
        advance = project.tranches.get(is_advance=True)
        payment_record(
            tranche=advance, amount=Decimal(300000), paid_on=datetime.date(2026, 3, 17), by=operator
        )
        payment_record(
            tranche=advance, amount=Decimal(300000), paid_on=datetime.date(2026, 3, 21), by=operator
        )
    fill_and_submit(
        project.reports.get(kind="interim"),
        bob,
        actuals={"Кәсіби бағдар алған жастар": 100},
        spent=(Decimal(1), Decimal(1)),
        on=datetime.date(2026, 9, 1),
    )
    return project


def rows(groups):
    return [
        (
            g.label,
            g.applications,
            g.awarded,
            g.competition,
            g.amount,
            g.effectiveness,
            g.payments.count,
            g.late_percent,
            g.average_days_late,
        )
        for g in groups
    ]


def test_dashboard_aggregates(grants_landscape):
    with translation.override("en"):
        data = dashboard(today=datetime.date(2026, 10, 1))
        sections = dashboard_charts(data)
        mci = GovernmentBody.objects.get(code="mci-civil-society").name
        mfa = GovernmentBody.objects.get(code="mfa").name
        mangystau = Region.objects.get(kato="470000000").name
        almaty = Region.objects.get(kato="750000000").name
    a = (4, 1, Decimal("4.0"), Decimal("2000000.00"), Decimal("100.0"), 2, Decimal("50.0"), Decimal("4.0"))
    b_and_c = (4, 1, Decimal("4.0"), Decimal("1500000.00"), None, 0, None, None)
    assert rows(data["groups"]["customer"]) == sorted([(mci, *a), (mfa, *b_and_c)])
    assert rows(data["groups"]["region"]) == sorted([(mangystau, *a), (almaty, *b_and_c)])
    assert rows(data["groups"]["year"]) == [
        ("2025", 2, 1, Decimal("2.0"), Decimal("1500000.00"), None, 0, None, None),
        (
            "2026",
            6,
            1,
            Decimal("6.0"),
            Decimal("2000000.00"),
            Decimal("100.0"),
            2,
            Decimal("50.0"),
            Decimal("4.0"),
        ),
    ]
    assert rows(data["groups"]["direction"]) == [
        ("Ecology", 2, 1, Decimal("2.0"), Decimal("1500000.00"), None, 0, None, None),
        (
            "Support for youth",
            6,
            1,
            Decimal("6.0"),
            Decimal("2000000.00"),
            Decimal("100.0"),
            2,
            Decimal("50.0"),
            Decimal("4.0"),
        ),
    ]
    totals = data["totals"]
    assert (
        totals.applications,
        totals.awarded,
        totals.amount,
        totals.effectiveness,
        totals.late_percent,
    ) == (8, 2, Decimal("3500000.00"), Decimal("100.0"), Decimal("50.0"))
    amounts = next(c for c in sections[3]["charts"] if c["key"] == "amount")
    assert [(b.label, b.width, b.display) for b in amounts["bars"]] == [
        ("2025", 180, "1.5 mln ₸"),
        ("2026", 240, "2 mln ₸"),
    ]


def test_dashboard_filters(grants_landscape):
    with translation.override("en"):
        by_year = dashboard(year=2025, today=datetime.date(2026, 10, 1))
        by_customer = dashboard(customer="mci-civil-society", today=datetime.date(2026, 10, 1))
    assert [(g.label, g.applications, g.awarded) for g in by_year["groups"]["direction"]] == [
        ("Ecology", 2, 1)
    ]
    assert [(g.label, g.applications, g.amount) for g in by_customer["groups"]["year"]] == [
        ("2026", 4, Decimal("2000000.00"))
    ]


def test_dashboard_queries_do_not_grow_with_projects(grants_landscape, ngo, operator):
    with CaptureQueriesContext(connection) as one:
        dashboard(today=datetime.date(2026, 10, 1))
    for _ in range(3):
        make_project(organisation=ngo, operator=operator, amount=Decimal("1000000.00"))
    with CaptureQueriesContext(connection) as four:
        data = dashboard(today=datetime.date(2026, 10, 1))
    assert data["totals"].awarded == 5
    assert len(four) == len(one)


def test_cached_dashboard_answers_from_the_cache_until_a_record_changes(
    grants_landscape, ngo, operator, settings
):
    settings.GRANTS_DASHBOARD_CACHE_SECONDS = 300
    first = cached_dashboard()
    with CaptureQueriesContext(connection) as again:
        second = cached_dashboard()
    assert len(again) == 0 and second["totals"].awarded == first["totals"].awarded == 2
    make_project(organisation=ngo, operator=operator, amount=Decimal("1000000.00"))  # saves move the version
    assert cached_dashboard()["totals"].awarded == 3
    with translation.override("ru"):  # each language has its own labels
        assert cached_dashboard()["totals"].label == "Все"
    settings.GRANTS_DASHBOARD_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as uncached:
        cached_dashboard()
    assert len(uncached) > 0


def test_the_dashboard_page_reads_its_charts_and_filters_from_the_cache_until_a_record_changes(
    grants_landscape, ngo, operator, settings
):
    """A signed-in visitor's dashboard (never from the page cache) takes its charts, totals and filters' choices
    from the figures' cache: no query while nothing changed, new figures after a change, each language its own."""
    settings.GRANTS_DASHBOARD_CACHE_SECONDS = 300

    def amounts(page):
        return next(c for c in page["sections"][0]["charts"] if c["key"] == "amount")["bars"]

    with translation.override("en"):
        first, options = cached_dashboard_page(), cached_dashboard_filters()
        with CaptureQueriesContext(connection) as again:
            assert cached_dashboard_page() == first and cached_dashboard_filters() == options
        assert len(again) == 0 and first["totals"].awarded == 2
        assert first["sections"] == dashboard_charts(dashboard())
        make_project(organisation=ngo, operator=operator, amount=Decimal("1000000.00"))
        changed = cached_dashboard_page()
        assert changed["totals"].awarded == 3 and amounts(changed) != amounts(first)
    with translation.override("ru"):
        assert cached_dashboard_page()["totals"].label == "Все"
        assert cached_dashboard_filters()["customers"] == options["customers"]


def test_awarded_application_helper_builds_commission_rows(ngo):
    application = awarded_application(organisation=ngo, decided=Decimal("2700000.00"))
    assert application.agenda_items.get().amount == Decimal("2700000.00")


def test_reports_recorded_without_a_submission_time_are_left_out(ngo, operator):
    project = make_project(
        organisation=ngo,
        operator=operator,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 2),
    )
    project.reports.filter(kind="interim").update(status="approved")  # as imported, with no submitted_at
    result = effectiveness(evaluated(project), today=datetime.date(2027, 6, 1))
    # Only the final report counts: due and never submitted.
    assert (result["reports"], result["score"]) == (Decimal("0.0"), Decimal("0.0"))
    project.reports.filter(kind="final").update(status="approved")
    assert effectiveness(evaluated(project), today=datetime.date(2027, 6, 1))["reports"] is None
