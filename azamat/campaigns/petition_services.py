"""Every write of petitions: the author's draft, moderation, signing and confirming, fresh links, closing.

Signing is built for bursts: a signature is one small insert (the email sealed, a keyed digest of the canonical
email unique per petition), confirming one small update stamping `confirmed_at`; neither touches the petition's
row. The counts are moved by `counting.count_signatures`. A second signature with the same email is answered by
email, never by an error page, so the page never tells who signed.

The confirmation token is computable from the petition id and the email alone (`confirmation_token`): a signed,
timestamped [petition id, email key]; it is checked for age (7 days) when used.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.campaigns.canonical import email_domain, email_key
from azamat.campaigns.models import Petition, Signature
from azamat.campaigns.permissions import can_manage_petition, can_moderate_petition
from azamat.core.edits import require_unchanged
from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.numbers import format_number
from azamat.core.permissions import Decision
from azamat.core.public_cache import topics_bump
from azamat.core.sealed import keyed_digest
from azamat.core.twice import twin

S = Petition.Status
TOKEN_SALT = "azamat.campaigns.petition-confirmation"  # noqa: S105 (a salt, not a secret)
TOKEN_MAX_AGE = datetime.timedelta(days=7)
IP_PURPOSE = "petition-ip"
MAX_GOAL = 20_000_000  # about the country's population: a goal past it is a typing slip (and past the column)
SIGNABLE = (S.OPEN, S.SENT)
EDITABLE = (S.DRAFT, S.REJECTED)

MESSAGES = {
    "not_editable": _("This petition is “%(state)s”: it can no longer be changed."),
    "wrong_state": _("This petition is “%(state)s”: this step is not possible now."),
    "reason_required": _("Write the reason: the author reads it."),
    "goal_zero": _("The signature goal must be at least 1 signature."),
    "goal_too_large": _("The signature goal can be at most %(limit)s signatures."),
    "closes_past": _("The closing date must be after today."),
    "closed": _("This petition closed on %(date)s: it no longer takes signatures."),
    "not_open": _("This petition is not open for signatures."),
    "bad_email": _("Enter a valid email address, such as name@example.kz."),
    "name_required": _("Write your name."),
    "flood": _(
        "Too many signatures came from your network or your email's domain just now. Try again later."
    ),
    "token_bad": _("This confirmation link is not valid: copy the whole link from the email."),
    "token_expired": _("This confirmation link is more than 7 days old: ask for a fresh one below."),
    "unknown_signature": _("No signature for this link: it may have been removed."),
    "struck_out": _("This signature was struck out by the moderators as part of a fraudulent batch."),
}


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision, code: str = "forbidden") -> None:
    if not decision:
        raise DomainError(code, decision.reason)


def _state(petition: Petition) -> str:
    return str(petition.get_status_display())


def _changed(petition: Petition) -> None:
    """What the public pages show of this petition changed: its page, its counter and the list."""
    topics_bump("petitions", f"petition:{petition.pk}")


# Keys and tokens.


def ip_key(ip: str) -> str:
    """A short keyed digest of the network address: moderators select a flood by it without seeing the address."""
    return keyed_digest(IP_PURPOSE, ip or "")[:16] if ip else ""


def confirmation_token(petition_id: int, email: str) -> str:
    """The link's token: django.core.signing (timestamped) over [petition id, email key], with our salt."""
    return signing.dumps([int(petition_id), email_key(email)], salt=TOKEN_SALT)


def _token_for_key(petition_id: int, key: str) -> str:
    return signing.dumps([int(petition_id), key], salt=TOKEN_SALT)


def read_token(token: str, *, max_age: datetime.timedelta | None = TOKEN_MAX_AGE) -> tuple[int, str]:
    """(petition id, email key) from a token; DomainError token_bad or token_expired."""
    try:
        petition_id, key = signing.loads(token, salt=TOKEN_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise _error("token_expired") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise _error("token_bad") from exc
    return int(petition_id), str(key)


# The author's petition and moderation.


def _clean(petition: Petition) -> None:
    if not petition.goal or petition.goal < 1:
        raise _error("goal_zero", "goal")
    if petition.goal > MAX_GOAL:
        raise _error("goal_too_large", "goal", limit=format_number(MAX_GOAL))
    if petition.closes_on and petition.closes_on <= timezone.localdate():
        raise _error("closes_past", "closes_on")
    petition.full_clean(exclude=["created_by", "item", "moderated_by"])


@transaction.atomic
def petition_create(*, by, campaign=None, organisation=None, **fields) -> Petition:
    """A draft by `by`, for a campaign (linked, its organisation) or on its own."""
    if campaign is not None:
        organisation = organisation or campaign.organisation
    petition = Petition(created_by=by, campaign=campaign, organisation=organisation, **fields)
    petition.title = petition.title.strip()
    _clean(petition)
    typed = {name: getattr(petition, name) for name in ("title", "text", "demands", "body", "region")}
    same = twin(Petition, by=by, status=S.DRAFT, campaign=campaign, **typed)
    if same is not None:
        same.sent_again = True  # the draft the first tap saved (the back button, a double tap: core.twice)
        return same
    petition._history_user = by
    petition.save()
    return petition


@transaction.atomic
def petition_update(
    *, petition: Petition, by, loaded_at: datetime.datetime | None = None, **fields
) -> Petition:
    """The author's draft (or a rejected one) edited. With `loaded_at` (the draft's last save when the form was
    loaded), a save over a change made since (a co-author, another tab) is refused (core.edits)."""
    _require(can_manage_petition(by, petition))
    if require_unchanged(petition, loaded_at, by=by, values=fields):
        return petition  # the same form sent twice: saved by the first
    petition.status = Petition.objects.values_list("status", flat=True).get(pk=petition.pk)
    if petition.status not in EDITABLE:
        raise _error("not_editable", state=_state(petition))
    for name, value in fields.items():
        setattr(petition, name, value)
    _clean(petition)
    petition._history_user = by
    petition.save()
    return petition


@transaction.atomic
def petition_submit(*, petition: Petition, by) -> Petition:
    """The author sends the draft to the moderators."""
    _require(can_manage_petition(by, petition))
    if petition.status not in EDITABLE:
        raise _error("wrong_state", state=_state(petition))
    _clean(petition)
    petition.status = S.MODERATION
    petition._history_user = by
    petition.save()
    return petition


def _lock_for_decision(petition: Petition) -> None:
    """Lock the petition's row and read its status from it: two moderators deciding the same petition at once
    (one publishes, the other rejects) are checked one after the other, so the later is refused with the state
    the first left, instead of overwriting a published petition as rejected (or publishing it twice)."""
    petition.status = (
        Petition.objects.select_for_update().values_list("status", flat=True).get(pk=petition.pk)
    )


@transaction.atomic
def petition_publish(*, petition: Petition, by) -> Petition:
    """A moderator opens it for signatures (visible by link until its first signatures list it)."""
    _require(can_moderate_petition(by, petition))
    _lock_for_decision(petition)
    if petition.status != S.MODERATION:
        raise _error("wrong_state", state=_state(petition))
    now = timezone.now()
    petition.status = S.OPEN
    petition.moderated_by, petition.moderated_at, petition.opened_at = by, now, now
    petition.moderation_reason = ""
    petition._history_user = by
    petition.save()
    _changed(petition)
    notify(
        to=[petition.created_by.email],
        template="campaigns/email/petition_published",
        context={"petition": petition},
    )
    return petition


@transaction.atomic
def petition_reject(*, petition: Petition, by, reason: str) -> Petition:
    _require(can_moderate_petition(by, petition))
    reason = (reason or "").strip()
    if not reason:
        raise _error("reason_required", "reason")
    _lock_for_decision(petition)
    if petition.status != S.MODERATION:
        raise _error("wrong_state", state=_state(petition))
    petition.status = S.REJECTED
    petition.moderated_by, petition.moderated_at, petition.moderation_reason = by, timezone.now(), reason
    petition._history_user = by
    petition.save()
    notify(
        to=[petition.created_by.email],
        template="campaigns/email/petition_rejected",
        context={"petition": petition},
    )
    return petition


def petition_close(*, petition: Petition, by) -> Petition:
    """The author closes it early: no more signatures; it is sent to the addressee (see counting.close_and_send)."""
    from azamat.campaigns.counting import close_and_send

    _require(can_manage_petition(by, petition))
    if petition.status not in SIGNABLE or petition.closed_at:
        raise _error("wrong_state", state=_state(petition))
    return close_and_send(petition.pk, by=by)


# Signing.


def is_signable(petition: Petition, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return petition.status in SIGNABLE and petition.closed_at is None and petition.closes_on >= today


def _check_signable(petition: Petition) -> None:
    if is_signable(petition):
        return
    if petition.closed_at or petition.status == S.CLOSED or petition.status in SIGNABLE:
        day = timezone.localdate(petition.closed_at) if petition.closed_at else petition.closes_on
        raise _error("closed", date=date_format(day, "DATE_FORMAT"))
    raise _error("not_open")


def closed_meanwhile(petition: Petition) -> str:
    """Why a petition still "open" (or sent) takes no signature now, or "": its closing date passed before the
    daily job closed it, or it was closed meanwhile. Said on its page: a signature sent from a page loaded before
    was refused with no word, the form being gone."""
    if petition.status not in SIGNABLE:
        return ""
    try:
        _check_signable(petition)
    except DomainError as error:
        return str(error)
    return ""


def _confirm_url(token: str) -> str:
    return settings.SITE_URL + reverse("campaigns:signature_confirm", args=[token])


def _send_link(
    signature: Signature, petition: Petition, email: str, *, again: bool, language: str = ""
) -> None:
    """Queue the confirmation email in the signature's own transaction (one commit per signature); the worker
    renders and sends it (`send_link`), so a signing burst spends nothing on templates. The task carries only
    the signature's id and the address as typed, sealed (a repeated signature is answered at the address it
    was made with)."""
    from azamat.campaigns.tasks import petition_send_link
    from azamat.core.sealed import seal

    petition_send_link.enqueue(signature_id=signature.pk, again=again, to=seal(email), language=language)


def send_link(signature_id: int, again: bool, to: str = "", language: str = "") -> bool:
    """The confirmation email to the sealed address `to` (else the signature's): the link, or "you already
    signed" (with the link again while unconfirmed), in `language` (the page's the person signed from this
    time), else the signature's."""
    from azamat.core.sealed import unseal
    from azamat.core.tasks import send_email

    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    if signature is None or not signature.email:
        return False
    petition = signature.petition
    context = {
        "petition": petition,
        "name": signature.name,
        "confirmed": signature.confirmed_at is not None,
        "again": again,
        "confirm_url": _confirm_url(_token_for_key(petition.pk, signature.email_key)),
        "site_url": settings.SITE_URL,
    }
    template = "campaigns/email/petition_already_signed" if again else "campaigns/email/petition_confirm"
    from django.template.loader import render_to_string

    with translation.override(language or signature.language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_message.txt", context)
    send_email.call(subject=f"[Azamat] {subject}", body=body, to=[unseal(to) or signature.email])
    return True


def sign(
    *,
    petition: Petition,
    name: str,
    email: str,
    region=None,
    show_name: bool = False,
    wants_updates: bool = False,
    ip: str = "",
    language: str | None = None,
) -> Signature:
    """One signature, not counted until its email link is confirmed. A second signature with the same mailbox
    changes nothing and gets an email ("you already signed", with the link again if unconfirmed); the caller
    answers both the same way. Raises DomainError for a closed petition, bad input or a flood."""
    from azamat.campaigns import ratelimit

    name = (name or "").strip()
    email = (email or "").strip()
    if not name:
        raise _error("name_required", "name")
    if "@" not in email or email.startswith("@") or "." not in email.rpartition("@")[2]:
        raise _error("bad_email", "email")
    _check_signable(petition)
    address_key = ip_key(ip)
    if not ratelimit.sign_allowed(ip_key=address_key, domain=email_domain(email)):
        raise _error("flood")
    signature = Signature(
        petition=petition,
        name=name[:200],
        email=email,
        email_key=email_key(email),
        email_domain=email_domain(email),
        region=region,
        show_name=bool(show_name),
        wants_updates=bool(wants_updates),
        language=(language or translation.get_language() or settings.LANGUAGE_CODE)[:5],
        ip_key=address_key,
    )
    try:
        with transaction.atomic():
            signature.save()
            _send_link(signature, petition, email, again=False)
    except IntegrityError:
        existing = Signature.objects.filter(petition=petition, email_key=signature.email_key).first()
        if existing is None:  # the constraint fired for another reason: let it be seen
            raise
        with transaction.atomic():
            # Answered in the language of the page signed from now: the first signature's may be another.
            _send_link(existing, petition, email, again=True, language=signature.language)
        return existing
    return signature


def signer_number(signature: Signature) -> int:
    """ "You are signer No. N": confirmed valid signatures of the petition confirmed at or before this one.

    A fresh confirmation (after the counting job's watermark) is the petition's count at the watermark plus the
    few confirmed since, up to this one: a small range of the index on (petition, confirmed_at), not a count of
    half a million rows during a burst. The count and the watermark are read in one statement (one snapshot),
    so they belong together. An old link clicked again counts from the start."""
    from django.db.models import Q

    from azamat.campaigns.counting import TALLY_KEY
    from azamat.campaigns.models import Tally

    mine = signature.confirmed_at
    valid = Signature.objects.filter(petition_id=signature.petition_id, invalidation__isnull=True)
    up_to_mine = Q(confirmed_at__lt=mine) | Q(confirmed_at=mine, pk__lte=signature.pk)
    at_watermark = (
        Petition.objects.filter(pk=signature.petition_id)
        .annotate(watermark=models.Subquery(Tally.objects.filter(key=TALLY_KEY).values("counted_until")[:1]))
        .values_list("signature_count", "watermark")
        .first()
    )
    if at_watermark and at_watermark[1] is not None and mine > at_watermark[1]:
        counted, watermark = at_watermark
        return counted + valid.filter(up_to_mine, confirmed_at__gt=watermark).count()
    return valid.filter(up_to_mine).count()


def confirm(token: str) -> tuple[Signature, int]:
    """Confirm the signature a link names (idempotent: the second click gives the same number). DomainError
    token_bad, token_expired (the caller offers a fresh link), unknown_signature, closed, struck_out."""
    petition_id, key = read_token(token)
    signature = (
        Signature.objects.select_related("petition").filter(petition_id=petition_id, email_key=key).first()
    )
    if signature is None:
        raise _error("unknown_signature")
    if signature.invalidation_id:
        raise _error("struck_out")
    if signature.confirmed_at is None:
        _check_signable(signature.petition)
        now = timezone.now()
        # One small update, only if still unconfirmed (two clicks at once stamp it once).
        Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(confirmed_at=now)
        signature.refresh_from_db(fields=["confirmed_at"])
    return signature, signer_number(signature)


def resend(token: str, *, ip: str = "") -> Signature:
    """A fresh link for an expired one (the old token's signature stays valid; its age is not checked here)."""
    from azamat.campaigns import ratelimit

    petition_id, key = read_token(token, max_age=None)
    signature = (
        Signature.objects.select_related("petition").filter(petition_id=petition_id, email_key=key).first()
    )
    if signature is None:
        raise _error("unknown_signature")
    if signature.invalidation_id:
        raise _error("struck_out")
    if signature.confirmed_at is None:
        _check_signable(signature.petition)
    if not ratelimit.hit("resend", key) or not ratelimit.hit("ip", ip_key(ip) or "none"):
        raise _error("flood")
    _send_link(signature, signature.petition, signature.email, again=signature.confirmed_at is not None)
    return signature


# The addressee's answer, emailed to the signers who asked for updates.


def answer_notify(petition_id: int) -> int:
    """Email the body's answer to each confirmed, valid signer who asked for updates (one email each, in their
    language: signers never see each other's addresses). Returns how many were sent."""
    petition = Petition.objects.select_related("item", "body").get(pk=petition_id)
    if petition.item is None or not petition.item.outcome:
        return 0
    signers = Signature.objects.filter(
        petition=petition, wants_updates=True, confirmed_at__isnull=False, invalidation__isnull=True
    ).only("email", "name", "language")
    sent = 0
    for signer in signers.iterator(chunk_size=1000):
        notify(
            to=[signer.email],
            template="campaigns/email/petition_answered",
            context={"petition": petition, "item": petition.item, "name": signer.name},
            language=signer.language,
        )
        sent += 1
    return sent


def on_item_answered(sender, item, **kwargs) -> None:
    """accountability's `item_answered` hook: when the item is a petition's, tell its signers (a task)."""
    petition_id = Petition.objects.filter(item=item).values_list("pk", flat=True).first()
    if petition_id is None:
        return
    from azamat.campaigns.tasks import petition_answer_notify

    topics_bump("petitions", f"petition:{petition_id}")
    transaction.on_commit(lambda: petition_answer_notify.enqueue(petition_id))
