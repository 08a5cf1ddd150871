"""Petitions in every status with their signatures, and appeals."""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from azamat.accountability import services as accountability
from azamat.accountability.models import Item
from azamat.accounts.models import User
from azamat.campaigns import seed_data as data
from azamat.campaigns.canonical import email_domain
from azamat.campaigns.counting import TALLY_KEY, threshold_values
from azamat.campaigns.models import (
    Appeal,
    Invalidation,
    Petition,
    Signature,
    Tally,
    Threshold,
)
from azamat.campaigns.models.petitions import NATIONAL_GOAL
from azamat.campaigns.petition_services import email_key
from azamat.campaigns.seed.world import (
    APPEALS_PER_SCALE,
    BIGGEST_MAX,
    BIGGEST_SHARE,
    OFFICER_BODY,
    PETITIONS_PER_SCALE,
    PS,
    SIGNATURES_PER_SCALE,
    STAGES,
    STATUS_CYCLE,
    World,
    _at,
    _back,
    _insert,
)
from azamat.core.sealed import seal

# Petitions ----------------------------------------------------------------------------------------------------


def _petitions(world: World, pairs: list) -> list[Petition]:
    ctx, rng, today = world.ctx, world.rng, world.today
    ready = [(c, t) for c, t in pairs if STAGES.index(c.stage) >= 2]
    officer_pair = next((p for p in ready if p[1].petition[3] == OFFICER_BODY), None)
    moderator = world.moderator
    total = ctx.count(PETITIONS_PER_SCALE, minimum=len(STATUS_CYCLE))
    rows, sent_first = [], True
    # A campaign's second petition is its next demand, not the first filed again (its first goes to the officer's
    # body when that one is the petition the officer answers).
    filed: dict[int, list[int]] = {}
    for index in range(total):
        status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
        campaign, theme = ready[index % len(ready)]
        used = filed.setdefault(campaign.pk, [])
        variant = next((v for v in (0, 1) if v not in used), len(used) % 2)
        if status == PS.SENT and sent_first and officer_pair:
            campaign, theme = officer_pair
            used = filed.setdefault(campaign.pk, [])
            variant, sent_first = 0, False
        used.append(variant)
        title, text, demands, code = (theme.petition, theme.petition_next)[variant]
        body = world.body(code, campaign.region)
        created = today - datetime.timedelta(days=rng.randint(10, 200))
        opened = created + datetime.timedelta(days=2)
        petition = Petition(
            campaign=campaign,
            organisation=campaign.organisation,
            created_by=campaign.created_by,
            title=title[:200],
            text=text,
            demands=demands,
            body=body,
            region=campaign.region,
            goal=NATIONAL_GOAL if campaign.region is None else rng.choice([1000, 2000, 5000]),
            closes_on=today + datetime.timedelta(days=rng.randint(20, 120)),
            languages=["ru", "kk"] if rng.random() < 0.6 else ["ru"],
            status=status,
        )
        if status not in (PS.DRAFT, PS.MODERATION):
            petition.moderated_by = moderator
            petition.moderated_at = _at(opened, rng)
        if status == PS.REJECTED:
            petition.moderation_reason = data.PETITION_REJECTION
        if status in (PS.OPEN, PS.CLOSED, PS.SENT):
            petition.opened_at = _at(opened, rng)
        if status == PS.CLOSED:
            petition.closes_on = today - datetime.timedelta(days=rng.randint(8, 30))
            petition.closed_at = _at(petition.closes_on, rng)
        petition._created = created
        petition.fill_derived()  # bulk_create skips save(), which keeps the search stems
        rows.append(petition)
    saved = bulk_create_with_history(rows, Petition, batch_size=1000)
    for petition, row in zip(saved, rows, strict=True):
        Petition.objects.filter(pk=petition.pk).update(created_at=_at(row._created, rng))
    return saved


def _split(world: World, petitions: list[Petition]) -> dict[int, int]:
    """How many signatures each petition that collects them gets: half on the biggest, the rest falling off."""
    rng = world.rng
    signed = [p for p in petitions if p.status in (PS.OPEN, PS.CLOSED, PS.SENT)]
    total = world.ctx.count(SIGNATURES_PER_SCALE, minimum=200)
    biggest = min(BIGGEST_MAX, int(total * BIGGEST_SHARE))
    counts = {signed[0].pk: biggest}
    # A closed petition that had reached its listing threshold would have been sent: the closed ones are small.
    rest = [p for p in signed[1:] if p.status != PS.CLOSED]
    counts.update({p.pk: rng.randint(12, 45) for p in signed[1:] if p.status == PS.CLOSED})
    weights = [1 / (n + 1) * (0.5 + rng.random()) for n in range(len(rest))]
    left = total - biggest
    for petition, weight in zip(rest, weights, strict=True):
        counts[petition.pk] = max(60, int(left * weight / sum(weights)))
    return counts


COLUMNS = [
    "petition_id",
    "name",
    "email",
    "email_key",
    "email_domain",
    "region_id",
    "show_name",
    "wants_updates",
    "language",
    "ip_key",
    "created_at",
    "confirmed_at",
    "invalidation_id",
]


class Signing:
    """One petition's signature rows as they are written (a generator for COPY), noting what the counting job
    would count: the confirmation times of the valid confirmed signatures, and how many were struck out."""

    def __init__(self, world: World, petition: Petition, count: int, struck: Invalidation | None, citizen):
        self.world, self.petition, self.count, self.struck, self.citizen = (
            world,
            petition,
            count,
            struck,
            citizen,
        )
        now = timezone.now()
        self.start = petition.opened_at or now - datetime.timedelta(days=30)
        end = min(now - datetime.timedelta(minutes=10), petition.closed_at or now)
        self.span = (end - self.start).total_seconds()
        # The last ones of an open petition are still unconfirmed (and a few older ones never were).
        self.fresh = max(1, count // 30) if petition.status == PS.OPEN else 0
        self.counted: list[datetime.datetime] = []
        self.struck_count = 0

    def row(
        self, name: str, email: str, region, at, confirmed, invalidation, show: bool, updates: bool, lang, ip
    ):
        return (
            self.petition.pk,
            name,
            seal(email),
            email_key(email),
            email_domain(email),  # what the moderators strike out by (sign() keeps it; COPY must too)
            region,
            show,
            updates,
            lang,
            ip,
            at,
            confirmed,
            invalidation,
        )

    def __iter__(self):
        rng, world, petition = self.world.rng, self.world, self.petition
        region_ids = [r.pk for r in world.regions]
        if self.citizen is not None:
            at = self.start + datetime.timedelta(seconds=self.span * 0.01)
            confirmed = at + datetime.timedelta(minutes=3)
            self.counted.append(confirmed)
            citizen = self.citizen
            yield self.row(
                citizen.full_name, citizen.email, region_ids[-1], at, confirmed, None, True, True, "ru", ""
            )
        local = petition.region_id
        count, struck = self.count, self.struck
        for i in range(count):
            at = self.start + datetime.timedelta(seconds=self.span * (i / count) ** 1.8 + rng.random() * 30)
            first = data.EMAIL_FIRST[i % len(data.EMAIL_FIRST)]
            last = data.EMAIL_LAST[(i // len(data.EMAIL_FIRST)) % len(data.EMAIL_LAST)]
            email = f"{first}.{last}{i}@{data.EMAIL_DOMAINS[i % len(data.EMAIL_DOMAINS)]}"
            confirmed = invalidation = None
            if i < count - self.fresh and rng.random() > 0.03:
                confirmed = at + datetime.timedelta(seconds=40 + rng.randint(0, 900))
                if struck is not None and rng.random() < 0.01:
                    invalidation = struck.pk
                    self.struck_count += 1
                else:
                    self.counted.append(confirmed)
            region = local if local and rng.random() < 0.85 else region_ids[rng.randrange(len(region_ids))]
            yield self.row(
                world.names[i % len(world.names)],
                email,
                region,
                at,
                confirmed,
                invalidation,
                rng.random() < 0.4,
                rng.random() < 0.7,
                "kk" if rng.random() < 0.45 else "ru",
                f"{rng.getrandbits(64):016x}",
            )


def _signatures(world: World, petitions: list[Petition]) -> int:
    """The signatures of every petition that collects them, written in bulk; then each petition's count, its
    thresholds and the Tally, as the counting job would leave them."""
    now = timezone.now()
    counts = _split(world, petitions)
    by_pk = {p.pk: p for p in petitions}
    officer_pk = next((p.pk for p in petitions if p.status == PS.SENT and p.body.code == OFFICER_BODY), None)
    citizen = world.demo.get("citizen@azamat.kz")
    open_ones = [p.pk for p in petitions if p.status == PS.OPEN]
    citizen_on = (
        set(open_ones[:2] + [p.pk for p in petitions if p.status == PS.SENT][:1]) if citizen else set()
    )
    latest, written, thresholds = None, 0, []
    for number, (pk, count) in enumerate(counts.items()):
        petition = by_pk[pk]
        struck = None
        if number in (0, 2) and world.moderator is not None:
            struck = Invalidation(
                petition=petition, reason=data.INVALIDATION_REASONS[number // 2], by=world.moderator
            )
            struck._history_user = world.moderator
            struck.save()
        signing = Signing(world, petition, count, struck, citizen if pk in citizen_on else None)
        written += _insert(Signature, COLUMNS, signing)
        if struck is not None:
            Invalidation.objects.filter(pk=struck.pk).update(count=signing.struck_count)
        times = sorted(signing.counted)
        counted = len(times)
        if times:
            latest = max(latest, times[-1]) if latest else times[-1]
        # As the counting job would have left it: a petition that reached its goal was sent to the addressee
        # (officer@'s just now, the others some weeks ago); an open one is still short of its goal.
        if petition.status == PS.SENT:
            petition.goal = max(1, counted if pk == officer_pk else counted * 4 // 5)
        elif petition.status == PS.OPEN and counted >= petition.goal:
            if petition.region_id is None:
                petition.status = PS.SENT
            else:
                petition.goal = (counted * 13 // 10 // 500 + 1) * 500
        reached = {}
        for mark in threshold_values(petition):
            if mark <= counted:
                reached[mark] = times[mark - 1]
                thresholds.append(Threshold(petition=petition, signatures=mark, reached_at=times[mark - 1]))
        petition.signature_count = counted
        petition.goal_reached_at = reached.get(petition.goal)
        Petition.objects.filter(pk=pk).update(
            signature_count=counted,
            status=petition.status,
            goal=petition.goal,
            listed_at=reached.get(petition.listing_threshold),
            goal_reached_at=petition.goal_reached_at,
        )
    Threshold.objects.bulk_create(thresholds, batch_size=1000)
    Tally.objects.update_or_create(key=TALLY_KEY, defaults={"counted_until": latest or now})
    _send_petitions(world, petitions)
    return written


def _send_petitions(world: World, petitions: list[Petition]) -> None:
    rng, today = world.rng, world.today
    first = True
    for petition in petitions:
        if petition.status != PS.SENT:
            continue
        officer_body = petition.body.code == OFFICER_BODY and first
        if officer_body:
            first = False
        reached = timezone.localdate(petition.goal_reached_at) if petition.goal_reached_at else today
        sent_on = _back(reached, 0)
        item = accountability.item_send(
            kind=Item.Kind.DEMAND,
            rule="petition",
            body=petition.body,
            title=petition.title,
            text=petition.demands,
            justification=f"{petition.text}\n\nПодписей: {petition.signature_count}.",
            source=petition,
            author=petition.created_by,
            organisation=petition.organisation,
            sent_on=sent_on,
            region=petition.region,
            by=petition.created_by,
            quiet=True,
        )
        Petition.objects.filter(pk=petition.pk).update(item=item)
        officer_id = world.officers.get(petition.body_id)
        if not officer_body and officer_id and rng.random() < 0.7:
            answered_on = min(today, sent_on + datetime.timedelta(days=rng.randint(7, 20)))
            accountability.item_answer(
                item=item,
                by=User.objects.get(pk=officer_id),
                outcome="accepted",
                text=data.PETITION_ANSWER,
                answered_on=answered_on,
            )


# Appeals ------------------------------------------------------------------------------------------------------


def _appeals(world: World, pairs: list) -> int:
    ctx, rng, today = world.ctx, world.rng, world.today
    ready = [(c, t) for c, t in pairs if STAGES.index(c.stage) >= 2]
    officer_pair = next((p for p in ready if p[1].appeal[4] == OFFICER_BODY), None)
    total = ctx.count(APPEALS_PER_SCALE, minimum=8)
    made = 0
    for index in range(total):
        campaign, theme = officer_pair if index == 0 and officer_pair else ready[index % len(ready)]
        kind, language, subject, text, code = theme.appeal
        body = world.body(code, campaign.region)
        author = campaign.created_by
        appeal = Appeal(
            campaign=campaign,
            organisation=campaign.organisation,
            kind=kind,
            language=language,
            body=body,
            subject=subject,
            text=text,
            signatory=f"{author.full_name}, руководитель",
            created_by=author,
        )
        sent = index == 0 or index % 3 != 2
        if sent:
            appeal.sent_on = _back(today, rng.randint(1, 4) if index == 0 else rng.randint(10, 90))
            appeal.channel = rng.choice([Appeal.Channel.E_OTINISH] * 3 + [Appeal.Channel.POST])
            appeal.registration_number = (
                f"ЖТ-{appeal.sent_on.year}-{rng.randint(1000000, 9999999)}"
                if appeal.channel == Appeal.Channel.E_OTINISH
                else ""
            )
        appeal._history_user = author
        appeal.save()
        if sent:
            item = accountability.item_send(
                kind=Item.Kind.APPEAL,
                rule="appeal",
                body=body,
                title=subject,
                text=text,
                source=appeal,
                author=author,
                organisation=campaign.organisation,
                sent_on=appeal.sent_on,
                region=campaign.region,
                by=author,
                quiet=True,
            )
            Appeal.objects.filter(pk=appeal.pk).update(item=item)
            officer_id = world.officers.get(body.pk)
            if index and officer_id and rng.random() < 0.6:
                accountability.item_answer(
                    item=item,
                    by=User.objects.get(pk=officer_id),
                    outcome="accepted",
                    text="Запрошенные сведения направлены заявителю.",
                    answered_on=min(today, appeal.sent_on + datetime.timedelta(days=rng.randint(5, 14))),
                )
        made += 1
    return made
