"""What reading and writing an XLSForm share: the limits, the columns and types we know, a problem named by
sheet and row, the languages of the column headers."""

import re
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = (".xlsx", ".xls", ".csv")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
MAX_NAME = 100
_LANGUAGE_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\)\s*$")
# Language names in column headers without a code in parentheses.
LANGUAGE_NAMES = {
    "english": "en", "russian": "ru", "русский": "ru", "kazakh": "kk", "қазақша": "kk", "қазақ": "kk",
    "казахский": "kk", "french": "fr", "français": "fr", "spanish": "es", "español": "es", "arabic": "ar",
    "chinese": "zh", "japanese": "ja", "portuguese": "pt", "german": "de", "swahili": "sw", "hindi": "hi",
    "uzbek": "uz", "kyrgyz": "ky", "tajik": "tg", "turkish": "tr", "ukrainian": "uk", "default": "",
}  # fmt: skip

TYPE_ALIASES = {
    "text": "text", "string": "text", "integer": "integer", "int": "integer", "decimal": "decimal",
    "date": "date", "note": "note", "calculate": "calculate",
}  # fmt: skip
SELECT_ALIASES = {
    "select_one": "select_one", "select one": "select_one", "select1": "select_one", "select one from": "select_one",
    "select_multiple": "select_multiple", "select all that apply": "select_multiple",
    "select all that apply from": "select_multiple", "select multiple": "select_multiple",
}  # fmt: skip
# Metadata ODK records by itself: we ignore it (we record start and end ourselves).
METADATA = {
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email",
    "audit", "start-geopoint", "imei", "uri:deviceid", "uri:subscriberid", "uri:simserial", "uri:phonenumber",
    "uri:username", "uri:email", "instanceid", "background-audio", "hidden",
}  # fmt: skip
UNSUPPORTED = {
    "geopoint", "geotrace", "geoshape", "gps", "image", "photo", "audio", "video", "file", "barcode", "range",
    "rank", "time", "datetime", "acknowledge", "trigger", "select_one_from_file", "select_multiple_from_file",
    "select one from file", "select multiple from file", "select_one_external", "xml-external", "csv-external",
    "osm", "signature", "begin loop", "begin_loop", "end loop", "end_loop", "entity", "add image prompt",
    "add photo prompt", "add audio prompt", "add video prompt", "add file prompt", "cascading select",
}  # fmt: skip

SURVEY_COLUMNS = {
    "type": "type", "command": "type", "name": "name", "tag": "name", "label": "label", "caption": "label",
    "hint": "hint", "required": "required", "required_message": "required_message",
    "requiredmsg": "required_message", "bind:jr:requiredmsg": "required_message",
    "jr:requiredmsg": "required_message", "relevant": "relevant", "relevance": "relevant",
    "bind:relevant": "relevant", "constraint": "constraint", "bind:constraint": "constraint",
    "constraint_message": "constraint_message", "constraint message": "constraint_message",
    "bind:jr:constraintmsg": "constraint_message", "jr:constraintmsg": "constraint_message",
    "calculation": "calculation", "bind:calculate": "calculation", "calculate": "calculation",
    "default": "default", "appearance": "appearance", "control:appearance": "appearance",
    "choice_filter": "choice_filter", "read_only": "read_only", "readonly": "read_only",
    "bind:readonly": "read_only", "repeat_count": "repeat_count", "jr:count": "repeat_count",
    "count": "repeat_count", "personal": "personal",
}  # fmt: skip
TRANSLATABLE = {"label", "hint", "constraint_message", "required_message"}
EXPRESSIONS = ("relevant", "constraint", "calculation", "repeat_count")
YES = {"yes", "true", "true()", "1"}
NO = {"no", "false", "false()", "0", ""}


@dataclass
class Problem:
    sheet: str
    row: int | None
    message: str

    def __str__(self) -> str:
        return located(self.sheet, self.row, self.message)

    def as_dict(self) -> dict:
        return asdict(self)


def sheet_name(sheet: str) -> str:
    return {
        "survey": _("survey sheet"),
        "choices": _("choices sheet"),
        "settings": _("settings sheet"),
        "file": _("the file"),
    }.get(sheet, sheet)


def located(sheet: str, row: int | None, message: str) -> str:
    if row:
        return _("%(sheet)s, row %(row)s: %(message)s") % {
            "sheet": sheet_name(sheet),
            "row": row,
            "message": message,
        }
    return _("%(sheet)s: %(message)s") % {"sheet": sheet_name(sheet), "message": message}


class XLSFormError(ValueError):
    """The form is refused; `problems` says why, each with its sheet and row."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def language_code(header_language: str) -> str:
    """The code of a language named in a column header: "Қазақша (kk)" → "kk", "English" → "en"."""
    text = header_language.strip()
    match = _LANGUAGE_CODE.search(text)
    if match:
        return match.group(1).lower().replace("_", "-")
    lowered = text.lower()
    if lowered in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[lowered]
    return re.sub(r"[^a-z0-9\-]", "", lowered)[:12] or lowered


def language_header(code: str) -> str:
    """The column header's language part for `code`: "Қазақша (kk)"."""
    names = dict(settings.LANGUAGES)
    names.setdefault("en", "English")
    return f"{names.get(code, code)} ({code})"


def split_header(header: str) -> tuple[str, str | None]:
    """(our column, language or None) of a survey/choices header: "label::Русский (ru)" → ("label", "ru")."""
    text = header.strip()
    if "::" in text:
        base, _sep, language = text.partition("::")
    else:
        # Old style "label:English"; but keep "bind:relevant", "jr:count", "control:appearance" whole.
        base, sep, language = text.partition(":")
        if not sep or base.lower() in ("bind", "jr", "control", "media", "instance", "body", "uri"):
            base, language = text, ""
        elif base.lower() in ("label", "hint", "constraint_message", "caption", "required_message"):
            pass
        else:
            base, language = text, ""
    lowered = base.strip().lower()
    if lowered.startswith("bind:") and lowered.count(":") >= 1 and "::" not in text:
        return SURVEY_COLUMNS.get(lowered, lowered), None
    column = SURVEY_COLUMNS.get(lowered, lowered)
    if language:
        if language.lower().startswith(("image", "audio", "video", "big-image")):
            return "media", None
        return column, language_code(language)
    return column, None


def boolean(value) -> bool | None:
    """True/False for yes/no cells; None for anything else (an expression)."""
    text = str(value or "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def column_name(column: str) -> str:
    return {
        "relevant": _("skip logic (relevant)"),
        "constraint": _("constraint"),
        "calculation": _("calculation"),
        "choice_filter": _("choice filter"),
        "repeat_count": _("repeat count"),
        "label": _("label"),
        "hint": _("hint"),
    }.get(column, column)
