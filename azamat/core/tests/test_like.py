"""Case-insensitive lookups fold Kazakh and Russian letters on every database: on SQLite (the demo's) `LIKE`
folded only Latin ones, so a search for «аренда» missed «Аренда помещений»."""

import pytest

from azamat.core.sqlite import like
from azamat.registry.models import Organisation
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_search_in_lower_case_finds_kazakh_and_russian_names():
    almaty = OrganisationFactory(name_ru="Фонд «Алматы Жасыл»", name_kk="«Өрлеу» қоғамдық қоры")
    OrganisationFactory(name_ru="Ассоциация «Астана»", name_kk="«Астана» қауымдастығы")
    assert list(Organisation.objects.filter(name_ru__icontains="алматы жасыл")) == [almaty]
    assert list(Organisation.objects.filter(name_kk__icontains="ӨРЛЕУ")) == [almaty]
    assert list(Organisation.objects.filter(name_ru__iexact="фонд «алматы жасыл»")) == [almaty]
    assert list(Organisation.objects.filter(name_ru__istartswith="фонд")) == [almaty]
    assert not Organisation.objects.filter(name_ru__icontains="алматыж").exists()


def test_like_keeps_its_wildcards_and_their_escapes():
    assert like("%аренда%", "Аренда помещений для НКО")
    assert like("а_енда", "АРЕНДА") and not like("а_енда", "АРРЕНДА")
    assert like(r"50\%%", "50% скидка", "\\") and not like(r"50\%%", "500 тенге", "\\")
    assert like(r"a\_b", "A_B", "\\") and not like(r"a\_b", "AxB", "\\")
    assert like("%", "") and not like("_", "")
    assert like("%x%", None) is None
    assert like("a.c", "a.c") and not like("a.c", "abc")  # a regular expression's dot is a letter here
