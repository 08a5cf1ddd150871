"""A vote's life in one table (`core/statemachine.py`): draft → keys → credentials → open → closed → tallied.
Freezing, sending the credentials and closing are guarded; the others follow the trustees' steps. Changing a
draft's details ("edit", draft → draft) is a step too, refused with its reason once the setup is frozen; so are
new voting times for a frozen vote not yet open ("retime") and deleting a draft ("delete"). New times are judged by
the guards that judge a new vote's (`TIMES`)."""

import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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


# The least roll a vote is frozen with. Only the totals are published, but a voter who takes her own ballot out of
# them reads the rest: with one voter the totals are her ballot, for anyone; with two, each reads the other's. From
# three on, what is left after one's own ballot is two or more ballots mixed (unless they agree). Three is also what
# the demo's generator asks of an organisation, an alliance or a council before it holds a vote (`seed.py`).
MIN_ROLL = 3


@guard("roll_too_small")
def _roll_keeps_secret(election, by) -> Decision:
    """A roll of at least `MIN_ROLL`: with fewer voters the published totals say who voted how."""
    count = election.voters.count()
    if count >= MIN_ROLL:
        return ALLOW
    return deny(
        ngettext(
            "The roll has %(count)s voter: a secret vote needs at least %(minimum)s, or the totals would tell who "
            "voted how. Add voters to the roll.",
            "The roll has %(count)s voters: a secret vote needs at least %(minimum)s, or the totals would tell who "
            "voted how. Add voters to the roll.",
            count,
        )
        % {"count": count, "minimum": MIN_ROLL}
    )


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


# — the voting times —

# Voting opens within a year and lasts at most this long: a mistyped year (2062 for 2026) is caught, not kept.
OPENS_WITHIN = datetime.timedelta(days=366)
LONGEST = datetime.timedelta(days=90)


def _minute(now: datetime.datetime) -> datetime.datetime:
    """The start of the current minute: the form's time has minutes only, so "now" typed is not yet "past"."""
    return now.replace(second=0, microsecond=0)


@guard("opens_past")
def _opens_ahead(election, by) -> Decision:
    """Voting opens once the credentials are sent and not before `opens_at`; a moment already past would tell the
    voters a false opening, and is most often a mistyped date."""
    now = timezone.now()
    if election.opens_at >= _minute(now):
        return ALLOW
    return deny(MESSAGES["opens_past"] % {"now": when(now)})


@guard("dates")
def _closes_after_opening(election, by) -> Decision:
    if election.closes_at > election.opens_at:
        return ALLOW
    return deny(MESSAGES["dates"] % {"opens": when(election.opens_at)})


@guard("opens_too_far")
def _opens_within_a_year(election, by) -> Decision:
    last = timezone.now() + OPENS_WITHIN
    if election.opens_at <= last:
        return ALLOW
    return deny(MESSAGES["opens_too_far"] % {"last": when(last)})


@guard("too_long")
def _not_too_long(election, by) -> Decision:
    if election.closes_at - election.opens_at <= LONGEST:
        return ALLOW
    days = LONGEST.days
    return deny(
        ngettext(
            "Voting lasts at most %(days)s day (the latest closing for this opening: %(last)s).",
            "Voting lasts at most %(days)s days (the latest closing for this opening: %(last)s).",
            days,
        )
        % {"days": days, "last": when(election.opens_at + LONGEST)}
    )


@guard("closes_past")
def _closes_ahead(election, by) -> Decision:
    """Freezing a vote whose closing time has passed would set the trustees to work on a vote no one can cast in."""
    now = timezone.now()
    if election.closes_at > now:
        return ALLOW
    return deny(MESSAGES["closes_past"] % {"closes": when(election.closes_at), "now": when(now)})


@guard("closes_past")
def _can_still_open(election, by) -> Decision:
    """Sending the credentials after the closing time would open a vote that is already shut."""
    now = timezone.now()
    if election.closes_at > now:
        return ALLOW
    return deny(MESSAGES["too_late_to_open"] % {"closes": when(election.closes_at), "now": when(now)})


# The guards a vote's times pass, when it is created and when a draft's details change; each refusal is shown on
# the field it names.
TIMES = [_opens_ahead, _closes_after_opening, _opens_within_a_year, _not_too_long]
TIME_FIELDS = {
    "opens_past": "opens_at",
    "dates": "closes_at",
    "opens_too_far": "opens_at",
    "too_long": "closes_at",
    "closes_past": "closes_at",
}


def times_decision(election) -> tuple[str, Decision]:
    """The first of `TIMES` that refuses the vote's times, as (its code, its decision); ("", ALLOW) when none."""
    for check in TIMES:
        decision = check(election, None)
        if not decision:
            return check.code, decision
    return "", ALLOW


def _always(election, by) -> Decision:
    return ALLOW


S = Election.Status
FROZEN = _(
    "The setup is frozen: the title and the quorum no longer change. The voting times still change until voting "
    "opens."
)
OPENED = _("Voting has opened: its title, times and quorum no longer change.")
BEING_PREPARED = _(
    "The vote is being prepared: change its times with its title and quorum (Change the title, times or quorum)."
)
NOT_A_DRAFT = _("Only a vote being prepared is deleted: this one is “%(state)s”. Nothing was deleted.")
VOTE = Machine(
    Election,
    field="status",
    transitions=[
        Transition(
            "edit",
            {S.DRAFT},
            S.DRAFT,
            _("Change the title, times or quorum"),
            # Open to the administrator while a draft, whatever its times (a draft whose opening passed is the one
            # most in need of new ones); the new times are judged by `TIMES` in the service.
            guards=[_is_administrator],
            wrong_state={
                S.KEYS: FROZEN,
                S.CREDENTIALS: FROZEN,
                S.OPEN: OPENED,
                S.CLOSED: OPENED,
                S.TALLIED: OPENED,
            },
            wrong_state_code="frozen",
        ),
        Transition(
            "freeze",
            {S.DRAFT},
            S.KEYS,
            _("Freeze the setup"),
            guards=[_is_administrator, _complete, _roll_keeps_secret, _choices_fit, _closes_ahead],
        ),
        # New voting times for a frozen vote not yet open (the closing time passed while the trustees made the key,
        # or the times were wrong). Belenios' election parameters hold no time — the election's template is its name,
        # description and questions, and the archive is made when the credentials are sent — so only Azamat's own
        # window changes; the title and the quorum stay frozen. The state does not move: the service checks the
        # step (`VOTE.require`) and saves the times, as for "edit"; `target` is nominal, never applied.
        Transition(
            "retime",
            {S.KEYS, S.CREDENTIALS},
            S.CREDENTIALS,
            _("Change the voting times"),
            guards=[_is_administrator],
            wrong_state={
                S.DRAFT: BEING_PREPARED,
                S.OPEN: OPENED,
                S.CLOSED: OPENED,
                S.TALLIED: OPENED,
            },
            wrong_state_code={S.DRAFT: "draft", S.OPEN: "opened", S.CLOSED: "opened", S.TALLIED: "opened"},
        ),
        # A draft made by mistake, deleted by its administrator (the service removes it row by row, each in the
        # history). Never a frozen vote: its trustees hold parts of its key. Checked, never applied.
        Transition(
            "delete",
            {S.DRAFT},
            S.DRAFT,
            _("Delete the draft"),
            guards=[_is_administrator],
            wrong_state=NOT_A_DRAFT,
            wrong_state_code="not_a_draft",
        ),
        Transition("keys_ready", {S.KEYS}, S.CREDENTIALS, _("Key generated"), guards=[_always]),
        Transition(
            "open",
            {S.CREDENTIALS},
            S.OPEN,
            _("Send credentials"),
            guards=[_is_credential_authority, _can_still_open],
        ),
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
