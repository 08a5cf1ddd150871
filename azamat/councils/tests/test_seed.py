"""The councils' generator: the bodies it adds are told apart by their names."""

import random
from collections import Counter

import pytest

from azamat.core.seeding import SeedContext
from azamat.councils import seed
from azamat.registry.models import GovernmentBody

pytestmark = pytest.mark.django_db


def test_no_two_bodies_share_a_name_in_any_language():
    """Three regions have a Жамбыл district: its akimats were three «Акимат района «Жамбыл»» in every list."""
    seed.seed_council_bodies(SeedContext(scale=1, seed=1, rng=random.Random(1), log=lambda _m: None))
    for field in ("name_kk", "name_ru", "name_en"):
        names = Counter(GovernmentBody.objects.values_list(field, flat=True))
        assert [name for name, count in names.items() if count > 1] == [], field
    zhambyl = GovernmentBody.objects.filter(name_ru__startswith="Акимат района «Жамбыл»")
    assert sorted(zhambyl.values_list("name_ru", flat=True)) == [
        "Акимат района «Жамбыл» (Алматинская область)",
        "Акимат района «Жамбыл» (Жамбылская область)",
        "Акимат района «Жамбыл» (Северо-Казахстанская область)",
    ]
    assert "Жамбыл облысы Жамбыл ауданының әкімдігі" in zhambyl.values_list("name_kk", flat=True)
    # Added by bulk_create, which skips save(): each has its places in the bodies' alphabetical lists.
    assert not GovernmentBody.objects.filter(name_order_kk="").exists()
    assert not GovernmentBody.objects.filter(name_order_en="").exists()
