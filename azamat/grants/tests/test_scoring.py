"""Blind scoring: refusals, frozen scores, weighted totals, the extra expert on disagreement, aggregate, ranking."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application, Assignment, Draw, Score
from azamat.grants.selectors.review import ranking
from azamat.grants.services.conflicts import declaration_confirm
from azamat.grants.services.recusal import assignment_recuse
from azamat.grants.services.scoring import aggregate, score_submit, weighted_total
from azamat.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db
WHY = "The plan is concrete, with dates and people in charge."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def call(db):
    now = timezone.now()
    return CallFactory(
        code="scoring-2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
    )


@pytest.fixture
def criteria(call):
    return list(call.grant_type.criteria.order_by("position", "pk"))


def _application(call, number, **kwargs):
    direction = kwargs.pop("direction", None) or DirectionFactory(call=call)
    kwargs.setdefault("status", Application.Status.COMPLIANT)
    return ApplicationFactory(direction=direction, call=call, number=number, **kwargs)


def _assign(application, count=3, *, is_extra=False, draw=None):
    draw = draw or Draw.objects.create(call=application.call, method="random", seed="scoring")
    assignments = []
    for _ in range(count):
        expert = ExpertFactory()
        declaration_confirm(person=expert.user, call=application.call)
        assignments.append(
            Assignment.objects.create(application=application, expert=expert, draw=draw, is_extra=is_extra)
        )
    return assignments


def _scores(criteria, values, why=WHY):
    return {c.pk: (v, why) for c, v in zip(criteria, values, strict=True)}


@pytest.fixture
def application(call):
    return _application(call, "KZ-2026-scoring-2026-0001")


def test_the_weighted_total_is_out_of_a_hundred(criteria):
    # Weights 0.20, 0.15, 0.15, 0.20, 0.15, 0.15; each criterion out of 10.
    values = dict(zip([c.pk for c in criteria], [8, 7, 9, 6, 10, 5], strict=True))
    assert weighted_total(values, criteria) == Decimal("74.50")
    assert weighted_total(dict.fromkeys(values, 10), criteria) == Decimal("100.00")
    assert weighted_total(dict.fromkeys(values, 0), criteria) == Decimal("0.00")


def test_scores_are_recorded_once_and_frozen(application, criteria):
    first, *_others = _assign(application)
    score_submit(assignment=first, by=first.expert.user, scores=_scores(criteria, [8, 7, 9, 6, 10, 5]))
    first.refresh_from_db()
    assert first.status == "submitted" and first.submitted_at is not None
    assert sorted(first.scores.values_list("value", flat=True)) == [5, 6, 7, 8, 9, 10]
    assert first.scores.first().justification == WHY
    with pytest.raises(DomainError) as error:
        score_submit(assignment=first, by=first.expert.user, scores=_scores(criteria, [1] * 6))
    assert (error.value.code, str(error.value)) == ("frozen", "Your scores are submitted and cannot change.")
    assert sorted(first.scores.values_list("value", flat=True)) == [5, 6, 7, 8, 9, 10]
    assert Application.objects.get(pk=application.pk).status == "compliant"  # two experts still to score


@pytest.mark.parametrize(
    ("scores", "code", "message", "field"),
    [
        (
            "missing",
            "missing_criterion",
            "Score every criterion: “Results and sustainability” is missing.",
            "last",
        ),
        (
            "eleven",
            "out_of_range",
            "The score for “Relevance to the direction” must be a whole number from 0 to 10.",
            "first",
        ),
        (
            "negative",
            "out_of_range",
            "The score for “Relevance to the direction” must be a whole number from 0 to 10.",
            "first",
        ),
        (
            "text",
            "out_of_range",
            "The score for “Relevance to the direction” must be a whole number from 0 to 10.",
            "first",
        ),
        (
            "short",
            "justification_too_short",
            "Justify the score for “Relevance to the direction” in at least 30 characters.",
            "justification",
        ),
        (
            "unknown",
            "unknown_criterion",
            "A score was given for a criterion this grant type does not have.",
            None,
        ),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_saved(application, criteria, scores, code, message, field):
    assignment, *_ = _assign(application)
    good = _scores(criteria, [5] * 6)
    first, last = criteria[0].pk, criteria[-1].pk
    bad = {
        "missing": {k: v for k, v in good.items() if k != last},
        "eleven": good | {first: (11, WHY)},
        "negative": good | {first: (-1, WHY)},
        "text": good | {first: ("5", WHY)},
        "short": good | {first: (5, "Good." + " " * 40)},
        "unknown": good | {999_999: (5, WHY)},
    }[scores]
    with pytest.raises(DomainError) as error:
        score_submit(assignment=assignment, by=assignment.expert.user, scores=bad)
    expected_field = {
        "first": f"criterion_{first}",
        "last": f"criterion_{last}",
        "justification": f"justification_{first}",
        None: None,
    }[field]
    assert (error.value.code, str(error.value), error.value.field) == (code, message, expected_field)
    assignment.refresh_from_db()
    assert assignment.status == "assigned" and Score.objects.count() == 0


def test_who_may_score(application, criteria, carol):
    assignment, *_ = _assign(application)
    expert = assignment.expert
    good = _scores(criteria, [5] * 6)

    def refused(by):
        with pytest.raises(DomainError) as error:
            score_submit(assignment=assignment, by=by, scores=good)
        return error.value.code, str(error.value)

    assert refused(carol) == ("not_assigned", "Only the expert assigned to this application can score it.")
    other = _application(application.call, "KZ-2026-scoring-2026-0002")
    declaration_confirm(person=expert.user, call=other.call)
    unconfirmed = ExpertFactory()
    mine = Assignment.objects.create(application=other, expert=unconfirmed)
    with pytest.raises(DomainError) as error:
        score_submit(assignment=mine, by=unconfirmed.user, scores=good)
    assert error.value.code == "declaration_required"
    # A conflict found after the assignment: the expert joined the applicant organisation.
    MembershipFactory(user=expert.user, organisation=application.organisation)
    assert refused(expert.user) == (
        "conflicted",
        "You have a conflict of interest with this applicant; recuse yourself instead of scoring.",
    )
    assignment_recuse(assignment=assignment, by=expert.user, reason="I joined the applicant organisation.")
    assert refused(expert.user) == (
        "recused",
        "You recused yourself from this application; you cannot score it.",
    )
    assert Score.objects.count() == 0


def test_agreement_gives_the_final_score(application, criteria):
    assignments = _assign(application)
    for assignment, values in zip(
        assignments, [[8, 7, 9, 6, 10, 5], [7, 7, 7, 7, 7, 7], [8, 8, 8, 8, 8, 8]], strict=True
    ):
        score_submit(assignment=assignment, by=assignment.expert.user, scores=_scores(criteria, values))
    application.refresh_from_db()
    # Totals 74.50, 70.00, 80.00: spread 10 ≤ 25; the mean is 74.833… → 74.83.
    assert (application.status, application.final_score) == ("reviewed", Decimal("74.83"))
    result = aggregate(application)
    assert result.count == 3 and result.total == Decimal("74.83")
    assert [mean for _c, mean in result.criteria] == [
        Decimal("7.67"),
        Decimal("7.33"),
        Decimal("8.00"),
        Decimal("7.00"),
        Decimal("8.33"),
        Decimal("6.67"),
    ]
    assert not application.assignments.filter(is_extra=True).exists()


def test_disagreement_brings_one_extra_expert(application, criteria, operator):
    assignments = _assign(application)
    spare = ExpertFactory()
    for assignment, value in zip(assignments, [9, 5, 7], strict=True):
        score_submit(assignment=assignment, by=assignment.expert.user, scores=_scores(criteria, [value] * 6))
    application.refresh_from_db()
    # Totals 90, 50, 70: spread 40 > 25.
    assert (application.status, application.final_score) == ("compliant", None)
    extra = application.assignments.get(is_extra=True)
    assert (extra.expert, extra.status, extra.draw) == (spare, "assigned", assignments[0].draw)
    declaration_confirm(person=spare.user, call=application.call)
    score_submit(assignment=extra, by=spare.user, scores=_scores(criteria, [3] * 6))
    application.refresh_from_db()
    # The extra expert's scores count with the others, and no second extra is drawn: (90 + 50 + 70 + 30) / 4.
    assert (application.status, application.final_score) == ("reviewed", Decimal("60.00"))
    assert application.assignments.filter(is_extra=True).count() == 1


def test_with_no_extra_expert_free_the_mean_stands_and_the_operator_is_told(
    application, criteria, operator, django_capture_on_commit_callbacks
):
    from django.core import mail

    assignments = _assign(application)
    with django_capture_on_commit_callbacks(execute=True):
        for assignment, value in zip(assignments, [10, 5, 6], strict=True):
            score_submit(
                assignment=assignment, by=assignment.expert.user, scores=_scores(criteria, [value] * 6)
            )
    application.refresh_from_db()
    assert (application.status, application.final_score) == ("reviewed", Decimal("70.00"))
    assert [m.subject for m in mail.outbox if m.to == ["operator@example.kz"]] == [
        "[Azamat] No extra expert for application KZ-2026-scoring-2026-0001"
    ]


def test_an_extra_expert_who_leaves_unreplaced_does_not_hold_the_application(application, criteria):
    assignments = _assign(application)
    spare = ExpertFactory()
    for assignment, value in zip(assignments, [9, 5, 7], strict=True):
        score_submit(assignment=assignment, by=assignment.expert.user, scores=_scores(criteria, [value] * 6))
    extra = application.assignments.get(is_extra=True)
    _recused, replacement = assignment_recuse(assignment=extra, by=spare.user, reason="I know the team.")
    assert replacement is None
    application.refresh_from_db()
    assert (application.status, application.final_score) == ("reviewed", Decimal("70.00"))


def test_ranking_by_score_then_submission_time(call):
    direction = DirectionFactory(call=call, planned_grants=2)
    base = timezone.now() - datetime.timedelta(days=20)
    rows = [("0001", "81.00", 3), ("0002", "90.50", 5), ("0003", "81.00", 1), ("0004", None, 0)]
    apps = {}
    for number, score, hours in rows:
        apps[number] = _application(
            call,
            f"KZ-2026-{number}",
            direction=direction,
            submitted_at=base + datetime.timedelta(hours=hours),
            final_score=Decimal(score) if score else None,
            status="reviewed" if score else "compliant",
        )
    result = ranking(direction)
    assert [(r.rank, r.application.number, r.application.final_score, r.within_plan) for r in result] == [
        (1, "KZ-2026-0002", Decimal("90.50"), True),
        (2, "KZ-2026-0003", Decimal("81.00"), True),  # submitted two hours before 0001
        (3, "KZ-2026-0001", Decimal("81.00"), False),
    ]
