"""Found walking petitions as a citizen on a phone, off the happy path."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from azamat.campaigns.models import Petition, Signature
from azamat.testing import campaigns_factories as f

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_signature_sent_from_a_tab_loaded_before_the_petition_was_closed_is_told_why(client):
    """The daily job (or the moderators) closed the petition after the page was loaded; the signer's "Sign" came
    back as the closed petition's page with not a word: the refusal went to the form, which is no longer shown."""
    closed_on = timezone.now() - datetime.timedelta(hours=1)
    petition = f.petition(status=Petition.Status.CLOSED, closed_at=closed_on)
    response = client.post(
        reverse("campaigns:petition_sign", args=[petition.pk]),
        {"name": "Айгүл", "email": "aigul@example.kz"},
        **EN,
    )
    assert response.status_code == 400
    with translation.override("en"):
        day = formats.date_format(timezone.localdate(closed_on), "DATE_FORMAT")
    page = response.content.decode()
    message = f"This petition closed on {day}: it no longer takes signatures."
    assert page.count(message) == 1
    assert 'class="notice" role="alert"' in page
    assert not Signature.objects.exists()
