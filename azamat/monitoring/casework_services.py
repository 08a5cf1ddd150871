"""Every write of the casework: a verification step, interventions (one to a state body becomes an accountability
item), cases and hearings, blocked websites and their checks, detentions and visits. Views check who may (an
intervention and its outcome are checked here too); each function here checks the input, writes in one
transaction and saves with `_history_user`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.accountability.models import Item
from azamat.accountability.services import item_send
from azamat.core import edits, twice
from azamat.core.errors import DomainError
from azamat.core.permissions import Decision
from azamat.core.public_cache import topics_bump
from azamat.core.vault import words
from azamat.monitoring import permissions
from azamat.monitoring.lifecycle import EVENT, EVENT_NOTE_REQUIRED
from azamat.monitoring.models import (
    BlockedSite,
    Case,
    Detention,
    DetentionVisit,
    Event,
    Hearing,
    Intervention,
    SiteCheck,
)

# The steps that are hard to take back: the page shows what will happen and asks to confirm.
CONFIRM_STEPS = frozenset({"verify", "not_confirm", "reject"})
# The deadline rule of an intervention to a body: the Law on the procedure for considering appeals.
APPEAL_RULE = "appeal"

NOTE_REQUIRED = "note_required"
NOT_CONFIRMED = "not_confirmed"
NO_GRADE = "unknown_grade"
BODY_REQUIRED = "body_required"
IN_FUTURE = "in_future"
NAME_IN_SUBJECT = "name_in_subject"
DUPLICATE_SITE = "duplicate_site"
UNTIL_BEFORE_SINCE = "until_before_since"
SENT_TWICE = "sent_twice"
CASE_SENT_TWICE = "case_sent_twice"
HEARING_SENT_TWICE = "hearing_sent_twice"
CHECK_SENT_TWICE = "check_sent_twice"
DETENTION_SENT_TWICE = "detention_sent_twice"
VISIT_SENT_TWICE = "visit_sent_twice"
INVALID = "invalid"
NOT_ALLOWED = "not_allowed"

MESSAGES = {
    NOTE_REQUIRED: _("Write a note saying why: this step is kept with its reason."),
    NOT_CONFIRMED: _("Tick the box to confirm you have read what this step does."),
    NO_GRADE: _("Choose one of the reliability grades."),
    BODY_REQUIRED: _("Choose the state body a complaint or an appeal is addressed to."),
    IN_FUTURE: _("The date cannot be later than today, %(today)s."),
    NAME_IN_SUBJECT: _(
        "The subject seems to name a person (“%(word)s”). The body sees the subject: describe the matter "
        "without names; the text keeps the details."
    ),
    DUPLICATE_SITE: _("This address is already in the organisation's register of blocked websites."),
    UNTIL_BEFORE_SINCE: _("The end of the detention cannot be before its start."),
    SENT_TWICE: _(
        "You recorded this intervention a moment ago as № %(number)s: open it rather than record it twice."
    ),
    CASE_SENT_TWICE: _(
        "You opened this case a moment ago as № %(number)s: open it rather than open it twice."
    ),
    HEARING_SENT_TWICE: _(
        "You recorded this hearing a moment ago: see it on the page of case № %(number)s rather than record it "
        "twice."
    ),
    CHECK_SENT_TWICE: _(
        "You recorded this check a moment ago: see it on the page of %(url)s rather than record it twice."
    ),
    DETENTION_SENT_TWICE: _(
        "You recorded this detention a moment ago: see it on the page of person № %(number)s rather than record "
        "it twice."
    ),
    VISIT_SENT_TWICE: _(
        "You recorded this visit a moment ago: see it on the page of person № %(number)s rather than record it "
        "twice."
    ),
}
# What the item says besides its subject: the body learns nothing of the persons from Azamat.
DETAILS_KEPT = _("Details are kept by the organisation.")
# Kinds that need a body: a complaint and an appeal are addressed to one.
KINDS_WITH_BODY = frozenset({Intervention.Kind.COMPLAINT, Intervention.Kind.APPEAL})

# The public register of blocked websites is cached by this topic (public_views.sites).
SITES_TOPIC = "monitoring-sites"


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _save(record, by, **clean) -> None:
    try:
        record.full_clean(**clean)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(INVALID, " ".join(messages), field=None if field == "__all__" else field) from exc
    record._history_user = by
    record.save()


def _not_in_future(day: datetime.date, field: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise _error(IN_FUTURE, field, today=date_format(today, "DATE_FORMAT"))


# — verification —


def event_step(
    *, event: Event, name: str, by, note: str = "", reliability: str = "", confirmed: bool = False
) -> Event:
    """Take a verification step (lifecycle.EVENT): who may and when is the table's; a step that closes the
    verification needs the person's confirmation, one that says no or reopens needs a note. Verifying records
    who verified, when and the grade given. Nothing changes when any of it is refused."""
    EVENT[name]  # an unknown step is refused before anything else
    note = (note or "").strip()
    stored_grade = event.reliability
    if name == "verify":
        if reliability and reliability not in Event.Reliability.values:
            raise _error(NO_GRADE, "reliability")
        event.reliability = reliability  # the guard judges the grade given now
    try:
        EVENT.require(event, name, by)
        if name in EVENT_NOTE_REQUIRED and not note:
            raise _error(NOTE_REQUIRED, "note")
        if name in CONFIRM_STEPS and not confirmed:
            raise _error(NOT_CONFIRMED, "confirm")
    except DomainError:
        event.reliability = stored_grade
        raise
    fields: dict = {}
    if note:
        fields["verification_note"] = note
    if name == "verify":
        fields.update(verified_by=by, verified_at=timezone.now(), reliability=reliability)
    elif name == "reopen":
        fields.update(verified_by=None, verified_at=None)
    # The note is sealed in the record; the history's plain-text reason keeps only the step's name.
    return EVENT.apply(event, name, by=by, **fields)


# — interventions —


def _name_words(persons) -> set[str]:
    """The words of the persons' names long enough to be told apart from ordinary words."""
    found = set()
    for person in persons:
        for word in words(f"{person.name} {person.other_names}"):
            if len(word) >= 4:
                # A name's stem: declined forms (Сапарова, Сапаровқа; Айгерим → Айгеримге) start with it.
                found.add(word[:-1] if len(word) >= 6 and word[-1] in "аяеіыуоөұүэюи" else word)
    return found


def _check_subject(summary: str, persons) -> None:
    stems = _name_words(persons)
    for word in words(summary):
        if any(word.startswith(stem) for stem in stems):
            raise _error(NAME_IN_SUBJECT, "summary", word=word)


@transaction.atomic
def intervention_create(
    *,
    organisation,
    by,
    kind: str,
    sent_on: datetime.date,
    summary: str,
    text: str = "",
    body=None,
    person=None,
    event: Event | None = None,
    case: Case | None = None,
    named=(),
) -> Intervention:
    """Record an intervention on an event or a case. One to a state body becomes a private accountability item
    with the appeals' legal deadline; the item carries the subject only (and says the details are kept by the
    organisation), never the text or a name. `named` are the persons the intervention concerns: the subject may
    not name them."""
    _require(
        permissions.can_record_intervention(
            by, Intervention(organisation=organisation, event=event, case=case)
        )
    )
    summary = (summary or "").strip()
    if kind in KINDS_WITH_BODY and body is None:
        raise _error(BODY_REQUIRED, "body")
    _not_in_future(sent_on, "sent_on")
    _check_subject(summary, [*named, *([person] if person else [])])
    # Recorded twice, one to a state body was two accountability items: two appeals with two legal deadlines.
    same = twice.recent_twin(
        Intervention,
        by=by,
        organisation=organisation,
        event=event,
        case=case,
        kind=kind,
        body=body,
        sent_on=sent_on,
        summary=summary,
    )
    if same is not None:
        raise _error(SENT_TWICE, number=same.pk)
    intervention = Intervention(
        organisation=organisation,
        event=event,
        case=case,
        person=person,
        kind=kind,
        body=body,
        sent_on=sent_on,
        summary=summary,
        text=(text or "").strip(),
        created_by=by,
    )
    _save(intervention, by)
    if body is not None:
        intervention.item = item_send(
            kind=Item.Kind.APPEAL,
            rule=APPEAL_RULE,
            body=body,
            title=summary,
            text=f"{summary}\n\n{DETAILS_KEPT}",
            organisation=organisation,
            author=by,
            sent_on=sent_on,
            is_public=False,
            source=intervention,
            by=by,
        )
        intervention._history_user = by
        intervention.save(update_fields=["item"])
    return intervention


@transaction.atomic
def intervention_outcome(
    *, intervention: Intervention, by, outcome: str, loaded_at: datetime.datetime | None = None
) -> Intervention:
    """Who may record interventions there records what came of one (permissions.can_record_intervention). With
    `loaded_at` (the intervention's last save as the form was loaded), an outcome saved over a colleague's newer
    one is refused rather than silently undoing it; the same outcome again changes nothing."""
    outcome = (outcome or "").strip()
    intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
    _require(permissions.can_record_intervention(by, intervention))
    if outcome == intervention.outcome:
        return intervention
    edits.require_unchanged(intervention, loaded_at, by=by)
    intervention.outcome = outcome
    intervention._history_user = by
    intervention.save(update_fields=["outcome"])
    return intervention


# — cases —

CASE_FIELDS = (
    "title",
    "client",
    "court",
    "court_number",
    "strategic",
    "opened_on",
    "notes",
    "status",
    "outcome",
)


@transaction.atomic
def case_create(*, organisation, by, lawyers=(), events=(), **fields) -> Case:
    """Open a case: its lawyers (the organisation's lawyer role holders) and the events it arises from."""
    if fields.get("opened_on"):
        _not_in_future(fields["opened_on"], "opened_on")
    typed = {k: v for k, v in fields.items() if k in CASE_FIELDS}
    typed["title"] = (typed.get("title") or "").strip()
    same = twice.recent_twin(Case, by=by, organisation=organisation, **typed)
    if same is not None:
        raise _error(CASE_SENT_TWICE, number=same.pk)
    case = Case(organisation=organisation, created_by=by, **typed)
    _save(case, by)
    case.lawyers.set(lawyers)
    case.events.set(events)
    return case


@transaction.atomic
def case_update(
    *, case: Case, by, lawyers=None, events=None, loaded_at: datetime.datetime | None = None, **fields
) -> Case:
    """With `loaded_at` (the case's last save as the editor's form was loaded), a save over a change made since
    (another lawyer, another tab) is refused rather than silently undoing it."""
    if fields.get("opened_on"):
        _not_in_future(fields["opened_on"], "opened_on")
    case = Case.objects.select_for_update().get(pk=case.pk)
    typed = {name: value for name, value in fields.items() if name in CASE_FIELDS}
    related = {name: value for name, value in (("lawyers", lawyers), ("events", events)) if value is not None}
    if edits.require_unchanged(case, loaded_at, by=by, values={**typed, **related}):
        return case  # the same form sent twice: saved by the first
    for name, value in typed.items():
        setattr(case, name, value)
    _save(case, by)
    if lawyers is not None:
        case.lawyers.set(lawyers)
    if events is not None:
        case.events.set(events)
    return case


@transaction.atomic
def hearing_add(*, case: Case, by, date: datetime.date, stage: str = "", result: str = "") -> Hearing:
    typed = {"date": date, "stage": (stage or "").strip(), "result": (result or "").strip()}
    if twice.recent_twin(Hearing, by=by, case=case, **typed) is not None:
        raise _error(HEARING_SENT_TWICE, number=case.pk)
    hearing = Hearing(case=case, **typed)
    _save(hearing, by)
    return hearing


# — blocked websites —


def _address_forms(url: str) -> set[str]:
    """The ways one address is written: with and without the closing slash."""
    bare = url.rstrip("/")
    return {bare, f"{bare}/"}


@transaction.atomic
def site_create(
    *,
    organisation,
    by,
    url: str,
    reported_on: datetime.date,
    legal_basis: str = "",
    help_given: str = "",
    event: Event | None = None,
) -> BlockedSite:
    url = url.strip()
    _not_in_future(reported_on, "reported_on")
    same = Q()
    for form in _address_forms(url):
        same |= Q(url__iexact=form)
    if BlockedSite.objects.filter(organisation=organisation).filter(same).exists():
        raise _error(DUPLICATE_SITE, "url")
    site = BlockedSite(
        organisation=organisation,
        url=url,
        reported_on=reported_on,
        legal_basis=(legal_basis or "").strip(),
        help_given=(help_given or "").strip(),
        event=event,
    )
    try:
        with transaction.atomic():
            _save(site, by, validate_constraints=False)
    except IntegrityError:  # the same address added at the same moment by someone else
        raise _error(DUPLICATE_SITE, "url") from None
    transaction.on_commit(lambda: topics_bump(SITES_TOPIC))
    return site


@transaction.atomic
def site_check_add(
    *,
    site: BlockedSite,
    by,
    checked_at: datetime.datetime,
    result: str,
    provider: str = "",
    evidence: str = "",
) -> SiteCheck:
    """Record a check; the site's status follows its latest check (by when it was made, not when entered)."""
    site = BlockedSite.objects.select_for_update().get(pk=site.pk)
    _not_in_future(timezone.localdate(checked_at), "checked_at")
    typed = {
        "checked_at": checked_at,
        "result": result,
        "provider": (provider or "").strip(),
        "evidence": (evidence or "").strip(),
    }
    if twice.recent_twin(SiteCheck, by=by, site=site, **typed) is not None:
        raise _error(CHECK_SENT_TWICE, url=site.url)
    check = SiteCheck(site=site, checked_by=by, **typed)
    _save(check, by)
    latest = site.checks.order_by("-checked_at", "-pk").values_list("result", flat=True).first()
    if latest and latest != site.status:
        site.status = latest
        site._history_user = by
        site.save(update_fields=["status"])
        transaction.on_commit(lambda: topics_bump(SITES_TOPIC))
    return check


# — detention —


@transaction.atomic
def detention_add(
    *,
    person,
    by,
    place: str,
    since: datetime.date,
    until: datetime.date | None = None,
    region=None,
    conditions: str = "",
) -> Detention:
    _not_in_future(since, "since")  # "held since": a fact, not a plan
    if until is not None and until < since:
        raise _error(UNTIL_BEFORE_SINCE, "until")
    typed = {
        "place": place.strip(),
        "region": region,
        "since": since,
        "until": until,
        "conditions": (conditions or "").strip(),
    }
    if twice.recent_twin(Detention, by=by, person=person, **typed) is not None:
        raise _error(DETENTION_SENT_TWICE, number=person.pk)
    detention = Detention(person=person, **typed)
    _save(detention, by)
    return detention


@transaction.atomic
def visit_add(*, detention: Detention, by, visited_on: datetime.date, notes: str = "") -> DetentionVisit:
    _not_in_future(visited_on, "visited_on")
    typed = {"visited_on": visited_on, "notes": (notes or "").strip()}
    if twice.recent_twin(DetentionVisit, by=by, detention=detention, **typed) is not None:
        raise _error(VISIT_SENT_TWICE, number=detention.person_id)
    visit = DetentionVisit(detention=detention, visitor=by, **typed)
    _save(visit, by)
    return visit
