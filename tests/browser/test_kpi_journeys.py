"""Members' KPIs walked by their people, in Russian on a phone: the secretary opens a period and designates an
assessor; the assessor's score outside the criterion's scale is refused with the scale named and what was typed
kept, then a score within it is saved; the member sees their own score before the period is published."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from azamat.councils.kpi_models import AssessmentPeriod, Score
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, seat_council
from azamat.testing.factories import UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "ru-RU"}


def test_a_period_is_opened_scored_within_its_scale_and_seen_by_the_member(make_page):
    secretary = UserFactory(email="kpi-secretary@example.kz")
    assessor = UserFactory(email="kpi-assessor@example.kz", full_name="Ерлан Assessor")
    member_user = UserFactory(email="kpi-member@example.kz", full_name="Айгуль Member")
    council = CouncilFactory()
    CouncilSecretaryFactory(council=council, user=secretary)
    seats = seat_council(council, by=secretary, ngo=12, citizens=2, state=1)
    member = seats[0]
    member.user = member_user
    member.save()
    today = timezone.localdate()

    page = make_page(**PHONE)
    sign_in(page, secretary.email)
    page.goto(f"/councils/{council.pk}/kpi/")
    page.get_by_label("Название периода").fill(f"{today.year}")
    page.get_by_label("Дата начала").fill(
        max(council.term_starts_on, today - datetime.timedelta(days=60)).isoformat()
    )
    page.get_by_label("Дата окончания").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Открыть период").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    period = AssessmentPeriod.objects.get(council=council)
    page.goto(f"/councils/{council.pk}/kpi/{period.pk}/manage/")
    assert_accessible(page, "KPI period management")
    page.get_by_label("Электронная почта учётной записи оценщика").fill(assessor.email)
    page.get_by_role("button", name="Назначить").click()
    assert period.assessors.filter(user=assessor).exists()

    scorer = make_page(**PHONE)
    sign_in(scorer, assessor.email)
    scorer.goto(f"/councils/{council.pk}/kpi/{period.pk}/score/")
    assert_accessible(scorer, "scoring")
    scorer.get_by_label("Член совета").select_option(str(member.pk))
    criterion = period.criteria.filter(source="assessor").order_by("pk").first()
    scorer.get_by_label("Критерий").select_option(str(criterion.pk))
    scorer.get_by_label("Балл").fill(str(criterion.scale_max + 5))
    scorer.get_by_label("Обоснование").fill("Провёл три встречи с НПО региона.")
    scorer.get_by_role("button", name="Сохранить оценку").click()
    expect(scorer.get_by_role("alert").first).to_contain_text(str(criterion.scale_max))
    expect(scorer.get_by_label("Обоснование")).to_have_value("Провёл три встречи с НПО региона.")
    assert not Score.objects.exists()
    scorer.get_by_label("Балл").fill(str(criterion.scale_max))
    scorer.get_by_role("button", name="Сохранить оценку").click()
    expect(scorer.get_by_role("alert")).to_have_count(0)
    assert Score.objects.get().value == criterion.scale_max

    own = make_page(**PHONE)
    sign_in(own, member_user.email)
    own.goto("/councils/kpi/mine/")
    assert_accessible(own, "my KPI results")
    expect(own.get_by_text(criterion.name_ru).first).to_be_visible()
