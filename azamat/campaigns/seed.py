"""Advocacy campaigns, petitions and appeals for the demo, the tests and the benchmarks.

Campaigns (10 per unit of scale) by organisations of the seeded registry across the regions, in every stage from
needs to evaluation, running or completed, public or private, each filled in up to its stage from the themes of
`seed_data` (needs with their evidence, stakeholders among them the registry's bodies, methods, messages, the plan
with a court action and its hearings, risks, the security checklist, indicators measured over time, lessons), with
coalition partners who accepted or are still invited. Petitions in every status, the sent ones as accountability
items (rule "petition"); appeals, some sent as accountability items (rule "appeal").

Signatures: about 10,000 per unit of scale, half of them on the biggest petition (500,000 at scale 100, never
above 1,000,000); mostly confirmed, some not yet, some struck out by a moderator's Invalidation. Each email is
sealed and keyed like the sign service does; `Petition.signature_count`, the thresholds and the Tally are what
the counting job would have left. Written with COPY on PostgreSQL, batched INSERTs elsewhere.

The demo logins get real work: ngo@ coordinates campaigns in three stages and its organisation has a coalition
invitation to answer; member@ is on one of its teams; moderator@ has petitions awaiting moderation; citizen@ has
signed petitions; officer@'s body (mci-civil-society) has a petition and an appeal to answer.
"""

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from azamat.accountability import services as accountability
from azamat.accountability.models import Item
from azamat.accounts.models import PlatformRole, User
from azamat.campaigns import seed_data as data
from azamat.campaigns.canonical import email_domain
from azamat.campaigns.counting import TALLY_KEY, threshold_values
from azamat.campaigns.models import (
    Action,
    Appeal,
    Campaign,
    Hearing,
    Indicator,
    IndicatorValue,
    Invalidation,
    Lesson,
    Message,
    Method,
    Need,
    Objective,
    Partner,
    Petition,
    Risk,
    SecurityCheck,
    Signature,
    Stakeholder,
    Tally,
    TeamMember,
    Threshold,
)
from azamat.campaigns.models.petitions import NATIONAL_GOAL
from azamat.campaigns.petition_services import email_key
from azamat.core.names import person_name
from azamat.core.sealed import seal
from azamat.core.seeding import SeedContext, seeder
from azamat.core.working_days import is_working_day
from azamat.problems.models import Problem
from azamat.registry.models import GovernmentBody, Membership, Organisation, Region

CAMPAIGNS_PER_SCALE = 10
PETITIONS_PER_SCALE = 12
APPEALS_PER_SCALE = 10
SIGNATURES_PER_SCALE = 10_000
BIGGEST_SHARE = 0.5  # of all signatures, on the biggest petition
BIGGEST_MAX = 1_000_000
BATCH = 5000
STAGES = list(Campaign.Stage.values)
PS = Petition.Status
# The petitions' statuses in turn; the first open one is the biggest, the first sent one goes to officer@'s body.
STATUS_CYCLE = [
    PS.OPEN,
    PS.MODERATION,
    PS.SENT,
    PS.OPEN,
    PS.MODERATION,
    PS.CLOSED,
    PS.OPEN,
    PS.MODERATION,
    PS.REJECTED,
    PS.SENT,
    PS.DRAFT,
    PS.OPEN,
]
OFFICER_BODY = "mci-civil-society"
DEMO_STAGES = ("needs", "plan", "evaluation")  # ngo@'s own campaigns
PUBLIC_BY_STAGE = {
    "needs": ["problem", "objectives", "needs"],
    "stakeholders": ["problem", "objectives", "needs", "stakeholders"],
    "methods": ["problem", "objectives", "needs", "methods", "petitions"],
    "plan": ["problem", "objectives", "needs", "methods", "plan", "petitions"],
    "risks": ["problem", "objectives", "needs", "methods", "plan", "petitions"],
    "evaluation": ["problem", "objectives", "needs", "methods", "plan", "evaluation", "petitions"],
}
SHARED = ["problem", "objectives", "needs", "stakeholders", "methods", "plan"]


def _back(today: datetime.date, days: int) -> datetime.date:
    day = today - datetime.timedelta(days=days)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _at(day: datetime.date, rng) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(9, 18), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now() - datetime.timedelta(minutes=5))


def _insert(model, columns: list[str], rows) -> int:
    """Rows of plain values into the model's table: COPY on PostgreSQL, batched INSERTs elsewhere."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        marks = ", ".join(["%s"] * len(columns))
        adapt = connection.ops.adapt_datetimefield_value  # as the ORM stores them (naive UTC on SQLite)
        batch = []
        for row in rows:
            batch.append(tuple(adapt(v) if isinstance(v, datetime.datetime) else v for v in row))
            if len(batch) == BATCH:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608 — names from the models
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608 — names from the models
            written += len(batch)
    return written


class World:
    """The registry the campaigns happen in: organisations with their active people, regions, bodies, demo logins."""

    def __init__(self, ctx: SeedContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.today = timezone.localdate()
        self.regions = list(Region.objects.order_by("kato"))
        self.bodies = {b.code: b for b in GovernmentBody.objects.all()}
        self.people: dict[int, list[User]] = {}
        self.organisations: dict[int, Organisation] = {}
        for membership in (
            Membership.objects.filter(status=Membership.Status.ACTIVE)
            .select_related("organisation", "user")
            .order_by("organisation_id", "role", "pk")
        ):
            self.people.setdefault(membership.organisation_id, []).append(membership.user)
            self.organisations[membership.organisation_id] = membership.organisation
        self.demo = {u.email: u for u in User.objects.filter(email__endswith="@azamat.kz")}
        ngo = self.demo.get("ngo@azamat.kz")
        self.demo_organisation = ctx.data.get("demo_organisation")
        if self.demo_organisation is None and ngo is not None:
            link = (
                ngo.memberships.filter(status=Membership.Status.ACTIVE).select_related("organisation").first()
            )
            self.demo_organisation = link.organisation if link else None
        demo_pk = self.demo_organisation.pk if self.demo_organisation else None
        self.others = [pk for pk in self.organisations if pk != demo_pk]
        role = PlatformRole.objects.filter(role=PlatformRole.Role.PETITION_MODERATOR).order_by("pk").first()
        self.moderator = self.demo.get("moderator@azamat.kz") or (role.user if role else None)
        self.officers = dict(
            PlatformRole.objects.filter(role=PlatformRole.Role.GOVERNMENT_OFFICER, body__isnull=False)
            .order_by("-pk")
            .values_list("body_id", "user_id")
        )
        self.names = [person_name(self.rng) for _ in range(400)]

    def body(self, code: str, region: Region | None) -> GovernmentBody:
        if code in ("akimat", "maslikhat"):
            kato = region.kato if region else "750000000"
            code = f"{code}-{kato[:2]}"
        return self.bodies[code]


@seeder(95)
def seed_campaigns(ctx: SeedContext) -> None:
    """Advocacy campaigns in every stage, coalitions, petitions with their signatures, and appeals."""
    world = World(ctx)
    if not world.others or not world.bodies:
        ctx.log("  no organisations with members: no campaigns")
        return
    campaigns = _campaigns(world)
    petitions = _petitions(world, campaigns)
    signatures = _signatures(world, petitions)
    appeals = _appeals(world, campaigns)
    ctx.log(
        f"  {len(campaigns)} campaigns, {len(petitions)} petitions, {signatures} signatures, {appeals} appeals"
    )


# Campaigns ----------------------------------------------------------------------------------------------------


def _campaigns(world: World) -> list[tuple[Campaign, data.Theme]]:
    ctx, rng, today = world.ctx, world.rng, world.today
    plans = []  # (organisation, coordinator, theme, stage, status)
    ngo, member = world.demo.get("ngo@azamat.kz"), world.demo.get("member@azamat.kz")
    if world.demo_organisation and ngo:
        for index, stage in enumerate(DEMO_STAGES):
            plans.append((world.demo_organisation, ngo, data.THEMES[(index * 2) % len(data.THEMES)], stage))
    total = ctx.count(CAMPAIGNS_PER_SCALE, minimum=len(data.THEMES) * 2)
    for index in range(total):
        organisation = world.organisations[world.others[rng.randrange(len(world.others))]]
        theme = data.THEMES[index % len(data.THEMES)]
        stage = STAGES[(index + 3) % len(STAGES)]
        plans.append((organisation, world.people[organisation.pk][0], theme, stage))
    problem = Problem.objects.filter(title__icontains="авансирован").order_by("pk").first()

    objects, starts = [], []
    for index, (organisation, coordinator, theme, stage) in enumerate(plans):
        region = organisation.region if theme.regional else None
        started = today - datetime.timedelta(days=40 + 60 * STAGES.index(stage) + rng.randint(0, 120))
        completed = stage == "evaluation" and index % 2 == 1
        public = index % 3 != 2
        starts.append(started)
        objects.append(
            Campaign(
                organisation=organisation,
                title=theme.title if region is None else f"{theme.title} — {region.name_ru}",
                problem_statement=theme.problem,
                problem=problem if theme.key == "social-order" else None,
                target_audience=theme.audience,
                goal=theme.goal,
                region=region,
                rules=theme.rules,
                visibility=Campaign.Visibility.PUBLIC if public else Campaign.Visibility.PRIVATE,
                public_parts=PUBLIC_BY_STAGE[stage] if public else [],
                stage=stage,
                status=Campaign.Status.COMPLETED if completed else Campaign.Status.ACTIVE,
                starts_on=started,
                ends_on=started + datetime.timedelta(days=365),
                created_by=coordinator,
                feed_token=f"{rng.getrandbits(160):040x}",
            )
        )
    created = bulk_create_with_history(objects, Campaign, batch_size=1000)
    for campaign, started in zip(created, starts, strict=True):
        Campaign.objects.filter(pk=campaign.pk).update(created_at=_at(started, rng))

    parts: dict[type, list] = {
        model: [] for model in (TeamMember, Partner, Objective, Need, Stakeholder, Method)
    }
    parts.update({Risk: [], SecurityCheck: [], Indicator: [], Lesson: []})
    pairs = []
    for index, (campaign, (organisation, coordinator, theme, stage)) in enumerate(
        zip(created, plans, strict=True)
    ):
        pairs.append((campaign, theme))
        level = STAGES.index(stage)
        started = campaign.starts_on
        parts[TeamMember].append(
            TeamMember(campaign=campaign, user=coordinator, role=TeamMember.Role.COORDINATOR, can_see="всё")
        )
        colleagues = [u for u in world.people.get(organisation.pk, []) if u.pk != coordinator.pk]
        if organisation == world.demo_organisation and member and index == 1:
            colleagues = [member]
        for colleague in colleagues[:2]:
            parts[TeamMember].append(
                TeamMember(
                    campaign=campaign,
                    user=colleague,
                    role=TeamMember.Role.MEMBER,
                    can_see="всё, кроме персональных данных бенефициаров",
                )
            )
        _partners(world, parts[Partner], campaign, coordinator, index)
        for position, (text, measure, target) in enumerate(theme.objectives):
            parts[Objective].append(
                Objective(
                    campaign=campaign,
                    text=text,
                    measure=measure,
                    target=target,
                    position=position,
                    due_on=started + datetime.timedelta(days=180 + 90 * position),
                )
            )
        for text, audience, priority, source, evidence in theme.needs:
            parts[Need].append(
                Need(
                    campaign=campaign,
                    text=text,
                    audience=audience,
                    priority=priority,
                    source=source,
                    evidence=evidence,
                    survey_url="https://forms.azamat.kz/s/" + f"{rng.getrandbits(40):010x}"
                    if source == "survey"
                    else "",
                )
            )
        if level >= 1:
            for kind, ref, position, influence, interest, notes in theme.stakeholders:
                stakeholder = Stakeholder(
                    campaign=campaign,
                    kind=kind,
                    position=position,
                    influence=influence,
                    interest=interest,
                    notes=notes,
                )
                if kind == "body":
                    stakeholder.body = world.body(ref, campaign.region)
                elif kind == "organisation" and not ref:
                    stakeholder.organisation = world.organisations[
                        world.others[rng.randrange(len(world.others))]
                    ]
                else:
                    stakeholder.name = ref
                parts[Stakeholder].append(stakeholder)
        if level >= 2:
            for n, (kind, description) in enumerate(theme.methods):
                parts[Method].append(
                    Method(
                        campaign=campaign,
                        kind=kind,
                        description=description,
                        owner=coordinator,
                        starts_on=started + datetime.timedelta(days=30 + 20 * n),
                        ends_on=started + datetime.timedelta(days=150 + 20 * n),
                    )
                )
        if level >= 4:
            for threat, exposed, likelihood, impact, mitigation in theme.risks:
                parts[Risk].append(
                    Risk(
                        campaign=campaign,
                        threat=threat,
                        exposed=exposed,
                        likelihood=likelihood,
                        impact=impact,
                        mitigation=mitigation,
                        owner=coordinator,
                        status=rng.choice([Risk.Status.OPEN, Risk.Status.OPEN, Risk.Status.MITIGATED]),
                    )
                )
            for code in data.SECURITY_CHECKS:
                done = rng.random() < 0.7
                parts[SecurityCheck].append(
                    SecurityCheck(
                        campaign=campaign,
                        code=code,
                        done=done,
                        checked_by=coordinator if done else None,
                        checked_at=_at(started + datetime.timedelta(days=rng.randint(20, 60)), rng)
                        if done
                        else None,
                    )
                )
        if level >= 5:
            for name, unit, baseline, target in theme.indicators:
                parts[Indicator].append(
                    Indicator(
                        campaign=campaign,
                        name=name,
                        unit=unit,
                        baseline=Decimal(baseline),
                        target=Decimal(target),
                    )
                )
            for text in theme.lessons:
                parts[Lesson].append(Lesson(campaign=campaign, text=text, written_by=coordinator))
    saved = {model: bulk_create_with_history(rows, model, batch_size=1000) for model, rows in parts.items()}
    _messages_and_plan(world, pairs, saved)
    return pairs


def _partners(world: World, rows: list, campaign: Campaign, coordinator: User, index: int) -> None:
    rng = world.rng
    demo = world.demo_organisation
    chosen: list[tuple[Organisation, str]] = []
    if demo and campaign.organisation_id != demo.pk and index in (3, 4):
        # ngo@'s organisation: invited to one coalition (to answer), a partner in another.
        chosen.append((demo, Partner.Status.INVITED if index == 3 else Partner.Status.ACCEPTED))
    for _ in range(rng.choice([0, 1, 2, 3])):
        organisation = world.organisations[world.others[rng.randrange(len(world.others))]]
        status = rng.choice([Partner.Status.ACCEPTED] * 3 + [Partner.Status.INVITED, Partner.Status.DECLINED])
        chosen.append((organisation, status))
    if demo and campaign.organisation_id == demo.pk and index == 0:
        organisation = world.organisations[world.others[0]]
        chosen.append((organisation, Partner.Status.INVITED))
    seen = {campaign.organisation_id}
    invited_at = timezone.now() - datetime.timedelta(days=rng.randint(5, 30))
    for n, (organisation, status) in enumerate(chosen):
        if organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        answered = status != Partner.Status.INVITED
        answerer = world.people.get(organisation.pk, [None])[0]
        rows.append(
            Partner(
                campaign=campaign,
                organisation=organisation,
                role=["co_lead", "partner", "supporter"][min(n, 2)],
                responsibilities="Сбор данных в своём регионе, участие во встречах с акиматом.",
                status=status,
                shared_parts=SHARED,
                rules_agreed_at=invited_at if status == Partner.Status.ACCEPTED else None,
                invited_by=coordinator,
                answered_by=answerer if answered else None,
                answered_at=invited_at + datetime.timedelta(days=2) if answered else None,
            )
        )


def _messages_and_plan(world: World, pairs: list, saved: dict) -> None:
    rng = world.rng
    stakeholders: dict[int, list] = {}
    for stakeholder in saved[Stakeholder]:
        stakeholders.setdefault(stakeholder.campaign_id, []).append(stakeholder)
    methods: dict[int, dict] = {}
    for method in saved[Method]:
        methods.setdefault(method.campaign_id, {})[method.kind] = method
    messages, actions, court_actions = [], [], []
    for campaign, theme in pairs:
        level = STAGES.index(campaign.stage)
        if level < 2:
            continue
        mine = stakeholders.get(campaign.pk, [])
        for n, (audience, text) in enumerate(theme.messages):
            messages.append(
                Message(
                    campaign=campaign,
                    audience=audience,
                    text=text,
                    stakeholder=mine[n] if n < len(mine) else None,
                )
            )
        if level < 3:
            continue
        owner = campaign.created_by
        start = campaign.starts_on
        for n, (kind, title, notes) in enumerate(theme.actions):
            day = start + datetime.timedelta(days=40 + 25 * n)
            actions.append(
                Action(
                    campaign=campaign,
                    method=methods.get(campaign.pk, {}).get(kind),
                    kind=kind,
                    title=title,
                    notes=notes,
                    owner=owner,
                    starts_on=day,
                    ends_on=day + datetime.timedelta(days=rng.randint(1, 20)),
                    status=Action.Status.DONE
                    if day < world.today - datetime.timedelta(days=20)
                    else Action.Status.PLANNED,
                )
            )
        if theme.court:
            title, court, _hearings = theme.court
            filed = start + datetime.timedelta(days=60)
            action = Action(
                campaign=campaign,
                method=methods.get(campaign.pk, {}).get("court"),
                kind=Action.Kind.COURT,
                title=title,
                owner=owner,
                starts_on=filed,
                status=Action.Status.DONE if campaign.stage == "evaluation" else Action.Status.IN_PROGRESS,
                case_number=f"7599-{world.today.year % 100 - 1:02d}-00-{rng.randint(1, 9)}а/{rng.randint(100, 9999)}",
                court=court,
                outcome=rng.choice(["won", "partly"]) if campaign.stage == "evaluation" else "",
            )
            actions.append(action)
            court_actions.append((action, theme))
    bulk_create_with_history(messages, Message, batch_size=1000)
    bulk_create_with_history(actions, Action, batch_size=1000)
    hearings = []
    for action, theme in court_actions:
        for n, notes in enumerate(theme.court[2]):
            day = action.starts_on + datetime.timedelta(days=30 + 35 * n)
            if day <= world.today or n == 0:
                hearings.append(Hearing(action=action, held_on=day, notes=notes))
    bulk_create_with_history(hearings, Hearing, batch_size=1000)
    values = []
    campaigns = {c.pk: c for c, _t in pairs}
    for indicator in saved[Indicator]:
        start = campaigns[indicator.campaign_id].starts_on
        months = max(2, min(8, (world.today - start).days // 30))
        for n in range(months):
            share = Decimal(n) / Decimal(months) * Decimal(str(0.6 + rng.random() * 0.5))
            value = indicator.baseline + (indicator.target - indicator.baseline) * share
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    measured_on=start + datetime.timedelta(days=30 * n + 7),
                    value=value.quantize(Decimal("1")),
                    note="Замер по итогам месяца" if n else "Исходное значение",
                )
            )
    bulk_create_with_history(values, IndicatorValue, batch_size=1000)


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
