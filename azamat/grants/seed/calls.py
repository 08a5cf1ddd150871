"""Calls of every phase, dated around today: finished ones with results, one whose commission sits today, two
under expert review, one in its compliance check, one open and one under public discussion."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from azamat.accounts.models import User
from azamat.core.seeding import SeedContext, seeder
from azamat.core.working_days import add_working_days
from azamat.grants.models import Application, Call, Direction, GrantType
from azamat.grants.seed import applications as drafting
from azamat.grants.seed import content, descriptions
from azamat.grants.seed.documents import put_on_file
from azamat.grants.services.calls import CLOSES_AT_HOUR, OPENS_AT_HOUR, at_local
from azamat.registry.models import GovernmentBody, Membership, Organisation, Region
from azamat.registry.seed import TOWNS

# code suffix, grant type, customer, phase, applications per scale, directions, region, opens and closes
# (days from today). "commission": reviewed, its sitting open today; "review": experts score now. The calls
# with a tender commission are of a two-stage grant type (medium-term): one-stage calls are decided by the operator.
CALLS = [
    ("mangystau", "medium-term", "akimat-47", "results", 12, ["rural", "family"], "470000000", -420, -395),
    ("ecology", "medium-term", "ecology", "results", 15, ["ecology", "health"], None, -428, -403),
    ("youth", "medium-term", "mci-civil-society", "commission", 14, ["youth", "volunteering"], None, -100, -75),
    ("mfa", "short-term", "mfa", "review", 22, ["accord", "media", "legal"], None, -60, -32),
    ("award", "award", "mci-civil-society", "review", 8, ["volunteering"], None, -50, -30),
    ("mci-open", "short-term", "mci-civil-society", "open", 16, ["legal", "media", "family", "disability"], None, -6, 21),
    ("social-order-almaty", "social-order", "akimat-75", "compliance", 12, ["violence", "elderly", "family"], "750000000", -40, -5),
    ("labour-upcoming", "long-term", "labour", "discussion", 0, ["elderly", "disability", "family"], None, 30, 60),
]  # fmt: skip
# Calls the demo NGO (ngo@, member@) applies to: it wins the ecology call, decided about a year ago, so its
# project's 12-month report falls due within weeks (seed/projects.py fine-tunes the start date);
# it is under review in the MFA call and on the agenda of today's sitting; it is writing a draft for the open one.
DEMO_NGO_CALLS = {"ecology", "mfa", "youth", "mci-open"}


def _in_sentence(name: str) -> str:
    """A name inside a sentence: its first letter in lower case, unless its first word is an acronym (ҮЕҰ, НПО)."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return name
    return name[:1].lower() + name[1:]


@dataclass
class CallPlan:
    call: Call
    phase: str
    directions: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    targets: list = field(default_factory=list)  # the status each application reaches before the review


def plans(ctx: SeedContext, *phases: str) -> list[CallPlan]:
    return [plan for plan in ctx.data.get("grant_calls", []) if not phases or plan.phase in phases]


def operator_user():
    return User.objects.filter(email="operator@azamat.kz").first()


def _towns() -> dict[str, tuple[str, str]]:
    """Russian name of a town → (Kazakh, Russian): organisations give their address in Russian."""
    return {ru: (kk, ru) for towns in TOWNS.values() for kk, ru in towns}


def _town(organisation, towns) -> tuple[str, str]:
    name = (organisation.address or "").split(",")[0].strip()
    if name in towns:
        return towns[name]
    return organisation.region.name_kk, organisation.region.name_ru


def _call(ctx, suffix, type_code, customer_code, phase, region_kato, opens_in, closes_in, now, operator):
    grant_type = GrantType.objects.get(code=type_code)
    customer = GovernmentBody.objects.get(code=customer_code)
    today = timezone.localdate(now)
    opens_at = at_local(today + datetime.timedelta(days=opens_in), OPENS_AT_HOUR)
    closes_at = at_local(today + datetime.timedelta(days=closes_in), CLOSES_AT_HOUR)
    year = timezone.localtime(opens_at).year
    call = Call.objects.create(
        code=f"{year}-{suffix}",
        grant_type=grant_type,
        customer=customer,
        operator=GovernmentBody.objects.get(code="cso-support-centre"),
        published=True,
        title_kk=f"{customer.name_kk}: {_in_sentence(grant_type.name_kk)} конкурсы, {year}",
        title_ru=f"{customer.name_ru}: конкурс — {_in_sentence(grant_type.name_ru)}, {year}",
        title_en=f"{customer.name_en or customer.name_ru}: {grant_type.name_en} call, {year}",
        **descriptions.call_descriptions(grant_type),
        opens_at=opens_at,
        closes_at=closes_at,
        discussion_until=add_working_days(timezone.localdate(now), 12) if phase == "discussion" else None,
        created_by=operator,
    )
    # The call was announced a month before it opened, or today for one still under discussion.
    Call.objects.filter(pk=call.pk).update(created_at=min(now, opens_at - datetime.timedelta(days=30)))
    call.region = Region.objects.get(kato=region_kato) if region_kato else None
    return call


def _directions(ctx, call, keys, share, lo, hi) -> list[Direction]:
    directions = []
    for position, key in enumerate(keys):
        kk, ru, en = content.DIRECTIONS[key]["title"]
        planned = max(1, round(ctx.scale * share * 0.4 / len(keys))) if share else 3
        direction = Direction.objects.create(
            call=call,
            title_kk=kk,
            title_ru=ru,
            title_en=en,
            **descriptions.direction_descriptions(key),
            position=position,
            region=call.region,
            planned_grants=planned,
            budget=content.money((lo + hi) / 3 * planned),
        )
        direction.seed_key = key  # which projects belong under it (content.DIRECTIONS)
        directions.append(direction)
    return directions


@seeder(50)
def seed_calls(ctx: SeedContext) -> None:
    """Calls in every phase around today, with applications drafted, documented, submitted and checked."""
    rng = ctx.rng
    now = timezone.now()
    operator = operator_user()
    demo_org = ctx.data.get("demo_organisation")
    demo_user = User.objects.filter(email="ngo@azamat.kz").first()
    admins = dict(
        Membership.objects.filter(role="admin", status="active", user__email__endswith="@example.kz")
        .order_by("user_id")
        .values_list("organisation_id", "user_id")
    )
    # Only an organisation with somebody in it can apply: its administrator writes the application.
    organisations = list(
        Organisation.objects.filter(is_alliance=False, pk__in=admins).select_related("region").order_by("pk")
    )
    by_region: dict[str, list] = {}
    for organisation in organisations:
        by_region.setdefault(organisation.region.kato, []).append(organisation)
    towns = _towns()
    result, all_apps, all_lines = [], [], []
    for suffix, type_code, customer, phase, share, keys, region_kato, opens_in, closes_in in CALLS:
        call = _call(ctx, suffix, type_code, customer, phase, region_kato, opens_in, closes_in, now, operator)
        lo, hi = content.limits(call.grant_type, timezone.localtime(call.opens_at).date())
        directions = _directions(ctx, call, keys, share, lo, hi)
        plan = CallPlan(call=call, phase=phase, directions=directions)
        result.append(plan)
        count = ctx.count(share, minimum=3) if share else 0
        pool = by_region.get(region_kato, organisations) if region_kato else organisations
        chosen = rng.sample(pool, k=count) if count <= len(pool) else rng.choices(pool, k=count)
        if demo_org and demo_user and suffix in DEMO_NGO_CALLS:
            chosen = [demo_org, *(o for o in chosen if o != demo_org)]
        for organisation in chosen:
            demo = demo_org is not None and organisation.pk == demo_org.pk
            application, lines = drafting.build(
                ctx,
                call=call,
                direction=rng.choice(directions),
                organisation=organisation,
                town=_town(organisation, towns),
                lo=lo,
                hi=hi,
                created_by=demo_user if demo else User(pk=admins[organisation.pk]),
                modest=demo,
                # The demo NGO's winning project runs as long as it may, so it is still running today.
                months=call.grant_type.max_months if demo and suffix == "ecology" else None,
            )
            target = drafting.status_for(phase, rng)
            if demo:  # the demo NGO's applications go where its logins have something to do
                target = Application.Status.DRAFT if phase == "open" else Application.Status.COMPLIANT
            plan.applications.append(application)
            plan.lines.append(lines)
            plan.targets.append(target)
        all_apps += plan.applications
        all_lines += plan.lines
    _copies(ctx, result)
    Application.objects.bulk_create(all_apps, batch_size=1000)
    drafting.save_children(ctx, all_apps, all_lines)
    ctx.data["grant_calls"] = result
    if demo_org and demo_user:  # its charter and certificate on its profile, for its draft to offer
        ctx.data["demo_on_file"] = put_on_file(organisation=demo_org, by=demo_user)
    drafting.submit_and_check(ctx, result, operator=operator, now=now)
    ctx.log(f"  {len(all_apps)} applications in {len(result)} calls")


def _copies(ctx, result: list[CallPlan]) -> None:
    """A few applications reuse, almost word for word, the text another organisation sent to an earlier call:
    the near-duplicates the operator has to look at (seed/duplicates.py checks them through the service)."""
    rng = ctx.rng
    demo = getattr(ctx.data.get("demo_organisation"), "pk", None)
    sources = [a for plan in result if plan.phase in {"results", "review"} for a in plan.applications]
    copies = []
    for plan in result:
        if plan.phase not in {"compliance", "open"}:
            continue
        directions = {d.seed_key: d for d in plan.directions}
        waiting = [
            a
            for a, target in zip(plan.applications, plan.targets, strict=True)
            if target == Application.Status.SUBMITTED and a.organisation_id != demo
        ]
        for application in waiting[: ctx.count(1)]:
            same = [
                s
                for s in sources
                if s.language == application.language
                and s.organisation_id != application.organisation_id
                and s.direction.seed_key in directions
            ]
            if not same:
                continue
            source = rng.choice(same)
            for name in ("title", "summary", "problem", "target_group", "goals"):
                setattr(application, name, getattr(source, name))
            for other, own in (
                (source.organisation.name_kk, application.organisation.name_kk),
                (source.organisation.name_ru, application.organisation.name_ru),
            ):
                application.summary = application.summary.replace(other, own)
            application.direction = directions[source.direction.seed_key]  # the copied project's direction
            copies.append(application)
    ctx.data["near_duplicates"] = copies
