"""The calls list and the projects list find words in any of their forms, as the directory does.

«балалар» finds a call «Балаларды қолдау» and a project of «Бала» қоры; «фонды» finds «фонд»; a direction's
title counts for its call. What a stemmer cannot do («детей» is not «детский») is in
`azamat/core/tests/test_stemming.py`.
"""

import pytest
from django.urls import reverse

from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.models import Application
from azamat.grants.selectors.applications import calls_public
from azamat.grants.tests.test_projects import make_operator, make_project
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(db):
    children = CallFactory(
        title_kk="Балаларды қолдау жобаларына гранттар",
        title_ru="Гранты на проекты поддержки детей",
        title_en="Grants for child support projects",
    )
    youth = CallFactory(title_kk="Жастар саясаты", title_ru="Молодёжная политика", title_en="Youth policy")
    DirectionFactory(call=youth, title_kk="Ауыл жастарының орталықтары", title_ru="Фонды развития села")
    return children, youth


def codes(**kwargs) -> list[str]:
    return sorted(call.code for call in calls_public(**kwargs))


def test_calls_are_found_by_word_forms_in_any_language(calls):
    children, youth = calls
    assert codes(query="балалар") == [children.code]
    assert codes(query="жастарға") == [youth.code]
    assert codes(query="молодежная") == [youth.code]  # ё typed as е
    assert codes(query="policy") == [youth.code]


def test_a_directions_title_finds_its_call(calls):
    _children, youth = calls
    assert codes(query="фонд") == [youth.code]  # the direction says «Фонды»
    assert codes(query="орталық") == [youth.code]  # орталықтары


def test_search_keeps_the_other_filters_and_finds_nothing_when_nothing_matches(calls):
    children, _youth = calls
    assert codes(query="балалар", grant_type=children.grant_type.code) == [children.code]
    assert codes(query="балалар", phase="results") == []
    assert codes(query="экология") == []


def test_the_calls_page_has_a_search_box_that_works(client, calls):
    children, youth = calls
    response = client.get(reverse("grants:calls"), {"q": "балаларға"}, HTTP_ACCEPT_LANGUAGE="ru")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'type="search"' in body and 'name="q"' in body
    assert children.title_ru in body and youth.title_ru not in body


def test_the_projects_list_finds_projects_by_word_forms(client):
    operator = make_operator()
    home = make_project(
        organisation=OrganisationFactory(name_kk="«Бала» қоры", name_ru="Фонд «Бала»"), operator=operator
    )
    other = make_project(
        organisation=OrganisationFactory(name_kk="«Жасыл ел»", name_ru="«Жасыл ел»"), operator=operator
    )
    Application.objects.filter(pk=other.application_id).update(title="Экологиялық мектептер")
    client.force_login(operator)
    body = client.get(reverse("grants:projects"), {"q": "балалар"}).content.decode()
    assert home.agreement_number in body and other.agreement_number not in body
    body = client.get(reverse("grants:projects"), {"q": "мектеп"}).content.decode()
    assert other.agreement_number in body and home.agreement_number not in body
    body = client.get(reverse("grants:projects"), {"q": other.agreement_number}).content.decode()
    assert other.agreement_number in body and home.agreement_number not in body
    response = client.get(reverse("grants:projects"), {"q": "астрономия"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "No project matches your search." in response.content.decode()
