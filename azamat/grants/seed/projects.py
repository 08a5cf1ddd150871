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
    add_months,
    commission_amount,
    payment_record,
    project_create,
    report_schedule,
    tranches_release,
)
from azamat.registry.models import Membership

SIGNED_AFTER_SITTING = 15  # days from the commission's decision to the agreement
STARTS_AFTER_SIGNING = 7
# A report is written up to this many days before its due date; one due more recently is still being written.
REPORT_SLACK = 20
# The demo NGO's next report falls due this many days from today (ideally the middle): soon enough to be on its
# mind, not months away, and with no report overdue before it.
DEMO_REPORT_DUE_IN = (14, 42)
DEMO_START_SHIFT = 45  # at most this many days earlier or later than its agreement would otherwise start
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
        demo = getattr(ctx.data.get("demo_organisation"), "pk", None)
        for application in awarded.order_by("number"):
            signed_on = decided_on + datetime.timedelta(days=SIGNED_AFTER_SITTING)
            starts_on = signed_on + datetime.timedelta(days=STARTS_AFTER_SIGNING)
            if application.organisation_id == demo:
                signed_on, starts_on = _demo_dates(application, decided_on, starts_on, today)
            project = project_create(
                application=application,
                by=operator,
                signed_on=signed_on,
                starts_on=starts_on,
                amount=commission_amount(application),  # what the commission awarded, reduced or not
            )
            _history(ctx, project, application, operator, today, rows)
            count += 1
    IndicatorActual.objects.bulk_create(rows["actuals"], batch_size=5000)
    ExpenditureLine.objects.bulk_create(rows["expenditures"], batch_size=5000)
    ctx.log(f"  {count} projects")


def _demo_dates(application, decided_on, starts_on, today) -> tuple[datetime.date, datetime.date]:
    """The signing and start dates, near the usual ones, that put the demo NGO's next report (by the schedule
    `project_create` will set) `DEMO_REPORT_DUE_IN` days from today, every earlier one already written."""
    low, high = DEMO_REPORT_DUE_IN
    middle = (low + high) // 2
    grant_type, months = application.call.grant_type, application.duration_months
    candidates = []
    for shift in range(-DEMO_START_SHIFT, DEMO_START_SHIFT + 1):
        start = starts_on + datetime.timedelta(days=shift)
        signed = max(
            start - datetime.timedelta(days=STARTS_AFTER_SIGNING), decided_on + datetime.timedelta(days=1)
        )
        if signed > min(start, today):
            continue  # signed before the decision or in the future
        schedule = report_schedule(
            grant_type=grant_type, starts_on=start, ends_on=add_months(start, months), duration_months=months
        )
        # The first report _history leaves unwritten (due within REPORT_SLACK days, or later).
        pending = [due for _kind, due in schedule if due >= today - datetime.timedelta(days=REPORT_SLACK)]
        if pending and low <= (pending[0] - today).days <= high:
            candidates.append((abs((pending[0] - today).days - middle), abs(shift), signed, start))
    if not candidates:
        return starts_on - datetime.timedelta(days=STARTS_AFTER_SIGNING), starts_on
    _distance, _shift, signed, start = min(candidates)
    return signed, start


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
