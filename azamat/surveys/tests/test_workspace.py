"""The survey workspace as people use it: an NGO makes a survey (from its campaign), cannot open it without a
question, opens and closes it, edits its settings and its team; refusals say why and change nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.surveys import services
from azamat.surveys.models import Survey, SurveyMember
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import campaign as make_campaign
from azamat.testing.campaigns_factories import ngo_admin
from azamat.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_an_ngo_makes_a_survey_for_its_campaign_and_opens_it_once_it_has_a_question(client):
    lead, organisation = ngo_admin(email="lead@example.kz")
    campaign = make_campaign(by=lead, organisation=organisation)
    client.force_login(lead)
    page = client.get(reverse("surveys:new") + f"?campaign={campaign.pk}", **EN)
    assert page.status_code == 200
    assert page.context["form"].initial["owner"] == f"organisation:{organisation.pk}"
    response = client.post(
        reverse("surveys:new"),
        {
            "owner": f"organisation:{organisation.pk}",
            "title": "Потребности людей с инвалидностью",
            "purpose": "needs",
            "languages": ["kk", "ru"],
            "modes": ["open", "paper"],
            "campaign": campaign.pk,
        },
        **EN,
    )
    survey = Survey.objects.get(title="Потребности людей с инвалидностью")
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    assert survey.campaign == campaign and survey.organisation == organisation
    assert survey.modes == ["open", "paper"]
    assert survey.team.get().user == lead and survey.team.get().role == "manager"
    assert survey.current_version().definition["languages"] == ["kk", "ru"]
    assert survey.history.first().history_user == lead

    overview = client.get(survey.get_absolute_url(), **EN)
    assert "Upload an XLSForm or build the form." in overview.content.decode()

    refused = client.post(reverse("surveys:status", args=[survey.pk]), {"step": "open"}, follow=True, **EN)
    assert "The survey has no questions yet" in refused.content.decode()
    survey.refresh_from_db()
    assert survey.status == "draft"

    version = survey.current_version()
    version.definition = sf.SAMPLE
    version.save()
    client.post(reverse("surveys:status", args=[survey.pk]), {"step": "open"}, **EN)
    survey.refresh_from_db()
    assert survey.status == "open"
    client.post(reverse("surveys:status", args=[survey.pk]), {"step": "close"}, **EN)
    survey.refresh_from_db()
    assert survey.status == "closed"
    again = client.post(reverse("surveys:status", args=[survey.pk]), {"step": "close"}, follow=True, **EN)
    assert "The survey is Closed: this step does not apply." in again.content.decode()
    client.post(reverse("surveys:status", args=[survey.pk]), {"step": "reopen"}, **EN)
    survey.refresh_from_db()
    assert survey.status == "open"


def test_someone_not_acting_for_the_owner_cannot_make_its_survey(client):
    lead, organisation = ngo_admin()
    stranger, _theirs = ngo_admin(email="stranger@example.kz")
    client.force_login(stranger)
    response = client.post(
        reverse("surveys:new"),
        {
            "owner": f"organisation:{organisation.pk}",
            "title": "Чужой опрос",
            "purpose": "needs",
            "languages": ["ru"],
            "modes": ["open"],
        },
        **EN,
    )
    assert response.status_code == 400
    assert not Survey.objects.filter(title="Чужой опрос").exists()
    assert response.context["form"].data["title"] == "Чужой опрос"  # nothing typed lost
    with pytest.raises(DomainError) as error:
        services.survey_create(by=stranger, owner=organisation, title="Чужой опрос")
    assert error.value.code == "not_acting_for_owner"


def test_a_campaign_of_another_organisation_is_refused():
    lead, organisation = ngo_admin()
    other_lead, other = ngo_admin()
    MembershipFactory(user=lead, organisation=other, role="member")
    theirs = make_campaign(by=other_lead, organisation=other)
    with pytest.raises(DomainError) as error:
        services.survey_create(by=lead, owner=organisation, title="Опрос", campaign=theirs)
    assert error.value.code == "campaign_of_another_organisation"


def test_a_person_without_an_organisation_is_told_to_join_one(client):
    client.force_login(UserFactory())
    response = client.get(reverse("surveys:new"), **EN)
    assert response.status_code == 403
    assert "join your organisation on Azamat first" in response.content.decode()


def test_settings_refuse_a_survey_that_closes_before_it_opens(client):
    lead, _organisation = ngo_admin()
    survey = sf.survey(by=lead, status=Survey.Status.DRAFT)
    client.force_login(lead)
    data = {
        "title": "Новое название",
        "purpose": "needs",
        "modes": ["open"],
        "opens_at": "2026-12-10T09:00",
        "closes_at": "2026-12-01T09:00",
        "results": "link",
        "region_question": "region",
        "min_seconds": "1 200",
    }
    response = client.post(reverse("surveys:edit", args=[survey.pk]), data, **EN)
    assert response.status_code == 400
    assert "The survey must close after it opens." in response.content.decode()
    survey.refresh_from_db()
    assert survey.title != "Новое название"

    data["closes_at"] = "2026-12-31T18:00"
    assert client.post(reverse("surveys:edit", args=[survey.pk]), data, **EN).status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Новое название" and survey.min_seconds == 1200
    assert survey.results == "link"
    assert survey.closes_at == datetime.datetime(2026, 12, 31, 18, 0, tzinfo=timezone.get_current_timezone())
    page = client.get(reverse("surveys:edit", args=[survey.pk]), **EN)
    assert f"?t={survey.report_token}" in page.content.decode()


def test_the_region_question_must_be_a_single_choice_question():
    lead, _organisation = ngo_admin()
    survey = sf.survey(by=lead)
    with pytest.raises(DomainError) as error:
        services.survey_update(survey=survey, by=lead, region_question="age")
    assert error.value.code == "region_question_unknown"


def test_the_team_keeps_a_manager(client):
    lead, _organisation = ngo_admin(email="lead@example.kz")
    survey = sf.survey(by=lead)
    analyst = UserFactory(email="analyst@example.kz")
    client.force_login(lead)
    added = client.post(
        reverse("surveys:team", args=[survey.pk]),
        {"team-email": "ANALYST@example.kz", "team-role": "analyst"},
    )
    assert added.status_code == 302
    member = survey.team.get(user=analyst)
    assert member.role == "analyst"
    unknown = client.post(
        reverse("surveys:team", args=[survey.pk]),
        {"team-email": "nobody@example.kz", "team-role": "analyst"},
        **EN,
    )
    assert unknown.status_code == 400 and "No one is registered" in unknown.content.decode()

    mine = survey.team.get(user=lead)
    refused = client.post(
        reverse("surveys:team_member", args=[survey.pk, mine.pk]), {"remove": "1"}, follow=True, **EN
    )
    assert "A survey needs a manager" in refused.content.decode()
    assert survey.team.filter(user=lead).exists()
    with pytest.raises(DomainError):
        services.team_update(member=mine, by=lead, role="analyst")

    client.post(reverse("surveys:team_member", args=[survey.pk, member.pk]), {"role": "manager"})
    member.refresh_from_db()
    assert member.role == "manager"
    client.post(reverse("surveys:team_member", args=[survey.pk, mine.pk]), {"remove": "1"})
    assert not survey.team.filter(user=lead).exists()
    assert list(survey.team.values_list("user__email", flat=True)) == ["analyst@example.kz"]


def test_an_analyst_reads_but_does_not_change():
    lead, _organisation = ngo_admin()
    survey = sf.survey(by=lead)
    analyst = UserFactory()
    SurveyMember.objects.create(survey=survey, user=analyst, role="analyst")
    with pytest.raises(DomainError):
        services.survey_status(survey=survey, by=analyst, step="close")
    with pytest.raises(DomainError):
        services.team_add(survey=survey, by=analyst, email=analyst.email)


def test_the_list_shows_open_surveys_and_mine(client):
    lead, _organisation = ngo_admin()
    listed = sf.survey(by=lead, title="Открытый опрос", listed=True)
    hidden = [
        sf.survey(by=lead, title="Неопубликованный", listed=False),
        sf.survey(by=lead, title="Черновик", listed=True, status=Survey.Status.DRAFT),
        sf.survey(
            by=lead, title="Закончился", listed=True, closes_at=timezone.now() - datetime.timedelta(days=1)
        ),
    ]
    sf.response(listed)
    interviewer = UserFactory()
    sf.assignment(listed, interviewer)

    # Respondents read the form's title in their language (here the sample form's English one), not the team's.
    anonymous = client.get(reverse("surveys:list"), **EN).content.decode()
    assert f'<a href="{reverse("surveys:respond", args=[listed.pk])}">Needs assessment</a>' in anonymous
    for survey in hidden:
        assert reverse("surveys:respond", args=[survey.pk]) not in anonymous

    client.force_login(lead)
    mine = client.get(reverse("surveys:list"), **EN)
    assert [s.title for s in mine.context["mine"]] == [
        "Закончился",
        "Черновик",
        "Неопубликованный",
        "Открытый опрос",
    ]
    assert mine.context["mine"][3].n_completed == 1

    client.force_login(interviewer)
    theirs = client.get(reverse("surveys:list"), **EN)
    assert [a.survey for a in theirs.context["assignments"]] == [listed]
    assert reverse("surveys:interviews") in theirs.content.decode()
    overview = client.get(listed.get_absolute_url(), **EN)
    assert overview.status_code == 200
    assert reverse("surveys:responses", args=[listed.pk]) not in overview.content.decode()
