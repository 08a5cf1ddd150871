"""The team's analysis pages: frequencies with charts and intervals, group by, filters, weighted switch; the
crosstab with its test and its refusals; open answers searched and paged."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.surveys.models import SurveyMember
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield client


@pytest.fixture
def survey(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo)
    rows = [("f", "yes", 30, "Нет пандуса у входа"), ("f", "no", 40, "Далеко ехать"), ("m", "no", 50, "")]
    for sex, satisfied, age, why in rows:
        data = {"region": "751000000", "sex": sex, "age": age, "services": ["ramp"], "satisfied": satisfied}
        if why:
            data["why"] = why
        sf.response(made, data)
    return made


def test_the_analysis_page_shows_every_question_with_shares_and_intervals(english, alice, survey):
    english.force_login(alice)
    page = english.get(reverse("surveys:analysis", args=[survey.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "3 responses counted." in text
    assert "Female" in text and "66.7 %" in text  # 2 of 3
    assert "<svg" in text and "95% interval" in text
    assert "Phone" not in text  # a personal question is not analysed
    assert reverse("surveys:open_answers", args=[survey.pk, "why"]) in text


def test_group_by_splits_each_table_by_the_group_question(english, alice, survey):
    english.force_login(alice)
    page = english.get(reverse("surveys:analysis", args=[survey.pk]), {"group": "sex"})
    text = page.content.decode()
    assert "By the group question" in text
    assert "100.0 %" in text  # every man is not satisfied


def test_a_filter_that_cannot_be_read_is_said_and_left_out(english, alice, survey):
    english.force_login(alice)
    page = english.get(reverse("surveys:analysis", args=[survey.pk]), {"date_from": "yesterday"})
    assert page.status_code == 200
    assert "could not be read" in page.content.decode()
    assert "3 responses counted." in page.content.decode()


def test_the_crosstab_page_shows_counts_shares_and_the_test(english, alice, survey):
    english.force_login(alice)
    page = english.get(reverse("surveys:crosstab", args=[survey.pk]), {"row": "sex", "column": "satisfied"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "χ²" in text and "degrees of freedom" in text
    assert "expected count under 5" in text


def test_the_crosstab_refuses_an_unknown_question_and_the_same_question_twice(english, alice, survey):
    english.force_login(alice)
    url = reverse("surveys:crosstab", args=[survey.pk])
    unknown = english.get(url, {"row": "sex", "column": "nope"})
    assert unknown.status_code == 400
    assert "Select a valid choice" in unknown.content.decode()
    same = english.get(url, {"row": "sex", "column": "sex"})
    assert same.status_code == 400
    assert "Choose two different questions." in same.content.decode()


def test_open_answers_are_searchable_and_personal_ones_are_not_listed(english, alice, survey):
    english.force_login(alice)
    url = reverse("surveys:open_answers", args=[survey.pk, "why"])
    found = english.get(url, {"q": "пандус"}).content.decode()
    assert "Нет пандуса у входа" in found and "Далеко ехать" not in found
    assert english.get(url).content.decode().count("<li><p>") == 2
    assert english.get(reverse("surveys:open_answers", args=[survey.pk, "phone"])).status_code == 404


def test_the_analysis_is_for_the_team_only(client, carol, bob, survey):
    url = reverse("surveys:analysis", args=[survey.pk])
    client.force_login(carol)
    assert client.get(url).status_code == 403
    SurveyMember.objects.create(survey=survey, user=carol, role=SurveyMember.Role.ANALYST)
    assert client.get(url).status_code == 200
