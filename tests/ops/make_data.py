"""A little data for the multi-server test, written into the database of DATABASE_URL; prints what it made as
JSON on its last line. Run by tests/ops/services.py as `python -m tests.ops.make_data`."""

import json

import django

django.setup()

from azamat.grants.factories import ApplicationFactory, DirectionFactory  # noqa: E402
from azamat.grants.models import Application  # noqa: E402
from azamat.registry.models import Membership  # noqa: E402
from azamat.testing.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory  # noqa: E402


def main() -> None:
    organisation = OrganisationFactory()
    alice = UserFactory(email="alice@ops.example.kz", full_name="Алия Нурланова")
    MembershipFactory(user=alice, organisation=organisation, role=Membership.Role.ADMIN)
    locked = UserFactory(email="locked@ops.example.kz")
    direction = DirectionFactory()
    applications = [
        ApplicationFactory(
            direction=direction,
            organisation=organisation,
            created_by=alice,
            status=Application.Status.SUBMITTED,
            number=f"OPS-{n}",
        )
        for n in range(3)
    ]
    print(
        json.dumps(
            {
                "password": TEST_PASSWORD,
                "alice": alice.email,
                "locked": locked.email,
                "applications": [a.pk for a in applications],
            }
        )
    )


main()
