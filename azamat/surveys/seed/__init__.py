"""Surveys for the demo, the tests and the benchmarks (the forms are in `seed_data`).

Four surveys: (a) the demo NGO's needs assessment of people with disabilities, linked to its campaign in the needs
stage, in Kazakh and Russian, open to anyone (listed) and on paper, with quotas by region; (b) a population opinion
survey by another organisation, by interviewers (interviewer@ and generated ones, each with an assignment in a
region) and by open link, with a quota for every region × sex × age group cell (some full, so later respondents of
those cells were screened out) and the population shares its weights come from; (c) the consultation of the
council secretary@ keeps, listed; (d) the evaluation of the state social order by officer@'s body, closed, with
its results public.

Responses: 10,000 per unit of scale (1,000,000 at scale 100), 80% of them in (b). Answers are drawn with
the correlations a real sample has (age and trust, income and how the family's situation changed, a limitation
and the barriers met), with durations, some in progress, some too fast, straight-lined or duplicated (flags set
as the collection does: `quality.fingerprint`, `quality.straightlining`), some reviewed (approved, on hold,
rejected with a reason, each with its ReviewDecision). `Quota.completed` is counted from the completed responses
and the weights of (b) are the post-stratification weights of its cells. Written with COPY on PostgreSQL, batched
INSERTs elsewhere.

The demo logins get real work: ngo@ manages (a) (flagged responses to review, quotas), member@ is an analyst on (a)
and (b), interviewer@ has two assignments on (b), secretary@ runs (c), citizen@ has (a) and (c) to answer,
officer@'s body runs (d), whose report is public.
"""

import datetime
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from azamat.accounts.models import User
from azamat.campaigns.models import Campaign
from azamat.core.names import person_name
from azamat.core.sealed import keyed_digest
from azamat.core.seeding import SeedContext, seeder
from azamat.surveys import seed_data as data
from azamat.surveys.models import (
    Assignment,
    Invitation,
    PopulationShare,
    Quota,
    Survey,
    SurveyMember,
    SurveyVersion,
)
from azamat.surveys.seed.answers import (
    _cells,
    _consultation_answers,
    _evaluation_answers,
    _needs_answers,
    _opinion_answers,
)
from azamat.surveys.seed.responses import _responses
from azamat.surveys.seed.world import World

RESPONSES_PER_SCALE = 10_000
SHARES = {"needs": 0.1, "opinion": 0.8, "consultation": 0.06, "evaluation": 0.04}
MINIMUM = {"needs": 40, "opinion": 120, "consultation": 30, "evaluation": 30}
INTERVIEWERS_PER_SCALE = 1.5


@seeder(100)
def seed_surveys(ctx: SeedContext) -> None:
    """Surveys: a needs assessment, a quota population survey with interviewers, a council's consultation, a
    closed evaluation with public results; their responses."""
    world = World(ctx)
    if world.organisation is None or world.ngo_admin is None:
        ctx.log("  no organisation with people: no surveys")
        return
    total = 0
    plans = _surveys(world)
    for key, (survey, version, make) in plans.items():
        count = max(MINIMUM[key], round(RESPONSES_PER_SCALE * ctx.scale * SHARES[key]))
        total += _responses(world, survey, version, make, count)
    ctx.log(f"  {len(plans)} surveys, {total} responses")


# The surveys -----------------------------------------------------------------------------------------------------


def _survey(world: World, *, by, definition: dict, members=(), **fields) -> tuple[Survey, SurveyVersion]:
    survey = Survey(created_by=by, title=definition["title"]["ru"], region_question="region", **fields)
    survey._history_user = by
    survey.save()
    team = [SurveyMember(survey=survey, user=by, role=SurveyMember.Role.MANAGER)]
    team += [
        SurveyMember(survey=survey, user=user, role=role) for user, role in members if user and user != by
    ]
    bulk_create_with_history(team, SurveyMember, default_user=by)
    version = SurveyVersion.objects.create(survey=survey, number=1, definition=definition, created_by=by)
    return survey, version


def _surveys(world: World) -> dict:
    rng, analyst = world.rng, SurveyMember.Role.ANALYST
    plans = {}
    campaign = (
        Campaign.objects.filter(organisation=world.organisation, stage="needs").order_by("pk").first()
        or Campaign.objects.filter(organisation=world.organisation).order_by("pk").first()
    )
    needs, version = _survey(
        world,
        by=world.ngo_admin,
        definition=data.NEEDS,
        members=[(world.member, analyst)],
        organisation=world.organisation,
        campaign=campaign,
        description=(
            "Мы изучаем, с какими барьерами сталкиваются люди с инвалидностью и их семьи, каких услуг не хватает. "
            "Ответы анонимны; итоги передадим акимату и опубликуем. Заполнение займёт около 10 минут."
        ),
        purpose=Survey.Purpose.NEEDS,
        status=Survey.Status.OPEN,
        modes=[Survey.Mode.OPEN, Survey.Mode.INVITATION, Survey.Mode.PAPER],
        listed=True,
        opens_at=world.ago(30),
        closes_at=world.now + datetime.timedelta(days=30),
        thank_you="Рахмет! Спасибо! Итоги опроса мы опубликуем на странице кампании.",
        screen_out_message="Спасибо! Из вашего региона мы уже получили достаточно ответов.",
        min_seconds=180,
    )
    plans["needs"] = (needs, version, _needs_answers)
    n = max(MINIMUM["needs"], round(RESPONSES_PER_SCALE * world.ctx.scale * SHARES["needs"]))
    _quotas(
        needs,
        [
            ("Алматы", {"region": ["750000000"]}, round(0.5 * n)),
            ("Алматинская область", {"region": ["190000000"]}, max(1, round(0.08 * n))),
            ("Шымкент", {"region": ["790000000"]}, round(0.12 * n)),
            ("Алматы, I группа", {"region": ["750000000"], "disability_group": ["g1"]}, round(0.1 * n)),
        ],
    )
    emails = [f"respondent{i:02d}@example.kz" for i in range(15)]
    Invitation.objects.bulk_create(
        [
            Invitation(
                survey=needs,
                email=email,
                email_key=keyed_digest("survey-invitation", email),
                name=person_name(rng),
                language="kk" if i % 3 == 0 else "ru",
                sent_at=world.ago(20) if i < 12 else None,
            )
            for i, email in enumerate(emails)
        ]
    )

    opinion, version = _survey(
        world,
        by=world.research_admin,
        definition=data.OPINION,
        members=[(world.member, analyst)],
        organisation=world.research,
        description=(
            "Республиканский опрос взрослого населения: благосостояние, доверие к институтам, гражданская "
            "активность. Квотная выборка по области, полу и возрасту; интервью лицом к лицу."
        ),
        purpose=Survey.Purpose.POPULATION,
        status=Survey.Status.OPEN,
        modes=[Survey.Mode.INTERVIEWER, Survey.Mode.OPEN],
        opens_at=world.ago(45),
        closes_at=world.now + datetime.timedelta(days=15),
        screen_out_message="Спасибо! В вашей группе опрос уже завершён.",
        weight_questions=["region", "sex", "age_group"],
        min_seconds=240,
    )
    plans["opinion"] = (opinion, version, _opinion_answers)
    _opinion_design(world, opinion)

    if world.council is not None and world.council_secretary is not None:
        consultation, version = _survey(
            world,
            by=world.council_secretary,
            definition=data.CONSULTATION,
            council=world.council,
            description=(
                "Общественный совет выносит на обсуждение проект плана работы на 2027 год. Выберите до трёх "
                "приоритетов и оставьте предложение — совет рассмотрит их на ближайшем заседании."
            ),
            purpose=Survey.Purpose.CONSULTATION,
            status=Survey.Status.OPEN,
            modes=[Survey.Mode.OPEN],
            listed=True,
            opens_at=world.ago(14),
            closes_at=world.now + datetime.timedelta(days=16),
            results=Survey.Results.LINK,
            min_seconds=60,
        )
        plans["consultation"] = (consultation, version, _consultation_answers)

    if world.body is not None:
        by = world.officer or world.ngo_admin
        evaluation, version = _survey(
            world,
            by=by,
            definition=data.EVALUATION,
            body=world.body,
            description=(
                "Организации, получившие государственный социальный заказ в 2026 году, оценивают конкурс, "
                "отчётность и сроки финансирования."
            ),
            purpose=Survey.Purpose.EVALUATION,
            status=Survey.Status.CLOSED,
            modes=[Survey.Mode.OPEN, Survey.Mode.INVITATION],
            opens_at=world.ago(120),
            closes_at=world.ago(60),
            results=Survey.Results.PUBLIC,
            min_seconds=90,
        )
        plans["evaluation"] = (evaluation, version, _evaluation_answers)

    for key, (survey, _version, _make) in plans.items():
        started = {"needs": 31, "opinion": 46, "consultation": 15, "evaluation": 121}[key]
        Survey.objects.filter(pk=survey.pk).update(created_at=world.ago(started))
    return plans


def _quotas(survey: Survey, rows) -> list[Quota]:
    return bulk_create_with_history(
        [Quota(survey=survey, label=label, conditions=cond, target=target) for label, cond, target in rows],
        Quota,
    )


def _opinion_design(world: World, survey: Survey) -> None:
    """Interviewers with an assignment each, a quota for every cell, the population shares."""
    ctx, rng = world.ctx, world.rng
    n = max(MINIMUM["opinion"], round(RESPONSES_PER_SCALE * ctx.scale * SHARES["opinion"]))
    regions = list(data.POPULATION)
    label = {kato: ru for kato, ru, *_rest in data.REGIONS}
    sex_label = {"f": "женщины", "m": "мужчины"}
    age_label = {"18_29": "18–29", "30_44": "30–44", "45_59": "45–59", "60_plus": "60+"}
    rows, shares = [], []
    planned = 0.9 * n
    for index, (kato, sex, age, share) in enumerate(_cells()):
        factor = 0.8 if index % 6 == 0 else 1.3  # every sixth cell fills before the fieldwork ends
        rows.append(
            (
                f"{label[kato]}, {sex_label[sex]}, {age_label[age]}",
                {"region": [kato], "sex": [sex], "age_group": [age]},
                max(1, round(planned * share * factor)),
            )
        )
        shares.append((kato, sex, age, share))
    _quotas(survey, rows)
    exact = [Decimal(str(round(s, 8))) for *_c, s in shares]
    exact[-1] += Decimal(1) - sum(exact)
    bulk_create_with_history(
        [
            PopulationShare(survey=survey, cell={"region": k, "sex": s, "age_group": a}, share=v)
            for (k, s, a, _share), v in zip(shares, exact, strict=True)
        ],
        PopulationShare,
    )

    password = ctx.password_hash()
    count = max(len(regions) + 1, min(400, round(INTERVIEWERS_PER_SCALE * ctx.scale * 10)))
    existing = set(
        User.objects.filter(email__endswith="@interviewers.example.kz").values_list("email", flat=True)
    )
    people = []
    for i in range(count):
        email = f"interviewer{i:04d}@interviewers.example.kz"
        if email not in existing:
            people.append(User(email=email, full_name=person_name(rng), password=password))
    User.objects.bulk_create(people)
    generated = list(
        User.objects.filter(email__endswith="@interviewers.example.kz").order_by("email")[:count]
    )
    assignments = []
    demo = world.demo.get("interviewer@azamat.kz")
    per_region = {kato: data.POPULATION[kato] for kato in regions}
    everyone = sum(per_region.values())
    if demo is not None:
        # Two areas of their own sizes and routes: a city district and a smaller town.
        for kato, area, share, least, route in (
            (
                "750000000",
                "Алматы, Алмалинский район, участки 12–14",
                0.02,
                8,
                "Каждая пятая квартира от углового дома; в частном секторе — каждый третий дом.",
            ),
            (
                "190000000",
                "Қонаев қ.",
                0.008,
                5,
                "Микрорайоны 1–4: каждая четвёртая квартира; в частных домах — каждый второй дом.",
            ),
        ):
            assignments.append(
                Assignment(
                    survey=survey,
                    interviewer=demo,
                    area=area,
                    region=world.regions.get(kato),
                    route=route,
                    target=max(least, round(share * n)),
                )
            )
    for i, person in enumerate(generated):
        kato = regions[i % len(regions)]
        interviewers_here = len(generated) // len(regions) + (
            1 if i % len(regions) < len(generated) % len(regions) else 0
        )
        assignments.append(
            Assignment(
                survey=survey,
                interviewer=person,
                area=data.INTERVIEWER_AREAS[i % len(data.INTERVIEWER_AREAS)].format(n=i + 1),
                region=world.regions.get(kato),
                route="Маршрутная выборка: шаг 5 квартир, в сёлах — каждый третий дом.",
                target=max(1, round(n * per_region[kato] / everyone / max(1, interviewers_here))),
                active=i % 17 != 16,
            )
        )
    bulk_create_with_history(assignments, Assignment, default_user=world.research_admin)
