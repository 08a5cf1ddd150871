"""Two people (or two tabs) editing one record: the edit form carries when the record was last saved as it was
loaded, and a save over a change made since is refused instead of silently undoing it. For the records without an
`updated_at` of their own (a person, a case), the moment is their history's last entry: every save writes one."""

import datetime

from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError

CHANGED_MEANWHILE = "changed_meanwhile"
MESSAGE = _(
    "Someone changed this record while you were editing it: open it to see their changes. Your text is kept "
    "here; save again to replace theirs with it."
)


def last_saved(record) -> datetime.datetime | None:
    """When the record was last saved, by its history; None for one without history (nothing to compare)."""
    return (
        record.history.order_by("-history_date", "-history_id").values_list("history_date", flat=True).first()
    )


def loaded_marker(record) -> str:
    """The value the edit form keeps hidden: the record's last save as the form is loaded."""
    saved = last_saved(record)
    return saved.isoformat() if saved else ""


def require_unchanged(record, loaded_at: datetime.datetime | None) -> None:
    """Inside the writing transaction: lock the record's row, then refuse when it was saved after the form was
    loaded. Without `loaded_at` (an old form, a script) there is nothing to compare."""
    list(type(record).objects.select_for_update().filter(pk=record.pk).values_list("pk", flat=True))
    if loaded_at is not None and last_saved(record) != loaded_at:
        raise DomainError(CHANGED_MEANWHILE, MESSAGE)


def taken_over(post, record):
    """The posted form with the newer moment, after a refusal: what was typed stays, and saving it again (having
    been told) replaces the other change."""
    data = post.copy()
    data["loaded_at"] = loaded_marker(record)
    return data
