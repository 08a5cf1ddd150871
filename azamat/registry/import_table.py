"""Reading an import file: a CSV (any of the encodings and separators people use) or an XLSX workbook,
as a header mapped to our columns and the data rows below it."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from azamat.registry.import_columns import Mapping, map_header
from azamat.registry.import_errors import (
    EMPTY_FILE,
    LEGACY_XLS,
    MALFORMED_CSV,
    NOT_A_TABLE,
    NOT_IN_ENCODING,
    NOT_UTF8,
    UNKNOWN_ENCODING,
    refuse,
)
from azamat.registry.import_text import detect_delimiter, detect_encoding, encoding_name

HEADER_SEARCH_ROWS = 20  # title rows above the table that are skipped while looking for the header


@dataclass
class Table:
    """A file's header (where it is and what its columns hold) and its data rows as (line, raw values)."""

    mapping: Mapping
    header_line: int
    rows: Iterator[tuple[int, list[Any]]]
    total: int | None = None  # an estimate of the data rows, for the progress bar
    encoding: str | None = None  # a CSV file's, as people know it ("Windows-1251")
    delimiter: str | None = None


@contextmanager
def _binary(source) -> Iterator[Any]:
    """A seekable binary file for a path, an uploaded file, or an open file object."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            yield handle
        return
    source.seek(0)
    yield source


def check_encoding(encoding: str) -> str:
    """The codec's name for an encoding a person asked for; ImportRefused if Python knows none such."""
    try:
        return codecs.lookup(encoding.strip()).name
    except LookupError as exc:
        raise refuse(UNKNOWN_ENCODING, encoding=encoding) from exc


@contextmanager
def open_table(source, *, encoding: str | None = None) -> Iterator[Table]:
    """Open a CSV (UTF-8, Windows-1251 or KZ-1048; semicolon, comma or tab) or XLSX file as a Table.

    `encoding` overrides the detection of a CSV file's encoding.
    """
    with _binary(source) as handle:
        start = handle.read(8)
        handle.seek(0)
        if isinstance(start, str):  # a text-mode file object
            yield _csv_table(handle.read(), encoding=None)
        elif start.startswith(b"PK\x03\x04"):
            workbook = _open_workbook(handle)
            try:
                yield _xlsx_table(workbook)
            finally:
                workbook.close()
        elif start.startswith(b"\xd0\xcf\x11\xe0"):
            raise refuse(LEGACY_XLS)
        else:
            text, codec = _decode(handle.read(), encoding)
            yield _csv_table(text, encoding=codec)


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV file, and the codec it was read with."""
    if encoding is None:
        is_utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if b"\x00" in data[:1024] and not is_utf16:
            raise refuse(NOT_A_TABLE)
        detected = detect_encoding(data)
    else:
        detected = check_encoding(encoding)
        if detected == "utf-8":
            detected = "utf-8-sig"  # a byte-order mark is not part of the first header
    try:
        return data.decode(detected), detected
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if encoding is None:
            raise refuse(NOT_UTF8, line=line) from exc
        raise refuse(NOT_IN_ENCODING, line=line, encoding=encoding_name(detected)) from exc


def _open_workbook(handle):
    try:
        return openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise refuse(NOT_A_TABLE) from exc


def _is_blank(values: list[Any]) -> bool:
    return not any(cell_text(value, "") for value in values)


def _find_header(
    rows: Iterator[tuple[int, list[Any]]],
) -> tuple[int, Mapping, Iterator[tuple[int, list[Any]]]]:
    """The header: the first row naming at least the BIN and a name, below any title rows.

    If no row among the first ones does, the first non-blank row is taken as the header, so that the
    refusal names the columns missing from it.
    """
    seen: list[tuple[int, list[Any]]] = []
    for line, values in rows:
        seen.append((line, values))
        if _is_blank(values):
            continue
        mapping = map_header(values)
        if mapping.has_bin_and_name():
            return line, mapping, rows
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    for position, (line, values) in enumerate(seen):
        if not _is_blank(values):
            return line, map_header(values), itertools.chain(seen[position + 1 :], rows)
    raise refuse(EMPTY_FILE)


def _xlsx_table(workbook) -> Table:
    sheet = workbook.active
    rows = ((line, list(values)) for line, values in enumerate(sheet.iter_rows(values_only=True), start=1))
    header_line, mapping, rows = _find_header(rows)
    total = sheet.max_row - header_line if sheet.max_row else None
    return Table(mapping, header_line, rows, total)


def _csv_table(text: str, *, encoding: str | None) -> Table:
    if "\x00" in text:
        raise refuse(NOT_A_TABLE)
    text = text.removeprefix("\ufeff")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header_line, mapping, rows = _find_header(_csv_rows(reader))
    return Table(
        mapping,
        header_line,
        rows,
        max(text.count("\n") - header_line + 1, 0),
        encoding=encoding_name(encoding) if encoding else None,
        delimiter=delimiter,
    )


def _csv_rows(reader) -> Iterator[tuple[int, list[Any]]]:
    previous_end = reader.line_num
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise refuse(MALFORMED_CSV, line=previous_end + 1) from exc
        # A quoted value may span lines: a row's line is where it starts. Blank lines give no row.
        yield previous_end + 1, values
        previous_end = reader.line_num


def cell_text(value: Any, column: str) -> str:
    """A cell as text: XLSX gives numbers and dates, CSV gives strings."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and column in ("bin", "alliance_bin"):
        return f"{value:012d}"  # a BIN typed as a number loses its leading zero (BINs of 2000–2009)
    return str(value).strip()
