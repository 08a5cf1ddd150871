"""Calls for applications: creating, publishing and closing them, and the public discussion of directions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import twice
from azamat.core.edits import require_unchanged
from azamat.core.errors import DomainError
from azamat.core.public_cache import topics_bump
from azamat.core.working_days import add_working_days, working_days_between
from azamat.grants.lifecycle import CALL
from azamat.grants.models import Call, Direction, DirectionComment
from azamat.grants.permissions import can_comment_on_direction, can_manage_calls

NOT_ALLOWED = "not_allowed"
INVALID = "invalid"
ALREADY_PUBLISHED = "already_published"
NOT_PUBLISHED = "not_published"
DATES_ORDER = "dates_order"
CLOSES_IN_PAST = "closes_in_past"
NO_DIRECTIONS = "no_directions"
BUDGET_NOT_POSITIVE = "budget_not_positive"
DISCUSSION_TOO_SHORT = "discussion_too_short"
DISCUSSION_AFTER_OPENING = "discussion_after_opening"
ALREADY_CLOSED = "already_closed"
NOT_OPEN_YET = "not_open_yet"
COMMENT_EMPTY = "comment_empty"
COMMENT_TOO_LONG = "comment_too_long"
FIXED_AT_PUBLICATION = "fixed_at_publication"
CODE_TAKEN = "code_taken"
RESULTS_PUBLISHED = "results_published"

DISCUSSION_WORKING_DAYS = 10
OPENS_AT_HOUR, CLOSES_AT_HOUR = (
    9,
    18,
)  # local time in Kazakhstan: a call opens in the morning, closes at evening
COMMENT_MAX_LENGTH = 3000

MESSAGES = {
    NOT_ALLOWED: _("You are not allowed to do this."),
    ALREADY_PUBLISHED: _("The call is already published."),
    NOT_PUBLISHED: _("The call is not published."),
    DATES_ORDER: _("The call must close after it opens."),
    CLOSES_IN_PAST: _("The closing date has passed; set a later one before publishing."),
    NO_DIRECTIONS: _("Add at least one priority direction before publishing the call."),
    BUDGET_NOT_POSITIVE: _("The direction “%(direction)s” needs a budget above zero."),
    DISCUSSION_TOO_SHORT: _(
        "The public discussion of the directions must last at least %(days)s working days "
        "from publication: until %(date)s or later."
    ),
    DISCUSSION_AFTER_OPENING: _(
        "The public discussion must end before the call opens on %(opens)s; move the "
        "opening later or shorten the discussion."
    ),
    ALREADY_CLOSED: _("The call is already closed."),
    NOT_OPEN_YET: _("The call has not opened yet; change its dates instead of closing it."),
    COMMENT_EMPTY: _("Write a comment first."),
    COMMENT_TOO_LONG: _("A comment can be at most %(limit)s characters long."),
    FIXED_AT_PUBLICATION: _(
        "The call is published: its dates, grant type, customer and directions' budgets no longer change. "
        "Its titles and descriptions can still be corrected."
    ),
    RESULTS_PUBLISHED: _("The results of this call are published: it no longer changes."),
    CODE_TAKEN: _(
        "A call with this code already exists: choose another code, or open that call from the list of calls "
        "to edit it."
    ),
}
# What stays open to correction once a call is published (a typo, a translation added): its texts.
TEXT_FIELDS = ("title_kk", "title_ru", "title_en", "description_kk", "description_ru", "description_en")

CALL_FIELDS = [
    "code",
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "grant_type",
    "customer",
    "operator",
    "discussion_until",
    "opens_at",
    "closes_at",
]
DIRECTION_FIELDS = [
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "budget",
    "planned_grants",
    "region",
    "position",
]


def _error(code: str, field: str | None = None, **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


def _validation_error(exc: ValidationError) -> DomainError:
    if hasattr(exc, "error_dict"):
        field, messages = next(iter(exc.message_dict.items()))
    else:
        field, messages = None, exc.messages
    return DomainError(
        INVALID, " ".join(str(m) for m in messages), field=None if field == "__all__" else field
    )


def at_local(day: datetime.date, hour: int) -> datetime.datetime:
    """That hour of that day in Kazakhstan's time, as the operator sets it."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _require_operator(by) -> None:
    decision = can_manage_calls(by)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


@transaction.atomic
def call_create(*, by, data: dict, directions: list[dict] = ()) -> Call:
    """A draft call with its directions; nothing is public until it is published."""
    _require_operator(by)
    fields = {k: v for k, v in data.items() if k in CALL_FIELDS}
    same = twice.recent_twin(Call, by=by, **fields)
    if same is not None:
        return same  # the same form sent again (Back after saving, a double tap): the call it made
    if Call.objects.filter(code=fields.get("code")).exists():
        raise _error(CODE_TAKEN, field="code")
    call = Call(created_by=by, published=False, **fields)
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        raise _error(DATES_ORDER, field="closes_at")
    try:
        call.full_clean()
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    call._history_user = by
    call.save()
    for position, values in enumerate(directions):
        direction = Direction(
            call=call, position=position, **{k: v for k, v in values.items() if k in DIRECTION_FIELDS}
        )
        try:
            direction.full_clean()
        except ValidationError as exc:
            raise _validation_error(exc) from exc
        direction.save()
    topics_bump("calls")
    return call


def _require_changeable(call: Call, data: dict, current) -> None:
    """A call with its results published no longer changes; a published one only in its texts."""
    if call.results_published:
        raise _error(RESULTS_PUBLISHED)
    if call.published:
        for name, value in data.items():
            if name not in TEXT_FIELDS and value != getattr(current, name):
                raise _error(FIXED_AT_PUBLICATION, field=name)


def _save(record, by, fields: list[str]) -> None:
    try:
        record.full_clean()
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    record._history_user = by
    record.save(update_fields=fields)


@transaction.atomic
def call_update(*, call: Call, by, data: dict, loaded_at: datetime.datetime | None = None) -> Call:
    """The operator's changes to a call: everything but its code while it is a draft, its texts once published.
    With `loaded_at` (the call's last save as the form was loaded), a change made since is not overwritten."""
    _require_operator(by)
    data = {k: v for k, v in data.items() if k in CALL_FIELDS and k != "code"}
    if require_unchanged(call, loaded_at, by=by, values=data):
        return call  # the same form sent twice: saved by the first
    call = Call.objects.select_for_update().get(pk=call.pk)
    _require_changeable(call, data, call)
    for name, value in data.items():
        setattr(call, name, value)
    if call.closes_at <= call.opens_at:
        raise _error(DATES_ORDER, field="closes_at")
    _save(call, by, list(data))
    topics_bump("calls")
    return call


@transaction.atomic
def direction_add(*, call: Call, by, data: dict) -> Direction:
    """A priority direction added to a draft call, numbered after the others."""
    _require_operator(by)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.results_published or call.published:
        raise _error(RESULTS_PUBLISHED if call.results_published else FIXED_AT_PUBLICATION)
    position = max(call.directions.values_list("position", flat=True), default=-1) + 1
    direction = Direction(
        call=call,
        position=position,
        **{k: v for k, v in data.items() if k in DIRECTION_FIELDS and k != "position"},
    )
    try:
        direction.full_clean()
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    direction._history_user = by
    direction.save()
    topics_bump("calls")
    return direction


@transaction.atomic
def direction_update(
    *, direction: Direction, by, data: dict, loaded_at: datetime.datetime | None = None
) -> Direction:
    """A direction's changes: all of them while its call is a draft, its texts once the call is published."""
    _require_operator(by)
    data = {k: v for k, v in data.items() if k in DIRECTION_FIELDS and k != "position"}
    if require_unchanged(direction, loaded_at, by=by, values=data):
        return direction  # the same form sent twice: saved by the first
    direction = Direction.objects.select_for_update().select_related("call").get(pk=direction.pk)
    _require_changeable(direction.call, data, direction)
    for name, value in data.items():
        setattr(direction, name, value)
    _save(direction, by, list(data))
    topics_bump("calls")
    return direction


def discussion_earliest_end(published_on: datetime.date) -> datetime.date:
    """The first day the discussion may end: ten working days after the day of publication."""
    return add_working_days(published_on, DISCUSSION_WORKING_DAYS)


@transaction.atomic
def call_publish(*, call: Call, by, discussion_until: datetime.date | None = None) -> Call:
    """Publish a call: its directions go to public discussion for at least ten working days, then it opens.

    Without a date, the discussion lasts exactly the ten working days.
    """
    _require_operator(by)
    call = Call.objects.select_for_update().get(pk=call.pk)
    CALL.require(call, "publish", by)  # a draft
    now = timezone.now()
    if call.closes_at <= call.opens_at:
        raise _error(DATES_ORDER, field="closes_at")
    if call.closes_at <= now:
        raise _error(CLOSES_IN_PAST, field="closes_at")
    directions = list(call.directions.all())
    if not directions:
        raise _error(NO_DIRECTIONS)
    for direction in directions:
        if direction.budget is None or direction.budget <= 0:
            raise _error(BUDGET_NOT_POSITIVE, direction=direction.title)
    today = timezone.localdate(now)
    earliest = discussion_earliest_end(today)
    until = discussion_until or call.discussion_until or earliest
    if working_days_between(today, until) < DISCUSSION_WORKING_DAYS:
        raise _error(
            DISCUSSION_TOO_SHORT, field="discussion_until", days=DISCUSSION_WORKING_DAYS, date=_date(earliest)
        )
    opens_on = timezone.localdate(call.opens_at)
    if until >= opens_on:
        raise _error(DISCUSSION_AFTER_OPENING, field="discussion_until", opens=_date(opens_on))
    CALL.apply(call, "publish", by=by, discussion_until=until, published=True)
    topics_bump("calls")  # the public list and the call's page
    return call


@transaction.atomic
def call_close(*, call: Call, by) -> Call:
    """Close an open call early: no application is accepted after this moment."""
    _require_operator(by)
    call = Call.objects.select_for_update().get(pk=call.pk)
    CALL.apply(call, "close_early", by=by, closes_at=timezone.now())  # open: published, opened, not closed
    topics_bump("calls")
    return call


@transaction.atomic
def direction_comment_add(*, direction: Direction, by, text: str) -> DirectionComment:
    """A comment in the public discussion of a direction, while the discussion lasts."""
    direction = Direction.objects.select_related("call").get(pk=direction.pk)
    decision = can_comment_on_direction(by, direction)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)
    text = (text or "").strip()
    if not text:
        raise _error(COMMENT_EMPTY, field="text")
    if len(text) > COMMENT_MAX_LENGTH:
        raise _error(COMMENT_TOO_LONG, field="text", limit=COMMENT_MAX_LENGTH)
    topics_bump("calls")  # the discussion shows on the call's page
    return DirectionComment.objects.create(direction=direction, author=by, text=text)
