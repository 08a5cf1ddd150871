"""The home page shows the grants there are now (open calls, totals, latest results); open data explains itself."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, Project

pytestmark = pytest.mark.django_db


def awarded(call, amount, *, project=True):
    application = ApplicationFactory(
        direction=DirectionFactory(call=call), call=call, status=Application.Status.AWARDED
    )
    if project:
        Project.objects.create(
            application=application,
            agreement_number=f"AG-{application.pk}",
            amount=amount,
            signed_on=datetime.date(2026, 4, 1),
            starts_on=datetime.date(2026, 4, 15),
            ends_on=datetime.date(2026, 10, 15),
        )
    return application


def test_home_shows_an_open_call_in_the_page_language(client):
    call = CallFactory(
        title_ru="Конкурс для молодёжи Мангистау", title_kk="Маңғыстау жастарына арналған конкурс"
    )
    CallFactory(
        title_ru="Будущий конкурс",
        opens_at=timezone.now() + datetime.timedelta(days=3),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    page = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Конкурс для молодёжи Мангистау" in page
    assert call.get_absolute_url() in page
    assert timezone.localtime(call.closes_at).strftime("%d.%m.%Y") in page
    assert "Будущий конкурс" not in page  # not open yet
    kk = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Маңғыстау жастарына арналған конкурс" in kk


def test_home_hides_the_grants_section_when_there_is_nothing(client):
    CallFactory(title_en="Closed and undecided", closes_at=timezone.now() - datetime.timedelta(days=1))
    page = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="home-grants"' not in page
    assert "Calls open now" not in page and "Latest results" not in page
    assert "Closed and undecided" not in page
    # Only what exists: no promises of petitions or surveys.
    assert "petition" not in page.lower() and "survey" not in page.lower()


def test_home_totals_and_latest_results(client):
    published = CallFactory(
        title_en="Decided call",
        closes_at=timezone.now() - datetime.timedelta(days=10),
        results_published=True,
    )
    awarded(published, Decimal("2700000.00"))
    awarded(published, Decimal("1300000.00"))
    awarded(
        published, None, project=False
    )  # no agreement yet: the amount requested, 2,700,000 by the factory
    undisclosed = CallFactory(closes_at=timezone.now() - datetime.timedelta(days=1))
    awarded(undisclosed, Decimal("9000000.00"))  # results not published: not counted
    page = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="home-grants"' in page
    assert "<strong>3</strong> grants awarded" in page
    assert "<strong>6,700,000 ₸</strong>" in page
    assert "<strong>2</strong> projects under agreement" in page
    assert reverse("grants:call_results", args=[published.code]) in page
    assert "Decided call" in page
    assert reverse("grants:dashboard") in page and reverse("grants:open_data") in page


def test_navigation_links_the_dashboard_and_open_data(client):
    page = client.get(reverse("registry:directory"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    nav = page.split('<nav class="main"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("grants:dashboard")}"' in nav
    assert f'href="{reverse("grants:open_data")}"' in nav


def test_open_data_page_has_a_dictionary_of_every_column_a_licence_and_a_date(client):
    call = CallFactory(closes_at=timezone.now() - datetime.timedelta(days=10), results_published=True)
    application = awarded(call, Decimal("2700000.00"))
    download = client.get(reverse("grants:open_data_download", args=["csv"])).content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(download)))
    assert len(header) > 10
    page = client.get(reverse("grants:open_data"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    dictionary = page.split('id="fields"', 1)[1]
    for column in header:
        assert f'<code lang="en">{column}</code>' in dictionary.replace("&#x27;", "'")
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in page and "CC BY 4.0" in page
    application.refresh_from_db()
    assert timezone.localtime(application.updated_at).strftime("%d.%m.%Y %H:%M") in page


def test_open_data_page_says_when_nothing_is_published(client):
    page = client.get(reverse("grants:open_data"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No grants published yet" in page
    assert "The recipient&#x27;s business identification number (BIN)" in page  # each column's meaning
    assert "CC BY 4.0" in page
