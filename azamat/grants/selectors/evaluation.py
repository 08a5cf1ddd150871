"""Monitoring and evaluation of effectiveness: per-project scores, and the public dashboard's aggregates."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from azamat.core.collation import sorted_alphabetically
from azamat.core.public_cache import topic_key
from azamat.grants import charts
from azamat.grants.models import AgendaItem, Application, BudgetLine, Call, Payment, Project, Report
from azamat.registry.models import GovernmentBody, Region

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
INDICATOR_CAP = Decimal("1.2")  # overachievement counts up to 120% of a target
BUDGET_TOLERANCE = Decimal("0.10")  # spending within ±10% of the plan gets full marks
BUDGET_PENALTY_PER_POINT = Decimal(2)  # each percentage point beyond the tolerance costs two points
# Weights of the combined score; the operator's timeliness of payments is shown but not counted.
WEIGHTS = {"indicators": Decimal("0.4"), "budget": Decimal("0.3"), "reports": Decimal("0.3")}
COMPONENT_NAMES = {
    "indicators": _("Indicator achievement"),
    "budget": _("Budget execution"),
    "reports": _("Timeliness of reports"),
    "payments": _("Timeliness of payments (the operator's)"),
}
FORMULA = _(
    "The score is the weighted mean of three components, each from 0 to 100. Indicator achievement (40%): "
    "for each indicator in the latest approved report, the actual value divided by the target, counted up to "
    "120%; the mean of these, at most 100. Budget execution (30%): the money spent to the date of the latest "
    "approved report against the plan to that date (the agreement amount times the share of the project's time "
    "the report covers); full marks within 10% either way, minus 2 points for each percentage point of under- or "
    "overspending beyond that. Timeliness of reports (30%): the share of reports due so far that were first "
    "submitted by their due date. A component with no data yet is left out and the others' weights are scaled up "
    "to 100%. Timeliness of payments (the share of payments the operator made by the tranche's due date) is shown "
    "separately and not counted against the organisation."
)


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


# The evaluation reads plain facts about a project, so that the dashboard can load thousands of projects in a
# few queries of values (no model instances) and a project's page can build them from its prefetched objects.


@dataclass
class ReportFacts:
    pk: int
    kind: str
    due_on: datetime.date
    status: str
    submitted_at: datetime.datetime | None
    actuals: dict[int, Decimal] = field(default_factory=dict)  # indicator id → actual value
    spent: Decimal | None = None  # the sum of the expenditure lines; None when the report has none


@dataclass
class ProjectFacts:
    pk: int
    application_id: int
    amount: Decimal
    starts_on: datetime.date
    ends_on: datetime.date
    duration_months: int
    report_months: list[int]  # the grant type's interim report months
    targets: dict[int, Decimal] = field(default_factory=dict)  # indicator id → target, for targets above 0
    reports: list[ReportFacts] = field(default_factory=list)  # by due date
    payments: list[tuple[datetime.date | None, datetime.date]] = field(
        default_factory=list
    )  # (tranche due, paid)


def project_facts(project: Project) -> ProjectFacts:
    """The facts of one project, from its objects (prefetched with projects_for_evaluation, or loaded here)."""
    application = project.application
    reports = [
        ReportFacts(
            pk=r.pk,
            kind=r.kind,
            due_on=r.due_on,
            status=r.status,
            submitted_at=r.submitted_at,
            actuals={a.indicator_id: a.actual for a in r.indicator_actuals.all()},
            spent=_sum_or_none([e.spent for e in r.expenditures.all()]),
        )
        for r in project.reports.all()
    ]
    return ProjectFacts(
        pk=project.pk,
        application_id=application.pk,
        amount=project.amount,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        duration_months=application.duration_months,
        report_months=list(application.call.grant_type.report_months or []),
        targets={i.pk: i.target for i in application.indicators.all() if i.target > 0},
        reports=sorted(reports, key=lambda r: (r.due_on, r.pk)),
        payments=[(t.due_on, p.paid_on) for t in project.tranches.all() for p in t.payments.all()],
    )


def projects_facts(projects_qs) -> list[ProjectFacts]:
    """The facts of many projects (a queryset of Project) in six queries of plain values; the related rows are
    selected with subqueries, not with lists of thousands of ids."""
    from azamat.grants.models import ExpenditureLine, GrantType, Indicator, IndicatorActual

    report_months = {
        pk: list(months or []) for pk, months in GrantType.objects.values_list("pk", "report_months")
    }
    projects = {
        row["pk"]: ProjectFacts(
            pk=row["pk"],
            application_id=row["application_id"],
            amount=row["amount"],
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
            duration_months=row["application__duration_months"],
            report_months=report_months.get(row["application__call__grant_type"], []),
        )
        for row in projects_qs.values(
            "pk",
            "application_id",
            "amount",
            "starts_on",
            "ends_on",
            "application__duration_months",
            "application__call__grant_type",
        )
    }
    by_application = {p.application_id: p for p in projects.values()}
    for application_id, indicator_id, target in Indicator.objects.filter(
        application__project__in=projects_qs.values("pk"), target__gt=0
    ).values_list("application_id", "pk", "target"):
        by_application[application_id].targets[indicator_id] = target
    reports_qs = Report.objects.filter(project__in=projects_qs.values("pk"))
    reports = {}
    for row in reports_qs.values("pk", "project_id", "kind", "due_on", "status", "submitted_at").order_by(
        "due_on", "pk"
    ):
        project_id = row.pop("project_id")
        reports[row["pk"]] = ReportFacts(**row)
        projects[project_id].reports.append(reports[row["pk"]])
    for report_id, indicator_id, actual in IndicatorActual.objects.filter(
        report__in=reports_qs.values("pk")
    ).values_list("report_id", "indicator_id", "actual"):
        reports[report_id].actuals[indicator_id] = actual
    for report_id, spent in ExpenditureLine.objects.filter(report__in=reports_qs.values("pk")).values_list(
        "report_id", "spent"
    ):
        report = reports[report_id]
        report.spent = (report.spent or Decimal(0)) + spent
    for project_id, due_on, paid_on in (
        Payment.objects.filter(tranche__project__in=projects_qs.values("pk"))
        .values_list("tranche__project_id", "tranche__due_on", "paid_on")
        .order_by("paid_on", "pk")
    ):
        projects[project_id].payments.append((due_on, paid_on))
    return list(projects.values())


def _sum_or_none(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) if values else None


def period_share(facts: ProjectFacts, report: ReportFacts) -> Decimal:
    """The share of the project's time a report covers: months of the interim report / duration; 1 for the final."""
    if report.kind == Report.Kind.FINAL:
        return Decimal(1)
    months = sorted({int(m) for m in facts.report_months if 0 < int(m) < facts.duration_months})
    interims = [r for r in facts.reports if r.kind == Report.Kind.INTERIM]
    index = next((i for i, r in enumerate(interims) if r.pk == report.pk), None)
    if index is not None and len(interims) == len(months):
        return Decimal(months[index]) / Decimal(facts.duration_months)
    total = (facts.ends_on - facts.starts_on).days
    return (
        min(Decimal(1), Decimal((report.due_on - facts.starts_on).days) / Decimal(total))
        if total
        else Decimal(1)
    )


def indicator_achievement(facts: ProjectFacts, approved: list[ReportFacts]) -> Decimal | None:
    for report in reversed(approved):
        ratios = [
            min(actual / facts.targets[indicator_id], INDICATOR_CAP)
            for indicator_id, actual in report.actuals.items()
            if indicator_id in facts.targets
        ]
        if ratios:
            return min(HUNDRED, sum(ratios, Decimal(0)) / len(ratios) * HUNDRED)
    return None


def budget_ratio(facts: ProjectFacts, approved: list[ReportFacts]) -> Decimal | None:
    """Spent to the date of the latest approved report with spending, against the plan to that date."""
    for report in reversed(approved):
        if report.spent is not None:
            planned = facts.amount * period_share(facts, report)
            return report.spent / planned if planned else None
    return None


def budget_execution(ratio: Decimal | None) -> Decimal | None:
    if ratio is None:
        return None
    beyond = max(Decimal(0), abs(ratio - 1) - BUDGET_TOLERANCE)
    return max(Decimal(0), HUNDRED - beyond * HUNDRED * BUDGET_PENALTY_PER_POINT)


def submitted_on_time(report) -> bool:
    return bool(report.submitted_at) and timezone.localtime(report.submitted_at).date() <= report.due_on


def reports_timeliness(reports: list, today: datetime.date) -> Decimal | None:
    """Submitted reports, and those never submitted though due; a report recorded as submitted without a time
    of submission (imported) is left out rather than guessed."""
    counted = [r for r in reports if r.submitted_at or (r.status == Report.Status.DUE and r.due_on < today)]
    if not counted:
        return None
    return Decimal(sum(1 for r in counted if submitted_on_time(r))) / len(counted) * HUNDRED


@dataclass
class PaymentStats:
    count: int = 0
    late: int = 0
    days_late: int = 0  # calendar days, summed over the late payments

    @property
    def on_time_percent(self) -> Decimal | None:
        return Decimal(self.count - self.late) / self.count * HUNDRED if self.count else None

    @property
    def late_percent(self) -> Decimal | None:
        return Decimal(self.late) / self.count * HUNDRED if self.count else None

    @property
    def average_days_late(self) -> Decimal | None:
        return Decimal(self.days_late) / self.late if self.late else None

    def add(self, other: "PaymentStats") -> None:
        self.count += other.count
        self.late += other.late
        self.days_late += other.days_late


def payment_stats(facts: ProjectFacts) -> PaymentStats:
    stats = PaymentStats()
    for due_on, paid_on in facts.payments:
        stats.count += 1
        if due_on and paid_on > due_on:
            stats.late += 1
            stats.days_late += (paid_on - due_on).days
    return stats


def effectiveness(project: Project | ProjectFacts, *, today: datetime.date | None = None) -> dict:
    """Components 0–100 (None when there is no data yet), the combined score, its weights and the formula."""
    facts = project if isinstance(project, ProjectFacts) else project_facts(project)
    today = today or timezone.localdate()
    approved = [r for r in facts.reports if r.status == Report.Status.APPROVED]
    ratio = budget_ratio(facts, approved)
    components = {
        "indicators": indicator_achievement(facts, approved),
        "budget": budget_execution(ratio),
        "reports": reports_timeliness(facts.reports, today),
    }
    counted = {k: v for k, v in components.items() if v is not None}
    weight = sum((WEIGHTS[k] for k in counted), Decimal(0))
    score = sum((v * WEIGHTS[k] for k, v in counted.items()), Decimal(0)) / weight if counted else None
    payments = payment_stats(facts)
    return {
        **{k: _round(v) for k, v in components.items()},
        "payments": _round(payments.on_time_percent),
        "score": _round(score),
        "budget_ratio_percent": _round(ratio * HUNDRED) if ratio is not None else None,
        "weights": {k: int(v * HUNDRED) for k, v in WEIGHTS.items()},
        "names": COMPONENT_NAMES,
        "formula": FORMULA,
        "payment_stats": payments,
    }


def projects_for_evaluation(qs=None):
    """Projects with everything the evaluation reads, in a fixed number of queries."""
    qs = Project.objects.all() if qs is None else qs
    return qs.select_related(
        "application__call__grant_type",
        "application__call__customer",
        "application__direction__region",
        "application__organisation__region",
    ).prefetch_related(
        "reports__indicator_actuals",
        "reports__expenditures",
        "application__indicators",
        "application__budget_lines",
        Prefetch(
            "tranches__payments",
            queryset=Payment.objects.select_related("recorded_by").order_by("paid_on", "pk"),
        ),
    )


# The public dashboard.

DIMENSIONS = {
    "region": _("By region"),
    "customer": _("By customer (government body)"),
    "direction": _("By direction"),
    "year": _("By year"),
}


@dataclass
class Group:
    label: str
    code: str = ""  # the region's KATO code, for the map
    applications: int = 0
    awarded: int = 0
    amount: Decimal = Decimal(0)
    scores: list = field(default_factory=list)
    payments: PaymentStats = field(default_factory=PaymentStats)

    @property
    def competition(self) -> Decimal | None:
        return _round(Decimal(self.applications) / self.awarded) if self.awarded else None

    @property
    def effectiveness(self) -> Decimal | None:
        return _round(sum(self.scores, Decimal(0)) / len(self.scores)) if self.scores else None

    @property
    def average_days_late(self) -> Decimal | None:
        return _round(self.payments.average_days_late)

    @property
    def late_percent(self) -> Decimal | None:
        return _round(self.payments.late_percent)

    @classmethod
    def merged(cls, groups: list["Group"], label: str) -> "Group":
        """One group that counts everything in `groups`: its averages and shares are computed afresh, not summed."""
        total = cls(label=label)
        for group in groups:
            total.applications += group.applications
            total.awarded += group.awarded
            total.amount += group.amount
            total.scores.extend(group.scores)
            total.payments.add(group.payments)
        return total


def _localised_value(row: dict, prefix: str) -> str:
    lang = (get_language() or "kk")[:2]
    for code in (lang, "ru", "kk", "en"):
        if row.get(f"{prefix}_{code}"):
            return row[f"{prefix}_{code}"]
    return ""


class _Labels:
    """Names for the grouping keys, looked up once per dashboard."""

    def __init__(self):
        self.regions = {r.pk: r for r in Region.objects.all()}
        self.bodies = {}

    def code(self, dimension: str, row: dict) -> str:
        region = self.regions.get(row["region_key"]) if dimension == "region" else None
        return region.kato if region else ""

    def key(self, dimension: str, row: dict) -> str:
        if dimension == "region":
            region = self.regions.get(row["region_key"])
            return region.name if region else str(_("Not specified"))
        if dimension == "customer":
            return self.bodies.get(row["call__customer"], "")
        if dimension == "direction":
            return _localised_value(row, "direction__title")
        return str(row["year"])


def _filtered(qs, *, year: int | None, customer: str, prefix: str = ""):
    qs = qs.filter(**{f"{prefix}call__published": True})
    if year:
        qs = qs.filter(**{f"{prefix}call__opens_at__year": year})
    if customer:
        qs = qs.filter(**{f"{prefix}call__customer__code": customer})
    return qs


GROUP_FIELDS = ["call__customer", "direction__title_kk", "direction__title_ru", "direction__title_en"]
RAW_KEYS = {  # the values of a row that decide its group in each dimension (_Labels.key and code read only these)
    "region": ("region_key",),
    "customer": ("call__customer",),
    "direction": ("direction__title_kk", "direction__title_ru", "direction__title_en"),
    "year": ("year",),
}


def awarded_amounts(rows: list[dict]) -> dict[int, Decimal]:
    """The agreement amount, else the commission's decided amount, else the amount requested."""
    amounts = {r["pk"]: r["project__amount"] for r in rows if r["project__amount"] is not None}
    missing = [r["pk"] for r in rows if r["pk"] not in amounts]
    if missing:
        decided = (
            AgendaItem.objects.filter(
                application__in=missing, decision=AgendaItem.Decision.AWARDED, amount__isnull=False
            )
            .order_by("sitting__starts_at", "pk")
            .values_list("application_id", "amount")
        )
        amounts.update(dict(decided))  # later decisions overwrite earlier ones
    missing = [pk for pk in missing if pk not in amounts]
    if missing:
        for line in BudgetLine.objects.filter(application__in=missing).values(
            "application_id", "quantity", "unit_cost"
        ):
            total = (line["quantity"] * line["unit_cost"]).quantize(Decimal("0.01"))
            amounts[line["application_id"]] = amounts.get(line["application_id"], Decimal(0)) + total
    return amounts


def dashboard(*, year: int | None = None, customer: str = "", today: datetime.date | None = None) -> dict:
    """Per region, customer, direction and year: applications per grant, amounts awarded, average effectiveness
    and payment delays. Awards, amounts and projects count only once a call's results are published."""
    labels = _Labels()
    groups: dict[str, dict[str, Group]] = {d: {} for d in DIMENSIONS}

    found: dict[str, dict] = {d: {} for d in DIMENSIONS}  # a row's own values → its group, per dimension

    def bucket(dimension: str, row: dict) -> Group:
        # A group's label depends only on the row's values for the dimension (RAW_KEYS): it is looked up, in the
        # reader's language, once per value rather than once per row (thousands at national scale).
        raw = tuple(row[field] for field in RAW_KEYS[dimension])
        group = found[dimension].get(raw)
        if group is None:
            label = labels.key(dimension, row)
            group = groups[dimension].setdefault(label, Group(label=label, code=labels.code(dimension, row)))
            found[dimension][raw] = group
        return group

    applications = _filtered(
        Application.objects.exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]),
        year=year,
        customer=customer,
    )
    keyed = applications.annotate(
        region_key=Coalesce(F("direction__region"), F("organisation__region")),
        year=ExtractYear("call__opens_at"),
    )
    counts = list(
        keyed.values("region_key", "year", *GROUP_FIELDS)
        .annotate(
            n=Count("pk"),
            awarded=Count("pk", filter=Q(status=Application.Status.AWARDED, call__results_published=True)),
        )
        .order_by()
    )
    labels.bodies = {
        b.pk: b.name for b in GovernmentBody.objects.filter(pk__in={r["call__customer"] for r in counts})
    }
    for row in counts:
        for dimension in DIMENSIONS:
            group = bucket(dimension, row)
            group.applications += row["n"]
            group.awarded += row["awarded"]
    awarded_qs = applications.filter(status=Application.Status.AWARDED, call__results_published=True)
    awarded = list(
        keyed.filter(pk__in=awarded_qs.values("pk")).values(
            "pk", "region_key", "year", "project__amount", *GROUP_FIELDS
        )
    )
    amounts = awarded_amounts(awarded)
    by_application = {}
    for row in awarded:
        by_application[row["pk"]] = row
        for dimension in DIMENSIONS:
            bucket(dimension, row).amount += amounts.get(row["pk"], Decimal(0))
    projects = projects_facts(Project.objects.filter(application__in=awarded_qs.values("pk")))
    today = today or timezone.localdate()
    totals = Group(label=str(_("All")))
    for project in projects:
        result = effectiveness(project, today=today)
        row = by_application[project.application_id]
        for group in [*(bucket(d, row) for d in DIMENSIONS), totals]:
            if result["score"] is not None:
                group.scores.append(result["score"])
            group.payments.add(result["payment_stats"])
    for group in groups["year"].values():  # every application has exactly one year
        totals.applications += group.applications
        totals.awarded += group.awarded
        totals.amount += group.amount
    # Alphabetical in the page's language (Kazakh letters where Kazakh readers look for them); years in order.
    ordered = {d: sorted_alphabetically(g.values(), key=lambda g: g.label) for d, g in groups.items()}
    regions = [(r.kato, r.name) for r in sorted_alphabetically(labels.regions.values(), key=lambda r: r.name)]
    return {"groups": ordered, "totals": totals, "regions": regions}


# The dashboard's figures are kept in the cache for a few minutes: computing them reads every awarded project.
# A service that changes what they count moves the public topic "dashboard" (core/public_cache.py): every
# transition of grants/lifecycle.py, a report's figures (services/reports.report_save) and the admin's saves; so a
# change shows at once, in these figures and in the cached public pages that show them.
DASHBOARD_VERSION_KEY = topic_key("dashboard")


def cached_figures(name: str, compute):
    """compute() from the cache, under a key that changes when a record the public figures read is saved."""
    seconds = getattr(settings, "GRANTS_DASHBOARD_CACHE_SECONDS", 300)
    if not seconds:
        return compute()
    key = f"grants:figures:{cache.get(DASHBOARD_VERSION_KEY, 0)}:{name}"
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, timeout=seconds)
    return data


def cached_dashboard(*, year: int | None = None, customer: str = "") -> dict:
    """dashboard() for today, from the cache when nothing it reads has changed in the last few minutes."""
    today = timezone.localdate()
    return cached_figures(
        f"dashboard:{get_language()}:{today.isoformat()}:{year or ''}:{customer}",
        lambda: dashboard(year=year, customer=customer, today=today),
    )


def cached_dashboard_page(*, year: int | None = None, customer: str = "") -> dict:
    """The totals and the charts the dashboard page shows, from the cache while nothing they read has changed,
    in the page's language: a signed-in visitor gets the page rendered each time, and only its template is left
    to write."""
    today = timezone.localdate()

    def compute() -> dict:
        data = cached_dashboard(year=year, customer=customer)
        return {"totals": data["totals"], "sections": dashboard_charts(data)}

    return cached_figures(
        f"dashboard-page:{get_language()}:{today.isoformat()}:{year or ''}:{customer}", compute
    )


def cached_dashboard_filters() -> dict:
    """dashboard_filters() from the cache, in the page's language (the customers are sorted by their names)."""
    return cached_figures(f"dashboard-filters:{get_language()}", dashboard_filters)


def dashboard_filters() -> dict:
    """The years with calls and the customers that commissioned them, for the dashboard's filters."""
    years = sorted(
        {d.year for d in Call.objects.filter(published=True).datetimes("opens_at", "year")}, reverse=True
    )
    customers = sorted_alphabetically(
        GovernmentBody.objects.filter(calls_commissioned__published=True).distinct(), key=lambda b: b.name
    )
    return {"years": years, "customers": customers}


# Charts: which measures, and the groups each shows; the geometry is in grants/charts.py.

# (key, title, decimals, is money); the first is the one each dimension shows at once, the others on request.
METRICS = [
    ("amount", _("Amount awarded"), 1, True),
    ("competition", _("Applications per grant"), 1, False),
    ("effectiveness", _("Average effectiveness, 0–100"), 1, False),
    ("average_days_late", _("Average delay of late payments, days"), 1, False),
    ("late_percent", _("Payments made late, %"), 1, False),
]


def chart(
    groups: list[Group], metric: str, decimals: int, money: bool = False, *, ordered: bool = False
) -> dict:
    """The top groups by `metric`, largest first, and the rest as one "other" bar."""

    def value(group):
        return getattr(group, metric)

    shown = charts.top_and_other(
        groups, value=value, merge=Group.merged, other_label=gettext("Other (%(count)s)"), ordered=ordered
    )
    return charts.bar_chart(shown, value=value, money=money, decimals=decimals)


def dashboard_charts(data: dict) -> list[dict]:
    """For each dimension: its title, the groups (for the data table) and one chart per metric; for regions, the
    tile map of the amounts awarded."""
    sections = []
    for dimension, title in DIMENSIONS.items():
        groups = data["groups"][dimension]
        charts_ = [
            {"key": key, "title": name, **chart(groups, key, decimals, money, ordered=dimension == "year")}
            for key, name, decimals, money in METRICS
        ]
        section = {"key": dimension, "title": title, "groups": groups, "charts": charts_}
        if dimension == "region":
            amounts = {g.code: g.amount for g in groups if g.code}
            section["map"] = charts.tile_map(
                data.get("regions", []), amounts, language=(get_language() or "kk")[:2]
            )
        sections.append(section)
    return sections
