"""Every write of the accountability module. Other modules send items through `item_send` and read their fate
through `selectors.items_of_source`; none writes items of its own.

Deadlines are counted when an item is sent and stored with how they were counted (`core.working_days`); an
extension is an `Extension` beside them. Statuses are never written: each function records a fact (an answer,
a milestone, a dispute) through the item's table (`lifecycle.ITEM`), which checks who may and when.
"""

import calendar
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format

from azamat.accountability import errors as E
from azamat.accountability import evidence_files
from azamat.accountability.lifecycle import ITEM
from azamat.accountability.models import (
    DeadlineRule,
    Dispute,
    Evidence,
    Extension,
    Follow,
    Item,
    ItemAttachment,
    Milestone,
)
from azamat.core import twice
from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.public_cache import topics_bump
from azamat.core.working_days import (
    add_working_days,
    count_days,
    is_working_day,
    working_days_between,
)

# Sent (with `item=`) once a body's answer is saved, for the modules whose records sent items (a petition emails
# its signers): they listen without accountability knowing them.
item_answered = Signal()

# The latest a sender may set an answer's due date: a year after sending (a bigger gap is a mistyped year).
LONGEST_ANSWER_WAIT = datetime.timedelta(days=366)
# An implementation plan runs at most as long as a state programme (five years); a later date is a typed year.
LONGEST_PLAN = datetime.timedelta(days=5 * 365 + 1)
NUMBER_PREFIX = {
    Item.Kind.RECOMMENDATION: "R",
    Item.Kind.DEMAND: "D",
    Item.Kind.PROPOSAL: "P",
    Item.Kind.APPEAL: "A",
}


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = E.MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _require_working_day(day: datetime.date, field: str) -> None:
    if not is_working_day(day):
        raise _error(E.NOT_WORKING_DAY, field, date=_day(day))


def _rule(rule) -> DeadlineRule:
    if isinstance(rule, DeadlineRule):
        return rule
    try:
        return DeadlineRule.objects.get(code=rule)
    except DeadlineRule.DoesNotExist:
        raise _error(E.UNKNOWN_RULE) from None


def deadlines(rule: DeadlineRule, sent_on: datetime.date, due_on: datetime.date | None = None) -> dict:
    """The due date, the long-overdue date and how the due date was counted, for an item sent on `sent_on`:
    by the rule's term, or (a rule without one) the sender's date, which must be a working day after it."""
    if rule.answer_days is None:
        if due_on is None:
            raise _error(E.DUE_DATE_REQUIRED, "due_on")
        if due_on <= sent_on:
            raise _error(E.DUE_BEFORE_SENT, "due_on")
        # A year typed as 9999 would count the deadline day by day past the calendar's end (a server error).
        if due_on > sent_on + LONGEST_ANSWER_WAIT:
            raise _error(E.DUE_TOO_FAR, "due_on", date=_day(sent_on + LONGEST_ANSWER_WAIT))
        if rule.working_days:
            _require_working_day(due_on, "due_on")
            counting = count_days(sent_on, working_days_between(sent_on, due_on), working=True)
        else:
            counting = count_days(sent_on, (due_on - sent_on).days, working=False)
    else:
        if due_on is not None:
            raise _error(E.DUE_DATE_FIXED, "due_on")
        counting = count_days(sent_on, rule.answer_days, working=rule.working_days)
    long_overdue = count_days(counting.due_on, rule.long_overdue_days, working=rule.working_days).due_on
    return {"due_on": counting.due_on, "long_overdue_on": long_overdue, "counting": counting.as_data()}


def item_number(item: Item) -> str:
    """An item's number: its kind's letter, the year it was sent, its row (unique without a counter to race on)."""
    return f"{NUMBER_PREFIX[item.kind]}-{item.sent_on.year}-{item.pk:06d}"


@transaction.atomic
def item_send(
    *,
    kind: str,
    rule,
    body,
    title: str,
    text: str,
    justification: str = "",
    source=None,
    author=None,
    organisation=None,
    official: str = "",
    due_on: datetime.date | None = None,
    sent_on: datetime.date | None = None,
    is_public: bool = True,
    region=None,
    parent: Item | None = None,
    attachments=(),
    by=None,
    quiet: bool = False,
) -> Item:
    """Send an item to `body`: its deadlines are counted now and kept. `source` is the record of the module
    that sends it (a council's decision, a check); `attachments` uploaded files the sender has checked, kept
    private to those who may read the item; `quiet` skips the emails (the data generator)."""
    rule = _rule(rule)
    sent_on = sent_on or timezone.localdate()
    item = Item(
        kind=kind,
        rule=rule,
        title=title.strip(),
        text=text.strip(),
        justification=justification.strip(),
        body=body,
        official=official.strip(),
        region=region or body.region,
        author=author,
        organisation=organisation,
        is_public=is_public,
        parent=parent,
        sent_on=sent_on,
        created_by=by or author,
        **deadlines(rule, sent_on, due_on),
    )
    if source is not None:
        item.source_type = ContentType.objects.get_for_model(type(source))
        item.source_id = source.pk
    item.full_clean(exclude=["number", "source_type", "source_id", "rule", "body", "region", "counting"])
    item._history_user = by or author
    item.save()
    item.number = item_number(item)
    item.save(update_fields=["number"])
    for upload in attachments:  # uploaded files the sender checked (a council's documents, a check's annexes)
        attachment = ItemAttachment(
            item=item,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size or 0,
            uploaded_by=by or author,
        )
        attachment._history_user = by or author
        attachment.save()
    _changed(item)
    if not quiet:
        notify(
            to=_officer_emails(item.body),
            template="accountability/email/item_received",
            context={"item": item},
        )
    return item


def items_send(*, items: list[dict], **common) -> list[Item]:
    """Several items in one step (a council's decision addressing three bodies): all or none."""
    with transaction.atomic():
        return [item_send(**common, **fields) for fields in items]


def _officer_emails(body) -> list[str]:
    return list(body.officers.filter(role="government_officer").values_list("user__email", flat=True))


def _follower_emails(item: Item) -> list[str]:
    from django.db.models import Q

    follows = Follow.objects.filter(Q(item=item) | Q(body_id=item.body_id) | Q(region_id=item.region_id))
    return list(follows.values_list("user__email", flat=True).distinct())


def _author_emails(item: Item) -> list[str]:
    return [item.author.email] if item.author_id and item.author.email else []


def _changed(item: Item) -> None:
    """What public pages show of the item changed: its body's and region's pages, the overview and the item."""
    topics_bump("accountability", f"accountability:body:{item.body_id}", f"accountability:item:{item.number}")


@transaction.atomic
def item_answer(*, item: Item, by, outcome: str, text: str, answered_on: datetime.date | None = None) -> Item:
    """The body's answer: accepted, partly accepted or rejected (these two with a justification)."""
    text = (text or "").strip()
    step = {
        Item.Outcome.ACCEPTED: "accept",
        Item.Outcome.PARTIAL: "accept_partly",
        Item.Outcome.REJECTED: "reject",
    }
    if outcome not in step:
        raise DomainError("unknown_outcome", E.MESSAGES[E.JUSTIFICATION_REQUIRED], field="outcome")
    if outcome != Item.Outcome.ACCEPTED and not text:
        raise _error(E.JUSTIFICATION_REQUIRED, "text")
    answered_on = answered_on or timezone.localdate()
    ITEM.apply(
        item, step[outcome], by=by, outcome=outcome, answer_text=text, answered_on=answered_on, answered_by=by
    )
    _changed(item)
    notify(
        to=_author_emails(item) + _follower_emails(item),
        template="accountability/email/item_answered",
        context={"item": item},
    )
    item_answered.send(sender=Item, item=item)
    return item


@transaction.atomic
def item_forward(*, item: Item, by, to_body, reason: str, on: datetime.date | None = None) -> Item:
    """Forward to the competent body, which then owns the item as a new one with its own deadline; the chain
    is kept (`parent`). Returns the new item."""
    reason = (reason or "").strip()
    if not reason:
        raise _error(E.JUSTIFICATION_REQUIRED, "reason")
    if to_body is None or to_body.pk == item.body_id:
        raise _error(E.SAME_BODY, "to_body")
    on = on or timezone.localdate()
    ITEM.apply(
        item,
        "forward",
        by=by,
        outcome=Item.Outcome.FORWARDED,
        answer_text=reason,
        answered_on=on,
        answered_by=by,
    )
    _changed(item)
    due_on = None
    if item.rule.answer_days is None:  # the sender's term, counted again from the forwarding
        days = working_days_between(item.sent_on, item.due_on)
        due_on = add_working_days(on, days) if item.rule.working_days else on + (item.due_on - item.sent_on)
    forwarded = item_send(
        kind=item.kind,
        rule=item.rule,
        body=to_body,
        title=item.title,
        text=item.text,
        justification=item.justification,
        source=item.source,
        author=item.author,
        organisation=item.organisation,
        due_on=due_on,
        sent_on=on,
        is_public=item.is_public,
        region=to_body.region or item.region,
        parent=item,
        by=by,
    )
    notify(
        to=_author_emails(item),
        template="accountability/email/item_forwarded",
        context={"item": item, "to": forwarded},
    )
    return forwarded


def forward_due_on(item: Item) -> datetime.date:
    """The last day to forward the item to the competent body (the rule's working days after sending)."""
    return add_working_days(item.sent_on, item.rule.forward_days)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def extension_limit(item: Item) -> datetime.date:
    return _add_months(item.sent_on, item.rule.extension_months)


@transaction.atomic
def item_extend(
    *, item: Item, by, new_due_on: datetime.date, reason: str, decided_on: datetime.date | None = None
) -> Extension:
    """Extend the answer deadline once, by a reasoned decision before the due date, to at most the rule's
    months from sending; the author is told at once (the law: within the rule's working days)."""
    reason = (reason or "").strip()
    decided_on = decided_on or timezone.localdate()
    if not reason:
        raise _error(E.JUSTIFICATION_REQUIRED, "reason")
    ITEM.require(item, "extend", by)
    if decided_on > item.current_due_on:
        raise _error(E.EXTENSION_TOO_LATE)
    if new_due_on <= item.current_due_on:
        raise _error(E.EXTENSION_NOT_LATER, "new_due_on", date=_day(item.current_due_on))
    limit = extension_limit(item)
    if new_due_on > limit:
        raise _error(E.EXTENSION_TOO_LONG, "new_due_on", date=_day(limit), months=item.rule.extension_months)
    if item.rule.working_days:
        _require_working_day(new_due_on, "new_due_on")
    extended_long = count_days(new_due_on, item.rule.long_overdue_days, working=item.rule.working_days).due_on
    ITEM.apply(
        item, "extend", by=by, reason=reason, extended_to=new_due_on, extended_long_overdue_on=extended_long
    )
    extension = Extension(
        item=item,
        decided_on=decided_on,
        new_due_on=new_due_on,
        reason=reason,
        notice_due_on=add_working_days(decided_on, item.rule.extension_notice_days),
        notified_at=timezone.now() if item.author_id else None,
        decided_by=by,
    )
    extension._history_user = by
    extension.save()
    _changed(item)
    notify(
        to=_author_emails(item),
        template="accountability/email/item_extended",
        context={"item": item, "extension": extension},
    )
    return extension


@transaction.atomic
def milestone_add(*, item: Item, by, title: str, due_on: datetime.date) -> Milestone:
    """A step of the implementation plan of an accepted item, due on a working day after the answer."""
    title = (title or "").strip()
    if not title:
        raise DomainError("title_required", E.MESSAGES[E.EVIDENCE_REQUIRED], field="title")
    ITEM.require(item, "plan", by)
    latest = (item.answered_on or timezone.localdate()) + LONGEST_PLAN
    if due_on > latest:
        raise _error(E.MILESTONE_TOO_FAR, "due_on", date=_day(latest))
    _require_working_day(due_on, "due_on")
    if item.answered_on and due_on < item.answered_on:
        raise _error(E.MILESTONE_BEFORE_ANSWER, "due_on", date=_day(item.answered_on))
    # The same milestone sent again (a double tap, the back button) is in the plan once: the item's row is locked so
    # that two sends at once are checked one after the other.
    Item.objects.select_for_update().filter(pk=item.pk).first()
    if any(
        twice.same_words(listed, title)
        for listed in item.milestones.filter(due_on=due_on, done_on__isnull=True).values_list(
            "title", flat=True
        )
    ):
        raise _error(E.MILESTONE_EXISTS, date=_day(due_on))
    milestone = Milestone(
        item=item, title=title, due_on=due_on, position=item.milestones.count(), created_by=by
    )
    milestone._history_user = by
    milestone.save()
    ITEM.apply(item, "plan", by=by, reason=title, implemented_on=None)
    _changed(item)
    return milestone


@transaction.atomic
def milestone_done(
    *, milestone: Milestone, by, text: str, link: str = "", file=None, done_on: datetime.date | None = None
) -> Milestone:
    """Mark a milestone done with its evidence; the item is implemented when its last milestone is done."""
    item = milestone.item
    text = (text or "").strip()
    if not text:
        raise _error(E.EVIDENCE_REQUIRED, "text")
    if milestone.done_on:
        raise _error(E.ALREADY_DONE)
    ITEM.require(item, "milestone_done", by)
    if file is not None:
        file, stored_name, original_name = evidence_files.checked(file)  # a HEIC photo comes back a JPEG
    milestone.done_on = done_on or timezone.localdate()
    milestone._history_user = by
    milestone.save(update_fields=["done_on"])
    evidence = Evidence(item=item, milestone=milestone, text=text, link=link, added_by=by)
    if file is not None:
        evidence.file.save(stored_name, file, save=False)
        evidence.original_name = original_name
    evidence._history_user = by
    evidence.save()
    remaining = item.milestones.filter(done_on__isnull=True).exists()
    implemented_on = None if remaining else max(m.done_on for m in item.milestones.all())
    ITEM.apply(item, "milestone_done", by=by, reason=milestone.title, implemented_on=implemented_on)
    _changed(item)
    if implemented_on:
        notify(
            to=_author_emails(item) + _follower_emails(item),
            template="accountability/email/item_implemented",
            context={"item": item},
        )
    return milestone


@transaction.atomic
def dispute_open(*, item: Item, by, reasons: str) -> Dispute:
    """The author disputes that an implemented item was carried out; the body answers the dispute."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise _error(E.JUSTIFICATION_REQUIRED, "reasons")
    ITEM.apply(item, "dispute", by=by, reason=reasons[:100])  # judged before the dispute exists
    dispute = Dispute(item=item, reasons=reasons, opened_by=by)
    dispute._history_user = by
    dispute.save()
    _changed(item)
    notify(
        to=_officer_emails(item.body),
        template="accountability/email/item_disputed",
        context={"item": item, "dispute": dispute},
    )
    return dispute


@transaction.atomic
def dispute_answer(*, dispute: Dispute, by, response: str, text: str) -> Dispute:
    """The body answers a dispute: it agrees (the item goes back into implementation: add milestones) or
    maintains, with its reasons, that the item was carried out."""
    item = dispute.item
    # Judged on the stored row: a tab left open on an answered dispute must not overwrite its answer, nor (a new
    # dispute open meanwhile) reopen the item in that one's place.
    stored = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if stored.responded_at:
        raise _error(
            E.DISPUTE_ANSWERED,
            date=_day(timezone.localtime(stored.responded_at).date()),
            response=stored.get_response_display(),
        )
    text = (text or "").strip()
    if not text:
        raise _error(E.JUSTIFICATION_REQUIRED, "text")
    if response not in Dispute.Response.values:
        raise _error(E.JUSTIFICATION_REQUIRED, "response")
    step = "reopen" if response == Dispute.Response.REOPENED else "maintain"
    fields = {"implemented_on": None} if step == "reopen" else {}
    ITEM.apply(item, step, by=by, reason=text[:100], **fields)  # judged while the dispute is open
    dispute.response, dispute.response_text = response, text
    dispute.responded_by, dispute.responded_at = by, timezone.now()
    dispute._history_user = by
    dispute.save()
    _changed(item)
    opener = [dispute.opened_by.email] if dispute.opened_by_id and dispute.opened_by.email else []
    notify(  # the author, and the colleague of their organisation who opened the dispute
        to=list(dict.fromkeys(_author_emails(item) + opener)),
        template="accountability/email/dispute_answered",
        context={"item": item, "dispute": dispute},
    )
    return dispute


def follow(*, user, body=None, region=None, item=None) -> Follow:
    found, _created = Follow.objects.get_or_create(user=user, body=body, region=region, item=item)
    return found


def unfollow(*, user, body=None, region=None, item=None) -> None:
    Follow.objects.filter(user=user, body=body, region=region, item=item).delete()


def reminders_send(today: datetime.date | None = None) -> dict[str, int]:
    """The daily task: remind the body's officers of items due in the rule's days, and tell the officers, the
    author and the followers of items that became overdue or long overdue today (run once a day:
    `azamat accountability_reminders`)."""
    from django.db.models import F

    from azamat.accountability.selectors import with_status

    today = today or timezone.localdate()
    unanswered = with_status(Item.objects.filter(outcome="").select_related("rule", "body", "author"), today)
    sent = {"reminders": 0, "overdue": 0, "long_overdue": 0}
    for item in unanswered.filter(current_due__gte=today).annotate(remind=F("rule__remind_days")):
        if (item.current_due - today).days == item.remind:
            notify(
                to=_officer_emails(item.body),
                template="accountability/email/item_due_soon",
                context={"item": item},
            )
            sent["reminders"] += 1
    yesterday = today - datetime.timedelta(days=1)
    for item in unanswered.filter(current_due=yesterday):
        notify(
            to=_officer_emails(item.body) + _author_emails(item) + _follower_emails(item),
            template="accountability/email/item_overdue",
            context={"item": item},
        )
        sent["overdue"] += 1
    for item in unanswered.filter(current_long=yesterday):
        notify(
            to=_officer_emails(item.body) + _author_emails(item) + _follower_emails(item),
            template="accountability/email/item_long_overdue",
            context={"item": item},
        )
        sent["long_overdue"] += 1
    return sent
