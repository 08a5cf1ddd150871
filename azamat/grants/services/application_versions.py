"""Versions of an application: a JSON snapshot at each submission, and a readable diff between two of them."""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from azamat.grants.models import Application, BudgetLine, Indicator
from azamat.grants.services.similarity import sentences

TEXT_FIELDS = ["title", "summary", "problem", "target_group", "goals", "team"]
SCALAR_FIELDS = ["duration_months", "language"]


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def snapshot(application: Application) -> dict:
    """Everything the applicant submitted, as plain JSON: fields, plan, budget, indicators, file names."""
    lines = list(application.budget_lines.all())
    return {
        "number": application.number,
        "call": application.call.code,
        "direction": {
            "id": application.direction_id,
            "title_kk": application.direction.title_kk,
            "title_ru": application.direction.title_ru,
        },
        "organisation": {
            "bin": application.organisation.bin,
            "name_kk": application.organisation.name_kk,
            "name_ru": application.organisation.name_ru,
        },
        "fields": {name: getattr(application, name) for name in TEXT_FIELDS + SCALAR_FIELDS},
        "activities": [
            {
                "title": a.title,
                "starts_month": a.starts_month,
                "ends_month": a.ends_month,
                "description": a.description,
            }
            for a in application.activities.all()
        ],
        "budget_lines": [
            {
                "category": b.category,
                "description": b.description,
                "quantity": _amount(b.quantity),
                "unit_cost": _amount(b.unit_cost),
                "total": _amount(b.total),
            }
            for b in lines
        ],
        "budget_total": _amount(sum((b.total for b in lines), start=Decimal(0))),
        "indicators": [
            {
                "kind": i.kind,
                "name": i.name,
                "unit": i.unit,
                "baseline": _amount(i.baseline),
                "target": _amount(i.target),
            }
            for i in application.indicators.all()
        ],
        "attachments": [
            {"document_code": a.document_code, "name": a.original_name} for a in application.attachments.all()
        ],
    }


@dataclass
class DiffLine:
    kind: str  # "same", "added" or "removed"
    text: str

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "−"}.get(self.kind, " ")


@dataclass
class DiffSection:
    title: str
    lines: list[DiffLine] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(line.kind != "same" for line in self.lines)

    @property
    def added(self) -> int:
        return sum(line.kind == "added" for line in self.lines)

    @property
    def removed(self) -> int:
        return sum(line.kind == "removed" for line in self.lines)


def _diff(old: list[str], new: list[str]) -> list[DiffLine]:
    result = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [DiffLine("same", text) for text in old[i1:i2]]
            continue
        result += [DiffLine("removed", text) for text in old[i1:i2]]
        result += [DiffLine("added", text) for text in new[j1:j2]]
    return result


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _choice(model, name: str, value: str) -> str:
    return str(dict(model._meta.get_field(name).choices).get(value, value))


def _activity_line(row: dict) -> str:
    months = (
        _("month %(start)s") % {"start": row["starts_month"]}
        if row["starts_month"] == row["ends_month"]
        else _("months %(start)s–%(end)s") % {"start": row["starts_month"], "end": row["ends_month"]}
    )
    return " · ".join(p for p in [str(months), row["title"], row["description"]] if p)


def _budget_line(row: dict) -> str:
    return (
        f"{_choice(BudgetLine, 'category', row['category'])} · {row['description']} · "
        f"{row['quantity']} × {row['unit_cost']} ₸ = {row['total']} ₸"
    )


def _indicator_line(row: dict) -> str:
    return (
        f"{_choice(Indicator, 'kind', row['kind'])} · {row['name']} · {row['unit']} · "
        f"{row['baseline']} → {row['target']}"
    )


def _sections(data: dict) -> list[tuple[str, list[str]]]:
    fields = data.get("fields", {})
    sections = []
    for name in TEXT_FIELDS:
        sections.append((_label(Application, name), sentences(fields.get(name) or "")))
    for name in SCALAR_FIELDS:
        value = fields.get(name)
        if name == "language":
            value = _choice(Application, "language", value)
        sections.append((_label(Application, name), [str(value)] if value not in (None, "") else []))
    direction = data.get("direction") or {}
    sections.append((str(_("Direction")), [direction.get("title_ru") or direction.get("title_kk") or ""]))
    sections.append((str(_("Activities")), [_activity_line(r) for r in data.get("activities", [])]))
    sections.append(
        (
            str(_("Budget")),
            [_budget_line(r) for r in data.get("budget_lines", [])]
            + [str(_("Total: %(total)s ₸") % {"total": data.get("budget_total", "0.00")})],
        )
    )
    sections.append((str(_("Indicators")), [_indicator_line(r) for r in data.get("indicators", [])]))
    sections.append(
        (
            str(_("Attachments")),
            [f"{a['document_code'] or '—'} · {a['name']}" for a in data.get("attachments", [])],
        )
    )
    return sections


def version_diff(old: dict, new: dict) -> list[DiffSection]:
    """Section by section, the lines (sentences, rows) removed from `old` and added in `new`."""
    return [
        DiffSection(title, _diff(old_lines, new_lines))
        for (title, old_lines), (_title, new_lines) in zip(_sections(old), _sections(new), strict=True)
    ]
