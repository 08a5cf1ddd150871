"""What an import says when it refuses a file or skips a row: the error codes and their messages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.registry.import_columns import Mapping

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


class ImportRefused(DomainError):
    """The whole file was refused (unreadable, or missing a required column): nothing was imported.

    When the header was read, `mapping` and `header_line` say which columns were found.
    """

    mapping: Mapping | None = None
    header_line: int | None = None


def refuse(code: str, **params) -> ImportRefused:
    message = MESSAGES[code]
    return ImportRefused(code, message % params if params else str(message))


@dataclass(frozen=True)
class RowError:
    """A row that was not imported: its line in the file, its BIN as written, and why (column: reason)."""

    line: int
    bin: str
    messages: list[str]
    codes: list[str]
