"""The 262 public councils of Kazakhstan in their real proportions (25 central, 20 regional and cities of republican
significance, 38 city, 168 district, 11 quasi-public; at scale 100, fewer below it), ~3,400 members, three years of
meetings with agendas, attendance, minutes and decisions; recommendations go to government bodies through the
accountability module (`decision_record`), and some are answered by the bodies' officers. Everything through the
services, with the demo's secretary@ keeping a council at the Ministry of Culture and Information: a meeting held
yesterday whose attendance and minutes wait for her, and the next one on the calendar. The second council's term
ends in three weeks: its members have accounts, and its rotation list of candidates (declarations made, one
candidate related to an official of the body, one who never declared) was frozen a month ago for the members'
secret election, which the voting generator holds."""

import datetime
from collections import Counter

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils import timezone

from azamat.accountability import services as accountability
from azamat.accounts.models import PlatformRole, User
from azamat.core.names import person_name
from azamat.core.seeding import SeedContext, seeder
from azamat.core.working_days import add_working_days, is_working_day
from azamat.councils.candidate_models import Candidate, CandidateList, Relation
from azamat.councils.candidate_selectors import rotation_opens_on
from azamat.councils.data.places import CITIES, QUASI_PUBLIC, districts
from azamat.councils.models import DEFAULT_SIZES, Council, Level, Meeting, Member
from azamat.councils.services import candidates as candidate_services
from azamat.councils.services import councils as council_services
from azamat.councils.services import meetings as meeting_services
from azamat.councils.services import members as member_services
from azamat.councils.services import proposals as proposal_services
from azamat.registry.models import GovernmentBody, Organisation, Region

# Councils per level at national scale (scale 100).
NATIONAL = {
    Level.CENTRAL: 25,
    Level.REGIONAL: 17,
    Level.REPUBLICAN_CITY: 3,
    Level.CITY: 38,
    Level.DISTRICT: 168,
    Level.QUASI_PUBLIC: 11,
}
MEETINGS_PER_YEAR = 4
TERM_YEARS = 3
AGENDA = [
    ("Мемлекеттік қызметтердің сапасы туралы", "О качестве государственных услуг"),
    ("Бюджеттік бағдарламалардың жобаларын талқылау", "Обсуждение проектов бюджетных программ"),
    ("Азаматтардың өтініштерін қарау тәжірибесі", "О практике рассмотрения обращений граждан"),
    ("Нормативтік құқықтық актілердің жобалары", "Проекты нормативных правовых актов"),
    ("Органның жылдық есебін тыңдау", "Заслушивание годового отчёта органа"),
    ("Қоғамдық бақылау нәтижелері", "Итоги общественного контроля"),
]
RECOMMENDATIONS = [
    (
        "Сатып алу жоспарын ашық деректер порталында жариялау",
        "Публиковать план закупок на портале открытых данных",
    ),
    ("Өтініштерді қарау мерзімдерін сақтауды күшейту", "Усилить контроль за сроками рассмотрения обращений"),
    (
        "Бюджеттік бағдарламаларды қоғамдық тыңдауға шығару",
        "Выносить бюджетные программы на общественные слушания",
    ),
    (
        "Мүгедектігі бар адамдар үшін ғимараттардың қолжетімділігін қамтамасыз ету",
        "Обеспечить доступность зданий для людей с инвалидностью",
    ),
    ("Қоғамдық кеңес отырыстарын онлайн көрсету", "Транслировать заседания общественного совета онлайн"),
]
COMMITTEES = [  # (kk, ru, en)
    (
        "Бюджет және қаржы мәселелері жөніндегі комиссия",
        "Комиссия по бюджету и финансам",
        "Budget and finance",
    ),
    ("Әлеуметтік мәселелер жөніндегі комиссия", "Комиссия по социальным вопросам", "Social affairs"),
    ("Қоғамдық бақылау жөніндегі комиссия", "Комиссия по общественному контролю", "Public oversight"),
]
SECRETARY = "secretary@azamat.kz"
ENDING = 1  # the council (in the order made) whose term ends in three weeks and whose rotation list is frozen
ROTATION_CANDIDATES = [
    ("Ахметова Динара Серікқызы", "Правовая помощь жителям сёл и мониторинг государственных услуг."),
    ("Серікбаев Нұрлан Маратұлы", "Он ведёт общественный контроль за бюджетными программами района."),
    ("Ковалёва Ирина Викторовна", "Работает с молодёжью и волонтёрами десять лет."),
    ("Тоқтарова Әйгерім Қайратқызы", "Защищает права людей с инвалидностью, знает доступную среду."),
    ("Волков Сергей Петрович", "Экономист, готовит экспертизу проектов нормативных актов."),
]
RELATED = ("Жұмабаев Ерлан Асқарұлы", "Он — двоюродный брат заместителя руководителя органа.")
UNDECLARED = ("Ким Олег Вячеславович", "Предприниматель, член общественного совета прошлого созыва.")


def _working(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@seeder(75)
def seed_council_bodies(ctx: SeedContext) -> None:
    """The akimats of cities and districts and the quasi-public companies that have public councils."""
    regions = {region.kato: region for region in Region.objects.all()}
    made = []
    for kato, cities in CITIES.items():
        for kk, ru in cities:
            made.append(
                GovernmentBody(
                    code=f"akimat-city-{kato[:2]}-{len(made)}",
                    name_kk=f"{kk} қаласының әкімдігі",
                    name_ru=f"Акимат города {ru}",
                    name_en=f"Akimat of {ru}",
                    kind=GovernmentBody.Kind.AKIMAT,
                    level=GovernmentBody.Level.CITY,
                    region=regions[kato],
                )
            )
    # Several regions have a district of the same name (Жамбыл in three): those are named with their region,
    # or lists and choices would show the same name twice.
    named = Counter(name for kato in regions for name in districts(kato))
    for kato, region in regions.items():
        for name in districts(kato):
            kk, ru, en = f"{name} ауданының әкімдігі", f"Акимат района «{name}»", f"Akimat of {name} district"
            if named[name] > 1:
                kk, ru, en = f"{region.name_kk} {kk}", f"{ru} ({region.name_ru})", f"{en}, {region.name_en}"
            made.append(
                GovernmentBody(
                    code=f"akimat-district-{kato[:2]}-{len(made)}",
                    name_kk=kk,
                    name_ru=ru,
                    name_en=en,
                    kind=GovernmentBody.Kind.AKIMAT,
                    level=GovernmentBody.Level.DISTRICT,
                    region=regions[kato],
                )
            )
    for code, kk, ru in QUASI_PUBLIC:
        made.append(
            GovernmentBody(
                code=code,
                name_kk=kk,
                name_ru=ru,
                name_en=ru,
                kind=GovernmentBody.Kind.QUASI_PUBLIC,
                level=GovernmentBody.Level.REPUBLICAN,
            )
        )
    existing = set(GovernmentBody.objects.values_list("code", flat=True))
    new = [body for body in made if body.code not in existing]
    for body in new:
        body.fill_derived()
    GovernmentBody.objects.bulk_create(new)


def _bodies_by_level() -> dict[str, list[GovernmentBody]]:
    bodies = GovernmentBody.objects.select_related("region").order_by("pk")
    central = list(bodies.filter(level="republican", kind__in=["ministry", "committee", "agency"]))
    central.sort(key=lambda b: (b.code != "mci", b.kind != "ministry", b.pk))  # the demo's council first
    return {
        Level.CENTRAL: central,
        Level.REGIONAL: list(bodies.filter(level="regional", kind="akimat")),
        Level.REPUBLICAN_CITY: list(bodies.filter(level="city", kind="akimat", region__kind="city")),
        Level.CITY: list(bodies.filter(level="city", kind="akimat").exclude(region__kind="city")),
        Level.DISTRICT: list(bodies.filter(level="district", kind="akimat")),
        Level.QUASI_PUBLIC: list(bodies.filter(kind="quasi_public")),
    }


@seeder(85)
def seed_councils(ctx: SeedContext) -> None:
    """Public councils with members, committees, three years of meetings, minutes and decisions."""
    today = timezone.localdate()
    secretary = User.objects.filter(email=SECRETARY).first()
    ngo_admin = User.objects.filter(email="ngo@azamat.kz").first()
    organisations = list(Organisation.objects.order_by("pk")[:5000])
    officers = dict(
        PlatformRole.objects.filter(role="government_officer", body__isnull=False).values_list(
            "body_id", "user_id"
        )
    )
    by_level = _bodies_by_level()
    councils = 0
    for level, national in NATIONAL.items():
        count = min(len(by_level[level]), max(1, round(national * ctx.scale / 100)))
        for body in by_level[level][:count]:
            ending = councils == ENDING
            council = _council(ctx, level, body, today, ending=ending)
            demo = councils == 0
            if demo and secretary:
                council_services.secretary_appoint(
                    council=council, user=secretary, by=None, check_permission=False
                )
            # The ending council and secretary@'s: their civil members have accounts, the roll of their elections.
            accounts = ending or demo
            _members(ctx, council, organisations, demo_member=ngo_admin if demo else None, accounts=accounts)
            _meetings(ctx, council, today, officers, demo=demo)
            if demo and ngo_admin:
                _demo_proposal(council, ngo_admin)
            if ending:
                _rotation(ctx, council, organisations, today)
            councils += 1
    ctx.log(f"  {councils} councils, {Member.objects.count()} members, {Meeting.objects.count()} meetings")


def _demo_proposal(council: Council, member_user: User) -> None:
    """ngo@'s proposed recommendation, waiting for secretary@: to put on the next meeting's agenda or decline."""
    proposal_services.proposal_submit(
        council=council,
        title="Опубликовать проект плана работы министерства с НПО на 2027 год до его утверждения",
        text=(
            "Предлагаю рекомендовать министерству размещать проект плана на открытом портале и обсуждать его с "
            "некоммерческими организациями не менее 10 рабочих дней: в этом году план утвердили без обсуждения, "
            "и два направления поддержки НПО из него выпали."
        ),
        body=council.body,
        by=member_user,
    )


def _council(
    ctx: SeedContext, level: str, body: GovernmentBody, today: datetime.date, *, ending: bool = False
) -> Council:
    rng = ctx.rng
    starts = today - datetime.timedelta(days=rng.randint(600, 1000))
    if ending:  # the term ends in about three weeks
        ends = today + datetime.timedelta(days=rng.randint(18, 25))
        starts = _years_later(ends, -TERM_YEARS) + datetime.timedelta(days=1)
    ends = _years_later(starts, TERM_YEARS) - datetime.timedelta(days=1)
    council = council_services.council_create(
        by=None,
        check_permission=False,
        name_kk=f"{body.name_kk} жанындағы қоғамдық кеңес",
        name_ru=f"Общественный совет при {_dative(body.name_ru)}",
        name_en=f"Public council at {body.name_en or body.name_ru}",
        level=level,
        body=body,
        region=body.region,
        term_starts_on=starts,
        term_ends_on=ends,
        about="Қоғамдық кеңес азаматтық қоғам мен мемлекеттік органның диалог алаңы. / "
        "Общественный совет — площадка диалога гражданского общества и государственного органа.",
        email=f"council.{body.code}@example.kz",
    )
    council_services.council_publish(council=council, by=None, check_permission=False, at=timezone.now())
    return council


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _dative(name_ru: str) -> str:
    """«при Министерстве …», «при акимате …»: the first word in the prepositional case, enough for these names."""
    first, _, rest = name_ru.partition(" ")
    forms = {
        "Министерство": "Министерстве",
        "Комитет": "Комитете",
        "Акимат": "акимате",
        "Агентство": "Агентстве",
    }
    if first in forms:
        return f"{forms[first]} {rest}"
    return name_ru


def _members(
    ctx: SeedContext, council: Council, organisations: list, demo_member=None, *, accounts: bool = False
) -> None:
    """Its seats: a third for the state body, the rest for NGOs and citizens; with `accounts` each civil member
    has an account on Azamat (the members who vote in the council's elections)."""
    rng = ctx.rng
    low, high = DEFAULT_SIZES[council.level]
    size = rng.randint(low, min(high, low + 8))
    state_seats = (size - 1) // 3  # still within the share after one civil member leaves
    committees = [
        member_services.committee_add(
            council=council, name_kk=kk, name_ru=ru, name_en=en, by=None, check_permission=False
        )
        for kk, ru, en in COMMITTEES[: rng.randint(1, 3)]
    ]
    demo_organisation = None
    if demo_member is not None:
        membership = demo_member.memberships.filter(status="active").select_related("organisation").first()
        demo_organisation = membership.organisation if membership else None
    used = {demo_organisation.pk} if demo_organisation else set()  # its seat is kept for ngo@
    seats = []
    for n in range(size - state_seats):
        role = {0: Member.Role.CHAIR, 1: Member.Role.DEPUTY_CHAIR, 2: Member.Role.SECRETARY}.get(
            n, Member.Role.MEMBER
        )
        if n == 3 and demo_member is not None:
            organisation = demo_organisation
            user = demo_member
            name = demo_member.full_name
        else:
            organisation, user, name = None, None, person_name(rng)
        if organisation is None and rng.random() < 0.8 and len(used) < len(organisations):
            organisation = rng.choice(organisations)
            while organisation.pk in used:
                organisation = rng.choice(organisations)
        if organisation is not None:
            used.add(organisation.pk)
        if accounts and user is None:
            user = _account(ctx, name, f"council{council.pk}.member{n + 1}@example.kz")
        seats.append(
            dict(
                full_name=name,
                user=user,
                role=role,
                represents=Member.Represents.NGO if organisation else Member.Represents.CITIZEN,
                organisation=organisation,
                committees=[rng.choice(committees)] if committees and rng.random() < 0.6 else [],
            )
        )
    for _ in range(state_seats):
        seats.append(
            dict(
                full_name=person_name(rng),
                role=Member.Role.MEMBER,
                represents=Member.Represents.STATE,
                state_body=council.body,
                position="Бөлім басшысы / Руководитель отдела",
            )
        )
    for seat in seats:
        member_services.member_add(
            council=council, joined_on=council.term_starts_on, by=None, check_permission=False, **seat
        )
    # A member who left, with the date and the reason (history is kept) — only where the council stays within its
    # level's minimum after the seat is empty.
    leaving = council.members.filter(role=Member.Role.MEMBER, user__isnull=True).order_by("pk").first()
    if leaving is not None and rng.random() < 0.5 and size > low:
        member_services.member_leave(
            member=leaving,
            by=None,
            left_on=council.term_starts_on + datetime.timedelta(days=rng.randint(100, 500)),
            reason="Өз өтініші бойынша / По собственному желанию",
            check_permission=False,
        )


def _account(ctx: SeedContext, name: str, email: str) -> User:
    user = User.objects.create(email=email, full_name=name, password=ctx.password_hash())
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _rotation(ctx: SeedContext, council: Council, organisations: list, today: datetime.date) -> None:
    """The council's secretary opened the rotation list when rotation opened (six weeks ago), registered the
    candidates with their declarations, and froze the list four weeks ago; the opening and freezing moments are then
    dated as they happened (the services stamp now)."""
    rng = ctx.rng
    secretary = _account(ctx, person_name(rng), f"council{council.pk}.secretary@example.kz")
    council_services.secretary_appoint(council=council, user=secretary, by=None, check_permission=False)
    opened = max(today - datetime.timedelta(days=42), rotation_opens_on(council))
    frozen = today - datetime.timedelta(days=28)
    candidate_list = candidate_services.candidate_list_open(
        council=council, kind=CandidateList.Kind.ROTATION, by=secretary, today=opened
    )
    seated = set(council.members.exclude(organisation=None).values_list("organisation", flat=True))
    free = [organisation for organisation in organisations if organisation.pk not in seated]
    people = [*ROTATION_CANDIDATES, RELATED, UNDECLARED]
    for n, (name, motivation) in enumerate(people):
        organisation = free.pop(rng.randrange(len(free))) if free and n % 3 != 2 else None
        candidate = candidate_services.candidate_add(
            candidate_list=candidate_list,
            full_name=name,
            represents=Candidate.Represents.NGO if organisation else Candidate.Represents.CITIZEN,
            organisation=organisation,
            motivation=motivation,
            by=secretary,
        )
        if (name, motivation) == RELATED:
            candidate_services.relation_declare(
                candidate=candidate,
                kind=Relation.Kind.KIN,
                official_name="Жұмабаев Асқар Ерланұлы",
                official_position="Заместитель руководителя",
                relation="Двоюродный брат",
                by=secretary,
            )
        elif (name, motivation) != UNDECLARED:
            candidate_services.declaration_make(candidate=candidate, by=secretary)
    candidate_services.candidate_list_freeze(candidate_list=candidate_list, by=secretary, on=frozen)
    CandidateList.objects.filter(pk=candidate_list.pk).update(
        opened_at=_at(opened), frozen_at=_at(frozen, 17)
    )
    Candidate.objects.filter(candidate_list=candidate_list).update(
        created_at=_at(opened + datetime.timedelta(days=3))
    )


def _meetings(
    ctx: SeedContext, council: Council, today: datetime.date, officers: dict, *, demo: bool
) -> None:
    rng = ctx.rng
    day = _working(council.term_starts_on + datetime.timedelta(days=30))
    members = list(council.members.all())
    while day < today - datetime.timedelta(days=2):
        _held_meeting(ctx, council, day, members, officers)
        day = _working(day + datetime.timedelta(days=int(365 / MEETINGS_PER_YEAR) + rng.randint(-15, 15)))
    if demo:  # yesterday's meeting waits for the secretary's record; the next one is on the calendar
        yesterday = today - datetime.timedelta(days=1)
        while not is_working_day(yesterday):
            yesterday -= datetime.timedelta(days=1)
        meeting_services.meeting_schedule(
            council=council,
            starts_at=_at(yesterday),
            ends_at=_at(yesterday, 12),
            place="Астана, «Министрліктер үйі», 5-кіреберіс, 312-зал",
            agenda=[AGENDA[0][0], AGENDA[1][1]],
            by=None,
            check_permission=False,
        )
    upcoming = today + datetime.timedelta(days=rng.randint(7, 40))
    upcoming = _working(min(upcoming, council.term_ends_on - datetime.timedelta(days=5)))
    meeting_services.meeting_schedule(
        council=council,
        starts_at=_at(upcoming),
        ends_at=_at(upcoming, 12),
        place="Әкімдік ғимараты, мәжіліс залы / Здание акимата, зал заседаний",
        agenda=[rng.choice(AGENDA)[0], rng.choice(AGENDA)[1]],
        by=None,
        check_permission=False,
    )


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _held_meeting(
    ctx: SeedContext, council: Council, day: datetime.date, members: list, officers: dict
) -> None:
    rng = ctx.rng
    agenda = rng.sample(AGENDA, 2)
    meeting = meeting_services.meeting_schedule(
        council=council,
        starts_at=_at(day),
        ends_at=_at(day, 12),
        place="Мәжіліс залы / Зал заседаний",
        agenda=[kk if rng.random() < 0.5 else ru for kk, ru in agenda],
        by=None,
        check_permission=False,
    )
    seated = [m for m in members if m.joined_on <= day and (m.left_on is None or m.left_on >= day)]
    statuses = {m: rng.choices(["present", "absent", "excused"], weights=[80, 8, 12])[0] for m in seated}
    meeting_services.attendance_record(meeting=meeting, statuses=statuses, by=None, check_permission=False)
    kk, ru = rng.choice(RECOMMENDATIONS)
    addressees = [council.body]
    decision = meeting_services.decision_record(
        meeting=meeting,
        kind="recommendation",
        title=ru if rng.random() < 0.6 else kk,
        text=f"{ru}. {kk}.",
        by=None,
        addressees=addressees,
        proposed_by=_proposer(rng, seated),
        due_on=add_working_days(day, 20),
        sent_on=day,
        quiet=True,
        check_permission=False,
    )
    meeting_services.decision_record(
        meeting=meeting,
        kind="noted",
        title="Ақпарат назарға алынды / Информация принята к сведению",
        text="Баяндама тыңдалды. / Доклад заслушан.",
        by=None,
        quiet=True,
        check_permission=False,
    )
    meeting_services.minutes_save(
        meeting=meeting,
        minutes=f"Хаттама / Протокол. Қатысқандар: {sum(1 for s in statuses.values() if s == 'present')}. "
        f"Күн тәртібі: {agenda[0][0]}; {agenda[1][0]}.",
        by=None,
        check_permission=False,
    )
    meeting_services.minutes_publish(meeting=meeting, by=None, at=_at(day, 17), check_permission=False)
    _answer_items(ctx, decision, day, officers)


def _proposer(rng, seated: list):
    """A civil-society member proposes the recommendation; one with an account on Azamat (the demo's ngo@) often."""
    civil = [m for m in seated if m.represents != Member.Represents.STATE]
    with_account = [m for m in civil if m.user_id]
    if with_account and rng.random() < 0.5:
        return rng.choice(with_account)
    return rng.choice(civil) if civil else None


def _answer_items(ctx: SeedContext, decision, day: datetime.date, officers: dict) -> None:
    """The body answers most recommendations, some late, some never; accepted ones get a milestone."""
    rng = ctx.rng
    today = timezone.localdate()
    for item in accountability_items(decision):
        officer_id = officers.get(item.body_id)
        if officer_id is None or rng.random() < 0.15:
            continue
        answered = _working(day + datetime.timedelta(days=rng.randint(5, 45)))
        if answered > today:
            continue
        officer = User(pk=officer_id)
        outcome = rng.choices(["accepted", "partial", "rejected"], weights=[55, 25, 20])[0]
        text = "" if outcome == "accepted" else "Бюджет шеңберінде ішінара. / В пределах бюджета."
        accountability.item_answer(item=item, by=officer, outcome=outcome, text=text, answered_on=answered)


def accountability_items(decision):
    from azamat.accountability.selectors import items_of_source

    return list(items_of_source(decision).filter(Q(outcome="")))


JUSTIFICATIONS = [
    "Комиссия жұмысына белсенді қатысты. / Активно участвовал в работе комиссии.",
    "Отырыстарда ұсыныстар енгізді. / Вносил предложения на заседаниях.",
    "ҮЕҰ-мен кездесулер өткізді. / Проводил встречи с НПО.",
]


@seeder(86)
def seed_council_kpis(ctx: SeedContext) -> None:
    """Members' KPIs: last year's period published for a few councils; this year's under way on the demo's council,
    scored by its assessor (monitor@) and seen by its member ngo@ before publication."""
    from decimal import Decimal

    from azamat.councils.services import kpi

    rng = ctx.rng
    today = timezone.localdate()
    assessor = User.objects.filter(email="monitor@azamat.kz").first() or User.objects.order_by("pk").first()
    councils = list(Council.objects.order_by("pk")[: ctx.count(0.1, minimum=2)])
    for n, council in enumerate(councils):
        last_year = today.year - 1
        periods = [(f"{last_year}", datetime.date(last_year, 1, 1), datetime.date(last_year, 12, 31), True)]
        if n == 0:
            periods.append(
                (f"{today.year}", datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31), False)
            )
        for name, starts, ends, publish in periods:
            starts = max(starts, council.term_starts_on)
            if starts >= ends:
                continue
            period = kpi.period_open(
                council=council, name=name, starts_on=starts, ends_on=ends, by=None, check_permission=False
            )
            kpi.assessor_designate(period=period, user=assessor, by=None, check_permission=False)
            members = list(council.members.filter(left_on__isnull=True).order_by("pk"))
            if not publish:  # this year's is under way: a third of the members still wait for the assessor
                members = members[: max(1, len(members) * 2 // 3)]
            for criterion in period.criteria.filter(source="assessor"):
                for member in members:
                    value = Decimal(
                        rng.randint(
                            criterion.scale_min + (criterion.scale_max - criterion.scale_min) // 3,
                            criterion.scale_max,
                        )
                    )
                    kpi.score_give(
                        criterion=criterion,
                        member=member,
                        value=value,
                        justification=rng.choice(JUSTIFICATIONS),
                        by=assessor,
                    )
            if publish:
                kpi.period_publish(period=period, by=None, check_permission=False)
