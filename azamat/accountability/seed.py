"""Three years of items addressed to government bodies, behaving as bodies do: some prompt, some chronically
late, a few never answering; some items forwarded, extended, disputed. Deadlines and numbers come from the
services' own rules (`services.deadlines`, `services.item_number`); the rows are written in bulk, with history,
because at national scale (500 items per unit of scale: 50,000 at scale 100) one service call per item would
take the generator an hour. The demo logins get real work: officer@ has appeals to answer (one overdue), a
milestone to mark done and a dispute to answer; ngo@'s organisation has an implemented item it may dispute."""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from azamat.accountability import services
from azamat.accountability.models import DeadlineRule, Dispute, Item, Milestone
from azamat.accounts.models import PlatformRole, User
from azamat.core.seeding import SeedContext, seeder
from azamat.core.working_days import add_working_days, is_working_day
from azamat.registry.models import GovernmentBody, Organisation

# (kind, rule, share)
MIX = [
    ("appeal", "appeal", 0.45),
    ("proposal", "problem", 0.2),
    ("recommendation", "public_control", 0.2),
    ("demand", "monitoring", 0.15),
]
# How bodies behave: (share of bodies, chance to answer, chance to answer on time when answering)
HABITS = [(0.35, 0.97, 0.92), (0.45, 0.9, 0.7), (0.2, 0.65, 0.35)]
TITLES = {
    "appeal": [
        ("Деректерге қол жеткізу туралы өтініш", "Обращение о доступе к данным"),
        ("Мемлекеттік қызмет көрсету мерзімі туралы", "О сроках оказания государственной услуги"),
        ("Аулаларды абаттандыру туралы өтініш", "Обращение о благоустройстве дворов"),
    ],
    "proposal": [
        (
            "ҮЕҰ-ға мемлекеттік гранттарды есепке алу тәртібін жеңілдету",
            "Упростить отчётность НПО по госгрантам",
        ),
        ("Әлеуметтік тапсырыс бойынша төлем мерзімдерін қысқарту", "Сократить сроки оплаты по соцзаказу"),
    ],
    "recommendation": [
        ("Сатып алу жоспарын ашық жариялау", "Опубликовать план закупок в открытом доступе"),
        ("Қоғамдық тыңдаулар өткізу", "Проводить общественные слушания по бюджету"),
    ],
    "demand": [
        ("Мүгедектігі бар адамдар үшін пандустар орнату", "Установить пандусы для людей с инвалидностью"),
        ("Мектептерде ауыз су сапасын тексеру", "Проверить качество питьевой воды в школах"),
    ],
}
YEARS = 3
ANSWER_TEXTS = {
    "accepted": "Ұсыныс қабылданды; іс-шаралар жоспары бекітіледі. / Предложение принято, план мероприятий утверждается.",
    "partial": "Ішінара қабылданды: бюджет шеңберінде. / Принято частично: в пределах бюджета.",
    "rejected": "Қабылданбады: мәселе органның құзыретіне жатпайды. / Отклонено: вопрос вне компетенции органа.",
}


def _next_working(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@seeder(80)
def seed_items(ctx: SeedContext) -> None:
    """Items to government bodies over three years, with answers, plans, extensions and disputes."""
    rng = ctx.rng
    today = timezone.localdate()
    rules = {rule.code: rule for rule in DeadlineRule.objects.all()}
    bodies = list(GovernmentBody.objects.order_by("pk"))
    habits = {}
    for body in bodies:
        pick, acc = rng.random(), 0.0
        for share, answers, on_time in HABITS:
            acc += share
            if pick <= acc:
                habits[body.pk] = (answers, on_time)
                break
        else:
            habits[body.pk] = HABITS[-1][1:]
    officers = _officers(ctx, bodies)
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    people = list(User.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    # Ministries and akimats of regions receive more than a district's akimat.
    weights = [{"republican": 6, "regional": 4, "city": 2}.get(body.level, 1) for body in bodies]
    total = ctx.count(500, minimum=200)
    span = YEARS * 365
    items, plans = [], []
    for _ in range(total):
        kind, code = _pick(rng, MIX)
        rule = rules[code]
        body = rng.choices(bodies, weights)[0]
        sent_on = _next_working(today - datetime.timedelta(days=int(span * (rng.random() ** 1.3))))
        if sent_on > today:
            sent_on = today
        dates = services.deadlines(rule, sent_on)
        kk, ru = rng.choice(TITLES[kind])
        item = Item(
            kind=kind,
            rule=rule,
            title=ru if rng.random() < 0.6 else kk,
            text=f"{ru}. {kk}.",
            body=body,
            region=body.region,
            organisation_id=rng.choice(organisations) if organisations and rng.random() < 0.7 else None,
            author_id=rng.choice(people) if people and rng.random() < 0.5 else None,
            is_public=rng.random() > 0.04,
            sent_on=sent_on,
            **dates,
        )
        answers, on_time = habits[body.pk]
        _answer(rng, item, today, answers, on_time)
        if item.outcome:
            item.answered_by_id = officers[body.pk]
        items.append(item)
        if item.outcome in ("accepted", "partial"):
            plans.append(item)
    bulk_create_with_history(items, Item, batch_size=2000)
    created = list(Item.objects.filter(number__isnull=True).order_by("pk"))
    for item in created:
        item.number = services.item_number(item)
    Item.objects.bulk_update(created, ["number"], batch_size=2000)
    _implementation(ctx, [i for i in created if i.outcome in ("accepted", "partial")], today)
    _demo(ctx, rules, today)
    ctx.log(f"  {len(created)} items to {len(bodies)} bodies")


def _officers(ctx: SeedContext, bodies: list) -> dict[int, int]:
    """An officer for every body (officer@ for the ministry's committee), who answers its items."""
    found = dict(
        PlatformRole.objects.filter(role=PlatformRole.Role.GOVERNMENT_OFFICER, body__isnull=False)
        .order_by("pk")
        .values_list("body_id", "user_id")
    )
    password = ctx.password_hash()
    for body in bodies:
        if body.pk not in found:
            user = User.objects.create(
                email=f"officer.{body.code}@gov.example.kz",
                full_name=f"{body.name_ru}: ответственный",
                password=password,
            )
            PlatformRole.objects.create(user=user, role=PlatformRole.Role.GOVERNMENT_OFFICER, body=body)
            found[body.pk] = user.pk
    return found


def _pick(rng, mix):
    pick, acc = rng.random(), 0.0
    for kind, code, share in mix:
        acc += share
        if pick <= acc:
            return kind, code
    return mix[-1][:2]


def _answer(rng, item: Item, today: datetime.date, answers: float, on_time: float) -> None:
    if rng.random() > answers:
        return  # never answered: overdue or long overdue by now, unless recent
    late = rng.random() > on_time
    if late:
        answered = item.due_on + datetime.timedelta(days=rng.randint(1, 40))
    else:
        answered = item.sent_on + datetime.timedelta(
            days=rng.randint(1, max(1, (item.due_on - item.sent_on).days))
        )
    answered = _next_working(answered)
    if answered > today:
        return  # not yet
    roll = rng.random()
    outcome = (
        "accepted" if roll < 0.5 else "partial" if roll < 0.7 else "rejected" if roll < 0.93 else "forwarded"
    )
    if outcome == "forwarded":
        outcome = "rejected"  # forwarding makes a second item: done by the demo step through the service
    item.outcome, item.answered_on = outcome, answered
    item.answer_text = ANSWER_TEXTS[outcome]


def _implementation(ctx: SeedContext, accepted: list[Item], today: datetime.date) -> None:
    """Milestones for accepted items: most done on time, some late, some still open; a few disputes."""
    rng = ctx.rng
    milestones, implemented, disputes = [], [], []
    for item in accepted:
        if rng.random() < 0.2:
            continue  # answered, no plan yet
        done_all = True
        last_done = None
        for step in range(rng.randint(1, 3)):
            due = _next_working(item.answered_on + datetime.timedelta(days=30 * (step + 1)))
            done = None
            if (due <= today or rng.random() < 0.3) and rng.random() < 0.8:
                done = min(today, _next_working(due - datetime.timedelta(days=rng.randint(-20, 10))))
                done = max(done, item.answered_on)
            if done is None:
                done_all = False
            else:
                last_done = max(last_done or done, done)
            milestones.append(
                Milestone(
                    item=item,
                    title=f"Кезең {step + 1} / Этап {step + 1}",
                    due_on=due,
                    done_on=done,
                    position=step,
                )
            )
        if done_all and last_done:
            item.implemented_on = last_done
            implemented.append(item)
            if rng.random() < 0.04:
                disputes.append(
                    Dispute(item=item, reasons="Іс жүзінде орындалмады. / Фактически не исполнено.")
                )
    bulk_create_with_history(milestones, Milestone, batch_size=2000)
    Item.objects.bulk_update(implemented, ["implemented_on"], batch_size=2000)
    bulk_create_with_history(disputes, Dispute, batch_size=2000)


def _demo(ctx: SeedContext, rules: dict, today: datetime.date) -> None:
    """Work for the demo logins, through the services."""
    body = GovernmentBody.objects.get(code="mci-civil-society")
    officer = User.objects.filter(email="officer@azamat.kz").first()
    ngo = ctx.data.get("demo_organisation")
    author = User.objects.filter(email="ngo@azamat.kz").first()
    if officer is None:
        return
    common = {"body": body, "organisation": ngo, "author": author, "quiet": True}
    services.item_send(
        kind="appeal",
        rule="appeal",
        title="Гранттық есептіліктің бірыңғай нысаны туралы",
        text="Мемлекеттік гранттар бойынша есептің бірыңғай нысанын бекітуді сұраймыз.",
        sent_on=_back(today, 4),
        **common,
    )
    services.item_send(
        kind="appeal",
        rule="appeal",
        title="О публикации реестра получателей грантов",
        text="Просим публиковать реестр получателей государственных грантов в машиночитаемом виде.",
        sent_on=_back(today, 25),
        **common,
    )
    planned = services.item_send(
        kind="proposal",
        rule="problem",
        title="Сократить сроки оплаты по государственному социальному заказу",
        text="Оплата выполненных работ задерживается на 2–3 месяца; предлагаем срок 10 рабочих дней.",
        sent_on=_back(today, 40),
        **common,
    )
    services.item_answer(item=planned, by=officer, outcome="accepted", text="", answered_on=_back(today, 30))
    services.milestone_add(
        item=planned,
        by=officer,
        title="Изменения в правила оплаты",
        due_on=_next_working(today + datetime.timedelta(days=14)),
    )
    disputed = services.item_send(
        kind="recommendation",
        rule="public_control",
        title="Қоғамдық кеңес отырыстарын онлайн көрсету",
        text="Қоғамдық кеңестің отырыстарын онлайн трансляциялау ұсынылады.",
        sent_on=_back(today, 90),
        **common,
    )
    services.item_answer(item=disputed, by=officer, outcome="accepted", text="", answered_on=_back(today, 70))
    step = services.milestone_add(
        item=disputed, by=officer, title="Трансляция іске қосылды", due_on=_back(today, 40)
    )
    services.milestone_done(milestone=step, by=officer, text="Трансляция сайтта.", done_on=_back(today, 45))
    if author:
        services.dispute_open(item=disputed, by=author, reasons="Соңғы екі отырыс көрсетілмеді.")
    done = services.item_send(
        kind="demand",
        rule="monitoring",
        title="Публиковать протоколы конкурсной комиссии",
        text="Протоколы публикуются с опозданием; требуем публиковать в течение 3 рабочих дней.",
        sent_on=_back(today, 120),
        **common,
    )
    services.item_answer(item=done, by=officer, outcome="accepted", text="", answered_on=_back(today, 100))
    step = services.milestone_add(
        item=done, by=officer, title="Приказ о сроках публикации", due_on=_back(today, 60)
    )
    services.milestone_done(
        milestone=step, by=officer, text="Приказ № 45 от министерства.", done_on=_back(today, 62)
    )


def _back(today: datetime.date, days: int) -> datetime.date:
    day = today - datetime.timedelta(days=days)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


@seeder(81)
def seed_forwarded_and_extended(ctx: SeedContext) -> None:
    """Some appeals forwarded to the competent body and some deadlines extended, through the services."""
    rng = ctx.rng
    today = timezone.localdate()
    bodies = list(GovernmentBody.objects.order_by("pk"))
    appeals = list(
        Item.objects.filter(
            kind="appeal", outcome="", parent__isnull=True, sent_on__gte=today - datetime.timedelta(days=400)
        )
        .select_related("rule", "body")
        .order_by("pk")[: ctx.count(10, minimum=6)]
    )
    for n, item in enumerate(appeals):
        officer = item.body.officers.filter(role="government_officer").select_related("user").first()
        by = officer.user if officer else None
        if n % 2 == 0:
            other = rng.choice([b for b in bodies if b.pk != item.body_id])
            on = add_working_days(item.sent_on, rng.randint(1, 4))
            if on <= today:
                services.item_forward(
                    item=item,
                    by=by,
                    to_body=other,
                    reason="Мәселе басқа органның құзыретінде. / Вопрос в компетенции другого органа.",
                    on=on,
                )
        elif item.due_on >= today:
            new_due = min(services.extension_limit(item), add_working_days(item.due_on, 10))
            while not is_working_day(new_due):
                new_due -= datetime.timedelta(days=1)
            if new_due > item.due_on:
                services.item_extend(
                    item=item,
                    by=by,
                    new_due_on=new_due,
                    reason="Қосымша тексеру қажет. / Требуется дополнительная проверка.",
                    decided_on=today,
                )


CHECKS = [
    (
        "Мемлекеттік қызметтердің онлайн қолжетімділігін қоғамдық мониторингтеу",
        "monitoring",
        "Онлайн қызметтердің үштен бірі мүгедектігі бар адамдарға қолжетімсіз. / Треть онлайн-услуг недоступна "
        "людям с инвалидностью.",
        (
            "Сайттарды қолжетімділік стандартына сәйкестендіру",
            "Привести сайты в соответствие стандарту доступности",
        ),
    ),
    (
        "Общественная экспертиза проекта правил предоставления государственных грантов",
        "expertise",
        "Проект не устанавливает сроки оплаты; критерии оценки не опубликованы. / Жобада төлем мерзімдері жоқ.",
        ("Бағалау критерийлерін жариялау", "Опубликовать критерии оценки заявок"),
    ),
    (
        "Облыстық бюджет жобасы бойынша қоғамдық тыңдау",
        "hearing",
        "Тыңдауға 140 адам қатысты; 23 ұсыныс түсті. / На слушаниях 140 участников, 23 предложения.",
        ("Бюджеттің азаматтық нұсқасын жариялау", "Публиковать гражданский бюджет"),
    ),
]


@seeder(82)
def seed_control_checks(ctx: SeedContext) -> None:
    """Public-control checks by NGOs: completed ones whose recommendations became items, and one under way
    for the demo's NGO (member@ leads it)."""
    from azamat.accountability import control

    today = timezone.localdate()
    rng = ctx.rng
    bodies = list(GovernmentBody.objects.filter(level__in=["republican", "regional"]).order_by("pk"))
    leads = list(
        User.objects.filter(memberships__status="active")
        .order_by("pk")
        .distinct()[: ctx.count(0.5, minimum=4)]
    )
    for n, lead in enumerate(leads):
        membership = lead.memberships.filter(status="active").select_related("organisation").first()
        subject, method, findings, (kk, ru) = CHECKS[n % len(CHECKS)]
        starts = _back(today, rng.randint(120, 700))
        body = rng.choice(bodies)
        check = control.check_create(
            by=lead,
            subject=subject,
            body=body,
            method=method,
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=60),
            organisation=membership.organisation,
            description="Қоғамдық бақылау туралы заң (2023) бойынша. / По Закону об общественном контроле (2023).",
        )
        control.check_findings_save(check=check, by=lead, findings=findings)
        control.recommendation_add(check=check, by=lead, body=body, title=ru, text=f"{ru}. {kk}.")
        done = _back(starts + datetime.timedelta(days=62), 0)
        control.check_complete(check=check, by=lead, completed_on=min(done, today))
        control.recommendations_send(check=check, by=lead, sent_on=min(done, today), quiet=True)
    member = User.objects.filter(email="member@azamat.kz").first()
    ngo = ctx.data.get("demo_organisation")
    if member and ngo:
        check = control.check_create(
            by=member,
            subject="Мектептердегі инклюзивті білім беру жағдайларын мониторингтеу",
            body=GovernmentBody.objects.get(code="edu"),
            method="monitoring",
            starts_on=_back(today, 20),
            ends_on=today + datetime.timedelta(days=40),
            organisation=ngo,
        )
        control.check_findings_save(
            check=check, by=member, findings="12 мектептің 7-інде пандус жоқ. / В 7 из 12 школ нет пандусов."
        )
