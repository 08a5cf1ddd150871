"""The directory's results as a spreadsheet a citizen or an official opens in Excel or LibreOffice: one row per
organisation found with the filters and search of the page, in its order, headed in the reader's language.

A BIN is text (a number would lose its leading zero: 030740001414), a date a date, counts numbers. Every text is a
string cell (`core.exports.as_text`), which Excel and LibreOffice never evaluate, so a name an organisation gave
itself like "=HYPERLINK(…)" stays text, shown as typed. Written row by row
(openpyxl's write-only mode, the rows read in chunks): the whole directory, 23,000 organisations, in one file."""

import io

from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from azamat.core.exports import as_text
from azamat.registry.models import LegalForm

CHUNK = 2000
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header() -> list[str]:
    return [
        _("BIN"),
        _("Name in Kazakh"),
        _("Name in Russian"),
        capfirst(_("short name")),
        _("Legal form"),
        _("Registration date"),
        _("Region"),
        _("Address"),
        _("Areas of activity"),
        _("Staff"),
        _("Volunteers"),
        _("Website"),
        _("Email"),
        _("Phone"),
        _("Annual report to the NGO database"),
        _("Profile on Azamat"),
    ]


def _text(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value or "")
    cell.data_type = "s"  # never a number (a BIN)
    return as_text(cell)  # nor a formula


def directory_xlsx(organisations: QuerySet) -> bytes:
    """The organisations (annotated with `report_current` and `report_year`, areas prefetched) as an XLSX file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Organisations")[:31])
    widths = [16, 48, 48, 24, 28, 14, 28, 40, 48, 10, 10, 30, 30, 20, 24, 50]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width
    sheet.freeze_panes = "C2"
    sheet.append(_header())
    forms = {value: str(label) for value, label in LegalForm.choices}
    filed, not_filed = _("report on %(year)s filed"), _("report on %(year)s not filed")
    site = settings.SITE_URL.rstrip("/")
    for organisation in organisations.iterator(chunk_size=CHUNK):
        registered = WriteOnlyCell(sheet, value=organisation.registered_on)
        registered.number_format = "DD.MM.YYYY"
        report = (filed if organisation.report_current else not_filed) % {"year": organisation.report_year}
        sheet.append(
            [
                _text(sheet, organisation.bin),
                _text(sheet, organisation.name_kk),
                _text(sheet, organisation.name_ru),
                _text(sheet, organisation.short_name),
                _text(sheet, forms.get(organisation.legal_form, organisation.legal_form)),
                registered,
                _text(sheet, organisation.region.name),
                _text(sheet, organisation.address),
                _text(sheet, ", ".join(area.name for area in organisation.areas.all())),
                organisation.staff_count,
                organisation.volunteer_count,
                _text(sheet, organisation.website),
                _text(sheet, organisation.email),
                _text(sheet, organisation.phone),
                _text(sheet, report),
                _text(sheet, site + organisation.get_absolute_url()),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
