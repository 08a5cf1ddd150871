"""Two people (or two tabs) editing one record (monitoring's people, cases, events…; a campaign and its tools, a
petition's draft, an appeal): the edit form carries when the record was last saved as it was
loaded, and a save over a change made since is refused instead of silently undoing it. For the records without an
`updated_at` of their own (a person, a case, an act, a source…), the moment is their history's last entry: every
save writes one. A record deleted meanwhile (an act, by a colleague or in another tab) is said to be, and the form
comes back with what was typed, for the editor to copy: a 404 would lose it."""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError

CHANGED_MEANWHILE = "changed_meanwhile"
MESSAGE = _(
    "Someone changed this record while you were editing it: open it to see their changes. Your text is kept "
    "here; save again to replace theirs with it."
)
# The same, when every save since the form was loaded was the editor's own (another tab, another window): "someone"
# would alarm them for nothing.
MESSAGE_OWN = _(
    "You saved this record in another tab or window after this form was loaded: open it to see what was saved. "
    "Your text is kept here; save again to replace that with it."
)
DELETED_MEANWHILE = "deleted_meanwhile"
MESSAGE_DELETED = _(
    "Someone deleted this record after you opened this form: what you typed is kept here, for you to copy before "
    "you leave the page."
)
MESSAGE_DELETED_OWN = _(
    "You deleted this record in another tab or window after you opened this form: what you typed is kept here, "
    "for you to copy before you leave the page."
)
# The moment of a record not saved yet (a policy never set, a checklist not sent): a form loaded then is refused
# once someone has saved it since, as a form loaded before any other save is.
NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def last_saved(record) -> datetime.datetime | None:
    """When the record was last saved, by its history; None for one without history (not saved yet)."""
    if record.pk is None:
        return None
    return (
        record.history.order_by("-history_date", "-history_id").values_list("history_date", flat=True).first()
    )


def loaded_marker(record) -> str:
    """The value the edit form keeps hidden: the record's last save as the form is loaded (NEVER for one not
    saved yet)."""
    return (last_saved(record) or NEVER).isoformat()


def require_unchanged(
    record, loaded_at: datetime.datetime | None, *, by=None, values: dict | None = None
) -> bool:
    """Inside the writing transaction: lock the record's row, then refuse when it was saved after the form was
    loaded, saying whether by someone else or only by `by` (the editor, in another tab). Without `loaded_at` (an
    old form, a script) there is nothing to compare.

    True when this save was made already: every save since was `by`'s and the record holds `values` (what this
    save would write) now. That is the same form sent twice (a double tap on Save, a second press on a slow line,
    the page sent again), not another text: nothing would change, so the caller writes nothing and answers as
    after a save; `record` is refreshed to what is stored. A different text from another tab is still refused."""
    if record.pk is not None:
        locked = type(record).objects.select_for_update().filter(pk=record.pk).values_list("pk", flat=True)
        if not list(locked):
            raise deleted_meanwhile(deleted(type(record), record.pk), by=by)
    if loaded_at is None or (last_saved(record) or NEVER) == loaded_at:
        return False
    since = record.history.filter(history_date__gt=loaded_at) if record.pk is not None else None
    own = (
        by is not None
        and since is not None
        and since.exists()
        and not since.exclude(history_user_id=by.pk).exists()
    )
    if own and values is not None and holds(type(record).objects.get(pk=record.pk), values):
        record.refresh_from_db()
        return True
    raise DomainError(CHANGED_MEANWHILE, MESSAGE_OWN if own else MESSAGE)


def holds(record, values: dict) -> bool:
    """Whether `record` (as stored) holds every one of `values`: a related record by its key, a many-to-many by
    the set of keys; a name that is no field of the record cannot be compared, so it does not."""
    for name, value in values.items():
        try:
            field = record._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.many_to_many:
            stored = set(getattr(record, name).values_list("pk", flat=True))
            if stored != {getattr(item, "pk", item) for item in value or ()}:
                return False
        elif field.is_relation:
            if getattr(record, field.attname) != getattr(value, "pk", value):
                return False
        elif getattr(record, field.attname) != value:
            return False
    return True


def taken_over(post, record, *, name: str = "loaded_at"):
    """The posted form with the newer moment, after a refusal: what was typed stays, and saving it again (having
    been told) replaces the other change. `name`: the hidden field's, as posted (a prefixed form's own)."""
    data = post.copy()
    data[name] = loaded_marker(record)
    return data


def deleted(model, pk):
    """The history's last entry of the record `pk` of `model` when that entry is its deletion (who deleted it,
    and what it held), else None: the record is still there, or never was."""
    last = model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
    return last if last is not None and last.history_type == "-" else None


def deleted_meanwhile(entry, *, by=None) -> DomainError:
    """The refusal of a save on a record deleted since its form was loaded (`entry`: `deleted`'s), saying
    whether the editor deleted it themselves, in another tab."""
    own = by is not None and entry is not None and entry.history_user_id == by.pk
    return DomainError(DELETED_MEANWHILE, MESSAGE_DELETED_OWN if own else MESSAGE_DELETED)
