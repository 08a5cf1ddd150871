"""The respondent's web form as people use it: the open link (one response per device), page by page with the
server's checks, back, save for later, the language switch, double submits, a closed survey, the done page; the
answers stored (personal ones sealed) with times and region."""

import json

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from azamat.surveys import collect_services as services
from azamat.surveys.models import Response, Survey
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

PAGE0 = {"region": "751000000", "sex": "f", "age": "34"}
PAGE1 = {"services": ["ramp", "transport"], "satisfied": "no", "why": "Далеко", "spend": "1 234,50"}
PAGE2 = {"children-count": "1"}
PAGE3 = {"phone": "+7 701 000 00 00", "visited": "2026-10-01"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def survey(db):
    return sf.survey(thank_you="Рахмет!")


def start(client, survey) -> Response:
    answer = client.post(reverse("surveys:respond", args=[survey.pk]), **EN)
    assert answer.status_code == 303
    response = Response.objects.get(survey=survey, resume_token=answer["Location"].split("/")[3])
    assert answer["Location"] == reverse("surveys:page", args=[response.resume_token, 0])
    return response


def post(client, response, page, data, action="next"):
    return client.post(
        reverse("surveys:page", args=[response.resume_token, page]), {**data, "action": action}, **EN
    )


def answer_all(client, response):
    for page, data in enumerate((PAGE0, PAGE1, PAGE2, PAGE3)):
        result = post(client, response, page, data)
        assert result.status_code == 303, result.content.decode()[:2000]
    return result


def test_an_open_link_respondent_answers_page_by_page_and_finishes(client, survey):
    intro = client.get(reverse("surveys:respond", args=[survey.pk]), **EN)
    assert intro.status_code == 200 and "Start the survey" in intro.content.decode()
    response = start(client, survey)
    assert response.started_at is not None and response.mode == "open" and response.device_key
    page = client.get(reverse("surveys:page", args=[response.resume_token, 0]), **EN)
    body = page.content.decode()
    assert page.status_code == 200 and "Page 1 of 4" in body and 'name="region"' in body
    assert response.resume_token in body  # the link to keep

    last = answer_all(client, response)
    assert last["Location"] == reverse("surveys:done", args=[response.resume_token])
    response.refresh_from_db()
    assert response.status == Response.Status.COMPLETED
    assert response.completed_at is not None and response.duration_seconds is not None
    assert response.region_code == "751000000"
    assert response.data["spend"] == "1234.50" and response.data["services"] == ["ramp", "transport"]
    assert "phone" not in response.data and json.loads(response.personal) == {"phone": "+7 701 000 00 00"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT personal FROM surveys_response WHERE id = %s", [response.pk])
        raw = cursor.fetchone()[0]
    assert "701" not in raw  # sealed at rest
    done = client.get(last["Location"], **EN)
    assert "Thank you! Your answers have been received." in done.content.decode()
    assert "Рахмет!" in done.content.decode()


def test_a_wrong_answer_stays_on_the_page_with_the_message_and_what_was_typed(client, survey):
    response = start(client, survey)
    result = post(client, response, 0, {**PAGE0, "age": "150"})
    body = result.content.decode()
    assert result.status_code == 400
    assert "Age between 16 and 100" in body and 'value="150"' in body
    response.refresh_from_db()
    assert response.page == 0 and "age" not in response.data


def test_back_keeps_the_answers_and_a_later_page_cannot_be_skipped_to(client, survey):
    response = start(client, survey)
    assert client.get(reverse("surveys:page", args=[response.resume_token, 3]), **EN)["Location"] == reverse(
        "surveys:page", args=[response.resume_token, 0]
    )
    post(client, response, 0, PAGE0)
    back = post(client, response, 1, {"services": ["sign"]}, action="back")
    assert back["Location"] == reverse("surveys:page", args=[response.resume_token, 0])
    response.refresh_from_db()
    assert response.data["services"] == ["sign"] and response.data["age"] == 34
    again = client.get(reverse("surveys:page", args=[response.resume_token, 1]), **EN).content.decode()
    assert 'value="sign" checked' in again.replace("\n", " ") or 'value="sign"  checked' in again


def test_save_for_later_gives_the_link_and_the_cookie_resumes(client, survey):
    response = start(client, survey)
    saved = post(client, response, 0, {"region": "711000000"}, action="save")
    assert saved.status_code == 303
    shown = client.get(saved["Location"], **EN).content.decode()
    assert "Keep this page" in shown and response.resume_token in shown
    response.refresh_from_db()
    assert response.data == {"region": "711000000"} and response.status == Response.Status.IN_PROGRESS
    intro = client.get(reverse("surveys:respond", args=[survey.pk]), **EN).content.decode()
    assert "Continue where you stopped" in intro
    # starting again from the same device resumes the same response
    assert start(client, survey).pk == response.pk


def test_the_language_switch_shows_the_questions_in_that_language(client, survey):
    response = start(client, survey)
    switched = post(client, response, 0, {"lang": "kk", "region": "711000000"})
    assert switched.status_code == 303
    response.refresh_from_db()
    assert response.language == "kk" and response.data["region"] == "711000000"
    body = client.get(switched["Location"]).content.decode()
    assert "Облысыңыз" in body


def test_a_completed_device_cannot_start_again(client, survey):
    response = start(client, survey)
    answer_all(client, response)
    intro = client.get(reverse("surveys:respond", args=[survey.pk]), **EN).content.decode()
    assert "already been answered from this device" in intro and "Start the survey" not in intro
    again = client.post(reverse("surveys:respond", args=[survey.pk]), **EN)
    assert again.status_code == 409
    assert "already been answered from this device" in again.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_one_response_per_person_when_sign_in_is_required(client, survey):
    from azamat.testing.factories import UserFactory

    survey.sign_in_required = True
    survey.save()
    anonymous = client.post(reverse("surveys:respond", args=[survey.pk]), **EN)
    assert anonymous.status_code == 403
    person = UserFactory()
    client.force_login(person)
    response = start(client, survey)
    assert response.respondent == person
    answer_all(client, response)
    client.cookies.clear()
    client.force_login(person)
    again = client.post(reverse("surveys:respond", args=[survey.pk]), **EN)
    assert again.status_code == 409 and "You have already answered" in again.content.decode()


def test_double_submit_of_the_last_page_completes_once(client, survey):
    quota = sf.quota(survey, target=5)
    response = start(client, survey)
    answer_all(client, response)
    repeat = post(client, response, 3, PAGE3)
    assert repeat["Location"] == reverse("surveys:done", args=[response.resume_token])
    quota.refresh_from_db()
    assert quota.completed == 1
    response.refresh_from_db()
    first_completed = response.completed_at
    with pytest.raises(Exception) as refused:
        services.submit_page(response=response, page=3, posted={}, action="next", language="en")
    assert getattr(refused.value, "code", "") == services.NOT_IN_PROGRESS
    response.refresh_from_db()
    assert response.completed_at == first_completed


def test_re_posting_a_page_already_past_is_taken_again(client, survey):
    response = start(client, survey)
    post(client, response, 0, PAGE0)
    post(client, response, 1, PAGE1)
    again = post(client, response, 0, {**PAGE0, "age": "40"})  # a second tab still on page 1
    assert again["Location"] == reverse("surveys:page", args=[response.resume_token, 1])
    response.refresh_from_db()
    assert response.data["age"] == 40 and response.data["services"] == ["ramp", "transport"]
    assert response.page == 2


def test_closed_survey_refuses_the_answers_politely_and_saves_nothing(client, survey):
    response = start(client, survey)
    post(client, response, 0, PAGE0)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    refused = post(client, response, 1, PAGE1)
    assert refused.status_code == 409
    assert "not collecting responses now" in refused.content.decode()
    response.refresh_from_db()
    assert "services" not in response.data and response.status == Response.Status.IN_PROGRESS
    intro = client.get(reverse("surveys:respond", args=[survey.pk]), **EN)
    assert intro.status_code == 403 and "not collecting responses now" in intro.content.decode()


def test_a_survey_past_its_closing_time_cannot_be_completed(client, survey):
    response = start(client, survey)
    for page, data in enumerate((PAGE0, PAGE1, PAGE2)):
        post(client, response, page, data)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timezone.timedelta(minutes=1))
    assert post(client, response, 3, PAGE3).status_code == 409
    response.refresh_from_db()
    assert response.status == Response.Status.IN_PROGRESS and response.completed_at is None


def test_an_unknown_response_link_is_404(client, survey):
    assert client.get(reverse("surveys:page", args=["nope", 0]), **EN).status_code == 404
    assert client.get(reverse("surveys:done", args=["nope"]), **EN).status_code == 404


def test_the_introduction_the_closed_and_the_done_pages_name_the_survey_in_the_page_language(client, survey):
    # The survey's own title is the team's working name in one language; the form's title has one per language.
    KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}
    with translation.override("kk"):
        intro = client.get(reverse("surveys:respond", args=[survey.pk]), **KK).content.decode()
    assert "<h1>Мұқтаждықтарды бағалау</h1>" in intro
    assert "Оценка потребностей людей с инвалидностью" not in intro
    done = sf.response(survey, {"region": "751000000"}, language="kk")
    with translation.override("kk"):
        thanks = client.get(reverse("surveys:done", args=[done.resume_token]), **KK).content.decode()
    assert "<h1>Мұқтаждықтарды бағалау</h1>" in thanks
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    with translation.override("kk"):
        closed = client.get(reverse("surveys:respond", args=[survey.pk]), **KK)
    assert closed.status_code == 403
    assert "<h1>Мұқтаждықтарды бағалау</h1>" in closed.content.decode()
