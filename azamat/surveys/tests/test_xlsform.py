"""XLSForm in and out: real forms from pyxform's fixtures and ODK's samples import or are refused with the sheet
and row of what Azamat does not support; broken forms are refused in plain words; any form written back to .xlsx
reads back the same and pyxform converts it."""

import io
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook
from pyxform.xls2xform import convert

from azamat.surveys import definition as spec
from azamat.surveys import engine, xlsform
from azamat.testing.surveys_factories import SAMPLE

FORMS = Path(__file__).parent / "forms"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def read(name: str, **kwargs):
    return xlsform.read_xlsform((FORMS / name).read_bytes(), name, **kwargs)


def refused(data: bytes, filename: str = "form.xlsx", **kwargs) -> list[str]:
    with pytest.raises(xlsform.XLSFormError) as caught:
        xlsform.read_xlsform(data, filename, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def workbook(
    survey: list[list], choices: list[list] | None = None, settings: list[list] | None = None
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    if choices:
        other = book.create_sheet("choices")
        for row in choices:
            other.append(row)
    if settings:
        other = book.create_sheet("settings")
        for row in settings:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- real forms ------------------------------------------------------------------------------------------------

SUPPORTED = {
    # pyxform's fixtures
    "calculate.xls": 2,
    "choice_filter_test.xlsx": 3,
    "group.xlsx": 3,
    "or_other.xlsx": 2,
    "specify_other.xlsx": 1,
    "text_and_integer.xlsx": 2,
    "text_and_integer.csv": 2,
    "yes_or_no_question.xlsx": 1,
    "repeat_date_test.xls": 3,
    # ODK's sample forms
    "whova_form.xlsx": 511,
    "socio-economic-survey-v20240515.xlsx": 17,
}


@pytest.mark.parametrize(("name", "count"), SUPPORTED.items())
def test_real_supported_forms_import_and_every_page_renders(name, count):
    definition, _warnings = read(name)
    assert len(spec.questions(definition, into_repeats=True)) == count
    answers = engine.initial_answers(definition)
    for page in range(len(spec.pages(definition))):
        assert engine.page_fields(definition, page, answers, {}, "en") is not None
    back, _ = xlsform.read_xlsform(xlsform.write_xlsform(definition), "back.xlsx")
    assert xlsform.normalised(back) == xlsform.normalised(definition)


def test_metadata_is_ignored_with_a_warning_naming_the_row():
    _definition, warnings = read("whova_form.xlsx")
    texts = [str(warning) for warning in warnings]
    assert (
        "survey sheet, row 18: the type “start” is device metadata; Azamat ignores it (it records start and end "
        "itself)." in texts
    )


def test_or_other_in_the_old_spelling_is_read():
    definition, _warnings = read("specify_other.xlsx")
    question = definition["children"][0]
    assert question["type"] == "select_one"
    assert question["or_other"] is True
    assert question["label"] == {"en": "What sex are you?"}


def test_choice_filters_keep_their_columns():
    definition, _warnings = read("choice_filter_test.xlsx")
    county = spec.find(definition, "county")
    assert county["choice_filter"] == "${state}=cf"
    kings = [item for item in definition["choices"]["counties"] if item["name"] == "king"]
    assert [item["filter"] for item in kings] == [{"cf": "washington"}, {"cf": "texas"}]
    fields = engine.page_fields(definition, 0, {"state": "texas"}, {}, "en")
    shown = next(field for field in fields if field["name"] == "county")
    assert [choice["name"] for choice in shown["choices"]] == ["king", "cameron"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gps.xls", "survey sheet, row 2: the type “gps” is not supported by Azamat."),
        ("widgets.xls", "survey sheet, row 11: the type “geopoint” is not supported by Azamat."),
        ("widgets.xls", "survey sheet, row 12: the type “barcode” is not supported by Azamat."),
        (
            "simple_loop.xls",
            "survey sheet, row 2: the type “begin loop over my_columns” is not supported by Azamat.",
        ),
        (
            "all-question-types-v2024091201-3.xlsx",
            "survey sheet, row 22: the type “range” is not supported by Azamat.",
        ),
        ("unknown_question_type.xls", "survey sheet, row 2: the type “set form title” is unknown."),
        (
            "bad_calc.xlsx",
            "survey sheet, row 2: the calculation because pyxform doesn't know what to do is not valid: "
            "unexpected “'t know what to do”",
        ),
    ],
)
def test_real_unsupported_forms_are_refused_naming_sheet_and_row(name, expected):
    assert expected in refused((FORMS / name).read_bytes(), name)


# --- broken forms ----------------------------------------------------------------------------------------------

YES_NO = [["list_name", "name", "label"], ["yes_no", "yes", "Yes"], ["yes_no", "no", "No"]]


def test_an_unknown_type_is_refused():
    data = workbook([["type", "name", "label"], ["text", "a", "A"], ["colour", "b", "B"]])
    assert refused(data) == ["survey sheet, row 3: the type “colour” is unknown."]


def test_broken_skip_logic_is_refused():
    data = workbook(
        [
            ["type", "name", "label", "relevant"],
            ["integer", "age", "Age", ""],
            ["text", "b", "B", "${age > 3"],
        ]
    )
    assert refused(data) == [
        "survey sheet, row 3: the skip logic (relevant) ${age > 3 is not valid: bad reference “${age > 3”: a "
        "${name} is not closed"
    ]


def test_skip_logic_naming_a_missing_question_is_refused():
    data = workbook(
        [
            ["type", "name", "label", "relevant"],
            ["integer", "age", "Age", ""],
            ["text", "b", "B", "${agee} > 3"],
        ]
    )
    assert refused(data) == [
        "survey sheet, row 3: the skip logic (relevant) ${agee} > 3 names a question that does not exist: ${agee}."
    ]


def test_duplicate_names_are_refused():
    data = workbook(
        [
            ["type", "name", "label"],
            ["integer", "age", "Age"],
            ["text", "x", "X"],
            ["integer", "age", "Again"],
        ]
    )
    assert refused(data) == ["survey sheet, row 4: the name “age” is used twice (also in row 2)."]


def test_a_missing_choice_list_is_refused():
    data = workbook([["type", "name", "label"], ["text", "a", "A"], ["select_one yes_noo", "q", "Q"]], YES_NO)
    assert refused(data) == ["choices sheet: the list “yes_noo” used in survey row 3 does not exist."]


def test_an_invalid_name_and_an_unclosed_group_are_refused():
    data = workbook([["type", "name", "label"], ["begin_group", "g", "G"], ["text", "my name", "A"]])
    problems = refused(data)
    assert problems[0].startswith("survey sheet, row 3: the name “my name” is not valid")
    assert problems[1] == "survey sheet, row 2: the group “g” is not closed: add an “end group” row."


def test_a_file_too_large_or_of_the_wrong_type_is_refused():
    assert refused(b"PK" + b"0" * (5 * 1024 * 1024), "big.xlsx") == [
        "the file: the file is 5.0 MB; an XLSForm may be at most 5 MB."
    ]
    assert refused(b"%PDF-1.4 hello", "form.pdf") == [
        "the file: this is not an XLSForm spreadsheet: upload an .xlsx, .xls or .csv file."
    ]
    assert refused(b"%PDF-1.4 hello", "form.xlsx") == [
        "the file: this is not an XLSForm spreadsheet: upload an .xlsx, .xls or .csv file."
    ]


# --- languages, personal data, round trip ----------------------------------------------------------------------


def test_languages_come_from_the_codes_in_the_headers_and_personal_is_read():
    data = workbook(
        [
            [
                "type",
                "name",
                "label",
                "label::Қазақша (kk)",
                "label::Russian (ru)",
                "hint::English (en)",
                "personal",
                "required",
            ],
            ["text", "phone", "Phone", "Телефон", "Телефон", "Optional", "yes", "no"],
            ["select_one yes_no", "ok", "OK?", "Иә ме?", "Да?", "", "", "yes"],
        ],
        [
            ["list_name", "name", "label", "label::Русский (ru)"],
            ["yes_no", "yes", "Yes", "Да"],
            ["yes_no", "no", "No", "Нет"],
        ],
    )
    definition, _warnings = xlsform.read_xlsform(data, "f.xlsx", default_language="en")
    assert definition["languages"] == ["en", "kk", "ru"]
    phone = spec.find(definition, "phone")
    assert phone["label"] == {"en": "Phone", "kk": "Телефон", "ru": "Телефон"}
    assert phone["hint"] == {"en": "Optional"}
    assert phone["personal"] is True
    assert spec.find(definition, "ok")["required"] is True
    assert definition["choices"]["yes_no"][0]["label"] == {"en": "Yes", "ru": "Да"}


def test_our_sample_round_trips_and_pyxform_converts_the_written_form():
    data = xlsform.write_xlsform(SAMPLE)
    back, _warnings = xlsform.read_xlsform(data, "sample.xlsx")
    assert xlsform.normalised(back) == xlsform.normalised(SAMPLE)
    warnings: list = []
    result = convert(xlsform=io.BytesIO(data), warnings=warnings, file_type=".xlsx")
    assert "<h:title>Мұқтаждықтарды бағалау</h:title>" in result.xform


def test_the_template_is_a_valid_form_of_every_supported_kind():
    definition = xlsform.template_definition()
    back, _warnings = xlsform.read_xlsform(xlsform.write_xlsform(definition), "template.xlsx")
    assert xlsform.normalised(back) == xlsform.normalised(definition)
    kinds = {node["type"] for node in spec.walk(back["children"])}
    assert kinds >= {"note", "select_one", "select_multiple", "integer", "decimal", "date", "text", "group"}


def test_text_that_looks_like_a_formula_is_written_as_text():
    definition = {
        "title": {"ru": '=HYPERLINK("x")'},
        "languages": ["ru"],
        "children": [{"name": "a", "type": "text", "label": {"ru": "=1+1"}, "required": False}],
        "choices": {},
    }
    data = xlsform.write_xlsform(definition)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data))["survey"]
    assert sheet["C2"].value == "=1+1"
    assert sheet["C2"].data_type == "s"
    back, _warnings = xlsform.read_xlsform(data, "f.xlsx")
    assert spec.find(back, "a")["label"] == {"ru": "=1+1"}


@pytest.mark.parametrize("rows", [[], [["type", "name", "label"]]], ids=["no rows", "only the header"])
def test_a_survey_sheet_without_questions_is_refused_with_a_reason(rows):
    assert refused(workbook(rows)) == ["survey sheet: the survey sheet has no questions."]
