"""The annual report's pages: start, the form in sections (refusals keep what was typed), review, file, correct, the
public fact on the profile and directory, and who sees what."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from azamat.registry.models import ActivityArea, Membership, Region
from azamat.registry.report_models import AnnualReport
from azamat.testing.factories import AnnualReportFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def ngo():
    return OrganisationFactory(name_ru="Фонд «Қамқор»", current_report=False)


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def admin(ngo):
    return client_for(MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user)


@pytest.fixture
def member(ngo):
    return client_for(MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user)


def management(prefix, total=2, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "200",
    }


def full_post(**override):
    area = ActivityArea.objects.first()
    almaty = Region.objects.get(kato="750000000")
    data = {
        "activities-activities": "Курсы казахского языка для взрослых",
        "activities-areas": [str(area.pk)],
        "activities-regions": [str(almaty.pk)],
        **management("beneficiaries"),
        "beneficiaries-0-category": "youth",
        "beneficiaries-0-number": "1 200",
        **management("projects"),
        **management("founders"),
        "founders-0-kind": "person",
        "founders-0-name": "Әлия Серікқызы",
        "founders-0-country": "KZ",
        "people-staff_count": "4",
        "people-volunteer_count": "12",
        "people-property_value": "350 000,00",
        "people-property_description": "Ноутбуки",
        **management("income"),
        "income-0-source": "foreign",
        "income-0-amount": "1 500 000,50",
        "income-0-donor": "Stiftung Mitte",
        "income-0-country": "DE",
        "income-1-source": "donations",
        "income-1-amount": "200 000",
        "income-total": "1 700 000,50",
        **management("expenses"),
        "expenses-0-category": "programmes",
        "expenses-0-amount": "1 700 000,50",
        "expenditure-expenditure_total": "",
        "save": "income",
    }
    data["income-income_total"] = data.pop("income-total")
    data.update(override)
    return data


def start(client, ngo, year=2025):
    response = client.post(reverse("registry:reports", args=[ngo.bin]), {"year": str(year)})
    assert response.status_code == 302
    return AnnualReport.objects.get(organisation=ngo, year=year)


def test_an_administrator_prepares_saves_reviews_and_files(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post())
    assert response.status_code == 302
    report.refresh_from_db()
    assert (str(report.income_total), str(report.expenditure_total), report.property_value) == (
        "1700000.50",
        "1700000.50",
        350000,
    )
    assert [(i.source, i.donor, i.country) for i in report.income.all()] == [
        ("foreign", "Stiftung Mitte", "DE"),
        ("donations", "", ""),
    ]
    review = admin.get(reverse("registry:report_review", args=[ngo.bin, report.pk]))
    assert "Everything required is filled in and the totals add up." in review.content.decode()
    response = admin.post(reverse("registry:report_file", args=[ngo.bin, report.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.FILED
    profile = Client(HTTP_ACCEPT_LANGUAGE="en").get(ngo.get_absolute_url()).content.decode()
    assert "Report on 2025 filed" in profile
    directory = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("registry:directory")).content.decode()
    assert "report on 2025 filed" in directory


def test_a_foreign_donor_without_country_is_refused_and_everything_typed_stays(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post(**{"income-0-country": ""}))
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Income line 1 is from a foreign source: give the donor&#x27;s country (a code such as DE)." in page
    )
    assert "Курсы казахского языка для взрослых" in page and "Stiftung Mitte" in page
    report.refresh_from_db()
    assert report.income.count() == 0
    assert report.activities == "Курсы казахского языка для взрослых"  # the valid sections are saved


def test_totals_that_do_not_add_up_are_refused_with_the_sums(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post(**{"expenditure-expenditure_total": "9 000"}))
    assert response.status_code == 400
    assert (
        "The expenditure lines add up to 1,700,000.50 ₸, but the total expenditure stated is 9,000 ₸."
        in response.content.decode()
    )
    report.refresh_from_db()
    assert report.expenses.count() == 0


def test_the_future_and_a_second_report_on_a_year_are_refused(ngo, admin):
    response = admin.post(reverse("registry:reports", args=[ngo.bin]), {"year": "2027"})
    assert response.status_code == 400
    assert "The year 2027 has not begun yet" in response.content.decode()
    start(admin, ngo)
    response = admin.post(reverse("registry:reports", args=[ngo.bin]), {"year": "2025"})
    assert response.status_code == 400
    assert "A report on 2025 already exists" in response.content.decode()
    assert AnnualReport.objects.filter(organisation=ngo).count() == 1


def test_a_member_reads_but_does_not_file_and_others_see_nothing(ngo, admin, member):
    report = start(admin, ngo)
    assert member.get(reverse("registry:report", args=[ngo.bin, report.pk])).status_code == 200
    assert member.get(reverse("registry:report_edit", args=[ngo.bin, report.pk])).status_code == 403
    response = member.post(reverse("registry:report_file", args=[ngo.bin, report.pk]), {"confirm": "yes"})
    assert response.status_code == 403
    outsider = client_for(MembershipFactory(role=Membership.Role.ADMIN).user)
    response = outsider.get(reverse("registry:report", args=[ngo.bin, report.pk]))
    assert response.status_code == 403
    assert "seen only by its members" in response.content.decode()


def test_editing_a_filed_report_sends_to_the_correction(ngo, admin):
    report = AnnualReportFactory(organisation=ngo, year=2025, status=AnnualReport.Status.FILED)
    response = admin.post(reverse("registry:report_edit", args=[ngo.bin, report.pk]), full_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:report", args=[ngo.bin, report.pk])
    response = admin.post(reverse("registry:report_correct", args=[ngo.bin, report.pk]))
    correction = AnnualReport.objects.get(organisation=ngo, year=2025, version=2)
    assert response["Location"] == reverse("registry:report_edit", args=[ngo.bin, correction.pk])


def test_the_deadline_shows_on_the_workspace_and_the_profile(ngo):
    user = MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.UTC)):
        admin = client_for(user)  # signed in on the day: a session from November would have expired
        AnnualReportFactory(organisation=ngo, year=2025, status=AnnualReport.Status.FILED)
        dashboard = admin.get(reverse("accounts:dashboard")).content.decode()
        assert "The report on 2026 is due March 31, 2027: in 30 days." in dashboard
        profile = admin.get(ngo.get_absolute_url()).content.decode()
        assert "The report on 2026 to the state NGO database is due 31 March 2027: in 30 days." in profile


def test_with_nothing_due_the_administrator_is_offered_this_years_report_ahead(ngo, admin):
    AnnualReportFactory(organisation=ngo, year=2025, status=AnnualReport.Status.FILED)
    dashboard = admin.get(reverse("accounts:dashboard")).content.decode()
    assert (
        "Prepare the report on 2026 ahead: it can be filed from 1 January and is due March 31, 2027."
        in dashboard
    )
    member = client_for(MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user)
    assert "Prepare the report on 2026" not in member.get(reverse("accounts:dashboard")).content.decode()
