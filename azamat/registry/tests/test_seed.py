"""The registry's generator: what it makes reads as the services would have made it."""

import random

import pytest
from django.utils import translation

from azamat.core.audit import history_of
from azamat.core.seeding import SeedContext
from azamat.registry import seed
from azamat.registry.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_generated_organisations_first_save_does_not_show_its_areas_as_new():
    """The profile's history showed "areas: — → Ecology, Youth" on the first save of a demo organisation: the
    generator linked the areas without the history's first entry knowing them."""
    seed.seed_organisations(SeedContext(scale=1, seed=1, rng=random.Random(1), log=lambda _m: None))
    organisation = Organisation.objects.filter(is_alliance=False).exclude(areas=None).first()
    organisation.phone = "+7 701 000 00 00"
    organisation.save()
    with translation.override("en"):
        [changed, _created] = history_of(organisation)
        assert [str(label) for label, _old, _new in changed.fields] == ["phone"]
