"""The operator changes an expert on an application by hand: the draw's rules hold, the reason and author are kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application, Assignment, ConflictDeclaration, Draw
from azamat.grants.services.reassignment import (
    EXPERT_CONFLICTED,
    EXPERT_FULL,
    EXPERT_LANGUAGE,
    EXPERT_TAKEN,
    NOT_ALLOWED,
    NOT_CHANGEABLE,
    assignment_change,
)
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

REASON = "Эксперт ауырып қалды, мерзімде бағалай алмайды."


@pytest.fixture
def call(db):
    now = timezone.now()
    return CallFactory(
        code="change-2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=20),
    )


def application_of(call, n):
    return ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        status=Application.Status.COMPLIANT,
        number=f"KZ-2026-change-2026-{n:04d}",
        language="kk",
    )


@pytest.fixture
def assignment(call, operator):
    draw = Draw.objects.create(call=call, method="random", seed="change", created_by=operator)
    expert = ExpertFactory(user=UserFactory(email="old@example.kz"))
    return Assignment.objects.create(application=application_of(call, 1), expert=expert, draw=draw)


@pytest.fixture
def newcomer(db):
    return ExpertFactory(user=UserFactory(email="new@example.kz", full_name="Жаңа Сарапшы"), languages=["kk"])


def refused(code, **kwargs):
    with pytest.raises(DomainError) as error:
        assignment_change(**kwargs)
    assert error.value.code == code
    return str(error.value)


def test_the_change_is_recorded_with_its_reason_and_author(
    assignment, newcomer, operator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        replacement = assignment_change(assignment=assignment, expert=newcomer, by=operator, reason=REASON)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.RECUSED
    assert assignment.recusal_reason == REASON
    assert assignment.replaced_by_operator == operator
    assert replacement.expert == newcomer
    assert replacement.replaces == assignment
    assert replacement.draw == assignment.draw
    assert replacement.status == Assignment.Status.ASSIGNED
    # History: who changed what, and why, on both assignments.
    old_change = assignment.history.first()
    assert (old_change.history_user, old_change.history_change_reason, old_change.status) == (
        operator,
        REASON,
        "recused",
    )
    new_record = replacement.history.get()
    assert (new_record.history_type, new_record.history_user, new_record.history_change_reason) == (
        "+",
        operator,
        REASON,
    )
    assert sorted(m.to[0] for m in mailoutbox) == ["new@example.kz", "old@example.kz"]
    told = next(m for m in mailoutbox if m.to == ["old@example.kz"])
    assert REASON in told.body


def test_a_conflicted_expert_is_refused_with_the_reason(assignment, newcomer, operator):
    ConflictDeclaration.objects.create(
        person=newcomer.user, organisation=assignment.application.organisation, relation="founded"
    )
    with translation.override("en"):
        message = refused(
            EXPERT_CONFLICTED, assignment=assignment, expert=newcomer, by=operator, reason=REASON
        )
    assert message == (
        "This expert has a conflict of interest with the applicant: "
        "Declared tie to the applicant organisation: Founded it."
    )
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ASSIGNED
    assert not Assignment.objects.filter(expert=newcomer).exists()


def test_the_draw_rules_hold(assignment, newcomer, operator, call):
    russian_only = ExpertFactory(languages=["ru"])
    refused(EXPERT_LANGUAGE, assignment=assignment, expert=russian_only, by=operator, reason=REASON)

    newcomer.max_load = 1
    newcomer.save()
    Assignment.objects.create(application=application_of(call, 2), expert=newcomer)
    with translation.override("en"):
        message = refused(EXPERT_FULL, assignment=assignment, expert=newcomer, by=operator, reason=REASON)
    assert message == "This expert already has their most applications in this call (1)."

    colleague = ExpertFactory(languages=["kk"])
    Assignment.objects.create(application=assignment.application, expert=colleague)
    refused(EXPERT_TAKEN, assignment=assignment, expert=colleague, by=operator, reason=REASON)

    refused("change_reason_required", assignment=assignment, expert=ExpertFactory(), by=operator, reason="  ")
    refused(NOT_ALLOWED, assignment=assignment, expert=ExpertFactory(), by=newcomer.user, reason=REASON)

    assignment.status = Assignment.Status.SUBMITTED
    assignment.save()
    refused(NOT_CHANGEABLE, assignment=assignment, expert=ExpertFactory(), by=operator, reason=REASON)


def post(client, call, **data):
    return client.post(reverse("grants:assignment_change", args=[call.code]), data, HTTP_ACCEPT_LANGUAGE="en")


def test_the_form_on_the_call_page_changes_the_expert(client, operator, assignment, newcomer, call):
    client.force_login(operator)
    page = client.get(reverse("grants:call_assignment", args=[call.code])).content.decode()
    assert reverse("grants:assignment_change", args=[call.code]) in page
    response = post(
        client,
        call,
        application=assignment.application.number.lower(),
        expert_out=f"E-{assignment.expert_id:03d}",
        expert_in=f"e{newcomer.pk}",
        reason=REASON,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("grants:call_assignment", args=[call.code])
    assert Assignment.objects.get(expert=newcomer).replaces == assignment
    # The call's page, the public draw and the replaced expert's own page tell the change from a recusal.
    page = client.get(reverse("grants:call_assignment", args=[call.code]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Replaced by the operator" in page.content.decode()
    draw = client.get(
        reverse("grants:draw", args=[call.code, assignment.draw_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f"<del>E-{assignment.expert_id:03d}</del> (replaced by the operator)" in draw
    client.force_login(assignment.expert.user)
    refused = client.get(reverse("grants:expert_assignment", args=[assignment.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403
    assert "The operator gave this application to another expert" in refused.content.decode()


def test_the_form_says_why_it_refuses(client, operator, assignment, newcomer, call):
    ConflictDeclaration.objects.create(
        person=newcomer.user, organisation=assignment.application.organisation, relation="founded"
    )
    client.force_login(operator)
    data = {
        "application": assignment.application.number,
        "expert_out": f"E-{assignment.expert_id:03d}",
        "expert_in": f"E-{newcomer.pk:03d}",
        "reason": REASON,
    }
    response = post(client, call, **data)
    assert response.status_code == 400
    assert "Declared tie to the applicant organisation: Founded it." in response.content.decode()
    assert post(client, call, **{**data, "application": "KZ-0000"}).status_code == 400
    assert (
        "No application of this call has this number."
        in post(client, call, **{**data, "application": "KZ-0000"}).content.decode()
    )
    assert "like E-017" in post(client, call, **{**data, "expert_in": "=1+1"}).content.decode()
    assert (
        "No expert in the register has this code."
        in post(client, call, **{**data, "expert_in": "E-99999"}).content.decode()
    )
    assert not Assignment.objects.filter(expert=newcomer).exists()


def test_the_same_change_sent_again_from_another_tab_says_who_replaced_whom(
    client, operator, assignment, newcomer, call
):
    client.force_login(operator)
    data = {
        "application": assignment.application.number,
        "expert_out": f"E-{assignment.expert_id:03d}",
        "expert_in": f"E-{newcomer.pk:03d}",
        "reason": REASON,
    }
    assert post(client, call, **data).status_code == 302
    other = ExpertFactory(languages=["kk"])
    response = post(client, call, **{**data, "expert_in": f"E-{other.pk:03d}"})
    assert response.status_code == 400
    old, new = f"E-{assignment.expert_id:03d}", f"E-{newcomer.pk:03d}"
    assert response.context["form"].errors["expert_out"] == [
        f"{old} was already replaced on this application by {new} (another operator, or another tab); nothing "
        f"was changed. To replace {new}, name them as the expert to replace."
    ]
    assert not Assignment.objects.filter(expert=other).exists()


def test_an_expert_who_stepped_aside_is_not_replaced_again(assignment, newcomer, operator):
    Assignment.objects.filter(pk=assignment.pk).update(
        status=Assignment.Status.RECUSED, recusal_reason="Родственник"
    )
    assignment.refresh_from_db()
    with translation.override("en"):
        message = refused("stepped_aside", assignment=assignment, expert=newcomer, by=operator, reason=REASON)
    assert message == (
        f"E-{assignment.expert_id:03d} stepped aside from this application on their own; nothing was changed. "
        "Name one of the experts it is assigned to now."
    )
    assert not Assignment.objects.filter(expert=newcomer).exists()
