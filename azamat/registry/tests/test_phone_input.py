"""A phone is written with digits: text typed in its box ("нет", "см. сайт", a name) was kept and shown on the
organisation's public profile and the person's own. It is refused beside the box, in the reader's language, and
nothing else typed is lost; a number as people write it (spaces, brackets, hyphens, a leading +) is kept as
typed."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from azamat.registry.phone import PHONE_MESSAGE
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post(ngo, page: str, **changes) -> dict:
    loaded = re.search(r'name="loaded_at" value="([^"]+)"', page)
    return {
        "name_kk": ngo.name_kk,
        "name_ru": ngo.name_ru,
        "legal_form": ngo.legal_form,
        "registered_on": ngo.registered_on.isoformat(),
        "region": ngo.region_id,
        "address": ngo.address,
        "staff_count": str(ngo.staff_count),
        "volunteer_count": str(ngo.volunteer_count),
        "loaded_at": loaded[1] if loaded else "",
    } | changes


@pytest.mark.parametrize("typed", ["нет", "см. сайт", "+7 (701) abc", "12"])
def test_an_organisations_phone_that_is_not_a_number_is_refused_and_nothing_is_lost(ngo, alice, typed):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(alice)
    url = reverse("registry:organisation_edit", args=[ngo.bin])
    before = ngo.phone
    response = client.post(
        url, _post(ngo, client.get(url).content.decode(), phone=typed, about_ru="Помогаем")
    )
    page = html.unescape(response.content.decode())
    with translation.override("ru"):
        assert str(PHONE_MESSAGE) in page
    assert "Помогаем" in page  # what else was typed is still there
    ngo.refresh_from_db()
    assert (ngo.phone, ngo.about_ru) == (before, ngo.about_ru) and ngo.about_ru != "Помогаем"


@pytest.mark.parametrize("typed", ["+7 (701) 123-45-67", "8 727 250 00 00", "87011234567"])
def test_a_phone_as_people_write_it_is_kept_as_typed(ngo, alice, typed):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(alice)
    url = reverse("registry:organisation_edit", args=[ngo.bin])
    assert client.post(url, _post(ngo, client.get(url).content.decode(), phone=typed)).status_code == 302
    ngo.refresh_from_db()
    assert ngo.phone == typed


def test_a_persons_phone_that_is_not_a_number_is_refused_on_the_profile():
    person = UserFactory(full_name="Данияр Искаков")
    client = Client(HTTP_ACCEPT_LANGUAGE="kk")
    client.force_login(person)
    response = client.post(reverse("accounts:profile"), {"full_name": "Данияр Искаков", "phone": "жоқ"})
    assert response.status_code == 400
    with translation.override("kk"):
        assert str(PHONE_MESSAGE) in html.unescape(response.content.decode())
    person.refresh_from_db()
    assert person.phone == ""


def test_several_numbers_and_a_phone_saved_before_are_not_refused(ngo, alice):
    """Two numbers with a comma are two numbers; a profile whose phone was imported as it was saves with it."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(alice)
    url = reverse("registry:organisation_edit", args=[ngo.bin])
    typed = "8 727 2500000, 8 701 1234567"
    assert client.post(url, _post(ngo, client.get(url).content.decode(), phone=typed)).status_code == 302
    type(ngo).objects.filter(pk=ngo.pk).update(phone="звонить после 18:00")
    ngo.refresh_from_db()
    page = client.get(url).content.decode()
    response = client.post(url, _post(ngo, page, phone=ngo.phone, about_ru="Помогаем детям"))
    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.about_ru == "Помогаем детям"


def test_the_api_refuses_the_same_phone_the_page_refuses(ngo, alice):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(alice)
    url = f"/api/v1/organisations/{ngo.bin}/"
    before = ngo.phone
    response = api.patch(url, {"phone": "нет"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"phone": ["Enter a phone number in digits, for example +7 701 123 45 67."]}
    ngo.refresh_from_db()
    assert ngo.phone == before
    assert api.patch(url, {"phone": "+7 701 123 45 67"}, format="json").status_code == 200
