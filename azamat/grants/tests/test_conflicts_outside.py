"""Ties to organisations not on Azamat: declared by name and BIN, corrected until the declaration is confirmed,
and matched against applicants by BIN (by name without one) when experts are drawn and members recused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.bin import make_bin
from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application, Assignment, ConflictDeclaration, Expert
from azamat.grants.services.assignment import draw_optimised, draw_random
from azamat.grants.services.commission_record import conflicted_organisation_ids
from azamat.grants.services.conflicts import (
    conflict_correct,
    conflict_declare_outside,
    conflict_reasons,
    conflicts_for,
    declaration_confirm,
)
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
OUTSIDE_BIN = make_bin(year=2019, month=5, serial=4242)
OTHER_BIN = make_bin(year=2020, month=7, serial=777)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def call(db):
    now = timezone.now()
    return CallFactory(
        code="outside-2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
    )


def _applicant(call, organisation, number=1):
    return ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        organisation=organisation,
        status=Application.Status.COMPLIANT,
        number=f"KZ-2026-outside-{number:04d}",
    )


def test_a_tie_is_declared_by_name_and_bin(call):
    expert = ExpertFactory()
    declaration = conflict_declare_outside(
        person=expert.user, name="  ТОО  «Степь Консалтинг» ", bin=f" {OUTSIDE_BIN} ", relation="advised"
    )
    declaration.refresh_from_db()
    assert (
        declaration.organisation,
        declaration.outside_name,
        declaration.outside_bin,
        declaration.relation,
        declaration.is_outside,
    ) == (None, "ТОО «Степь Консалтинг»", OUTSIDE_BIN, "advised", True)
    assert (declaration.party_name, declaration.party_bin) == ("ТОО «Степь Консалтинг»", OUTSIDE_BIN)
    assert declaration.history.get().history_user == expert.user


def test_what_is_refused_when_declaring(call):
    user = ExpertFactory().user
    cases = [
        ({"name": " ", "bin": OUTSIDE_BIN}, "name", "Give the organisation's name."),
        ({"name": "x" * 301, "bin": ""}, "name", "The name is too long: at most 300 characters."),
        ({"name": "Степь", "bin": "12345"}, "bin", "A BIN has exactly 12 digits."),
        (
            {"name": "Степь", "bin": OUTSIDE_BIN[:11] + str((int(OUTSIDE_BIN[11]) + 1) % 10)},
            "bin",
            f"{OUTSIDE_BIN[:11]}{(int(OUTSIDE_BIN[11]) + 1) % 10} is not a valid BIN: its check digit does not match.",
        ),
    ]
    for data, field, message in cases:
        with pytest.raises(DomainError) as error:
            conflict_declare_outside(person=user, relation="advised", **data)
        assert (error.value.field, str(error.value)) == (field, message)
    conflict_declare_outside(person=user, name="Степь", bin=OUTSIDE_BIN, relation="advised")
    with pytest.raises(DomainError) as error:
        conflict_declare_outside(person=user, name="Другое имя", bin=OUTSIDE_BIN, relation="advised")
    assert str(error.value) == "You have already declared this tie to this organisation."
    conflict_declare_outside(person=user, name="«Жасыл Дала»", relation="founded")
    with pytest.raises(DomainError):  # the same name, case and quotes aside
        conflict_declare_outside(person=user, name="жасыл   дала", relation="founded")
    assert ConflictDeclaration.objects.filter(person=user).count() == 2


def test_a_bin_already_on_azamat_declares_that_organisation(call):
    registered = OrganisationFactory(bin=OUTSIDE_BIN)
    user = ExpertFactory().user
    declaration = conflict_declare_outside(
        person=user, name="Как я её называю", bin=OUTSIDE_BIN, relation="kin"
    )
    assert (declaration.organisation, declaration.outside_name, declaration.outside_bin) == (
        registered,
        "",
        "",
    )


def test_a_tie_is_corrected_until_the_declaration_is_confirmed(call):
    user = ExpertFactory().user
    declaration = conflict_declare_outside(person=user, name="Степь", bin=OTHER_BIN, relation="advised")
    corrected = conflict_correct(
        person=user,
        declaration_id=declaration.pk,
        call=call,
        name="ТОО «Степь Консалтинг»",
        bin=OUTSIDE_BIN,
        relation="works_for",
        note="2021–2023",
    )
    corrected.refresh_from_db()
    assert (
        corrected.pk,
        corrected.outside_name,
        corrected.outside_bin,
        corrected.relation,
        corrected.note,
    ) == (
        declaration.pk,
        "ТОО «Степь Консалтинг»",
        OUTSIDE_BIN,
        "works_for",
        "2021–2023",
    )
    # The history keeps what was declared first.
    assert [h.outside_bin for h in corrected.history.order_by("history_date")] == [OTHER_BIN, OUTSIDE_BIN]
    with pytest.raises(DomainError) as error:
        conflict_correct(
            person=user, declaration_id=declaration.pk, call=call, name="Степь", bin="1", relation="advised"
        )
    assert error.value.field == "bin"
    # Someone else's tie is not theirs to correct.
    with pytest.raises(DomainError) as error:
        conflict_correct(
            person=ExpertFactory().user, declaration_id=declaration.pk, call=call, name="x", relation="kin"
        )
    assert str(error.value) == "You have not declared this tie."
    declaration_confirm(person=user, call=call)
    with pytest.raises(DomainError) as error:
        conflict_correct(
            person=user,
            declaration_id=declaration.pk,
            call=call,
            name="Степь",
            bin=OTHER_BIN,
            relation="advised",
        )
    assert str(error.value).startswith(
        "Your declaration for this call is confirmed, so a declared tie can no"
    )
    corrected.refresh_from_db()
    assert (corrected.outside_bin, corrected.relation) == (OUTSIDE_BIN, "works_for")


def test_an_applicant_with_the_declared_bin_is_a_conflict(call):
    expert, other = ExpertFactory(), ExpertFactory()
    conflict_declare_outside(person=expert.user, name="Степь", bin=OUTSIDE_BIN, relation="advised")
    # It registers on Azamat afterwards, under another name, and applies.
    applicant = _applicant(call, OrganisationFactory(bin=OUTSIDE_BIN, name_ru="Фонд «Ветер»"))
    unrelated = _applicant(call, OrganisationFactory(bin=OTHER_BIN, name_ru="Степь"), number=2)
    assert conflicts_for(experts=Expert.objects.all(), applications=[applicant, unrelated]) == {
        (expert.pk, applicant.pk)
    }
    assert conflict_reasons(expert, applicant) == [
        f"Declared tie to “Степь”, BIN {OUTSIDE_BIN}, the applicant's BIN: Advised it."
    ]
    assert conflict_reasons(other, applicant) == []


def test_without_a_bin_the_name_is_compared_case_and_quotes_aside(call):
    expert = ExpertFactory()
    conflict_declare_outside(person=expert.user, name="жасыл дала", relation="founded")
    applicant = _applicant(call, OrganisationFactory(name_kk="«Жасыл  Дала»", name_ru="Зелёная степь"))
    near = _applicant(call, OrganisationFactory(name_kk="Жасыл дала Маңғыстау", name_ru="Другое"), number=2)
    assert conflicts_for(experts=[expert], applications=Application.objects.all()) == {
        (expert.pk, applicant.pk)
    }
    assert conflict_reasons(expert, applicant) == [
        "Declared tie to “жасыл дала”, the applicant's name: Founded it."
    ]
    assert conflict_reasons(expert, near) == []


@pytest.mark.parametrize("draw", ["random", "optimised"])
def test_the_draw_leaves_out_the_expert_tied_to_the_applicants_bin(call, operator, draw):
    tied, *others = [ExpertFactory() for _ in range(4)]
    conflict_declare_outside(person=tied.user, name="Степь", bin=OUTSIDE_BIN, relation="works_for")
    applicant = _applicant(call, OrganisationFactory(bin=OUTSIDE_BIN))
    if draw == "random":
        draw_random(call=call, by=operator, seed="outside")
    else:
        draw_optimised(call=call, by=operator)
    assert set(Assignment.objects.filter(application=applicant).values_list("expert_id", flat=True)) == {
        e.pk for e in others
    }


def test_a_commission_member_is_recused_from_the_applicant_with_that_bin(call):
    member = ExpertFactory().user
    conflict_declare_outside(person=member, name="Степь", bin=OUTSIDE_BIN, relation="advised")
    conflict_declare_outside(person=member, name="Жасыл дала", relation="kin")
    by_bin = OrganisationFactory(bin=OUTSIDE_BIN)
    by_name = OrganisationFactory(name_ru="ЖАСЫЛ ДАЛА")
    OrganisationFactory(bin=OTHER_BIN)
    assert conflicted_organisation_ids(member) == {by_bin.pk, by_name.pk}


# --- The page ---------------------------------------------------------------------------------------------------


def test_an_expert_declares_and_corrects_a_tie_on_the_page(client, call):
    call.published = True
    call.save()
    expert = ExpertFactory()
    client.force_login(expert.user)
    url = reverse("grants:expert_declaration", args=[call.code])
    # Not found on Azamat: the BIN typed goes on to the form for an organisation not on it.
    response = client.post(
        url, {"action": "declare", "bin": OUTSIDE_BIN, "relation": "advised"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert "No organisation with this BIN is registered on Azamat; declare it below" in body
    assert f'name="outside-bin" value="{OUTSIDE_BIN}"' in body
    response = client.post(
        url,
        {
            "action": "declare_outside",
            "outside-name": "",
            "outside-bin": OUTSIDE_BIN,
            "outside-relation": "advised",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "This field is required." in response.content.decode()
    response = client.post(
        url,
        {
            "action": "declare_outside",
            "outside-name": "Степь",
            "outside-bin": OTHER_BIN,
            "outside-relation": "advised",
            "outside-note": "",
        },
    )
    assert response.status_code == 302
    declaration = ConflictDeclaration.objects.get(person=expert.user)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Степь" in page and OTHER_BIN in page and "not on Azamat" in page
    page = client.get(f"{url}?correct={declaration.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Correct the tie to Степь" in page and f'name="correct-bin" value="{OTHER_BIN}"' in page
    response = client.post(
        url,
        {
            "action": "correct",
            "declaration": declaration.pk,
            "correct-name": "ТОО «Степь»",
            "correct-bin": OUTSIDE_BIN,
            "correct-relation": "works_for",
            "correct-note": "",
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "The tie is corrected." in response.content.decode()
    declaration.refresh_from_db()
    assert (declaration.outside_name, declaration.outside_bin, declaration.relation) == (
        "ТОО «Степь»",
        OUTSIDE_BIN,
        "works_for",
    )
    client.post(url, {"action": "confirm"})
    page = client.get(f"{url}?correct={declaration.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Correct the tie to" not in page and 'href="?correct=' not in page
    response = client.post(
        url,
        {
            "action": "correct",
            "declaration": declaration.pk,
            "correct-name": "Другое",
            "correct-bin": "",
            "correct-relation": "kin",
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "so a declared tie can no longer be changed" in response.content.decode()
    declaration.refresh_from_db()
    assert declaration.outside_name == "ТОО «Степь»"
