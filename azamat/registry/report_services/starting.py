"""Starting a report: a draft pre-filled from last year's filed one and what the platform says it received."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.core.hooks import app_modules
from azamat.registry.models import Organisation
from azamat.registry.report_models import (
    AnnualReport,
    ReportBeneficiary,
    ReportFounder,
    ReportIncome,
    ReportProject,
)
from azamat.registry.report_selectors import last_filed
from azamat.registry.report_services.common import _bulk, _require_admin
from azamat.registry.report_services.errors import (
    REPORT_EXISTS,
    YEAR_BEFORE_REGISTRATION,
    YEAR_IN_FUTURE,
    _message,
)

if TYPE_CHECKING:  # people come from accounts, a layer above: the registry only names them
    from azamat.accounts.models import User

# The hook other apps provide (see `platform_received`): grants says what an organisation received in a year.
RECEIVED_HOOK = "ngo_report"


def platform_received(organisation: Organisation, year: int) -> list[dict]:
    """What the platform knows the organisation received in `year`, from every app with an `ngo_report` module
    (grants: its projects and the payments made on them). Each item: title, amount (paid in the year), source
    (a ReportIncome source), project_amount."""
    received: list[dict] = []
    for module in app_modules(RECEIVED_HOOK):
        received.extend(module.received(organisation=organisation, year=year))
    return received


def _check_year(organisation: Organisation, year: int, on: datetime.date) -> None:
    if year > on.year:
        raise DomainError(YEAR_IN_FUTURE, _message(YEAR_IN_FUTURE, year=year, current=on.year), field="year")
    if year < organisation.registered_on.year:
        raise DomainError(
            YEAR_BEFORE_REGISTRATION,
            _message(YEAR_BEFORE_REGISTRATION, year=year, registered=organisation.registered_on.year),
            field="year",
        )
    if AnnualReport.objects.filter(organisation=organisation, year=year).exists():
        raise DomainError(REPORT_EXISTS, _message(REPORT_EXISTS, year=year), field="year")


@transaction.atomic
def report_create(
    *, organisation: Organisation, year: int, by: User, on: datetime.date | None = None
) -> AnnualReport:
    """A new draft on `year`, pre-filled: founders, areas, regions, people, property and the beneficiary
    categories (numbers left at 0 to be given again) from the last filed report, and the projects and state
    income the platform knows of."""
    on = on or timezone.localdate()
    _require_admin(organisation, by)
    Organisation.objects.select_for_update().get(
        pk=organisation.pk
    )  # one new report at a time per organisation
    _check_year(organisation, year, on)
    previous = last_filed(organisation=organisation, before_year=year)
    report = AnnualReport(organisation=organisation, year=year, created_by=by)
    if previous:
        for field in (
            "activities",
            "staff_count",
            "volunteer_count",
            "property_value",
            "property_description",
        ):
            setattr(report, field, getattr(previous, field))
    report._history_user = by
    report.save()
    if previous:
        report.areas.set(previous.areas.all())
        report.regions.set(previous.regions.all())
        _bulk(ReportFounder, by)(
            ReportFounder(
                report=report,
                kind=f.kind,
                name=f.name,
                country=f.country,
                identifier=f.identifier,
                position=i,
            )
            for i, f in enumerate(previous.founders.all())
        )
        _bulk(ReportBeneficiary, by)(
            ReportBeneficiary(report=report, category=b.category, number=0)
            for b in previous.beneficiaries.all()
        )
    else:
        report.areas.set(organisation.areas.all())
        report.regions.set([organisation.region_id])
        report.staff_count = organisation.staff_count or 0
        report.volunteer_count = organisation.volunteer_count or 0
        report.save(update_fields=["staff_count", "volunteer_count"])
    received = platform_received(organisation, year)
    _bulk(ReportProject, by)(
        ReportProject(report=report, title=item["title"][:500], amount=item["project_amount"], position=i)
        for i, item in enumerate(received)
    )
    paid = [item for item in received if item["amount"]]
    _bulk(ReportIncome, by)(
        ReportIncome(
            report=report,
            source=item["source"],
            amount=item["amount"],
            donor=item.get("donor", "")[:300],
            position=i,
        )
        for i, item in enumerate(paid)
    )
    if paid:
        report.income_total = sum((item["amount"] for item in paid), Decimal(0))
        report.save(update_fields=["income_total"])
    return report
