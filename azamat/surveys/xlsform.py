"""XLSForm in and out: a spreadsheet (.xlsx, .xls, .csv) read with pyxform's readers into our definition
(definition.py), checked by our rules and by pyxform's own conversion, with every problem named by sheet and row in
plain words; and any definition written back to an .xlsx that reads back to the same definition.

`read_xlsform(data, filename, default_language=...)` returns (definition, warnings) or raises XLSFormError with
the list of problems; warnings and problems are `Problem`s (sheet, row, message in the active language).
"""

import copy
import io
import re
import warnings as python_warnings
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from pyxform.errors import PyXFormError
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json_backends import get_xlsform
from pyxform.xls2xform import convert

from azamat.surveys import definition as spec
from azamat.surveys import xpath

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


def _split_header(header: str) -> tuple[str, str | None]:
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


def _bool(value) -> bool | None:
    """True/False for yes/no cells; None for anything else (an expression)."""
    text = str(value or "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


class _Reader:
    def __init__(self, workbook, default_language: str, *, allow_duplicate_choices: bool = False):
        self.workbook = workbook
        self.allow_duplicate_choices = allow_duplicate_choices
        self.default_language = default_language
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.languages: list[str] = []
        self.names: dict[str, int] = {}
        # Set here, not only by read_survey: a survey sheet without questions ends that early.
        self.rows: dict[str, int] = {}
        self.expressions: list[tuple[int, str, str, str]] = []  # (row, column, expression, owner name)

    def error(self, sheet, row, message):
        self.errors.append(Problem(sheet, row, message))

    def warn(self, sheet, row, message):
        self.warnings.append(Problem(sheet, row, message))

    def language_of(self, code: str | None) -> str:
        code = code or self.default_language
        if code and code not in self.languages:
            self.languages.append(code)
        return code

    def texts(self, row: dict, column: str) -> dict:
        found: dict = {}
        for header, value in row.items():
            base, language = _split_header(header)
            if base == column and str(value).strip():
                found[self.language_of(language)] = str(value).strip()
        return found

    # -- choices ---------------------------------------------------------------------------------------------

    def read_choices(self) -> dict:
        rows = getattr(self.workbook, "choices", None) or []
        lists: dict[str, list] = {}
        self.choice_rows: dict[str, int] = {}
        seen: dict[tuple, int] = {}
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            cleaned = {str(k): v for k, v in row.items()}
            list_name = ""
            name = ""
            for header, value in cleaned.items():
                lowered = header.strip().lower()
                if lowered in ("list_name", "list name"):
                    list_name = str(value).strip()
                elif lowered in ("name", "value"):
                    name = str(value).strip()
            if not list_name:
                self.error("choices", number, _("the choice has no list_name."))
                continue
            if not name:
                self.error(
                    "choices",
                    number,
                    _("the choice in the list “%(list)s” has no name.") % {"list": list_name},
                )
                continue
            if (list_name, name) in seen and not self.allow_duplicate_choices:
                self.error(
                    "choices",
                    number,
                    _("the choice “%(name)s” appears twice in the list “%(list)s” (first in row %(row)s).")
                    % {"name": name, "list": list_name, "row": seen[(list_name, name)]},
                )
                continue
            seen.setdefault((list_name, name), number)
            self.choice_rows.setdefault(list_name, number)
            item: dict = {"name": name, "label": self.texts(cleaned, "label")}
            extra = {}
            for header, value in cleaned.items():
                base, language = _split_header(header)
                lowered = header.strip().lower()
                if lowered in ("list_name", "list name", "name", "value") or base in ("label", "media"):
                    continue
                if language is None and base not in ("image", "audio", "video", "big-image"):
                    extra[header.strip()] = str(value).strip()
            if extra:
                item["filter"] = extra
            lists.setdefault(list_name, []).append(item)
        return lists

    # -- survey ----------------------------------------------------------------------------------------------

    def read_survey(self, choices: dict) -> list:
        rows = getattr(self.workbook, "survey", None) or []
        if not any(rows):
            self.error("survey", None, _("the survey sheet has no questions."))
            return []
        root: list = []
        stack: list[tuple[dict | None, list, int]] = [(None, root, 0)]
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            self.read_row(number, {str(k): v for k, v in row.items()}, stack, choices)
        while len(stack) > 1:
            node, _children, opened = stack.pop()
            self.error(
                "survey",
                opened,
                _("the %(kind)s “%(name)s” is not closed: add an “end %(kind)s” row.")
                % {"kind": node["type"], "name": node["name"]},
            )
        return root

    def read_row(self, number: int, row: dict, stack: list, choices: dict):  # noqa: C901, PLR0912, PLR0915
        fields: dict = {}
        for header, value in row.items():
            base, language = _split_header(header)
            if language is None and base not in TRANSLATABLE:
                fields[base] = str(value).strip()
        raw_type = re.sub(r"\s+", " ", fields.get("type", "")).strip()
        lowered = raw_type.lower()
        name = fields.get("name", "")
        if not raw_type:
            if name or self.texts(row, "label"):
                self.error("survey", number, _("the question “%(name)s” has no type.") % {"name": name})
            return
        parent, children, _opened = stack[-1]
        words = lowered.replace("_", " ").split(" ")
        if words[0] == "end" and len(words) >= 2:
            kind = words[1]
            if kind == "loop":
                return  # its begin was already refused
            if parent is None or parent["type"] != kind:
                self.error("survey", number, _("“%(type)s” has no matching begin row.") % {"type": raw_type})
                return
            stack.pop()
            return
        if words[0] == "begin" and len(words) >= 2 and words[1] in ("group", "repeat"):
            kind = words[1]
            node = self.node(number, row, fields, kind, name)
            if node is None:
                node = {"name": name or f"_row{number}", "type": kind, "children": []}
            if kind == "repeat" and any(item[0] and item[0]["type"] == "repeat" for item in stack):
                self.error("survey", number, _("a repeat inside a repeat is not supported by Azamat."))
            node["children"] = []
            children.append(node)
            stack.append((node, node["children"], number))
            return
        known = QUESTION_TYPE_DICT.get(raw_type) or QUESTION_TYPE_DICT.get(lowered) or {}
        if lowered in METADATA or "jr:preload" in known.get("bind", {}):
            self.warn(
                "survey",
                number,
                _(
                    "the type “%(type)s” is device metadata; Azamat ignores it (it records start and end itself)."
                )
                % {"type": raw_type},
            )
            return
        kind = TYPE_ALIASES.get(lowered)
        list_name = ""
        or_other = False
        implied_constraint = ""
        if kind is None and known.get("control", {}).get("tag") == "input":
            # pyxform's old aliases ("q string", "phone number", "percentage"): a basic type with a constraint.
            kind = {"string": "text", "int": "integer", "decimal": "decimal", "date": "date"}.get(
                known.get("bind", {}).get("type", "")
            )
            implied_constraint = known.get("bind", {}).get("constraint", "") if kind else ""
        if kind is None:
            for alias in sorted(SELECT_ALIASES, key=len, reverse=True):
                if lowered.startswith(alias + " "):
                    kind = SELECT_ALIASES[alias]
                    rest = raw_type[len(alias) + 1 :].strip().split()
                    if rest and rest[-1].lower() == "or_other":
                        or_other = True
                        rest = rest[:-1]
                    elif [word.lower() for word in rest[-3:]] == ["or", "specify", "other"]:
                        or_other = True
                        rest = rest[:-3]
                    list_name = rest[0] if len(rest) == 1 else ""
                    if len(rest) != 1:
                        self.error(
                            "survey",
                            number,
                            _("the type “%(type)s” should name one choice list.") % {"type": raw_type},
                        )
                        return
                    break
        if kind is None:
            base = lowered.split(" ")[0]
            if lowered in UNSUPPORTED or base in UNSUPPORTED or base in {"begin", "end"}:
                self.error(
                    "survey",
                    number,
                    _("the type “%(type)s” is not supported by Azamat.") % {"type": raw_type},
                )
            else:
                self.error("survey", number, _("the type “%(type)s” is unknown.") % {"type": raw_type})
            return
        if not name and kind == "note":
            name = f"note_row{number}"
        node = self.node(number, row, fields, kind, name)
        if node is None:
            return
        if implied_constraint and not node.get("constraint"):
            node["constraint"] = implied_constraint
        if kind in spec.CHOICE_TYPES:
            node["list"] = list_name
            node["or_other"] = or_other
            if list_name not in choices:
                self.error(
                    "choices",
                    None,
                    _("the list “%(list)s” used in survey row %(row)s does not exist.")
                    % {"list": list_name, "row": number},
                )
            elif kind == "select_multiple" and any(" " in item["name"] for item in choices[list_name]):
                self.error(
                    "choices",
                    self.choice_rows.get(list_name),
                    _("the list “%(list)s” has a choice name with a space; select_multiple cannot use it.")
                    % {"list": list_name},
                )
            if fields.get("choice_filter"):
                node["choice_filter"] = fields["choice_filter"]
                reason = xpath.check_syntax(node["choice_filter"], columns=True)
                if reason:
                    self.error(
                        "survey",
                        number,
                        _("the choice filter %(expression)s is not valid: %(reason)s")
                        % {"expression": node["choice_filter"], "reason": reason},
                    )
                else:
                    self.expressions.append((number, "choice_filter", node["choice_filter"], node["name"]))
        if kind == "calculate":
            node["calculation"] = fields.get("calculation", "")
            if not node["calculation"]:
                self.error(
                    "survey", number, _("the calculate “%(name)s” has no calculation.") % {"name": name}
                )
        if fields.get("default"):
            node["default"] = fields["default"]
            if "${" in node["default"] or "(" in node["default"]:
                self.warn(
                    "survey",
                    number,
                    _(
                        "the default %(value)s is an expression; Azamat uses fixed defaults only and ignores it."
                    )
                    % {"value": node["default"]},
                )
                node.pop("default")
        if or_other and f"{name}_other" in self.names:
            self.error(
                "survey",
                number,
                _("the name “%(name)s_other” is taken, but the “other” answer of “%(name)s” needs it.")
                % {"name": name},
            )
        stack[-1][1].append(node)

    def node(self, number, row, fields, kind, name) -> dict | None:
        if not name:
            self.error("survey", number, _("the question has no name."))
            return None
        if len(name) > MAX_NAME or not NAME.match(name):
            self.error(
                "survey",
                number,
                _(
                    "the name “%(name)s” is not valid: start with a letter or “_”, then letters, digits, “_”, "
                    "“-” or “.”, no spaces."
                )
                % {"name": name[:120]},
            )
            return None
        if name in self.names:
            self.error(
                "survey",
                number,
                _("the name “%(name)s” is used twice (also in row %(row)s).")
                % {"name": name, "row": self.names[name]},
            )
            return None
        if name.endswith("_other") and name[: -len("_other")] in self.names:
            pass  # checked when the select with or_other is read
        self.names[name] = number
        node: dict = {"name": name, "type": kind}
        for column in ("label", "hint", "constraint_message", "required_message"):
            texts = self.texts(row, column)
            if texts:
                node[column] = texts
        if kind in spec.ANSWERED_TYPES:
            required = fields.get("required", "")
            flag = _bool(required)
            if flag is None:
                self.warn(
                    "survey",
                    number,
                    _("“required” is an expression (%(value)s); Azamat treats the question as not required.")
                    % {"value": required},
                )
                flag = False
            node["required"] = flag
        for column in ("relevant", "constraint"):
            if fields.get(column):
                flag = _bool(fields[column])
                node[column] = fields[column] if flag is None else ("true()" if flag else "false()")
        if fields.get("calculation") and kind == "calculate":
            node["calculation"] = fields["calculation"]
        if kind == "repeat" and fields.get("repeat_count"):
            node["repeat_count"] = fields["repeat_count"]
        if fields.get("appearance"):
            node["appearance"] = fields["appearance"]
        read_only = _bool(fields.get("read_only", ""))
        if read_only:
            node["read_only"] = True
        personal = _bool(fields.get("personal", ""))
        if personal:
            node["personal"] = True
        elif personal is None:
            self.warn("survey", number, _("“personal” should be yes or no; read as no."))
        for column in EXPRESSIONS:
            expression = node.get(column)
            if not expression:
                continue
            reason = xpath.check_syntax(expression)
            if reason:
                self.error(
                    "survey",
                    number,
                    _("the %(column)s %(expression)s is not valid: %(reason)s")
                    % {"column": column_name(column), "expression": expression, "reason": reason},
                )
            else:
                self.expressions.append((number, column, expression, name))
        for column in ("label", "hint"):
            for text in (node.get(column) or {}).values():
                for reference in xpath.REF.findall(text):
                    self.expressions.append((number, column, "${" + reference + "}", name))
        return node

    def check_references(self):
        for number, column, expression, _owner in self.expressions:
            try:
                used = xpath.references(xpath.parse(expression, columns=column == "choice_filter"))
            except xpath.XPathError:
                used = xpath.expression_references(expression)
            missing = sorted(used - set(self.names))
            for name in missing:
                self.error(
                    "survey",
                    number,
                    _("the %(column)s %(expression)s names a question that does not exist: ${%(name)s}.")
                    % {"column": column_name(column), "expression": expression, "name": name},
                )


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
                    % {"size": f"{len(data) / 1024 / 1024:.1f}", "max": MAX_BYTES // 1024 // 1024},
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
    return kind


def _pyxform_text(error: Exception) -> str:
    text = str(error).strip()
    return re.sub(r"\s+", " ", text)[:500]


def read_xlsform(data: bytes, filename: str, *, default_language: str = "") -> tuple[dict, list[Problem]]:
    """The definition of the XLSForm in `data` and the warnings about it; raises XLSFormError."""
    kind = check_file(data, filename)
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
    reader = _Reader(
        workbook,
        default_code,
        allow_duplicate_choices=_bool(settings_row.get("allow_choice_duplicates")) is True,
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
            _base, code = _split_header(str(header))
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
        reader.warn(
            "choices", None, _("lists not used by any question: %(lists)s.") % {"lists": ", ".join(unused)}
        )
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
    for text in pyxform_warnings:
        text = re.sub(r"\s*Learn more: \S+", "", str(text))  # noqa: PLW2901 - long links break phone layouts
        reader.warn(
            "file",
            None,
            _("XLSForm checker: %(warning)s") % {"warning": re.sub(r"\s+", " ", str(text))[:500]},
        )
    return result, reader.warnings


def _pyxform_default(workbook, default_code: str) -> str:
    """The language name pyxform should treat as default (the header's language part), or "default"."""
    for row in getattr(workbook, "survey", None) or []:
        for header in row:
            base, _sep, language = str(header).partition("::")
            if language and base.strip().lower() == "label" and language_code(language) == default_code:
                return language.strip()
    return "default"


# --- writing --------------------------------------------------------------------------------------------------

_SURVEY_OUT = ["type", "name"]


def _text_cell(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    if value is None or value == "":
        return
    cell.value = str(value)
    cell.data_type = "s"  # never a formula, whatever the text starts with


def write_xlsform(definition: dict) -> bytes:
    """The definition as an .xlsx XLSForm (survey, choices, settings sheets) that read_xlsform reads back."""
    languages = list(definition.get("languages") or ["ru"])
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    headers = ["type", "name"]
    for column in ("label", "hint"):
        headers += [f"{column}::{language_header(code)}" for code in languages]
    headers += ["required"]
    headers += [f"required_message::{language_header(code)}" for code in languages]
    headers += ["relevant", "constraint"]
    headers += [f"constraint_message::{language_header(code)}" for code in languages]
    headers += [
        "calculation",
        "default",
        "appearance",
        "choice_filter",
        "read_only",
        "repeat_count",
        "personal",
    ]
    for index, header in enumerate(headers, start=1):
        _text_cell(survey, 1, index, header)
    row = 2

    def emit(values: dict):
        nonlocal row
        for index, header in enumerate(headers, start=1):
            _text_cell(survey, row, index, values.get(header, ""))
        row += 1

    def texts(node, column):
        return {f"{column}::{language_header(code)}": text for code, text in (node.get(column) or {}).items()}

    def visit(nodes):
        for node in nodes:
            kind = node["type"]
            values = {"name": node["name"], **texts(node, "label"), **texts(node, "hint")}
            for column in ("relevant", "appearance"):
                if node.get(column):
                    values[column] = node[column]
            if kind in spec.CONTAINER_TYPES:
                values["type"] = f"begin_{kind}"
                if node.get("repeat_count"):
                    values["repeat_count"] = node["repeat_count"]
                emit(values)
                visit(node.get("children", []))
                emit({"type": f"end_{kind}"})
                continue
            values["type"] = kind
            if kind in spec.CHOICE_TYPES:
                values["type"] = f"{kind} {node['list']}" + (" or_other" if node.get("or_other") else "")
                if node.get("choice_filter"):
                    values["choice_filter"] = node["choice_filter"]
            if kind in spec.ANSWERED_TYPES:
                values["required"] = "yes" if node.get("required") else ""
                values.update(texts(node, "required_message"))
            if node.get("constraint"):
                values["constraint"] = node["constraint"]
                values.update(texts(node, "constraint_message"))
            for column in ("calculation", "default"):
                if node.get(column):
                    values[column] = node[column]
            if node.get("read_only"):
                values["read_only"] = "yes"
            if node.get("personal"):
                values["personal"] = "yes"
            emit(values)

    visit(definition.get("children", []))

    choices = workbook.create_sheet("choices")
    filter_columns: list[str] = []
    for items in definition.get("choices", {}).values():
        for item in items:
            for key in item.get("filter") or {}:
                if key not in filter_columns:
                    filter_columns.append(key)
    choice_headers = [
        "list_name",
        "name",
        *[f"label::{language_header(code)}" for code in languages],
        *filter_columns,
    ]
    for index, header in enumerate(choice_headers, start=1):
        _text_cell(choices, 1, index, header)
    line = 2
    for list_name, items in definition.get("choices", {}).items():
        for item in items:
            values = {"list_name": list_name, "name": item["name"]}
            values.update(
                {f"label::{language_header(code)}": text for code, text in (item.get("label") or {}).items()}
            )
            values.update(item.get("filter") or {})
            for index, header in enumerate(choice_headers, start=1):
                _text_cell(choices, line, index, values.get(header, ""))
            line += 1

    settings_sheet = workbook.create_sheet("settings")
    title = definition.get("title") or {}
    settings_headers = ["form_title", "form_id", "default_language"]
    settings_values = [
        spec.text(title, languages[0], languages),
        "azamat_survey",
        language_header(languages[0]),
    ]
    if any(
        len({item["name"] for item in items}) != len(items)
        for items in definition.get("choices", {}).values()
    ):
        settings_headers.append("allow_choice_duplicates")
        settings_values.append("yes")
    for code in languages[1:]:
        if title.get(code):
            settings_headers.append(f"azamat_title_{code}")
            settings_values.append(title[code])
    for index, header in enumerate(settings_headers, start=1):
        _text_cell(settings_sheet, 1, index, header)
        _text_cell(settings_sheet, 2, index, settings_values[index - 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_definition() -> dict:
    """The starter form: one question of each supported kind, in Kazakh, Russian and English."""

    def t(kk, ru, en):
        return {"kk": kk, "ru": ru, "en": en}

    return {
        "title": t("Сауалнама", "Опрос", "Survey"),
        "languages": ["kk", "ru", "en"],
        "children": [
            {
                "name": "intro",
                "type": "note",
                "label": t(
                    "Сауалнамаға қош келдіңіз!", "Добро пожаловать в опрос!", "Welcome to the survey!"
                ),
            },
            {
                "name": "region",
                "type": "select_one",
                "list": "regions",
                "or_other": False,
                "required": True,
                "label": t("Облысыңыз", "Ваш регион", "Your region"),
            },
            {
                "name": "age",
                "type": "integer",
                "required": True,
                "label": t("Жасыңыз", "Ваш возраст", "Your age"),
                "constraint": ". >= 16 and . <= 100",
                "constraint_message": t("16 мен 100 аралығында", "От 16 до 100", "Between 16 and 100"),
            },
            {
                "name": "about",
                "type": "group",
                "label": t("Қызметтер", "Услуги", "Services"),
                "children": [
                    {
                        "name": "services",
                        "type": "select_multiple",
                        "list": "services",
                        "or_other": True,
                        "required": False,
                        "label": t(
                            "Қандай қызметтер керек?", "Какие услуги нужны?", "Which services are needed?"
                        ),
                    },
                    {
                        "name": "why",
                        "type": "text",
                        "required": False,
                        "relevant": "count-selected(${services}) > 1",
                        "label": t("Неге?", "Почему?", "Why?"),
                        "appearance": "multiline",
                    },
                    {
                        "name": "spend",
                        "type": "decimal",
                        "required": False,
                        "label": t(
                            "Айына қанша, теңге?", "Сколько в месяц, тенге?", "How much a month, tenge?"
                        ),
                    },
                    {
                        "name": "visited",
                        "type": "date",
                        "required": False,
                        "constraint": ". <= today()",
                        "label": t("Соңғы бару күні", "Дата последнего визита", "Date of the last visit"),
                    },
                ],
            },
            {
                "name": "phone",
                "type": "text",
                "required": False,
                "personal": True,
                "label": t("Телефон", "Телефон", "Phone"),
            },
        ],
        "choices": {
            "regions": [
                {"name": "751000000", "label": t("Алматы", "Алматы", "Almaty")},
                {"name": "711000000", "label": t("Астана", "Астана", "Astana")},
            ],
            "services": [
                {"name": "ramp", "label": t("Пандус", "Пандус", "Ramp")},
                {"name": "transport", "label": t("Көлік", "Транспорт", "Transport")},
            ],
        },
    }


def normalised(definition: dict) -> dict:
    """The definition as read_xlsform would give it back (for comparing round trips)."""
    result = copy.deepcopy(definition)
    for node in spec.walk(result.get("children", [])):
        for key in [key for key, value in node.items() if value in ("", None, {}, [])]:
            if key != "children":
                node.pop(key)
        for key in ("read_only", "personal"):
            if node.get(key) is False:
                node.pop(key)
        if node["type"] in spec.CHOICE_TYPES:
            node.setdefault("or_other", False)
        if node["type"] in spec.ANSWERED_TYPES:
            node.setdefault("required", False)
    return result
