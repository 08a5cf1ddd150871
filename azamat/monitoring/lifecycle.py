"""The lives of a monitoring record, each in one table (core.statemachine): an event's verification and a
candidate's way onto the list of persecuted persons. Views, commands and the data generator go through
`EVENT.apply` / `CANDIDATE.apply`; each refusal says why."""

from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, deny
from azamat.core.statemachine import Machine, Transition, guard
from azamat.monitoring import permissions
from azamat.monitoring.models import Candidate, Event

E = Event.Status
C = Candidate.Status
WRONG = _("“%(step)s” is not possible while the record is “%(state)s”.")


@guard("not_verifier")
def verifier(event, user):
    return permissions.can_verify_event(user, event)


@guard("no_source")
def has_source(event, user):
    """Nothing is verified without a source: a record without one is refused."""
    if not event.sources.exists():
        return deny(_("Add at least one source before verifying: a record is verified from its sources."))
    return ALLOW


@guard("no_reliability")
def graded(event, user):
    if not event.reliability:
        return deny(_("Grade the record's reliability before verifying it."))
    return ALLOW


@guard("no_acts")
def has_acts(event, user):
    if not event.acts.exists():
        return deny(_("Describe at least one act (who did what to whom) before verifying."))
    return ALLOW


EVENT = Machine(
    Event,
    field="status",
    transitions=[
        Transition("start", {E.RECEIVED}, E.VERIFYING, _("Start verification"), [verifier], WRONG),
        Transition(
            "verify",
            {E.VERIFYING},
            E.VERIFIED,
            _("Verified"),
            [verifier, has_source, graded, has_acts],
            WRONG,
        ),
        Transition("not_confirm", {E.VERIFYING}, E.NOT_CONFIRMED, _("Not confirmed"), [verifier], WRONG),
        Transition("reject", {E.RECEIVED, E.VERIFYING}, E.REJECTED, _("Reject"), [verifier], WRONG),
        Transition(
            "reopen",
            {E.VERIFIED, E.NOT_CONFIRMED, E.REJECTED},
            E.VERIFYING,
            _("Verify again"),
            [verifier],
            WRONG,
        ),
    ],
)
# Steps that need the verifier's note (why).
EVENT_NOTE_REQUIRED = frozenset({"not_confirm", "reject", "reopen"})


@guard("not_analyst")
def analyst(candidate, user):
    return permissions.can_analyse_candidate(user, candidate)


@guard("not_expert")
def expert(candidate, user):
    return permissions.can_decide_candidate(user, candidate)


@guard("no_analysis")
def analysed(candidate, user):
    if not candidate.analysis.strip():
        return deny(_("Write the analysis against the criteria before the expert group decides."))
    return ALLOW


CANDIDATE = Machine(
    Candidate,
    field="status",
    transitions=[
        Transition("analyse", {C.CANDIDATE}, C.ANALYSIS, _("Start the analysis"), [analyst], WRONG),
        Transition(
            "submit", {C.ANALYSIS}, C.DECISION, _("Submit to the expert group"), [analyst, analysed], WRONG
        ),
        # The three below are taken by recording a decision of the expert group (listing_services.decide).
        Transition("list", {C.DECISION}, C.LISTED, _("List"), [expert], WRONG),
        Transition("not_list", {C.DECISION}, C.NOT_LISTED, _("Do not list"), [expert], WRONG),
        Transition("remove", {C.LISTED}, C.REMOVED, _("Remove from the list"), [expert], WRONG),
        Transition(
            "reconsider", {C.NOT_LISTED, C.REMOVED}, C.ANALYSIS, _("Consider again"), [analyst], WRONG
        ),
    ],
)
