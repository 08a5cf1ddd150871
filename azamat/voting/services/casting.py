"""Opening and casting: the credential authority sends each voter a private credential (not kept) and the vote
opens; voters cast (the server encrypts the ballot with the voter's credential in the request and keeps no
plaintext)."""

import hashlib
import re
import shutil

from django.db import transaction
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.voting import belenios, permissions
from azamat.voting.errors import error as _error
from azamat.voting.errors import when as _when
from azamat.voting.lifecycle import VOTE, S
from azamat.voting.models import Ballot, Election, Voter
from azamat.voting.services.common import archive_dir, archive_file, setup_dir

# — credentials and opening —


def credentials_send(*, by, election: Election, deliver=None) -> int:
    """The credential authority generates one private credential per voter and sends it by e-mail; only the
    public credentials are kept. The archive is created and the vote opens. (`deliver(voter, credential)`
    replaces the e-mail for the demo's generator, which votes for its voters and gives the demo logins theirs in a
    file under var/, as their e-mail would.)"""
    with transaction.atomic():
        # Under the vote's row lock from the check to the end: a second "send" at the same moment waits, then is
        # refused (the vote is open), and never replaces the archive the first one made.
        election = Election.objects.select_for_update().get(pk=election.pk)
        return _send(by, election, deliver)


def _send(by, election: Election, deliver) -> int:
    VOTE.require(election, "open", by)
    voters = list(election.voters.select_related("user").order_by("pk"))
    directory = archive_dir(election)
    try:
        private, public = belenios.credentials(
            election.uuid, [str(voter.pk) for voter in voters], group=election.group
        )
        # A vote not opened yet has no ballot: an archive left by an attempt that failed half-way is replaced.
        archive_file(election).unlink(missing_ok=True)
        belenios.archive_init(directory, election.election_json, election.trustees_json, public)
        # Ballots are made from a copy of the archive as it stands at the opening (its setup is all they need):
        # their cost stays flat however full the box gets, and they never read the file while a ballot is added.
        setup_dir(election).mkdir(parents=True, exist_ok=True)
        shutil.copy(archive_file(election), setup_dir(election))
    except belenios.BeleniosError as exc:
        raise _error("tool") from exc
    now = timezone.now()
    # Sent after the opening time set (the trustees took longer), voting opens now: the vote says so, not a moment
    # when no one could vote yet.
    opens_at = max(election.opens_at, now)
    with transaction.atomic():
        VOTE.apply(election, "open", by=by, public_creds=public, credentials_sent_at=now, opens_at=opens_at)
        for voter in voters:
            voter.credential_sent_at = now
            voter._history_user = by
            voter.save(update_fields=["credential_sent_at"])
            if deliver is not None:
                deliver(voter, private[str(voter.pk)])
                continue
            notify(
                to=[voter.user.email],
                template="voting/email/credential",
                context={"election": election, "credential": private[str(voter.pk)], "voter": voter},
            )
    return len(voters)


# — casting —


def choices_vector(election: Election, picked: dict) -> list[list[int]]:
    """{question id: [candidate ids]} → per question a 0/1 per candidate, in ballot order; refuses a choice not
    on the ballot and more than a question allows. A ranked question's is {candidate id: rank}: its ranks are
    1, 2, 3… each once (the others unranked, 0)."""
    vector = []
    for question in election.questions.prefetch_related("candidates"):
        ids = [candidate.pk for candidate in question.candidates.all()]
        if question.ranked:
            ranks = {pk: rank for pk, rank in dict(picked.get(question.pk) or {}).items() if rank}
            if set(ranks) - set(ids):
                raise _error("unknown_choice")
            if sorted(ranks.values()) != list(range(1, len(ranks) + 1)):
                raise _error("ranks", f"q{question.pk}", question=question.text)
            vector.append([ranks.get(pk, 0) for pk in ids])
            continue
        chosen = set(picked.get(question.pk, []))
        if chosen - set(ids):
            raise _error("unknown_choice")
        if len(chosen) > question.max_choices:
            raise _error("too_many", f"q{question.pk}", count=question.max_choices, question=question.text)
        vector.append([1 if pk in chosen else 0 for pk in ids])
    return vector


def accepting_ballots(election: Election) -> bool:
    """Open, and within its hours (the ballot page is offered only then)."""
    now = timezone.now()
    return election.status == S.OPEN and election.opens_at <= now < election.closes_at


def not_open(election: Election) -> DomainError:
    return _error("not_open", opens=_when(election.opens_at), closes=_when(election.closes_at))


# Hyphens as a phone's keyboard or a mail client may turn them: ‐ ‑ ‒ – — ― − ﹘ ﹣ －.
DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
CREDENTIAL_GROUPS, GROUP_LENGTH = 5, 3


def typed_credential(text: str) -> str:
    """A private credential as the tool reads it (five groups of three letters or digits joined by hyphens), from
    what a voter types: spaces anywhere dropped, any dash read as a hyphen, the hyphens added when typed without.
    Letters keep their case: the credential's alphabet tells upper from lower."""
    value = re.sub(r"\s+", "", DASHES.sub("-", text or ""))
    if "-" not in value and len(value) == CREDENTIAL_GROUPS * GROUP_LENGTH:
        value = "-".join(value[i : i + GROUP_LENGTH] for i in range(0, len(value), GROUP_LENGTH))
    return value


def cast(*, by, election: Election, credential: str, picked: dict[int, list[int]]) -> str:
    """Encrypt the voter's choices with her credential and put the ballot in the box; returns its tracker.
    The plaintext choices pass through a pipe to the tool and are kept nowhere; a later ballot with the same
    credential replaces the earlier one in the count."""
    voter = permissions.voter_of(by, election)
    if voter is None:
        raise _error("not_on_roll")
    if not accepting_ballots(election):
        raise not_open(election)
    vector = choices_vector(election, picked)
    credential = typed_credential(credential)
    if not credential:
        raise _error("wrong_credential", "credential")
    directory = archive_dir(election)
    try:
        ballot = belenios.ballot(setup_dir(election), credential, vector)
    except belenios.BeleniosError as exc:
        raise _error("wrong_credential", "credential") from exc
    public = belenios.credential_of(ballot)
    identities = belenios.credential_identities(election.public_creds)
    if public not in identities:
        raise _error("wrong_credential", "credential")
    if identities[public] != str(voter.pk):
        raise _error("not_your_credential", "credential")
    credential_hash = hashlib.sha256(public.encode()).hexdigest()
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        now = timezone.now()
        if locked.status != S.OPEN or now >= locked.closes_at:
            raise not_open(election)
        if (
            Ballot.objects.filter(election=election, credential_hash=credential_hash)
            .exclude(cast_by=by)
            .exists()
        ):
            raise _error("credential_taken", "credential")
        tracker = hashlib.sha256(ballot.encode()).hexdigest()
        record = Ballot(election=election, tracker=tracker, credential_hash=credential_hash, cast_by=by)
        record._history_user = by
        record.save()
        Voter.objects.filter(pk=voter.pk).update(voted_at=now)
        # Last: a ballot is in the archive only if its row is saved (a failure here rolls the row back).
        try:
            belenios.add_event(directory, "Ballot", ballot)
        except belenios.BeleniosError as exc:
            raise _error("tool") from exc
        notify(
            to=[by.email],
            template="voting/email/tracker",
            context={"election": election, "tracker": tracker},
        )
    return tracker
