"""The demo's surveys as their teams wrote them: four forms in the definition format (definition.py), with Kazakh,
Russian and English labels, and the population figures the quota survey is weighted to.

(a) an NGO's needs assessment of people with disabilities (linked to its campaign), (b) a population opinion
survey by region × sex × age group with interviewers and quotas, (c) a public council's consultation on its plan,
(d) a state body's evaluation of the state social order, closed, results public."""

from azamat.registry.reference import REGIONS


def _l(kk: str, ru: str, en: str) -> dict:
    return {"kk": kk, "ru": ru, "en": en}


def _choices(*items) -> list[dict]:
    return [{"name": name, "label": _l(kk, ru, en)} for name, kk, ru, en in items]


def q(name: str, kind: str, kk: str, ru: str, en: str, **extra) -> dict:
    node = {"name": name, "type": kind, "label": _l(kk, ru, en)}
    node.update(extra)
    return node


def group(name: str, kk: str, ru: str, en: str, children: list, **extra) -> dict:
    return q(name, "group", kk, ru, en, children=children, **extra)


REGION_CHOICES = [{"name": kato, "label": _l(kk, ru, en)} for kato, ru, kk, en, *_rest in REGIONS]

# Adults in thousands by region (statistics bureau, start of 2025, rounded): the quota survey's population.
POPULATION = {
    "100000000": 604,
    "110000000": 781,
    "150000000": 934,
    "190000000": 1535,
    "230000000": 705,
    "270000000": 697,
    "310000000": 1218,
    "330000000": 700,
    "350000000": 1128,
    "390000000": 829,
    "430000000": 846,
    "470000000": 786,
    "550000000": 749,
    "590000000": 530,
    "610000000": 2143,
    "620000000": 221,
    "630000000": 716,
    "710000000": 1510,
    "750000000": 2290,
    "790000000": 1250,
}
AGE_GROUPS = ["18_29", "30_44", "45_59", "60_plus"]
AGE_SHARES = {"18_29": 0.25, "30_44": 0.33, "45_59": 0.24, "60_plus": 0.18}
FEMALE_SHARE = {"18_29": 0.49, "30_44": 0.51, "45_59": 0.53, "60_plus": 0.62}

COMMON_CHOICES = {
    "regions": REGION_CHOICES,
    "sex": _choices(("f", "Әйел", "Женский", "Female"), ("m", "Ер", "Мужской", "Male")),
    "age_groups": _choices(
        ("18_29", "18–29", "18–29", "18–29"),
        ("30_44", "30–44", "30–44", "30–44"),
        ("45_59", "45–59", "45–59", "45–59"),
        ("60_plus", "60 және одан жоғары", "60 и старше", "60 and over"),
    ),
    "yes_no": _choices(("yes", "Иә", "Да", "Yes"), ("no", "Жоқ", "Нет", "No")),
    "yes_no_dk": _choices(
        ("yes", "Иә", "Да", "Yes"),
        ("no", "Жоқ", "Нет", "No"),
        ("dk", "Жауап беру қиын", "Затрудняюсь ответить", "Hard to say"),
    ),
    "agree5": _choices(
        ("1", "Мүлдем келіспеймін", "Совсем не согласен", "Strongly disagree"),
        ("2", "Келіспеймін", "Скорее не согласен", "Disagree"),
        ("3", "Бейтараппын", "Ни да, ни нет", "Neither"),
        ("4", "Келісемін", "Скорее согласен", "Agree"),
        ("5", "Толық келісемін", "Полностью согласен", "Strongly agree"),
    ),
    "ease5": _choices(
        ("1", "Өте қиын", "Очень трудно", "Very hard"),
        ("2", "Қиын", "Трудно", "Hard"),
        ("3", "Орташа", "Средне", "Average"),
        ("4", "Оңай", "Легко", "Easy"),
        ("5", "Өте оңай", "Очень легко", "Very easy"),
    ),
}


def _about_you() -> list[dict]:
    return [
        q(
            "region",
            "select_one",
            "Облысыңыз немесе қалаңыз",
            "Ваша область или город",
            "Your region or city",
            list="regions",
            required=True,
        ),
        q("sex", "select_one", "Жынысыңыз", "Ваш пол", "Your sex", list="sex", required=True),
        q(
            "age_group",
            "select_one",
            "Жас тобыңыз",
            "Ваша возрастная группа",
            "Your age group",
            list="age_groups",
            required=True,
        ),
    ]


# (a) Needs assessment of people with disabilities -------------------------------------------------------------

NEEDS = {
    "title": _l(
        "Мүгедектігі бар адамдардың қажеттіліктерін бағалау",
        "Оценка потребностей людей с инвалидностью",
        "Needs assessment of people with disabilities",
    ),
    "languages": ["kk", "ru"],
    "children": [
        group(
            "about",
            "Өзіңіз туралы",
            "О себе",
            "About you",
            [
                *_about_you(),
                q(
                    "disability_group",
                    "select_one",
                    "Мүгедектік тобыңыз",
                    "Ваша группа инвалидности",
                    "Your disability group",
                    list="disability_groups",
                    required=True,
                ),
                q(
                    "limitations",
                    "select_multiple",
                    "Денсаулығыңызға байланысты қандай шектеулер бар?",
                    "Какие у вас ограничения по здоровью?",
                    "Which limitations do you have?",
                    list="limitations",
                    or_other=True,
                    required=True,
                ),
            ],
            appearance="field-list",
        ),
        group(
            "access",
            "Қолжетімділік",
            "Доступность",
            "Accessibility",
            [
                q(
                    "barriers",
                    "select_multiple",
                    "Күнделікті өмірде қандай кедергілерге жиі тап боласыз?",
                    "С какими барьерами вы чаще всего сталкиваетесь в повседневной жизни?",
                    "Which barriers do you meet most often in daily life?",
                    list="barriers",
                    required=True,
                ),
                q(
                    "clinic_access",
                    "select_one",
                    "Емханаға бару сізге қаншалықты оңай?",
                    "Насколько вам легко попасть в поликлинику?",
                    "How easy is it for you to get to the clinic?",
                    list="ease5",
                    required=True,
                ),
                q(
                    "transport_access",
                    "select_one",
                    "Қоғамдық көлікті пайдалану қаншалықты оңай?",
                    "Насколько вам легко пользоваться общественным транспортом?",
                    "How easy is it for you to use public transport?",
                    list="ease5",
                    required=True,
                ),
                q(
                    "social_taxi",
                    "select_one",
                    "Әлеуметтік таксиді пайдаланасыз ба?",
                    "Пользуетесь ли вы социальным такси?",
                    "Do you use the social taxi?",
                    list="yes_no_dk",
                    required=True,
                ),
                q(
                    "taxi_wait_days",
                    "integer",
                    "Әлеуметтік таксиді әдетте неше күн күтесіз?",
                    "Сколько дней вы обычно ждёте социальное такси?",
                    "How many days do you usually wait for it?",
                    relevant="${social_taxi} = 'yes'",
                    constraint=". >= 0 and . <= 90",
                    constraint_message=_l("0-ден 90 күнге дейін", "От 0 до 90 дней", "From 0 to 90 days"),
                ),
            ],
            appearance="field-list",
        ),
        group(
            "services",
            "Қызметтер мен жұмыс",
            "Услуги и работа",
            "Services and work",
            [
                q(
                    "ipr",
                    "select_one",
                    "Жеке оңалту бағдарламаңыз бойынша құралдар мен қызметтерді алдыңыз ба?",
                    "Получили ли вы средства и услуги по индивидуальной программе реабилитации (ИПР)?",
                    "Have you received the aids and services of your individual rehabilitation programme?",
                    list="ipr",
                    required=True,
                ),
                q(
                    "missing_services",
                    "select_multiple",
                    "Сізге қандай қызметтер жетіспейді?",
                    "Каких услуг вам не хватает?",
                    "Which services do you lack?",
                    list="services",
                    or_other=True,
                    required=True,
                ),
                q(
                    "employment",
                    "select_one",
                    "Қазір жұмыс істейсіз бе?",
                    "Вы сейчас работаете?",
                    "Are you working now?",
                    list="employment",
                    required=True,
                ),
                q(
                    "income",
                    "decimal",
                    "Отбасыңыздың бір айлық табысы, теңге",
                    "Ежемесячный доход вашей семьи, тенге",
                    "Your family's monthly income, tenge",
                    constraint=". >= 0 and . <= 100000000",
                    constraint_message=_l(
                        "Теріс емес сан", "Неотрицательное число", "A number not below zero"
                    ),
                ),
            ],
            appearance="field-list",
        ),
        group(
            "opinions",
            "Бағалау",
            "Оценки",
            "Opinions",
            [
                q(
                    "op_health",
                    "select_one",
                    "Медициналық көмек маған қолжетімді",
                    "Медицинская помощь мне доступна",
                    "Medical care is within my reach",
                    list="agree5",
                    required=True,
                ),
                q(
                    "op_benefits",
                    "select_one",
                    "Әлеуметтік төлемдер негізгі қажеттіліктерді өтейді",
                    "Социальные выплаты покрывают основные нужды",
                    "Benefits cover the basic needs",
                    list="agree5",
                    required=True,
                ),
                q(
                    "op_education",
                    "select_one",
                    "Мүгедектігі бар адамдар сапалы білім ала алады",
                    "Люди с инвалидностью могут получить качественное образование",
                    "People with disabilities can get a good education",
                    list="agree5",
                    required=True,
                ),
                q(
                    "op_work",
                    "select_one",
                    "Мүгедектігі бар адам біздің қалада жұмыс таба алады",
                    "Человек с инвалидностью может найти работу в нашем городе",
                    "A person with a disability can find work in our town",
                    list="agree5",
                    required=True,
                ),
                q(
                    "op_akimat",
                    "select_one",
                    "Әкімдік мүгедектігі бар адамдардың пікірін ескереді",
                    "Акимат учитывает мнение людей с инвалидностью",
                    "The akimat takes the views of people with disabilities into account",
                    list="agree5",
                    required=True,
                ),
                q(
                    "priority",
                    "text",
                    "Сіздің қалаңызда (ауданыңызда) ең алдымен не өзгеруі керек?",
                    "Что в вашем городе (районе) нужно изменить в первую очередь?",
                    "What should change first in your town (district)?",
                ),
            ],
            appearance="field-list",
        ),
        group(
            "contact",
            "Байланыс",
            "Контакты",
            "Contact",
            [
                q(
                    "consent",
                    "select_one",
                    "Нәтижелер бойынша сізбен хабарласуымызға келісесіз бе?",
                    "Согласны ли вы, чтобы мы связались с вами по итогам опроса?",
                    "May we contact you about the results?",
                    list="yes_no",
                    required=True,
                ),
                q(
                    "phone",
                    "text",
                    "Байланыс телефоны",
                    "Контактный телефон",
                    "Phone",
                    personal=True,
                    relevant="${consent} = 'yes'",
                ),
            ],
        ),
    ],
    "choices": {
        **COMMON_CHOICES,
        "disability_groups": _choices(
            ("g1", "I топ", "I группа", "Group I"),
            ("g2", "II топ", "II группа", "Group II"),
            ("g3", "III топ", "III группа", "Group III"),
            (
                "child",
                "Мүгедектігі бар бала (18 жасқа дейін)",
                "Ребёнок с инвалидностью (до 18 лет)",
                "Child with a disability (under 18)",
            ),
            ("none", "Топ белгіленбеген", "Группа не установлена", "No group set"),
        ),
        "limitations": _choices(
            ("mobility", "Қозғалу", "Передвижение", "Mobility"),
            ("vision", "Көру", "Зрение", "Vision"),
            ("hearing", "Есту", "Слух", "Hearing"),
            ("intellectual", "Зияткерлік", "Интеллектуальные", "Intellectual"),
            ("mental", "Психикалық", "Психические", "Mental health"),
            ("chronic", "Созылмалы ауру", "Хроническое заболевание", "Chronic illness"),
        ),
        "barriers": _choices(
            ("transport", "Қоғамдық көлік", "Общественный транспорт", "Public transport"),
            (
                "buildings",
                "Ғимараттарға кіру (пандус, лифт жоқ)",
                "Вход в здания (нет пандуса, лифта)",
                "Entering buildings (no ramp, no lift)",
            ),
            ("streets", "Тротуарлар мен аялдамалар", "Тротуары и остановки", "Pavements and stops"),
            (
                "information",
                "Ақпараттың қолжетімсіздігі",
                "Недоступность информации",
                "Inaccessible information",
            ),
            ("attitudes", "Айналадағылардың көзқарасы", "Отношение окружающих", "Other people's attitudes"),
            ("jobs", "Жұмысқа орналасу", "Трудоустройство", "Finding work"),
        ),
        "ipr": _choices(
            ("full", "Иә, толық", "Да, полностью", "Yes, fully"),
            ("part", "Жартылай", "Частично", "Partly"),
            ("no", "Алған жоқпын", "Нет", "No"),
            ("none", "Бағдарламам жоқ", "У меня нет ИПР", "I have no programme"),
        ),
        "services": _choices(
            ("rehab", "Оңалту", "Реабилитация", "Rehabilitation"),
            ("sign", "Ымдау тілі аудармашысы", "Сурдопереводчик", "Sign language interpreter"),
            ("assistant", "Жеке көмекші", "Индивидуальный помощник", "Personal assistant"),
            ("prosthetics", "Протездеу", "Протезирование", "Prosthetics"),
            ("sanatorium", "Шипажайлық емделу", "Санаторно-курортное лечение", "Sanatorium treatment"),
            ("psychologist", "Психолог", "Психолог", "Psychologist"),
            ("inclusive", "Инклюзивті білім беру", "Инклюзивное образование", "Inclusive education"),
            ("job_help", "Жұмысқа орналасуға көмек", "Помощь в трудоустройстве", "Help finding work"),
        ),
        "employment": _choices(
            ("working", "Иә, жұмыс істеймін", "Да, работаю", "Yes, I work"),
            ("looking", "Жұмыс іздеп жүрмін", "Ищу работу", "Looking for work"),
            (
                "not_looking",
                "Жұмыс істемеймін және іздемеймін",
                "Не работаю и не ищу",
                "Not working, not looking",
            ),
            ("studying", "Оқимын", "Учусь", "Studying"),
            ("retired", "Зейнеткермін", "На пенсии", "Retired"),
        ),
    },
}

# (b) Population opinion survey ----------------------------------------------------------------------------------

TRUST = ["trust_akimat", "trust_police", "trust_courts", "trust_ngo", "trust_media"]

OPINION = {
    "title": _l(
        "Қазақстан тұрғындарының қоғамдық пікірі — 2026",
        "Общественное мнение жителей Казахстана — 2026",
        "Public opinion in Kazakhstan — 2026",
    ),
    "languages": ["kk", "ru", "en"],
    "children": [
        group(
            "respondent",
            "Респондент",
            "Респондент",
            "Respondent",
            [
                *_about_you(),
                q(
                    "settlement",
                    "select_one",
                    "Қайда тұрасыз?",
                    "Где вы живёте?",
                    "Where do you live?",
                    list="settlement",
                    required=True,
                ),
                q(
                    "education",
                    "select_one",
                    "Біліміңіз",
                    "Ваше образование",
                    "Your education",
                    list="education",
                    required=True,
                ),
                q(
                    "home_language",
                    "select_one",
                    "Үйде қай тілде сөйлейсіз?",
                    "На каком языке вы говорите дома?",
                    "Which language do you speak at home?",
                    list="home_language",
                    required=True,
                ),
            ],
            appearance="field-list",
        ),
        group(
            "wellbeing",
            "Әл-ауқат",
            "Благосостояние",
            "Well-being",
            [
                q(
                    "situation",
                    "select_one",
                    "Соңғы бір жылда отбасыңыздың материалдық жағдайы қалай өзгерді?",
                    "Как изменилось материальное положение вашей семьи за последний год?",
                    "How has your family's material situation changed over the last year?",
                    list="situation",
                    required=True,
                ),
                q(
                    "income_level",
                    "select_one",
                    "Отбасыңыздың табысын қалай бағалайсыз?",
                    "Как вы оцениваете доход вашей семьи?",
                    "How would you describe your family's income?",
                    list="income_level",
                    required=True,
                ),
                q(
                    "problems",
                    "select_multiple",
                    "Өңіріңіздің ең өзекті үш мәселесі",
                    "Три самые острые проблемы вашего региона",
                    "The three most pressing problems of your region",
                    list="problems",
                    required=True,
                    constraint="count-selected(.) <= 3",
                    constraint_message=_l("Үшеуден көп емес", "Не больше трёх", "Three at most"),
                ),
            ],
            appearance="field-list",
        ),
        group(
            "trust",
            "Төмендегілерге қаншалықты сенесіз?",
            "Насколько вы доверяете…",
            "How much do you trust…",
            [
                q(
                    "trust_akimat",
                    "select_one",
                    "Жергілікті әкімдікке",
                    "Местному акимату",
                    "The local akimat",
                    list="trust",
                    required=True,
                ),
                q(
                    "trust_police",
                    "select_one",
                    "Полицияға",
                    "Полиции",
                    "The police",
                    list="trust",
                    required=True,
                ),
                q(
                    "trust_courts",
                    "select_one",
                    "Соттарға",
                    "Судам",
                    "The courts",
                    list="trust",
                    required=True,
                ),
                q(
                    "trust_ngo",
                    "select_one",
                    "Үкіметтік емес ұйымдарға",
                    "Неправительственным организациям",
                    "Non-governmental organisations",
                    list="trust",
                    required=True,
                ),
                q(
                    "trust_media",
                    "select_one",
                    "Бұқаралық ақпарат құралдарына",
                    "Средствам массовой информации",
                    "The media",
                    list="trust",
                    required=True,
                ),
            ],
            appearance="field-list",
        ),
        group(
            "civic",
            "Қоғамдық белсенділік",
            "Гражданская активность",
            "Civic life",
            [
                q(
                    "ngo_heard",
                    "select_one",
                    "Өңіріңіздегі үкіметтік емес ұйымдардың жұмысы туралы естідіңіз бе?",
                    "Слышали ли вы о работе неправительственных организаций в вашем регионе?",
                    "Have you heard of NGOs working in your region?",
                    list="yes_no",
                    required=True,
                ),
                q(
                    "ngo_help",
                    "select_one",
                    "Сіз немесе отбасыңыз ҮЕҰ-дан көмек алдыңыз ба?",
                    "Получали ли вы или ваша семья помощь от НКО?",
                    "Have you or your family had help from an NGO?",
                    list="yes_no",
                    relevant="${ngo_heard} = 'yes'",
                ),
                q(
                    "volunteer",
                    "select_one",
                    "Соңғы бір жылда еріктілікпен айналыстыңыз ба?",
                    "Занимались ли вы волонтёрством за последний год?",
                    "Have you volunteered in the last year?",
                    list="volunteer",
                    required=True,
                ),
                q(
                    "petition",
                    "select_one",
                    "Соңғы бір жылда петицияға немесе үндеуге қол қойдыңыз ба?",
                    "Подписывали ли вы за последний год петицию или обращение?",
                    "Have you signed a petition or an appeal in the last year?",
                    list="yes_no",
                    required=True,
                ),
                q(
                    "comment",
                    "text",
                    "Сауалнама туралы пікіріңіз",
                    "Ваши замечания об опросе",
                    "Your comments on the survey",
                ),
            ],
            appearance="field-list",
        ),
    ],
    "choices": {
        **COMMON_CHOICES,
        "settlement": _choices(
            ("city", "Қалада", "В городе", "In a town"), ("village", "Ауылда", "В селе", "In a village")
        ),
        "education": _choices(
            ("secondary", "Орта", "Среднее", "Secondary"),
            ("vocational", "Арнаулы орта (колледж)", "Среднее специальное (колледж)", "Vocational (college)"),
            ("incomplete", "Аяқталмаған жоғары", "Неоконченное высшее", "Incomplete higher"),
            ("higher", "Жоғары", "Высшее", "Higher"),
        ),
        "home_language": _choices(
            ("kk", "Қазақ тілінде", "На казахском", "Kazakh"),
            ("ru", "Орыс тілінде", "На русском", "Russian"),
            ("both", "Екеуінде де", "На обоих", "Both"),
            ("other", "Басқа тілде", "На другом", "Another language"),
        ),
        "situation": _choices(
            ("better", "Жақсарды", "Улучшилось", "Better"),
            ("same", "Өзгерген жоқ", "Не изменилось", "The same"),
            ("worse", "Нашарлады", "Ухудшилось", "Worse"),
            ("dk", "Жауап беру қиын", "Затрудняюсь ответить", "Hard to say"),
        ),
        "income_level": _choices(
            ("1", "Тамаққа да жетпейді", "Не хватает даже на еду", "Not enough even for food"),
            (
                "2",
                "Тамаққа жетеді, киімге жетпейді",
                "Хватает на еду, но не на одежду",
                "Food, but not clothes",
            ),
            ("3", "Тамақ пен киімге жетеді", "Хватает на еду и одежду", "Food and clothes"),
            (
                "4",
                "Ұзақ пайдаланылатын заттар сатып ала аламыз",
                "Можем покупать товары длительного пользования",
                "We can buy durable goods",
            ),
            ("5", "Ештеңеден тарықпаймыз", "Ни в чём себе не отказываем", "We want for nothing"),
        ),
        "problems": _choices(
            ("prices", "Бағаның өсуі", "Рост цен", "Rising prices"),
            ("jobs", "Жұмыссыздық", "Безработица", "Unemployment"),
            ("housing", "Тұрғын үй", "Жильё", "Housing"),
            ("health", "Денсаулық сақтау", "Здравоохранение", "Healthcare"),
            ("corruption", "Сыбайлас жемқорлық", "Коррупция", "Corruption"),
            ("ecology", "Экология", "Экология", "Environment"),
            ("roads", "Жолдар", "Дороги", "Roads"),
            ("schools", "Білім беру", "Образование", "Education"),
        ),
        "trust": _choices(
            ("4", "Толық сенемін", "Полностью доверяю", "Trust fully"),
            ("3", "Сенемін", "Скорее доверяю", "Rather trust"),
            ("2", "Сенбеймін", "Скорее не доверяю", "Rather distrust"),
            ("1", "Мүлдем сенбеймін", "Совсем не доверяю", "Do not trust at all"),
            ("dk", "Жауап беру қиын", "Затрудняюсь ответить", "Hard to say"),
        ),
        "volunteer": _choices(
            ("often", "Үнемі", "Регулярно", "Regularly"),
            ("sometimes", "Кейде", "Иногда", "Sometimes"),
            ("never", "Жоқ", "Нет", "No"),
        ),
    },
}

# (c) A public council's consultation ----------------------------------------------------------------------------

CONSULTATION = {
    "title": _l(
        "Қоғамдық кеңестің 2027 жылға арналған жұмыс жоспары бойынша консультация",
        "Консультация по плану работы общественного совета на 2027 год",
        "Consultation on the public council's work plan for 2027",
    ),
    "languages": ["kk", "ru", "en"],
    "children": [
        q(
            "role",
            "select_one",
            "Сіз кім ретінде жауап бересіз?",
            "В каком качестве вы отвечаете?",
            "In what capacity are you answering?",
            list="roles",
            required=True,
        ),
        q(
            "region",
            "select_one",
            "Облысыңыз немесе қалаңыз",
            "Ваша область или город",
            "Your region or city",
            list="regions",
            required=True,
        ),
        q(
            "priorities",
            "select_multiple",
            "Кеңес 2027 жылы қандай мәселелерге басымдық беруі керек?",
            "Каким вопросам совет должен уделить первоочередное внимание в 2027 году?",
            "Which questions should the council put first in 2027?",
            list="priorities",
            required=True,
            constraint="count-selected(.) <= 3",
            constraint_message=_l("Үшеуден көп емес", "Не больше трёх", "Three at most"),
        ),
        q(
            "plan_support",
            "select_one",
            "Кеңестің 2027 жылға арналған жұмыс жоспарының жобасын қолдаймын",
            "Я поддерживаю проект плана работы совета на 2027 год",
            "I support the draft work plan of the council for 2027",
            list="agree5",
            required=True,
        ),
        q(
            "stream",
            "select_one",
            "Кеңес отырыстарын онлайн тікелей көрсету керек пе?",
            "Нужно ли транслировать заседания совета онлайн?",
            "Should the council's meetings be streamed online?",
            list="yes_no_dk",
            required=True,
        ),
        q(
            "heard",
            "select_one",
            "Бұған дейін осы кеңестің жұмысы туралы білдіңіз бе?",
            "Знали ли вы раньше о работе этого совета?",
            "Did you know of this council's work before?",
            list="yes_no",
            required=True,
        ),
        q(
            "channel",
            "select_one",
            "Осы сауалнама туралы қайдан білдіңіз?",
            "Откуда вы узнали об этом опросе?",
            "How did you learn of this survey?",
            list="channels",
            required=True,
        ),
        q(
            "proposal",
            "text",
            "Кеңеске ұсынысыңыз",
            "Ваше предложение совету",
            "Your proposal to the council",
        ),
    ],
    "choices": {
        **COMMON_CHOICES,
        "roles": _choices(
            ("citizen", "Тұрғын", "Житель", "Resident"),
            ("ngo", "ҮЕҰ өкілі", "Представитель НКО", "NGO representative"),
            ("business", "Бизнес өкілі", "Представитель бизнеса", "Business"),
            ("civil_servant", "Мемлекеттік қызметші", "Государственный служащий", "Civil servant"),
            ("journalist", "Журналист", "Журналист", "Journalist"),
        ),
        "priorities": _choices(
            ("information", "Ақпаратқа қол жеткізу", "Доступ к информации", "Access to information"),
            (
                "ngo_support",
                "ҮЕҰ-ды мемлекеттік қолдау",
                "Государственная поддержка НКО",
                "State support of NGOs",
            ),
            (
                "social_order",
                "Мемлекеттік әлеуметтік тапсырыстың ашықтығы",
                "Прозрачность государственного социального заказа",
                "Transparency of the state social order",
            ),
            ("media", "БАҚ еркіндігі", "Свобода СМИ", "Media freedom"),
            ("languages", "Тіл саясаты", "Языковая политика", "Language policy"),
            ("culture", "Өңірлердегі мәдениет", "Культура в регионах", "Culture in the regions"),
            ("youth", "Жастар саясаты", "Молодёжная политика", "Youth policy"),
        ),
        "channels": _choices(
            ("social", "Әлеуметтік желілер", "Социальные сети", "Social media"),
            ("website", "Министрліктің сайты", "Сайт министерства", "The ministry's website"),
            ("ngo", "ҮЕҰ арқылы", "Через НКО", "Through an NGO"),
            ("news", "Жаңалықтар", "Новости", "The news"),
            ("friends", "Таныстарымнан", "От знакомых", "From people I know"),
        ),
    },
}

# (d) A state body's evaluation, closed, results public ---------------------------------------------------------

EVALUATION = {
    "title": _l(
        "ҮЕҰ-гранттар алушылардың мемлекеттік әлеуметтік тапсырысты бағалауы",
        "Оценка государственного социального заказа организациями-получателями",
        "Grantees' evaluation of the state social order",
    ),
    "languages": ["kk", "ru", "en"],
    "children": [
        q(
            "org_kind",
            "select_one",
            "Ұйымыңыздың түрі",
            "Тип вашей организации",
            "Your organisation's kind",
            list="org_kinds",
            required=True,
        ),
        q(
            "region",
            "select_one",
            "Облысыңыз немесе қалаңыз",
            "Ваша область или город",
            "Your region or city",
            list="regions",
            required=True,
        ),
        q(
            "grant_size",
            "select_one",
            "Грант сомасы",
            "Размер гранта",
            "Grant amount",
            list="grant_sizes",
            required=True,
        ),
        q(
            "application_ease",
            "select_one",
            "Өтінім беру қаншалықты оңай болды?",
            "Насколько легко было подать заявку?",
            "How easy was it to apply?",
            list="ease5",
            required=True,
        ),
        q(
            "reporting",
            "select_one",
            "Есеп беру қаншалықты ауыр?",
            "Насколько обременительна отчётность?",
            "How heavy is the reporting?",
            list="burden",
            required=True,
        ),
        q(
            "paid_on_time",
            "select_one",
            "Қаржыландыру уақытында түсті ме?",
            "Финансирование поступило вовремя?",
            "Did the funding arrive on time?",
            list="yes_no",
            required=True,
        ),
        q(
            "apply_again",
            "select_one",
            "Келесі жылы тағы өтінім бересіз бе?",
            "Подадите ли вы заявку в следующем году?",
            "Will you apply again next year?",
            list="yes_no_dk",
            required=True,
        ),
        q(
            "improve",
            "text",
            "Конкурсты қалай жақсартуға болады?",
            "Как улучшить конкурс?",
            "How could the call be improved?",
        ),
    ],
    "choices": {
        **COMMON_CHOICES,
        "org_kinds": _choices(
            ("association", "Қоғамдық бірлестік", "Общественное объединение", "Public association"),
            ("foundation", "Қор", "Фонд", "Foundation"),
            ("institution", "Мекеме", "Учреждение", "Institution"),
            ("union", "Заңды тұлғалар бірлестігі", "Объединение юридических лиц", "Union of legal entities"),
        ),
        "grant_sizes": _choices(
            ("small", "5 млн теңгеге дейін", "До 5 млн тенге", "Up to 5 million tenge"),
            ("medium", "5–20 млн теңге", "5–20 млн тенге", "5–20 million tenge"),
            ("large", "20 млн теңгеден жоғары", "Свыше 20 млн тенге", "Over 20 million tenge"),
        ),
        "burden": _choices(
            ("1", "Өте ауыр", "Очень обременительна", "Very heavy"),
            ("2", "Ауыр", "Обременительна", "Heavy"),
            ("3", "Қалыпты", "Умеренная", "Moderate"),
            ("4", "Жеңіл", "Необременительна", "Light"),
        ),
    },
}

# Open answers people write, in Russian and Kazakh.
PRIORITIES = [
    "Пандусы в поликлиниках и на остановках",
    "Больше мест в социальном такси, ждать по неделе невозможно",
    "Сурдопереводчик в ЦОНе",
    "Работа для людей с инвалидностью, а не только пособие",
    "Аудандағы емханаға пандус салу керек",
    "Инклюзивные классы в школах нашего района",
    "Әлеуметтік таксиге тапсырыс беру оңай болуы керек",
    "Лифты в многоэтажках, которые работают",
]
COMMENTS = [
    "Вопросы понятные",
    "Сауалнама ұзақ емес, жақсы",
    "Хорошо, что спрашивают мнение сельских жителей",
    "Добавьте вопрос о ценах на лекарства",
    "Сұрақтар түсінікті",
]
PROPOSALS = [
    "Публиковать протоколы заседаний в течение недели",
    "Проводить выездные заседания в регионах",
    "Кеңес отырыстарын онлайн көрсету",
    "Привлекать молодёжные организации к работе комиссий",
    "Отчитываться о выполнении рекомендаций раз в квартал",
]
IMPROVEMENTS = [
    "Упростить отчётность, убрать дублирующие формы",
    "Платить первый транш вовремя",
    "Өтінім формасын қысқарту",
    "Объявлять конкурс раньше, в ноябре",
    "Давать обратную связь по оценкам экспертов",
]
INTERVIEWER_AREAS = [
    "участок {n}, каждая пятая квартира от углового дома",
    "ауыл, әрбір үшінші үй, {n}-маршрут",
    "микрорайон {n}, подъезды по кругу от школы",
]
