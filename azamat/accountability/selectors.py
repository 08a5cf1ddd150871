"""Reads of accountability items. The status is computed in the query from the stored facts, so every list
can filter, count and rank by it; `Item.status_on` computes the same for one record (a test holds them equal)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from azamat.accountability.models import Dispute, Item, Milestone

S = Item.Status
OUT = Item.Outcome


def status_expression(today: datetime.date) -> Case:
    """The status of an item on `today` as a SQL expression over the annotations `current_due` and
    `current_long` (see `with_status`); the order of the cases is the order of the rules."""
    open_dispute = Exists(Dispute.objects.filter(item=OuterRef("pk"), responded_at__isnull=True))
    late_milestone = Exists(
        Milestone.objects.filter(item=OuterRef("pk"), done_on__isnull=True, due_on__lt=today)
    )
    any_milestone = Exists(Milestone.objects.filter(item=OuterRef("pk")))
    return Case(
        When(outcome=OUT.FORWARDED, then=Value(S.FORWARDED)),
        When(outcome=OUT.REJECTED, then=Value(S.REJECTED)),
        When(outcome="", current_long__lt=today, then=Value(S.LONG_OVERDUE)),
        When(outcome="", current_due__lt=today, then=Value(S.OVERDUE)),
        When(outcome="", then=Value(S.AWAITING)),
        When(open_dispute, then=Value(S.DISPUTED)),
        When(implemented_on__isnull=False, then=Value(S.IMPLEMENTED)),
        When(late_milestone, then=Value(S.IMPLEMENTATION_OVERDUE)),
        When(any_milestone, then=Value(S.IN_IMPLEMENTATION)),
        default=Value(S.ANSWERED),
        output_field=CharField(),
    )


def with_status(queryset: QuerySet | None = None, today: datetime.date | None = None) -> QuerySet:
    """Items annotated with `computed_status` (read as `item.status`) and `current_due` on `today`."""
    today = today or timezone.localdate()
    queryset = Item.objects.all() if queryset is None else queryset
    return queryset.annotate(
        current_due=Coalesce(F("extended_to"), F("due_on")),
        current_long=Coalesce(F("extended_long_overdue_on"), F("long_overdue_on")),
    ).annotate(computed_status=status_expression(today))


def items(*, public_only: bool = True, today: datetime.date | None = None) -> QuerySet:
    queryset = Item.objects.select_related("body", "region", "rule")
    if public_only:
        queryset = queryset.filter(is_public=True)
    return with_status(queryset, today)


def items_of_source(source) -> QuerySet:
    """The items a record of another module (a council's decision, a check, a petition) sent, with their fate."""
    content_type = ContentType.objects.get_for_model(type(source))
    return items(public_only=False).filter(source_type=content_type, source_id=source.pk).order_by("pk")


def visible_items(user) -> QuerySet:
    """Public items, and the private ones this person may read (their own, their body's)."""
    queryset = items(public_only=False)
    if user.is_authenticated and user.has_platform_role("platform_admin"):
        return queryset
    allowed = Q(is_public=True)
    if user.is_authenticated:
        allowed |= Q(author=user) | Q(body__officers__user=user, body__officers__role="government_officer")
        allowed |= Q(organisation__memberships__user=user, organisation__memberships__status="active")
    return queryset.filter(allowed).distinct()


def item_detail(number: str) -> Item:
    return (
        with_status(Item.objects.select_related("body", "region", "rule", "author", "organisation", "parent"))
        .prefetch_related(
            "milestones__evidence", "disputes", "attachments", "forwarded_items__body", "evidence"
        )
        .get(number=number)
    )


def forwarding_chain(item: Item) -> list[Item]:
    """The item's forwarding chain from the first addressee to the last, the item among them."""
    chain = [item]
    current = item
    while current.parent_id:
        current = Item.objects.select_related("body").get(pk=current.parent_id)
        chain.insert(0, current)
    current = item
    while True:
        following = Item.objects.select_related("body").filter(parent=current).first()
        if following is None:
            break
        chain.append(following)
        current = following
    return chain


def _reported_implemented(item: Item) -> list[tuple[datetime.date, datetime.datetime | None]]:
    """Each time the body reported the item implemented, with when it was recorded: from the item's history, as
    a dispute the body agreed with clears the date while the first report stays part of the story."""
    reports, before = [], None
    rows = item.history.order_by("history_date", "history_id").values_list("implemented_on", "history_date")
    for implemented_on, at in rows:
        if implemented_on and implemented_on != before:
            reports.append((implemented_on, at))
        before = implemented_on
    if item.implemented_on and before != item.implemented_on:  # a row written without its history
        reports.append((item.implemented_on, None))
    return reports


def timeline(item: Item, chain: list[Item] | None = None, today: datetime.date | None = None) -> list[dict]:
    """What happened to the item, oldest first: sent, forwarded, extended, due, answered, milestones planned and
    done, reports of implementation, disputes and their answers. Each event: `on` (a date), `kind`, the record
    it comes from, and `at` when the moment is known: events of one day come in the order they happened (the
    work done after a dispute after it), those known only by their date first."""
    today = today or timezone.localdate()
    events = [{"on": item.sent_on, "kind": "sent", "item": item}]
    if item.parent_id:
        events.append({"on": item.sent_on, "kind": "forwarded_from", "item": item.parent})
    extension = getattr(item, "extension", None) if hasattr(item, "extension") else None
    if extension:
        events.append({"on": extension.decided_on, "kind": "extended", "extension": extension})
    answered_on = item.answered_on
    if (not answered_on or answered_on > item.current_due_on) and item.current_due_on < today:
        events.append({"on": item.current_due_on + datetime.timedelta(days=1), "kind": "overdue"})
    if answered_on:
        kind = "forwarded" if item.outcome == Item.Outcome.FORWARDED else "answered"
        following = next((i for i in (chain or []) if i.parent_id == item.pk), None)
        events.append({"on": answered_on, "kind": kind, "item": item, "to": following})
    for milestone in item.milestones.all():
        if milestone.done_on:
            evidence = [e.added_at for e in milestone.evidence.all()]
            at = min(evidence) if evidence else None
            events.append(
                {"on": milestone.done_on, "kind": "milestone_done", "milestone": milestone, "at": at}
            )
    for on, at in _reported_implemented(item):
        events.append({"on": on, "kind": "implemented", "at": at})
    for dispute in item.disputes.all():
        opened = timezone.localtime(dispute.opened_at)
        events.append({"on": opened.date(), "kind": "disputed", "dispute": dispute, "at": opened})
        if dispute.responded_at:
            responded = timezone.localtime(dispute.responded_at)
            events.append(
                {"on": responded.date(), "kind": "dispute_answered", "dispute": dispute, "at": responded}
            )
    order = {id(event): position for position, event in enumerate(events)}
    return sorted(
        events,
        key=lambda event: (
            event["on"],
            event.get("at") is not None,
            event.get("at") or datetime.datetime.min.replace(tzinfo=datetime.UTC),
            order[id(event)],
        ),
    )
