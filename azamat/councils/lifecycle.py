"""The life of a member's proposed recommendation, in one table: waiting for the secretary → on a meeting's
agenda, or declined (with the reason), or withdrawn by its author."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from azamat.core.permissions import ALLOW, deny
from azamat.core.statemachine import Machine, Transition, guard
from azamat.councils import errors
from azamat.councils.permissions import can_manage_council
from azamat.councils.proposal_models import Proposal

S = Proposal.Status


@guard(errors.NOT_ALLOWED)
def secretary(proposal, user):
    return can_manage_council(user, proposal.council)


@guard(errors.NOT_THE_PROPOSER)
def proposer(proposal, user):
    if user is not None and user.is_authenticated and proposal.member.user_id == user.pk:
        return ALLOW
    return deny(_("Only the member who proposed it can withdraw a proposal."))


WRONG = {
    S.ON_AGENDA: _("The proposal is already on a meeting's agenda."),
    S.DECLINED: _("The proposal was declined."),
    S.WITHDRAWN: _("The proposal was withdrawn by its author."),
}

# "Withdraw" is offered to the proposal's author alone: a refusal (her older tab) speaks to her.
TOO_LATE_TO_WITHDRAW = {
    S.ON_AGENDA: _("Too late to withdraw: the secretary has already put the proposal on a meeting's agenda."),
    S.DECLINED: _(
        "Too late to withdraw: the secretary has already declined the proposal; the reason is shown with it."
    ),
    S.WITHDRAWN: _("You have already withdrawn this proposal."),
}

PROPOSAL = Machine(
    Proposal,
    field="status",
    transitions=[
        Transition(
            "put_on_agenda",
            {S.SUBMITTED},
            S.ON_AGENDA,
            pgettext_lazy("a member's proposal", "Put on the agenda"),
            [secretary],
            WRONG,
        ),
        Transition("decline", {S.SUBMITTED}, S.DECLINED, _("Decline"), [secretary], WRONG),
        Transition(
            "withdraw",
            {S.SUBMITTED},
            S.WITHDRAWN,
            pgettext_lazy("a member's proposal", "Withdraw"),
            [proposer],
            TOO_LATE_TO_WITHDRAW,
        ),
    ],
)
