"""Found walking as moderator@ on a phone: "strike out fraudulent signatures" asked for an email domain or an
"address key", but no page showed either, so a moderator could only guess. The moderators now see the domains
and address keys holding the most signatures (not struck out), and a row fills in the form."""

import pytest
from django.urls import reverse

from azamat.campaigns import petition_services as services
from azamat.campaigns.petition_selectors import signature_sources
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def petition():
    made = cf.petition()
    for n in range(3):
        services.sign(petition=made, name=f"Бот {n}", email=f"bot{n}@spam-mail.kz", ip="10.9.9.9")
    services.sign(petition=made, name="Айгүл", email="aigul@gmail.com", ip="10.0.0.1")
    services.sign(petition=made, name="Ерлан", email="erlan@googlemail.com", ip="10.0.0.2")
    services.sign(petition=made, name="Сәуле", email="saule@mail.ru", ip="10.0.0.3")  # one: no batch
    return made


def test_the_moderator_sees_where_the_signatures_come_from_and_picks_one(client, petition):
    sources = signature_sources(petition)
    assert [(r["value"], r["count"], r["confirmed"]) for r in sources["domains"]] == [
        ("spam-mail.kz", 3, 0),
        ("gmail.com", 2, 0),
    ]
    bots_key = services.ip_key("10.9.9.9")
    assert [(r["value"], r["count"]) for r in sources["addresses"]] == [(bots_key, 3)]

    moderator = UserFactory()
    PlatformRoleFactory(user=moderator, role="petition_moderator")
    client.force_login(moderator)
    page = client.get(petition.get_absolute_url(), **EN).content.decode()
    assert "<caption>Email domains with the most signatures</caption>" in page
    assert "mail.ru" not in page
    assert '<a href="?domain=spam-mail.kz#invalidate">spam-mail.kz</a>' in page
    assert f'<a href="?ip_key={bots_key}#invalidate">{bots_key}</a>' in page

    chosen = client.get(petition.get_absolute_url() + "?domain=spam-mail.kz", **EN).content.decode()
    assert 'name="domain" value="spam-mail.kz"' in chosen

    response = client.post(
        reverse("campaigns:petition_invalidate", args=[petition.pk]),
        {"domain": "spam-mail.kz", "reason": "Один адрес за минуту"},
        **EN,
    )
    assert response.status_code == 302
    assert [r["value"] for r in signature_sources(petition)["domains"]] == ["gmail.com"]
    assert signature_sources(petition)["addresses"] == []


def test_only_the_moderators_see_the_sources(client, petition):
    for person in (None, UserFactory()):
        if person:
            client.force_login(person)
        page = client.get(petition.get_absolute_url(), **EN).content.decode()
        assert "spam-mail.kz" not in page and "Email domains with the most signatures" not in page
