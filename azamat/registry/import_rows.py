"""Checking one row of an import file: every column's value against the reference data and the model."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from azamat.core.bin import validate_bin
from azamat.registry.import_columns import Mapping
from azamat.registry.import_errors import (
    BAD_DATE,
    BAD_INTEGER,
    DUPLICATE_IN_DATABASE,
    DUPLICATE_IN_FILE,
    FUTURE_DATE,
    INVALID,
    MESSAGES,
    NOT_AN_ALLIANCE,
    REQUIRED,
    TOO_MANY_VALUES,
    UNKNOWN_ALLIANCE,
    UNKNOWN_AREAS,
    UNKNOWN_LEGAL_FORM,
    UNKNOWN_REGION,
    UNKNOWN_REGION_NAME,
    RowError,
)
from azamat.registry.import_reference import Regions, activity_areas, legal_forms, name_key
from azamat.registry.import_table import cell_text
from azamat.registry.models import ActivityArea, LegalForm, Organisation, text_language

REQUIRED_COLUMNS = ("bin", "name_kk", "name_ru", "legal_form", "registered_on", "region_kato")
OPTIONAL_COLUMNS = (
    "address",
    "areas",
    "short_name",
    "about_kk",
    "about_ru",
    "about_en",
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

# The model's field names that a column does not share.
_COLUMN_OF_FIELD = {"region": "region_kato", NON_FIELD_ERRORS: "row"}


@dataclass
class Row:
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


class RowChecker:
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

    def check(self, line: int, raw: list[Any]) -> Row:
        row = Row(line=line)
        if len(raw) > self.width and any(cell_text(v, "") for v in raw[self.width :]):
            row.fail("row", TOO_MANY_VALUES, found=len(raw), expected=self.width)
        record: dict[str, str] = {
            column: cell_text(raw[index], column) if index < len(raw) else ""
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
                    "about_kk",
                    "about_ru",
                    "about_en",
                    "website",
                    "email",
                    "phone",
                )
            }
        )
        # A column "about" without a language goes to the language its letters tell, unless that one is filled.
        about = record.get("description", "")
        if about and not values[f"about_{text_language(about)}"]:
            values[f"about_{text_language(about)}"] = about
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

    def _check_bin(self, row: Row) -> None:
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

    def _check_legal_form(self, row: Row, value: str) -> None:
        if not value:
            return
        legal_form = self.legal_forms.get(name_key(value))
        if legal_form is None:
            row.fail("legal_form", UNKNOWN_LEGAL_FORM, value=value, choices=", ".join(LegalForm.values))
        else:
            row.values["legal_form"] = legal_form

    def _check_date(self, row: Row, value: str) -> None:
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

    def _check_region(self, row: Row, value: str) -> None:
        if not value:
            return
        region = self.regions.get(value)
        if region is None:
            code = UNKNOWN_REGION if "".join(value.split()).isdigit() else UNKNOWN_REGION_NAME
            row.fail("region_kato", code, value=value)
        else:
            row.values["region"] = region

    def _check_integer(self, row: Row, column: str, value: str) -> None:
        if not value:
            return
        try:
            row.values[column] = int(value.replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            row.fail(column, BAD_INTEGER, value=value)

    def _check_areas(self, row: Row, value: str) -> None:
        """Areas by code or by name in any language, separated by ; , | or line breaks."""
        names = [name.strip() for name in AREA_SEPARATORS.split(value) if name.strip()]
        unknown = [name for name in names if name_key(name) not in self.areas]
        if unknown:
            row.fail("areas", UNKNOWN_AREAS, codes=", ".join(unknown))
        row.areas = list({self.areas[name_key(name)]: None for name in names if name not in unknown})

    def _check_alliance(self, row: Row, value: str) -> None:
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

    def _check_model(self, row: Row) -> None:
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
