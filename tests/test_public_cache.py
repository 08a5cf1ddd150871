"""Public pages served to anonymous visitors from the cache: no SQL on a repeat visit, a change made through a
service shows at once, conditional GET, languages kept apart, signed-in users and searches never cached."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, Project
from azamat.grants.services.calls import call_close
from azamat.grants.services.results import call_results_publish
from azamat.registry.services import organisation_update
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

KK = {"HTTP_ACCEPT_LANGUAGE": "kk"}


@pytest.fixture
def operator(db):
    user = UserFactory(email="operator@example.kz")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


@pytest.fixture
def decided_call(db):
    """A call whose every application is decided, its results not yet published."""
    call = CallFactory(code="aqtobe-2026", title_en="Aqtobe grants 2026")
    direction = DirectionFactory(call=call)
    winner = ApplicationFactory(
        direction=direction, call=call, status=Application.Status.AWARDED, title="Жасыл аула"
    )
    ApplicationFactory(direction=direction, call=call, status=Application.Status.NOT_AWARDED)
    Project.objects.create(
        application=winner,
        agreement_number="AG-2026-00077",
        amount=Decimal("1800000.00"),
        signed_on=datetime.date(2026, 4, 1),
        starts_on=datetime.date(2026, 4, 15),
        ends_on=datetime.date(2026, 10, 15),
    )
    return call


def public_urls(ngo, call) -> list[str]:
    return [
        reverse("core:home"),
        reverse("registry:directory"),
        reverse("registry:directory") + "?page=1",
        reverse("registry:organisation", args=[ngo.bin]),
        reverse("registry:bodies"),
        reverse("grants:calls"),
        reverse("grants:call", args=[call.code]),
        reverse("grants:dashboard"),
        reverse("grants:open_data"),
    ]


def test_a_second_anonymous_visit_makes_no_query_and_carries_no_csrf_token(client, ngo, decided_call):
    for url in public_urls(ngo, decided_call):
        first = client.get(url, **KK)
        assert first.status_code == 200, url
        assert b"csrfmiddlewaretoken" not in first.content, url
        assert "csrftoken" not in first.cookies, url
        assert first["Cache-Control"] == "public, max-age=60", url
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url, **KK)
        assert len(queries) == 0, (url, [q["sql"] for q in queries])
        assert second.status_code == 200
        assert second.content == first.content, url
        assert second["ETag"] == first["ETag"]
        assert {"Cookie", "Accept-Language"} <= {v.strip() for v in second["Vary"].split(",")}


def test_an_organisation_changed_through_the_service_shows_at_once(client, alice, ngo):
    url = reverse("registry:organisation", args=[ngo.bin])
    before = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert "Мы помогаем детям Актобе" not in before.content.decode()
    organisation_update(organisation=ngo, by=alice, data={"about_ru": "Мы помогаем детям Актобе"})
    after = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert "Мы помогаем детям Актобе" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    # and the directory, which shows the same topic, is rendered afresh too
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("registry:directory"), HTTP_ACCEPT_LANGUAGE="ru")
    assert len(queries) > 0


def test_results_published_through_the_service_show_at_once(client, decided_call, operator):
    call = decided_call
    url = reverse("grants:call_results", args=[call.code])
    assert client.get(url).status_code == 404  # not published: a 404 is not stored
    call_detail = client.get(reverse("grants:call", args=[call.code]))
    call_close(call=call, by=operator)  # results are published once the call has closed
    call_results_publish(call=call, by=operator)
    results = client.get(url)
    assert results.status_code == 200
    assert "Жасыл аула" in results.content.decode()
    assert client.get(reverse("grants:call", args=[call.code]))["ETag"] != call_detail["ETag"]


def test_a_call_closed_through_the_service_changes_the_list(client, decided_call, operator):
    listed = client.get(reverse("grants:calls"))
    call_close(call=decided_call, by=operator)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse("grants:calls"))
    assert len(queries) > 0
    assert again["ETag"] != listed["ETag"]


def test_if_none_match_is_answered_304_without_rendering(client, ngo):
    url = reverse("registry:organisation", args=[ngo.bin])
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert len(queries) == 0
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_if_modified_since_is_answered_304(client, ngo):
    url = reverse("registry:organisation", args=[ngo.bin])
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_signed_in_user_is_never_served_the_anonymous_copy(client, alice, ngo):
    url = reverse("registry:organisation", args=[ngo.bin])
    anonymous = client.get(url)
    client.force_login(alice)
    signed_in = client.get(url)
    assert signed_in.content != anonymous.content
    assert alice.full_name in signed_in.content.decode()
    assert "private" in signed_in["Cache-Control"] and "no-store" in signed_in["Cache-Control"]
    assert "ETag" not in signed_in
    assert b"csrfmiddlewaretoken" in signed_in.content  # a signed-in page keeps its forms working


def test_kazakh_and_russian_copies_are_kept_apart(client, ngo):
    url = reverse("registry:directory")
    kk = client.get(url, HTTP_ACCEPT_LANGUAGE="kk")
    ru = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert kk["ETag"] != ru["ETag"]
    assert kk["Content-Language"] == "kk" and ru["Content-Language"] == "ru"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content == kk.content
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content == ru.content
    assert kk.content != ru.content


def test_a_search_is_not_cached(client, ngo):
    url = reverse("registry:directory") + "?q=болашақ"
    first = client.get(url)
    assert "private" in first["Cache-Control"] and "ETag" not in first
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0


@pytest.mark.parametrize(
    "name, blank",
    [
        ("registry:directory", "?q=&region="),
        ("campaigns:petitions", "?q=&body=&region="),
        ("grants:calls", "?q="),
    ],
)
def test_a_filter_form_sent_with_an_empty_search_box_is_the_cached_page(client, ngo, name, blank):
    """The filter form sends every field, the empty search box too: a blank parameter is no parameter, so the
    form's "Show" with nothing typed is served from the cache as the plain page is (it was rendered each time)."""
    plain = client.get(reverse(name), **KK)
    with CaptureQueriesContext(connection) as queries:
        sent = client.get(reverse(name) + blank, **KK)
    assert sent.status_code == 200 and "public" in sent["Cache-Control"]
    assert len(queries) == 0 and sent["ETag"] == plain["ETag"]
    typed = client.get(reverse(name) + "?q=%20", **KK)
    assert "public" in typed["Cache-Control"]  # spaces alone are nothing typed either


def test_the_language_can_be_chosen_from_a_cached_page_without_a_token(ngo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("registry:directory"))
    assert b"csrfmiddlewaretoken" not in page.content
    response = client.post(reverse("set_language"), {"language": "kk", "next": "/organisations/"})
    assert response.status_code == 302
    assert response.cookies["azamat_language"].value == "kk"


def test_published_results_and_a_project_page_are_cached(client, decided_call, operator):
    call_close(call=decided_call, by=operator)
    call_results_publish(call=decided_call, by=operator)
    project = Project.objects.get(application__call=decided_call)
    for url in [
        reverse("grants:call_results", args=[decided_call.code]),
        reverse("grants:call_results", args=[decided_call.code]) + "?page=1",
        reverse("grants:project", args=[project.pk]),
    ]:
        first = client.get(url)
        assert first.status_code == 200, url
        assert b"csrfmiddlewaretoken" not in first.content, url
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert len(queries) == 0, url
        assert second.content == first.content


def test_a_project_saved_moves_the_dashboard_topic(client, decided_call, operator, rf):
    """The dashboard's figures and the pages showing them follow the records they read: the services and the
    lifecycle move the topic, and so does a save in the admin (no signals)."""
    call_close(call=decided_call, by=operator)
    call_results_publish(call=decided_call, by=operator)
    project = Project.objects.get(application__call=decided_call)
    url = reverse("grants:project", args=[project.pk])
    before = client.get(url)
    project.agreement_number = "AG-2026-00078"
    request = rf.post("/admin/grants/project/")
    request.user = operator
    admin.site._registry[Project].save_model(request, project, None, True)
    with CaptureQueriesContext(connection) as queries:
        after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert len(queries) > 0  # rendered afresh


def test_results_published_through_the_service_show_on_the_cached_profile(client, decided_call, operator):
    """The profile lists grant outcomes (grants/profile.py): publishing results must refresh its cached copy."""
    winner = decided_call.applications.get(status=Application.Status.AWARDED)
    url = reverse("registry:organisation", args=[winner.organisation.bin])
    before = client.get(url)
    assert "Жасыл аула" not in before.content.decode()
    assert client.get(url)["ETag"] == before["ETag"]  # served from the cache
    call_close(call=decided_call, by=operator)
    call_results_publish(call=decided_call, by=operator)
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert "Жасыл аула" in after.content.decode()


def test_a_filter_keeps_its_choices_in_the_cache_until_the_admin_edits_them(client, alice, operator, rf):
    """A search or a signed-in visitor's directory is rendered afresh, but its filters' choices (regions, areas,
    alliances) come from the cache, in the reader's language, until what they list is edited."""
    from azamat.registry.models import Region

    client.force_login(alice)
    url = reverse("registry:directory") + "?q=болашақ"
    first = client.get(url, **KK)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, **KK)
    assert again.status_code == 200
    assert not [q for q in queries if "registry_region" in q["sql"] and "WHERE" not in q["sql"]]
    assert not [q for q in queries if "registry_activityarea" in q["sql"] and "JOIN" not in q["sql"]]
    # Russian is kept apart
    assert "Алматы облысы" in first.content.decode()
    assert "Алматинская область" in client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    region = Region.objects.get(kato="190000000")
    region.name_kk = "Алматы облысы (жаңа атауы)"
    request = rf.post("/admin/registry/region/")
    request.user = operator
    admin.site._registry[Region].save_model(request, region, None, True)
    assert "Алматы облысы (жаңа атауы)" in client.get(url, **KK).content.decode()


def test_the_calls_filter_lists_a_customer_once_its_call_is_published(client, alice, operator):
    from azamat.grants.services.calls import call_publish
    from azamat.registry.models import GovernmentBody

    client.force_login(alice)
    url = reverse("grants:calls") + "?q=грант"
    now = datetime.datetime.now(datetime.UTC)
    call = CallFactory(
        code="draft-2027",
        published=False,
        customer=GovernmentBody.objects.get(code="akimat-10"),
        opens_at=now + datetime.timedelta(days=40),
        closes_at=now + datetime.timedelta(days=70),
    )
    DirectionFactory(call=call)
    customer = call.customer.name_kk
    assert f">{customer}</option>" not in client.get(url, **KK).content.decode()
    call_publish(call=call, by=operator, discussion_until=None)
    assert f">{customer}</option>" in client.get(url, **KK).content.decode()


def test_a_consultation_opened_through_the_service_shows_on_the_bodys_cached_page(client):
    """A body's page lists its open consultations: opening one moves the page's "surveys" topic."""
    from azamat.surveys.models import Survey
    from azamat.surveys.services import survey_status
    from azamat.testing import surveys_factories as sf
    from azamat.testing.campaigns_factories import body as get_body

    body = get_body()
    lead = UserFactory()
    survey = sf.survey(
        by=lead, body=body, title="Консультация о бюджете", listed=True, status=Survey.Status.DRAFT
    )
    url = reverse("registry:body", args=[body.code])
    before = client.get(url, **KK)
    assert client.get(url, **KK)["ETag"] == before["ETag"]  # served from the cache
    assert "Консультация о бюджете" not in before.content.decode()
    survey_status(survey=survey, by=lead, step="open")
    after = client.get(url, **KK)
    assert after["ETag"] != before["ETag"]
    assert "Консультация о бюджете" in after.content.decode()


def test_an_index_edited_in_the_admin_shows_on_the_calls_cached_page(client, operator, rf):
    """A call's page converts its limits from МРП at the index of its opening day, read from the cache: an
    edit of the index in the admin moves the topic "reference" and the page shows the new limits."""
    from azamat.core.models import MonthlyIndex
    from azamat.grants.models import GrantType

    call = CallFactory(
        code="mrp-2026",
        grant_type=GrantType.objects.get(code="short-term"),  # 200 to 3,000 МРП
        opens_at=datetime.datetime(2026, 3, 1, 4, 0, tzinfo=datetime.UTC),
    )
    url = reverse("grants:call", args=[call.code])
    before = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "865,000" in before  # 200 × 4,325 ₸, the index of 2026
    index = MonthlyIndex.objects.get(valid_from=datetime.date(2026, 1, 1))
    index.amount = Decimal("4500.00")
    request = rf.post("/admin/core/monthlyindex/")
    request.user = operator
    admin.site._registry[MonthlyIndex].save_model(request, index, None, True)
    after = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "900,000" in after and "865,000" not in after
