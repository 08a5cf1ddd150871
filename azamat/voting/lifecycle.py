"""A vote's life in one table (`core/statemachine.py`): draft → keys → credentials → open → closed → tallied.
Freezing, sending the credentials and closing are guarded; the others follow the trustees' steps."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core.permissions import ALLOW, Decision, deny
from azamat.core.statemachine import Machine, Transition, guard
from azamat.voting import permissions
from azamat.voting.errors import MESSAGES, when
from azamat.voting.models import Election


@guard("not_administrator")
def _is_administrator(election, by) -> Decision:
    return permissions.can_administer(by, election)


@guard("incomplete")
def _complete(election, by) -> Decision:
    questions = list(election.questions.annotate(candidates_count=Count("candidates")))
    if (
        questions
        and all(q.candidates_count >= 2 for q in questions)
        and election.voters.exists()
        and election.credential_authority_id
        and election.trustees.count() >= max(2, election.threshold)
    ):
        return ALLOW
    return deny(MESSAGES["incomplete"])


@guard("choices_exceed_candidates")
def _choices_fit(election, by) -> Decision:
    """Each question leaves the voters a choice: no more choices than candidates, and in a ranked question fewer
    seats than candidates (else every candidate is elected, whatever the ballots say)."""
    for question in election.questions.annotate(candidates_count=Count("candidates")):
        room = question.candidates_count - (1 if question.ranked else 0)
        if question.candidates_count >= 2 and question.max_choices > room:
            return deny(
                _(
                    "“%(question)s” has %(candidates)s candidates for %(choices)s choices or seats: add "
                    "candidates or allow fewer choices."
                )
                % {
                    "question": question.text,
                    "candidates": question.candidates_count,
                    "choices": question.max_choices,
                }
            )
    return ALLOW


@guard("not_credential_authority")
def _is_credential_authority(election, by) -> Decision:
    if permissions.is_credential_authority(by, election):
        return ALLOW
    return deny(_("Only the vote's credential authority sends credentials."))


@guard("not_yet_closed")
def _closing_time_passed(election, by) -> Decision:
    if timezone.now() >= election.closes_at:
        return ALLOW
    return deny(MESSAGES["not_yet_closed"] % {"closes": when(election.closes_at)})


def _always(election, by) -> Decision:
    return ALLOW


S = Election.Status
VOTE = Machine(
    Election,
    field="status",
    transitions=[
        Transition(
            "freeze",
            {S.DRAFT},
            S.KEYS,
            _("Freeze the setup"),
            guards=[_is_administrator, _complete, _choices_fit],
        ),
        Transition("keys_ready", {S.KEYS}, S.CREDENTIALS, _("Key generated"), guards=[_always]),
        Transition("open", {S.CREDENTIALS}, S.OPEN, _("Send credentials"), guards=[_is_credential_authority]),
        Transition(
            "close",
            {S.OPEN},
            S.CLOSED,
            _("Close and tally"),
            guards=[_is_administrator, _closing_time_passed],
        ),
        Transition("publish", {S.CLOSED}, S.TALLIED, _("Publish the result"), guards=[_always]),
    ],
)
