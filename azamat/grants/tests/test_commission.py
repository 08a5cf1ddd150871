"""The tender commission: composition rules, the agenda, quorum, votes, recusals and the chair's decisions."""

import datetime
import html
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import (
    AgendaItem,
    Application,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    Sitting,
    Vote,
)
from azamat.grants.services import commission as services
from azamat.grants.services.commission_record import Tally, item_tally, sitting_record, tally_of
from azamat.registry.models import GovernmentBody
from azamat.testing.commission import affiliate, commission_call
from azamat.testing.factories import MembershipFactory, PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

GOV, OPR, NGO = CommissionMember.Side.GOVERNMENT, CommissionMember.Side.OPERATOR, CommissionMember.Side.NGO
SUPPORT, AGAINST, ABSTAIN = Vote.Choice.SUPPORT, Vote.Choice.AGAINST, Vote.Choice.ABSTAIN
AWARDED, REJECTED = AgendaItem.Decision.AWARDED, AgendaItem.Decision.REJECTED
# The 2,700,000 ₸ every ApplicationFactory application requests.
REQUESTED = Decimal("2700000.00")

PEOPLE = [  # key, full name, side, chair
    ("chair", "Ерлан Жұмабаев", GOV, True),
    ("gov", "Светлана Ким", GOV, False),
    ("opr", "Асель Бекова", OPR, False),
    ("ngo1", "Марат Серіков", NGO, False),
    ("ngo2", "Гүлнар Әбенова", NGO, False),
]


def make_operator():
    user = UserFactory(email="operator@example.kz", full_name="Оператор Центра")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def operator(db):
    return make_operator()


@dataclass
class Setup:
    call: object
    commission: Commission
    members: dict
    sitting: Sitting
    applications: list
    operator: object

    def item(self, application) -> AgendaItem:
        return AgendaItem.objects.get(sitting=self.sitting, application=application)


def make_commission(call, operator, people=PEOPLE, *, emails: str = "") -> tuple[Commission, dict]:
    commission = services.commission_create(call=call, by=operator)
    members = {}
    for key, name, side, chair in people:
        user = affiliate(UserFactory(email=f"{emails}{key}@example.kz", full_name=name), side=side, call=call)
        members[key] = services.commission_member_add(
            commission=commission, user=user, side=side, is_chair=chair, by=operator
        )
    return commission, members


def make_applications(call, direction, scores):
    applications = []
    base = timezone.now() - datetime.timedelta(days=30)
    for index, score in enumerate(scores, start=1):
        applications.append(
            ApplicationFactory(
                call=call,
                direction=direction,
                status=Application.Status.REVIEWED,
                final_score=Decimal(score),
                number=f"KZ-2026-{call.code}-{index:04d}",
                submitted_at=base + datetime.timedelta(hours=index),
                title=f"Проект {index}",
            )
        )
    return applications


def make_setup(
    operator,
    *,
    scores=("90", "85", "80"),
    present=None,
    confirm=True,
    stream_url="",
    code="almaty-2026",
    emails="",
) -> Setup:
    call = commission_call(code=code, title_ru="Гранты Алматы 2026", title_kk="Алматы гранттары 2026")
    direction = DirectionFactory(call=call, budget=Decimal("6000000"), planned_grants=2)
    applications = make_applications(call, direction, scores)
    commission, members = make_commission(call, operator, emails=emails)
    sitting = services.sitting_schedule(
        commission=commission,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Астана, Дом министерств, зал 3",
        stream_url=stream_url,
        by=operator,
    )
    services.agenda_build(sitting=sitting, by=operator)
    present_keys = present if present is not None else list(members)
    services.sitting_mark_present(sitting=sitting, members=[members[k] for k in present_keys], by=operator)
    if confirm:
        for member in members.values():
            services.commission_declaration_confirm(member=member, by=member.user)
    return Setup(
        call=call,
        commission=commission,
        members=members,
        sitting=sitting,
        applications=applications,
        operator=operator,
    )


def vote_all(setup: Setup, item, choices: dict) -> None:
    for key, choice in choices.items():
        services.vote_cast(
            item=item, member_user=setup.members[key].user, choice=choice, comment=f"Комментарий {key}"
        )


def after_start(sitting):
    """The clock an hour after the sitting starts: a sitting closes only once it has begun."""
    return time_machine.travel(sitting.starts_at + datetime.timedelta(hours=1), tick=False)


def refused(code: str, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as error:
        call(**kwargs)
    assert error.value.code == code
    return error.value


# Composition


ONE_STAGE = "This call's grant type is decided by the operator from the experts' ranking; it has no tender commission."


def test_a_one_stage_call_has_no_tender_commission(operator, client):
    call = CallFactory(closes_at=timezone.now() - datetime.timedelta(days=1))  # short-term: one stage
    assert call.grant_type.two_stage is False
    with pytest.raises(DomainError) as error:
        services.commission_create(call=call, by=operator)
    assert (error.value.code, str(error.value)) == ("operator_decides", ONE_STAGE)
    assert not Commission.objects.filter(call=call).exists()
    # A commission recorded before the rule (or by hand) gets no agenda either.
    commission = Commission.objects.create(call=call)
    sitting = Sitting.objects.create(commission=commission, starts_at=timezone.now())
    ApplicationFactory(call=call, direction=DirectionFactory(call=call), status=Application.Status.REVIEWED)
    assert str(refused("operator_decides", services.agenda_build, sitting=sitting, by=operator)) == ONE_STAGE
    assert not sitting.items.exists()
    # The operator's page says why instead of offering to create one.
    other = CallFactory()
    client.force_login(operator)
    page = client.get(reverse("grants:commission_manage", args=[other.code]), HTTP_ACCEPT_LANGUAGE="en")
    text = html.unescape(page.content.decode())
    assert ONE_STAGE in text and "Create the commission" not in text
    response = client.post(reverse("grants:commission_manage", args=[other.code]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and not Commission.objects.filter(call=other).exists()
    # Two stages: the page offers it.
    two_stage = commission_call()
    page = client.get(reverse("grants:commission_manage", args=[two_stage.code]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Create the commission" in page.content.decode()


def test_composition_problems_are_listed_in_plain_words(operator):
    call = commission_call()
    commission = services.commission_create(call=call, by=operator)
    assert services.commission_composition_problems(commission) == [
        "The commission has 0 members; it needs at least 5.",
        "The commission has no chair.",
        "Nobody represents the government customer.",
        "Nobody represents the grant operator.",
        "Nobody represents NGOs.",
    ]
    people = [
        ("a", "А", GOV, True),
        ("b", "Б", GOV, False),
        ("c", "В", OPR, False),
        ("d", "Г", OPR, False),
        ("e", "Д", NGO, False),
    ]
    for _key, name, side, chair in people:
        services.commission_member_add(
            commission=commission,
            user=affiliate(UserFactory(full_name=name), side=side, call=call),
            side=side,
            is_chair=chair,
            by=operator,
        )
    assert services.commission_composition_problems(commission) == [
        "NGO representatives are 1 of 5 members; at least 2 are needed.",
    ]
    # A second chair slipped in through the admin is reported too.
    CommissionMember.objects.filter(commission=commission, side=OPR).update(is_chair=True)
    assert "The commission has 3 chairs; it needs exactly one." in services.commission_composition_problems(
        commission
    )


def test_valid_composition_has_no_problems(operator):
    commission, _members = make_commission(commission_call(), operator)
    assert services.commission_composition_problems(commission) == []


def test_a_sitting_cannot_be_scheduled_with_a_bad_composition(operator):
    call = commission_call()
    commission, _ = make_commission(call, operator, people=PEOPLE[:4])
    error = refused(
        "composition_invalid",
        services.sitting_schedule,
        commission=commission,
        starts_at=timezone.now(),
        place="",
        stream_url="",
        by=operator,
    )
    assert str(error) == (
        "The commission cannot sit yet: The commission has 4 members; it needs at least 5. "
        "NGO representatives are 1 of 4 members; at least 2 are needed."
    )
    assert Sitting.objects.count() == 0


def test_member_add_refuses_a_second_chair_a_person_twice_and_strangers(operator, carol):
    commission, members = make_commission(commission_call(), operator)
    error = refused(
        "second_chair",
        services.commission_member_add,
        commission=commission,
        user=carol,
        side=NGO,
        is_chair=True,
        by=operator,
    )
    assert str(error) == "Ерлан Жұмабаев already chairs the commission; a commission has one chair."
    error = refused(
        "already_member",
        services.commission_member_add,
        commission=commission,
        user=members["gov"].user,
        side=NGO,
        is_chair=False,
        by=operator,
    )
    assert str(error) == "Светлана Ким is already on this commission."
    error = refused(
        "not_allowed",
        services.commission_member_add,
        commission=commission,
        user=carol,
        side=NGO,
        is_chair=False,
        by=carol,
    )
    assert str(error) == "Only the grant operator's staff can manage tender commissions and their sittings."
    assert commission.members.count() == 5


def test_a_member_who_voted_stays_on_the_record(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[0])
    vote_all(setup, item, {"gov": SUPPORT})
    error = refused(
        "member_has_record", services.commission_member_remove, member=setup.members["gov"], by=operator
    )
    assert str(error) == "Светлана Ким has attended a sitting or voted; the record stays."


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
    sitting = services.sitting_schedule(commission=commission, starts_at=timezone.now(), by=operator)
    items = services.agenda_build(sitting=sitting, by=operator)
    assert [(i.application, i.recommendation) for i in items] == [
        (a1, "support"),
        (a2, "reject"),
        (a3, "reject"),
    ]


def test_agenda_refused_when_nothing_is_scored_or_voting_started(operator):
    setup = make_setup(operator)
    vote_all(setup, setup.item(setup.applications[0]), {"gov": SUPPORT})
    error = refused("agenda_locked", services.agenda_build, sitting=setup.sitting, by=operator)
    assert str(error) == "Voting has started; the agenda can no longer be rebuilt."
    assert setup.sitting.items.count() == 3
    sitting = services.sitting_schedule(commission=setup.commission, starts_at=timezone.now(), by=operator)
    error = refused("agenda_empty", services.agenda_build, sitting=sitting, by=operator)
    assert str(error) == "No application of this call is scored by experts and waiting for the commission."


# Quorum, votes, recusals


def test_without_quorum_votes_and_decisions_are_refused(operator):
    setup = make_setup(operator, present=["chair", "gov", "ngo1"])
    item = setup.item(setup.applications[0])
    error = refused(
        "no_quorum",
        services.vote_cast,
        item=item,
        member_user=setup.members["gov"].user,
        choice=SUPPORT,
        comment="",
    )
    assert str(error) == (
        "No quorum: 3 of 5 members are present, and at least 4 are needed to vote and decide."
    )
    refused("no_quorum", services.item_decide, item=item, by=setup.members["chair"].user)
    assert Vote.objects.count() == 0
    item.refresh_from_db()
    assert item.decision == ""


def test_voting_again_replaces_the_vote(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[0])
    user = setup.members["ngo2"].user
    services.vote_cast(item=item, member_user=user, choice=AGAINST, comment="Слабый бюджет")
    services.vote_cast(item=item, member_user=user, choice=SUPPORT, comment="Убедили")
    assert list(Vote.objects.values_list("choice", "comment")) == [("support", "Убедили")]
    assert Vote.objects.get().history.first().history_user == user


def test_who_may_not_vote(operator, carol):
    setup = make_setup(operator, present=["chair", "gov", "opr", "ngo1"], confirm=False)
    item = setup.item(setup.applications[0])
    error = refused("not_member", services.vote_cast, item=item, member_user=carol, choice=SUPPORT)
    assert str(error) == "You are not a member of the tender commission of this call."
    error = refused(
        "not_present", services.vote_cast, item=item, member_user=setup.members["ngo2"].user, choice=SUPPORT
    )
    assert str(error) == "Only members marked present at the sitting vote."
    error = refused(
        "declaration_missing",
        services.vote_cast,
        item=item,
        member_user=setup.members["gov"].user,
        choice=SUPPORT,
    )
    assert str(error) == "Confirm your declaration of conflicts of interest for this call before voting."
    services.commission_declaration_confirm(member=setup.members["gov"], by=setup.members["gov"].user)
    error = refused(
        "bad_choice", services.vote_cast, item=item, member_user=setup.members["gov"].user, choice="maybe"
    )
    assert str(error) == "Choose support, against or abstain."
    assert Vote.objects.count() == 0


def test_conflicted_member_is_recused_automatically_and_cannot_vote(operator):
    call = commission_call()
    direction = DirectionFactory(call=call)
    [application] = make_applications(call, direction, ["88"])
    commission, members = make_commission(call, operator)
    MembershipFactory(user=members["ngo1"].user, organisation=application.organisation)
    sitting = services.sitting_schedule(commission=commission, starts_at=timezone.now(), by=operator)
    [item] = services.agenda_build(sitting=sitting, by=operator)
    assert list(item.recused.all()) == [members["ngo1"]]
    services.sitting_mark_present(sitting=sitting, members=members.values(), by=operator)
    services.commission_declaration_confirm(member=members["ngo1"], by=members["ngo1"].user)
    error = refused(
        "recused", services.vote_cast, item=item, member_user=members["ngo1"].user, choice=SUPPORT
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
    refused("recused", services.vote_cast, item=item, member_user=member.user, choice=SUPPORT)


def test_a_member_may_step_aside_with_a_reason(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[1])
    user = setup.members["gov"].user
    error = refused("reason_required", services.item_recuse, item=item, member_user=user, reason="  ")
    assert str(error) == "Give the reason for stepping aside."
    assert item.recused.count() == 0
    services.item_recuse(item=item, member_user=user, reason="Родственник в составе команды проекта")
    assert list(item.recused.all()) == [setup.members["gov"]]
    declaration = ConflictDeclaration.objects.get(person=user)
    assert (declaration.organisation, declaration.relation, declaration.note) == (
        setup.applications[1].organisation,
        "related",
        "Родственник в составе команды проекта",
    )
    refused("already_recused", services.item_recuse, item=item, member_user=user, reason="Ещё раз")
    refused("recused", services.vote_cast, item=item, member_user=user, choice=SUPPORT)


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
    error = refused("votes_missing", services.item_decide, item=item, by=chair)
    assert str(error) == "Waiting for the votes of: Гүлнар Әбенова."
    vote_all(setup, item, {"ngo2": ABSTAIN})
    error = refused(
        "decision_contrary_to_votes", services.item_decide, item=item, by=chair, decision=REJECTED
    )
    assert str(error) == (
        "The votes (3 for, 1 against, 1 abstained) decide “Award the grant”; the decision must follow them."
    )
    error = refused("not_allowed", services.item_decide, item=item, by=setup.members["gov"].user)
    assert str(error) == "Only the chair or the secretary of the commission records its decisions."
    first.refresh_from_db()
    assert first.status == "reviewed"
    services.item_decide(item=item, by=chair, decision=AWARDED)
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
        "item_decided", services.vote_cast, item=item, member_user=setup.members["ngo2"].user, choice=AGAINST
    )
    assert str(error) == "This item is already decided; votes can no longer change."


def test_a_tie_is_decided_by_the_chair(operator):
    setup = make_setup(operator, present=["chair", "gov", "opr", "ngo1"])
    item = setup.item(setup.applications[1])
    vote_all(setup, item, {"chair": AGAINST, "gov": SUPPORT, "opr": SUPPORT, "ngo1": AGAINST})
    services.item_decide(item=item, by=setup.members["chair"].user)
    item.refresh_from_db()
    setup.applications[1].refresh_from_db()
    assert (item.decision, item.amount, setup.applications[1].status) == (REJECTED, None, "not_awarded")


def test_awarded_amount_may_be_reduced_only_with_a_reason_and_never_raised(operator):
    setup = make_setup(operator)
    item = setup.item(setup.applications[0])
    chair = setup.members["chair"].user
    vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
    error = refused(
        "amount_above_requested", services.item_decide, item=item, by=chair, amount=Decimal("2700000.01")
    )
    assert str(error) == "The amount cannot exceed the 2,700,000.00 ₸ requested."
    error = refused(
        "reduction_reason_required", services.item_decide, item=item, by=chair, amount=Decimal("2500000")
    )
    assert str(error) == "Give the reason for awarding less than requested."
    refused("bad_amount", services.item_decide, item=item, by=chair, amount=Decimal("0"))
    item.refresh_from_db()
    assert (item.decision, item.amount) == ("", None)
    services.item_decide(
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
        services.item_decide,
        item=item,
        by=setup.members["chair"].user,
        amount=Decimal("100"),
    )
    assert str(error) == "An amount is recorded only when the grant is awarded."


def test_the_chair_must_be_present_to_decide(operator):
    setup = make_setup(operator, present=["gov", "opr", "ngo1", "ngo2"])
    item = setup.item(setup.applications[0])
    vote_all(setup, item, {"gov": SUPPORT, "opr": SUPPORT, "ngo1": SUPPORT, "ngo2": SUPPORT})
    error = refused("chair_absent", services.item_decide, item=item, by=setup.members["chair"].user)
    assert str(error) == "The chair is not marked present; decisions need the chair."


# Closing


def test_a_sitting_closes_only_when_every_item_is_decided(
    operator, django_capture_on_commit_callbacks, mailoutbox
):
    setup = make_setup(operator)
    chair = setup.members["chair"].user
    with after_start(setup.sitting):
        error = refused("undecided_items", services.sitting_close, sitting=setup.sitting, by=operator)
    assert str(error) == "3 items are not decided yet; decide every item first."
    for application in setup.applications:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
        services.item_decide(item=item, by=chair)
    refused("not_allowed", services.sitting_close, sitting=setup.sitting, by=setup.members["gov"].user)
    with after_start(setup.sitting), django_capture_on_commit_callbacks(execute=True):
        services.sitting_close(sitting=setup.sitting, by=operator, language="ru")
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
    refused("sitting_closed", services.sitting_close, sitting=setup.sitting, by=operator)
    refused("sitting_closed", services.agenda_build, sitting=setup.sitting, by=operator)


# Members sit for the side their accounts show; the secretary keeps the sitting


def test_member_add_refuses_a_person_whose_accounts_do_not_show_the_side(operator):
    call = commission_call()
    commission = services.commission_create(call=call, by=operator)
    customer = call.customer
    monitor = UserFactory(full_name="Тимур Касымов")
    PlatformRoleFactory(user=monitor, role="monitor")
    error = refused(
        "wrong_affiliation",
        services.commission_member_add,
        commission=commission,
        user=monitor,
        side=GOV,
        is_chair=False,
        by=operator,
    )
    assert str(error) == (
        f"Тимур Касымов is not an officer of {customer.name}, the customer of this call: their account has no "
        "government body officer role for it."
    )
    assert error.field == "side"
    other_body = GovernmentBody.objects.exclude(pk=customer.pk).first()
    elsewhere = UserFactory(full_name="Нурлан Ахметов")
    PlatformRoleFactory(user=elsewhere, role="government_officer", body=other_body)
    error = refused(
        "wrong_affiliation",
        services.commission_member_add,
        commission=commission,
        user=elsewhere,
        side=GOV,
        is_chair=False,
        by=operator,
    )
    assert str(error) == (
        f"Нурлан Ахметов is an officer of {other_body.name}, not of {customer.name}, the customer of this call; "
        "only its officers represent the government customer."
    )
    error = refused(
        "wrong_affiliation",
        services.commission_member_add,
        commission=commission,
        user=monitor,
        side=OPR,
        is_chair=False,
        by=operator,
    )
    assert str(error) == (
        "Тимур Касымов is not on the grant operator's staff: their account has no grant operator role."
    )
    MembershipFactory(user=monitor, status="pending")  # asked to join, not accepted: not a member yet
    error = refused(
        "wrong_affiliation",
        services.commission_member_add,
        commission=commission,
        user=monitor,
        side=NGO,
        is_chair=False,
        by=operator,
    )
    assert str(error) == (
        "Тимур Касымов is not an active member of any NGO registered on Azamat, so cannot represent NGOs."
    )
    assert commission.members.count() == 0
    officer = affiliate(UserFactory(full_name="Асхат Бекмуханбетов"), side=GOV, call=call)
    member = services.commission_member_add(
        commission=commission, user=officer, side=GOV, is_chair=True, by=operator
    )
    assert (member.side, member.is_chair) == (GOV, True)


def test_the_secretary_is_not_a_member_and_a_member_is_not_the_secretary(operator):
    setup = make_setup(operator)
    secretary = UserFactory(full_name="Жанна Тулегенова")
    error = refused(
        "secretary_is_member",
        services.commission_secretary_set,
        commission=setup.commission,
        user=setup.members["opr"].user,
        by=operator,
    )
    assert str(error) == (
        "Асель Бекова is a voting member of the commission; the secretary is someone who does not vote."
    )
    refused(
        "not_allowed",
        services.commission_secretary_set,
        commission=setup.commission,
        user=secretary,
        by=secretary,
    )
    services.commission_secretary_set(commission=setup.commission, user=secretary, by=operator)
    setup.commission.refresh_from_db()
    assert setup.commission.secretary == secretary
    assert setup.commission.history.first().history_user == operator
    error = refused(
        "secretary_is_member",
        services.commission_member_add,
        commission=setup.commission,
        user=affiliate(secretary, side=NGO, call=setup.call),
        side=NGO,
        is_chair=False,
        by=operator,
    )
    assert str(error) == (
        "Жанна Тулегенова is the commission's secretary; the secretary keeps the sittings and does not vote."
    )
    # Not a member: the secretary has no vote.
    item = setup.item(setup.applications[0])
    refused("not_member", services.vote_cast, item=item, member_user=secretary, choice=SUPPORT)
    services.commission_secretary_set(commission=setup.commission, user=None, by=operator)
    setup.commission.refresh_from_db()
    assert setup.commission.secretary is None


def test_the_secretary_keeps_the_sitting_from_attendance_to_the_protocol(operator):
    setup = make_setup(operator, present=["gov"])
    secretary = UserFactory(full_name="Жанна Тулегенова")
    stranger = UserFactory()
    refused(
        "not_allowed",
        services.sitting_mark_present,
        sitting=setup.sitting,
        members=list(setup.members.values()),
        by=secretary,
    )
    services.commission_secretary_set(commission=setup.commission, user=secretary, by=operator)
    setup.sitting.refresh_from_db()
    error = refused(
        "not_allowed", services.sitting_mark_present, sitting=setup.sitting, members=[], by=stranger
    )
    assert str(error) == "Only the operator's staff or the commission's secretary can keep the sitting."
    services.sitting_mark_present(sitting=setup.sitting, members=list(setup.members.values()), by=secretary)
    assert setup.sitting.present.count() == 5
    for application in setup.applications:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, AGAINST))
        services.item_decide(item=item, by=secretary)  # the chair is present; the secretary records it
        assert setup.item(application).decision == REJECTED
    refused("not_allowed", services.sitting_close, sitting=setup.sitting, by=stranger)
    with after_start(setup.sitting):
        services.sitting_close(sitting=setup.sitting, by=secretary)
    setup.sitting.refresh_from_db()
    assert (setup.sitting.protocol_number, setup.sitting.history.first().history_user) == (1, secretary)


def test_decisions_need_the_chair_present_even_when_the_secretary_records_them(operator):
    setup = make_setup(operator, present=["gov", "opr", "ngo1", "ngo2"])
    secretary = UserFactory()
    services.commission_secretary_set(commission=setup.commission, user=secretary, by=operator)
    item = setup.item(setup.applications[0])
    vote_all(setup, item, {"gov": SUPPORT, "opr": SUPPORT, "ngo1": SUPPORT, "ngo2": SUPPORT})
    error = refused("chair_absent", services.item_decide, item=item, by=secretary)
    assert str(error) == "The chair is not marked present; decisions need the chair."


def test_counts_use_the_singular_for_one(operator):
    call = commission_call()
    commission = services.commission_create(call=call, by=operator)
    services.commission_member_add(
        commission=commission,
        user=affiliate(UserFactory(), side=NGO, call=call),
        side=NGO,
        is_chair=True,
        by=operator,
    )
    assert services.commission_composition_problems(commission)[0] == (
        "The commission has 1 member; it needs at least 5."
    )
    setup = make_setup(operator, code="one-left", emails="one-")
    for application in setup.applications[:2]:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, AGAINST))
        services.item_decide(item=item, by=setup.members["chair"].user)
    with after_start(setup.sitting):
        error = refused("undecided_items", services.sitting_close, sitting=setup.sitting, by=operator)
    assert str(error) == "1 item is not decided yet; decide every item first."


def test_counts_follow_each_languages_plural_forms(operator):
    """Each count goes through ngettext: the catalogue's forms for the number are used (Russian has three)."""
    from django.utils.translation import trans_real

    call = commission_call()
    commission = services.commission_create(call=call, by=operator)
    msgid = "The commission has %(count)s member; it needs at least %(minimum)s."
    forms = [
        "В комиссии %(count)s член; нужно не меньше %(minimum)s.",
        "В комиссии %(count)s члена; нужно не меньше %(minimum)s.",
        "В комиссии %(count)s членов; нужно не меньше %(minimum)s.",
    ]
    catalog = trans_real.translation("ru")._catalog._catalogs[0]
    saved = {(msgid, k): catalog.get((msgid, k)) for k in range(3)}
    catalog.update({(msgid, k): form for k, form in enumerate(forms)})
    try:
        seen = []
        for _count in (1, 2):
            services.commission_member_add(
                commission=commission,
                user=affiliate(UserFactory(), side=NGO, call=call),
                side=NGO,
                is_chair=False,
                by=operator,
            )
            with translation.override("ru"):
                seen.append(services.commission_composition_problems(commission)[0])
        assert seen == ["В комиссии 1 член; нужно не меньше 5.", "В комиссии 2 члена; нужно не меньше 5."]
    finally:
        for key, value in saved.items():
            if value is None:
                catalog.pop(key, None)
            else:
                catalog[key] = value
