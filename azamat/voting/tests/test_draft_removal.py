"""Taking back what was added to a vote being prepared by mistake: a question (with its candidates), a candidate, a
person on the roll. Only the vote's administrator, only while it is a draft, each removal in the history with who
made it; refused with the reason and nothing changed when sent from a tab left open (removed already, or the vote
frozen meanwhile), by another person, or naming another vote's row or an id that names nothing."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.testing.factories import UserFactory
from azamat.testing.voting_factories import prepared
from azamat.voting import services
from azamat.voting.errors import MESSAGES
from azamat.voting.models import Candidate, Election, Question, Voter
from azamat.voting.views import ROLL_UNFOLDED

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999  # beyond a 64-bit integer


@pytest.fixture(autouse=True)
def _english():
    """The services' messages read in English here; the pages in the language each request asks for."""
    with translation.override("en"):
        yield


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _state(election: Election) -> tuple:
    """What a refused removal must leave as it was: the vote, its rows, their numbers and every history."""
    election = Election.objects.get(pk=election.pk)
    return (
        election.status,
        list(election.questions.order_by("pk").values_list("pk", "position", "text")),
        list(
            Candidate.objects.filter(question__election=election).order_by("pk").values_list("pk", "position")
        ),
        list(election.voters.order_by("pk").values_list("pk", flat=True)),
        Question.history.count(),
        Candidate.history.count(),
        Voter.history.count(),
    )


# — the services —


def test_a_question_goes_with_its_candidates_the_later_ones_move_up_and_the_history_says_who():
    """Given a draft with three questions, when its administrator removes the first, then its candidates go with it,
    the two others are numbered 1 and 2, and each removal and renumbering is in the history under her name."""
    world = prepared(voters=3, ranked=True)
    election, admin = world.election, world.administrator
    first, board = election.questions.order_by("position")
    services.question_add(by=admin, election=election, text="Ревизор")
    candidates = set(first.candidates.values_list("pk", flat=True))

    removed = services.question_remove(by=admin, election=election, question_id=first.pk)

    assert removed.text == "Председатель правления"
    assert list(election.questions.values_list("text", "position")) == [
        ("Правление (два места)", 1),
        ("Ревизор", 2),
    ]
    assert not Candidate.objects.filter(pk__in=candidates).exists()
    assert board.candidates.count() == 4
    assert Question.history.get(id=first.pk, history_type="-").history_user == admin
    assert {(row.id, row.history_user_id) for row in Candidate.history.filter(history_type="-")} == {
        (pk, admin.pk) for pk in candidates
    }
    moved = Question.history.filter(id=board.pk).latest("history_id")
    assert (moved.history_type, moved.position, moved.history_user) == ("~", 1, admin)


def test_a_candidate_written_with_a_typo_is_removed_and_written_again():
    world = prepared(voters=3)
    election, admin = world.election, world.administrator
    question = election.questions.get()
    typo = services.candidate_add(by=admin, question=question, name="Омарова Мдина")
    first = question.candidates.get(position=1)

    services.candidate_remove(by=admin, election=election, candidate_id=first.pk)
    services.candidate_remove(by=admin, election=election, candidate_id=typo.pk)
    services.candidate_add(by=admin, question=question, name="Омарова Мадина")

    assert list(question.candidates.values_list("name", "position")) == [
        ("Иванов Сергей", 1),
        ("Серікбаев Нұрлан", 2),
        ("Омарова Мадина", 3),
    ]
    for removed in (first, typo):
        record = Candidate.history.get(id=removed.pk, history_type="-")
        assert (record.name, record.history_user) == (removed.name, admin)


def test_a_wrong_address_leaves_the_roll_and_the_history_says_who_removed_it():
    world = prepared(voters=2)
    election, admin = world.election, world.administrator
    wrong, kept = election.voters.order_by("pk")

    removed = services.voter_remove(by=admin, election=election, voter_id=wrong.pk)

    assert removed.user == world.voters[0]
    assert list(election.voters.values_list("pk", flat=True)) == [kept.pk]
    record = Voter.history.get(id=wrong.pk, history_type="-")
    assert (record.user_id, record.history_user) == (wrong.user_id, admin)
    # Removed by mistake in turn: pasted again, the person is back.
    assert services.roll_upload(by=admin, election=election, text=world.voters[0].email) == 1


REMOVALS = [
    pytest.param(
        services.question_remove, "question_id", "question_gone", lambda e: e.questions.get(), id="question"
    ),
    pytest.param(
        services.candidate_remove,
        "candidate_id",
        "candidate_gone",
        lambda e: Candidate.objects.filter(question__election=e).first(),
        id="candidate",
    ),
    pytest.param(services.voter_remove, "voter_id", "voter_gone", lambda e: e.voters.first(), id="voter"),
]


@pytest.mark.parametrize(("remove", "key", "gone", "row"), REMOVALS)
def test_nothing_is_removed_once_the_vote_is_frozen(remove, key, gone, row):
    world = prepared(voters=3, trustees=2)
    election = services.freeze(by=world.administrator, election=world.election)
    before = _state(election)
    with pytest.raises(DomainError) as refused:
        remove(by=world.administrator, election=election, **{key: row(election).pk})
    assert refused.value.code == "frozen"
    assert str(refused.value) == "The setup is frozen: questions, roll and roles no longer change."
    assert _state(election) == before


@pytest.mark.parametrize(("remove", "key", "gone", "row"), REMOVALS)
def test_only_the_vote_s_administrator_removes(remove, key, gone, row):
    """Not its credential authority, trustees or voters, not a stranger, not the administrator of another vote."""
    world = prepared(voters=3, trustees=2)
    election = world.election
    other = prepared(voters=3, trustees=2).administrator
    before = _state(election)
    for person in (world.authority, world.trustees[0], world.voters[0], UserFactory(), other):
        with pytest.raises(DomainError) as refused:
            remove(by=person, election=election, **{key: row(election).pk})
        assert refused.value.code == "not_allowed"
        assert str(refused.value) == "Only the vote's administrator can do this."
    assert _state(election) == before


@pytest.mark.parametrize(("remove", "key", "gone", "row"), REMOVALS)
def test_another_vote_s_row_or_an_id_naming_nothing_is_refused(remove, key, gone, row):
    """Her own draft's address with the row of another draft she administers too, a row removed already, or an id
    that names nothing: refused with the same reason, both votes as they were."""
    world = prepared(voters=3)
    election, admin = world.election, world.administrator
    other = services.election_create(
        by=admin,
        owner=election.organisation,
        title="Выборы ревизора",
        opens_at=timezone.now() + datetime.timedelta(hours=1),
        closes_at=election.closes_at,
    )
    question = services.question_add(by=admin, election=other, text="Ревизор")
    services.candidate_add(by=admin, question=question, name="Ким Олег")
    services.roll_upload(by=admin, election=other, text=world.voters[0].email)
    removed = row(election).pk
    remove(by=admin, election=election, **{key: removed})
    before, before_other = _state(election), _state(other)

    for bad in (row(other).pk, removed, 0, -1, HUGE):
        with pytest.raises(DomainError) as refused:
            remove(by=admin, election=election, **{key: bad})
        assert refused.value.code == gone
        assert str(refused.value) == str(MESSAGES[gone])
    assert (_state(election), _state(other)) == (before, before_other)


def test_a_question_left_short_of_candidates_by_a_removal_cannot_be_frozen():
    """Three candidates for up to three choices, and four ranked for two seats, leave the voters a choice; a removal
    that takes either below its choices stops the freezing with the question named (`_choices_fit`), and one that
    leaves a single candidate with the list of what is missing (`_complete`)."""
    world = prepared(voters=3, ranked=True)
    election, admin = world.election, world.administrator
    chair = election.questions.get(ranked=False)
    Question.objects.filter(pk=chair.pk).update(max_choices=3)
    board = election.questions.get(ranked=True)
    a, b, c, _d = board.candidates.all()

    services.candidate_remove(by=admin, election=election, candidate_id=chair.candidates.first().pk)
    with pytest.raises(DomainError) as short:
        services.freeze(by=admin, election=election)
    assert short.value.code == "choices_exceed_candidates"
    assert str(short.value) == (
        "“Председатель правления” has 2 candidates for 3 choices or seats: add candidates or allow fewer choices."
    )
    Question.objects.filter(pk=chair.pk).update(max_choices=1)

    services.candidate_remove(
        by=admin, election=election, candidate_id=a.pk
    )  # three for two seats: still a choice
    services.candidate_remove(by=admin, election=election, candidate_id=b.pk)
    with pytest.raises(DomainError) as seats:
        services.freeze(by=admin, election=election)
    assert str(seats.value) == (
        "“Правление (два места)” has 2 candidates for 2 choices or seats: add candidates or allow fewer choices."
    )

    services.candidate_remove(by=admin, election=election, candidate_id=c.pk)
    with pytest.raises(DomainError) as alone:
        services.freeze(by=admin, election=election)
    assert alone.value.code == "incomplete"
    assert Election.objects.get(pk=election.pk).status == Election.Status.DRAFT


# — the pages —


def _url(name: str, election: Election, row) -> str:
    return reverse(f"voting:{name}", args=[election.pk, row if isinstance(row, int | str) else row.pk])


def test_the_administrator_removes_from_the_page_and_a_second_tab_is_told_it_is_done(client):
    world = prepared(voters=3)
    election = world.election
    voter = election.voters.get(user=world.voters[0])
    client.force_login(world.administrator)
    url = _url("voter_remove", election, voter)

    done = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 302 and done["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(done)[-1] == f"{voter.name} is removed from the roll."
    assert not Voter.objects.filter(pk=voter.pk).exists()

    before = _state(election)
    again = client.post(url, HTTP_ACCEPT_LANGUAGE="en")  # the same button, in a tab left open
    assert again.status_code == 302 and again["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(again)[-1] == (
        "This person is not on the vote's roll: they may have been removed already, in another tab. Nothing was "
        "changed."
    )
    assert _state(election) == before


def test_a_question_and_a_candidate_are_removed_from_the_page(client):
    world = prepared(voters=3)
    election = world.election
    question = election.questions.get()
    first = question.candidates.first()
    client.force_login(world.administrator)

    candidate = client.post(_url("candidate_remove", election, first), HTTP_ACCEPT_LANGUAGE="en")
    assert _said(candidate)[-1] == "Ахметова Динара is removed from the ballot."
    removed = client.post(_url("question_remove", election, question), HTTP_ACCEPT_LANGUAGE="en")
    assert removed.status_code == 302
    assert _said(removed)[-1] == "“Председатель правления” and its candidates are removed from the ballot."
    assert not election.questions.exists()
    assert not Candidate.objects.filter(question_id=question.pk).exists()


def test_a_removal_from_a_tab_left_open_after_freezing_is_refused_in_the_person_s_language(client):
    world = prepared(voters=3, trustees=2)
    election = world.election
    question = election.questions.get()
    services.freeze(by=world.administrator, election=election)
    before = _state(election)
    with translation.override("ru"):
        frozen = str(MESSAGES["frozen"])
    assert frozen != "The setup is frozen: questions, roll and roles no longer change."  # translated
    client.force_login(world.administrator)
    for url in (
        _url("question_remove", election, question),
        _url("candidate_remove", election, question.candidates.first()),
        _url("voter_remove", election, election.voters.first()),
    ):
        refused = client.post(url, HTTP_ACCEPT_LANGUAGE="ru")
        assert refused.status_code == 302 and refused["Location"] == reverse(
            "voting:vote", args=[election.pk]
        )
        assert _said(refused)[-1] == frozen
    assert _state(election) == before


def test_no_one_else_removes_and_nothing_is_removed_by_a_get(client):
    world = prepared(voters=3, trustees=2)
    election = world.election
    question = election.questions.get()
    urls = [
        _url("question_remove", election, question),
        _url("candidate_remove", election, question.candidates.first()),
        _url("voter_remove", election, election.voters.first()),
    ]
    stranger = prepared(voters=3).administrator  # of another vote
    before = _state(election)
    for url in urls:
        assert client.post(url)["Location"].startswith(reverse("account_login"))
    for person in (world.voters[0], world.trustees[0], world.authority, stranger):
        client.force_login(person)
        assert [client.post(url).status_code for url in urls] == [403, 403, 403]
    client.force_login(world.administrator)
    assert [client.get(url).status_code for url in urls] == [405, 405, 405]
    assert _state(election) == before


def test_a_garbled_id_is_not_found_or_refused_never_an_error(client):
    """Not a number, or beyond any key: not found. A number that names no row of this vote: refused, as from a tab
    left open."""
    world = prepared(voters=3)
    election = world.election
    client.force_login(world.administrator)
    before = _state(election)
    base = reverse("voting:voter_remove", args=[election.pk, 1]).removesuffix("1/remove/")
    assert client.post(f"{base}abc/remove/").status_code == 404
    assert client.post(f"{base}-1/remove/").status_code == 404
    # Beyond any database key: nothing has this number (the project's middleware), as for every address.
    assert client.post(_url("voter_remove", election, HUGE)).status_code == 404
    unknown = client.post(_url("voter_remove", election, 2**31 - 1), HTTP_ACCEPT_LANGUAGE="en")
    assert unknown.status_code == 302 and _said(unknown)[-1] == str(MESSAGES["voter_gone"])
    missing_vote = client.post(reverse("voting:candidate_remove", args=[HUGE, 1]))
    assert missing_vote.status_code == 404
    assert _state(election) == before


def test_the_page_offers_each_removal_named_to_the_administrator_of_a_draft_only(client):
    world = prepared(voters=3)
    election = world.election
    voter = election.voters.first()
    client.force_login(world.administrator)
    page = client.get(reverse("voting:vote", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Remove candidate Ахметова Динара" in page
    assert "Remove the question “Председатель правления” and its candidates" in page
    assert f"Remove {voter.name} from the roll" in page
    assert "<details open>" in page  # a short roll is shown unfolded

    client.force_login(world.voters[0])  # a voter sees the ballot, never its removal
    page = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    assert "/remove/" not in page

    election = services.freeze(by=world.administrator, election=election)
    client.force_login(world.administrator)
    page = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    assert "/remove/" not in page


def test_a_long_roll_is_folded_and_the_page_reads_the_same_queries_whatever_its_length(client):
    """A phone does not scroll past hundreds of rows to reach the roles and the freezing; each row's form costs no
    query of its own."""
    world = prepared(voters=3)
    election, admin = world.election, world.administrator
    question = election.questions.get()
    client.force_login(admin)
    url = reverse("voting:vote", args=[election.pk])
    with CaptureQueriesContext(connection) as short:
        assert client.get(url).status_code == 200

    people = [UserFactory() for _ in range(ROLL_UNFOLDED)]
    services.roll_upload(by=admin, election=election, text="\n".join(p.email for p in people))
    for serial in range(5):
        services.candidate_add(by=admin, question=question, name=f"Кандидат {serial}")
    with CaptureQueriesContext(connection) as long:
        page = client.get(url).content.decode()

    assert len(long) == len(short)
    assert "<details>" in page
    assert page.count("/remove/") == 1 + (3 + 5) + (
        3 + ROLL_UNFOLDED
    )  # the question, its candidates, the roll
