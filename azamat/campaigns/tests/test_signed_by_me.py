"""Found walking petitions as citizen@ on a phone: a signed-in person could not find the petitions she had signed
(the list showed only her drafts), and a petition she had signed offered its form again with not a word that
she had signed it — "Sign" again only sent her another email."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from azamat.campaigns.models import Invalidation, Petition, Signature
from azamat.campaigns.petition_services import email_key
from azamat.testing import campaigns_factories as f
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _signature(petition, email, *, confirmed=True, **fields):
    return Signature.objects.create(
        petition=petition,
        name="Айгүл",
        email=email,
        email_key=email_key(email),
        confirmed_at=timezone.now() - datetime.timedelta(days=1) if confirmed else None,
        **fields,
    )


def _listed(**fields):
    petition = f.petition(**fields)
    Petition.objects.filter(pk=petition.pk).update(listed_at=timezone.now())
    return petition


def test_a_petition_she_signed_says_so_instead_of_offering_the_form_again(client):
    citizen = UserFactory(email="Aigul.Citizen@example.kz")
    petition = _listed(title="Сохраните детскую площадку")
    # Signed from another device, the address typed in another case: the same mailbox.
    signature = _signature(petition, "aigul.citizen@example.kz")
    client.force_login(citizen)
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    with translation.override("en"):
        day = formats.date_format(timezone.localdate(signature.confirmed_at), "DATE_FORMAT")
    assert f"You signed this petition on {day}." in page
    assert 'action="' + reverse("campaigns:petition_sign", args=[petition.pk]) not in page


def test_an_unconfirmed_signature_is_said_to_wait_for_its_link_and_the_form_sends_it_again(client):
    citizen = UserFactory()
    petition = _listed()
    _signature(petition, citizen.email, confirmed=False)
    client.force_login(citizen)
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert (
        "You signed this petition, but your signature counts only once you open the link we emailed you"
        in page
    )
    assert 'action="' + reverse("campaigns:petition_sign", args=[petition.pk]) in page


def test_a_struck_out_signature_is_said_not_to_count(client):
    citizen = UserFactory()
    moderator = UserFactory()
    petition = _listed()
    struck = Invalidation.objects.create(
        petition=petition, reason="Поток с одного адреса", by=moderator, count=1
    )
    _signature(petition, citizen.email, invalidation=struck)
    client.force_login(citizen)
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert "Your signature under this petition was struck out by the moderators and is not counted." in page


def test_the_list_shows_the_petitions_she_signed(client):
    citizen = UserFactory()
    signed = _listed(title="Требуем доступные автобусы")
    pending = _listed(title="Инклюзивті балабақшаға кезек")
    other = _listed(title="Чужая петиция")
    _signature(signed, citizen.email)
    _signature(pending, citizen.email, confirmed=False)
    _signature(other, "someone.else@example.kz")
    client.force_login(citizen)
    page = client.get(reverse("campaigns:petitions"), **EN).content.decode()
    assert "Petitions you signed" in page
    mine = page.split("Petitions you signed")[1].split("</ul>")[0]
    assert "Требуем доступные автобусы" in mine and "Инклюзивті балабақшаға кезек" in mine
    assert "Чужая петиция" not in mine
    assert "waits for its confirmation" in mine


def test_an_address_not_verified_shows_no_signatures(client):
    """Someone who registers with another person's address but never opens its link learns nothing of what the
    owner of that address signed."""
    citizen = UserFactory(verified=False)
    petition = _listed()
    _signature(petition, citizen.email)
    client.force_login(citizen)
    page = client.get(reverse("campaigns:petition", args=[petition.pk]), **EN).content.decode()
    assert "You signed this petition" not in page
    listing = client.get(reverse("campaigns:petitions"), **EN).content.decode()
    assert "Petitions you signed" not in listing
