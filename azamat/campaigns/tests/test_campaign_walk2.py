"""Found walking a campaign's stages as its coordinator on a phone: "This stage is done: go on to the next" tapped
twice (a double tap on a slow line, or the back button and the button again) moved the campaign two stages on,
past one nobody had worked on."""

import pytest
from django.urls import reverse

from azamat.campaigns import services
from azamat.campaigns.models import Campaign
from azamat.testing import campaigns_factories as f

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _done(client, campaign, stage):
    return client.post(
        reverse("campaigns:status", args=[campaign.pk]),
        {"step": "complete", "stage": stage, "next": f"/campaigns/{campaign.pk}/stage/{stage}/"},
        **EN,
    )


def test_a_stage_marked_done_twice_moves_the_campaign_one_stage_on(client):
    coordinator, organisation = f.ngo_admin()
    campaign = f.campaign(by=coordinator, organisation=organisation)
    client.force_login(coordinator)
    assert _done(client, campaign, "needs").status_code == 302
    assert _done(client, campaign, "needs").status_code == 302  # the second tap
    assert Campaign.objects.get(pk=campaign.pk).stage == "stakeholders"
    # The button says which stage it ends.
    page = client.get(reverse("campaigns:stage", args=[campaign.pk, "stakeholders"]), **EN).content.decode()
    assert '<input type="hidden" name="stage" value="stakeholders">' in page


def test_a_stage_a_teammate_has_just_completed_is_not_completed_again():
    coordinator, organisation = f.ngo_admin()
    campaign = f.campaign(by=coordinator, organisation=organisation)
    read_before = Campaign.objects.get(pk=campaign.pk)  # her page, loaded while the stage was "needs"
    services.stage_complete(campaign=campaign, by=coordinator, stage="needs")
    services.stage_complete(campaign=read_before, by=coordinator, stage="needs")
    assert Campaign.objects.get(pk=campaign.pk).stage == "stakeholders"
