"""An interviewer is told of the full quota cells she can meet: those of her assignment's region (and the cells
that hold any region), not the whole country's list before the button, nor in the message as an interview
starts."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.registry.models import Region
from azamat.surveys.models import Response
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import ngo_admin
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_interviewer_sees_the_full_cells_of_her_region_only(client):
    manager, _organisation = ngo_admin()
    survey = sf.survey(by=manager, modes=["open", "interviewer"])
    astana = Region.objects.create(kato="711000000", name_kk="Астана", name_ru="Астана", name_en="Astana")
    person = UserFactory()
    work = sf.assignment(survey, person, region=astana)
    sf.quota(survey, {"region": ["711000000"], "sex": ["f"]}, target=0, label="Астана, женщины")
    sf.quota(survey, {"region": ["751000000"], "sex": ["f"]}, target=0, label="Алматы, женщины")
    sf.quota(survey, {"sex": ["m"]}, target=0, label="Мужчины по всей стране")
    sf.quota(survey, {"region": ["711000000"], "sex": ["m"]}, target=5, label="Астана, мужчины")
    client.force_login(person)
    page = client.get(reverse("surveys:interviews"), **EN).content.decode()
    assert "Астана, женщины" in page and "Мужчины по всей стране" in page
    assert "Алматы, женщины" not in page and "Астана, мужчины" not in page
    started = client.post(reverse("surveys:interview_start", args=[survey.pk]), {"assignment": work.pk}, **EN)
    assert started.status_code == 303 and Response.objects.filter(assignment=work).count() == 1
    shown = client.get(started["Location"], **EN).content.decode()
    assert "Астана, женщины" in shown and "Алматы, женщины" not in shown


def test_an_assignment_without_a_region_is_told_of_every_full_cell(client):
    manager, _organisation = ngo_admin()
    survey = sf.survey(by=manager, modes=["open", "interviewer"])
    person = UserFactory()
    sf.assignment(survey, person)
    sf.quota(survey, {"region": ["751000000"], "sex": ["f"]}, target=0, label="Алматы, женщины")
    client.force_login(person)
    page = client.get(reverse("surveys:interviews"), **EN).content.decode()
    assert "Алматы, женщины" in page


def test_an_interviewers_area_is_called_an_area_of_fieldwork_not_a_direction(client):
    """ "Area" is a place on the interviewers' pages (a precinct, a town), where the problems' register means an
    area of activity: in Russian «Участок», not «Направление»; in Kazakh «Учаске», not «Бағыт»."""
    manager, _organisation = ngo_admin()
    survey = sf.survey(by=manager, modes=["open", "interviewer"])
    person = UserFactory()
    work = sf.assignment(survey, person)
    client.force_login(person)
    client.post(reverse("surveys:interview_start", args=[survey.pk]), {"assignment": work.pk}, **EN)
    for language, word, wrong in (("ru", "Участок", "Направление"), ("kk", "Учаске", "Бағыт")):
        page = client.get(reverse("surveys:interviews"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'data-label="{word}"' in page and wrong not in page
    client.force_login(manager)
    board = client.get(
        reverse("surveys:assignments", args=[survey.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert ">Участок</th>" in board and "Направление" not in board
