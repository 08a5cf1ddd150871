"""An event's page says who reads it besides the people it is shared with, so that a monitor documenting a case
knows how far it goes: an unrestricted event is read by the organisation's verifiers and experts (and the
lawyers of its cases), a restricted one only by who entered it and the people named."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _shared_with(page: str) -> str:
    return unescape(page.split("Shared with</dt>", 1)[1].split("</dd>", 1)[0])


def test_the_event_says_who_else_reads_it(client):
    organisation, people = rf.organisation_with_team()
    monitor = people["monitor"]
    open_event = mf.event(organisation, by=monitor)
    closed_event = mf.event(organisation, by=monitor, restricted=True)
    closed_event.readers.add(people["verifier"])
    client.force_login(monitor)
    said = _shared_with(client.get(reverse("monitoring:event", args=[open_event.pk]), **EN).content.decode())
    assert "—" not in said
    assert "Nobody named." in said
    assert "Not restricted: the organisation's verifiers and experts read it too" in said
    said = _shared_with(
        client.get(reverse("monitoring:event", args=[closed_event.pk]), **EN).content.decode()
    )
    assert people["verifier"].get_full_name() in said or str(people["verifier"]) in said
    assert "Restricted: only whoever entered it and the people named here read it." in said
