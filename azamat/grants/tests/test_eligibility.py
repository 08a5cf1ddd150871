"""Eligibility: the NGO database, years since registration, legal forms, the direction's region; and that an
ineligible organisation's application is refused with the reason and nothing changes."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from azamat.grants.factories import CallFactory, DirectionFactory, grant_type
from azamat.grants.models import Application
from azamat.grants.services import eligibility
from azamat.grants.services.application_files import attachment_add
from azamat.grants.services.applications import application_rows_save
from azamat.grants.services.eligibility import eligibility_check, full_years
from azamat.grants.tests.test_applications import (
    CLOSES,
    NOW,
    OPENS,
    complete,
    draft,
    pdf,
    submit_refused,
    unchanged,
)
from azamat.registry.models import Region
from azamat.testing.factories import AnnualReportFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def mangystau():
    return Region.objects.get(kato="470000000")


@pytest.fixture
def regional_call(mangystau):
    """Medium-term grants restricted to public associations and foundations of the direction's region."""
    medium = grant_type("medium-term")
    medium.same_region_only = True
    medium.allowed_legal_forms = ["public_association", "public_foundation"]
    medium.save()
    call = CallFactory(code="mangystau-2026", grant_type=medium, opens_at=OPENS, closes_at=CLOSES)
    return call, DirectionFactory(call=call, region=mangystau, title_en="Youth of Mangystau")


def codes(failures):
    return [f.code for f in failures]


def test_an_established_local_association_is_eligible(regional_call, mangystau):
    call, direction = regional_call
    organisation = OrganisationFactory(region=mangystau, registered_on=datetime.date(2020, 5, 4))
    assert eligibility_check(organisation=organisation, call=call, direction=direction) == []


def test_full_years_count_the_anniversary_day():
    assert full_years(datetime.date(2024, 3, 2), datetime.date(2026, 3, 1)) == 1
    assert full_years(datetime.date(2024, 3, 2), datetime.date(2026, 3, 2)) == 2
    assert full_years(datetime.date(2024, 2, 29), datetime.date(2026, 2, 28)) == 1


def test_too_young_an_organisation(regional_call, mangystau):
    call, direction = regional_call
    organisation = OrganisationFactory(
        name_ru="Фонд «Жас»", region=mangystau, registered_on=datetime.date(2024, 6, 1)
    )
    with translation.override("ru"):
        failures = eligibility_check(organisation=organisation, call=call, direction=direction)
    assert codes(failures) == ["too_young"]
    with translation.override("en"):
        failures = eligibility_check(organisation=organisation, call=call, direction=direction)
    assert failures[0].message == (
        "Фонд «Жас» was registered on 06/01/2024, 1 full years ago; this grant type is "
        "for organisations registered at least 2 years ago."
    )


def test_a_legal_form_the_grant_type_does_not_allow(regional_call, mangystau):
    call, direction = regional_call
    organisation = OrganisationFactory(region=mangystau, legal_form="private_institution")
    failures = eligibility_check(organisation=organisation, call=call, direction=direction)
    assert [f.message for f in failures] == [
        "Organisations of the legal form “Private institution” cannot apply for this grant type; it is open to: "
        "Public association, Public foundation."
    ]


def test_an_organisation_from_another_region(regional_call):
    call, direction = regional_call
    organisation = OrganisationFactory(
        name_ru="Объединение «Алатау»", region=Region.objects.get(kato="750000000")
    )
    with translation.override("en"):
        failures = eligibility_check(organisation=organisation, call=call, direction=direction)
    assert [f.message for f in failures] == [
        "This direction is for organisations of Mangystau Region; Объединение «Алатау» is registered in Almaty."
    ]


def test_a_direction_without_a_region_is_open_to_every_region(regional_call):
    call, _direction = regional_call
    national = DirectionFactory(call=call, region=None)
    organisation = OrganisationFactory(region=Region.objects.get(kato="750000000"))
    assert eligibility_check(organisation=organisation, call=call, direction=national) == []


def test_an_organisation_without_a_current_annual_report_may_not_apply(regional_call, mangystau):
    call, direction = regional_call
    organisation = OrganisationFactory(name_ru="Фонд «Болашақ»", region=mangystau, current_report=False)
    on = datetime.date(2026, 11, 30)
    with translation.override("en"):
        failures = eligibility_check(organisation=organisation, call=call, direction=direction, on=on)
    assert [(f.code, f.message) for f in failures] == [
        (
            eligibility.REPORT_NOT_CURRENT,
            "Фонд «Болашақ» has not filed its annual report on 2025 to the state NGO database (due 03/31/2026); "
            "only organisations with a current report can take part in grants. File it on the organisation's "
            "Annual reports page.",
        )
    ]
    AnnualReportFactory(organisation=organisation, year=2025, status="filed")
    assert eligibility_check(organisation=organisation, call=call, direction=direction, on=on) == []


def test_an_unsaved_organisation_is_not_in_the_ngo_database():
    assert eligibility.in_ngo_database(OrganisationFactory.build()) is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"registered_on": datetime.date(2025, 9, 1)},
            "{name} was registered on 09/01/2025, 0 full years ago; this grant type is for organisations registered at "
            "least 2 years ago.",
        ),
        (
            {"legal_form": "religious_association"},
            "Organisations of the legal form “Religious association” cannot apply for this grant type; it is open to: "
            "Public association, Public foundation.",
        ),
        (
            {"region_kato": "750000000"},
            "This direction is for organisations of Mangystau Region; {name} is registered in Almaty.",
        ),
    ],
)
def test_an_ineligible_organisations_application_is_refused_and_unchanged(
    regional_call, mangystau, change, message, alice, ngo
):
    call, direction = regional_call
    ngo.region = Region.objects.get(kato=change.pop("region_kato")) if "region_kato" in change else mangystau
    for name, value in change.items():
        setattr(ngo, name, value)
    ngo.save()
    application = complete(draft(direction, ngo, alice, duration_months=12), alice)
    application_rows_save_cv_and_budget(application, alice)
    assert submit_refused(application, alice) == [message.format(name=ngo.name)]
    unchanged(application)
    assert Application.objects.get(pk=application.pk).status == "draft"


def application_rows_save_cv_and_budget(application, by):
    """Medium-term grants also need the budget file and CVs, and at least 1,000 МРП."""
    attachment_add(application=application, by=by, upload=pdf("cv.pdf"), document_code="cv")
    attachment_add(application=application, by=by, upload=pdf("budget.pdf"), document_code="budget")
    application_rows_save(
        application=application,
        by=by,
        section="budget",
        rows=[
            {
                "category": "salaries",
                "description": "Команда",
                "quantity": Decimal(12),
                "unit_cost": Decimal(400000),
            }
        ],
    )
