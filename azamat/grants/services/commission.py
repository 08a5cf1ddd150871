"""Stage 2 writes: the tender commission's composition and declarations, sittings, agenda, votes, decisions."""

import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.accounts.models import PlatformRole
from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.core.public_cache import topics_bump
from azamat.grants.lifecycle import APPLICATION, SITTING, commission_path
from azamat.grants.models import (
    AgendaItem,
    Application,
    Call,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    DeclarationConfirmation,
    Sitting,
    Vote,
)
from azamat.grants.permissions import (
    can_decide_item,
    can_keep_sitting,
    can_manage_commission,
)
from azamat.grants.services import conflicts
from azamat.grants.services.commission_record import (
    conflicted_organisation_ids,
    item_tally,
    sitting_quorum,
    with_requested,
)
from azamat.grants.services.protocol import amount_text, protocol_render
from azamat.registry.models import Membership

# Composition rules; the law asks for all three sides and a meaningful share of NGO representatives.
MIN_MEMBERS = 5
NGO_MIN_SHARE = Fraction(1, 3)
REQUIRED_SIDES = [CommissionMember.Side.GOVERNMENT, CommissionMember.Side.OPERATOR, CommissionMember.Side.NGO]
PROTOCOL_LANGUAGES = ("kk", "ru")

NOT_ALLOWED = "not_allowed"
COMMISSION_EXISTS = "commission_exists"
ALREADY_MEMBER = "already_member"
SECOND_CHAIR = "second_chair"
BAD_SIDE = "bad_side"
MEMBER_HAS_RECORD = "member_has_record"
COMPOSITION = "composition_invalid"
NOT_MEMBER = "not_member"
ALREADY_DECLARED = "already_declared"
SITTING_CLOSED = "sitting_closed"
AGENDA_LOCKED = "agenda_locked"
AGENDA_EMPTY = "agenda_empty"
FOREIGN_MEMBER = "foreign_member"
ITEM_DECIDED = "item_decided"
NOT_PRESENT = "not_present"
RECUSED = "recused"
ALREADY_RECUSED = "already_recused"
REASON_REQUIRED = "reason_required"
DECLARATION_MISSING = "declaration_missing"
BAD_CHOICE = "bad_choice"
NO_QUORUM = "no_quorum"
CHAIR_ABSENT = "chair_absent"
NO_VOTERS = "no_voters"
VOTES_MISSING = "votes_missing"
CONTRARY = "decision_contrary_to_votes"
BAD_AMOUNT = "bad_amount"
AMOUNT_ABOVE_REQUESTED = "amount_above_requested"
REDUCTION_REASON = "reduction_reason_required"
AMOUNT_ON_REJECTION = "amount_on_rejection"
NOT_REVIEWED = "application_not_reviewed"
UNDECIDED_ITEMS = "undecided_items"
NOT_STARTED = "sitting_not_started"
WRONG_AFFILIATION = "wrong_affiliation"
SECRETARY_VOTES = "secretary_is_member"

SIDE_MISSING = {
    CommissionMember.Side.GOVERNMENT: _("Nobody represents the government customer."),
    CommissionMember.Side.OPERATOR: _("Nobody represents the grant operator."),
    CommissionMember.Side.NGO: _("Nobody represents NGOs."),
}


def _require(decision) -> None:
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _save(obj, by, **kwargs) -> None:
    obj._history_user = by
    obj.full_clean()
    obj.save(**kwargs)


def _require_commission_path(call: Call, by) -> None:
    """A one-stage call is decided by the operator: it has no tender commission (grants/lifecycle.py)."""
    decision = commission_path(call, by)
    if not decision:
        raise DomainError(commission_path.code, decision.reason)


def _seat(user, commission: Commission) -> CommissionMember | None:
    if not (user and user.is_authenticated):
        return None
    return commission.members.select_related("user").filter(user=user).first()


def _require_seat(user, commission: Commission) -> CommissionMember:
    member = _seat(user, commission)
    if member is None:
        raise DomainError(NOT_MEMBER, _("You are not a member of the tender commission of this call."))
    return member


# Composition and declarations


@transaction.atomic
def commission_create(*, call: Call, by, quorum_share: Decimal | None = None) -> Commission:
    _require(can_manage_commission(by))
    _require_commission_path(call, by)
    if Commission.objects.filter(call=call).exists():
        raise DomainError(COMMISSION_EXISTS, _("This call already has a tender commission."))
    commission = Commission(call=call)
    if quorum_share is not None:
        commission.quorum_share = quorum_share
    _save(commission, by)
    return commission


def commission_composition_problems(commission: Commission) -> list[str]:
    """What keeps the commission from sitting, in plain words; empty when it may sit."""
    members = list(commission.members.all())
    total = len(members)
    problems = []
    if total < MIN_MEMBERS:
        problems.append(
            ngettext(
                "The commission has %(count)s member; it needs at least %(minimum)s.",
                "The commission has %(count)s members; it needs at least %(minimum)s.",
                total,
            )
            % {"count": total, "minimum": MIN_MEMBERS}
        )
    chairs = sum(1 for m in members if m.is_chair)
    if chairs == 0:
        problems.append(str(_("The commission has no chair.")))
    elif chairs > 1:
        problems.append(
            ngettext(
                "The commission has %(count)s chair; it needs exactly one.",
                "The commission has %(count)s chairs; it needs exactly one.",
                chairs,
            )
            % {"count": chairs}
        )
    sides = {m.side for m in members}
    problems += [str(SIDE_MISSING[side]) for side in REQUIRED_SIDES if side not in sides]
    ngo = sum(1 for m in members if m.side == CommissionMember.Side.NGO)
    needed = math.ceil(NGO_MIN_SHARE * total)
    if total and ngo < needed:
        problems.append(
            ngettext(
                "NGO representatives are %(ngo)s of %(total)s member; at least %(needed)s are needed.",
                "NGO representatives are %(ngo)s of %(total)s members; at least %(needed)s are needed.",
                total,
            )
            % {"ngo": ngo, "total": total, "needed": needed}
        )
    if len({m.user_id for m in members}) < total:
        problems.append(str(_("A person sits on the commission more than once.")))
    return problems


def _require_valid_composition(commission: Commission) -> None:
    problems = commission_composition_problems(commission)
    if problems:
        raise DomainError(
            COMPOSITION, _("The commission cannot sit yet: %(problems)s") % {"problems": " ".join(problems)}
        )


def member_affiliation_problem(*, commission: Commission, user, side: str) -> str | None:
    """Why the person's accounts do not show them as one of `side`, naming them and what is missing;
    None when they do. A government customer's seat is for an officer of the call's customer body, an
    NGO's for an active member of a registered NGO, the operator's for the grant operator's staff."""
    person = user.get_full_name()
    if side == CommissionMember.Side.GOVERNMENT:
        customer = commission.call.customer
        roles = PlatformRole.objects.filter(user=user, role=PlatformRole.Role.GOVERNMENT_OFFICER)
        if roles.filter(body=customer).exists():
            return None
        other = roles.select_related("body").first()
        if other is not None:
            return _(
                "%(person)s is an officer of %(body)s, not of %(customer)s, the customer of this call; "
                "only its officers represent the government customer."
            ) % {"person": person, "body": other.body.name, "customer": customer.name}
        return _(
            "%(person)s is not an officer of %(customer)s, the customer of this call: their account has no "
            "government body officer role for it."
        ) % {"person": person, "customer": customer.name}
    if side == CommissionMember.Side.OPERATOR:
        if user.has_platform_role(PlatformRole.Role.GRANT_OPERATOR):
            return None
        return _(
            "%(person)s is not on the grant operator's staff: their account has no grant operator role."
        ) % {"person": person}
    if side == CommissionMember.Side.NGO:
        if Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).exists():
            return None
        return _(
            "%(person)s is not an active member of any NGO registered on Azamat, so cannot represent NGOs."
        ) % {"person": person}
    return None


@transaction.atomic
def commission_member_add(*, commission: Commission, user, side: str, is_chair: bool, by) -> CommissionMember:
    _require(can_manage_commission(by))
    if side not in CommissionMember.Side.values:
        raise DomainError(BAD_SIDE, _("Choose which side the member represents."), field="side")
    if commission.secretary_id == user.pk:
        raise DomainError(
            SECRETARY_VOTES,
            _("%(person)s is the commission's secretary; the secretary keeps the sittings and does not vote.")
            % {"person": user.get_full_name()},
            field="email",
        )
    if commission.members.filter(user=user).exists():
        raise DomainError(
            ALREADY_MEMBER, _("%(person)s is already on this commission.") % {"person": user}, field="email"
        )
    chair = commission.members.filter(is_chair=True).select_related("user").first()
    if is_chair and chair is not None:
        raise DomainError(
            SECOND_CHAIR,
            _("%(person)s already chairs the commission; a commission has one chair.")
            % {"person": chair.user},
            field="is_chair",
        )
    problem = member_affiliation_problem(commission=commission, user=user, side=side)
    if problem:
        raise DomainError(WRONG_AFFILIATION, problem, field="side")
    member = CommissionMember(commission=commission, user=user, side=side, is_chair=is_chair)
    _save(member, by)
    _sync_recusals(commission=commission, members=[member])
    return member


@transaction.atomic
def commission_secretary_set(*, commission: Commission, user, by) -> Commission:
    """Appoint the secretary (or, with user None, leave the post empty); a member cannot also be secretary."""
    _require(can_manage_commission(by))
    if user is not None and commission.members.filter(user=user).exists():
        raise DomainError(
            SECRETARY_VOTES,
            _("%(person)s is a voting member of the commission; the secretary is someone who does not vote.")
            % {"person": user.get_full_name()},
            field="email",
        )
    commission = Commission.objects.select_for_update().get(pk=commission.pk)
    commission.secretary = user
    _save(commission, by)
    return commission


@transaction.atomic
def commission_member_remove(*, member: CommissionMember, by) -> None:
    _require(can_manage_commission(by))
    if member.votes.exists() or member.sittings_attended.exists():
        raise DomainError(
            MEMBER_HAS_RECORD,
            _("%(person)s has attended a sitting or voted; the record stays.") % {"person": member.user},
        )
    member._history_user = by
    member.delete()


def _sync_recusals(*, commission: Commission, members: list[CommissionMember] | None = None) -> None:
    """Recuse members from undecided items of organisations they are conflicted with; void their votes there."""
    items = list(
        AgendaItem.objects.filter(
            sitting__commission=commission, sitting__closed_at__isnull=True, decision=""
        ).select_related("application")
    )
    if not items:
        return
    for member in members if members is not None else commission.members.select_related("user"):
        conflicted = conflicted_organisation_ids(member.user)
        for item in items:
            if item.application.organisation_id in conflicted:
                item.recused.add(member)
                Vote.objects.filter(item=item, member=member).delete()


@transaction.atomic
def commission_conflict_declare(
    *, member: CommissionMember, organisation, relation: str, note: str = "", by
) -> ConflictDeclaration:
    if by != member.user:
        raise DomainError(NOT_ALLOWED, _("Each member declares their own conflicts of interest."))
    if ConflictDeclaration.objects.filter(person=by, organisation=organisation, relation=relation).exists():
        raise DomainError(
            ALREADY_DECLARED,
            _("You have already declared this tie to %(organisation)s.") % {"organisation": organisation},
            field="bin",
        )
    declaration = ConflictDeclaration(
        person=by, organisation=organisation, relation=relation, note=note.strip()
    )
    try:
        _save(declaration, by)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError("invalid", " ".join(messages), field=field) from error
    _sync_recusals(commission=member.commission, members=[member])
    return declaration


@transaction.atomic
def commission_conflict_declare_outside(
    *, member: CommissionMember, name: str, bin: str = "", relation: str, note: str = "", by
) -> ConflictDeclaration:
    """A member's tie to an organisation not on Azamat, by its name and BIN (`conflicts.conflict_declare_outside`,
    as experts declare theirs); they are recused at once from the applications it matches."""
    if by != member.user:
        raise DomainError(NOT_ALLOWED, _("Each member declares their own conflicts of interest."))
    declaration = conflicts.conflict_declare_outside(
        person=by, name=name, bin=bin, relation=relation, note=note
    )
    _sync_recusals(commission=member.commission, members=[member])
    return declaration


@transaction.atomic
def commission_declaration_confirm(*, member: CommissionMember, by) -> DeclarationConfirmation:
    if by != member.user:
        raise DomainError(NOT_ALLOWED, _("Each member confirms their own declaration."))
    confirmation, _created = DeclarationConfirmation.objects.get_or_create(
        person=by, call=member.commission.call
    )
    return confirmation


def declaration_confirmed(member: CommissionMember) -> bool:
    return DeclarationConfirmation.objects.filter(
        person=member.user_id, call=member.commission.call_id
    ).exists()


# Sittings, agenda, attendance


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
