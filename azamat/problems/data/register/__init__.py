"""The Register of Problems of NGOs as the data generator writes it: problems in the eight areas, taken from what
NGOs say in the Civil Alliance's magazine "Adal Azamat" No. 3 (2024) (the 30% advance on social orders, tax relief
for public-interest NGOs, NGO houses, a separate law on NGOs, one approach to reports and indicators, simpler
public procurement, transparent expert groups) and others in the same spirit; written as NGOs write them, mostly
in Russian, some in Kazakh.

Each entry says where the generator takes it: its status, and for each recommendation what the body did (`fate`).
"""

from azamat.problems.data.register import (
    business,
    development,
    financing,
    international,
    legislation,
    partnership,
    reporting,
    state_support,
)
from azamat.problems.data.register.common import (  # noqa: F401 — the seeder reads them here
    ACCEPTED,
    AWAITING,
    IMPLEMENTED,
    OVERDUE,
    PARTIAL,
    PLANNED,
    REJECTED,
    Entry,
)

REGISTER = [
    *partnership.ENTRIES,
    *financing.ENTRIES,
    *legislation.ENTRIES,
    *state_support.ENTRIES,
    *development.ENTRIES,
    *reporting.ENTRIES,
    *business.ENTRIES,
    *international.ENTRIES,
]

# What endorsing organisations write as their case, as NGO staff would (the generator picks one for each).
CASES = [
    "Наша организация сталкивается с этим каждый год; в прошлом году из-за этого сократили двух сотрудников.",
    "Подтверждаем: в нашем районе ситуация такая же. Писали в акимат, ответа по существу не получили.",
    "Біздің ұйым да осы мәселеге тап болды; облыстағы басқа ҮЕҰ-лармен жағдай бірдей.",
    "Из 12 наших проектов за три года проблема затронула 9. Готовы предоставить документы.",
    "Осы мәселеге байланысты жобаны уақытында бастай алмадық, қатысушылар күтіп қалды.",
    "Готовы участвовать в рабочей группе и поделиться расчётами.",
    "Ауылдық ұйымдар үшін бұл мәселе ерекше өзекті: ресурсымыз аз, кеңес алатын жер жоқ.",
    "Мы работаем с детьми с инвалидностью; из-за этой проблемы часть услуг пришлось приостановить.",
    "Поддерживаем. В нашей области это касается почти всех членов регионального альянса.",
    "Бізде де дәл осындай жағдай: құжаттарды бірнеше рет қайта тапсыруға тура келді.",
]

# What a body answers, by its decision.
ANSWERS = {
    ACCEPTED: "Предложение поддержано и включено в план работы на следующий год.",
    PARTIAL: "Поддерживается частично: в пределах предусмотренных бюджетных средств и после согласования с "
    "заинтересованными государственными органами.",
    REJECTED: "Не поддерживается: предлагаемая норма потребует дополнительных расходов республиканского бюджета и "
    "не согласуется с действующим законодательством.",
}
MILESTONES = [
    ("Разработка проекта приказа о внесении изменений", "Приказ зарегистрирован в Министерстве юстиции."),
    (
        "Публичное обсуждение проекта на портале «Открытые НПА»",
        "Проект обсуждён, сводная таблица опубликована.",
    ),
    (
        "Өзгерістер енгізу туралы бұйрық жобасын әзірлеу",
        "Бұйрық «Әділет» ақпараттық-құқықтық жүйесінде жарияланды.",
    ),
    ("Утверждение типового положения", "Положение утверждено и направлено в акиматы."),
]
