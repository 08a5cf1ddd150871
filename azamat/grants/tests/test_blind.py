"""Blind review: whole words and their Kazakh and Russian forms are blacked out, nothing else; the operator
corrects the blind version and experts read the corrected one."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from azamat.core.errors import DomainError
from azamat.grants.blind import REDACTED, Redactor, name_words, settlement
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Activity, Application, Assignment, Attachment, BudgetLine, Draw, Indicator
from azamat.grants.selectors.review import blind_redactor, review_view
from azamat.grants.services.blind_review import application_blind_correct
from azamat.grants.services.conflicts import declaration_confirm
from azamat.registry.models import Membership
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory, UserFactory


def _redactor(*names, people=(), literals=(), hide=(), show=()):
    words, short = [], []
    for name in [*names, *people]:
        long_words, short_words = name_words(name)
        words += long_words
        short += short_words
    return Redactor(words=words + list(hide), short_words=short, literals=list(literals), show=list(show))


# --- Words and their forms (no database) --------------------------------------------------------------------


def test_a_name_that_is_a_common_word_leaves_no_ending_to_guess_from():
    hide = _redactor("«Бірлік» қоғамдық бірлестігі", "Общественное объединение «Бирлик»")
    text = hide("Біз бірлікті нығайтамыз. Бірліктің мүшелері, бірлігіміз, Бірлікке келіңіз.")
    assert text == f"Біз {REDACTED} нығайтамыз. {REDACTED} мүшелері, {REDACTED}, {REDACTED} келіңіз."
    assert "▇▇▇ті" not in text and "ті" not in text.split()


def test_kazakh_names_are_hidden_with_their_suffixes():
    hide = _redactor("«Жарқын болашақ» қоғамдық бірлестігі")
    text = hide(
        "Жарқынның жобасы, Жарқынға хат, Жарқынды қолдаймыз, болашағымыз, Жаркынга (орысша жазылған)."
    )
    assert (
        text
        == f"{REDACTED} жобасы, {REDACTED} хат, {REDACTED} қолдаймыз, {REDACTED}, {REDACTED} (орысша жазылған)."
    )


def test_russian_names_are_hidden_in_every_case():
    hide = _redactor("Общественное объединение «Надежда»", people=["Алия Нурланова"])
    text = hide("Фонд «Надежды», в Надежде, с Надеждой, о надежде; руководитель — Нурлановой Алие, Алияға.")
    assert text == (
        f"Фонд «{REDACTED}», в {REDACTED}, с {REDACTED}, о {REDACTED}; руководитель — {REDACTED}, {REDACTED}."
    )


def test_a_word_that_merely_contains_the_name_is_left_alone():
    hide = _redactor("Частный фонд «Свет»")
    text = hide("На рассвете Светлана включила свет: света не хватало, светофор мигал.")
    assert text == f"На рассвете Светлана включила {REDACTED}: {REDACTED} не хватало, светофор мигал."


def test_legal_form_words_stay_and_short_words_go_only_beside_the_name():
    hide = _redactor("«Ақ жол» қоғамдық бірлестігі", "Общественное объединение «Ак жол»")
    assert hide("«Ақ жол» қоғамдық бірлестігінің жобасы") == f"«{REDACTED}» қоғамдық бірлестігінің жобасы"
    assert hide("Ақ қағаз, жолдың бойында") == f"Ақ қағаз, {REDACTED} бойында"
    assert hide("Общественное объединение «Ак жол»") == f"Общественное объединение «{REDACTED}»"


def test_contacts_and_numbers_are_hidden_whatever_organisation_they_belong_to():
    hide = _redactor("Частный фонд «Свет»", literals=["svet-fond.kz"])
    text = hide(
        "Пишите a.b@mail.ru или info@other.kz, звоните +7 (701) 123-45-67, 8 727 212 34 56; "
        "ИИН 900101300123; сайт https://svet-fond.kz/about и svet-fond.kz. Бюджет 1 500 000 тенге."
    )
    assert text == (
        f"Пишите {REDACTED} или {REDACTED}, звоните {REDACTED}, {REDACTED}; ИИН {REDACTED}; "
        f"сайт {REDACTED} и {REDACTED}. Бюджет 1 500 000 тенге."
    )


def test_the_operator_hides_more_and_unmasks_a_word():
    hide = _redactor("«Сенім» қоғамдық қоры", hide=["Бекзат"], show=["сенімді"])
    assert hide("Бекзаттың командасы сенімді, Сенім қоры") == f"{REDACTED} командасы сенімді, {REDACTED} қоры"


def test_a_suffix_written_apart_goes_with_the_name_and_a_conjunction_stays():
    hide = _redactor("«Бірлік» қоғамдық бірлестігі", "Частный фонд «Свет»")
    assert hide("«Бірлік»-тің мүшелері, Бірлік'ке хат") == f"«{REDACTED}»-{REDACTED} мүшелері, {REDACTED} хат"
    assert hide("«Бірлік» и «Свет» работают") == f"«{REDACTED}» и «{REDACTED}» работают"


def test_an_unmasked_phrase_unmasks_its_words_and_contacts_are_matched_as_written():
    hide = _redactor(people=["Мақсат Әлиев"], literals=["101"], show=["Мақсат Әлиев", "https://stat.gov.kz"])
    assert hide("Мақсатқа Әлиевке, https://stat.gov.kz") == "Мақсатқа Әлиевке, https://stat.gov.kz"
    assert hide("Кабинет 101, код 1010") == f"Кабинет {REDACTED}, код 1010"


def test_the_town_is_read_from_the_address():
    assert settlement("Алматы, ул. Абая, 10") == "Алматы"
    assert settlement("г. Шымкент, пр. Тауке хана, 5") == "Шымкент"
    assert name_words(settlement("Ақтөбе қаласы, Абай көшесі, 1"))[0] == ["Ақтөбе"]


# --- The application, the operator and the expert -------------------------------------------------------------


@pytest.fixture
def operator(db):
    user = UserFactory(email="operator@example.kz", full_name="Оператор Центра")
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


@pytest.fixture
def applicant(db):
    organisation = OrganisationFactory(
        name_kk="«Бірлік» қоғамдық бірлестігі",
        name_ru="Общественное объединение «Бирлик»",
        short_name="ОО Бірлік",
        bin="150340012345",
        address="г. Қонаев, ул. Абая, 10",
        website="https://birlik-kz.org",
        email="office@birlik-kz.org",
        phone="+7 701 555 44 33",
    )
    leader = UserFactory(email="zhanar@birlik-kz.org", full_name="Жанар Серікбаева", phone="+7 702 111 22 33")
    MembershipFactory(
        user=leader, organisation=organisation, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    )
    return organisation, leader


@pytest.fixture
def application(applicant):
    organisation, leader = applicant
    now = timezone.now()
    call = CallFactory(
        code="blind-2026",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=30),
    )
    application = ApplicationFactory(
        call=call,
        direction=DirectionFactory(call=call),
        organisation=organisation,
        created_by=leader,
        status=Application.Status.COMPLIANT,
        number="KZ-2026-blind-2026-0001",
        title="Бірліктің жастар орталығы Қонаевта",
        summary="Бірлікті нығайту: Серікбаеваның командасы office@birlik-kz.org арқылы жауап береді. "
        "Сайт: birlik-kz.org. Жоба Қонаев қаласында өтеді. Тренер — Мақсат Әлиев.",
    )
    Activity.objects.create(
        application=application,
        title="Бірліктің форумы",
        starts_month=1,
        ends_month=2,
        description="Жанар Серікбаевамен кездесу, тел. +7 701 555 44 33",
    )
    Indicator.objects.create(
        application=application,
        kind="output",
        name="Бірлікке қосылған жастар",
        unit="адам",
        baseline=0,
        target=50,
    )
    Attachment.objects.create(
        application=application,
        document_code="charter",
        file=ContentFile(b"x", "c.pdf"),
        original_name="Устав_Бирлик_150340012345.pdf",
        size=1,
        content_type="application/pdf",
    )
    return application


@pytest.fixture
def expert_page(client, application):
    expert = ExpertFactory(user=UserFactory(full_name="Эксперт Бір"))
    draw = Draw.objects.create(call=application.call, method="random", seed="blind")
    assignment = Assignment.objects.create(application=application, expert=expert, draw=draw)
    declaration_confirm(person=expert.user, call=application.call)

    def read() -> str:
        client.force_login(expert.user)
        response = client.get(
            reverse("grants:expert_assignment", args=[assignment.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200
        return html.unescape(response.content.decode())

    return read


@pytest.mark.django_db
def test_an_expert_never_sees_who_applied_anywhere_on_the_page(expert_page, application, applicant):
    organisation, leader = applicant
    body = expert_page()
    for secret in [
        organisation.name_kk,
        organisation.name_ru,
        "Бірлік",
        "Бирлик",
        "бірлік",
        organisation.bin,
        "birlik-kz.org",
        organisation.email,
        organisation.phone,
        leader.email,
        "Серікбаев",
        "Жанар",
        "Қонаев",
        "555 44 33",
    ]:
        assert secret not in body, secret
    assert "▇▇▇ті" not in body and "▇▇▇ке" not in body
    # What the expert needs to judge the project is still there.
    assert f"{REDACTED} жастар орталығы {REDACTED}" in body
    assert f"{REDACTED} нығайту: {REDACTED} командасы {REDACTED} арқылы жауап береді." in body
    assert f"{REDACTED} форумы" in body and f"{REDACTED} кездесу, тел. {REDACTED}" in body
    assert f"{REDACTED} қосылған жастар" in body
    assert f"Устав_{REDACTED}.pdf" in body
    assert "Мақсат Әлиев" in body  # not the organisation's: the operator decides


@pytest.mark.django_db
def test_the_operator_corrects_the_blind_version_and_the_expert_reads_it(
    client, operator, application, expert_page
):
    check = reverse("grants:compliance_check", args=[application.pk])
    client.force_login(operator)
    page = html.unescape(client.get(check, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "What experts will read" in page and f"{REDACTED} нығайту" in page

    response = client.post(
        reverse("grants:blind_correct", args=[application.pk]),
        {"hide": "Мақсат Әлиев\n", "show": "жастар\n"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302 and response.url == check + "#blind"
    application.refresh_from_db()
    assert application.blind_corrections == {"hide": ["Мақсат Әлиев"], "show": ["жастар"]}
    assert application.history.first().history_user == operator

    body = expert_page()
    assert "Мақсат" not in body and "Әлиев" not in body
    assert f"Тренер — {REDACTED}." in body

    # Unmasking a wrongly blacked word: the operator's "show" wins over the name matching.
    client.force_login(operator)
    client.post(
        reverse("grants:blind_correct", args=[application.pk]), {"hide": "", "show": "нығайту\nБірлікті"}
    )
    assert "Бірлікті нығайту" in expert_page()


@pytest.mark.django_db
def test_a_bad_correction_is_refused_with_a_message_and_changes_nothing(client, operator, application, carol):
    url = reverse("grants:blind_correct", args=[application.pk])
    client.force_login(operator)
    response = client.post(url, {"hide": "Мақсат\nж", "show": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "“ж” is too short: give a word of at least two letters." in html.unescape(
        response.content.decode()
    )
    response = client.post(url, {"hide": "ж", "show": ""}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.blind_corrections == {}
    client.force_login(carol)
    assert client.post(url, {"hide": "Мақсат"}).status_code == 403
    with pytest.raises(DomainError) as error:
        application_blind_correct(application=application, by=carol, hide=["Мақсат"], show=[])
    assert error.value.code == "not_allowed"
    application.refresh_from_db()
    assert application.blind_corrections == {}


@pytest.mark.django_db
def test_the_redactor_knows_the_organisation_and_its_people(application, applicant):
    organisation, leader = applicant
    hide = blind_redactor(application)
    assert (
        hide("Серікбаеваға, Жанарға, Қонаевқа, birlik-kz.org")
        == REDACTED + ", " + REDACTED + ", " + REDACTED + ", " + REDACTED
    )
    view = review_view(application)
    assert view.blind and view.organisation is None
    assert [i.name for i in view.indicators] == ["Кәсіби бағдар алған жастар", f"{REDACTED} қосылған жастар"]


@pytest.mark.django_db
def test_the_expert_reads_the_plan_and_budget_as_written(expert_page, application):
    """A one-month activity, one without a description, a whole quantity: as a person writes them."""
    Activity.objects.create(
        application=application, title="Отчёт", starts_month=4, ends_month=4, description=""
    )
    BudgetLine.objects.create(
        application=application,
        category="rent",
        description="Аренда зала",
        quantity=Decimal("6.00"),
        unit_cost=Decimal("20888.57"),
    )
    body = expert_page()
    assert '<td data-label="Months">4</td><td data-label="Description">—</td>' in body
    assert '<td data-label="Months">1–2</td>' in body
    assert '<td class="num">6</td><td class="num">20,888.57</td><td class="num">125,331.42</td>' in body
