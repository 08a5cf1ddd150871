"""Every write of a court action (an action of the campaign's plan of kind "court"): its case (number, court,
outcome) and its hearings. Only the campaign's team, while the campaign runs; each change saved with
`_history_user`."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.campaigns.models import Action, Hearing
from azamat.campaigns.permissions import can_edit_campaign
from azamat.core.errors import DomainError

NOT_ALLOWED = "court_not_allowed"
NOT_COURT = "action_not_court"
NO_CASE = "court_case_required"
HEARING_YEAR = "hearing_year"
# A hearing held or set within this many years of today: a case runs for years, a year typed as 0202 or 2206
# does not (and a hearing, once recorded, is part of the campaign's public record).
HEARING_YEARS = 5

MESSAGES = {
    NOT_COURT: _("This action of the plan is not a court action."),
    NO_CASE: _("Write the case number or the court before recording the outcome."),
    HEARING_YEAR: _("Check the year: a hearing's date is from %(earliest)s to %(latest)s."),
}


def _error(code: str, field: str | None = None) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field)


def _check(action: Action, by) -> Action:
    decision = can_edit_campaign(by, action.campaign)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.kind != Action.Kind.COURT:
        raise _error(NOT_COURT)
    return locked


@transaction.atomic
def court_update(*, action: Action, by, case_number: str, court: str, outcome: str = "") -> Action:
    """The case's number, its court and its outcome; an outcome closes the action (done), taking it back
    reopens it."""
    locked = _check(action, by)
    locked.case_number = case_number.strip()
    locked.court = court.strip()
    if outcome and not (locked.case_number or locked.court):
        raise _error(NO_CASE, "case_number")
    locked.outcome = outcome or ""
    if outcome:
        locked.status = Action.Status.DONE
    elif locked.status == Action.Status.DONE:
        locked.status = Action.Status.IN_PROGRESS
    locked.full_clean()
    locked._history_user = by
    locked.save()
    for name in ("case_number", "court", "outcome", "status"):
        setattr(action, name, getattr(locked, name))
    return locked


@transaction.atomic
def hearing_add(*, action: Action, by, held_on: datetime.date, notes: str = "") -> Hearing:
    """A hearing of the case (a date past or to come, and what happened there); a planned action is then in
    progress."""
    locked = _check(action, by)
    year = timezone.localdate().year
    earliest, latest = datetime.date(year - HEARING_YEARS, 1, 1), datetime.date(year + HEARING_YEARS, 12, 31)
    if not earliest <= held_on <= latest:
        raise DomainError(
            HEARING_YEAR,
            MESSAGES[HEARING_YEAR] % {"earliest": date_format(earliest), "latest": date_format(latest)},
            field="held_on",
        )
    hearing = Hearing(action=locked, held_on=held_on, notes=notes.strip())
    hearing.full_clean()
    hearing._history_user = by
    hearing.save()
    if locked.status == Action.Status.PLANNED:
        locked.status = Action.Status.IN_PROGRESS
        locked._history_user = by
        locked.save(update_fields=["status"])
        action.status = locked.status
    return hearing
