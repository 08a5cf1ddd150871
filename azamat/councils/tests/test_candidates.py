"""Candidates for a council's formation or rotation: rotation opens two months before the term ends, a declared
relation with an official of the body makes a candidate ineligible with the reason shown, and a frozen list stays
as it was frozen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.councils import kpi_errors as errors
from azamat.councils.candidate_models import Candidate, CandidateEntry, CandidateList, Relation
from azamat.councils.candidate_selectors import eligibility, frozen_entries, rotation_opens_on
from azamat.councils.services import candidates as services
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MemberFactory
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return UserFactory()


@pytest.fixture
def ending(secretary):
    """A council whose term ends in 40 days: rotation is open."""
    today = timezone.localdate()
    council = CouncilFactory(
        term_starts_on=today - datetime.timedelta(days=1000), term_ends_on=today + datetime.timedelta(days=40)
    )
    CouncilSecretaryFactory(council=council, user=secretary)
    MemberFactory(council=council)
    return council


def _unchanged(call, code):
    counts = [m.objects.count() for m in (CandidateList, Candidate, Relation, CandidateEntry)]
    with pytest.raises(DomainError) as raised:
        call()
    assert raised.value.code == code
    assert [m.objects.count() for m in (CandidateList, Candidate, Relation, CandidateEntry)] == counts
    return str(raised.value)


def test_rotation_opens_two_months_before_the_term_ends(secretary):
    council = CouncilFactory(term_ends_on=datetime.date(2027, 4, 30))
    CouncilSecretaryFactory(council=council, user=secretary)
    MemberFactory(council=council)
    assert rotation_opens_on(council) == datetime.date(2027, 2, 28)
    message = _unchanged(
        lambda: services.candidate_list_open(
            council=council, kind="rotation", by=secretary, today=datetime.date(2027, 2, 27)
        ),
        errors.ROTATION_NOT_OPEN,
    )
    assert message == "Rotation opens on 28.02.2027, two months before the council's term ends on 30.04.2027."
    message = _unchanged(
        lambda: services.candidate_list_open(council=council, kind="formation", by=secretary),
        errors.FORMATION_HAS_MEMBERS,
    )
    assert message == "The council already has members; its composition changes by rotation."
    opened = services.candidate_list_open(
        council=council, kind="rotation", by=secretary, today=datetime.date(2027, 2, 28)
    )
    assert opened.kind == "rotation"
    message = _unchanged(
        lambda: services.candidate_list_open(
            council=council, kind="rotation", by=secretary, today=datetime.date(2027, 3, 1)
        ),
        errors.LIST_ALREADY_OPEN,
    )
    assert message == "The council already has an open list of candidates; freeze it before opening another."


def test_a_declared_relation_makes_a_candidate_ineligible_with_the_reason(ending, secretary):
    candidate_list = services.candidate_list_open(council=ending, kind="rotation", by=secretary)
    ngo = services.candidate_add(
        candidate_list=candidate_list,
        full_name="Ержан Қасымов",
        represents="ngo",
        organisation=OrganisationFactory(),
        motivation="Жұмыс тәжірибесі бар.",
        by=secretary,
    )
    citizen = services.candidate_add(
        candidate_list=candidate_list,
        full_name="Анна Петрова",
        represents="citizen",
        motivation="Хочу работать в совете.",
        by=secretary,
    )
    assert eligibility(citizen).reasons == [
        "The declaration of relations with the body's officials is not made yet."
    ]
    services.declaration_make(candidate=citizen, by=secretary)
    citizen.refresh_from_db()
    assert eligibility(citizen).eligible
    services.relation_declare(
        candidate=ngo,
        kind="kin",
        relation="brother",
        official_name="Марат Қасымов",
        official_position="vice minister",
        by=secretary,
    )
    ngo.refresh_from_db()
    found = eligibility(ngo)
    assert not found.eligible
    assert found.reason == (
        "Declared a relation with an official of the body: brother of Марат Қасымов, vice minister."
    )
    assert Relation.objects.get().body == ending.body


def test_a_candidate_is_refused_without_what_the_law_asks(ending, secretary):
    candidate_list = services.candidate_list_open(council=ending, kind="rotation", by=secretary)
    message = _unchanged(
        lambda: services.candidate_add(
            candidate_list=candidate_list,
            full_name="Без НПО",
            represents="ngo",
            motivation="Да.",
            by=secretary,
        ),
        errors.ORGANISATION_REQUIRED,
    )
    assert message == "A candidate from an NGO is put forward by an organisation in the registry."
    message = _unchanged(
        lambda: services.candidate_add(
            candidate_list=candidate_list,
            full_name="Без мотива",
            represents="citizen",
            motivation=" ",
            by=secretary,
        ),
        errors.MOTIVATION_REQUIRED,
    )
    assert message == "Write why the candidate wants to join the council."
    stranger = UserFactory()
    _unchanged(
        lambda: services.candidate_add(
            candidate_list=candidate_list,
            full_name="Чужой",
            represents="citizen",
            motivation="Да.",
            by=stranger,
        ),
        errors.NOT_ALLOWED,
    )


def test_the_frozen_list_is_stable_for_the_election(ending, secretary):
    candidate_list = services.candidate_list_open(council=ending, kind="rotation", by=secretary)
    names = ["Өмірзақ Бек", "Айдос Серік", "Болат Нұр"]
    for name in names:
        candidate = services.candidate_add(
            candidate_list=candidate_list,
            full_name=name,
            represents="citizen",
            motivation="Да.",
            by=secretary,
        )
        if name != "Болат Нұр":
            services.declaration_make(candidate=candidate, by=secretary)
    services.candidate_list_freeze(candidate_list=candidate_list, by=secretary)
    entries = list(frozen_entries(candidate_list))
    # Kazakh alphabetical order: Ө comes after Н and before Р, not after Я.
    assert [(e.position, e.full_name, e.eligible) for e in entries] == [
        (1, "Айдос Серік", True),
        (2, "Болат Нұр", False),
        (3, "Өмірзақ Бек", True),
    ]
    assert entries[1].reason == "The declaration of relations with the body's officials is not made yet."
    assert [e.full_name for e in frozen_entries(candidate_list, eligible_only=True)] == [
        "Айдос Серік",
        "Өмірзақ Бек",
    ]
    candidate_list.refresh_from_db()
    assert candidate_list.frozen_on == timezone.localdate()
    message = _unchanged(
        lambda: services.candidate_add(
            candidate_list=candidate_list,
            full_name="Поздний",
            represents="citizen",
            motivation="Да.",
            by=secretary,
        ),
        errors.LIST_FROZEN,
    )
    assert message == f"The list was frozen on {timezone.localdate():%d.%m.%Y}; it can no longer change."
    late = Candidate.objects.get(full_name="Болат Нұр")
    _unchanged(
        lambda: services.relation_declare(
            candidate=late,
            kind="property",
            relation="co-owner",
            official_name="X",
            official_position="Y",
            by=secretary,
        ),
        errors.LIST_FROZEN,
    )


def test_the_secretary_keeps_the_list_through_the_pages(client, ending, secretary):
    client.force_login(secretary)
    response = client.post(reverse("councils:candidate_list_open", args=[ending.pk]), {"kind": "formation"})
    assert response.status_code == 400
    assert "its composition changes by rotation" in response.content.decode()
    response = client.post(reverse("councils:candidate_list_open", args=[ending.pk]), {"kind": "rotation"})
    candidate_list = CandidateList.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("councils:candidate_add", args=[ending.pk, candidate_list.pk]),
        {"full_name": "Дина Ахмет", "represents": "citizen", "motivation": "Хочу помочь."},
    )
    candidate = Candidate.objects.get()
    assert response["Location"] == reverse(
        "councils:candidate", args=[ending.pk, candidate_list.pk, candidate.pk]
    )
    client.post(
        reverse("councils:candidate_relation_add", args=[ending.pk, candidate_list.pk, candidate.pk]),
        {
            "kind": "property",
            "relation": "co-owner of a company",
            "official_name": "Серік Ахмет",
            "official_position": "head of department",
        },
    )
    page = client.get(
        reverse("councils:candidate_list", args=[ending.pk, candidate_list.pk])
    ).content.decode()
    assert "co-owner of a company of Серік Ахмет, head of department" in page
    other = UserFactory()
    client.force_login(other)
    assert (
        client.get(reverse("councils:candidate_list", args=[ending.pk, candidate_list.pk])).status_code == 403
    )
