"""The survey links on other pages: the tab bar shows each person only what they may open, the workspace lists
what is waiting, and the campaign's needs stage, the council's page and the body's page show their surveys and
the way to start one to those who may."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.accounts.models import PlatformRole
from azamat.accounts.services import dashboard_actions
from azamat.surveys.models import Response, Survey, SurveyMember
from azamat.testing import surveys_factories as sf
from azamat.testing.campaigns_factories import body as get_body
from azamat.testing.campaigns_factories import campaign as make_campaign
from azamat.testing.campaigns_factories import ngo_admin
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _tabs(client, survey) -> str:
    return client.get(reverse("surveys:survey", args=[survey.pk]), **EN).content.decode()


def test_the_tab_bar_follows_the_role(client):
    lead, _organisation = ngo_admin()
    survey = sf.survey(by=lead)
    analyst, interviewer = UserFactory(), UserFactory()
    SurveyMember.objects.create(survey=survey, user=analyst, role="analyst")
    sf.assignment(survey, interviewer)
    settings_link = reverse("surveys:edit", args=[survey.pk])
    responses_link = reverse("surveys:responses", args=[survey.pk])

    client.force_login(lead)
    page = _tabs(client, survey)
    assert settings_link in page and responses_link in page
    assert reverse("surveys:assignments", args=[survey.pk]) in page

    client.force_login(analyst)
    page = _tabs(client, survey)
    assert responses_link in page and settings_link not in page
    assert reverse("surveys:assignments", args=[survey.pk]) not in page

    client.force_login(interviewer)
    page = _tabs(client, survey)
    assert responses_link not in page and settings_link not in page
    assert reverse("surveys:interviews") in page


def test_the_workspace_lists_surveys_and_assignments():
    lead, _organisation = ngo_admin()
    survey = sf.survey(by=lead, title="Опрос на рабочем столе")
    sf.response(survey, too_fast=True)
    interviewer = UserFactory()
    sf.assignment(survey, interviewer, area="Участок 7", target=30)

    titles = [
        a.title for a in dashboard_actions(user=lead, memberships=list(lead.memberships.all()), roles=[])
    ]
    assert "Survey: Опрос на рабочем столе" in titles
    action = next(
        a
        for a in dashboard_actions(user=interviewer, memberships=[], roles=[])
        if a.title.startswith("Interviews")
    )
    assert action.description == "Участок 7: 0 of 30 interviews done."
    assert action.url == reverse("surveys:interviews")


def test_the_workspace_offers_a_citizen_the_open_surveys_she_has_not_answered(django_assert_max_num_queries):
    """Open-link surveys listed for everyone are something to do for anyone signed in; one she has completed is not
    counted again, a draft or an unlisted one never is."""
    citizen = UserFactory()
    answered = sf.survey(title="Уже отвечен", listed=True)
    sf.survey(title="Открыт для всех", listed=True)
    sf.survey(title="Ещё один", listed=True)
    sf.survey(title="Не в списке", listed=False)
    sf.survey(title="Черновик", listed=True, status=Survey.Status.DRAFT)
    sf.response(answered, respondent=citizen)

    def offered():
        return [
            a
            for a in dashboard_actions(user=citizen, memberships=[], roles=[])
            if a.title == "Surveys to answer"
        ]

    (action,) = offered()
    assert action.description == "2 surveys open to everyone wait for your answers."
    assert action.url == reverse("surveys:list")
    sf.response(Survey.objects.get(title="Открыт для всех"), respondent=citizen)
    sf.response(Survey.objects.get(title="Ещё один"), respondent=citizen, status=Response.Status.IN_PROGRESS)
    (action,) = offered()
    assert action.description == "1 survey open to everyone waits for your answers."
    Response.objects.filter(survey__title="Ещё один").update(status=Response.Status.SCREENED_OUT)
    assert offered() == []  # screened out (its quota full): nothing more to answer there
    from azamat.surveys import dashboard

    with django_assert_max_num_queries(3):
        dashboard.actions(user=citizen, memberships=[], role_codes=[])


def test_the_needs_stage_links_the_campaigns_surveys(client):
    lead, organisation = ngo_admin()
    campaign = make_campaign(by=lead, organisation=organisation)
    sf.survey(by=lead, organisation=organisation, campaign=campaign, title="Опрос кампании")
    client.force_login(lead)
    page = client.get(reverse("campaigns:stage", args=[campaign.pk, "needs"]), **EN).content.decode()
    assert "Опрос кампании" in page
    assert f"{reverse('surveys:new')}?campaign={campaign.pk}" in page


def test_the_council_and_the_body_show_their_consultations(client):
    body = get_body()
    council = CouncilFactory(body=body)
    secretary = UserFactory()
    CouncilSecretaryFactory(council=council, user=secretary)
    PlatformRoleFactory(user=secretary, role=PlatformRole.Role.COUNCIL_SECRETARY)
    lead = UserFactory()
    open_one = sf.survey(by=secretary, council=council, title="Открытая консультация", listed=True)
    sf.survey(by=secretary, council=council, title="Черновик консультации", status=Survey.Status.DRAFT)
    sf.survey(by=lead, body=body, title="Итоги органа", status=Survey.Status.CLOSED, results="public")

    anonymous = client.get(council.get_absolute_url(), **EN).content.decode()
    assert (
        "Открытая консультация" in anonymous and reverse("surveys:respond", args=[open_one.pk]) in anonymous
    )
    assert "Черновик консультации" not in anonymous and "Start a consultation" not in anonymous
    client.force_login(secretary)
    theirs = client.get(council.get_absolute_url(), **EN).content.decode()
    assert "Черновик консультации" in theirs
    assert f"{reverse('surveys:new')}?council={council.pk}" in theirs

    client.logout()
    public = client.get(reverse("registry:body", args=[body.code]), **EN).content.decode()
    assert "Итоги органа" in public and "Start a consultation" not in public
    officer = UserFactory()
    PlatformRoleFactory(user=officer, role=PlatformRole.Role.GOVERNMENT_OFFICER, body=body)
    client.force_login(officer)
    theirs = client.get(reverse("registry:body", args=[body.code]), **EN).content.decode()
    assert f"{reverse('surveys:new')}?body={body.pk}" in theirs
