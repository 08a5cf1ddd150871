"""The verification page offers the link to record an intervention only to those who may record one (the
organisation's monitors and lawyers): a verifier, who reads interventions but does not make them, followed it to
a 403."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LINK = "Record an intervention (a complaint, an appeal, a letter)"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_intervention_link_is_offered_only_to_who_may_record_one(client):
    org = OrganisationFactory(name_ru="Бюро по правам человека")
    people = mf.team(org)
    event = mf.event(org, by=people["monitor"], status="verifying")
    page = reverse("monitoring:event_verification", args=[event.pk])
    new = reverse("monitoring:intervention_new", args=[event.pk])

    client.force_login(people["verifier"])
    response = client.get(page, **EN)
    assert response.status_code == 200
    assert LINK not in response.content.decode() and new not in response.content.decode()
    assert client.get(new, **EN).status_code == 403

    client.force_login(people["monitor"])
    response = client.get(page, **EN)
    assert response.status_code == 200 and f'href="{new}"' in response.content.decode()
    assert client.get(new, **EN).status_code == 200
