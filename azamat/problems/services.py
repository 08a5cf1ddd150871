"""Every write of the problem register: proposing, the working group's steps, evidence, legal acts,
recommendations sent to bodies through accountability, endorsements and merging duplicates.

A recommendation is sent with `accountability.services.item_send(source=recommendation)`; its answer, deadline
and implementation stay there and are read back with `accountability.selectors.items_of_source`."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from azamat.accountability.models import Item
from azamat.accountability.services import item_send
from azamat.core.errors import DomainError
from azamat.core.permissions import Decision
from azamat.problems import errors as E
from azamat.problems.lifecycle import PROBLEM, REASON_REQUIRED
from azamat.problems.models import (
    Endorsement,
    Evidence,
    LegalAct,
    Problem,
    Recommendation,
    StatusChange,
)
from azamat.problems.permissions import (
    OPEN_STATES,
    PRIVATE_STATES,
    can_add_evidence,
    can_endorse_problem,
    can_moderate_problems,
    can_propose_problem,
)

S = Problem.Status
SEND_STATES = frozenset({S.REGISTERED, S.SENT, S.PARTLY_SOLVED})


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = E.MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision, code: str) -> None:
    if not decision:
        raise DomainError(code, decision.reason)


def _state(problem: Problem) -> str:
    return PROBLEM.label(problem.status)


def problem_number(problem: Problem) -> str:
    """A problem's number from its row: unique without a counter to race on."""
    return f"PR-{problem.pk:04d}"


def _locked(problem: Problem) -> Problem:
    return Problem.objects.select_for_update().get(pk=problem.pk)


@transaction.atomic
def problem_propose(
    *,
    by,
    area,
    title: str,
    description: str,
    regions=(),
    legal_forms=(),
    activity_areas=(),
    organisation=None,
) -> Problem:
    """File a problem (proposed): anyone signed in, for themselves or for an organisation they act for."""
    _require(can_propose_problem(by), E.NOT_MEMBER)
    if organisation is not None:
        _require(can_endorse_problem(by, organisation), E.NOT_MEMBER)
    # The same form sent twice (a double click, the back button, a retry on a slow line) files one problem: the
    # person's row is locked so two requests at once are checked one after the other.
    list(get_user_model().objects.select_for_update().filter(pk=by.pk).values_list("pk", flat=True))
    # Compared in Python: SQLite's case-insensitive match folds only Latin letters, not Kazakh or Russian ones.
    wanted = title.strip().casefold()
    twin = next(
        (
            number
            for number, filed in Problem.objects.filter(proposed_by=by, status__in=OPEN_STATES)
            .order_by("pk")
            .values_list("number", "title")
            if filed.strip().casefold() == wanted
        ),
        None,
    )
    if twin is not None:
        raise _error(E.ALREADY_PROPOSED, "title", number=twin)
    problem = Problem(
        area=area,
        title=title.strip(),
        description=description.strip(),
        legal_forms=sorted(set(legal_forms)),
        proposed_by=by,
        organisation=organisation,
    )
    problem.full_clean(exclude=["number"])
    problem._history_user = by
    problem.save()
    problem.number = problem_number(problem)
    problem.save(update_fields=["number"])
    problem.regions.set(regions)
    problem.activity_areas.set(activity_areas)
    StatusChange.objects.create(problem=problem, from_status="", to_status=S.PROPOSED, by=by)
    return problem


@transaction.atomic
def problem_update(
    *,
    problem: Problem,
    by,
    area,
    title,
    description,
    regions=(),
    legal_forms=(),
    activity_areas=(),
    loaded_at: datetime.datetime | None = None,
) -> Problem:
    """The working group edits a problem's text and scope while it is open. With `loaded_at` (when the editor's
    page was loaded), a save over a change made since (another member, another tab) is refused."""
    _require(can_moderate_problems(by), E.NOT_WORKING_GROUP)
    locked = _locked(problem)
    if locked.status not in OPEN_STATES:
        raise _error(E.NOT_EDITABLE, state=_state(locked))
    if loaded_at is not None and locked.updated_at != loaded_at:
        raise _error(E.CHANGED_MEANWHILE)
    problem.area = area
    problem.title = title.strip()
    problem.description = description.strip()
    problem.legal_forms = sorted(set(legal_forms))
    problem.full_clean()
    problem._history_user = by
    problem.save()
    problem.regions.set(regions)
    problem.activity_areas.set(activity_areas)
    return problem


@transaction.atomic
def problem_step(*, problem: Problem, name: str, by, reason: str = "", **fields) -> Problem:
    """Take step `name` of the problem's table, recording who, when and why (shown on its page)."""
    reason = (reason or "").strip()
    PROBLEM[name]  # an unknown step is refused before anything else
    if name in REASON_REQUIRED and not reason:
        raise _error(E.REASON_REQUIRED, "reason")
    before = _locked(problem).status
    PROBLEM.apply(problem, name, by=by, reason=reason, **fields)
    StatusChange.objects.create(
        problem=problem, from_status=before, to_status=problem.status, reason=reason, by=by
    )
    return problem


def _twin(queryset, typed: dict):
    """The record of `queryset` identical in every field typed, or None. Called with the problem's row locked:
    the same form sent twice (a double tap, the back button, a retry on a slow line) adds one evidence, one act,
    one recommendation (which would otherwise be sent to the body twice)."""
    return queryset.filter(**typed).order_by("pk").first()


def _open_for_changes(problem: Problem) -> None:
    if problem.status not in OPEN_STATES:
        raise _error(E.NOT_EDITABLE, state=_state(problem))


@transaction.atomic
def evidence_add(
    *,
    problem: Problem,
    by,
    kind: str,
    text: str,
    figure: str = "",
    url: str = "",
    file=None,
    organisation=None,
) -> Evidence:
    _require(can_add_evidence(by, problem), E.NOT_WORKING_GROUP)
    _open_for_changes(_locked(problem))
    typed = {
        "kind": kind,
        "text": text.strip(),
        "figure": figure.strip(),
        "url": url,
        "organisation": organisation,
    }
    same = _twin(problem.evidence.filter(added_by=by), typed)
    if same is not None:
        return same
    evidence = Evidence(problem=problem, added_by=by, **typed)
    if file:
        evidence.file = file  # as EvidenceForm keeps it (evidence_files.prepared: checked, renamed, bare)
    evidence.full_clean()
    evidence._history_user = by
    evidence.save()
    return evidence


@transaction.atomic
def legal_act_add(*, problem: Problem, by, name: str, article: str = "", url: str = "") -> LegalAct:
    _require(can_moderate_problems(by), E.NOT_WORKING_GROUP)
    _open_for_changes(_locked(problem))
    typed = {"name": name.strip(), "article": article.strip(), "url": url}
    same = _twin(problem.legal_acts.all(), typed)
    if same is not None:
        return same
    act = LegalAct(problem=problem, position=problem.legal_acts.count() + 1, **typed)
    act.full_clean()
    act._history_user = by
    act.save()
    return act


@transaction.atomic
def recommendation_add(*, problem: Problem, by, text: str, body=None) -> Recommendation:
    _require(can_moderate_problems(by), E.NOT_WORKING_GROUP)
    _open_for_changes(_locked(problem))
    typed = {"text": text.strip(), "body": body}
    same = _twin(problem.recommendations.all(), typed)
    if same is not None:
        return same
    recommendation = Recommendation(
        problem=problem, created_by=by, position=problem.recommendations.count() + 1, **typed
    )
    recommendation.full_clean()
    recommendation._history_user = by
    recommendation.save()
    return recommendation


def sent_item(recommendation: Recommendation) -> Item | None:
    content_type = ContentType.objects.get_for_model(Recommendation)
    return Item.objects.filter(source_type=content_type, source_id=recommendation.pk).order_by("pk").first()


@transaction.atomic
def recommendation_send(*, recommendation: Recommendation, by, body=None, quiet: bool = False) -> Item:
    """Send a recommendation to its body as an accountability item (one step); the problem, if only in the
    register, becomes "recommendations sent". A recommendation added without its body is given one here
    (`body`), as the person sending it chooses it. Refused twice, without a body, or before the register."""
    _require(can_moderate_problems(by), E.NOT_WORKING_GROUP)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    problem = _locked(recommendation.problem)
    existing = sent_item(recommendation)
    if existing is not None:
        raise _error(E.ALREADY_SENT, number=existing.number)
    if problem.status not in SEND_STATES:
        raise _error(E.SEND_WRONG_STATE, state=_state(problem))
    if recommendation.body_id is None and body is not None:
        recommendation.body = body
        recommendation._history_user = by
        recommendation.save(update_fields=["body"])
    if recommendation.body_id is None:
        raise _error(E.NO_BODY, "body")
    evidence = [f"— {e.figure + ': ' if e.figure else ''}{e.text}" for e in problem.evidence.all()[:10]]
    acts = [str(act) for act in problem.legal_acts.all()]
    justification = "\n\n".join(
        part for part in [problem.description, "\n".join(evidence), "\n".join(acts)] if part
    )
    item = item_send(
        kind=Item.Kind.PROPOSAL,
        rule="problem",
        body=recommendation.body,
        title=f"{problem.number}: {problem.title}"[:300],
        text=recommendation.text,
        justification=justification[:20000],
        source=recommendation,
        author=by,
        organisation=problem.organisation,
        by=by,
        quiet=quiet,
    )
    if problem.status == S.REGISTERED:
        problem_step(problem=problem, name="send", by=by, reason=recommendation.text[:200])
    return item


@transaction.atomic
def endorsement_add(*, problem: Problem, organisation, by, case: str) -> Endorsement:
    """An organisation says the problem affects it too, with its own case; once per organisation."""
    _require(can_endorse_problem(by, organisation), E.NOT_MEMBER)
    locked = _locked(problem)
    if locked.status not in OPEN_STATES:
        raise _error(E.ENDORSE_CLOSED, state=_state(locked))
    if not case.strip():
        raise _error(E.CASE_REQUIRED, "case")
    if Endorsement.objects.filter(problem=problem, organisation=organisation).exists():
        raise _error(E.ALREADY_ENDORSED, "organisation", organisation=organisation.name)
    endorsement = Endorsement(problem=problem, organisation=organisation, case=case.strip(), by=by)
    endorsement._history_user = by
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError:  # another member of the organisation endorsed it a moment ago
        raise _error(E.ALREADY_ENDORSED, "organisation", organisation=organisation.name) from None
    return endorsement


@transaction.atomic
def problem_merge(*, problem: Problem, into: Problem, by, reason: str) -> Problem:
    """Merge a duplicate into another problem: its evidence, legal acts, recommendations, regions and
    endorsements move there (an organisation that endorsed both keeps one endorsement with both cases), its own
    text becomes a case on the other, and it is marked merged with the reason. Returns `into`."""
    _require(can_moderate_problems(by), E.NOT_WORKING_GROUP)
    if problem.pk == into.pk:
        raise _error(E.MERGE_SELF, "into")
    first, second = sorted([problem.pk, into.pk])  # lock both rows in one order: two merges cannot deadlock
    locked = {p.pk: p for p in Problem.objects.select_for_update().filter(pk__in=[first, second])}
    target = locked[into.pk]
    if target.status == S.MERGED:
        final = target.merged_into.number if target.merged_into_id else ""
        raise _error(E.MERGE_INTO_MERGED, "into", number=target.number, target=final)
    if target.status == S.ARCHIVED:
        raise _error(E.MERGE_INTO_CLOSED, "into", number=target.number)
    if not (reason or "").strip():
        raise _error(E.REASON_REQUIRED, "reason")
    PROBLEM.require(locked[problem.pk], "merge", by)
    if target.status in PRIVATE_STATES and locked[problem.pk].status not in PRIVATE_STATES:
        # A problem the public reads (its endorsements, evidence, what the bodies answered) would vanish into a
        # proposal only its author and the working group may read: its old links would end on "access denied".
        raise _error(E.MERGE_INTO_PRIVATE, "into", number=target.number)
    for endorsement in problem.endorsements.select_related("organisation"):
        kept = Endorsement.objects.filter(problem=into, organisation=endorsement.organisation_id).first()
        if kept is None:
            endorsement.problem = into
            endorsement._history_user = by
            endorsement.save(update_fields=["problem"])
        else:
            kept.case = f"{kept.case}\n\n{problem.number}: {endorsement.case}"
            kept._history_user = by
            kept.save(update_fields=["case"])
            endorsement._history_user = by
            endorsement.delete()
    # Row by row, not with update(): each move is a change in the audit trail, with who made it.
    for evidence in problem.evidence.all():
        evidence.problem = into
        evidence._history_user = by
        evidence.save(update_fields=["problem"])
    offset = into.legal_acts.count()
    for act in problem.legal_acts.all():
        act.problem, act.position = into, act.position + offset
        act._history_user = by
        act.save(update_fields=["problem", "position"])
    offset = into.recommendations.count()
    for recommendation in problem.recommendations.all():
        recommendation.problem, recommendation.position = into, recommendation.position + offset
        recommendation._history_user = by
        recommendation.save(update_fields=["problem", "position"])
    _keep_proposal(problem, into, by)
    into._history_user = by
    into.regions.add(*problem.regions.all())
    into.activity_areas.add(*problem.activity_areas.all())
    forms = sorted(set(into.legal_forms) | set(problem.legal_forms))
    if forms != into.legal_forms:
        into.legal_forms = forms
        into._history_user = by
        into.save(update_fields=["legal_forms", "updated_at"])
    for earlier in Problem.objects.filter(merged_into=problem):  # earlier duplicates follow it
        earlier.merged_into = into
        earlier._history_user = by
        earlier.save(update_fields=["merged_into", "updated_at"])
    problem_step(problem=problem, name="merge", by=by, reason=reason, merged_into=into)
    return into


def _keep_proposal(problem: Problem, into: Problem, by) -> None:
    """The merged problem's own text stays on the other: as its organisation's case (the organisation counts
    among those affected), or as a case in the evidence when it was filed by a person. Its author stays its
    author; the audit trail names `by`, who merged it."""
    text = f"{problem.number} «{problem.title}»\n\n{problem.description}"
    organisation = problem.organisation
    if organisation is None or organisation.pk == into.organisation_id:
        kept = Evidence(
            problem=into,
            kind=Evidence.Kind.CASE,
            text=text,
            organisation=organisation,
            added_by=problem.proposed_by,
        )
    else:
        kept = Endorsement.objects.filter(problem=into, organisation=organisation).first()
        if kept is None:
            kept = Endorsement(problem=into, organisation=organisation, case=text, by=problem.proposed_by)
        else:
            kept.case = f"{kept.case}\n\n{text}"
    kept._history_user = by
    kept.save()
