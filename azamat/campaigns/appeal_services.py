"""Every write of appeals and letters: writing one (from a campaign or for an organisation alone), editing it
until it is sent, and recording its sending, which makes it an accountability item with the legal deadline of
an appeal (15 working days) and its follow-up there; its fate is read back with
`accountability.selectors.items_of_source`."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.accountability.models import Item
from azamat.accountability.services import item_send
from azamat.campaigns.appeal_texts import blanks_left
from azamat.campaigns.models import Appeal
from azamat.campaigns.permissions import (
    acting_organisations,
    can_create_appeal,
    can_edit_campaign,
    can_manage_appeal,
)
from azamat.core.edits import require_unchanged
from azamat.core.errors import DomainError
from azamat.core.permissions import Decision
from azamat.core.twice import twin

RULE = "appeal"
# How far back a sending may be recorded: an appeal posted on paper is entered later, but a year typed wrong
# (0202 for 2026) would date it, and its legal deadline, centuries ago, and a sent appeal cannot be corrected.
OLDEST_SENDING = datetime.timedelta(days=365)

NOT_ALLOWED = "appeal_not_allowed"
NOT_MEMBER = "not_member_of_organisation"
WRONG_ORGANISATION = "appeal_organisation_not_campaigns"
ALREADY_SENT = "appeal_already_sent"
SENT_IN_FUTURE = "appeal_sent_in_future"
SENT_TOO_EARLY = "appeal_sent_too_early"
NO_CHANNEL = "appeal_channel_required"
EMPTY = "appeal_field_required"
BLANKS_LEFT = "appeal_blanks_left"

MESSAGES = {
    NOT_MEMBER: _("You can only write for an organisation of which you are an active member."),
    WRONG_ORGANISATION: _(
        "A campaign's appeal is written for the campaign's lead organisation or one of its coalition partners."
    ),
    ALREADY_SENT: _(
        "This appeal was already recorded as sent on %(date)s (%(number)s): it cannot be sent twice, and it can "
        "no longer be changed."
    ),
    SENT_IN_FUTURE: _("The date of sending cannot be in the future: today is %(today)s."),
    SENT_TOO_EARLY: _(
        "The date of sending cannot be more than a year ago (before %(date)s): check the year."
    ),
    NO_CHANNEL: _("Choose how the appeal was sent."),
    EMPTY: _("This field cannot be empty."),
    BLANKS_LEFT: _(
        "The letter still has the template's blanks in square brackets: %(blanks)s. Fill them in (Edit) before "
        "recording that it was sent."
    ),
}


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _require(decision: Decision) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def campaign_organisations(campaign) -> set[int]:
    """The organisations a campaign's appeal may be written for: the lead and the accepted partners."""
    accepted = {p.organisation_id for p in campaign.partners.all() if p.status == "accepted"}
    return {campaign.organisation_id} | accepted


def _text_fields(fields: dict) -> dict:
    cleaned = {}
    for name in ("subject", "text", "signatory", "official"):
        if name in fields:
            cleaned[name] = (fields[name] or "").strip()
    for name in ("subject", "text", "signatory"):
        if name in cleaned and not cleaned[name]:
            raise _error(EMPTY, name)
    return cleaned


@transaction.atomic
def appeal_create(
    *,
    by,
    organisation,
    body,
    kind: str,
    language: str,
    subject: str,
    text: str,
    signatory: str,
    official: str = "",
    campaign=None,
) -> Appeal:
    """Save a written appeal (not sent yet): for a campaign by its team, for the lead organisation or an
    accepted partner; without a campaign by an active member of the organisation."""
    if campaign is not None:
        _require(can_edit_campaign(by, campaign))
        if organisation.pk not in campaign_organisations(campaign):
            raise _error(WRONG_ORGANISATION, "organisation")
    else:
        _require(can_create_appeal(by))
    if organisation.pk not in acting_organisations(by) and campaign is None:
        raise _error(NOT_MEMBER, "organisation")
    fields = _text_fields({"subject": subject, "text": text, "signatory": signatory, "official": official})
    appeal = Appeal(
        campaign=campaign,
        organisation=organisation,
        body=body,
        kind=kind,
        language=language,
        created_by=by,
        **fields,
    )
    appeal.full_clean()
    same = twin(
        Appeal,
        by=by,
        campaign=campaign,
        organisation=organisation,
        body=body,
        kind=kind,
        language=language,
        sent_on=None,
        **fields,
    )
    if same is not None:
        return same
    appeal._history_user = by
    appeal.save()
    return appeal


def _locked(appeal: Appeal) -> Appeal:
    return Appeal.objects.select_for_update().get(pk=appeal.pk)


def _sent_error(appeal: Appeal) -> DomainError:
    number = Item.objects.filter(pk=appeal.item_id).values_list("number", flat=True).first() or ""
    return _error(ALREADY_SENT, date=_day(appeal.sent_on), number=number)


@transaction.atomic
def appeal_update(*, appeal: Appeal, by, loaded_at: datetime.datetime | None = None, **fields) -> Appeal:
    """Edit an appeal before it is sent: its addressee, kind, language, subject, text, signatory. With
    `loaded_at` (its last save when the form was loaded), a save over a change made since is refused (core.edits)."""
    _require(can_manage_appeal(by, appeal))
    locked = _locked(appeal)
    if locked.is_sent:
        raise _sent_error(locked)
    allowed = {"body", "kind", "language", "subject", "text", "signatory", "official"}
    updates = {k: v for k, v in fields.items() if k in allowed}
    updates.update(_text_fields(updates))
    if require_unchanged(locked, loaded_at, by=by, values=updates):
        return locked  # the same form sent twice: saved by the first
    for name, value in updates.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked._history_user = by
    locked.save()
    for name in updates:
        setattr(appeal, name, getattr(locked, name))
    return locked


@transaction.atomic
def appeal_sent(
    *,
    appeal: Appeal,
    by,
    sent_on: datetime.date,
    channel: str,
    registration_number: str = "",
    is_public: bool = False,
) -> Item:
    """Record that the appeal was sent (when, how, under which registration number): it becomes an
    accountability item addressed to its body, with the appeal's legal deadline counted from `sent_on`. Once
    only: a second recording is refused (the row is locked, so two clicks at once make one item)."""
    _require(can_manage_appeal(by, appeal))
    locked = _locked(appeal)
    if locked.is_sent:
        raise _sent_error(locked)
    today = timezone.localdate()
    if not isinstance(sent_on, datetime.date):
        raise _error(EMPTY, "sent_on")
    if sent_on > today:
        raise _error(SENT_IN_FUTURE, "sent_on", today=_day(today))
    if sent_on < today - OLDEST_SENDING:
        raise _error(SENT_TOO_EARLY, "sent_on", date=_day(today - OLDEST_SENDING))
    if channel not in Appeal.Channel.values:
        raise _error(NO_CHANNEL, "channel")
    # The template's blanks ("[Опишите проблему…]", "[адрес]") left in would be sent to the body and shown in public.
    blanks = blanks_left(locked)
    if blanks:
        raise _error(BLANKS_LEFT, blanks="; ".join(blanks))
    item = item_send(
        kind=Item.Kind.APPEAL,
        rule=RULE,
        source=locked,
        body=locked.body,
        title=locked.subject[:300],
        text=locked.text,
        organisation=locked.organisation,
        author=by,
        official=locked.official,
        sent_on=sent_on,
        is_public=is_public,
    )
    locked.sent_on = sent_on
    locked.channel = channel
    locked.registration_number = registration_number.strip()  # as typed: e-Otinish's numbers carry slashes
    locked.item = item
    locked.full_clean()
    locked._history_user = by
    locked.save()
    appeal.sent_on, appeal.channel, appeal.registration_number, appeal.item = (
        locked.sent_on,
        locked.channel,
        locked.registration_number,
        item,
    )
    return item
