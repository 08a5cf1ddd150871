"""Found walking the demo as a survey's owner and its respondents in Kazakh and Russian on a phone: a CSV as Excel
saves it (Windows-1251, semicolons, the survey sheet alone) was refused with a Python error in English; a broken
.xlsx with pyxform's English sentence; the charts wrote 50.0 % beside the tables' 50,0 %; answers sent from a second
tab after the response was finished were dropped without a word; 31.02 was called a wrongly written date."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.surveys import charts, engine, xlsform
from azamat.surveys.engine.common import AnswerError
from azamat.surveys.models import Response
from azamat.testing import surveys_factories as sf

SURVEY_SHEET = [["type", "name", "label"], ["text", "name", "Ваше имя"], ["integer", "age", "Возраст"]]


def _csv(rows, *, delimiter=",", encoding="utf-8", bom=False) -> bytes:
    text = "".join(delimiter.join(row) + "\r\n" for row in rows).encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + text


@pytest.mark.parametrize(
    "data",
    [
        _csv(SURVEY_SHEET),
        _csv(SURVEY_SHEET, encoding="cp1251"),  # Excel on a Russian or Kazakh Windows
        _csv(SURVEY_SHEET, delimiter=";", bom=True),  # ... with its semicolons
        _csv(SURVEY_SHEET, delimiter=";", encoding="cp1251"),
    ],
    ids=["utf-8", "cp1251", "semicolons", "cp1251-semicolons"],
)
def test_a_csv_as_excel_saves_it_is_read_as_the_survey_sheet(data):
    definition, _warnings = xlsform.read_xlsform(data, "анкета.csv", default_language="ru")
    assert [(node["name"], node["type"], node["label"]) for node in definition["children"]] == [
        ("name", "text", {"ru": "Ваше имя"}),
        ("age", "integer", {"ru": "Возраст"}),
    ]


def test_a_csv_with_the_sheets_named_in_its_first_column_is_read_as_before():
    rows = [
        ["survey", "", "", ""],
        ["", "type", "name", "label"],
        ["", "select_one yn", "agree", "Согласны?"],
        ["choices", "", "", ""],
        ["", "list_name", "name", "label"],
        ["", "yn", "y", "Да"],
        ["", "yn", "n", "Нет"],
    ]
    definition, _warnings = xlsform.read_xlsform(_csv(rows, delimiter=";"), "form.csv", default_language="ru")
    assert [node["name"] for node in definition["children"]] == ["agree"]
    assert [item["name"] for item in definition["choices"]["yn"]] == ["y", "n"]


def test_a_broken_xlsx_is_refused_in_the_users_language_not_with_pyxforms_words():
    with translation.override("ru"), pytest.raises(xlsform.XLSFormError) as refused:
        xlsform.read_xlsform(b"PK\x03\x04" + b"not a workbook" * 20, "анкета.xlsx")
    with translation.override("ru"):
        expected = translation.gettext(
            "the file is damaged or is not an Excel workbook: open it in Excel or LibreOffice and save it again as "
            ".xlsx."
        )
    assert [problem.message for problem in refused.value.problems] == [expected]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_charts_write_shares_with_the_pages_decimal_mark(language):
    with translation.override(language):
        svg = charts.bars([{"label": "Женщина", "share": 0.5, "ci_low": 0.1, "ci_high": 0.9}], title="Пол")
    assert ">50,0 %</text>" in svg


def test_a_date_not_in_the_calendar_is_told_apart_from_a_date_written_wrongly():
    definition = {
        "children": [{"type": "date", "name": "visited", "label": {"en": "Visited"}}],
        "choices": {},
    }
    with translation.override("en"):
        for typed in ("31.02.2025", "2025-02-31", "30.13.2025"):
            with pytest.raises(AnswerError) as impossible:
                engine.parse_answer(definition, "visited", typed)
            assert str(impossible.value) == "There is no such date: check the day and the month.", typed
        with pytest.raises(AnswerError) as written:
            engine.parse_answer(definition, "visited", "20255-01-01")
        assert str(written.value) == "Enter a date as YYYY-MM-DD, e.g. 2025-03-31."
        assert engine.parse_answer(definition, "visited", "29.02.2024") == "2024-02-29"


@pytest.mark.django_db
def test_answers_sent_from_a_second_tab_after_finishing_are_not_taken_and_the_respondent_is_told(client):
    """Given a response finished in one tab, when the respondent sends the last page again from another tab, then
    she lands on the done page told that these changes were not saved, and the answers are the first tab's."""
    survey = sf.survey()
    client.cookies["azamat_language"] = "ru"
    started = client.post(reverse("surveys:respond", args=[survey.pk]))
    response = Response.objects.get(survey=survey, resume_token=started["Location"].split("/")[3])
    pages = (
        {"region": "751000000", "sex": "f", "age": "34"},
        {"services": ["ramp"], "satisfied": "yes", "spend": "100"},
        {"children-count": "0"},
        {"phone": "", "visited": "2026-10-01"},
    )
    for number, data in enumerate(pages):
        sent = client.post(
            reverse("surveys:page", args=[response.resume_token, number]), {**data, "action": "next"}
        )
        assert sent.status_code == 303, sent.content.decode()[:1500]
    response.refresh_from_db()
    assert response.status == Response.Status.COMPLETED
    before = dict(response.data)
    again = client.post(
        reverse("surveys:page", args=[response.resume_token, 3]),
        {"phone": "", "visited": "2026-11-11", "action": "next"},
        follow=True,
    )
    assert again.redirect_chain == [(reverse("surveys:done", args=[response.resume_token]), 303)]
    with translation.override(response.language):
        expected = translation.gettext(
            "Your answers had already been sent (from another tab, or by a second press): changes sent after that "
            "were not saved."
        )
    assert [str(message) for message in again.context["messages"]] == [expected]
    response.refresh_from_db()
    assert response.data == before
    # Only a page sent, not one looked at again, says so.
    looked = client.get(reverse("surveys:page", args=[response.resume_token, 3]), follow=True)
    assert not list(looked.context["messages"])
