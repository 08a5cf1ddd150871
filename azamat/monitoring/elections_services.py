"""Election observation: setting up an observed election with its stations and observers, the checklists the
observers send at each phase of the day, incidents reported as events of the record, closing the observation
and publishing its totals. Every write checks its permission; bad input raises DomainError and changes nothing.

The checklist follows the common practice of election observation missions (opening, voting, counting): each
question is answered yes, no or "not seen", and each says which answer is a problem, so the totals count
problems the same way at every station."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import edits, twice
from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.monitoring import permissions
from azamat.monitoring.models import Checklist, Election, Event, PollingStation, Source, Term
from azamat.monitoring.publication import TOPIC
from azamat.monitoring.records_selectors import role_holders
from azamat.monitoring.records_services import KATO_FORMAT, _require, _save, event_create

YES, NO, UNSEEN = "yes", "no", "unseen"
ANSWERS = [(YES, _("Yes")), (NO, _("No")), (UNSEEN, _("Not seen"))]

# phase → [(code, question, the answer that is a problem)]
CHECKLIST = {
    Checklist.Phase.OPENING: [
        ("opened_on_time", _("The station opened at 7:00 as the law requires."), NO),
        ("boxes_empty", _("The ballot boxes were shown empty and sealed before voting began."), NO),
        ("ballots_counted", _("The commission counted the ballots received and wrote the figure down."), NO),
        ("observers_admitted", _("Observers were let in and could see the whole procedure."), NO),
    ],
    Checklist.Phase.VOTING: [
        ("ids_checked", _("Voters' identity documents were checked against the voter list."), NO),
        ("secrecy", _("Voters marked their ballots alone, in a booth."), NO),
        ("multiple_voting", _("Someone voted more than once or for others (carousel, family voting)."), YES),
        ("unauthorised_people", _("People with no right to be there directed or watched the voting."), YES),
        (
            "pressure",
            _("Voters were pressured, transported in groups or offered something for their vote."),
            YES,
        ),
        ("observers_obstructed", _("Observers were hindered, kept at a distance or removed."), YES),
    ],
    Checklist.Phase.COUNTING: [
        ("unused_cancelled", _("Unused ballots were cancelled before the boxes were opened."), NO),
        ("counted_aloud", _("Each ballot was shown and announced aloud during the count."), NO),
        ("figures_agree", _("The figures of the results protocol add up."), NO),
        ("protocol_copy", _("Observers received a certified copy of the results protocol."), NO),
    ],
}

NOT_AN_OBSERVER = "not_an_observer"
DUPLICATE_STATION = "duplicate_station"
UNANSWERED = "unanswered"
NOT_CLOSED = "not_closed"
KATO = "kato_format"
SENT_TWICE = "sent_twice"
MESSAGES = {
    NOT_AN_OBSERVER: _("An observer is one of the organisation's monitoring people."),
    DUPLICATE_STATION: _("This election already has a polling station with this number."),
    UNANSWERED: _("Answer every question of the checklist: yes, no or not seen."),
    NOT_CLOSED: _(
        "Close the observation before publishing its totals: observers may still be sending reports."
    ),
    KATO: _("A KATO code has 9 digits."),
    SENT_TWICE: _(
        "You set up the election “%(title)s” a moment ago: open it from the list of elections rather than set it "
        "up twice."
    ),
}


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = str(MESSAGES[code])
    return DomainError(code, message % values if values else message, field=field)


def questions(phase: str) -> list[tuple[str, str, str]]:
    return CHECKLIST[Checklist.Phase(phase)]


def is_problem(phase: str, code: str, answer: str) -> bool:
    return any(q_code == code and answer == problem for q_code, _text, problem in questions(phase))


# — setting up —


@transaction.atomic
def election_create(*, by, organisation, title: str, kind: str, day) -> Election:
    _require(permissions.can_coordinate_elections(by, organisation.pk))
    typed = {"title": (title or "").strip(), "kind": kind, "day": day}
    if twice.recent_twin(Election, by=by, organisation=organisation, **typed) is not None:
        raise _error(SENT_TWICE, title=typed["title"])
    election = Election(organisation=organisation, created_by=by, **typed)
    _save(election, by)
    return election


def _observers(election: Election, observers) -> list:
    observers = list(observers or [])
    allowed = set(role_holders(election.organisation_id).values_list("pk", flat=True))
    if any(observer.pk not in allowed for observer in observers):
        raise _error(NOT_AN_OBSERVER, "observers")
    return observers


def _station_values(values: dict) -> dict:
    kato = (values.get("settlement_kato") or "").strip()
    if kato and not KATO_FORMAT.match(kato):
        raise _error(KATO, "settlement_kato")
    return {
        "number": (values.get("number") or "").strip(),
        "region": values.get("region"),
        "settlement_kato": kato,
        "address": (values.get("address") or "").strip(),
    }


@transaction.atomic
def station_add(*, by, election: Election, observers=(), **values) -> PollingStation:
    _require(permissions.can_coordinate_elections(by, election.organisation_id))
    values = _station_values(values)
    if election.stations.filter(number=values["number"]).exists():
        raise _error(DUPLICATE_STATION, "number")
    observers = _observers(election, observers)
    station = PollingStation(election=election, **values)
    try:
        with transaction.atomic():
            _save(station, by)
    except IntegrityError:  # the same number at the same moment: the form sent twice, another coordinator
        raise _error(DUPLICATE_STATION, "number") from None
    station.observers.set(observers)
    return station


@transaction.atomic
def station_update(
    *, by, station: PollingStation, observers=(), loaded_at: datetime.datetime | None = None, **values
) -> PollingStation:
    """With `loaded_at` (the station's last save as the form was loaded), a save over a coordinator's change
    made since is refused rather than silently undoing it."""
    election = station.election
    _require(permissions.can_coordinate_elections(by, election.organisation_id))
    values = _station_values(values)
    observers = _observers(election, observers)
    if edits.require_unchanged(station, loaded_at, by=by, values={**values, "observers": observers}):
        return station  # the same form sent twice: saved by the first
    if election.stations.filter(number=values["number"]).exclude(pk=station.pk).exists():
        raise _error(DUPLICATE_STATION, "number")
    for name, value in values.items():
        setattr(station, name, value)
    _save(station, by)
    station.observers.set(observers)
    return station


@transaction.atomic
def election_close(*, by, election: Election, closed: bool = True) -> Election:
    _require(permissions.can_coordinate_elections(by, election.organisation_id))
    election.closed = closed
    election._history_user = by
    election.save(update_fields=["closed"])
    return election


@transaction.atomic
def election_publish(*, by, election: Election, published: bool = True) -> Election:
    """The totals (checklist answers counted by phase and region) go public; the observers, the stations'
    answers one by one and the notes never do. Incidents are published one by one as events."""
    _require(permissions.can_coordinate_elections(by, election.organisation_id))
    if published and not election.closed:
        raise _error(NOT_CLOSED)
    election.published_at = timezone.now() if published else None
    election._history_user = by
    election.save(update_fields=["published_at"])
    topics_bump(TOPIC)
    return election


# — the day —


@transaction.atomic
def checklist_send(
    *,
    by,
    station: PollingStation,
    phase: str,
    answers: dict,
    note: str = "",
    loaded_at: datetime.datetime | None = None,
) -> Checklist:
    """The observer's answers for a phase; sent again, they replace the earlier ones. With `loaded_at` (the
    checklist's last save as the form was loaded, or NEVER before one was sent), a form from another tab is
    refused once answers were sent since, rather than silently replacing them."""
    _require(permissions.can_report_at(by, station))
    asked = questions(phase)
    clean = {code: answers.get(code) for code, _text, _problem in asked}
    if any(answer not in (YES, NO, UNSEEN) for answer in clean.values()):
        raise _error(UNANSWERED)
    problems = sum(1 for code, _text, problem in asked if clean[code] == problem)
    checklist = Checklist.objects.select_for_update().filter(
        station=station, observer=by, phase=phase
    ).first() or Checklist(station=station, observer=by, phase=phase)
    if checklist.pk is not None and (checklist.answers, checklist.note) == (clean, (note or "").strip()):
        return checklist  # the same answers sent again (a second tap, a retry on a slow line): already sent
    edits.require_unchanged(checklist, loaded_at, by=by)
    checklist.answers, checklist.problems = clean, problems
    checklist.note = (note or "").strip()
    checklist.sent_at = timezone.now()
    _save(checklist, by)
    return checklist


@transaction.atomic
def incident_report(*, by, station: PollingStation, title: str, description: str) -> Event:
    """An incident at the station becomes an event of the record (an election violation on the election day,
    at the station's place), with the observer's own report as its source; verifiers verify it like any
    other event, and it is published, redacted, only once verified."""
    _require(permissions.can_report_at(by, station))
    election = station.election
    event = event_create(
        by=by,
        organisation=election.organisation,
        title=title,
        description=description,
        type=Term.objects.get(kind=Term.Kind.EVENT_TYPE, code="election"),
        date=election.day,
        date_precision=Event.Precision.DAY,
        region=station.region,
        settlement_kato=station.settlement_kato,
        place=station.address,
        polling_station=station.number,
    )
    event.election, event.station = election, station
    event._history_user = by
    event.save(update_fields=["election", "station"])
    source = Source(
        event=event,
        kind=Source.Kind.MONITOR,
        reliability=Source.Reliability.USUALLY,
        received_on=timezone.localdate(),
        account=(description or "").strip(),
        reference=str(_("Observer's report from polling station %(number)s") % {"number": station.number}),
    )
    _save(source, by)
    return event
