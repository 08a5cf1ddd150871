"""Reference data loaded by data migrations: KATO regions, areas of activity, government bodies."""

# KATO top level (НК РК 11-2025): code, Russian, Kazakh, English, kind, Russian genitive for body names.
REGIONS = [
    ("100000000", "область Абай", "Абай облысы", "Abai Region", "region", "области Абай"),
    ("110000000", "Акмолинская область", "Ақмола облысы", "Akmola Region", "region", "Акмолинской области"),
    ("150000000", "Актюбинская область", "Ақтөбе облысы", "Aktobe Region", "region", "Актюбинской области"),
    ("190000000", "Алматинская область", "Алматы облысы", "Almaty Region", "region", "Алматинской области"),
    ("230000000", "Атырауская область", "Атырау облысы", "Atyrau Region", "region", "Атырауской области"),
    (
        "270000000",
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
        "West Kazakhstan Region",
        "region",
        "Западно-Казахстанской области",
    ),
    ("310000000", "Жамбылская область", "Жамбыл облысы", "Zhambyl Region", "region", "Жамбылской области"),
    ("330000000", "область Жетісу", "Жетісу облысы", "Zhetisu Region", "region", "области Жетісу"),
    (
        "350000000",
        "Карагандинская область",
        "Қарағанды облысы",
        "Karaganda Region",
        "region",
        "Карагандинской области",
    ),
    (
        "390000000",
        "Костанайская область",
        "Қостанай облысы",
        "Kostanay Region",
        "region",
        "Костанайской области",
    ),
    (
        "430000000",
        "Кызылординская область",
        "Қызылорда облысы",
        "Kyzylorda Region",
        "region",
        "Кызылординской области",
    ),
    (
        "470000000",
        "Мангистауская область",
        "Маңғыстау облысы",
        "Mangystau Region",
        "region",
        "Мангистауской области",
    ),
    (
        "550000000",
        "Павлодарская область",
        "Павлодар облысы",
        "Pavlodar Region",
        "region",
        "Павлодарской области",
    ),
    (
        "590000000",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
        "North Kazakhstan Region",
        "region",
        "Северо-Казахстанской области",
    ),
    (
        "610000000",
        "Туркестанская область",
        "Түркістан облысы",
        "Turkistan Region",
        "region",
        "Туркестанской области",
    ),
    ("620000000", "область Ұлытау", "Ұлытау облысы", "Ulytau Region", "region", "области Ұлытау"),
    (
        "630000000",
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
        "East Kazakhstan Region",
        "region",
        "Восточно-Казахстанской области",
    ),
    ("710000000", "г. Астана", "Астана қ.", "Astana", "city", "города Астаны"),
    ("750000000", "г. Алматы", "Алматы қ.", "Almaty", "city", "города Алматы"),
    ("790000000", "г. Шымкент", "Шымкент қ.", "Shymkent", "city", "города Шымкента"),
]

# code, Kazakh, Russian, English
ACTIVITY_AREAS = [
    ("social-protection", "Әлеуметтік қорғау", "Социальная защита", "Social protection"),
    ("children-youth", "Балалар мен жастар", "Дети и молодёжь", "Children and youth"),
    ("womens-rights", "Әйелдер құқықтары", "Права женщин", "Women's rights"),
    ("disability", "Мүгедектігі бар адамдар", "Люди с инвалидностью", "Disability"),
    ("human-rights", "Адам құқықтары", "Права человека", "Human rights"),
    ("media-speech", "БАҚ және сөз бостандығы", "СМИ и свобода слова", "Media and freedom of speech"),
    ("ecology", "Экология", "Экология", "Ecology"),
    ("health", "Денсаулық сақтау", "Здравоохранение", "Health"),
    ("education", "Білім беру", "Образование", "Education"),
    ("culture", "Мәдениет", "Культура", "Culture"),
    ("sport", "Спорт", "Спорт", "Sport"),
    ("legal-aid", "Заң көмегі", "Юридическая помощь", "Legal aid"),
    ("elections", "Сайлау", "Выборы", "Elections"),
    ("elderly", "Егде жастағы адамдар", "Пожилые люди", "Older people"),
    ("family", "Отбасы және демография", "Семья и демография", "Family and demography"),
    (
        "anti-corruption",
        "Сыбайлас жемқорлыққа қарсы іс-қимыл",
        "Противодействие коррупции",
        "Anti-corruption",
    ),
    (
        "local-development",
        "Жергілікті қоғамдастықтарды дамыту",
        "Развитие местных сообществ",
        "Local community development",
    ),
    ("volunteering", "Волонтерлік", "Волонтёрство", "Volunteering"),
    ("animal-welfare", "Жануарларды қорғау", "Защита животных", "Animal welfare"),
    (
        "religion-interethnic",
        "Этносаралық және конфессияаралық келісім",
        "Межэтническое и межконфессиональное согласие",
        "Interethnic and interfaith accord",
    ),
]

# code, Kazakh, Russian, English
MINISTRIES = [
    (
        "mfa",
        "Қазақстан Республикасы Сыртқы істер министрлігі",
        "Министерство иностранных дел Республики Казахстан",
        "Ministry of Foreign Affairs",
    ),
    (
        "mvd",
        "Қазақстан Республикасы Ішкі істер министрлігі",
        "Министерство внутренних дел Республики Казахстан",
        "Ministry of Internal Affairs",
    ),
    (
        "minjust",
        "Қазақстан Республикасы Әділет министрлігі",
        "Министерство юстиции Республики Казахстан",
        "Ministry of Justice",
    ),
    (
        "minfin",
        "Қазақстан Республикасы Қаржы министрлігі",
        "Министерство финансов Республики Казахстан",
        "Ministry of Finance",
    ),
    (
        "mne",
        "Қазақстан Республикасы Ұлттық экономика министрлігі",
        "Министерство национальной экономики Республики Казахстан",
        "Ministry of National Economy",
    ),
    (
        "edu",
        "Қазақстан Республикасы Оқу-ағарту министрлігі",
        "Министерство просвещения Республики Казахстан",
        "Ministry of Education",
    ),
    (
        "science",
        "Қазақстан Республикасы Ғылым және жоғары білім министрлігі",
        "Министерство науки и высшего образования Республики Казахстан",
        "Ministry of Science and Higher Education",
    ),
    (
        "health",
        "Қазақстан Республикасы Денсаулық сақтау министрлігі",
        "Министерство здравоохранения Республики Казахстан",
        "Ministry of Health",
    ),
    (
        "labour",
        "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
        "Министерство труда и социальной защиты населения Республики Казахстан",
        "Ministry of Labour and Social Protection of the Population",
    ),
    (
        "mci",
        "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
        "Министерство культуры и информации Республики Казахстан",
        "Ministry of Culture and Information",
    ),
    (
        "sport",
        "Қазақстан Республикасы Туризм және спорт министрлігі",
        "Министерство туризма и спорта Республики Казахстан",
        "Ministry of Tourism and Sports",
    ),
    (
        "ecology",
        "Қазақстан Республикасы Экология және табиғи ресурстар министрлігі",
        "Министерство экологии и природных ресурсов Республики Казахстан",
        "Ministry of Ecology and Natural Resources",
    ),
    (
        "agriculture",
        "Қазақстан Республикасы Ауыл шаруашылығы министрлігі",
        "Министерство сельского хозяйства Республики Казахстан",
        "Ministry of Agriculture",
    ),
    (
        "digital",
        "Қазақстан Республикасы Жасанды интеллект және цифрлық даму министрлігі",
        "Министерство искусственного интеллекта и цифрового развития Республики Казахстан",
        "Ministry of Artificial Intelligence and Digital Development",
    ),
    (
        "emergency",
        "Қазақстан Республикасы Төтенше жағдайлар министрлігі",
        "Министерство по чрезвычайным ситуациям Республики Казахстан",
        "Ministry of Emergency Situations",
    ),
    (
        "energy",
        "Қазақстан Республикасы Энергетика министрлігі",
        "Министерство энергетики Республики Казахстан",
        "Ministry of Energy",
    ),
    (
        "industry",
        "Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі",
        "Министерство промышленности и строительства Республики Казахстан",
        "Ministry of Industry and Construction",
    ),
    (
        "transport",
        "Қазақстан Республикасы Көлік министрлігі",
        "Министерство транспорта Республики Казахстан",
        "Ministry of Transport",
    ),
    (
        "trade",
        "Қазақстан Республикасы Сауда және интеграция министрлігі",
        "Министерство торговли и интеграции Республики Казахстан",
        "Ministry of Trade and Integration",
    ),
    (
        "water",
        "Қазақстан Республикасы Су ресурстары және ирригация министрлігі",
        "Министерство водных ресурсов и ирригации Республики Казахстан",
        "Ministry of Water Resources and Irrigation",
    ),
]

# code, parent ministry code, Kazakh, Russian, English
COMMITTEES = [
    (
        "mci-civil-society",
        "mci",
        "Азаматтық қоғам істері комитеті",
        "Комитет по делам гражданского общества",
        "Committee for Civil Society Affairs",
    ),
    (
        "mci-religion",
        "mci",
        "Дін істері комитеті",
        "Комитет по делам религий",
        "Committee for Religious Affairs",
    ),
    (
        "mci-youth-family",
        "mci",
        "Жастар және отбасы істері комитеті",
        "Комитет по делам молодёжи и семьи",
        "Committee for Youth and Family Affairs",
    ),
    (
        "labour-social-services",
        "labour",
        "Әлеуметтік қызметтер комитеті",
        "Комитет социальных услуг",
        "Committee for Social Services",
    ),
    (
        "ecology-forestry",
        "ecology",
        "Орман шаруашылығы және жануарлар дүниесі комитеті",
        "Комитет лесного хозяйства и животного мира",
        "Committee for Forestry and Wildlife",
    ),
    (
        "minjust-registration",
        "minjust",
        "Тіркеу қызметі және заң көмегін ұйымдастыру комитеті",
        "Комитет регистрационной службы и организации юридической помощи",
        "Committee for Registration and Legal Aid",
    ),
]

# code, Kazakh, Russian, English
QUASI_PUBLIC = [
    (
        "cso-support-centre",
        "«Азаматтық бастамаларды қолдау орталығы» КеАҚ",
        "НАО «Центр поддержки гражданских инициатив»",
        "Centre for Support of Civil Initiatives",
    ),
    (
        "gov-for-citizens",
        "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы» КеАҚ",
        "НАО «Государственная корпорация «Правительство для граждан»",
        "Government for Citizens State Corporation",
    ),
    (
        "samruk-kazyna",
        "«Самұрық-Қазына» ұлттық әл-ауқат қоры» АҚ",
        "АО «Фонд национального благосостояния «Самрук-Қазына»",
        "Samruk-Kazyna National Welfare Fund",
    ),
    (
        "baiterek",
        "«Бәйтерек» ұлттық басқарушы холдингі» АҚ",
        "АО «Национальный управляющий холдинг «Байтерек»",
        "Baiterek National Managing Holding",
    ),
    (
        "social-health-insurance",
        "«Әлеуметтік медициналық сақтандыру қоры» КеАҚ",
        "НАО «Фонд социального медицинского страхования»",
        "Social Health Insurance Fund",
    ),
]


def region_bodies(kato: str, name_kk: str, genitive_ru: str, name_en: str, kind: str):
    """The akimat and maslikhat of a region or city: (code, kind, kk, ru, en)."""
    if kind == "city":
        base_kk = name_kk.replace(" қ.", "")
        akimat_kk, maslikhat_kk = f"{base_kk} қаласының әкімдігі", f"{base_kk} қалалық мәслихаты"
        level = "city"
    else:
        base_kk = name_kk.replace(" облысы", "")
        akimat_kk, maslikhat_kk = f"{base_kk} облысының әкімдігі", f"{base_kk} облыстық мәслихаты"
        level = "regional"
    return [
        (f"akimat-{kato[:2]}", "akimat", level, akimat_kk, f"Акимат {genitive_ru}", f"Akimat of {name_en}"),
        (
            f"maslikhat-{kato[:2]}",
            "maslikhat",
            level,
            maslikhat_kk,
            f"Маслихат {genitive_ru}",
            f"Maslikhat of {name_en}",
        ),
    ]
