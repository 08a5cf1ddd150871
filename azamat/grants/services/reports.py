"""Reports on a project: filling, submitting, revision and approval (which releases tranches), reminders."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import uploads
from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.public_cache import topics_bump
from azamat.grants.errors import MESSAGES as LIFECYCLE_MESSAGES
from azamat.grants.errors import WRONG_STATUS
from azamat.grants.lifecycle import REPORT
from azamat.grants.models import Attachment, ExpenditureLine, IndicatorActual, Report
from azamat.grants.permissions import can_fill_report, can_manage_projects
from azamat.grants.services import application_files as files
from azamat.grants.services.projects import (
    TIYN,
    organisation_admin_emails,
    tranches_release,
)

NOT_ALLOWED = "not_allowed"
INCOMPLETE = "incomplete"
BAD_VALUE = "bad_value"
COMMENT_REQUIRED = "comment_required"
NO_BUDGET = "no_budget"

MESSAGES = {
    INCOMPLETE: _("Fill in %(what)s before submitting the report."),
    BAD_VALUE: _("Values cannot be negative."),
    WRONG_STATUS: LIFECYCLE_MESSAGES[WRONG_STATUS],
    COMMENT_REQUIRED: _("Say what has to be revised: the comment is sent to the organisation."),
    NO_BUDGET: _("The application has no budget lines to report spending against."),
}

# What a report needs before it is submitted, each by the part of the report form that holds it (the page links
# to that part when a submission is refused).
REQUIRED = {
    "narrative": _("what was done"),
    "public_summary": _("the public summary"),
    "total_spent": _("the total spent"),
    "indicators": _("every indicator's actual value"),
    "spending": _("the spending on every budget line"),
}


class ReportIncomplete(DomainError):
    """A submission refused for what is not filled in; `missing` names those parts (keys of REQUIRED)."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        what = ", ".join(str(REQUIRED[part]) for part in missing)
        super().__init__(INCOMPLETE, MESSAGES[INCOMPLETE] % {"what": what})


# Report attachments are application attachments tied to the report, checked as the application's are
# (azamat.grants.services.application_files); the document code names them for people.
REPORT_DOCUMENT_PREFIX = "report-"
REMINDER_DAYS_BEFORE = (10, 3)
OVERDUE_NOTICE_DAYS_AFTER = 1


def _fill_check(report: Report, by) -> None:
    decision = can_fill_report(by, report)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _operator_check(by) -> None:
    decision = can_manage_projects(by)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update()
        .select_related("project__application__organisation", "project__application__call__grant_type")
        .get(pk=report.pk)
    )


def _total_line(application):
    """Until a report has its own total, a simplified report's total is kept on the first budget line."""
    line = application.budget_lines.order_by("pk").first()
    if line is None:
        raise DomainError(NO_BUDGET, MESSAGES[NO_BUDGET])
    return line


def _non_negative(values: dict, field: str) -> None:
    for value in values.values():
        if value is None or value < 0:
            raise DomainError(BAD_VALUE, MESSAGES[BAD_VALUE], field=field)


@transaction.atomic
def report_save(
    *,
    report: Report,
    by,
    narrative: str,
    public_summary: str,
    actuals: dict | None = None,
    spent: dict | None = None,
    total_spent: Decimal | None = None,
) -> Report:
    """Save the report as a draft. `actuals` maps indicator ids to values, `spent` budget line ids to tenge
    spent since the start; a simplified report takes only `total_spent`."""
    report = _locked(report)
    _fill_check(report, by)
    application = report.project.application
    actuals, spent = actuals or {}, spent or {}
    _non_negative(actuals, "actuals")
    _non_negative(spent, "spent")
    if total_spent is not None and total_spent < 0:
        raise DomainError(BAD_VALUE, MESSAGES[BAD_VALUE], field="total_spent")
    report.narrative = narrative.strip()
    report.public_summary = public_summary.strip()
    report.full_clean()
    report._history_user = by
    report.save(update_fields=["narrative", "public_summary"])
    if report.simplified:
        if total_spent is not None:
            line = _total_line(application)
            report.expenditures.exclude(budget_line=line).delete()
            ExpenditureLine.objects.update_or_create(
                report=report, budget_line=line, defaults={"spent": total_spent.quantize(TIYN)}
            )
        return report
    indicators = set(application.indicators.values_list("pk", flat=True))
    for indicator_id, value in actuals.items():
        if int(indicator_id) in indicators:
            IndicatorActual.objects.update_or_create(
                report=report, indicator_id=int(indicator_id), defaults={"actual": value}
            )
    lines = set(application.budget_lines.values_list("pk", flat=True))
    for line_id, value in spent.items():
        if int(line_id) in lines:
            ExpenditureLine.objects.update_or_create(
                report=report, budget_line_id=int(line_id), defaults={"spent": value.quantize(TIYN)}
            )
    topics_bump("dashboard")  # the dashboard sums actuals and spending
    return report


def _missing(report: Report) -> list[str]:
    """What the report lacks to be submitted, as keys of REQUIRED."""
    missing = []
    if not report.narrative:
        missing.append("narrative")
    if not report.public_summary:
        missing.append("public_summary")
    application = report.project.application
    if report.simplified:
        if not report.expenditures.exists():
            missing.append("total_spent")
        return missing
    if application.indicators.exclude(actuals__report=report).exists():
        missing.append("indicators")
    if application.budget_lines.exclude(expenditures__report=report).exists():
        missing.append("spending")
    return missing


@transaction.atomic
def report_submit(*, report: Report, by) -> Report:
    report = _locked(report)
    _fill_check(report, by)
    step = "resubmit" if report.status == Report.Status.REVISION else "submit"
    missing = _missing(report)
    if missing:
        raise ReportIncomplete(missing)
    # The first submission counts for timeliness; a revision the operator asks for does not make it late.
    return REPORT.apply(report, step, by=by, submitted_at=report.submitted_at or timezone.now())


def _submitter_email(report: Report) -> str | None:
    record = (
        report.history.filter(status=Report.Status.SUBMITTED, history_user__isnull=False)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    return record.history_user.email if record else None


@transaction.atomic
def report_request_revision(*, report: Report, by, comment: str) -> Report:
    _operator_check(by)
    report = _locked(report)
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(COMMENT_REQUIRED, MESSAGES[COMMENT_REQUIRED], field="comment")
    REPORT.apply(report, "request_revision", by=by, reviewer_comment=comment)
    organisation = report.project.application.organisation
    recipients = organisation_admin_emails(organisation)
    submitter = _submitter_email(report)
    if submitter and submitter not in recipients:
        recipients.append(submitter)
    notify(
        to=recipients,
        template="grants/projects/email/report_revision",
        context={"report": report, "project": report.project, "comment": comment},
    )
    return report


@transaction.atomic
def report_approve(*, report: Report, by) -> Report:
    """Approve a submitted report; an interim one releases the next tranche, the final one all that remain."""
    _operator_check(by)
    report = _locked(report)
    now = timezone.now()
    REPORT.apply(report, "approve", by=by, approved_at=now)
    released = tranches_release(
        project=report.project,
        report=report,
        on=timezone.localtime(now).date(),
        by=by,
        all_remaining=report.kind == Report.Kind.FINAL,
    )
    notify(
        to=organisation_admin_emails(report.project.application.organisation),
        template="grants/projects/email/report_approved",
        context={"report": report, "project": report.project, "released": released},
    )
    return report


# Attachments.


def attachment_check(upload):
    """The application attachments' checks (core.uploads: kind by extension, empty, size, content, a
    password-locked PDF told apart; a HEIC photo taken as a JPEG), said on the report's attachment field; returns
    the file as it is kept and its extension."""
    return files.attachment_file(upload, field="attachment")


@transaction.atomic
def report_attach(*, report: Report, by, upload) -> Attachment:
    report = _locked(report)
    _fill_check(report, by)
    upload, ext = attachment_check(upload)
    code = f"{REPORT_DOCUMENT_PREFIX}{report.pk}"
    original = uploads.stored_as(upload, code, ext)
    return Attachment.objects.create(
        application=report.project.application,
        report=report,
        document_code=code,
        file=upload,
        original_name=original,
        size=upload.size,
        content_type=files.CONTENT_TYPES[ext],
        uploaded_by=by,
    )


# Reminders: 10 and 3 days before the due date, and an overdue notice the day after.


def reminders_send(*, today: datetime.date) -> int:
    """Email the organisation's administrators about reports due soon or overdue; sent only on the exact days,
    so a daily run sends each reminder once. Returns the number of reports reminded about."""
    targets = {today + datetime.timedelta(days=d): ("report_due_soon", d) for d in REMINDER_DAYS_BEFORE}
    targets[today - datetime.timedelta(days=OVERDUE_NOTICE_DAYS_AFTER)] = (
        "report_overdue",
        OVERDUE_NOTICE_DAYS_AFTER,
    )
    reports = (
        Report.objects.filter(
            due_on__in=list(targets), status__in=[Report.Status.DUE, Report.Status.REVISION]
        )
        .select_related("project__application__organisation")
        .order_by("due_on", "pk")
    )
    admins: dict[int, list[str]] = {}
    count = 0
    for report in reports:
        organisation = report.project.application.organisation
        if organisation.pk not in admins:
            admins[organisation.pk] = organisation_admin_emails(organisation)
        template, days = targets[report.due_on]
        notify(
            to=admins[organisation.pk],
            template=f"grants/projects/email/{template}",
            context={"report": report, "project": report.project, "days": days},
        )
        count += 1
    return count
