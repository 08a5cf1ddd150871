"""Counting signatures without a hot row: the UK petitions site fell over in March 2019 because every validation
did +1 on the petition's row. Here confirming a signature stamps its own row; this job, one at a time, adds the
signatures confirmed in a window that lags LAG behind now to each petition's count and moves the watermark
(`Tally.counted_until`) in the same transaction, so a worker killed at any moment (kill -9) loses nothing and
counts nothing twice: either the counts and the watermark moved together, or neither did.

One at a time: on PostgreSQL under a transaction-level advisory lock (released by the database when the
transaction ends or the connection dies), on SQLite by the write lock the first statement takes (the Tally
row's update). A moderator's invalidation takes the same lock and decrements only signatures the counts already
hold (confirmed at or before the watermark); later ones are skipped by the job because they are struck out.

The window lags LAG behind now so that a confirmation stamped just before the watermark but committed a moment
later is still counted; `reconcile` (nightly) sets every count from the rows in case one ever slipped by.
"""

import datetime
import logging

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.campaigns.models import Invalidation, Petition, Signature, Tally, Threshold
from azamat.core.errors import DomainError

log = logging.getLogger(__name__)

TALLY_KEY = "petitions"
LOCK_ID = 0x70657469  # "peti": the advisory lock's number
LAG = datetime.timedelta(seconds=5)
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
S = Petition.Status
NOTHING_MATCHES = "nothing_to_strike_out"
MESSAGES = {
    NOTHING_MATCHES: _(
        "No signature of this petition matches these criteria, so nothing was struck out. Check the domain, "
        "the address key and the time window."
    ),
}


def _lock(wait: bool = True) -> bool:
    """Take the counting lock for this transaction; False when `wait` is off and another holds it."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_ID])
        return bool(cursor.fetchone()[0])


def _tally() -> Tally:
    """The watermark row, locked (on SQLite the update takes the database's write lock first)."""
    # The update comes first: on SQLite a transaction that read before writing could not take the write lock.
    if not Tally.objects.filter(key=TALLY_KEY).update(runs=F("runs") + 1):
        Tally.objects.get_or_create(key=TALLY_KEY, defaults={"counted_until": EPOCH, "runs": 1})
    return Tally.objects.select_for_update().get(key=TALLY_KEY)


def counted_until() -> datetime.datetime:
    found = Tally.objects.filter(key=TALLY_KEY).values_list("counted_until", flat=True).first()
    return found or EPOCH


def threshold_values(petition: Petition) -> list[int]:
    """The numbers whose reaching is stamped: the listing threshold, each quarter of the goal, the goal."""
    goal = petition.goal
    values = {petition.listing_threshold, goal}
    values.update(goal * q // 4 for q in (1, 2, 3) if goal * q // 4 > 0)
    return sorted(values)


def _nth_confirmed_at(petition_id: int, n: int, default: datetime.datetime) -> datetime.datetime:
    row = (
        Signature.objects.filter(
            petition_id=petition_id, confirmed_at__isnull=False, invalidation__isnull=True
        )
        .order_by("confirmed_at", "pk")
        .values_list("confirmed_at", flat=True)[n - 1 : n]
    )
    return next(iter(row), default)


def _stamp_thresholds(petition_ids, until: datetime.datetime) -> list[int]:
    """Threshold rows, listed_at and goal_reached_at for these petitions; returns the ids that reached their goal
    in this run (to be sent)."""
    reached_goal = []
    for petition in Petition.objects.filter(pk__in=petition_ids):
        known = set(petition.thresholds.values_list("signatures", flat=True))
        new = [v for v in threshold_values(petition) if v <= petition.signature_count and v not in known]
        for value in new:
            Threshold.objects.create(
                petition=petition, signatures=value, reached_at=_nth_confirmed_at(petition.pk, value, until)
            )
        changed = {}
        if petition.listed_at is None and petition.signature_count >= petition.listing_threshold:
            changed["listed_at"] = _nth_confirmed_at(petition.pk, petition.listing_threshold, until)
        if petition.goal_reached_at is None and petition.signature_count >= petition.goal:
            changed["goal_reached_at"] = _nth_confirmed_at(petition.pk, petition.goal, until)
            reached_goal.append(petition.pk)
        if changed:
            Petition.objects.filter(pk=petition.pk).update(**changed)
    return reached_goal


def count_signatures(*, now: datetime.datetime | None = None, wait: bool = False) -> dict | None:
    """One run: add the confirmations in (watermark, now − LAG] to the counts and move the watermark, in one
    transaction. None when another run holds the lock (and `wait` is off). Petitions that reached their goal
    are then sent to their addressee (outside the counting transaction)."""
    now = now or timezone.now()
    with transaction.atomic():
        if not _lock(wait):
            return None
        tally = _tally()
        start, until = tally.counted_until, now - LAG
        if until <= start:
            return {"counted": 0, "petitions": 0, "until": start}
        window = Signature.objects.filter(
            confirmed_at__gt=start, confirmed_at__lte=until, invalidation__isnull=True
        )
        added = dict(
            window.values_list("petition_id").annotate(n=Count("pk")).values_list("petition_id", "n")
        )
        for petition_id, n in added.items():
            Petition.objects.filter(pk=petition_id).update(signature_count=F("signature_count") + n)
        reached = _stamp_thresholds(added.keys(), until)
        tally.counted_until = until
        tally.save(update_fields=["counted_until"])
    if added:
        from azamat.core.public_cache import topics_bump

        topics_bump("petitions", *(f"petition:{pk}" for pk in added))
    for petition_id in reached:
        try:
            send_to_addressee(petition_id)
        except Exception:  # the count is safe; the next run or the daily close retries the sending
            log.exception("petition %s reached its goal but could not be sent", petition_id)
    return {"counted": sum(added.values()), "petitions": len(added), "until": until}


def reconcile() -> dict[int, tuple[int, int]]:
    """Set every petition's count from its rows (confirmed at or before the watermark, not struck out), under
    the lock; returns {petition id: (was, now)} for the ones that differed."""
    fixed = {}
    with transaction.atomic():
        _lock(wait=True)
        tally = _tally()
        until = tally.counted_until
        truth = dict(
            Signature.objects.filter(confirmed_at__lte=until, invalidation__isnull=True)
            .values_list("petition_id")
            .annotate(n=Count("pk"))
            .values_list("petition_id", "n")
        )
        for petition_id, was in Petition.objects.values_list("pk", "signature_count"):
            right = truth.get(petition_id, 0)
            if right != was:
                Petition.objects.filter(pk=petition_id).update(signature_count=right)
                fixed[petition_id] = (was, right)
        if fixed:
            _stamp_thresholds(fixed.keys(), until)
    if fixed:
        log.warning("petition counts corrected: %s", fixed)
    return fixed


def invalidate(
    *,
    petition: Petition,
    by,
    reason: str,
    domain: str = "",
    ip_key: str = "",
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> Invalidation:
    """Strike out the signatures matching every criterion given (an email domain, an address key, a time window
    of signing), with a reason, as one Invalidation; the count drops by the struck signatures it held."""
    from azamat.campaigns.canonical import email_domain

    with transaction.atomic():
        _lock(wait=True)
        tally = _tally()
        rows = Signature.objects.filter(petition=petition, invalidation__isnull=True)
        if ip_key:
            rows = rows.filter(ip_key=ip_key)
        if since:
            rows = rows.filter(created_at__gte=since)
        if until:
            rows = rows.filter(created_at__lte=until)
        if domain:
            rows = rows.filter(email_domain=email_domain(f"x@{domain.strip().lstrip('@')}"))
        pks = list(rows.values_list("pk", flat=True))
        if not pks:  # a mistyped domain or window: a record of "0 struck out" would read as a clean check
            raise DomainError(NOTHING_MATCHES, MESSAGES[NOTHING_MATCHES])
        invalidation = Invalidation(petition=petition, reason=reason.strip(), by=by, count=len(pks))
        invalidation._history_user = by
        invalidation.save()
        counted = 0
        for start in range(0, len(pks), 5000):
            chunk = Signature.objects.filter(pk__in=pks[start : start + 5000])
            counted += chunk.filter(confirmed_at__lte=tally.counted_until).count()
            chunk.update(invalidation=invalidation)
        if counted:
            Petition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") - counted)
    from azamat.core.public_cache import topics_bump

    topics_bump("petitions", f"petition:{petition.pk}")
    return invalidation


# Closing and sending to the addressee.


def _item_text(petition: Petition) -> str:
    from django.utils.translation import gettext as _

    return "\n\n".join(
        [
            petition.text,
            _("Demands:") + "\n" + petition.demands,
            _("Signatures confirmed by email: %(count)s (goal %(goal)s).")
            % {"count": petition.signature_count, "goal": petition.goal},
        ]
    )


def send_to_addressee(petition_id: int, by=None) -> Petition:
    """Send the petition to its addressee as an accountability item (once: the row is locked and `item` set)."""
    from azamat.accountability.services import item_send

    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition_id)
        if petition.item_id or petition.status not in (S.OPEN, S.CLOSED):
            return petition
        petition.item = item_send(
            kind="demand",
            rule="petition",
            body=petition.body,
            title=petition.title,
            text=_item_text(petition),
            source=petition,
            author=petition.created_by,
            organisation=petition.organisation,
            region=petition.region,
            by=by or petition.created_by,
        )
        petition.status = S.SENT
        petition._history_user = by
        petition.save(update_fields=["item", "status"])
    from azamat.core.public_cache import topics_bump

    topics_bump("petitions", f"petition:{petition.pk}")
    return petition


def close_and_send(petition_id: int, by=None) -> Petition:
    """Close it (no more signatures). It is sent to the addressee when it reached its listing threshold (a
    petition nobody signed is not sent); otherwise it stays closed."""
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition_id)
        if petition.closed_at is None:
            petition.closed_at = timezone.now()
            if petition.status == S.OPEN:
                petition.status = S.CLOSED
            petition._history_user = by
            petition.save(update_fields=["closed_at", "status"])
    from azamat.core.public_cache import topics_bump

    topics_bump("petitions", f"petition:{petition.pk}")
    if petition.item_id is None and petition.signature_count >= petition.listing_threshold:
        petition = send_to_addressee(petition.pk, by=by)
    return petition


def close_due(today: datetime.date | None = None) -> list[int]:
    """Close the petitions whose closing date has passed (daily, and from the counting worker)."""
    today = today or timezone.localdate()
    due = list(
        Petition.objects.filter(
            Q(status=S.OPEN) | Q(status=S.SENT), closed_at__isnull=True, closes_on__lt=today
        ).values_list("pk", flat=True)
    )
    for petition_id in due:
        close_and_send(petition_id)
    return due
