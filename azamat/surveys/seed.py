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
import itertools
import json
import math
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from azamat.accounts.models import User
from azamat.campaigns.models import Campaign
from azamat.core.names import person_name
from azamat.core.sealed import keyed_digest, seal
from azamat.core.seeding import SeedContext, seeder
from azamat.councils.models import Council
from azamat.registry.models import GovernmentBody, Membership, Region
from azamat.surveys import definition as form
from azamat.surveys import quality
from azamat.surveys import seed_data as data
from azamat.surveys.models import (
    Assignment,
    Invitation,
    PopulationShare,
    Quota,
    Response,
    ReviewDecision,
    Survey,
    SurveyMember,
    SurveyVersion,
)

RESPONSES_PER_SCALE = 10_000
SHARES = {"needs": 0.1, "opinion": 0.8, "consultation": 0.06, "evaluation": 0.04}
MINIMUM = {"needs": 40, "opinion": 120, "consultation": 30, "evaluation": 30}
INTERVIEWERS_PER_SCALE = 1.5
BATCH = 5000
OFFICER_BODY = "mci-civil-society"
RS = Response.Status
COLUMNS = [
    "survey_id",
    "version_id",
    "status",
    "mode",
    "language",
    "data",
    "personal",
    "page",
    "resume_token",
    "device_key",
    "respondent_id",
    "interviewer_id",
    "assignment_id",
    "region_code",
    "started_at",
    "updated_at",
    "completed_at",
    "duration_seconds",
    "too_fast",
    "straightlining",
    "duplicate",
    "fingerprint",
    "review",
    "review_reason",
    "weight",
]
REASONS = {
    "too_fast": "Слишком быстро для анкеты такой длины",
    "straightlining": "Один и тот же ответ во всех вопросах блока",
    "duplicate": "Повторная анкета: те же ответы, что в другой",
}
HOLD_REASON = "Уточнить у интервьюера"


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
        adapt = connection.ops.adapt_datetimefield_value
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 — names from the models
        batch = []
        for row in rows:
            batch.append(tuple(adapt(v) if isinstance(v, datetime.datetime) else v for v in row))
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


class World:
    """Who runs and answers the demo's surveys."""

    def __init__(self, ctx: SeedContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.now = timezone.now()
        self.demo = {u.email: u for u in User.objects.filter(email__endswith="@azamat.kz")}
        self.organisation = ctx.data.get("demo_organisation")
        ngo = self.demo.get("ngo@azamat.kz")
        if self.organisation is None and ngo is not None:
            link = ngo.memberships.filter(status=Membership.Status.ACTIVE).first()
            self.organisation = link.organisation if link else None
        if self.organisation is None:
            admin = Membership.objects.filter(status="active", role="admin").order_by("pk").first()
            self.organisation = admin.organisation if admin else None
        self.ngo_admin = ngo or self._admin_of(self.organisation)
        other = (
            Membership.objects.filter(status="active", role="admin")
            .exclude(organisation=self.organisation)
            .select_related("organisation", "user")
            .order_by("pk")
            .first()
        )
        self.research = other.organisation if other else self.organisation
        self.research_admin = other.user if other else self.ngo_admin
        self.member = self.demo.get("member@azamat.kz")
        self.regions = {r.kato: r for r in Region.objects.all()}
        secretary = self.demo.get("secretary@azamat.kz")
        self.council = (
            Council.objects.filter(secretaries__user=secretary).order_by("pk").first() if secretary else None
        ) or Council.objects.exclude(published_at=None).order_by("pk").first()
        self.council_secretary = secretary or (
            self.council.secretaries.first().user
            if self.council and self.council.secretaries.exists()
            else None
        )
        self.body = GovernmentBody.objects.filter(code=OFFICER_BODY).first()
        self.officer = self.demo.get("officer@azamat.kz")
        self.citizen = self.demo.get("citizen@azamat.kz")

    @staticmethod
    def _admin_of(organisation):
        if organisation is None:
            return None
        link = organisation.memberships.filter(status="active").order_by("role", "pk").first()
        return link.user if link else None

    def ago(self, days: float) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days)


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


def _cells() -> list[tuple[str, str, str, float]]:
    """(region, sex, age group, population share) of every weighting cell."""
    everyone = sum(data.POPULATION.values())
    cells = []
    for kato, people in data.POPULATION.items():
        for age in data.AGE_GROUPS:
            for sex in ("f", "m"):
                female = data.FEMALE_SHARE[age]
                cells.append(
                    (
                        kato,
                        sex,
                        age,
                        people / everyone * data.AGE_SHARES[age] * (female if sex == "f" else 1 - female),
                    )
                )
    return cells


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
        for kato, area in (
            ("750000000", "Алматы, Алмалинский район, участки 12–14"),
            ("190000000", "Қонаев қ."),
        ):
            assignments.append(
                Assignment(
                    survey=survey,
                    interviewer=demo,
                    area=area,
                    region=world.regions.get(kato),
                    route="Каждая пятая квартира от угловой дома; в частном секторе — каждый третий дом.",
                    target=max(5, round(0.02 * n)),
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


# Responses -------------------------------------------------------------------------------------------------------


class Quotas:
    """The survey's quotas, counted as the responses are made: a completed response of a full cell is screened out."""

    def __init__(self, survey: Survey):
        self.quotas = list(survey.quotas.order_by("pk"))
        self.done = [0] * len(self.quotas)
        # Quotas on the same questions, found by the tuple of answers (one lookup a response, not one per quota).
        self.groups: dict[tuple, dict[tuple, list[int]]] = {}
        for index, quota in enumerate(self.quotas):
            names = tuple(sorted(quota.conditions))
            table = self.groups.setdefault(names, {})
            for values in itertools.product(*(quota.conditions[name] for name in names)):
                table.setdefault(values, []).append(index)

    def matching(self, answers: dict) -> list[int]:
        found = []
        for names, table in self.groups.items():
            found += table.get(tuple(answers.get(name) for name in names), [])
        return found

    def full(self, indices: list[int]) -> bool:
        return any(self.done[i] >= self.quotas[i].target for i in indices)

    def save(self) -> None:
        for quota, done in zip(self.quotas, self.done, strict=True):
            quota.completed = done
        Quota.objects.bulk_update(self.quotas, ["completed"], batch_size=1000)


def _pick(rng, weights: dict):
    x = rng.random() * sum(weights.values())
    for key, weight in weights.items():
        x -= weight
        if x <= 0:
            return key
    return key


def _level(value: float, cuts=(-0.9, 0.0, 0.9)) -> int:
    """A latent score on a 1..len(cuts)+1 scale."""
    return 1 + sum(value > cut for cut in cuts)


def _sample(rng, weights: dict, k: int) -> list:
    chosen = []
    pool = dict(weights)
    for _ in range(min(k, len(pool))):
        key = _pick(rng, pool)
        chosen.append(key)
        pool.pop(key)
    return chosen


REGION_MIX_NEEDS = {"750000000": 45, "190000000": 14, "790000000": 10, "710000000": 8}


def _needs_answers(world: World, rng) -> tuple[dict, dict, str, int]:
    """(answers, personal answers, language, duration): a person with a disability."""
    region = _pick(rng, {**{k: 1.0 for k in data.POPULATION}, **REGION_MIX_NEEDS})
    age = _pick(rng, {"18_29": 22, "30_44": 28, "45_59": 27, "60_plus": 23})
    sex = "f" if rng.random() < 0.54 else "m"
    group = _pick(rng, {"g1": 14, "g2": 38, "g3": 33, "child": 9, "none": 6})
    limits = _sample(
        rng,
        {"mobility": 45, "vision": 16, "hearing": 14, "intellectual": 8, "mental": 7, "chronic": 25},
        1 + (rng.random() < 0.35),
    )
    village = region not in ("750000000", "710000000", "790000000") and rng.random() < 0.45
    barriers_w = {
        "transport": 20,
        "buildings": 15,
        "streets": 15,
        "information": 8,
        "attitudes": 10,
        "jobs": 12,
    }
    if "mobility" in limits:
        barriers_w.update(buildings=45, streets=40, transport=40)
    if "hearing" in limits or "vision" in limits:
        barriers_w.update(information=40)
    barriers = _sample(rng, barriers_w, rng.choice((1, 2, 2, 3)))
    hardship = (0.8 if "mobility" in limits else 0) + (0.5 if village else 0) + (0.4 if group == "g1" else 0)
    answers = {
        "region": region,
        "sex": sex,
        "age_group": age,
        "disability_group": group,
        "limitations": limits,
        "barriers": barriers,
        "clinic_access": str(6 - _level(hardship + rng.gauss(0, 0.9), (-0.6, 0.2, 0.9, 1.6))),
        "transport_access": str(6 - _level(hardship + 0.3 + rng.gauss(0, 0.9), (-0.6, 0.2, 0.9, 1.6))),
    }
    if rng.random() < 0.04:
        answers["limitations"] = [*limits, "other"]
        answers["limitations_other"] = rng.choice(["Эпилепсия", "Сахарный диабет", "Аутизм"])
    taxi = (
        "yes" if rng.random() < (0.55 if "mobility" in limits else 0.15) else rng.choice(("no", "no", "dk"))
    )
    answers["social_taxi"] = taxi
    if taxi == "yes":
        answers["taxi_wait_days"] = min(
            30, max(0, int(rng.expovariate(1 / (6 if region == "750000000" else 3))))
        )
    answers["ipr"] = _pick(rng, {"full": 30, "part": 38, "no": 17, "none": 15 if group == "none" else 3})
    services_w = {
        "rehab": 30,
        "sign": 3,
        "assistant": 10,
        "prosthetics": 6,
        "sanatorium": 25,
        "psychologist": 12,
        "inclusive": 6,
        "job_help": 14,
    }
    if "hearing" in limits:
        services_w["sign"] = 60
    if "mobility" in limits:
        services_w.update(assistant=35, prosthetics=20)
    if group == "child":
        services_w["inclusive"] = 55
    answers["missing_services"] = _sample(rng, services_w, rng.choice((1, 2, 2, 3)))
    if group == "child":
        employment = "studying"
    elif age == "60_plus":
        employment = _pick(rng, {"retired": 80, "working": 8, "not_looking": 12})
    else:
        employment = _pick(
            rng,
            {
                "working": 26 if group != "g1" else 10,
                "looking": 22,
                "not_looking": 38,
                "studying": 8 if age == "18_29" else 1,
            },
        )
    answers["employment"] = employment
    base = 190_000 if employment == "working" else 120_000
    answers["income"] = float(round(rng.lognormvariate(math.log(base), 0.45), -3))
    content = -0.3 * hardship + (0.4 if employment == "working" else 0) + rng.gauss(0, 0.8)
    for name, offset in (
        ("op_health", 0.3),
        ("op_benefits", -0.5),
        ("op_education", -0.2),
        ("op_work", -0.8),
        ("op_akimat", -0.4),
    ):
        answers[name] = str(_level(content + offset + rng.gauss(0, 0.7), (-1.2, -0.4, 0.4, 1.2)))
    if rng.random() < 0.18:
        answers["priority"] = rng.choice(data.PRIORITIES)
    personal = {}
    answers["consent"] = "yes" if rng.random() < 0.35 else "no"
    if answers["consent"] == "yes":
        personal["phone"] = (
            f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        )
    language = "kk" if rng.random() < 0.42 else "ru"
    return answers, personal, language, int(rng.lognormvariate(math.log(600), 0.35))


KAZAKH_SPEAKING = {"430000000", "610000000", "230000000", "470000000", "310000000", "790000000", "330000000"}
RUSSIAN_SPEAKING = {"390000000", "590000000", "550000000", "350000000", "630000000", "110000000"}
ECOLOGY = {"750000000", "350000000", "550000000", "630000000", "100000000"}
TRUST_OFFSET = {
    "trust_akimat": 0.0,
    "trust_police": -0.2,
    "trust_courts": -0.45,
    "trust_ngo": 0.15,
    "trust_media": -0.1,
}
CELL_BIAS = {("m", "18_29"): 0.75, ("f", "45_59"): 1.2, ("f", "60_plus"): 1.3}


def _opinion_answers(world: World, rng) -> tuple[dict, dict, str, int]:
    region, sex, age = world.forced_cell
    village = region not in ("710000000", "750000000", "790000000") and rng.random() < 0.42
    education = _pick(
        rng,
        {
            "secondary": 30 if village else 18,
            "vocational": 34,
            "incomplete": 10 if age == "18_29" else 4,
            "higher": 20 if village else 38,
        },
    )
    if region in KAZAKH_SPEAKING:
        home = _pick(rng, {"kk": 75, "ru": 8, "both": 14, "other": 3})
    elif region in RUSSIAN_SPEAKING:
        home = _pick(rng, {"kk": 22, "ru": 55, "both": 20, "other": 3})
    else:
        home = _pick(rng, {"kk": 45, "ru": 25, "both": 27, "other": 3})
    income = min(
        5,
        max(
            1,
            round(2.7 + (0.6 if education == "higher" else 0) - (0.5 if village else 0) + rng.gauss(0, 0.85)),
        ),
    )
    p_better, p_worse = 0.06 + 0.07 * income, max(0.05, 0.5 - 0.09 * income)
    x = rng.random()
    situation = (
        "dk"
        if x < 0.05
        else "better"
        if x < 0.05 + p_better
        else "worse"
        if x < 0.05 + p_better + p_worse
        else "same"
    )
    trust = (
        rng.gauss(0, 1)
        + {"18_29": -0.25, "30_44": -0.1, "45_59": 0.1, "60_plus": 0.35}[age]
        + (0.2 if village else 0)
    )
    trust += {"better": 0.35, "worse": -0.35}.get(situation, 0)
    answers = {
        "region": region,
        "sex": sex,
        "age_group": age,
        "settlement": "village" if village else "city",
        "education": education,
        "home_language": home,
        "situation": situation,
        "income_level": str(income),
    }
    for name, offset in TRUST_OFFSET.items():
        if rng.random() < (0.1 if name == "trust_courts" else 0.05):
            answers[name] = "dk"
        else:
            answers[name] = str(_level(trust + offset + rng.gauss(0, 0.7)))
    problems = {
        "prices": 75,
        "jobs": 40 if village or age == "18_29" else 22,
        "housing": 35 if age == "18_29" and not village else 12,
        "health": 38 if age == "60_plus" else 18,
        "corruption": 30 if trust < -0.5 else 14,
        "ecology": 40 if region in ECOLOGY else 8,
        "roads": 38 if village else 14,
        "schools": 16 if age == "30_44" else 8,
    }
    answers["problems"] = _sample(rng, problems, rng.choice((2, 3, 3)))
    heard = rng.random() < 0.3 + (0.22 if education == "higher" else 0) + (0.08 if not village else 0)
    answers["ngo_heard"] = "yes" if heard else "no"
    if heard:
        answers["ngo_help"] = "yes" if rng.random() < 0.27 else "no"
    answers["volunteer"] = _pick(
        rng, {"often": 12 if age == "18_29" else 5, "sometimes": 30 if age == "18_29" else 20, "never": 60}
    )
    answers["petition"] = (
        "yes"
        if rng.random() < 0.1 + (0.1 if education == "higher" else 0) + (0.08 if age == "18_29" else 0)
        else "no"
    )
    if rng.random() < 0.04:
        answers["comment"] = rng.choice(data.COMMENTS)
    language = "kk" if home == "kk" or (home == "both" and rng.random() < 0.5) else "ru"
    return answers, {}, language, int(rng.lognormvariate(math.log(720), 0.3))


def _consultation_answers(world: World, rng) -> tuple[dict, dict, str, int]:
    role = _pick(rng, {"citizen": 50, "ngo": 28, "business": 6, "civil_servant": 10, "journalist": 6})
    region = _pick(rng, {**{k: 1.0 for k in data.POPULATION}, "710000000": 12, "750000000": 10})
    priorities = {
        "information": 30,
        "ngo_support": 55 if role == "ngo" else 15,
        "social_order": 50 if role == "ngo" else 12,
        "media": 45 if role == "journalist" else 14,
        "languages": 18,
        "culture": 20,
        "youth": 25 if role == "citizen" else 12,
    }
    heard = rng.random() < (0.6 if role in ("ngo", "civil_servant", "journalist") else 0.2)
    support = rng.gauss(0.5 if heard else 0, 1) + (0.6 if role == "civil_servant" else 0)
    channel = _pick(
        rng,
        {
            "social": 40,
            "website": 20 if role == "civil_servant" else 10,
            "ngo": 35 if role == "ngo" else 10,
            "news": 12,
            "friends": 15,
        },
    )
    answers = {
        "role": role,
        "region": region,
        "priorities": _sample(rng, priorities, rng.choice((1, 2, 3, 3))),
        "plan_support": str(_level(support, (-1.2, -0.4, 0.4, 1.2))),
        "stream": _pick(rng, {"yes": 78, "no": 8, "dk": 14}),
        "heard": "yes" if heard else "no",
        "channel": channel,
    }
    if rng.random() < 0.14:
        answers["proposal"] = rng.choice(data.PROPOSALS)
    return answers, {}, "kk" if rng.random() < 0.45 else "ru", int(rng.lognormvariate(math.log(240), 0.4))


def _evaluation_answers(world: World, rng) -> tuple[dict, dict, str, int]:
    size = _pick(rng, {"small": 45, "medium": 40, "large": 15})
    on_time = rng.random() < {"small": 0.62, "medium": 0.72, "large": 0.8}[size]
    ease = rng.gauss({"small": -0.3, "medium": 0.0, "large": 0.3}[size], 1)
    burden = rng.gauss(-0.3, 1)
    again = 0.5 * ease + 0.4 * burden + (0.6 if on_time else -0.6) + rng.gauss(0, 0.8)
    answers = {
        "org_kind": _pick(rng, {"association": 50, "foundation": 30, "institution": 12, "union": 8}),
        "region": _pick(rng, {k: v for k, v in data.POPULATION.items()}),
        "grant_size": size,
        "application_ease": str(_level(ease, (-1.2, -0.4, 0.4, 1.2))),
        "reporting": str(_level(burden, (-0.7, 0.2, 1.0))),
        "paid_on_time": "yes" if on_time else "no",
        "apply_again": "yes" if again > -0.3 else "no" if again < -1.2 else "dk",
    }
    if rng.random() < 0.25:
        answers["improve"] = rng.choice(data.IMPROVEMENTS)
    return answers, {}, "kk" if rng.random() < 0.4 else "ru", int(rng.lognormvariate(math.log(300), 0.35))


def _straightline(definition: dict, answers: dict, rng) -> None:
    """The respondent ticks the same choice down a block of questions of one list."""
    lists: dict[str, list[str]] = {}
    for node in form.questions(definition):
        if node["type"] == "select_one" and node["name"] in answers:
            lists.setdefault(node["list"], []).append(node["name"])
    name, run = max(lists.items(), key=lambda item: len(item[1]))
    if len(run) >= quality.STRAIGHT_RUN:
        value = answers[run[0]]
        for question in run:
            answers[question] = value


def _first_page(definition: dict, answers: dict) -> dict:
    """What an abandoned response holds: the answers of its first page."""
    names = {node["name"] for node in form.walk(form.pages(definition)[0])}
    return {k: v for k, v in answers.items() if k in names}


def _responses(world: World, survey: Survey, version: SurveyVersion, make, count: int) -> int:
    """`count` responses of the survey, written in batches; quotas counted, flags and reviews set."""
    rng, now = world.rng, world.now
    quotas = Quotas(survey)
    definition = version.definition
    opens = survey.opens_at or world.ago(30)
    ends = min(now, survey.closes_at) if survey.closes_at else now
    span = max(60.0, (ends - opens).total_seconds() - 3600)
    assignments: dict[str, list[Assignment]] = {}
    for assignment in survey.assignments.filter(active=True).order_by("pk"):
        assignments.setdefault(assignment.region.kato if assignment.region_id else "", []).append(assignment)
    interviewer_share = 0.85 if assignments else 0.0
    # An interviewer stops at the assignment's target; interviewer@ is two thirds of the way, with interviews
    # still to make (the workspace said "347 of 160 interviews done").
    demo = world.demo.get("interviewer@azamat.kz")
    cap = {
        a.pk: a.target * 2 // 3 if demo is not None and a.interviewer_id == demo.pk else a.target
        for here in assignments.values()
        for a in here
    }
    taken = dict.fromkeys(cap, 0)
    paper_share = 0.15 if Survey.Mode.PAPER in survey.modes else 0.0
    previous: list[dict] = []
    reviewed: list[tuple[int, str, str]] = []  # (row number, review, reason)
    tag = f"{survey.pk:x}"
    threshold = survey.min_seconds or 120
    closed = survey.status == Survey.Status.CLOSED
    n_pages = len(form.pages(definition))
    plan, weights = _plan(world, survey, count, closed) if survey.weight_questions else ([], {})

    def rows():
        nonlocal previous
        for i in range(count):
            if plan:
                world.forced_cell = plan[i][0]
            answers, personal, language, duration = make(world, rng)
            x = rng.random()
            flags = {"too_fast": False, "duplicate": False}
            same = [p for p in previous if not plan or _cell_of(p) == plan[i][0]]
            if same and x < 0.012:
                answers = dict(rng.choice(same))
                flags["duplicate"] = True
            elif x < 0.032:
                _straightline(definition, answers, rng)
            if rng.random() < 0.03:
                duration = rng.randint(max(20, threshold // 5), max(21, int(threshold * 0.8)))
            if len(previous) < 200:
                previous.append(answers)
            started = opens + datetime.timedelta(seconds=rng.random() * span)
            status = RS.IN_PROGRESS if rng.random() < (0.03 if closed else 0.07) else RS.COMPLETED
            if plan:
                status = plan[i][1]
            matching = quotas.matching(answers) if status != RS.IN_PROGRESS else []
            if not plan and matching and quotas.full(matching):
                status = RS.SCREENED_OUT
            mode, interviewer, assignment, device = Survey.Mode.OPEN, None, None, ""
            here = [a for a in assignments.get(answers.get("region", ""), []) if taken[a.pk] < cap[a.pk]]
            if here and rng.random() < interviewer_share:
                assignment = here[rng.randrange(len(here))]
                mode, interviewer = Survey.Mode.INTERVIEWER, assignment.interviewer_id
                taken[assignment.pk] += status == RS.COMPLETED
            elif rng.random() < paper_share:
                mode = Survey.Mode.PAPER
            else:
                device = keyed_digest("survey-device", f"{survey.pk}:{tag}-{i}")
            completed_at = duration_s = None
            fingerprint = ""
            too_fast = straight = duplicate = False
            review, reason = "", ""
            if status == RS.IN_PROGRESS:
                answers = _first_page(definition, answers)
                personal = {}
                page = 1
            elif status == RS.SCREENED_OUT:
                answers = {
                    k: answers[k] for k in ("region", "sex", "age_group", "disability_group") if k in answers
                }
                personal = {}
                page = 1
            else:
                page = n_pages
                duration_s = duration
                completed_at = min(now, started + datetime.timedelta(seconds=duration))
                fingerprint = quality.fingerprint(answers)
                too_fast = duration < threshold
                straight = quality.straightlining(definition, answers)
                duplicate = flags["duplicate"]
                for index in matching:
                    quotas.done[index] += 1
                if too_fast or straight or duplicate:
                    y = rng.random()
                    why = REASONS["duplicate" if duplicate else "straightlining" if straight else "too_fast"]
                    if y < 0.35:
                        review, reason = Response.Review.REJECTED, why
                    elif y < 0.5:
                        review, reason = Response.Review.ON_HOLD, HOLD_REASON
                elif rng.random() < 0.08:
                    review = Response.Review.APPROVED
                if review:
                    reviewed.append((i, review, reason))
            yield (
                survey.pk,
                version.pk,
                status,
                mode,
                language,
                json.dumps(answers, ensure_ascii=False),
                seal(json.dumps(personal, ensure_ascii=False)) if personal else "",
                page,
                f"s{tag}-{i:x}-{rng.getrandbits(96):024x}",
                device,
                None,
                interviewer,
                assignment.pk if assignment else None,
                answers.get("region", "") if isinstance(answers.get("region"), str) else "",
                started,
                completed_at or started + datetime.timedelta(seconds=min(duration, 900)),
                completed_at,
                duration_s,
                too_fast,
                straight,
                duplicate,
                fingerprint,
                review,
                reason,
                weights.get(_cell_of(answers), 1.0) if status == RS.COMPLETED else 1.0,
            )

    written = _insert(Response, COLUMNS, rows())
    quotas.save()
    _reviews(world, survey, reviewed)
    if world.citizen is not None and survey.status == Survey.Status.CLOSED:
        first = survey.responses.filter(status=RS.COMPLETED, mode=Survey.Mode.OPEN).order_by("pk").first()
        if first is not None:
            Response.objects.filter(pk=first.pk).update(respondent=world.citizen)
    return written


def _reviews(world: World, survey: Survey, reviewed: list[tuple[int, str, str]]) -> None:
    """A ReviewDecision for each reviewed response, by the survey's first manager."""
    if not reviewed:
        return
    by = survey.team.filter(role=SurveyMember.Role.MANAGER).order_by("pk").first().user
    tag = f"s{survey.pk:x}-"
    ids = dict(
        Response.objects.filter(survey=survey).exclude(review="").values_list("resume_token", "pk").iterator()
    )
    by_number = {int(token[len(tag) :].split("-")[0], 16): pk for token, pk in ids.items()}
    rows = (
        (
            by_number[i],
            review,
            reason,
            "{}",
            by.pk,
            world.now - datetime.timedelta(days=world.rng.random() * 5),
        )
        for i, review, reason in reviewed
        if i in by_number
    )
    _insert(
        ReviewDecision, ["response_id", "review", "reason", "changes", "decided_by_id", "decided_at"], rows
    )


def _cell_of(answers: dict) -> tuple:
    return (answers.get("region"), answers.get("sex"), answers.get("age_group"))


def _plan(world: World, survey: Survey, count: int, closed: bool) -> tuple[list[tuple], dict]:
    """For a weighted quota survey, each response's cell and status drawn first (the quotas screen out the late
    respondents of full cells), so that the post-stratification weights — each cell's population share over its
    share of the completed responses — are known when the rows are written: no UPDATE of a million rows after."""
    plan_rng = random.Random(world.rng.random())
    cells = _cells()
    keys = [(k, s, a) for k, s, a, _share in cells]
    cumulative = list(itertools.accumulate(share * CELL_BIAS.get((s, a), 1.0) for _k, s, a, share in cells))
    quotas = Quotas(survey)
    done: dict[tuple, int] = {}
    plan = []
    for _i in range(count):
        cell = plan_rng.choices(keys, cum_weights=cumulative)[0]
        status = RS.IN_PROGRESS if plan_rng.random() < (0.03 if closed else 0.07) else RS.COMPLETED
        if status == RS.COMPLETED:
            matching = quotas.matching(dict(zip(("region", "sex", "age_group"), cell, strict=True)))
            if matching and quotas.full(matching):
                status = RS.SCREENED_OUT
            else:
                for index in matching:
                    quotas.done[index] += 1
                done[cell] = done.get(cell, 0) + 1
        plan.append((cell, status))
    total = sum(done.values())
    shares = {(k, s, a): share for k, s, a, share in cells}
    weights = {cell: round(shares[cell] / (n / total), 6) for cell, n in done.items()}
    return plan, weights
