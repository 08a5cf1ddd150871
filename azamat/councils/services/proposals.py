"""Members' proposed recommendations: a sitting member proposes, the secretary puts the proposal on a coming
meeting's agenda or declines it with a reason, the author may withdraw it while it waits (`lifecycle.PROPOSAL`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.councils import errors
from azamat.councils.lifecycle import PROPOSAL
from azamat.councils.models import Council, Meeting, Member, Proposal
from azamat.councils.permissions import can_propose_recommendation, seat_of
from azamat.councils.selectors import same_text
from azamat.councils.services.meetings import agenda_item_add


@transaction.atomic
def proposal_submit(*, council: Council, title: str, text: str, body, by) -> Proposal:
    decision = can_propose_recommendation(by, council)
    if not decision:
        raise DomainError(errors.NOT_SEATED, decision.reason)
    # The seat locked: the same proposal sent twice at once (a double tap, the back button) is checked in turn.
    member = Member.objects.select_for_update().get(pk=seat_of(by, council).pk)
    waiting = Proposal.objects.filter(member=member, status=Proposal.Status.SUBMITTED)
    if any(
        same_text(p.title) == same_text(title) and same_text(p.text) == same_text(text)
        for p in waiting.only("title", "text")
    ):
        raise DomainError(
            errors.PROPOSAL_EXISTS, _("You have already proposed this; it waits for the secretary.")
        )
    proposal = Proposal(
        council=council, member=member, title=title.strip(), text=text.strip(), body=body, created_by=by
    )
    proposal._history_user = by
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_put_on_agenda(*, proposal: Proposal, meeting: Meeting, by) -> Proposal:
    """The proposal becomes a question on the agenda of a meeting still ahead, its author the speaker."""
    PROPOSAL.require(proposal, "put_on_agenda", by)
    if (
        meeting.council_id != proposal.council_id
        or meeting.cancelled_at
        or meeting.starts_at <= timezone.now()
    ):
        raise DomainError(
            errors.MEETING_NOT_AHEAD,
            _("Choose a meeting of the council that is still ahead and not cancelled."),
            field="meeting",
        )
    item = agenda_item_add(meeting=meeting, title=proposal.title, speaker=proposal.member.full_name, by=by)
    return PROPOSAL.apply(proposal, "put_on_agenda", by=by, agenda_item=item)


@transaction.atomic
def proposal_decline(*, proposal: Proposal, reason: str, by) -> Proposal:
    PROPOSAL.require(proposal, "decline", by)
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(
            errors.REASON_REQUIRED,
            _("Say why the proposal is declined: its author reads it."),
            field="reason",
        )
    return PROPOSAL.apply(proposal, "decline", by=by, reason=reason[:300])


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by) -> Proposal:
    return PROPOSAL.apply(proposal, "withdraw", by=by)
