"""(d) A state body's evaluation of the state social order, closed, results public."""

from azamat.surveys.seed_data.common import COMMON_CHOICES, _choices, _l, q

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
