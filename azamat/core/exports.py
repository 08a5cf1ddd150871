"""CSV and XLSX exports that are safe to open in a spreadsheet: formulas neutralised, a BOM for Excel."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"): an organisation could name itself =HYPERLINK(...) and run it on a reader's machine.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel on Windows reads a CSV without it as the ANSI code page and garbles Cyrillic.
BOM = "\ufeff"
# What separates the cells of a CSV a person opens in Excel: Windows set to Kazakh or Russian (as nearly every
# computer in Kazakhstan is) lists with ";" — a comma-separated file opens there as one column. English Windows
# lists with ",". Open data for programs keeps the comma whatever the language (`to_csv`'s default).
CSV_DELIMITER = {"kk": ";", "ru": ";"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Number = int | float | Decimal


def safe_cell(value):
    """The value as a spreadsheet should store it: numbers stay numbers, text that could run is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool | Number | datetime.date | datetime.time):
        # A real negative number is a number, not a formula: it stays one.
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _csv_value(value):
    value = safe_cell(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence], *, delimiter: str = ",") -> str:
    """A CSV text starting with the UTF-8 byte order mark; every cell passed through `safe_cell`."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([_csv_value(v) for v in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def xlsx_value(value):
    """The value as an XLSX cell should hold it: numbers and dates as they are, text as it was typed. The
    apostrophe `safe_cell` puts before a text a CSV reader would run is not needed there, and would be shown (a
    phone "+7 701…" read "'+7 701…"): `as_text` marks the cell as text instead."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool | Number | datetime.date | datetime.time):
        return value
    return str(value)


def as_text(cell):
    """Mark a cell holding text as text: openpyxl takes any text starting with "=" for a formula, and Excel,
    LibreOffice and Google Sheets would run one that starts with "=", "+", "-" or "@" once the cell is edited; a
    text cell with Excel's quote prefix is never evaluated and shows no apostrophe."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    return cell


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence], *, title: str = "data") -> bytes:
    """An XLSX workbook of one sheet; text cells are stored as text, never as formulas."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for values in [header, *rows]:
        sheet.append([xlsx_value(v) for v in values])
    for row in sheet.iter_rows():
        for cell in row:
            as_text(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_for_reader(header: Sequence[str], rows: Iterable[Sequence], language: str | None = None) -> str:
    """A CSV a person opens in a spreadsheet, separated as Excel expects in `language` (the active one)."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return to_csv(header, rows, delimiter=CSV_DELIMITER.get(language, ","))


def spreadsheet_response(request, *, fmt: str, name: str, build, title: str | None = None) -> HttpResponse:
    """A list sent as a CSV or XLSX file named azamat-<name>-<date>.<fmt>. `build()` returns (header, rows) and runs
    in the language of `?lang=kk|ru|en`, else the page's; a CSV is separated as that language's Excel reads it."""
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Unknown format."))
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    with translation.override(language):
        header, rows = build()
        if fmt == "csv":
            content = csv_for_reader(header, rows, language)
        else:
            content = to_xlsx(header, rows, title=(title or name)[:31])
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"azamat-{name}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
