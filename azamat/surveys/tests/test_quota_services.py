"""Quotas: matching, screening out as soon as a full quota's questions are answered, counting on completion (the
last place taken once, also by two respondents at the same moment on PostgreSQL), the grid, a negative target."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.http import QueryDict
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.surveys import collect_services as services
from azamat.surveys import quota_services
from azamat.surveys.models import Quota, Response
from azamat.testing import surveys_factories as sf

PAGE0 = {"region": "751000000", "sex": "f", "age": "34"}
REST = [
    {"services": ["ramp"], "satisfied": "yes"},
    {"children-count": "0"},
    {"visited": "2026-10-01"},
]


def q(data: dict) -> QueryDict:
    posted = QueryDict(mutable=True)
    for key, value in data.items():
        posted.setlist(key, value if isinstance(value, list) else [value])
    return posted


def new(survey) -> Response:
    return services._new(survey=survey, version=survey.current_version(), mode="open", language="en")


def finish(response: Response, first: dict = PAGE0):
    outcome = services.submit_page(response=response, page=0, posted=q(first), action="next", language="en")
    for index, data in enumerate(REST, start=1):
        if outcome.done:
            break
        outcome = services.submit_page(
            response=response, page=index, posted=q(data), action="next", language="en"
        )
    return outcome


def test_matching_any_choice_of_each_condition():
    conditions = {"region": ["751000000", "711000000"], "services": ["ramp"]}
    assert quota_services.matches(conditions, {"region": "711000000", "services": ["sign", "ramp"]})
    assert not quota_services.matches(conditions, {"region": "351000000", "services": ["ramp"]})
    assert not quota_services.matches(conditions, {"region": "751000000"})
    assert quota_services.decided({"region": ["x"]}, {"region": "y"})
    assert not quota_services.decided({"region": ["x"], "sex": ["f"]}, {"region": "x"})


@pytest.mark.django_db
def test_completion_counts_the_quota_and_the_next_of_the_cell_is_screened_out_on_the_first_page():
    survey = sf.survey(screen_out_message="Спасибо, группа уже набрана.")
    quota = sf.quota(survey, target=1)
    other = sf.quota(survey, {"sex": ["m"]}, target=5, label="men")
    first = new(survey)
    assert finish(first).done
    first.refresh_from_db()
    quota.refresh_from_db()
    other.refresh_from_db()
    assert first.status == Response.Status.COMPLETED and quota.completed == 1 and other.completed == 0

    second = new(survey)
    outcome = services.submit_page(response=second, page=0, posted=q(PAGE0), action="next", language="en")
    assert outcome.done  # screened out on page 1, not at the end
    second.refresh_from_db()
    assert second.status == Response.Status.SCREENED_OUT and second.data["sex"] == "f"
    quota.refresh_from_db()
    assert quota.completed == 1
    assert services.screen_out_message(survey) == "Спасибо, группа уже набрана."

    man = new(survey)
    assert finish(man, {**PAGE0, "sex": "m"}).done
    man.refresh_from_db()
    other.refresh_from_db()
    assert man.status == Response.Status.COMPLETED and other.completed == 1


@pytest.mark.django_db
def test_a_quota_that_fills_while_a_respondent_answers_screens_them_out_at_their_next_page():
    survey = sf.survey()
    quota = sf.quota(survey, target=1)
    late = new(survey)
    services.submit_page(response=late, page=0, posted=q(PAGE0), action="next", language="en")
    assert finish(new(survey)).done
    quota.refresh_from_db()
    assert quota.completed == 1
    outcome = services.submit_page(response=late, page=1, posted=q(REST[0]), action="next", language="en")
    late.refresh_from_db()
    assert outcome.done and late.status == Response.Status.SCREENED_OUT
    quota.refresh_from_db()
    assert quota.completed == 1


@pytest.mark.django_db
def test_counting_a_completion_refuses_when_a_matching_quota_is_full_and_counts_nothing():
    survey = sf.survey()
    full = sf.quota(survey, {"sex": ["f"]}, target=1, label="full")
    Quota.objects.filter(pk=full.pk).update(completed=1)
    other = sf.quota(survey, {"region": ["751000000"]}, target=9, label="other")
    with transaction.atomic():
        refused = quota_services.count_completion(survey, {"region": "751000000", "sex": "f"})
    assert [item.pk for item in refused] == [full.pk]
    other.refresh_from_db()
    assert other.completed == 0
    with transaction.atomic():
        assert quota_services.count_completion(survey, {"region": "751000000", "sex": "m"}) is None
    other.refresh_from_db()
    assert other.completed == 1


@pytest.mark.django_db
def test_a_negative_target_is_refused_and_nothing_is_made():
    survey = sf.survey()
    with pytest.raises(DomainError) as refused:
        quota_services.quota_create(survey=survey, label="", conditions={"sex": ["f"]}, target=-1)
    assert refused.value.code == quota_services.NEGATIVE
    with pytest.raises(DomainError) as unknown:
        quota_services.quota_create(survey=survey, label="", conditions={"sex": ["x"]}, target=3)
    assert unknown.value.code == quota_services.UNKNOWN_CHOICE
    assert not Quota.objects.filter(survey=survey).exists()


@pytest.mark.django_db
def test_a_new_quota_counts_the_responses_already_completed():
    survey = sf.survey()
    sf.response(survey, {"region": "751000000", "sex": "f", "age": 30})
    sf.response(survey, {"region": "751000000", "sex": "m", "age": 30})
    made = quota_services.quota_create(survey=survey, label="", conditions={"sex": ["f"]}, target=3)
    assert made.completed == 1 and made.label == "Женский"


@pytest.mark.django_db
def test_the_grid_makes_one_quota_per_combination():
    survey = sf.survey()
    made = quota_services.quota_grid(survey=survey, questions=["region", "sex"], target=4)
    assert len(made) == 6
    assert {tuple(sorted((k, v[0]) for k, v in m.conditions.items())) for m in made} == {
        (("region", r), ("sex", s)) for r in ("751000000", "711000000", "351000000") for s in ("f", "m")
    }
    assert all(m.target == 4 for m in made)
    again = quota_services.quota_grid(survey=survey, questions=["region", "sex"], target=2)
    assert Quota.objects.filter(survey=survey).count() == 6 and all(m.target == 2 for m in again)
    with pytest.raises(DomainError):
        quota_services.quota_grid(survey=survey, questions=["age"], target=2)
    with pytest.raises(DomainError):
        quota_services.quota_grid(survey=survey, questions=["sex"], target=-2)


@pytest.mark.django_db
def test_the_board_counts_in_total_and_per_interviewer():
    from azamat.testing.factories import UserFactory

    survey = sf.survey()
    person = UserFactory(email="int@example.kz")
    work = sf.assignment(survey, person, target=10)
    sf.response(survey, interviewer=person, assignment=work, mode="interviewer")
    sf.response(survey, {}, status=Response.Status.IN_PROGRESS, interviewer=person, assignment=work)
    sf.response(survey)
    board = quota_services.board(survey)
    assert (board["completed"], board["in_progress"]) == (2, 1)
    assert [
        (r["interviewer__email"], r["completed"], r["in_progress"], r["target"])
        for r in board["interviewers"]
    ] == [("int@example.kz", 1, 1, 10)]


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_respondents_at_once_cannot_overfill_the_last_place():
    survey = sf.survey()
    quota = sf.quota(survey, target=1)
    responses = []
    for _ in range(2):
        response = new(survey)
        for index, data in enumerate([PAGE0, *REST[:2]]):
            services.submit_page(response=response, page=index, posted=q(data), action="next", language="en")
        responses.append(response)
    barrier = threading.Barrier(2)
    errors = []

    def last_page(response):
        try:
            barrier.wait()
            services.submit_page(response=response, page=3, posted=q(REST[2]), action="next", language="en")
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=last_page, args=(r,)) for r in responses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    quota.refresh_from_db()
    statuses = sorted(
        Response.objects.filter(pk__in=[r.pk for r in responses]).values_list("status", flat=True)
    )
    assert quota.completed == 1
    assert statuses == [Response.Status.COMPLETED, Response.Status.SCREENED_OUT]
    assert connection.vendor == "postgresql"
    assert timezone.now()
