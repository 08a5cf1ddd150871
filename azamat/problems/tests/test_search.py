"""Searching the register as people type: another form of a word, Kazakh words typed without Kazakh letters or
with a Latin «i» from a Russian keyboard, a problem's bare number — on the page and in its download alike."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from azamat.problems.tests.factories import registered, working_group_member

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}


@pytest.fixture
def group(db):
    return working_group_member(email="group@example.kz", full_name="Гүлнар Сәрсенова")


@pytest.fixture
def problems(alice, group):
    return {
        "grants": registered(
            by=alice,
            group=group,
            title="Задержка выплаты грантов",
            description="Второй транш приходит на три месяца позже.",
        ),
        "volunteers": registered(
            by=alice,
            group=group,
            title="Волонтерлердің шығындарын өтеу тетігі жоқ",
            description="Заңда білім беру жобаларының волонтерлері туралы ештеңе айтылмаған.",
            area_code="legislation",
        ),
        "tax": registered(
            by=alice,
            group=group,
            title="Сложная налоговая отчётность",
            description="Формы меняются каждый год.",
            area_code="reporting",
        ),
    }


def found(client, query: str) -> set[str]:
    page = client.get(reverse("problems:register"), {"q": query}, **RU)
    return {problem.number for problem in page.context["page"].object_list}


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("гранты", "grants"),  # «грантов» in the title
        ("выплаты гранта", "grants"),
        ("Налоговой отчётности", "tax"),
        ("шыгындарын", "volunteers"),  # typed without Kazakh letters
        ("волонтерлер", "volunteers"),
        ("бiлiм", "volunteers"),  # a Latin «i» for the Kazakh «і»
        ("транши", "grants"),  # a word of the description, in another form
    ],
)
def test_a_word_in_another_form_finds_the_problem(client, problems, query, key):
    assert found(client, query) == {problems[key].number}


def test_a_problem_is_found_by_its_number_as_people_type_it(client, problems):
    number = problems["tax"].number
    digits = number.removeprefix("PR-").lstrip("0")
    assert found(client, digits) == {number}
    assert found(client, number.lower()) == {number}


def test_every_word_must_be_found(client, problems):
    assert found(client, "гранты налоговая") == set()


def test_the_download_finds_what_the_page_finds(client, problems):
    export = client.get(reverse("problems:export"), {"format": "xlsx", "q": "гранты"}, **RU)
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [problems["grants"].number]
