"""Published results and open data in the 360Giving Data Standard's field names."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from azamat.core.errors import DomainError
from azamat.grants import opendata
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, Project
from azamat.grants.services.results import awarded_grants, call_results_publish, results_summary
from azamat.grants.views.public import RESULTS_PAGE_SIZE
from azamat.registry.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    from azamat.testing.factories import PlatformRoleFactory, UserFactory

    user = UserFactory(email="operator@example.kz")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


@pytest.fixture
def decided_call(db):
    # Results are published once the call has closed (grants/lifecycle.py, CALL "publish_results").
    now = datetime.datetime.now(tz=datetime.UTC)
    call = CallFactory(
        code="mangystau-2026",
        title_en="Mangystau grants 2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
    )
    direction = DirectionFactory(call=call, region=Region.objects.get(kato="470000000"))
    winner = ApplicationFactory(
        direction=direction,
        call=call,
        status=Application.Status.AWARDED,
        number="KZ-2026-mangystau-2026-0001",
        final_score=Decimal("87.50"),
    )
    loser = ApplicationFactory(
        direction=direction,
        call=call,
        status=Application.Status.NOT_AWARDED,
        number="KZ-2026-mangystau-2026-0002",
        final_score=Decimal("61.00"),
    )
    Project.objects.create(
        application=winner,
        agreement_number="AG-2026-00001",
        amount=Decimal("2700000.00"),
        signed_on=datetime.date(2026, 4, 1),
        starts_on=datetime.date(2026, 4, 15),
        ends_on=datetime.date(2026, 10, 15),
    )
    return call, winner, loser


def test_results_are_published_only_when_everything_is_decided(decided_call, operator, carol):
    call, winner, loser = decided_call
    pending = ApplicationFactory(direction=winner.direction, call=call, status=Application.Status.REVIEWED)
    with pytest.raises(DomainError) as error:
        call_results_publish(call=call, by=operator)
    assert error.value.code == "results_not_ready"
    pending.status = Application.Status.NOT_AWARDED
    pending.save()
    with pytest.raises(DomainError):
        call_results_publish(call=call, by=carol)
    call_results_publish(call=call, by=operator)
    call.refresh_from_db()
    assert call.results_published is True


def test_awarded_grants_only_from_published_results(decided_call):
    call, winner, _loser = decided_call
    assert awarded_grants() == []
    call.results_published = True
    call.save()
    [grant] = awarded_grants()
    assert (grant.application, grant.amount, grant.award_date) == (
        winner,
        Decimal("2700000.00"),
        datetime.date(2026, 4, 1),
    )
    assert grant.identifier == "360G-azamat-KZ-2026-mangystau-2026-0001"
    assert awarded_grants(region="470000000") == [grant]
    assert awarded_grants(region="750000000") == []


def test_open_data_formats_use_360giving_fields(decided_call):
    call, winner, _ = decided_call
    call.results_published = True
    call.save()
    grants = awarded_grants()
    text = opendata.to_csv(grants)
    assert text.startswith("\ufeff")  # the BOM Excel on Windows needs to read Cyrillic
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0]["Identifier"] == "360G-azamat-KZ-2026-mangystau-2026-0001"
    assert rows[0]["Amount Awarded"] == "2700000.00"
    assert rows[0]["Currency"] == "KZT"
    assert rows[0]["Recipient Org:Identifier"] == f"KZ-BIN-{winner.organisation.bin}"
    assert rows[0]["Beneficiary Location:0:Geographic Code"] == "470000000"
    assert rows[0]["Planned Dates:Start Date"] == "2026-04-15"
    sheet = openpyxl.load_workbook(io.BytesIO(opendata.to_xlsx(grants))).active
    assert [c.value for c in sheet[1]] == opendata.COLUMNS
    assert sheet.cell(row=2, column=5).value == 2700000.0
    package = json.loads(opendata.to_json(grants))
    grant = package["grants"][0]
    assert grant["amountAwarded"] == 2700000.0
    assert grant["awardDate"] == "2026-04-01"
    assert grant["recipientOrganization"][0]["companyNumber"] == winner.organisation.bin
    assert set(grant) >= {
        "id",
        "title",
        "currency",
        "amountAwarded",
        "recipientOrganization",
        "fundingOrganization",
        "plannedDates",
        "beneficiaryLocation",
    }


def test_public_results_page_and_downloads(client, decided_call):
    call, winner, loser = decided_call
    assert client.get(f"/grants/calls/{call.code}/results/").status_code == 404
    call.results_published = True
    call.save()
    page = client.get(f"/grants/calls/{call.code}/results/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert winner.number in page and loser.number in page
    assert "2,700,000.00" in page
    # Amounts as each language writes them: never "2,700,000,00" in Russian or Kazakh.
    for language in ["ru", "kk"]:
        localised = client.get(f"/grants/calls/{call.code}/results/", HTTP_ACCEPT_LANGUAGE=language)
        assert "2\xa0700\xa0000,00 ₸" in localised.content.decode()
    download = client.get("/grants/open-data/grants.csv")
    assert download["Content-Type"].startswith("text/csv")
    assert winner.number in download.content.decode()
    assert client.get("/grants/open-data/grants.pdf").status_code == 404


def test_results_page_summarises_by_direction_and_pages_through_every_decision(client, decided_call):
    call, winner, loser = decided_call
    call.results_published = True
    call.save()
    other = DirectionFactory(call=call, title_en="Youth")
    many = [
        ApplicationFactory(
            direction=other,
            call=call,
            status=Application.Status.NOT_AWARDED,
            number=f"KZ-2026-mangystau-2026-{n:04d}",
            final_score=Decimal(90 - n / 10),
        )
        for n in range(3, 3 + RESULTS_PAGE_SIZE)
    ]
    [summary_first, summary_youth] = results_summary(call)
    assert (summary_first.decided, summary_first.awarded, summary_first.amount) == (
        2,
        1,
        Decimal("2700000.00"),
    )
    assert (summary_youth.decided, summary_youth.awarded, summary_youth.amount) == (RESULTS_PAGE_SIZE, 0, 0)

    url = f"/grants/calls/{call.code}/results/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{RESULTS_PAGE_SIZE + 2} decisions" in page and "Page 1 of 2" in page
    assert winner.number in page and many[-1].number not in page  # the lowest score is on page 2
    assert many[-1].number in client.get(url, {"page": 2}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    awarded = client.get(url, {"decision": "awarded"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert winner.number in awarded and loser.number not in awarded and "1 decision" in awarded
    youth = client.get(url, {"direction": other.pk, "decision": "awarded"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "No decision matches" in youth.content.decode()
    # A direction of another call, or nonsense, is ignored rather than an error.
    foreign = DirectionFactory()
    for bad in [{"direction": foreign.pk}, {"direction": "x'"}, {"decision": "maybe"}, {"page": "999"}]:
        response = client.get(url, bad, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200 and "2,700,000.00" in response.content.decode()


def test_open_data_downloads_are_cached_until_a_result_changes(
    client, decided_call, settings, operator, rf, dana
):
    settings.GRANTS_DASHBOARD_CACHE_SECONDS = 300
    call, winner, _loser = decided_call
    assert winner.number not in client.get("/grants/open-data/grants.csv").content.decode()  # not published
    # The service moves the version: the next download is built again.
    call_results_publish(call=call, by=operator)
    first = client.get("/grants/open-data/grants.json")
    assert [g["id"] for g in first.json()["grants"]] == [f"360G-azamat-{winner.number}"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/grants/open-data/grants.json")
    assert again.content == first.content and not any("grants_application" in q["sql"] for q in queries)
    project = winner.project
    project.amount = Decimal("2600000.00")
    request = rf.post("/admin/grants/project/")
    request.user = dana
    admin.site._registry[Project].save_model(
        request, project, None, True
    )  # an edit in the admin moves it too
    assert client.get("/grants/open-data/grants.json").json()["grants"][0]["amountAwarded"] == 2600000.0


def test_awarded_grants_api(client, decided_call):
    call, winner, _ = decided_call
    call.results_published = True
    call.save()
    data = client.get("/api/v1/awarded-grants/", {"year": call.opens_at.year}).json()
    assert data["count"] == 1
    assert data["results"][0]["recipient_bin"] == winner.organisation.bin
    assert data["results"][0]["amount_awarded"] == "2700000.00"
    assert client.get("/api/v1/awarded-grants/", {"year": 1999}).json()["count"] == 0


def test_operator_publishes_results_from_the_call_page(client, decided_call, operator, carol):
    call, winner, loser = decided_call
    call.closes_at = call.opens_at + datetime.timedelta(days=1)
    call.save()
    url = f"/grants/calls/{call.code}/results/publish/"
    client.force_login(carol)
    assert client.post(url).status_code == 403
    call.refresh_from_db()
    assert call.results_published is False
    client.force_login(operator)
    page = client.get(call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert url in page
    response = client.post(url)  # the tap: what becomes public, to confirm
    assert response.status_code == 200
    call.refresh_from_db()
    assert call.results_published is False
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert response.url == f"/grants/calls/{call.code}/results/"
    call.refresh_from_db()
    assert call.results_published is True


def test_a_later_decision_as_requested_replaces_an_earlier_reduced_amount_everywhere(client, decided_call):
    """One rule for an awarded amount without an agreement: the last decision's amount, or as requested when it
    reduced nothing. The results page's rows, its summary and the open data agree."""
    from django.utils import timezone

    from azamat.grants.models import AgendaItem, BudgetLine, Commission, Sitting

    call, winner, loser = decided_call
    Project.objects.filter(application=winner).delete()
    BudgetLine.objects.filter(application=winner).delete()
    BudgetLine.objects.create(
        application=winner,
        category="other",
        description="Тренинги",
        quantity=Decimal(2),
        unit_cost=Decimal(1500000),
    )
    commission = Commission.objects.create(call=call)
    now = timezone.now()
    for days_ago, amount in [(9, Decimal("2000000.00")), (3, None)]:  # reduced first, then awarded as asked
        sitting = Sitting.objects.create(
            commission=commission, starts_at=now - datetime.timedelta(days=days_ago)
        )
        AgendaItem.objects.create(
            sitting=sitting,
            application=winner,
            rank=1,
            recommendation="support",
            decision=AgendaItem.Decision.AWARDED,
            amount=amount,
            reduction_reason="Бюджет" if amount else "",
        )
    call.results_published = True
    call.save()
    [summary] = results_summary(call)
    assert summary.amount == Decimal("3000000.00")
    assert [g.amount for g in awarded_grants(call=call)] == [Decimal("3000000.00")]
    page = client.get(f"/grants/calls/{call.code}/results/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3,000,000.00" in page and "2,000,000.00" not in page  # the row, the direction and the total
    # The count of decisions comes from the summary: each filter's is right.
    for params, text in [
        ({"decision": "awarded"}, "1 decision"),
        ({"decision": "not_awarded"}, "1 decision"),
        ({}, "2 decisions"),
        ({"direction": winner.direction_id}, "2 decisions"),
    ]:
        html = client.get(
            f"/grants/calls/{call.code}/results/", params, HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        assert f">{text}<" in html, params


def test_the_open_data_pages_date_of_update_is_kept_with_the_downloads_and_moves_with_them(
    client, decided_call, settings, operator
):
    settings.GRANTS_DASHBOARD_CACHE_SECONDS = 300
    call, winner, _loser = decided_call
    assert (
        "No grants published yet"
        in client.get("/grants/open-data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    call_results_publish(call=call, by=operator)  # moves the topic "dashboard"
    winner.refresh_from_db()
    shown = timezone_text(winner.updated_at)
    assert shown in client.get("/grants/open-data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/grants/open-data/", HTTP_ACCEPT_LANGUAGE="en")
    assert not any("grants_application" in q["sql"] for q in queries)  # from the cache


def timezone_text(moment) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")
