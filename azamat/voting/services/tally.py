"""After the closing time: the administrator closes; for ranked questions the trustees shuffle; trustees decrypt
their shares; once enough have, the result is computed, the archive verified, and published."""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.voting import belenios, permissions
from azamat.voting.errors import NOT_ALLOWED
from azamat.voting.errors import error as _error
from azamat.voting.errors import when as _when
from azamat.voting.lifecycle import VOTE, S
from azamat.voting.models import Ballot, Election
from azamat.voting.services.common import _save, archive_dir, archive_file

# — closing, decrypting, publishing —


def close(*, by, election: Election) -> Election:
    VOTE.require(election, "close", by)
    with transaction.atomic():
        election = VOTE.apply(election, "close", by=by, closed_at=timezone.now())
        try:
            belenios.end_voting(archive_dir(election))
        except belenios.BeleniosError as exc:
            raise _error("tool") from exc
    return election


def shuffle(*, by, election: Election, own: str = "") -> Election:
    """A vote with ranked questions: before any decryption, `threshold` trustees each shuffle the ranked
    ciphertexts (re-encrypted and permuted, with a proof): made by the tool here, or `own`, made with
    belenios-tool on the trustee's computer so that she need not trust the server to forget the permutation.
    Each is checked on a copy of the archive before it is appended; the last needed one ends the shuffles."""
    trustee = permissions.trustee_of(by, election)
    if trustee is None:
        raise DomainError(NOT_ALLOWED, str(_("Only the vote's trustees shuffle.")))
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        trustee.refresh_from_db()
        if election.status == S.TALLIED:
            raise _error("tallied")
        if election.status != S.CLOSED or not election.ranked:
            raise _error("no_shuffle")
        if trustee.shuffled_at or _shuffles_done(election):
            raise _error("already_shuffled")
        directory = archive_dir(election)
        try:
            out = belenios.shuffle(directory, trustee.position, own or "")
        except belenios.BeleniosError as exc:
            raise _error("bad_shuffle" if (own or "").strip() else "tool", "own") from exc
        with _appending(election):
            belenios.add_event(directory, "Shuffle", out)
            trustee.shuffle = out
            trustee.shuffled_at = timezone.now()
            _save(trustee, by)
            if _shuffles_done(election):
                belenios.end_shuffles(directory)
    return election


@contextmanager
def _appending(election: Election):
    """Events appended to the archive within a transaction: on any failure the database rolls back and the archive
    is put back as it was, so that a second try appends once; the tool's failure is the user's "tool" message."""
    archive = archive_file(election)
    size = archive.stat().st_size
    try:
        yield
    except Exception as exc:
        with archive.open("r+b") as file:
            file.truncate(size)
        if isinstance(exc, belenios.BeleniosError):
            raise _error("tool") from exc
        raise


def _shuffles_done(election: Election) -> bool:
    return election.trustees.filter(shuffled_at__isnull=False).count() >= election.threshold


def shuffles_needed(election: Election) -> int:
    """How many shuffles the trustees still owe before decrypting (0 for a vote without ranked questions)."""
    if not election.ranked:
        return 0
    return max(0, election.threshold - election.trustees.filter(shuffled_at__isnull=False).count())


def _counted(election: Election, result: list) -> list:
    """The tool's result with each ranked question's decrypted rankings counted by STV (the tool's method):
    {"rankings": [...], "winners": [...], "events": [...], "invalid": [...]}."""
    counted = list(result)
    for index, question in enumerate(election.questions.order_by("position")):
        if question.ranked and index < len(counted):
            rankings = counted[index]
            count = belenios.stv(rankings, question.max_choices)
            counted[index] = {
                "rankings": rankings,
                "winners": count.get("winners", []),
                "events": count.get("events", []),
                "invalid": count.get("invalid", []),
            }
    return counted


def decrypt(*, by, election: Election, key: str) -> Election:
    """A trustee's partial decryption with her private key (checked on a copy of the archive before it is
    appended). Once `threshold` trustees have decrypted, the result is computed, verified and published."""
    trustee = permissions.trustee_of(by, election)
    if trustee is None:
        raise DomainError(NOT_ALLOWED, str(_("Only the vote's trustees decrypt.")))
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        trustee.refresh_from_db()
        if election.status == S.TALLIED:
            # A second tab or a resubmitted form, after the last share needed was given.
            raise _error("tallied")
        if election.status != S.CLOSED:
            raise _error("not_yet_closed", closes=_when(election.closes_at))
        if trustee.decrypted_at:
            raise _error("already_decrypted")
        if shuffles_needed(election):
            raise _error("shuffle_first", count=shuffles_needed(election))
        directory = archive_dir(election)
        try:
            partial = belenios.partial_decryption(
                directory, (key or "").strip(), trustee.decryption_key, trustee.position
            )
        except belenios.BeleniosError as exc:
            raise _error("wrong_key", "key") from exc
        with _appending(election):
            belenios.add_event(directory, "PartialDecryption", partial)
            trustee.partial_decryption = partial
            trustee.decrypted_at = timezone.now()
            _save(trustee, by)
            if election.trustees.filter(decrypted_at__isnull=False).count() < election.threshold:
                return election
            result = _counted(election, belenios.result(directory))
            output = belenios.verify(directory)
        counted = Ballot.objects.filter(election=election).values("credential_hash").distinct().count()
        return VOTE.apply(
            election,
            "publish",
            by=by,
            result=result,
            ballots_counted=counted,
            tallied_at=timezone.now(),
            verified_at=timezone.now(),
            verification=output,
        )


def verify_again(election: Election) -> tuple[bool, str]:
    """Run the tool's whole verification of the archive now (a visitor's "verify" button, a command)."""
    try:
        return True, belenios.verify(archive_dir(election))
    except belenios.BeleniosError as exc:
        return False, exc.detail


def archive_bytes(election: Election) -> bytes:
    return archive_file(election).read_bytes()
