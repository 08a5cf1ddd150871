"""An organiser's corrections off the vote's path: new voting times for a frozen vote not yet open, and a draft made
by mistake deleted. Each is a step of the vote's table (`lifecycle.VOTE`: "retime", "delete"), checked under the
vote's row lock, and each write is in the history with who made it."""

import hashlib

from django.db import transaction

from azamat.voting.errors import error as _error
from azamat.voting.errors import when
from azamat.voting.lifecycle import VOTE
from azamat.voting.models import Candidate, Election
from azamat.voting.services.common import _delete, _save
from azamat.voting.services.prepare import _times

TIMES = ("opens_at", "closes_at")


def times_version(election: Election) -> str:
    """The voting times as they stand, in a few characters: the times' form carries the version it was loaded with,
    and a save over newer times (another tab) is refused instead of silently undoing them."""
    values = "\n".join(str(getattr(election, name)) for name in TIMES)
    return hashlib.sha256(values.encode()).hexdigest()[:16]


@transaction.atomic
def election_retime(*, by, election: Election, opens_at, closes_at, loaded: str = "") -> Election:
    """New voting times for a frozen vote not yet open, by its administrator: judged as a new vote's
    (`lifecycle.TIMES`: the opening not past, the closing after it, within a year, at most 90 days), nothing else
    changed, in the history as "retime". No one is e-mailed: the voters learn the times with their credential, which
    is sent when the vote opens (`casting.credentials_send`), and re-timing ends there. `loaded`, the
    `times_version` the form was loaded with: a save over newer times is refused."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if loaded and loaded != times_version(election) and VOTE.check(election, "retime", by):
        raise _error("retimed_meanwhile", opens=when(election.opens_at), closes=when(election.closes_at))
    VOTE.require(election, "retime", by)
    election.opens_at, election.closes_at = opens_at, closes_at
    _times(election)
    election._change_reason = "retime"
    _save(election, by)
    return election


@transaction.atomic
def election_delete(*, by, election: Election) -> Election:
    """A draft deleted by its administrator, with its questions, candidates, roll and trustees, each row's removal
    in the history naming her (a cascade would delete them without saying who). Refused once frozen (a tab left
    open on the confirmation): its trustees hold parts of its key. Returns the deleted vote (its title for the
    message)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    VOTE.require(election, "delete", by)
    for candidate in Candidate.objects.filter(question__election=election):
        _delete(candidate, by)
    for related in (election.questions, election.voters, election.trustees):
        for row in related.all():
            _delete(row, by)
    election._change_reason = "delete"
    _delete(election, by)
    return election
