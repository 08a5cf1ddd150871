"""Every write of the record: events, their acts, perpetrators and sources; persons (the files are files_services').
Each checks the permission (a child of an event is written by whoever may edit the event), validates, and saves with
`_history_user`, so each record's history tells who changed what. A refusal is a DomainError with a translated
message, on the form's field when it names one."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import edits, twice
from azamat.core.errors import DomainError
from azamat.core.permissions import Decision
from azamat.core.vault import words
from azamat.monitoring import permissions, publication
from azamat.monitoring.models import Act, Event, Involvement, Person, Source, Term
from azamat.monitoring.records_selectors import persons_filter, role_holders

NOT_ALLOWED = "not_allowed"
FUTURE_DATE = "future_date"
END_BEFORE_START = "end_before_start"
KATO = "kato_format"
TERM_KIND = "wrong_term"
NOT_A_READER = "not_a_role_holder"
NO_VICTIM = "no_victim"
UNKNOWN_PERSON = "unknown_person"
NO_PERPETRATOR = "no_perpetrator"
NO_ACCOUNT = "no_account"
NO_CONSENT_NOTE = "no_consent_note"
ALIAS_NAMES = "alias_names_person"
SENT_TWICE = "sent_twice"
PERSON_SENT_TWICE = "person_sent_twice"
ACT_SENT_TWICE = "act_sent_twice"
INVOLVEMENT_SENT_TWICE = "involvement_sent_twice"
SOURCE_SENT_TWICE = "source_sent_twice"
CHANGED_MEANWHILE = "changed_meanwhile"

MESSAGES = {
    FUTURE_DATE: _("The date is in the future: enter the date it happened."),
    END_BEFORE_START: _("The end date is before the start date."),
    KATO: _("A settlement's KATO code is 9 digits, for example 751110000."),
    TERM_KIND: _("Choose a term from the list."),
    NOT_A_READER: _("Share the record only with people who have a monitoring role in the organisation."),
    NO_VICTIM: _("Name the victim: choose a person or describe a group of victims."),
    UNKNOWN_PERSON: _("Choose a person of this organisation's records."),
    NO_PERPETRATOR: _("Name the perpetrator: a person, a state body or a description of who it was."),
    NO_ACCOUNT: _("Write what the source says or give a link or document reference."),
    NO_CONSENT_NOTE: _("Write how and when the person gave consent to publish the name."),
    ALIAS_NAMES: _(
        "The public description must not contain the person's name: it is shown instead of the name."
    ),
    SENT_TWICE: _(
        "You recorded this event a moment ago as %(number)s: open it from the list of events rather than record "
        "it twice."
    ),
    PERSON_SENT_TWICE: _(
        "You recorded this person a moment ago as № %(number)s: open their page rather than record them twice."
    ),
    ACT_SENT_TWICE: _(
        "You added this act to event %(number)s a moment ago: see it on the event's page rather than add it twice."
    ),
    INVOLVEMENT_SENT_TWICE: _(
        "You added this perpetrator to the act a moment ago: see it on the page of event %(number)s rather than "
        "add it twice."
    ),
    SOURCE_SENT_TWICE: _(
        "You added this source to event %(number)s a moment ago: see it on the event's page rather than add it "
        "twice."
    ),
    CHANGED_MEANWHILE: _(
        "Someone changed this event while you were editing it: open it to see their changes. Your text is kept "
        "here; save again to replace theirs with it."
    ),
}
KATO_FORMAT = re.compile(r"^\d{9}$")
EVENT_FIELDS = (
    "title",
    "description",
    "type",
    "date",
    "date_precision",
    "date_end",
    "region",
    "settlement_kato",
    "place",
    "polling_station",
    "restricted",
)
EVENT_TEXTS = ("title", "description", "place", "polling_station")
PERSON_FIELDS = (
    "name",
    "other_names",
    "birth_date",
    "phone",
    "address",
    "notes",
    "sex",
    "occupation",
    "region",
    "consent_to_publish",
    "consent_note",
    "public_alias",
)


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _save(record, by, *, exclude: list[str] | None = None) -> None:
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=None if field == "__all__" else field) from exc
    record._history_user = by
    record.save()


def _not_future(value, field: str) -> None:
    if value and value > timezone.localdate():
        raise _error(FUTURE_DATE, field)


def _term(term: Term | None, kind: str, field: str) -> None:
    if term is None or term.kind != kind:
        raise _error(TERM_KIND, field)


def _person_of(by, organisation_id: int, person: Person | None, field: str) -> None:
    """A person picked on a form must be of the organisation and one the writer may see."""
    if person is None:
        return
    if person.organisation_id != organisation_id or not (
        Person.objects.filter(persons_filter(by, organisation_id)).filter(pk=person.pk).exists()
    ):
        raise _error(UNKNOWN_PERSON, field)


# — events —


def _event_values(values: dict) -> dict:
    """Checked and tidied: a date known to the month or the year is kept as its first day, so lists sort and
    filter it where it belongs."""
    date, precision, end = values["date"], values["date_precision"], values.get("date_end")
    if date is not None and precision == Event.Precision.MONTH:
        date = date.replace(day=1)
    elif date is not None and precision == Event.Precision.YEAR:
        date = date.replace(month=1, day=1)
    _not_future(values["date"], "date")
    _not_future(end, "date_end")
    if end and date and end < values["date"]:
        raise _error(END_BEFORE_START, "date_end")
    kato = (values.get("settlement_kato") or "").strip()
    if kato and not KATO_FORMAT.match(kato):
        raise _error(KATO, "settlement_kato")
    _term(values["type"], Term.Kind.EVENT_TYPE, "type")
    texts = {name: (values.get(name) or "").strip() for name in EVENT_TEXTS}
    return {
        **values,
        **texts,
        "date": date,
        "date_precision": precision or Event.Precision.DAY,
        "settlement_kato": kato,
        "restricted": bool(values.get("restricted")),
    }


def _rights(rights) -> list[Term]:
    rights = list(rights or [])
    if any(term.kind != Term.Kind.RIGHT for term in rights):
        raise _error(TERM_KIND, "rights")
    return rights


def _readers(organisation_id: int, readers, entered_by_id: int | None) -> list:
    """Whom the event is shared with: role holders of the organisation (who entered it reads it anyway)."""
    readers = [reader for reader in (readers or []) if reader.pk != entered_by_id]
    allowed = set(role_holders(organisation_id).values_list("pk", flat=True))
    if any(reader.pk not in allowed for reader in readers):
        raise _error(NOT_A_READER, "readers")
    return readers


@transaction.atomic
def event_create(*, by, organisation, rights=(), readers=(), **values) -> Event:
    """A new event of the organisation, entered by `by` (any of its monitoring people), status received."""
    _require(permissions.can_work_in(by, organisation.pk))
    values = _event_values({name: values.get(name) for name in EVENT_FIELDS})
    rights = _rights(rights)
    readers = _readers(organisation.pk, readers, by.pk)
    same = twice.recent_twin(
        Event,
        by=by,
        organisation=organisation,
        **{name: values[name] for name in ("type", "date", "region", "title", "description")},
    )
    if same is not None:
        raise _error(SENT_TWICE, number=same.number)
    event = Event(organisation=organisation, entered_by=by, **values)
    _save(event, by, exclude=["number"])
    event.rights.set(rights)
    event.readers.set(readers)
    return event


@transaction.atomic
def event_update(
    *, event: Event, by, rights=(), readers=(), loaded_at: datetime.datetime | None = None, **values
) -> Event:
    """With `loaded_at` (when the editor's form was loaded), a save over a change made since (a colleague, the
    verification, another tab) is refused rather than silently undoing it."""
    _require(permissions.can_edit_event(by, event))
    current = Event.objects.select_for_update().only("updated_at").get(pk=event.pk).updated_at
    if loaded_at is not None and current != loaded_at:
        since = event.history.filter(updated_at__gt=loaded_at)
        if since.exists() and not since.exclude(history_user_id=by.pk).exists():
            raise DomainError(CHANGED_MEANWHILE, edits.MESSAGE_OWN)  # their own save, from another tab
        raise _error(CHANGED_MEANWHILE)
    values = _event_values({name: values.get(name) for name in EVENT_FIELDS})
    rights = _rights(rights)
    readers = _readers(event.organisation_id, readers, event.entered_by_id)
    for name, value in values.items():
        setattr(event, name, value)
    _save(event, by)
    event.rights.set(rights)
    event.readers.set(readers)
    return event


# — acts and perpetrators —


def _act_values(event: Event, by, values: dict) -> dict:
    _term(values.get("type"), Term.Kind.ACT_TYPE, "type")
    victim, group = values.get("victim"), (values.get("victim_group") or "").strip()
    if victim is None and not group:
        raise _error(NO_VICTIM, "victim")
    _person_of(by, event.organisation_id, victim, "victim")
    _not_future(values.get("date"), "date")
    return {
        "type": values["type"],
        "victim": victim,
        "victim_group": group,
        "date": values.get("date"),
        "description": values.get("description") or "",
    }


def _add_rights(event: Event, rights, by) -> None:
    """The rights an act violated are the event's (an act has none of its own): added to the event's."""
    rights = _rights(rights)
    if rights and not {term.pk for term in rights} <= set(event.rights.values_list("pk", flat=True)):
        event._history_user = by
        event.rights.add(*rights)


@transaction.atomic
def act_create(*, event: Event, by, rights=(), **values) -> Act:
    _require(permissions.can_edit_event(by, event))
    values = _act_values(event, by, values)
    if twice.recent_twin(Act, by=by, event=event, **values) is not None:
        raise _error(ACT_SENT_TWICE, number=event.number)
    act = Act(event=event, **values)
    act.position = (event.acts.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    _save(act, by)
    _add_rights(event, rights, by)
    return act


@transaction.atomic
def act_update(*, act: Act, by, rights=(), loaded_at: datetime.datetime | None = None, **values) -> Act:
    """With `loaded_at` (the act's last save as the editor's form was loaded), a save over a change made since
    is refused rather than silently undoing it."""
    _require(permissions.can_edit_event(by, act.event))
    values = _act_values(act.event, by, values)
    if edits.require_unchanged(act, loaded_at, by=by, values=values):
        return act  # the same form sent twice: saved by the first
    for name, value in values.items():
        setattr(act, name, value)
    _save(act, by)
    _add_rights(act.event, rights, by)
    return act


@transaction.atomic
def act_delete(*, act: Act, by) -> None:
    _require(permissions.can_edit_event(by, act.event))
    for involvement in act.involvements.all():
        involvement._history_user = by
        involvement.delete()
    act._history_user = by
    act.delete()


@transaction.atomic
def involvement_create(
    *, act: Act, by, perpetrator=None, body=None, description: str = "", role: str
) -> Involvement:
    _require(permissions.can_edit_event(by, act.event))
    description = (description or "").strip()
    if perpetrator is None and body is None and not description:
        raise _error(NO_PERPETRATOR, "perpetrator")
    _person_of(by, act.event.organisation_id, perpetrator, "perpetrator")
    typed = {"perpetrator": perpetrator, "body": body, "description": description, "role": role}
    if twice.recent_twin(Involvement, by=by, act=act, **typed) is not None:
        raise _error(INVOLVEMENT_SENT_TWICE, number=act.event.number)
    involvement = Involvement(act=act, **typed)
    _save(involvement, by)
    return involvement


@transaction.atomic
def involvement_delete(*, involvement: Involvement, by) -> None:
    _require(permissions.can_edit_event(by, involvement.act.event))
    involvement._history_user = by
    involvement.delete()


# — sources —


def _source_values(event: Event, by, values: dict) -> dict:
    account, reference = ((values.get(k) or "").strip() for k in ("account", "reference"))
    if not account and not reference:
        raise _error(NO_ACCOUNT, "account")
    _not_future(values.get("received_on"), "received_on")
    _person_of(by, event.organisation_id, values.get("person"), "person")
    return {
        "kind": values.get("kind") or "",
        "reliability": values.get("reliability") or "",
        "received_on": values.get("received_on"),
        "person": values.get("person"),
        "account": account,
        "reference": reference,
    }


@transaction.atomic
def source_create(*, event: Event, by, **values) -> Source:
    _require(permissions.can_edit_event(by, event))
    values = _source_values(event, by, values)
    if twice.recent_twin(Source, by=by, event=event, **values) is not None:
        raise _error(SOURCE_SENT_TWICE, number=event.number)
    source = Source(event=event, **values)
    _save(source, by)
    return source


@transaction.atomic
def source_update(*, source: Source, by, loaded_at: datetime.datetime | None = None, **values) -> Source:
    """With `loaded_at` (the source's last save as the editor's form was loaded), a save over a change made
    since is refused rather than silently undoing it."""
    _require(permissions.can_edit_event(by, source.event))
    values = _source_values(source.event, by, values)
    if edits.require_unchanged(source, loaded_at, by=by, values=values):
        return source  # the same form sent twice: saved by the first
    for name, value in values.items():
        setattr(source, name, value)
    _save(source, by)
    return source


# — persons —


def _person_values(values: dict) -> dict:
    cleaned = {}
    for name in PERSON_FIELDS:
        value = values.get(name)
        if name == "region":
            cleaned[name] = value
        elif name == "consent_to_publish":
            cleaned[name] = bool(value)
        else:
            cleaned[name] = (value or "").strip()
    values = cleaned
    if values["consent_to_publish"] and not values["consent_note"]:
        raise _error(NO_CONSENT_NOTE, "consent_note")
    named = set(words(values["name"])) | set(words(values["other_names"]))
    if not values["consent_to_publish"] and named & set(words(values["public_alias"])):
        raise _error(ALIAS_NAMES, "public_alias")
    return values


@transaction.atomic
def person_create(*, by, organisation, **values) -> Person:
    _require(permissions.can_work_in(by, organisation.pk))
    values = _person_values(values)
    same = twice.recent_twin(Person, by=by, organisation=organisation, **values)
    if same is not None:
        raise _error(PERSON_SENT_TWICE, number=same.pk)
    person = Person(organisation=organisation, created_by=by, **values)
    _save(person, by)
    return person


@transaction.atomic
def person_update(*, person: Person, by, loaded_at: datetime.datetime | None = None, **values) -> Person:
    """With `loaded_at` (the person's last save as the editor's form was loaded), a save over a change made since
    is refused rather than silently undoing it."""
    _require(permissions.can_edit_person(by, person))
    values = _person_values(values)
    if edits.require_unchanged(person, loaded_at, by=by, values=values):
        return person  # the same form sent twice: saved by the first
    shown = ("name", "other_names", "public_alias", "consent_to_publish")
    before = [getattr(person, name) for name in shown]
    for name, value in values.items():
        setattr(person, name, value)
    _save(person, by)
    if [getattr(person, name) for name in shown] != before:
        # What the public copies show of the person changed (a consent withdrawn hides the name at once).
        publication.person_changed(person=person, by=by)
    return person
