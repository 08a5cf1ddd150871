"""Importing organisations from a CSV or XLSX file: read it, check every row, create the good ones."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
import os
import re
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl.utils.exceptions import InvalidFileException
from tqdm import tqdm

from azamat.core.bin import validate_bin
from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.registry import services
from azamat.registry.import_columns import NAME_COLUMNS, Mapping, map_header
from azamat.registry.import_reference import Regions, activity_areas, legal_forms, name_key
from azamat.registry.import_text import detect_delimiter, detect_encoding, encoding_name
from azamat.registry.models import ActivityArea, AllianceMembership, LegalForm, Organisation

REQUIRED_COLUMNS = ("bin", "name_kk", "name_ru", "legal_form", "registered_on", "region_kato")
OPTIONAL_COLUMNS = (
    "address",
    "areas",
    "short_name",
    "description",
    "staff_count",
    "volunteer_count",
    "website",
    "email",
    "phone",
    "alliance_bin",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
AREA_SEPARATORS = re.compile(r"[;,|\n]")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
HEADER_SEARCH_ROWS = 20  # title rows above the table that are skipped while looking for the header

# Error codes: the file as a whole is refused ...
NOT_A_TABLE = "import_not_a_table"
LEGACY_XLS = "import_legacy_xls"
NOT_UTF8 = "import_not_utf8"
NOT_IN_ENCODING = "import_not_in_encoding"
UNKNOWN_ENCODING = "import_unknown_encoding"
MALFORMED_CSV = "import_malformed_csv"
EMPTY_FILE = "import_empty_file"
MISSING_COLUMNS = "import_missing_columns"
# ... or one row is reported and skipped.
REQUIRED = "required"
TOO_MANY_VALUES = "too_many_values"
DUPLICATE_IN_DATABASE = "duplicate_bin"
DUPLICATE_IN_FILE = "duplicate_bin_in_file"
UNKNOWN_REGION = "unknown_region"
UNKNOWN_REGION_NAME = "unknown_region_name"
UNKNOWN_LEGAL_FORM = "unknown_legal_form"
BAD_DATE = "bad_date"
FUTURE_DATE = "future_date"
BAD_INTEGER = "bad_integer"
UNKNOWN_AREAS = "unknown_areas"
UNKNOWN_ALLIANCE = "unknown_alliance"
NOT_AN_ALLIANCE = "not_an_alliance"
INVALID = "invalid"  # any other check of the model (email, website, length, check digit …)

MESSAGES = {
    NOT_A_TABLE: _(
        "The file is neither a CSV file nor an XLSX workbook. In Excel, save it as “CSV UTF-8” or "
        "“Excel workbook (.xlsx)”. Nothing was imported."
    ),
    LEGACY_XLS: _(
        "Old Excel files (.xls) cannot be read. In Excel, save the file as “Excel workbook (.xlsx)” or "
        "“CSV UTF-8”. Nothing was imported."
    ),
    NOT_UTF8: _(
        "Line %(line)s is not in the UTF-8 encoding. In Excel, save the file as “CSV UTF-8” or as an "
        "XLSX workbook. Nothing was imported."
    ),
    NOT_IN_ENCODING: _(
        "Line %(line)s cannot be read in the %(encoding)s encoding. Choose another encoding, or let it be "
        "detected. Nothing was imported."
    ),
    UNKNOWN_ENCODING: _("“%(encoding)s” is not an encoding; use utf-8, cp1251 or kz1048."),
    MALFORMED_CSV: _("Line %(line)s is not valid CSV: check its quotation marks. Nothing was imported."),
    EMPTY_FILE: _("The file is empty: its first line must name the columns. Nothing was imported."),
    MISSING_COLUMNS: _(
        "The file has no column %(columns)s. A line above the organisations must name the columns, at "
        "least: %(required)s (one name, in Kazakh or Russian, is enough); the import guide lists the "
        "headers accepted in Kazakh, Russian and English. Nothing was imported."
    ),
    REQUIRED: _("this value is required."),
    TOO_MANY_VALUES: _("the row has %(found)s values but the first line names only %(expected)s columns."),
    DUPLICATE_IN_DATABASE: _("an organisation with the BIN %(bin)s is already registered on Azamat."),
    DUPLICATE_IN_FILE: _("the BIN %(bin)s already appears on line %(line)s of this file."),
    UNKNOWN_REGION: _(
        "no region has the KATO code “%(value)s”; use the 9-digit code of a region or city, "
        "e.g. 750000000 for Almaty."
    ),
    UNKNOWN_REGION_NAME: _(
        "no region or city of republican significance is named “%(value)s”; write its name in Kazakh, "
        "Russian or English (e.g. Павлодар облысы, Павлодарская область, Pavlodar Region) or its "
        "9-digit KATO code."
    ),
    UNKNOWN_LEGAL_FORM: _("“%(value)s” is not a legal form; use one of: %(choices)s."),
    BAD_DATE: _("“%(value)s” is not a date; write it as YYYY-MM-DD or DD.MM.YYYY."),
    FUTURE_DATE: _("“%(value)s” is in the future; write the date the organisation was registered."),
    BAD_INTEGER: _("“%(value)s” is not a whole number."),
    UNKNOWN_AREAS: _("no area of activity has the code or name %(codes)s."),
    UNKNOWN_ALLIANCE: _("no organisation with the BIN %(bin)s is registered on Azamat."),
    NOT_AN_ALLIANCE: _("the organisation with the BIN %(bin)s is not an alliance or network."),
}

# The model's field names that a column does not share.
_COLUMN_OF_FIELD = {"region": "region_kato", NON_FIELD_ERRORS: "row"}


class ImportRefused(DomainError):
    """The whole file was refused (unreadable, or missing a required column): nothing was imported.

    When the header was read, `mapping` and `header_line` say which columns were found.
    """

    mapping: Mapping | None = None
    header_line: int | None = None


def _refuse(code: str, **params) -> ImportRefused:
    message = MESSAGES[code]
    return ImportRefused(code, message % params if params else str(message))


@dataclass(frozen=True)
class RowError:
    """A row that was not imported: its line in the file, its BIN as written, and why (column: reason)."""

    line: int
    bin: str
    messages: list[str]
    codes: list[str]


@dataclass
class ImportReport:
    created: int = 0
    valid: int = 0  # rows that passed every check, imported or not
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False  # --all-or-nothing found a bad row, so nothing was kept
    # What was read: which header means which column, on which line; a CSV file's encoding and separator.
    mapping: Mapping | None = None
    header_line: int | None = None
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def rows(self) -> int:
        return self.valid + len(self.errors)


# --- Reading the file -------------------------------------------------------------------------------


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
        raise _refuse(UNKNOWN_ENCODING, encoding=encoding) from exc


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
            raise _refuse(LEGACY_XLS)
        else:
            text, codec = _decode(handle.read(), encoding)
            yield _csv_table(text, encoding=codec)


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV file, and the codec it was read with."""
    if encoding is None:
        is_utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if b"\x00" in data[:1024] and not is_utf16:
            raise _refuse(NOT_A_TABLE)
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
            raise _refuse(NOT_UTF8, line=line) from exc
        raise _refuse(NOT_IN_ENCODING, line=line, encoding=encoding_name(detected)) from exc


def _open_workbook(handle):
    try:
        return openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _refuse(NOT_A_TABLE) from exc


def _is_blank(values: list[Any]) -> bool:
    return not any(_text(value, "") for value in values)


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
    raise _refuse(EMPTY_FILE)


def _xlsx_table(workbook) -> Table:
    sheet = workbook.active
    rows = ((line, list(values)) for line, values in enumerate(sheet.iter_rows(values_only=True), start=1))
    header_line, mapping, rows = _find_header(rows)
    total = sheet.max_row - header_line if sheet.max_row else None
    return Table(mapping, header_line, rows, total)


def _csv_table(text: str, *, encoding: str | None) -> Table:
    if "\x00" in text:
        raise _refuse(NOT_A_TABLE)
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
            raise _refuse(MALFORMED_CSV, line=previous_end + 1) from exc
        # A quoted value may span lines: a row's line is where it starts. Blank lines give no row.
        yield previous_end + 1, values
        previous_end = reader.line_num


# --- Checking one row -------------------------------------------------------------------------------


def _text(value: Any, column: str) -> str:
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


@dataclass
class _Row:
    line: int
    bin: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    areas: list[ActivityArea] = field(default_factory=list)
    alliance: Organisation | None = None
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (column, code, message)

    def fail(self, column: str, code: str, **params) -> None:
        message = MESSAGES[code]
        self.problems.append((column, code, str(message % params if params else message)))

    def error(self, labels: dict[str, str]) -> RowError:
        # One file column may fill two (a single name fills name_kk and name_ru): say each reason once.
        problems = list(
            dict.fromkeys(
                (labels.get(column, column), code, message) for column, code, message in self.problems
            )
        )
        return RowError(
            line=self.line,
            bin=self.bin,
            messages=[f"{label}: {message}" for label, _code, message in problems],
            codes=[code for _label, code, _message in problems],
        )


class _RowChecker:
    """Checks rows one by one, remembering the reference data and the BINs already seen in the file."""

    def __init__(self, mapping: Mapping):
        self.width = len(mapping.columns)
        self.sources = {column: source.index for column, source in mapping.sources.items()}
        # Messages name a column as the file's header does; a header that is blank by its canonical name.
        self.labels = {column: source.header or column for column, source in mapping.sources.items()}
        self.regions = Regions()
        self.areas = activity_areas()
        self.legal_forms = legal_forms()
        self.alliances: dict[str, Organisation | None] = {}
        self.seen: dict[str, int] = {}

    def check(self, line: int, raw: list[Any]) -> _Row:
        row = _Row(line=line)
        if len(raw) > self.width and any(_text(v, "") for v in raw[self.width :]):
            row.fail("row", TOO_MANY_VALUES, found=len(raw), expected=self.width)
        record: dict[str, str] = {
            column: _text(raw[index], column) if index < len(raw) else ""
            for column, index in self.sources.items()
        }
        row.bin = "".join(record.get("bin", "").split())
        for column in REQUIRED_COLUMNS:
            if not record.get(column):
                row.fail(column, REQUIRED)

        values = row.values
        values.update(
            {
                column: record.get(column, "")
                for column in (
                    "name_kk",
                    "name_ru",
                    "short_name",
                    "address",
                    "description",
                    "website",
                    "email",
                    "phone",
                )
            }
        )
        values["bin"] = row.bin
        self._check_bin(row)
        self._check_legal_form(row, record.get("legal_form", ""))
        self._check_date(row, record.get("registered_on", ""))
        self._check_region(row, record.get("region_kato", ""))
        for column in ("staff_count", "volunteer_count"):
            self._check_integer(row, column, record.get(column, ""))
        self._check_areas(row, record.get("areas", ""))
        self._check_alliance(row, "".join(record.get("alliance_bin", "").split()))
        self._check_model(row)
        return row

    def _check_bin(self, row: _Row) -> None:
        if not row.bin:
            return
        try:
            validate_bin(row.bin)
        except ValidationError as exc:
            row.problems.append(("bin", exc.code or INVALID, " ".join(exc.messages)))
            return
        if row.bin in self.seen:
            row.fail("bin", DUPLICATE_IN_FILE, bin=row.bin, line=self.seen[row.bin])
        elif Organisation.objects.filter(bin=row.bin).exists():
            row.fail("bin", DUPLICATE_IN_DATABASE, bin=row.bin)
        self.seen.setdefault(row.bin, row.line)

    def _check_legal_form(self, row: _Row, value: str) -> None:
        if not value:
            return
        legal_form = self.legal_forms.get(name_key(value))
        if legal_form is None:
            row.fail("legal_form", UNKNOWN_LEGAL_FORM, value=value, choices=", ".join(LegalForm.values))
        else:
            row.values["legal_form"] = legal_form

    def _check_date(self, row: _Row, value: str) -> None:
        if not value:
            return
        for date_format in DATE_FORMATS:
            try:
                registered_on = datetime.datetime.strptime(value, date_format).date()  # noqa: DTZ007
            except ValueError:
                continue
            if registered_on > timezone.localdate():
                row.fail("registered_on", FUTURE_DATE, value=value)
            else:
                row.values["registered_on"] = registered_on
            return
        row.fail("registered_on", BAD_DATE, value=value)

    def _check_region(self, row: _Row, value: str) -> None:
        if not value:
            return
        region = self.regions.get(value)
        if region is None:
            code = UNKNOWN_REGION if "".join(value.split()).isdigit() else UNKNOWN_REGION_NAME
            row.fail("region_kato", code, value=value)
        else:
            row.values["region"] = region

    def _check_integer(self, row: _Row, column: str, value: str) -> None:
        if not value:
            return
        try:
            row.values[column] = int(value.replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            row.fail(column, BAD_INTEGER, value=value)

    def _check_areas(self, row: _Row, value: str) -> None:
        """Areas by code or by name in any language, separated by ; , | or line breaks."""
        names = [name.strip() for name in AREA_SEPARATORS.split(value) if name.strip()]
        unknown = [name for name in names if name_key(name) not in self.areas]
        if unknown:
            row.fail("areas", UNKNOWN_AREAS, codes=", ".join(unknown))
        row.areas = list({self.areas[name_key(name)]: None for name in names if name not in unknown})

    def _check_alliance(self, row: _Row, value: str) -> None:
        if not value:
            return
        if value not in self.alliances:
            self.alliances[value] = Organisation.objects.filter(bin=value).first()
        alliance = self.alliances[value]
        if alliance is None:
            row.fail("alliance_bin", UNKNOWN_ALLIANCE, bin=value)
        elif not alliance.is_alliance:
            row.fail("alliance_bin", NOT_AN_ALLIANCE, bin=value)
        else:
            row.alliance = alliance

    def _check_model(self, row: _Row) -> None:
        """The model's own checks (email, website, lengths, choices) for the columns not failed yet."""
        organisation = Organisation(**row.values)
        failed = {column for column, _code, _message in row.problems}
        exclude = {"areas", "logo", "search_text", *failed}
        if "region_kato" in failed:
            exclude.add("region")
        try:
            organisation.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, errors in exc.error_dict.items():
                column = _COLUMN_OF_FIELD.get(name, name)
                row.problems.extend(
                    (column, error.code or INVALID, " ".join(error.messages)) for error in errors
                )


# --- The service ------------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def _create(row: _Row, by) -> bool:
    organisation = Organisation(**row.values)
    organisation._history_user = by
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:  # registered by someone else while the file was being imported
        row.fail("bin", DUPLICATE_IN_DATABASE, bin=row.bin)
        return False
    topics_bump("registry")
    if row.areas:
        organisation.areas.set(row.areas)
    if row.alliance is not None:
        services.alliance_member_add(
            alliance=row.alliance, member=organisation, kind=AllianceMembership.Kind.MEMBER, by=by
        )
    return True


def _names_as_one(columns) -> list[str]:
    """Column names for a message, the two name columns as one ("name_kk / name_ru"): either will do."""
    names = [column for column in columns if column not in NAME_COLUMNS[1:]]
    return [" / ".join(NAME_COLUMNS) if column == NAME_COLUMNS[0] else column for column in names]


def _check_header(table: Table) -> None:
    sources = table.mapping.sources
    missing = [column for column in REQUIRED_COLUMNS if column not in sources]
    if missing:
        refused = _refuse(
            MISSING_COLUMNS,
            columns=", ".join(_names_as_one(missing)),
            required=", ".join(_names_as_one(REQUIRED_COLUMNS)),
        )
        refused.mapping, refused.header_line = table.mapping, table.header_line
        raise refused


def organisations_import(
    *,
    rows_source,
    all_or_nothing: bool,
    by=None,
    progress: bool = False,
    dry_run: bool = False,
    encoding: str | None = None,
) -> ImportReport:
    """Import organisations from a CSV or XLSX file (a path or an uploaded file).

    Every row is checked and every bad row reported with its line number. The good rows are created in
    one transaction; with `all_or_nothing`, nothing is created if any row is bad; with `dry_run`,
    nothing is created at all. A CSV file's encoding is detected unless `encoding` is given. A file that
    cannot be read, or that lacks a required column, is refused as a whole with ImportRefused. The
    report says which header was read as which column.
    """
    if encoding:
        check_encoding(encoding)  # also for a workbook, which has none: a typo is said, not ignored
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic(), open_table(rows_source, encoding=encoding) as table:
            _check_header(table)
            report.mapping, report.header_line = table.mapping, table.header_line
            report.encoding, report.delimiter = table.encoding, table.delimiter
            checker = _RowChecker(table.mapping)
            bar = tqdm(
                table.rows,
                total=table.total,
                disable=not progress,
                unit=" rows",
                file=sys.stderr,
                desc=str(_("Importing")),
            )
            with bar:
                for line, raw in bar:
                    if not any(_text(value, "") for value in raw):
                        continue  # blank lines, and the empty rows Excel leaves below a table
                    row = checker.check(line, raw)
                    # Once all-or-nothing has failed, or in a dry run, rows are only checked.
                    create = not dry_run and not (all_or_nothing and report.errors)
                    if row.problems or (create and not _create(row, by)):
                        report.errors.append(row.error(checker.labels))
                        continue
                    report.valid += 1
                    if create:
                        report.created += 1
            if dry_run or (all_or_nothing and report.errors):
                raise _Rollback
    except _Rollback:
        report.rolled_back = not dry_run
        report.created = 0
    return report


def sample_path() -> Path:
    """The sample file shipped with Azamat: ten organisations to try the import with."""
    return Path(__file__).parent / "data" / "organisations-sample.csv"
