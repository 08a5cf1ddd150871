"""What the demo's forms share: the three-language labels and the question helpers, the regions, the population the
quota survey is weighted to, the common choice lists and the "about you" questions."""

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
