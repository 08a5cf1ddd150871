"""The accountability API: public items with their status, each body's figures; filters refused when malformed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from azamat.accountability import services
from azamat.testing.accountability_factories import appeal, body, officer_of, other_body

pytestmark = [pytest.mark.django_db, pytest.mark.urls("azamat.accountability.tests.api_urls")]

SECRET = "Закрытое обращение"


@pytest.fixture
def world():
    today = timezone.localdate()
    ours = body()
    theirs = other_body(ours)
    officer = officer_of(ours)
    long_ago = today - datetime.timedelta(days=90)
    answered = appeal(to=ours, sent_on=long_ago, title="Отвеченное")
    services.item_answer(
        item=answered,
        by=officer,
        outcome="accepted",
        text="",
        answered_on=long_ago + datetime.timedelta(days=3),
    )
    overdue = appeal(to=ours, sent_on=today - datetime.timedelta(days=60), title="Просроченное")
    private = appeal(to=ours, sent_on=long_ago, title=SECRET, is_public=False)
    theirs_item = appeal(to=theirs, sent_on=today, title="Новое")
    return {
        "body": ours,
        "other": theirs,
        "answered": answered,
        "overdue": overdue,
        "private": private,
        "theirs": theirs_item,
    }


def test_the_items_list_has_public_items_with_their_status(client, world):
    data = client.get(reverse("v1:accountability-item-list")).json()
    assert data["count"] == 3
    by_number = {row["number"]: row for row in data["results"]}
    assert world["private"].number not in by_number
    answered = by_number[world["answered"].number]
    assert answered["status"] == "answered" and answered["answered_on_time"] is True
    assert answered["body"] == world["body"].code
    assert by_number[world["overdue"].number]["status"] == "long_overdue"
    assert by_number[world["overdue"].number]["answered_on_time"] is None
    assert by_number[world["theirs"].number]["status"] == "awaiting"


def test_the_items_list_filters(client, world):
    url = reverse("v1:accountability-item-list")
    numbers = lambda **q: [r["number"] for r in client.get(url, q).json()["results"]]  # noqa: E731
    assert numbers(status="awaiting") == [world["theirs"].number]
    assert numbers(body=world["other"].code) == [world["theirs"].number]
    assert numbers(year=str(timezone.localdate().year - 5)) == []
    for bad in ({"status": "nope"}, {"region": "12"}, {"year": "20x"}, {"year": "1.5"}, {"body": ""}):
        assert client.get(url, bad).status_code == 400, bad


def test_an_item_by_its_number_and_never_a_private_one(client, world):
    response = client.get(reverse("v1:accountability-item-detail", args=[world["answered"].number]))
    assert response.status_code == 200 and response.json()["outcome"] == "accepted"
    private = client.get(reverse("v1:accountability-item-detail", args=[world["private"].number]))
    assert private.status_code == 404


def test_each_body_s_figures(client, world):
    data = client.get(reverse("v1:accountability-body-statistics-list")).json()
    rows = {row["body"]: row for row in data["results"]}
    ours = rows[world["body"].code]
    assert (
        ours["received"],
        ours["answered"],
        ours["answered_on_time"],
        ours["due"],
        ours["overdue_now"],
    ) == (
        2,
        1,
        1,
        2,
        1,
    )
    assert ours["on_time_share"] == 50.0 and ours["median_days_to_answer"] == 3.0
    theirs = rows[world["other"].code]
    assert theirs["on_time_share"] is None and theirs["due"] == 0
    assert [row["body"] for row in data["results"]] == [world["body"].code, world["other"].code]


def test_the_figures_filters(client, world):
    url = reverse("v1:accountability-body-statistics-list")
    assert client.get(url, {"min_items": "2"}).json()["count"] == 1
    assert client.get(url, {"region": "999999999"}).json()["count"] == 0
    for bad in ({"min_items": "0"}, {"level": "galactic"}, {"region": "x"}, {"year": ""}):
        assert client.get(url, bad).status_code == 400, bad


def test_the_schema_describes_the_endpoints_without_warnings():
    from azamat.accountability.tests import api_urls

    schema = SchemaGenerator(patterns=api_urls.urlpatterns[:1]).get_schema(request=None, public=True)
    paths = schema["paths"]
    assert "/api/v1/accountability/items/{number}/" in paths
    assert "/api/v1/accountability/bodies/" in paths
    parameters = {p["name"] for p in paths["/api/v1/accountability/bodies/"]["get"]["parameters"]}
    assert {"level", "region", "year", "min_items", "page", "page_size"} <= parameters
