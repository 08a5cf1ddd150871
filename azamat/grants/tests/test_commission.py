"""The tender commission: its composition, the sides its members sit for, the secretary, and counts in each
language. What happens at its sittings is tested in test_sittings.py."""

import datetime
import html
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
    Sitting,
    Vote,
)
from azamat.grants.services import commission as services
from azamat.grants.services import sittings as sitting_services
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
    sitting = sitting_services.sitting_schedule(
        commission=commission,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Астана, Дом министерств, зал 3",
        stream_url=stream_url,
        by=operator,
    )
    sitting_services.agenda_build(sitting=sitting, by=operator)
    present_keys = present if present is not None else list(members)
    sitting_services.sitting_mark_present(
        sitting=sitting, members=[members[k] for k in present_keys], by=operator
    )
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
        sitting_services.vote_cast(
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
    assert (
        str(refused("operator_decides", sitting_services.agenda_build, sitting=sitting, by=operator))
        == ONE_STAGE
    )
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
        sitting_services.sitting_schedule,
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
    refused("not_member", sitting_services.vote_cast, item=item, member_user=secretary, choice=SUPPORT)
    services.commission_secretary_set(commission=setup.commission, user=None, by=operator)
    setup.commission.refresh_from_db()
    assert setup.commission.secretary is None


def test_the_secretary_keeps_the_sitting_from_attendance_to_the_protocol(operator):
    setup = make_setup(operator, present=["gov"])
    secretary = UserFactory(full_name="Жанна Тулегенова")
    stranger = UserFactory()
    refused(
        "not_allowed",
        sitting_services.sitting_mark_present,
        sitting=setup.sitting,
        members=list(setup.members.values()),
        by=secretary,
    )
    services.commission_secretary_set(commission=setup.commission, user=secretary, by=operator)
    setup.sitting.refresh_from_db()
    error = refused(
        "not_allowed", sitting_services.sitting_mark_present, sitting=setup.sitting, members=[], by=stranger
    )
    assert str(error) == "Only the operator's staff or the commission's secretary can keep the sitting."
    sitting_services.sitting_mark_present(
        sitting=setup.sitting, members=list(setup.members.values()), by=secretary
    )
    assert setup.sitting.present.count() == 5
    for application in setup.applications:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, AGAINST))
        sitting_services.item_decide(
            item=item, by=secretary
        )  # the chair is present; the secretary records it
        assert setup.item(application).decision == REJECTED
    refused("not_allowed", sitting_services.sitting_close, sitting=setup.sitting, by=stranger)
    with after_start(setup.sitting):
        sitting_services.sitting_close(sitting=setup.sitting, by=secretary)
    setup.sitting.refresh_from_db()
    assert (setup.sitting.protocol_number, setup.sitting.history.first().history_user) == (1, secretary)


def test_decisions_need_the_chair_present_even_when_the_secretary_records_them(operator):
    setup = make_setup(operator, present=["gov", "opr", "ngo1", "ngo2"])
    secretary = UserFactory()
    services.commission_secretary_set(commission=setup.commission, user=secretary, by=operator)
    item = setup.item(setup.applications[0])
    vote_all(setup, item, {"gov": SUPPORT, "opr": SUPPORT, "ngo1": SUPPORT, "ngo2": SUPPORT})
    error = refused("chair_absent", sitting_services.item_decide, item=item, by=secretary)
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
        sitting_services.item_decide(item=item, by=setup.members["chair"].user)
    with after_start(setup.sitting):
        error = refused("undecided_items", sitting_services.sitting_close, sitting=setup.sitting, by=operator)
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
