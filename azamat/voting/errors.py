"""The vote's error codes and messages, shared by the state machine's guards and the services."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError

NOT_ALLOWED = "not_allowed"
MESSAGES = {
    # The voting times (lifecycle.TIMES): each says what the time is now, in Almaty, and what to do.
    "opens_past": _(
        "Voting cannot open at a moment already past (now, in Almaty time: %(now)s). Choose a later opening time."
    ),
    "dates": _("Voting must close after it opens (opening: %(opens)s). Choose a later closing time."),
    "opens_too_far": _("Voting opens within a year from now (the latest opening: %(last)s). Check the year."),
    "closes_past": _(
        "The closing time has passed (closing: %(closes)s; now, in Almaty time: %(now)s). Change the voting times, "
        "then freeze the setup."
    ),
    "too_late_to_open": _(
        "The closing time has passed (closing: %(closes)s; now, in Almaty time: %(now)s): the vote cannot open. "
        "The administrator can set new voting times."
    ),
    # An edit sent from a page loaded before another save of the same details (a second tab).
    "edited_meanwhile": _(
        "The vote's details were changed in another tab after you opened this page; they now read: “%(title)s”, "
        "%(opens)s – %(closes)s. What you typed is kept below: check it and save again to replace them."
    ),
    # New times for a frozen vote sent from a page loaded before other new times were saved (a second tab).
    "retimed_meanwhile": _(
        "The voting times were changed in another tab after you opened this page; they now read: %(opens)s – "
        "%(closes)s. What you typed is kept below: check it and save again to replace them."
    ),
    "threshold": _(
        "Between 2 and 5 trustees; the number needed to decrypt is at least 2 and at most their number."
    ),
    "ineligible": _("%(name)s cannot be a candidate: %(reason)s"),
    "not_on_list": _("Candidates come from the council's frozen list of candidates."),
    "not_member": _("Candidates for the chair are the council's sitting members."),
    "state_member": _(
        "%(name)s represents the state body; the chair is elected from the members who represent the public."
    ),
    "purpose": _("Choose what the council elects."),
    "no_list": _(
        "The council has no frozen list of candidates. Freeze the list on the candidates page before a member "
        "election, or choose the chair's election."
    ),
    "frozen": _("The setup is frozen: questions, roll and roles no longer change."),
    "duplicate_candidate": _("This candidate is already on the ballot."),
    "duplicate_question": _("This question is already on the ballot."),
    "no_candidate": _("Choose the candidate from the list."),
    "no_name": _("Write the candidate's name or the answer."),
    # The same form sent twice (a double tap, the back button): one draft, not two.
    "already_created": _(
        "A vote titled “%(title)s” is already being prepared. To set up another one, give it another title."
    ),
    # A removal sent from a tab left open, or an id that was never this vote's: the same answer, nothing changed.
    "question_gone": _(
        "This question is not on the vote's ballot: it may have been removed already, in another tab. Nothing "
        "was changed."
    ),
    "candidate_gone": _(
        "This candidate is not on the vote's ballot: they may have been removed already, in another tab. "
        "Nothing was changed."
    ),
    "voter_gone": _(
        "This person is not on the vote's roll: they may have been removed already, in another tab. Nothing "
        "was changed."
    ),
    "roll_duplicates": _("These addresses appear more than once: %(list)s. Each voter is on the roll once."),
    "roll_unknown": _("No account on Azamat has these addresses: %(list)s."),
    "roll_empty": _("The roll is empty."),
    "roles_apart": _(
        "The administrator, the credential authority and the trustees must be different people."
    ),
    "incomplete": _(
        "Before freezing: at least one question with two candidates, a roll, a credential authority and the trustees."
    ),
    "wrong_step": _("This key step is not yours to take now."),
    "wrong_key": _("This is not your private key: the tool could not use it. Nothing was recorded."),
    "not_open": _("Voting is not open: it runs from %(opens)s to %(closes)s."),
    "not_on_roll": _("You are not on this vote's roll."),
    "too_many": _("Choose at most %(count)s in “%(question)s”."),
    "ranks": _("In “%(question)s”, number your choices 1, 2, 3… using each number once, without gaps."),
    "no_shuffle": _("There is nothing to shuffle: the vote has no ranked question, or it is not closed."),
    "already_shuffled": _("Your shuffle is in, or the shuffles needed are all in."),
    "bad_shuffle": _(
        "This shuffle does not check out against the ballot box: its proof failed. Nothing was recorded."
    ),
    "shuffle_first": _(
        "The ranked ballots are shuffled before anyone decrypts. Shuffles still needed: %(count)s."
    ),
    "unknown_choice": _("That choice is not on the ballot."),
    "wrong_credential": _(
        "This credential is not valid for this vote. Copy it exactly as it was sent to you."
    ),
    "credential_taken": _("This credential has already been used by another voter."),
    # The public credentials name the voter each was made for: a credential from a shared mailbox or a forwarded
    # e-mail is another voter's, and would be a second ballot.
    "not_your_credential": _(
        "This credential was sent to another voter. Use the one in the e-mail sent to you; nothing was recorded."
    ),
    "not_yet_closed": _("Voting closes at %(closes)s; the tally starts after that."),
    "already_decrypted": _("You have already provided your partial decryption."),
    "tallied": _("The result is already decrypted and published: no further step is needed."),
    "tool": _(
        "The voting tool refused this step. Nothing was recorded; try again or tell the administrator."
    ),
}


def error(code: str, field: str | None = None, **params) -> DomainError:
    message = str(MESSAGES[code])
    return DomainError(code, message % params if params else message, field=field)


def when(moment) -> str:
    """A moment as the page's language writes it, in Almaty time."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
