"""The public statistics of the NGO sector from the annual reports: for one reporting year, the active NGOs by
region and by area of activity, how many filed and how many on time, the income structure (state, foreign,
private) and the beneficiaries by category. Every figure is counted in the database (a handful of GROUP BY
queries, however many organisations there are); nothing here loops over organisations.

Active in a year: in the registry with a registration date on or before the year's last day (an organisation
registered later owed no report on it, as `report_selectors` says). Filed: the report's filed version (status
"filed"; superseded versions are left out, so a corrected report counts once, with its corrected figures). On
time: first filed by the due date (31 March of the next year); a correction keeps the first filing's date.

Small groups. A report's figures are the organisation's own; the statistics publish them only in aggregates of
at least MIN_GROUP organisations. The rule, kept simple:
- primary: a row (a region, an area, an income group, a beneficiary category) whose figures come from fewer
  than MIN_GROUP organisations that filed shows "—" instead of those figures (the number of organisations in
  the registry stays: the directory lists every one of them);
- secondary: when exactly one row of a table is hidden, the smallest other row is hidden as well, so the
  national total minus the rows shown never gives the hidden one;
- when fewer than MIN_GROUP organisations filed in the whole country, no figure from the reports is shown.
Rows of a table are summed only where they do not overlap (regions, income groups); an organisation working
in several areas, or a person helped by several organisations, is counted in each, and the page says so.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from azamat.registry.models import ActivityArea, Organisation, Region
from azamat.registry.report_models import AnnualReport, ReportBeneficiary, ReportIncome, due_on
from azamat.registry.report_selectors import report_required_year

MIN_GROUP = 5
FILED = AnnualReport.Status.FILED

STATE, FOREIGN, PRIVATE = "state", "foreign", "private"
INCOME_GROUPS = [
    (STATE, _("State funding (grants and social order)")),
    (FOREIGN, _("Foreign sources")),
    (PRIVATE, _("Private and own income (donations, fees, business, other)")),
]


def share(part, whole) -> Decimal | None:
    """`part` as a percentage of `whole`, None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class Row:
    """One line of a table: `registered` organisations (public), and what those that filed reported."""

    subject: object
    label: str
    registered: int = 0
    filed: int = 0
    on_time: int = 0
    hidden: bool = False

    @property
    def late(self) -> int:
        return self.filed - self.on_time

    @property
    def size(self) -> int:
        return self.filed

    @property
    def filed_share(self) -> Decimal | None:
        return share(self.filed, self.registered)

    @property
    def on_time_share(self) -> Decimal | None:
        return share(self.on_time, self.registered)


@dataclass
class Amount:
    """A sum reported by `organisations` organisations: an income group's tenge or a category's people."""

    key: str
    label: str
    total: Decimal = Decimal(0)
    organisations: int = 0
    share: Decimal | None = None
    hidden: bool = False

    @property
    def size(self) -> int:
        return self.organisations


@dataclass
class Statistics:
    year: int
    due_on: datetime.date
    registered: int
    filed: int
    on_time: int
    corrected: int
    regions: list[Row]
    areas: list[Row]
    income: list[Amount]
    income_total: Decimal
    beneficiaries: list[Amount]
    hidden: bool = False  # too few reports in the country to show any figure from them
    suppressed: int = field(default=0)  # rows hidden, for the note under the tables

    @property
    def late(self) -> int:
        return self.filed - self.on_time

    @property
    def missing(self) -> int:
        return self.registered - self.filed

    @property
    def filed_share(self) -> Decimal | None:
        return share(self.filed, self.registered)

    @property
    def on_time_share(self) -> Decimal | None:
        return share(self.on_time, self.registered)


def suppress(rows: list) -> int:
    """Hide the rows of fewer than MIN_GROUP organisations, and one more when only one is hidden (see the module's
    docstring); returns how many are hidden."""
    for row in rows:
        row.hidden = row.size < MIN_GROUP
    hidden = [row for row in rows if row.hidden]
    if len(hidden) == 1:
        shown = [row for row in rows if not row.hidden]
        if shown:
            min(shown, key=lambda row: (row.size, row.label)).hidden = True
    return sum(row.hidden for row in rows)


def years() -> list[int]:
    """The years the page offers, latest first: those with a filed report, and the year now required."""
    found = set(
        AnnualReport.objects.filter(status=FILED).order_by().values_list("year", flat=True).distinct()
    )
    found.add(report_required_year())
    return sorted(found, reverse=True)


def default_year() -> int:
    return report_required_year()


def _income_group():
    return Case(
        When(source__in=ReportIncome.STATE, then=Value(STATE)),
        When(source=ReportIncome.Source.FOREIGN, then=Value(FOREIGN)),
        default=Value(PRIVATE),
        output_field=CharField(),
    )


def statistics(year: int) -> Statistics:
    """Every figure of the page for `year`, in eight queries."""
    last_day = datetime.date(year, 12, 31)
    due = due_on(year)
    active = Organisation.objects.filter(registered_on__lte=last_day)
    filed = AnnualReport.objects.filter(year=year, status=FILED)
    counts = {
        "filed": Count("pk"),
        "on_time": Count("pk", filter=Q(first_filed_on__lte=due)),
    }

    regions = {r.pk: Row(subject=r, label=r.name) for r in Region.objects.all()}
    for region_id, n in active.order_by().values_list("region_id").annotate(n=Count("pk")):
        regions[region_id].registered = n
    corrected = 0
    for row in (
        filed.order_by()
        .values("organisation__region_id")
        .annotate(**counts, corrected=Count("pk", filter=Q(version__gt=1)))
    ):
        region = regions[row["organisation__region_id"]]
        region.filed, region.on_time = row["filed"], row["on_time"]
        corrected += row["corrected"]

    areas = {a.pk: Row(subject=a, label=a.name) for a in ActivityArea.objects.all()}
    links = Organisation.areas.through.objects.filter(organisation__registered_on__lte=last_day)
    for area_id, n in links.order_by().values_list("activityarea_id").annotate(n=Count("organisation_id")):
        areas[area_id].registered = n
    for row in (
        filed.filter(organisation__areas__isnull=False)
        .order_by()
        .values("organisation__areas")
        .annotate(**counts)
    ):
        area = areas[row["organisation__areas"]]
        area.filed, area.on_time = row["filed"], row["on_time"]

    income = {key: Amount(key=key, label=label) for key, label in INCOME_GROUPS}
    for row in (
        ReportIncome.objects.filter(report__year=year, report__status=FILED)
        .order_by()
        .annotate(group=_income_group())
        .values("group")
        .annotate(total=Sum("amount"), organisations=Count("report__organisation_id", distinct=True))
    ):
        amount = income[row["group"]]
        amount.total, amount.organisations = row["total"] or Decimal(0), row["organisations"]
    income_total = sum((a.total for a in income.values()), Decimal(0))
    for amount in income.values():
        amount.share = share(amount.total, income_total)

    categories = dict(ReportBeneficiary.Category.choices)
    beneficiaries = {key: Amount(key=key, label=label) for key, label in categories.items()}
    for row in (
        ReportBeneficiary.objects.filter(report__year=year, report__status=FILED)
        .order_by()
        .values("category")
        # One line a category in a report, one filed report an organisation: the lines are the organisations.
        .annotate(total=Sum("number"), organisations=Count("pk"))
    ):
        if row["category"] in beneficiaries:
            beneficiaries[row["category"]].total = row["total"] or 0
            beneficiaries[row["category"]].organisations = row["organisations"]

    region_rows = [r for r in regions.values()]
    area_rows = [a for a in areas.values()]
    income_rows = list(income.values())
    beneficiary_rows = list(beneficiaries.values())
    suppressed = sum(suppress(rows) for rows in (region_rows, area_rows, income_rows, beneficiary_rows))
    total_filed = sum(r.filed for r in region_rows)
    return Statistics(
        year=year,
        due_on=due,
        registered=sum(r.registered for r in region_rows),
        filed=total_filed,
        on_time=sum(r.on_time for r in region_rows),
        corrected=corrected,
        regions=region_rows,
        areas=area_rows,
        income=income_rows,
        income_total=income_total,
        beneficiaries=beneficiary_rows,
        hidden=total_filed < MIN_GROUP,
        suppressed=suppressed,
    )
