"""The operator's corrections to the blind version of an application: words to hide and words to show."""

import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.grants.models import Application
from azamat.grants.permissions import can_check_compliance

NOT_ALLOWED = "not_allowed"
NOT_SUBMITTED = "blind_not_submitted"
ENTRY_TOO_SHORT = "blind_entry_too_short"
ENTRY_TOO_LONG = "blind_entry_too_long"
TOO_MANY = "blind_too_many"

MAX_ENTRIES = 100
MAX_LENGTH = 100

MESSAGES = {
    NOT_SUBMITTED: _("The blind version can be corrected once the application is submitted."),
    ENTRY_TOO_SHORT: _("“%(entry)s” is too short: give a word of at least two letters."),
    ENTRY_TOO_LONG: _("“%(entry)s…” is too long: give words of at most %(limit)s characters."),
    TOO_MANY: _("Give at most %(limit)s words in each list."),
}


def _clean(entries: list[str], field: str) -> list[str]:
    cleaned: list[str] = []
    for entry in entries:
        entry = " ".join(entry.split())
        if not entry or entry.casefold() in {e.casefold() for e in cleaned}:
            continue
        if len(entry) > MAX_LENGTH:
            raise DomainError(
                ENTRY_TOO_LONG,
                MESSAGES[ENTRY_TOO_LONG] % {"entry": entry[:30], "limit": MAX_LENGTH},
                field=field,
            )
        # Fewer than two letters would black out every word that starts with them.
        if len(re.findall(r"[^\W\d_]", entry)) < 2 and not any(ch.isdigit() for ch in entry):
            raise DomainError(ENTRY_TOO_SHORT, MESSAGES[ENTRY_TOO_SHORT] % {"entry": entry}, field=field)
        cleaned.append(entry)
    if len(cleaned) > MAX_ENTRIES:
        raise DomainError(TOO_MANY, MESSAGES[TOO_MANY] % {"limit": MAX_ENTRIES}, field=field)
    return cleaned


@transaction.atomic
def application_blind_correct(
    *, application: Application, by, hide: list[str], show: list[str]
) -> Application:
    """Replace the operator's lists of words to black out and to leave visible in what experts read.
    The application's history keeps every earlier version of the lists and who changed them."""
    allowed = can_check_compliance(by)
    if not allowed:
        raise DomainError(NOT_ALLOWED, allowed.reason)
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if application.status in {Application.Status.DRAFT, Application.Status.WITHDRAWN}:
        raise DomainError(NOT_SUBMITTED, MESSAGES[NOT_SUBMITTED])
    corrections = {"hide": _clean(hide, "hide"), "show": _clean(show, "show")}
    if corrections != (application.blind_corrections or {"hide": [], "show": []}):
        application.blind_corrections = corrections
        application._history_user = by
        application.save(update_fields=["blind_corrections", "updated_at"])
    return application
