"""Monitoring and evaluation of effectiveness: per-project scores, and the public dashboard's aggregates."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.grants.models import Payment, Project, Report

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


def one_decimal(value: Decimal | None) -> Decimal | None:
    """The value to one decimal place, halves rounded up (as the figures are published)."""
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
        **{k: one_decimal(v) for k, v in components.items()},
        "payments": one_decimal(payments.on_time_percent),
        "score": one_decimal(score),
        "budget_ratio_percent": one_decimal(ratio * HUNDRED) if ratio is not None else None,
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
