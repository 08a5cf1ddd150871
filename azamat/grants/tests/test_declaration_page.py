"""One declaration page for experts and tender commission members (views/declarations.py): a member finds an
organisation by its name as an expert does, corrects or removes a tie until the declaration is confirmed, and the
recusals at the commission's open sitting follow; a tie that a declaration confirmed for another call holds is
kept, on both pages."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.grants.factories import CallFactory
from azamat.grants.models import ConflictDeclaration, DeclarationConfirmation
from azamat.grants.services import commission as services
from azamat.grants.services import conflicts
from azamat.grants.tests.test_commission import make_operator, make_setup
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return make_setup(make_operator(), confirm=False)


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_member_finds_the_organisation_by_its_name_and_is_recused(client, setup):
    member = setup.members["ngo1"]
    applicant = setup.applications[0].organisation
    item = setup.item(setup.applications[0])
    client.force_login(member.user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    word = applicant.name_ru.split()[-1]
    # The name typed lists the organisations it finds, to pick from; nothing is declared yet.
    response = client.post(url, {"action": "declare", "bin": word, "relation": "advised"})
    assert response.status_code == 400
    page = _page(response)
    assert "Choose the organisation from the list." in page
    assert f'value="{applicant.pk}"' in page and f"{applicant.name} — {applicant.bin}" in page
    assert not ConflictDeclaration.objects.filter(person=member.user).exists()
    response = client.post(
        url, {"action": "declare", "bin": word, "pick": applicant.pk, "relation": "advised", "note": "2020"}
    )
    assert response.status_code == 302 and response["Location"] == url
    assert list(
        ConflictDeclaration.objects.filter(person=member.user).values_list("organisation", "note")
    ) == [(applicant.pk, "2020")]
    assert list(item.recused.all()) == [member]
    page = _page(client.get(url))
    assert "← My tender commissions" in page and "My declaration is complete" in page
    assert f'href="?correct={ConflictDeclaration.objects.get(person=member.user).pk}#correct"' in page


def test_a_tie_removed_before_confirming_lifts_the_recusal(client, setup):
    member = setup.members["ngo1"]
    applicant = setup.applications[0].organisation
    item = setup.item(setup.applications[0])
    declaration = services.commission_conflict_declare(
        member=member, organisation=applicant, relation="founded", by=member.user
    )
    assert list(item.recused.all()) == [member]
    client.force_login(member.user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    response = client.post(url, {"action": "withdraw", "declaration": declaration.pk}, follow=True)
    assert _messages(response) == ["The tie is removed from your declaration."]
    assert not ConflictDeclaration.objects.filter(pk=declaration.pk).exists()
    assert item.recused.count() == 0
    # Once confirmed, a tie stays: the reason is said, nothing changes, and the recusal stands.
    declaration = services.commission_conflict_declare(
        member=member, organisation=applicant, relation="founded", by=member.user
    )
    confirmed = client.post(url, {"action": "confirm"}, follow=True)
    assert _messages(confirmed) == ["Your declaration is confirmed; you may vote at this call's sittings."]
    response = client.post(url, {"action": "withdraw", "declaration": declaration.pk}, follow=True)
    assert _messages(response) == [str(conflicts.MESSAGES[conflicts.DECLARATION_CONFIRMED])]
    assert ConflictDeclaration.objects.filter(pk=declaration.pk).exists()
    assert list(item.recused.all()) == [member]


def test_a_tie_corrected_to_another_organisation_moves_the_recusal(client, setup):
    """A tie to an organisation not on Azamat, declared with the wrong BIN: corrected to the applicant's BIN
    it becomes a tie to the applicant, and the member is recused from its application."""
    member = setup.members["ngo1"]
    applicant = setup.applications[0].organisation
    item = setup.item(setup.applications[0])
    stranger = OrganisationFactory.build()  # a well-formed BIN no organisation on Azamat has
    declaration = services.commission_conflict_declare_outside(
        member=member, name="ТОО «Степь»", bin=stranger.bin, relation="advised", by=member.user
    )
    assert item.recused.count() == 0
    client.force_login(member.user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    form = _page(client.get(url, {"correct": declaration.pk}))
    assert 'name="correct-bin"' in form and f'value="{stranger.bin}"' in form
    response = client.post(
        url,
        {
            "action": "correct",
            "declaration": declaration.pk,
            "correct-name": "ТОО «Степь»",
            "correct-bin": applicant.bin,
            "correct-relation": "advised",
            "correct-note": "",
        },
        follow=True,
    )
    assert _messages(response) == ["The tie is corrected."]
    declaration.refresh_from_db()
    assert declaration.organisation == applicant
    assert list(item.recused.all()) == [member]


def test_a_tie_a_confirmed_declaration_holds_is_kept_on_another_calls_page(client, setup):
    """An expert (or member) confirmed their declaration for one call; on another call's page the ties it held
    can no longer be removed or corrected, since that call's draws and recusals may rest on them."""
    member = setup.members["ngo1"]
    applicant = setup.applications[0].organisation
    declaration = services.commission_conflict_declare(
        member=member, organisation=applicant, relation="founded", by=member.user
    )
    other_call = CallFactory(published=True)
    DeclarationConfirmation.objects.create(person=member.user, call=other_call)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    client.force_login(member.user)
    page = _page(client.get(url))
    assert "Kept: part of a declaration you confirmed for another call" in page
    assert f"?correct={declaration.pk}" not in page
    response = client.post(url, {"action": "withdraw", "declaration": declaration.pk}, follow=True)
    assert _messages(response) == [str(conflicts.MESSAGES[conflicts.CONFIRMED_ELSEWHERE])]
    assert ConflictDeclaration.objects.filter(pk=declaration.pk).exists()
    with pytest.raises(DomainError) as refused:
        conflicts.conflict_correct(
            person=member.user, declaration_id=declaration.pk, call=setup.call, relation="advised"
        )
    assert refused.value.code == conflicts.CONFIRMED_ELSEWHERE
    # A tie declared after that confirmation is not held by it: it can still be removed here.
    later = services.commission_conflict_declare(
        member=member, organisation=setup.applications[1].organisation, relation="advised", by=member.user
    )
    ConflictDeclaration.objects.filter(pk=later.pk).update(
        declared_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    response = client.post(url, {"action": "withdraw", "declaration": later.pk}, follow=True)
    assert _messages(response) == ["The tie is removed from your declaration."]


def test_another_persons_tie_is_neither_removed_nor_corrected(client, setup):
    owner, other = setup.members["ngo1"], setup.members["ngo2"]
    declaration = services.commission_conflict_declare(
        member=owner, organisation=setup.applications[0].organisation, relation="founded", by=owner.user
    )
    client.force_login(other.user)
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    response = client.post(url, {"action": "withdraw", "declaration": declaration.pk}, follow=True)
    assert _messages(response) == [str(conflicts.MESSAGES[conflicts.NOT_DECLARED])]
    response = client.post(url, {"action": "withdraw", "declaration": "1; DROP"}, follow=True)
    assert _messages(response) == [str(conflicts.MESSAGES[conflicts.NOT_DECLARED])]
    assert client.get(url, {"correct": declaration.pk}).status_code == 200
    assert 'name="correct-relation"' not in _page(client.get(url, {"correct": declaration.pk}))
    assert ConflictDeclaration.objects.filter(pk=declaration.pk, person=owner.user).exists()
