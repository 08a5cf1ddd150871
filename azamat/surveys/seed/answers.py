"""Each demo survey's answers, drawn with the correlations a real sample has (age and trust, income and how a
family's situation changed, a limitation and the barriers met); straight-lining and abandoned first pages."""

import math

from azamat.surveys import definition as form
from azamat.surveys import quality
from azamat.surveys import seed_data as data
from azamat.surveys.seed.world import World


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
