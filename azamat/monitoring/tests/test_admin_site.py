"""The admin site's view of monitoring: the platform's administrators are strangers to the organisations' records,
so its pages show numbers, statuses and who holds which role, never a sealed field; the thesauri are theirs to
keep there too, and a term cannot be deleted."""

import pytest
from django.urls import reverse

from azamat.monitoring.models import Term
from azamat.testing import monitoring_factories as mf

pytestmark = pytest.mark.django_db
NAME = "Ильяс Жандарбеков-Сейсенбаев"


def test_the_admin_shows_records_without_their_sealed_fields(client, ngo, dana):
    victim = mf.person(ngo, NAME, phone="+7 701 444 55 66")
    event = mf.event(ngo, victim=victim, title=f"Обыск у {NAME}")
    client.force_login(dana)
    for url in (
        reverse("admin:monitoring_person_change", args=[victim.pk]),
        reverse("admin:monitoring_event_change", args=[event.pk]),
        reverse("admin:monitoring_event_changelist"),
        reverse("admin:monitoring_person_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Жандарбеков" not in page and "444 55 66" not in page, url
    assert event.number in client.get(reverse("admin:monitoring_event_changelist")).content.decode()
    assert client.get(reverse("admin:monitoring_person_history", args=[victim.pk])).status_code == 403
    assert client.get(reverse("admin:monitoring_person_add")).status_code == 403
    assert (
        client.post(reverse("admin:monitoring_person_delete", args=[victim.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_the_admin_keeps_the_thesauri_without_deleting(client, dana):
    term = Term.objects.get(kind="act_type", code="fine")
    client.force_login(dana)
    url = reverse("admin:monitoring_term_change", args=[term.pk])
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("admin:monitoring_term_delete", args=[term.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Term.objects.filter(pk=term.pk).exists()
