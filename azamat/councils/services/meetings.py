"""A council's meetings: scheduling, the agenda, attendance, decisions (a recommendation becomes accountability
items for the bodies it addresses, in the same step), the minutes and their publication, cancelling."""

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.accountability.services import item_send
from azamat.core import edits
from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.councils import errors
from azamat.councils.models import AgendaItem, Attendance, Council, Decision, Meeting, Member, Proposal
from azamat.councils.permissions import can_manage_council
from azamat.councils.selectors import same_text, twin_decision, twin_meeting

# How far outside the council's term a meeting may be set. A few months past its end the old composition often
# still sits (the body has not yet formed the new one), and a secretary may set a meeting before the term's start
# to record one of the previous composition: those are scheduled, with a warning naming the term's end or start
# (`selectors.term_warning`). Further out the date is a typo in the year or the term was never updated, and a
# meeting there would be listed as the council's while it was not: refused, saying to check the year or first
# change the term on the council's record.
TERM_GRACE = datetime.timedelta(days=183)


def _require(decision) -> None:
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)


def _save(obj, by, reason: str = "") -> None:
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()


def _open(meeting: Meeting, by, check_permission: bool) -> Meeting:
    """The meeting locked for a change of its record, refused once cancelled or its minutes published."""
    if check_permission:
        _require(can_manage_council(by, meeting.council))
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if meeting.cancelled_at:
        raise DomainError(errors.MEETING_CANCELLED, _("The meeting was cancelled."))
    if meeting.minutes_published_at:
        raise DomainError(
            errors.MINUTES_PUBLISHED,
            _("The minutes are published; the meeting's record can no longer change."),
        )
    return meeting


@transaction.atomic
def meeting_schedule(
    *,
    council: Council,
    starts_at: datetime.datetime,
    by,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    online_url: str = "",
    agenda: tuple[str, ...] | list[str] = (),
    check_permission: bool = True,
) -> Meeting:
    if check_permission:
        _require(can_manage_council(by, council))
    if ends_at is not None and ends_at <= starts_at:
        raise DomainError(errors.BAD_TIMES, _("A meeting must end after it starts."), field="ends_at")
    _require_near_term(council, starts_at)
    # The same form sent twice (a double tap, the back button) schedules one meeting: the council's row is locked
    # so that two requests at once are checked one after the other.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    if twin_meeting(council=council, starts_at=starts_at) is not None:
        raise DomainError(
            errors.MEETING_EXISTS,
            _("The council already has a meeting at %(when)s.") % {"when": _when(starts_at)},
            field="starts_at",
        )
    meeting = Meeting(
        council=council, starts_at=starts_at, ends_at=ends_at, place=place, online_url=online_url
    )
    _save(meeting, by)
    for position, title in enumerate((t for t in agenda if t.strip()), start=1):
        _save(AgendaItem(meeting=meeting, position=position, title=title.strip()), by)
    topics_bump("councils")
    return meeting


def _require_near_term(council: Council, starts_at: datetime.datetime) -> None:
    day = timezone.localtime(starts_at).date()
    if day > council.term_ends_on + TERM_GRACE:
        raise DomainError(
            errors.OUTSIDE_TERM,
            _(
                "The council's term ended on %(date)s: a meeting more than six months after it cannot be scheduled. "
                "Check the year, or first change the term on the council's record if the council was renewed."
            )
            % {"date": date_format(council.term_ends_on, "DATE_FORMAT")},
            field="starts_at",
        )
    if day < council.term_starts_on - TERM_GRACE:
        raise DomainError(
            errors.OUTSIDE_TERM,
            _(
                "The council's term starts on %(date)s: a meeting more than six months before it cannot be "
                "scheduled. Check the year, or first change the term on the council's record."
            )
            % {"date": date_format(council.term_starts_on, "DATE_FORMAT")},
            field="starts_at",
        )


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, title: str, by, speaker: str = "", check_permission: bool = True
) -> AgendaItem:
    meeting = _open(meeting, by, check_permission)
    # A question sent again (the back button, a double tap) is on the agenda once.
    if any(
        same_text(listed) == same_text(title) for listed in meeting.agenda.values_list("title", flat=True)
    ):
        raise DomainError(
            errors.AGENDA_ITEM_EXISTS, _("This question is already on the agenda."), field="title"
        )
    position = (meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(meeting=meeting, position=position, title=title.strip(), speaker=speaker.strip())
    _save(item, by)
    topics_bump("councils")
    return item


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, statuses: dict, by, check_permission: bool = True
) -> list[Attendance]:
    """Mark each member present, absent or excused ({member: status}); only members seated on the meeting's day
    may be marked."""
    meeting = _open(meeting, by, check_permission)
    if meeting.starts_at > timezone.now():
        raise DomainError(errors.MEETING_NOT_HELD, _("Attendance is marked once the meeting has started."))
    day = timezone.localtime(meeting.starts_at).date()
    rows = []
    for member, status in statuses.items():
        seated = (
            member.council_id == meeting.council_id
            and member.joined_on <= day
            and (member.left_on is None or member.left_on >= day)
        )
        if not seated:
            raise DomainError(
                errors.NOT_A_MEMBER,
                _("%(person)s was not a member of the council on the day of the meeting.")
                % {"person": member},
            )
        row = Attendance.objects.filter(meeting=meeting, member=member).first() or Attendance(
            meeting=meeting, member=member
        )
        if row.pk is None or row.status != status:
            row.status = status
            _save(row, by)
        rows.append(row)
    topics_bump("councils")
    return rows


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    text: str,
    by,
    agenda_item: AgendaItem | None = None,
    addressees=(),
    due_on: datetime.date | None = None,
    sent_on: datetime.date | None = None,
    proposed_by: Member | None = None,
    quiet: bool = False,
    check_permission: bool = True,
) -> Decision:
    """Record a decision; a recommendation sends one accountability item to each body it addresses, linked back
    to the decision, in the same transaction (a refused item refuses the decision). `sent_on` and `quiet` serve
    the data generator: the items dated on the meeting's day, no emails."""
    meeting = _open(meeting, by, check_permission)
    if meeting.starts_at > timezone.now():
        # A recommendation would reach the bodies before the council met to decide it.
        raise DomainError(
            errors.MEETING_NOT_HELD,
            _("Decisions are recorded once the meeting has started: it starts at %(when)s.")
            % {"when": _when(meeting.starts_at)},
        )
    twin = twin_decision(meeting=meeting, kind=kind, title=title, text=text)
    if twin is not None:
        # The form sent again (the back button, a double tap): a recommendation would reach its bodies twice.
        raise DomainError(
            errors.DECISION_EXISTS,
            _(
                "This decision is already recorded at this meeting, as No. %(number)s; it was not recorded again."
            )
            % {"number": twin.position},
        )
    addressees = list(addressees)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DomainError(
            errors.FOREIGN_AGENDA_ITEM, _("The agenda item belongs to another meeting."), field="agenda_item"
        )
    if kind == Decision.Kind.RECOMMENDATION:
        if not addressees:
            raise DomainError(
                errors.ADDRESSEES_REQUIRED,
                _("Choose the state bodies the recommendation is addressed to."),
                field="addressees",
            )
        if due_on is None:
            raise DomainError(
                errors.DUE_DATE_REQUIRED,
                _("Set the date by which the bodies must answer the recommendation."),
                field="due_on",
            )
    if proposed_by is None and agenda_item is not None:
        # A question a member proposed (`services.proposals`): the decision on it is theirs, unless said otherwise.
        proposal = Proposal.objects.filter(agenda_item=agenda_item).select_related("member").first()
        proposed_by = proposal.member if proposal is not None else None
    if proposed_by is not None and proposed_by.council_id != meeting.council_id:
        raise DomainError(
            errors.NOT_A_MEMBER,
            _("%(person)s was not a member of the council on the day of the meeting.")
            % {"person": proposed_by},
            field="proposed_by",
        )
    position = (meeting.decisions.aggregate(last=Max("position"))["last"] or 0) + 1
    decision = Decision(
        proposed_by=proposed_by,
        meeting=meeting,
        agenda_item=agenda_item,
        position=position,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        due_on=due_on if kind == Decision.Kind.RECOMMENDATION else None,
        created_by=by,
    )
    _save(decision, by)
    if addressees:
        decision._history_user = by
        decision.addressees.set(addressees)
    if kind == Decision.Kind.RECOMMENDATION:
        _send_items(decision, addressees, by, sent_on=sent_on, quiet=quiet)
    topics_bump("councils")
    return decision


def _send_items(decision: Decision, bodies, by, *, sent_on, quiet: bool) -> list:
    """One item per body. Its author is the member who proposed it (their KPIs count it) or else who recorded it;
    the council, not that member's organisation, sends it: no organisation, whose staff would have followed it up
    in the council's name. Who acts for the council on the item is the decision's to say (`acts_for_sender`)."""
    council = decision.meeting.council
    return [
        item_send(
            kind="recommendation",
            rule="council_recommendation",
            body=body,
            title=decision.title,
            text=decision.text,
            justification="",
            source=decision,
            author=decision.proposed_by.user if decision.proposed_by and decision.proposed_by.user else by,
            organisation=None,
            official=council.name,
            due_on=decision.due_on,
            sent_on=sent_on,
            is_public=True,
            by=by,
            quiet=quiet,
        )
        for body in bodies
    ]


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    minutes: str,
    by,
    loaded_at: datetime.datetime | None = None,
    check_permission: bool = True,
) -> Meeting:
    """Save the minutes; refused when they were saved since the form was loaded (`loaded_at`: a colleague, or
    another tab), instead of silently replacing them. The same text sent twice is saved once."""
    meeting = _open(meeting, by, check_permission)
    if edits.require_unchanged(meeting, loaded_at, by=by, values={"minutes": minutes.strip()}):
        return meeting
    meeting.minutes = minutes.strip()
    _save(meeting, by)
    return meeting


@transaction.atomic
def minutes_publish(
    *, meeting: Meeting, by, at: datetime.datetime | None = None, check_permission: bool = True
) -> Meeting:
    """Publish the minutes with attendance and decisions; the record is then closed to changes."""
    meeting = _open(meeting, by, check_permission)
    at = at or timezone.now()
    if meeting.starts_at > at:
        raise DomainError(errors.MEETING_NOT_HELD, _("The minutes are published after the meeting."))
    if not meeting.minutes.strip():
        raise DomainError(
            errors.MINUTES_EMPTY, _("Write the minutes before publishing them."), field="minutes"
        )
    day = timezone.localtime(meeting.starts_at).date()
    seated = meeting.council.members.filter(joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day)
    )
    if seated.exists() and not meeting.attendance.exists():
        # The page offers every member as present until attendance is saved: publishing then would close a record
        # without it for good, and each member's attendance KPI would miss the meeting.
        raise DomainError(
            errors.ATTENDANCE_NOT_SAVED,
            _(
                "Save the attendance before publishing the minutes: once they are published it can no longer be marked."
            ),
        )
    meeting.minutes_published_at = at
    meeting.minutes_published_by = by
    _save(meeting, by, reason="minutes published")
    topics_bump("councils")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str, check_permission: bool = True) -> Meeting:
    meeting = _open(meeting, by, check_permission)
    if meeting.starts_at <= timezone.now():
        raise DomainError(errors.MEETING_NOT_HELD, _("Only a meeting that has not started can be cancelled."))
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_by = by
    meeting.cancel_reason = reason.strip()[:300]
    _save(meeting, by, reason=reason.strip()[:100] or "cancelled")
    topics_bump("councils")
    return meeting
