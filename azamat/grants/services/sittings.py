"""Stage 2 at the table: sittings scheduled, their agenda, attendance, recusals, votes, decisions and the close
(with the numbered protocol). The commission itself, its members and their declarations are in commission.py."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.public_cache import topics_bump
from azamat.grants.lifecycle import APPLICATION, SITTING
from azamat.grants.models import (
    AgendaItem,
    Application,
    Commission,
    ConflictDeclaration,
    Sitting,
    Vote,
)
from azamat.grants.permissions import (
    can_decide_item,
    can_keep_sitting,
    can_manage_commission,
)
from azamat.grants.services.commission import (
    AGENDA_EMPTY,
    AGENDA_LOCKED,
    ALREADY_RECUSED,
    AMOUNT_ABOVE_REQUESTED,
    AMOUNT_ON_REJECTION,
    BAD_AMOUNT,
    BAD_CHOICE,
    CHAIR_ABSENT,
    CONTRARY,
    DECLARATION_MISSING,
    FOREIGN_MEMBER,
    ITEM_DECIDED,
    NO_QUORUM,
    NO_VOTERS,
    NOT_PRESENT,
    NOT_REVIEWED,
    PROTOCOL_LANGUAGES,
    REASON_REQUIRED,
    RECUSED,
    REDUCTION_REASON,
    SITTING_CLOSED,
    VOTES_MISSING,
    _require,
    _require_commission_path,
    _require_seat,
    _require_valid_composition,
    _save,
    _sync_recusals,
    commission_conflict_declare,
    declaration_confirmed,
)
from azamat.grants.services.commission_record import (
    item_tally,
    sitting_quorum,
    with_requested,
)
from azamat.grants.services.protocol import amount_text, protocol_render


def _require_open(sitting: Sitting) -> None:
    if sitting.closed_at is not None:
        raise DomainError(SITTING_CLOSED, _("The sitting is closed; its protocol is final."))


@transaction.atomic
def sitting_schedule(
    *, commission: Commission, starts_at, place: str = "", stream_url: str = "", by
) -> Sitting:
    _require(can_manage_commission(by))
    _require_valid_composition(commission)
    sitting = Sitting(
        commission=commission, starts_at=starts_at, place=place.strip(), stream_url=stream_url.strip()
    )
    try:
        _save(sitting, by)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=field) from error
    members = commission.members.select_related("user")
    notify(
        to=[m.user.email for m in members],
        template="grants/commission/commission_sitting_scheduled",
        context={"sitting": sitting, "call": commission.call},
    )
    return sitting


def _recommend(applications: list[Application], direction) -> list[tuple[Application, str]]:
    """Support the best-ranked until the direction's planned count or budget runs out; a lower-ranked
    application never jumps over one that did not fit."""
    ranked = sorted(
        applications,
        key=lambda a: (a.final_score is None, -(a.final_score or 0), a.submitted_at or timezone.now(), a.pk),
    )
    result, count, spent, open_ = [], 0, Decimal(0), True
    for application in ranked:
        fits = count < direction.planned_grants and spent + application.requested <= direction.budget
        open_ = open_ and fits
        if open_:
            count, spent = count + 1, spent + application.requested
        result.append(
            (application, AgendaItem.Recommendation.SUPPORT if open_ else AgendaItem.Recommendation.REJECT)
        )
    return result


@transaction.atomic
def agenda_build(*, sitting: Sitting, by) -> list[AgendaItem]:
    """Put the call's scored applications on the agenda, ranked per direction, with the operator's advice."""
    _require(can_manage_commission(by))
    _require_open(sitting)
    if sitting.items.exclude(decision="").exists() or Vote.objects.filter(item__sitting=sitting).exists():
        raise DomainError(AGENDA_LOCKED, _("Voting has started; the agenda can no longer be rebuilt."))
    call = sitting.commission.call
    _require_commission_path(call, by)
    elsewhere = (
        AgendaItem.objects.filter(
            sitting__commission=sitting.commission, sitting__closed_at__isnull=True, decision=""
        )
        .exclude(sitting=sitting)
        .values("application_id")
    )
    applications = list(
        with_requested(
            call.applications.filter(status=Application.Status.REVIEWED)
            .exclude(pk__in=elsewhere)
            .select_related("direction")
        )
    )
    if not applications:
        raise DomainError(
            AGENDA_EMPTY,
            _("No application of this call is scored by experts and waiting for the commission."),
        )
    sitting.items.all().delete()
    by_direction: dict = {}
    for application in applications:
        by_direction.setdefault(application.direction, []).append(application)
    items = []
    for direction in sorted(by_direction, key=lambda d: (d.position, d.pk)):
        for rank, (application, advice) in enumerate(_recommend(by_direction[direction], direction), start=1):
            item = AgendaItem(sitting=sitting, application=application, rank=rank, recommendation=advice)
            _save(item, by)
            items.append(item)
    _sync_recusals(commission=sitting.commission)
    return items


@transaction.atomic
def sitting_mark_present(*, sitting: Sitting, members, by) -> Sitting:
    _require(can_keep_sitting(by, sitting))
    _require_open(sitting)
    _require_valid_composition(sitting.commission)
    members = list(members)
    if any(m.commission_id != sitting.commission_id for m in members):
        raise DomainError(
            FOREIGN_MEMBER, _("Only members of this commission can be marked present."), field="members"
        )
    sitting.present.set(members)
    _save(sitting, by)  # the history records who took attendance and when
    return sitting


def _require_quorum(sitting: Sitting) -> None:
    quorum = sitting_quorum(sitting)
    if not quorum.reached:
        raise DomainError(
            NO_QUORUM,
            ngettext(
                "No quorum: %(present)s of %(members)s member is present, and at least "
                "%(required)s are needed to vote and decide.",
                "No quorum: %(present)s of %(members)s members are present, and at least "
                "%(required)s are needed to vote and decide.",
                quorum.members,
            )
            % {"present": quorum.present, "members": quorum.members, "required": quorum.required},
        )


def _lock_item(item: AgendaItem) -> AgendaItem:
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("sitting__commission__call", "application__organisation")
        .get(pk=item.pk)
    )


# Votes and decisions


@transaction.atomic
def item_recuse(*, item: AgendaItem, member_user, reason: str) -> ConflictDeclaration:
    """A member steps aside from an application; the reason is kept as a declared tie to its organisation,
    so it also covers that organisation's other applications."""
    item = _lock_item(item)
    member = _require_seat(member_user, item.sitting.commission)
    _require_open(item.sitting)
    if item.decision:
        raise DomainError(ITEM_DECIDED, _("This item is already decided."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(REASON_REQUIRED, _("Give the reason for stepping aside."), field="reason")
    _sync_recusals(commission=item.sitting.commission, members=[member])
    if item.recused.filter(pk=member.pk).exists():
        raise DomainError(ALREADY_RECUSED, _("You are already recused from this item."))
    return commission_conflict_declare(
        member=member,
        organisation=item.application.organisation,
        relation=ConflictDeclaration.Relation.RELATED,
        note=reason[:300],
        by=member_user,
    )


@transaction.atomic
def vote_cast(*, item: AgendaItem, member_user, choice: str, comment: str = "") -> Vote:
    """Record a member's vote; voting again before the decision replaces the earlier vote."""
    item = _lock_item(item)
    sitting = item.sitting
    member = _require_seat(member_user, sitting.commission)
    _require_open(sitting)
    if item.decision:
        raise DomainError(ITEM_DECIDED, _("This item is already decided; votes can no longer change."))
    if choice not in Vote.Choice.values:
        raise DomainError(BAD_CHOICE, _("Choose support, against or abstain."), field="choice")
    if not sitting.present.filter(pk=member.pk).exists():
        raise DomainError(NOT_PRESENT, _("Only members marked present at the sitting vote."))
    _sync_recusals(commission=sitting.commission, members=[member])
    if item.recused.filter(pk=member.pk).exists():
        raise DomainError(
            RECUSED, _("You are recused from this application because of a conflict of interest.")
        )
    if not declaration_confirmed(member):
        raise DomainError(
            DECLARATION_MISSING,
            _("Confirm your declaration of conflicts of interest for this call before voting."),
        )
    _require_quorum(sitting)
    vote = Vote.objects.filter(item=item, member=member).first() or Vote(item=item, member=member)
    vote.choice, vote.comment = choice, (comment or "").strip()
    try:
        _save(vote, member_user)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=field) from error
    return vote


def _award_amount(requested: Decimal, amount, reduction_reason: str) -> tuple[Decimal, str]:
    if amount in (None, ""):
        return requested, ""
    try:
        amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as error:
        raise DomainError(BAD_AMOUNT, _("Enter the amount in tenge."), field="amount") from error
    if amount <= 0:
        raise DomainError(BAD_AMOUNT, _("The amount must be more than zero."), field="amount")
    if amount > requested:
        raise DomainError(
            AMOUNT_ABOVE_REQUESTED,
            _("The amount cannot exceed the %(requested)s ₸ requested.")
            % {"requested": amount_text(requested)},
            field="amount",
        )
    if amount < requested and not reduction_reason:
        raise DomainError(
            REDUCTION_REASON, _("Give the reason for awarding less than requested."), field="reduction_reason"
        )
    return amount, reduction_reason if amount < requested else ""


@transaction.atomic
def item_decide(
    *, item: AgendaItem, by, decision: str | None = None, amount=None, reduction_reason: str = ""
) -> AgendaItem:
    """The chair records the decision the votes have made; an award may be reduced, with a reason."""
    item = _lock_item(item)
    sitting = item.sitting
    _require(can_decide_item(by, item))
    _require_open(sitting)
    if item.decision:
        raise DomainError(ITEM_DECIDED, _("This item is already decided."))
    application = item.application
    if application.status != Application.Status.REVIEWED:
        raise DomainError(
            NOT_REVIEWED,
            _("The application is %(status)s; only scored applications are decided.")
            % {"status": application.get_status_display()},
        )
    _require_valid_composition(sitting.commission)
    if not sitting.present.filter(is_chair=True).exists():
        raise DomainError(CHAIR_ABSENT, _("The chair is not marked present; decisions need the chair."))
    _require_quorum(sitting)
    _sync_recusals(commission=sitting.commission)
    tally = item_tally(item)
    if not tally.eligible:
        raise DomainError(NO_VOTERS, _("No present member may vote on this application."))
    if tally.waiting:
        raise DomainError(
            VOTES_MISSING,
            _("Waiting for the votes of: %(names)s.")
            % {"names": ", ".join(str(m.user) for m in tally.waiting)},
        )
    if decision and decision != tally.outcome:
        raise DomainError(
            CONTRARY,
            _(
                "The votes (%(support)s for, %(against)s against, %(abstain)s abstained) decide "
                "“%(outcome)s”; the decision must follow them."
            )
            % {
                "support": tally.support,
                "against": tally.against,
                "abstain": tally.abstain,
                "outcome": AgendaItem.Decision(tally.outcome).label,
            },
        )
    reduction_reason = (reduction_reason or "").strip()
    if tally.outcome == AgendaItem.Decision.AWARDED:
        item.amount, item.reduction_reason = _award_amount(
            application.requested_amount, amount, reduction_reason
        )
    else:
        if amount not in (None, ""):
            raise DomainError(
                AMOUNT_ON_REJECTION,
                _("An amount is recorded only when the grant is awarded."),
                field="amount",
            )
        item.amount, item.reduction_reason = None, ""
    item.decision = tally.outcome
    _save(item, by)
    step = "award" if tally.outcome == AgendaItem.Decision.AWARDED else "decline"
    APPLICATION.apply(application, step, by=by)  # its guard reads the decision just recorded
    topics_bump(f"results:{application.call.code}")
    return item


def protocol_language(language: str | None) -> str:
    """The language of the emails about a protocol (the protocol itself is in Kazakh and Russian)."""
    language = (language or translation.get_language() or "")[:2]
    if language in PROTOCOL_LANGUAGES:
        return language
    return settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in PROTOCOL_LANGUAGES else "ru"


@transaction.atomic
def sitting_close(*, sitting: Sitting, by, language: str | None = None) -> Sitting:
    """Close a sitting whose every item is decided and publish its numbered protocol (one PDF, in Kazakh then
    Russian); `language` is that of the emails announcing it."""
    sitting = (
        Sitting.objects.select_for_update(of=("self",)).select_related("commission__call").get(pk=sitting.pk)
    )
    # Who may close it, started, quorum, agenda built, every item decided: grants/lifecycle.py (SITTING).
    SITTING.require(sitting, "close", by)
    # The commission's row lock serialises closings, so two sittings never take the same number.
    Commission.objects.select_for_update().filter(pk=sitting.commission_id).first()
    last = (
        Sitting.objects.filter(commission_id=sitting.commission_id, protocol_number__isnull=False)
        .order_by("-protocol_number")
        .values_list("protocol_number", flat=True)
        .first()
    )
    sitting.protocol_number = (last or 0) + 1
    sitting.closed_at = timezone.now()
    language = protocol_language(language)
    content = protocol_render(sitting=sitting, languages=PROTOCOL_LANGUAGES)
    sitting.protocol.save(
        f"protocol-{sitting.commission.call.code}-{sitting.protocol_number}.pdf",
        ContentFile(content),
        save=False,
    )
    SITTING.apply(sitting, "close", by=by)
    topics_bump(f"results:{sitting.commission.call.code}")  # its protocol is listed on the results page
    members = sitting.commission.members.select_related("user")
    notify(
        to=[m.user.email for m in members],
        template="grants/commission/commission_protocol_ready",
        context={"sitting": sitting, "call": sitting.commission.call},
        language=language,
    )
    return sitting
