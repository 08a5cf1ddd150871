"""Projects of the awarded applications, signed through `project_create` (its tranches, advance and report
schedule), with the reports whose dates have passed submitted and approved, the tranches they release and the
payments made, some late; nothing dated after today. The demo NGO's project still has a report to write."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from azamat.core.seeding import SeedContext, seeder
from azamat.grants.lifecycle import REPORT
from azamat.grants.models import Application, ExpenditureLine, IndicatorActual, Report, Sitting
from azamat.grants.seed import content
from azamat.grants.seed.calls import operator_user, plans
from azamat.grants.selectors.projects import TIYN
from azamat.grants.services.projects import (
    commission_amount,
    payment_record,
    project_create,
    tranches_release,
)
from azamat.registry.models import Membership

SIGNED_AFTER_SITTING = 15  # days from the commission's decision to the agreement
STARTS_AFTER_SIGNING = 7
# A report is written up to this many days before its due date; one due more recently is still being written.
REPORT_SLACK = 20
NARRATIVES = {
    "kk": ("Жоспарланған іс-шаралар толық өткізілді.", "Жоба аясында 300-ден астам адам тегін кеңес алды."),
    "ru": (
        "Запланированные мероприятия проведены полностью.",
        "В рамках проекта более 300 человек получили бесплатные консультации.",
    ),
}


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@seeder(56)
def seed_projects(ctx: SeedContext) -> None:
    """Agreements, tranches, payments and reports of the awarded applications, up to today."""
    operator = operator_user()
    today = timezone.localdate()
    rows = {"actuals": [], "expenditures": []}
    count = 0
    for plan in plans(ctx, "results"):
        sitting = Sitting.objects.filter(commission__call=plan.call).first()
        if sitting is None:
            continue
        decided_on = timezone.localtime(sitting.closed_at).date()
        awarded = plan.call.applications.filter(status=Application.Status.AWARDED).select_related(
            "organisation", "call__grant_type"
        )
        for application in awarded.order_by("number"):
            signed_on = decided_on + datetime.timedelta(days=SIGNED_AFTER_SITTING)
            project = project_create(
                application=application,
                by=operator,
                signed_on=signed_on,
                starts_on=signed_on + datetime.timedelta(days=STARTS_AFTER_SIGNING),
                amount=commission_amount(application),  # what the commission awarded, reduced or not
            )
            _history(ctx, project, application, operator, today, rows)
            count += 1
    IndicatorActual.objects.bulk_create(rows["actuals"], batch_size=5000)
    ExpenditureLine.objects.bulk_create(rows["expenditures"], batch_size=5000)
    ctx.log(f"  {count} projects")


def _pay(ctx, tranche, operator, today) -> None:
    """The operator pays a released tranche on time or late (never after today)."""
    paid_on = tranche.due_on + datetime.timedelta(days=ctx.rng.choice([0, 0, 0, 3, 5, 12, 30]))
    if paid_on <= today:
        payment_record(tranche=tranche, amount=tranche.amount, paid_on=paid_on, by=operator)


def _history(ctx, project, application, operator, today, rows) -> None:
    rng = ctx.rng
    writer = (
        Membership.objects.filter(organisation=application.organisation, role="admin", status="active")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    writer = application.created_by if application.created_by_id else getattr(writer, "user", None)
    _pay(ctx, project.tranches.get(number=1), operator, today)
    narrative, summary = NARRATIVES[application.language]
    for report in project.reports.order_by("due_on"):
        if report.due_on >= today - datetime.timedelta(days=REPORT_SLACK) or writer is None:
            break  # this one and the later ones are still to come
        submitted_on = report.due_on + datetime.timedelta(days=rng.choice([-6, -3, -1, 0, 0, 4, 11]))
        report.narrative, report.public_summary = narrative, summary
        REPORT.apply(report, "submit", by=writer, submitted_at=_noon(submitted_on))
        _figures(rng, report, project, report.due_on, rows)
        if rng.random() < 0.2:
            continue  # waiting for the operator's review
        approved_on = min(today, submitted_on + datetime.timedelta(days=rng.randint(2, 9)))
        REPORT.apply(report, "approve", by=operator, approved_at=_noon(approved_on))
        released = tranches_release(
            project=project,
            report=report,
            on=approved_on,
            by=operator,
            all_remaining=report.kind == Report.Kind.FINAL,
        )
        for tranche in released:
            _pay(ctx, tranche, operator, today)


def _figures(rng, report, project, period_end, rows) -> None:
    """Indicator actuals and spending of a submitted report: towards the targets and the plan in proportion to
    the time covered, with the spread real projects show (some fall short, some overspend)."""
    total_days = max(1, (project.ends_on - project.starts_on).days)
    elapsed = max(0, (min(period_end, project.ends_on) - project.starts_on).days)
    share = min(Decimal(1), Decimal(elapsed) / Decimal(total_days))
    application = project.application
    for indicator in application.indicators.all():
        progress = share * Decimal(str(round(rng.uniform(0.6, 1.25), 2)))
        actual = indicator.baseline + (indicator.target - indicator.baseline) * progress
        # Whole numbers stay whole (people, events); percentages and amounts keep their decimals.
        whole = indicator.target == indicator.target.to_integral_value() and indicator.unit != "%"
        actual = actual.quantize(Decimal(1), rounding=ROUND_HALF_UP) if whole else content.money(actual)
        rows["actuals"].append(IndicatorActual(report=report, indicator=indicator, actual=actual))
    lines = list(application.budget_lines.all())
    planned = sum((line.quantity * line.unit_cost for line in lines), Decimal(0)) or TIYN
    spent = [
        content.money(
            line.quantity
            * line.unit_cost
            * project.amount
            / planned
            * share
            * Decimal(str(round(rng.uniform(0.8, 1.12), 2)))
        )
        for line in lines
    ]
    if report.simplified and lines:  # a simplified report gives one total, kept on the first budget line
        rows["expenditures"].append(ExpenditureLine(report=report, budget_line=lines[0], spent=sum(spent)))
    else:
        rows["expenditures"] += [
            ExpenditureLine(report=report, budget_line=line, spent=value)
            for line, value in zip(lines, spent, strict=True)
        ]
