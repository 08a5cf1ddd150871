"""The public, redacted pages as anyone reads them, in Kazakh, Russian and English: the report with its charts and
map, the events, the list of persecuted persons, the blocked websites, the criteria, the open data and the API.
Nothing unpublished shows anywhere: not a name without consent, not an unverified record's title."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from azamat.monitoring import publication
from azamat.monitoring.api import PublishedEntryViewSet, PublishedEventViewSet
from azamat.monitoring.models import BlockedSite, PublishedEvent, ReadLog
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_listing_factories as lf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ("kk", "ru", "en")

SECRET_VICTIM = "Айгерим Тулегенова"
CONSENTING = "Марат Жумабаев"
UNVERIFIED_TITLE = "Тайная встреча у здания прокуратуры"
REOPENED_TITLE = "Обыск в редакции газеты"


@pytest.fixture
def world():
    org = OrganisationFactory()
    people = mf.team(org)
    victim = mf.person(org, SECRET_VICTIM, public_alias="журналистка из Атырау", occupation="journalist")
    event = lf.verified_event(
        org,
        by=people["monitor"],
        verifier=people["verifier"],
        victim=victim,
        title=f"Задержание журналистки {SECRET_VICTIM}",
        description=f'{SECRET_VICTIM} задержали после публикации. =HYPERLINK("http://x")',
    )
    copy = publication.event_publish(event=event, by=people["verifier"])
    # A title that starts like a formula: the open data must not run it in a spreadsheet.
    formula = lf.verified_event(
        org,
        by=people["monitor"],
        verifier=people["verifier"],
        title="=1+2 и задержание",
        region_kato="230000000",
    )
    publication.event_publish(event=formula, by=people["verifier"])
    reopened = lf.verified_event(org, by=people["monitor"], verifier=people["verifier"], title=REOPENED_TITLE)
    publication.event_publish(event=reopened, by=people["verifier"])
    reopened.status = "verifying"  # verified again later: off the public pages meanwhile
    reopened.save()
    mf.event(org, by=people["monitor"], title=UNVERIFIED_TITLE)
    secret = lf.listed(org, expert=people["expert"], subject=victim)
    consenting = lf.listed(
        org,
        expert=people["expert"],
        subject=mf.person(org, CONSENTING, consent=True, public_alias="блогер"),
        public_grounds=f"{SECRET_VICTIM} и {CONSENTING} осуждены за пост.",
    )
    mf.site(org, url="https://blocked-news.example.kz/")
    BlockedSite.objects.filter(url="https://blocked-news.example.kz/").update(
        legal_basis="Решение суда № 2-15"
    )
    return {
        "org": org,
        "copy": copy,
        "secret": secret,
        "consenting": consenting,
        **people,
    }


def _public_urls(world) -> list[str]:
    org = world["org"]
    urls = [
        reverse("monitoring:report"),
        reverse("monitoring:report") + "?region=750000000",
        reverse("monitoring:public_events"),
        reverse("monitoring:public_list"),
        reverse("monitoring:public_list") + "?situation=prosecuted",
        reverse("monitoring:public_sites"),
        reverse("monitoring:public_criteria", args=[org.pk]),
        reverse("monitoring:open_data", args=["csv"]),
        reverse("monitoring:open_data", args=["json"]),
    ]
    urls += [
        reverse("monitoring:public_event", args=[pk])
        for pk in PublishedEvent.objects.filter(event__status="verified").values_list("pk", flat=True)
    ]
    urls += [
        reverse("monitoring:public_entry", args=[c.published.pk])
        for c in (world["secret"], world["consenting"])
    ]
    return urls


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_answers_in_each_language_and_shows_nothing_unpublished(client, world, language):
    hidden = PublishedEvent.objects.get(
        title=REOPENED_TITLE
    )  # its copy exists, its record is not verified now
    assert client.get(reverse("monitoring:public_event", args=[hidden.pk])).status_code == 404
    for url in _public_urls(world):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        body = _body(response)
        if not response.streaming:
            assert f'<html lang="{language}">' in body, url
        for secret in (SECRET_VICTIM, "Тулегенов", UNVERIFIED_TITLE, REOPENED_TITLE, "+7 701 555"):
            assert secret not in body, f"{secret} on {url}"


def test_the_api_shows_nothing_unpublished(world):
    factory = APIRequestFactory()
    for viewset in (PublishedEventViewSet, PublishedEntryViewSet):
        response = viewset.as_view({"get": "list"})(factory.get("/"))
        response.render()
        body = response.content.decode()
        assert response.status_code == 200
        for secret in (SECRET_VICTIM, UNVERIFIED_TITLE, REOPENED_TITLE):
            assert secret not in body
    events = PublishedEventViewSet.as_view({"get": "list"})(factory.get("/"))
    assert {row["title"] for row in events.data["results"]} == {
        "Задержание журналистки журналистка из Атырау",
        "=1+2 и задержание",
    }
    entries = PublishedEntryViewSet.as_view({"get": "list"})(factory.get("/", {"situation": "prosecuted"}))
    assert sorted(row["name"] for row in entries.data["results"]) == [CONSENTING, "журналистка из Атырау"]
    refused = PublishedEventViewSet.as_view({"get": "list"})(factory.get("/", {"region": "Алматы"}))
    assert refused.status_code == 400
    hidden = PublishedEvent.objects.get(title=REOPENED_TITLE)
    detail = PublishedEventViewSet.as_view({"get": "retrieve"})(factory.get("/"), pk=hidden.pk)
    assert detail.status_code == 404


def test_a_listed_person_without_consent_shows_as_their_description_and_with_consent_by_name(client, world):
    page = client.get(reverse("monitoring:public_list"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "журналистка из Атырау" in page
    assert CONSENTING in page
    entry = client.get(
        reverse("monitoring:public_entry", args=[world["consenting"].published.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    # The grounds name the consenting person, and the other by her description only.
    assert f"журналистка из Атырау и {CONSENTING} осуждены за пост." in entry


def test_the_report_counts_by_type_and_region_with_charts_map_and_tables(client, world):
    page = client.get(reverse("monitoring:report"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count('<svg class="bar-chart"') == 2
    assert 'class="tile-map' in page and "The regions as a table" in page
    assert "Peaceful assembly" in page and "Задержание журналистки журналистка из Атырау" in page
    assert "<dt>Published events</dt><dd>2</dd>" in page and "<dt>Victims</dt><dd>2</dd>" in page
    filtered = client.get(reverse("monitoring:report") + "?region=230000000", HTTP_ACCEPT_LANGUAGE="en")
    assert filtered.context["figures"]["events"] == 1
    kazakh = client.get(reverse("monitoring:report"), HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Бейбіт жиналыс" in kazakh


def test_events_are_filtered_by_year_type_and_region(client, world):
    url = reverse("monitoring:public_events")
    assert client.get(url + "?region=230000000").context["page"].paginator.count == 1
    assert client.get(url + "?type=assembly").context["page"].paginator.count == 2
    year = client.get(url + f"?year={timezone.localdate().year}")
    assert year.context["page"].paginator.count == 2 or timezone.localdate().day <= 10
    # A year with no published event is not a choice: the filter is ignored, its error shown.
    other = client.get(url + "?year=1999", HTTP_ACCEPT_LANGUAGE="en")
    assert other.context["page"].paginator.count == 2 and "Select a valid choice" in other.content.decode()


def test_the_open_data_is_redacted_and_safe_against_formulas(client, world):
    response = client.get(reverse("monitoring:open_data", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(_body(response).lstrip("\ufeff"))))
    assert rows[0][:3] == ["number", "title", "summary"]
    titles = {row[1] for row in rows[1:]}
    assert titles == {"Задержание журналистки журналистка из Атырау", "'=1+2 и задержание"}
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    data = json.loads(_body(client.get(reverse("monitoring:open_data", args=["json"]))))
    assert {row["title"] for row in data} == {
        "Задержание журналистки журналистка из Атырау",
        "=1+2 и задержание",
    }
    assert all(row["region_kato"] in {"750000000", "230000000"} for row in data)
    assert client.get(reverse("monitoring:open_data", args=["xml"])).status_code == 404


def test_the_blocked_websites_register_and_the_criteria_are_public(client, world):
    sites = client.get(reverse("monitoring:public_sites"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "https://blocked-news.example.kz/" in sites and "Решение суда № 2-15" in sites
    kk = client.get(reverse("monitoring:public_criteria", args=[world["org"].pk]), HTTP_ACCEPT_LANGUAGE="kk")
    body = kk.content.decode()
    assert body.index("Адам тек құқықтары") < body.index("Лицо преследуется")  # the page's language first
    other = OrganisationFactory()
    assert client.get(reverse("monitoring:public_criteria", args=[other.pk])).status_code == 404


def test_a_published_event_can_be_taken_down_from_the_workspace(client, world):
    client.force_login(world["verifier"])
    event = world["copy"].event
    client.post(reverse("monitoring:event_publish", args=[event.pk]), {"action": "unpublish"})
    assert not PublishedEvent.objects.filter(event=event).exists()
    client.logout()
    assert client.get(reverse("monitoring:public_event", args=[world["copy"].pk])).status_code == 404
    report = client.get(reverse("monitoring:report"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Задержание журналистки" not in report


def test_publishing_an_unverified_record_from_the_workspace_is_refused_with_a_message(client, world):
    received = mf.event(world["org"], by=world["monitor"], title="Новое событие")
    client.force_login(world["verifier"])
    response = client.post(
        reverse("monitoring:event_publish", args=[received.pk]),
        {"action": "publish"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (
        "Publishing an unverified record is refused: this record is “Received”." in response.content.decode()
    )
    assert not PublishedEvent.objects.filter(event=received).exists()
    assert ReadLog.objects.filter(action="refused", record_id=received.pk, user=world["verifier"]).exists()
