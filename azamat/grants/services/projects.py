"""After the award: the agreement (project), its tranches with the advance, the report schedule, payments."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.working_days import add_working_days
from azamat.grants.errors import MESSAGES as LIFECYCLE_MESSAGES
from azamat.grants.errors import NOT_AWARDED, PROJECT_EXISTS, TRANCHE_NOT_RELEASED
from azamat.grants.lifecycle import PAYMENT, PROJECT, TRANCHE
from azamat.grants.models import AgendaItem, Application, Payment, Project, Report, Tranche
from azamat.grants.permissions import can_manage_projects
from azamat.grants.selectors.projects import TIYN  # money is kept to the tiyn
from azamat.registry.models import Membership

# Reports are due this many working days after the period they cover ends.
REPORT_GRACE_WORKING_DAYS = 10

NOT_ALLOWED = "not_allowed"
NO_COMMISSION_AMOUNT = "no_commission_amount"
AMOUNT_FROM_COMMISSION = "amount_from_commission"
BAD_AMOUNT = "bad_amount"
BAD_DATES = "bad_dates"
BAD_TRANCHES = "bad_tranches"
ABOVE_TRANCHE = "above_tranche"
ABOVE_AGREEMENT = "above_agreement"
BAD_PAYMENT_DATE = "bad_payment_date"
PAID_BEFORE_RELEASE = "paid_before_release"
SIGNED_IN_FUTURE = "signed_in_future"

MESSAGES = {
    NOT_AWARDED: LIFECYCLE_MESSAGES[NOT_AWARDED],
    PROJECT_EXISTS: LIFECYCLE_MESSAGES[PROJECT_EXISTS],
    NO_COMMISSION_AMOUNT: _("The commission's decision has no amount; record the awarded amount first."),
    AMOUNT_FROM_COMMISSION: _("The amount is the one the tender commission decided: %(amount)s ₸."),
    BAD_AMOUNT: _("The amount must be more than zero."),
    "amount_above_request": _("The amount cannot be more than requested: %(amount)s ₸."),
    BAD_DATES: _("The project cannot start before the agreement is signed."),
    SIGNED_IN_FUTURE: _("An agreement cannot be dated in the future: enter the day it was signed."),
    BAD_TRANCHES: _(
        "The grant type's tranches must add up to 100%% and start with the %(advance)s%% advance."
    ),
    TRANCHE_NOT_RELEASED: LIFECYCLE_MESSAGES[TRANCHE_NOT_RELEASED],
    ABOVE_TRANCHE: _("The payment exceeds what remains of the tranche (%(left)s ₸) by %(over)s ₸."),
    ABOVE_AGREEMENT: _("The payment exceeds the agreement amount by %(over)s ₸"),
    BAD_PAYMENT_DATE: _("A payment cannot be dated before the agreement was signed or in the future."),
    PAID_BEFORE_RELEASE: _("This tranche was released on %(date)s; a payment on it cannot be dated earlier."),
}


def money(value: Decimal) -> str:
    return number_format(value, 2, force_grouping=True)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def split_into_tranches(amount: Decimal, percents: list) -> list[Decimal]:
    """Each share rounded to the tiyn; the rounding remainder goes to the last so the sum is exact."""
    parts = [(amount * Decimal(p) / 100).quantize(TIYN, rounding=ROUND_HALF_UP) for p in percents[:-1]]
    return [*parts, amount - sum(parts, Decimal(0))]


def tranche_percents(grant_type) -> list:
    percents = list(grant_type.tranche_percents or [])
    if not percents:
        percents = [grant_type.advance_percent, 100 - grant_type.advance_percent]
    percents = [p for p in percents if p]
    if sum(Decimal(p) for p in percents) != 100 or Decimal(percents[0]) != grant_type.advance_percent:
        raise DomainError(BAD_TRANCHES, MESSAGES[BAD_TRANCHES] % {"advance": grant_type.advance_percent})
    return percents


def interim_report_months(grant_type, duration_months: int) -> list[int]:
    """Months after the start at which interim reports fall; one at the very end is the final report."""
    return sorted({int(m) for m in grant_type.report_months or [] if 0 < int(m) < duration_months})


def report_schedule(
    *, grant_type, starts_on: datetime.date, ends_on: datetime.date, duration_months: int
) -> list[tuple[str, datetime.date]]:
    schedule = [
        (Report.Kind.INTERIM, add_working_days(add_months(starts_on, m), REPORT_GRACE_WORKING_DAYS))
        for m in interim_report_months(grant_type, duration_months)
    ]
    schedule.append((Report.Kind.FINAL, add_working_days(ends_on, REPORT_GRACE_WORKING_DAYS)))
    return schedule


def commission_amount(application: Application) -> Decimal | None:
    """The amount of the latest commission decision to award this application, if any."""
    item = (
        AgendaItem.objects.filter(application=application, decision=AgendaItem.Decision.AWARDED)
        .order_by("-sitting__starts_at", "-pk")
        .first()
    )
    return item.amount if item else None


def next_agreement_number(year: int) -> str:
    prefix = f"AG-{year}-"
    last = (
        Project.objects.filter(agreement_number__startswith=prefix)
        .order_by("-agreement_number")
        .values_list("agreement_number", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last and last.removeprefix(prefix).isdigit() else 1
    return f"{prefix}{number:05d}"


def organisation_admin_emails(organisation) -> list[str]:
    return list(
        Membership.objects.filter(
            organisation=organisation, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        )
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def _check_operator(by) -> None:
    decision = can_manage_projects(by)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _agreement_amount(application: Application, amount: Decimal | None) -> Decimal:
    grant_type = application.call.grant_type
    if grant_type.two_stage:
        decided = commission_amount(application)
        if decided is None:
            raise DomainError(NO_COMMISSION_AMOUNT, MESSAGES[NO_COMMISSION_AMOUNT], field="amount")
        if amount is not None and amount != decided:
            raise DomainError(
                AMOUNT_FROM_COMMISSION,
                MESSAGES[AMOUNT_FROM_COMMISSION] % {"amount": money(decided)},
                field="amount",
            )
        return decided
    requested = application.requested_amount
    if amount is None:
        amount = requested
    if amount <= 0:
        raise DomainError(BAD_AMOUNT, MESSAGES[BAD_AMOUNT], field="amount")
    if amount > requested:
        raise DomainError(
            BAD_AMOUNT, MESSAGES["amount_above_request"] % {"amount": money(requested)}, field="amount"
        )
    return amount.quantize(TIYN)


@transaction.atomic
def project_create(
    *,
    application: Application,
    by,
    signed_on: datetime.date,
    starts_on: datetime.date,
    amount: Decimal | None = None,
) -> Project:
    """Sign the agreement for an awarded application: its tranches, the advance's due date, the reports."""
    _check_operator(by)
    application = (
        Application.objects.select_for_update().select_related("call__grant_type").get(pk=application.pk)
    )
    PROJECT.require(Project(application=application), "sign", by)  # awarded, no agreement yet
    if signed_on > timezone.localdate():
        raise DomainError(SIGNED_IN_FUTURE, MESSAGES[SIGNED_IN_FUTURE], field="signed_on")
    if starts_on < signed_on:
        raise DomainError(BAD_DATES, MESSAGES[BAD_DATES], field="starts_on")
    grant_type = application.call.grant_type
    amount = _agreement_amount(application, amount)
    percents = tranche_percents(grant_type)
    ends_on = add_months(starts_on, application.duration_months)
    project = Project(
        application=application,
        agreement_number=next_agreement_number(signed_on.year),
        amount=amount,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    project.full_clean()
    PROJECT.apply(project, "sign", by=by)
    advance_due = add_working_days(signed_on, grant_type.advance_due_working_days)
    for number, part in enumerate(split_into_tranches(amount, percents), start=1):
        tranche = Tranche(
            project=project,
            number=number,
            amount=part,
            is_advance=number == 1,
            due_on=advance_due if number == 1 else None,
        )
        tranche._history_user = by
        tranche.save()
    simplified = amount <= grant_type.simplified_report_up_to
    for kind, due_on in report_schedule(
        grant_type=grant_type,
        starts_on=starts_on,
        ends_on=ends_on,
        duration_months=application.duration_months,
    ):
        report = Report(project=project, kind=kind, due_on=due_on, simplified=simplified)
        report._history_user = by
        report.save()
    notify(
        to=organisation_admin_emails(application.organisation),
        template="grants/projects/email/project_signed",
        context={
            "project": project,
            "application": application,
            "advance_due": advance_due,
            "reports": list(project.reports.order_by("due_on")),
        },
    )
    return project


# Payments.


@transaction.atomic
def payment_record(*, tranche: Tranche, amount: Decimal, paid_on: datetime.date, by) -> Payment:
    """Record money the operator paid on a released tranche; never beyond the tranche or the agreement."""
    _check_operator(by)
    project = Project.objects.select_for_update().get(
        pk=tranche.project_id
    )  # one payment at a time per project
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    if amount is None or amount <= 0:
        raise DomainError(BAD_AMOUNT, MESSAGES[BAD_AMOUNT], field="amount")
    amount = amount.quantize(TIYN)
    payment = Payment(tranche=tranche, amount=amount, paid_on=paid_on, recorded_by=by)
    try:
        PAYMENT.require(payment, "record", by)  # on a released tranche
    except DomainError as error:
        error.field = "tranche"
        raise
    if paid_on < project.signed_on or paid_on > timezone.localdate():
        raise DomainError(BAD_PAYMENT_DATE, MESSAGES[BAD_PAYMENT_DATE], field="paid_on")
    released_on = tranche_released_on(tranche, project)
    if paid_on < released_on:
        raise DomainError(
            PAID_BEFORE_RELEASE,
            MESSAGES[PAID_BEFORE_RELEASE] % {"date": date_format(released_on, "DATE_FORMAT")},
            field="paid_on",
        )
    paid_project = Payment.objects.filter(tranche__project=project).aggregate(s=Sum("amount"))[
        "s"
    ] or Decimal(0)
    if paid_project + amount > project.amount:
        over = paid_project + amount - project.amount
        raise DomainError(ABOVE_AGREEMENT, MESSAGES[ABOVE_AGREEMENT] % {"over": money(over)}, field="amount")
    paid_tranche = tranche.payments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if paid_tranche + amount > tranche.amount:
        left = tranche.amount - paid_tranche
        raise DomainError(
            ABOVE_TRANCHE,
            MESSAGES[ABOVE_TRANCHE] % {"left": money(left), "over": money(amount - left)},
            field="amount",
        )
    payment.full_clean()
    return PAYMENT.apply(payment, "record", by=by)


def tranche_released_on(tranche: Tranche, project: Project) -> datetime.date:
    """The day a tranche became payable: the advance at signing, the others when the report releasing them was
    approved."""
    report = tranche.released_by_report
    if report is not None and report.approved_at is not None:
        return max(project.signed_on, timezone.localdate(report.approved_at))
    return project.signed_on


def tranches_release(
    *, project: Project, report: Report, on: datetime.date, by, all_remaining: bool
) -> list[Tranche]:
    """Release the next unreleased tranche (or all that remain): it becomes payable within the advance's term."""
    grant_type = project.application.call.grant_type
    waiting = list(
        Tranche.objects.select_for_update().filter(project=project, due_on__isnull=True).order_by("number")
    )
    released = waiting if all_remaining else waiting[:1]
    due_on = add_working_days(on, grant_type.advance_due_working_days)
    for tranche in released:
        TRANCHE.apply(tranche, "release", by=by, due_on=due_on, released_by_report=report)
    return released
