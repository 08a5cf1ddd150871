"""Calls: creating and publishing with the discussion period, closing, the public discussion; the public
pages in Kazakh and Russian; the API of calls and directions."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from azamat.core.errors import DomainError
from azamat.grants.factories import CallFactory, DirectionFactory, grant_type
from azamat.grants.models import Call, DirectionComment
from azamat.grants.services.calls import call_close, call_create, call_publish, direction_comment_add
from azamat.registry.models import GovernmentBody, Region

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
MONDAY = datetime.datetime(2026, 2, 2, 10, 0, tzinfo=ALMATY)  # no public holidays in February 2026
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def at(day: int, month: int = 3, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, 0, tzinfo=ALMATY)


@pytest.fixture
def draft_call(operator):
    return call_create(
        by=operator,
        data={
            "code": "youth-2026",
            "title_kk": "Жастар саясаты гранттары 2026",
            "title_ru": "Гранты молодёжной политики 2026",
            "grant_type": grant_type(),
            "customer": GovernmentBody.objects.get(code="mci-civil-society"),
            "operator": GovernmentBody.objects.get(code="cso-support-centre"),
            "opens_at": at(2),
            "closes_at": at(31),
        },
        directions=[
            {
                "title_kk": "Ауыл жастары",
                "title_ru": "Сельская молодёжь",
                "budget": Decimal("60000000"),
                "planned_grants": 6,
            },
            {
                "title_kk": "Маңғыстау еріктілері",
                "title_ru": "Волонтёры Мангистау",
                "budget": Decimal("20000000"),
                "planned_grants": 2,
                "region": Region.objects.get(kato="470000000"),
            },
        ],
    )


# --- Services ------------------------------------------------------------------------------------------------------


def test_the_operator_creates_a_draft_call_with_its_directions(draft_call, operator):
    assert (draft_call.published, draft_call.created_by, draft_call.phase) == (False, operator, "draft")
    assert list(draft_call.directions.values_list("title_ru", "position")) == [
        ("Сельская молодёжь", 0),
        ("Волонтёры Мангистау", 1),
    ]


def test_only_the_operator_creates_calls(carol):
    with pytest.raises(DomainError) as error:
        call_create(by=carol, data={"code": "x"})
    assert str(error.value) == "Only the grant operator's staff can manage calls."
    assert not Call.objects.exists()


def test_publishing_starts_ten_working_days_of_discussion(draft_call, operator):
    call = call_publish(call=draft_call, by=operator)
    assert (call.published, call.discussion_until, call.phase) == (
        True,
        datetime.date(2026, 2, 16),
        "discussion",
    )


def test_the_discussion_can_last_longer_but_not_shorter(draft_call, operator):
    with pytest.raises(DomainError) as error:
        call_publish(call=draft_call, by=operator, discussion_until=datetime.date(2026, 2, 13))
    assert str(error.value) == (
        "The public discussion of the directions must last at least 10 working days from "
        "publication: until 02/16/2026 or later."
    )
    draft_call.refresh_from_db()
    assert (draft_call.published, draft_call.discussion_until) == (False, None)
    call = call_publish(call=draft_call, by=operator, discussion_until=datetime.date(2026, 2, 20))
    assert call.discussion_until == datetime.date(2026, 2, 20)


def test_the_discussion_must_end_before_the_call_opens(draft_call, operator):
    draft_call.opens_at = at(10, month=2)
    draft_call.save()
    with pytest.raises(DomainError) as error:
        call_publish(call=draft_call, by=operator)
    assert str(error.value) == (
        "The public discussion must end before the call opens on 02/10/2026; move the "
        "opening later or shorten the discussion."
    )
    assert Call.objects.get(pk=draft_call.pk).published is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closes_at": at(2)}, "The call must close after it opens."),
        (
            {"opens_at": at(1, month=1), "closes_at": at(1, month=2)},
            "The closing date has passed; set a later one before publishing.",
        ),
    ],
)
def test_publishing_checks_the_dates(draft_call, operator, change, message):
    Call.objects.filter(pk=draft_call.pk).update(**change)
    with pytest.raises(DomainError) as error:
        call_publish(call=draft_call, by=operator)
    assert str(error.value) == message
    assert Call.objects.get(pk=draft_call.pk).published is False


def test_publishing_needs_directions_with_budgets(draft_call, operator):
    draft_call.directions.filter(position=1).update(budget=0)
    with pytest.raises(DomainError) as error:
        call_publish(call=draft_call, by=operator)
    assert (
        str(error.value) == "The direction “Волонтёры Мангистау” needs a budget above zero."
    )  # no English title
    draft_call.directions.all().delete()
    with pytest.raises(DomainError) as error:
        call_publish(call=draft_call, by=operator)
    assert str(error.value) == "Add at least one priority direction before publishing the call."
    assert Call.objects.get(pk=draft_call.pk).published is False


def test_a_call_is_published_once_and_only_by_the_operator(draft_call, operator, alice):
    with pytest.raises(DomainError):
        call_publish(call=draft_call, by=alice)
    call_publish(call=draft_call, by=operator)
    with pytest.raises(DomainError) as error:
        call_publish(call=draft_call, by=operator)
    assert str(error.value) == "The call is already published."


def test_closing_an_open_call_early(operator):
    call = CallFactory(opens_at=at(1, month=1), closes_at=at(1, month=4))
    call_close(call=call, by=operator)
    call.refresh_from_db()
    assert (call.closes_at, call.phase) == (MONDAY, "closed")
    with pytest.raises(DomainError) as error:
        call_close(call=call, by=operator)
    assert str(error.value) == "The call is already closed."


def test_comments_only_while_the_discussion_lasts(draft_call, operator, alice, carol):
    call_publish(call=draft_call, by=operator)
    direction = draft_call.directions.first()
    comment = direction_comment_add(direction=direction, by=carol, text="  Ауылдық кітапханаларды қосыңыз.  ")
    assert (comment.author, comment.text) == (carol, "Ауылдық кітапханаларды қосыңыз.")
    with pytest.raises(DomainError) as error:
        direction_comment_add(direction=direction, by=alice, text="   ")
    assert str(error.value) == "Write a comment first."
    with (
        time_machine.travel(datetime.datetime(2026, 2, 17, 0, 5, tzinfo=ALMATY)),
        pytest.raises(DomainError) as error,
    ):
        direction_comment_add(direction=direction, by=alice, text="Кешігіп қалдым")
    assert str(error.value) == "The public discussion of this call's directions is over."
    assert list(DirectionComment.objects.values_list("text", flat=True)) == [
        "Ауылдық кітапханаларды қосыңыз."
    ]


def test_no_comments_on_a_draft_call(draft_call, carol):
    with pytest.raises(DomainError) as error:
        direction_comment_add(direction=draft_call.directions.first(), by=carol, text="Early")
    assert error.value.code == "not_allowed"
    assert not DirectionComment.objects.exists()


# --- Pages ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def open_call(db):
    call = CallFactory(
        code="youth-open",
        title_kk="Жастар гранттары",
        title_ru="Молодёжные гранты",
        opens_at=at(1, month=1),
        closes_at=at(1, month=4),
    )
    DirectionFactory(call=call, budget=Decimal("50000000"), planned_grants=5)
    return call


def test_the_call_list_filters_by_phase_customer_and_grant_type(client, open_call):
    CallFactory(code="hidden-draft", published=False, opens_at=at(1, month=1), closes_at=at(1, month=4))
    upcoming = CallFactory(
        code="later",
        title_ru="Экология",
        opens_at=at(1, month=5),
        closes_at=at(1, month=6),
        grant_type=grant_type("medium-term"),
    )
    body = client.get(reverse("grants:calls"), **EN).content.decode()
    assert "youth-open" in body and "/later/" in body and "hidden-draft" not in body
    body = client.get(reverse("grants:calls"), {"phase": "open"}, **EN).content.decode()
    assert "youth-open" in body and "/later/" not in body
    body = client.get(reverse("grants:calls"), {"grant_type": "medium-term"}, **EN).content.decode()
    assert "youth-open" not in body and upcoming.get_absolute_url() in body
    body = client.get(
        reverse("grants:calls"), {"customer": "mci-civil-society", "phase": "upcoming"}, **EN
    ).content.decode()
    assert "youth-open" not in body and upcoming.get_absolute_url() in body


def test_the_call_page_speaks_kazakh_and_russian(client, open_call):
    kazakh = client.get(open_call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="kk")
    russian = client.get(open_call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru")
    assert (kazakh.status_code, kazakh.headers["Content-Language"]) == (200, "kk")
    assert "<h1>Жастар гранттары</h1>" in kazakh.content.decode()
    assert "Жастарды қолдау" in kazakh.content.decode()  # the direction
    assert russian.headers["Content-Language"] == "ru"
    assert "<h1>Молодёжные гранты</h1>" in russian.content.decode()
    assert "Поддержка молодёжи" in russian.content.decode()


def test_the_call_page_states_the_rules_in_tenge(client, open_call):
    body = client.get(open_call.get_absolute_url(), **EN).content.decode()
    # 200 to 3,000 МРП at the 2026 МРП of 4,325 ₸, the day the call opened.
    assert "A grant is from 865,000 ₸ to 12,975,000 ₸." in body
    assert "The limits are 200 to 3,000 МРП, at 4,325 ₸ per МРП in force on 1 January 2026" in body
    assert "A project lasts from 3 to 12 months." in body
    assert "The organisation must have been registered at least 1 year ago." in body
    assert "from 1 January 2026, 09:00 to 1 April 2026, 09:00, Almaty time" in body
    assert "50,000,000 ₸" in body and "Charter" in body and "Certificate of state registration" in body


def test_the_apply_button_is_for_members_of_organisations(client, open_call, alice, carol):
    apply_url = reverse("grants:call_apply", args=[open_call.code])
    assert apply_url not in client.get(open_call.get_absolute_url(), **EN).content.decode()
    client.force_login(carol)
    body = client.get(open_call.get_absolute_url(), **EN).content.decode()
    assert apply_url not in body and "Only members of an organisation can apply." in body
    response = client.get(apply_url, **EN)
    assert response.status_code == 403
    assert "Only members of an organisation can apply." in response.content.decode()
    client.force_login(alice)
    assert apply_url in client.get(open_call.get_absolute_url(), **EN).content.decode()


def test_a_draft_call_is_hidden_from_the_public_but_not_from_the_operator(client, draft_call, operator):
    assert client.get(draft_call.get_absolute_url()).status_code == 404
    client.force_login(operator)
    body = client.get(draft_call.get_absolute_url(), **EN).content.decode()
    assert "Publish the call" in body
    response = client.post(
        reverse("grants:call_publish", args=[draft_call.code]), {"discussion_until": ""}, **EN
    )
    assert response.status_code == 302
    assert Call.objects.get(pk=draft_call.pk).discussion_until == datetime.date(2026, 2, 16)


def test_signed_in_people_comment_during_the_discussion(client, draft_call, operator, carol):
    call_publish(call=draft_call, by=operator)
    direction = draft_call.directions.first()
    url = reverse("grants:direction_comment", args=[draft_call.code, direction.pk])
    assert client.post(url, {"text": "Anonymous"}).status_code == 302
    assert not DirectionComment.objects.exists()
    body = client.get(draft_call.get_absolute_url(), **EN).content.decode()
    assert "Sign in to comment" in body
    client.force_login(carol)
    body = client.get(draft_call.get_absolute_url(), **EN).content.decode()
    assert f'for="comment-{direction.pk}-text"' in body
    response = client.post(url, {"text": "<script>alert(1)</script> Ауылдарды ұмытпаңыз"}, follow=True, **EN)
    body = response.content.decode()
    assert "Your comment is published." in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ауылдарды ұмытпаңыз" in body


def test_the_operator_closes_an_open_call_from_its_page(client, open_call, operator, alice):
    url = reverse("grants:call_close", args=[open_call.code])
    client.force_login(alice)
    assert client.post(url).status_code == 403
    client.force_login(operator)
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert Call.objects.get(pk=open_call.pk).phase == "closed"


def test_closing_a_call_early_asks_first_as_it_cannot_be_undone(client, open_call, operator):
    """operator@ tapped "Close the call now" on a phone and the call closed at once, weeks early, for every
    applicant still writing. Now the tap shows when the call was to close and asks to confirm."""
    url = reverse("grants:call_close", args=[open_call.code])
    client.force_login(operator)
    asked = client.post(url, **EN)
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "<h1>Close the call now?</h1>" in page
    assert "1 April 2026, 09:00" in page
    assert (
        "Applications are no longer accepted from this moment, drafts included; this cannot be undone."
        in page
    )
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert Call.objects.get(pk=open_call.pk).phase == "open"

    assert client.post(url, {"confirm": "yes"}).url == open_call.get_absolute_url()
    assert Call.objects.get(pk=open_call.pk).phase == "closed"


def test_members_see_their_applications_and_open_calls_on_the_dashboard(client, open_call, alice):
    client.force_login(alice)
    body = client.get(reverse("accounts:dashboard"), **EN).content.decode()
    assert "Open calls for grants" in body and f"{reverse('grants:calls')}?phase=open" in body


def test_operators_see_their_work_on_the_dashboard(client, operator):
    client.force_login(operator)
    body = client.get(reverse("accounts:dashboard"), **EN).content.decode()
    assert "Near-duplicate applications" in body and reverse("grants:similarity") in body


# --- API -----------------------------------------------------------------------------------------------------------


def test_the_api_lists_published_calls_only(client, open_call, draft_call):
    data = client.get("/api/v1/calls/").json()
    assert [c["code"] for c in data["results"]] == ["youth-open"]
    call = data["results"][0]
    assert (call["grant_type"], call["customer"], call["phase"]) == (
        "short-term",
        "mci-civil-society",
        "open",
    )
    assert (call["min_amount"], call["max_amount"]) == ("865000.00", "12975000.00")
    assert [d["title_ru"] for d in call["directions"]] == ["Поддержка молодёжи"]
    assert client.get(f"/api/v1/calls/{draft_call.code}/").status_code == 404
    assert client.get("/api/v1/calls/youth-open/").json()["title_kk"] == "Жастар гранттары"


def test_the_api_filters_calls_and_directions(client, open_call):
    other = CallFactory(
        code="ecology",
        grant_type=grant_type("medium-term"),
        opens_at=at(1, month=5),
        closes_at=at(1, month=6),
    )
    DirectionFactory(call=other, title_ru="Чистый Каспий")
    assert [
        c["code"] for c in client.get("/api/v1/calls/", {"grant_type": "medium-term"}).json()["results"]
    ] == ["ecology"]
    assert [c["code"] for c in client.get("/api/v1/calls/", {"customer": "nobody"}).json()["results"]] == []
    assert [c["code"] for c in client.get("/api/v1/calls/", {"phase": "open"}).json()["results"]] == [
        "youth-open"
    ]
    directions = client.get("/api/v1/directions/", {"call": "ecology"}).json()["results"]
    assert [(d["call"], d["title_ru"], d["budget"]) for d in directions] == [
        ("ecology", "Чистый Каспий", "50000000.00")
    ]


def test_the_api_of_calls_is_read_only(client, open_call, operator):
    client.force_login(operator)
    assert client.post("/api/v1/calls/", {"code": "new"}).status_code == 405
    assert client.delete("/api/v1/calls/youth-open/").status_code == 405


def test_the_call_list_answers_htmx_with_the_results_only(client, open_call):
    response = client.get(reverse("grants:calls"), {"phase": "open"}, HTTP_HX_REQUEST="true", **EN)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"') and "youth-open" in body and "<html" not in body


def test_a_refused_comment_comes_back_with_its_reason_and_its_text(draft_call, operator, carol, client):
    """A comment over the limit (the page's count lets a pasted text through whole) or sent after the discussion
    closed was refused by a redirect: the typed text was gone. Now the page comes back with the text in the box."""
    call_publish(call=draft_call, by=operator)
    direction = draft_call.directions.first()
    url = reverse("grants:direction_comment", args=[draft_call.code, direction.pk])
    client.force_login(carol)
    long_text = "Ауылдық кітапханаларды қосыңыз. " * 100  # 3,200 characters
    response = client.post(url, {"text": long_text}, **EN)
    assert response.status_code == 400
    body = response.content.decode()
    assert "At most 3,000 characters, please; this text has 3,199." in body
    assert f'id="comment-{direction.pk}-text"' in body
    assert escape(long_text.strip()) in body
    with time_machine.travel(datetime.datetime(2026, 2, 17, 0, 5, tzinfo=ALMATY)):
        client.force_login(carol)  # a fortnight later: a new session
        response = client.post(url, {"text": "Кешігіп қалдым"}, **EN)
        assert "Кешігіп қалдым</textarea>" in response.content.decode()
    assert response.status_code == 400
    assert "The public discussion of this call&#x27;s directions is over." in response.content.decode()
    assert not DirectionComment.objects.exists()
    response = client.post(url, {"text": "Ауылдық кітапханаларды қосыңыз."}, **EN)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#direction-{direction.pk}")
    assert DirectionComment.objects.get().text == "Ауылдық кітапханаларды қосыңыз."


def test_an_empty_comment_is_refused_by_the_page_in_its_language_not_by_the_browser(
    client, draft_call, operator, carol
):
    """A citizen (page in Kazakh) sent an empty comment: Chromium stopped the form with its own bubble in the
    phone's language. The form leaves the check to the server, which answers in the page's language."""
    call_publish(call=draft_call, by=operator)
    direction = draft_call.directions.first()
    client.force_login(carol)
    body = client.get(draft_call.get_absolute_url()).content.decode()
    action = reverse("grants:direction_comment", args=[draft_call.code, direction.pk])
    assert f'<form method="post" action="{action}" novalidate>' in body
