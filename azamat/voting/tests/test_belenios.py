"""The Belenios wrapper against the real `belenios-tool`: one election set up once, each test on its own copy."""

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from azamat.voting import belenios

THRESHOLD = 2
VOTERS = ["alice", "bob", "carol"]
TEMPLATE = {
    "name": "Board of the association",
    "description": "Choose one of three.",
    "questions": [
        {
            "question": "Who chairs?",
            "answers": ["Aidos", "Bota", "Chingiz"],
            "min": 0,
            "max": 1,
            "blank": True,
        }
    ],
}


def choose(answer: str) -> list[list[int]]:
    """The choices for one answer of the only question: the blank choice comes first."""
    answers = TEMPLATE["questions"][0]["answers"]
    return [[0] + [int(name == answer) for name in answers]]


def tracker(ballot: str) -> str:
    return hashlib.sha256(ballot.encode()).hexdigest()


def copy_of(directory: Path, into: Path) -> Path:
    return Path(shutil.copytree(directory, into / directory.name))


def archive_bytes(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


@dataclass(frozen=True)
class Election:
    uuid: str
    keys: list[str]  # trustee i+1's private key
    decryption_keys: list[str]  # trustee i+1's share, encrypted under her key
    credentials: dict[str, str]  # voter: private credential
    public_creds: str
    opened: Path  # the archive just initialised: no ballot yet


@dataclass(frozen=True)
class Voted:
    directory: Path
    ballots: list[str]  # in the order they were cast: alice, bob, alice again


@pytest.fixture(scope="module")
def election(tmp_path_factory) -> Election:
    assert belenios.available(), "belenios-tool is missing: apt-get install belenios-tool"
    uuid = belenios.new_uuid()
    certs, keys = zip(*(belenios.trustee_certificate() for _ in range(3)), strict=True)
    certs, keys = list(certs), list(keys)
    belenios.check_certificates(certs)
    polynomials = [belenios.trustee_polynomial(certs, key, THRESHOLD) for key in keys]
    vinputs = belenios.verification_inputs(certs, polynomials)
    verifications = [
        belenios.trustee_verification(certs, key, vinput) for key, vinput in zip(keys, vinputs, strict=True)
    ]
    trustees_json = belenios.trustees_parameters(certs, polynomials, [output for output, _ in verifications])
    credentials, public_creds = belenios.credentials(uuid, VOTERS)
    election_json = belenios.make_election(uuid, TEMPLATE, trustees_json)
    opened = belenios.archive_init(
        tmp_path_factory.mktemp("opened") / uuid, election_json, trustees_json, public_creds
    )
    return Election(
        uuid=uuid,
        keys=keys,
        decryption_keys=[decryption_key for _, decryption_key in verifications],
        credentials=credentials,
        public_creds=public_creds,
        opened=opened,
    )


@pytest.fixture(scope="module")
def voted(election, tmp_path_factory) -> Voted:
    """Alice votes Chingiz, Bob votes Bota, then Alice changes her mind for Bota; Carol abstains."""
    directory = copy_of(election.opened, tmp_path_factory.mktemp("voted"))
    ballots = []
    for voter, answer in [("alice", "Chingiz"), ("bob", "Bota"), ("alice", "Bota")]:
        ballot = belenios.ballot(directory, election.credentials[voter], choose(answer))
        belenios.add_event(directory, "Ballot", ballot)
        ballots.append(ballot)
    return Voted(directory=directory, ballots=ballots)


@pytest.fixture(scope="module")
def tallied(voted, tmp_path_factory) -> Path:
    """Voting ended: the encrypted tally is in the archive, waiting for the trustees."""
    directory = copy_of(voted.directory, tmp_path_factory.mktemp("tallied"))
    belenios.end_voting(directory)
    return directory


def test_two_trustees_of_three_decrypt_the_last_ballot_of_each_voter(election, voted, tmp_path):
    directory = copy_of(voted.directory, tmp_path)
    first_alice, bob, last_alice = voted.ballots
    assert {tracker(bob), tracker(last_alice)} <= set(belenios.ballot_summary(directory))

    belenios.end_voting(directory)
    for trustee in (1, 3):
        decryption = belenios.partial_decryption(
            directory, election.keys[trustee - 1], election.decryption_keys[trustee - 1], trustee
        )
        belenios.add_event(directory, "PartialDecryption", decryption)

    # Blank, Aidos, Bota, Chingiz: Alice's first ballot (Chingiz) was replaced by her second.
    assert belenios.result(directory) == [[0, 0, 2, 0]]
    report = belenios.verify(directory)
    assert "all checks passed" in report
    assert "no result to check" not in report


def test_a_ballot_altered_in_the_archive_fails_verification(voted, tmp_path):
    tampered = copy_of(voted.directory, tmp_path)
    archive = next(tampered.glob("*.bel"))
    raw = bytearray(archive.read_bytes())
    ballot = voted.ballots[1].encode()
    start = raw.find(ballot)
    assert start >= 0, "the ballot is not stored verbatim in the archive"
    digit = raw.index(b'"alpha":"', start, start + len(ballot)) + len(b'"alpha":"') + 10
    raw[digit] = ord(str((int(chr(raw[digit])) + 1) % 10))  # same length: the tar entries stay in place
    archive.write_bytes(bytes(raw))

    with pytest.raises(belenios.BeleniosError) as error:
        belenios.verify(tampered)

    assert tracker(voted.ballots[1]) in error.value.detail
    assert "all checks passed" in belenios.verify(voted.directory)


@pytest.mark.parametrize("whose", ["made up", "trustee 2's"])
def test_a_wrong_private_key_is_refused_and_leaves_the_archive_as_it_was(election, tallied, tmp_path, whose):
    directory = copy_of(tallied, tmp_path)
    before = archive_bytes(directory)
    wrong_key = {"made up": "c0ffee-not-a-key-at-all", "trustee 2's": election.keys[1]}[whose]

    with pytest.raises(belenios.BeleniosError):
        belenios.partial_decryption(directory, wrong_key, election.decryption_keys[0], 1)

    assert archive_bytes(directory) == before


@pytest.mark.parametrize(
    ("trustee", "claimed_id"),
    [pytest.param(2, 1, id="trustee 2 as trustee 1"), pytest.param(1, 4, id="trustee id 4 of 3")],
)
def test_a_decryption_under_another_trustees_id_is_refused(election, tallied, tmp_path, trustee, claimed_id):
    directory = copy_of(tallied, tmp_path)
    with pytest.raises(belenios.BeleniosError):
        belenios.partial_decryption(
            directory, election.keys[trustee - 1], election.decryption_keys[trustee - 1], claimed_id
        )


def test_one_trustee_alone_cannot_produce_the_result(election, tallied, tmp_path):
    directory = copy_of(tallied, tmp_path)
    decryption = belenios.partial_decryption(directory, election.keys[1], election.decryption_keys[1], 2)
    belenios.add_event(directory, "PartialDecryption", decryption)
    before = archive_bytes(directory)

    with pytest.raises(belenios.BeleniosError) as error:
        belenios.result(directory)

    assert "not enough partial decryptions" in error.value.detail
    assert archive_bytes(directory) == before


@pytest.mark.parametrize(
    "choices", [[[0, 0, 1, 1]], [[1, 1, 0, 0]]], ids=["two answers", "blank and an answer"]
)
def test_a_ballot_with_more_choices_than_allowed_is_refused(election, tmp_path, choices):
    directory = copy_of(election.opened, tmp_path)
    with pytest.raises(belenios.BeleniosError):
        belenios.ballot(directory, election.credentials["carol"], choices)


def test_a_made_up_credential_signs_a_ballot_that_is_not_on_the_roll(election, tmp_path):
    directory = copy_of(election.opened, tmp_path)
    roll = belenios.public_credentials(election.public_creds)
    genuine = belenios.ballot(directory, election.credentials["carol"], choose("Aidos"))
    made_up = belenios.ballot(directory, "abc-def-ghi-jkl-mno", choose("Aidos"))

    assert len(roll) == len(VOTERS)
    assert belenios.credential_of(genuine) in roll
    assert belenios.credential_of(made_up) not in roll


def test_a_voters_private_credential_never_reaches_the_disk(election, tmp_path):
    directory = copy_of(election.opened, tmp_path)
    names_before = set(archive_bytes(directory))
    credential = election.credentials["carol"]

    ballot = belenios.ballot(directory, credential, choose("Aidos"))
    belenios.add_event(directory, "Ballot", ballot)

    assert credential not in ballot
    files = archive_bytes(directory)
    assert set(files) == names_before
    assert [name for name, content in files.items() if credential.encode() in content] == []


def test_certificate_id_is_the_name_the_tool_gives_the_files(tmp_path):
    for _ in range(2):
        belenios.run(
            ["setup", "generate-trustee-key-threshold", "--group", belenios.GROUP, "--step", "1"],
            cwd=tmp_path,
        )
    certificates = sorted(tmp_path.glob("*.cert"))

    assert len(certificates) == 2
    assert [belenios.certificate_id(path.read_text()) for path in certificates] == [
        path.stem for path in certificates
    ]
    assert {path.stem for path in tmp_path.glob("*.key")} == {path.stem for path in certificates}
