"""The same form sent twice (a double tap on a phone, the back button, a retry on a slow line) makes one record:
the person's row is locked, so two requests at once are checked one after the other, and a record of theirs
identical in every field typed is found. The service then lands the person on it, as after their first tap
(campaigns), or tells them its number (monitoring).

Encrypted fields (core.vault's VaultField) cannot be compared in SQL: the records alike in the other fields are
read and those compared here."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from azamat.core.vault import VaultField

# How long the same record sent again is taken for the one just made (`recent_twin`): past it, the same typed
# again is another record (a second visit on the same day, a second check of a site).
WITHIN = datetime.timedelta(minutes=30)


def lock(by) -> None:
    """Inside the writing transaction: the person's row locked until it ends, so their own requests that make a
    record run one after the other."""
    list(get_user_model().objects.select_for_update().filter(pk=by.pk).values_list("pk", flat=True))


def twin(model, *, by, **fields):
    """Inside the writing transaction: the record of `model` that `by` already made (its `created_by`) with these
    very `fields`, or None."""
    lock(by)
    return _alike(model.objects.filter(created_by=by), fields)


def recent_twin(model, *, by, within: datetime.timedelta = WITHIN, **fields):
    """Inside the writing transaction: the record of `model` that `by` made in the last `within` with these very
    `fields`, or None. Who made it and when is the record's history (its first entry, saved with
    `_history_user`), so a record that keeps no author of its own (a hearing, an act) is found too; one deleted
    since is not."""
    lock(by)
    made = model.history.filter(
        history_type="+", history_user=by, history_date__gte=timezone.now() - within
    ).values("id")
    return _alike(model.objects.filter(pk__in=made), fields)


def _alike(records, fields: dict):
    """The first of `records` with these `fields`: the plain ones compared in SQL, the encrypted ones here."""
    sealed = {
        name: value
        for name, value in fields.items()
        if isinstance(records.model._meta.get_field(name.split("__", 1)[0]), VaultField)
    }
    plain = {name: value for name, value in fields.items() if name not in sealed}
    for record in records.filter(**plain).order_by("pk"):
        if all(getattr(record, name) == value for name, value in sealed.items()):
            return record
    return None


def same_words(a: str, b: str) -> bool:
    """Whether two texts say the same words, whatever their case and spacing: a title sent again ("Пандусы  в
    поликлиниках" typed once more, a trailing space) is the one already made, not another."""
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()
