"""Blocked websites: the register refuses an address twice; a site's status follows its latest check (by when it
was made); the list and a site's page show the checks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.monitoring.models import BlockedSite, SiteCheck
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def people(org):
    return mf.team(org)


def _site(client, org, url, **extra):
    data = {"url": url, "reported_on": timezone.localdate().isoformat(), "legal_basis": "", "help_given": ""}
    return client.post(reverse("monitoring:site_new", args=[org.pk]), {**data, **extra}, **EN)


def _check(client, site, result, when, provider="Казахтелеком"):
    return client.post(
        reverse("monitoring:site_check_new", args=[site.pk]),
        {
            "checked_at": when.strftime("%Y-%m-%dT%H:%M"),
            "result": result,
            "provider": provider,
            "evidence": "",
        },
        **EN,
    )


def test_a_duplicate_address_is_refused(client, org, people):
    client.force_login(people["monitor"])
    event = mf.event(org, by=people["monitor"])
    made = _site(client, org, "https://vlast.kz/", legal_basis="Решение суда № 2-123", event=event.number)
    assert made.status_code == 302
    site = BlockedSite.objects.get()
    assert site.status == "blocked" and site.event == event and site.legal_basis == "Решение суда № 2-123"
    for twice in ("https://vlast.kz", "HTTPS://VLAST.KZ/"):
        refused = _site(client, org, twice)
        assert refused.status_code == 400
        assert "This address is already in the organisation&#x27;s register of blocked websites." in (
            refused.content.decode()
        )
    assert BlockedSite.objects.count() == 1
    bad = _site(client, org, "not an address")
    assert bad.status_code == 400 and BlockedSite.objects.count() == 1
    # Another organisation keeps its own register.
    other = OrganisationFactory()
    BlockedSite.objects.create(organisation=other, url="https://vlast.kz/", reported_on=timezone.localdate())


def test_the_status_follows_the_latest_check(client, org, people):
    site = mf.site(org)
    client.force_login(people["lawyer"])
    now = timezone.localtime().replace(second=0, microsecond=0)
    assert _check(client, site, "partly", now - datetime.timedelta(days=2)).status_code == 302
    site.refresh_from_db()
    assert site.status == "partly"
    assert (
        _check(client, site, "accessible", now - datetime.timedelta(hours=1), provider="Beeline").status_code
        == 302
    )
    site.refresh_from_db()
    assert site.status == "accessible"
    # An older check entered later does not change what the latest one says.
    assert _check(client, site, "blocked", now - datetime.timedelta(days=5)).status_code == 302
    site.refresh_from_db()
    assert site.status == "accessible" and site.checks.count() == 3
    assert SiteCheck.objects.filter(checked_by=people["lawyer"]).count() == 3
    future = _check(client, site, "blocked", now + datetime.timedelta(days=2))
    assert future.status_code == 400 and site.checks.count() == 3

    page = client.get(reverse("monitoring:site", args=[site.pk]), **EN).content.decode()
    assert "Beeline" in page and "Accessible" in page
    listing = client.get(
        reverse("monitoring:sites", args=[org.pk]) + "?status=accessible", **EN
    ).content.decode()
    assert site.url in listing
    blocked_only = client.get(reverse("monitoring:sites", args=[org.pk]) + "?status=blocked", **EN)
    assert site.url not in blocked_only.content.decode()


def test_the_register_is_for_the_organisations_role_holders(client, org, people):
    site = mf.site(org)
    outsider = mf.team(OrganisationFactory())["monitor"]
    client.force_login(outsider)
    assert client.get(reverse("monitoring:sites", args=[org.pk]), **EN).status_code == 403
    assert client.get(reverse("monitoring:site", args=[site.pk]), **EN).status_code == 403
    assert _check(client, site, "accessible", timezone.localtime()).status_code == 403
    site.refresh_from_db()
    assert site.status == "blocked" and not site.checks.exists()
    # An expert of the organisation reads the register but does not record checks.
    client.force_login(people["expert"])
    assert client.get(reverse("monitoring:site", args=[site.pk]), **EN).status_code == 200
    assert client.get(reverse("monitoring:site_check_new", args=[site.pk]), **EN).status_code == 403
