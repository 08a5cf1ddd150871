"""The list of persecuted persons, every write: proposing a candidate with the case materials, the analysis against
a version of the criteria, the expert group's decision (quorum and vote checked), the changes of the person's
situation, and new versions of the organisation's criteria. Each keeps its history (`_history_user`); the public
list follows at once (publication.entry_publish / entry_withdraw).

The analysis names the version of the criteria it applied in its history (the change's reason, `criteria:<id>`):
the candidate has no column for it, and the decision form starts from it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import edits, twice
from azamat.core.errors import DomainError
from azamat.core.permissions import Decision, deny
from azamat.core.public_cache import topics_bump
from azamat.monitoring import permissions, publication
from azamat.monitoring.lifecycle import CANDIDATE
from azamat.monitoring.models import (
    Candidate,
    Case,
    Criteria,
    Event,
    ListDecision,
    Person,
    SituationChange,
)

C = Candidate.Status
NOT_ALLOWED = "not_allowed"
CRITERIA_REASON = "criteria:"

MESSAGES = {
    "no_quorum": _(
        "No quorum: %(present)s of the %(members)s members were present; more than half (at least %(needed)s) "
        "must be."
    ),
    "too_many_present": _("More members present (%(present)s) than the expert group has (%(members)s)."),
    "too_many_votes": _(
        "The votes (%(votes)s: for, against and abstained) add up to more than the members present (%(present)s)."
    ),
    "violence": _(
        "A person who used or called for violence is not listed: the criteria exclude them. Record the decision "
        "not to list."
    ),
    "no_majority": _(
        "No majority: %(votes_for)s of the %(present)s members present voted for it; more than half must."
    ),
    "not_awaiting": _(
        "The candidate is not awaiting the expert group's decision: the candidate is “%(status)s”. Submit the "
        "analysis first."
    ),
    "not_on_list": _("Only a listed person is removed from the list: this candidate is “%(status)s”."),
    "future": _("The date cannot be in the future."),
    "criteria_elsewhere": _("Choose a version of this organisation's criteria."),
    "person_elsewhere": _("No person with this number that you can see in this organisation."),
    "event_unknown": _("No event %(number)s that you can see in this organisation."),
    "case_unknown": _("No case #%(number)s that you can see in this organisation."),
    "already": _("This person is already a candidate or on the list (candidate #%(number)s)."),
    "no_materials": _("Describe the case materials: what the decision will rest on."),
    "no_person": _("Give the number of a person already recorded, or the name of a new one."),
    "both_persons": _("Either a recorded person's number or a new person's name, not both."),
    "analysis_closed": _("The analysis is not changed while the candidate is “%(status)s”."),
    "no_ground": _("Choose the ground the person is persecuted on before submitting to the expert group."),
    "no_texts": _("Write the criteria in Kazakh and in Russian."),
    "criteria_order": _("A new version is adopted on or after the previous one (%(date)s)."),
    "criteria_race": _("Someone adopted a version at the same moment: open the criteria again."),
    "criteria_same": _(
        "These are the criteria of version %(version)s word for word: change them before adopting a new version."
    ),
    "criteria_role": _("The criteria are adopted by the organisation's administrators or its expert group."),
}


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision, field: str | None = None) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason, field=field)


def _save(record, by, reason: str = "") -> None:
    record._history_user = by
    if reason:
        record._change_reason = reason
    record.save()


def _locked(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update(of=("self",)).select_related("person").get(pk=candidate.pk)


def can_adopt_criteria(user, organisation_id: int) -> Decision:
    """The organisation's administrators or its expert group adopt a new version of the criteria."""
    if organisation_id in permissions.admin_organisations(user) or permissions.has_role(
        user, organisation_id, permissions.EXPERT
    ):
        return permissions.two_factor(user)
    return deny(MESSAGES["criteria_role"])


# — proposing —


def _events(organisation, by, numbers) -> list[Event]:
    found = {e.number: e for e in Event.objects.filter(organisation=organisation, number__in=list(numbers))}
    for number in numbers:
        event = found.get(number)
        if event is None or not permissions.can_view_event(by, event):
            raise _error("event_unknown", "events", number=number)
    return [found[n] for n in numbers]


def _cases(organisation, by, numbers) -> list[Case]:
    found = Case.objects.filter(organisation=organisation, pk__in=list(numbers)).in_bulk()
    for number in numbers:
        case = found.get(number)
        if case is None or not permissions.can_view_case(by, case):
            raise _error("case_unknown", "cases", number=number)
    return [found[n] for n in numbers]


@transaction.atomic
def candidate_propose(
    *,
    organisation,
    by,
    materials: str,
    person: Person | None = None,
    new_person: dict | None = None,
    event_numbers=(),
    case_numbers=(),
) -> Candidate:
    """Propose a person for the list: a person already recorded (whom the proposer may see) or a new one (name,
    public description, region, occupation), with the case materials and the events and cases it rests on."""
    _require(permissions.can_propose_candidate(by, organisation.pk))
    materials = (materials or "").strip()
    if person is not None and new_person:
        raise _error("both_persons", "person")
    if person is None and not (new_person or {}).get("name", "").strip():
        raise _error("no_person", "person")
    if person is not None and (
        person.organisation_id != organisation.pk or not permissions.can_view_person(by, person)
    ):
        raise _error("person_elsewhere", "person")
    if not materials:
        raise _error("no_materials", "materials")
    events = _events(organisation, by, list(dict.fromkeys(event_numbers)))
    cases = _cases(organisation, by, list(dict.fromkeys(case_numbers)))
    if new_person:
        new_person = {
            "name": new_person["name"].strip(),
            "public_alias": (new_person.get("public_alias") or "").strip(),
            "region": new_person.get("region"),
            "occupation": new_person.get("occupation") or "",
        }
        # The form sent twice (a second tap, the back button): the person its first send recorded, now a candidate.
        person = twice.recent_twin(Person, by=by, organisation=organisation, **new_person)
    if person is not None:
        open_candidacy = (
            Candidate.objects.filter(person=person).exclude(status__in=[C.NOT_LISTED, C.REMOVED]).first()
        )
        if open_candidacy is not None:
            raise _error("already", "person", number=open_candidacy.pk)
    else:
        person = Person(organisation=organisation, created_by=by, **new_person)
        _save(person, by)
    candidate = Candidate(organisation=organisation, person=person, materials=materials, proposed_by=by)
    _save(candidate, by)
    candidate.events.set(events)
    candidate.cases.set(cases)
    return candidate


# — the analysis —


def analysed_criteria(candidate: Candidate) -> Criteria | None:
    """The version of the criteria the latest analysis applied (from the candidate's history)."""
    record = (
        candidate.history.filter(history_change_reason__startswith=CRITERIA_REASON)
        .order_by("-history_date", "-history_id")
        .values_list("history_change_reason", flat=True)
        .first()
    )
    if not record:
        return None
    number = record[len(CRITERIA_REASON) :]
    if not number.isdigit():
        return None
    return Criteria.objects.filter(pk=int(number), organisation_id=candidate.organisation_id).first()


ANALYSIS_STEPS = ("save", "submit", "reconsider")


@transaction.atomic
def candidate_analyse(
    *,
    candidate: Candidate,
    by,
    criteria: Criteria,
    analysis: str,
    ground: str = "",
    used_violence: bool = False,
    public_grounds: str = "",
    step: str = "save",
    loaded_at: datetime.datetime | None = None,
) -> Candidate:
    """Write the analysis against a version of the criteria. `step`: "save" (a candidate's analysis starts),
    "submit" (to the expert group; needs the analysis and the ground), "reconsider" (a person not listed or
    removed is considered again). With `loaded_at` (the candidate's last save as the form was loaded), a save
    over a colleague's change made since is refused rather than silently undoing it."""
    _require(permissions.can_analyse_candidate(by, candidate))
    if step not in ANALYSIS_STEPS:
        raise DomainError("unknown_step", _("No such step."))
    candidate = _locked(candidate)
    if criteria.organisation_id != candidate.organisation_id:
        raise _error("criteria_elsewhere", "criteria")
    reason = f"{CRITERIA_REASON}{criteria.pk}"
    if step != "reconsider" and candidate.status not in (C.CANDIDATE, C.ANALYSIS):
        raise _error("analysis_closed", status=candidate.get_status_display())
    typed = {
        "analysis": (analysis or "").strip(),
        "ground": ground,
        "used_violence": bool(used_violence),
        "public_grounds": (public_grounds or "").strip(),
    }
    if edits.require_unchanged(candidate, loaded_at, by=by, values=typed if step == "save" else None):
        return candidate  # the same analysis saved twice (a double tap, a retry): saved by the first
    if step == "reconsider":
        CANDIDATE.apply(candidate, "reconsider", by=by, reason=reason)
    if ground and ground not in Candidate.Ground.values:
        raise DomainError("invalid", _("Choose a ground from the list."), field="ground")
    for name, value in typed.items():
        setattr(candidate, name, value)
    candidate.analysed_by = by
    if candidate.status == C.CANDIDATE:
        CANDIDATE.apply(candidate, "analyse", by=by, reason=reason)
    else:
        _save(candidate, by, reason)
    if step == "submit":
        CANDIDATE.require(candidate, "submit", by)  # the analysis is written: its refusal comes first
        if not candidate.ground and not candidate.used_violence:
            raise _error("no_ground", "ground")
        CANDIDATE.apply(candidate, "submit", by=by, reason=reason)
    return candidate


# — the expert group's decision —

OUTCOME_STEP = {
    ListDecision.Outcome.LIST: "list",
    ListDecision.Outcome.NOT_LIST: "not_list",
    ListDecision.Outcome.REMOVE: "remove",
}


def check_vote(
    *, members: int, present: int, votes_for: int, votes_against: int, abstained: int, outcome: str
):
    """The vote's arithmetic: a quorum (more than half the members present), no more votes than members present,
    and a majority of those present for listing or removing. Raises the refusal."""
    if present > members:
        raise _error("too_many_present", "present", present=present, members=members)
    needed = members // 2 + 1
    if present < needed:
        raise _error("no_quorum", "present", present=present, members=members, needed=needed)
    votes = votes_for + votes_against + abstained
    if votes > present:
        raise _error("too_many_votes", "votes_for", votes=votes, present=present)
    if outcome in (ListDecision.Outcome.LIST, ListDecision.Outcome.REMOVE) and votes_for * 2 <= present:
        raise _error("no_majority", "votes_for", votes_for=votes_for, present=present)


@transaction.atomic
def decision_record(
    *,
    candidate: Candidate,
    by,
    criteria: Criteria,
    decided_on: datetime.date,
    members: int,
    present: int,
    votes_for: int,
    votes_against: int,
    abstained: int = 0,
    outcome: str,
    grounds: str,
) -> ListDecision:
    """Record the expert group's decision with its vote and apply it: the person is listed (and appears on the
    public list), not listed, or removed (and leaves it)."""
    _require(permissions.can_decide_candidate(by, candidate))
    candidate = _locked(candidate)
    if outcome not in OUTCOME_STEP:
        raise DomainError("invalid", _("Choose the decision."), field="outcome")
    if outcome == ListDecision.Outcome.REMOVE:
        if candidate.status != C.LISTED:
            raise _error("not_on_list", "outcome", status=candidate.get_status_display())
    elif candidate.status != C.DECISION:
        raise _error("not_awaiting", status=candidate.get_status_display())
    if criteria.organisation_id != candidate.organisation_id:
        raise _error("criteria_elsewhere", "criteria")
    if decided_on > timezone.localdate():
        raise _error("future", "decided_on")
    check_vote(
        members=members,
        present=present,
        votes_for=votes_for,
        votes_against=votes_against,
        abstained=abstained,
        outcome=outcome,
    )
    if outcome == ListDecision.Outcome.LIST and candidate.used_violence:
        raise _error("violence", "outcome")
    decision = ListDecision(
        candidate=candidate,
        decided_on=decided_on,
        criteria=criteria,
        members=members,
        present=present,
        votes_for=votes_for,
        votes_against=votes_against,
        abstained=abstained,
        outcome=outcome,
        grounds=(grounds or "").strip(),
        recorded_by=by,
    )
    try:
        decision.full_clean(exclude=["candidate", "criteria", "recorded_by"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=field) from exc
    _save(decision, by)
    fields = {"listed_on": decided_on} if outcome == ListDecision.Outcome.LIST else {}
    CANDIDATE.apply(candidate, OUTCOME_STEP[outcome], by=by, **fields)
    if outcome == ListDecision.Outcome.LIST:
        publication.entry_publish(candidate=candidate, by=by, criteria_version=criteria.version)
    elif outcome == ListDecision.Outcome.REMOVE:
        publication.entry_withdraw(candidate=candidate, by=by)
    return decision


# — the person's situation —


@transaction.atomic
def situation_record(
    *, candidate: Candidate, by, situation: str, on: datetime.date, note: str = ""
) -> SituationChange:
    """Record a change of the person's situation (released, sentence changed, deceased…) on a date. The
    candidate's situation is that of the latest change; a listed person's public entry follows."""
    _require(permissions.can_analyse_candidate(by, candidate))
    candidate = _locked(candidate)
    if situation not in Candidate.Situation.values:
        raise DomainError("invalid", _("Choose the situation."), field="situation")
    if on > timezone.localdate():
        raise _error("future", "on")
    change = SituationChange(
        candidate=candidate, situation=situation, on=on, note=(note or "").strip()[:500], recorded_by=by
    )
    _save(change, by)
    latest = candidate.changes.order_by("-on", "-pk").first()
    if latest.situation != candidate.situation:
        candidate.situation = latest.situation
        _save(candidate, by, "situation")
    if candidate.status == C.LISTED:
        publication.entry_publish(candidate=candidate, by=by)
    return change


# — the criteria —


@transaction.atomic
def criteria_adopt(*, organisation, by, text_kk: str, text_ru: str, adopted_on: datetime.date) -> Criteria:
    """Adopt the next version of the organisation's criteria (in Kazakh and Russian); earlier decisions keep
    naming the version they applied."""
    _require(can_adopt_criteria(by, organisation.pk))
    text_kk, text_ru = (text_kk or "").strip(), (text_ru or "").strip()
    if not text_kk or not text_ru:
        raise _error("no_texts", "text_kk" if not text_kk else "text_ru")
    if adopted_on > timezone.localdate():
        raise _error("future", "adopted_on")
    last = Criteria.objects.filter(organisation=organisation).order_by("-version").first()
    if last is not None and adopted_on < last.adopted_on:
        raise _error("criteria_order", "adopted_on", date=last.adopted_on.isoformat())
    if last is not None and (last.text_kk, last.text_ru) == (text_kk, text_ru):
        # The form sent again (the back button), or opened and sent unchanged: no new version to publish.
        raise _error("criteria_same", "text_kk", version=last.version)
    criteria = Criteria(
        organisation=organisation,
        version=(last.version + 1) if last else 1,
        text_kk=text_kk,
        text_ru=text_ru,
        adopted_on=adopted_on,
    )
    try:
        with transaction.atomic():
            _save(criteria, by)
    except IntegrityError as exc:
        raise _error("criteria_race") from exc
    topics_bump(publication.TOPIC)
    return criteria
