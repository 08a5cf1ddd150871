"""What a citizen reads on a problem's public page: what happened to it, and what each body answered to the
recommendation sent to it — in the page's language, without following a link into accountability."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from openpyxl import load_workbook

from azamat.accountability import services as accountability
from azamat.core.working_days import add_working_days
from azamat.problems import services
from azamat.problems.tests.factories import registered, working_group_member
from azamat.registry.models import GovernmentBody
from azamat.testing.accountability_factories import officer_of

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}
REFUSAL = "Не поддерживается: норма потребует дополнительных расходов бюджета."


@pytest.fixture
def group(db):
    return working_group_member(email="group@example.kz", full_name="Гүлнар Сәрсенова")


@pytest.fixture
def sent(alice, group):
    body = GovernmentBody.objects.get(code="mci-civil-society")
    problem = registered(by=alice, group=group, title="Задержка выплаты траншей")
    recommendation = services.recommendation_add(
        problem=problem, by=group, text="Установить срок выплаты второго транша", body=body
    )
    item = services.recommendation_send(recommendation=recommendation, by=group, quiet=True)
    return problem, item, officer_of(body)


def test_the_body_s_answer_is_read_on_the_problem_s_page(client, sent):
    problem, item, officer = sent
    accountability.item_answer(item=item, by=officer, outcome="rejected", text=REFUSAL)
    page = client.get(problem.get_absolute_url(), **RU).content.decode()
    assert "Ответ органа" in page
    assert REFUSAL in page
    kk = client.get(problem.get_absolute_url(), **KK).content.decode()
    assert "Органның жауабы" in kk and REFUSAL in kk


def test_a_recommendation_carried_out_says_when(client, sent):
    problem, item, officer = sent
    accountability.item_answer(item=item, by=officer, outcome="accepted", text="Срок установлен приказом.")
    step = accountability.milestone_add(
        item=item, by=officer, title="Приказ", due_on=add_working_days(timezone.localdate(), 5)
    )
    accountability.milestone_done(milestone=step, by=officer, text="Приказ № 12 опубликован.")
    page = client.get(problem.get_absolute_url(), **RU).content.decode()
    assert "Ответ органа" in page and "Срок установлен приказом." in page
    with translation.override("ru"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"Исполнено {today}." in page


def test_no_answer_is_shown_before_the_body_answers(client, sent):
    problem, _item, _officer = sent
    page = client.get(problem.get_absolute_url(), **RU).content.decode()
    assert "Ответ органа" not in page
    assert reverse("problems:register") in page


def test_the_register_opened_in_a_spreadsheet_says_what_the_body_answered(client, sent):
    problem, item, officer = sent
    accountability.item_answer(item=item, by=officer, outcome="rejected", text=REFUSAL)
    export = client.get(reverse("problems:export"), {"format": "xlsx"}, **RU)
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    mine = [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if row[1] == problem.number]
    assert [(row["Решение органа и исполнение"], row["Ответ органа"]) for row in mine] == [
        ("Отклонено", REFUSAL)
    ]
