"""A court action of a campaign's plan: its page shows the case and its hearings to those who see the plan; the
team edits the case, adds hearings and sets the outcome; others are refused and nothing changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.campaigns import court_services
from azamat.campaigns.models import Action, Campaign, Hearing
from azamat.core.errors import DomainError
from azamat.testing import campaigns_factories as cf
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the pages too, not only the code's own strings
    with translation.override("en"):
        yield


def test_the_team_keeps_the_case_its_hearings_and_its_outcome(client):
    admin, _ = cf.ngo_admin()
    campaign = cf.campaign(by=admin)
    action = cf.court_action(campaign)
    url = reverse("campaigns:court_case", args=[campaign.pk, action.pk])
    client.force_login(admin)
    assert client.get(url).status_code == 200
    edit = reverse("campaigns:court_edit", args=[campaign.pk, action.pk])
    # An outcome without a case number or court is refused, the typed outcome kept.
    refused = client.post(edit, {"court-case_number": "", "court-court": "", "court-outcome": "won"})
    assert refused.status_code == 400 and "case number" in refused.content.decode()
    action.refresh_from_db()
    assert action.outcome == ""
    saved = client.post(
        edit,
        {"court-case_number": "7527-26-00-4/215", "court-court": "СМАС г. Караганды", "court-outcome": ""},
    )
    assert saved.status_code == 302
    hearing_url = reverse("campaigns:hearing_add", args=[campaign.pk, action.pk])
    bad = client.post(hearing_url, {"hearing-held_on": "не дата", "hearing-notes": "Отложено"})
    assert bad.status_code == 400 and "Отложено" in bad.content.decode()
    added = client.post(hearing_url, {"hearing-held_on": "2026-02-10", "hearing-notes": "Заседание отложено"})
    assert added.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS
    hearing = Hearing.objects.get(action=action)
    assert hearing.held_on == datetime.date(2026, 2, 10) and hearing.history.first().history_user == admin
    client.post(
        edit, {"court-case_number": "7527-26-00-4/215", "court-court": "СМАС", "court-outcome": "partly"}
    )
    action.refresh_from_db()
    assert (action.outcome, action.status) == ("partly", Action.Status.DONE)
    page = client.get(url).content.decode()
    assert "7527-26-00-4/215" in page and "Заседание отложено" in page and "Partly granted" in page


def test_only_the_team_changes_and_the_plan_readers_see(client):
    admin, _ = cf.ngo_admin()
    campaign = cf.campaign(by=admin)
    action = cf.court_action(campaign, case_number="A-1")
    plain = Action.objects.create(campaign=campaign, title="Встреча", starts_on=action.starts_on)
    url = reverse("campaigns:court_case", args=[campaign.pk, action.pk])
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(url).status_code == 403  # a private campaign
    post = client.post(
        reverse("campaigns:court_edit", args=[campaign.pk, action.pk]),
        {"court-case_number": "X", "court-court": "X", "court-outcome": "lost"},
    )
    assert post.status_code == 403
    campaign.visibility = Campaign.Visibility.PUBLIC
    campaign.public_parts = ["plan"]
    campaign.save()
    assert client.get(url).status_code == 200  # the public plan shows its court case, without the forms
    assert 'name="court-outcome"' not in client.get(url).content.decode()
    assert client.post(reverse("campaigns:hearing_add", args=[campaign.pk, action.pk]), {}).status_code == 403
    action.refresh_from_db()
    assert (action.case_number, action.outcome, action.hearings.count()) == ("A-1", "", 0)
    client.force_login(admin)
    assert client.get(reverse("campaigns:court_case", args=[campaign.pk, plain.pk])).status_code == 404
    with pytest.raises(DomainError):
        court_services.hearing_add(action=plain, by=admin, held_on=action.starts_on)
    campaign.status = Campaign.Status.COMPLETED
    campaign.save()
    with pytest.raises(DomainError):
        court_services.court_update(action=action, by=admin, case_number="B", court="", outcome="")


def test_a_hearing_with_a_mistyped_year_is_refused_with_the_years_allowed(client):
    """A hearing, once added, cannot be edited: 0202 typed for 2026 would stay in the campaign's record."""
    admin, _ = cf.ngo_admin()
    campaign = cf.campaign(by=admin)
    action = cf.court_action(campaign)
    client.force_login(admin)
    url = reverse("campaigns:hearing_add", args=[campaign.pk, action.pk])
    year = timezone.localdate().year
    for typed in ["0202-02-10", f"{year + 6}-01-01"]:
        refused = client.post(url, {"hearing-held_on": typed, "hearing-notes": "Заседание отложено"})
        page = refused.content.decode()
        assert refused.status_code == 400 and "Заседание отложено" in page
        assert f"date is from Jan. 1, {year - 5} to Dec. 31, {year + 5}." in page
    assert not Hearing.objects.filter(action=action).exists()
    assert client.post(url, {"hearing-held_on": f"{year - 4}-05-04"}).status_code == 302
