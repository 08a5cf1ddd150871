"""The generator's annual reports look like the sector's: three years, most filed on time, some late, some
missing, a few corrected; totals that are the sums of their lines; the demo organisation's reports ready for its
next one."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from azamat.accounts.models import User
from azamat.registry.models import Organisation
from azamat.registry.report_models import AnnualReport, ReportIncome, due_on
from azamat.registry.report_seed import report_years
from azamat.registry.report_selectors import report_required_year

pytestmark = pytest.mark.django_db
FILED, SUPERSEDED = AnnualReport.Status.FILED, AnnualReport.Status.SUPERSEDED


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed", scale=1, seed=3, verbosity=0, only="registry,accounts")
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_three_years_up_to_the_one_required_now(seeded):
    last = report_required_year()
    assert report_years(timezone.localdate()) == [last - 2, last - 1, last]
    years = set(AnnualReport.objects.values_list("year", flat=True))
    assert years == {last - 2, last - 1, last}


def test_most_file_on_time_some_late_some_missing_each_year(seeded):
    for year in report_years(timezone.localdate()):
        active = Organisation.objects.filter(registered_on__lte=datetime.date(year, 12, 31)).count()
        filed = AnnualReport.objects.filter(year=year, status=FILED)
        on_time = filed.filter(first_filed_on__lte=due_on(year)).count()
        late = filed.count() - on_time
        missing = active - filed.count()
        assert 0.5 < on_time / active < 0.8, (year, on_time, active)
        assert 0.08 < late / active < 0.25, (year, late, active)
        assert 0.1 < missing / active < 0.3, (year, missing, active)


def test_a_report_exists_only_for_years_the_organisation_was_registered_and_was_filed_before_today(seeded):
    today = timezone.localdate()
    assert not AnnualReport.objects.filter(organisation__registered_on__year__gt=F("year")).exists()
    assert not AnnualReport.objects.filter(first_filed_on__gte=today).exists()
    assert not AnnualReport.objects.filter(status=FILED, filed_at=None).exists()
    assert not AnnualReport.objects.filter(status=AnnualReport.Status.DRAFT).exclude(filed_at=None).exists()


def test_stated_totals_are_the_sums_of_the_lines(seeded):
    reports = AnnualReport.objects.annotate(
        lines=Sum("income__amount"), n_lines=Count("income", distinct=True)
    ).values_list("income_total", "lines", "n_lines")
    assert reports and all(total == lines and n for total, lines, n in reports)
    spent = AnnualReport.objects.annotate(lines=Sum("expenses__amount")).values_list(
        "expenditure_total", "lines"
    )
    assert all(total == lines for total, lines in spent)


def test_corrections_keep_the_first_filing_date(seeded):
    corrected = AnnualReport.objects.filter(status=FILED, version=2)
    assert corrected.count() >= 5
    for report in corrected:
        first = AnnualReport.objects.get(organisation=report.organisation, year=report.year, version=1)
        assert first.status == SUPERSEDED
        assert first.first_filed_on == report.first_filed_on <= report.filed_at.date()


def test_income_is_mostly_private_some_state_some_foreign_with_donors(seeded):
    filed = ReportIncome.objects.filter(report__status=FILED)
    with_source = {
        source: filed.filter(source=source).values("report").distinct().count()
        for source in ReportIncome.Source.values
    }
    reports = AnnualReport.objects.filter(status=FILED).count()
    assert with_source["donations"] > reports / 2
    assert 0.03 < with_source["foreign"] / reports < 0.2
    assert with_source["state_grant"] + with_source["state_order"] > with_source["foreign"]
    foreign = filed.filter(source=ReportIncome.Source.FOREIGN)
    assert not foreign.filter(Q(donor="") | Q(country="") | Q(country="KZ")).exists()
    assert set(foreign.values_list("country", flat=True)) >= {"US", "DE"}


def test_filed_reports_have_beneficiaries_founders_areas_and_regions(seeded):
    filed = AnnualReport.objects.filter(status=FILED)
    for name in ("beneficiaries", "founders", "regions"):
        assert not filed.annotate(n=Count(name)).filter(n=0).exists(), name
    assert filed.annotate(n=Count("areas")).filter(n__gt=0).count() == filed.count()


def test_demo_organisation_filed_three_years_on_time_the_last_corrected_and_nothing_after(seeded):
    user = User.objects.get(email="ngo@azamat.kz")
    organisation = Organisation.objects.get(memberships__user=user)
    last = report_required_year()
    reports = list(
        AnnualReport.objects.filter(organisation=organisation)
        .order_by("year", "version")
        .values_list("year", "version", "status")
    )
    assert reports == [
        (last - 2, 1, FILED),
        (last - 1, 1, FILED),
        (last, 1, SUPERSEDED),
        (last, 2, FILED),
    ]
    assert all(r.on_time for r in AnnualReport.objects.filter(organisation=organisation))
