"""Reads of annual reports shared by pages, the API, grants' eligibility and the reminders: which year's report
is required on a date, whether an organisation's report is current, and what an organisation still has to file."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Exists, OuterRef, Prefetch, QuerySet, Value, When
from django.utils import timezone

from azamat.registry.models import Organisation
from azamat.registry.report_models import AnnualReport, ReportProject, due_on

FILED = AnnualReport.Status.FILED


def report_required_year(on: datetime.date | None = None) -> int:
    """The latest year whose report's due date has passed on `on`: 2025 from 1 April 2026 to 31 March 2027."""
    on = on or timezone.localdate()
    return on.year - 1 if on > due_on(on.year - 1) else on.year - 2


def _nothing_due(organisation: Organisation, year: int) -> bool:
    """An organisation registered after `year` ended owed no report on it."""
    return organisation.registered_on > datetime.date(year, 12, 31)


def is_report_current(organisation: Organisation, on: datetime.date | None = None) -> bool:
    """The one rule for "in the NGO database with a current report": a filed report on the required year, or
    nothing due yet. An annotated `report_current` (see `with_report_current`) is used when present."""
    if organisation.pk is None:
        return False
    year = report_required_year(on)
    if _nothing_due(organisation, year):
        return True
    return AnnualReport.objects.filter(organisation=organisation, year=year, status=FILED).exists()


def with_report_current(queryset: QuerySet[Organisation], on: datetime.date | None = None) -> QuerySet:
    """The organisations annotated with `report_current` (and `report_year`, the year it is about): one
    subquery for the whole list, no query per row."""
    year = report_required_year(on)
    filed = AnnualReport.objects.filter(organisation=OuterRef("pk"), year=year, status=FILED)
    return queryset.annotate(
        report_year=Value(year),
        report_current=Case(
            When(registered_on__gt=datetime.date(year, 12, 31), then=Value(True)),
            default=Exists(filed),
            output_field=BooleanField(),
        ),
    )


def report_status(organisation: Organisation, on: datetime.date | None = None) -> tuple[int, bool]:
    """(the required year, whether its report is current): from the annotation when the list made one."""
    year = getattr(organisation, "report_year", None)
    if year is not None and hasattr(organisation, "report_current"):
        return year, organisation.report_current
    return report_required_year(on), is_report_current(organisation, on)


@dataclass(frozen=True)
class Notice:
    """A report the organisation still has to file: the year, its due date and how many days are left
    (negative once late)."""

    year: int
    due_on: datetime.date
    days_left: int
    has_draft: bool

    @property
    def late(self) -> bool:
        return self.days_left < 0


def report_notices_for(organisations, on: datetime.date | None = None) -> dict[int, list[Notice]]:
    """`report_notices` of several organisations in one query: organisation pk → its notices."""
    on = on or timezone.localdate()
    years = sorted({report_required_year(on), on.year - 1})
    organisations = list(organisations)
    rows = AnnualReport.objects.filter(
        organisation__in=[o.pk for o in organisations], year__in=years
    ).values_list("organisation_id", "year", "status")
    filed = {(o, y) for o, y, status in rows if status in (FILED, AnnualReport.Status.SUPERSEDED)}
    drafts = {(o, y) for o, y, status in rows if status == AnnualReport.Status.DRAFT}
    return {
        organisation.pk: [
            Notice(
                year=y,
                due_on=due_on(y),
                days_left=(due_on(y) - on).days,
                has_draft=(organisation.pk, y) in drafts,
            )
            for y in years
            if not _nothing_due(organisation, y) and (organisation.pk, y) not in filed
        ]
        for organisation in organisations
    }


def report_notices(organisation: Organisation, on: datetime.date | None = None) -> list[Notice]:
    """What the workspace and the organisation's pages warn about: the required year's report if not filed
    (late), and from 1 January the report on the year just ended (due on 31 March) until it is filed."""
    return report_notices_for([organisation], on)[organisation.pk]


def reports_of(*, organisation: Organisation) -> QuerySet[AnnualReport]:
    """Every version of the organisation's reports, newest year first, latest version first."""
    return (
        AnnualReport.objects.filter(organisation=organisation)
        .select_related("filed_by")
        .order_by("-year", "-version")
    )


def report_full(*, pk: int) -> AnnualReport:
    """A report with everything its pages and exports show, in a fixed number of queries."""
    return (
        AnnualReport.objects.select_related("organisation", "organisation__region", "filed_by", "created_by")
        .prefetch_related(
            "areas",
            "regions",
            "founders",
            "beneficiaries",
            Prefetch("projects", queryset=ReportProject.objects.select_related("area")),
            "income",
            "expenses",
        )
        .get(pk=pk)
    )


def last_filed(*, organisation: Organisation, before_year: int) -> AnnualReport | None:
    """The filed report of the latest year before `before_year`: what a new report starts from."""
    report = (
        AnnualReport.objects.filter(organisation=organisation, year__lt=before_year, status=FILED)
        .order_by("-year")
        .first()
    )
    return report_full(pk=report.pk) if report else None


def next_report_year(organisation: Organisation, today: datetime.date) -> int:
    """The year a new report is most likely for: the latest year not reported yet (this year's, prepared ahead,
    once last year's is in), not before the organisation's registration."""
    started = set(AnnualReport.objects.filter(organisation=organisation).values_list("year", flat=True))
    for year in range(today.year, organisation.registered_on.year - 1, -1):
        if year not in started:
            return year
    return today.year
