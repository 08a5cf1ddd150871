"""The starting thesauri's legal references in each language, and the migration that named the covenants in Kazakh."""

import importlib

import pytest
from django.apps import apps

from azamat.monitoring.models import Term
from azamat.monitoring.thesauri import kazakh_form, references_in, rows

pytestmark = pytest.mark.django_db

kazakh_names = importlib.import_module("azamat.monitoring.migrations.0005_kazakh_covenant_names").kazakh_names


def test_no_starting_kazakh_reference_names_a_covenant_in_latin_letters():
    for _kind, code, _kk, _ru, _en, reference, _position in rows():
        assert not any("A" <= letter <= "Z" for letter in reference), code
        if reference:
            ru, en = references_in(reference)
            assert ru and en, code  # every starting reference has its Russian and English forms


def test_references_are_written_as_each_language_writes_them():
    assert references_in("Конституция, 17-бап; АСҚХП, 7-бап; Азаптауларға қарсы конвенция") == (
        "Конституция, ст. 17; МПГПП, ст. 7; КПП",
        "Constitution, art. 17; ICCPR, art. 7; CAT",
    )
    assert kazakh_form("Конституция, 18, 25-баптар; ICCPR, 17") == "Конституция, 18, 25-баптар; АСҚХП, 17-бап"
    assert (
        kazakh_form("Конституция, 17-бап; CAT, 16")
        == "Конституция, 17-бап; Азаптауларға қарсы конвенция, 16-бап"
    )
    assert kazakh_form("Басқа мәтін; ICCPR") == "Басқа мәтін; АСҚХП"


def test_the_migration_rewrites_the_old_kazakh_references_and_leaves_the_administrators_own():
    assembly = Term.objects.get(kind="event_type", code="assembly")
    assembly.reference_kk, assembly.reference_ru, assembly.reference_en = (
        "Конституция, 32-бап; ICCPR, 21",
        "",
        "",
    )
    assembly.save()
    search = Term.objects.get(kind="event_type", code="search")
    search.reference_kk = (
        "Конституция, 18-бап; ICCPR, 17"  # changed by an administrator: not the starting text
    )
    search.save()
    detention = Term.objects.get(kind="event_type", code="detention")
    detention.reference_kk = "Конституция, 16-бап; ICCPR, 9"
    detention.reference_ru = "Конституция, ст. 16; МПГПП, ст. 9 (ред.)"  # her own Russian, kept
    detention.save()

    kazakh_names(apps, None)

    assembly.refresh_from_db()
    assert assembly.reference_kk == "Конституция, 32-бап; АСҚХП, 21-бап"
    assert (assembly.reference_ru, assembly.reference_en) == (
        "Конституция, ст. 32; МПГПП, ст. 21",
        "Constitution, art. 32; ICCPR, art. 21",
    )
    search.refresh_from_db()
    assert search.reference_kk == "Конституция, 18-бап; ICCPR, 17"
    detention.refresh_from_db()
    assert detention.reference_kk == "Конституция, 16-бап; АСҚХП, 9-бап"
    assert detention.reference_ru == "Конституция, ст. 16; МПГПП, ст. 9 (ред.)"
