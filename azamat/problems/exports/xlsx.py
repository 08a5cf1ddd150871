"""The register as an XLSX workbook (openpyxl): a filterable row per recommendation, every text a text cell
(`core.exports.as_text`), so a text starting with "=" stays a text, shown as typed."""

import datetime
import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from azamat.core.exports import as_text, xlsx_value
from azamat.problems.exports.document import Register, register, subtitle, title

HEADER_FILL = PatternFill("solid", fgColor="D3E8F0")


def xlsx_header() -> list[str]:
    return [
        _("Area"),
        _("Number"),
        _("Problem"),
        _("Description"),
        _("Status"),
        _("Regions affected"),
        _("Legal acts to change"),
        _("Organisations endorsing"),
        _("Recommendation"),
        _("Body that must act"),
        _("Item sent"),
        _("What the body did"),
        _("The body's answer"),
        _("Answer due"),
        _("Answered on"),
        _("Implemented on"),
    ]


WIDTHS = (22, 10, 40, 60, 18, 30, 50, 12, 50, 32, 16, 22, 60, 12, 12, 12)


def xlsx_rows(document: Register) -> list[list]:
    """One row per item of each recommendation (a recommendation not sent, a problem without any: one row)."""
    rows = []
    for section in document.sections:
        for entry in section.entries:
            problem = [
                section.area.name,
                entry.problem.number,
                entry.problem.title,
                entry.problem.description,
                entry.status,
                entry.regions_text,
                "\n".join(entry.acts),
                entry.endorsements,
            ]
            if not entry.actions:
                rows.append(problem + [""] * 8)
            for action in entry.actions:
                for item in action.items or [None]:
                    rows.append(
                        problem
                        + [
                            action.recommendation.text,
                            action.body,
                            item.number if item else "",
                            item.status_label if item else _("Not sent yet"),
                            item.answer_text if item and item.is_public else "",
                            item.current_due_on if item else None,
                            item.answered_on if item else None,
                            item.implemented_on if item else None,
                        ]
                    )
    return rows


def register_xlsx(problems: QuerySet) -> bytes:
    """The register as an XLSX workbook: one sheet, a row per recommendation, filterable; text is never a
    formula (an organisation's text starting with "=" stays text)."""
    document = register(problems)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Register of problems")[:31]
    workbook.properties.title = f"{title()} — {subtitle(document)}"
    workbook.properties.creator = "Azamat"
    sheet.append([xlsx_value(value) for value in xlsx_header()])
    for row in xlsx_rows(document):
        sheet.append([xlsx_value(value) for value in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                as_text(cell)
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
