"""Stage 2 writes: the tender commission's composition, its secretary and the members' declarations. What happens at
its sittings (agenda, votes, decisions, the close) is in sittings.py."""

import math
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from azamat.accounts.models import PlatformRole
from azamat.core.errors import DomainError
from azamat.grants.lifecycle import commission_path
from azamat.grants.models import (
    AgendaItem,
    Call,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    DeclarationConfirmation,
    Vote,
)
from azamat.grants.permissions import (
    can_manage_commission,
)
from azamat.grants.services import conflicts
from azamat.grants.services.commission_record import (
    conflicted_organisation_ids,
)
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


def _open_items(commission: Commission) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(
            sitting__commission=commission, sitting__closed_at__isnull=True, decision=""
        ).select_related("application")
    )


def _sync_recusals(*, commission: Commission, members: list[CommissionMember] | None = None) -> None:
    """Recuse members from undecided items of organisations they are conflicted with; void their votes there."""
    items = _open_items(commission)
    if not items:
        return
    for member in members if members is not None else commission.members.select_related("user"):
        conflicted = conflicted_organisation_ids(member.user)
        for item in items:
            if item.application.organisation_id in conflicted:
                item.recused.add(member)
                Vote.objects.filter(item=item, member=member).delete()


def _lift_recusals(member: CommissionMember) -> None:
    """After a member removed or corrected a tie (their declaration still unconfirmed): lift their recusals
    from undecided items of organisations they are no longer conflicted with."""
    items = {item.pk: item for item in _open_items(member.commission)}
    recused = AgendaItem.recused.through.objects.filter(agendaitem__in=list(items), commissionmember=member)
    conflicted = conflicted_organisation_ids(member.user)
    for item_id in recused.values_list("agendaitem_id", flat=True):
        if items[item_id].application.organisation_id not in conflicted:
            items[item_id].recused.remove(member)


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
def commission_conflict_correct(
    *, member: CommissionMember, declaration_id: int, by, **fields
) -> ConflictDeclaration:
    """Correct a member's declared tie while their declaration for the call is unconfirmed
    (`conflicts.conflict_correct`); the recusals follow what it now says."""
    if by != member.user:
        raise DomainError(NOT_ALLOWED, _("Each member declares their own conflicts of interest."))
    declaration = conflicts.conflict_correct(
        person=by, declaration_id=declaration_id, call=member.commission.call, **fields
    )
    _lift_recusals(member)  # a tie corrected to another organisation
    _sync_recusals(commission=member.commission, members=[member])
    return declaration


@transaction.atomic
def commission_conflict_withdraw(*, member: CommissionMember, declaration_id: int, by) -> None:
    """Remove a tie a member declared by mistake, while their declaration for the call is unconfirmed
    (`conflicts.conflict_withdraw`); a recusal that rested on it alone is lifted."""
    if by != member.user:
        raise DomainError(NOT_ALLOWED, _("Each member declares their own conflicts of interest."))
    conflicts.conflict_withdraw(person=by, declaration_id=declaration_id, call=member.commission.call)
    _lift_recusals(member)


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
