"""The workspace says what waits for an expert and a commission's member, in their language: the applications
to score with the nearest deadline, the declarations to confirm first, a sitting open now; and what waits for a
person in their roles comes before what anyone can do."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from azamat.grants.models import Assignment, DeclarationConfirmation
from azamat.grants.tests.test_commission import make_operator, make_setup
from azamat.grants.tests.test_expert_reminders import ASSIGNED_ON, call, expert  # noqa: F401 (fixtures)
from azamat.grants.tests.test_projects import at

pytestmark = pytest.mark.django_db

WORKSPACE = "/workspace/"


def workspace_text(client, language: str) -> str:
    client.cookies["azamat_language"] = language
    html = client.get(WORKSPACE).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<main") : html.index("</main>")]))


def test_an_expert_sees_the_declaration_first_then_how_many_to_score_and_by_when(expert, client):  # noqa: F811
    the_call = Assignment.objects.filter(expert=expert).first().application.call
    client.force_login(expert.user)
    with time_machine.travel(at(ASSIGNED_ON + datetime.timedelta(days=3)), tick=False):
        # Before the declaration is confirmed, nothing can be scored: the card says to confirm it first.
        text = workspace_text(client, "ru")
        assert "В 1 конкурсе сначала подтвердите декларацию о конфликте интересов." in text
        assert "нужно оценить" not in text
        DeclarationConfirmation.objects.create(person=expert.user, call=the_call)
        assert "2 заявки нужно оценить, первую — до 21.09.2026." in workspace_text(client, "ru")
        assert "Бағалайтын 2 өтінім бар, біріншісінің мерзімі — 21.09.2026." in workspace_text(client, "kk")
        assert "2 applications to score, the first by 09/21/2026." in workspace_text(client, "en")
    with time_machine.travel(at(datetime.date(2026, 9, 23)), tick=False):
        text = workspace_text(client, "ru")
        assert "2 заявки нужно оценить" in text and "Из них у 2 срок истёк." in text
    # Scored: the card no longer counts it.
    Assignment.objects.filter(expert=expert, status=Assignment.Status.ASSIGNED).update(
        status=Assignment.Status.SUBMITTED
    )
    with time_machine.travel(at(datetime.date(2026, 9, 23)), tick=False):
        text = workspace_text(client, "ru")
        assert "нужно оценить" not in text and "срок истёк" not in text
        assert "Декларируйте конфликт интересов и оценивайте назначенные вам заявки." in text


def test_a_sitting_open_now_is_named_on_its_members_and_secretarys_workspace(client):
    operator = make_operator()
    setup = make_setup(operator)
    member = next(iter(setup.members.values())).user
    client.force_login(member)
    assert "Заседание идёт сейчас" not in workspace_text(client, "ru")  # it starts in three days
    with time_machine.travel(setup.sitting.starts_at + datetime.timedelta(minutes=30), tick=False):
        text = workspace_text(client, "ru")
        assert "Заседание идёт сейчас: Гранты Алматы 2026" in text
        assert "отметьте присутствующих, проголосуйте по каждому вопросу" in text
        html = client.get(WORKSPACE).content.decode()
        assert reverse("grants:sitting", args=[setup.sitting.pk]) in html
        assert "Отырыс қазір ашық: Алматы гранттары 2026" in workspace_text(client, "kk")
        # Someone on no commission sees no such card.
        client.force_login(operator)
        assert "Заседание идёт сейчас" not in workspace_text(client, "ru")


def test_what_waits_in_a_persons_roles_comes_before_what_anyone_can_do(expert, client):  # noqa: F811
    client.force_login(expert.user)
    text = workspace_text(client, "en")
    assert text.index("Your expert assignments") < text.index("Register an organisation")
    assert (
        text.index("Grants dashboard")
        < text.index("Register an organisation")
        < text.index("Find an organisation")
    )


def test_a_russian_sentence_ending_with_a_date_has_one_full_stop():
    from django.utils.formats import date_format

    with translation.override("ru"):
        sentence = translation.gettext("Answer due on %(date)s.") % {
            "date": date_format(datetime.date(2026, 12, 21), "DATE_FORMAT")
        }
    assert sentence == "Срок ответа — 21 декабря 2026."


def test_a_task_of_a_later_module_comes_before_the_pages_anyone_may_use(client):
    from azamat.testing.factories import PlatformRoleFactory, UserFactory

    person = UserFactory(email="workgroup@example.kz")
    PlatformRoleFactory(user=person, role="working_group")
    client.force_login(person)
    text = workspace_text(client, "en")
    assert text.index("Register of problems of NGOs") < text.index("Grants dashboard")
    assert (
        text.index("Grants dashboard") < text.index("Propose a problem") < text.index("Find an organisation")
    )
