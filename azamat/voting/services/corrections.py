"""An organiser's corrections off the vote's path: new voting times for a frozen vote not yet open, and a draft made
by mistake deleted. Each is a step of the vote's table (`lifecycle.VOTE`: "retime", "delete"), checked under the
vote's row lock, and each write is in the history with who made it."""

import hashlib

from django.db import transaction

from azamat.core.notifications import notify
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
    changed, in the history as "retime". The credential authority and the trustees, who act at those times, are
    e-mailed the new ones (not the administrator who set them); the voters are not: they learn the times with their
    credential, which is sent when the vote opens (`casting.credentials_send`), and re-timing ends there. `loaded`,
    the `times_version` the form was loaded with: a save over newer times is refused."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if loaded and loaded != times_version(election) and VOTE.check(election, "retime", by):
        raise _error("retimed_meanwhile", opens=when(election.opens_at), closes=when(election.closes_at))
    VOTE.require(election, "retime", by)
    election.opens_at, election.closes_at = opens_at, closes_at
    _times(election)
    election._change_reason = "retime"
    _save(election, by)
    _tell_the_roles(election, by)
    return election


def _tell_the_roles(election: Election, by) -> None:
    """The new times to the credential authority and to each trustee, in each one's language, once committed."""
    authority = election.credential_authority
    if authority is not None and authority.pk != by.pk:
        notify(
            to=[authority.email],
            template="voting/email/retimed",
            context={"election": election, "authority": True},
        )
    trustees = [
        t.user.email
        for t in election.trustees.select_related("user")
        if t.user_id not in (by.pk, getattr(authority, "pk", None))
    ]
    notify(to=trustees, template="voting/email/retimed", context={"election": election, "authority": False})


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
