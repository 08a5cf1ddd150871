"""Agreements: the amount, number, tranches with the advance, the report schedule; payments and their lateness."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.core.working_days import add_working_days
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, grant_type
from azamat.grants.models import (
    AgendaItem,
    Application,
    Commission,
    Payment,
    Project,
    Report,
    Sitting,
    Tranche,
)
from azamat.grants.selectors.projects import late_payment_counts, payment_lateness
from azamat.grants.services.projects import add_months, payment_record, project_create, tranches_release
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
ALMATY_NOON = datetime.time(12, 0)


def at(day: datetime.date, time: datetime.time = ALMATY_NOON) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def make_operator(email: str = "operator@example.kz"):
    user = UserFactory(email=email, full_name="Оператор Гранттар")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


def award(
    application: Application, amount: Decimal, *, starts_at: datetime.datetime | None = None
) -> AgendaItem:
    commission, _ = Commission.objects.get_or_create(call=application.call)
    sitting = Sitting.objects.create(
        commission=commission, starts_at=starts_at or at(datetime.date(2026, 2, 20))
    )
    return AgendaItem.objects.create(
        sitting=sitting,
        application=application,
        rank=1,
        recommendation="support",
        decision="awarded",
        amount=amount,
    )


def awarded_application(
    *, organisation, code: str = "medium-term", months: int = 12, decided: Decimal | None = None, **extra
) -> Application:
    call = CallFactory(grant_type=grant_type(code), results_published=True, **extra)
    application = ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=organisation,
        status=Application.Status.AWARDED,
        duration_months=months,
    )
    if decided is not None:
        award(application, decided)
    return application


def make_project(
    *,
    organisation,
    operator,
    amount=Decimal("10000000.00"),
    code="medium-term",
    months=12,
    signed_on=datetime.date(2026, 1, 12),
    starts_on=datetime.date(2026, 1, 15),
) -> Project:
    two_stage = grant_type(code).two_stage
    application = awarded_application(
        organisation=organisation, code=code, months=months, decided=amount if two_stage else None
    )
    return project_create(
        application=application,
        by=operator,
        signed_on=signed_on,
        starts_on=starts_on,
        amount=None if two_stage else amount,
    )


@pytest.fixture
def operator(db):
    return make_operator()


def test_agreement_from_the_commission_amount_splits_exactly_to_the_tiyn(ngo, operator):
    application = awarded_application(organisation=ngo, decided=Decimal("10000000.01"))
    project = project_create(
        application=application,
        by=operator,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 16),
    )
    tranches = list(project.tranches.order_by("number"))
    assert [t.amount for t in tranches] == [
        Decimal("3000000.00"),
        Decimal("4000000.00"),
        Decimal("3000000.01"),
    ]
    assert sum(t.amount for t in tranches) == project.amount == Decimal("10000000.01")
    assert [t.is_advance for t in tranches] == [True, False, False]
    assert [t.due_on for t in tranches] == [datetime.date(2026, 3, 17), None, None]
    assert project.agreement_number == "AG-2026-00001"
    assert project.ends_on == datetime.date(2027, 3, 16)
    reports = list(project.reports.values_list("kind", "due_on", "simplified"))
    # Each report: 10 working days after its period ends; the final one skips Nauryz 2027.
    assert reports == [
        ("interim", datetime.date(2026, 9, 30), False),
        ("final", datetime.date(2027, 4, 2), False),
    ]
    assert project.history.first().history_user == operator


def test_advance_due_counts_working_days_across_nauryz(ngo, operator):
    project = make_project(
        organisation=ngo,
        operator=operator,
        signed_on=datetime.date(2026, 3, 18),
        starts_on=datetime.date(2026, 3, 18),
    )
    # 19, 20 March, then Nauryz 21–25 March (with the observed days), then 26 March onwards.
    assert project.tranches.get(is_advance=True).due_on == datetime.date(2026, 4, 6)


def test_agreement_numbers_are_sequential_per_year(ngo, operator):
    first = make_project(organisation=ngo, operator=operator)
    second = make_project(organisation=ngo, operator=operator)
    with time_machine.travel(at(datetime.date(2027, 1, 11))):  # an agreement is never dated in the future
        other_year = make_project(
            organisation=ngo,
            operator=operator,
            signed_on=datetime.date(2027, 1, 11),
            starts_on=datetime.date(2027, 1, 11),
        )
    assert [first.agreement_number, second.agreement_number, other_year.agreement_number] == [
        "AG-2026-00001",
        "AG-2026-00002",
        "AG-2027-00001",
    ]


def test_the_latest_commission_decision_sets_the_amount(ngo, operator):
    application = awarded_application(organisation=ngo, decided=Decimal("2700000.00"))
    award(application, Decimal("2500000.00"), starts_at=at(datetime.date(2026, 2, 27)))
    project = project_create(
        application=application,
        by=operator,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 2),
    )
    assert project.amount == Decimal("2500000.00")


def test_single_stage_takes_the_operators_amount_or_the_request_and_a_simplified_report(ngo, operator):
    application = awarded_application(organisation=ngo, code="short-term", months=6)
    project = project_create(
        application=application,
        by=operator,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 2),
    )
    assert project.amount == Decimal("2700000.00")  # the amount requested
    assert [t.amount for t in project.tranches.all()] == [Decimal("810000.00"), Decimal("1890000.00")]
    assert list(project.reports.values_list("kind", "due_on", "simplified")) == [
        ("final", datetime.date(2026, 9, 16), True)
    ]
    other = awarded_application(organisation=ngo, code="short-term", months=6)
    project = project_create(
        application=other,
        by=operator,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 2),
        amount=Decimal("2000000"),
    )
    assert project.amount == Decimal("2000000.00")


@pytest.mark.parametrize(
    ("setup", "kwargs", "code", "message"),
    [
        ("not_awarded", {}, "not_awarded", "An agreement can be signed only for an awarded application."),
        (
            "no_decision",
            {},
            "no_commission_amount",
            "The commission's decision has no amount; record the awarded amount first.",
        ),
        (
            "two_stage",
            {"amount": Decimal("3000000")},
            "amount_from_commission",
            "The amount is the one the tender commission decided: 2,700,000.00 ₸.",
        ),
        (
            "single_stage",
            {"amount": Decimal("2700000.01")},
            "bad_amount",
            "The amount cannot be more than requested: 2,700,000.00 ₸.",
        ),
        ("single_stage", {"amount": Decimal(0)}, "bad_amount", "The amount must be more than zero."),
        (
            "two_stage",
            {"starts_on": datetime.date(2026, 3, 1)},
            "bad_dates",
            "The project cannot start before the agreement is signed.",
        ),
    ],
)
def test_agreement_refusals_change_nothing(ngo, operator, settings, setup, kwargs, code, message):
    settings.LANGUAGE_CODE = "en"
    if setup == "single_stage":
        application = awarded_application(organisation=ngo, code="short-term", months=6)
    else:
        application = awarded_application(
            organisation=ngo, decided=None if setup == "no_decision" else Decimal("2700000.00")
        )
    if setup == "not_awarded":
        application.status = Application.Status.REVIEWED
        application.save()
    arguments = {"signed_on": datetime.date(2026, 3, 2), "starts_on": datetime.date(2026, 3, 2), **kwargs}
    with pytest.raises(DomainError) as error:
        project_create(application=application, by=operator, **arguments)
    assert (error.value.code, str(error.value)) == (code, message)
    assert (Project.objects.count(), Tranche.objects.count(), Report.objects.count()) == (0, 0, 0)


def test_an_agreement_cannot_be_created_twice_nor_by_an_ngo(ngo, operator, alice):
    application = awarded_application(organisation=ngo, decided=Decimal("2700000.00"))
    with pytest.raises(DomainError) as error:
        project_create(
            application=application,
            by=alice,
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )
    assert error.value.code == "not_allowed"
    assert Project.objects.count() == 0
    project_create(
        application=application,
        by=operator,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 2),
    )
    with pytest.raises(DomainError) as error:
        project_create(
            application=application,
            by=operator,
            signed_on=datetime.date(2026, 3, 3),
            starts_on=datetime.date(2026, 3, 3),
        )
    assert error.value.code == "project_exists"
    assert (Project.objects.count(), Tranche.objects.count()) == (1, 3)


def test_the_signing_email_goes_to_the_administrators(
    ngo, operator, alice, bob, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        make_project(
            organisation=ngo,
            operator=operator,
            signed_on=datetime.date(2026, 3, 18),
            starts_on=datetime.date(2026, 3, 18),
        )
    [email] = mailoutbox
    assert email.to == ["alice@example.kz"]
    assert "AG-2026-00001" in email.subject
    assert "06.04.2026" in email.body


def test_months_are_added_to_the_end_of_shorter_months():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 3, 16), 12) == datetime.date(2027, 3, 16)


# Payments.


@pytest.fixture
def project(ngo, operator):
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        return make_project(
            organisation=ngo,
            operator=operator,
            signed_on=datetime.date(2026, 3, 2),
            starts_on=datetime.date(2026, 3, 2),
        )


@time_machine.travel(at(datetime.date(2026, 9, 1)), tick=False)
def test_a_payment_on_time_then_the_rest_late(project, operator):
    advance = project.tranches.get(number=1)
    assert advance.due_on == datetime.date(2026, 3, 17)  # ten working days: 9 March is a holiday (observed)
    first = payment_record(
        tranche=advance, amount=Decimal("1000000"), paid_on=datetime.date(2026, 3, 17), by=operator
    )
    second = payment_record(
        tranche=advance, amount=Decimal("2000000.00"), paid_on=datetime.date(2026, 3, 26), by=operator
    )
    assert payment_lateness(first) == (0, 0)
    # 18 to 26 March: nine calendar days; Nauryz (21–25 March) leaves four working days: 18, 19, 20 and 26.
    assert (second.days_late, payment_lateness(second)) == (9, (9, 4))
    assert second.recorded_by == operator
    assert late_payment_counts() == {"total": 2, "late": 1, "per_project": {project.pk: 1}}


@time_machine.travel(at(datetime.date(2026, 9, 1)), tick=False)
@pytest.mark.parametrize(
    ("number", "amount", "paid_on", "code", "message"),
    [
        (
            2,
            "100",
            datetime.date(2026, 4, 1),
            "tranche_not_released",
            "This tranche is not released yet: it is released when the operator approves a report.",
        ),
        (
            1,
            "3000000.01",
            datetime.date(2026, 4, 1),
            "above_tranche",
            "The payment exceeds what remains of the tranche (3,000,000.00 ₸) by 0.01 ₸.",
        ),
        (1, "0", datetime.date(2026, 4, 1), "bad_amount", "The amount must be more than zero."),
        (1, "-5", datetime.date(2026, 4, 1), "bad_amount", "The amount must be more than zero."),
        (
            1,
            "100",
            datetime.date(2026, 3, 1),
            "bad_payment_date",
            "A payment cannot be dated before the agreement was signed or in the future.",
        ),
        (
            1,
            "100",
            datetime.date(2026, 9, 2),
            "bad_payment_date",
            "A payment cannot be dated before the agreement was signed or in the future.",
        ),
    ],
)
def test_payment_refusals_change_nothing(project, operator, settings, number, amount, paid_on, code, message):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(DomainError) as error:
        payment_record(
            tranche=project.tranches.get(number=number), amount=Decimal(amount), paid_on=paid_on, by=operator
        )
    assert (error.value.code, str(error.value)) == (code, message)
    assert Payment.objects.count() == 0


@time_machine.travel(at(datetime.date(2026, 9, 1)), tick=False)
def test_a_tranche_is_not_paid_before_the_report_releasing_it_was_approved(project, operator, settings):
    settings.LANGUAGE_CODE = "en"
    report = project.reports.order_by("due_on").first()
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.APPROVED, approved_at=at(datetime.date(2026, 6, 15))
    )
    report.refresh_from_db()
    [second] = tranches_release(
        project=project, report=report, on=datetime.date(2026, 6, 15), by=operator, all_remaining=False
    )
    with pytest.raises(DomainError) as error:
        payment_record(tranche=second, amount=Decimal("100"), paid_on=datetime.date(2026, 6, 14), by=operator)
    assert (error.value.code, error.value.field, str(error.value)) == (
        "paid_before_release",
        "paid_on",
        "This tranche was released on June 15, 2026; a payment on it cannot be dated earlier.",
    )
    assert Payment.objects.count() == 0
    payment_record(tranche=second, amount=Decimal("100"), paid_on=datetime.date(2026, 6, 15), by=operator)
    assert Payment.objects.get().paid_on == datetime.date(2026, 6, 15)


@time_machine.travel(at(datetime.date(2026, 9, 1)), tick=False)
def test_a_payment_cannot_exceed_the_agreement(project, operator, settings):
    settings.LANGUAGE_CODE = "en"
    payment_record(
        tranche=project.tranches.get(number=1),
        amount=Decimal("2000000"),
        paid_on=datetime.date(2026, 3, 10),
        by=operator,
    )
    # The agreement is amended down to 2.5 million while the advance tranche still says 3 million.
    Project.objects.filter(pk=project.pk).update(amount=Decimal("2500000.00"))
    with pytest.raises(DomainError) as error:
        payment_record(
            tranche=project.tranches.get(number=1),
            amount=Decimal("500000.50"),
            paid_on=datetime.date(2026, 3, 11),
            by=operator,
        )
    assert (error.value.code, str(error.value)) == (
        "above_agreement",
        "The payment exceeds the agreement amount by 0.50 ₸",
    )
    assert Payment.objects.count() == 1


@time_machine.travel(at(datetime.date(2026, 9, 1)), tick=False)
def test_only_the_operator_records_payments(project, alice):
    with pytest.raises(DomainError) as error:
        payment_record(
            tranche=project.tranches.get(number=1),
            amount=Decimal(1),
            paid_on=datetime.date(2026, 3, 10),
            by=alice,
        )
    assert error.value.code == "not_allowed"
    assert Payment.objects.count() == 0


def test_report_schedule_follows_the_grant_type(ngo, operator):
    project = make_project(
        organisation=ngo,
        operator=operator,
        code="long-term",
        months=24,
        signed_on=datetime.date(2026, 1, 12),
        starts_on=datetime.date(2026, 1, 15),
    )
    months = [6, 12, 18]
    expected = [("interim", add_working_days(add_months(datetime.date(2026, 1, 15), m), 10)) for m in months]
    expected.append(("final", add_working_days(datetime.date(2028, 1, 15), 10)))
    assert list(project.reports.values_list("kind", "due_on")) == expected
    assert [t.amount for t in project.tranches.all()] == [
        Decimal("3000000.00"),
        Decimal("2500000.00"),
        Decimal("2500000.00"),
        Decimal("2000000.00"),
    ]
