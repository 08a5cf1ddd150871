"""What people hit off the vote's path, found walking the demo: a step sent again once the vote moved on (a second
tab, the back button), the ballot of a closed vote, a vote set to close in the past, a roll or trustees pasted as
people paste them, a credential typed without its hyphens, a candidate added twice in another case."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.registry.models import Membership
from azamat.testing.factories import OrganisationFactory, UserFactory
from azamat.testing.voting_factories import open_vote, opened, pick, prepared, with_keys
from azamat.voting import forms, services
from azamat.voting.models import Ballot, Election

pytestmark = pytest.mark.django_db


def _closed(world) -> Election:
    Election.objects.filter(pk=world.election.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    world.election.refresh_from_db()
    return services.close(by=world.administrator, election=world.election)


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_step_sent_again_after_the_vote_moved_on_comes_back_to_the_vote_with_the_reason(client):
    """Given a vote whose two trustees needed have decrypted (published), when the third sends her decryption from
    a tab left open, then she is back on the vote's page told that the result is published (before: a 400 page
    whose form, and so its error, was no longer shown, and a message about the closing time)."""
    world = open_vote(voters=3)
    first = world.voters[0]
    services.cast(
        by=first, election=world.election, credential=world.credentials[first.pk], picked=pick(world.election)
    )
    election = _closed(world)
    one, two, three = world.trustees
    services.decrypt(by=one, election=election, key=world.keys[one.pk])
    services.decrypt(by=two, election=election, key=world.keys[two.pk])

    client.force_login(three)
    sent = client.post(
        reverse("voting:decrypt", args=[election.pk]),
        {"key": world.keys[three.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert sent.status_code == 302 and sent["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(sent)[-1] == "The result is already decrypted and published: no further step is needed."
    with pytest.raises(DomainError) as shuffled:
        services.shuffle(by=three, election=Election.objects.get(pk=election.pk))
    assert shuffled.value.code == "tallied"

    client.force_login(world.administrator)  # a question added from a page left open before freezing
    late = client.post(
        reverse("voting:question_add", args=[election.pk]),
        {"text": "Ещё?", "max_choices": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert late.status_code == 302
    assert _said(late)[-1] == "The setup is frozen: questions, roll and roles no longer change."


def test_the_ballot_of_a_closed_vote_leads_back_to_the_vote_which_says_it_is_closed(client):
    """Given a closed vote in which a voter voted, when she opens its ballot, then she is sent to the vote's page
    with the hours it ran (no ballot to fill in and be refused), which says voting is closed and shows her tracker
    (before: "your credential comes by e-mail when the vote opens")."""
    world = open_vote(voters=3, trustees=2)
    voter = world.voters[0]
    tracker = services.cast(
        by=voter, election=world.election, credential=world.credentials[voter.pk], picked=pick(world.election)
    )
    election = _closed(world)

    client.force_login(voter)
    ballot = client.get(reverse("voting:ballot", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert ballot.status_code == 302 and ballot["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(ballot)[0].startswith("Голосование не открыто")
    page = client.get(ballot["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Voting is closed. You voted on" in page and tracker in page
    assert (
        "Your credential comes by e-mail" not in page
        and reverse("voting:ballot", args=[election.pk]) not in page
    )


def test_a_vote_cannot_be_set_to_close_in_the_past(client):
    administrator = UserFactory()
    organisation = OrganisationFactory()
    Membership.objects.create(
        organisation=organisation,
        user=administrator,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
    )
    client.force_login(administrator)
    url = reverse("voting:new", args=["organisation", organisation.pk])
    data = {
        "title": "Выборы",
        "opens_at": f"{timezone.localtime() + datetime.timedelta(hours=1):%Y-%m-%dT%H:%M}",
        "closes_at": "2025-01-02T10:00",
        "quorum": "50",
    }
    refused = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "Voting must close after it opens" in refused.content.decode()
    assert not Election.objects.exists()


def test_the_roll_and_the_trustees_are_read_as_people_paste_them():
    """Two columns of a spreadsheet (tabs), a mail client's "Name <address>", a CSV's quoted cells, several on one
    line: each address found (before: the whole line was taken for one unknown address)."""
    world = prepared(voters=1)
    people = [UserFactory() for _ in range(5)]
    a, b, c, d, e = (person.email for person in people)
    pasted = f'E-mail\tName\n{a}\tАйжан\nАйдос <{b.upper()}>\n"{c}";"x"\n{d}, {e}\n'
    assert services.roll_addresses(pasted) == [a, b, c, d, e]
    assert services.roll_upload(by=world.administrator, election=world.election, text=pasted) == 5
    assert world.election.voters.count() == 6

    form = forms.RolesForm(
        {"credential_authority": UserFactory().email, "trustees": f"{a}, {b}; {c}", "threshold": "2"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["trustees"] == people[:3]


def test_a_candidate_is_on_the_ballot_once_whatever_the_case():
    world = prepared(voters=3)
    question = world.election.questions.get()
    with pytest.raises(DomainError) as twice:
        services.candidate_add(by=world.administrator, question=question, name="иванов сергей")
    assert twice.value.code == "duplicate_candidate"


def test_a_credential_typed_without_its_hyphens_or_with_spaces_or_dashes_is_read():
    assert services.typed_credential("UJaecd5nS2noksm") == "UJa-ecd-5nS-2no-ksm"
    assert services.typed_credential(" UJa ecd 5nS 2no ksm\n") == "UJa-ecd-5nS-2no-ksm"
    assert services.typed_credential("UJa–ecd—5nS‑2no−ksm") == "UJa-ecd-5nS-2no-ksm"
    assert services.typed_credential("ujaecd") == "ujaecd"  # the case is kept: the tool tells them apart
    world = opened(with_keys(prepared(voters=3, trustees=2)))
    voter = world.voters[0]
    typed = world.credentials[voter.pk].replace("-", " ")
    services.cast(by=voter, election=world.election, credential=typed, picked=pick(world.election))
    assert Ballot.objects.filter(election=world.election, cast_by=voter).exists()


def test_a_certificate_the_tool_refuses_comes_back_with_what_was_pasted(client):
    world = prepared(voters=3, trustees=2)
    election = services.freeze(by=world.administrator, election=world.election)
    client.force_login(world.trustees[0])
    refused = client.post(
        reverse("voting:trustee_step", args=[election.pk]),
        {"certificate": "not a certificate"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "The voting tool refused this step." in page and "not a certificate" in page


@pytest.mark.parametrize(
    ("max_choices", "ranked", "frozen"),
    [(3, False, True), (4, False, False), (2, True, True), (3, True, False)],
)
def test_a_question_leaves_the_voters_a_choice_before_the_vote_is_frozen(max_choices, ranked, frozen):
    """Three candidates: up to three choices is approval voting; four is no limit at all; ranked, three seats for
    three candidates elect them all whatever the ballots say. The setup is refused with the question named."""
    world = prepared(voters=3)
    world.election.questions.update(max_choices=max_choices, ranked=ranked)
    if frozen:
        assert services.freeze(by=world.administrator, election=world.election).status == Election.Status.KEYS
        return
    with pytest.raises(DomainError) as refused:
        services.freeze(by=world.administrator, election=world.election)
    assert refused.value.code == "choices_exceed_candidates"
    assert str(refused.value) == (
        f"“Председатель правления” has 3 candidates for {max_choices} choices or seats: add candidates or allow "
        "fewer choices."
    )
    world.election.refresh_from_db()
    assert world.election.status == Election.Status.DRAFT


def test_the_votes_section_is_named_as_a_section_not_as_a_count(client):
    """On Russian pages the section read 'Голоса' (votes counted) where a reader expects 'Голосования' (votings);
    a count of votes keeps 'Голоса'."""
    for language, section, not_section in (
        ("ru", "Голосования", ">Голоса<"),
        ("kk", "Дауыс берулер", ">Дауыстар<"),
    ):
        client.cookies["azamat_language"] = language
        page = client.get(reverse("voting:public_list")).content.decode()
        assert f"<h1>{section}</h1>" in page and not_section not in page
