"""An organisation's profile lists its applications' public outcomes and its projects, through the registry's
hook (`grants/profile.py`); an outcome the call has not published yet is not there."""

from decimal import Decimal

import pytest
from django.urls import reverse

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import AgendaItem, Application, Commission, Sitting
from azamat.grants.tests.test_projects import make_operator, make_project

pytestmark = pytest.mark.django_db


def profile(client, organisation, language="en") -> str:
    response = client.get(
        reverse("registry:organisation", args=[organisation.bin]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


def decided(organisation, status, *, results_published=True, title="Ауыл жастарына кәсіптік бағдар"):
    call = CallFactory(results_published=results_published)
    return ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=organisation,
        status=status,
        title=title,
    )


def test_a_profile_lists_awarded_and_not_awarded_with_the_call_amount_and_project(client, ngo):
    project = make_project(organisation=ngo, operator=make_operator(), amount=Decimal("7250000.00"))
    refused = decided(ngo, Application.Status.NOT_AWARDED, title="Қарттарға көмек")
    html = profile(client, ngo)
    assert "State grants" in html
    assert project.application.call.title_en in html
    assert "7,250,000.00" in html
    assert project.agreement_number in html
    assert project.get_absolute_url() in html
    assert refused.title in html and refused.call.title_en in html
    assert "Not awarded" in html


def test_an_award_without_an_agreement_shows_the_commission_amount(client, ngo):
    application = decided(ngo, Application.Status.AWARDED)
    commission = Commission.objects.create(call=application.call)
    sitting = Sitting.objects.create(commission=commission, starts_at=application.call.closes_at)
    AgendaItem.objects.create(
        sitting=sitting,
        application=application,
        rank=1,
        recommendation="support",
        decision="awarded",
        amount=Decimal("3100000.00"),
    )
    assert "3,100,000.00" in profile(client, ngo)


def test_outcomes_not_yet_published_and_applications_in_progress_are_not_listed(client, ngo):
    decided(ngo, Application.Status.AWARDED, results_published=False, title="Жарияланбаған шешім")
    decided(ngo, Application.Status.REVIEWED, title="Сарапталған өтінім")
    html = profile(client, ngo)
    assert "Жарияланбаған шешім" not in html
    assert "Сарапталған өтінім" not in html
    assert "State grants" not in html
