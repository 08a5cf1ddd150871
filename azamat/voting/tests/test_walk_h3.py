"""Found walking the demo as a voter and a secretary in Kazakh and Russian: a voter who holds another voter's
credential (a shared family mailbox, a forwarded e-mail) cast a second ballot with it; the voter's button said
"Voting" (a noun) instead of "Vote"; freezing the setup and sending the credentials took effect on one click."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.testing.voting_factories import open_vote, pick, prepared, with_keys
from azamat.voting import services
from azamat.voting.errors import error
from azamat.voting.models import Ballot, Election

pytestmark = pytest.mark.django_db


def test_a_voter_cannot_cast_with_another_voters_credential():
    """Given an open vote where nobody has voted yet, when the first voter sends a ballot with the second voter's
    credential (sent to a mailbox they share), then it is refused as not hers and no ballot is in the box; the
    second voter still votes with her own credential, and the first with hers."""
    world = open_vote(voters=3)
    election = world.election
    first, second = world.voters[:2]
    with pytest.raises(DomainError) as other:
        services.cast(
            by=first, election=election, credential=world.credentials[second.pk], picked=pick(election)
        )
    assert other.value.code == "not_your_credential"
    assert other.value.field == "credential"
    assert not Ballot.objects.filter(election=election).exists()
    services.cast(
        by=second, election=election, credential=world.credentials[second.pk], picked=pick(election)
    )
    services.cast(by=first, election=election, credential=world.credentials[first.pk], picked=pick(election))
    assert Ballot.objects.filter(election=election).count() == 2


def test_the_ballot_page_says_the_credential_is_someone_elses_and_keeps_the_choices(client):
    world = open_vote(voters=3)
    election = world.election
    first, second = world.voters[:2]
    question = election.questions.get()
    candidate = question.candidates.get(name="Иванов Сергей")
    client.force_login(first)
    client.cookies["azamat_language"] = "ru"
    response = client.post(
        reverse("voting:ballot", args=[election.pk]),
        {f"q{question.pk}": [candidate.pk], "credential": world.credentials[second.pk]},
    )
    assert response.status_code == 400
    with translation.override("ru"):
        expected = error("not_your_credential").message
    assert expected in response.content.decode()
    assert f'value="{candidate.pk}" id="id_q{question.pk}_1" checked' in response.content.decode()
    assert not Ballot.objects.filter(election=election).exists()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_voters_button_is_a_verb(client, language):
    """The button to the ballot has its own msgid (in context): "Vote" alone is the grants' page title, a noun
    ("Голосование", "Дауыс")."""
    world = open_vote(voters=3)
    client.force_login(world.voters[0])
    client.cookies["azamat_language"] = language
    page = client.get(reverse("voting:vote", args=[world.election.pk])).content.decode()
    ballot = reverse("voting:ballot", args=[world.election.pk])
    with translation.override(language):
        word = translation.pgettext("button: cast a ballot", "Vote")
        noun = translation.gettext("Vote")
    assert f'<a class="btn" href="{ballot}">{word}</a>' in page
    assert f'<a class="btn" href="{ballot}">{noun}</a>' not in page or word == noun


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_freezing_asks_for_a_tick_that_says_it_cannot_be_undone(client):
    """Given a complete draft, when its administrator presses "Freeze" without ticking that she has checked the
    ballot, the roll and the roles, then nothing is frozen and she is told why; ticked, it freezes."""
    world = prepared(voters=3)
    election = world.election
    client.force_login(world.administrator)
    client.cookies["azamat_language"] = "ru"
    page = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    assert 'name="confirm" value="yes" required' in page
    url = reverse("voting:freeze", args=[election.pk])
    unticked = client.post(url)
    assert unticked.status_code == 302
    with translation.override("ru"):
        assert _said(unticked) == [
            translation.gettext("Tick the box to confirm: this step cannot be undone.")
        ]
    election.refresh_from_db()
    assert election.status == Election.Status.DRAFT
    ticked = client.post(url, {"confirm": "yes"})
    assert ticked.status_code == 302
    election.refresh_from_db()
    assert election.status == Election.Status.KEYS


def test_a_freeze_refused_anyway_gives_its_own_reason_not_the_tick(client):
    """An incomplete draft (its roll emptied in another tab): the reason is what is missing."""
    world = prepared(voters=3)
    election = world.election
    election.voters.all().delete()
    client.force_login(world.administrator)
    client.cookies["azamat_language"] = "ru"
    response = client.post(reverse("voting:freeze", args=[election.pk]))
    with translation.override("ru"):
        assert _said(response) == [error("incomplete").message]
    election.refresh_from_db()
    assert election.status == Election.Status.DRAFT


def test_sending_the_credentials_asks_for_a_tick_naming_the_voting_times(client):
    world = with_keys(prepared(voters=3))
    election = world.election
    client.force_login(world.authority)
    client.cookies["azamat_language"] = "kk"
    page = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    assert 'id="confirm-credentials" name="confirm" value="yes" required' in page
    url = reverse("voting:credentials", args=[election.pk])
    unticked = client.post(url)
    assert unticked.status_code == 302
    election.refresh_from_db()
    assert election.status == Election.Status.CREDENTIALS
    with translation.override("kk"):
        assert _said(unticked) == [
            translation.gettext("Tick the box to confirm: this step cannot be undone.")
        ]
    ticked = client.post(url, {"confirm": "yes"})
    assert ticked.status_code == 302
    election.refresh_from_db()
    assert election.status == Election.Status.OPEN
