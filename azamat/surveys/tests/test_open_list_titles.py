"""The list of surveys open to everyone names each by its form's title in the reader's language, as the survey's
own page does (the team's working title is one language only), in one query for the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from azamat.surveys.models import SurveyVersion
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import ngo_admin

pytestmark = pytest.mark.django_db


def test_the_open_list_names_the_survey_in_the_readers_language(client):
    lead, _organisation = ngo_admin()
    survey = sf.survey(by=lead, title="Рабочее название команды", listed=True)
    newer = dict(survey.current_version().definition)
    newer["title"] = {"kk": "Қала көлігі туралы сауалнама", "ru": "Опрос о городском транспорте"}
    SurveyVersion.objects.create(survey=survey, number=2, definition=newer, created_by=lead)
    kk = client.get(reverse("surveys:list"), HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Қала көлігі туралы сауалнама" in kk and "Рабочее название команды" not in kk
    ru = client.get(reverse("surveys:list"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Опрос о городском транспорте" in ru
    # A language the form lacks: its first language's title.
    en = client.get(reverse("surveys:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Қала көлігі туралы сауалнама" in en


def test_the_titles_take_one_query_whatever_the_number_of_surveys(client):
    lead, _organisation = ngo_admin()
    sf.survey(by=lead, title="Первый", listed=True)
    client.get(reverse("surveys:list"), HTTP_ACCEPT_LANGUAGE="ru")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("surveys:list"), HTTP_ACCEPT_LANGUAGE="ru")
    for n in range(4):
        sf.survey(by=lead, title=f"Ещё {n}", listed=True)
    with CaptureQueriesContext(connection) as five:
        page = client.get(reverse("surveys:list"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert page.count("Оценка потребностей") == 5  # the sample form's Russian title, for each
    assert len(five) == len(one)
