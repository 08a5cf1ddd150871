"""Spreadsheet exports: formulas neutralised, numbers kept, a BOM for Excel."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.utils import translation

from azamat.core import exports


def test_text_that_a_spreadsheet_would_run_is_quoted():
    for dangerous in ['=HYPERLINK("http://x")', "+7 701", "-cmd", "@SUM(A1)", "\tx", "\rx"]:
        assert exports.safe_cell(dangerous) == "'" + dangerous
    assert exports.safe_cell("Жарқын болашақ") == "Жарқын болашақ"
    assert exports.safe_cell(None) == ""


def test_numbers_stay_numbers_even_when_negative():
    assert exports.safe_cell(-5) == -5
    assert exports.safe_cell(Decimal("-1500.50")) == Decimal("-1500.50")
    assert exports.safe_cell(datetime.date(2026, 4, 1)) == datetime.date(2026, 4, 1)
    text = exports.to_csv(["name", "amount"], [["-x", Decimal("-1500.50")]])
    assert text == "\ufeffname,amount\r\n'-x,-1500.50\r\n"


def test_xlsx_keeps_text_as_text_and_numbers_as_numbers():
    content = exports.to_xlsx(
        ["name", "amount", "on"], [["=1+1", Decimal("-2.5"), datetime.date(2026, 1, 2)]]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    name, amount, on = sheet[2]
    # Shown as typed, without an apostrophe, in a text cell with Excel's quote prefix: never run, even edited.
    assert (name.value, name.data_type, name.quotePrefix) == ("=1+1", "s", True)
    assert (amount.value, amount.data_type) == (-2.5, "n")
    assert on.value.date() == datetime.date(2026, 1, 2)


def test_a_csv_for_a_reader_is_separated_as_excel_reads_it_in_their_language():
    # Kazakh and Russian Windows list with ";": a comma-separated file opens there as one column.
    header, rows = ["Атауы", "Сомасы"], [["«Қамқор» қоры; Алматы", Decimal("1500.50")]]
    text = exports.csv_for_reader(header, rows, "kk")
    assert text == '\ufeffАтауы;Сомасы\r\n"«Қамқор» қоры; Алматы";1500.50\r\n'
    assert exports.csv_for_reader(header, rows, "ru").splitlines()[0] == "\ufeffАтауы;Сомасы"
    assert exports.csv_for_reader(header, rows, "en").splitlines()[0] == "\ufeffАтауы,Сомасы"
    with translation.override("ru"):
        assert ";" in exports.csv_for_reader(header, rows).splitlines()[0]
    # Open data for programs keeps the comma.
    assert exports.to_csv(header, rows).splitlines()[0] == "\ufeffАтауы,Сомасы"
