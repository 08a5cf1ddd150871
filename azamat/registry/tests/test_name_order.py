"""The directory's alphabetical order as the database keeps it (registry/name_order.py, migration 0014)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from azamat.core.collation import sort_key
from azamat.registry.models import Organisation
from azamat.registry.name_order import name_key
from azamat.testing.factories import OrganisationFactory

KAZAKH = [
    "«Ақ жол»",
    "Ақбота",
    "Алматы",
    "Әділдік",
    "Ғалым",
    "Қамқор",
    "Ұлан",
    "Үміт",
    "Іргетас",
    "Яссы",
    "2050",
    "Ziya",
]


def test_the_key_orders_as_the_alphabet_whatever_the_quotes_and_case():
    assert sorted(KAZAKH, key=lambda name: name_key(name, "kk")) == [
        "2050",
        "«Ақ жол»",
        "Ақбота",
        "Алматы",
        "Әділдік",
        "Ғалым",
        "Қамқор",
        "Ұлан",
        "Үміт",
        "Іргетас",
        "Яссы",
        "Ziya",
    ]
    assert name_key("«Ақ  жол» – ҚБ", "kk") == name_key("ақ жол-қб", "kk")
    assert name_key("Ёлка", "ru") == name_key("Елка", "ru") != name_key("Ёлка", "kk")
    # written in 0-9a-z only: any collation (C, a glibc or ICU locale, SQLite's) orders it as ASCII does
    assert set("".join(name_key(name, "kk") for name in KAZAKH)) <= set(
        "0123456789abcdefghijklmnopqrstuvwxyz"
    )


@pytest.mark.django_db
def test_the_migration_fills_the_order_of_existing_organisations():
    OrganisationFactory.create_batch(3, current_report=False)
    Organisation.objects.update(name_order_kk="", name_order_ru="")
    migration = importlib.import_module("azamat.registry.migrations.0014_organisation_name_order")
    migration.fill(apps, SimpleNamespace(connection=connection))
    for organisation in Organisation.objects.all():
        assert organisation.name_order_kk == name_key(organisation.name_kk, "kk")
        assert organisation.name_order_ru == name_key(organisation.name_ru, "ru")
    names = list(Organisation.objects.order_by("name_order_kk").values_list("name_kk", flat=True))
    assert names == sorted(names, key=lambda name: sort_key(name.strip("«»"), "kk"))
