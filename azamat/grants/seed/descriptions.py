"""What the demo calls and their directions say of themselves, in Kazakh, Russian and English (kk, ru, en): each
page reads in its reader's language."""

from azamat.grants.models.programmes import Instrument

# By the call's instrument: who runs it, how one applies, how applications are chosen.
CALLS = {
    Instrument.STATE_GRANT: (
        "Конкурсты Азаматтық бастамаларды қолдау орталығы мемлекеттік гранттарды беру қағидаларына сәйкес "
        "өткізеді. Үкіметтік емес ұйымдар өтінімді қазақ немесе орыс тілінде береді. Оператор өтінімдердің "
        "талаптарға сәйкестігін 10 жұмыс күні ішінде тексереді, содан кейін оларды тәуелсіз сарапшылар бағалайды.",
        "Конкурс проводит Центр поддержки гражданских инициатив в соответствии с Правилами предоставления "
        "государственных грантов. Неправительственные организации подают заявки на казахском или русском языке. "
        "Оператор проверяет соответствие заявок требованиям в течение 10 рабочих дней, затем их оценивают "
        "независимые эксперты.",
        "The call is run by the Civil Initiatives Support Centre under the Rules for state grants. "
        "Non-governmental organisations apply in Kazakh or Russian. The operator checks each application "
        "against the requirements within 10 working days; independent experts then score it.",
    ),
    Instrument.SOCIAL_ORDER: (
        "Мемлекеттік әлеуметтік тапсырыс бойынша конкурс: жеңімпаз ұйым тапсырыс берушімен шарт жасасып, "
        "әлеуметтік қызметтерді көрсетеді. Өтінімдер қазақ немесе орыс тілінде қабылданады.",
        "Конкурс по государственному социальному заказу: организация-победитель заключает договор с заказчиком "
        "и оказывает социальные услуги. Заявки принимаются на казахском или русском языке.",
        "A call under the state social order: the winning organisation signs an agreement with the customer "
        "and provides the social services. Applications are accepted in Kazakh or Russian.",
    ),
    Instrument.AWARD: (
        "Үкіметтік емес ұйымдарға арналған сыйлық: қоғамға елеулі үлес қосқан ұйымдар өз жұмысы туралы өтінім "
        "береді. Өтінімдерді тәуелсіз сарапшылар бағалайды.",
        "Премия для неправительственных организаций: организации, внёсшие значительный вклад в развитие "
        "общества, подают заявку о своей работе. Заявки оценивают независимые эксперты.",
        "An award for non-governmental organisations: organisations that have made a significant contribution "
        "to society apply with an account of their work. Independent experts score the applications.",
    ),
}
TWO_STAGES = (
    "Іріктеу екі кезеңмен өтеді: сарапшылар бағалағаннан кейін шешімді конкурстық комиссия қабылдайды.",
    "Отбор проходит в два этапа: после оценки экспертов решение принимает конкурсная комиссия.",
    "Selection has two stages: after the experts' scores, the tender commission decides.",
)

DIRECTIONS = {
    "youth": (
        "Жастардың кәсіби бағдарын, көшбасшылығын және әлеуметтік жобаларын қолдайтын жобалар: тренингтер, "
        "мектептер, медиа-зертханалар.",
        "Проекты, которые поддерживают профориентацию, лидерство и социальные проекты молодёжи: тренинги, "
        "школы, медиалаборатории.",
        "Projects that support young people's career choices, leadership and social projects: trainings, "
        "schools, media labs.",
    ),
    "disability": (
        "Мүгедектігі бар адамдардың өз бетінше өмір сүруіне, білім алуына және жұмысқа орналасуына "
        "көмектесетін оңалту қызметтері.",
        "Услуги реабилитации, которые помогают людям с инвалидностью жить самостоятельно, учиться и работать.",
        "Rehabilitation services that help people with disabilities live independently, study and work.",
    ),
    "ecology": (
        "Қоршаған ортаны қорғау, қалдықтарды азайту және экологиялық ағарту жобалары.",
        "Проекты по охране окружающей среды, сокращению отходов и экологическому просвещению.",
        "Projects for environmental protection, less waste and environmental education.",
    ),
    "legal": (
        "Азаматтарға тегін заң көмегі және құқықтық ағарту, оның ішінде ауылдық жерлерде.",
        "Бесплатная юридическая помощь и правовое просвещение граждан, в том числе в сельской местности.",
        "Free legal aid and legal education for citizens, in rural areas too.",
    ),
    "family": (
        "Отбасыларды қолдау, ата-аналарға кеңес беру және балалардың құқықтарын қорғау.",
        "Поддержка семей, консультации для родителей и защита прав детей.",
        "Support for families, advice for parents and the protection of children's rights.",
    ),
    "violence": (
        "Тұрмыстық зорлық-зомбылықтың алдын алу және зардап шеккендерге психологиялық, заң және әлеуметтік "
        "көмек көрсету.",
        "Профилактика бытового насилия и психологическая, юридическая и социальная помощь пострадавшим.",
        "Preventing domestic violence, and psychological, legal and social help for those affected.",
    ),
    "elderly": (
        "Егде жастағы адамдарға үйде әлеуметтік қызмет көрсету және олардың белсенді ұзақ өмірін қолдау.",
        "Социальное обслуживание пожилых людей на дому и поддержка их активного долголетия.",
        "Social care for older people at home and support for active ageing.",
    ),
    "media": (
        "Медиасауаттылықты арттыру, жалған ақпаратқа қарсы тұру және жергілікті қоғамдық медианы дамыту.",
        "Повышение медиаграмотности, противодействие дезинформации и развитие местных общественных медиа.",
        "Media literacy, countering disinformation and developing local community media.",
    ),
    "rural": (
        "Ауылдық елді мекендердің тұрғындарын қолдау: жергілікті бастамалар, шағын кәсіпкерлік және қоғамдық "
        "кеңістіктер.",
        "Поддержка жителей сельских населённых пунктов: местные инициативы, малое предпринимательство и "
        "общественные пространства.",
        "Support for people in rural settlements: local initiatives, small businesses and public spaces.",
    ),
    "volunteering": (
        "Еріктілер қозғалысын дамыту: еріктілерді даярлау, үйлестіру және олардың еңбегін тану.",
        "Развитие волонтёрского движения: подготовка, координация и признание труда волонтёров.",
        "Developing volunteering: training and coordinating volunteers, and recognising their work.",
    ),
    "health": (
        "Салауатты өмір салтын насихаттау және аурулардың алдын алу жобалары.",
        "Пропаганда здорового образа жизни и проекты по профилактике заболеваний.",
        "Promoting healthy lifestyles, and projects that prevent disease.",
    ),
    "accord": (
        "Этносаралық және конфессияаралық келісімді нығайту, мәдениеттер арасындағы диалог.",
        "Укрепление межэтнического и межконфессионального согласия, диалог культур.",
        "Strengthening inter-ethnic and inter-faith accord, and dialogue between cultures.",
    ),
}


def call_descriptions(grant_type) -> dict[str, str]:
    """description_kk, _ru and _en of a call of this grant type."""
    texts = CALLS[grant_type.instrument]
    if grant_type.two_stage:
        texts = tuple(f"{text} {stages}" for text, stages in zip(texts, TWO_STAGES, strict=True))
    return dict(zip(("description_kk", "description_ru", "description_en"), texts, strict=True))


def direction_descriptions(key: str) -> dict[str, str]:
    return dict(zip(("description_kk", "description_ru", "description_en"), DIRECTIONS[key], strict=True))
