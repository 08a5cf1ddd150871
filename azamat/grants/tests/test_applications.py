"""Applications: drafting by several editors, the submission rules one by one, numbering, versions,
the clarification round and withdrawal."""

import datetime
import threading
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation
from fpdf import FPDF

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, ApplicationVersion, BudgetLine, ComplianceCheck
from azamat.grants.services.application_files import attachment_add
from azamat.grants.services.application_versions import version_diff
from azamat.grants.services.applications import (
    application_create,
    application_request_clarification,
    application_rows_save,
    application_submit,
    application_update,
    application_withdraw,
)
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ALMATY)
OPENS = datetime.datetime(2026, 2, 20, 9, 0, tzinfo=ALMATY)
CLOSES = datetime.datetime(2026, 3, 20, 18, 0, tzinfo=ALMATY)


def _real_pdf() -> bytes:
    """A genuine one-page PDF: attachments are opened and their pages read, not only their first bytes."""
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Charter")
    return bytes(document.output())


PDF = _real_pdf()
FROZEN = (
    "The application is submitted and frozen; it can change only when the operator asks for a clarification."
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def operator(db):
    user = UserFactory(email="operator@example.kz", full_name="Operator Staff")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


@pytest.fixture
def call(db):
    return CallFactory(code="youth-2026", opens_at=OPENS, closes_at=CLOSES)


@pytest.fixture
def direction(call):
    return DirectionFactory(call=call)


def pdf(name: str = "charter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def draft(direction, organisation, by, **kwargs) -> Application:
    return ApplicationFactory(
        direction=direction, call=direction.call, organisation=organisation, created_by=by, **kwargs
    )


def complete(application: Application, by) -> Application:
    """Add what the factory leaves out: the plan of activities and the required documents."""
    application_rows_save(
        application=application,
        by=by,
        section="activities",
        rows=[
            {
                "title": "Кәсіби бағдар беру тренингтері",
                "starts_month": 1,
                "ends_month": 3,
                "description": "Аудандардағы мектептерде 12 тренинг.",
            },
            {"title": "Волонтерлер мектебі", "starts_month": 4, "ends_month": 6, "description": ""},
        ],
    )
    attachment_add(application=application, by=by, upload=pdf("Жарғы.pdf"), document_code="charter")
    attachment_add(
        application=application, by=by, upload=pdf("registration.pdf"), document_code="registration"
    )
    return application


@pytest.fixture
def ready(direction, ngo, alice):
    return complete(draft(direction, ngo, alice, title="Жастар орталығы"), alice)


def submit_refused(application, by) -> list[str]:
    with pytest.raises(DomainError) as error:
        application_submit(application=application, by=by)
    return [f.message for f in getattr(error.value, "failures", [])] or [str(error.value)]


def unchanged(application) -> None:
    application.refresh_from_db()
    assert (application.status, application.number, application.submitted_at) == ("draft", None, None)
    assert not ApplicationVersion.objects.filter(application=application).exists()


# --- Drafting ----------------------------------------------------------------------------------------------------


def test_a_member_starts_a_draft_for_a_direction_of_an_open_call(call, direction, ngo, bob):
    application = application_create(
        call=call, direction=direction, organisation=ngo, by=bob, title="  Ауыл жастары  ", language="ru"
    )
    assert (application.status, application.title, application.language) == ("draft", "Ауыл жастары", "ru")
    assert (application.organisation, application.created_by, application.number) == (ngo, bob, None)
    assert application.history.first().history_user == bob


def test_a_stranger_cannot_start_a_draft_for_an_organisation(call, direction, ngo, carol):
    with pytest.raises(DomainError) as error:
        application_create(call=call, direction=direction, organisation=ngo, by=carol, title="Чужая заявка")
    assert str(error.value) == "Only members of the organisation can prepare its applications."
    assert not Application.objects.exists()


def test_no_draft_before_a_call_opens_or_for_another_calls_direction(call, direction, ngo, alice):
    later = CallFactory(code="later-2026", opens_at=CLOSES, closes_at=CLOSES + datetime.timedelta(days=30))
    with pytest.raises(DomainError) as error:
        application_create(
            call=later, direction=DirectionFactory(call=later), organisation=ngo, by=alice, title="X"
        )
    assert str(error.value) == (
        "Applications to this call are accepted from 03/20/2026 6 p.m. to 04/19/2026 6 p.m. (Almaty time)."
    )
    with pytest.raises(DomainError) as error:
        application_create(
            call=call, direction=DirectionFactory(call=later), organisation=ngo, by=alice, title="X"
        )
    assert (error.value.code, error.value.field) == ("wrong_direction", "direction")
    assert not Application.objects.exists()


def test_any_active_member_edits_the_draft_and_comes_back_to_it(ready, bob):
    application_update(
        application=ready,
        by=bob,
        data={"summary": "Жаңа қысқаша сипаттама.", "duration_months": 8, "number": "KZ-hack"},
    )
    ready.refresh_from_db()
    assert (ready.summary, ready.duration_months, ready.number) == ("Жаңа қысқаша сипаттама.", 8, None)
    assert ready.history.first().history_user == bob


def test_a_save_over_another_editors_newer_save_is_refused(ready, alice, bob):
    loaded_by_alice = Application.objects.get(pk=ready.pk).updated_at
    application_update(application=ready, by=bob, data={"goals": "Бобтың мақсаттары."})
    with pytest.raises(DomainError) as error:
        application_update(
            application=ready, by=alice, data={"goals": "Әлияның мақсаттары."}, loaded_at=loaded_by_alice
        )
    assert str(error.value) == (
        "Someone else saved this application after you opened it. Your text is kept here: see theirs through "
        "the link below, then save again to put yours in its place (theirs stays in the history)."
    )
    ready.refresh_from_db()
    assert ready.goals == "Бобтың мақсаттары."


def test_rows_are_added_changed_and_removed_in_one_save(ready, alice):
    first, second = ready.activities.order_by("starts_month")
    application_rows_save(
        application=ready,
        by=alice,
        section="activities",
        rows=[
            {"id": first.pk, "title": "Тренингтер", "starts_month": 1, "ends_month": 2},
            {"title": "Қорытынды конференция", "starts_month": 6, "ends_month": 6, "description": "Алматы"},
        ],
        delete=[second.pk],
    )
    assert list(ready.activities.values_list("title", "starts_month", "ends_month")) == [
        ("Тренингтер", 1, 2),
        ("Қорытынды конференция", 6, 6),
    ]


def test_a_bad_row_changes_nothing_and_says_why(ready, alice):
    before = list(ready.budget_lines.values_list("description", "quantity", "unit_cost"))
    with pytest.raises(DomainError) as error:
        application_rows_save(
            application=ready,
            by=alice,
            section="budget",
            rows=[
                {
                    "category": "rent",
                    "description": "Office rent",
                    "quantity": Decimal(6),
                    "unit_cost": Decimal(100),
                },
                {
                    "category": "travel",
                    "description": "Bus tickets",
                    "quantity": Decimal(0),
                    "unit_cost": Decimal(5000),
                },
            ],
        )
    assert str(error.value) == "“Bus tickets”: the quantity must be above zero."
    with pytest.raises(DomainError) as error:
        application_rows_save(
            application=ready,
            by=alice,
            section="activities",
            rows=[{"title": "Кері тәртіп", "starts_month": 5, "ends_month": 2}],
        )
    assert str(error.value) == "The activity “Кері тәртіп” must end in the month it starts or later."
    assert list(ready.budget_lines.values_list("description", "quantity", "unit_cost")) == before
    assert ready.activities.count() == 2


def test_rows_of_another_application_cannot_be_touched(ready, direction, ngo, alice):
    other = draft(direction, ngo, alice)
    line = other.budget_lines.first()
    with pytest.raises(DomainError) as error:
        application_rows_save(application=ready, by=alice, section="budget", rows=[], delete=[line.pk])
    assert error.value.code == "row_not_found"
    assert BudgetLine.objects.filter(pk=line.pk).exists()


# --- Submission ----------------------------------------------------------------------------------------------------


def test_submission_numbers_freezes_and_snapshots_the_application(
    ready, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(application=ready, by=alice)
    assert (application.status, application.number, application.version) == (
        "submitted",
        "KZ-2026-youth-0001",
        1,
    )
    assert application.submitted_at is not None
    version = application.versions.get()
    assert (version.number, version.created_by) == (1, alice)
    snapshot = version.snapshot
    assert snapshot["number"] == "KZ-2026-youth-0001"
    assert snapshot["fields"]["title"] == "Жастар орталығы"
    assert snapshot["budget_lines"] == [
        {
            "category": "salaries",
            "description": "Жоба үйлестірушісі",
            "quantity": "6.00",
            "unit_cost": "250000.00",
            "total": "1500000.00",
        },
        {
            "category": "services",
            "description": "Тренингтер",
            "quantity": "4.00",
            "unit_cost": "300000.00",
            "total": "1200000.00",
        },
    ]
    assert snapshot["budget_total"] == "2700000.00"
    assert [a["title"] for a in snapshot["activities"]] == [
        "Кәсіби бағдар беру тренингтері",
        "Волонтерлер мектебі",
    ]
    assert snapshot["indicators"] == [
        {
            "kind": "output",
            "name": "Кәсіби бағдар алған жастар",
            "unit": "адам",
            "baseline": "0.00",
            "target": "300.00",
        }
    ]
    assert snapshot["attachments"] == [
        {"document_code": "charter", "name": "Жарғы.pdf"},
        {"document_code": "registration", "name": "registration.pdf"},
    ]
    assert [m.to for m in mail.outbox] == [["alice@example.kz"]]
    assert "KZ-2026-youth-0001" in mail.outbox[0].subject


def test_submission_after_the_call_closes_is_refused(ready, alice):
    with time_machine.travel(CLOSES + datetime.timedelta(seconds=1)):
        messages = submit_refused(ready, alice)
    assert messages == [
        "The call closed on 03/20/2026 6 p.m. (Almaty time); applications can no longer be submitted to it."
    ]
    unchanged(ready)


def test_a_budget_over_the_limit_in_mrp_is_refused(ready, alice):
    application_rows_save(
        application=ready,
        by=alice,
        section="budget",
        rows=[
            {
                "category": "equipment",
                "description": "Ноутбуктер",
                "quantity": Decimal(25),
                "unit_cost": Decimal(500000),
            }
        ],
    )
    # Short-term grants: 200 to 3,000 МРП at 4,325 ₸ (2026): 865,000 to 12,975,000 ₸.
    assert submit_refused(ready, alice) == [
        "The budget totals 15,200,000 ₸; this grant type allows from 865,000 ₸ to 12,975,000 ₸."
    ]
    unchanged(ready)


def test_a_missing_required_document_is_refused(direction, ngo, alice):
    application = draft(direction, ngo, alice)
    application_rows_save(
        application=application,
        by=alice,
        section="activities",
        rows=[{"title": "Тренинг", "starts_month": 1, "ends_month": 1}],
    )
    attachment_add(application=application, by=alice, upload=pdf(), document_code="charter")
    assert submit_refused(application, alice) == [
        "Attach the required document: Certificate of state registration."
    ]
    unchanged(application)


def test_an_empty_application_gets_every_reason_in_plain_words(direction, ngo, alice):
    application = draft(direction, ngo, alice, budget=[], duration_months=24)
    application.indicators.all().delete()
    assert submit_refused(application, alice) == [
        "Add at least one budget line.",
        "The project lasts 24 months; this grant type allows from 3 to 12 months.",
        "Add at least one activity to the plan.",
        "Add at least one indicator of results.",
        "Attach the required document: Charter.",
        "Attach the required document: Certificate of state registration.",
    ]
    unchanged(application)


def test_a_submitted_application_is_frozen(ready, alice, bob):
    application_submit(application=ready, by=alice)
    with pytest.raises(DomainError) as error:
        application_update(application=ready, by=bob, data={"title": "Changed after submission"})
    assert (error.value.code, str(error.value)) == ("frozen", FROZEN)
    with pytest.raises(DomainError) as error:
        application_rows_save(application=ready, by=bob, section="budget", rows=[], delete=[])
    assert str(error.value) == FROZEN
    with pytest.raises(DomainError) as error:
        attachment_add(application=ready, by=bob, upload=pdf(), document_code="other")
    assert str(error.value) == FROZEN
    with pytest.raises(DomainError) as error:
        application_submit(application=ready, by=alice)
    assert str(error.value) == FROZEN
    ready.refresh_from_db()
    assert (ready.title, ready.attachments.count(), ready.versions.count()) == ("Жастар орталығы", 2, 1)


def test_numbers_are_sequential_per_call_and_kept_on_withdrawal(ready, direction, ngo, alice):
    second = complete(draft(direction, ngo, alice), alice)
    other_call = CallFactory(code="ecology-2026", opens_at=OPENS, closes_at=CLOSES)
    third = complete(draft(DirectionFactory(call=other_call), ngo, alice), alice)
    application_submit(application=ready, by=alice)
    application_withdraw(application=ready, by=alice)
    application_submit(application=second, by=alice)
    application_submit(application=third, by=alice)
    fourth = complete(draft(direction, ngo, alice), alice)
    application_submit(application=fourth, by=alice)
    numbers = [Application.objects.get(pk=a.pk).number for a in (ready, second, third, fourth)]
    assert numbers == [
        "KZ-2026-youth-0001",
        "KZ-2026-youth-0002",
        "KZ-2026-ecology-0001",
        "KZ-2026-youth-0003",
    ]


def submit_at_once(applications, *, by) -> list[Exception]:
    """Submit every application from its own thread, all released at the same moment; the errors raised."""
    barrier = threading.Barrier(len(applications))
    errors = []

    def submit(application):
        try:
            barrier.wait()
            application_submit(application=application, by=by)
        except Exception as exc:  # noqa: BLE001 - returned to the test's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql
def test_concurrent_submissions_get_distinct_numbers(direction, ngo, alice):
    applications = [complete(draft(direction, ngo, alice), alice) for _ in range(4)]
    assert submit_at_once(applications, by=alice) == []
    assert sorted(Application.objects.values_list("number", flat=True)) == [
        f"KZ-2026-youth-000{n}" for n in range(1, 5)
    ]


# --- Clarification, versions, withdrawal --------------------------------------------------------------------------


def test_the_clarification_round_makes_a_second_version_with_a_readable_diff(
    ready, alice, bob, operator, django_capture_on_commit_callbacks, request
):
    application_submit(application=ready, by=alice)
    # Applications are checked after the call closes; the rest of the round happens after it too.
    closed = time_machine.travel(CLOSES + datetime.timedelta(days=1))
    closed.start()
    request.addfinalizer(closed.stop)
    with django_capture_on_commit_callbacks(execute=True):
        application_request_clarification(
            application=ready, by=operator, message="Бюджетте жалға алу шығындарын негіздеңіз."
        )
    ready.refresh_from_db()
    assert ready.status == "clarification"
    check = ComplianceCheck.objects.get(application=ready)
    assert (check.decision, check.reasons, check.checked_by) == (
        "clarification",
        "Бюджетте жалға алу шығындарын негіздеңіз.",
        operator,
    )
    assert mail.outbox[-1].to == ["alice@example.kz"]
    assert "Бюджетте жалға алу шығындарын негіздеңіз." in mail.outbox[-1].body

    application_update(
        application=ready,
        by=bob,
        data={
            "summary": "Ауыл жастарына арналған кәсіби бағдар беру және волонтерлік бағдарлама. Жоба екі ауданда өтеді."
        },
    )
    line = ready.budget_lines.get(category="services")
    application_rows_save(
        application=ready, by=bob, section="budget", rows=[{"id": line.pk, "quantity": Decimal(3)}]
    )
    with time_machine.travel(CLOSES + datetime.timedelta(days=3)):  # a resubmission may come after the close
        application_submit(application=ready, by=bob)
    ready.refresh_from_db()
    assert (ready.status, ready.number, ready.version) == ("submitted", "KZ-2026-youth-0001", 2)
    old, new = (v.snapshot for v in ready.versions.order_by("number"))
    changes = {
        s.title: [(line.kind, line.text) for line in s.lines if line.kind != "same"]
        for s in version_diff(old, new)
        if s.changed
    }
    assert changes == {
        "Project summary": [("added", "Жоба екі ауданда өтеді.")],
        "Budget": [
            ("removed", "Services · Тренингтер · 4.00 × 300000.00 ₸ = 1200000.00 ₸"),
            ("removed", "Total: 2700000.00 ₸"),
            ("added", "Services · Тренингтер · 3.00 × 300000.00 ₸ = 900000.00 ₸"),
            ("added", "Total: 2400000.00 ₸"),
        ],
    }


def test_only_the_operator_asks_for_a_clarification(ready, alice):
    application_submit(application=ready, by=alice)
    with pytest.raises(DomainError) as error:
        application_request_clarification(application=ready, by=alice, message="Please")
    assert str(error.value) == "Only the grant operator's staff can check applications for compliance."
    ready.refresh_from_db()
    assert ready.status == "submitted"


def test_withdrawal_by_members_only_and_once(ready, alice, carol):
    application_submit(application=ready, by=alice)
    with pytest.raises(DomainError) as error:
        application_withdraw(application=ready, by=carol)
    assert str(error.value) == "Only members of the applicant organisation can withdraw its application."
    application_withdraw(application=ready, by=alice)
    ready.refresh_from_db()
    assert (ready.status, ready.number) == ("withdrawn", "KZ-2026-youth-0001")
    with pytest.raises(DomainError) as error:
        application_withdraw(application=ready, by=alice)
    assert str(error.value) == "The application is already decided or withdrawn; it cannot be withdrawn now."
    with pytest.raises(DomainError) as error:
        application_update(application=ready, by=alice, data={"title": "Back again"})
    assert str(error.value) == "The application was withdrawn; it can no longer change."
