"""The register's API: public problems only, filters refused when malformed, a problem's detail with the items
its recommendations were sent as."""

import pytest
from django.urls import reverse

from azamat.problems import services
from azamat.problems.tests.factories import proposed, registered, working_group_member
from azamat.registry.models import GovernmentBody

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    return working_group_member()


def test_the_list_shows_public_problems_with_their_endorsements(client, alice, ngo, group):
    shown = registered(by=group, group=group)
    services.endorsement_add(problem=shown, organisation=ngo, by=alice, case="Кейс")
    hidden = proposed(by=alice, title="Черновик")
    rows = client.get(reverse("v1:problem-list")).json()["results"]
    assert [row["number"] for row in rows] == [shown.number]
    assert rows[0]["endorsements"] == 1 and rows[0]["area"] == "financing"
    assert client.get(reverse("v1:problem-detail", args=[hidden.number])).status_code == 404


def test_filters(client, group):
    registered(by=group, group=group)
    assert client.get(reverse("v1:problem-list") + "?area=legislation").json()["results"] == []
    assert len(client.get(reverse("v1:problem-list") + "?status=registered").json()["results"]) == 1
    assert client.get(reverse("v1:problem-list") + "?status=proposed").status_code == 400
    assert client.get(reverse("v1:problem-list") + "?area=").status_code == 400


def test_the_detail_shows_where_each_recommendation_is(client, group):
    problem = registered(by=group, group=group)
    body = GovernmentBody.objects.get(code="mci-civil-society")
    recommendation = services.recommendation_add(problem=problem, by=group, text="Срок транша", body=body)
    item = services.recommendation_send(recommendation=recommendation, by=group, quiet=True)
    services.legal_act_add(problem=problem, by=group, name="Закон о НКО", article="ст. 5")
    data = client.get(reverse("v1:problem-detail", args=[problem.number])).json()
    assert data["status"] == "sent"
    assert data["legal_acts"] == [{"name": "Закон о НКО", "article": "ст. 5", "url": ""}]
    [sent] = data["recommendations"][0]["items"]
    assert sent["number"] == item.number and sent["due_on"] == item.due_on.isoformat()
    assert data["recommendations"][0]["body"] == "mci-civil-society"
