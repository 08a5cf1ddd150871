"""Reads of members' KPIs: each member's value on each criterion, the weighted total and the ranking, for one
period, several at once (a level's ranking) or one person's seats.

How a value is found:
- attendance: meetings of the period the member attended, out of those held while they sat (not cancelled,
  started by now); an excused absence leaves the meeting out of the count;
- committees: the member's seats in permanent committees, against the council's busiest member in the period;
- recommendations: accountability items of the kind "recommendation" sent in the period whose author is the
  member's account, and how many of them are implemented (their status computed by accountability), against the
  council's member with the most implemented ones. A council's decision does not record which member proposed
  it, so its items count for the person who recorded them;
- assessors' criteria: the mean of the designated assessors' scores.

A value is then placed on the criterion's scale. The total is the weighted mean of the values as a share of
each scale, 0–100: a computed criterion without data for the whole council (no meeting held, no committee, no
recommendation) is left out, an assessor's criterion not scored yet counts as its lowest score.
Every function makes the same number of queries whatever the number of members or periods.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from azamat.accountability.models import Item
from azamat.accountability.selectors import with_status
from azamat.core.collation import sort_key
from azamat.councils.kpi_models import AssessmentPeriod, Criterion, PeriodAssessor, Score
from azamat.councils.models import Attendance, Council, Meeting, Member

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)
SOURCE = Criterion.Source


@dataclass
class Value:
    """A member's value on one criterion: on its scale (None: no data), with the facts behind it."""

    criterion: Criterion
    value: Decimal | None
    facts: dict = field(default_factory=dict)
    scores: list = field(default_factory=list)

    @property
    def share(self) -> Decimal | None:
        if self.value is None:
            return None
        span = Decimal(self.criterion.scale_max - self.criterion.scale_min)
        return (self.value - self.criterion.scale_min) / span


@dataclass
class Result:
    member: Member
    period: AssessmentPeriod
    values: list[Value]
    total: Decimal
    rank: int = 0


def _on_scale(criterion: Criterion, share: Decimal) -> Decimal:
    span = criterion.scale_max - criterion.scale_min
    return (criterion.scale_min + share * span).quantize(CENT, ROUND_HALF_UP)


def _total(values: list[Value]) -> Decimal:
    weighted = Decimal(0)
    weights = Decimal(0)
    for value in values:
        if value.criterion.is_computed and value.value is None:
            continue  # no data for the whole council: left out
        weights += value.criterion.weight
        weighted += value.criterion.weight * (value.share or Decimal(0))
    if not weights:
        return Decimal(0)
    return (weighted / weights * HUNDRED).quantize(TENTH, ROUND_HALF_UP)


def _seated(member: Member, period: AssessmentPeriod) -> bool:
    return member.joined_on <= period.ends_on and (
        member.left_on is None or member.left_on >= period.starts_on
    )


def _seated_on(member: Member, day: datetime.date) -> bool:
    return member.joined_on <= day and (member.left_on is None or member.left_on >= day)


def rank(results: list[Result]) -> list[Result]:
    """Highest total first, equal totals sharing a rank (1, 1, 3); equal ones in alphabetical order."""
    ordered = sorted(results, key=lambda r: (-r.total, sort_key(r.member.full_name)))
    previous = None
    for position, result in enumerate(ordered, start=1):
        if previous is None or result.total != previous.total:
            result.rank = position
        else:
            result.rank = previous.rank
        previous = result
    return ordered


def _facts(periods: list[AssessmentPeriod]) -> dict:
    """Everything the values are computed from, for all the periods at once."""
    councils = {p.council_id for p in periods}
    start = min(p.starts_on for p in periods)
    end = max(p.ends_on for p in periods)
    members = list(
        Member.objects.filter(council_id__in=councils, joined_on__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=start))
        .select_related("organisation", "user")
        .order_by("pk")
    )
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(council_id__in=councils, cancelled_at__isnull=True, starts_at__lte=now)
        .filter(starts_at__date__gte=start, starts_at__date__lte=end)
        .values_list("pk", "council_id", "starts_at")
    )
    attendance = {
        (row[0], row[1]): row[2]
        for row in Attendance.objects.filter(meeting_id__in=[m[0] for m in meetings]).values_list(
            "member_id", "meeting_id", "status"
        )
    }
    committees = defaultdict(int)
    for member_id in Member.committees.through.objects.filter(
        member_id__in=[m.pk for m in members]
    ).values_list("member_id", flat=True):
        committees[member_id] += 1
    users = {m.user_id for m in members if m.user_id}
    items = list(
        with_status(
            Item.objects.filter(
                author_id__in=users,
                kind=Item.Kind.RECOMMENDATION,
                sent_on__gte=start,
                sent_on__lte=end,
            )
        ).values_list("author_id", "sent_on", "computed_status")
    )
    criteria = defaultdict(list)
    for criterion in Criterion.objects.filter(period__in=periods).order_by("position", "pk"):
        criteria[criterion.period_id].append(criterion)
    scores = defaultdict(list)
    for score in (
        Score.objects.filter(criterion__period__in=periods)
        .select_related("assessor")
        .order_by("scored_at", "pk")
    ):
        scores[(score.criterion_id, score.member_id)].append(score)
    return {
        "members": members,
        "meetings": meetings,
        "attendance": attendance,
        "committees": committees,
        "items": items,
        "criteria": criteria,
        "scores": scores,
    }


def _attendance(member, period, facts) -> dict:
    held = attended = 0
    for pk, council_id, starts_at in facts["meetings"]:
        day = timezone.localtime(starts_at).date()
        if council_id != period.council_id or not (period.starts_on <= day <= period.ends_on):
            continue
        if not _seated_on(member, day):
            continue
        status = facts["attendance"].get((member.pk, pk))
        if status == Attendance.Status.EXCUSED:
            continue
        held += 1
        attended += status == Attendance.Status.PRESENT
    return {"held": held, "attended": attended}


def _recommendations(member, period, facts) -> dict:
    authored = implemented = 0
    if member.user_id:
        for author_id, sent_on, status in facts["items"]:
            if author_id == member.user_id and period.starts_on <= sent_on <= period.ends_on:
                authored += 1
                implemented += status == Item.Status.IMPLEMENTED
    return {"authored": authored, "implemented": implemented}


def _period_results(period: AssessmentPeriod, facts: dict) -> list[Result]:
    members = [m for m in facts["members"] if m.council_id == period.council_id and _seated(m, period)]
    raw = {
        m.pk: {
            SOURCE.ATTENDANCE: _attendance(m, period, facts),
            SOURCE.COMMITTEES: {"committees": facts["committees"].get(m.pk, 0)},
            SOURCE.RECOMMENDATIONS: _recommendations(m, period, facts),
        }
        for m in members
    }
    best_committees = max((r[SOURCE.COMMITTEES]["committees"] for r in raw.values()), default=0)
    best_implemented = max((r[SOURCE.RECOMMENDATIONS]["implemented"] for r in raw.values()), default=0)
    any_authored = any(r[SOURCE.RECOMMENDATIONS]["authored"] for r in raw.values())
    results = []
    for member in members:
        values = []
        for criterion in facts["criteria"].get(period.pk, []):
            if criterion.source == SOURCE.ASSESSOR:
                scores = facts["scores"].get((criterion.pk, member.pk), [])
                mean = sum((s.value for s in scores), Decimal(0)) / len(scores) if scores else None
                value = None if mean is None else mean.quantize(CENT, ROUND_HALF_UP)
                values.append(Value(criterion, value, {"assessors": len(scores)}, scores))
                continue
            found = raw[member.pk][criterion.source]
            share = None
            if criterion.source == SOURCE.ATTENDANCE and found["held"]:
                share = Decimal(found["attended"]) / found["held"]
            elif criterion.source == SOURCE.COMMITTEES and best_committees:
                share = Decimal(found["committees"]) / best_committees
            elif criterion.source == SOURCE.RECOMMENDATIONS and any_authored:
                share = Decimal(found["implemented"]) / best_implemented if best_implemented else Decimal(0)
            values.append(Value(criterion, None if share is None else _on_scale(criterion, share), found))
        results.append(Result(member=member, period=period, values=values, total=_total(values)))
    return rank(results)


def results_of_periods(periods: list[AssessmentPeriod]) -> dict[int, list[Result]]:
    """Each period's ranked results, by period id."""
    periods = list(periods)
    if not periods:
        return {}
    facts = _facts(periods)
    return {period.pk: _period_results(period, facts) for period in periods}


def period_results(period: AssessmentPeriod) -> list[Result]:
    return results_of_periods([period])[period.pk]


def period_criteria(period: AssessmentPeriod) -> list[Criterion]:
    return list(period.criteria.order_by("position", "pk"))


def criteria_templates() -> QuerySet[Criterion]:
    return Criterion.objects.filter(period__isnull=True).order_by("position", "pk")


def council_periods(council: Council, *, published_only: bool) -> QuerySet[AssessmentPeriod]:
    periods = council.kpi_periods.all()
    if published_only:
        periods = periods.filter(published_at__isnull=False)
    return periods.order_by("-starts_on", "pk")


def period_assessors(period: AssessmentPeriod) -> list[PeriodAssessor]:
    return list(period.assessors.select_related("user").order_by("user__full_name", "pk"))


def assessor_scores(period: AssessmentPeriod, user) -> QuerySet[Score]:
    return (
        Score.objects.filter(criterion__period=period, assessor=user)
        .select_related("criterion", "member")
        .order_by("member__full_name", "criterion__position", "pk")
    )


def period_members(period: AssessmentPeriod) -> list[Member]:
    members = period.council.members.filter(joined_on__lte=period.ends_on).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=period.starts_on)
    )
    return sorted(members, key=lambda m: sort_key(m.full_name))


def level_years(level: str) -> list[int]:
    years = AssessmentPeriod.objects.filter(
        council__level=level, council__published_at__isnull=False, published_at__isnull=False
    ).dates("ends_on", "year", order="DESC")
    return [d.year for d in years]


def level_ranking(level: str, year: int) -> list[Result]:
    """Members of every published council of a level, from the published periods ending in `year`, ranked
    together by their totals."""
    periods = list(
        AssessmentPeriod.objects.filter(
            council__level=level,
            council__published_at__isnull=False,
            published_at__isnull=False,
            ends_on__year=year,
        )
        .select_related("council")
        .order_by("pk")
    )
    results = [r for found in results_of_periods(periods).values() for r in found]
    return rank(results)


def own_results(user) -> list[Result]:
    """The person's result in every period of every council they sat on, published or not (newest first)."""
    if not (user and user.is_authenticated):
        return []
    periods = list(
        AssessmentPeriod.objects.filter(council__members__user=user)
        .distinct()
        .select_related("council")
        .order_by("-starts_on", "pk")
    )
    found = results_of_periods(periods)
    return [r for period in periods for r in found[period.pk] if r.member.user_id == user.pk]
