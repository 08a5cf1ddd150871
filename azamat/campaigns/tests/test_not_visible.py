"""A petition one may not see (a draft, one awaiting moderation or rejected) opened by its author signed out, by a
citizen following a link passed on too early, was a bare 403 page with only "Home". It now says what this is,
offers the petitions' list and, to a signed-out visitor, a sign-in that comes back to the page; the same for a
private campaign. Nothing of the record itself is shown."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from azamat.campaigns.models import Petition
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}


@pytest.mark.parametrize(
    "status", [Petition.Status.DRAFT, Petition.Status.MODERATION, Petition.Status.REJECTED]
)
def test_a_signed_out_author_following_their_link_is_told_and_offered_to_sign_in(client, status):
    author, organisation = cf.ngo_admin()
    petition = cf.petition(by=author, organisation=organisation, status=status, title="Тайный черновик")
    url = reverse("campaigns:petition", args=[petition.pk])
    response = client.get(url, **EN)
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>A petition not published</h1>" in page
    assert "read only by its authors and the petition moderators" in page
    assert "Sign in: this petition is not published yet." in page
    login = reverse("account_login") + "?next=" + quote(url, safe="/")
    assert f'href="{login}">Sign in and come back</a>' in page
    assert f'href="{reverse("campaigns:petitions")}">All petitions</a>' in page
    assert "Тайный черновик" not in page

    # Signing in from there comes back to the petition, which the author now reads.
    answer = client.post(login, {"login": author.email, "password": TEST_PASSWORD}, **EN)
    assert answer.status_code == 302 and answer["Location"] == url
    assert "Тайный черновик" in client.get(url, **EN).content.decode()


def test_a_citizen_signed_in_is_told_it_is_not_theirs_in_russian(client):
    petition = cf.petition(status=Petition.Status.MODERATION, title="Тайный черновик")
    citizen = UserFactory(full_name="Айгүл Сапарова")
    client.force_login(citizen)
    response = client.get(reverse("campaigns:petition", args=[petition.pk]), **RU)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Эта петиция ещё не опубликована: читать её могут только её авторы и модераторы." in page
    assert "Айгүл" in page  # who is signed in, and no offer to sign in
    assert reverse("account_login") + "?next=" not in page
    assert f'href="{reverse("campaigns:petitions")}"' in page
    assert "Тайный черновик" not in page


def test_a_private_campaign_opened_by_a_stranger(client):
    campaign = cf.campaign(visibility="private", title="Закрытая кампания")
    url = campaign.get_absolute_url()
    response = client.get(url, **EN)
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>A private campaign</h1>" in page
    assert "Sign in: this campaign is private to its team." in page
    assert reverse("account_login") + "?next=" + quote(url, safe="/") in page
    assert f'href="{reverse("campaigns:list")}">All campaigns</a>' in page
    assert "Закрытая кампания" not in page

    stage = reverse("campaigns:stage", args=[campaign.pk, "needs"])
    assert "<h1>A private campaign</h1>" in client.get(stage, **EN).content.decode()
