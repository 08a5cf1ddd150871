"""Reads the grants pages and the API share: public calls, a call's rules in tenge, applications one may see."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from azamat.core.collation import sorted_choices
from azamat.core.models import MonthlyIndex
from azamat.core.public_cache import cached_data
from azamat.core.stemming import texts_matching
from azamat.grants.models import (
    AgendaItem,
    Application,
    ApplicationVersion,
    Assignment,
    BudgetLine,
    Call,
    ComplianceCheck,
    Criterion,
    Direction,
    DirectionComment,
    GrantType,
    Project,
    Score,
    SimilarityFlag,
    Sitting,
    Vote,
)
from azamat.grants.models.programmes import DESCRIPTION_FIELDS
from azamat.grants.permissions import can_get_protocol, can_see_expert_review, is_operator
from azamat.grants.selectors.review import compliance_due_on
from azamat.registry.models import NAME_FIELDS, GovernmentBody, LegalForm, Membership, Organisation

PHASES = ["discussion", "upcoming", "open", "closed", "results"]
# What a list of calls shows (its title, phase, dates, grant type and customer), read without the rest: not the
# operator, the description, nor the grant type's and the customer's other 30 columns.
CALL_LIST_COLUMNS = (
    "code",
    "title_kk",
    "title_ru",
    "title_en",
    "published",
    "results_published",
    "discussion_until",
    "opens_at",
    "closes_at",
    *(f"grant_type__{name}" for name in NAME_FIELDS),
    *(f"customer__{name}" for name in NAME_FIELDS),
)
IN_PROGRESS = [Application.Status.DRAFT, Application.Status.CLARIFICATION]


def phase_filter(phase: str, now: datetime.datetime | None = None) -> Q:
    """The condition matching `Call.phase` for published calls, so lists filter in the database."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    live = Q(published=True, results_published=False)
    before = live & Q(opens_at__gt=now)
    return {
        "discussion": before & Q(discussion_until__gte=today),
        "upcoming": before & (Q(discussion_until__isnull=True) | Q(discussion_until__lt=today)),
        "open": live & Q(opens_at__lte=now, closes_at__gt=now),
        "closed": live & Q(closes_at__lte=now),
        "results": Q(published=True, results_published=True),
    }.get(phase, Q(published=True))


def calls_public(
    *, phase: str = "", customer: str = "", grant_type: str = "", query: str = ""
) -> QuerySet[Call]:
    """Published calls, newest first, with the counts a list shows (`CALL_LIST_COLUMNS` only); `query` finds
    words in any of their forms in the titles and descriptions of the call and its directions (`calls_matching`)."""
    qs = (
        Call.objects.filter(phase_filter(phase))
        .select_related("grant_type", "customer")
        .only(*CALL_LIST_COLUMNS)
    )
    if customer:
        qs = qs.filter(customer__code=customer)
    if grant_type:
        qs = qs.filter(grant_type__code=grant_type)
    if query.strip():
        qs = qs.filter(pk__in=calls_matching(query=query, calls=qs))
    return qs.annotate(n_directions=Count("directions", distinct=True)).order_by("-opens_at", "pk")


def call_drafts() -> QuerySet[Call]:
    """The calls not published yet, newest first, with what their list shows: for the operator's staff."""
    return (
        Call.objects.filter(published=False)
        .only("code", "title_kk", "title_ru", "title_en", "opens_at", "closes_at")
        .order_by("-created_at", "-pk")
    )


def calls_matching(*, query: str, calls: QuerySet[Call]) -> list[int]:
    """The ids of the calls whose titles or descriptions, or their directions', in any language hold the query: as it
    is typed, or each of its words in another form («балалар» finds «бала», «фонды» finds «фонд»).

    Calls are few (dozens a year), so their words are stemmed here rather than kept in an indexed column
    as the directory does; two narrow queries."""
    columns = ("title_kk", "title_ru", "title_en", *DESCRIPTION_FIELDS)
    texts: dict[int, list[str]] = {
        pk: list(parts)
        for pk, *parts in Call.objects.filter(pk__in=calls.values("pk")).values_list("pk", *columns)
    }
    for call_id, *parts in Direction.objects.filter(call_id__in=list(texts)).values_list("call_id", *columns):
        texts[call_id] += parts
    return texts_matching(query, texts)


def call_page(*, code: str, include_drafts: bool = False) -> Call:
    """A published call (or a draft, for the operator) with its directions and their discussion; of the customer
    and the operator their names, of a comment's author the name."""
    comments = (
        DirectionComment.objects.select_related("author")
        .only("direction_id", "text", "created_at", "author__full_name")
        .order_by("created_at")
    )
    directions = Direction.objects.select_related("region").prefetch_related(
        Prefetch("comments", queryset=comments)
    )
    calls = Call.objects.all() if include_drafts else Call.objects.filter(published=True)
    return (
        calls.select_related("grant_type", "customer", "operator")
        .prefetch_related(Prefetch("directions", queryset=directions))
        .get(code=code)
    )


def discussion_is_open(call: Call) -> bool:
    return bool(call.published and call.discussion_until and timezone.localdate() <= call.discussion_until)


def customers_with_calls() -> QuerySet[GovernmentBody]:
    """The customers of published calls, with their codes and names only (a filter's choices)."""
    return (
        GovernmentBody.objects.filter(calls_commissioned__published=True)
        .distinct()
        .only("code", *NAME_FIELDS)
        .order_by("name_ru")
    )


def grant_types() -> QuerySet[GrantType]:
    """Every grant type, with its code and names only (a filter's choices)."""
    return GrantType.objects.only("code", *NAME_FIELDS)


def call_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The calls' filter: the customers of published calls in the alphabetical order of the reader's language, and
    the grant types; kept in the cache until a call is published or changed (topic "calls") or a body or a grant
    type is edited ("reference")."""

    def compute() -> dict[str, list[tuple[str, str]]]:
        return {
            "customers": sorted_choices([(body.code, body.name) for body in customers_with_calls()]),
            "grant_types": [(grant_type.code, grant_type.name) for grant_type in grant_types()],
        }

    return cached_data(f"choices:calls:{get_language()}", ["calls", "reference"], compute)


@dataclass(frozen=True)
class AmountRange:
    """A grant type's amount limits for one call, in tenge; with the МРП they came from, if any."""

    minimum: Decimal | None
    maximum: Decimal | None
    mrp: Decimal | None = None
    mrp_on: datetime.date | None = None
    minimum_mrp: Decimal | None = None
    maximum_mrp: Decimal | None = None

    @property
    def known(self) -> bool:
        return self.minimum is not None and self.maximum is not None

    def contains(self, amount: Decimal) -> bool:
        return self.known and self.minimum <= amount <= self.maximum


def amount_range(call: Call, *, indices: list[MonthlyIndex] | None = None) -> AmountRange:
    """Limits in tenge: МРП limits are converted at the МРП in force on the day the call opens.

    A list of many calls passes `indices` (every МРП, newest first, read once) instead of a query per call.
    """
    grant_type = call.grant_type
    if not grant_type.limits_in_mrp:
        return AmountRange(grant_type.min_amount, grant_type.max_amount)
    day = timezone.localdate(call.opens_at)
    try:
        if indices is None:
            mrp = MonthlyIndex.on(day)
        else:
            mrp = next(index.amount for index in indices if index.valid_from <= day)
    except (LookupError, StopIteration):
        return AmountRange(None, None, None, day, grant_type.min_amount, grant_type.max_amount)
    cent = Decimal("0.01")
    return AmountRange(
        (grant_type.min_amount * mrp).quantize(cent),
        (grant_type.max_amount * mrp).quantize(cent),
        mrp,
        day,
        grant_type.min_amount,
        grant_type.max_amount,
    )


def legal_form_names(codes) -> list[str]:
    labels = dict(LegalForm.choices)
    return [str(labels.get(code, code)) for code in codes]


def document_name(document: dict) -> str:
    language = (get_language() or "kk")[:2]
    return document.get(f"name_{language}") or document.get("name_ru") or document.get("code", "")


def required_documents(grant_type: GrantType) -> list[tuple[str, str]]:
    """(code, name in the reader's language) of each document the grant type requires."""
    return [(d["code"], document_name(d)) for d in grant_type.required_documents or [] if d.get("code")]


def organisations_for_applying(*, user) -> QuerySet[Organisation]:
    """Organisations in which the person is an active member: they may prepare applications for them."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(memberships__user=user, memberships__status=Membership.Status.ACTIVE)
        .distinct()
        .order_by("name_ru")
    )


def applications_visible_to(*, user) -> QuerySet[Application]:
    """The operator sees every application; a member sees their organisations' ones; others none."""
    qs = Application.objects.select_related("call", "direction", "organisation")
    if not user.is_authenticated:
        return qs.none()
    if is_operator(user):
        return qs
    return qs.filter(organisation__in=organisations_for_applying(user=user))


def applications_in_progress(*, user) -> QuerySet[Application]:
    return (
        applications_visible_to(user=user)
        .filter(status__in=IN_PROGRESS, organisation__in=organisations_for_applying(user=user))
        .order_by("-updated_at")
    )


def application_editor(*, pk: int) -> Application:
    """An application with everything its editor page shows, in a fixed number of queries."""
    return (
        Application.objects.select_related(
            "call__grant_type", "call__customer", "direction__region", "organisation__region", "created_by"
        )
        .prefetch_related("activities", "budget_lines", "indicators", "attachments", "versions")
        .get(pk=pk)
    )


def latest_clarification(application: Application) -> ComplianceCheck | None:
    """The operator's latest request for a clarification, while the application waits for one."""
    if application.status != Application.Status.CLARIFICATION:
        return None
    return (
        application.compliance_checks.filter(decision=ComplianceCheck.Decision.CLARIFICATION)
        .order_by("-decided_at")
        .first()
    )


def similarity_flags(*, reviewed: bool | None = None) -> QuerySet[SimilarityFlag]:
    qs = SimilarityFlag.objects.select_related(
        "application__organisation", "application__call", "similar_to__organisation", "similar_to__call"
    ).order_by("reviewed", "-score", "-created_at")
    if reviewed is not None:
        qs = qs.filter(reviewed=reviewed)
    return qs


@dataclass(frozen=True)
class BudgetSummary:
    """Budget lines grouped by category with their totals, and the overall total against the limits."""

    categories: list[tuple[str, Decimal, list]]
    total: Decimal
    limits: AmountRange

    @property
    def position(self) -> str:
        """ "below", "within" or "above" the grant type's range; "unknown" without an МРП."""
        if not self.limits.known:
            return "unknown"
        if self.total < self.limits.minimum:
            return "below"
        return "above" if self.total > self.limits.maximum else "within"


def budget_summary(application: Application) -> BudgetSummary:
    labels = dict(BudgetLine.Category.choices)
    groups: dict[str, list] = {}
    for line in application.budget_lines.all():
        groups.setdefault(line.category, []).append(line)
    categories = [
        (str(labels.get(code, code)), sum((line.total for line in lines), start=Decimal(0)), lines)
        for code, lines in sorted(
            groups.items(), key=lambda item: list(labels).index(item[0]) if item[0] in labels else len(labels)
        )
    ]
    total = sum((c[1] for c in categories), start=Decimal(0)).quantize(Decimal("0.01"))
    return BudgetSummary(categories, total, amount_range(application.call))


def activity_timeline(application: Application) -> tuple[list[int], list[tuple]]:
    """The months of the project and, per activity, whether it runs in each month."""
    last = max(
        [application.duration_months, *(a.ends_month for a in application.activities.all())], default=1
    )
    months = list(range(1, last + 1))
    rows = [(a, [a.starts_month <= m <= a.ends_month for m in months]) for a in application.activities.all()]
    return months, rows


def documents_checklist(application: Application) -> list[tuple[str, str, list]]:
    """(code, name, attached files) per required document, then "other" with the rest."""
    attached: dict[str, list] = {}
    for attachment in application.attachments.all():
        if attachment.report_id:
            continue  # files of the project's reports, shown on the report page
        attached.setdefault(attachment.document_code, []).append(attachment)
    required = required_documents(application.call.grant_type)
    rows = [(code, name, attached.pop(code, [])) for code, name in required]
    others = [a for files in attached.values() for a in files]
    return rows + ([("other", "", others)] if others else [])


# --- Decisions explained to the applicant --------------------------------------------------------------------


@dataclass(frozen=True)
class Clarification:
    """The operator's request for a clarification and the resubmitted version that answered it, if any."""

    check: ComplianceCheck
    answer: ApplicationVersion | None


@dataclass(frozen=True)
class CriterionScores:
    criterion: Criterion
    scores: list[tuple[str, int, str]]  # (“Expert 1”, value, justification), in a fixed order
    mean: Decimal | None


@dataclass(frozen=True)
class ExpertReview:
    experts: list[str]
    criteria: list[CriterionScores]
    final_score: Decimal
    rank: int | None


@dataclass(frozen=True)
class CommissionDecision:
    item: AgendaItem
    awarded: bool
    support: int
    against: int
    abstain: int
    may_get_protocol: bool


@dataclass(frozen=True)
class Decisions:
    """What was decided about an application, stage by stage, and when the next decision is due."""

    compliance: ComplianceCheck | None  # the final decision: compliant or rejected
    clarifications: list[Clarification]
    compliance_due_on: datetime.date
    passed_compliance: bool
    review: ExpertReview | None
    agenda: AgendaItem | None  # the item the commission decides (or decided) on
    commission: CommissionDecision | None
    next_sitting: Sitting | None  # a sitting of the call's commission still to come
    project: Project | None


PAST_COMPLIANCE = {
    Application.Status.COMPLIANT,
    Application.Status.REVIEWED,
    Application.Status.AWARDED,
    Application.Status.NOT_AWARDED,
}


def _expert_review(application: Application, *, rank: int | None) -> ExpertReview:
    """The submitted scores, the experts numbered by the order they were assigned and never named."""
    criteria = list(application.call.grant_type.criteria.order_by("position", "pk"))
    scores = list(
        Score.objects.filter(
            assignment__application=application, assignment__status=Assignment.Status.SUBMITTED
        ).order_by("assignment_id", "criterion_id")
    )
    order = sorted({score.assignment_id for score in scores})
    labels = {pk: _("Expert %(number)s") % {"number": n} for n, pk in enumerate(order, start=1)}
    by_criterion: dict[int, list[Score]] = {}
    for score in scores:
        by_criterion.setdefault(score.criterion_id, []).append(score)
    rows = []
    for criterion in criteria:
        given = by_criterion.get(criterion.pk, [])
        mean = (
            (Decimal(sum(s.value for s in given)) / len(given)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            if given
            else None
        )
        rows.append(
            CriterionScores(
                criterion=criterion,
                scores=[(labels[s.assignment_id], s.value, s.justification) for s in given],
                mean=mean,
            )
        )
    return ExpertReview(
        experts=[labels[pk] for pk in order], criteria=rows, final_score=application.final_score, rank=rank
    )


def application_decisions(*, application: Application, user) -> Decisions:
    """Every decision taken on the application that its page may show, in a fixed number of queries."""
    checks = list(application.compliance_checks.order_by("decided_at", "pk"))
    versions = list(application.versions.order_by("number"))
    clarifications = [
        Clarification(
            check=check,
            answer=next((v for v in versions if v.created_at > check.decided_at), None),
        )
        for check in checks
        if check.decision == ComplianceCheck.Decision.CLARIFICATION
    ]
    final = [c for c in checks if c.decision != ComplianceCheck.Decision.CLARIFICATION]
    items = list(
        application.agenda_items.select_related("sitting__commission__call")
        .prefetch_related("votes")
        .order_by("-sitting__starts_at", "-pk")
    )
    decided = next((item for item in items if item.decision), None)
    agenda = decided or (items[0] if items else None)
    review = None
    if can_see_expert_review(user, application, on_agenda=bool(items)):
        review = _expert_review(application, rank=agenda.rank if agenda else None)
    commission = None
    if decided is not None:
        choices = [vote.choice for vote in decided.votes.all()]
        commission = CommissionDecision(
            item=decided,
            awarded=decided.decision == AgendaItem.Decision.AWARDED,
            support=choices.count(Vote.Choice.SUPPORT),
            against=choices.count(Vote.Choice.AGAINST),
            abstain=choices.count(Vote.Choice.ABSTAIN),
            may_get_protocol=bool(can_get_protocol(user, decided.sitting)),
        )
    next_sitting = None
    if agenda is None and application.status == Application.Status.REVIEWED:
        next_sitting = (
            Sitting.objects.filter(
                commission__call=application.call, closed_at__isnull=True, starts_at__gte=timezone.now()
            )
            .order_by("starts_at")
            .first()
        )
    project = (
        Project.objects.filter(application=application).prefetch_related("tranches").first()
        if application.status == Application.Status.AWARDED
        else None
    )
    return Decisions(
        compliance=final[-1] if final else None,
        clarifications=clarifications,
        compliance_due_on=compliance_due_on(application.call),
        passed_compliance=application.status in PAST_COMPLIANCE,
        review=review,
        agenda=agenda,
        commission=commission,
        next_sitting=next_sitting,
        project=project,
    )


# --- An organisation's public record on its profile ------------------------------------------------------------


def organisation_outcomes(*, organisation: Organisation) -> QuerySet[Application]:
    """The organisation's applications whose outcome is public (the call's results are published), with the
    amount awarded and the project, if any, in one query."""
    awarded = AgendaItem.objects.filter(
        application=OuterRef("pk"), decision=AgendaItem.Decision.AWARDED
    ).order_by("-sitting__starts_at")
    return (
        Application.objects.filter(
            organisation=organisation,
            status__in=[Application.Status.AWARDED, Application.Status.NOT_AWARDED],
            call__published=True,
            call__results_published=True,
        )
        .select_related("call", "project")
        # What the profile shows: not the application's texts, the call's description, the project's dates.
        .only(
            "status",
            "title",
            "call__code",
            "call__title_kk",
            "call__title_ru",
            "call__title_en",
            "project__agreement_number",
            "project__amount",
        )
        .annotate(awarded_amount=Subquery(awarded.values("amount")[:1]))
        .order_by("-call__closes_at", "-pk")
    )
