"""Assigning experts: the reproducible random draw, the optimised min-cost flow, shortfalls, recusal."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application, Assignment, Draw
from azamat.grants.selectors.review import CAPACITY, CONFLICTS, LANGUAGE, draw_rows, expert_code
from azamat.grants.services.assignment import (
    Candidate,
    Item,
    assign_optimised,
    assign_random,
    draw_optimised,
    draw_random,
    pick_one,
)
from azamat.grants.services.recusal import assignment_recuse
from azamat.registry.models import ActivityArea
from azamat.testing.factories import MembershipFactory

# --- The algorithms, on plain data --------------------------------------------------------------------------------


def _instance(seed: int, *, applications=40, experts=15, conflict_share=0.1):
    rng = random.Random(seed)
    items = [
        Item(
            id=k,
            number=f"N-{k:03d}",
            language=rng.choice(["kk", "kk", "ru"]),
            areas=frozenset(rng.sample(range(6), rng.randint(1, 2))),
            taken=frozenset(rng.sample(range(1, experts + 1), rng.choice([0, 0, 1]))),
        )
        for k in range(1, applications + 1)
    ]
    pool = [
        Candidate(
            id=k,
            languages=frozenset(rng.choice([["kk", "ru"], ["kk", "ru"], ["kk"], ["ru"]])),
            areas=frozenset(rng.sample(range(6), 2)),
            capacity=rng.randint(3, 12),
            load=rng.randint(0, 3),
        )
        for k in range(1, experts + 1)
    ]
    conflicts = {(e.id, i.id) for e in pool for i in items if rng.random() < conflict_share}
    return items, pool, conflicts


def _check_hard_rules(outcome, items, pool, conflicts, n):
    experts = {e.id: e for e in pool}
    by_id = {i.id: i for i in items}
    assert len(set(outcome.pairs)) == len(outcome.pairs)
    loads = outcome.loads()
    for item_id, expert_id in outcome.pairs:
        item, expert = by_id[item_id], experts[expert_id]
        assert (expert_id, item_id) not in conflicts
        assert item.language in expert.languages
        assert expert_id not in item.taken
    for expert in pool:
        assert loads[expert.id] <= expert.capacity
    per_item = {i.id: 0 for i in items}
    for item_id, _expert in outcome.pairs:
        per_item[item_id] += 1
    short = {i.id for i in items if per_item[i.id] < n}
    assert all(per_item[i.id] <= n for i in items)
    assert {u["application"] for u in outcome.uncovered} == short
    for row in outcome.uncovered:
        assert row["assigned"] == per_item[row["application"]] and row["needed"] == n
        assert row["reason"] in {LANGUAGE, CONFLICTS, CAPACITY}


@pytest.mark.parametrize("seed", range(8))
def test_optimised_never_breaks_a_hard_rule(seed):
    items, pool, conflicts = _instance(seed)
    outcome = assign_optimised(items, pool, conflicts, 3)
    _check_hard_rules(outcome, items, pool, conflicts, 3)
    matched = sum(
        1 for a, e in outcome.pairs if {i.id: i for i in items}[a].areas & {x.id: x for x in pool}[e].areas
    )
    assert outcome.matched == matched


@pytest.mark.parametrize("seed", range(8))
def test_random_draw_never_breaks_a_hard_rule(seed):
    items, pool, conflicts = _instance(seed)
    _check_hard_rules(assign_random(items, pool, conflicts, 3, f"seed-{seed}"), items, pool, conflicts, 3)


def test_the_random_draw_is_reproducible_from_its_seed():
    items, pool, conflicts = _instance(1, conflict_share=0.05)
    first = assign_random(items, pool, conflicts, 3, "2026-03-20 lottery 41")
    again = assign_random(
        list(reversed(items)), list(reversed(pool)), set(conflicts), 3, "2026-03-20 lottery 41"
    )
    other = assign_random(items, pool, conflicts, 3, "2026-03-20 lottery 42")
    assert first.pairs == again.pairs
    assert first.pairs != other.pairs


def test_the_random_draw_follows_the_published_procedure():
    """Anyone can re-run one application's draw by hand from the procedure on the public page."""
    pool = [
        Candidate(id=k, languages=frozenset({"kk"}), areas=frozenset(), capacity=5)
        for k in (4, 9, 17, 23, 30)
    ]
    item = Item(id=1, number="KZ-2026-0001", language="kk", areas=frozenset())
    outcome = assign_random([item], pool, {(9, 1)}, 2, "seed")
    eligible = [e for e in pool if e.id != 9]
    expected = random.Random("seed:KZ-2026-0001").sample(eligible, 2)
    assert outcome.pairs == [(1, e.id) for e in expected]


def test_optimised_prefers_expertise_and_balances_load():
    health, education = 1, 2
    items = [Item(id=k, number=f"N-{k}", language="kk", areas=frozenset({health})) for k in range(1, 5)]
    pool = [
        Candidate(id=1, languages=frozenset({"kk"}), areas=frozenset({health}), capacity=20),
        Candidate(id=2, languages=frozenset({"kk"}), areas=frozenset({health}), capacity=20),
        Candidate(id=3, languages=frozenset({"kk"}), areas=frozenset({education}), capacity=20),
    ]
    outcome = assign_optimised(items, pool, set(), 1)
    assert outcome.matched == 4 and outcome.quality == Decimal("1.000")
    assert outcome.loads() == {1: 2, 2: 2}
    # Beyond MISMATCH_COST / LOAD_STEP = 8 applications of extra load, balance wins over expertise:
    # 12 + 12 + 4 costs 66 + 66 + 6 + 4 × 8 = 170, less than any other split of 28.
    many = [Item(id=k, number=f"M-{k:02d}", language="kk", areas=frozenset({health})) for k in range(1, 29)]
    outcome = assign_optimised(many, pool, set(), 1)
    assert outcome.loads() == {1: 12, 2: 12, 3: 4}
    assert outcome.quality == Decimal("0.857")
    # A capacity is a hard limit.
    capped = [Candidate(id=e.id, languages=e.languages, areas=e.areas, capacity=10) for e in pool]
    assert assign_optimised(many, capped, set(), 1).loads() == {1: 10, 2: 10, 3: 8}


def test_uncovered_applications_say_why():
    kk_only = [Candidate(id=k, languages=frozenset({"kk"}), areas=frozenset(), capacity=1) for k in (1, 2, 3)]
    russian = Item(id=1, number="A-1", language="ru", areas=frozenset())
    conflicted = Item(id=2, number="A-2", language="kk", areas=frozenset())
    full = Item(id=3, number="A-3", language="kk", areas=frozenset())
    conflicts = {(1, 2), (2, 2)}
    for method in (
        lambda: assign_optimised([russian, conflicted, full], kk_only, conflicts, 2),
        lambda: assign_random([russian, conflicted, full], kk_only, conflicts, 2, "s"),
    ):
        outcome = method()
        by_number = {row["number"]: (row["assigned"], row["reason"]) for row in outcome.uncovered}
        assert by_number["A-1"] == (0, LANGUAGE)
        assert by_number["A-2"][1] == CONFLICTS
        assert outcome.quality is not None or outcome.pairs == []
    outcome = assign_optimised([full], kk_only[:1], set(), 2)
    assert outcome.uncovered == [
        {"application": 3, "number": "A-3", "assigned": 1, "needed": 2, "reason": LANGUAGE}
    ]
    outcome = assign_optimised([conflicted, full], kk_only, {(1, 2), (2, 2)}, 1)
    assert outcome.pairs[0] == (2, 3) and outcome.pairs[1][0] == 3 and outcome.uncovered == []
    outcome = assign_optimised(
        [conflicted, full], kk_only[:1], set(), 1
    )  # one expert, one place, two applications
    assert [(u["assigned"], u["needed"], u["reason"]) for u in outcome.uncovered] == [(0, 1, CAPACITY)]


def test_pick_one_by_method():
    pool = [
        Candidate(id=k, languages=frozenset({"kk"}), areas=frozenset({k % 2}), capacity=3, load=k % 3)
        for k in range(1, 8)
    ]
    item = Item(id=1, number="KZ-1", language="kk", areas=frozenset({1}), taken=frozenset({1}))
    eligible = [e for e in pool if e.id not in {1, 3}]
    assert (
        pick_one(item, pool, {(3, 1)}, method="random", seed="s", tag="extra")
        == random.Random("s:KZ-1:extra").choice(eligible).id
    )
    # Optimised: matched (odd ids) first, then the lightest load: 7 has load 1, 5 has load 2.
    assert pick_one(item, pool, {(3, 1)}, method="optimised", seed="", tag="extra") == 7
    assert pick_one(item, pool[:1], set(), method="optimised", seed="", tag="x") is None


# --- The services, with the database ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def closed_call(db):
    now = timezone.now()
    return CallFactory(
        code="review-2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
    )


def _applications(call, count, **kwargs):
    direction = DirectionFactory(call=call)
    return [
        ApplicationFactory(
            direction=direction,
            call=call,
            status=Application.Status.COMPLIANT,
            number=f"KZ-2026-{call.code}-{k:04d}",
            **kwargs,
        )
        for k in range(1, count + 1)
    ]


def _experts(count, **kwargs):
    return [ExpertFactory(**kwargs) for _ in range(count)]


def _pairs(draw):
    return sorted(
        (a.application.number, expert_code(a.expert_id))
        for a in draw.assignments.select_related("application")
    )


@pytest.mark.django_db
def test_draw_random_records_the_draw_and_never_assigns_a_conflicted_expert(closed_call, operator):
    applications = _applications(closed_call, 4)
    experts = _experts(6)
    MembershipFactory(user=experts[0].user, organisation=applications[0].organisation)
    draw = draw_random(call=closed_call, by=operator, seed="  public-seed-1 ")
    assert (draw.method, draw.seed, draw.created_by, draw.uncovered) == (
        "random",
        "public-seed-1",
        operator,
        [],
    )
    assert Assignment.objects.filter(draw=draw).count() == 12
    assert not Assignment.objects.filter(application=applications[0], expert=experts[0]).exists()
    for application in applications:
        assert application.assignments.count() == 3
    # Audited: each assignment has its history with the operator.
    assert Assignment.history.filter(history_user=operator).count() == 12


@pytest.mark.django_db
def test_the_draw_is_reproducible_in_the_database(closed_call, operator):
    _applications(closed_call, 5)
    _experts(10)
    first = _pairs(draw_random(call=closed_call, by=operator, seed="s-1"))
    Assignment.objects.all().delete()
    again = _pairs(draw_random(call=closed_call, by=operator, seed="s-1"))
    Assignment.objects.all().delete()
    other = _pairs(draw_random(call=closed_call, by=operator, seed="s-2"))
    assert first == again
    assert first != other


@pytest.mark.django_db
def test_draw_refusals_change_nothing(closed_call, operator, carol):
    _applications(closed_call, 2)
    _experts(3)
    cases = [
        (
            dict(call=closed_call, by=carol, seed="x"),
            "not_allowed",
            "Only the grant operator's staff can assign experts.",
        ),
        (
            dict(call=closed_call, by=operator, seed="  "),
            "seed_required",
            "Enter the published seed of the draw.",
        ),
        (
            dict(call=closed_call, by=operator, seed="x" * 65),
            "seed_too_long",
            "The seed is too long: at most 64 characters.",
        ),
        (
            dict(call=CallFactory(), by=operator, seed="x"),
            "call_not_closed",
            "Experts are assigned once the call has closed.",
        ),
    ]
    for kwargs, code, message in cases:
        with pytest.raises(DomainError) as error:
            draw_random(**kwargs)
        assert (error.value.code, str(error.value)) == (code, message)
    assert Draw.objects.count() == 0 and Assignment.objects.count() == 0
    draw_random(call=closed_call, by=operator, seed="x")
    with pytest.raises(DomainError) as error:
        draw_optimised(call=closed_call, by=operator)
    assert error.value.code == "nothing_to_assign"
    assert Draw.objects.count() == 1


@pytest.mark.django_db
def test_a_second_draw_fills_only_the_gaps(closed_call, operator):
    applications = _applications(closed_call, 2)
    _experts(4, max_load=1)
    first = draw_random(call=closed_call, by=operator, seed="a")
    assert first.assignments.count() == 4
    # In order of number: the first application takes three experts, the second is left with one.
    assert [(u["number"][-4:], u["assigned"], u["needed"]) for u in first.uncovered] == [("0002", 1, 3)]
    assert {u["reason"] for u in first.uncovered} == {CAPACITY}
    _experts(2, max_load=1)
    second = draw_optimised(call=closed_call, by=operator)
    assert second.assignments.count() == 2 and second.uncovered == []
    for application in applications:
        assert application.assignments.count() == 3


@pytest.mark.django_db
def test_optimised_draw_matches_areas_and_reports_language_shortfalls(closed_call, operator):
    health, education = ActivityArea.objects.get(code="health"), ActivityArea.objects.get(code="education")
    kazakh = _applications(closed_call, 2)
    for application in kazakh:
        application.organisation.areas.set([health])
    russian = ApplicationFactory(
        direction=kazakh[0].direction,
        call=closed_call,
        status="compliant",
        number="KZ-2026-review-2026-0099",
        language="ru",
    )
    experts = _experts(4, languages=["kk"])
    for expert in experts[:3]:
        expert.areas.set([health])
    experts[3].areas.set([education])
    draw = draw_optimised(call=closed_call, by=operator)
    assert draw.quality == Decimal("1.000")
    assert sorted(a.expert_id for a in draw.assignments.all()) == sorted([e.pk for e in experts[:3]] * 2)
    assert draw.uncovered == [
        {
            "application": russian.pk,
            "number": "KZ-2026-review-2026-0099",
            "assigned": 0,
            "needed": 3,
            "reason": LANGUAGE,
        }
    ]


@pytest.mark.django_db
def test_experts_are_told_of_their_assignments(closed_call, operator, django_capture_on_commit_callbacks):
    _applications(closed_call, 2)
    experts = _experts(3)
    with django_capture_on_commit_callbacks(execute=True):
        draw_random(call=closed_call, by=operator, seed="mail")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.user.email for e in experts)
    assert "2 applications of the call" in mail.outbox[0].body


@pytest.fixture
def drawn(closed_call, operator):
    [application] = _applications(closed_call, 1)
    experts = _experts(5)
    draw = draw_random(call=closed_call, by=operator, seed="recusal")
    return application, experts, draw


@pytest.mark.django_db
def test_recusal_brings_in_a_reproducible_replacement(drawn, operator):
    application, experts, draw = drawn
    first = application.assignments.order_by("pk").first()
    on_it = set(application.assignments.values_list("expert_id", flat=True))
    free = sorted(e for e in (x.pk for x in experts) if e not in on_it)
    expected = random.Random(f"recusal:{application.number}:replaces:{expert_code(first.expert_id)}").choice(
        free
    )
    recused, replacement = assignment_recuse(
        assignment=first, by=first.expert.user, reason="  I reviewed its draft. "
    )
    assert (recused.status, recused.recusal_reason) == ("recused", "I reviewed its draft.")
    assert (replacement.expert_id, replacement.draw, replacement.is_extra) == (expected, draw, False)
    assert replacement.replaces == recused and recused.replacement == replacement
    assert application.assignments.exclude(status="recused").count() == 3
    # The draw's public page says which code replaced which, from the record, not from the timing.
    [row] = draw_rows(draw)
    replaced = [e for e in row.experts if e.replaces]
    assert [(e.code, e.replaces) for e in replaced] == [(expert_code(expected), expert_code(first.expert_id))]
    assert [e.code for e in row.experts if e.recused] == [expert_code(first.expert_id)]


@pytest.mark.django_db
def test_recusal_without_a_replacement_tells_the_operator(
    closed_call, operator, django_capture_on_commit_callbacks
):
    [application] = _applications(closed_call, 1)
    _experts(3)
    draw = draw_random(call=closed_call, by=operator, seed="few")
    assignment = application.assignments.first()
    with django_capture_on_commit_callbacks(execute=True):
        _recused, replacement = assignment_recuse(
            assignment=assignment, by=assignment.expert.user, reason="Kin."
        )
    assert replacement is None
    [message] = [m for m in mail.outbox if m.to == ["operator@example.kz"]]
    assert "no other expert could take their place" in message.body
    draw.refresh_from_db()
    assert draw.uncovered == [
        {
            "application": application.pk,
            "number": application.number,
            "assigned": 2,
            "needed": 3,
            "reason": CONFLICTS,
        }
    ]


@pytest.mark.django_db
def test_recusal_refusals_change_nothing(drawn, carol):
    application, _experts_, _draw = drawn
    assignment = application.assignments.first()
    with pytest.raises(DomainError) as error:
        assignment_recuse(assignment=assignment, by=carol, reason="Not mine.")
    assert str(error.value) == "Only the expert assigned to this application can recuse themselves."
    with pytest.raises(DomainError) as error:
        assignment_recuse(assignment=assignment, by=assignment.expert.user, reason="   ")
    assert (error.value.code, error.value.field) == ("recusal_reason_required", "reason")
    Assignment.objects.filter(pk=assignment.pk).update(status="submitted")
    with pytest.raises(DomainError) as error:
        assignment_recuse(assignment=assignment, by=assignment.expert.user, reason="Too late.")
    assert error.value.code == "not_recusable"
    assert application.assignments.count() == 3
    assert not application.assignments.filter(status="recused").exists()
