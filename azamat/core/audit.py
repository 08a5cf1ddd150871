"""The audit trail: every domain model keeps history (django-simple-history); this reads it back."""

from dataclasses import dataclass


@dataclass
class Change:
    when: object
    who: object
    kind: str
    fields: list[tuple[str, object, object]]


def history_of(instance, limit: int = 50) -> list[Change]:
    """Changes to one record, newest first, each with the fields that changed (old → new)."""
    records = list(instance.history.select_related("history_user").order_by("-history_date")[: limit + 1])
    changes = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                verbose = instance._meta.get_field(change.field).verbose_name
                fields.append((str(verbose), change.old, change.new))
        changes.append(
            Change(when=record.history_date, who=record.history_user, kind=record.get_history_type_display(), fields=fields)
        )
    return changes
