"""Reads for stage 1 of selection: the compliance queue, the register of experts, draws, blind pages, ranking."""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from azamat.core.working_days import add_working_days
from azamat.grants.blind import Redactor, name_words, settlement
from azamat.grants.models import (
    Application,
    Assignment,
    Call,
    DeclarationConfirmation,
    Direction,
    Draw,
    Expert,
)
from azamat.registry.models import Membership

User = get_user_model()


# Why an application got fewer experts than it needs (codes stored on the draw), and how each reads.
LANGUAGE = "language"
CONFLICTS = "conflicts"
CAPACITY = "capacity"
REASONS = {
    LANGUAGE: _("Too few experts read the application's language."),
    CONFLICTS: _("Too few experts free of conflicts of interest and not already on the application."),
    CAPACITY: _("Every eligible expert has reached their most applications for this call."),
}

CHECK_WORKING_DAYS = 10


def expert_code(expert_id: int) -> str:
    """The public code of an expert: their identity stays confidential, their draw is checkable."""
    return f"E-{expert_id:03d}"


def compliance_due_on(call) -> datetime.date:
    """The last day of the compliance check: 10 Kazakh working days after the day the call closes."""
    return add_working_days(timezone.localdate(call.closes_at), CHECK_WORKING_DAYS)


@dataclass
class QueueCall:
    call: Call
    due_on: object
    overdue: bool
    applications: list[Application] = field(default_factory=list)


def compliance_queue() -> list[QueueCall]:
    """Submitted applications waiting for the check, per call, the most urgent call first."""
    pending = (
        Application.objects.filter(status=Application.Status.SUBMITTED)
        .select_related("call", "direction", "organisation")
        .order_by("submitted_at", "number", "pk")
    )
    return _per_call(pending)


def _per_call(applications) -> list[QueueCall]:
    """The applications grouped by call with the call's compliance deadline, the most urgent call first."""
    today = timezone.localdate()
    calls: dict[int, QueueCall] = {}
    for application in applications:
        if application.call_id not in calls:
            due_on = compliance_due_on(application.call)
            calls[application.call_id] = QueueCall(
                call=application.call, due_on=due_on, overdue=today > due_on
            )
        calls[application.call_id].applications.append(application)
    return sorted(calls.values(), key=lambda q: (q.due_on, q.call.code))


def calls_in_review() -> QuerySet[Call]:
    """Calls with applications past submission, for the operator's links to draws and rankings."""
    return (
        Call.objects.filter(
            applications__status__in=[
                Application.Status.COMPLIANT,
                Application.Status.REVIEWED,
                Application.Status.AWARDED,
                Application.Status.NOT_AWARDED,
            ]
        )
        .annotate(
            compliant=Count(
                "applications", filter=Q(applications__status=Application.Status.COMPLIANT), distinct=True
            ),
            reviewed=Count(
                "applications", filter=Q(applications__status=Application.Status.REVIEWED), distinct=True
            ),
        )
        .order_by("-closes_at")
        .distinct()
    )


def experts_register(*, area: str = "", language: str = "") -> QuerySet[Expert]:
    qs = (
        Expert.objects.select_related("user")
        .prefetch_related("areas")
        .annotate(
            open_assignments=Count("assignments", filter=Q(assignments__status=Assignment.Status.ASSIGNED)),
        )
    )
    if area:
        qs = qs.filter(areas__code=area)
    if language:
        # JSON containment is not on SQLite: the list is short, a text match on the quoted code is exact.
        qs = qs.filter(languages__icontains=f'"{language}"')
    return qs.order_by("user__full_name", "pk").distinct()


@dataclass
class ExpertCall:
    call: Call
    confirmed: bool
    assigned: int
    submitted: int


def expert_calls(*, expert: Expert) -> list[ExpertCall]:
    """The calls where the expert has (non-recused) assignments, with their declaration and progress."""
    rows = (
        Assignment.objects.filter(expert=expert)
        .exclude(status=Assignment.Status.RECUSED)
        .values("application__call")
        .annotate(assigned=Count("id"), submitted=Count("id", filter=Q(status=Assignment.Status.SUBMITTED)))
    )
    counts = {r["application__call"]: r for r in rows}
    confirmed = set(
        DeclarationConfirmation.objects.filter(person_id=expert.user_id, call_id__in=counts).values_list(
            "call_id", flat=True
        )
    )
    return [
        ExpertCall(
            call=call,
            confirmed=call.pk in confirmed,
            assigned=counts[call.pk]["assigned"],
            submitted=counts[call.pk]["submitted"],
        )
        for call in Call.objects.filter(pk__in=counts).order_by("-closes_at")
    ]


@dataclass
class ExpertTasks:
    to_declare: int  # calls whose declaration of conflicts waits to be confirmed before scoring
    to_score: int  # assignments not yet scored, in calls whose declaration is confirmed
    next_due: datetime.date | None  # the nearest deadline among those
    overdue: int


def expert_tasks(*, expert: Expert) -> ExpertTasks:
    """What waits for the expert, for their workspace: declarations to confirm, applications to score and the
    nearest deadline (published calls only, as on the expert's home)."""
    calls = [c for c in expert_calls(expert=expert) if c.call.published]
    confirmed = [c.call.pk for c in calls if c.confirmed]
    waiting = with_scoring_due_on(
        Assignment.objects.filter(
            expert=expert, application__call__in=confirmed, status=Assignment.Status.ASSIGNED
        ).only("assigned_at", "status")
    )
    due = sorted(a.due_on for a in waiting)
    return ExpertTasks(
        to_declare=sum(1 for c in calls if not c.confirmed),
        to_score=len(due),
        next_due=due[0] if due else None,
        overdue=sum(1 for a in waiting if a.overdue),
    )


def expert_assignments_by_call(*, expert: Expert, calls: list[Call]) -> dict[int, list[Assignment]]:
    """expert_assignments of several calls in one query (the expert's home lists every call), by call id."""
    by_call: dict[int, list[Assignment]] = {call.pk: [] for call in calls}
    assignments = (
        Assignment.objects.filter(expert=expert, application__call__in=list(by_call))
        .exclude(status=Assignment.Status.RECUSED)
        .select_related("application__direction")
        .order_by("status", "application__number")
    )
    for assignment in with_scoring_due_on(assignments):  # the deadline shows on the expert's list
        by_call[assignment.application.call_id].append(assignment)
    return by_call


def expert_assignments(*, expert: Expert, call: Call) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(expert=expert, application__call=call)
        .exclude(status=Assignment.Status.RECUSED)
        .select_related("application__direction")
        .order_by("status", "application__number")
    )


@dataclass
class DrawExpert:
    code: str
    recused: bool
    replaces: str = ""  # the code of the recused expert this one replaces
    extra: bool = False  # drawn for a disagreement between the scores
    replaced: bool = False  # taken off by the operator (a manual change, with its reason), not a recusal


@dataclass
class DrawRow:
    number: str
    experts: list[DrawExpert]


def draw_rows(draw: Draw) -> list[DrawRow]:
    """Each application of the draw with its experts' public codes, never their names."""
    rows: dict[str, DrawRow] = {}
    for a in draw.assignments.select_related("application", "replaces").order_by(
        "application__number", "assigned_at", "pk"
    ):
        number = a.application.number or f"#{a.application_id}"
        row = rows.setdefault(number, DrawRow(number=number, experts=[]))
        row.experts.append(
            DrawExpert(
                code=expert_code(a.expert_id),
                recused=a.status == Assignment.Status.RECUSED,
                replaces=expert_code(a.replaces.expert_id) if a.replaces else "",
                extra=a.is_extra,
                replaced=a.replaced_by_operator_id is not None,
            )
        )
    return list(rows.values())


def uncovered_rows(draw: Draw) -> list[dict]:
    return [
        {**row, "reason_text": REASONS.get(row.get("reason"), row.get("reason"))} for row in draw.uncovered
    ]


# --- Blind review -----------------------------------------------------------------------------------------------


def blind_redactor(application: Application) -> Redactor:
    """What the blind version hides for this application: the organisation's names (their significant words),
    its people's names, BIN, town, website, email and phone, then the operator's corrections."""
    org = application.organisation
    words: list[str] = []
    short: list[str] = []
    for name in [org.name_kk, org.name_ru, org.short_name]:
        long_words, short_words = name_words(name)
        words += long_words
        short += short_words
    people = list(
        User.objects.filter(
            Q(memberships__organisation=org, memberships__status=Membership.Status.ACTIVE)
            | Q(pk=application.created_by_id)
        )
        .distinct()
        .values_list("full_name", "email", "phone")
    )
    for full_name, _email, _phone in people:
        words += name_words(full_name)[0]
    words += name_words(settlement(org.address))[0]
    website = (
        urlsplit(org.website if "//" in (org.website or "") else f"//{org.website or ''}").hostname or ""
    )
    literals = [org.bin, org.email, org.phone, org.address, org.website, website.removeprefix("www.")]
    literals += [value for _name, email, phone in people for value in (email, phone)]
    corrections = application.blind_corrections or {}
    # The operator's words are hidden as they are: they chose them, generic or not.
    words += [token for entry in corrections.get("hide", []) for token in re.findall(r"[^\W_]+", entry)]
    return Redactor(words=words, short_words=short, literals=literals, show=corrections.get("show", []))


@dataclass
class IndicatorRow:
    kind: str
    name: str
    baseline: object
    target: object
    unit: str


@dataclass
class ReviewView:
    """What an expert reads: the application, without the applicant's identity when the review is blind."""

    application: Application
    blind: bool
    title: str
    sections: list[tuple[str, str]]
    activities: list
    budget_lines: list
    indicators: list[IndicatorRow]
    attachments: list[str]
    organisation: object | None


def review_view(application: Application, *, blind: bool | None = None) -> ReviewView:
    """The application as experts read it; `blind` forces the blind version (the operator's preview)."""
    application = (
        Application.objects.select_related("call__grant_type", "direction", "organisation")
        .prefetch_related("activities", "budget_lines", "indicators", "attachments")
        .get(pk=application.pk)
    )
    if blind is None:
        blind = application.call.grant_type.blind_review
    hide = blind_redactor(application) if blind else (lambda text: text)
    sections = [
        (_("Project summary"), application.summary),
        (_("Problem and its causes"), application.problem),
        (_("Target group"), application.target_group),
        (_("Goals and tasks"), application.goals),
        (_("Team"), application.team),
    ]
    documents = {d["code"]: d for d in application.call.grant_type.required_documents or []}
    attachments = []
    for attachment in application.attachments.all():
        document = documents.get(attachment.document_code)
        label = (
            (document.get(f"name_{(get_language() or 'kk')[:2]}") or document.get("name_en", ""))
            if document
            else ""
        )
        attachments.append(
            f"{label}: {hide(attachment.original_name)}" if label else hide(attachment.original_name)
        )
    return ReviewView(
        application=application,
        blind=blind,
        title=hide(application.title),
        sections=[(label, hide(text)) for label, text in sections if text],
        activities=[
            (hide(a.title), a.starts_month, a.ends_month, hide(a.description))
            for a in application.activities.all()
        ],
        budget_lines=[
            (b.get_category_display(), hide(b.description), b.quantity, b.unit_cost, b.total)
            for b in application.budget_lines.all()
        ],
        indicators=[
            IndicatorRow(
                kind=i.get_kind_display(),
                name=hide(i.name),
                baseline=i.baseline,
                target=i.target,
                unit=hide(i.unit),
            )
            for i in application.indicators.all()
        ],
        attachments=attachments,
        organisation=None if blind else application.organisation,
    )


# --- Ranking ----------------------------------------------------------------------------------------------------


@dataclass
class RankRow:
    rank: int
    application: Application
    within_plan: bool


# Only an application every expert has scored has a final score; its status says it was settled.
RANKED_STATUSES = [Application.Status.REVIEWED, Application.Status.AWARDED, Application.Status.NOT_AWARDED]


def ranking(direction: Direction) -> list[RankRow]:
    """Fully scored applications of a direction, the highest score first; ties go to the earlier submission.
    An application still waiting for some of its experts is never ranked (see `waiting_for_scores`)."""
    scored = (
        direction.applications.filter(final_score__isnull=False, status__in=RANKED_STATUSES)
        .select_related("organisation")
        .order_by("-final_score", "submitted_at", "number", "pk")
    )
    return [
        RankRow(rank=k, application=a, within_plan=k <= direction.planned_grants)
        for k, a in enumerate(scored, start=1)
    ]


@dataclass
class WaitingRow:
    application: Application
    scored: int  # experts who have submitted their scores
    needed: int  # experts whose scores the final score needs


def waiting_for_scores(call: Call) -> dict[int, list[WaitingRow]]:
    """{direction id: applications under expert review, each with how many experts have scored}.
    Listed apart from the ranking: one expert's score is no ground to place an application."""
    applications = (
        call.applications.filter(status=Application.Status.COMPLIANT)
        .select_related("organisation", "call__grant_type")
        .annotate(
            scored=Count("assignments", filter=Q(assignments__status=Assignment.Status.SUBMITTED)),
            active=Count("assignments", filter=~Q(assignments__status=Assignment.Status.RECUSED)),
        )
        .order_by("number", "pk")
    )
    waiting: dict[int, list[WaitingRow]] = {}
    for a in applications:
        needed = max(a.call.grant_type.experts_per_application, a.active)
        waiting.setdefault(a.direction_id, []).append(
            WaitingRow(application=a, scored=a.scored, needed=needed)
        )
    return waiting


def call_ranking(call: Call) -> list[tuple[Direction, list[RankRow], list[WaitingRow]]]:
    """Each direction with its ranking and its applications still waiting for scores."""
    waiting = waiting_for_scores(call)
    return [(d, ranking(d), waiting.get(d.pk, [])) for d in call.directions.order_by("position", "pk")]


def draws_of(call: Call) -> QuerySet[Draw]:
    return (
        call.draws.select_related("created_by")
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.only("id", "draw_id")))
        .annotate(count=Count("assignments"))
    )


# --- The experts' scoring deadline, their loads, the operator's filtered queue (issue 7) --------------------------

# No law or grant type sets the experts' term, so the platform does, like the compliance check's: an expert
# scores an application within 10 Kazakh working days of the day it was assigned to them. Each assignment
# counts from its own day (a replacement or an extra expert gets their own 10 days). Computed, never stored,
# so a decree's transfer of working days moves every deadline with it.
SCORING_WORKING_DAYS = 10


def scoring_due_on(assigned_at: datetime.datetime) -> datetime.date:
    """The last day to score an assignment: 10 working days after the day (in Almaty) it was made."""
    return add_working_days(timezone.localdate(assigned_at), SCORING_WORKING_DAYS)


def assigned_days_due_on(due_on: datetime.date) -> list[datetime.date]:
    """The days whose assignments fall due on `due_on` (a Friday's, Saturday's and Sunday's share a deadline)."""
    days = []
    # add_working_days(d, n) is never earlier than d + n calendar days and grows with d: walk back from there.
    day = due_on - datetime.timedelta(days=SCORING_WORKING_DAYS)
    while (due := add_working_days(day, SCORING_WORKING_DAYS)) >= due_on:
        if due == due_on:
            days.append(day)
        day -= datetime.timedelta(days=1)
    return days


def with_scoring_due_on(assignments):
    """The assignments, each with `due_on` (its deadline) and `overdue` (unscored past it) set for the page."""
    today = timezone.localdate()
    for assignment in assignments:
        assignment.due_on = scoring_due_on(assignment.assigned_at)
        assignment.overdue = assignment.status == Assignment.Status.ASSIGNED and assignment.due_on < today
    return assignments


@dataclass
class ExpertLoad:
    expert: Expert
    code: str
    assigned: int  # every assignment in the call, recused and replaced ones included
    scored: int
    recused: int  # stepped aside themselves
    replaced: int  # given to another expert by the operator
    overdue: int  # not scored, past the deadline
    waiting: int  # not scored, not yet due
    next_due_on: datetime.date | None  # the earliest deadline of those not scored


def expert_loads(call: Call) -> list[ExpertLoad]:
    """Each expert with assignments in the call: how many, scored, recused and overdue, in three queries."""
    today = timezone.localdate()
    rows: dict[int, dict] = {}
    for expert_id, status, assigned_at, replaced in Assignment.objects.filter(
        application__call=call
    ).values_list("expert_id", "status", "assigned_at", "replaced_by_operator"):
        row = rows.setdefault(
            expert_id,
            {"assigned": 0, "scored": 0, "recused": 0, "replaced": 0, "overdue": 0, "waiting": 0, "due": []},
        )
        row["assigned"] += 1
        if status == Assignment.Status.SUBMITTED:
            row["scored"] += 1
        elif status == Assignment.Status.RECUSED and replaced:
            row["replaced"] += 1
        elif status == Assignment.Status.RECUSED:
            row["recused"] += 1
        else:
            due_on = scoring_due_on(assigned_at)
            row["overdue" if due_on < today else "waiting"] += 1
            row["due"].append(due_on)
    experts = Expert.objects.filter(pk__in=rows).select_related("user").order_by("pk")
    return [
        ExpertLoad(
            expert=expert,
            code=expert_code(expert.pk),
            assigned=rows[expert.pk]["assigned"],
            scored=rows[expert.pk]["scored"],
            recused=rows[expert.pk]["recused"],
            replaced=rows[expert.pk]["replaced"],
            overdue=rows[expert.pk]["overdue"],
            waiting=rows[expert.pk]["waiting"],
            next_due_on=min(rows[expert.pk]["due"], default=None),
        )
        for expert in experts
    ]


# The statuses the compliance queue can show: waiting for the check (the default), and what the check decided.
QUEUE_STATUSES = [
    Application.Status.SUBMITTED,
    Application.Status.CLARIFICATION,
    Application.Status.COMPLIANT,
    Application.Status.REJECTED,
]


def search_applications(qs: QuerySet, *, query: str = "", prefix: str = "") -> QuerySet:
    """Applications (or records reached through `prefix`, e.g. "application__") whose organisation's name or
    BIN, or whose number, contains the text; case-folded as the organisation's search column is."""
    text = " ".join((query or "").split()).casefold()[:100]
    if not text:
        return qs
    return qs.filter(
        Q(**{f"{prefix}organisation__search_text__contains": text})
        | Q(**{f"{prefix}number__icontains": text})
    )


def queue_applications(
    *, query: str = "", call: str = "", status: str = "", region: str = ""
) -> QuerySet[Application]:
    """The applications of the compliance queue, filtered: by default those waiting for the check."""
    qs = Application.objects.filter(
        status=status if status in QUEUE_STATUSES else Application.Status.SUBMITTED
    )
    if call:
        qs = qs.filter(call__code=call)
    if region:
        qs = qs.filter(organisation__region__kato=region)
    return (
        search_applications(qs, query=query)
        .select_related("call", "direction", "organisation__region")
        .order_by("submitted_at", "number", "pk")
    )


def compliance_queue_filtered(**filters) -> list[QueueCall]:
    """compliance_queue over the filtered applications, per call, the most urgent call first."""
    return _per_call(queue_applications(**filters))


def calls_with_applications() -> QuerySet[Call]:
    """Calls that received applications: the choices of the operator's call filter."""
    return (
        Call.objects.filter(applications__submitted_at__isnull=False)
        .distinct()
        .order_by("-closes_at", "code")
    )
