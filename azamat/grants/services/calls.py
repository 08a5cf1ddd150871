"""Calls for applications: creating, publishing and closing them, and the public discussion of directions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

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

DISCUSSION_WORKING_DAYS = 10
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
}

CALL_FIELDS = [
    "code",
    "title_kk",
    "title_ru",
    "title_en",
    "description",
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
    "description",
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
    call = Call(created_by=by, published=False, **{k: v for k, v in data.items() if k in CALL_FIELDS})
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
