"""The public figures of accountability, read-only: how many items a body (a region, the country) received, how
many it answered on time, how long answers took, what is overdue now, what was accepted, implemented, rejected.

Public items only: a private item counts nowhere on a public page. Every figure is counted in the database by
grouped or filtered aggregates (a page makes the same few queries whatever the number of items); the median
uses PERCENTILE_CONT on PostgreSQL and, on SQLite, which has none, the answer times of the group read in one
query and the median taken in Python.

The definitions, which the pages state:
- *answered*: the body gave its answer (accepted, partly accepted, rejected) or forwarded the item to the
  competent body; a forwarded item counts again, as a new item, for the body it went to;
- *due*: answered, or unanswered past its due date (an item still within its term is neither on time nor late);
- *answered on time*: answered on or before its current due date (an extension moves it);
- *share on time*: answered on time / due, in per cent;
- *days to answer*: calendar days from sending to the answer (not working days: the holidays and transferred
  days of the working calendar are not in the database, and calendar days are what the author waits);
- *overdue now*: unanswered with the due date past (overdue and long overdue).
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth, TruncQuarter
from django.utils import timezone

from azamat.accountability.models import Dispute, Item

S = Item.Status
OUT = Item.Outcome
OVERDUE = (S.OVERDUE, S.LONG_OVERDUE)
ACCEPTED = (OUT.ACCEPTED, OUT.PARTIAL)
# Calendar days from sending to the answer: each bucket (low, high), high None for "and more".
ANSWER_BUCKETS = [(0, 5), (6, 10), (11, 15), (16, 21), (22, 30), (31, 60), (61, None)]
PERIODS = {"month": 12, "quarter": 8}  # how many periods a chart shows


class DaysBetween(Func):
    """Whole calendar days from `start` to `end` (two dates), NULL when either is NULL."""

    template = "(%(expressions)s)"
    arg_joiner = " - "  # PostgreSQL: date - date is an integer of days
    output_field = IntegerField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


class Median(Aggregate):
    """The median (PostgreSQL's PERCENTILE_CONT, an ordered-set aggregate); NULLs are left out."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def has_percentile() -> bool:
    return connection.vendor == "postgresql"


def answer_days():
    return DaysBetween(F("answered_on"), F("sent_on"))


def current_due():
    return Coalesce(F("extended_to"), F("due_on"))


def current_long():
    return Coalesce(F("extended_long_overdue_on"), F("long_overdue_on"))


def public_items(*, body=None, region=None, year: int | None = None, kind: str = "") -> QuerySet:
    """The public items the figures count, narrowed to a body, a region, a year of sending, a kind."""
    queryset = Item.objects.filter(is_public=True)
    if body is not None:
        queryset = queryset.filter(body=body)
    if region is not None:
        queryset = queryset.filter(region=region)
    if year:
        queryset = queryset.filter(sent_on__year=year)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by()


def status_filter(status: str, today: datetime.date) -> Q:
    """A filter of items annotated by `selectors.with_status` to one status: the unanswered ones by their dates
    alone (the same rules, without evaluating the whole status expression on every row)."""
    if status == S.AWAITING:
        return Q(outcome="", current_due__gte=today)
    if status == S.OVERDUE:
        return Q(outcome="", current_due__lt=today, current_long__gte=today)
    if status == S.LONG_OVERDUE:
        return Q(outcome="", current_long__lt=today)
    return Q(computed_status=status)


def _share(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


@dataclass
class Figures:
    received: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    due: int = 0
    overdue: int = 0
    long_overdue: int = 0
    awaiting: int = 0
    accepted: int = 0
    implemented: int = 0
    rejected: int = 0
    forwarded: int = 0
    median_days: float | None = None

    @property
    def on_time_share(self) -> float | None:
        return _share(self.on_time, self.due)

    @property
    def overdue_now(self) -> int:
        return self.overdue + self.long_overdue


def figures(queryset: QuerySet, today: datetime.date | None = None) -> Figures:
    """The figures of these items (a `public_items` queryset) on `today`, in one query: conditional counts
    over the stored facts, by the same rules as `selectors.status_expression` (a test holds them equal)."""
    today = today or timezone.localdate()
    unanswered = Q(outcome="")
    answered = ~unanswered
    open_dispute = Exists(Dispute.objects.filter(item=OuterRef("pk"), responded_at__isnull=True))
    values = queryset.annotate(due_now=current_due(), long_now=current_long()).aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=answered),
        on_time=Count("pk", filter=answered & Q(answered_on__lte=F("due_now"))),
        awaiting=Count("pk", filter=unanswered & Q(due_now__gte=today)),
        overdue=Count("pk", filter=unanswered & Q(due_now__lt=today, long_now__gte=today)),
        long_overdue=Count("pk", filter=unanswered & Q(long_now__lt=today)),
        accepted=Count("pk", filter=Q(outcome__in=ACCEPTED)),
        rejected=Count("pk", filter=Q(outcome=OUT.REJECTED)),
        forwarded=Count("pk", filter=Q(outcome=OUT.FORWARDED)),
        implemented=Count(
            "pk", filter=Q(outcome__in=ACCEPTED, implemented_on__isnull=False) & ~Q(open_dispute)
        ),
    )
    result = Figures(**values)
    result.late = result.answered - result.on_time
    result.due = result.answered + result.overdue_now
    return result


@dataclass
class Bucket:
    low: int
    high: int | None
    count: int


@dataclass
class AnswerTimes:
    buckets: list[Bucket]
    median_days: float | None
    answered: int


def answer_times(queryset: QuerySet) -> AnswerTimes:
    """How long the answered items took, in calendar days: the histogram's buckets and the median."""
    answered = queryset.exclude(outcome="").annotate(days=answer_days())
    counts = {
        f"b{i}": Count("pk", filter=Q(days__gte=low) & (Q(days__lte=high) if high is not None else Q()))
        for i, (low, high) in enumerate(ANSWER_BUCKETS)
    }
    counts["total"] = Count("pk")
    if has_percentile():
        counts["median"] = Median("days")
    values = answered.aggregate(**counts)
    on_sqlite = not has_percentile()
    median = _median(list(answered.values_list("days", flat=True))) if on_sqlite else values["median"]
    buckets = [Bucket(low, high, values[f"b{i}"]) for i, (low, high) in enumerate(ANSWER_BUCKETS)]
    return AnswerTimes(buckets=buckets, median_days=median, answered=values["total"])


def _period_start(today: datetime.date, period: str, count: int) -> datetime.date:
    if period == "quarter":
        month = (today.month - 1) // 3 * 3 + 1
        index = today.year * 12 + month - 1 - 3 * (count - 1)
    else:
        index = today.year * 12 + today.month - 1 - (count - 1)
    return datetime.date(index // 12, index % 12 + 1, 1)


def _periods(start: datetime.date, period: str, count: int) -> list[datetime.date]:
    step = 3 if period == "quarter" else 1
    index = start.year * 12 + start.month - 1
    return [datetime.date((index + i * step) // 12, (index + i * step) % 12 + 1, 1) for i in range(count)]


@dataclass
class PeriodCounts:
    start: datetime.date
    period: str
    sent: int
    answered: int

    @property
    def quarter(self) -> int:
        return (self.start.month - 1) // 3 + 1


def over_time(queryset: QuerySet, *, period: str = "month", today: datetime.date | None = None):
    """Items sent and items answered in each of the last months (12) or quarters (8), oldest first."""
    today = today or timezone.localdate()
    period = period if period in PERIODS else "month"
    count = PERIODS[period]
    start = _period_start(today, period, count)
    trunc = TruncQuarter if period == "quarter" else TruncMonth
    sent = dict(
        queryset.filter(sent_on__gte=start, sent_on__lte=today)
        .annotate(p=trunc("sent_on"))
        .values("p")
        .annotate(n=Count("pk"))
        .values_list("p", "n")
    )
    answered = dict(
        queryset.exclude(outcome="")
        .filter(answered_on__gte=start, answered_on__lte=today)
        .annotate(p=trunc("answered_on"))
        .values("p")
        .annotate(n=Count("pk"))
        .values_list("p", "n")
    )
    sent = {_as_date(k): v for k, v in sent.items()}
    answered = {_as_date(k): v for k, v in answered.items()}
    return [
        PeriodCounts(p, period, sent.get(p, 0), answered.get(p, 0)) for p in _periods(start, period, count)
    ]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


# --- Figures per body or per region, in one grouped query -------------------------------------------------


def _grouped(queryset: QuerySet, key: str, today: datetime.date) -> QuerySet:
    answered = ~Q(outcome="")
    late_now = Q(outcome="") & Q(due_now__lt=today)
    on_time = answered & Q(answered_on__lte=F("due_now"))
    grouped = (
        queryset.annotate(due_now=current_due())
        .values(key)
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=answered),
            on_time=Count("pk", filter=on_time),
            overdue=Count("pk", filter=late_now),
            due=Count("pk", filter=answered | late_now),
            accepted=Count("pk", filter=Q(outcome__in=ACCEPTED)),
            rejected=Count("pk", filter=Q(outcome=OUT.REJECTED)),
            implemented=Count("pk", filter=Q(implemented_on__isnull=False)),
        )
        .annotate(
            share=Case(
                When(
                    due__gt=0, then=Cast("on_time", FloatField()) * Value(100.0) / Cast("due", FloatField())
                ),
                default=None,
                output_field=FloatField(),
            )
        )
        .order_by()
    )
    if has_percentile():
        grouped = grouped.annotate(median=Median(answer_days()))
    return grouped


@dataclass
class Row:
    """One body's (or region's) figures."""

    key: int
    received: int
    answered: int
    on_time: int
    overdue: int
    due: int
    accepted: int
    rejected: int
    implemented: int
    share: float | None
    median: float | None = None
    subject: object = None  # the body or the region

    @property
    def on_time_share(self) -> float | None:
        return None if self.share is None else round(self.share, 1)


def _rows(grouped: QuerySet, key: str, queryset: QuerySet) -> list[Row]:
    rows = [
        Row(
            key=r[key],
            received=r["received"],
            answered=r["answered"],
            on_time=r["on_time"],
            overdue=r["overdue"],
            due=r["due"],
            accepted=r["accepted"],
            rejected=r["rejected"],
            implemented=r["implemented"],
            share=r["share"],
            median=r.get("median"),
        )
        for r in grouped
    ]
    if rows and not has_percentile():
        days = defaultdict(list)
        keys = [row.key for row in rows]
        answered = queryset.exclude(outcome="").filter(**{f"{key}__in": keys})
        for group, value in answered.values_list(key, answer_days()).order_by():
            days[group].append(value)
        for row in rows:
            row.median = _median(days.get(row.key, []))
    return rows


def by_body(
    queryset: QuerySet,
    *,
    today: datetime.date | None = None,
    min_items: int = 0,
    level: str = "",
    region=None,
) -> list[Row]:
    """Each body's figures (bodies with at least `min_items` items; of a level, of a region), the body set on
    each row; unsorted."""
    from azamat.registry.models import GovernmentBody

    today = today or timezone.localdate()
    if level:
        queryset = queryset.filter(body__level=level)
    if region is not None:
        queryset = queryset.filter(body__region=region)
    grouped = _grouped(queryset, "body", today)
    if min_items:
        grouped = grouped.filter(received__gte=min_items)
    rows = _rows(grouped, "body", queryset)
    bodies = GovernmentBody.objects.select_related("region").in_bulk([row.key for row in rows])
    for row in rows:
        row.subject = bodies[row.key]
    return rows


def by_region(queryset: QuerySet, *, today: datetime.date | None = None) -> list[Row]:
    """Each region's figures (items without a region left out), the region set on each row; unsorted."""
    from azamat.registry.models import Region

    today = today or timezone.localdate()
    rows = _rows(_grouped(queryset.filter(region__isnull=False), "region", today), "region", queryset)
    regions = Region.objects.in_bulk([row.key for row in rows])
    for row in rows:
        row.subject = regions[row.key]
    return rows


def years(queryset: QuerySet) -> list[int]:
    """The years from the first item sent to the last, latest first (one quick aggregate)."""
    span = queryset.aggregate(first=Min("sent_on"), last=Max("sent_on"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


RANKING_SORTS = {
    # key: (what it sorts by, reversed) — a missing value (no item due yet) always comes last.
    "share": ("on_time_share", True),
    "-share": ("on_time_share", False),
    "received": ("received", True),
    "overdue": ("overdue", True),
    "median": ("median", False),
}


def ranked(rows: list[Row], sort: str = "share") -> list[Row]:
    """Rows in the ranking's order: by `sort` (see RANKING_SORTS, or "name": alphabetical in the active
    language), ties in alphabetical order."""
    from azamat.core.collation import sorted_alphabetically

    rows = sorted_alphabetically(rows, key=lambda row: row.subject.name)
    if sort == "name":
        return rows
    attribute, descending = RANKING_SORTS.get(sort, RANKING_SORTS["share"])
    present = [row for row in rows if getattr(row, attribute) is not None]
    missing = [row for row in rows if getattr(row, attribute) is None]
    present.sort(key=lambda row: getattr(row, attribute), reverse=descending)
    return present + missing
