"""An organisation keeps an administrator when two of them step down, or remove each other, at the same moment."""

import threading

import pytest
from django.db import connection, connections, transaction

from azamat.core.errors import DomainError
from azamat.registry import errors, services
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.postgresql


def _waiting_on_a_lock() -> bool:
    with connections["default"].cursor() as cursor:  # pg_locks is live, not a snapshot of the transaction
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("second_step", ["make_member", "remove"])
def test_two_administrators_demoting_each_other_at_once_leave_one(second_step):
    ngo = OrganisationFactory()
    aigerim = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN)
    elena = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN)
    refused = []

    def elena_demotes_aigerim():
        try:
            if second_step == "remove":
                services.membership_remove(membership=aigerim, by=elena.user)
            else:
                services.membership_set_role(membership=aigerim, by=elena.user, role=Membership.Role.MEMBER)
        except DomainError as error:
            refused.append(error.code)
        finally:
            connection.close()

    # Aigerim makes Elena a member and has not committed yet when Elena's own step starts.
    with transaction.atomic():
        services.membership_set_role(membership=elena, by=aigerim.user, role=Membership.Role.MEMBER)
        second = threading.Thread(target=elena_demotes_aigerim)
        second.start()
        while second.is_alive() and not _waiting_on_a_lock():
            second.join(0.01)  # until Elena's step is done, or waits for Aigerim's
    second.join()

    assert refused == [errors.LAST_ADMIN]
    assert list(ngo.memberships.filter(role=Membership.Role.ADMIN).values_list("pk", flat=True)) == [
        aigerim.pk
    ]
