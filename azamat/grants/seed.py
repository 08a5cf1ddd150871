"""Grant data for the generator: experts, calls of every type in every phase, applications in every state,
scores, a finished tender commission, projects with tranches, payments (some late) and reports.

Scale 1 gives about 100 applications; scale 100 about 10,000, a year of the national programme.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from azamat.accounts.models import PlatformRole, User
from azamat.core.models import MonthlyIndex
from azamat.core.names import person_name
from azamat.core.seeding import SeedContext, seeder
from azamat.core.working_days import add_working_days
from azamat.grants.models import (
    Activity,
    AgendaItem,
    Application,
    Assignment,
    BudgetLine,
    Call,
    Commission,
    CommissionMember,
    Criterion,
    DeclarationConfirmation,
    Direction,
    Draw,
    ExpenditureLine,
    Expert,
    GrantType,
    Indicator,
    IndicatorActual,
    Payment,
    Project,
    Report,
    Score,
    Sitting,
    Tranche,
    Vote,
)
from azamat.grants.selectors_projects import TIYN
from azamat.registry.models import ActivityArea, GovernmentBody, Membership, Organisation, Region

# (Kazakh, Russian, English) priority directions.
DIRECTIONS = [
    ("Жастардың бастамаларын қолдау", "Поддержка молодёжных инициатив", "Support for youth initiatives"),
    (
        "Мүгедектігі бар адамдарды әлеуметтік оңалту",
        "Социальная реабилитация людей с инвалидностью",
        "Social rehabilitation of people with disabilities",
    ),
    (
        "Қоршаған ортаны қорғау және экологиялық ағарту",
        "Охрана окружающей среды и экологическое просвещение",
        "Environmental protection and education",
    ),
    (
        "Халықтың құқықтық сауаттылығын арттыру",
        "Повышение правовой грамотности населения",
        "Legal literacy of the population",
    ),
    ("Отбасылық құндылықтарды нығайту", "Укрепление семейных ценностей", "Strengthening family values"),
    (
        "Тұрмыстық зорлық-зомбылықтың алдын алу",
        "Профилактика бытового насилия",
        "Prevention of domestic violence",
    ),
    ("Егде жастағы адамдарды қолдау", "Поддержка пожилых людей", "Support for older people"),
    ("Медиасауаттылық", "Медиаграмотность", "Media literacy"),
    ("Ауылдық аумақтарды дамыту", "Развитие сельских территорий", "Rural development"),
    ("Волонтерлік қозғалысты дамыту", "Развитие волонтёрского движения", "Volunteering"),
    ("Салауатты өмір салтын насихаттау", "Пропаганда здорового образа жизни", "Healthy lifestyles"),
    ("Этносаралық келісімді нығайту", "Укрепление межэтнического согласия", "Interethnic accord"),
]

# Project title templates: (Kazakh, Russian); {town} is filled in.
TITLES = [
    ("{town}: «Бірге күштіміз» жобасы", "{town}: проект «Вместе мы сильнее»"),
    ("{town} жастарына арналған кәсіби бағдар орталығы", "Центр профориентации для молодёжи {town_ru}"),
    ("Инклюзивті шеберханалар — {town}", "Инклюзивные мастерские — {town_ru}"),
    ("Таза аула: {town} экологиялық акциялары", "Чистый двор: экологические акции в {town_ru}"),
    ("Ауылдағы заң кеңесі: {town}", "Юридическая приёмная на селе: {town_ru}"),
    ("Қауіпсіз үй: {town} дағдарыс орталығы", "Безопасный дом: кризисный центр {town_ru}"),
    ("Күміс жас: {town} қарттарына көмек", "Серебряный возраст: помощь пожилым {town_ru}"),
    ("Медиа мектебі: {town}", "Медиашкола: {town_ru}"),
]

# Each call: (code suffix, grant type, customer code, phase, share of applications, directions, region kato)
CALLS = [
    ("mangystau", "medium-term", "akimat-47", "results", 40, 4, "470000000"),
    ("ecology", "short-term", "ecology", "results", 15, 2, None),
    ("mfa", "short-term", "mfa", "review", 22, 3, None),
    ("mci-open", "short-term", "mci-civil-society", "open", 16, 4, None),
    ("social-order-almaty", "social-order", "akimat-75", "compliance", 12, 2, "750000000"),
    ("award", "award", "mci-civil-society", "review", 8, 1, None),
    ("labour-upcoming", "long-term", "labour", "discussion", 0, 3, None),
]

CATEGORY_SHARES = [
    ("salaries", "Жоба командасының еңбекақысы", Decimal("0.40")),
    ("taxes", "Салықтар мен аударымдар", Decimal("0.08")),
    ("rent", "Үй-жай жалдау", Decimal("0.10")),
    ("travel", "Іссапарлар", Decimal("0.08")),
    ("services", "Тренерлер мен сарапшылардың қызметтері", Decimal("0.24")),
    ("equipment", "Жабдықтар", Decimal("0.06")),
    ("other", "Басқа шығыстар", Decimal("0.04")),
]


def _money(value) -> Decimal:
    return Decimal(value).quantize(TIYN, rounding=ROUND_HALF_UP)


def _limits(grant_type: GrantType, day: datetime.date) -> tuple[Decimal, Decimal]:
    if grant_type.limits_in_mrp:
        mrp = MonthlyIndex.on(day)
        return grant_type.min_amount * mrp, grant_type.max_amount * mrp
    return grant_type.min_amount, grant_type.max_amount


def _experts(ctx: SeedContext, areas: list) -> list[Expert]:
    rng = ctx.rng
    count = max(24, round(5 * ctx.scale))
    password = ctx.password_hash()  # the demo password only with --demo-logins
    users = [
        User(email=f"expert{i:04d}@experts.example.kz", full_name=person_name(rng), password=password)
        for i in range(count)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    users = list(User.objects.filter(email__endswith="@experts.example.kz").order_by("email"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=1000
    )
    PlatformRole.objects.bulk_create(
        [PlatformRole(user=u, role=PlatformRole.Role.EXPERT) for u in users], batch_size=1000
    )
    experts = [
        Expert(
            user=u,
            languages=rng.choice([["kk", "ru"], ["kk", "ru"], ["ru"], ["kk"]]),
            max_load=rng.choice([20, 30, 40]),
            bio="Тәуелсіз сарапшы, ҮЕҰ жобаларын бағалау тәжірибесі бар.",
        )
        for u in users
    ]
    demo = User.objects.filter(email="expert@azamat.kz").first()
    if demo:
        experts.append(
            Expert(
                user=demo,
                languages=["kk", "ru"],
                max_load=40,
                bio="Әлеуметтік жобаларды бағалау бойынша 10 жылдық тәжірибе.",
            )
        )
    Expert.objects.bulk_create(experts, batch_size=1000)
    experts = list(Expert.objects.select_related("user").order_by("pk"))
    Through = Expert.areas.through
    Through.objects.bulk_create(
        [Through(expert_id=e.pk, activityarea_id=a.pk) for e in experts for a in rng.sample(areas, k=3)],
        batch_size=5000,
    )
    return experts


def _application_content(rng, organisation, town_kk, town_ru):
    kk, ru = rng.choice(TITLES)
    language = "kk" if rng.random() < 0.6 else "ru"
    title = (kk if language == "kk" else ru).format(town=town_kk, town_ru=town_ru)
    if language == "kk":
        summary = (
            f"{organisation.name_kk} {town_kk} қаласында нысаналы топқа тегін кеңестер, тренингтер "
            f"және волонтерлік іс-шаралар ұйымдастырады."
        )
        problem = (
            "Аймақта қызметтердің қолжетімділігі төмен, тұрғындар көмекті қайдан алуға болатынын білмейді."
        )
    else:
        summary = (
            f"{organisation.name_ru} проводит в городе {town_ru} бесплатные консультации, тренинги и "
            f"волонтёрские акции для целевой группы."
        )
        problem = "В регионе низкая доступность услуг, жители не знают, куда обратиться за помощью."
    return language, title, summary, problem


def _build_application(ctx, call, direction, organisation, number, status, lo, hi, created_by, submitted_at):
    rng = ctx.rng
    town = organisation.address.split(",")[0] if organisation.address else organisation.region.name_ru
    language, title, summary, problem = _application_content(rng, organisation, town, town)
    months = rng.randint(call.grant_type.min_months, min(call.grant_type.max_months, 18))
    amount = _money(Decimal(rng.uniform(float(lo), float(lo + (hi - lo) * Decimal("0.6")))))
    application = Application(
        number=number,
        call=call,
        direction=direction,
        organisation=organisation,
        created_by=created_by,
        status=status,
        language=language,
        title=title[:300],
        summary=summary,
        problem=problem,
        target_group="Жастар, мүгедектігі бар адамдар және олардың отбасылары"
        if language == "kk"
        else "Молодёжь, люди с инвалидностью и их семьи",
        goals="Қызметтерге қолжетімділікті арттыру" if language == "kk" else "Повысить доступность услуг",
        team="Жоба жетекшісі, үйлестіруші, заңгер, бухгалтер"
        if language == "kk"
        else "Руководитель проекта, координатор, юрист, бухгалтер",
        duration_months=months,
        submitted_at=submitted_at,
    )
    lines = []
    for category, description, share in CATEGORY_SHARES:
        quantity = Decimal(months if category in {"salaries", "taxes", "rent"} else rng.randint(1, 10))
        unit_cost = _money(amount * share / quantity)
        lines.append((category, description, quantity, unit_cost))
    return application, lines


@seeder(50)
def seed_grants(ctx: SeedContext) -> None:
    """Experts, calls in every phase, applications in every state, a commission, projects and payments."""
    rng = ctx.rng
    now = timezone.now()
    today = timezone.localdate()
    areas = list(ActivityArea.objects.all())
    experts = _experts(ctx, areas)
    operator_body = GovernmentBody.objects.get(code="cso-support-centre")
    operator_user = User.objects.filter(email="operator@azamat.kz").first()
    demo_org = ctx.data.get("demo_organisation")
    organisations = list(
        Organisation.objects.filter(is_alliance=False).select_related("region").order_by("pk")
    )
    by_region: dict[str, list] = {}
    for org in organisations:
        by_region.setdefault(org.region.kato, []).append(org)
    member_of = dict(
        Membership.objects.filter(role="admin", status="active").values_list("organisation_id", "user_id")
    )
    criteria: dict[int, list] = {}
    for criterion in Criterion.objects.all():
        criteria.setdefault(criterion.grant_type_id, []).append(criterion)

    phase_dates = {
        "results": (now - datetime.timedelta(days=420), now - datetime.timedelta(days=395)),
        "review": (now - datetime.timedelta(days=60), now - datetime.timedelta(days=32)),
        "compliance": (now - datetime.timedelta(days=40), now - datetime.timedelta(days=5)),
        "open": (now - datetime.timedelta(days=6), now + datetime.timedelta(days=21)),
        "discussion": (now + datetime.timedelta(days=30), now + datetime.timedelta(days=60)),
    }
    all_apps, all_lines = [], []
    call_apps: dict[str, list] = {}
    for suffix, type_code, customer_code, phase, share, n_directions, region_kato in CALLS:
        grant_type = GrantType.objects.get(code=type_code)
        opens_at, closes_at = phase_dates[phase]
        customer = GovernmentBody.objects.get(code=customer_code)
        region = Region.objects.get(kato=region_kato) if region_kato else None
        year = timezone.localtime(opens_at).year
        code = f"{year}-{suffix}"
        call = Call.objects.create(
            code=code,
            grant_type=grant_type,
            customer=customer,
            operator=operator_body,
            published=True,
            title_kk=f"{customer.name_kk}: {grant_type.name_kk.lower()} конкурсы, {year}",
            title_ru=f"{customer.name_ru}: конкурс — {grant_type.name_ru.lower()}, {year}",
            title_en=f"{customer.name_en or customer.name_ru}: {grant_type.name_en} call, {year}",
            description="Конкурс проводится оператором в соответствии с Правилами предоставления грантов.",
            opens_at=opens_at,
            closes_at=closes_at,
            results_published=phase == "results",
            discussion_until=add_working_days(today, 12) if phase == "discussion" else None,
            created_by=operator_user,
        )
        lo, hi = _limits(grant_type, timezone.localtime(opens_at).date())
        directions = []
        for position, (kk, ru, en) in enumerate(rng.sample(DIRECTIONS, k=n_directions)):
            planned = max(1, round(ctx.scale * share * 0.4 / n_directions)) if share else 3
            directions.append(
                Direction.objects.create(
                    call=call,
                    title_kk=kk,
                    title_ru=ru,
                    title_en=en,
                    position=position,
                    region=region,
                    planned_grants=planned,
                    budget=_money((lo + hi) / 3 * planned),
                )
            )
        count = ctx.count(share, minimum=0) if share else 0
        pool = by_region.get(region_kato, organisations) if region_kato else organisations
        chosen = (
            rng.sample(pool, k=min(count, len(pool))) if count <= len(pool) else rng.choices(pool, k=count)
        )
        if demo_org and phase in {"results", "review", "open"} and not region_kato and demo_org not in chosen:
            chosen[0:0] = [demo_org]
        apps = []
        for index, organisation in enumerate(chosen, start=1):
            status = _status_for(phase, rng, index)
            submitted = status != Application.Status.DRAFT
            number = f"KZ-{year}-{suffix}-{index:04d}" if submitted else None
            submitted_at = (closes_at - datetime.timedelta(hours=rng.randint(2, 400))) if submitted else None
            if demo_org and organisation == demo_org and phase == "open":
                status, number, submitted_at = Application.Status.DRAFT, None, None
            application, lines = _build_application(
                ctx,
                call,
                rng.choice(directions),
                organisation,
                number,
                status,
                lo,
                hi,
                User(pk=member_of[organisation.pk]) if organisation.pk in member_of else None,
                submitted_at,
            )
            apps.append(application)
            all_lines.append(lines)
        all_apps.extend(apps)
        call_apps[code] = (call, phase, apps)
    Application.objects.bulk_create(all_apps, batch_size=1000)
    _children(ctx, all_apps, all_lines)
    for call, phase, apps in call_apps.values():
        if phase in {"review", "results"}:
            _review(ctx, call, apps, experts, criteria[call.grant_type_id], phase)
        if phase == "results":
            _commission_and_projects(ctx, call, apps, today)
    ctx.log(f"  {len(all_apps)} applications in {len(call_apps)} calls, {len(experts)} experts")


def _status_for(phase: str, rng, index: int) -> str:
    S = Application.Status
    if phase == "open":
        return rng.choice([S.DRAFT, S.DRAFT, S.SUBMITTED])
    if phase == "compliance":
        return rng.choice([S.SUBMITTED, S.SUBMITTED, S.COMPLIANT, S.REJECTED, S.CLARIFICATION])
    if phase == "review":
        return rng.choice([S.COMPLIANT, S.COMPLIANT, S.REVIEWED, S.REJECTED])
    return S.REJECTED if rng.random() < 0.1 else S.REVIEWED  # decided in the commission below


def _children(ctx, apps, all_lines) -> None:
    rng = ctx.rng
    lines, indicators, activities = [], [], []
    for application, app_lines in zip(apps, all_lines, strict=True):
        for category, description, quantity, unit_cost in app_lines:
            lines.append(
                BudgetLine(
                    application=application,
                    category=category,
                    description=description,
                    quantity=quantity,
                    unit_cost=unit_cost,
                )
            )
        target = rng.choice([50, 120, 300, 500])
        indicators += [
            Indicator(
                application=application,
                kind="output",
                name="Қызмет алған адамдар саны",
                unit="адам",
                baseline=0,
                target=target,
            ),
            Indicator(
                application=application,
                kind="outcome",
                name="Қанағаттанған алушылар үлесі",
                unit="%",
                baseline=40,
                target=80,
            ),
        ]
        months = application.duration_months
        # Every activity within the project's months, also for a one- or two-month award.
        activities += [
            Activity(
                application=application,
                title="Нысаналы топты анықтау және жариялау",
                starts_month=1,
                ends_month=1,
            ),
            Activity(
                application=application,
                title="Тренингтер мен кеңестер",
                starts_month=min(2, months),
                ends_month=max(min(2, months), months - 1),
            ),
            Activity(
                application=application,
                title="Қорытынды іс-шара және есеп",
                starts_month=months,
                ends_month=months,
            ),
        ]
    BudgetLine.objects.bulk_create(lines, batch_size=5000)
    Indicator.objects.bulk_create(indicators, batch_size=5000)
    Activity.objects.bulk_create(activities, batch_size=5000)


def _review(ctx, call, apps, experts, criteria, phase) -> None:
    """Assign three experts per compliant application; score the reviewed ones."""
    rng = ctx.rng
    draw = Draw.objects.create(
        call=call, method=Draw.Method.RANDOM, seed=f"{call.code}-{ctx.seed}", quality=Decimal("0.000")
    )
    demo_expert = next((e for e in experts if e.user.email == "expert@azamat.kz"), None)
    assignments, plans = [], []
    for application in apps:
        if application.status not in {Application.Status.COMPLIANT, Application.Status.REVIEWED}:
            continue
        panel = [e for e in rng.sample(experts, k=4) if application.language in e.languages][:3]
        if demo_expert and phase == "review" and demo_expert not in panel and rng.random() < 0.5:
            panel = [demo_expert, *panel[:2]]
        for expert in panel:
            scored = application.status == Application.Status.REVIEWED or (
                rng.random() < 0.4 and expert is not demo_expert
            )
            assignment = Assignment(
                application=application,
                expert=expert,
                draw=draw,
                status=Assignment.Status.SUBMITTED if scored else Assignment.Status.ASSIGNED,
                submitted_at=timezone.now() if scored else None,
            )
            assignments.append(assignment)
            plans.append((assignment, scored))
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    scores, totals = [], {}
    for assignment, scored in plans:
        if not scored:
            continue
        quality = rng.uniform(0.45, 0.95)
        total = Decimal(0)
        for criterion in criteria:
            value = max(0, min(criterion.max_score, round(rng.gauss(quality * criterion.max_score, 1.2))))
            scores.append(
                Score(
                    assignment=assignment,
                    criterion=criterion,
                    value=value,
                    justification="Жоба мақсаттары айқын, бірақ бюджет негіздемесін нақтылау қажет."
                    if value < criterion.max_score * 0.7
                    else "Мақсаттар, іс-шаралар мен бюджет өзара байланысты және негізделген.",
                )
            )
            total += criterion.weight * value / criterion.max_score * 100
        totals.setdefault(assignment.application_id, []).append(total)
    Score.objects.bulk_create(scores, batch_size=5000)
    # Experts confirmed their declaration of conflicts before scoring.
    confirmed = {(a.expert.user_id, call.pk) for a, scored in plans if scored}
    DeclarationConfirmation.objects.bulk_create(
        [DeclarationConfirmation(person_id=user_id, call_id=call_id) for user_id, call_id in confirmed],
        ignore_conflicts=True,
    )
    reviewed = [a for a in apps if a.status == Application.Status.REVIEWED]
    for application in reviewed:
        values = totals.get(application.pk, [])
        application.final_score = _money(sum(values) / len(values)) if values else None
        if application.organisation_id == getattr(ctx.data.get("demo_organisation"), "pk", None):
            application.final_score = Decimal("91.40")  # the demo NGO wins, so its project can be walked
    Application.objects.bulk_update(reviewed, ["final_score"], batch_size=1000)


def _commission_and_projects(ctx, call, apps, today) -> None:
    rng = ctx.rng
    commission = Commission.objects.create(call=call)
    people = []
    for email, side, chair in [
        ("officer@azamat.kz", "government", True),
        ("operator@azamat.kz", "operator", False),
    ]:
        user = User.objects.filter(email=email).first()
        if user:
            people.append((user, side, chair))
    for side in ["government", "government", "operator", "ngo", "ngo", "ngo"]:
        user = User.objects.create(
            email=f"commission.{side}.{len(people)}.{call.code}@example.kz",
            full_name=person_name(rng),
            password=make_password(None),
        )
        people.append((user, side, False))
    members = [
        CommissionMember.objects.create(commission=commission, user=u, side=s, is_chair=c)
        for u, s, c in people
    ]
    DeclarationConfirmation.objects.bulk_create(
        [DeclarationConfirmation(person=u, call=call) for u, _s, _c in people], ignore_conflicts=True
    )
    sitting = Sitting.objects.create(
        commission=commission,
        starts_at=call.closes_at + datetime.timedelta(days=30),
        place="Ақтау қ., облыс әкімдігі, мәжіліс залы",
        stream_url="https://www.youtube.com/@azamat-demo",
        closed_at=call.closes_at + datetime.timedelta(days=30, hours=3),
    )
    sitting.present.set(members[:-1])
    ranked = sorted(
        (a for a in apps if a.status == Application.Status.REVIEWED),
        key=lambda a: (a.direction_id, -(a.final_score or 0)),
    )
    demo = ctx.data.get("demo_organisation")
    ranked.sort(
        key=lambda a: (a.direction_id, a.organisation_id != getattr(demo, "pk", None), -(a.final_score or 0))
    )
    used: dict[int, int] = {}
    awarded = []
    for rank, application in enumerate(ranked, start=1):
        support = used.get(application.direction_id, 0) < application.direction.planned_grants
        used[application.direction_id] = used.get(application.direction_id, 0) + (1 if support else 0)
        requested = application.requested_amount
        item = AgendaItem.objects.create(
            sitting=sitting,
            application=application,
            rank=rank,
            recommendation="support" if support else "reject",
            decision="awarded" if support else "rejected",
            amount=_money(requested * Decimal("0.95"))
            if support and rank % 5 == 0
            else (requested if support else None),
            reduction_reason="Жабдық шығындары қысқартылды" if support and rank % 5 == 0 else "",
        )
        Vote.objects.bulk_create(
            [
                Vote(item=item, member=m, choice="support" if support else "against", comment="")
                for m in members[:-1]
            ]
        )
        application.status = Application.Status.AWARDED if support else Application.Status.NOT_AWARDED
        if support:
            awarded.append((application, item.amount))
    Application.objects.bulk_update(ranked, ["status"], batch_size=1000)
    report_rows = {"actuals": [], "expenditures": []}
    for application, amount in awarded:
        ctx.data["agreements"] = ctx.data.get("agreements", 0) + 1
        _project(ctx, application, amount, ctx.data["agreements"], call, today, report_rows)
    IndicatorActual.objects.bulk_create(report_rows["actuals"], batch_size=5000)
    ExpenditureLine.objects.bulk_create(report_rows["expenditures"], batch_size=5000)


def _report_figures(rng, report, project, period_end, rows) -> None:
    """Indicator actuals and spending of a submitted report: towards the targets and the plan in proportion to
    the time covered, with the spread real projects show (some fall short, some overspend)."""
    total_days = max(1, (project.ends_on - project.starts_on).days)
    share = min(Decimal(1), Decimal((period_end - project.starts_on).days) / Decimal(total_days))
    application = project.application
    for indicator in application.indicators.all():
        progress = share * Decimal(str(round(rng.uniform(0.6, 1.25), 2)))
        actual = indicator.baseline + (indicator.target - indicator.baseline) * progress
        # Whole numbers stay whole (people, events); percentages and amounts keep their decimals.
        whole = indicator.target == indicator.target.to_integral_value() and indicator.unit != "%"
        actual = actual.quantize(Decimal(1), rounding=ROUND_HALF_UP) if whole else _money(actual)
        rows["actuals"].append(IndicatorActual(report=report, indicator=indicator, actual=actual))
    lines = list(application.budget_lines.all())
    planned = sum((line.quantity * line.unit_cost for line in lines), Decimal(0)) or TIYN
    spent = [
        _money(
            line.quantity
            * line.unit_cost
            * project.amount
            / planned
            * share
            * Decimal(str(round(rng.uniform(0.8, 1.12), 2)))
        )
        for line in lines
    ]
    if report.simplified and lines:  # a simplified report gives one total, kept on the first budget line
        rows["expenditures"].append(ExpenditureLine(report=report, budget_line=lines[0], spent=sum(spent)))
    else:
        rows["expenditures"] += [
            ExpenditureLine(report=report, budget_line=line, spent=value)
            for line, value in zip(lines, spent, strict=True)
        ]


def _project(ctx, application, amount, number, call, today, report_rows) -> None:
    rng = ctx.rng
    grant_type = call.grant_type
    signed_on = timezone.localtime(call.closes_at).date() + datetime.timedelta(days=45)
    starts_on = signed_on + datetime.timedelta(days=7)
    months = application.duration_months
    ends_on = starts_on + datetime.timedelta(days=30 * months)
    project = Project.objects.create(
        application=application,
        agreement_number=f"AG-{signed_on.year}-{number:05d}",
        amount=amount,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    percents = grant_type.tranche_percents or [100]
    amounts = [_money(amount * Decimal(p) / 100) for p in percents]
    amounts[-1] += amount - sum(amounts)
    tranches = [
        Tranche.objects.create(
            project=project,
            number=i + 1,
            amount=a,
            is_advance=i == 0,
            due_on=add_working_days(signed_on, grant_type.advance_due_working_days) if i == 0 else None,
        )
        for i, a in enumerate(amounts)
    ]
    late_days = rng.choice([0, 0, 0, 5, 12, 30])
    Payment.objects.create(
        tranche=tranches[0],
        amount=tranches[0].amount,
        paid_on=tranches[0].due_on + datetime.timedelta(days=late_days),
    )
    reports = [
        (starts_on + datetime.timedelta(days=30 * m), "interim")
        for m in grant_type.report_months
        if m < months
    ]
    reports.append((ends_on, "final"))
    next_tranche = 1
    for due, kind in reports:
        due_on = add_working_days(due, 10)
        if due_on < today - datetime.timedelta(days=20):
            status = rng.choice(["approved", "approved", "approved", "submitted"])
        else:
            status = "due"
        if status == "approved" and next_tranche < len(tranches):
            tranche = tranches[next_tranche]
            tranche.due_on = add_working_days(
                due_on + datetime.timedelta(days=7), grant_type.advance_due_working_days
            )
            tranche.save(update_fields=["due_on"])
            Payment.objects.create(
                tranche=tranche,
                amount=tranche.amount,
                paid_on=tranche.due_on + datetime.timedelta(days=rng.choice([0, 0, 3, 18, 40])),
            )
            next_tranche += 1
        submitted_at = None
        if status != "due":  # most reports on time, some a few days late
            day = due_on + datetime.timedelta(days=rng.choice([-6, -3, -1, 0, 0, 4, 11]))
            submitted_at = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(rng.randint(9, 18)))
            )
        report = Report.objects.create(
            project=project,
            kind=kind,
            due_on=due_on,
            status=status,
            simplified=amount <= grant_type.simplified_report_up_to,
            submitted_at=submitted_at,
            narrative="Жоспарланған іс-шаралар толық өткізілді." if status != "due" else "",
            public_summary="Жоба аясында 300-ден астам адам тегін кеңес алды." if status != "due" else "",
        )
        if status != "due":
            _report_figures(rng, report, project, due, report_rows)
