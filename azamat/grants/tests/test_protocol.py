"""The protocol PDF of a sitting: a real PDF, in Russian or Kazakh, with the members, votes and decisions."""

import datetime
import io
import re
import threading
import zoneinfo
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import trans_real

from azamat.grants.models import AgendaItem, Sitting
from azamat.grants.services import commission as services
from azamat.grants.services import sittings as sitting_services
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
from azamat.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return make_operator()


# Until the translator fills the catalogues, the test supplies the labels it checks.
LABELS = {
    "ru": {
        "Protocol of the sitting of the tender commission": "Протокол заседания конкурсной комиссии",
        "Protocol № %(number)s of the sitting of the tender commission": (
            "Протокол № %(number)s заседания конкурсной комиссии"
        ),
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
        "Protocol № %(number)s of the sitting of the tender commission": (
            "Конкурстық комиссия отырысының № %(number)s хаттамасы"
        ),
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
    sitting_services.agenda_build(sitting=setup.sitting, by=operator)
    chair = setup.members["chair"].user
    vote_all(setup, setup.item(first), {"chair": SUPPORT, "gov": SUPPORT, "opr": SUPPORT, "ngo1": ABSTAIN})
    sitting_services.item_decide(
        item=setup.item(first), by=chair, amount=Decimal("2500000"), reduction_reason="Аренда завышена"
    )
    vote_all(setup, setup.item(second), {"chair": AGAINST, "gov": SUPPORT, "opr": SUPPORT, "ngo1": AGAINST})
    sitting_services.item_decide(item=setup.item(second), by=chair)
    vote_all(setup, setup.item(third), {"chair": SUPPORT, "gov": SUPPORT, "opr": AGAINST})
    sitting_services.item_decide(item=setup.item(third), by=chair)
    return setup


def _close_on_30_november(setup):
    """Move the sitting to 30 November 2026, 10:00 in Almaty, and close it an hour later."""
    starts = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty"))
    Sitting.objects.filter(pk=setup.sitting.pk).update(starts_at=starts)
    setup.sitting.refresh_from_db()
    with after_start(setup.sitting):
        sitting_services.sitting_close(sitting=setup.sitting, by=setup.operator, language="ru")
    setup.sitting.refresh_from_db()
    return setup.sitting


def test_protocol_is_one_numbered_pdf_in_kazakh_then_russian(decided, catalogues):
    sitting = _close_on_30_november(decided)
    assert sitting.protocol_number == 1
    assert re.fullmatch(
        r"grants/protocols/almaty-2026/[0-9a-f]{32}/protocol-almaty-2026-1(_\w+)?\.pdf", sitting.protocol.name
    )
    content = sitting.protocol.read()
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    kazakh, _sep, russian = text.partition("Протокол № 1 заседания конкурсной комиссии")
    assert russian, "the Russian part follows the Kazakh one"
    first, second, third = decided.applications
    for expected in [
        "Конкурстық комиссия отырысының № 1 хаттамасы",
        "Алматы гранттары 2026",
        "30 қараша 2026 ж., 10:00",
        "Қатысқандар",
        "Қатыспағандар",
        "Ерлан Жұмабаев",
        "Гүлнар Әбенова",
        first.organisation.name_kk,
        "90,00",
        "Жақтаймын",
        "Қарсымын",
        "Қалыс қаламын",
        "Грант беру",
        "Грант бермеу",
        "2 500 000,00 ₸",
        "Өтініш беруші ұйымның мүшесі",
        "беттің 1-беті",
    ]:
        assert expected in kazakh, expected
    for expected in [
        "Гранты Алматы 2026",
        "30 ноября 2026 г., 10:00",
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
        "90,00",
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
    ]:
        assert expected in russian, expected
    assert re.search(r"Страница \d+ из \d+", russian)
    # The call is named by its title in each part; its code appears only inside the applications' numbers.
    for application in decided.applications:
        kazakh = kazakh.replace(application.number, "")
        russian = russian.replace(application.number, "")
    for unexpected in ["Гранты Алматы 2026", "ноября", "almaty-2026", "90.00"]:
        assert unexpected not in kazakh, unexpected
    for unexpected in ["Алматы гранттары 2026", "қараша", "almaty-2026", first.organisation.name_kk]:
        assert unexpected not in russian, unexpected


def test_protocol_numbers_follow_each_other_within_a_commission(decided, operator):
    """Each commission numbers its protocols 1, 2, 3… as its sittings close; another commission starts at 1."""
    first = _close_on_30_november(decided)
    second = sitting_services.sitting_schedule(
        commission=decided.commission, starts_at=first.starts_at + datetime.timedelta(days=1), by=operator
    )
    second.present.set(decided.commission.members.all())
    second.items.create(
        application=decided.applications[0], rank=1, recommendation="support", decision="rejected"
    )
    with after_start(second):
        sitting_services.sitting_close(sitting=second, by=operator)
    second.refresh_from_db()
    assert (first.protocol_number, second.protocol_number) == (1, 2)
    other = make_setup(operator, code="shymkent-2026", emails="other")
    for application in other.applications:
        item = other.item(application)
        vote_all(other, item, dict.fromkeys(other.members, AGAINST))
        sitting_services.item_decide(item=item, by=other.members["chair"].user)
    with after_start(other.sitting):
        sitting_services.sitting_close(sitting=other.sitting, by=operator)
    other.sitting.refresh_from_db()
    assert other.sitting.protocol_number == 1
    assert "№ 2" in pdf_text(second.protocol.read())
    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.filter(pk=second.pk).update(protocol_number=1)


def test_the_secretary_signs_the_protocol(decided, catalogues):
    secretary = UserFactory(full_name="Жанна Секретарь")
    services.commission_secretary_set(commission=decided.commission, user=secretary, by=decided.operator)
    sitting = _close_on_30_november(decided)
    text = pdf_text(sitting.protocol.read())
    assert "Жанна Секретарь" in text


def test_emails_about_the_protocol_fall_back_to_the_default_language():
    assert sitting_services.protocol_language("en") == "kk"
    assert sitting_services.protocol_language("ru-RU") == "ru"


def test_protocol_of_an_undecided_sitting_still_renders(operator):
    """The renderer itself does not require decisions (the service does): it says what is not decided."""
    setup = make_setup(operator)
    with translation.override("en"):
        content = protocol_render(sitting=setup.sitting)
    text = pdf_text(content)
    assert "Not decided" in text
    assert "No votes were cast." in text
    assert "Protocol of the sitting of the tender commission" in text  # not numbered before it closes
    assert AgendaItem.objects.filter(sitting=setup.sitting, decision="").count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql
def test_sittings_closing_at_once_get_distinct_numbers():
    operator = make_operator()
    setup = make_setup(operator)
    for application in setup.applications:
        item = setup.item(application)
        vote_all(setup, item, dict.fromkeys(setup.members, AGAINST))
        sitting_services.item_decide(item=item, by=setup.members["chair"].user)
    started = timezone.now() - datetime.timedelta(hours=1)
    sittings = [setup.sitting]
    for _ in range(2):
        sitting = sitting_services.sitting_schedule(
            commission=setup.commission, starts_at=started, by=operator
        )
        sitting.present.set(setup.commission.members.all())
        sitting.items.create(
            application=setup.applications[0], rank=1, recommendation="support", decision="rejected"
        )
        sittings.append(sitting)
    Sitting.objects.update(starts_at=started)
    barrier = threading.Barrier(len(sittings))
    errors = []

    def close(sitting):
        try:
            barrier.wait()
            sitting_services.sitting_close(sitting=sitting, by=operator)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(s,)) for s in sittings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Sitting.objects.values_list("protocol_number", flat=True)) == [1, 2, 3]
