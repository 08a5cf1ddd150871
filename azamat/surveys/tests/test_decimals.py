"""Decimal answers as a respondent and the team meet them: "1 234,50" typed comes back as "1 234,50", not
"1 234,5"; it is stored exactly, so sums gain no float noise; answers stored as floats before still read, compare
and export; skip logic, constraints and calculations compare the numbers, not their texts."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook

from azamat.surveys import analysis, decimals, engine, export_services, quality
from azamat.surveys.analysis import Filters
from azamat.testing import surveys_factories as sf
from azamat.testing.surveys_factories import SAMPLE

NBSP = "\u00a0"


def post(text: str) -> QueryDict:
    return QueryDict(text, mutable=True)


def field(fields, name: str) -> dict:
    for item in fields:
        if item["name"] == name:
            return item
        found = field(item.get("children", []), name) if item.get("children") else None
        if found:
            return found
    return {}


@pytest.mark.parametrize(
    ("typed", "language", "stored"),
    [
        ("1 234,50", "kk", "1234.50"),
        ("1 234,50", "ru", "1234.50"),
        ("1,234.50", "en", "1234.50"),
        ("1 234,00", "ru", "1234.00"),
        ("1234", "kk", "1234"),
        ("1,234", "en", "1234"),  # a thousands comma where decimals take a dot
        ("1,234", "ru", "1.234"),  # a decimal comma
        ("1,000", "kk", "1.000"),
        ("1.234.567", "ru", "1234567"),
        ("0,5", "kk", "0.5"),
        ("−1,50", "ru", "-1.50"),
        ("5,00 ₸", "kk", "5.00"),
    ],
)
def test_a_decimal_is_stored_as_typed(typed, language, stored):
    assert engine.parse_answer(SAMPLE, "spend", typed, language=language) == stored


@pytest.mark.parametrize(
    ("language", "shown"), [("kk", f"1{NBSP}234,50"), ("ru", f"1{NBSP}234,50"), ("en", "1,234.50")]
)
def test_the_respondent_gets_back_what_she_typed(language, shown):
    answers, errors = engine.read_page(
        SAMPLE, 1, {}, post("services=ramp&satisfied=yes&spend=1 234,50&_shown=spend"), language
    )
    assert errors == {} and answers["spend"] == "1234.50"
    assert field(engine.page_fields(SAMPLE, 1, answers, {}, language), "spend")["value"] == shown


def test_an_answer_stored_as_a_float_before_still_shows():
    fields = engine.page_fields(SAMPLE, 1, {"spend": 1234.5}, {}, "ru")
    assert field(fields, "spend")["value"] == f"1{NBSP}234,5"


LOGIC = {
    "title": {"en": "Logic"},
    "languages": ["en"],
    "children": [
        {"name": "price", "type": "decimal", "label": {"en": "Price"}},
        {"name": "again", "type": "decimal", "label": {"en": "Again"}, "constraint": ". = ${price}"},
        {"name": "dear", "type": "text", "label": {"en": "Why so dear?"}, "relevant": "${price} > 1000"},
        {"name": "same", "type": "calculate", "calculation": "if(${price} = ${again}, 'yes', 'no')"},
        {"name": "total", "type": "calculate", "calculation": "${price} + ${again}"},
        {
            "name": "items",
            "type": "repeat",
            "label": {"en": "Items"},
            "children": [{"name": "cost", "type": "decimal", "label": {"en": "Cost"}}],
        },
        {"name": "costs", "type": "calculate", "calculation": "sum(${cost})"},
    ],
    "choices": {},
}


@pytest.mark.parametrize(
    ("price", "again"), [("1234.50", "1234.5"), (1234.5, "1234.50"), ("1234.50", 1234.5)]
)
def test_logic_compares_the_numbers_old_and_new(price, again):
    answers = engine.recalculate(LOGIC, {"price": price, "again": again, "dear": "rent"})
    assert answers["same"] == "yes"
    assert answers["dear"] == "rent"  # still relevant: 1234.50 > 1000
    assert answers["total"] == "2469"
    assert engine.check_all(LOGIC, answers, "en") == {}
    cheap = engine.recalculate(LOGIC, {"price": "999.90", "again": "999.9", "dear": "rent"})
    assert "dear" not in cheap


def test_a_constraint_between_two_decimals_refuses_a_different_number():
    errors = engine.check_all(LOGIC, engine.recalculate(LOGIC, {"price": "10.50", "again": "10.05"}), "en")
    assert list(errors) == ["again"]


def test_calculated_sums_gain_no_float_noise():
    answers = engine.recalculate(
        LOGIC,
        {"price": "0.10", "again": "0.20", "items": [{"cost": "0.10"}, {"cost": "0.20"}, {"cost": 0.3}]},
    )
    assert answers["total"] == "0.3"  # not 0.30000000000000004
    assert answers["costs"] == "0.6"


def test_an_old_float_and_the_same_number_typed_now_are_duplicates():
    assert quality.fingerprint({"spend": 1234.5}) == quality.fingerprint({"spend": "1234.50"})


@pytest.fixture
def survey(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo)
    # Typed now, and stored as floats before.
    for spend in ("0.10", "0.20", 0.3, "1234.50", -5.5):
        sf.response(made, {"region": "751000000", "sex": "f", "age": 30, "spend": spend})
    return made


@pytest.mark.django_db
def test_the_analysis_counts_old_and_new_answers_exactly(survey):
    summary = analysis.numeric_summary(survey, "spend")
    assert summary["n"] == 5
    assert summary["min"] == -5.5 and summary["max"] == 1234.5
    assert summary["median"] == pytest.approx(0.2)
    assert float(summary["mean"]) == pytest.approx(1229.6 / 5)
    if connection.vendor == "postgresql":  # numeric there; SQLite has only floats
        assert summary["mean"] == Decimal("245.92")


@pytest.mark.django_db
def test_the_analysis_page_shows_a_decimal_question(client, alice, survey):
    client.force_login(alice)
    page = client.get(reverse("surveys:analysis", args=[survey.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "245.92" in page.content.decode() and "1,234.5" in page.content.decode()


def _export(survey, user, fmt):
    job = export_services.export_request(
        survey=survey,
        by=user,
        format=fmt,
        labels=False,
        language="en",
        filters=Filters(),
        include_personal=False,
        manager=True,
    )
    return export_services.write_export(job) if job.status == "queued" else job


@pytest.mark.django_db
def test_the_exports_carry_the_exact_numbers(survey, alice):
    job = _export(survey, alice, "csv")
    with open(export_services.export_absolute_path(job), encoding="utf-8-sig") as handle:
        spends = [row["spend"] for row in csv.DictReader(handle)]
    assert spends == ["0.10", "0.20", "0.3", "1234.50", "-5.5"]

    job = _export(survey, alice, "xlsx")
    sheet = load_workbook(export_services.export_absolute_path(job))["data"]
    column = [cell.value for cell in sheet[1]].index("spend") + 1
    cells = [sheet.cell(row=row, column=column) for row in range(3, 8)]
    assert [cell.value for cell in cells] == [0.1, 0.2, 0.3, 1234.5, -5.5]  # numbers, not texts
    assert [cell.number_format for cell in cells][:2] == ["0.00", "0.00"] and cells[3].number_format == "0.00"

    job = _export(survey, alice, "spss")
    with zipfile.ZipFile(export_services.export_absolute_path(job)) as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open("data.csv"), encoding="utf-8")))
        syntax = archive.read("syntax.sps").decode()
    assert [row["spend"] for row in rows] == ["0.10", "0.20", "0.3", "1234.50", "-5.5"]
    assert "spend F16.4" in syntax


@pytest.mark.django_db
def test_the_team_reads_a_response_with_the_places_typed(client, alice, survey):
    client.force_login(alice)
    item = survey.responses.get(data__spend="1234.50")
    page = client.get(reverse("surveys:response", args=[survey.pk, item.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert f"1{NBSP}234,50" in page.content.decode()


@pytest.mark.django_db
def test_the_api_gives_every_decimal_as_its_exact_text(client, alice, survey):
    client.force_login(alice)
    answer = client.get(f"/api/v1/surveys/{survey.pk}/responses/", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200, answer.content
    spends = sorted(item["answers"]["spend"] for item in answer.json()["results"])
    assert spends == sorted(["0.10", "0.20", "0.3", "1234.50", "-5.5"])


def test_decimal_helpers_read_every_stored_form():
    assert decimals.value("1234.50") == Decimal("1234.50")
    assert decimals.value(1234.5) == Decimal("1234.5")
    assert decimals.value(0.1) == Decimal("0.1")  # not 0.1000000000000000055…
    assert str(decimals.value(41000.0)) == "41000"  # a float had no places typed: not 41 000,0
    assert decimals.value("abc") is None and decimals.value(None) is None
    assert decimals.canonical("1.50") == decimals.canonical(1.5) == "1.5"
    assert decimals.canonical("100") == decimals.canonical(100.0) == "100"
