"""Found walking the demo as a citizen on a phone: a petition could be signed but not passed on — its page and the
"signature confirmed" page offered no link to copy and no way to send it on WhatsApp, Telegram or by email, the
ways people in Kazakhstan pass a petition to each other; a draft, not yet public, must not offer them."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from azamat.campaigns import petition_services as services
from azamat.campaigns.models import Petition
from azamat.testing import campaigns_factories as f

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _share_links(html: str, petition: Petition) -> None:
    url = settings.SITE_URL + petition.get_absolute_url()
    assert "Share the petition" in html
    assert f'value="{url}"' in html  # the link to copy
    assert f"https://wa.me/?text={quote(petition.title + ' ' + url, safe='')}" in html
    assert (
        f"https://t.me/share/url?url={quote(url, safe='')}&amp;text={quote(petition.title, safe='')}" in html
    )
    assert f"mailto:?subject={quote(petition.title, safe='')}&amp;body={quote(url, safe='')}" in html


def test_an_open_petition_can_be_passed_on_from_its_page(client):
    petition = f.petition(title="Пандусы во всех поликлиниках & школах")
    html = client.get(petition.get_absolute_url(), **EN).content.decode()
    _share_links(html, petition)


def test_the_confirmed_signer_is_offered_to_pass_the_petition_on(client, django_capture_on_commit_callbacks):
    petition = f.petition()
    with django_capture_on_commit_callbacks(execute=True):
        services.sign(petition=petition, name="Айгүл", email="aigul@example.kz", ip="10.0.0.1")
    token = re.search(r"/petitions/confirm/([^/\s]+)/", mail.outbox[-1].body).group(1)
    html = client.get(reverse("campaigns:signature_confirm", args=[token]), **EN).content.decode()
    assert "Signature confirmed" in html
    _share_links(html, petition)


def test_a_draft_offers_nothing_to_share(client, alice):
    petition = f.petition(
        by=alice, organisation=alice.memberships.get().organisation, status=Petition.Status.DRAFT
    )
    client.force_login(alice)
    html = client.get(petition.get_absolute_url(), **EN).content.decode()
    assert "Share the petition" not in html and "wa.me" not in html
