"""The sector statistics count what the reports say, on a small world built by hand: filed and on time by the
first filing, superseded versions ignored, income by group, beneficiaries; and hide every figure of fewer than
five organisations, including one a subtraction would reveal."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from azamat.registry.models import ActivityArea, Region
from azamat.registry.report_models import AnnualReport, ReportBeneficiary, ReportIncome
from azamat.registry.report_stats import MIN_GROUP, Amount, statistics, suppress
from azamat.testing.factories import AnnualReportFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
YEAR = 2024
ON_TIME = datetime.date(2025, 3, 20)
LATE = datetime.date(2025, 4, 10)
S = ReportIncome.Source


def _filed(
    organisation, first_filed_on, *, version=1, status=AnnualReport.Status.FILED, income=None, children=10
):
    report = AnnualReportFactory(
        organisation=organisation,
        year=YEAR,
        version=version,
        status=status,
        first_filed_on=first_filed_on,
        filed_at=datetime.datetime.combine(first_filed_on, datetime.time(12), tzinfo=datetime.UTC),
    )
    for source, amount in income or [(S.STATE_GRANT, 100), (S.FOREIGN, 300), (S.DONATIONS, 100)]:
        ReportIncome.objects.create(report=report, source=source, amount=Decimal(amount))
    ReportBeneficiary.objects.create(report=report, category="children", number=children)
    return report


@pytest.fixture
def world(db):
    """Almaty: six NGOs working on ecology; three file on time, one late, one corrects an on-time report after
    the due date, one files nothing on the year (only a draft, and a report on the year before). Aktau: two
    NGOs, both on time. One more registered after the year: it owed nothing."""
    almaty = Region.objects.get(kato="750000000")
    aktau = Region.objects.get(kato="470000000")
    ecology = ActivityArea.objects.get(code="ecology")
    a = [OrganisationFactory(region=almaty, current_report=False) for _ in range(6)]
    for org in a:
        org.areas.add(ecology)
    for org in a[:3]:
        _filed(org, ON_TIME)
    _filed(a[3], LATE)
    _filed(
        a[4],
        datetime.date(2025, 3, 1),
        status=AnnualReport.Status.SUPERSEDED,
        income=[(S.FOREIGN, 10_000)],
        children=1000,
    )
    corrected = _filed(a[4], datetime.date(2025, 3, 1), version=2)
    corrected.filed_at = datetime.datetime(2025, 5, 1, 12, tzinfo=datetime.UTC)
    corrected.save()
    AnnualReportFactory(organisation=a[5], year=YEAR)  # a draft
    AnnualReportFactory(organisation=a[5], year=YEAR - 1, status=AnnualReport.Status.FILED)
    k = [OrganisationFactory(region=aktau, current_report=False) for _ in range(2)]
    for org in k:
        report = _filed(org, ON_TIME, income=[(S.DONATIONS, 1000)], children=0)
        report.beneficiaries.all().delete()
        ReportBeneficiary.objects.create(report=report, category="elderly", number=3)
    OrganisationFactory(region=almaty, registered_on=datetime.date(YEAR + 1, 2, 1), current_report=False)
    return {"almaty": almaty, "aktau": aktau, "ecology": ecology}


def _row(rows, subject):
    return next(row for row in rows if row.subject == subject)


def test_national_figures_count_filed_reports_once_and_on_time_by_the_first_filing(world):
    stats = statistics(YEAR)
    assert (stats.registered, stats.filed, stats.on_time, stats.late, stats.missing) == (8, 7, 6, 1, 1)
    assert stats.corrected == 1
    assert stats.on_time_share == Decimal("75.0")
    assert stats.filed_share == Decimal("87.5")
    assert not stats.hidden


def test_regions_and_areas(world):
    stats = statistics(YEAR)
    almaty = _row(stats.regions, world["almaty"])
    assert (almaty.registered, almaty.filed, almaty.on_time, almaty.hidden) == (6, 5, 4, False)
    aktau = _row(stats.regions, world["aktau"])
    assert (aktau.registered, aktau.hidden) == (2, True)  # two reports: hidden
    ecology = _row(stats.areas, world["ecology"])
    assert (ecology.registered, ecology.filed, ecology.on_time, ecology.hidden) == (6, 5, 4, False)


def test_income_by_group_ignores_superseded_versions(world):
    stats = statistics(YEAR)
    groups = {a.key: a for a in stats.income}
    assert stats.income_total == Decimal(4500)
    assert (groups["state"].total, groups["state"].organisations, groups["state"].share) == (
        500,
        5,
        Decimal("11.1"),
    )
    assert (groups["foreign"].total, groups["foreign"].share) == (1500, Decimal("33.3"))
    assert (groups["private"].total, groups["private"].organisations) == (2500, 7)
    assert not any(a.hidden for a in stats.income)


def test_beneficiaries_of_fewer_than_five_organisations_are_hidden(world):
    stats = statistics(YEAR)
    rows = {a.key: a for a in stats.beneficiaries}
    assert (rows["children"].total, rows["children"].organisations, rows["children"].hidden) == (50, 5, False)
    assert (rows["elderly"].total, rows["elderly"].hidden) == (6, True)


def test_suppression_hides_the_small_and_one_more_when_a_subtraction_would_reveal_it():
    rows = [Amount(key=k, label=k, organisations=n) for k, n in (("a", 9), ("b", 3), ("c", 7), ("d", 12))]
    assert suppress(rows) == 2
    assert [r.hidden for r in rows] == [False, True, True, False]  # b, and c: the smallest of the others
    rows = [Amount(key=k, label=k, organisations=n) for k, n in (("a", 2), ("b", 1), ("c", 7))]
    assert suppress(rows) == 2
    assert [r.hidden for r in rows] == [True, True, False]  # two already hidden: no more
    rows = [Amount(key=k, label=k, organisations=n) for k, n in (("a", MIN_GROUP), ("b", 6))]
    assert suppress(rows) == 0


def test_fewer_than_five_reports_in_the_country_show_no_figure_from_them(db, client):
    for org in [OrganisationFactory(current_report=False) for _ in range(4)]:
        _filed(org, ON_TIME, income=[(S.FOREIGN, 123_456_789)])
    assert statistics(YEAR).hidden
    page = client.get(
        reverse("registry:statistics"), {"year": YEAR}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "no figure from the reports is shown" in page
    assert "123,456,789" not in page  # the foreign income of four organisations


def test_the_page_shows_the_year_asked_for_with_charts_and_tables(world, client):
    response = client.get(reverse("registry:statistics"), {"year": YEAR}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["year"] == YEAR
    page = response.content.decode()
    assert "Statistics of the NGO sector, 2024" in page
    assert page.count('<svg class="bar-chart"') == 4
    assert "4,500" in page  # all income, in the table
    assert "75.0" in page  # on time, of the active NGOs
    assert "rows are hidden" in page


def test_a_year_without_statistics_is_explained_not_an_error(world, client):
    for value in ("1999", "abc", "2024'"):
        response = client.get(reverse("registry:statistics"), {"year": value}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert "There are no statistics for the year" in response.content.decode()
        assert response.context["year"] != value


def test_the_directory_and_the_home_page_link_to_it(client):
    url = reverse("registry:statistics")
    assert url in client.get(reverse("registry:directory")).content.decode()
    assert url in client.get("/").content.decode()


def test_anonymous_visitors_get_it_from_the_cache_until_the_registry_topic_moves(world, client):
    """Filing a report bumps "registry" (report_services.report_file): the next visitor sees the new figures."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from azamat.core.public_cache import topics_bump

    url = reverse("registry:statistics") + f"?year={YEAR}"
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert first["Cache-Control"] == "public, max-age=60"
    late = OrganisationFactory(region=world["aktau"], current_report=False)
    _filed(late, LATE)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert len(queries) == 0 and again.content == first.content
    topics_bump("registry")
    fresh = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "<strong>8</strong> active NGOs in the registry" in first.content.decode()
    assert "<strong>9</strong> active NGOs in the registry" in fresh.content.decode()
