"""The thesauri the platform starts with (administrators add, rename and retire terms later): event types, act
types and rights violated, after HURIDOCS' micro-thesauri adapted to Kazakhstan, with references to the
Constitution of the Republic of Kazakhstan and the covenants it has ratified."""

# (code, Kazakh, Russian, English, references)
EVENT_TYPES = [
    ("assembly", "Бейбіт жиналыс", "Мирное собрание", "Peaceful assembly", "Конституция, 32-бап; ICCPR, 21"),
    ("detention", "Ұстау", "Задержание", "Detention", "Конституция, 16-бап; ICCPR, 9"),
    ("search", "Тінту", "Обыск", "Search", "Конституция, 18, 25-баптар; ICCPR, 17"),
    (
        "site_blocking",
        "Сайтты бұғаттау",
        "Блокировка сайта",
        "Blocking of a website",
        "Конституция, 20-бап; ICCPR, 19",
    ),
    (
        "journalist",
        "Журналистке қысым",
        "Давление на журналиста",
        "Pressure on a journalist",
        "Конституция, 20-бап; ICCPR, 19",
    ),
    (
        "lawyer",
        "Адвокатқа қысым",
        "Давление на адвоката",
        "Pressure on a lawyer",
        "Конституция, 13-бап; ICCPR, 14",
    ),
    (
        "election",
        "Сайлаудағы бұзушылық",
        "Нарушение на выборах",
        "Election violation",
        "Конституция, 33-бап; ICCPR, 25",
    ),
    (
        "religion",
        "Діни сенімі үшін қудалау",
        "Преследование за веру",
        "Persecution for religious belief",
        "Конституция, 22-бап; ICCPR, 18",
    ),
    (
        "prosecution",
        "Қылмыстық қудалау",
        "Уголовное преследование",
        "Criminal prosecution",
        "Конституция, 77-бап; ICCPR, 14",
    ),
    (
        "detention_conditions",
        "Ұстау жағдайлары",
        "Условия содержания",
        "Conditions of detention",
        "Конституция, 17-бап; CAT, 16",
    ),
]
ACT_TYPES = [
    ("arrest", "Қамауға алу", "Арест", "Arrest"),
    ("detention", "Ұстау", "Задержание", "Detention"),
    ("administrative_arrest", "Әкімшілік қамау", "Административный арест", "Administrative arrest"),
    ("fine", "Айыппұл", "Штраф", "Fine"),
    ("beating", "Ұрып-соғу", "Избиение", "Beating"),
    ("torture", "Азаптау", "Пытки", "Torture"),
    ("threat", "Қорқыту", "Угрозы", "Threats"),
    ("dismissal", "Жұмыстан шығару", "Увольнение", "Dismissal"),
    ("search", "Тінту", "Обыск", "Search"),
    ("seizure", "Мүлікті алып қою", "Изъятие имущества", "Seizure of property"),
    ("blocking", "Бұғаттау", "Блокировка", "Blocking"),
    ("surveillance", "Аңду", "Слежка", "Surveillance"),
    ("charge", "Айып тағу", "Предъявление обвинения", "Charge"),
    ("sentence", "Үкім", "Приговор", "Sentence"),
    ("obstruction", "Бақылаушыға кедергі", "Воспрепятствование наблюдателю", "Obstruction of an observer"),
]
RIGHTS = [
    (
        "assembly",
        "Бейбіт жиналыс бостандығы",
        "Свобода мирных собраний",
        "Freedom of peaceful assembly",
        "Конституция, 32-бап; ICCPR, 21",
    ),
    (
        "expression",
        "Сөз бостандығы",
        "Свобода слова",
        "Freedom of expression",
        "Конституция, 20-бап; ICCPR, 19",
    ),
    (
        "liberty",
        "Жеке бостандыққа құқық",
        "Право на личную свободу",
        "Right to liberty",
        "Конституция, 16-бап; ICCPR, 9",
    ),
    (
        "fair_trial",
        "Әділ сотқа құқық",
        "Право на справедливый суд",
        "Right to a fair trial",
        "Конституция, 13, 77-баптар; ICCPR, 14",
    ),
    (
        "torture",
        "Азаптауға тыйым",
        "Запрет пыток",
        "Prohibition of torture",
        "Конституция, 17-бап; ICCPR, 7; CAT",
    ),
    (
        "privacy",
        "Жеке өмірге қол сұқпаушылық",
        "Неприкосновенность частной жизни",
        "Right to privacy",
        "Конституция, 18, 25-баптар; ICCPR, 17",
    ),
    (
        "religion",
        "Ар-ождан бостандығы",
        "Свобода совести",
        "Freedom of religion or belief",
        "Конституция, 22-бап; ICCPR, 18",
    ),
    (
        "association",
        "Бірлесу бостандығы",
        "Свобода объединений",
        "Freedom of association",
        "Конституция, 23-бап; ICCPR, 22",
    ),
    (
        "elections",
        "Сайлау құқығы",
        "Избирательные права",
        "Right to vote and be elected",
        "Конституция, 33-бап; ICCPR, 25",
    ),
    (
        "information",
        "Ақпарат алу құқығы",
        "Право на доступ к информации",
        "Right to information",
        "Конституция, 18, 20-баптар; ICCPR, 19",
    ),
]


def rows():
    """(kind, code, kk, ru, en, reference, position) for every starting term."""
    for position, (code, kk, ru, en, reference) in enumerate(EVENT_TYPES):
        yield "event_type", code, kk, ru, en, reference, position
    for position, (code, kk, ru, en) in enumerate(ACT_TYPES):
        yield "act_type", code, kk, ru, en, "", position
    for position, (code, kk, ru, en, reference) in enumerate(RIGHTS):
        yield "right", code, kk, ru, en, reference, position


# The references above are written as Kazakh writes them ("Конституция, 32-бап; ICCPR, 21"); a Russian and an
# English reader get them as their languages write them ("Конституция, ст. 32; МПГПП, ст. 21", "Constitution,
# art. 32; ICCPR, art. 21"). The covenants' abbreviations, per language.
COVENANTS = {"ICCPR": ("МПГПП", "ICCPR"), "CAT": ("КПП", "CAT")}


def references_in(reference_kk: str) -> tuple[str, str]:
    """The Russian and English forms of a starting term's Kazakh references (empty for what it cannot read)."""
    if not reference_kk:
        return "", ""
    ru_parts, en_parts = [], []
    for part in (p.strip() for p in reference_kk.split(";")):
        source, _comma, articles = part.partition(",")
        articles = articles.strip().removesuffix("-баптар").removesuffix("-бап").strip()
        many = "," in articles
        if source == "Конституция":
            ru_name, en_name = "Конституция", "Constitution"
        elif source in COVENANTS:
            ru_name, en_name = COVENANTS[source]
        else:
            return "", ""
        if articles:
            ru_parts.append(f"{ru_name}, ст. {articles}")
            en_parts.append(f"{en_name}, {'arts.' if many else 'art.'} {articles}")
        else:
            ru_parts.append(ru_name)
            en_parts.append(en_name)
    return "; ".join(ru_parts), "; ".join(en_parts)
