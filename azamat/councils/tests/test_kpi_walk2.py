"""An assessor who sits on the council herself (in the demo, ngo@'s Aigerim designated an assessor of her own
council's period; here its secretary, who also holds a seat) scores the other members, never herself: the sheet
does not offer her seat, the service refuses it with nothing changed, and the workspace does not count her among
the members waiting for her scores. And the period's form sent twice opens one period."""

from decimal import Decimal

import pytest
from django.urls import reverse

from azamat.core.errors import DomainError
from azamat.councils import dashboard
from azamat.councils import kpi_errors as errors
from azamat.councils.kpi_models import Score
from azamat.councils.services import kpi as services
from azamat.councils.tests.test_kpi import Story
from azamat.testing.councils_factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    """The Story's council, whose secretary also sits on it as a member and is designated an assessor."""
    story = Story()
    story.seat = MemberFactory(council=story.council, full_name="Секретарь Совета", user=story.secretary)
    services.assessor_designate(period=story.period, user=story.secretary, by=story.secretary)
    return story


def test_an_assessor_cannot_score_her_own_seat_and_nothing_changes(story):
    history = Score.history.count()
    with pytest.raises(DomainError) as raised:
        services.score_give(
            criterion=story.criterion("transparency"),
            member=story.seat,
            value=Decimal(10),
            justification="Я отлично работала.",
            by=story.secretary,
        )
    assert raised.value.code == errors.OWN_SCORE
    assert str(raised.value) == (
        "You sit on the council yourself: your own KPIs are scored by the other assessors."
    )
    assert not Score.objects.exists() and Score.history.count() == history
    # The others she scores as any assessor does.
    services.score_give(
        criterion=story.criterion("transparency"),
        member=story.daria,
        value=Decimal(7),
        justification="Отчитывается.",
        by=story.secretary,
    )
    assert list(Score.objects.values_list("member__full_name", "value")) == [("Дарья Ким", Decimal(7))]


def test_her_sheet_does_not_offer_her_seat_and_a_sent_one_is_refused(client, story):
    client.force_login(story.secretary)
    url = reverse("councils:kpi_score", args=[story.council.pk, story.period.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{story.daria.pk}">Дарья Ким</option>' in page
    assert f'<option value="{story.seat.pk}">' not in page
    response = client.post(
        url,
        {
            "member": story.seat.pk,
            "criterion": story.criterion("transparency").pk,
            "value": "10",
            "justification": "Я отлично работала.",
        },
    )
    assert response.status_code == 400 and not Score.objects.exists()
    # Another assessor scores her seat as any other.
    assert f'<option value="{story.seat.pk}">' in _sheet_of(client, story.assessor, url)


def _sheet_of(client, user, url) -> str:
    client.force_login(user)
    return client.get(url).content.decode()


def test_the_workspace_does_not_wait_for_her_own_scores(story):
    for member in (story.aigerim, story.bolat, story.daria):
        for code in ("organisation", "ngos", "transparency", "publicity"):
            services.score_give(
                criterion=story.criterion(code),
                member=member,
                value=Decimal(5),
                justification="Работает.",
                by=story.secretary,
            )
    [card] = dashboard._assessments(story.secretary)
    assert card.description == (
        "2026 жыл: every member has your scores; they can be corrected until it is published."
    )


def test_the_period_form_sent_twice_opens_one_period(client, story):
    """Walking the demo as secretary@: opening a period and sending the form again (the back button) opened a
    second period with the same name and dates, its criteria copied again."""
    client.force_login(story.secretary)
    url = reverse("councils:kpi_period_open", args=[story.council.pk])
    data = {
        "name": "Первое полугодие",
        "starts_on": story.period.starts_on.isoformat(),
        "ends_on": story.period.ends_on.isoformat(),
    }
    first = client.post(url, data)
    period = story.council.kpi_periods.get(name="Первое полугодие")
    manage = reverse("councils:kpi_period_manage", args=[story.council.pk, period.pk])
    assert first.status_code == 302 and first["Location"] == manage
    again = client.post(url, {**data, "name": " первое  полугодие "}, follow=True)
    assert again.redirect_chain == [(manage, 302)]
    assert "This period is already open: “Первое полугодие”" in again.content.decode()
    assert story.council.kpi_periods.filter(name__iexact="Первое полугодие").count() == 1
    with pytest.raises(DomainError) as raised:
        services.period_open(
            council=story.council,
            name="Первое полугодие",
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            by=story.secretary,
        )
    assert raised.value.code == errors.PERIOD_EXISTS and raised.value.period == period
