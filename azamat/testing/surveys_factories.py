"""Surveys for tests, made directly from the models: `survey(by=...)` gives an open survey of `by`'s organisation
(`by` administers it, so manages the survey) with one version of `SAMPLE` — a short needs assessment in Kazakh
and Russian with skip logic, a constraint, a select_multiple with "other", a group page and a repeat."""

import copy

from django.utils import timezone

from azamat.surveys.models import Assignment, Quota, Response, Survey, SurveyMember, SurveyVersion
from azamat.testing.campaigns_factories import ngo_admin


def _l(kk: str, ru: str, en: str) -> dict:
    return {"kk": kk, "ru": ru, "en": en}


SAMPLE = {
    "title": _l("Мұқтаждықтарды бағалау", "Оценка потребностей", "Needs assessment"),
    "languages": ["kk", "ru", "en"],
    "children": [
        {
            "name": "region",
            "type": "select_one",
            "list": "regions",
            "label": _l("Облысыңыз", "Ваш регион", "Your region"),
            "required": True,
        },
        {
            "name": "sex",
            "type": "select_one",
            "list": "sex",
            "label": _l("Жынысыңыз", "Ваш пол", "Your sex"),
            "required": True,
        },
        {
            "name": "age",
            "type": "integer",
            "label": _l("Жасыңыз", "Ваш возраст", "Your age"),
            "required": True,
            "constraint": ". >= 16 and . <= 100",
            "constraint_message": _l(
                "Жас 16 мен 100 аралығында", "Возраст от 16 до 100", "Age between 16 and 100"
            ),
        },
        {
            "name": "needs",
            "type": "group",
            "label": _l("Қажеттіліктер", "Потребности", "Needs"),
            "appearance": "field-list",
            "children": [
                {
                    "name": "services",
                    "type": "select_multiple",
                    "list": "services",
                    "or_other": True,
                    "label": _l(
                        "Қандай қызметтер жетіспейді?",
                        "Каких услуг не хватает?",
                        "Which services are missing?",
                    ),
                    "required": True,
                },
                {
                    "name": "satisfied",
                    "type": "select_one",
                    "list": "scale",
                    "label": _l("Қанағаттанасыз ба?", "Вы удовлетворены?", "Are you satisfied?"),
                    "required": True,
                },
                {
                    "name": "why",
                    "type": "text",
                    "label": _l("Неге?", "Почему?", "Why?"),
                    "relevant": "${satisfied} = 'no'",
                },
                {
                    "name": "spend",
                    "type": "decimal",
                    "label": _l(
                        "Айына қанша жұмсайсыз, теңге?",
                        "Сколько тратите в месяц, тенге?",
                        "How much do you spend a month, tenge?",
                    ),
                },
            ],
        },
        {
            "name": "children",
            "type": "repeat",
            "label": _l("Балалар", "Дети", "Children"),
            "children": [
                {
                    "name": "child_age",
                    "type": "integer",
                    "label": _l("Баланың жасы", "Возраст ребёнка", "Age"),
                },
            ],
        },
        {
            "name": "contact",
            "type": "group",
            "label": _l("Байланыс", "Контакт", "Contact"),
            "children": [
                {
                    "name": "phone",
                    "type": "text",
                    "personal": True,
                    "label": _l("Телефон (міндетті емес)", "Телефон (необязательно)", "Phone (optional)"),
                },
                {
                    "name": "visited",
                    "type": "date",
                    "label": _l("Соңғы бару", "Последний визит", "Last visit"),
                },
            ],
        },
    ],
    "choices": {
        "regions": [
            {"name": "751000000", "label": _l("Алматы", "Алматы", "Almaty")},
            {"name": "711000000", "label": _l("Астана", "Астана", "Astana")},
            {"name": "351000000", "label": _l("Қарағанды облысы", "Карагандинская область", "Karaganda")},
        ],
        "sex": [
            {"name": "f", "label": _l("Әйел", "Женский", "Female")},
            {"name": "m", "label": _l("Ер", "Мужской", "Male")},
        ],
        "services": [
            {"name": "ramp", "label": _l("Пандус", "Пандус", "Ramp")},
            {"name": "sign", "label": _l("Ымдау тілі", "Сурдоперевод", "Sign language")},
            {"name": "transport", "label": _l("Көлік", "Транспорт", "Transport")},
        ],
        "scale": [
            {"name": "yes", "label": _l("Иә", "Да", "Yes")},
            {"name": "no", "label": _l("Жоқ", "Нет", "No")},
        ],
    },
}


def survey(*, by=None, organisation=None, definition=None, status=Survey.Status.OPEN, **fields) -> Survey:
    if by is None:
        by, organisation = ngo_admin()
    if organisation is None and not (fields.get("council") or fields.get("body")):
        organisation = by.memberships.filter(status="active").first().organisation
    fields.setdefault("title", "Оценка потребностей людей с инвалидностью")
    fields.setdefault("modes", [Survey.Mode.OPEN, Survey.Mode.INTERVIEWER, Survey.Mode.PAPER])
    fields.setdefault("region_question", "region")
    made = Survey.objects.create(organisation=organisation, created_by=by, status=status, **fields)
    SurveyMember.objects.create(survey=made, user=by, role=SurveyMember.Role.MANAGER)
    SurveyVersion.objects.create(
        survey=made, number=1, definition=copy.deepcopy(definition or SAMPLE), created_by=by
    )
    return made


def response(
    survey: Survey, data: dict | None = None, *, status=Response.Status.COMPLETED, **fields
) -> Response:
    now = timezone.now()
    fields.setdefault("started_at", now - timezone.timedelta(minutes=7))
    if status == Response.Status.COMPLETED:
        fields.setdefault("completed_at", now)
        fields.setdefault("duration_seconds", 420)
    answers = (
        data if data is not None else {"region": "751000000", "sex": "f", "age": 34, "services": ["ramp"]}
    )
    fields.setdefault(
        "region_code", answers.get("region", "") if isinstance(answers.get("region"), str) else ""
    )
    return Response.objects.create(
        survey=survey, version=survey.current_version(), data=answers, status=status, **fields
    )


def assignment(survey: Survey, interviewer, **fields) -> Assignment:
    fields.setdefault("area", "Алматы, Алмалинский район, участок 12")
    fields.setdefault("target", 40)
    return Assignment.objects.create(survey=survey, interviewer=interviewer, **fields)


def quota(survey: Survey, conditions: dict | None = None, target: int = 10, **fields) -> Quota:
    fields.setdefault("label", "Алматы, женщины")
    return Quota.objects.create(
        survey=survey,
        conditions=conditions or {"region": ["751000000"], "sex": ["f"]},
        target=target,
        **fields,
    )
