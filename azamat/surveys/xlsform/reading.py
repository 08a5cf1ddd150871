"""An uploaded XLSForm read: its file checked (kind and size), its sheets read by `Reader`, and the result checked
again by pyxform's own conversion."""

import csv
import io
import re
import warnings as python_warnings
import zipfile

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import get_xlsform
from pyxform.xls2xform import convert

from azamat.surveys import definition as spec
from azamat.surveys.xlsform import messages
from azamat.surveys.xlsform.common import (
    MAX_BYTES,
    Problem,
    XLSFormError,
    boolean,
    language_code,
    split_header,
)
from azamat.surveys.xlsform.reader import Reader


def _file_kind(data: bytes, filename: str) -> str | None:
    extension = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    if extension == ".xlsx" and data[:2] == b"PK":
        return ".xlsx"
    if extension == ".xls" and data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return ".xls"
    if extension == ".csv" and b"\x00" not in data[:4096]:
        return ".csv"
    return None


def check_file(data: bytes, filename: str) -> str:
    """The file's type (".xlsx", ".xls", ".csv"); raises XLSFormError for a wrong type or a file too large."""
    if len(data) > MAX_BYTES:
        raise XLSFormError(
            [
                Problem(
                    "file",
                    None,
                    _("the file is %(size)s MB; an XLSForm may be at most %(max)s MB.")
                    % {"size": number_format(len(data) / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024},
                )
            ]
        )
    if not data:
        raise XLSFormError([Problem("file", None, _("the file is empty."))])
    kind = _file_kind(data, filename)
    if kind is None:
        raise XLSFormError(
            [
                Problem(
                    "file", None, _("this is not an XLSForm spreadsheet: upload an .xlsx, .xls or .csv file.")
                )
            ]
        )
    if kind == ".xlsx" and not _is_workbook(data):
        raise XLSFormError(
            [
                Problem(
                    "file",
                    None,
                    _(
                        "the file is damaged or is not an Excel workbook: open it in Excel or LibreOffice and "
                        "save it again as .xlsx."
                    ),
                )
            ]
        )
    return kind


def _is_workbook(data: bytes) -> bool:
    """An .xlsx is a zip holding xl/workbook.xml (a broken download or a renamed .docx is not)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def normalised_csv(data: bytes) -> bytes:
    """A CSV XLSForm as pyxform reads it (UTF-8, commas, each sheet under its name in the first column), from the
    CSV people have: saved by Excel on a Kazakh or Russian Windows (Windows-1251, semicolons), or the survey sheet
    alone with its header row first."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    marked = any(row and row[0].strip().lower() in {"survey", "choices", "settings"} for row in rows)
    header = next((row for row in rows if any(cell.strip() for cell in row)), [])
    if not marked and "type" in {cell.strip().lower() for cell in header}:
        rows = [["survey"], *([""] + row for row in rows)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _pyxform_text(error: Exception) -> str:
    text = str(error).strip()
    return re.sub(r"\s+", " ", text)[:500]


def read_xlsform(
    data: bytes, filename: str, *, default_language: str = ""
) -> tuple[dict, list[messages.FormWarning]]:
    """The definition of the XLSForm in `data` and the warnings about it (`messages.FormWarning`s, each a code and its
    values, put into words when shown); raises XLSFormError."""
    kind = check_file(data, filename)
    if kind == ".csv":
        data = normalised_csv(data)
    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")
            workbook = get_xlsform(io.BytesIO(data), file_type=kind)
    except (PyXFormError, ValueError, KeyError, TypeError, OSError) as error:
        raise XLSFormError(
            [
                Problem(
                    "file",
                    None,
                    _("the spreadsheet could not be read (%(reason)s).") % {"reason": _pyxform_text(error)},
                )
            ]
        ) from error
    settings_rows = getattr(workbook, "settings", None) or []
    settings_row = {
        str(k).strip().lower(): str(v).strip() for k, v in (settings_rows[0] if settings_rows else {}).items()
    }
    form_default = settings_row.get("default_language", "")
    default_code = default_language or (language_code(form_default) if form_default else "") or "ru"
    reader = Reader(
        workbook,
        default_code,
        allow_duplicate_choices=boolean(settings_row.get("allow_choice_duplicates")) is True,
    )
    choices = reader.read_choices()
    children = reader.read_survey(choices)
    reader.check_references()
    if reader.errors:
        raise XLSFormError(reader.errors)
    # The survey sheet's column order decides the order of the languages (the default first).
    order: list[str] = []
    for row in getattr(workbook, "survey", None) or []:
        for header in row:
            _base, code = split_header(str(header))
            if code and code not in order:
                order.append(code)
    languages = sorted(
        reader.languages or [default_code],
        key=lambda code: order.index(code) if code in order else len(order),
    )
    if default_code in languages:
        languages.remove(default_code)
        languages.insert(0, default_code)
    title_text = settings_row.get("form_title") or settings_row.get("title") or ""
    title = {languages[0]: title_text} if title_text else {}
    for key, value in settings_row.items():
        if key.startswith("azamat_title_") and value:  # ours: the title in the other languages
            title[key.removeprefix("azamat_title_")] = value
    used_lists = {node.get("list") for node in spec.walk(children)}
    result = {
        "title": title,
        "languages": languages,
        "children": children,
        "choices": {name: items for name, items in choices.items() if name in used_lists},
    }
    unused = sorted(set(choices) - used_lists)
    if unused:
        reader.warn("choices", None, "unused_lists", lists=", ".join(unused))
    # pyxform's own conversion: its errors refuse the form, its warnings are kept.
    pyxform_warnings: list[str] = []
    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")
            convert(
                xlsform=io.BytesIO(data),
                warnings=pyxform_warnings,
                file_type=kind,
                form_name="data",
                default_language=_pyxform_default(workbook, default_code),
            )
    except PyXFormError as error:
        raise XLSFormError(
            [
                Problem(
                    "file",
                    None,
                    _("the XLSForm checker (pyxform) refused the form: %(reason)s")
                    % {"reason": _pyxform_text(error)},
                )
            ]
        ) from error
    except Exception as error:  # noqa: BLE001 - pyxform may fail in ways it does not name; the form is refused
        raise XLSFormError(
            [Problem("file", None, _("the XLSForm checker (pyxform) could not read the form."))]
        ) from error
    # pyxform's warnings are in English: those we know become ours, the others notes shown apart.
    ignored = {warning.row for warning in reader.warnings if warning.code == "metadata"}
    for text in pyxform_warnings:
        for warning in messages.from_pyxform(text):
            # Our own warning on that row already says Azamat ignores the old metadata.
            if not (warning.code == "pyxform_old_metadata" and warning.row in ignored):
                reader.warnings.append(warning)
    return result, reader.warnings


def _pyxform_default(workbook, default_code: str) -> str:
    """The language name pyxform should treat as default (the header's language part), or "default"."""
    for row in getattr(workbook, "survey", None) or []:
        for header in row:
            base, _sep, language = str(header).partition("::")
            if language and base.strip().lower() == "label" and language_code(language) == default_code:
                return language.strip()
    return "default"
