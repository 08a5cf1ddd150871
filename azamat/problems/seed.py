"""The Register of Problems of NGOs for the demo, the tests and the benchmarks: the problems of
`data/register.py` (about 60, in the eight areas) proposed by organisations across the regions, endorsed by
others (more for the widespread ones), reviewed and registered by the working group, their recommendations sent
to the bodies as accountability items and answered, planned, implemented or left overdue by the bodies' officers,
all through the services. Above scale 10 each problem comes back as regional variants.

The demo logins get real work: workgroup@ has proposals waiting for review; ngo@'s organisation proposed one
problem and endorsed some, not all; citizen@ proposed one of their own; officer@ has a problem's item to answer.
Dates are spread over the past two years afterwards (a generated history happened in the past, not today).
"""

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from azamat.accountability import services as accountability
from azamat.accountability.models import Item
from azamat.accounts.models import PlatformRole, User
from azamat.core.seeding import SeedContext, seeder
from azamat.core.working_days import is_working_day
from azamat.problems import services
from azamat.problems.data import register as data
from azamat.problems.models import (
    Area,
    Endorsement,
    Evidence,
    Problem,
    Recommendation,
    StatusChange,
)
from azamat.problems.permissions import WORKING_GROUP
from azamat.registry.models import ActivityArea, GovernmentBody, Membership, Region

S = Problem.Status
WORKING_GROUP_EMAIL = "workgroup@azamat.kz"
REGIONS_BY_REACH = {1: 1, 2: 3, 3: 6, 4: 12, 5: 20}
ENDORSERS_BY_REACH = {1: 2, 2: 4, 3: 7, 4: 12, 5: 18}
# Problems ngo@'s organisation endorsed (others are left for ngo@ and member@ to endorse).
DEMO_ENDORSED = ("advance-30", "ngo-houses", "report-indicators")
SOLVED_STATES = {S.PARTLY_SOLVED, S.SOLVED}


def _next_working(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _back(today: datetime.date, days: int) -> datetime.date:
    day = today - datetime.timedelta(days=days)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _at(day: datetime.date, rng) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(9, 17), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now())


class World:
    """What the steps share: the people, organisations, regions and bodies the register refers to."""

    def __init__(self, ctx: SeedContext):
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = timezone.localdate()
        self.group = _working_group(ctx)
        self.areas = {area.code: area for area in Area.objects.all()}
        self.regions = list(Region.objects.order_by("kato"))
        self.by_kato = {region.kato: region for region in self.regions}
        self.activity = {area.code: area for area in ActivityArea.objects.all()}
        codes = {code for entry in data.REGISTER for code, _text in entry.recommendations}
        self.bodies = {body.code: body for body in GovernmentBody.objects.filter(code__in=codes)}
        self.officers = dict(
            PlatformRole.objects.filter(role=PlatformRole.Role.GOVERNMENT_OFFICER, body__code__in=codes)
            .select_related("user")
            .order_by("pk")
            .values_list("body__code", "user")
        )
        self.officer_users = {u.pk: u for u in User.objects.filter(pk__in=set(self.officers.values()))}
        self.demo_organisation = ctx.data.get("demo_organisation")
        self.ngo = User.objects.filter(email="ngo@azamat.kz").first()
        self.citizen = User.objects.filter(email="citizen@azamat.kz").first()
        demo_pk = self.demo_organisation.pk if self.demo_organisation else None
        # One acting person for each organisation with an active member: who files and endorses for it.
        self.pairs, seen = [], set()
        for membership in (
            Membership.objects.filter(status=Membership.Status.ACTIVE)
            .exclude(organisation_id=demo_pk)
            .select_related("organisation", "user")
            .order_by("pk")
        ):
            if membership.organisation_id not in seen:
                seen.add(membership.organisation_id)
                self.pairs.append((membership.organisation, membership.user))
        self.by_region: dict[int, list] = {}
        for pair in self.pairs:
            self.by_region.setdefault(pair[0].region_id, []).append(pair)

    def officer(self, code: str):
        user_id = self.officers.get(code)
        return self.officer_users.get(user_id) if user_id else None

    def regions_for(self, entry: data.Entry, variant: Region | None) -> list[Region]:
        if variant is not None:
            return [variant]
        if entry.regions:
            return [self.by_kato[kato] for kato in entry.regions if kato in self.by_kato]
        count = REGIONS_BY_REACH[entry.reach]
        return sorted(self.rng.sample(self.regions, min(count, len(self.regions))), key=lambda r: r.kato)

    def pick(self, regions: list[Region], count: int, exclude: set[int]) -> list[tuple]:
        """`count` organisations (with the person acting for each), from the problem's regions first."""
        local = [p for r in regions for p in self.by_region.get(r.pk, []) if p[0].pk not in exclude]
        in_local = set(local)  # a set: `p not in local` on the list made each pick quadratic at scale 100
        others = [p for p in self.pairs if p[0].pk not in exclude and p not in in_local]
        self.rng.shuffle(local)
        self.rng.shuffle(others)
        chosen, taken = [], set()
        for pair in local[: max(1, count * 2 // 3)] + others + local:
            if len(chosen) == count:
                break
            if pair[0].pk not in taken:
                taken.add(pair[0].pk)
                chosen.append(pair)
        return chosen


def _working_group(ctx: SeedContext) -> User:
    """workgroup@azamat.kz, the working group's demo login (made here if the accounts step did not)."""
    user, created = User.objects.get_or_create(
        email=WORKING_GROUP_EMAIL,
        defaults={"full_name": "Жанар Ахметова", "password": ctx.password_hash()},
    )
    EmailAddress.objects.get_or_create(
        user=user, email=WORKING_GROUP_EMAIL, defaults={"verified": True, "primary": True}
    )
    PlatformRole.objects.get_or_create(user=user, role=WORKING_GROUP, body=None)
    return user


@seeder(90)
def seed_problems(ctx: SeedContext) -> None:
    """The Register of Problems of NGOs: problems in eight areas, endorsed, registered, sent and answered."""
    world = World(ctx)
    if not world.pairs or len(world.areas) < 8:
        ctx.log("  no organisations with members: no problems")
        return
    copies = max(1, round(ctx.scale / 10))
    made = 0
    for copy in range(copies):
        keys: dict[str, Problem] = {}
        for index, entry in enumerate(data.REGISTER):
            variant = None if copy == 0 else world.regions[(copy * 7 + index) % len(world.regions)]
            keys[entry.key] = _problem(world, entry, variant, keys)
            made += 1
    ctx.log(f"  {made} problems, {Endorsement.objects.count()} endorsements")


def _problem(world: World, entry: data.Entry, variant: Region | None, keys: dict) -> Problem:
    rng, group = world.rng, world.group
    regions = world.regions_for(entry, variant)
    title = entry.title if variant is None else f"{entry.title} — {variant.name_ru}"
    demo = entry.demo if variant is None else ""
    if demo == "ngo" and world.ngo and world.demo_organisation:
        organisation, proposer = world.demo_organisation, world.ngo
    elif demo == "citizen" and world.citizen:
        organisation, proposer = None, world.citizen
    else:
        organisation, proposer = world.pick(regions, 1, set())[0]
    problem = services.problem_propose(
        by=proposer,
        area=world.areas[entry.area],
        title=title[:300],
        description=entry.description,
        regions=regions,
        legal_forms=entry.forms,
        activity_areas=[world.activity[code] for code in entry.activity if code in world.activity],
        organisation=organisation,
    )
    for kind, text, figure in entry.evidence:
        services.evidence_add(
            problem=problem,
            by=group,
            kind=kind,
            text=text,
            figure=figure,
            organisation=organisation if kind == Evidence.Kind.CASE else None,
        )
    # Endorsements come while the problem is open: the working group reads them when it reviews.
    count = ENDORSERS_BY_REACH[entry.reach]
    if entry.status in (S.PROPOSED, S.REVIEW):
        count = max(1, count // 3)
    exclude = {organisation.pk} if organisation else set()
    for endorser, person in world.pick(regions, count, exclude):
        services.endorsement_add(
            problem=problem, organisation=endorser, by=person, case=rng.choice(data.CASES)
        )
    if (
        variant is None
        and entry.key in DEMO_ENDORSED
        and world.ngo
        and world.demo_organisation
        and world.demo_organisation.pk != problem.organisation_id
    ):
        services.endorsement_add(
            problem=problem,
            organisation=world.demo_organisation,
            by=world.ngo,
            case="В Алматы сталкиваемся с этим постоянно: подробный расчёт направим рабочей группе.",
        )
    when = _walk(world, entry, problem, keys)
    _backdate(world, problem, entry, when)
    return problem


def _walk(world: World, entry: data.Entry, problem: Problem, keys: dict) -> dict:
    """Take the problem through the working group's steps to its status; returns the day of each step."""
    rng, today, group = world.rng, world.today, world.group
    status = entry.status
    when: dict[str, datetime.date] = {}
    if status == S.PROPOSED:
        when[S.PROPOSED] = _back(today, rng.randint(1, 12))
        return when
    if status == S.MERGED:
        into = keys.get(entry.merged_into)
        when[S.PROPOSED] = _back(today, rng.randint(20, 50))
        if into is not None:
            services.problem_step(problem=problem, name="review", by=group)
            services.problem_merge(
                problem=problem,
                into=into,
                by=group,
                reason=f"Дублирует проблему {into.number}: предложения и подтверждения объединены.",
            )
        return when
    services.problem_step(problem=problem, name="review", by=group)
    if status == S.REVIEW:
        when[S.PROPOSED] = _back(today, rng.randint(8, 30))
        _details(world, entry, problem)
        return when
    _details(world, entry, problem)
    services.problem_step(problem=problem, name="register", by=group)
    if status == S.REGISTERED:
        when[S.PROPOSED] = _back(today, rng.randint(40, 300))
        return when
    if status == S.ARCHIVED:
        when[S.PROPOSED] = _back(today, rng.randint(400, 600))
        services.problem_step(
            problem=problem,
            name="archive",
            by=group,
            reason="Вопрос потерял актуальность: старая система заменена новой.",
        )
        return when
    sent_days = []
    for recommendation, fate in zip(
        problem.recommendations.select_related("body").order_by("position"), entry.fate, strict=True
    ):
        sent_days.append(_send(world, problem, recommendation, fate))
    first = min(sent_days)
    when[S.PROPOSED] = _back(first, rng.randint(30, 90))
    when[S.SENT] = first
    services.problem_step(problem=problem, name="send", by=group, reason="Рекомендации направлены.")
    if status == S.PARTLY_SOLVED:
        services.problem_step(
            problem=problem,
            name="partly_solve",
            by=group,
            reason="Часть рекомендаций выполнена государственными органами; остальные на исполнении.",
        )
    elif status == S.SOLVED:
        services.problem_step(
            problem=problem,
            name="solve",
            by=group,
            reason="Все рекомендации выполнены; рабочая группа подтвердила, что проблема решена.",
        )
    return when


def _details(world: World, entry: data.Entry, problem: Problem) -> None:
    """The working group's part of a problem: the legal acts to change and the recommendations."""
    for name, article in entry.acts:
        services.legal_act_add(problem=problem, by=world.group, name=name, article=article)
    for code, text in entry.recommendations:
        services.recommendation_add(problem=problem, by=world.group, text=text, body=world.bodies.get(code))


def _send(world: World, problem: Problem, recommendation: Recommendation, fate: str) -> datetime.date:
    """Send the recommendation to its body on a past day and let the body do what `fate` says."""
    rng, today = world.rng, world.today
    ages = {
        data.AWAITING: (2, 8),
        # Past the 15 working days (overdue) or 15 more (long overdue).
        data.OVERDUE: rng.choice([(26, 34), (60, 160)]),
        data.IMPLEMENTED: (220, 520),
        data.PLANNED: (90, 260),
    }
    low, high = ages.get(fate, (60, 320))
    sent_on = _back(today, rng.randint(low, high))
    acts = "\n".join(str(act) for act in problem.legal_acts.all())
    item = accountability.item_send(
        kind=Item.Kind.PROPOSAL,
        rule="problem",
        body=recommendation.body,
        title=f"{problem.number}: {problem.title}"[:300],
        text=recommendation.text,
        justification="\n\n".join(part for part in [problem.description, acts] if part),
        source=recommendation,
        author=world.group,
        organisation=problem.organisation,
        sent_on=sent_on,
        by=world.group,
        quiet=True,
    )
    officer = world.officer(recommendation.body.code)
    if officer is None or fate in (data.AWAITING, data.OVERDUE):
        return sent_on
    answered_on = min(today, _next_working(sent_on + datetime.timedelta(days=rng.randint(6, 28))))
    outcome = {data.REJECTED: "rejected", data.PARTIAL: "partial"}.get(fate, "accepted")
    accountability.item_answer(
        item=item, by=officer, outcome=outcome, text=data.ANSWERS.get(fate, ""), answered_on=answered_on
    )
    if fate not in (data.PLANNED, data.IMPLEMENTED):
        return sent_on
    title, done_text = rng.choice(data.MILESTONES)
    if fate == data.IMPLEMENTED:
        due_on = _next_working(answered_on + datetime.timedelta(days=rng.randint(40, 120)))
        milestone = accountability.milestone_add(item=item, by=officer, title=title, due_on=due_on)
        done_on = max(answered_on, min(today, due_on - datetime.timedelta(days=rng.randint(0, 20))))
        accountability.milestone_done(milestone=milestone, by=officer, text=done_text, done_on=done_on)
    else:
        # Most plans are on time; some milestones are already late (implementation overdue).
        late = rng.random() < 0.35 and (today - answered_on).days > 30
        due_on = (
            _next_working(
                answered_on
                + datetime.timedelta(days=rng.randint(10, max(11, (today - answered_on).days - 5)))
            )
            if late
            else _next_working(today + datetime.timedelta(days=rng.randint(20, 120)))
        )
        accountability.milestone_add(item=item, by=officer, title=title, due_on=due_on)
    return sent_on


def _backdate(world: World, problem: Problem, entry: data.Entry, when: dict) -> None:
    """Put the problem's history on the days it happened: filed, reviewed, registered, sent, solved."""
    rng, today = world.rng, world.today
    created = when.get(S.PROPOSED, today)
    sent = when.get(S.SENT)
    ceiling = sent or today
    days = {
        S.PROPOSED: created,
        S.REVIEW: min(ceiling, created + datetime.timedelta(days=rng.randint(2, 7))),
        S.REGISTERED: min(ceiling, created + datetime.timedelta(days=rng.randint(10, 25))),
        S.SENT: sent or today,
        S.PARTLY_SOLVED: _back(today, rng.randint(3, 40)),
        S.SOLVED: _back(today, rng.randint(3, 40)),
        S.ARCHIVED: min(today, created + datetime.timedelta(days=rng.randint(90, 200))),
        S.MERGED: min(today, created + datetime.timedelta(days=rng.randint(5, 15))),
    }
    last = created
    for change in problem.status_changes.order_by("pk"):
        day = max(last, min(today, days.get(change.to_status, today)))
        StatusChange.objects.filter(pk=change.pk).update(at=_at(day, rng))
        last = day
    first_at = _at(created, rng)
    Problem.objects.filter(pk=problem.pk).update(created_at=first_at, updated_at=_at(last, rng))
    Evidence.objects.filter(problem=problem).update(added_at=first_at)
    registered = days[S.REGISTERED]
    Recommendation.objects.filter(problem=problem).update(created_at=_at(max(created, registered), rng))
    span = max(1, (min(today, ceiling if entry.status != S.PROPOSED else today) - created).days)
    for endorsement in problem.endorsements.order_by("pk"):
        day = min(today, created + datetime.timedelta(days=rng.randint(0, span)))
        Endorsement.objects.filter(pk=endorsement.pk).update(at=_at(day, rng))
