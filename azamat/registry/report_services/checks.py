"""The checks shared by saving and filing, line by line, and all that keeps a report from being filed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from azamat.core.numbers import format_number
from azamat.registry.report_countries import is_country, normalise
from azamat.registry.report_models import AnnualReport, ReportBeneficiary, ReportIncome
from azamat.registry.report_services.errors import (
    DUPLICATE_CATEGORY,
    EXPENDITURE_MISMATCH,
    FOREIGN_COUNTRY,
    FOREIGN_DONOR,
    INCOME_MISMATCH,
    NO_ACTIVITIES,
    NO_AREAS,
    NO_BENEFICIARY_NUMBER,
    NO_FOUNDERS,
    NO_REGIONS,
    TOO_EARLY,
    UNKNOWN_COUNTRY,
    Problem,
    _problem,
)

FOREIGN = ReportIncome.Source.FOREIGN


def _tenge(value) -> str:
    return format_number(Decimal(value or 0), decimal_places=2)


def income_problems(lines: list[dict], total: Decimal | None) -> list[Problem]:
    """Foreign lines name their donor and a real country; the stated total equals the lines' sum."""
    problems = []
    for number, line in enumerate(lines, start=1):
        country = normalise(line.get("country", ""))
        if line["source"] == FOREIGN:
            if not (line.get("donor") or "").strip():
                problems.append(_problem(FOREIGN_DONOR, "income", line=number, field="donor", number=number))
            if not country:
                problems.append(
                    _problem(FOREIGN_COUNTRY, "income", line=number, field="country", number=number)
                )
        if country and not is_country(country):
            problems.append(_problem(UNKNOWN_COUNTRY, "income", line=number, field="country", code=country))
    total_sum = sum((Decimal(line["amount"] or 0) for line in lines), Decimal(0))
    if total is not None and Decimal(total) != total_sum:
        problems.append(
            _problem(
                INCOME_MISMATCH, "income", field="income_total", sum=_tenge(total_sum), total=_tenge(total)
            )
        )
    return problems


def expenditure_problems(lines: list[dict], total: Decimal | None) -> list[Problem]:
    total_sum = sum((Decimal(line["amount"] or 0) for line in lines), Decimal(0))
    if total is not None and Decimal(total) != total_sum:
        return [
            _problem(
                EXPENDITURE_MISMATCH,
                "expenditure",
                field="expenditure_total",
                sum=_tenge(total_sum),
                total=_tenge(total),
            )
        ]
    return []


def founder_problems(lines: list[dict]) -> list[Problem]:
    return [
        _problem(UNKNOWN_COUNTRY, "founders", line=number, field="country", code=normalise(line["country"]))
        for number, line in enumerate(lines, start=1)
        if not is_country(line.get("country", ""))
    ]


def beneficiary_problems(lines: list[dict]) -> list[Problem]:
    seen, problems = set(), []
    labels = dict(ReportBeneficiary.Category.choices)
    for number, line in enumerate(lines, start=1):
        if line["category"] in seen:
            problems.append(
                _problem(
                    DUPLICATE_CATEGORY,
                    "activities",
                    line=number,
                    field="category",
                    category=labels.get(line["category"], line["category"]),
                )
            )
        seen.add(line["category"])
    return problems


def report_problems(report: AnnualReport, *, on: datetime.date | None = None) -> list[Problem]:
    """Everything that keeps the report from being filed, in the order of the form's sections."""
    on = on or timezone.localdate()
    problems = []
    if on.year <= report.year:
        problems.append(_problem(TOO_EARLY, "file", year=report.year, next=report.year + 1))
    if not report.activities.strip():
        problems.append(_problem(NO_ACTIVITIES, "activities", field="activities"))
    if not report.areas.exists():
        problems.append(_problem(NO_AREAS, "activities", field="areas"))
    if not report.regions.exists():
        problems.append(_problem(NO_REGIONS, "activities", field="regions"))
    for number, line in enumerate(report.beneficiaries.all(), start=1):
        if not line.number:
            problems.append(
                _problem(
                    NO_BENEFICIARY_NUMBER,
                    "activities",
                    line=number,
                    field="number",
                    category=line.get_category_display(),
                )
            )
    founders = list(report.founders.values("kind", "name", "country", "identifier"))
    if not founders:
        problems.append(_problem(NO_FOUNDERS, "founders"))
    problems += founder_problems(founders)
    problems += income_problems(
        list(report.income.values("source", "amount", "donor", "country")), report.income_total
    )
    problems += expenditure_problems(
        list(report.expenses.values("category", "amount")), report.expenditure_total
    )
    return problems
