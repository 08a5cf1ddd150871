"""Reads of the tender commission: quorum, vote tallies, recusal reasons, and a sitting's full record."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from azamat.grants.models import (
    AgendaItem,
    Application,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    Direction,
    Sitting,
    Vote,
)
from azamat.grants.services.conflicts import outside_tie_organisation_ids
from azamat.registry.models import Membership


def with_requested(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate `requested` (the sum of budget lines), as Application.requested_amount does, in one query."""
    return applications.annotate(
        requested=Coalesce(
            Sum(F("budget_lines__quantity") * F("budget_lines__unit_cost")),
            Value(Decimal(0)),
            output_field=DecimalField(max_digits=16, decimal_places=2),
        )
    )


@dataclass(frozen=True)
class Quorum:
    present: int
    members: int
    required: int

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.required


def quorum_of(commission: Commission, *, present: int, members: int | None = None) -> Quorum:
    """Present members must be at least the commission's quorum share of all its members, rounded up."""
    total = commission.members.count() if members is None else members
    return Quorum(present=present, members=total, required=math.ceil(commission.quorum_share * total))


def sitting_quorum(sitting: Sitting) -> Quorum:
    return quorum_of(sitting.commission, present=sitting.present.count())


@dataclass
class Tally:
    """The votes on one agenda item, counted among the present, non-recused members.

    The rule: the grant is awarded when the votes for are more than half of the present, non-recused
    members (hence also more than the votes against). When the votes for are exactly half, the chair's
    vote decides: awarded if the chair voted for, not awarded otherwise. Anything less is not awarded.
    """

    support: int
    against: int
    abstain: int
    eligible: list[CommissionMember]
    waiting: list[CommissionMember]
    chair_vote: str | None

    @property
    def complete(self) -> bool:
        return bool(self.eligible) and not self.waiting

    @property
    def tie(self) -> bool:
        return bool(self.eligible) and 2 * self.support == len(self.eligible)

    @property
    def outcome(self) -> str:
        if 2 * self.support > len(self.eligible):
            return AgendaItem.Decision.AWARDED
        if self.tie and self.chair_vote == Vote.Choice.SUPPORT:
            return AgendaItem.Decision.AWARDED
        return AgendaItem.Decision.REJECTED


def tally_of(
    *, votes: list[Vote], present_ids: set[int], recused_ids: set[int], members: list[CommissionMember]
) -> Tally:
    eligible = [m for m in members if m.pk in present_ids and m.pk not in recused_ids]
    eligible_ids = {m.pk for m in eligible}
    counted = {v.member_id: v.choice for v in votes if v.member_id in eligible_ids}
    chair = next((m for m in eligible if m.is_chair), None)
    return Tally(
        support=sum(1 for c in counted.values() if c == Vote.Choice.SUPPORT),
        against=sum(1 for c in counted.values() if c == Vote.Choice.AGAINST),
        abstain=sum(1 for c in counted.values() if c == Vote.Choice.ABSTAIN),
        eligible=eligible,
        waiting=[m for m in eligible if m.pk not in counted],
        chair_vote=counted.get(chair.pk) if chair else None,
    )


def conflicted_organisation_ids(user) -> set[int]:
    """Organisations a person may not judge: declared conflicts and active memberships."""
    declared = list(ConflictDeclaration.objects.filter(person=user))
    member_of = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list(
        "organisation_id", flat=True
    )
    # A tie to an organisation not on Azamat counts once it is, by its BIN (services/conflicts.py).
    outside = outside_tie_organisation_ids(declared)
    return {d.organisation_id for d in declared if d.organisation_id} | set(member_of) | outside


def recused_ids_of(
    item: AgendaItem, *, stored: set[int], members: list[CommissionMember], conflicts: dict[int, set[int]]
) -> set[int]:
    """Recorded recusals, plus, while the item is undecided, members conflicted with the applicant now
    (a conflict declared elsewhere counts before any service has recorded it on the item)."""
    if item.decision:
        return stored
    organisation_id = item.application.organisation_id
    return stored | {m.pk for m in members if organisation_id in conflicts[m.user_id]}


def item_tally(item: AgendaItem) -> Tally:
    sitting = item.sitting
    members = list(sitting.commission.members.select_related("user"))
    conflicts = {m.user_id: conflicted_organisation_ids(m.user) for m in members}
    recused = recused_ids_of(
        item, stored=set(item.recused.values_list("pk", flat=True)), members=members, conflicts=conflicts
    )
    return tally_of(
        votes=list(item.votes.all()),
        present_ids=set(sitting.present.values_list("pk", flat=True)),
        recused_ids=recused,
        members=members,
    )


def _declared_reason(declaration: ConflictDeclaration) -> str:
    relation = str(declaration.get_relation_display())
    if declaration.is_outside:  # declared by name and BIN, as an organisation not on Azamat
        relation = _("%(relation)s (declared as “%(name)s”)") % {
            "relation": relation,
            "name": declaration.outside_name,
        }
    return f"{relation}: {declaration.note}" if declaration.note else relation


def recusal_reason(*, user, organisation_id: int) -> str:
    """Why a person is recused from an organisation's application, in the active language: their declared
    ties to it (by name and BIN too, when declared before it was on Azamat) and their membership."""
    declared = ConflictDeclaration.objects.filter(
        Q(organisation_id=organisation_id) | Q(organisation__isnull=True), person=user
    ).order_by("pk")
    reasons = [
        _declared_reason(d)
        for d in declared
        if d.organisation_id == organisation_id or organisation_id in outside_tie_organisation_ids([d])
    ]
    if Membership.objects.filter(
        user=user, organisation_id=organisation_id, status=Membership.Status.ACTIVE
    ).exists():
        reasons.append(_("Member of the applicant organisation"))
    return "; ".join(reasons) or _("Recused")


@dataclass
class ItemRecord:
    item: AgendaItem
    application: Application
    requested: Decimal
    tally: Tally
    votes: list[Vote]
    recusals: list[tuple[CommissionMember, str]]


@dataclass
class SittingRecord:
    sitting: Sitting
    members: list[CommissionMember]
    present_ids: set[int]
    quorum: Quorum
    directions: list[tuple[Direction, list[ItemRecord]]] = field(default_factory=list)

    @property
    def chair(self) -> CommissionMember | None:
        return next((m for m in self.members if m.is_chair), None)

    def by_side(self, *, present: bool) -> list[tuple[str, list[CommissionMember]]]:
        sides = []
        for value, label in CommissionMember.Side.choices:
            people = [m for m in self.members if m.side == value and (m.pk in self.present_ids) == present]
            if people:
                sides.append((str(label), people))
        return sides

    @property
    def items(self) -> list[ItemRecord]:
        return [record for _direction, records in self.directions for record in records]

    @property
    def undecided(self) -> int:
        return sum(1 for record in self.items if not record.item.decision)


def agenda_items(sitting: Sitting) -> QuerySet[AgendaItem]:
    applications = with_requested(Application.objects.select_related("organisation", "direction"))
    return (
        sitting.items.select_related(None)
        .prefetch_related(
            Prefetch("application", queryset=applications),
            Prefetch("votes", queryset=Vote.objects.order_by("member__user__full_name", "pk")),
            "recused",
        )
        .order_by("application__direction__position", "application__direction_id", "rank")
    )


def sitting_record(sitting: Sitting) -> SittingRecord:
    """Everything the sitting page and the protocol show, in a fixed number of queries."""
    members = list(
        sitting.commission.members.select_related("user").order_by(
            "-is_chair", "side", "user__full_name", "pk"
        )
    )
    by_id = {m.pk: m for m in members}
    present_ids = set(sitting.present.values_list("pk", flat=True))
    record = SittingRecord(
        sitting=sitting,
        members=members,
        present_ids=present_ids,
        quorum=quorum_of(sitting.commission, present=len(present_ids), members=len(members)),
    )
    reasons_cache: dict[tuple[int, int], str] = {}
    conflicts = {m.user_id: conflicted_organisation_ids(m.user) for m in members}
    grouped: dict[Direction, list[ItemRecord]] = defaultdict(list)
    for item in agenda_items(sitting):
        application = item.application
        recused_ids = recused_ids_of(
            item, stored={m.pk for m in item.recused.all()}, members=members, conflicts=conflicts
        )
        recused = [m for m in members if m.pk in recused_ids]
        recusals = []
        for member in recused:
            key = (member.user_id, application.organisation_id)
            if key not in reasons_cache:
                reasons_cache[key] = recusal_reason(
                    user=member.user, organisation_id=application.organisation_id
                )
            recusals.append((member, reasons_cache[key]))
        votes = list(item.votes.all())
        for vote in votes:
            vote.member = by_id[vote.member_id]
        grouped[application.direction].append(
            ItemRecord(
                item=item,
                application=application,
                requested=application.requested,
                tally=tally_of(
                    votes=votes, present_ids=present_ids, recused_ids=recused_ids, members=members
                ),
                votes=votes,
                recusals=recusals,
            )
        )
    record.directions = list(grouped.items())
    return record


def agenda_position(
    record: SittingRecord, current_pk: int | None
) -> tuple[ItemRecord | None, ItemRecord | None]:
    """The item the sitting is on and the next one to take up.

    The current item is the one asked for (`current_pk`), else the first undecided one, else the first.
    The next is the first undecided item after the current one in the agenda's order, else the first
    undecided before it; None when nothing else is left to decide."""
    items = record.items
    if not items:
        return None, None
    current = next((r for r in items if r.item.pk == current_pk), None)
    if current is None:
        current = next((r for r in items if not r.item.decision), items[0])
    index = next(i for i, r in enumerate(items) if r is current)
    rest = items[index + 1 :] + items[:index]
    return current, next((r for r in rest if not r.item.decision), None)
