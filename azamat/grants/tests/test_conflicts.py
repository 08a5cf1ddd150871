"""Conflicts of interest: declared ties, memberships, branch networks, kin; declarations and confirmations."""

import pytest
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import ConflictDeclaration, DeclarationConfirmation, Expert
from azamat.grants.services.conflicts import (
    conflict_reasons,
    conflicts_for,
    declaration_confirm,
    declaration_confirmed,
    expert_declare_conflict,
)
from azamat.registry.models import AllianceMembership, Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def direction():
    return DirectionFactory(call=CallFactory(code="conflicts-2026"))


def test_a_declared_tie_is_a_conflict(direction, ngo):
    expert = ExpertFactory()
    application = ApplicationFactory(direction=direction, organisation=ngo)
    other = ApplicationFactory(direction=direction)
    expert_declare_conflict(expert_user=expert.user, organisation=ngo, relation="advised", note="2023–2024")
    assert conflicts_for(experts=Expert.objects.all(), applications=[application, other]) == {
        (expert.pk, application.pk)
    }
    assert conflict_reasons(expert, application) == [
        "Declared tie to the applicant organisation: Advised it."
    ]
    assert conflict_reasons(expert, other) == []


def test_kin_is_reported_as_kin(direction, ngo):
    expert = ExpertFactory()
    application = ApplicationFactory(direction=direction, organisation=ngo)
    expert_declare_conflict(expert_user=expert.user, organisation=ngo, relation="kin")
    assert conflicts_for(experts=[expert], applications=[application]) == {(expert.pk, application.pk)}
    assert conflict_reasons(expert, application) == ["Declared: kin of the applicant organisation's leader."]


def test_an_active_member_in_any_role_is_conflicted_a_pending_one_is_not(direction, ngo):
    admin, member, pending = ExpertFactory(), ExpertFactory(), ExpertFactory()
    MembershipFactory(user=admin.user, organisation=ngo, role=Membership.Role.ADMIN)
    MembershipFactory(user=member.user, organisation=ngo, role=Membership.Role.MEMBER)
    MembershipFactory(user=pending.user, organisation=ngo, status=Membership.Status.PENDING)
    application = ApplicationFactory(direction=direction, organisation=ngo)
    assert conflicts_for(experts=Expert.objects.all(), applications=[application]) == {
        (admin.pk, application.pk),
        (member.pk, application.pk),
    }
    assert conflict_reasons(member, application) == ["An active member of the applicant organisation."]


@pytest.fixture
def network():
    alliance = OrganisationFactory(name_ru="Сеть «Кербен»", is_alliance=True)
    branch_a = OrganisationFactory(name_ru="Филиал «Кербен» Актау")
    branch_b = OrganisationFactory(name_ru="Филиал «Кербен» Атырау")
    member_a = OrganisationFactory(name_ru="Член сети А")
    member_b = OrganisationFactory(name_ru="Член сети Б")
    for org, kind in [(branch_a, "branch"), (branch_b, "branch"), (member_a, "member"), (member_b, "member")]:
        AllianceMembership.objects.create(alliance=alliance, member=org, kind=kind)
    return alliance, branch_a, branch_b, member_a, member_b


def test_branch_networks(direction, network):
    alliance, branch_a, branch_b, member_a, member_b = network
    in_branch, in_member, in_head = ExpertFactory(), ExpertFactory(), ExpertFactory()
    MembershipFactory(user=in_branch.user, organisation=branch_a)
    MembershipFactory(user=in_member.user, organisation=member_a)
    MembershipFactory(user=in_head.user, organisation=alliance)
    apps = {
        name: ApplicationFactory(direction=direction, organisation=org)
        for name, org in [("head", alliance), ("branch_b", branch_b), ("member_b", member_b)]
    }
    pairs = conflicts_for(experts=Expert.objects.all(), applications=list(apps.values()))
    assert pairs == {
        # A branch is tied to its head, to the other branches and to the network's members.
        (in_branch.pk, apps["head"].pk),
        (in_branch.pk, apps["branch_b"].pk),
        (in_branch.pk, apps["member_b"].pk),
        # An ordinary member is tied only to branches; two ordinary members are independent.
        (in_member.pk, apps["branch_b"].pk),
        # The head organisation's people: their own organisation, its branches, not its ordinary members.
        (in_head.pk, apps["head"].pk),
        (in_head.pk, apps["branch_b"].pk),
    }
    assert conflict_reasons(in_member, apps["branch_b"]) == [
        "A member of Член сети А, in the same branch network (Сеть «Кербен») as the applicant."
    ]
    assert conflict_reasons(in_member, apps["member_b"]) == []


def test_querysets_and_lists_give_the_same_pairs(direction, ngo, django_assert_max_num_queries):
    experts = [ExpertFactory() for _ in range(5)]
    MembershipFactory(user=experts[0].user, organisation=ngo)
    ConflictDeclaration.objects.create(person=experts[1].user, organisation=ngo, relation="founded")
    applications = [ApplicationFactory(direction=direction, organisation=ngo) for _ in range(3)]
    expected = {(e.pk, a.pk) for e in experts[:2] for a in applications}
    with django_assert_max_num_queries(6):
        assert (
            conflicts_for(experts=Expert.objects.all(), applications=direction.applications.all()) == expected
        )
    assert conflicts_for(experts=experts, applications=applications) == expected


def test_bulk_conflicts_take_a_fixed_number_of_queries(direction, ngo, django_assert_max_num_queries):
    users = UserFactory.create_batch(40)
    Expert.objects.bulk_create([Expert(user=u, languages=["kk"]) for u in users])
    for user in users[:10]:
        MembershipFactory(user=user, organisation=ngo)
    for _ in range(20):
        ApplicationFactory(direction=direction)
    ApplicationFactory(direction=direction, organisation=ngo)
    with django_assert_max_num_queries(6):
        pairs = conflicts_for(experts=Expert.objects.all(), applications=direction.applications.all())
    assert len(pairs) == 10


def test_declaring_twice_or_with_a_bad_relation_is_refused(ngo):
    user = UserFactory()
    expert_declare_conflict(expert_user=user, organisation=ngo, relation="works_for")
    with pytest.raises(DomainError) as error:
        expert_declare_conflict(expert_user=user, organisation=ngo, relation="works_for")
    assert (error.value.code, str(error.value)) == (
        "already_declared",
        "You have already declared this tie to this organisation.",
    )
    with pytest.raises(DomainError) as error:
        expert_declare_conflict(expert_user=user, organisation=ngo, relation="friend")
    assert (error.value.code, error.value.field) == ("bad_relation", "relation")
    with pytest.raises(DomainError) as error:
        expert_declare_conflict(expert_user=user, organisation=ngo, relation="advised", note="x" * 301)
    assert error.value.code == "note_too_long"
    assert ConflictDeclaration.objects.filter(person=user).count() == 1


def test_declaration_confirmation_is_per_call_and_idempotent():
    user = UserFactory()
    call, other = CallFactory(), CallFactory()
    assert declaration_confirmed(person=user, call=call) is False
    first = declaration_confirm(person=user, call=call)
    assert declaration_confirm(person=user, call=call) == first
    assert declaration_confirmed(person=user, call=call) is True
    assert declaration_confirmed(person=user, call=other) is False
    assert DeclarationConfirmation.objects.count() == 1
