"""Found walking the demo as a council's secretary on a phone: the back button after creating a vote, and a double
tap, made a second draft of the same vote (drafts cannot be removed, so it stayed in "Your votes" for good); a
question sent twice was put on the ballot twice; "Add the candidate" with nothing chosen was answered "Candidates
for the chair are the council's sitting members"."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MemberFactory
from azamat.testing.voting_factories import prepared, with_keys
from azamat.voting import services
from azamat.voting.models import Election

pytestmark = pytest.mark.django_db


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _moment(hours: int) -> str:
    return f"{timezone.localtime() + datetime.timedelta(hours=hours):%Y-%m-%dT%H:%M}"


def test_the_creation_form_sent_again_leads_to_the_draft_made_the_first_time(client):
    """Given a secretary who created her council's chair election, when the same form is sent again (the back
    button, a double tap), then no second draft is made: she is on the first one's page, told why."""
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    client.force_login(secretary)
    url = reverse("voting:new", args=["council", council.pk])
    data = {
        "purpose": "chair",
        "title": "Выборы председателя совета",
        "opens_at": _moment(2),
        "closes_at": _moment(48),
        "quorum": "50",
    }
    first = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    election = Election.objects.get()
    assert first["Location"] == reverse("voting:vote", args=[election.pk])

    again = client.post(url, {**data, "title": " выборы  председателя совета"}, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 302 and again["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(again)[-1] == (
        "This vote was created already (the form was sent twice): here it is. To set up another one, give it "
        "another title."
    )
    assert Election.objects.count() == 1

    other = client.post(url, {**data, "title": "Выборы заместителя председателя"}, HTTP_ACCEPT_LANGUAGE="en")
    assert other.status_code == 302 and Election.objects.count() == 2


def test_the_service_refuses_a_second_draft_of_the_same_title_but_not_once_the_first_is_frozen():
    world = prepared(voters=3, trustees=2)
    times = {"opens_at": timezone.now() + datetime.timedelta(hours=1), "closes_at": world.election.closes_at}
    with translation.override("en"), pytest.raises(DomainError) as twice:
        services.election_create(
            by=world.administrator, owner=world.election.organisation, title="ВЫБОРЫ ПРАВЛЕНИЯ", **times
        )
    assert (twice.value.code, twice.value.field) == ("already_created", "title")
    assert str(twice.value) == (
        "A vote titled “ВЫБОРЫ ПРАВЛЕНИЯ” is already being prepared. To set up another one, give it another title."
    )
    with_keys(world)  # frozen: a new vote of the same title is another vote (a second round, say)
    again = services.election_create(
        by=world.administrator, owner=world.election.organisation, title="Выборы правления", **times
    )
    assert again.status == Election.Status.DRAFT and Election.objects.count() == 2


def test_a_question_is_on_the_ballot_once_and_an_empty_candidate_is_asked_for(client):
    world = prepared(voters=3)
    election = world.election
    with translation.override("en"):
        with pytest.raises(DomainError) as twice:
            services.question_add(by=world.administrator, election=election, text=" председатель  ПРАВЛЕНИЯ ")
        assert (twice.value.code, twice.value.field, str(twice.value)) == (
            "duplicate_question",
            "text",
            "This question is already on the ballot.",
        )
        with pytest.raises(DomainError) as nameless:
            services.candidate_add(by=world.administrator, question=election.questions.get(), name="  ")
        assert (nameless.value.field, str(nameless.value)) == (
            "name",
            "Write the candidate's name or the answer.",
        )
    assert election.questions.count() == 1 and election.questions.get().candidates.count() == 3


def test_add_the_candidate_with_no_member_chosen_asks_to_choose_one(client):
    """A council's chair election: "Add the candidate" sent with "—" chosen is asked to choose one from the list,
    under the list, not told who may stand."""
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    MemberFactory(council=council, full_name="Ерлан Есенов")
    election = services.election_create(
        by=secretary,
        owner=council,
        title="Выборы председателя совета",
        opens_at=timezone.now() + datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    question = services.question_add(by=secretary, election=election, text="Председатель")
    client.force_login(secretary)
    refused = client.post(
        reverse("voting:candidate_add", args=[question.pk]), {"member": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Choose the candidate from the list." in page
    assert "Candidates for the chair are the council" not in page
    assert not question.candidates.exists()
