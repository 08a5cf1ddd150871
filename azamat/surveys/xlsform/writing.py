"""Any definition written back to an .xlsx that reads back to the same definition; the template offered to
download; a definition normalised for comparison."""

import copy
import io

from openpyxl import Workbook

from azamat.surveys import definition as spec
from azamat.surveys.xlsform.common import language_header

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
