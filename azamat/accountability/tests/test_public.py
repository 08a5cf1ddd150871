"""The public pages of accountability: the overview, a body's and a region's figures, the ranking, the items
list, its downloads, the feeds and following; public items only, in every language."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from azamat.accountability import services
from azamat.accountability.models import Follow
from azamat.registry.models import Region
from azamat.testing.accountability_factories import appeal, body, officer_of, other_body

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SECRET = "Закрытое обращение о персональных данных"


@pytest.fixture
def world():
    """A body with an item answered on time, one overdue, one awaiting, and a private one; another body with
    one answered item, in Almaty."""
    today = timezone.localdate()
    ours = body()
    theirs = other_body(ours)
    officer = officer_of(ours)
    almaty = Region.objects.get(kato="750000000")
    long_ago = today - datetime.timedelta(days=90)
    answered = appeal(to=ours, sent_on=long_ago, title="Отвеченное обращение о парке", region=almaty)
    services.item_answer(
        item=answered,
        by=officer,
        outcome="accepted",
        text="",
        answered_on=long_ago + datetime.timedelta(days=4),
    )
    overdue = appeal(
        to=ours, sent_on=today - datetime.timedelta(days=60), title="Просроченное обращение о дороге"
    )
    awaiting = appeal(to=ours, sent_on=today, title="Новое обращение о школе")
    private = appeal(to=ours, sent_on=long_ago, title=SECRET, is_public=False)
    theirs_item = appeal(to=theirs, sent_on=long_ago, title="Обращение в другой орган", region=almaty)
    services.item_answer(
        item=theirs_item,
        by=officer_of(theirs),
        outcome="rejected",
        text="Нет оснований",
        answered_on=long_ago + datetime.timedelta(days=30),
    )
    return {
        "body": ours,
        "other": theirs,
        "almaty": almaty,
        "answered": answered,
        "overdue": overdue,
        "awaiting": awaiting,
        "private": private,
        "theirs": theirs_item,
    }


def _get(client, url, language="ru", **params):
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_overview_shows_the_national_figures_without_private_items(client, world, language):
    page = _get(client, reverse("accountability:overview"), language)
    assert SECRET not in page
    assert 'class="bar-chart"' in page and "<svg" in page
    assert world["almaty"].name_ru in page or language != "ru"
    assert reverse("accountability:region", args=["750000000"]) in page


def test_the_overview_counts(client, world):
    page = _get(client, reverse("accountability:overview"))
    # 4 public items; answered 2, one of them on time (4 days), one late (30 days); one overdue; one awaiting.
    assert "<strong>4</strong> получено обращений" in page or "<strong>4</strong>" in page
    response = client.get(reverse("accountability:overview"), HTTP_ACCEPT_LANGUAGE="en")
    figures = response.context["figures"]
    assert (figures.received, figures.answered, figures.on_time, figures.overdue_now) == (4, 2, 1, 1)
    assert figures.on_time_share == pytest.approx(33.3)  # 1 on time of 3 due (2 answered, 1 overdue)
    assert response.context["median_days"] == 17.0  # 4 and 30 calendar days


def test_a_body_page_shows_its_own_figures_and_feeds(client, world):
    url = reverse("accountability:body", args=[world["body"].code])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.received, figures.answered, figures.on_time, figures.overdue_now) == (3, 1, 1, 1)
    page = response.content.decode()
    assert reverse("accountability:body_feed_overdue", args=[world["body"].code]) in page
    assert SECRET not in page


def test_a_body_page_lists_its_items_overdue_now(client, world):
    response = client.get(
        reverse("accountability:body", args=[world["body"].code]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.context["overdue_items"] == [world["overdue"]]
    listed = client.get(
        reverse("accountability:items"), {"status": "overdue_now", "body": world["body"].code}
    )
    assert list(listed.context["page"].object_list) == [world["overdue"]]


def test_a_region_page_counts_the_items_of_the_region(client, world):
    response = client.get(reverse("accountability:region", args=["750000000"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert response.context["figures"].received == 2
    assert {row.subject for row in response.context["bodies"]} == {world["body"], world["other"]}


def test_unknown_body_and_region_are_not_found(client, world):
    assert client.get(reverse("accountability:body", args=["no-such-body"])).status_code == 404
    assert client.get(reverse("accountability:region", args=["999999999"])).status_code == 404
    assert client.get(reverse("accountability:region", args=["abc"])).status_code == 404


def test_the_year_and_quarter_filters(client, world):
    year = timezone.localdate().year
    response = client.get(reverse("accountability:overview"), {"year": str(year), "period": "quarter"})
    assert response.status_code == 200
    assert response.context["period"] == "quarter" and len(response.context["periods"]) == 8
    junk = client.get(reverse("accountability:overview"), {"year": "1850", "period": "<script>"})
    assert junk.status_code == 200 and junk.context["figures"].received == 4  # junk filters are ignored


def test_the_ranking_ranks_bodies_with_enough_items(client, world):
    url = reverse("accountability:ranking")
    response = client.get(url, {"min_items": "1"})
    rows = list(response.context["page"].object_list)
    # Theirs: 0 of 1 due on time; ours: 1 of 2 (answered and overdue).
    assert [row.subject for row in rows] == [world["body"], world["other"]]
    assert (
        client.get(url, {"min_items": "1", "sort": "-share"}).context["page"].object_list[0].subject
        == world["other"]
    )
    assert list(client.get(url).context["page"].object_list) == []  # fewer than 5 items each
    assert client.get(url, {"min_items": "2", "level": "republican"}).status_code == 200
    assert client.get(url, {"min_items": "абв", "sort": "x", "region": "1"}).status_code == 200


def test_the_items_list_filters_and_hides_private_items(client, world):
    url = reverse("accountability:items")
    page = _get(client, url)
    assert world["answered"].title in page and world["theirs"].title in page
    assert SECRET not in page
    overdue = client.get(url, {"status": "long_overdue"}).context["page"].object_list
    assert list(overdue) == [world["overdue"]]
    assert list(client.get(url, {"body": world["other"].code}).context["page"].object_list) == [
        world["theirs"]
    ]
    assert len(client.get(url, {"region": "750000000"}).context["page"].object_list) == 2
    assert list(client.get(url, {"q": "ПАРКЕ"}).context["page"].object_list) == [world["answered"]]
    assert list(client.get(url, {"q": "парке"}).context["page"].object_list) == [world["answered"]]
    number = world["overdue"].number
    assert list(client.get(url, {"q": number}).context["page"].object_list) == [world["overdue"]]
    assert list(client.get(url, {"q": SECRET}).context["page"].object_list) == []
    assert client.get(url, {"status": "nonsense", "year": "x", "page": "999"}).status_code == 200


def test_the_items_download_follows_the_filters(client, world):
    response = client.get(
        reverse("accountability:items_download", args=["csv"]), {"body": world["body"].code}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    # Kazakh (the page's language): separated by ";", as Excel reads a list on Kazakh Windows.
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    numbers = {row[0] for row in rows[1:]}
    assert numbers == {world["answered"].number, world["overdue"].number, world["awaiting"].number}
    xlsx = client.get(reverse("accountability:items_download", args=["xlsx"]), {"lang": "kk"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 5  # the header and the four public items
    assert client.get(reverse("accountability:items_download", args=["pdf"])).status_code == 404


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, world):
    appeal(to=world["body"], sent_on=timezone.localdate(), title='=HYPERLINK("http://evil")')
    response = client.get(reverse("accountability:items_download", args=["csv"]))
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_the_ranking_download(client, world):
    response = client.get(
        reverse("accountability:ranking_download", args=["csv"]), {"min_items": "1", "lang": "ru"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    with translation.override("ru"):
        assert rows[0][0] == gettext("Government body")  # the header in the language asked for
    assert [row[1] for row in rows[1:]] == [world["body"].code, world["other"].code]


def _entries(response):
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_the_overdue_feed_lists_items_that_became_overdue(client, world):
    response = client.get(reverse("accountability:feed_overdue"))
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    titles = _entries(response)
    # The overdue one, and theirs, answered 30 days after sending: late, so it became overdue too (earlier).
    overdue, theirs = world["overdue"], world["theirs"]
    assert titles == [f"{overdue.number}: {overdue.title}", f"{theirs.number}: {theirs.title}"]
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    first = root.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}updated").text.startswith(
        (overdue.due_on + datetime.timedelta(days=1)).isoformat()
    )


def test_the_answered_feeds_national_and_per_body(client, world):
    national = _entries(client.get(reverse("accountability:feed_answered")))
    assert len(national) == 2 and not any(SECRET in title for title in national)
    ours = _entries(client.get(reverse("accountability:body_feed_answered", args=[world["body"].code])))
    assert ours == [f"{world['answered'].number}: {world['answered'].title}"]
    assert client.get(reverse("accountability:body_feed_overdue", args=["no-such"])).status_code == 404


def test_following_a_body_and_a_region(client, world):
    from azamat.testing.factories import UserFactory

    person = UserFactory()
    url = reverse("accountability:body_follow", args=[world["body"].code])
    assert client.post(url)["Location"].startswith("/accounts/login/")
    client.force_login(person)
    page = _get(client, reverse("accountability:body", args=[world["body"].code]))
    assert url in page and "csrfmiddlewaretoken" in page
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert Follow.objects.filter(user=person, body=world["body"]).count() == 1
    assert client.post(url).status_code == 302  # twice is still once
    assert Follow.objects.filter(user=person, body=world["body"]).count() == 1
    assert client.get(reverse("accountability:body", args=[world["body"].code])).context["following"]
    client.post(url, {"follow": "0"})
    assert not Follow.objects.filter(user=person, body=world["body"]).exists()
    region_url = reverse("accountability:region_follow", args=["750000000"])
    assert client.post(region_url).status_code == 302
    assert Follow.objects.filter(user=person, region=world["almaty"]).exists()


def test_an_anonymous_visitor_gets_a_cached_page_with_a_sign_in_link(client, world):
    url = reverse("accountability:body", args=[world["body"].code])
    page = _get(client, url)
    assert "csrfmiddlewaretoken" not in page
    assert reverse("account_login") in page
    again = client.get(url)
    assert again["Cache-Control"].startswith("public") or "public" in again["Cache-Control"]


def test_a_new_answer_shows_at_once_on_the_cached_pages(client, world):
    url = reverse("accountability:overview")
    before = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    services.item_answer(
        item=world["overdue"], by=officer_of(world["body"]), outcome="accepted", text="", answered_on=None
    )
    after = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert after.content != before
