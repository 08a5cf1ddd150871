"""The order of selection is enforced: each step is refused, with its reason and changing nothing, until its turn."""

import datetime
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import formats, timezone, translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import AgendaItem, Application, Assignment, ComplianceCheck, Draw, Sitting
from azamat.grants.selectors.review import ranking, waiting_for_scores
from azamat.grants.services import sittings as sitting_services
from azamat.grants.services.assignment import draw_optimised, draw_random
from azamat.grants.services.compliance import checklist_items, compliance_decide
from azamat.grants.services.scoring import score_submit
from azamat.grants.tests.test_commission import SUPPORT, after_start, make_setup, vote_all
from azamat.grants.tests.test_scoring import _application, _assign, _scores

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(code: str, service, **kwargs) -> str:
    with pytest.raises(DomainError) as error:
        service(**kwargs)
    assert error.value.code == code
    return str(error.value)


# Compliance is decided only once the call has closed


def test_compliance_is_not_decided_while_the_call_is_open(operator, mailoutbox):
    now = timezone.now()
    call = CallFactory(
        code="guards-open",
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=5),
    )
    application = ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        status=Application.Status.SUBMITTED,
        submitted_at=now,
    )
    ticks = {key: True for key, _label in checklist_items(application)}
    for decision, reasons in [("compliant", ""), ("rejected", "Устав не приложен.")]:
        message = refused(
            "call_still_open",
            compliance_decide,
            application=application,
            by=operator,
            decision=decision,
            checklist=ticks,
            reasons=reasons,
        )
        assert message == (
            "Applications are checked once the call has closed: other applicants may still be submitting."
        )
    application.refresh_from_db()
    assert application.status == "submitted"
    assert ComplianceCheck.objects.count() == 0 and mailoutbox == []
    with time_machine.travel(call.closes_at + datetime.timedelta(hours=1), tick=False):
        compliance_decide(application=application, by=operator, decision="compliant", checklist=ticks)
    application.refresh_from_db()
    assert application.status == "compliant"


# The draw waits for every compliance decision


@pytest.fixture
def closed_call(db):
    now = timezone.now()
    return CallFactory(
        code="guards-draw",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
    )


def test_no_draw_while_any_application_waits_for_its_compliance_decision(closed_call, operator):
    direction = DirectionFactory(call=closed_call)
    statuses = ["compliant", "compliant", "submitted", "clarification", "rejected"]
    applications = [
        ApplicationFactory(
            direction=direction, call=closed_call, status=status, number=f"KZ-2026-guards-{k:04d}"
        )
        for k, status in enumerate(statuses, start=1)
    ]
    for _ in range(6):
        ExpertFactory()
    expected = (
        "Finish the compliance check first: applications of this call not yet decided (submitted or "
        "waiting for a clarification): 2."
    )
    assert refused("compliance_pending", draw_random, call=closed_call, by=operator, seed="s") == expected
    assert refused("compliance_pending", draw_optimised, call=closed_call, by=operator) == expected
    assert Draw.objects.count() == 0 and Assignment.objects.count() == 0
    assert [a.status for a in Application.objects.order_by("number")] == statuses

    Application.objects.filter(pk__in=[applications[2].pk, applications[3].pk]).update(status="rejected")
    draw = draw_random(call=closed_call, by=operator, seed="s")
    assert {a.application_id for a in draw.assignments.all()} == {applications[0].pk, applications[1].pk}


# Only applications with all their scores are ranked


def test_an_application_scored_by_one_of_three_experts_is_listed_apart_not_ranked(client, operator):
    now = timezone.now()
    call = CallFactory(
        code="guards-rank",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
    )
    criteria = list(call.grant_type.criteria.order_by("position", "pk"))
    direction = DirectionFactory(call=call, planned_grants=1)
    full = _application(call, "KZ-2026-guards-rank-0001", direction=direction)
    for assignment in _assign(full):
        score_submit(
            assignment=assignment, by=assignment.expert.user, scores=_scores(criteria, [6, 6, 6, 6, 6, 6])
        )
    full.refresh_from_db()
    assert (full.status, full.final_score) == ("reviewed", 60)

    partial = _application(call, "KZ-2026-guards-rank-0002", direction=direction)
    first, *_others = _assign(partial)
    score_submit(assignment=first, by=first.expert.user, scores=_scores(criteria, [10, 10, 10, 10, 10, 10]))
    partial.refresh_from_db()
    assert (partial.status, partial.final_score) == ("compliant", None)

    # Its one expert gave 100 against 60: still it is not ranked, let alone first.
    assert [(r.rank, r.application.pk) for r in ranking(direction)] == [(1, full.pk)]
    [row] = waiting_for_scores(call)[direction.pk]
    assert (row.application.pk, row.scored, row.needed) == (partial.pk, 1, 3)
    # Even a final score left on an application still under review does not rank it.
    Application.objects.filter(pk=partial.pk).update(final_score=99)
    assert [r.application.pk for r in ranking(direction)] == [full.pk]

    client.force_login(operator)
    client.cookies["azamat_language"] = "en"
    body = html.unescape(client.get(reverse("grants:ranking", args=[call.code])).content.decode())
    ranked, waiting = body.split("Waiting for scores")
    assert full.number in ranked and partial.number not in ranked
    assert partial.number in waiting and "1 of 3" in waiting


# A sitting closes only after it has started, with quorum and every item decided


def _decide_all(setup):
    chair = setup.members["chair"].user
    for application in setup.applications:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
        sitting_services.item_decide(item=item, by=chair)


def test_a_sitting_does_not_close_before_it_starts(operator, mailoutbox):
    setup = make_setup(operator)  # the sitting starts in three days
    _decide_all(setup)
    mailoutbox.clear()
    starts = formats.date_format(timezone.localtime(setup.sitting.starts_at), "DATETIME_FORMAT")
    message = refused(
        "sitting_not_started", sitting_services.sitting_close, sitting=setup.sitting, by=operator
    )
    assert message == f"The sitting starts at {starts}; it can be closed only after it has started."
    sitting = Sitting.objects.get(pk=setup.sitting.pk)
    assert (sitting.closed_at, sitting.protocol.name) == (None, "")
    assert mailoutbox == []
    with after_start(setup.sitting):
        sitting_services.sitting_close(sitting=setup.sitting, by=operator, language="ru")
    assert Sitting.objects.get(pk=setup.sitting.pk).closed_at is not None


def test_a_sitting_does_not_close_without_quorum(operator):
    setup = make_setup(operator)
    _decide_all(setup)
    present = list(setup.sitting.present.all())
    setup.sitting.present.set(present[:1])
    with after_start(setup.sitting):
        message = refused("no_quorum", sitting_services.sitting_close, sitting=setup.sitting, by=operator)
    assert message == "No quorum: 1 of 5 members are present, and at least 4 are needed to vote and decide."
    assert Sitting.objects.get(pk=setup.sitting.pk).closed_at is None
    assert AgendaItem.objects.filter(sitting=setup.sitting).exclude(decision="").count() == 3
    setup.sitting.present.set(present)
    with after_start(setup.sitting):
        sitting_services.sitting_close(sitting=setup.sitting, by=operator, language="kk")
    assert Sitting.objects.get(pk=setup.sitting.pk).closed_at is not None
