"""CSV and XLSX exports that are safe to open in a spreadsheet: formulas neutralised, a BOM for Excel."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"): an organisation could name itself =HYPERLINK(...) and run it on a reader's machine.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel on Windows reads a CSV without it as the ANSI code page and garbles Cyrillic.
BOM = "\ufeff"

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


def _xlsx_value(value):
    value = safe_cell(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence], *, title: str = "data") -> bytes:
    """An XLSX workbook of one sheet; text cells are stored as text, never as formulas."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for values in [header, *rows]:
        sheet.append([_xlsx_value(v) for v in values])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl takes any text starting with "=" for a formula; say explicitly that it is text.
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
