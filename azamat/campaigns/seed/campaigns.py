"""Campaigns in every stage with their coalitions, messages and plans."""

import datetime
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from azamat.accounts.models import User
from azamat.campaigns import seed_data as data
from azamat.campaigns.models import (
    Action,
    Campaign,
    Hearing,
    Indicator,
    IndicatorValue,
    Lesson,
    Message,
    Method,
    Need,
    Objective,
    Partner,
    Risk,
    SecurityCheck,
    Stakeholder,
    TeamMember,
)
from azamat.campaigns.seed.world import (
    CAMPAIGNS_PER_SCALE,
    DEMO_STAGES,
    PUBLIC_BY_STAGE,
    SHARED,
    STAGES,
    World,
    _at,
)
from azamat.problems.models import Problem
from azamat.registry.models import Organisation

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
