"""Members of a tender commission declare ties to organisations not on Azamat, by name and BIN, as experts do:
they are recused from the applications such a tie matches, and the sitting says why."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.core.bin import make_bin
from azamat.core.errors import DomainError
from azamat.grants.models import ConflictDeclaration
from azamat.grants.services import commission as services
from azamat.grants.services.commission_record import item_tally, recusal_reason
from azamat.grants.tests.test_commission import make_operator, make_setup
from azamat.registry.models import Organisation
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
OUTSIDE_BIN = make_bin(year=2019, month=5, serial=4242)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return make_setup(make_operator(), confirm=False)


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_member_declares_a_tie_by_name_and_bin_on_the_declaration_page(client, setup):
    member = setup.members["ngo1"]
    client.force_login(member.user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    page = _page(client, url)
    assert "An organisation not on Azamat" in page and 'name="outside-name"' in page
    response = client.post(
        url,
        {
            "action": "declare_outside",
            "outside-name": "  ТОО  «Степь Консалтинг» ",
            "outside-bin": f" {OUTSIDE_BIN} ",
            "outside-relation": "advised",
            "outside-note": "2019–2021",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    declaration = ConflictDeclaration.objects.get(person=member.user)
    assert (declaration.organisation, declaration.outside_name, declaration.outside_bin) == (
        None,
        "ТОО «Степь Консалтинг»",
        OUTSIDE_BIN,
    )
    assert (declaration.relation, declaration.note) == ("advised", "2019–2021")
    page = _page(client, url)
    assert 'ТОО «Степь Консалтинг» <span class="muted">(not on Azamat)</span>' in page
    assert re.search(rf"<td[^>]*>{OUTSIDE_BIN}</td><td[^>]*>Advised it</td><td[^>]*>2019–2021</td>", page)
    assert declaration.history.first().history_user == member.user


def test_the_outside_form_refuses_what_the_experts_form_refuses(client, setup):
    member = setup.members["ngo2"]
    client.force_login(member.user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    data = {"action": "declare_outside", "outside-name": "Степь", "outside-relation": "advised"}
    response = client.post(url, {**data, "outside-bin": "123"})
    assert response.status_code == 400
    assert not ConflictDeclaration.objects.filter(person=member.user).exists()
    assert client.post(url, {**data, "outside-name": ""}).status_code == 400
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "outside-name": "«СТЕПЬ»"})  # the same name, case and quotes aside
    assert response.status_code == 400
    assert "You have already declared this tie to this organisation." in html.unescape(
        response.content.decode()
    )
    assert ConflictDeclaration.objects.filter(person=member.user).count() == 1


def test_a_bin_not_on_azamat_in_the_registry_form_goes_on_to_the_outside_form(client, setup):
    client.force_login(setup.members["gov"].user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    response = client.post(url, {"action": "declare", "bin": OUTSIDE_BIN, "relation": "founded"})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "No organisation with this BIN is registered on Azamat; declare it below" in page
    assert f'name="outside-bin" value="{OUTSIDE_BIN}"' in page


def test_a_bin_that_is_on_azamat_records_the_tie_to_that_organisation(client, setup):
    member = setup.members["opr"]
    registered = OrganisationFactory()
    client.force_login(member.user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    response = client.post(
        url,
        {
            "action": "declare_outside",
            "outside-name": "Another name",
            "outside-bin": registered.bin,
            "outside-relation": "works_for",
        },
        follow=True,
    )
    assert f"The tie is declared: {registered.name} is on Azamat with this BIN." in html.unescape(
        response.content.decode()
    )
    declaration = ConflictDeclaration.objects.get(person=member.user)
    assert (declaration.organisation, declaration.outside_name) == (registered, "")


def test_a_tie_by_name_recuses_the_member_at_once_and_the_sitting_says_why(client, setup):
    member = setup.members["ngo1"]
    applicant = setup.applications[0].organisation
    item = setup.item(setup.applications[0])
    assert not item.recused.exists()
    services.commission_conflict_declare_outside(
        member=member,
        name=f"«{applicant.name_ru.upper()}»",
        relation="founded",
        note="в 2015 году",
        by=member.user,
    )
    assert list(item.recused.all()) == [member]  # recorded on the undecided item at once
    assert member not in item_tally(item).eligible
    client.force_login(setup.operator)
    page = _page(client, reverse("grants:sitting", args=[setup.sitting.pk]) + f"?item={item.pk}")
    assert f"Марат Серіков: Founded it (declared as “«{applicant.name_ru.upper()}»”): в 2015 году" in page


def test_a_tie_by_bin_counts_once_the_organisation_is_on_azamat_with_it(setup):
    member = setup.members["ngo2"]
    applicant = setup.applications[1].organisation
    services.commission_conflict_declare_outside(
        member=member, name="Жарқын болашақ", bin=OUTSIDE_BIN, relation="kin", by=member.user
    )
    assert recusal_reason(user=member.user, organisation_id=applicant.pk) == "Recused"  # not its BIN yet
    Organisation.objects.filter(pk=applicant.pk).update(bin=OUTSIDE_BIN)  # it was registered with that BIN
    assert member not in item_tally(setup.item(setup.applications[1])).eligible
    assert recusal_reason(user=member.user, organisation_id=applicant.pk) == (
        "Kin of its leader (declared as “Жарқын болашақ”)"
    )


def test_each_member_declares_their_own_ties(setup):
    with pytest.raises(DomainError) as error:
        services.commission_conflict_declare_outside(
            member=setup.members["ngo1"], name="Степь", relation="advised", by=setup.members["ngo2"].user
        )
    assert (error.value.code, str(error.value)) == (
        "not_allowed",
        "Each member declares their own conflicts of interest.",
    )
    assert not ConflictDeclaration.objects.exists()
