"""The surveys' API: the public list and the team's own surveys, responses for the team only (paged, filtered,
never a personal answer), and the aggregates with the report's visibility."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from azamat.surveys.models import Survey, SurveyMember
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def private(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo, title="Закрытый опрос")
    for sex in ("f", "f", "m"):
        sf.response(made, {"region": "751000000", "sex": sex, "age": 30, "phone": "leaked?"})
    return made


@pytest.fixture
def public(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo, title="Открытый опрос", results=Survey.Results.PUBLIC)
    sf.response(made, {"region": "751000000", "sex": "f", "age": 30, "why": "секрет"})
    return made


def test_the_list_shows_public_surveys_and_the_team_its_own(api, alice, carol, private, public):
    titles = [row["title"] for row in api.get(reverse("v1:survey-list")).json()["results"]]
    assert titles == ["Открытый опрос"]
    api.force_authenticate(alice)
    titles = {row["title"] for row in api.get(reverse("v1:survey-list")).json()["results"]}
    assert titles == {"Открытый опрос", "Закрытый опрос"}
    api.force_authenticate(carol)
    assert api.get(reverse("v1:survey-detail", args=[private.pk])).status_code == 404


def test_responses_for_the_team_paged_filtered_and_without_personal_answers(api, alice, carol, private):
    url = reverse("v1:survey-responses", args=[private.pk])
    api.force_authenticate(alice)
    page = api.get(url, {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2
    assert all("phone" not in row["answers"] for row in page["results"])
    assert page["results"][0]["answers"]["sex"] in {"f", "m"}
    assert api.get(url, {"region_code": "35"}).json()["count"] == 0
    bad = api.get(url, {"date_from": "soon"})
    assert bad.status_code == 400 and "date_from" in bad.json()
    SurveyMember.objects.create(survey=private, user=carol, role=SurveyMember.Role.ANALYST)
    api.force_authenticate(carol)
    assert api.get(url).json()["count"] == 3


def test_the_public_sees_aggregates_of_the_report_questions_only(api, public):
    url = reverse("v1:survey-frequencies", args=[public.pk])
    answer = api.get(url, {"question": "sex"})
    assert answer.status_code == 200
    female = answer.json()["rows"][0]
    assert (female["value"], female["count"], female["share"]) == ("f", 1, 1.0)
    refused = api.get(url, {"question": "why"})
    assert refused.status_code == 400 and "does not show" in refused.json()["question"][0]
    assert api.get(reverse("v1:survey-responses", args=[public.pk])).status_code == 403


def test_the_crosstab_and_its_bad_input(api, alice, private):
    api.force_authenticate(alice)
    url = reverse("v1:survey-crosstab", args=[private.pk])
    result = api.get(url, {"row": "sex", "column": "region"}).json()
    assert result["counts"] == [[2, 0, 0], [1, 0, 0]]
    assert result["total"] == 3
    unknown = api.get(url, {"row": "sex", "column": "nope"})
    assert unknown.status_code == 400 and "nope" in unknown.json()["column"][0]
