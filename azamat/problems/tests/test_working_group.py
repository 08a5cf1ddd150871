"""The working group's work off the happy path: a merge written into the audit trail row by row with who made
it; a recommendation added without its body sent with the body chosen then (no dead end); the send button not
offered before the register, its reason shown in its place."""

import pytest
from django.urls import reverse

from azamat.accountability.models import Item
from azamat.problems import services
from azamat.problems.models import Evidence, LegalAct, Problem, Recommendation
from azamat.problems.tests.factories import proposed, registered, working_group_member
from azamat.registry.models import GovernmentBody

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}


@pytest.fixture
def group(db):
    return working_group_member(email="group@example.kz", full_name="Гүлнар Сәрсенова")


@pytest.fixture
def body(db):
    return GovernmentBody.objects.get(code="mci-civil-society")


def test_a_merge_is_in_the_audit_trail_with_who_merged(alice, carol, group, body):
    keep = registered(by=group, group=group, title="Задержка траншей")
    earlier = proposed(by=carol, title="Транш пришёл через полгода")
    duplicate = proposed(by=alice, title="Транши задерживают")
    services.problem_merge(problem=earlier, into=duplicate, by=group, reason="Та же проблема")
    evidence = services.evidence_add(problem=duplicate, by=alice, kind="figure", text="Опрос", figure="62%")
    act = services.legal_act_add(problem=duplicate, by=group, name="Закон о НПО")
    recommendation = services.recommendation_add(problem=duplicate, by=group, text="Срок", body=body)

    services.problem_merge(problem=duplicate, into=keep, by=group, reason="Одна и та же проблема")

    for record in (evidence, act, recommendation):
        moved = record.history.order_by("-history_id").first()
        assert (moved.problem_id, moved.history_user) == (keep.pk, group), type(record).__name__
    followed = Problem.history.filter(id=earlier.pk).order_by("-history_id").first()
    assert (followed.merged_into_id, followed.history_user) == (keep.pk, group)
    # The duplicate's own text, kept on the other as a case: by its author, the move by the working group.
    case = Evidence.objects.get(problem=keep, text__startswith=duplicate.number)
    assert case.added_by == alice and case.history.get().history_user == group
    assert Evidence.objects.filter(problem=keep).count() == 3  # the figure, and both proposals' texts
    assert LegalAct.objects.get().problem == keep and Recommendation.objects.get().problem == keep


def test_a_recommendation_added_without_its_body_is_sent_with_the_body_chosen(client, alice, group, body):
    problem = registered(by=alice, group=group)
    recommendation = services.recommendation_add(problem=problem, by=group, text="Без адресата")
    client.force_login(group)
    page = client.get(problem.get_absolute_url(), **RU).content.decode()
    field = f"send-{recommendation.pk}-body"
    assert f'name="{field}"' in page and "Выберите орган" in page
    url = reverse("problems:recommendation_send", args=[problem.number, recommendation.pk])

    empty = client.post(url, {field: ""}, **RU)
    assert empty.status_code == 400
    assert "выберите государственный орган" in empty.content.decode()
    assert not Item.objects.exists()

    sent = client.post(url, {field: body.pk}, **RU)
    assert sent.status_code == 302
    item = Item.objects.get()
    assert item.body == body
    recommendation.refresh_from_db()
    assert recommendation.body == body
    assert recommendation.history.order_by("-history_id").first().history_user == group
    problem.refresh_from_db()
    assert problem.status == Problem.Status.SENT


def test_a_recommendation_with_its_body_is_sent_without_a_choice(client, alice, group, body):
    problem = registered(by=alice, group=group)
    recommendation = services.recommendation_add(problem=problem, by=group, text="Срок", body=body)
    client.force_login(group)
    page = client.get(problem.get_absolute_url(), **RU).content.decode()
    assert f"send-{recommendation.pk}-body" not in page and "Направить в орган" in page


def test_before_the_register_the_send_button_gives_way_to_its_reason(client, alice, group, body):
    problem = proposed(by=alice)
    services.problem_step(problem=problem, name="review", by=group)
    recommendation = services.recommendation_add(problem=problem, by=group, text="Рано", body=body)
    client.force_login(group)
    page = client.get(problem.get_absolute_url(), **KK).content.decode()
    send_url = reverse("problems:recommendation_send", args=[problem.number, recommendation.pk])
    assert send_url not in page
    assert "Ұсынымдар мәселе тізілімге енгізілгеннен кейін жіберіледі" in page
    services.problem_step(problem=problem, name="register", by=group, reason="Подтверждено")
    assert send_url in client.get(problem.get_absolute_url(), **KK).content.decode()


def test_a_merge_while_another_member_edits_keeps_what_they_typed(client, alice, group):
    keep = registered(by=group, group=group, title="Задержка траншей")
    duplicate = proposed(by=alice, title="Транши задерживают")
    other = working_group_member(email="erlan@example.kz", full_name="Ерлан Жақсыбеков")
    client.force_login(other)
    url = reverse("problems:edit", args=[duplicate.number])
    loaded = client.get(url).context["form"]
    # Meanwhile the first member merges it into the problem already in the register.
    services.problem_merge(problem=duplicate, into=keep, by=group, reason="Та же проблема")
    typed = {
        "area": duplicate.area.pk,
        "title": "Транши задерживают на три месяца",
        "description": "Второй транш по договору от 1 марта пришёл 2 июня.",
        "loaded_at": loaded["loaded_at"].value(),
    }
    response = client.post(url, typed, **RU)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Эта проблема в статусе «Объединена с другой проблемой»: её больше нельзя изменить." in page
    assert "Второй транш по договору от 1 марта пришёл 2 июня." in page
    assert keep.get_absolute_url() in page and f"Открыть {keep.number}" in page
    duplicate.refresh_from_db()
    assert duplicate.description != typed["description"]
