"""The thesauri the platform starts with (administrators add, rename and retire terms later): event types, act
types and rights violated, after HURIDOCS' micro-thesauri adapted to Kazakhstan, with references to the
Constitution of the Republic of Kazakhstan and the covenants it has ratified."""

# (code, Kazakh, Russian, English, references)
EVENT_TYPES = [
    (
        "assembly",
        "Бейбіт жиналыс",
        "Мирное собрание",
        "Peaceful assembly",
        "Конституция, 32-бап; АСҚХП, 21-бап",
    ),
    ("detention", "Ұстау", "Задержание", "Detention", "Конституция, 16-бап; АСҚХП, 9-бап"),
    ("search", "Тінту", "Обыск", "Search", "Конституция, 18, 25-баптар; АСҚХП, 17-бап"),
    (
        "site_blocking",
        "Сайтты бұғаттау",
        "Блокировка сайта",
        "Blocking of a website",
        "Конституция, 20-бап; АСҚХП, 19-бап",
    ),
    (
        "journalist",
        "Журналистке қысым",
        "Давление на журналиста",
        "Pressure on a journalist",
        "Конституция, 20-бап; АСҚХП, 19-бап",
    ),
    (
        "lawyer",
        "Адвокатқа қысым",
        "Давление на адвоката",
        "Pressure on a lawyer",
        "Конституция, 13-бап; АСҚХП, 14-бап",
    ),
    (
        "election",
        "Сайлаудағы бұзушылық",
        "Нарушение на выборах",
        "Election violation",
        "Конституция, 33-бап; АСҚХП, 25-бап",
    ),
    (
        "religion",
        "Діни сенімі үшін қудалау",
        "Преследование за веру",
        "Persecution for religious belief",
        "Конституция, 22-бап; АСҚХП, 18-бап",
    ),
    (
        "prosecution",
        "Қылмыстық қудалау",
        "Уголовное преследование",
        "Criminal prosecution",
        "Конституция, 77-бап; АСҚХП, 14-бап",
    ),
    (
        "detention_conditions",
        "Ұстау жағдайлары",
        "Условия содержания",
        "Conditions of detention",
        "Конституция, 17-бап; Азаптауларға қарсы конвенция, 16-бап",
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
        "Конституция, 32-бап; АСҚХП, 21-бап",
    ),
    (
        "expression",
        "Сөз бостандығы",
        "Свобода слова",
        "Freedom of expression",
        "Конституция, 20-бап; АСҚХП, 19-бап",
    ),
    (
        "liberty",
        "Жеке бостандыққа құқық",
        "Право на личную свободу",
        "Right to liberty",
        "Конституция, 16-бап; АСҚХП, 9-бап",
    ),
    (
        "fair_trial",
        "Әділ сотқа құқық",
        "Право на справедливый суд",
        "Right to a fair trial",
        "Конституция, 13, 77-баптар; АСҚХП, 14-бап",
    ),
    (
        "torture",
        "Азаптауға тыйым",
        "Запрет пыток",
        "Prohibition of torture",
        "Конституция, 17-бап; АСҚХП, 7-бап; Азаптауларға қарсы конвенция",
    ),
    (
        "privacy",
        "Жеке өмірге қол сұқпаушылық",
        "Неприкосновенность частной жизни",
        "Right to privacy",
        "Конституция, 18, 25-баптар; АСҚХП, 17-бап",
    ),
    (
        "religion",
        "Ар-ождан бостандығы",
        "Свобода совести",
        "Freedom of religion or belief",
        "Конституция, 22-бап; АСҚХП, 18-бап",
    ),
    (
        "association",
        "Бірлесу бостандығы",
        "Свобода объединений",
        "Freedom of association",
        "Конституция, 23-бап; АСҚХП, 22-бап",
    ),
    (
        "elections",
        "Сайлау құқығы",
        "Избирательные права",
        "Right to vote and be elected",
        "Конституция, 33-бап; АСҚХП, 25-бап",
    ),
    (
        "information",
        "Ақпарат алу құқығы",
        "Право на доступ к информации",
        "Right to information",
        "Конституция, 18, 20-баптар; АСҚХП, 19-бап",
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


# The references above are written as Kazakh writes them ("Конституция, 32-бап; АСҚХП, 21-бап"); a Russian and an
# English reader get them as their languages write them ("Конституция, ст. 32; МПГПП, ст. 21", "Constitution,
# art. 32; ICCPR, art. 21"). The covenants' names, per language: Kazakh → (Russian, English).
COVENANTS = {"АСҚХП": ("МПГПП", "ICCPR"), "Азаптауларға қарсы конвенция": ("КПП", "CAT")}

# Until 2026-12 the Kazakh references named the covenants by their English abbreviations ("ICCPR, 21"); the
# migration that rewrote them (monitoring 0005) reads the old forms with this.
LATIN_IN_KAZAKH = {"ICCPR": "АСҚХП", "CAT": "Азаптауларға қарсы конвенция"}


def kazakh_form(reference_kk: str) -> str:
    """A Kazakh reference written with the English abbreviations ("Конституция, 32-бап; ICCPR, 21") as Kazakh writes
    it ("Конституция, 32-бап; АСҚХП, 21-бап"); any other text unchanged."""
    parts = []
    for part in (p.strip() for p in reference_kk.split(";")):
        source, comma, articles = part.partition(",")
        if source in LATIN_IN_KAZAKH:
            articles = articles.strip()
            part = LATIN_IN_KAZAKH[source] + (f", {articles}-бап" if articles else "")
        parts.append(part)
    return "; ".join(parts)


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
