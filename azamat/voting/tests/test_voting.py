"""A vote from setup to its verified result, through the services and the pages, with the real belenios-tool;
and each refusal the issue names: a second ballot after closing, a wrong credential, a credential used by
someone else, a trustee's wrong key, a tally before closing, an ineligible candidate, a roll with duplicates."""

import datetime
import re
import shutil
import tempfile

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.testing.factories import UserFactory
from azamat.testing.voting_factories import open_vote, opened, pick, prepared, with_keys
from azamat.voting import belenios, selectors, services
from azamat.voting.models import Ballot, Election, Trustee

pytestmark = pytest.mark.django_db


def _closed(world):
    Election.objects.filter(pk=world.election.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    world.election.refresh_from_db()
    return services.close(by=world.administrator, election=world.election)


def test_a_whole_vote_last_ballot_counts_two_of_three_decrypt_and_the_archive_verifies(
    django_capture_on_commit_callbacks,
):
    world = open_vote(voters=3)
    first, second, third = world.voters
    election = world.election
    tracker = services.cast(
        by=first,
        election=election,
        credential=world.credentials[first.pk],
        picked=pick(election, "Иванов Сергей"),
    )
    services.cast(
        by=second, election=election, credential=world.credentials[second.pk], picked=pick(election)
    )
    with django_capture_on_commit_callbacks(execute=True):
        last = services.cast(
            by=first,
            election=election,
            credential=world.credentials[first.pk],
            picked=pick(election, "Ахметова Динара"),
        )
    assert tracker != last and Ballot.objects.filter(election=election).count() == 3
    assert any(last in message.body for message in mail.outbox)  # the tracker is e-mailed

    election = _closed(world)
    assert election.status == Election.Status.CLOSED
    one, _two, three = world.trustees
    election = services.decrypt(by=one, election=election, key=world.keys[one.pk])
    assert election.status == Election.Status.CLOSED  # one share is not enough
    election = services.decrypt(by=three, election=election, key=world.keys[three.pk])

    assert election.status == Election.Status.TALLIED
    assert election.result == [[1, 0, 0]]  # the first voter's last ballot; the second voted blank
    assert election.ballots_counted == 2
    assert "all checks passed" in election.verification
    assert selectors.turnout(election)["voted"] == 2
    ok, output = services.verify_again(election)
    assert ok, output


def test_the_credential_is_e_mailed_and_never_kept(django_capture_on_commit_callbacks):
    world = with_keys(prepared(voters=3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.credentials_send(by=world.authority, election=world.election)
    sent = [
        re.search(r"\b[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}\b", m.body) for m in mail.outbox
    ]
    assert len(mail.outbox) == 3 and all(sent)
    credential = sent[0].group(0)
    election = Election.objects.get(pk=world.election.pk)
    stored = " ".join(str(v) for v in Election.objects.filter(pk=election.pk).values().first().values())
    assert credential not in stored
    assert election.status == Election.Status.OPEN


def test_refusals_change_nothing():
    world = open_vote(voters=3)
    election = world.election
    first, second = world.voters[:2]
    outsider = UserFactory()
    with pytest.raises(DomainError) as outside:
        services.cast(
            by=outsider, election=election, credential=world.credentials[first.pk], picked=pick(election)
        )
    assert outside.value.code == "not_on_roll"
    with pytest.raises(DomainError) as wrong:
        services.cast(by=first, election=election, credential="abc-def-ghi-jkm-npq", picked=pick(election))
    assert wrong.value.code == "wrong_credential"
    services.cast(by=first, election=election, credential=world.credentials[first.pk], picked=pick(election))
    with pytest.raises(DomainError) as taken:  # the first voter's credential, used by the second
        services.cast(
            by=second, election=election, credential=world.credentials[first.pk], picked=pick(election)
        )
    assert taken.value.code == "not_your_credential"  # made for the first voter, whether or not she used it
    with pytest.raises(DomainError) as too_many:
        services.cast(
            by=second,
            election=election,
            credential=world.credentials[second.pk],
            picked=pick(election, "Иванов Сергей", "Ахметова Динара"),
        )
    assert too_many.value.code == "too_many"
    with pytest.raises(DomainError) as early:  # a tally before closing
        services.close(by=world.administrator, election=election)
    assert early.value.code == "not_yet_closed"
    assert Ballot.objects.filter(election=election).count() == 1

    election = _closed(world)
    with pytest.raises(DomainError) as late:  # a ballot after closing
        services.cast(
            by=second, election=election, credential=world.credentials[second.pk], picked=pick(election)
        )
    assert late.value.code == "not_open"
    before = services.archive_bytes(election)
    trustee = world.trustees[0]
    with pytest.raises(DomainError) as key:  # another trustee's key
        services.decrypt(by=trustee, election=election, key=world.keys[world.trustees[1].pk])
    assert key.value.code == "wrong_key"
    assert services.archive_bytes(election) == before
    assert not Trustee.objects.get(election=election, user=trustee).decrypted_at
    with pytest.raises(DomainError):  # the administrator is no trustee
        services.decrypt(by=world.administrator, election=election, key=world.keys[trustee.pk])


def test_setup_refusals():
    world = prepared(voters=3)
    election, admin = world.election, world.administrator
    with pytest.raises(DomainError) as duplicates:
        services.roll_upload(by=admin, election=election, text="a@example.kz\nb@example.kz\nA@example.kz")
    assert duplicates.value.code == "roll_duplicates" and "a@example.kz" in duplicates.value.message
    with pytest.raises(DomainError) as unknown:
        services.roll_upload(by=admin, election=election, text="nobody@example.kz")
    assert unknown.value.code == "roll_unknown"
    with pytest.raises(DomainError) as apart:
        services.roles_set(
            by=admin, election=election, credential_authority=admin, trustees=world.trustees, threshold=2
        )
    assert apart.value.code == "roles_apart"
    with pytest.raises(DomainError) as threshold:
        services.roles_set(
            by=admin,
            election=election,
            credential_authority=world.authority,
            trustees=world.trustees,
            threshold=4,
        )
    assert threshold.value.code == "threshold"
    with pytest.raises(DomainError):  # nobody else prepares the vote
        services.question_add(by=world.authority, election=election, text="?")
    assert election.voters.count() == 3

    with_keys(world)
    with pytest.raises(DomainError) as frozen:
        services.question_add(by=admin, election=world.election, text="Ещё вопрос")
    assert frozen.value.code == "frozen"


def test_a_trustee_with_another_trustees_key_is_refused_at_her_key_step():
    world = prepared(voters=3)
    election = services.freeze(by=world.administrator, election=world.election)
    keys = {t.pk: services.trustee_certificate(by=t, election=election) for t in world.trustees}
    one, two, _three = world.trustees
    with pytest.raises(DomainError) as refused:
        services.trustee_polynomial(by=one, election=election, key=keys[two.pk])
    assert refused.value.code == "wrong_key"
    assert not Trustee.objects.get(election=election, user=one).polynomial


def test_council_vote_takes_only_eligible_candidates_from_the_frozen_list():
    from azamat.councils.candidate_models import CandidateEntry, CandidateList
    from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory

    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    candidate_list = CandidateList.objects.create(
        council=council, kind=CandidateList.Kind.choices[0][0], frozen_at=timezone.now()
    )
    eligible = _entry(candidate_list, 1, "Ахметова Динара", eligible=True)
    ineligible = _entry(
        candidate_list, 2, "Петров Пётр", eligible=False, reason="Родственник должностного лица."
    )
    now = timezone.now()
    election = services.election_create(
        by=secretary,
        owner=council,
        title="Выборы председателя совета",
        opens_at=now + datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
        candidate_list=candidate_list,
    )
    question = services.question_add(by=secretary, election=election, text="Председатель")
    services.candidate_add(by=secretary, question=question, entry=eligible)
    with pytest.raises(DomainError) as refused:
        services.candidate_add(by=secretary, question=question, entry=ineligible)
    assert refused.value.code == "ineligible" and "Родственник" in refused.value.message
    with pytest.raises(DomainError) as by_name:
        services.candidate_add(by=secretary, question=question, name="Кто-то со стороны")
    assert by_name.value.code == "not_on_list"
    assert [c.name for c in question.candidates.all()] == ["Ахметова Динара"]
    assert isinstance(eligible, CandidateEntry)


def _entry(candidate_list, position, name, *, eligible, reason=""):
    from azamat.councils.candidate_models import Candidate, CandidateEntry

    candidate = Candidate.objects.create(
        candidate_list=candidate_list,
        full_name=name,
        represents=Candidate.Represents.choices[0][0],
        motivation="—",
    )
    return CandidateEntry.objects.create(
        candidate_list=candidate_list,
        candidate=candidate,
        position=position,
        full_name=name,
        eligible=eligible,
        reason=reason,
    )


def test_pages_a_voter_casts_on_the_page_and_finds_the_tracker_in_the_public_box(client):
    world = open_vote(voters=3)
    election = world.election
    voter = world.voters[0]
    client.force_login(voter)
    page = client.get(reverse("voting:ballot", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200
    question = election.questions.get()
    chosen = question.candidates.get(name="Иванов Сергей")
    refused = client.post(
        reverse("voting:ballot", args=[election.pk]),
        {"credential": "not-a-credential", f"q{question.pk}": chosen.pk},
    )
    assert refused.status_code == 400
    assert not Ballot.objects.filter(election=election).exists()
    cast = client.post(
        reverse("voting:ballot", args=[election.pk]),
        {"credential": world.credentials[voter.pk], f"q{question.pk}": chosen.pk},
    )
    assert cast.status_code == 302  # to the vote's page: a reload does not post the ballot again
    tracker = Ballot.objects.get(election=election).tracker
    shown = client.get(cast["Location"], HTTP_ACCEPT_LANGUAGE="ru")
    assert tracker in shown.content.decode()
    client.logout()
    public = client.get(reverse("voting:public_vote", args=[election.pk]))
    assert tracker in public.content.decode()
    assert voter.email not in public.content.decode()
    archive = client.get(reverse("voting:archive", args=[election.pk]))
    assert archive.status_code == 200 and len(b"".join(archive.streaming_content)) > 1000


def test_a_prepared_vote_is_not_public(client):
    world = prepared(voters=3)
    assert client.get(reverse("voting:public_vote", args=[world.election.pk])).status_code == 404
    assert client.get(reverse("voting:archive", args=[world.election.pk])).status_code == 404


def test_belenios_is_installed():
    assert belenios.available(), "apt-get install belenios-tool"


def test_a_council_vote_asks_its_voters_for_two_factor_sign_in(client):
    """A council's vote: a voter without a second factor is sent to set it up before the ballot opens; with it,
    the ballot opens."""
    from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory
    from azamat.testing.monitoring_factories import two_factor

    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    now = timezone.now()
    election = services.election_create(
        by=secretary,
        owner=council,
        title="Выборы председателя совета",
        opens_at=now + datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    voter = UserFactory()
    services.roll_upload(by=secretary, election=election, text=voter.email)
    Election.objects.filter(pk=election.pk).update(
        status=Election.Status.OPEN, opens_at=now - datetime.timedelta(hours=1)
    )
    client.force_login(voter)

    page = client.get(reverse("voting:ballot", args=[election.pk]))
    assert page.status_code == 302 and page["Location"].startswith(reverse("mfa_activate_totp"))

    two_factor(voter)
    assert client.get(reverse("voting:ballot", args=[election.pk])).status_code == 200


def test_council_chair_election_takes_its_sitting_members_who_represent_the_public(client):
    """A chair's election: the secretary chooses it on the new vote's page; candidates are the council's sitting
    members; a member for the state body, one who left, another council's member or a name typed in are refused,
    each with its reason in the page's language, and nothing is added."""
    from azamat.councils.models import Member
    from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MemberFactory

    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    public = MemberFactory(council=council, full_name="Жұмабаева Гүлнар", represents=Member.Represents.NGO)
    state = MemberFactory(council=council, full_name="Оспанов Ерлан", represents=Member.Represents.STATE)
    left = MemberFactory(council=council, full_name="Ким Олег", left_on=timezone.localdate())
    elsewhere = MemberFactory(full_name="Чужой Член")
    client.force_login(secretary)
    now = timezone.localtime()
    created = client.post(
        reverse("voting:new", args=["council", council.pk]),
        {
            "purpose": "chair",
            "title": "Выборы председателя совета",
            "opens_at": f"{now + datetime.timedelta(days=1):%Y-%m-%dT%H:%M}",
            "closes_at": f"{now + datetime.timedelta(days=2):%Y-%m-%dT%H:%M}",
            "quorum": "50",
        },
    )
    assert created.status_code == 302
    election = Election.objects.get(council=council)
    assert election.purpose == Election.Purpose.CHAIR and election.candidate_list is None
    question = services.question_add(by=secretary, election=election, text="Председатель совета")
    page = client.get(reverse("voting:vote", args=[election.pk]))
    assert page.status_code == 200
    offered = page.content.decode()
    assert "Жұмабаева Гүлнар" in offered and "Ким Олег" not in offered and "Чужой Член" not in offered

    add = reverse("voting:candidate_add", args=[question.pk])
    refused = client.post(add, {"member": state.pk}, HTTP_ACCEPT_LANGUAGE="kk")
    assert refused.status_code == 400
    assert "Оспанов Ерлан мемлекеттік органның өкілі" in refused.content.decode()
    for member in (left, elsewhere):
        assert client.post(add, {"member": member.pk}).status_code == 400
    assert client.post(add, {"name": "Кто-то со стороны"}).status_code == 400
    assert not question.candidates.exists()
    assert client.post(add, {"member": public.pk}).status_code == 302
    assert [(c.name, c.member_id) for c in question.candidates.all()] == [("Жұмабаева Гүлнар", public.pk)]

    with pytest.raises(DomainError) as refused_state:
        services.candidate_add(by=secretary, question=question, member=state)
    assert refused_state.value.code == "state_member"


def test_a_council_member_election_needs_a_frozen_list(client):
    from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory

    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    client.force_login(secretary)
    now = timezone.localtime()
    refused = client.post(
        reverse("voting:new", args=["council", council.pk]),
        {
            "purpose": "members",
            "title": "Избрание членов совета",
            "opens_at": f"{now + datetime.timedelta(days=1):%Y-%m-%dT%H:%M}",
            "closes_at": f"{now + datetime.timedelta(days=2):%Y-%m-%dT%H:%M}",
            "quorum": "50",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert refused.status_code == 400
    assert "Избрание членов совета" in refused.content.decode()  # what was typed is kept
    assert not Election.objects.filter(council=council).exists()


def test_a_ranked_question_is_shuffled_by_the_trustees_then_decrypted_and_counted_by_stv(client):
    """Voters rank four candidates for two seats; a ranking with a repeated number is refused on the page; after
    closing nobody decrypts before two trustees have shuffled (one on Azamat, one with the tool on her own
    computer; a forged shuffle is refused and changes nothing); then 2 of 3 decrypt, STV elects, the public page
    shows the elected and the rounds, and the archive verifies."""
    from azamat.testing.voting_factories import RANKED, rank

    world = opened(with_keys(prepared(voters=4, ranked=True)))
    election = world.election
    assert election.group == belenios.RANKED_GROUP
    board = election.questions.get(ranked=True)
    kasymov, petrova, omarova, kim = (board.candidates.get(name=name) for name in RANKED)
    first = world.voters[0]

    client.force_login(first)
    url = reverse("voting:ballot", args=[election.pk])
    assert client.get(url).status_code == 200
    twice = {"credential": world.credentials[first.pk], f"q{board.pk}_{kasymov.pk}": "1"}
    twice[f"q{board.pk}_{petrova.pk}"] = "1"
    refused = client.post(url, twice, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 400 and "используя каждое число один раз" in refused.content.decode()
    assert not Ballot.objects.filter(election=election).exists()
    gap = {"credential": world.credentials[first.pk], f"q{board.pk}_{kasymov.pk}": "1"}
    gap[f"q{board.pk}_{omarova.pk}"] = "3"
    assert client.post(url, gap).status_code == 400
    good = {"credential": world.credentials[first.pk], f"q{board.pk}_{kasymov.pk}": "1"}
    good[f"q{board.pk}_{petrova.pk}"] = "2"
    assert client.post(url, good).status_code == 302

    rankings = [RANKED, ("Анна Петрова", "Ержан Қасымов"), ("Мадина Омарова", "Анна Петрова")]
    for voter, order in zip(world.voters[1:], rankings, strict=True):
        services.cast(
            by=voter, election=election, credential=world.credentials[voter.pk], picked=rank(election, *order)
        )

    election = _closed(world)
    one, two, three = world.trustees
    with pytest.raises(DomainError) as early:
        services.decrypt(by=one, election=election, key=world.keys[one.pk])
    assert early.value.code == "shuffle_first"
    election = services.shuffle(by=one, election=election)
    archive = services.archive_file(election)
    with tempfile.TemporaryDirectory() as own_computer:
        shutil.copy(archive, own_computer)
        own = belenios.run(["election", "shuffle", "--dir", ".", "--trustee-id", "2"], cwd=own_computer)
    forged = re.sub(r'"(\d{40})', lambda m: '"' + str(int(m.group(1)) + 1), own, count=1)
    size = archive.stat().st_size
    with pytest.raises(DomainError) as refused_shuffle:
        services.shuffle(by=two, election=election, own=forged)
    assert refused_shuffle.value.code == "bad_shuffle" and archive.stat().st_size == size
    services.shuffle(by=two, election=election, own=own)
    with pytest.raises(DomainError) as third:
        services.shuffle(by=three, election=election)
    assert third.value.code == "already_shuffled"

    election = services.decrypt(by=one, election=election, key=world.keys[one.pk])
    election = services.decrypt(by=three, election=election, key=world.keys[three.pk])
    assert election.status == Election.Status.TALLIED and "all checks passed" in election.verification
    counted = election.result[1]
    assert sorted(sorted(r) for r in counted["rankings"]) == [[0, 0, 1, 2]] * 3 + [[1, 2, 3, 4]]
    row = selectors.results(election)[1]
    assert row["ranked"] and len(row["elected"]) == 2 and row["ballots"] == 4
    assert dict((c.name, n) for c, n in row["candidates"]) == {
        "Ержан Қасымов": 2,
        "Анна Петрова": 1,
        "Мадина Омарова": 1,
        "Олег Ким": 0,
    }
    assert kim.name not in row["elected"]
    client.logout()
    public = client.get(reverse("voting:public_vote", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="kk")
    assert public.status_code == 200 and row["elected"][0] in public.content.decode()
    ok, output = services.verify_again(election)
    assert ok, output
