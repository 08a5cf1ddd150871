"""The warnings about an uploaded XLSForm as its readers meet them: each of pyxform's English warnings that a real
form triggers becomes our own sentence with its row, column and names, put into words when the page is shown so
that a Kazakh and a Russian reader of the same survey each read their language; a warning we do not know is said to
be a technical note in English and shown apart; warnings stored before the codes are still put into our words."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import Workbook
from pyxform.xls2xform import convert

from azamat.surveys import xlsform
from azamat.surveys.xlsform import messages
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import ngo_admin


def book(**sheets) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


RU_KK = ["type", "name", "label::Русский (ru)", "label::Қазақша (kk)"]
CHOICES = [["list_name", "name", "label"], ["c", "x", "X"]]
# name → (the XLSForm, its sheet, row, code, values): each makes pyxform 4.5 warn, in English.
FORMS = {
    "missing column": (
        book(survey=[[*RU_KK, "hint::Русский (ru)"], ["text", "a", "А", "А", "подсказка"]]),
        ("survey", None, "pyxform_missing_column", {"language": "Қазақша (kk)", "column": "hint"}),
    ),
    "missing columns": (
        book(
            survey=[
                [*RU_KK, "hint::Русский (ru)", "constraint_message::Русский (ru)"],
                ["integer", "a", "А", "А", "подсказка", "нет"],
            ]
        ),
        (
            "survey",
            None,
            "pyxform_missing_columns",
            {"language": "Қазақша (kk)", "columns": ["constraint_message", "hint"]},
        ),
    ),
    "missing column without a language": (
        book(
            survey=[
                ["type", "name", "label", "label::Русский (ru)", "hint::Русский (ru)"],
                ["text", "a", "A", "А", "п"],
            ]
        ),
        ("survey", None, "pyxform_missing_plain_column", {"column": "hint"}),
    ),
    "or_other with languages": (
        book(
            survey=[RU_KK, ["select_one c or_other", "a", "А", "А"]],
            choices=[
                ["list_name", "name", "label::Русский (ru)", "label::Қазақша (kk)"],
                ["c", "x", "X", "X"],
            ],
        ),
        ("file", None, "pyxform_or_other_languages", {}),
    ),
    "names differing in case": (
        book(survey=[["type", "name", "label"], ["text", "Age", "A"], ["integer", "age", "B"]]),
        ("survey", 3, "pyxform_name_case", {"name": "age"}),
    ),
    "choice without a label": (
        book(
            survey=[["type", "name", "label"], ["select_one c", "a", "A"]],
            choices=[*CHOICES, ["c", "y", None]],
        ),
        ("choices", 3, "pyxform_choice_no_label", {}),
    ),
    "choices header with a space": (
        book(
            survey=[["type", "name", "label"], ["select_one c", "a", "A"]],
            choices=[["list_name", "name", "label", "my column"], ["c", "x", "X", "1"]],
        ),
        ("choices", 1, "pyxform_choice_header", {"column": "my column"}),
    ),
    "misspelt settings sheet": (
        book(survey=[["type", "name", "label"], ["text", "a", "A"]], setting=[["form_title"], ["Title"]]),
        ("file", None, "pyxform_sheet_misspelt", {"sheet": "settings", "candidates": ["setting"]}),
    ),
    "row skipped": (
        book(
            survey=[["type", "name", "label", "hint"], ["text", "a", "A", None], [None, None, None, "a hint"]]
        ),
        ("survey", 3, "pyxform_row_skipped", {}),
    ),
    "disabled column": (
        book(survey=[["type", "name", "label", "disabled"], ["text", "a", "A", "no"]]),
        ("survey", 2, "pyxform_disabled", {}),
    ),
    "repeat without a label": (
        book(
            survey=[
                ["type", "name", "label"],
                ["begin repeat", "kids", None],
                ["text", "a", "A"],
                ["end repeat"],
            ]
        ),
        ("survey", 2, "pyxform_repeat_no_label", {"name": "kids"}),
    ),
    "languages without codes": (
        book(survey=[["type", "name", "label::English", "label::Russian"], ["text", "a", "A", "А"]]),
        ("file", None, "pyxform_language_codes", {"languages": ["English", "Russian"]}),
    ),
    "form_id and id_string": (
        book(
            survey=[["type", "name", "label"], ["text", "a", "A"]],
            settings=[["form_id", "id_string"], ["x", "y"]],
        ),
        ("settings", None, "pyxform_form_id", {}),
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_each_pyxform_warning_a_real_form_triggers_becomes_our_sentence(name):
    data, (sheet, row, code, params) = FORMS[name]
    english: list = []
    convert(xlsform=io.BytesIO(data), warnings=english, file_type=".xlsx", form_name="data")
    assert english, "pyxform itself warns about this form"
    _definition, warnings = xlsform.read_xlsform(data, "form.xlsx", default_language="ru")
    found = [(w.sheet, w.row, w.code, w.params) for w in warnings if w.code.startswith("pyxform_")]
    assert found == [(sheet, row, code, params)]
    with translation.override("en"):
        shown = str(warnings[-1])
        assert shown == xlsform.located(sheet, row, messages.render(code, params))
    # None of pyxform's English is left in our sentence.
    for text in english:
        assert messages.LEARN_MORE.sub("", text).split(". ")[0][:40] not in shown


def test_old_device_metadata_is_warned_about_once():
    data = book(survey=[["type", "name", "label"], ["simserial", "sim", None], ["text", "a", "A"]])
    _definition, warnings = xlsform.read_xlsform(data, "form.xlsx")
    assert [(w.row, w.code) for w in warnings] == [(2, "metadata")]


def test_a_warning_we_do_not_know_is_a_note_in_english_shown_apart():
    (warning,) = messages.from_pyxform("Something new happened in row 5. Learn more: https://xlsform.org/#x")
    assert (warning.code, warning.note) == ("pyxform_note", "Something new happened in row 5.")
    with translation.override("en"):
        (shown,) = xlsform.shown_warnings([warning.as_dict()])
    assert shown == {
        "text": "the file: the XLSForm converter (pyxform) left a technical note in English:",
        "note": "Something new happened in row 5.",
    }


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        # pyxform's English after our prefix, as stored before the codes.
        (
            {
                "sheet": "file",
                "row": None,
                "message": "XLSForm checker: [row : 3] On the 'survey' sheet, the 'name' value 'age' is problematic. "
                "The name is a case-insensitive match to another name. Questions, groups, and repeats should be "
                "unique within the nearest parent group or repeat, or the survey if not inside a group or repeat. "
                "Some data processing tools are not case-sensitive, so the current names may make analysis difficult.",
            },
            [("survey", 3, "pyxform_name_case", {"name": "age"})],
        ),
        # Two languages' missing columns, once two lines, stored joined.
        (
            {
                "sheet": "file",
                "row": None,
                "message": "XLSForm checker: Language 'Қазақша (kk)' is missing the survey hint column. "
                "Language 'English (en)' is missing the survey columns hint, label.",
            },
            [
                ("survey", None, "pyxform_missing_column", {"language": "Қазақша (kk)", "column": "hint"}),
                (
                    "survey",
                    None,
                    "pyxform_missing_columns",
                    {"language": "English (en)", "columns": ["hint", "label"]},
                ),
            ],
        ),
        (
            {"sheet": "file", "row": None, "message": "XLSForm checker: A new kind of note."},
            [("file", None, "pyxform_note", {})],
        ),
    ],
)
def test_warnings_stored_before_the_codes_are_put_into_our_words(stored, expected):
    found = messages.stored(stored)
    assert [(w.sheet, w.row, w.code, w.params) for w in found] == expected


def test_our_own_warning_stored_in_russian_is_read_in_english():
    with translation.override("ru"):
        russian = str(messages.MESSAGES["metadata"]) % {"type": "start"}
    assert "metadata" not in russian  # the catalogue has it in Russian
    (warning,) = messages.stored({"sheet": "survey", "row": 18, "message": russian})
    assert (warning.code, warning.params) == ("metadata", {"type": "start"})
    with translation.override("en"):
        assert xlsform.shown_warnings([{"sheet": "survey", "row": 18, "message": russian}]) == [
            {
                "text": "survey sheet, row 18: the type “start” is device metadata; Azamat ignores it (it records "
                "start and end itself).",
                "note": "",
            }
        ]


@pytest.mark.django_db
def test_a_kazakh_and_a_russian_reader_each_read_the_warnings_in_their_language(client):
    manager, _organisation = ngo_admin(email="lead@example.kz")
    survey = sf.survey(by=manager)
    client.force_login(manager)
    data = book(
        survey=[
            ["type", "name", "label"],
            ["text", "Age", "A"],
            ["integer", "age", "B"],
            ["start", "started", None],
        ]
    )
    response = client.post(
        reverse("surveys:form_upload", args=[survey.pk]),
        {"file": SimpleUploadedFile("form.xlsx", data), "default_language": "kk"},
        HTTP_ACCEPT_LANGUAGE="kk",
    )
    assert response.status_code == 302
    stored = survey.current_version().warnings
    # Stored as codes and values, not in the uploader's language.
    assert [(item["sheet"], item["row"], item["code"], item["params"]) for item in stored] == [
        ("survey", 4, "metadata", {"type": "start"}),
        ("survey", 3, "pyxform_name_case", {"name": "age"}),
    ]
    for language in ("kk", "ru"):
        client.cookies["azamat_language"] = language
        page = client.get(reverse("surveys:form", args=[survey.pk]), HTTP_ACCEPT_LANGUAGE=language)
        html = page.content.decode()
        with translation.override(language):
            for item in stored:
                expected = xlsform.located(
                    item["sheet"], item["row"], messages.render(item["code"], item["params"])
                )
                assert escape(expected) in html
            sheet = str(xlsform.common.sheet_name("survey"))
        assert sheet != "survey sheet" and sheet in html  # the reader's language, not the uploader's
        assert "is problematic" not in html and "case-insensitive" not in html
