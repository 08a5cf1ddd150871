"""The protocol PDF of a sitting: a real PDF, in Russian or Kazakh, with the members, votes and decisions."""

import io
import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from azamat.grants.models import AgendaItem
from azamat.grants.services import commission as services
from azamat.grants.services.commission_record import sitting_record
from azamat.grants.services.protocol import protocol_render
from azamat.grants.tests.test_commission import (
    ABSTAIN,
    AGAINST,
    SUPPORT,
    after_start,
    make_operator,
    make_setup,
    vote_all,
)
from azamat.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return make_operator()


# Until the translator fills the catalogues, the test supplies the labels it checks.
LABELS = {
    "ru": {
        "Protocol of the sitting of the tender commission": "Протокол заседания конкурсной комиссии",
        "Members present": "Присутствовали",
        "Members absent": "Отсутствовали",
        "Award the grant": "Присудить грант",
        "Do not award": "Не присуждать",
        "Support": "За",
        "Against": "Против",
        "Abstain": "Воздержался",
        "Page %(page)s of %(pages)s": "Страница %(page)s из %(pages)s",
        "Member of the applicant organisation": "Член организации-заявителя",
        "%(rank)s. Application %(number)s: %(title)s": "%(rank)s. Заявка %(number)s: %(title)s",
        "the votes were equal and the chair's vote decided": "голоса разделились поровну, решил голос председателя",
    },
    "kk": {
        "Protocol of the sitting of the tender commission": "Конкурстық комиссия отырысының хаттамасы",
        "Members present": "Қатысқандар",
        "Members absent": "Қатыспағандар",
        "Award the grant": "Грант беру",
        "Do not award": "Грант бермеу",
        "Support": "Жақтаймын",
        "Against": "Қарсымын",
        "Abstain": "Қалыс қаламын",
        "Page %(page)s of %(pages)s": "%(pages)s беттің %(page)s-беті",
        "Member of the applicant organisation": "Өтініш беруші ұйымның мүшесі",
    },
}


@pytest.fixture
def catalogues():
    saved = []
    for language, pairs in LABELS.items():
        catalog = trans_real.translation(language)._catalog._catalogs[0]
        for msgid, msgstr in pairs.items():
            saved.append((catalog, msgid, catalog.get(msgid)))
            catalog[msgid] = msgstr
    yield
    for catalog, msgid, old in saved:
        if old is None:
            catalog.pop(msgid, None)
        else:
            catalog[msgid] = old


def pdf_text(content: bytes) -> str:
    """The PDF's text with whitespace collapsed, read by pypdf (a locked dependency, so every machine reads the
    same text; a system tool such as pdftotext would make the test depend on what the machine has)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


@pytest.fixture
def decided(operator):
    """Three applications decided: one awarded with a reduced amount, one rejected on a tie, one awarded with
    a recused member; the fifth member absent."""
    setup = make_setup(
        operator,
        present=["chair", "gov", "opr", "ngo1"],
        stream_url="https://youtube.com/live/komissiya-2026",
    )
    first, second, third = setup.applications
    MembershipFactory(user=setup.members["ngo1"].user, organisation=third.organisation)
    services.agenda_build(sitting=setup.sitting, by=operator)
    chair = setup.members["chair"].user
    vote_all(setup, setup.item(first), {"chair": SUPPORT, "gov": SUPPORT, "opr": SUPPORT, "ngo1": ABSTAIN})
    services.item_decide(
        item=setup.item(first), by=chair, amount=Decimal("2500000"), reduction_reason="Аренда завышена"
    )
    vote_all(setup, setup.item(second), {"chair": AGAINST, "gov": SUPPORT, "opr": SUPPORT, "ngo1": AGAINST})
    services.item_decide(item=setup.item(second), by=chair)
    vote_all(setup, setup.item(third), {"chair": SUPPORT, "gov": SUPPORT, "opr": AGAINST})
    services.item_decide(item=setup.item(third), by=chair)
    return setup


def test_protocol_is_a_pdf_in_russian(decided, catalogues):
    with after_start(decided.sitting):
        services.sitting_close(sitting=decided.sitting, by=decided.operator, language="ru")
    decided.sitting.refresh_from_db()
    content = decided.sitting.protocol.read()
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    first, second, third = decided.applications
    for expected in [
        "Протокол заседания конкурсной комиссии",
        "Гранты Алматы 2026",
        "Астана, Дом министерств, зал 3",
        "https://youtube.com/live/komissiya-2026",
        "Присутствовали",
        "Ерлан Жұмабаев",
        "Светлана Ким",
        "Асель Бекова",
        "Марат Серіков",
        "Отсутствовали",
        "Гүлнар Әбенова",
        f"1. Заявка {first.number}: Проект 1",
        first.organisation.name_ru,
        "90.00",
        "Против",
        "За",
        "Воздержался",
        "Комментарий ngo1",
        "Присудить грант",
        "2 500 000,00 ₸",
        "Аренда завышена",
        "Не присуждать",
        "голоса разделились поровну, решил голос председателя",
        "Марат Серіков — Член организации-заявителя",
        "Страница 1 из",
    ]:
        assert expected in text, expected
    assert first.organisation.name_kk not in text


def test_protocol_in_kazakh(decided, catalogues):
    with after_start(decided.sitting):
        services.sitting_close(sitting=decided.sitting, by=decided.operator, language="kk")
    decided.sitting.refresh_from_db()
    assert re.fullmatch(
        r"grants/protocols/almaty-2026/[0-9a-f]{32}/protocol-almaty-2026-\d+-kk(_\w+)?\.pdf",
        decided.sitting.protocol.name,
    )
    text = pdf_text(decided.sitting.protocol.read())
    first = decided.applications[0]
    for expected in [
        "Конкурстық комиссия отырысының хаттамасы",
        "Алматы гранттары 2026",
        "Қатысқандар",
        "Қатыспағандар",
        "Ерлан Жұмабаев",
        "Гүлнар Әбенова",
        first.organisation.name_kk,
        "Жақтаймын",
        "Қарсымын",
        "Қалыс қаламын",
        "Грант беру",
        "Грант бермеу",
        "Өтініш беруші ұйымның мүшесі",
        "беттің 1-беті",
    ]:
        assert expected in text, expected
    assert "Гранты Алматы 2026" not in text


def test_english_requests_fall_back_to_the_default_protocol_language(decided):
    with after_start(decided.sitting):
        services.sitting_close(sitting=decided.sitting, by=decided.operator, language="en")
    decided.sitting.refresh_from_db()
    assert re.fullmatch(
        r"grants/protocols/almaty-2026/[0-9a-f]{32}/protocol-almaty-2026-\d+-kk(_\w+)?\.pdf",
        decided.sitting.protocol.name,
    )


def test_protocol_of_an_undecided_sitting_still_renders(operator):
    """The renderer itself does not require decisions (the service does): it says what is not decided."""
    setup = make_setup(operator)
    with translation.override("en"):
        content = protocol_render(record=sitting_record(setup.sitting))
    text = pdf_text(content)
    assert "Not decided" in text
    assert "No votes were cast." in text
    assert AgendaItem.objects.filter(sitting=setup.sitting, decision="").count() == 3
