"""The tender commission at its sittings: the agenda, quorum, votes, recusals, the majority rule and the chair's
decisions, the close. The commission's composition is tested in test_commission.py, whose helpers build the
sittings here."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from azamat.grants.factories import ApplicationFactory, DirectionFactory
from azamat.grants.models import Application, CommissionMember, ConflictDeclaration, Vote
from azamat.grants.services import commission as services
from azamat.grants.services import sittings as sitting_services
from azamat.grants.services.commission_record import Tally, item_tally, sitting_record, tally_of
from azamat.grants.tests.test_commission import (
    ABSTAIN,
    AGAINST,
    AWARDED,
    REJECTED,
    REQUESTED,
    SUPPORT,
    after_start,
    make_applications,
    make_commission,
    make_operator,
    make_setup,
    refused,
    vote_all,
)
from azamat.testing.commission import commission_call
from azamat.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def operator(db):
    return make_operator()


# The agenda


def test_agenda_ranks_per_direction_and_recommends_within_count_and_budget(operator):
    setup = make_setup(operator, scores=("80", "90", "85", "85"))
    other = ApplicationFactory(
        call=setup.call,
        direction=setup.applications[0].direction,
        status=Application.Status.COMPLIANT,
        final_score=Decimal("99"),
    )
    items = list(setup.sitting.items.order_by("rank"))
    a1, a2, a3, a4 = setup.applications
    assert [(i.rank, i.application, i.recommendation) for i in items] == [
        (1, a2, "support"),
        (2, a3, "support"),  # 85, submitted before a4
        (3, a4, "reject"),  # the planned two grants are used
        (4, a1, "reject"),
    ]
    assert other not in [i.application for i in items]


def test_agenda_stops_supporting_when_the_budget_runs_out(operator):
    call = commission_call()
    direction = DirectionFactory(call=call, budget=Decimal("5000000"), planned_grants=3)
    a1, a2, a3 = make_applications(call, direction, ["90", "85", "80"])
    commission, _ = make_commission(call, operator)
    sitting = sitting_services.sitting_schedule(commission=commission, starts_at=timezone.now(), by=operator)
    items = sitting_services.agenda_build(sitting=sitting, by=operator)
    assert [(i.application, i.recommendation) for i in items] == [
        (a1, "support"),
        (a2, "reject"),
        (a3, "reject"),
    ]


def test_agenda_refused_when_nothing_is_scored_or_voting_started(operator):
    setup = make_setup(operator)
    vote_all(setup, setup.item(setup.applications[0]), {"gov": SUPPORT})
    error = refused("agenda_locked", sitting_services.agenda_build, sitting=setup.sitting, by=operator)
    assert str(error) == "Voting has started; the agenda can no longer be rebuilt."
    assert setup.sitting.items.count() == 3
    sitting = sitting_services.sitting_schedule(
        commission=setup.commission, starts_at=timezone.now(), by=operator
    )
    error = refused("agenda_empty", sitting_services.agenda_build, sitting=sitting, by=operator)
    assert str(error) == "No application of this call is scored by experts and waiting for the commission."


# Quorum, votes, recusals


def test_without_quorum_votes_and_decisions_are_refused(operator):
    setup = make_setup(operator, present=["chair", "gov", "ngo1"])
    item = setup.item(setup.applications[0])
    error = refused(
        "no_quorum",
        sitting_services.vote_cast,
        item=item,
        member_user=setup.members["gov"].user,
        choice=SUPPORT,
        comment="",
    )
    assert str(error) == (
        "No quorum: 3 of 5 members are present, and at least 4 are needed to vote and decide."
    )
    refused("no_quorum", sitting_services.item_decide, item=item, by=setup.members["chair"].user)
    assert Vote.objects.count() == 0
    item.refresh_from_db()
    assert item.decision == ""


def test_voting_again_replaces_the_vote(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[0])
    user = setup.members["ngo2"].user
    sitting_services.vote_cast(item=item, member_user=user, choice=AGAINST, comment="Слабый бюджет")
    sitting_services.vote_cast(item=item, member_user=user, choice=SUPPORT, comment="Убедили")
    assert list(Vote.objects.values_list("choice", "comment")) == [("support", "Убедили")]
    assert Vote.objects.get().history.first().history_user == user


def test_who_may_not_vote(operator, carol):
    setup = make_setup(operator, present=["chair", "gov", "opr", "ngo1"], confirm=False)
    item = setup.item(setup.applications[0])
    error = refused("not_member", sitting_services.vote_cast, item=item, member_user=carol, choice=SUPPORT)
    assert str(error) == "You are not a member of the tender commission of this call."
    error = refused(
        "not_present",
        sitting_services.vote_cast,
        item=item,
        member_user=setup.members["ngo2"].user,
        choice=SUPPORT,
    )
    assert str(error) == "Only members marked present at the sitting vote."
    error = refused(
        "declaration_missing",
        sitting_services.vote_cast,
        item=item,
        member_user=setup.members["gov"].user,
        choice=SUPPORT,
    )
    assert str(error) == "Confirm your declaration of conflicts of interest for this call before voting."
    services.commission_declaration_confirm(member=setup.members["gov"], by=setup.members["gov"].user)
    error = refused(
        "bad_choice",
        sitting_services.vote_cast,
        item=item,
        member_user=setup.members["gov"].user,
        choice="maybe",
    )
    assert str(error) == "Choose support, against or abstain."
    assert Vote.objects.count() == 0


def test_conflicted_member_is_recused_automatically_and_cannot_vote(operator):
    call = commission_call()
    direction = DirectionFactory(call=call)
    [application] = make_applications(call, direction, ["88"])
    commission, members = make_commission(call, operator)
    MembershipFactory(user=members["ngo1"].user, organisation=application.organisation)
    sitting = sitting_services.sitting_schedule(commission=commission, starts_at=timezone.now(), by=operator)
    [item] = sitting_services.agenda_build(sitting=sitting, by=operator)
    assert list(item.recused.all()) == [members["ngo1"]]
    sitting_services.sitting_mark_present(sitting=sitting, members=members.values(), by=operator)
    services.commission_declaration_confirm(member=members["ngo1"], by=members["ngo1"].user)
    error = refused(
        "recused", sitting_services.vote_cast, item=item, member_user=members["ngo1"].user, choice=SUPPORT
    )
    assert str(error) == "You are recused from this application because of a conflict of interest."
    assert Vote.objects.count() == 0
    assert [m.user.full_name for m in item_tally(item).eligible] == [
        "Ерлан Жұмабаев",
        "Светлана Ким",
        "Асель Бекова",
        "Гүлнар Әбенова",
    ]


def test_a_declaration_made_after_voting_recuses_and_voids_the_vote(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[0])
    member = setup.members["opr"]
    vote_all(setup, item, {"opr": SUPPORT})
    services.commission_conflict_declare(
        member=member,
        organisation=setup.applications[0].organisation,
        relation=ConflictDeclaration.Relation.ADVISED,
        note="Консультировала в 2025",
        by=member.user,
    )
    assert list(item.recused.all()) == [member]
    assert Vote.objects.count() == 0


def test_a_conflict_declared_elsewhere_counts_at_once(operator):
    """A tie declared outside the commission's services (say, as an expert) recuses before anything syncs."""
    setup = make_setup(operator)
    application = setup.applications[0]
    item = setup.item(application)
    member = setup.members["ngo2"]
    ConflictDeclaration.objects.create(
        person=member.user,
        organisation=application.organisation,
        relation=ConflictDeclaration.Relation.WORKS_FOR,
    )
    assert item.recused.count() == 0
    assert member not in item_tally(item).eligible
    [record] = [r for r in sitting_record(setup.sitting).items if r.item == item]
    assert [(m, reason) for m, reason in record.recusals] == [(member, "Works or worked for it")]
    refused("recused", sitting_services.vote_cast, item=item, member_user=member.user, choice=SUPPORT)


def test_a_member_may_step_aside_with_a_reason(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[1])
    user = setup.members["gov"].user
    error = refused("reason_required", sitting_services.item_recuse, item=item, member_user=user, reason="  ")
    assert str(error) == "Give the reason for stepping aside."
    assert item.recused.count() == 0
    sitting_services.item_recuse(item=item, member_user=user, reason="Родственник в составе команды проекта")
    assert list(item.recused.all()) == [setup.members["gov"]]
    declaration = ConflictDeclaration.objects.get(person=user)
    assert (declaration.organisation, declaration.relation, declaration.note) == (
        setup.applications[1].organisation,
        "related",
        "Родственник в составе команды проекта",
    )
    refused("already_recused", sitting_services.item_recuse, item=item, member_user=user, reason="Ещё раз")
    refused("recused", sitting_services.vote_cast, item=item, member_user=user, choice=SUPPORT)


# The majority rule


def _tally(support=0, against=0, abstain=0, eligible=5, chair=None) -> Tally:
    """Member 1 chairs; `chair` is the chair's own vote among the counts."""
    members = [CommissionMember(pk=n, is_chair=n == 1) for n in range(1, eligible + 1)]
    choices = [SUPPORT] * support + [AGAINST] * against + [ABSTAIN] * abstain
    if chair:
        choices.remove(chair)
        choices.insert(0, chair)
    votes = [Vote(member_id=m.pk, choice=c) for m, c in zip(members, choices, strict=True)]
    return tally_of(votes=votes, present_ids={m.pk for m in members}, recused_ids=set(), members=members)


@pytest.mark.parametrize(
    ("counts", "outcome"),
    [
        ({"support": 3, "against": 2}, AWARDED),
        ({"support": 3, "abstain": 2}, AWARDED),
        ({"support": 2, "against": 1, "abstain": 2}, REJECTED),  # more for than against, but no majority
        ({"support": 2, "against": 2, "abstain": 1}, REJECTED),
        ({"support": 2, "against": 2, "eligible": 4, "chair": SUPPORT}, AWARDED),  # a tie: the chair decides
        ({"support": 2, "against": 2, "eligible": 4, "chair": AGAINST}, REJECTED),
        ({"support": 2, "abstain": 2, "eligible": 4, "chair": ABSTAIN}, REJECTED),
    ],
)
def test_majority_and_tie_break(counts, outcome):
    tally = _tally(**counts)
    assert tally.complete
    assert tally.outcome == outcome


def test_decision_follows_the_votes_and_is_audited(operator):
    setup = make_setup(operator)
    first = setup.applications[0]
    item = setup.item(first)
    chair = setup.members["chair"].user
    vote_all(setup, item, {"chair": SUPPORT, "gov": SUPPORT, "opr": SUPPORT, "ngo1": AGAINST})
    error = refused("votes_missing", sitting_services.item_decide, item=item, by=chair)
    assert str(error) == "Waiting for the votes of: Гүлнар Әбенова."
    vote_all(setup, item, {"ngo2": ABSTAIN})
    error = refused(
        "decision_contrary_to_votes", sitting_services.item_decide, item=item, by=chair, decision=REJECTED
    )
    assert str(error) == (
        "The votes (3 for, 1 against, 1 abstained) decide “Award the grant”; the decision must follow them."
    )
    error = refused("not_allowed", sitting_services.item_decide, item=item, by=setup.members["gov"].user)
    assert str(error) == "Only the chair or the secretary of the commission records its decisions."
    first.refresh_from_db()
    assert first.status == "reviewed"
    sitting_services.item_decide(item=item, by=chair, decision=AWARDED)
    item.refresh_from_db()
    first.refresh_from_db()
    assert (item.decision, item.amount, item.reduction_reason, first.status) == (
        AWARDED,
        REQUESTED,
        "",
        "awarded",
    )
    assert item.history.first().history_user == chair
    assert first.history.first().history_user == chair
    error = refused(
        "item_decided",
        sitting_services.vote_cast,
        item=item,
        member_user=setup.members["ngo2"].user,
        choice=AGAINST,
    )
    assert str(error) == "This item is already decided; votes can no longer change."


def test_a_tie_is_decided_by_the_chair(operator):
    setup = make_setup(operator, present=["chair", "gov", "opr", "ngo1"])
    item = setup.item(setup.applications[1])
    vote_all(setup, item, {"chair": AGAINST, "gov": SUPPORT, "opr": SUPPORT, "ngo1": AGAINST})
    sitting_services.item_decide(item=item, by=setup.members["chair"].user)
    item.refresh_from_db()
    setup.applications[1].refresh_from_db()
    assert (item.decision, item.amount, setup.applications[1].status) == (REJECTED, None, "not_awarded")


def test_awarded_amount_may_be_reduced_only_with_a_reason_and_never_raised(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[0])
    chair = setup.members["chair"].user
    vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
    error = refused(
        "amount_above_requested",
        sitting_services.item_decide,
        item=item,
        by=chair,
        amount=Decimal("2700000.01"),
    )
    assert str(error) == "The amount cannot exceed the 2,700,000.00 ₸ requested."
    error = refused(
        "reduction_reason_required",
        sitting_services.item_decide,
        item=item,
        by=chair,
        amount=Decimal("2500000"),
    )
    assert str(error) == "Give the reason for awarding less than requested."
    refused("bad_amount", sitting_services.item_decide, item=item, by=chair, amount=Decimal("0"))
    item.refresh_from_db()
    assert (item.decision, item.amount) == ("", None)
    sitting_services.item_decide(
        item=item, by=chair, amount=Decimal("2500000"), reduction_reason="Аренда завышена на 200 000 ₸"
    )
    item.refresh_from_db()
    assert (item.decision, item.amount, item.reduction_reason) == (
        AWARDED,
        Decimal("2500000.00"),
        "Аренда завышена на 200 000 ₸",
    )


def test_no_amount_on_a_rejection(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[2])
    vote_all(setup, item, dict.fromkeys(setup.members, AGAINST))
    error = refused(
        "amount_on_rejection",
        sitting_services.item_decide,
        item=item,
        by=setup.members["chair"].user,
        amount=Decimal("100"),
    )
    assert str(error) == "An amount is recorded only when the grant is awarded."


def test_the_chair_must_be_present_to_decide(operator):
    setup = make_setup(operator, present=["gov", "opr", "ngo1", "ngo2"])
    item = setup.item(setup.applications[0])
    vote_all(setup, item, {"gov": SUPPORT, "opr": SUPPORT, "ngo1": SUPPORT, "ngo2": SUPPORT})
    error = refused("chair_absent", sitting_services.item_decide, item=item, by=setup.members["chair"].user)
    assert str(error) == "The chair is not marked present; decisions need the chair."


# Closing


def test_a_sitting_closes_only_when_every_item_is_decided(
    operator, django_capture_on_commit_callbacks, mailoutbox
):
    setup = make_setup(operator)
    chair = setup.members["chair"].user
    with after_start(setup.sitting):
        error = refused("undecided_items", sitting_services.sitting_close, sitting=setup.sitting, by=operator)
    assert str(error) == "3 items are not decided yet; decide every item first."
    for application in setup.applications:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
        sitting_services.item_decide(item=item, by=chair)
    refused(
        "not_allowed", sitting_services.sitting_close, sitting=setup.sitting, by=setup.members["gov"].user
    )
    with after_start(setup.sitting), django_capture_on_commit_callbacks(execute=True):
        sitting_services.sitting_close(sitting=setup.sitting, by=operator, language="ru")
    setup.sitting.refresh_from_db()
    assert setup.sitting.closed_at is not None
    # The storage adds a suffix when an earlier test left a file of the same name.
    assert re.fullmatch(
        r"grants/protocols/almaty-2026/[0-9a-f]{32}/protocol-almaty-2026-1(_\w+)?\.pdf",
        setup.sitting.protocol.name,
    )
    assert setup.sitting.protocol.read(5) == b"%PDF-"
    assert setup.sitting.protocol_number == 1
    assert [sorted(m.to) for m in mailoutbox] == [sorted(f"{k}@example.kz" for k in setup.members)]
    assert "Гранты Алматы 2026" in mailoutbox[0].subject  # in the protocol's language
    refused("sitting_closed", sitting_services.sitting_close, sitting=setup.sitting, by=operator)
    refused("sitting_closed", sitting_services.agenda_build, sitting=setup.sitting, by=operator)
