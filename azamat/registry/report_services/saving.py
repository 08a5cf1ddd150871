"""Saving one section of a draft report: its fields and lines replaced, the section's checks passed first."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from azamat.registry.report_countries import normalise
from azamat.registry.report_fingerprints import initial_data, section_fingerprint
from azamat.registry.report_models import (
    AnnualReport,
    ReportBeneficiary,
    ReportExpense,
    ReportFounder,
    ReportIncome,
    ReportProject,
)
from azamat.registry.report_services.checks import (
    beneficiary_problems,
    expenditure_problems,
    founder_problems,
    income_problems,
)
from azamat.registry.report_services.common import S, _bulk, _locked, _require_admin
from azamat.registry.report_services.errors import (
    EDITED_MEANWHILE,
    FILED_TWICE,
    FROZEN,
    ReportInvalid,
    _error,
)

if TYPE_CHECKING:  # people come from accounts, a layer above: the registry only names them
    from azamat.accounts.models import User

SECTIONS = ("activities", "founders", "people", "income", "expenditure")
SECTION_FIELDS = {
    "activities": ["activities"],
    "founders": [],
    "people": ["staff_count", "volunteer_count", "property_value", "property_description"],
    "income": ["income_total"],
    "expenditure": ["expenditure_total"],
}


def _replace(model, report: AnnualReport, lines: list[dict], fields: list[str]) -> None:
    model.objects.filter(report=report).delete()
    objects = []
    for position, line in enumerate(lines):
        values = {name: line.get(name) for name in fields}
        if "position" in {f.name for f in model._meta.fields}:
            values["position"] = position
        objects.append(model(report=report, **values))
    _bulk(model, None)(objects)


def _lines_sum(lines: list[dict]) -> Decimal:
    return sum((Decimal(line["amount"] or 0) for line in lines), Decimal(0))


@transaction.atomic
def report_save(
    *,
    report: AnnualReport,
    by: User,
    section: str,
    data: dict,
    lines: dict[str, list[dict]] | None = None,
    loaded: str = "",
) -> AnnualReport:
    """Save one section of a draft; the others stay as they are. A blank stated total takes the lines' sum;
    a stated total that differs from it is refused, as is a foreign line without donor or country.

    `loaded` is the section's fingerprint (report_fingerprints) as the page showed it: if a colleague saved the
    section since, under the report's lock, and what is sent differs from theirs, it is refused (EDITED_MEANWHILE)
    rather than written over their work."""
    lines = lines or {}
    _require_admin(report.organisation, by)
    report = _locked(report)
    if report.is_frozen:
        raise _error(FILED_TWICE if report.status == S.FILED else FROZEN)
    if loaded:
        now = section_fingerprint(section, *initial_data(report))
        if loaded != now and section_fingerprint(section, data, lines) != now:
            raise _error(EDITED_MEANWHILE)
    if section == "income":
        income = [{**line, "country": normalise(line.get("country", ""))} for line in lines.get("income", [])]
        if data.get("income_total") is None:
            data = {**data, "income_total": _lines_sum(income)}
        problems = income_problems(income, data["income_total"])
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportIncome, report, income, ["source", "amount", "donor", "country"])
    elif section == "expenditure":
        expenses = lines.get("expenses", [])
        if data.get("expenditure_total") is None:
            data = {**data, "expenditure_total": _lines_sum(expenses)}
        problems = expenditure_problems(expenses, data["expenditure_total"])
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportExpense, report, expenses, ["category", "amount"])
    elif section == "founders":
        founders = [
            {**line, "country": normalise(line.get("country", ""))} for line in lines.get("founders", [])
        ]
        problems = founder_problems(founders)
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportFounder, report, founders, ["kind", "name", "country", "identifier"])
    elif section == "activities":
        beneficiaries = lines.get("beneficiaries", [])
        problems = beneficiary_problems(beneficiaries)
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportBeneficiary, report, beneficiaries, ["category", "number"])
        _replace(
            ReportProject, report, lines.get("projects", []), ["title", "area", "amount", "beneficiaries"]
        )
        report.areas.set(data.get("areas", []))
        report.regions.set(data.get("regions", []))
    elif section != "people":
        raise ValueError(section)
    for field in SECTION_FIELDS[section]:
        if field in data:
            setattr(report, field, data[field] if data[field] is not None else 0)
    report._history_user = by
    report.full_clean(exclude=["organisation", "created_by", "filed_by"])
    report.save()
    return report
