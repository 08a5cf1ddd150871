"""The generator's votes tell the truth: a council's election of members from its frozen list and an alliance's
board, both tallied two weeks and more ago with a result the archive verifies; a vote open for the demo logins,
whose credentials and trustees' keys the demo's files give (a demo voter casts with hers, two trustees decrypt with
theirs); and, where no council has a frozen list, an organisation's election of its chair instead."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from azamat.accounts.models import User
from azamat.core import seeding
from azamat.core.seeding import SeedContext
from azamat.councils.services import candidates as lists
from azamat.registry.models import AllianceMembership, Membership
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MemberFactory
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory
from azamat.testing.voting_factories import rank
from azamat.voting import belenios, lifecycle, seed, selectors, services
from azamat.voting.models import Ballot, Election

pytestmark = pytest.mark.django_db
SCALE = 0.1
ELIGIBLE = ["Анна Петрова", "Ержан Қасымов", "Мадина Омарова"]
DEMO_VOTERS = {
    "ngo@azamat.kz",
    "member@azamat.kz",
    "citizen@azamat.kz",
    "rights@azamat.kz",
    "verifier@azamat.kz",
    "officer@azamat.kz",
}


def _council_with_a_frozen_list(secretary, *, freeze=True):
    """secretary@'s council: five sitting members with an account, one without, one who left; a rotation list of
    three eligible candidates and one with a declared kin relation."""
    today = timezone.localdate()
    council = CouncilFactory(
        term_starts_on=today - datetime.timedelta(days=1000), term_ends_on=today + datetime.timedelta(days=40)
    )
    CouncilSecretaryFactory(council=council, user=secretary)
    for n in range(5):
        MemberFactory(council=council, user=UserFactory(), full_name=f"Член совета {n}")
    MemberFactory(council=council)
    MemberFactory(council=council, user=UserFactory(), left_on=today - datetime.timedelta(days=30))
    candidate_list = lists.candidate_list_open(council=council, kind="rotation", by=secretary)
    for name in ELIGIBLE:
        candidate = lists.candidate_add(
            candidate_list=candidate_list,
            full_name=name,
            represents="citizen",
            motivation="Хочу работать в совете.",
            by=secretary,
        )
        lists.declaration_make(candidate=candidate, by=secretary)
    kin = lists.candidate_add(
        candidate_list=candidate_list,
        full_name="Марат Сейтов",
        represents="citizen",
        motivation="Кеңесте жұмыс істегім келеді.",
        by=secretary,
    )
    lists.relation_declare(
        candidate=kin,
        kind="kin",
        relation="брат",
        official_name="Серік Сейтов",
        official_position="вице-министр",
        by=secretary,
    )
    if freeze:
        lists.candidate_list_freeze(candidate_list=candidate_list, by=secretary)
    return council


# These two run before the seeded fixture exists (it lives for the module from its first use on).


def test_without_a_frozen_list_the_organisation_with_most_members_elects_its_chair_instead():
    secretary = UserFactory(email="secretary@azamat.kz")
    _council_with_a_frozen_list(secretary, freeze=False)
    assert seed.council_for_vote() is None
    small, large = OrganisationFactory(), OrganisationFactory()
    for organisation, people in ((small, 3), (large, 4)):
        MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN)
        for _ in range(people - 1):
            MembershipFactory(organisation=organisation)
    assert seed.chair_organisation() == large
    assert seed.chair_organisation(exclude=large) == small


def test_the_councils_generator_freezes_a_rotation_list_that_the_voting_generator_elects_from():
    """The councils' generator: the council whose term ends in three weeks has members with accounts and a rotation
    list frozen four weeks ago, whose candidate related to an official and whose candidate who never declared are
    not eligible; the voting generator finds it."""
    import random

    from azamat.councils import seed as councils_seed
    from azamat.councils.candidate_selectors import frozen_entries

    today = timezone.localdate()
    ctx = SeedContext(scale=SCALE, seed=3, rng=random.Random(3), log=lambda _m: None)
    council = councils_seed._council(ctx, "central", CouncilFactory().body, today, ending=True)
    assert today + datetime.timedelta(days=18) <= council.term_ends_on <= today + datetime.timedelta(days=25)
    organisations = [OrganisationFactory() for _ in range(12)]
    councils_seed._members(ctx, council, organisations, accounts=True)
    councils_seed._rotation(ctx, council, organisations, today)

    candidate_list, secretary = seed.council_for_vote()[1:]
    assert candidate_list.council == council and candidate_list.frozen_on == today - datetime.timedelta(
        days=28
    )
    assert secretary.email.endswith("@example.kz") and council.secretaries.filter(user=secretary).exists()
    entries = list(frozen_entries(candidate_list))
    eligible = [entry.full_name for entry in entries if entry.eligible]
    assert len(eligible) == 5
    refused = {entry.full_name: entry.reason for entry in entries if not entry.eligible}
    assert set(refused) == {councils_seed.RELATED[0], councils_seed.UNDECLARED[0]}
    assert "Жұмабаев Асқар" in refused[councils_seed.RELATED[0]]
    civil = council.members.exclude(represents="state")
    assert civil.count() >= 3 and not civil.filter(user=None).exists()


def test_without_the_tool_the_generator_makes_no_vote(monkeypatch):
    monkeypatch.setattr(belenios, "available", lambda: False)
    said = []
    seed.seed_votes(SeedContext(scale=1, seed=1, rng=None, log=said.append))
    assert said == ["  belenios-tool is not installed: no votes"]
    assert not Election.objects.exists()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command(
                "seed",
                scale=SCALE,
                seed=5,
                verbosity=0,
                demo_logins=True,
                only="registry,accounts,monitoring",
            )
            # The councils' own generator makes no list of candidates (and is slow): the council is made here.
            _council_with_a_frozen_list(User.objects.get(email="secretary@azamat.kz"))
            seeding.run(scale=SCALE, seed=5, demo_logins=True, only={"voting"}, log=lambda _m: None)
            yield var
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _emails(election, related: str) -> set[str]:
    return set(getattr(election, related).values_list("user__email", flat=True))


def _secrets(path, vote=None) -> dict[str, str]:
    """`email secret` lines; with `vote`, those of its `## /workspace/votes/<pk>/` section."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if vote is not None:
        start = lines.index(f"## /workspace/votes/{vote.pk}/")
        following = [n for n, line in enumerate(lines) if line.startswith("## ") and n > start]
        lines = lines[start : following[0] if following else None]
    return dict(line.split(" ", 1) for line in lines if line and not line.startswith("#"))


def test_two_finished_votes_are_tallied_two_weeks_ago_and_verify(seeded):
    finished = list(Election.objects.filter(status=Election.Status.TALLIED))
    assert len(finished) == 2
    two_weeks_ago = timezone.now() - datetime.timedelta(days=13)
    for election in finished:
        assert election.opens_at < election.closes_at < two_weeks_ago
        assert election.closed_at > election.closes_at and election.tallied_at > election.closed_at
        assert "all checks passed" in election.verification
        assert services.verify_again(election)[0]
        assert election.trustees.filter(decrypted_at__isnull=False).count() == 2
        # Most of the roll voted, one of them twice (her last ballot counts).
        roll = election.voters.count()
        assert roll / 2 < election.ballots_counted <= roll
        assert Ballot.objects.filter(election=election).count() == election.ballots_counted + 1
        assert election.voters.filter(voted_at__isnull=False).count() == election.ballots_counted
        assert not election.ballots.exclude(cast_at__range=(election.opens_at, election.closes_at)).exists()
        # The roles apart, and off the roll (there are enough other people).
        roles = [
            election.administrator.email,
            election.credential_authority.email,
            *_emails(election, "trustees"),
        ]
        assert len(set(roles)) == 5
        assert not set(roles[1:]) & _emails(election, "voters")
        questions = list(election.questions.prefetch_related("candidates"))
        for question, counts in zip(questions, election.result, strict=True):
            if question.ranked:  # shuffled by the two trustees, each ranking decrypted, STV fills the seats
                assert election.trustees.filter(shuffled_at__lt=election.tallied_at).count() == 2
                assert len(counts["rankings"]) == election.ballots_counted
                assert len(counts["winners"]) == question.max_choices
                continue
            assert len(counts) == question.candidates.count()
            assert 0 < sum(counts) <= election.ballots_counted * question.max_choices


def test_the_council_elects_from_its_frozen_list_with_its_sitting_members_on_the_roll(seeded):
    election = Election.objects.get(council__isnull=False)
    council = election.council
    assert election.administrator.email == "secretary@azamat.kz"
    assert election.candidate_list == council.candidate_lists.get()
    (question,) = election.questions.all()
    assert [c.name for c in question.candidates.all()] == ELIGIBLE  # the kin of an official is not on it
    assert all(c.entry.eligible for c in question.candidates.all())
    sitting = set(
        council.members.filter(user__isnull=False, left_on__isnull=True).values_list("user__email", flat=True)
    )
    assert _emails(election, "voters") == sitting and len(sitting) == 5


def test_the_alliance_elects_three_of_five_board_members_by_its_members_administrators(seeded):
    election = Election.objects.get(organisation__is_alliance=True)
    alliance = election.organisation
    assert Membership.objects.filter(
        organisation=alliance, user=election.administrator, role=Membership.Role.ADMIN, status="active"
    ).exists()
    (question,) = election.questions.all()
    assert question.max_choices == 3 and [c.name for c in question.candidates.all()] == seed.BOARD
    assert question.ranked  # three seats by the single transferable vote
    elected = selectors.results(election)[0]["elected"]
    assert len(elected) == 3 and set(elected) <= set(seed.BOARD)
    members = AllianceMembership.objects.filter(alliance=alliance).values("member")
    delegates = Membership.objects.filter(
        organisation__in=members, role=Membership.Role.ADMIN, status="active"
    )
    assert election.voters.count() == delegates.values("organisation").distinct().count()
    assert _emails(election, "voters") <= set(delegates.values_list("user__email", flat=True))


def test_every_vote_was_frozen_with_a_roll_that_keeps_its_ballot_secret(seeded):
    """Freezing refuses a roll under `lifecycle.MIN_ROLL`: the generator's owners have that many people at least."""
    assert seed.MIN_ROLL == lifecycle.MIN_ROLL
    votes = Election.objects.exclude(status=Election.Status.DRAFT).annotate(roll=Count("voters"))
    assert len(votes) == 4
    assert all(vote.roll >= lifecycle.MIN_ROLL for vote in votes), {vote.title: vote.roll for vote in votes}


def test_one_vote_is_open_for_ten_days_with_the_demo_logins_on_its_roll(seeded):
    election = Election.objects.get(status=Election.Status.OPEN)
    assert election.administrator.email == "ngo@azamat.kz"
    assert election.organisation.memberships.filter(user__email="ngo@azamat.kz", role="admin").exists()
    assert election.credential_authority.email == "operator@azamat.kz"
    assert _emails(election, "trustees") == {"expert@azamat.kz", "secretary@azamat.kz", "monitor@azamat.kz"}
    assert election.opens_at <= timezone.now()
    assert (election.closes_at - timezone.now()).days in {9, 10}
    roll = _emails(election, "voters")
    assert roll > DEMO_VOTERS and len(roll) == len(DEMO_VOTERS) + 4
    voted = set(election.ballots.values_list("cast_by__email", flat=True))
    assert len(voted) == 2 and not voted & DEMO_VOTERS
    assert election.voters.filter(voted_at__isnull=False).count() == 2


def test_the_files_give_each_demo_voter_her_credential_and_two_trustees_decrypt_with_theirs(seeded):
    # Last: it casts in the open vote and tallies it (the archive on disk is not rolled back with the database).
    credentials = _secrets(seeded / seed.CREDENTIALS_FILE)
    election = Election.objects.get(status=Election.Status.OPEN)
    keys = _secrets(seeded / seed.TRUSTEE_KEYS_FILE, election)
    assert set(credentials) == DEMO_VOTERS
    assert set(keys) == {"expert@azamat.kz", "secretary@azamat.kz", "monitor@azamat.kz"}
    member = User.objects.get(email="member@azamat.kz")
    first = election.questions.first()
    assert first.ranked
    services.cast(
        by=member,
        election=election,
        credential=credentials[member.email],
        picked=rank(election, "Работа с молодёжью", "Правовая помощь жителям сёл", "Олег Ким"),
    )
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now())
    election.refresh_from_db()
    election = services.close(by=election.administrator, election=election)
    trustees = [User.objects.get(email=email) for email in ("expert@azamat.kz", "monitor@azamat.kz")]
    for trustee in trustees:
        election = services.shuffle(by=trustee, election=election)
    for trustee in trustees:
        election = services.decrypt(by=trustee, election=election, key=keys[trustee.email])
    assert election.status == Election.Status.TALLIED and election.ballots_counted == 3
    assert "all checks passed" in election.verification
    names = [c.name for c in first.candidates.all()]
    youth, rural = names.index("Работа с молодёжью"), names.index("Правовая помощь жителям сёл")
    assert any(r[youth] == 1 and r[rural] == 2 for r in election.result[0]["rankings"])
    assert sum(election.result[1]) <= 3


def test_a_vote_closed_yesterday_waits_for_the_demo_trustees_who_shuffle_and_decrypt_with_their_keys(seeded):
    election = Election.objects.get(status=Election.Status.CLOSED)
    assert election.administrator.email == "ngo@azamat.kz"
    assert (
        timezone.now() - datetime.timedelta(days=2) < election.closes_at < election.closed_at < timezone.now()
    )
    voted = set(election.ballots.values_list("cast_by__email", flat=True))
    assert voted & DEMO_VOTERS == DEMO_VOTERS - {"officer@azamat.kz"}
    assert not election.ballots.exclude(cast_at__range=(election.opens_at, election.closes_at)).exists()
    assert services.shuffles_needed(election) == 2
    keys = _secrets(seeded / seed.TRUSTEE_KEYS_FILE, election)
    assert set(keys) == {"expert@azamat.kz", "secretary@azamat.kz", "monitor@azamat.kz"}
    trustees = [User.objects.get(email=email) for email in ("secretary@azamat.kz", "monitor@azamat.kz")]
    for trustee in trustees:
        election = services.shuffle(by=trustee, election=election)
    for trustee in trustees:
        election = services.decrypt(by=trustee, election=election, key=keys[trustee.email])
    assert election.status == Election.Status.TALLIED and "all checks passed" in election.verification
    assert len(election.result[1]["winners"]) == 2
