"""The audit trail: every domain model keeps history (django-simple-history); this reads it back."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# The kinds of change in our own catalogue: django-simple-history has no Kazakh one.
KINDS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
# How soon after a record's creation its many-to-many fields, set by the same person, still belong to it.
CREATION_WINDOW = datetime.timedelta(seconds=5)


@dataclass
class Change:
    when: object
    who: object
    kind: str
    fields: list[tuple[str, object, object]]


def history_of(instance, limit: int = 50) -> list[Change]:
    """Changes to one record, newest first, each with the fields that changed (old → new)."""
    # Many-to-many fields kept in history (an organisation's areas) are read for all records at once: asking
    # diff_against for them costs two queries per record.
    m2m = {
        field.name: _m2m_target(instance, field.name)
        for field in getattr(instance.history.model, "_history_m2m_fields", [])
    }
    history = instance.history.select_related("history_user").order_by("-history_date")
    records = list(history[: limit + 1])
    m2m_rows: dict[tuple[str, int], list[str]] = {}
    for name, target in m2m.items():
        through = getattr(records[0], name).model if records else None
        rows = through.objects.filter(history__in=records).select_related(target) if through else []
        for row in rows:
            m2m_rows.setdefault((name, row.history_id), []).append(str(getattr(row, target)))
    changes = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        if _completes_creation(record, previous, list(m2m)):
            continue
        fields = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=list(m2m))
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                fields.append((str(field.verbose_name), shown(field, change.old), shown(field, change.new)))
            for name in m2m:
                old, new = (sorted(m2m_rows.get((name, r.pk), [])) for r in (previous, record))
                if old != new:
                    fields.append(
                        (str(instance._meta.get_field(name).verbose_name), ", ".join(old), ", ".join(new))
                    )
        changes.append(
            Change(
                when=record.history_date,
                who=record.history_user,
                kind=KINDS.get(record.history_type, record.history_type),
                fields=fields,
            )
        )
    return changes


def _completes_creation(record, previous, m2m: list[str]) -> bool:
    """A many-to-many field set right after its record was created (the areas given when registering an
    organisation: the record must exist before they can be linked) is part of the creation, not a change of it."""
    return (
        previous is not None
        and previous.history_type == "+"
        and record.history_type == "~"
        and record.history_user_id == previous.history_user_id
        and record.history_date - previous.history_date < CREATION_WINDOW
        and not record.diff_against(previous, excluded_fields=m2m).changes
    )


def shown(field, value):
    """A value as the pages show it: a choice's label (in the active language), not its stored code; a file as
    "a file" (its stored path means nothing to a reader, and private files' paths are not shown)."""
    if isinstance(field, models.FileField):
        return _("a file") if value else ""
    if field.choices and value is not None:
        return dict(field.flatchoices).get(value, value)
    return value


def _m2m_target(instance, name: str) -> str:
    """The field of a history through row that points at the related object (an area, for areas)."""
    from simple_history import utils

    return utils.get_m2m_reverse_field_name(instance._meta.get_field(name))
