"""The audit trail as people read it on a record's history page."""

import pytest
from django.utils import translation

from azamat.core.audit import history_of
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_file_changed_reads_as_a_file_not_its_stored_path():
    """The history page showed "logo: — → logos/140840000026/3f9c….png"."""
    organisation = OrganisationFactory()
    organisation.logo = "logos/140840000026/3f9c2b7a.png"
    organisation.save()
    with translation.override("en"):
        [change, _created] = history_of(organisation)
        [(label, old, new)] = [(str(label), old, str(new)) for label, old, new in change.fields]
    assert (label, old, new) == ("logo", "", "a file")
