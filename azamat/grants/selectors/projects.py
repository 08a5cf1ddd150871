"""Reads for the project pages: visible projects, the operator's payment queue, late payments, reports to review."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from azamat.core.stemming import texts_matching
from azamat.core.working_days import working_days_between
from azamat.grants.models import Application, Attachment, Payment, Project, Report, Tranche
from azamat.grants.permissions import is_operator
from azamat.grants.selectors.evaluation import (
    ProjectFacts,
    ReportFacts,
    period_share,
    projects_for_evaluation,
)
from azamat.registry.models import Membership

MONEY = DecimalField(max_digits=14, decimal_places=2)


def projects_visible_to(*, user) -> QuerySet[Project]:
    """The operator sees every project; anyone else the projects of organisations they are an active member of."""
    qs = Project.objects.select_related("application__organisation", "application__call")
    if is_operator(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    organisations = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
        "organisation"
    )
    return qs.filter(application__organisation__in=organisations)


def projects_matching(*, projects: QuerySet[Project], query: str) -> QuerySet[Project]:
    """The projects whose title, organisation or agreement number hold the query, as typed or each word in
    another form («балалар» finds «бала»): one narrow query of the visible projects' texts, stemmed here."""
    texts = {
        pk: list(parts)
        for pk, *parts in projects.values_list(
            "pk",
            "agreement_number",
            "application__title",
            "application__organisation__name_kk",
            "application__organisation__name_ru",
        )
    }
    return projects.filter(pk__in=texts_matching(query, texts))


def project_page(*, pk: int) -> Project:
    return (
        projects_for_evaluation(Project.objects.filter(pk=pk))
        .select_related("application__direction")
        .prefetch_related("application__activities")
        .get()
    )


def report_page(*, project: Project, pk: int) -> Report:
    """A report with its project (already loaded with everything the page needs)."""
    report = next((r for r in project.reports.all() if r.pk == pk), None)
    if report is None:
        raise Report.DoesNotExist
    return report


def report_attachment(*, report: Report, pk: int) -> Attachment:
    return report_attachments(report).get(pk=pk)


def _paid_subquery():
    return Coalesce(
        Subquery(
            Payment.objects.filter(tranche=OuterRef("pk"))
            .order_by()
            .values("tranche")
            .annotate(s=Sum("amount"))
            .values("s"),
            output_field=MONEY,
        ),
        Value(Decimal(0), output_field=MONEY),
    )


def tranches_payable() -> QuerySet[Tranche]:
    """Released tranches not yet paid in full, the most overdue first, with what is paid and what is left."""
    return (
        Tranche.objects.filter(due_on__isnull=False)
        .annotate(paid=_paid_subquery())
        .annotate(left=F("amount") - F("paid"))
        .filter(left__gt=0)
        .select_related("project__application__organisation")
        .order_by("due_on", "project_id", "number")
    )


def late_payments() -> QuerySet[Payment]:
    return (
        Payment.objects.filter(paid_on__gt=F("tranche__due_on"))
        .select_related("tranche__project__application__organisation")
        .order_by("-paid_on", "-pk")
    )


def late_payment_counts() -> dict:
    """Late payments overall and per project (project id → count)."""
    overall = Payment.objects.aggregate(
        total=Count("pk"), late=Count("pk", filter=Q(paid_on__gt=F("tranche__due_on")))
    )
    per_project = dict(
        late_payments()
        .order_by()
        .values("tranche__project")
        .annotate(n=Count("pk"))
        .values_list("tranche__project", "n")
    )
    return {"total": overall["total"], "late": overall["late"], "per_project": per_project}


def reports_to_review() -> QuerySet[Report]:
    return (
        Report.objects.filter(status=Report.Status.SUBMITTED)
        .select_related("project__application__organisation")
        .order_by("submitted_at")
    )


def awarded_without_agreement() -> QuerySet[Application]:
    return (
        Application.objects.filter(status=Application.Status.AWARDED, project__isnull=True)
        .select_related("organisation", "call")
        .order_by("call__closes_at", "number")
    )


def project_public(project: Project) -> dict:
    """What everyone may see: amounts, the public summaries of approved reports, indicators achieved.
    Needs a project from `project_page` (everything prefetched); used by `grants/projects/_public.html`."""
    approved = sorted(
        (r for r in project.reports.all() if r.status == Report.Status.APPROVED),
        key=lambda r: (r.due_on, r.pk),
    )
    with_actuals = [r for r in approved if r.indicator_actuals.all()]
    paid = sum((p.amount for t in project.tranches.all() for p in t.payments.all()), Decimal(0))
    by_category: dict[str, Decimal] = {}
    for line in project.application.budget_lines.all():
        name = line.get_category_display()
        by_category[name] = by_category.get(name, Decimal(0)) + line.total
    return {
        # What was planned, from the application: everyone may read what public money is given for. The budget
        # is told by category only: its lines can name people's pay.
        "plan": project.application,
        "activities": sorted(project.application.activities.all(), key=lambda a: (a.starts_month, a.pk)),
        "budget": sorted(by_category.items(), key=lambda item: -item[1]),
        "budget_total": sum(by_category.values(), Decimal(0)),
        "summaries": [r for r in approved if r.public_summary],
        "indicators": report_indicator_rows(with_actuals[-1]) if with_actuals else [],
        "indicators_report": with_actuals[-1] if with_actuals else None,
        "paid": paid,
    }


def project_private(project: Project) -> dict:
    """The agreement's tranches with their payments and lateness, and the reports, for members and the operator."""
    today = timezone.localdate()
    tranches = []
    late = 0
    for tranche in project.tranches.all():
        payments = [(p, *payment_lateness(p)) for p in tranche.payments.all()]
        late += sum(1 for _p, days, _w in payments if days)
        paid = sum((p.amount for p in tranche.payments.all()), Decimal(0))
        tranches.append(
            {
                "tranche": tranche,
                "payments": payments,
                "paid": paid,
                "left": tranche.amount - paid,
                "overdue": bool(tranche.due_on and tranche.due_on < today and paid < tranche.amount),
            }
        )
    reports = sorted(project.reports.all(), key=lambda r: (r.due_on, r.pk))
    payment_count = sum(len(row["payments"]) for row in tranches)
    return {
        "tranches": tranches,
        "reports": reports,
        "late_payments": late,
        "payment_count": payment_count,
        "today": today,
    }


def payment_lateness(payment: Payment) -> tuple[int, int]:
    """Calendar days and working days after the tranche's due date (0 and 0 when on time)."""
    due = payment.tranche.due_on
    if due is None or payment.paid_on <= due:
        return 0, 0
    return (payment.paid_on - due).days, working_days_between(due, payment.paid_on)


# What a report shows: indicators against targets, spending against the plan to date.

TIYN = Decimal("0.01")
HUNDRED = Decimal(100)


def report_attachments(report: Report):
    return report.attachments.order_by("uploaded_at")


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part / whole * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def report_period_share(report: Report) -> Decimal:
    """The share of the project's time a report covers: months of the interim report / duration; 1 for the final."""
    project = report.project
    application = project.application

    def facts_of(r: Report) -> ReportFacts:
        return ReportFacts(
            pk=r.pk, kind=r.kind, due_on=r.due_on, status=r.status, submitted_at=r.submitted_at
        )

    facts = ProjectFacts(
        pk=project.pk,
        application_id=application.pk,
        amount=project.amount,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        duration_months=application.duration_months,
        report_months=list(application.call.grant_type.report_months or []),
        reports=[facts_of(r) for r in sorted(project.reports.all(), key=lambda r: (r.due_on, r.pk))],
    )
    return period_share(facts, facts_of(report))


@dataclass
class IndicatorRow:
    indicator: object
    actual: Decimal | None
    percent: Decimal | None


@dataclass
class SpendingRow:
    line: object
    planned: Decimal
    spent: Decimal | None

    @property
    def variance(self) -> Decimal | None:
        return None if self.spent is None else self.spent - self.planned

    @property
    def variance_percent(self) -> Decimal | None:
        return None if self.spent is None else _percent(self.spent - self.planned, self.planned)


def planned_to_date(report: Report) -> dict[int, Decimal]:
    """Each budget line scaled to the agreement amount and to the share of time the report covers."""
    lines = list(report.project.application.budget_lines.all())
    requested = sum((line.total for line in lines), Decimal(0))
    factor = report.project.amount / requested * report_period_share(report) if requested else Decimal(0)
    return {line.pk: (line.total * factor).quantize(TIYN, rounding=ROUND_HALF_UP) for line in lines}


def report_indicator_rows(report: Report) -> list[IndicatorRow]:
    actuals = {a.indicator_id: a.actual for a in report.indicator_actuals.all()}
    rows = []
    for indicator in report.project.application.indicators.all():
        actual = actuals.get(indicator.pk)
        rows.append(
            IndicatorRow(indicator, actual, None if actual is None else _percent(actual, indicator.target))
        )
    return rows


def report_spending_rows(report: Report) -> list[SpendingRow]:
    spent = {e.budget_line_id: e.spent for e in report.expenditures.all()}
    planned = planned_to_date(report)
    return [
        SpendingRow(line, planned[line.pk], spent.get(line.pk))
        for line in report.project.application.budget_lines.all()
    ]


def report_total_spent(report: Report) -> Decimal | None:
    expenditures = list(report.expenditures.all())
    return sum((e.spent for e in expenditures), Decimal(0)) if expenditures else None


# --- The operator's payments page, searched and filtered (issue 7) ----------------------------------------------

OVERDUE = "overdue"
NOT_DUE = "not_due"


def _payments_filtered(qs: QuerySet, prefix: str, *, query: str, call: str, region: str) -> QuerySet:
    """Filter records reached from an application through `prefix` by organisation name, BIN, application or
    agreement number, call and region."""
    text = " ".join((query or "").split()).casefold()[:100]
    if text:
        qs = qs.filter(
            Q(**{f"{prefix}organisation__search_text__contains": text})
            | Q(**{f"{prefix}number__icontains": text})
            | Q(**{f"{prefix}project__agreement_number__icontains": text})
        )
    if call:
        qs = qs.filter(**{f"{prefix}call__code": call})
    if region:
        qs = qs.filter(**{f"{prefix}organisation__region__kato": region})
    return qs


def tranches_payable_filtered(
    *, query: str = "", call: str = "", status: str = "", region: str = ""
) -> QuerySet[Tranche]:
    """tranches_payable, searched and filtered; `status` is "overdue" (past due) or "not_due"."""
    qs = _payments_filtered(
        tranches_payable(), "project__application__", query=query, call=call, region=region
    )
    today = timezone.localdate()
    if status == OVERDUE:
        qs = qs.filter(due_on__lt=today)
    elif status == NOT_DUE:
        qs = qs.filter(due_on__gte=today)
    return qs.select_related("project__application__organisation__region", "project__application__call")


def late_payments_filtered(*, query: str = "", call: str = "", region: str = "") -> QuerySet[Payment]:
    """late_payments, searched and filtered, with what the export names (organisation, region, call)."""
    return _payments_filtered(
        late_payments(), "tranche__project__application__", query=query, call=call, region=region
    ).select_related(
        "tranche__project__application__organisation__region", "tranche__project__application__call"
    )
