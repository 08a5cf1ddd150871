"""Problems proposed, reviewed, registered, sent, solved, endorsed and merged — and every refusal, which
changes nothing."""

import pytest
from django.db import connection
from django.utils import timezone, translation

from azamat.accountability.models import Item
from azamat.accountability.selectors import items_of_source
from azamat.core.errors import DomainError
from azamat.core.working_days import add_working_days
from azamat.problems import selectors, services, similar
from azamat.problems.models import Endorsement, Evidence, Problem, StatusChange
from azamat.problems.tests.factories import area, proposed, registered, working_group_member
from azamat.registry.models import GovernmentBody, Membership, Region
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Problem.Status


@pytest.fixture
def group(db):
    return working_group_member(email="group@example.kz", full_name="Гүлнар Сәрсенова")


@pytest.fixture
def body(db):
    return GovernmentBody.objects.get(code="mci-civil-society")


def refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as raised:
        call(*args, **kwargs)
    assert raised.value.code == code, raised.value.code
    return raised.value


def test_a_proposal_gets_a_number_and_its_first_step(alice, ngo):
    problem = proposed(by=alice, organisation=ngo, legal_forms=["public_foundation", "public_association"])
    assert problem.number == f"PR-{problem.pk:04d}"
    assert problem.status == S.PROPOSED and problem.organisation == ngo
    assert problem.legal_forms == ["public_association", "public_foundation"]
    assert list(problem.status_changes.values_list("from_status", "to_status")) == [("", S.PROPOSED)]


def test_a_person_cannot_file_for_an_organisation_they_do_not_belong_to(carol, ngo):
    refused("not_member_of_organisation", proposed, by=carol, organisation=ngo)
    assert not Problem.objects.exists()


def test_the_working_group_takes_a_problem_through_its_life_with_reasons(alice, group):
    problem = proposed(by=alice)
    services.problem_step(problem=problem, name="review", by=group)
    services.problem_step(problem=problem, name="register", by=group, reason="Подтверждено")
    assert problem.status == S.REGISTERED
    error = refused("reason_required", services.problem_step, problem=problem, name="solve", by=group)
    assert error.field == "reason"
    problem.refresh_from_db()
    assert problem.status == S.REGISTERED
    services.problem_step(problem=problem, name="solve", by=group, reason="Приказ изменён")
    services.problem_step(problem=problem, name="reopen", by=group, reason="Норма вернулась")
    services.problem_step(problem=problem, name="archive", by=group, reason="Неактуально")
    changes = list(problem.status_changes.values_list("to_status", "reason"))
    assert changes == [
        (S.PROPOSED, ""),
        (S.REVIEW, ""),
        (S.REGISTERED, "Подтверждено"),
        (S.SOLVED, "Приказ изменён"),
        (S.REGISTERED, "Норма вернулась"),
        (S.ARCHIVED, "Неактуально"),
    ]
    assert problem.history.first().history_change_reason == "Неактуально"


def test_a_step_not_allowed_from_the_current_state_is_refused(alice, group):
    problem = proposed(by=alice)
    with translation.override("en"):
        error = refused("wrong_state", services.problem_step, problem=problem, name="register", by=group)
        assert "Proposed" in str(error)
    problem.refresh_from_db()
    assert problem.status == S.PROPOSED and problem.status_changes.count() == 1


def test_only_the_working_group_moderates(alice, carol):
    problem = proposed(by=alice)
    refused("not_working_group", services.problem_step, problem=problem, name="review", by=alice)
    refused("not_working_group", services.problem_step, problem=problem, name="review", by=carol)
    problem.refresh_from_db()
    assert problem.status == S.PROPOSED


def test_sending_a_recommendation_creates_an_item_whose_source_is_the_recommendation(alice, group, body):
    problem = registered(by=alice, group=group)
    recommendation = services.recommendation_add(
        problem=problem, by=group, text="Установить срок выплаты транша", body=body
    )
    item = services.recommendation_send(recommendation=recommendation, by=group, quiet=True)
    assert list(items_of_source(recommendation)) == [item]
    assert item.rule.code == "problem" and item.kind == Item.Kind.PROPOSAL and item.body == body
    assert item.text == "Установить срок выплаты транша"
    assert item.title == f"{problem.number}: {problem.title}"
    today = timezone.localdate()
    assert item.sent_on == today
    assert item.due_on == add_working_days(today, 15)  # the rule "problem": 15 working days
    problem.refresh_from_db()
    assert problem.status == S.SENT
    assert problem.status_changes.last().to_status == S.SENT
    assert selectors.fates([recommendation]) == {recommendation.pk: [item]}


def test_a_recommendation_is_not_sent_twice_nor_without_a_body_nor_before_the_register(alice, group, body):
    problem = registered(by=alice, group=group)
    without = services.recommendation_add(problem=problem, by=group, text="Без адресата")
    error = refused(
        "recommendation_without_body", services.recommendation_send, recommendation=without, by=group
    )
    assert error.field == "body"
    recommendation = services.recommendation_add(problem=problem, by=group, text="Срок транша", body=body)
    item = services.recommendation_send(recommendation=recommendation, by=group, quiet=True)
    error = refused(
        "recommendation_already_sent", services.recommendation_send, recommendation=recommendation, by=group
    )
    assert item.number in str(error)
    assert Item.objects.count() == 1
    early = proposed(by=alice, title="Другая проблема")
    draft = services.recommendation_add(problem=early, by=group, text="Рано", body=body)
    refused("send_wrong_state", services.recommendation_send, recommendation=draft, by=group)
    assert Item.objects.count() == 1


def test_an_organisation_endorses_once_with_its_case(alice, bob, ngo, group):
    problem = registered(by=group, group=group)
    endorsement = services.endorsement_add(
        problem=problem, organisation=ngo, by=alice, case="Транш задержан на 70 дней"
    )
    assert endorsement.case == "Транш задержан на 70 дней"
    error = refused(
        "already_endorsed",
        services.endorsement_add,
        problem=problem,
        organisation=ngo,
        by=bob,
        case="Ещё раз",
    )
    assert ngo.name in str(error)
    assert problem.endorsements.count() == 1


def test_endorsements_need_a_membership_a_case_and_an_open_problem(alice, carol, ngo, group):
    problem = registered(by=group, group=group)
    refused(
        "not_member_of_organisation",
        services.endorsement_add,
        problem=problem,
        organisation=ngo,
        by=carol,
        case="x",
    )
    refused("case_required", services.endorsement_add, problem=problem, organisation=ngo, by=alice, case="  ")
    pending = MembershipFactory(user=UserFactory(), organisation=ngo, status=Membership.Status.PENDING).user
    refused(
        "not_member_of_organisation",
        services.endorsement_add,
        problem=problem,
        organisation=ngo,
        by=pending,
        case="x",
    )
    services.problem_step(problem=problem, name="archive", by=group, reason="Дубль")
    refused(
        "endorse_closed_problem",
        services.endorsement_add,
        problem=problem,
        organisation=ngo,
        by=alice,
        case="x",
    )
    assert not Endorsement.objects.exists()


def test_a_merge_keeps_every_endorsement_and_evidence(alice, ngo, group, body):
    other = OrganisationFactory(region=Region.objects.get(kato="750000000"))
    admin_of_other = UserFactory()
    MembershipFactory(user=admin_of_other, organisation=other, role=Membership.Role.ADMIN)
    third = OrganisationFactory()
    third_admin = UserFactory()
    MembershipFactory(user=third_admin, organisation=third, role=Membership.Role.ADMIN)

    keep = registered(by=group, group=group, title="Задержка траншей")
    duplicate = proposed(by=alice, organisation=ngo, title="Транши задерживают", regions=[other.region])
    services.endorsement_add(problem=keep, organisation=other, by=admin_of_other, case="Кейс А")
    services.endorsement_add(problem=duplicate, organisation=other, by=admin_of_other, case="Кейс Б")
    services.endorsement_add(problem=duplicate, organisation=third, by=third_admin, case="Кейс В")
    services.evidence_add(problem=duplicate, by=alice, kind="figure", text="Опрос", figure="62% из 240 НКО")
    recommendation = services.recommendation_add(problem=duplicate, by=group, text="Срок транша", body=body)

    services.problem_merge(problem=duplicate, into=keep, by=group, reason="Одна и та же проблема")

    duplicate.refresh_from_db()
    assert duplicate.status == S.MERGED and duplicate.merged_into == keep
    assert duplicate.status_changes.last().reason == "Одна и та же проблема"
    cases = dict(keep.endorsements.values_list("organisation_id", "case"))
    assert set(cases) == {other.pk, third.pk, ngo.pk}  # the duplicate's own organisation counts too
    assert cases[other.pk] == f"Кейс А\n\n{duplicate.number}: Кейс Б"
    assert cases[third.pk] == "Кейс В"
    assert "Транши задерживают" in cases[ngo.pk]
    assert keep.evidence.get().figure == "62% из 240 НКО"
    assert list(keep.recommendations.all()) == [recommendation]
    assert other.region in keep.regions.all()
    assert not duplicate.endorsements.exists() and not Evidence.objects.filter(problem=duplicate).exists()


def test_a_merge_into_itself_or_into_a_merged_problem_is_refused(alice, group):
    one = proposed(by=alice, title="Первая")
    two = proposed(by=alice, title="Вторая")
    three = proposed(by=alice, title="Третья")
    refused("merge_into_itself", services.problem_merge, problem=one, into=one, by=group, reason="x")
    refused("reason_required", services.problem_merge, problem=one, into=two, by=group, reason="")
    services.problem_merge(problem=two, into=three, by=group, reason="Дубль")
    error = refused("merge_into_merged", services.problem_merge, problem=one, into=two, by=group, reason="x")
    assert three.number in str(error)
    refused("wrong_state", services.problem_merge, problem=two, into=one, by=group, reason="x")
    refused("not_working_group", services.problem_merge, problem=one, into=three, by=alice, reason="x")
    one.refresh_from_db()
    assert one.status == S.PROPOSED


def test_proposals_are_private_until_registered(alice, bob, carol, group):
    problem = proposed(by=alice)
    assert problem in selectors.visible_problems(alice)
    assert problem in selectors.visible_problems(group)
    assert problem not in selectors.visible_problems(carol)
    registered_problem = registered(by=alice, group=group, title="Зарегистрированная")
    assert registered_problem in selectors.visible_problems(carol)


def test_duplicate_hints_find_the_most_similar_problems(alice, group):
    wanted = registered(
        by=alice, group=group, title="Задержка выплаты второго транша государственного гранта"
    )
    registered(by=alice, group=group, title="Налоговая отчётность некоммерческих организаций")
    hints = similar.similar_problems("Задержка выплаты транша гранта", user=UserFactory())
    assert [hint.problem for hint in hints][:1] == [wanted]
    assert hints[0].score > 0.3
    assert similar.similar_problems("Права человека", user=alice) == []
    excluded = similar.similar_problems("Задержка выплаты транша гранта", user=alice, exclude=wanted)
    assert wanted not in [hint.problem for hint in excluded]


def test_duplicate_hints_hide_proposals_others_cannot_read(alice, carol):
    proposed(by=alice, title="Задержка выплаты второго транша государственного гранта")
    assert similar.similar_problems("Задержка выплаты второго транша", user=carol) == []
    assert len(similar.similar_problems("Задержка выплаты второго транша", user=alice)) == 1


def test_the_spread_counts_each_organisation_once_per_region(alice, ngo, group):
    problem = registered(by=alice, group=group, organisation=ngo)
    almaty = Region.objects.get(kato="750000000")
    for n in range(2):
        org = OrganisationFactory(region=almaty)
        user = UserFactory()
        MembershipFactory(user=user, organisation=org, role=Membership.Role.ADMIN)
        services.endorsement_add(problem=problem, organisation=org, by=user, case=f"Кейс {n}")
    spread = selectors.register_spread(selectors.public_problems())
    assert spread[almaty.pk] == 2 + (1 if ngo.region_id == almaty.pk else 0)
    detail = selectors.problem_detail(problem.number)
    assert len(selectors.affected_organisations(detail)) == 3
    areas = {a.code: a for a in selectors.areas_with_counts(selectors.public_problems())}
    assert areas["financing"].problem_count == 1 and areas["financing"].organisation_count == 3
    assert areas["legislation"].problem_count == 0


def test_hints_rank_the_closer_title_first_on_either_database(alice, group):
    far = registered(by=alice, group=group, title="Отчётность НКО в налоговые органы")
    near = registered(by=alice, group=group, title="Сложная отчётность для малых НКО")
    hints = similar.similar_problems("Сложная отчётность для малых НКО и фондов", user=alice)
    assert [hint.problem for hint in hints][0] == near
    assert connection.vendor in {"sqlite", "postgresql"}
    assert far not in [hint.problem for hint in hints][:1]


def test_areas_are_the_eight_of_the_working_group():
    assert [a.code for a in area("financing").__class__.objects.all()] == [
        "partnership",
        "financing",
        "legislation",
        "state-support",
        "organisation",
        "reporting",
        "business",
        "international",
    ]
    assert area("reporting").name_ru == "Налоговая и иная отчётность"


def test_an_unknown_step_is_refused(alice, group):
    problem = proposed(by=alice)
    refused("unknown_transition", services.problem_step, problem=problem, name="fly", by=group)
    assert StatusChange.objects.filter(problem=problem).count() == 1
