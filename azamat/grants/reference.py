"""Grant types and their evaluation criteria, loaded by a data migration and editable in the admin."""

from decimal import Decimal

DOCUMENTS = {
    "charter": ("Жарғы", "Устав", "Charter"),
    "registration": ("Мемлекеттік тіркеу туралы анықтама", "Справка о государственной регистрации",
                     "Certificate of state registration"),
    "budget": ("Жобаның бюджеті (XLSX)", "Бюджет проекта (XLSX)", "Project budget (XLSX)"),
    "letters": ("Серіктестердің қолдау хаттары", "Письма поддержки партнёров", "Partners' letters of support"),
    "cv": ("Жоба командасының түйіндемелері", "Резюме команды проекта", "CVs of the project team"),
}


def documents(*codes):
    return [{"code": c, "name_kk": DOCUMENTS[c][0], "name_ru": DOCUMENTS[c][1], "name_en": DOCUMENTS[c][2]}
            for c in codes]


GRANT_TYPES = [
    {
        "code": "short-term", "name_kk": "Қысқа мерзімді мемлекеттік грант",
        "name_ru": "Краткосрочный государственный грант", "name_en": "Short-term state grant",
        "instrument": "state_grant", "term": "short", "limits_in_mrp": True,
        "min_amount": Decimal(200), "max_amount": Decimal(3000), "min_months": 3, "max_months": 12,
        "min_years_registered": 1, "two_stage": False, "experts_per_application": 3,
        "tranche_percents": [30, 70], "report_months": [], "simplified_report_up_to": Decimal(10_000_000),
        "required_documents": documents("charter", "registration"),
    },
    {
        "code": "medium-term", "name_kk": "Орта мерзімді мемлекеттік грант",
        "name_ru": "Среднесрочный государственный грант", "name_en": "Medium-term state grant",
        "instrument": "state_grant", "term": "medium", "limits_in_mrp": True,
        "min_amount": Decimal(1000), "max_amount": Decimal(15000), "min_months": 6, "max_months": 24,
        "min_years_registered": 2, "two_stage": True, "experts_per_application": 3,
        "tranche_percents": [30, 40, 30], "report_months": [6, 12], "simplified_report_up_to": Decimal(0),
        "required_documents": documents("charter", "registration", "budget", "cv"),
    },
    {
        "code": "long-term", "name_kk": "Ұзақ мерзімді мемлекеттік грант",
        "name_ru": "Долгосрочный государственный грант", "name_en": "Long-term state grant",
        "instrument": "state_grant", "term": "long", "limits_in_mrp": True,
        "min_amount": Decimal(5000), "max_amount": Decimal(50000), "min_months": 24, "max_months": 36,
        "min_years_registered": 3, "two_stage": True, "experts_per_application": 3,
        "tranche_percents": [30, 25, 25, 20], "report_months": [6, 12, 18, 24, 30],
        "simplified_report_up_to": Decimal(0),
        "required_documents": documents("charter", "registration", "budget", "cv", "letters"),
    },
    {
        "code": "social-order", "name_kk": "Мемлекеттік әлеуметтік тапсырыс", "name_ru": "Государственный социальный заказ",
        "name_en": "State social order", "instrument": "social_order", "term": "short", "limits_in_mrp": False,
        "min_amount": Decimal(1_000_000), "max_amount": Decimal(30_000_000), "min_months": 3, "max_months": 12,
        "min_years_registered": 1, "two_stage": False, "experts_per_application": 3,
        "tranche_percents": [30, 70], "report_months": [], "simplified_report_up_to": Decimal(5_000_000),
        "required_documents": documents("charter", "registration"),
    },
    {
        "code": "award", "name_kk": "ҮЕҰ сыйлығы", "name_ru": "Премия для НПО", "name_en": "NGO award",
        "instrument": "award", "term": "short", "limits_in_mrp": True,
        "min_amount": Decimal(1000), "max_amount": Decimal(2000), "min_months": 1, "max_months": 1,
        "min_years_registered": 3, "two_stage": False, "experts_per_application": 3, "blind_review": False,
        "tranche_percents": [100], "report_months": [], "simplified_report_up_to": Decimal(100_000_000),
        "required_documents": documents("charter"),
    },
]

# (kk, ru, en, weight, max score)
CRITERIA = [
    ("Жобаның өзектілігі және бағытқа сәйкестігі", "Актуальность проекта и соответствие направлению",
     "Relevance to the direction", Decimal("0.20"), 10),
    ("Мақсаттар мен міндеттердің айқындығы", "Ясность целей и задач", "Clarity of goals and tasks",
     Decimal("0.15"), 10),
    ("Іс-шаралар жоспарының орындалуы", "Реализуемость плана мероприятий", "Feasibility of the plan",
     Decimal("0.15"), 10),
    ("Бюджеттің негізділігі", "Обоснованность бюджета", "Soundness of the budget", Decimal("0.20"), 10),
    ("Ұйым мен команданың тәжірибесі", "Опыт организации и команды", "Experience of the organisation and team",
     Decimal("0.15"), 10),
    ("Нәтижелер мен тұрақтылық", "Результаты и устойчивость", "Results and sustainability",
     Decimal("0.15"), 10),
]
