"""The directory finds an organisation by any form of the words of its names and address.

«балалар» finds «Балалар үйі» and «бала»; «фонды» finds «фонд»; a query without Kazakh letters finds the
name written with them; exact matches rank above word forms; a BIN is matched as digits only. What a
stemmer cannot do: «детей» does not find «Детский» (different stems; it needs a dictionary), see
`azamat/core/tests/test_stemming.py`. Runs on SQLite (LIKE on the stem column) and on PostgreSQL (the same
LIKE served by a trigram index, plus word similarity for typos).
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from azamat.registry.models import Organisation
from azamat.registry.selectors import organisations_search
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db):
    home = OrganisationFactory(
        name_kk="«Балалар үйі» қоғамдық бірлестігі",
        name_ru="Общественное объединение «Балалар үйі»",
        address="Қарағанды қ., Бұқар жырау даңғылы, 12",
    )
    child = OrganisationFactory(
        name_kk="«Бала» қоғамдық қоры", name_ru="Общественный фонд «Бала»", address="г. Алматы, ул. Абая, 10"
    )
    foundations = OrganisationFactory(
        name_kk="«Жасыл ел» экологиялық қауымдастығы",
        name_ru="Ассоциация экологических фондов «Жасыл ел»",
        address="г. Астана",
    )
    children = OrganisationFactory(
        name_kk="«Балапан» балабақшасы", name_ru="Детский сад «Балапан»", address="г. Шымкент"
    )
    return home, child, foundations, children


def found(query: str) -> list[str]:
    return [o.name_ru for o in organisations_search(query=query)]


def test_a_kazakh_plural_finds_the_singular_and_the_singular_the_plural(orgs):
    home, child, _foundations, children = orgs
    assert set(found("балалар")) >= {home.name_ru, child.name_ru}
    assert set(found("бала")) >= {home.name_ru, child.name_ru}
    assert children.name_ru not in found("балалар")  # «Балапан» is another word


def test_a_russian_case_form_finds_the_word(orgs):
    _home, child, foundations, _children = orgs
    assert set(found("фонды")) == {child.name_ru, foundations.name_ru}  # фонд and фондов
    assert found("ассоциации") == [foundations.name_ru]


def test_kazakh_possessive_and_voicing_and_letters_typed_as_russian(orgs):
    _home, _child, foundations, _children = orgs
    assert found("қауымдастық") == [foundations.name_ru]  # written қауымдастығы
    assert found("кауымдастык") == [foundations.name_ru]
    assert orgs[0].name_ru in found("үй")  # үйі


def test_every_word_of_the_query_must_match(orgs):
    home, child, _foundations, _children = orgs
    assert found("балалар қоры") == [child.name_ru]
    assert found("балалар үйлер") == [home.name_ru]
    assert found("бала экология") == []


def test_exact_matches_rank_above_word_forms(orgs):
    home, child, _foundations, _children = orgs
    # «бала» is a substring of both names; «балалар» only of the home's: it comes first.
    assert found("балалар")[0] == home.name_ru
    assert found("фонд «бала»")[0] == child.name_ru


def test_the_address_is_searched_in_its_forms_too(orgs):
    home, *_ = orgs
    assert found("даңғыл") == [home.name_ru]


def test_a_bin_is_matched_as_digits_only(orgs):
    home, *_ = orgs
    assert found(home.bin) == [home.name_ru]
    assert set(found(home.bin[:6])) == {o.name_ru for o in orgs if o.bin.startswith(home.bin[:6])}


def test_what_a_stemmer_cannot_do(orgs):
    *_, children = orgs
    # «детей» and «детский» have different Snowball stems (дет, детск): a dictionary would be needed.
    assert children.name_ru not in found("детей")
    assert found("детский") == [children.name_ru]


def test_saving_keeps_the_stems_current(orgs):
    home, *_ = orgs
    home.name_kk = "«Жастар» орталығы"
    home.save(update_fields=["name_kk"])
    home.refresh_from_db()
    assert "|жас|" in home.search_stems and "|орталык|" in home.search_stems
    assert home.name_ru in found("жастарға")


def test_the_migration_fills_existing_rows(orgs):
    Organisation.objects.update(search_stems="")
    migration = importlib.import_module("azamat.registry.migrations.0008_fill_search_stems")
    # What RunPython hands the function: the schema editor, of which the fill reads only the connection.
    migration.fill(apps, SimpleNamespace(connection=connection))
    for org in Organisation.objects.all():
        assert org.search_stems == org.build_search_stems() != ""
    assert set(found("балалар")) >= {orgs[0].name_ru, orgs[1].name_ru}


def test_the_directory_page_searches_by_word_forms(client, orgs):
    home, child, foundations, children = orgs
    body = client.get("/organisations/", {"q": "балалар"}).content.decode()
    assert home.bin in body and child.bin in body and foundations.bin not in body and children.bin not in body


def test_searching_by_word_forms_costs_no_extra_query(client, orgs, django_assert_max_num_queries):
    home, *_ = orgs
    # A BIN takes the digits-only path, without stems: a search by word forms must cost no more than it.
    with CaptureQueriesContext(connection) as by_bin:
        client.get("/organisations/", {"q": home.bin})
    with django_assert_max_num_queries(len(by_bin)):
        client.get("/organisations/", {"q": "балалар үйі"})
