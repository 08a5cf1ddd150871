"""The templates of appeals and letters in Kazakh and Russian, filled from the campaign's data.

The letter's language is the appeal's, not the reader's: these texts are not translated through gettext but
written in both languages, as a lawyer drafts an official letter (Kazakh and Russian are the languages of
official correspondence). A request for information rests on the Law "On access to information"; a complaint and
a proposal on the Administrative Procedural Code (the appeal is considered within fifteen working days of its
registration). The heading block (addressee and sender), the date and the signature are laid out from the
appeal's fields by `heading_lines`, `signature_lines`; `compose` gives the subject and the text to edit."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

INFORMATION, COMPLAINT, PROPOSAL = "information", "complaint", "proposal"

# The words of the letter's frame, in the letter's language.
FRAME = {
    "kk": {
        "from": "Кімнен:",
        "bin": "БСН",
        "address": "Мекенжайы",
        "email": "Эл. поштасы",
        "phone": "Телефоны",
        "subject": "Тақырыбы",
        "date": "Күні",
        "signature": "(қолы)",
        "organisation_head": "Ұйымның атынан",
    },
    "ru": {
        "from": "от",
        "bin": "БИН",
        "address": "Адрес",
        "email": "Эл. почта",
        "phone": "Телефон",
        "subject": "Тема",
        "date": "Дата",
        "signature": "(подпись)",
        "organisation_head": "От имени организации",
    },
}

# Subjects, by kind; `%(title)s` the campaign's title (or the placeholder without a campaign).
SUBJECTS = {
    "kk": {
        INFORMATION: "Ақпарат беру туралы сұрау салу: %(title)s",
        COMPLAINT: "Шағым: %(title)s",
        PROPOSAL: "Ұсыныс: %(title)s",
    },
    "ru": {
        INFORMATION: "Запрос информации: %(title)s",
        COMPLAINT: "Жалоба: %(title)s",
        PROPOSAL: "Предложение: %(title)s",
    },
}

PLACEHOLDERS = {
    "kk": {
        "title": "[мәселенің қысқаша атауы]",
        "problem": "[Мәселені сипаттаңыз: не болып жатыр, кімге әсер етеді, қашаннан бері.]",
        "request": "[Не сұрайтыныңызды нақты жазыңыз.]",
        "address": "[мекенжайы]",
    },
    "ru": {
        "title": "[краткое название проблемы]",
        "problem": "[Опишите проблему: что происходит, кого она затрагивает, с какого времени.]",
        "request": "[Укажите конкретно, о чём вы просите.]",
        "address": "[адрес]",
    },
}

# The note a download with blanks left starts with, in the letter's language: a draft, not a letter to send.
BLANKS_NOTE = {
    "kk": "ЖОБА. Жібермес бұрын тік жақшадағы мәтінді ауыстырыңыз (%(count)d): %(blanks)s",
    "ru": "ЧЕРНОВИК. Перед отправкой замените текст в квадратных скобках (%(count)d): %(blanks)s",
}


def blanks_left(appeal) -> list[str]:
    """The template's blanks (in either language) still in the appeal's subject or text, in the template's order:
    what must be replaced before the letter is sent."""
    written = f"{appeal.subject}\n{appeal.text}"
    return [blank for language in PLACEHOLDERS.values() for blank in language.values() if blank in written]


def blanks_note(appeal) -> str:
    """The draft's note for the top of a download, or "" when no blank is left."""
    blanks = blanks_left(appeal)
    if not blanks:
        return ""
    note = BLANKS_NOTE.get(appeal.language, BLANKS_NOTE["ru"])
    return note % {"count": len(blanks), "blanks": "; ".join(blanks)}


INTRO = {
    "kk": "%(organisation)s (бұдан әрі — Ұйым) %(campaign)sмына мәселеге назар аударуыңызды сұрайды.",
    "ru": "%(organisation)s (далее — Организация) %(campaign)sпросит обратить внимание на следующую проблему.",
}
CAMPAIGN_CLAUSE = {
    "kk": "«%(title)s» науқаны аясында ",
    "ru": "в рамках кампании «%(title)s» ",
}
GOAL = {"kk": "Біздің мақсатымыз: %(goal)s", "ru": "Цель нашей работы: %(goal)s"}
NEEDS = {
    "kk": "Біздің жұмысымызда расталған қажеттіліктер:",
    "ru": "Потребности, подтверждённые нашей работой:",
}

BASIS = {
    "kk": {
        INFORMATION: (
            "«Ақпаратқа қол жеткізу туралы» 2015 жылғы 16 қарашадағы № 401-V Қазақстан Республикасының "
            "Заңының 5, 10 және 11-баптарына сәйкес мынадай ақпаратты беруіңізді сұраймыз:"
        ),
        COMPLAINT: (
            "Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексіне сәйкес осы шағымды қарап, "
            "мыналарды сұраймыз:"
        ),
        PROPOSAL: (
            "Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексіне сәйкес осы ұсынысты қарап, "
            "мыналарды сұраймыз:"
        ),
    },
    "ru": {
        INFORMATION: (
            "На основании статей 5, 10 и 11 Закона Республики Казахстан от 16 ноября 2015 года № 401-V "
            "«О доступе к информации» просим предоставить следующую информацию:"
        ),
        COMPLAINT: (
            "В соответствии с Административным процедурно-процессуальным кодексом Республики Казахстан "
            "просим рассмотреть настоящую жалобу и:"
        ),
        PROPOSAL: (
            "В соответствии с Административным процедурно-процессуальным кодексом Республики Казахстан "
            "просим рассмотреть настоящее предложение и:"
        ),
    },
}

# The requests, by kind: the first lines, one line per objective (`%(objective)s`), the last lines.
REQUESTS = {
    "kk": {
        INFORMATION: (
            [],
            "мына бөлігінде қабылданып жатқан шаралар мен жоспарланған мерзімдер туралы мәліметтер: %(objective)s;",
            [],
        ),
        COMPLAINT: (
            ["шағымды мәні бойынша қарап, онда баяндалған фактілерді тексеру;"],
            "бұзушылықтарды жою жөнінде шаралар қабылдау: %(objective)s;",
            ["Ұйымды қабылданған шешім туралы жазбаша хабардар ету."],
        ),
        PROPOSAL: (
            ["осы ұсынысты мәні бойынша қарау;"],
            "мынаны іске асыру мүмкіндігін қарастыру: %(objective)s;",
            [
                "Ұйымның өкілдерін осы мәселе бойынша жұмыс тобының құрамына енгізу;",
                "Ұйымды қарау нәтижесі туралы жазбаша хабардар ету.",
            ],
        ),
    },
    "ru": {
        INFORMATION: (
            [],
            "сведения о принимаемых мерах и планируемых сроках в части: %(objective)s;",
            [],
        ),
        COMPLAINT: (
            ["рассмотреть жалобу по существу и проверить изложенные в ней факты;"],
            "принять меры по устранению нарушений: %(objective)s;",
            ["письменно сообщить Организации о принятом решении."],
        ),
        PROPOSAL: (
            ["рассмотреть предложение по существу;"],
            "рассмотреть возможность реализации следующего: %(objective)s;",
            [
                "включить представителей Организации в состав рабочей группы по этому вопросу;",
                "письменно сообщить Организации о результатах рассмотрения.",
            ],
        ),
    },
}

TERM = {
    "kk": {
        INFORMATION: (
            "Ақпаратты Заңның 11-бабында белгіленген мерзімде жазбаша түрде мына мекенжайға жіберуіңізді "
            "сұраймыз: %(address)s."
        ),
        COMPLAINT: (
            "Кодексте белгіленген мерзімде — тіркелген күнінен бастап он бес жұмыс күні ішінде жауап беруіңізді "
            "сұраймыз. Жауапты мына мекенжайға жіберіңіз: %(address)s."
        ),
        PROPOSAL: (
            "Кодексте белгіленген мерзімде — тіркелген күнінен бастап он бес жұмыс күні ішінде жауап беруіңізді "
            "сұраймыз. Жауапты мына мекенжайға жіберіңіз: %(address)s."
        ),
    },
    "ru": {
        INFORMATION: (
            "Информацию просим предоставить в письменной форме в срок, установленный статьёй 11 Закона, "
            "по адресу: %(address)s."
        ),
        COMPLAINT: (
            "Просим дать ответ в установленный Кодексом срок — пятнадцать рабочих дней со дня регистрации "
            "обращения. Ответ просим направить по адресу: %(address)s."
        ),
        PROPOSAL: (
            "Просим дать ответ в установленный Кодексом срок — пятнадцать рабочих дней со дня регистрации "
            "обращения. Ответ просим направить по адресу: %(address)s."
        ),
    },
}


# How a need was checked (Need.Source), in the letter's language.
SOURCES = {
    "kk": {
        "survey": "сауалнама",
        "questionnaire": "сауалнамалық зерттеу",
        "focus_group": "фокус-топ",
        "interview": "сұхбаттар",
        "statistics": "ресми статистика",
        "cases": "біздің жұмысымыздағы жағдайлар",
        "other": "басқа дереккөз",
    },
    "ru": {
        "survey": "опрос",
        "questionnaire": "анкетирование",
        "focus_group": "фокус-группа",
        "interview": "интервью",
        "statistics": "официальная статистика",
        "cases": "случаи из нашей работы",
        "other": "другой источник",
    },
}


@dataclass(frozen=True)
class Draft:
    subject: str
    text: str


def _name(obj, language: str) -> str:
    return (getattr(obj, f"name_{language}", "") or getattr(obj, "name_ru", "") or str(obj)).strip()


EMAIL_CLAUSE = {"kk": " немесе %(email)s электрондық поштасына", "ru": " или на электронную почту %(email)s"}


def _address(organisation, language: str) -> str:
    address = organisation.address.strip() or PLACEHOLDERS[language]["address"]
    if organisation.email:
        address += EMAIL_CLAUSE[language] % {"email": organisation.email}
    return address


def _needs(campaign, language: str) -> list[str]:
    lines = []
    for number, need in enumerate(campaign.needs.all(), start=1):
        line = f"{number}. {need.text.strip()}"
        proof = ": ".join(
            filter(None, [SOURCES[language].get(need.source, ""), need.evidence.strip().rstrip(".")])
        )
        if proof:
            line += f" ({proof})"
        lines.append(line)
    return lines


def compose(*, kind: str, language: str, organisation, body, campaign=None) -> Draft:
    """The subject and the text of a new appeal of `kind` in `language`, filled from `campaign`'s data (its
    problem statement, goal, needs with their evidence, objectives as the requests) or with placeholders to
    replace when there is no campaign. The addressee `body` is named in the heading block only, never inside a
    sentence, where Kazakh and Russian would need its name declined."""
    language = language if language in FRAME else "ru"
    blanks = PLACEHOLDERS[language]
    title = campaign.title.strip() if campaign else blanks["title"]
    paragraphs = [
        INTRO[language]
        % {
            "organisation": _name(organisation, language),
            "campaign": CAMPAIGN_CLAUSE[language] % {"title": title} if campaign else "",
        },
        campaign.problem_statement.strip()
        if campaign and campaign.problem_statement.strip()
        else blanks["problem"],
    ]
    if campaign and campaign.goal.strip():
        paragraphs.append(GOAL[language] % {"goal": campaign.goal.strip()})
    needs = _needs(campaign, language) if campaign else []
    if needs:
        paragraphs.append("\n".join([NEEDS[language], *needs]))
    first, per_objective, last = REQUESTS[language][kind]
    objectives = [o.text.strip() for o in campaign.objectives.all()] if campaign else []
    requests = [*first]
    requests += [per_objective % {"objective": text} for text in objectives]
    if not objectives:
        requests.append(blanks["request"])
    requests += last
    paragraphs.append(
        "\n".join([BASIS[language][kind], *(f"{n}. {line}" for n, line in enumerate(requests, start=1))])
    )
    paragraphs.append(TERM[language][kind] % {"address": _address(organisation, language)})
    return Draft(subject=SUBJECTS[language][kind] % {"title": title}, text="\n\n".join(paragraphs))


def heading_lines(appeal) -> tuple[list[str], list[str]]:
    """The heading block: the addressee (the body, the official) and the sender (the organisation, its BIN, its
    address), in the appeal's language."""
    frame = FRAME[appeal.language]
    organisation = appeal.organisation
    addressee = [_name(appeal.body, appeal.language)]
    if appeal.official.strip():
        addressee.append(appeal.official.strip())
    name = _name(organisation, appeal.language)
    sender = [f"{frame['from']} {name}"]
    sender.append(f"{frame['bin']} {organisation.bin}")
    if organisation.address.strip():
        sender.append(f"{frame['address']}: {organisation.address.strip()}")
    if organisation.email:
        sender.append(f"{frame['email']}: {organisation.email}")
    if organisation.phone:
        sender.append(f"{frame['phone']}: {organisation.phone}")
    return addressee, sender


def letter_date(appeal) -> datetime.date:
    return appeal.sent_on or timezone.localdate()


def date_line(appeal) -> str:
    return f"{FRAME[appeal.language]['date']}: {letter_date(appeal):%d.%m.%Y}"


def signature_lines(appeal) -> list[str]:
    frame = FRAME[appeal.language]
    return [
        f"{frame['organisation_head']}: {_name(appeal.organisation, appeal.language)}",
        f"{appeal.signatory.strip()}  ____________ {frame['signature']}",
    ]
