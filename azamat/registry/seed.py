"""Registry data for the generator: organisations across the real regions, alliances, people."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from simple_history.utils import bulk_create_with_history
from tqdm import tqdm

from azamat.core.bin import make_bin
from azamat.core.names import person_name
from azamat.core.seeding import SeedContext, seeder
from azamat.registry.models import (
    ActivityArea,
    AllianceMembership,
    LegalForm,
    Membership,
    Organisation,
    Region,
)

User = get_user_model()  # accounts is a layer above the registry

ORGANISATIONS_PER_SCALE = 230  # scale 100 ≈ 23,000, the national count

# Share of NGOs by region: most in Almaty and Astana, many small ones across the regions.
REGION_WEIGHTS = {
    "750000000": 17,
    "710000000": 13,
    "790000000": 6,
    "350000000": 5.5,
    "630000000": 5,
    "610000000": 5,
    "190000000": 4.5,
    "550000000": 4,
    "150000000": 4,
    "310000000": 3.5,
    "390000000": 3.5,
    "470000000": 3.5,
    "230000000": 3,
    "270000000": 3,
    "430000000": 3,
    "110000000": 3,
    "590000000": 3,
    "100000000": 2.5,
    "330000000": 2.5,
    "620000000": 1.5,
}

# Main town of each region: (Kazakh, Russian)
TOWNS = {
    "100000000": [("Семей", "Семей"), ("Аягөз", "Аягоз"), ("Курчатов", "Курчатов")],
    "110000000": [("Көкшетау", "Кокшетау"), ("Степногорск", "Степногорск"), ("Щучинск", "Щучинск")],
    "150000000": [("Ақтөбе", "Актобе"), ("Хромтау", "Хромтау"), ("Қандыағаш", "Кандыагаш")],
    "190000000": [("Қонаев", "Конаев"), ("Қаскелең", "Каскелен"), ("Есік", "Есик"), ("Талғар", "Талгар")],
    "230000000": [("Атырау", "Атырау"), ("Құлсары", "Кульсары")],
    "270000000": [("Орал", "Уральск"), ("Ақсай", "Аксай")],
    "310000000": [("Тараз", "Тараз"), ("Қаратау", "Каратау"), ("Шу", "Шу")],
    "330000000": [("Талдықорған", "Талдыкорган"), ("Текелі", "Текели"), ("Жаркент", "Жаркент")],
    "350000000": [("Қарағанды", "Караганда"), ("Теміртау", "Темиртау"), ("Балқаш", "Балхаш")],
    "390000000": [("Қостанай", "Костанай"), ("Рудный", "Рудный"), ("Лисаков", "Лисаковск")],
    "430000000": [("Қызылорда", "Кызылорда"), ("Байқоңыр", "Байконур"), ("Арал", "Аральск")],
    "470000000": [("Ақтау", "Актау"), ("Жаңаөзен", "Жанаозен"), ("Бейнеу", "Бейнеу")],
    "550000000": [("Павлодар", "Павлодар"), ("Екібастұз", "Экибастуз"), ("Ақсу", "Аксу")],
    "590000000": [("Петропавл", "Петропавловск"), ("Тайынша", "Тайынша")],
    "610000000": [("Түркістан", "Туркестан"), ("Кентау", "Кентау"), ("Сарыағаш", "Сарыагаш")],
    "620000000": [("Жезқазған", "Жезказган"), ("Сәтбаев", "Сатпаев")],
    "630000000": [("Өскемен", "Усть-Каменогорск"), ("Риддер", "Риддер"), ("Зайсан", "Зайсан")],
    "710000000": [("Астана", "Астана")],
    "750000000": [("Алматы", "Алматы")],
    "790000000": [("Шымкент", "Шымкент")],
}

STREETS = [
    "ул. Абая",
    "пр. Назарбаева",
    "ул. Толе би",
    "ул. Кунаева",
    "ул. Сатпаева",
    "пр. Республики",
    "ул. Желтоксан",
    "ул. Байтурсынова",
    "мкр. Самал",
    "ул. Пушкина",
    "ул. Ауэзова",
    "ул. Жамбыла",
]

# (Kazakh, Russian) names an NGO takes.
NAMES = [
    ("Жарқын болашақ", "Светлое будущее"),
    ("Мейірім", "Милосердие"),
    ("Ақ жол", "Ак жол"),
    ("Шаңырақ", "Шанырак"),
    ("Достық", "Дружба"),
    ("Жастар үні", "Голос молодёжи"),
    ("Таза әлем", "Чистый мир"),
    ("Ана мен бала", "Мать и дитя"),
    ("Құқық және заң", "Право и закон"),
    ("Бірлік", "Единство"),
    ("Нұрлы жол", "Светлый путь"),
    ("Жасыл ел", "Зелёная страна"),
    ("Қамқор", "Забота"),
    ("Сенім", "Доверие"),
    ("Үміт", "Надежда"),
    ("Ашық қоғам", "Открытое общество"),
    ("Әділдік", "Справедливость"),
    ("Дала", "Степь"),
    ("Көмек", "Помощь"),
    ("Самға", "Взлёт"),
    ("Жігер", "Энергия"),
    ("Арман", "Мечта"),
    ("Тірек", "Опора"),
    ("Қайнар", "Родник"),
    ("Шуақ", "Лучик"),
    ("Ізгілік", "Добро"),
    ("Мирас", "Наследие"),
    ("Азат ой", "Свободная мысль"),
    ("Сана", "Сознание"),
    ("Ортақ үй", "Общий дом"),
    ("Жан жылуы", "Тепло души"),
    ("Келешек", "Грядущее"),
    ("Ерікті", "Доброволец"),
    ("Зерде", "Разум"),
    ("Тең мүмкіндік", "Равные возможности"),
    ("Аялы алақан", "Заботливые руки"),
    ("Таза су", "Чистая вода"),
    ("Балалық шақ", "Детство"),
    ("Қорғау", "Защита"),
    ("Жаңа буын", "Новое поколение"),
    ("Әйел және қоғам", "Женщина и общество"),
    ("Экосфера", "Экосфера"),
    ("Медиа мектебі", "Медиашкола"),
    ("Сауатты азамат", "Грамотный гражданин"),
    ("Саулық", "Здоровье"),
    ("Білім көпірі", "Мост знаний"),
    ("Өнер әлемі", "Мир искусства"),
    ("Спорт – өмір", "Спорт – жизнь"),
    ("Сайлау бақылау", "Наблюдение за выборами"),
    ("Қарттар үйі", "Дом ветеранов"),
]

LEGAL_FORM_WORDS = {  # Russian prefix, Kazakh suffix, weight
    LegalForm.PUBLIC_ASSOCIATION: ("Общественное объединение", "қоғамдық бірлестігі", 50),
    LegalForm.PUBLIC_FOUNDATION: ("Общественный фонд", "қоғамдық қоры", 25),
    LegalForm.PRIVATE_INSTITUTION: ("Частное учреждение", "жеке мекемесі", 10),
    LegalForm.ALE: ("Объединение юридических лиц", "заңды тұлғалар бірлестігі", 6),
    LegalForm.RELIGIOUS_ASSOCIATION: ("Религиозное объединение", "діни бірлестігі", 4),
    LegalForm.NON_PROFIT_JSC: (
        "Некоммерческое акционерное общество",
        "коммерциялық емес акционерлік қоғамы",
        2,
    ),
    LegalForm.CONSUMER_COOPERATIVE: ("Потребительский кооператив", "тұтыну кооперативі", 3),
}
SHORT_RU = {
    LegalForm.PUBLIC_ASSOCIATION: "ОО",
    LegalForm.PUBLIC_FOUNDATION: "ОФ",
    LegalForm.PRIVATE_INSTITUTION: "ЧУ",
    LegalForm.ALE: "ОЮЛ",
    LegalForm.RELIGIOUS_ASSOCIATION: "РО",
    LegalForm.NON_PROFIT_JSC: "НАО",
    LegalForm.CONSUMER_COOPERATIVE: "ПК",
}

ALLIANCES = [
    ("Қазақстанның Азаматтық Альянсы", "Гражданский Альянс Казахстана", "civil-alliance", "940140000385"),
    ("Мүгедектігі бар адамдар ҮЕҰ желісі", "Сеть НПО людей с инвалидностью", "disability", None),
    ("Экологиялық ҮЕҰ коалициясы", "Коалиция экологических НПО", "ecology", None),
]


class _BinMaker:
    def __init__(self, start: int = 1):
        self.serial = start
        self.used: set[str] = set(Organisation.objects.values_list("bin", flat=True))

    def __call__(self, registered_on: datetime.date, unit: str = "0") -> str:
        while True:
            self.serial += 1
            value = make_bin(
                year=registered_on.year, month=registered_on.month, serial=self.serial, unit=unit
            )
            if value and value not in self.used:
                self.used.add(value)
                return value


def _weighted(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _registration_date(rng) -> datetime.date:
    year = min(2025, int(1993 + (rng.random() ** 0.6) * 33))
    return datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _organisation(ctx: SeedContext, region: Region, make: _BinMaker, index: int, forms) -> Organisation:
    rng = ctx.rng
    legal_form = _weighted(rng, forms)
    ru_prefix, kk_suffix, _w = LEGAL_FORM_WORDS[legal_form]
    kk_word, ru_word = rng.choice(NAMES)
    town_kk, town_ru = rng.choice(TOWNS[region.kato])
    if rng.random() < 0.35:
        name_kk = f"{town_kk} қаласының «{kk_word}» {kk_suffix}"
        name_ru = f"{ru_prefix} «{ru_word}» города {town_ru}"
    else:
        name_kk = f"«{kk_word}» {kk_suffix}"
        name_ru = f"{ru_prefix} «{ru_word}»"
    registered_on = _registration_date(rng)
    small = rng.random() < 0.7
    staff = rng.randint(0, 4) if small else rng.randint(5, 60)
    slug = f"ngo{index}"
    return Organisation(
        name_kk=name_kk,
        name_ru=name_ru,
        short_name=f"{SHORT_RU[legal_form]} «{ru_word}»",
        bin=make(registered_on),
        legal_form=legal_form,
        registered_on=registered_on,
        region=region,
        address=f"{town_ru}, {rng.choice(STREETS)}, {rng.randint(1, 180)}",
        about_ru=f"{ru_prefix} «{ru_word}» работает в городе {town_ru} с {registered_on.year} года.",
        about_kk=f"«{kk_word}» {kk_suffix} {town_kk} қаласында {registered_on.year} жылдан бері жұмыс істейді.",
        staff_count=staff,
        volunteer_count=rng.choice([0, 0, 3, 5, 10, 20, 40, 100]),
        website=f"https://{slug}.kz" if rng.random() < 0.3 else "",
        email=f"info@{slug}.kz" if rng.random() < 0.7 else "",
        phone=f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    )


@seeder(20)
def seed_organisations(ctx: SeedContext) -> None:
    """Organisations in every region, with areas of activity, alliances and their branches."""
    rng = ctx.rng
    regions = {r.kato: r for r in Region.objects.all()}
    areas = list(ActivityArea.objects.all())
    forms = {form: words[2] for form, words in LEGAL_FORM_WORDS.items()}
    make = _BinMaker()
    total = ctx.count(ORGANISATIONS_PER_SCALE, minimum=30)
    organisations = []
    for index in tqdm(range(total), desc="organisations", disable=not ctx.progress):
        region = regions[_weighted(rng, REGION_WEIGHTS)]
        organisations.append(_organisation(ctx, region, make, index, forms))
    for org in organisations:
        org.fill_derived()
    organisations = bulk_create_with_history(organisations, Organisation, batch_size=1000)
    if organisations[0].pk is None:  # backends that do not return keys
        organisations = list(
            Organisation.objects.filter(bin__in=[o.bin for o in organisations]).order_by("pk")
        )

    area_weights = [
        5 if a.code in {"social-protection", "children-youth", "education", "health"} else 2 for a in areas
    ]
    Through = Organisation.areas.through
    links = []
    for org in organisations:
        chosen = {a.pk for a in rng.choices(areas, weights=area_weights, k=rng.randint(1, 3))}
        links.extend(Through(organisation_id=org.pk, activityarea_id=pk) for pk in chosen)
    Through.objects.bulk_create(links, batch_size=5000)
    # The history's first entry holds the areas, as a registration's does: without them, the first save of a
    # profile would show its areas as changed from none.
    first_entries = dict(
        Organisation.history.filter(history_type="+", id__in=[o.pk for o in organisations]).values_list(
            "id", "history_id"
        )
    )
    HistoryAreas = next(  # simple-history's record of the areas, one row per area and history entry
        rel.related_model
        for rel in Organisation.history.model._meta.related_objects
        if rel.related_model._meta.model_name.endswith("_areas")
    )
    HistoryAreas.objects.bulk_create(
        [
            HistoryAreas(id=pk, history_id=first_entries[org], organisation_id=org, activityarea_id=area)
            for pk, org, area in Through.objects.filter(organisation_id__in=first_entries).values_list(
                "pk", "organisation_id", "activityarea_id"
            )
        ],
        batch_size=5000,
    )

    # Alliances: a national alliance with a branch in every region, and thematic networks.
    alliance_orgs = []
    for kk, ru, area_code, fixed_bin in ALLIANCES:
        registered_on = datetime.date(2008, 5, 14)
        org = Organisation(
            name_kk=kk,
            name_ru=f"Объединение юридических лиц «{ru}»",
            short_name=ru,
            legal_form=LegalForm.ALE,
            bin=fixed_bin if fixed_bin and fixed_bin not in make.used else make(registered_on),
            registered_on=registered_on,
            region=regions["710000000"],
            address="Астана, пр. Республики, 34",
            about_ru=f"{ru}: национальное объединение некоммерческих организаций.",
            about_kk=f"{kk}: коммерциялық емес ұйымдардың ұлттық бірлестігі.",
            is_alliance=True,
            staff_count=12,
            volunteer_count=50,
            website="https://www.civilalliance.kz" if fixed_bin else "",
        )
        make.used.add(org.bin)
        org.fill_derived()
        org.save()
        org.areas.set(ActivityArea.objects.filter(code__in=[area_code, "human-rights"]))
        alliance_orgs.append(org)

    national = alliance_orgs[0]
    memberships = []
    for kato, region in regions.items():
        branch = Organisation(
            name_kk=f"Қазақстанның Азаматтық Альянсы – {region.name_kk} филиалы",
            name_ru=f"Филиал Гражданского Альянса Казахстана – {region.name_ru}",
            short_name=f"ГАК – {region.name_ru}",
            legal_form=LegalForm.ALE,
            bin=make(datetime.date(2010, 3, 1), unit="1"),
            registered_on=datetime.date(2010, 3, 1),
            region=region,
            address=f"{TOWNS[kato][0][1]}, {rng.choice(STREETS)}, {rng.randint(1, 90)}",
            staff_count=rng.randint(2, 6),
        )
        branch.fill_derived()
        branch.save()
        memberships.append(
            AllianceMembership(alliance=national, member=branch, kind=AllianceMembership.Kind.BRANCH)
        )
    for org in organisations:
        if rng.random() < 0.22:
            memberships.append(
                AllianceMembership(
                    alliance=national,
                    member=org,
                    joined_on=datetime.date(
                        max(org.registered_on.year, 2009), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                )
            )
        if rng.random() < 0.05:
            memberships.append(AllianceMembership(alliance=rng.choice(alliance_orgs[1:]), member=org))
    AllianceMembership.objects.bulk_create(memberships, batch_size=2000, ignore_conflicts=True)
    ctx.data["organisations"] = organisations
    ctx.data["alliances"] = alliance_orgs
    ctx.log(
        f"  {len(organisations) + len(alliance_orgs) + len(regions)} organisations, "
        f"{len(memberships)} alliance links"
    )


@seeder(30)
def seed_people(ctx: SeedContext) -> None:
    """People working in organisations: an administrator for most, members for some."""
    rng = ctx.rng
    organisations = ctx.data.get("organisations", [])
    password = ctx.password_hash()  # the demo password only with --demo-logins
    users, links = [], []
    start = User.objects.count()
    for index, org in enumerate(organisations):
        if rng.random() > 0.8:
            continue
        for position, role in [("Председатель", Membership.Role.ADMIN)] + (
            [("Координатор проектов", Membership.Role.MEMBER)] if rng.random() < 0.4 else []
        ):
            user = User(
                email=f"person{start + len(users)}.{index}@example.kz",
                full_name=person_name(rng),
                password=password,
            )
            users.append(user)
            links.append((user, org, role, position))
    User.objects.bulk_create(users, batch_size=2000)
    if users and users[0].pk is None:
        by_email = dict(User.objects.filter(email__in=[u.email for u in users]).values_list("email", "pk"))
        for user in users:
            user.pk = by_email[user.email]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in users],
        batch_size=2000,
    )
    # With their history's first entry, as the services would have written it: an organisation's history shows
    # how each person came in before it shows a change of their role.
    bulk_create_with_history(
        [
            Membership(
                user_id=u.pk, organisation_id=o.pk, role=r, status=Membership.Status.ACTIVE, position=p
            )
            for u, o, r, p in links
        ],
        Membership,
        batch_size=2000,
    )
    ctx.log(f"  {len(users)} people in organisations")


from azamat.registry import report_seed  # noqa: E402,F401 — registers the annual reports step (45)
