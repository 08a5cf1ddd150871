"""Filing a complete draft report, and correcting a filed one with a new draft version."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from azamat.core.public_cache import topics_bump
from azamat.registry.report_models import (
    AnnualReport,
    ReportBeneficiary,
    ReportExpense,
    ReportFounder,
    ReportIncome,
    ReportProject,
    ReportReminder,
)
from azamat.registry.report_services.checks import report_problems
from azamat.registry.report_services.common import S, _bulk, _locked, _require_admin
from azamat.registry.report_services.errors import (
    CORRECTION_OPEN,
    FILED_TWICE,
    FROZEN,
    NOT_FILED,
    ReportInvalid,
    _error,
)

if TYPE_CHECKING:  # people come from accounts, a layer above: the registry only names them
    from azamat.accounts.models import User


@transaction.atomic
def report_file(*, report: AnnualReport, by: User, on: datetime.date | None = None) -> AnnualReport:
    """File a complete draft: it is frozen; the filed version it corrects, if any, becomes superseded and its
    first filing date carries over."""
    on = on or timezone.localdate()
    _require_admin(report.organisation, by)
    report = _locked(report)
    if report.is_frozen:
        raise _error(FILED_TWICE if report.status == S.FILED else FROZEN)
    problems = report_problems(report, on=on)
    if problems:
        raise ReportInvalid(problems)
    previous = (
        AnnualReport.objects.select_for_update()
        .filter(organisation_id=report.organisation_id, year=report.year, status=S.FILED)
        .first()
    )
    if previous:
        previous.status = S.SUPERSEDED
        previous._history_user = by
        previous.save(update_fields=["status", "updated_at"])
    report.status = S.FILED
    report.filed_at = timezone.now()
    report.filed_by = by
    report.first_filed_on = (previous.first_filed_on if previous else None) or on
    report._history_user = by
    report.save()
    ReportReminder.objects.filter(organisation_id=report.organisation_id, year=report.year).delete()
    topics_bump("registry")  # the directory and the profile show whether the report is current
    return report


def _copy_lines(model, source: AnnualReport, target: AnnualReport) -> None:
    fields = [f.name for f in model._meta.fields if f.name not in {"id", "report"}]
    _bulk(model, None)(
        model(report=target, **{name: getattr(line, name) for name in fields})
        for line in model.objects.filter(report=source).order_by("pk")
    )


@transaction.atomic
def report_correct(*, report: AnnualReport, by: User) -> AnnualReport:
    """A new draft version copying everything of the filed one; the filed one stays in force until it is filed."""
    _require_admin(report.organisation, by)
    report = _locked(report)
    if report.status != S.FILED:
        raise _error(NOT_FILED)
    if AnnualReport.objects.filter(
        organisation_id=report.organisation_id, year=report.year, status=S.DRAFT
    ).exists():
        raise _error(CORRECTION_OPEN, year=report.year)
    latest = AnnualReport.objects.filter(organisation_id=report.organisation_id, year=report.year).aggregate(
        v=Max("version")
    )["v"]
    copy = AnnualReport(
        organisation_id=report.organisation_id,
        year=report.year,
        version=latest + 1,
        created_by=by,
        first_filed_on=report.first_filed_on,
        **{
            f: getattr(report, f)
            for f in (
                "activities",
                "staff_count",
                "volunteer_count",
                "property_value",
                "property_description",
                "income_total",
                "expenditure_total",
            )
        },
    )
    copy._history_user = by
    copy.save()
    copy.areas.set(report.areas.all())
    copy.regions.set(report.regions.all())
    for model in (ReportFounder, ReportBeneficiary, ReportProject, ReportIncome, ReportExpense):
        _copy_lines(model, report, copy)
    return copy
