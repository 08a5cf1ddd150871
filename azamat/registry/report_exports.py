"""The annual report's files: the flat format for the state NGO database (JSON and XLSX, the same keys; see
docs/annual-report-format.md) and a PDF copy for the organisation's files."""

import io
import json
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook

from azamat.core.exports import as_text, xlsx_value
from azamat.core.numbers import format_number
from azamat.registry.report_countries import country_name
from azamat.registry.report_models import AnnualReport, ReportIncome

FORMAT_NAME = "azamat-ngo-annual-report"
FORMAT_VERSION = "1.0"
FONTS_DIR = Path(__file__).resolve().parent.parent / "grants" / "fonts"
FONT = "DejaVu"
LINE = 5.5


def _amount(value) -> str:
    """Money as text with two decimals and a point: exact in JSON, never a float."""
    return f"{Decimal(value or 0):.2f}"


def totals(report: AnnualReport) -> dict:
    """The stated totals, the lines' sums and income by source (for pages and the flat format)."""
    income = list(report.income.all())
    expenses = list(report.expenses.all())
    by_source = OrderedDict((code, Decimal(0)) for code, _label in ReportIncome.Source.choices)
    for line in income:
        by_source[line.source] += line.amount
    return {
        "income_sum": sum((line.amount for line in income), Decimal(0)),
        "expenditure_sum": sum((line.amount for line in expenses), Decimal(0)),
        "by_source": by_source,
        "by_source_labelled": [
            (label, by_source[code]) for code, label in ReportIncome.Source.choices if by_source[code]
        ],
    }


def flat(report: AnnualReport) -> "OrderedDict[str, object]":
    """Every fact of the report as one flat list of keys (documented in docs/annual-report-format.md): numbered
    lines become `income.1.amount`, `income.2.amount`…; amounts are strings with two decimals."""
    organisation = report.organisation
    sums = totals(report)
    data: OrderedDict[str, object] = OrderedDict()
    data["format"] = FORMAT_NAME
    data["format_version"] = FORMAT_VERSION
    data["organisation.bin"] = organisation.bin
    data["organisation.name_kk"] = organisation.name_kk
    data["organisation.name_ru"] = organisation.name_ru
    data["organisation.legal_form"] = organisation.legal_form
    data["organisation.registered_on"] = organisation.registered_on.isoformat()
    data["organisation.region_kato"] = organisation.region.kato if organisation.region_id else ""
    data["report.year"] = report.year
    data["report.version"] = report.version
    data["report.status"] = report.status
    data["report.due_on"] = report.due_on.isoformat()
    data["report.first_filed_on"] = report.first_filed_on.isoformat() if report.first_filed_on else ""
    data["report.filed_at"] = report.filed_at.isoformat() if report.filed_at else ""
    data["report.on_time"] = "" if report.on_time is None else report.on_time
    data["activities.text"] = report.activities
    data["activities.areas"] = ";".join(a.code for a in report.areas.all())
    data["activities.regions_kato"] = ";".join(r.kato for r in report.regions.all())
    data["people.staff"] = report.staff_count
    data["people.volunteers"] = report.volunteer_count
    data["property.value"] = _amount(report.property_value)
    data["property.description"] = report.property_description
    data["income.total"] = _amount(report.income_total)
    data["income.lines_sum"] = _amount(sums["income_sum"])
    for code, amount in sums["by_source"].items():
        data[f"income.by_source.{code}"] = _amount(amount)
    data["expenditure.total"] = _amount(report.expenditure_total)
    data["expenditure.lines_sum"] = _amount(sums["expenditure_sum"])
    for n, f in enumerate(report.founders.all(), start=1):
        data[f"founders.{n}.kind"] = f.kind
        data[f"founders.{n}.name"] = f.name
        data[f"founders.{n}.country"] = f.country
        data[f"founders.{n}.identifier"] = f.identifier
    for n, b in enumerate(report.beneficiaries.all(), start=1):
        data[f"beneficiaries.{n}.category"] = b.category
        data[f"beneficiaries.{n}.number"] = b.number
    for n, p in enumerate(report.projects.all(), start=1):
        data[f"projects.{n}.title"] = p.title
        data[f"projects.{n}.area"] = p.area.code if p.area_id else ""
        data[f"projects.{n}.amount"] = "" if p.amount is None else _amount(p.amount)
        data[f"projects.{n}.beneficiaries"] = p.beneficiaries
    for n, i in enumerate(report.income.all(), start=1):
        data[f"income.{n}.source"] = i.source
        data[f"income.{n}.amount"] = _amount(i.amount)
        data[f"income.{n}.donor"] = i.donor
        data[f"income.{n}.country"] = i.country
    for n, e in enumerate(report.expenses.all(), start=1):
        data[f"expenditure.{n}.category"] = e.category
        data[f"expenditure.{n}.amount"] = _amount(e.amount)
    return data


def to_json(report: AnnualReport) -> tuple[bytes, str]:
    return json.dumps(flat(report), ensure_ascii=False, indent=1).encode(), "application/json"


def to_xlsx(report: AnnualReport) -> tuple[bytes, str]:
    """One sheet, two columns (key, value): the same keys as the JSON; amounts as numbers, text never a
    formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "report"
    sheet.append(["key", "value"])
    for key, value in flat(report).items():
        if key.endswith((".amount", ".total", ".lines_sum", ".value")) or ".by_source." in key:
            value = Decimal(value) if value != "" else ""
        sheet.append([key, xlsx_value(value)])
    for row in sheet.iter_rows():
        for cell in row:
            as_text(cell)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _PDF(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)

    def heading(self, text: str, size: int = 12) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, LINE + 1, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10)

    def fact(self, label: str, value: str) -> None:
        self.set_font(FONT, "B", 10)
        self.write(LINE, f"{label}: ")
        self.set_font(FONT, size=10)
        self.write(LINE, value)
        self.ln(LINE)

    def rows(self, widths: tuple, header: list[str], rows: list[list[str]]) -> None:
        if not rows:
            self.set_font(FONT, size=10)
            self.multi_cell(0, LINE, "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        self.set_font(FONT, size=9)
        with self.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=LINE - 0.5,
            headings_style=FontFace(emphasis="BOLD"),
        ) as table:
            head = table.row()
            for label in header:
                head.cell(label)
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(str(value))
        self.set_font(FONT, size=10)
        self.ln(2)


def _tenge(value) -> str:
    return f"{format_number(Decimal(value or 0), decimal_places=2)} ₸"


def to_pdf(report: AnnualReport) -> tuple[bytes, str]:
    organisation = report.organisation
    sums = totals(report)
    pdf = _PDF()
    pdf.add_page()
    pdf.heading(_("Annual report to the state NGO database on %(year)s") % {"year": report.year}, 14)
    pdf.heading(organisation.name, 12)
    pdf.fact(_("BIN"), organisation.bin)
    pdf.fact(_("Version"), str(report.version))
    pdf.fact(_("Status"), str(report.get_status_display()))
    # Dates as the report's pages write them ("31 наурыз 2026"), not as the flat export stores them.
    pdf.fact(_("Due date"), date_format(report.due_on, "DATE_FORMAT"))
    if report.first_filed_on:
        pdf.fact(_("First filed on"), date_format(report.first_filed_on, "DATE_FORMAT"))
    pdf.heading(_("Activities in the year"))
    pdf.multi_cell(0, LINE, report.activities or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.fact(_("Areas of activity"), ", ".join(a.name for a in report.areas.all()) or "—")
    pdf.fact(_("Regions covered"), ", ".join(r.name for r in report.regions.all()) or "—")
    pdf.rows(
        (110, 64),
        [_("Beneficiaries"), _("Number of people")],
        [[b.get_category_display(), format_number(b.number)] for b in report.beneficiaries.all()],
    )
    pdf.rows(
        (100, 40, 34),
        [_("Project"), _("Amount, ₸"), _("Beneficiaries")],
        [
            [p.title, "" if p.amount is None else _tenge(p.amount), format_number(p.beneficiaries)]
            for p in report.projects.all()
        ],
    )
    pdf.heading(_("Founders"))
    pdf.rows(
        (32, 70, 40, 32),  # a BIN's 12 digits on one line
        [_("Kind"), _("Name"), _("Country"), _("BIN or IIN")],
        [
            [f.get_kind_display(), f.name, country_name(f.country), f.identifier]
            for f in report.founders.all()
        ],
    )
    pdf.heading(_("People and property"))
    pdf.fact(_("Staff"), format_number(report.staff_count))
    pdf.fact(_("Volunteers"), format_number(report.volunteer_count))
    pdf.fact(_("Value of property at the year's end, ₸"), _tenge(report.property_value))
    if report.property_description:
        pdf.multi_cell(0, LINE, report.property_description, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.heading(_("Income"))
    pdf.rows(
        (44, 36, 54, 40),
        [_("Source"), _("Amount, ₸"), _("Donor"), _("Country")],
        [
            [i.get_source_display(), _tenge(i.amount), i.donor, country_name(i.country)]
            for i in report.income.all()
        ],
    )
    pdf.fact(_("Total income, ₸"), _tenge(report.income_total))
    pdf.heading(_("Expenditure"))
    pdf.rows(
        (120, 54),
        [_("Category"), _("Amount, ₸")],
        [[e.get_category_display(), _tenge(e.amount)] for e in report.expenses.all()],
    )
    pdf.fact(_("Total expenditure, ₸"), _tenge(report.expenditure_total))
    del sums
    return bytes(pdf.output()), "application/pdf"


EXPORTS = {"json": to_json, "xlsx": to_xlsx, "pdf": to_pdf}
