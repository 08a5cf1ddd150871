"""The warnings about an uploaded XLSForm, ours and pyxform's, kept as codes with their values and put into words
only when shown, so that each reader sees them in the page's language: pyxform writes its warnings in English,
and those we recognise become our own sentences with the row, column and names filled in; one we do not know is
said to be a technical note in English and shown apart, as pyxform wrote it.

Warnings stored before the codes (a message in the uploader's language, pyxform's English after "XLSForm checker:")
are recognised when shown as far as their words allow."""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from azamat.surveys.xlsform.common import located

# code → message. The message goes after "survey sheet, row 3: " (`common.located`), so it starts in lower case.
MESSAGES = {
    # Ours (the reader's).
    "metadata": _(
        "the type “%(type)s” is device metadata; Azamat ignores it (it records start and end itself)."
    ),
    "default_expression": _(
        "the default %(value)s is an expression; Azamat uses fixed defaults only and ignores it."
    ),
    "required_expression": _(
        "“required” is an expression (%(value)s); Azamat treats the question as not required."
    ),
    "personal_not_boolean": _("“personal” should be yes or no; read as no."),
    "unused_lists": _("lists not used by any question: %(lists)s."),
    # pyxform's, in our words.
    "pyxform_missing_column": _("the language “%(language)s” has no “%(column)s” column."),
    "pyxform_missing_columns": _("the language “%(language)s” has none of these columns: %(columns)s."),
    "pyxform_missing_plain_column": _(
        "there is no “%(column)s” column without a language, while the columns of other languages have one."
    ),
    "pyxform_missing_plain_columns": _(
        "these columns without a language are missing, while other languages have them: %(columns)s."
    ),
    "pyxform_or_other_languages": _(
        "“or_other” in a form with several languages is not recommended: other XLSForm tools (ODK, "
        "KoboToolbox) label the “Other” choice and its text question in one language only."
    ),
    "pyxform_name_case": _(
        "the name “%(name)s” differs from another name only in capital and small letters; some data tools do "
        "not tell such names apart, which makes analysis harder."
    ),
    "pyxform_choice_no_label": _("the choice has no label."),
    "pyxform_choice_header": _(
        "the column header “%(column)s” is not valid: a header may not be empty or hold spaces."
    ),
    "pyxform_sheet_misspelt": _(
        "the sheet %(candidates)s looks like a misspelt “%(sheet)s” sheet and is not read. If it is not meant "
        "to be read, start its name with “_”."
    ),
    "pyxform_row_skipped": _("the row has no type, name or label and is skipped."),
    "pyxform_disabled": _(
        "the “disabled” column is not part of XLSForm; use “relevant” (skip logic) instead."
    ),
    "pyxform_repeat_no_label": _("the repeat “%(name)s” has no label."),
    "pyxform_old_metadata": _("the type “%(type)s” is no longer supported on most devices."),
    "pyxform_language_codes": _(
        "these languages are named without a code: %(languages)s. Other XLSForm tools need one, as in "
        "“label::Русский (ru)”."
    ),
    "pyxform_form_id": _("the settings sheet has both “form_id” and “id_string”: keep only one of them."),
    # One we do not know: the note itself is shown apart, in English.
    "pyxform_note": _("the XLSForm converter (pyxform) left a technical note in English:"),
}
LEGACY_PREFIX = _("XLSForm checker: %(warning)s")
LEARN_MORE = re.compile(r"\s*Learn more: \S+")
NOTE_LENGTH = 500


def quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


def _columns(text: str) -> list[str]:
    return [column.strip() for column in text.split(",") if column.strip()]


def _missing(match) -> tuple[str, dict]:
    language, columns = match["language"], _columns(match["columns"])
    plain = language == "default"  # pyxform's name for the columns without a language
    if len(columns) == 1:
        code = "pyxform_missing_plain_column" if plain else "pyxform_missing_column"
        return code, {"column": columns[0]} if plain else {"language": language, "column": columns[0]}
    code = "pyxform_missing_plain_columns" if plain else "pyxform_missing_columns"
    return code, {"columns": columns} if plain else {"language": language, "columns": columns}


# pyxform 4.5's warnings (xls2json.py, survey.py, validators/pyxform/*): (pattern, sheet, code or maker).
ROW = r"\[row : (?P<row>\d+)\] "
PYXFORM = [
    (
        r"Language '(?P<language>.*?)' is missing the (?P<sheet>survey|choices) "
        r"(?:(?P<column>\S+) column|columns (?P<many>.+?))\.",
        None,
        lambda m: _missing({"language": m["language"], "columns": m["column"] or m["many"]}),
    ),
    (
        r"This form uses or_other and translations, which is not recommended\..*",
        "file",
        "pyxform_or_other_languages",
    ),
    (
        ROW + r"On the 'survey' sheet, the 'name' value '(?P<name>.*)' is problematic\. The name is a "
        r"case-insensitive match to another name\..*",
        "survey",
        "pyxform_name_case",
    ),
    (
        ROW + r"On the 'choices' sheet, the 'label' value is invalid\. Choices should have a label\..*",
        "choices",
        "pyxform_choice_no_label",
    ),
    (
        ROW + r"On the 'choices' sheet, the '(?P<column>.*)' value is invalid\. Column headers must not be "
        r"empty and must not contain spaces\..*",
        "choices",
        "pyxform_choice_header",
    ),
    (
        r"When looking for a sheet named '(?P<sheet_name>[^']*)', the following sheets with similar names were "
        r"found: (?P<candidates>.*?)\.(?: If you do not mean to include a sheet.*)?",
        "file",
        lambda m: (
            "pyxform_sheet_misspelt",
            {"sheet": m["sheet_name"], "candidates": re.findall(r"'([^']*)'", m["candidates"])},
        ),
    ),
    (ROW + r"Row without name, text, or label is being skipped.*", "survey", "pyxform_row_skipped"),
    (ROW + r"The 'disabled' column header is not part of the current spec\..*", "survey", "pyxform_disabled"),
    (
        ROW + r"Repeat has no label: \{'name': '?(?P<name>[^',}]*)'?.*",
        "survey",
        "pyxform_repeat_no_label",
    ),
    (ROW + r"(?P<type>\S+) is no longer supported on most devices\..*", "survey", "pyxform_old_metadata"),
    (
        r"The following language declarations do not contain valid machine-readable codes: (?P<list>.*?)\.?",
        "file",
        lambda m: ("pyxform_language_codes", {"languages": _columns(m["list"])}),
    ),
    (
        r"The form_id and id_string column headers are both specified in the settings sheet provided\..*",
        "settings",
        "pyxform_form_id",
    ),
]
_PYXFORM = [(re.compile(pattern, re.DOTALL), sheet, code) for pattern, sheet, code in PYXFORM]


@dataclass
class FormWarning:
    """A warning about the form: where (sheet, row), which (code) and its values; `note` holds the words of one
    of pyxform's we do not know."""

    sheet: str
    row: int | None
    code: str
    params: dict
    note: str = ""

    def as_dict(self) -> dict:
        """As stored: the code and its values (put into words when shown), and the English message for whoever
        reads the stored data itself."""
        with translation.override("en"):
            message = self.message
        return {
            "sheet": self.sheet,
            "row": self.row,
            "code": self.code,
            "params": self.params,
            "note": self.note,
            "message": message,
        }

    @property
    def message(self) -> str:
        """The sentence in the active language (without the note)."""
        if not self.code:
            return str(self.params.get("message", ""))
        return render(self.code, self.params)

    def __str__(self) -> str:
        text = located(self.sheet, self.row, self.message)
        return f"{text} {self.note}" if self.note else text


def _one_pyxform(text: str) -> FormWarning:
    for pattern, sheet, code in _PYXFORM:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = match.groupdict()
        row = int(values.pop("row")) if values.get("row") else None
        sheet = sheet or values.get("sheet") or "file"
        if callable(code):
            code, params = code(match)
        else:
            params = {key: value for key, value in values.items() if key not in ("sheet",)}
        return FormWarning(sheet, row, code, params)
    return FormWarning("file", None, "pyxform_note", {}, note=text[:NOTE_LENGTH])


def from_pyxform(text: str) -> list[FormWarning]:
    """Our warnings for one of pyxform's (one line of it each, for those that hold several)."""
    text = LEARN_MORE.sub("", str(text))
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1 and all(line.startswith("Language '") for line in lines):
        return [_one_pyxform(line) for line in lines]
    whole = re.sub(r"\s+", " ", text).strip()
    # Stored before the codes, several missing-column lines came joined into one.
    parts = re.split(r"(?<=\.) (?=Language ')", whole) if whole.startswith("Language '") else [whole]
    return [_one_pyxform(part) for part in parts if part]


def render(code: str, params: dict) -> str:
    """The message of `code` in the active language, its values filled in (a list as “a”, “b”)."""
    message = MESSAGES.get(code)
    if message is None:
        return ""
    values = {key: quoted(value) if isinstance(value, list) else value for key, value in params.items()}
    try:
        return str(message) % values
    except (KeyError, TypeError, ValueError):
        return str(message).replace("%%", "%")


# --- warnings stored before the codes ---------------------------------------------------------------------------


def _pattern(template: str) -> re.Pattern:
    """A regex that reads back the values of a message rendered from `template`."""
    parts = re.split(r"%\((\w+)\)s", template)
    out = []
    seen: set[str] = set()
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"(?P={part})" if part in seen else f"(?P<{part}>.+?)")
            seen.add(part)
        else:
            out.append(re.escape(part.replace("%%", "%")))
    return re.compile("".join(out), re.DOTALL)


@lru_cache(maxsize=16)
def _legacy_patterns(languages: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
    patterns = []
    for language in languages:
        with translation.override(language):
            for code, message in MESSAGES.items():
                if code.startswith("pyxform_"):
                    continue
                patterns.append((code, _pattern(str(message))))
            patterns.append(("", _pattern(str(LEGACY_PREFIX))))
    return patterns


def from_legacy(item: dict) -> list[FormWarning]:
    """The warnings in a message stored before the codes: ours in any of our languages, or pyxform's after "XLSForm
    checker:"; a message not recognised stays as it was (code "")."""
    sheet, row, message = item.get("sheet", ""), item.get("row"), str(item.get("message", ""))
    for code, pattern in _legacy_patterns(tuple(code for code, _name in settings.LANGUAGES)):
        match = pattern.fullmatch(message)
        if match is None:
            continue
        if not code:
            return from_pyxform(match["warning"])
        return [FormWarning(sheet, row, code, match.groupdict())]
    return [FormWarning(sheet, row, "", {"message": message})]


def stored(item) -> list[FormWarning]:
    """The warnings of one stored item (a dict with a code, or one stored before them, or a bare text)."""
    if not isinstance(item, dict):
        return from_legacy({"sheet": "", "row": None, "message": str(item)})
    if item.get("code"):
        return [
            FormWarning(
                item.get("sheet", ""),
                item.get("row"),
                item["code"],
                dict(item.get("params") or {}),
                note=str(item.get("note", "")),
            )
        ]
    return from_legacy(item)


def shown(items) -> list[dict]:
    """The stored warnings as the page shows them, in the active language: [{text, note}], the note being
    pyxform's own English words when we do not know them."""
    return [
        {"text": located(warning.sheet, warning.row, warning.message), "note": warning.note}
        for item in items or []
        for warning in stored(item)
    ]
