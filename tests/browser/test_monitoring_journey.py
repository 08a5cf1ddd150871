"""Monitoring in the browser, on a 390 px wide phone, each person signing in with their second factor: a monitor
documents a detention at a peaceful assembly (the event, an act with its victim and the police as perpetrator, a
witness as source); a verifier verifies it and publishes it; the expert group lists the victim; the public report
and the public list show it redacted — the victim's name nowhere, the alias instead. axe-core checks the pages."""

import datetime
import re

import pytest
from allauth.mfa.totp.internal.auth import hotp_value
from django.utils import timezone
from playwright.sync_api import expect

from azamat.monitoring.models import Candidate, Event, ReadLog
from azamat.registry.models import GovernmentBody, Membership, Region
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

from .support import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}
VICTIM = "Тимур Жаксылыков"
ALIAS = "активист из Шымкента"


def sign_in_with_code(page, email: str, secret: str) -> None:
    page.goto("/accounts/login/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(TEST_PASSWORD)
    page.locator('form[action$="/accounts/login/"] [type="submit"]').click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    code = hotp_value(secret, int(timezone.now().timestamp()) // 30)
    page.locator('input[name="code"]').fill(f"{code:06d}")
    page.locator('input[name="code"]').press("Enter")
    page.wait_for_url(re.compile(r"/workspace/$"))


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_documented_verified_listed_and_published_redacted(make_page):
    bureau = OrganisationFactory(
        name_ru="Бюро по правам человека «Әділет»", name_kk="«Әділет» құқық қорғау бюросы"
    )
    admin = UserFactory(email="head@bureau.kz", full_name="Ғалым Омаров")
    MembershipFactory(user=admin, organisation=bureau, role=Membership.Role.ADMIN)
    monitor = UserFactory(email="monitor@bureau.kz", full_name="Әсел Бекова")
    verifier = UserFactory(email="verifier@bureau.kz", full_name="Нұрлан Ахметов")
    mf.grant(monitor, bureau, "monitor", with_two_factor=False)
    mf.grant(verifier, bureau, "verifier", "expert", with_two_factor=False)
    monitor_secret, verifier_secret = mf.two_factor(monitor), mf.two_factor(verifier)
    victim = mf.person(bureau, VICTIM, by=monitor, public_alias=ALIAS, phone="+7 705 000 11 22")
    mf.criteria(bureau)
    police = GovernmentBody.objects.order_by("pk").first()
    when = timezone.localdate() - datetime.timedelta(days=3)

    # The monitor documents the event.
    page = make_page(locale="en-US", **PHONE)
    sign_in_with_code(page, monitor.email, monitor_secret)
    page.goto(f"/workspace/monitoring/{bureau.pk}/events/new/")
    page.locator('form [name="title"]').fill("Задержание участников мирного собрания в Шымкенте")
    page.locator('form [name="type"]').select_option(label="Peaceful assembly")
    page.locator('form [name="date"]').fill(when.isoformat())
    page.locator('form [name="region"]').select_option(value=str(Region.objects.get(kato="790000000").pk))
    page.locator('form [name="description"]').fill(
        f"Полиция задержала {VICTIM} и ещё четверых участников у акимата."
    )
    assert_accessible(page, "the new event form")
    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Задержание участников")
    event = Event.objects.get()
    assert event.entered_by == monitor and event.status == Event.Status.RECEIVED

    page.goto(f"/workspace/monitoring/events/{event.pk}/acts/new/")
    page.locator('form [name="type"]').select_option(label="Detention")
    page.locator('form [name="victim"]').select_option(value=str(victim.pk))
    page.get_by_role("button", name="Add the act").click()
    act = event.acts.get()
    page.goto(f"/workspace/monitoring/acts/{act.pk}/perpetrators/new/")
    page.locator('form [name="body"]').select_option(value=str(police.pk))
    page.locator('form [name="role"]').select_option(label="Carried it out")
    page.get_by_role("button", name=re.compile("Add")).click()
    page.goto(f"/workspace/monitoring/events/{event.pk}/sources/new/")
    page.locator('form [name="kind"]').select_option(label="A witness")
    page.locator('form [name="reliability"]').select_option(label="B — usually reliable")
    page.locator('form [name="received_on"]').fill(when.isoformat())
    page.locator('form [name="account"]').fill("Свидетель видел задержание у акимата.")
    page.get_by_role("button", name="Add the source").click()
    expect(page.get_by_text("A witness").first).to_be_visible()
    assert_accessible(page, "the event's page")
    assert fits(page), "the event's page scrolls sideways at 390 px"
    page.context.close()

    # The verifier verifies it and publishes it.
    page = make_page(locale="en-US", **PHONE)
    sign_in_with_code(page, verifier.email, verifier_secret)
    page.goto(f"/workspace/monitoring/events/{event.pk}/verification/")
    page.get_by_role("button", name="Start verification").click()
    event.refresh_from_db()
    assert event.status == Event.Status.VERIFYING
    verify = page.locator("form", has=page.get_by_role("button", name="Verify", exact=True))
    verify.locator('[name="verify-reliability"]').select_option(value="high")
    verify.locator('[name="verify-confirm"]').check()
    verify.get_by_role("button", name="Verify", exact=True).click()
    event.refresh_from_db()
    assert event.status == Event.Status.VERIFIED and event.verified_by == verifier
    assert_accessible(page, "the verification page")

    page.goto(f"/workspace/monitoring/events/{event.pk}/preview/")
    expect(page.get_by_text(VICTIM)).to_have_count(0)
    page.get_by_role("button", name="Publish").click()
    assert event.published.title.startswith("Задержание")

    # The expert group lists the victim.
    candidate = mf.candidate(bureau, subject=victim, by=monitor)
    page.goto(f"/workspace/monitoring/list/{candidate.pk}/analysis/")
    page.locator('form [name="analysis"]').fill("Задержан за участие в мирном собрании; насилия не было.")
    page.locator('form [name="ground"]').select_option(value="beliefs")
    page.get_by_role("button", name="Submit to the expert group").click()
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.DECISION
    page.goto(f"/workspace/monitoring/list/{candidate.pk}/decision/")
    page.locator('form [name="members"]').fill("5")
    page.locator('form [name="present"]').fill("4")
    page.locator('form [name="votes_for"]').fill("4")
    page.locator('form [name="votes_against"]').fill("0")
    page.locator('form [name="outcome"]').select_option(value="list")
    page.locator('form [name="grounds"]').fill("Преследуется исключительно за мирное собрание (критерий 1).")
    assert_accessible(page, "the decision form")
    page.get_by_role("button", name="Record the decision").click()
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.LISTED
    page.context.close()

    # The public sees it, redacted.
    page = make_page(locale="ru-RU", **PHONE)
    page.goto("/monitoring/list/")
    expect(page.get_by_text(ALIAS).first).to_be_visible()
    assert VICTIM not in page.content()
    assert_accessible(page, "the public list")
    page.goto(f"/monitoring/events/{event.published.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Задержание")
    assert VICTIM not in page.content() and "705" not in page.content()
    page.goto("/monitoring/")
    assert VICTIM not in page.content()
    assert_accessible(page, "the public report")
    assert fits(page), "the public report scrolls sideways at 390 px"

    # Every read of the record is on the log its administrators read.
    readers = set(
        ReadLog.objects.filter(record_type="event", record_id=event.pk).values_list("user__email", flat=True)
    )
    assert {monitor.email, verifier.email} <= readers


def test_election_day_on_a_phone_in_russian(make_page):
    """An observer on a phone, in Russian, sends the opening checklist from her station (a question left
    unanswered first: refused, nothing lost) and reports an incident; the coordinator closes the observation and
    publishes the totals, which the public page shows without the observer's name or note."""
    from azamat.monitoring import elections_services
    from azamat.monitoring.models import Checklist

    network = OrganisationFactory(
        name_ru="Сеть наблюдателей «Адал сайлау»", name_kk="«Адал сайлау» байқаушылар желісі"
    )
    observer = UserFactory(email="observer@adal.kz", full_name="Мадина Серікова")
    coordinator = UserFactory(email="coordinator@adal.kz", full_name="Берик Алиев")
    mf.grant(observer, network, "monitor", with_two_factor=False)
    mf.grant(coordinator, network, "verifier", with_two_factor=False)
    observer_secret, coordinator_secret = mf.two_factor(observer), mf.two_factor(coordinator)
    election = elections_services.election_create(
        by=coordinator,
        organisation=network,
        title="Выборы депутатов маслихата Карагандинской области",
        kind="maslikhat",
        day=timezone.localdate(),
    )
    station = elections_services.station_add(
        by=coordinator,
        election=election,
        number="412",
        region=Region.objects.get(kato="350000000"),
        settlement_kato="",
        address="Караганда, ул. Ерубаева, 30, школа-гимназия № 1",
        observers=[observer],
    )

    page = make_page(locale="ru-RU", **PHONE)
    sign_in_with_code(page, observer.email, observer_secret)
    page.goto(f"/workspace/monitoring/stations/{station.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Избирательный участок 412")
    opening = page.locator("section", has=page.get_by_role("heading", name="Чек-лист: Открытие"))
    opening.get_by_label("Примечание").fill("Урны опечатали в 7:05")
    for question in (
        "Участок открылся в 7:00, как требует закон.",
        "Комиссия пересчитала полученные бюллетени и записала их число.",
        "Наблюдателей впустили, и они могли видеть всю процедуру.",
    ):
        opening.get_by_role("group", name=question).get_by_label("Да").check()
    assert fits(page)
    assert_accessible(page, "the station's checklists")
    opening.get_by_role("button", name="Отправить чек-лист").click()
    expect(page.get_by_text("Ответьте на этот вопрос").first).to_be_visible()
    assert not Checklist.objects.exists()
    opening = page.locator("section", has=page.get_by_role("heading", name="Чек-лист: Открытие"))
    expect(opening.get_by_label("Примечание")).to_have_value("Урны опечатали в 7:05")
    opening.get_by_role(
        "group", name="До начала голосования урны показали пустыми и опечатали."
    ).get_by_label("Нет").check()
    opening.get_by_role("button", name="Отправить чек-лист").click()
    expect(page.get_by_text("Чек-лист этапа «открытие» отправлен.")).to_be_visible()
    checklist = Checklist.objects.get()
    assert checklist.problems == 1 and checklist.note == "Урны опечатали в 7:05"

    page.get_by_role("link", name="Сообщить о нарушении").first.click()
    page.locator('form [name="title"]').fill("Посторонние у урны")
    page.locator('form [name="description"]').fill(
        "В 9:40 двое посторонних стояли у урны и смотрели бюллетени."
    )
    assert_accessible(page, "the incident form")
    page.get_by_role("button", name="Сообщить о нарушении").click()
    incident = Event.objects.get(station=station)
    expect(page.get_by_text(incident.number).first).to_be_visible()

    page = make_page(locale="ru-RU", **PHONE)
    sign_in_with_code(page, coordinator.email, coordinator_secret)
    page.goto(f"/workspace/monitoring/elections/{election.pk}/")
    expect(page.get_by_text("Мадина Серікова")).to_be_visible()
    assert_accessible(page, "the election's stations and totals")
    page.get_by_role("button", name="Закрыть наблюдение").click()
    page.get_by_role("button", name="Опубликовать итоги").click()
    expect(page.get_by_text("Итоги опубликованы.").first).to_be_visible()

    public = make_page(locale="ru-RU", **PHONE)
    public.goto(f"/monitoring/elections/{election.pk}/")
    expect(public.get_by_role("heading", level=1)).to_have_text(election.title)
    body = public.content()
    assert "До начала голосования урны показали пустыми и опечатали." in body
    assert "Мадина Серікова" not in body and "Урны опечатали в 7:05" not in body
    assert fits(public)
    assert_accessible(public, "the public totals of an observed election")
