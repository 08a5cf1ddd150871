"""What the register's entries are written with: the legal acts they cite, what a body did with a
recommendation (`fate`), and `Entry`."""

from dataclasses import dataclass

# The legal acts the problems cite.
NPO = "Закон Республики Казахстан «О некоммерческих организациях» от 16 января 2001 года № 142-II"
SSO = (
    "Закон Республики Казахстан «О государственном социальном заказе, государственном заказе на реализацию "
    "стратегического партнерства, грантах и премиях для неправительственных организаций в Республике Казахстан» "
    "от 12 апреля 2005 года № 36"
)
TAX = "Кодекс Республики Казахстан «О налогах и других обязательных платежах в бюджет (Налоговый кодекс)»"
BUDGET_RULES = (
    "Правила исполнения бюджета и его кассового обслуживания, утверждённые приказом Министра финансов "
    "Республики Казахстан от 4 декабря 2014 года № 540"
)
GRANT_RULES = (
    "Правила формирования, предоставления, мониторинга и оценки эффективности государственных грантов "
    "(приказ Министра культуры и информации Республики Казахстан, 2025)"
)
SSO_RULES = (
    "Правила формирования, реализации, мониторинга и оценки результатов государственного социального заказа "
    "(приказ уполномоченного органа в сфере взаимодействия с НПО)"
)
PROCUREMENT = "Закон Республики Казахстан «О государственных закупках» от 1 июля 2024 года № 106-VIII"
COUNCILS = "Закон Республики Казахстан «Об общественных советах» от 2 ноября 2015 года № 383-V"
CONTROL = "Закон Республики Казахстан «Об общественном контроле» (2023)"
CHARITY = "Закон Республики Казахстан «О благотворительности» от 16 ноября 2015 года № 402-V"
VOLUNTEERS = "Закон Республики Казахстан «О волонтерской деятельности» от 30 декабря 2016 года № 42-VI"
ASSOCIATIONS = "Закон Республики Казахстан «Об общественных объединениях» от 31 мая 1996 года № 3-I"
LEGAL_ACTS = "Закон Республики Казахстан «О правовых актах» от 6 апреля 2016 года № 480-V"
ENTREPRENEURS = "Предпринимательский кодекс Республики Казахстан от 29 октября 2015 года № 375-V"
OFFENCES = "Кодекс Республики Казахстан об административных правонарушениях от 5 июля 2014 года № 235-V"
REGISTRATION = (
    "Закон Республики Казахстан «О государственной регистрации юридических лиц и учетной регистрации филиалов "
    "и представительств» от 17 апреля 1995 года № 2198"
)
LOCAL_GOVERNMENT = (
    "Закон Республики Казахстан «О местном государственном управлении и самоуправлении в Республике Казахстан» "
    "от 23 января 2001 года № 148-II"
)
SOCIAL_CODE = "Социальный кодекс Республики Казахстан от 20 апреля 2023 года № 224-VII"
STATE_PROPERTY = "Закон Республики Казахстан «О государственном имуществе» от 1 марта 2011 года № 413-IV"
INFORMATION = "Закон Республики Казахстан «О доступе к информации» от 16 ноября 2015 года № 401-V"
SPORT = "Закон Республики Казахстан «О физической культуре и спорте» от 3 июля 2014 года № 228-V"
GRANTORS_LIST = (
    "Постановление Правительства Республики Казахстан о перечне международных и государственных организаций, "
    "зарубежных неправительственных общественных организаций и фондов, предоставляющих гранты"
)

# What a body did with a recommendation, as the generator makes it happen through the accountability services.
AWAITING = "awaiting"  # sent a few days ago
OVERDUE = "overdue"  # sent long ago, never answered
REJECTED = "rejected"
ACCEPTED = "accepted"  # accepted, no plan yet
PARTIAL = "partial"  # accepted in part
PLANNED = "planned"  # accepted, a milestone still to do
IMPLEMENTED = "implemented"  # accepted, every milestone done


@dataclass(frozen=True)
class Entry:
    key: str
    area: str
    status: str
    title: str
    description: str
    acts: tuple = ()  # (name, article)
    recommendations: tuple = ()  # (body code, text)
    fate: tuple = ()  # one per recommendation, for the problems whose recommendations are sent
    evidence: tuple = ()  # (kind, text, figure)
    reach: int = (
        2  # 1 one region … 5 the whole country: the regions affected and how many organisations endorse
    )
    regions: tuple = ()  # KATO codes of the regions a local problem is in (else chosen by reach)
    activity: tuple = ()  # activity area codes affected
    forms: tuple = ()  # legal forms affected
    merged_into: str = ""
    demo: str = ""  # proposed by a demo login: "ngo" (ngo@azamat.kz for its organisation) or "citizen"
