"""An organisation's people read back from their history: who joined, left or was removed, whose role changed, who
was invited and whose invitation was withdrawn or answered, by whom and when. The profile's own history
(`core.audit.history_of`) does not hold them: they are records of their own (`Membership`, `Invitation`)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from azamat.core.audit import KINDS, Change, shown
from azamat.registry.models import Invitation, Membership, Organisation

# The fields of a person's place in the organisation that its history shows; the rest (the message sent with a
# request, when and by whom it was decided) the record's own columns already say.
MEMBERSHIP_FIELDS = ("role", "status", "position")
INVITATION_FIELDS = ("role",)


@dataclass
class PeopleChange(Change):
    """A change as `core.audit.Change`, with whose place (or which invitation) it is; a field's old value None
    where there is none to show (a creation)."""

    subject: str = ""


def people_changes(*, organisation: Organisation, limit: int = 50) -> list[PeopleChange]:
    """Changes to the organisation's people, newest first: three queries, however many people and changes."""
    memberships = list(
        Membership.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    # The person by id, not by a join: a person whose account is gone keeps their rows in the history.
    people = get_user_model().objects.in_bulk({record.user_id for record in memberships})
    invitations = list(
        Invitation.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes = [
        *_changes(
            memberships,
            Membership,
            MEMBERSHIP_FIELDS,
            lambda record: _("Membership of %(person)s") % {"person": people.get(record.user_id) or "—"},
        ),
        *_changes(
            invitations,
            Invitation,
            INVITATION_FIELDS,
            lambda record: _("Invitation to %(email)s") % {"email": record.email},
        ),
    ]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def _changes(records, model, field_names, subject) -> list[PeopleChange]:
    previous_of: dict[int, object] = {}
    changes = []
    for record in records:  # oldest first: each record's previous version is the one seen last for its id
        previous = previous_of.get(record.id)
        previous_of[record.id] = record
        fields = []
        if record.history_type != "-":
            for name in field_names:
                field = model._meta.get_field(name)
                new = getattr(record, name)
                if previous is None:  # created, or saved before its history began: the value, no arrow
                    if new:
                        fields.append((str(field.verbose_name), None, shown(field, new)))
                elif getattr(previous, name) != new:
                    old = getattr(previous, name)
                    fields.append((str(field.verbose_name), shown(field, old), shown(field, new)))
            if record.history_type == "~" and not fields:
                continue  # a save that changed none of the fields shown (a request's message, say)
        changes.append(
            PeopleChange(
                when=record.history_date,
                who=record.history_user,
                kind=str(KINDS.get(record.history_type, record.history_type)),
                fields=fields,
                subject=subject(record),
            )
        )
    return changes
