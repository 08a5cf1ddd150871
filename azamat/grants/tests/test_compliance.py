"""The compliance check: due dates in working days, decisions, reasons emailed to the applicant's administrators."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, ComplianceCheck
from azamat.grants.selectors.review import compliance_queue
from azamat.grants.services.compliance import checklist_items, compliance_decide, compliance_due_on

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def call(db):
    return CallFactory(
        code="compliance-2026",
        opens_at=datetime.datetime(2026, 2, 2, 9, tzinfo=ALMATY),
        closes_at=datetime.datetime(2026, 3, 2, 18, tzinfo=ALMATY),
    )


@pytest.fixture
def submitted(call, ngo, alice, bob):
    return ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=ngo,
        status=Application.Status.SUBMITTED,
        number="KZ-2026-compliance-2026-0001",
        submitted_at=datetime.datetime(2026, 3, 1, 12, tzinfo=ALMATY),
    )


def _all_ticked(application):
    return {key: True for key, _label in checklist_items(application)}


def test_the_check_is_due_ten_working_days_after_the_call_closes(call):
    # 2 March 2026 closes; 8 March (Sunday) is observed on Monday 9 March: the tenth working day is 17 March.
    assert compliance_due_on(call) == datetime.date(2026, 3, 17)


def test_the_checklist_has_the_standing_items_and_the_grant_types_documents(submitted):
    assert [key for key, _label in checklist_items(submitted)] == [
        "eligible",
        "limits",
        "direction",
        "complete",
        "doc:charter",
        "doc:registration",
    ]
    assert checklist_items(submitted)[-1][1] == "Document attached: Certificate of state registration"


def test_a_compliant_decision_needs_every_item(submitted, operator):
    ticks = _all_ticked(submitted) | {"doc:charter": False}
    with pytest.raises(DomainError) as error:
        compliance_decide(
            application=submitted, by=operator, decision="compliant", checklist=ticks, reasons=""
        )
    assert (error.value.code, str(error.value)) == (
        "checklist_incomplete",
        "An application is compliant only when every item of the checklist is met: Document attached: Charter.",
    )
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and ComplianceCheck.objects.count() == 0

    check = compliance_decide(
        application=submitted,
        by=operator,
        decision="compliant",
        checklist=_all_ticked(submitted) | {"unknown": True},
        reasons="",
    )
    submitted.refresh_from_db()
    assert submitted.status == Application.Status.COMPLIANT
    assert (check.decision, check.checked_by, check.due_on) == (
        "compliant",
        operator,
        datetime.date(2026, 3, 17),
    )
    assert check.checklist == _all_ticked(submitted)
    assert submitted.history.first().history_user == operator


def test_a_rejection_needs_reasons_and_emails_the_administrators(
    submitted, operator, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError) as error:
        compliance_decide(application=submitted, by=operator, decision="rejected", checklist={}, reasons="  ")
    assert (error.value.code, error.value.field, str(error.value)) == (
        "reasons_required",
        "reasons",
        "Give the reasons: the applicant receives them by email.",
    )
    assert Application.objects.get(pk=submitted.pk).status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        check = compliance_decide(
            application=submitted,
            by=operator,
            decision="rejected",
            checklist={},
            reasons="The charter is not attached.",
        )
    assert Application.objects.get(pk=submitted.pk).status == Application.Status.REJECTED
    assert check.reasons == "The charter is not attached."
    [message] = mail.outbox
    assert message.to == ["alice@example.kz"]  # administrators only, not bob
    assert (
        message.subject
        == "[Azamat] Application KZ-2026-compliance-2026-0001 did not pass the compliance check"
    )
    assert "The charter is not attached." in message.body


def test_a_clarification_sends_the_application_back(submitted, operator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        compliance_decide(
            application=submitted,
            by=operator,
            decision="clarification",
            checklist={},
            reasons="Attach the registration certificate.",
        )
    submitted.refresh_from_db()
    assert submitted.status == "clarification" and submitted.is_editable
    assert (
        mail.outbox[0].subject
        == "[Azamat] Application KZ-2026-compliance-2026-0001: the operator asks for a clarification"
    )


def test_only_submitted_applications_by_the_operator(submitted, operator, alice):
    with pytest.raises(DomainError) as error:
        compliance_decide(
            application=submitted, by=alice, decision="compliant", checklist=_all_ticked(submitted)
        )
    assert str(error.value) == "Only the grant operator's staff can check applications for compliance."
    with pytest.raises(DomainError) as error:
        compliance_decide(application=submitted, by=operator, decision="maybe", checklist={})
    assert error.value.code == "bad_decision"
    draft = ApplicationFactory(direction=submitted.direction, call=submitted.call)
    with pytest.raises(DomainError) as error:
        compliance_decide(application=draft, by=operator, decision="compliant", checklist=_all_ticked(draft))
    assert (error.value.code, str(error.value)) == (
        "not_submitted",
        "Only submitted applications can be checked; this one is “Draft”.",
    )
    compliance_decide(application=submitted, by=operator, decision="rejected", checklist={}, reasons="Late.")
    with pytest.raises(DomainError) as error:
        compliance_decide(
            application=submitted, by=operator, decision="compliant", checklist=_all_ticked(submitted)
        )
    assert error.value.code == "not_submitted"
    assert ComplianceCheck.objects.count() == 1


def test_the_queue_lists_submitted_applications_per_call_with_due_dates(submitted, call):
    later = CallFactory(
        code="later-2026",
        opens_at=datetime.datetime(2026, 3, 1, 9, tzinfo=ALMATY),
        closes_at=datetime.datetime(2026, 3, 16, 18, tzinfo=ALMATY),
    )
    other = ApplicationFactory(
        direction=DirectionFactory(call=later),
        call=later,
        status="submitted",
        number="KZ-2026-later-2026-0001",
    )
    ApplicationFactory(direction=submitted.direction, call=call, status="compliant")
    with time_machine.travel(datetime.datetime(2026, 3, 18, 10, tzinfo=ALMATY), tick=False):
        queue = compliance_queue()
    assert [(q.call.code, q.due_on, q.overdue, q.applications) for q in queue] == [
        ("compliance-2026", datetime.date(2026, 3, 17), True, [submitted]),
        ("later-2026", datetime.date(2026, 4, 2), False, [other]),
    ]
