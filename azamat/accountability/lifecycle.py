"""The life of an accountability item, in one table. Its status is computed from facts (`Item.status_on`);
a transition records the facts that make the next status (an answer, a milestone, a dispute)."""

from django.utils.translation import gettext_lazy as _

from azamat.accountability.errors import (
    ALREADY_DISPUTED,
    DISPUTE_OPEN,
    MESSAGES,
    NOT_AUTHOR,
    NOT_IMPLEMENTED,
    NOT_OFFICER,
)
from azamat.accountability.models import Item
from azamat.accountability.permissions import can_answer_item, can_dispute_item
from azamat.core.permissions import ALLOW, deny
from azamat.core.statemachine import Machine, Transition, guard

S = Item.Status
UNANSWERED = {S.AWAITING, S.OVERDUE, S.LONG_OVERDUE}
ACCEPTED = {S.ANSWERED, S.IN_IMPLEMENTATION, S.IMPLEMENTATION_OVERDUE}


@guard(NOT_OFFICER)
def officer(item, user):
    return can_answer_item(user, item)


@guard(NOT_AUTHOR)
def author(item, user):
    return can_dispute_item(user, item)


@guard("extension_not_allowed")
def extendable(item, user):
    if not item.rule.extension_months:
        return deny(_("The deadline of this kind of item cannot be extended."))
    if item.extended_to:
        return deny(_("The deadline has already been extended once; it cannot be extended again."))
    return ALLOW


ANSWER_WRONG_STATE = _("The item has already been answered: “%(state)s”.")
# A dispute sent again (the back button, a colleague's tab) finds the item disputed, not "not implemented".
DISPUTE_WRONG_STATE = {state: MESSAGES[NOT_IMPLEMENTED] for state in S.values} | {
    S.DISPUTED: MESSAGES[ALREADY_DISPUTED]
}
# A milestone added during a dispute put the item back into implementation and left the dispute unanswered for
# good (its answer needs the item disputed): the officer answers it first, agreeing, then plans.
PLAN_WRONG_STATE = {
    state: _("Milestones are planned for an accepted item that is not yet implemented.") for state in S.values
} | {S.DISPUTED: MESSAGES[DISPUTE_OPEN]}

ITEM = Machine(
    Item,
    state=lambda item: item.status_on(),
    states=dict(S.choices),
    initial=S.AWAITING,
    transitions=[
        Transition("accept", UNANSWERED, S.ANSWERED, _("Accept"), [officer], ANSWER_WRONG_STATE),
        Transition(
            "accept_partly", UNANSWERED, S.ANSWERED, _("Accept in part"), [officer], ANSWER_WRONG_STATE
        ),
        Transition("reject", UNANSWERED, S.REJECTED, _("Reject"), [officer], ANSWER_WRONG_STATE),
        Transition(
            "forward",
            UNANSWERED,
            S.FORWARDED,
            _("Forward to the competent body"),
            [officer],
            ANSWER_WRONG_STATE,
        ),
        Transition(
            "extend",
            {S.AWAITING},
            S.AWAITING,
            _("Extend the deadline"),
            [officer, extendable],
            _("Only an item awaiting its answer, before its due date, can have its deadline extended."),
        ),
        Transition(
            "plan",
            ACCEPTED,
            S.IN_IMPLEMENTATION,
            _("Add a milestone"),
            [officer],
            PLAN_WRONG_STATE,
            {S.DISPUTED: DISPUTE_OPEN},
        ),
        Transition(
            "milestone_done",
            {S.IN_IMPLEMENTATION, S.IMPLEMENTATION_OVERDUE},
            S.IN_IMPLEMENTATION,
            _("Mark done"),
            [officer],
            _("Only a milestone of an item in implementation can be marked done."),
        ),
        Transition(
            "dispute",
            {S.IMPLEMENTED},
            S.DISPUTED,
            _("Dispute that it was done"),
            [author],
            DISPUTE_WRONG_STATE,
            {S.DISPUTED: ALREADY_DISPUTED},
        ),
        Transition("reopen", {S.DISPUTED}, S.IN_IMPLEMENTATION, _("Agree and continue"), [officer]),
        Transition("maintain", {S.DISPUTED}, S.IMPLEMENTED, _("Maintain that it was done"), [officer]),
    ],
    derived={
        S.OVERDUE: "the due date passed without an answer",
        S.LONG_OVERDUE: "the long-overdue date passed without an answer",
        S.IMPLEMENTATION_OVERDUE: "a milestone's date passed before it was done",
        S.IMPLEMENTED: "the last milestone was marked done",
    },
)
