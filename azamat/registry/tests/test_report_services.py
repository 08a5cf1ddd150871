"""Annual reports: which year is required, starting a report pre-filled, saving sections with their checks,
filing, correcting, and the weekly reminders."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.registry import report_services as services
from azamat.registry.models import ActivityArea, Membership, Organisation, Region
from azamat.registry.report_fingerprints import SECTION_FIELDS, saved_fingerprints
from azamat.registry.report_forms import SECTION_FORMS
from azamat.registry.report_models import AnnualReport, ReportReminder
from azamat.registry.report_selectors import (
    is_report_current,
    report_notices,
    report_required_year,
    with_report_current,
)
from azamat.testing.factories import AnnualReportFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
S = AnnualReport.Status
ON = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def ngo():
    return OrganisationFactory(
        name_ru="Фонд «Қамқор»", current_report=False, registered_on=datetime.date(2020, 5, 4)
    )


@pytest.fixture
def admin(ngo):
    return MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user


@pytest.fixture
def member(ngo):
    return MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user


def complete(report, by, *, income=None, expenses=None):
    """Fill every section so the report can be filed."""
    services.report_save(
        report=report,
        by=by,
        section="activities",
        data={
            "activities": "Тренинги для молодёжи в Алматы",
            "areas": [ActivityArea.objects.first()],
            "regions": [Region.objects.get(kato="750000000")],
        },
        lines={"beneficiaries": [{"category": "youth", "number": 120}], "projects": []},
    )
    services.report_save(
        report=report,
        by=by,
        section="founders",
        data={},
        lines={"founders": [{"kind": "person", "name": "Әлия Серікқызы", "country": "kz", "identifier": ""}]},
    )
    income = income or [
        {"source": "foreign", "amount": Decimal("1500000.50"), "donor": "Stiftung Mitte", "country": "de"},
        {"source": "donations", "amount": Decimal("200000"), "donor": "", "country": ""},
    ]
    services.report_save(
        report=report, by=by, section="income", data={"income_total": None}, lines={"income": income}
    )
    expenses = expenses or [{"category": "programmes", "amount": Decimal("1700000.50")}]
    services.report_save(
        report=report,
        by=by,
        section="expenditure",
        data={"expenditure_total": None},
        lines={"expenses": expenses},
    )
    report.refresh_from_db()
    return report


# --- the rule of the current report --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "year"),
    [
        (datetime.date(2026, 11, 30), 2025),
        (datetime.date(2027, 2, 1), 2025),
        (datetime.date(2027, 3, 31), 2025),
        (datetime.date(2027, 4, 1), 2026),
    ],
)
def test_the_required_year_is_the_latest_whose_due_date_has_passed(on, year):
    assert report_required_year(on) == year


def test_current_only_with_the_required_year_filed_or_nothing_due_yet(ngo):
    young = OrganisationFactory(current_report=False, registered_on=datetime.date(2026, 2, 1))
    assert is_report_current(ngo, ON) is False
    assert is_report_current(young, ON) is True  # registered after 2025 ended: nothing was due
    AnnualReportFactory(organisation=ngo, year=2024, status=S.FILED)
    assert is_report_current(ngo, ON) is False
    AnnualReportFactory(organisation=ngo, year=2025, status=S.DRAFT)
    assert is_report_current(ngo, ON) is False
    AnnualReport.objects.filter(organisation=ngo, year=2025).update(status=S.FILED)
    assert is_report_current(ngo, ON) is True
    assert is_report_current(ngo, datetime.date(2027, 4, 1)) is False
    rows = dict(
        with_report_current(Organisation.objects.filter(pk__in=[ngo.pk, young.pk]), ON).values_list(
            "pk", "report_current"
        )
    )
    assert rows == {ngo.pk: True, young.pk: True}


def test_notices_say_how_many_days_are_left_and_when_late(ngo):
    AnnualReportFactory(organisation=ngo, year=2025, status=S.FILED)
    assert report_notices(ngo, ON) == []
    [notice] = report_notices(ngo, datetime.date(2027, 3, 1))
    assert (notice.year, notice.days_left, notice.late) == (2026, 30, False)
    [notice] = report_notices(ngo, datetime.date(2027, 4, 2))
    assert (notice.year, notice.days_left, notice.late) == (2026, -2, True)


# --- starting a report -----------------------------------------------------------------------------------------


def test_a_year_in_the_future_before_registration_or_twice_is_refused(ngo, admin):
    with pytest.raises(DomainError) as error:
        services.report_create(organisation=ngo, year=2027, by=admin, on=ON)
    assert (
        str(error.value)
        == "The year 2027 has not begun yet: a report can be prepared for 2026 at the latest."
    )
    with pytest.raises(DomainError) as error:
        services.report_create(organisation=ngo, year=2019, by=admin, on=ON)
    assert str(error.value) == "The organisation was registered in 2020, so it has no report on 2019 to file."
    services.report_create(organisation=ngo, year=2026, by=admin, on=ON)  # the current year: a draft ahead
    with pytest.raises(DomainError) as error:
        services.report_create(organisation=ngo, year=2026, by=admin, on=ON)
    assert error.value.code == services.REPORT_EXISTS
    assert AnnualReport.objects.filter(organisation=ngo).count() == 1


def test_only_an_administrator_starts_a_report(ngo, member):
    with pytest.raises(DomainError) as error:
        services.report_create(organisation=ngo, year=2025, by=member, on=ON)
    assert str(error.value) == "Only the organisation's administrators prepare and file its annual report."
    assert not AnnualReport.objects.exists()


def test_a_new_report_starts_from_last_years_filed_one(ngo, admin):
    with time_machine.travel(datetime.datetime(2025, 2, 10, 10, tzinfo=datetime.UTC)):
        first = complete(services.report_create(organisation=ngo, year=2024, by=admin), admin)
        services.report_file(report=first, by=admin)
    new = services.report_create(organisation=ngo, year=2025, by=admin, on=ON)
    assert [f.name for f in new.founders.all()] == ["Әлия Серікқызы"]
    assert list(new.areas.all()) == list(first.areas.all())
    assert [(b.category, b.number) for b in new.beneficiaries.all()] == [
        ("youth", 0)
    ]  # the number to give again
    assert new.income.count() == 0 and new.expenses.count() == 0  # money is the year's own
    problems = [p.code for p in services.report_problems(new, on=ON)]
    assert services.NO_BENEFICIARY_NUMBER in problems


# --- saving and checking ---------------------------------------------------------------------------------------


def test_a_section_a_colleague_saved_since_it_was_loaded_is_refused_under_the_lock(ngo, admin):
    """The page's fingerprint is compared with the saved section inside the save's lock: a colleague's save that
    landed between the page's check and this save is not written over."""
    colleague = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user
    report = services.report_create(organisation=ngo, year=2025, by=admin, on=ON)
    loaded = saved_fingerprints(report)["people"]
    services.report_save(report=report, by=colleague, section="people", data={"staff_count": 9})
    with pytest.raises(DomainError) as error:
        services.report_save(
            report=report, by=admin, section="people", data={"staff_count": 4}, loaded=loaded
        )
    assert error.value.code == services.EDITED_MEANWHILE
    report.refresh_from_db()
    assert report.staff_count == 9
    # sending what the colleague saved is no conflict; nor is a save from a page loaded after theirs
    services.report_save(report=report, by=admin, section="people", data={"staff_count": 9}, loaded=loaded)
    now = saved_fingerprints(report)["people"]
    services.report_save(report=report, by=admin, section="people", data={"staff_count": 4}, loaded=now)
    report.refresh_from_db()
    assert report.staff_count == 4


def test_the_fingerprints_cover_exactly_the_forms_fields():
    for section, (form_class, names) in SECTION_FORMS.items():
        fields, lines = SECTION_FIELDS[section]
        assert sorted(fields) == sorted(form_class.base_fields if form_class else []) and lines == names


def test_a_foreign_donor_without_a_country_or_with_an_unknown_one_is_refused(ngo, admin):
    report = services.report_create(organisation=ngo, year=2025, by=admin, on=ON)
    lines = [{"source": "foreign", "amount": Decimal(100), "donor": "Open Society", "country": ""}]
    with pytest.raises(services.ReportInvalid) as error:
        services.report_save(
            report=report, by=admin, section="income", data={"income_total": None}, lines={"income": lines}
        )
    assert (
        str(error.value)
        == "Income line 1 is from a foreign source: give the donor's country (a code such as DE)."
    )
    lines[0]["country"] = "XX"
    with pytest.raises(services.ReportInvalid) as error:
        services.report_save(
            report=report, by=admin, section="income", data={"income_total": None}, lines={"income": lines}
        )
    assert (
        str(error.value)
        == "“XX” is not a country code: use the two-letter ISO 3166 code, for example KZ, DE or US."
    )
    assert report.income.count() == 0


def test_totals_that_do_not_add_up_are_refused(ngo, admin):
    report = services.report_create(organisation=ngo, year=2025, by=admin, on=ON)
    lines = [{"source": "donations", "amount": Decimal("1234.50"), "donor": "", "country": ""}]
    with pytest.raises(services.ReportInvalid) as error:
        services.report_save(
            report=report,
            by=admin,
            section="income",
            data={"income_total": Decimal(2000)},
            lines={"income": lines},
        )
    assert str(error.value) == (
        "The income lines add up to 1,234.50 ₸, but the total income stated is 2,000 ₸. Correct a line or the total."
    )
    report.refresh_from_db()
    assert (report.income_total, report.income.count()) == (Decimal(0), 0)


def test_filing_waits_for_the_year_to_end_and_happens_once(ngo, admin):
    report = complete(services.report_create(organisation=ngo, year=2026, by=admin, on=ON), admin)
    with pytest.raises(services.ReportInvalid) as error:
        services.report_file(report=report, by=admin, on=ON)
    assert str(error.value) == "The report on 2026 can be filed from 1 January 2027, once the year has ended."
    filed = services.report_file(report=report, by=admin, on=datetime.date(2027, 1, 15))
    assert (filed.status, filed.first_filed_on, filed.on_time) == (S.FILED, datetime.date(2027, 1, 15), True)
    with pytest.raises(DomainError) as error:
        services.report_file(report=filed, by=admin, on=datetime.date(2027, 1, 16))
    assert str(error.value) == "This report is already filed; to change it, make a correction."
    with pytest.raises(DomainError):
        services.report_save(report=filed, by=admin, section="people", data={"staff_count": 9})
    filed.refresh_from_db()
    assert filed.staff_count != 9


def test_a_correction_is_a_new_version_that_keeps_the_first_filing_date(ngo, admin, member):
    report = complete(services.report_create(organisation=ngo, year=2025, by=admin, on=ON), admin)
    first = services.report_file(report=report, by=admin, on=datetime.date(2026, 3, 20))
    with pytest.raises(DomainError):
        services.report_correct(report=first, by=member)
    correction = services.report_correct(report=first, by=admin)
    assert (correction.version, correction.status) == (2, S.DRAFT)
    assert [i.donor for i in correction.income.all()] == ["Stiftung Mitte", ""]
    with pytest.raises(DomainError) as error:
        services.report_correct(report=first, by=admin)
    assert error.value.code == services.CORRECTION_OPEN
    assert is_report_current(ngo, ON)  # the filed version is in force while the correction is prepared
    services.report_save(report=correction, by=admin, section="people", data={"staff_count": 7})
    second = services.report_file(report=correction, by=admin, on=datetime.date(2026, 6, 1))
    first.refresh_from_db()
    assert (first.status, second.status, second.first_filed_on, second.on_time) == (
        S.SUPERSEDED,
        S.FILED,
        datetime.date(2026, 3, 20),
        True,
    )
    assert second.history.count() >= 2 and first.history.filter(status=S.SUPERSEDED).exists()


# --- reminders ---------------------------------------------------------------------------------------------------


def test_reminders_weekly_from_1_february_until_filed(ngo, admin, member, django_capture_on_commit_callbacks):
    def run(on):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            count = services.reminders_send(on)
        return count, [m.to for m in mail.outbox]

    assert run(datetime.date(2026, 1, 31)) == (1, [[admin.email]])  # the report on 2024 is late: remind
    AnnualReportFactory(organisation=ngo, year=2024, status=S.FILED)
    ReportReminder.objects.all().delete()
    assert run(datetime.date(2026, 1, 31)) == (0, [])  # the report on 2025 not yet: from 1 February
    count, outbox = run(datetime.date(2026, 2, 1))
    assert (count, outbox) == (1, [[admin.email]])
    assert "2025" in mail.outbox[0].subject
    assert run(datetime.date(2026, 2, 7)) == (0, [])  # within the week: no second reminder
    assert run(datetime.date(2026, 2, 8)) == (1, [[admin.email]])
    report = complete(services.report_create(organisation=ngo, year=2025, by=admin, on=ON), admin)
    services.report_file(report=report, by=admin, on=datetime.date(2026, 2, 10))
    assert run(datetime.date(2026, 2, 15)) == (0, [])  # filed: the reminders stop


def test_the_daily_command_reminds_as_of_the_date_given(ngo, admin, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    AnnualReportFactory(organisation=ngo, year=2024, status=S.FILED)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("registry_report_reminders", "--on=2026-02-01", stdout=out)
    assert out.getvalue().strip() == "reminded: 1"
    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert "31 March 2026" in mail.outbox[0].body or "March 31, 2026" in mail.outbox[0].body
    assert ReportReminder.objects.get(organisation=ngo, year=2025).sent_on == datetime.date(2026, 2, 1)
