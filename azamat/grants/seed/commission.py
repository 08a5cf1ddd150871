"""Tender commissions through their services: composed, declared, seated, the agenda built by the operator's
rule. The finished calls' sittings are closed by `sitting_close`, which writes the protocol PDF, and their
results published; the commission of the youth call sits today, and its chair (officer@) has yet to vote."""

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from azamat.accounts.models import PlatformRole, User
from azamat.core.names import person_name
from azamat.core.seeding import SeedContext, seeder
from azamat.grants.lifecycle import APPLICATION
from azamat.grants.models import AgendaItem, Application, DeclarationConfirmation, Sitting, Vote
from azamat.grants.seed.calls import at_local, operator_user, plans
from azamat.grants.services import commission as service
from azamat.grants.services import sittings as sitting_services
from azamat.grants.services.protocol import protocol_render
from azamat.grants.services.results import call_results_publish
from azamat.registry.models import Membership

CHAIR = "officer@azamat.kz"
# Seats by side: the law wants all three sides and at least a third from NGOs.
GOVERNMENT_SEATS, OPERATOR_SEATS, NGO_SEATS = 3, 2, 3
SITTING_HOUR, SITTING_HOURS = 10, 3  # it starts at 10 local time and lasts three hours
# The sittings of finished calls: this many days after the call closed (the experts scored in between).
SITTING_AFTER_CLOSE = 30
PLACES = {
    "akimat-47": "Ақтау қ., облыс әкімдігі, мәжіліс залы",
    None: "Астана қ., Мәңгілік Ел даңғылы, 8, «Министрліктер үйі», 3-зал",
}
REDUCTION_REASON = "Жабдық шығындары қысқартылды"


@seeder(54)
def seed_commissions(ctx: SeedContext) -> None:
    """Commissions of the reviewed calls: closed sittings with their protocols, and one sitting open now."""
    operator = operator_user()
    now = timezone.now()
    closed = 0
    for plan in plans(ctx, "results"):
        if not plan.call.applications.filter(status=Application.Status.REVIEWED).exists():
            call_results_publish(call=plan.call, by=operator)  # every application was turned down
            continue
        day = timezone.localdate(plan.call.closes_at) + datetime.timedelta(days=SITTING_AFTER_CLOSE)
        starts_at = at_local(day, SITTING_HOUR)
        sitting, members = _seated(ctx, plan.call, starts_at, operator)
        _decide(ctx, sitting, members, operator)
        _close(sitting, operator, closed_at=starts_at + datetime.timedelta(hours=SITTING_HOURS))
        call_results_publish(call=plan.call, by=operator)
        closed += 1
    for plan in plans(ctx, "commission"):
        if not plan.call.applications.filter(status=Application.Status.REVIEWED).exists():
            continue
        # It began this morning, or, when the demo is loaded before then, it has just begun.
        starts_at = at_local(timezone.localdate(now), SITTING_HOUR)
        if starts_at > now - datetime.timedelta(minutes=5):
            starts_at = now - datetime.timedelta(minutes=40)
        sitting, members = _seated(ctx, plan.call, starts_at, operator)
        _first_votes(ctx, sitting, members)
    ctx.log(f"  {closed} sittings closed with their protocols")


def _new_person(ctx, call, tag: str, role=None, body=None) -> User:
    user = User.objects.create(
        email=f"commission.{tag}.{call.code}@example.kz",
        full_name=person_name(ctx.rng),
        password=make_password(None),
    )
    if role:
        PlatformRole.objects.create(user=user, role=role, body=body)
    return user


def _people(ctx, call) -> list[tuple[User, str, bool]]:
    """Who sits, each as the service accepts them: officers of the call's customer (one of them chairs; the
    demo officer where the customer is theirs), the operator's staff, members of registered NGOs."""
    Role = PlatformRole.Role
    officer = User.objects.filter(
        email=CHAIR, platform_roles__role=Role.GOVERNMENT_OFFICER, platform_roles__body=call.customer
    ).first()
    government = [officer] if officer else []
    government += [
        _new_person(ctx, call, f"government{i}", Role.GOVERNMENT_OFFICER, call.customer)
        for i in range(GOVERNMENT_SEATS - len(government))
    ]
    operators = [u for u in [User.objects.filter(email="operator@azamat.kz").first()] if u]
    operators += [
        _new_person(ctx, call, f"operator{i}", Role.GRANT_OPERATOR)
        for i in range(OPERATOR_SEATS - len(operators))
    ]
    ngo_people = list(
        User.objects.filter(
            memberships__status=Membership.Status.ACTIVE, email__startswith="person"
        ).order_by("pk")[:500]
    )
    ngo = ctx.rng.sample(ngo_people, k=min(NGO_SEATS, len(ngo_people)))
    return (
        [(user, "government", i == 0) for i, user in enumerate(government)]
        + [(user, "operator", False) for user in operators]
        + [(user, "ngo", False) for user in ngo]
    )


def _seated(ctx, call, starts_at, operator):
    """The commission, its members' confirmed declarations, a sitting with all but one present, the agenda."""
    commission = service.commission_create(call=call, by=operator)
    secretary = _new_person(ctx, call, "secretary", PlatformRole.Role.GRANT_OPERATOR)
    service.commission_secretary_set(commission=commission, user=secretary, by=operator)
    members = [
        service.commission_member_add(
            commission=commission, user=user, side=side, is_chair=chair, by=operator
        )
        for user, side, chair in _people(ctx, call)
    ]
    for member in members:
        service.commission_declaration_confirm(member=member, by=member.user)
    DeclarationConfirmation.objects.filter(call=call, person__in=[m.user for m in members]).update(
        confirmed_at=min(timezone.now(), starts_at - datetime.timedelta(days=2))
    )
    sitting = sitting_services.sitting_schedule(
        commission=commission,
        starts_at=starts_at,
        place=PLACES.get(call.customer.code, PLACES[None]),
        stream_url="https://www.youtube.com/@azamat-demo",
        by=operator,
    )
    present = members[:-1]  # one NGO representative could not come
    sitting_services.sitting_mark_present(sitting=sitting, members=present, by=operator)
    sitting_services.agenda_build(sitting=sitting, by=operator)
    return sitting, present


def _decide(ctx, sitting, present, operator) -> None:
    """Every present member votes with the operator's advice; the chair records what the votes decided, an
    award sometimes reduced with a reason; each application follows its decision through the lifecycle."""
    items = list(sitting.items.select_related("application").order_by("pk"))
    recused = set(
        AgendaItem.recused.through.objects.filter(agendaitem__sitting=sitting).values_list(
            "agendaitem_id", "commissionmember_id"
        )
    )
    votes = []
    for item in items:
        support = item.recommendation == AgendaItem.Recommendation.SUPPORT
        votes += [
            Vote(item=item, member=member, choice="support" if support else "against", comment="")
            for member in present
            if (item.pk, member.pk) not in recused
        ]
        item.decision = AgendaItem.Decision.AWARDED if support else AgendaItem.Decision.REJECTED
        requested = item.application.requested_amount
        reduced = support and item.rank % 5 == 0
        item.amount = (
            (requested * Decimal("0.95")).quantize(Decimal("0.01"))
            if reduced
            else (requested if support else None)
        )
        item.reduction_reason = REDUCTION_REASON if reduced else ""
    Vote.objects.bulk_create(votes, batch_size=5000)
    Vote.objects.filter(item__sitting=sitting).update(cast_at=sitting.starts_at + datetime.timedelta(hours=1))
    AgendaItem.objects.bulk_update(items, ["decision", "amount", "reduction_reason"], batch_size=1000)
    chair = next((m.user for m in present if m.is_chair), operator)
    for item in items:
        awarded = item.decision == AgendaItem.Decision.AWARDED
        APPLICATION.apply(item.application, "award" if awarded else "decline", by=chair)
    Application.objects.filter(agenda_items__sitting=sitting).update(updated_at=sitting.starts_at)


def _close(sitting, operator, *, closed_at) -> None:
    """Close through the service (its checks, its protocol), then date the closing when the sitting ended:
    the protocol is rendered again by the same renderer, so the date it prints is the sitting's."""
    sitting = sitting_services.sitting_close(sitting=sitting, by=operator)
    Sitting.objects.filter(pk=sitting.pk).update(closed_at=closed_at)
    sitting.refresh_from_db()
    content = protocol_render(sitting=sitting, languages=service.PROTOCOL_LANGUAGES)
    with sitting.protocol.storage.open(sitting.protocol.name, "wb") as handle:
        handle.write(content)


def _first_votes(ctx, sitting, present) -> None:
    """Today's sitting has begun: some members have voted on the first items; the chair (officer@) has not."""
    items = list(sitting.items.order_by("pk"))
    for item in items[: (len(items) + 1) // 2]:
        recused = set(item.recused.values_list("pk", flat=True))  # tied to the applicant: they step aside
        for member in present:
            if member.is_chair or member.pk in recused or ctx.rng.random() < 0.4:
                continue
            choice = "support" if item.recommendation == AgendaItem.Recommendation.SUPPORT else "against"
            sitting_services.vote_cast(item=item, member_user=member.user, choice=choice)
