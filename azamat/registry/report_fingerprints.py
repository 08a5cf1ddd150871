"""What each section of an annual report holds, as a short digest: the edit page carries the digests it was loaded
with, and a save under the report's lock compares them with what is saved now, to notice a colleague's save since
(report_services.saving). The forms build their initial values from here too (report_forms)."""

import hashlib
import json
from decimal import Decimal

from django.db import models

from azamat.registry.report_models import AnnualReport

# Each section's own fields and its tables of lines; report_forms' SECTION_FORMS pairs them with the forms, and a
# test holds the two to the same fields.
SECTION_FIELDS = {
    "activities": (["activities", "areas", "regions"], ["beneficiaries", "projects"]),
    "founders": ([], ["founders"]),
    "people": (["property_description", "property_value", "staff_count", "volunteer_count"], []),
    "income": (["income_total"], ["income"]),
    "expenditure": (["expenditure_total"], ["expenses"]),
}
LINE_FIELDS = {
    "beneficiaries": ["category", "number"],
    "projects": ["title", "area", "amount", "beneficiaries"],
    "founders": ["kind", "name", "country", "identifier"],
    "income": ["source", "amount", "donor", "country"],
    "expenses": ["category", "amount"],
}


def initial_data(report: AnnualReport) -> tuple[dict, dict[str, list[dict]]]:
    """The saved report as the forms' initial values."""
    fields = {
        "activities": report.activities,
        "areas": list(report.areas.all()),
        "regions": list(report.regions.all()),
        "staff_count": report.staff_count,
        "volunteer_count": report.volunteer_count,
        "property_value": report.property_value,
        "property_description": report.property_description,
        # A total of 0 is shown blank: "take the lines' sum", not a stated 0 to contradict them.
        "income_total": report.income_total or None,
        "expenditure_total": report.expenditure_total or None,
    }
    related = {
        "beneficiaries": report.beneficiaries.all(),
        "projects": report.projects.all(),
        "founders": report.founders.all(),
        "income": report.income.all(),
        "expenses": report.expenses.all(),
    }
    lines = {
        name: [{field: getattr(obj, field) for field in LINE_FIELDS[name]} for obj in objects]
        for name, objects in related.items()
    }
    for line in lines["beneficiaries"]:
        if not line["number"]:
            line["number"] = None  # copied from last year without its number: shown blank to be given
    return fields, lines


def _canonical(value):
    """A value as the fingerprint compares it: the same whether read from the database or from the form."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | models.QuerySet):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if value is None or value == 0:  # a blank count or total and a 0 are the same to the forms
        return ""
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def section_fingerprint(section: str, data: dict, lines: dict[str, list[dict]]) -> str:
    """A short digest of one section's content, to tell whether it changed between two moments."""
    fields, names = SECTION_FIELDS[section]
    content = [
        [[name, _canonical(data.get(name))] for name in fields],
        [
            [[_canonical(row.get(key)) for key in LINE_FIELDS[name]] for row in lines.get(name, [])]
            for name in names
        ],
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:24]


def saved_fingerprints(report: AnnualReport) -> dict[str, str]:
    """Each section's fingerprint as saved: the edit page carries them, to notice a colleague's save since."""
    fields, lines = initial_data(report)
    return {section: section_fingerprint(section, fields, lines) for section in SECTION_FIELDS}
