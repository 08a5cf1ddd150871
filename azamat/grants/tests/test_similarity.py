"""Near-duplicates: a copied application with a few words changed is flagged, an unrelated one is not, in
Kazakh and in Russian; the operator reads the pair side by side; 2,000 applications compare quickly."""

import datetime
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from faker import Faker

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory
from azamat.grants.models import Application, SimilarityFlag
from azamat.grants.services import similarity
from azamat.grants.services.applications import application_submit
from azamat.grants.services.similarity import (
    RECALL_AT_THRESHOLD,
    band_rows,
    candidates,
    estimated_similarity,
    jaccard,
    near_duplicates,
    normalise,
    overlapping_passages,
    shingles,
    signature,
    similarity_check,
)
from azamat.grants.tests.test_applications import CLOSES, NOW, OPENS, complete, draft
from azamat.testing.factories import OrganisationFactory, PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

KK_YOUTH = (
    "Жобаның мақсаты – Жамбыл облысының Байзақ және Жуалы аудандарындағы ауыл жастарына кәсіби бағдар беру. "
    "Ауылдық жерлерде 14–29 жас аралығындағы жастардың жұмыссыздығы облыс бойынша орташа деңгейден екі есе жоғары. "
    "Мектеп бітірушілердің көпшілігі мамандық таңдауда ата-анасының кеңесіне ғана сүйенеді, ал аудан орталықтарында "
    "кәсіби кеңес беретін мамандар жоқ. "
    "Жоба аясында 12 ауылдық мектепте кәсіби бағдар беру тренингтері өтеді, оларға кемінде 300 жас қатысады. "
    "Біз 40 волонтерді даярлаймыз, олар кейін өз ауылдарында жастарға тәлімгер болады. "
    "Жергілікті кәсіпкерлермен бірге жастар үшін 25 тағылымдама орнын ашамыз. "
    "Жобаның нәтижелері аудандық әкімдіктермен бірге өткізілетін қорытынды форумда таныстырылады."
)
KK_YOUTH_COPY = (
    "Жобаның мақсаты – Түркістан облысының Сайрам және Төлеби аудандарындағы ауыл жастарына кәсіби бағдар беру. "
    "Ауылдық жерлерде 14–29 жас аралығындағы жастардың жұмыссыздығы облыс бойынша орташа деңгейден екі есе жоғары. "
    "Мектеп бітірушілердің көпшілігі мамандық таңдауда ата-анасының кеңесіне ғана сүйенеді, ал аудан орталықтарында "
    "кәсіби кеңес беретін мамандар жоқ. "
    "Жоба аясында 15 ауылдық мектепте кәсіби бағдар беру тренингтері өтеді, оларға кемінде 350 жас қатысады. "
    "Біз 40 волонтерді даярлаймыз, олар кейін өз ауылдарында жастарға тәлімгер болады. "
    "Жергілікті кәсіпкерлермен бірге жастар үшін 30 тағылымдама орнын ашамыз. "
    "Жобаның нәтижелері аудандық әкімдіктермен бірге өткізілетін қорытынды форумда таныстырылады."
)
KK_ECOLOGY = (
    "Каспий теңізінің Ақтау қаласына жақын жағалауы тұрмыстық қалдықтармен және пластикпен ластанған. "
    "Жоба жазғы маусымда жағалауды тазартуға арналған он апталық акциялар өткізуді көздейді. "
    "Қалалық мектептердің оқушылары итбалықтарды қорғау туралы экологиялық сабақтарға қатысады. "
    "Біз қалдықтарды сұрыптауға арналған 50 контейнер орнатып, оларды қайта өңдеу кәсіпорнымен келісім жасаймыз. "
    "Жергілікті БАҚ-пен бірге теңіз жағалауының тазалығы туралы ақпараттық науқан ұйымдастырамыз."
)
RU_ELDERLY = (
    "Проект направлен на поддержку одиноких пожилых людей в микрорайонах Павлодара. "
    "По данным отдела занятости, в городе проживает более 3 000 одиноких пенсионеров старше 70 лет. "
    "Многие из них не выходят из дома зимой и не получают помощи в покупке лекарств и продуктов. "
    "Волонтёры проекта будут еженедельно навещать 150 подопечных и помогать им с бытовыми делами. "
    "Для пожилых людей откроется клуб общения с занятиями по скандинавской ходьбе и компьютерной грамотности. "
    "Психолог проекта проведёт группы поддержки для тех, кто недавно потерял близких."
)
RU_ELDERLY_COPY = (
    "Проект направлен на поддержку одиноких пожилых людей в микрорайонах Экибастуза. "
    "По данным отдела занятости, в городе проживает более 2 500 одиноких пенсионеров старше 70 лет. "
    "Многие из них не выходят из дома зимой и не получают помощи в покупке лекарств и продуктов. "
    "Волонтёры проекта будут еженедельно навещать 120 подопечных и помогать им с бытовыми делами. "
    "Для пожилых людей откроется клуб общения с занятиями по скандинавской ходьбе и компьютерной грамотности. "
    "Психолог проекта проведёт группы поддержки для тех, кто недавно потерял близких."
)
RU_YOUTH = (  # the same topic as KK_YOUTH, written anew in Russian: not a copy
    "Цель проекта – профориентация сельской молодёжи Байзакского и Жуалынского районов Жамбылской области. "
    "Безработица среди молодёжи от 14 до 29 лет в сёлах вдвое выше, чем в среднем по области. "
    "Выпускники школ выбирают профессию по совету родителей, а профконсультантов в районных центрах нет. "
    "В 12 сельских школах пройдут тренинги по профориентации для не менее чем 300 подростков. "
    "Мы подготовим 40 волонтёров-наставников и вместе с местными предпринимателями откроем 25 мест стажировки."
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Signatures are cached per application id; ids come back in a fresh test database."""
    caches["default"].clear()


def test_normalising_folds_case_and_drops_punctuation_in_any_script():
    assert normalise("«Жастар» ОРТАЛЫҒЫ — 2026!\n  Ёлка, ҚАЗАҚСТАН…") == "жастар орталығы 2026 ёлка қазақстан"
    assert shingles("«Жастар» ОРТАЛЫҒЫ!") == shingles("жастар   орталығы")
    assert shingles("") == frozenset() and signature(frozenset()) is None


def test_a_copy_with_a_few_words_changed_is_near_and_unrelated_texts_are_far():
    copy_kk = jaccard(shingles(KK_YOUTH), shingles(KK_YOUTH_COPY))
    copy_ru = jaccard(shingles(RU_ELDERLY), shingles(RU_ELDERLY_COPY))
    assert copy_kk > 0.75 and copy_ru > 0.75
    for a, b in [
        (KK_YOUTH, KK_ECOLOGY),
        (KK_YOUTH, RU_YOUTH),
        (RU_ELDERLY, RU_YOUTH),
        (KK_ECOLOGY, RU_ELDERLY),
    ]:
        assert jaccard(shingles(a), shingles(b)) < 0.1
    # The 128-permutation MinHash estimates the exact similarity closely.
    estimate = estimated_similarity(signature(shingles(KK_YOUTH)), signature(shingles(KK_YOUTH_COPY)))
    assert abs(estimate - copy_kk) < 0.12


def test_near_duplicates_finds_the_copies_only():
    others = {
        "kk-copy": KK_YOUTH_COPY,
        "kk-ecology": KK_ECOLOGY,
        "ru-youth": RU_YOUTH,
        "ru-elderly": RU_ELDERLY,
    }
    assert [m.key for m in near_duplicates(KK_YOUTH, others)] == ["kk-copy"]
    assert [m.key for m in near_duplicates(RU_ELDERLY_COPY, others)] == ["ru-elderly"]
    assert near_duplicates(KK_ECOLOGY, {"ru": RU_ELDERLY, "kk": KK_YOUTH}) == []


def test_bands_keep_recall_at_the_threshold():
    assert [band_rows(t) for t in (0.3, 0.5, 0.8)] == [2, 3, 6]
    for threshold in (0.3, 0.5, 0.8):
        rows = band_rows(threshold)
        assert 1 - (1 - threshold**rows) ** (128 // rows) >= RECALL_AT_THRESHOLD
        assert 1 - (1 - threshold ** (rows + 1)) ** (128 // (rows + 1)) < RECALL_AT_THRESHOLD


def test_the_index_proposes_a_copy_and_skips_empty_texts():
    own = signature(shingles(KK_YOUTH))
    others = {
        "copy": signature(shingles(KK_YOUTH_COPY)),
        "empty": None,
        "far": signature(shingles(KK_ECOLOGY)),
    }
    assert candidates(own, others, threshold=0.5) == ["copy"]
    assert candidates(None, others, threshold=0.5) == []


def test_signatures_are_the_same_in_every_process():
    """A fixed seed and SHA-1 of the pieces, not Python's salted hash(): what one worker caches, another
    can use."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'azamat.test_settings'; django.setup();"
        "from azamat.grants.services.similarity import shingles, signature;"
        f"print(signature(shingles({KK_YOUTH!r})).hashvalues.tolist())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR.parent,
        timeout=120,
    )
    assert output.stdout.strip() == str(signature(shingles(KK_YOUTH)).hashvalues.tolist())


def test_overlapping_passages_are_the_longest_runs_of_matching_sentences():
    passages = overlapping_passages(KK_YOUTH_COPY, KK_YOUTH)
    assert [len(p["application"]) for p in passages] == [7]  # every sentence, changed numbers included
    assert passages[0]["application"][0].startswith("Жобаның мақсаты – Түркістан облысының")
    assert passages[0]["similar_to"][0].startswith("Жобаның мақсаты – Жамбыл облысының")
    assert overlapping_passages(KK_YOUTH, KK_ECOLOGY) == []


# --- In the database -----------------------------------------------------------------------------------------------


@pytest.fixture
def direction(db):
    return DirectionFactory(call=CallFactory(code="youth-2026", opens_at=OPENS, closes_at=CLOSES))


def submitted(
    direction, text: str, *, title: str = "Жоба", status: str = "submitted", days_ago: int = 10, **kwargs
) -> Application:
    return ApplicationFactory(
        direction=direction,
        call=direction.call,
        title=title,
        summary=text,
        problem="",
        target_group="",
        goals="",
        status=status,
        budget=[],
        submitted_at=NOW - datetime.timedelta(days=days_ago),
        **kwargs,
    )


def test_a_submission_flags_the_copy_of_an_earlier_application(
    direction, ngo, alice, django_capture_on_commit_callbacks
):
    original = submitted(
        direction, KK_YOUTH, title="Ауыл жастарына кәсіби бағдар", number="KZ-2025-old-0007", days_ago=400
    )
    submitted(direction, KK_ECOLOGY, title="Таза Каспий")
    submitted(direction, RU_YOUTH, title="Профориентация на селе")
    submitted(direction, KK_YOUTH, title="Ауыл жастарына кәсіби бағдар", status="withdrawn")
    submitted(direction, KK_YOUTH, title="Ауыл жастарына кәсіби бағдар", days_ago=3 * 366)  # too old
    application = complete(
        draft(
            direction,
            ngo,
            alice,
            title="Ауыл жастарына кәсіби бағдар",
            summary=KK_YOUTH_COPY,
            problem="",
            target_group="",
            goals="",
        ),
        alice,
    )
    application.activities.all().delete()
    application.activities.create(title="Тренингтер", starts_month=1, ends_month=3)
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=application, by=alice)
    flag = SimilarityFlag.objects.get()
    assert (flag.application, flag.similar_to, flag.reviewed) == (application, original, False)
    assert 0.6 < float(flag.score) < 1
    first, second = flag.passages[0]["application"][:2], flag.passages[0]["similar_to"][:2]
    assert first[0] == second[0] == "Ауыл жастарына кәсіби бағдар"  # the title
    assert first[1].startswith("Жобаның мақсаты – Түркістан облысының")
    assert second[1].startswith("Жобаның мақсаты – Жамбыл облысының")


def test_the_threshold_is_a_setting(direction, settings):
    submitted(direction, RU_ELDERLY)
    copy = submitted(direction, RU_ELDERLY_COPY)
    settings.GRANTS_SIMILARITY_THRESHOLD = 0.99
    assert similarity_check(application=copy) == []
    settings.GRANTS_SIMILARITY_THRESHOLD = 0.5
    assert len(similarity_check(application=copy)) == 1


def test_a_pair_is_kept_once_and_cleared_when_no_longer_similar(direction):
    first = submitted(direction, RU_ELDERLY)
    second = submitted(direction, RU_ELDERLY_COPY)
    similarity_check(application=second)
    similarity_check(application=first)  # the same pair, seen from the other side
    flag = SimilarityFlag.objects.get()
    assert (flag.application, flag.similar_to) == (second, first)
    assert flag.passages[0]["application"][0].endswith("микрорайонах Экибастуза.")
    Application.objects.filter(pk=second.pk).update(summary=KK_ECOLOGY, submitted_at=NOW)
    assert similarity_check(application=Application.objects.get(pk=second.pk)) == []
    assert not SimilarityFlag.objects.exists()


def test_the_pool_is_read_from_the_cache_after_the_first_check(direction, monkeypatch):
    for text in (KK_YOUTH, KK_ECOLOGY, RU_YOUTH):
        submitted(direction, text)
    copy = submitted(direction, KK_YOUTH_COPY)
    similarity_check(application=copy)
    loaded = []
    real = similarity.application_texts
    monkeypatch.setattr(similarity, "application_texts", lambda pks: loaded.append(sorted(pks)) or real(pks))
    assert len(similarity_check(application=copy)) == 1
    original = Application.objects.get(summary=KK_YOUTH)
    assert loaded == [[copy.pk], [original.pk]]  # its own text, then the one candidate; no pool texts


def test_the_operator_reads_both_texts_side_by_side(client, direction, alice):
    first = submitted(
        direction, RU_ELDERLY, number="KZ-2026-youth-2026-0001", organisation=OrganisationFactory()
    )
    second = submitted(direction, RU_ELDERLY_COPY, number="KZ-2026-youth-2026-0002")
    flag = similarity_check(application=second)[0]
    client.force_login(alice)
    assert client.get(reverse("grants:similarity")).status_code == 403
    assert client.get(reverse("grants:similarity_flag", args=[flag.pk])).status_code == 403
    operator = UserFactory()
    PlatformRoleFactory(user=operator, role="grant_operator")
    client.force_login(operator)
    body = client.get(reverse("grants:similarity"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "KZ-2026-youth-2026-0002 ≈ KZ-2026-youth-2026-0001" in body and "<mark>" in body
    body = client.get(
        reverse("grants:similarity_flag", args=[flag.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert (
        '<mark><span class="visually-hidden">Overlapping: </span>Многие из них не выходят из дома зимой и не '
        "получают помощи в покупке лекарств и продуктов.</mark>"
    ) in body
    assert body.count("<mark>") == 12  # six sentences on each side
    assert first.organisation.name in body
    client.post(reverse("grants:similarity_reviewed", args=[flag.pk]))
    assert SimilarityFlag.objects.get().reviewed is True


# --- At scale (speed is measured in bench/, not asserted here) ---------------------------------------------------


def test_among_two_thousand_applications_only_the_copy_is_found():
    fake = Faker("ru_RU")  # real Russian words in random order: more shared vocabulary than real applications
    fake.seed_instance(2026)
    others = {i: fake.text(1800) for i in range(2000)}
    others.update({"kk-youth": KK_YOUTH, "kk-ecology": KK_ECOLOGY, "ru-elderly": RU_ELDERLY})
    words = others[1234].split()
    words[3], words[40], words[90] = "поликлиника", "волонтёры", "Экибастуз"
    copied = " ".join(words)
    matches = near_duplicates(copied, others)  # nothing cached: every signature is computed
    assert [m.key for m in matches] == [1234]
    cached = {key: signature(shingles(text)) for key, text in others.items()}
    assert [m.key for m in near_duplicates(copied, others, signatures=cached)] == [1234]
