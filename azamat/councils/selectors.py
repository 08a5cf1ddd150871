"""Reads of the councils module shared by pages, feeds and services."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from azamat.accountability.selectors import items
from azamat.core.working_days import holiday_name, is_working_day
from azamat.councils.models import (
    DEFAULT_SIZES,
    Attendance,
    Committee,
    CompositionRule,
    Council,
    Decision,
    Document,
    Meeting,
    Member,
    Proposal,
)
from azamat.registry.permissions import is_platform_admin


@dataclass(frozen=True)
class Rule:
    min_members: int
    max_members: int
    state_numerator: int
    state_denominator: int

    def state_limit(self, total: int) -> int:
        """The most state members a council of `total` members (never counted below the minimum) may have."""
        return max(total, self.min_members) * self.state_numerator // self.state_denominator


def composition_rule(level: str) -> Rule:
    """The administrator's rule for the level, else the defaults (DEFAULT_SIZES, one third state)."""
    row = CompositionRule.objects.filter(level=level).first()
    if row is not None:
        return Rule(row.min_members, row.max_members, row.state_share_numerator, row.state_share_denominator)
    low, high = DEFAULT_SIZES.get(level, (10, 30))
    return Rule(low, high, 1, 3)


def active_members(council: Council) -> QuerySet[Member]:
    return council.members.filter(left_on__isnull=True)


def councils_public(*, level: str = "", region: int | None = None, query: str = "") -> QuerySet[Council]:
    councils = Council.objects.filter(published_at__isnull=False)
    if level:
        councils = councils.filter(level=level)
    if region:
        councils = councils.filter(region_id=region)
    for word in query.casefold().split()[:8]:
        councils = councils.filter(
            Q(search_text__contains=word)
            | Q(body__name_ru__icontains=word)
            | Q(body__name_kk__icontains=word)
            | Q(body__name_en__icontains=word)
        )
    return (
        councils.select_related("body", "region")
        .annotate(n_members=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("name_ru", "pk")
    )


def councils_managed_by(user) -> QuerySet[Council]:
    councils = Council.objects.select_related("body", "region").order_by("name_ru", "pk")
    if is_platform_admin(user):
        return councils
    return councils.filter(secretaries__user=user)


def council_members(council: Council) -> tuple[list[Member], list[Member]]:
    """The current members (chair, deputies, secretary, members) and those who left, most recent first."""
    members = list(
        council.members.select_related("organisation", "state_body").prefetch_related("committees")
    )
    order = {"chair": 0, "deputy_chair": 1, "secretary": 2, "member": 3}
    current = sorted(
        (m for m in members if m.left_on is None), key=lambda m: (order[m.role], m.full_name.casefold())
    )
    former = sorted((m for m in members if m.left_on is not None), key=lambda m: m.left_on, reverse=True)
    return current, former


def council_meetings(council: Council, *, public: bool) -> QuerySet[Meeting]:
    meetings = council.meetings.all()
    if public:
        meetings = meetings.filter(cancelled_at__isnull=True)
    return meetings.order_by("-starts_at", "pk")


def council_documents(council: Council, *, public: bool) -> QuerySet[Document]:
    documents = council.documents.filter(meeting__isnull=True)
    if public:
        documents = documents.filter(is_public=True)
    return documents.order_by("kind", "-uploaded_at", "pk")


def meeting_record(meeting: Meeting, *, public: bool) -> dict:
    """What a meeting's page shows: agenda, documents, and (with the minutes) attendance and decisions."""
    documents = meeting.documents.all()
    if public:
        documents = documents.filter(is_public=True)
        if not meeting.minutes_published_at:  # a draft of the minutes waits for their publication
            documents = documents.exclude(kind=Document.Kind.MINUTES)
    decisions = list(
        meeting.decisions.select_related("agenda_item")
        .prefetch_related("addressees")
        .order_by("position", "pk")
    )
    attendance = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__full_name", "pk")
    )
    return {
        "agenda": list(meeting.agenda.order_by("position", "pk")),
        "documents": list(documents.order_by("kind", "pk")),
        "decisions": decisions,
        "attendance": attendance,
    }


def meetings_for_calendar(*, council: Council | None = None, days_back: int = 365) -> QuerySet[Meeting]:
    """Meetings of published councils from a year ago on, for the iCalendar feeds (cancelled ones included:
    a calendar learns of the cancellation)."""
    since = timezone.now() - timezone.timedelta(days=days_back)
    meetings = Meeting.objects.filter(council__published_at__isnull=False, starts_at__gte=since)
    if council is not None:
        meetings = meetings.filter(council=council)
    return meetings.select_related("council", "council__body").order_by("starts_at", "pk")


def upcoming_meetings(*, limit: int = 50) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(
            council__published_at__isnull=False, cancelled_at__isnull=True, starts_at__gte=timezone.now()
        )
        .select_related("council", "council__body")
        .order_by("starts_at", "pk")[:limit]
    )


def decision_items(decisions: list[Decision]) -> dict[int, list]:
    """Each recommendation's accountability items (their fate), by decision id, in one query."""
    ids = [d.pk for d in decisions if d.kind == Decision.Kind.RECOMMENDATION]
    if not ids:
        return {}
    found: dict[int, list] = {}
    content_type = ContentType.objects.get_for_model(Decision)
    for item in items(public_only=False).filter(source_type=content_type, source_id__in=ids).order_by("pk"):
        found.setdefault(item.source_id, []).append(item)
    return found


def same_text(text: str) -> str:
    """Text compared as a reader would: case and spacing aside (in Python: SQLite folds Latin letters only)."""
    return " ".join((text or "").split()).casefold()


def twin_meeting(*, council: Council, starts_at: datetime.datetime) -> Meeting | None:
    """The council's meeting, not cancelled, that starts at the same moment: a council holds one at a time."""
    return council.meetings.filter(starts_at=starts_at, cancelled_at__isnull=True).order_by("pk").first()


def twin_committee(*, council: Council, name_kk: str, name_ru: str, name_en: str = "") -> Committee | None:
    """The council's committee named the same in every language (case and spacing aside): the form sent again."""
    names = {"kk": name_kk, "ru": name_ru, "en": name_en}
    for committee in council.committees.all():
        if all(
            same_text(getattr(committee, f"name_{code}")) == same_text(name) for code, name in names.items()
        ):
            return committee
    return None


def twin_decision(*, meeting: Meeting, kind: str, title: str, text: str) -> Decision | None:
    """A decision of the meeting of the same kind, title and text (case and spacing aside)."""
    for decision in meeting.decisions.filter(kind=kind).order_by("pk"):
        if same_text(decision.title) == same_text(title) and same_text(decision.text) == same_text(text):
            return decision
    return None


def proposals_visible_to(*, council: Council, user, everyone: bool):
    """The council's proposed recommendations: every one for its secretaries (`everyone`), else the person's own;
    those waiting first, then the newest."""
    rows = Proposal.objects.filter(council=council)
    if not everyone:
        rows = rows.filter(member__user=user)
    waiting_first = Case(
        When(status=Proposal.Status.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        rows.select_related("member", "body", "agenda_item__meeting")
        .prefetch_related("agenda_item__decisions")
        .order_by(waiting_first, "-created_at", "-pk")
    )


def meetings_ahead(council: Council):
    """The council's meetings still ahead and not cancelled, the soonest first (where a proposal can be put)."""
    return council.meetings.filter(starts_at__gt=timezone.now(), cancelled_at__isnull=True).order_by(
        "starts_at", "pk"
    )


def day_off_warning(starts_at: datetime.datetime) -> str:
    """Why the day a meeting is set on is rarely meant, in the active language: a public holiday or a weekend day
    off (a council may meet then, so it is said, not refused); empty on a working day, a decree's working Saturday
    included."""
    day = timezone.localtime(starts_at).date()
    if is_working_day(day):
        return ""
    holiday = holiday_name(day)
    if holiday:
        return _(
            "%(day)s is %(holiday)s, a public holiday in Kazakhstan: the meeting is scheduled; check the date if "
            "that was not meant."
        ) % {"day": date_format(day, "DATE_FORMAT"), "holiday": holiday}
    return _(
        "%(day)s is a weekend day off: the meeting is scheduled; check the date if that was not meant."
    ) % {"day": date_format(day, "DATE_FORMAT")}


def term_warning(council: Council, starts_at: datetime.datetime) -> str:
    """Why a meeting set outside the council's term is rarely meant, in the active language: after the term's end
    (the old composition may still sit while the new one is formed) or before its start; empty within the term. The
    services refuse a meeting further out (`services.meetings.TERM_GRACE`)."""
    day = timezone.localtime(starts_at).date()
    if day > council.term_ends_on:
        return _(
            "The council's term ended on %(end)s, before this meeting on %(day)s: the meeting is scheduled; check "
            "the date, or the term on the council's record if the council was renewed."
        ) % {"end": date_format(council.term_ends_on, "DATE_FORMAT"), "day": date_format(day, "DATE_FORMAT")}
    if day < council.term_starts_on:
        return _(
            "The council's term starts on %(start)s, after this meeting on %(day)s: the meeting is scheduled; check "
            "the date, or the term on the council's record."
        ) % {
            "start": date_format(council.term_starts_on, "DATE_FORMAT"),
            "day": date_format(day, "DATE_FORMAT"),
        }
    return ""
