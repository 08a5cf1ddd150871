"""Finding a petition on the public list: words in any of their forms (the project's stemmed search), the body
addressed, the region, the open and closed tabs; a search is never served from the public cache, the plain list
(and its filters) still is; nothing found says what to try; the API filters the same way."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from azamat.campaigns import petition_services as services
from azamat.campaigns.models import Petition
from azamat.registry.models import GovernmentBody, Region
from azamat.testing import campaigns_factories as cf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/petitions/"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def listed(**fields) -> Petition:
    petition = cf.petition(**fields)
    Petition.objects.filter(pk=petition.pk).update(listed_at=timezone.now(), signature_count=60)
    return petition


@pytest.fixture
def world():
    other_body = GovernmentBody.objects.exclude(code=cf.body().code).order_by("code").first()
    almaty, astana = Region.objects.order_by("kato")[:2]
    return {
        "ramps": listed(title="Пандусы во всех поликлиниках", region=almaty),
        "parks": listed(
            title="Жасыл саябақтарды сақтаңыз",
            text="Қаланың саябақтары кесілмесін.",
            demands="Ағаштарды кесуге тыйым салу.",
            body=other_body,
            region=astana,
        ),
        "playgrounds": listed(
            title="Балалар алаңдары әр аулада",
            text="Аулаларда ойын алаңы жоқ.",
            demands="Әр аулаға алаң салу.",
            region=astana,
        ),
        "closed": listed(title="Пандус у вокзала", status=Petition.Status.CLOSED, closed_at=timezone.now()),
        "other_body": other_body,
        "almaty": almaty,
        "astana": astana,
    }


def titles(response) -> list[str]:
    page = response.context["page"]
    return [petition.title for petition in page]


def test_words_are_found_in_their_other_forms(client, world):
    # «пандусов» (genitive plural) finds «Пандусы»; the closed one is on its own tab.
    assert titles(client.get(URL, {"q": "пандусов"}, **EN)) == ["Пандусы во всех поликлиниках"]
    assert titles(client.get(URL, {"q": "пандусов", "tab": "closed"}, **EN)) == ["Пандус у вокзала"]
    # Kazakh: «бала» finds «Балалар», «саябақ» typed without Kazakh letters finds «саябақтарды».
    assert titles(client.get(URL, {"q": "бала"}, **EN)) == ["Балалар алаңдары әр аулада"]
    assert titles(client.get(URL, {"q": "саябак"}, **EN)) == ["Жасыл саябақтарды сақтаңыз"]
    # The demands are searched too.
    assert titles(client.get(URL, {"q": "ағаштар"}, **EN)) == ["Жасыл саябақтарды сақтаңыз"]


def test_the_body_and_the_region_filter_the_list(client, world):
    body = world["other_body"]
    response = client.get(URL, {"body": body.code}, **EN)
    assert titles(response) == ["Жасыл саябақтарды сақтаңыз"]
    assert sorted(titles(client.get(URL, {"region": world["astana"].kato}, **EN))) == [
        "Балалар алаңдары әр аулада",
        "Жасыл саябақтарды сақтаңыз",
    ]
    # The body filter offers the bodies that listed petitions are addressed to, and no other.
    choices = dict(response.context["form"].fields["body"].choices)
    assert set(choices) == {"", body.code, cf.body().code}


def test_the_tabs_keep_the_search(client, world):
    page = client.get(URL, {"q": "пандус", "region": world["almaty"].kato}, **EN).content.decode()
    assert (
        f'href="?q=%D0%BF%D0%B0%D0%BD%D0%B4%D1%83%D1%81&amp;region={world["almaty"].kato}&amp;tab=closed"'
        in page
    )
    closed = client.get(URL, {"q": "пандус", "tab": "closed"}, **EN).content.decode()
    assert '<input type="hidden" name="tab" value="closed">' in closed  # a search there stays there


def test_nothing_found_says_what_to_try(client, world):
    response = client.get(URL, {"q": "космодром"}, **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "No petition matches “космодром”." in page
    assert "Try another form of the word, fewer words or fewer filters" in page
    assert 'href="/petitions/"' in page  # the whole list, one tap away


def test_a_stale_body_is_dropped_alone_and_said(client, world):
    response = client.get(URL, {"body": "no-such-body", "q": "пандус"}, **EN)
    assert response.status_code == 200
    assert titles(response) == ["Пандусы во всех поликлиниках"]
    assert "Select a valid choice." in response.content.decode()


def test_a_search_is_not_cached_the_plain_list_and_its_filters_are(client, world):
    assert "public" in client.get(URL, **EN)["Cache-Control"]
    assert "public" in client.get(URL, {"region": world["astana"].kato}, **EN)["Cache-Control"]
    searched = client.get(URL, {"q": "пандус"}, **EN)
    assert "no-store" in searched["Cache-Control"]
    # A search typed after a cached list is answered from the data, not from the cached list.
    assert titles(searched) == ["Пандусы во всех поликлиниках"]


def test_an_edit_is_found_by_its_new_words(world):
    draft = cf.petition(status=Petition.Status.DRAFT, title="Старое название")
    services.petition_update(
        petition=draft,
        by=draft.created_by,
        title="Освещение в парках",
        text=draft.text,
        demands=draft.demands,
        body=draft.body,
        region=None,
        goal=draft.goal,
        closes_on=draft.closes_on,
        languages=draft.languages,
    )
    draft.refresh_from_db()
    assert "|освещен|" in draft.search_stems and "|стар|" not in draft.search_stems


def test_the_api_filters_the_same_way(client, world):
    url = reverse("v1:petition-list")
    found = client.get(url, {"q": "пандусов"}, **EN).json()["results"]
    assert sorted(row["title"] for row in found) == ["Пандус у вокзала", "Пандусы во всех поликлиниках"]
    by_body = client.get(url, {"body": world["other_body"].code}, **EN).json()["results"]
    assert [row["title"] for row in by_body] == ["Жасыл саябақтарды сақтаңыз"]
    by_region = client.get(url, {"region": world["almaty"].kato}, **EN).json()["results"]
    assert [row["title"] for row in by_region] == ["Пандусы во всех поликлиниках"]
    assert client.get(url, {"region": "12"}, **EN).status_code == 400
