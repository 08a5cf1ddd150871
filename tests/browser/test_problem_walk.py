"""The register of NGO problems walked off the happy path on a phone (390×844), in Kazakh and Russian: two members
of the working group deciding the same problem at once, the one whose page was stale reading why at the top of
the page it lands on; a visitor searching with a Kazakh word typed without Kazakh letters, through the filters,
and reading on the problem's page what the body answered."""

import pytest
from playwright.sync_api import expect

from azamat.accountability import services as accountability
from azamat.problems import services
from azamat.problems.models import Problem
from azamat.problems.tests.factories import proposed, registered, working_group_member
from azamat.registry.models import GovernmentBody
from azamat.testing.accountability_factories import officer_of
from azamat.testing.factories import UserFactory
from tests.crawl.english import english_on_page

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}
S = Problem.Status


def in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844


def test_two_members_decide_the_same_problem_and_the_later_reads_why_at_the_top(make_page):
    first = working_group_member(email="gulnar@example.kz", full_name="Гүлнар Сәрсенова")
    second = working_group_member(email="erlan@example.kz", full_name="Ерлан Жақсыбеков")
    author = UserFactory(email="author@example.kz", full_name="Данияр Искаков")
    problem = proposed(by=author, title="Қайырымдылық ұйымдарын міндетті аккредиттеу")
    services.problem_step(problem=problem, name="review", by=first)

    ru = make_page(locale="ru-RU", **PHONE)
    sign_in(ru, first.email)
    kk = make_page(locale="kk-KZ", **PHONE)
    sign_in(kk, second.email)
    for page in (ru, kk):
        page.goto(problem.get_absolute_url())

    ru.get_by_role("button", name="Внести в реестр").click()
    expect(ru.get_by_text("Проблема теперь в статусе «В реестре».")).to_be_visible()

    # The second member's page still offers "return to the author"; the reason typed is refused, and read
    # where the page opens, not 3,000 pixels below it.
    kk.locator("#id_step-reason").fill("Автор дәлел қосуы керек")
    kk.get_by_role("button", name="Авторға қайтару").click()
    refusal = kk.get_by_role("alert").filter(has_text="мүмкін емес").first
    expect(refusal).to_contain_text("Мәселе «Тізілімде» күйінде тұрғанда «Авторға қайтару» мүмкін емес.")
    assert in_first_screen(refusal), "the refusal is not on the first screen of the phone"
    assert not english_on_page(kk.content(), "kk")
    assert_accessible(kk, "a refused step")
    refusal.get_by_role("link", name="Нысанға өту").click()
    expect(kk.locator("#id_step-reason")).to_have_value("Автор дәлел қосуы керек")
    expect(kk.locator("#id_step-reason")).to_be_in_viewport()
    problem.refresh_from_db()
    assert problem.status == S.REGISTERED
    assert list(problem.status_changes.values_list("to_status", "by")) == [
        (S.PROPOSED, author.pk),
        (S.REVIEW, first.pk),
        (S.REGISTERED, first.pk),
    ]


def test_a_visitor_finds_a_problem_typed_without_kazakh_letters_and_reads_the_body_s_answer(make_page):
    group = working_group_member(email="gulnar@example.kz", full_name="Гүлнар Сәрсенова")
    author = UserFactory(email="author@example.kz", full_name="Данияр Искаков")
    body = GovernmentBody.objects.get(code="mci-civil-society")
    problem = registered(
        by=author,
        group=group,
        title="Волонтерлердің шығындарын өтеу тетігі жоқ",
        description="Заңда волонтерлердің жол және тамақ шығындары туралы ештеңе айтылмаған.",
        area_code="legislation",
    )
    registered(by=author, group=group, title="Задержка выплаты траншей")
    recommendation = services.recommendation_add(
        problem=problem, by=group, text="Заңға шығындарды өтеу тетігін енгізу", body=body
    )
    item = services.recommendation_send(recommendation=recommendation, by=group, quiet=True)
    answer = "Заң жобасына түзету 2027 жылғы жоспарға енгізілді."
    accountability.item_answer(item=item, by=officer_of(body), outcome="partial", text=answer)

    page = make_page(locale="kk-KZ", **PHONE)
    page.goto("/problems/")
    page.get_by_text("Сүзгілер").click()
    page.locator("#id_q").fill("шыгындарын")  # a Russian keyboard: «ы», «г» for «ғ»
    results = page.locator("#results")
    expect(results).to_contain_text("1 мәселе табылды")
    results.get_by_role("link", name=problem.title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(problem.title)
    expect(page.get_by_text("Органның жауабы")).to_be_visible()
    expect(page.get_by_text(answer)).to_be_visible()
    assert not english_on_page(page.content(), "kk")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "a problem's page with the body's answer")
