"""A date typed by hand on the casework and listing forms (a browser without a date picker, a date pasted from a
document) is read as the record's forms read it — 05.03.2024 in every language — and a date that does not exist
(31.02) or a year of five digits is refused with the format to use, not a bare "Enter a valid date."; nothing is
saved. Found walking the demo: a lawyer's hearing on 31.02 said only "Введите правильную дату.", while the
event's form said how to write it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.monitoring.models import Detention, DetentionVisit, Hearing, SituationChange
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf

pytestmark = pytest.mark.django_db
MESSAGES = {
    "en": "Enter a date as day.month.year, for example 05.03.2024.",
    "ru": "Введите дату в виде день.месяц.год, например 05.03.2024.",
    "kk": "Күнді күн.ай.жыл түрінде енгізіңіз, мысалы 05.03.2024.",
}


@pytest.fixture
def world():
    organisation, people = rf.organisation_with_team()
    person = mf.person(organisation, "Айгерим Тулегенова", by=people["verifier"])
    case = mf.case(organisation, lawyer=people["lawyer"], client=person, by=people["lawyer"])
    detention = Detention.objects.create(
        person=person, place="Учреждение ЛА-155/14", since=datetime.date(2024, 1, 10)
    )
    candidate = mf.candidate(organisation, subject=person, by=people["monitor"], status="listed")
    return {
        "people": people,
        "hearing": (people["lawyer"], reverse("monitoring:hearing_new", args=[case.pk]), "date", {}),
        "detention": (
            people["verifier"],
            reverse("monitoring:detention_new", args=[person.pk]),
            "since",
            {"place": "СИЗО г. Алматы"},
        ),
        "visit": (people["verifier"], reverse("monitoring:visit_new", args=[detention.pk]), "visited_on", {}),
        "situation": (
            people["expert"],
            reverse("monitoring:candidate_situation", args=[candidate.pk]),
            "on",
            {"situation": "released", "note": "Освобождён по УДО."},
        ),
    }


FORMS = ["hearing", "detention", "visit", "situation"]
SAVED = {
    "hearing": Hearing.objects.count,
    "detention": lambda: Detention.objects.count() - 1,
    "visit": DetentionVisit.objects.count,
    "situation": SituationChange.objects.count,
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("typed", ["31.02.2025", "12.05.20255"])
def test_a_date_that_does_not_exist_is_refused_with_the_format(client, world, form, language, typed):
    user, url, field, data = world[form]
    client.force_login(user)
    response = client.post(url, {**data, field: typed}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    with translation.override(language):
        errors = [str(e) for e in response.context["form"].errors[field]]
    assert errors == [MESSAGES[language]]
    assert response.context["form"][field].value() == typed  # what they typed stays
    assert SAVED[form]() == 0


@pytest.mark.parametrize("form", FORMS)
def test_a_date_written_with_dots_is_read_in_english_too(client, world, form):
    user, url, field, data = world[form]
    client.force_login(user)
    response = client.post(url, {**data, field: "05.03.2024"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.context["form"].errors
    assert SAVED[form]() == 1
