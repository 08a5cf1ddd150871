"""The registry's generator: what it makes reads as the services would have made it."""

import random

import pytest
from django.utils import translation

from azamat.core.audit import history_of
from azamat.core.seeding import SeedContext
from azamat.registry import seed
from azamat.registry.models import Membership, Organisation
from azamat.registry.people_history import people_changes

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


def test_a_generated_persons_place_has_its_first_history_entry():
    """An organisation's history showed a generated administrator's demotion as "Changed: role — → Member": the
    generator wrote the people's places without their history, so the change had no version before it."""
    ctx = SeedContext(scale=1, seed=1, rng=random.Random(1), log=lambda _m: None)
    seed.seed_organisations(ctx)
    seed.seed_people(ctx)
    membership = Membership.objects.filter(role=Membership.Role.ADMIN).first()
    membership.role = Membership.Role.MEMBER
    membership.save()
    with translation.override("en"):
        [changed] = [
            change
            for change in people_changes(organisation=membership.organisation)
            if change.subject == f"Membership of {membership.user}" and change.kind == "Changed"
        ]
        assert changed.fields == [("role", "Administrator", "Member")]
