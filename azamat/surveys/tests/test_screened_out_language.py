"""A respondent screened out reads why in the language she answers in, whatever language the team wrote its own
screening-out words in (they follow, as the thank-you words do)."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.surveys.collect_services import DEFAULT_SCREEN_OUT
from azamat.surveys.models import Response
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db


def test_the_screened_out_respondent_is_told_in_her_language_then_in_the_teams_words(client):
    survey = sf.survey(screen_out_message="Спасибо! В вашей группе опрос уже завершён.")
    response = sf.response(survey, status=Response.Status.SCREENED_OUT, language="kk")
    page = client.get(
        reverse("surveys:done", args=[response.resume_token]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    with translation.override("kk"):
        kazakh = str(DEFAULT_SCREEN_OUT)
    assert kazakh.startswith("Уақыт бөлгеніңізге рахмет!") and kazakh in page
    assert "Спасибо! В вашей группе опрос уже завершён." in page
    assert page.index(kazakh) < page.index("Спасибо! В вашей группе опрос уже завершён.")
