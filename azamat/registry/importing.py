"""Importing organisations from a CSV or XLSX file: read it, check every row, create the good ones.

The pieces: `import_table.py` reads the file, `import_rows.py` checks a row, `import_errors.py` holds the
codes and messages. Their public names are importable from here too.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from azamat.core.public_cache import topics_bump
from azamat.registry import services
from azamat.registry.import_columns import NAME_COLUMNS, Mapping
from azamat.registry.import_errors import (  # the codes and messages, importable from here as before
    BAD_DATE,
    BAD_INTEGER,
    DUPLICATE_IN_DATABASE,
    DUPLICATE_IN_FILE,
    EMPTY_FILE,
    FUTURE_DATE,
    INVALID,
    LEGACY_XLS,
    MALFORMED_CSV,
    MESSAGES,
    MISSING_COLUMNS,
    NOT_A_TABLE,
    NOT_AN_ALLIANCE,
    NOT_IN_ENCODING,
    NOT_UTF8,
    REQUIRED,
    TOO_MANY_VALUES,
    UNKNOWN_ALLIANCE,
    UNKNOWN_AREAS,
    UNKNOWN_ENCODING,
    UNKNOWN_LEGAL_FORM,
    UNKNOWN_REGION,
    UNKNOWN_REGION_NAME,
    ImportRefused,
    RowError,
    refuse,
)
from azamat.registry.import_rows import (
    AREA_SEPARATORS,
    COLUMNS,
    DATE_FORMATS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    Row,
    RowChecker,
)
from azamat.registry.import_table import HEADER_SEARCH_ROWS, Table, cell_text, check_encoding, open_table
from azamat.registry.models import AllianceMembership, Organisation

__all__ = [
    "AREA_SEPARATORS",
    "DATE_FORMATS",
    "HEADER_SEARCH_ROWS",
    "BAD_DATE",
    "BAD_INTEGER",
    "COLUMNS",
    "DUPLICATE_IN_DATABASE",
    "DUPLICATE_IN_FILE",
    "EMPTY_FILE",
    "FUTURE_DATE",
    "INVALID",
    "ImportRefused",
    "ImportReport",
    "LEGACY_XLS",
    "MALFORMED_CSV",
    "MESSAGES",
    "MISSING_COLUMNS",
    "NOT_AN_ALLIANCE",
    "NOT_A_TABLE",
    "NOT_IN_ENCODING",
    "NOT_UTF8",
    "OPTIONAL_COLUMNS",
    "REQUIRED",
    "REQUIRED_COLUMNS",
    "RowError",
    "TOO_MANY_VALUES",
    "Table",
    "UNKNOWN_ALLIANCE",
    "UNKNOWN_AREAS",
    "UNKNOWN_ENCODING",
    "UNKNOWN_LEGAL_FORM",
    "UNKNOWN_REGION",
    "UNKNOWN_REGION_NAME",
    "check_encoding",
    "open_table",
    "organisations_import",
    "sample_path",
]


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


class _Rollback(Exception):
    pass


def _create(row: Row, by) -> bool:
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
        refused = refuse(
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
            checker = RowChecker(table.mapping)
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
                    if not any(cell_text(value, "") for value in raw):
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
