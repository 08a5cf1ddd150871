"""Members' KPIs: computed criteria from the council's real records (attendance, committees, recommendations and
their fate in accountability), assessors' scores refused outside the scale with nothing changed, weighted totals
and rankings, publication visibility, exports and the chart."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from azamat.accountability.models import Item
from azamat.accountability.services import item_answer, milestone_add, milestone_done
from azamat.core.errors import DomainError
from azamat.core.working_days import add_working_days
from azamat.councils import kpi_errors as errors
from azamat.councils import kpi_selectors as selectors
from azamat.councils.kpi_models import Criterion, Score
from azamat.councils.models import Attendance, Decision, Level
from azamat.councils.services import kpi as services
from azamat.councils.services import meetings as meeting_services
from azamat.testing.accountability_factories import officer_of
from azamat.testing.councils_factories import (
    CommitteeFactory,
    CouncilFactory,
    CouncilSecretaryFactory,
    MeetingFactory,
    MemberFactory,
)
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


class Story:
    """A council with a secretary, three members with accounts, two held meetings and one cancelled, a committee,
    and a recommendation proposed by Aigerim that its body implemented."""

    def __init__(self):
        today = timezone.localdate()
        self.council = CouncilFactory(
            term_starts_on=today - datetime.timedelta(days=200),
            term_ends_on=today + datetime.timedelta(days=500),
        )
        self.secretary = UserFactory(full_name="Секретарь Совета")
        CouncilSecretaryFactory(council=self.council, user=self.secretary)
        self.aigerim = MemberFactory(council=self.council, full_name="Айгерим Сәрсенова", user=UserFactory())
        self.bolat = MemberFactory(council=self.council, full_name="Болат Ахметов", user=UserFactory())
        self.daria = MemberFactory(council=self.council, full_name="Дарья Ким", user=UserFactory())
        committee = CommitteeFactory(council=self.council)
        self.aigerim.committees.set([committee])
        self.bolat.committees.set([committee, CommitteeFactory(council=self.council)])
        now = timezone.now()
        first = MeetingFactory(council=self.council, starts_at=now - datetime.timedelta(days=60))
        second = MeetingFactory(council=self.council, starts_at=now - datetime.timedelta(days=30))
        MeetingFactory(council=self.council, starts_at=now - datetime.timedelta(days=20), cancelled_at=now)
        P, A, E = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED
        meeting_services.attendance_record(
            meeting=first, statuses={self.aigerim: P, self.bolat: P, self.daria: A}, by=self.secretary
        )
        meeting_services.attendance_record(
            meeting=second, statuses={self.aigerim: P, self.bolat: A, self.daria: E}, by=self.secretary
        )
        # Aigerim proposes a recommendation (recorded in her name), which the body accepts and implements.
        sent_on = today - datetime.timedelta(days=30)
        decision = meeting_services.decision_record(
            meeting=second,
            kind=Decision.Kind.RECOMMENDATION,
            title="Опубликовать план закупок",
            text="Рекомендовать опубликовать план.",
            addressees=[self.council.body],
            due_on=add_working_days(sent_on, 20),
            sent_on=sent_on,
            quiet=True,
            by=self.aigerim.user,
            check_permission=False,
        )
        item = Item.objects.get(source_id=decision.pk)
        officer = officer_of(self.council.body)
        item_answer(item=item, by=officer, outcome="accepted", text="", answered_on=sent_on)
        milestone = milestone_add(item=item, by=officer, title="План", due_on=add_working_days(sent_on, 5))
        milestone_done(milestone=milestone, by=officer, text="Опубликован на сайте.", done_on=today)
        self.period = services.period_open(
            council=self.council,
            name="2026 жыл",
            starts_on=self.council.term_starts_on,
            ends_on=today,
            by=self.secretary,
        )
        self.assessor = UserFactory(full_name="Бағалаушы")
        services.assessor_designate(period=self.period, user=self.assessor, by=self.secretary)

    def criterion(self, code) -> Criterion:
        return self.period.criteria.get(code=code)


@pytest.fixture
def story():
    return Story()


def _values(result) -> dict:
    return {v.criterion.code: v.value for v in result.values}


def test_a_period_starts_with_the_seven_criteria_three_computed(story):
    codes = list(story.period.criteria.values_list("code", "source"))
    assert codes == [
        ("organisation", "assessor"),
        ("committees", "committees"),
        ("government", "recommendations"),
        ("ngos", "assessor"),
        ("transparency", "assessor"),
        ("publicity", "assessor"),
        ("attendance", "attendance"),
    ]
    # The templates stay as they were.
    assert Criterion.objects.filter(period__isnull=True).count() == 7


def test_computed_criteria_come_from_the_records(story):
    results = {r.member.full_name: r for r in selectors.period_results(story.period)}
    aigerim, bolat, daria = (results[n] for n in ("Айгерим Сәрсенова", "Болат Ахметов", "Дарья Ким"))
    # Attendance: 2 of 2 held (the cancelled one is not counted); Bolat 1 of 2; Daria 0 of 1 (one excused).
    assert _values(aigerim)["attendance"] == Decimal("10.00")
    assert _values(bolat)["attendance"] == Decimal("5.00")
    assert _values(daria)["attendance"] == Decimal("0.00")
    facts = {v.criterion.code: v.facts for v in daria.values}
    assert facts["attendance"] == {"held": 1, "attended": 0}
    # Committees against the busiest member (Bolat, two seats).
    assert _values(bolat)["committees"] == Decimal("10.00")
    assert _values(aigerim)["committees"] == Decimal("5.00")
    assert _values(daria)["committees"] == Decimal("0.00")
    # Recommendations: Aigerim's one, implemented.
    assert {v.criterion.code: v.facts for v in aigerim.values}["government"] == {
        "authored": 1,
        "implemented": 1,
    }
    assert _values(aigerim)["government"] == Decimal("10.00")
    assert _values(bolat)["government"] == Decimal("0.00")
    # Nobody scored yet: the four assessor criteria count as their lowest, the three computed ones count.
    assert aigerim.total == Decimal("35.7")  # (10 + 5 + 10) / 10 / 7 × 100
    assert [r.member.full_name for r in selectors.period_results(story.period)][0] == "Айгерим Сәрсенова"


def _refused(code, call):
    before = list(Score.objects.values_list("pk", "value", "justification"))
    history = Score.history.count()
    with pytest.raises(DomainError) as raised:
        call()
    assert raised.value.code == code
    assert list(Score.objects.values_list("pk", "value", "justification")) == before
    assert Score.history.count() == history
    return str(raised.value)


def test_a_score_outside_the_scale_is_refused_and_nothing_changes(story):
    criterion = story.criterion("transparency")
    services.score_give(
        criterion=criterion,
        member=story.daria,
        value=Decimal(6),
        justification="Отчитывается.",
        by=story.assessor,
    )
    message = _refused(
        errors.SCORE_OUT_OF_SCALE,
        lambda: services.score_give(
            criterion=criterion,
            member=story.daria,
            value=Decimal(11),
            justification="Много.",
            by=story.assessor,
        ),
    )
    assert message == "A score on “Transparency” must be from 0 to 10; 11 is outside the scale."
    assert Score.objects.get().value == Decimal(6)
    message = _refused(
        errors.JUSTIFICATION_REQUIRED,
        lambda: services.score_give(
            criterion=criterion, member=story.daria, value=Decimal(7), justification="  ", by=story.assessor
        ),
    )
    assert message == "Write why you give this score."
    message = _refused(
        errors.CRITERION_COMPUTED,
        lambda: services.score_give(
            criterion=story.criterion("attendance"),
            member=story.daria,
            value=Decimal(7),
            justification="Бывает.",
            by=story.assessor,
        ),
    )
    assert (
        message
        == "“Attendance at meetings” is computed from the council's records; it is not scored by hand."
    )
    message = _refused(
        errors.NOT_ALLOWED,
        lambda: services.score_give(
            criterion=criterion, member=story.daria, value=Decimal(7), justification="Я.", by=story.secretary
        ),
    )
    assert message == "Only the assessors designated for this period can score its members."


def test_scores_make_a_weighted_total_and_a_ranking(story):
    for member, value in ((story.daria, 10), (story.bolat, 4)):
        for code in ("organisation", "ngos", "transparency", "publicity"):
            services.score_give(
                criterion=story.criterion(code),
                member=member,
                value=Decimal(value),
                justification="Обосновано.",
                by=story.assessor,
            )
    second = UserFactory()
    services.assessor_designate(period=story.period, user=second, by=story.secretary)
    services.score_give(
        criterion=story.criterion("organisation"),
        member=story.daria,
        value=Decimal(6),
        justification="Иначе.",
        by=second,
    )
    services.criterion_change(
        criterion=story.criterion("attendance"),
        weight=Decimal(3),
        scale_min=0,
        scale_max=10,
        by=story.secretary,
    )
    results = selectors.period_results(story.period)
    by_name = {r.member.full_name: r for r in results}
    assert _values(by_name["Дарья Ким"])["organisation"] == Decimal("8.00")  # the mean of 10 and 6
    # Daria: (8 + 0 + 0 + 10 + 10 + 10 + 3×0) / (9 × 10) × 100 = 42.2
    assert by_name["Дарья Ким"].total == Decimal("42.2")
    # Aigerim: (0 + 5 + 10 + 0 + 0 + 0 + 3×10) / 90 × 100 = 50.0; Bolat: (4 + 10 + 0 + 4 + 4 + 4 + 3×5) / 90 = 45.6
    assert [(r.rank, r.member.full_name, r.total) for r in results] == [
        (1, "Айгерим Сәрсенова", Decimal("50.0")),
        (2, "Болат Ахметов", Decimal("45.6")),
        (3, "Дарья Ким", Decimal("42.2")),
    ]


def test_equal_totals_share_a_rank(story):
    results = selectors.period_results(story.period)
    results[0].total = results[1].total = Decimal(50)
    assert [r.rank for r in selectors.rank(results)] == [1, 1, 3]


def test_a_rescale_that_strands_scores_is_refused(story):
    criterion = story.criterion("publicity")
    services.score_give(
        criterion=criterion,
        member=story.bolat,
        value=Decimal(9),
        justification="Выступает.",
        by=story.assessor,
    )
    with pytest.raises(DomainError) as raised:
        services.criterion_change(
            criterion=criterion, weight=Decimal(1), scale_min=0, scale_max=5, by=story.secretary
        )
    assert str(raised.value) == "1 scores already given lie outside the new scale; the scale stays as it is."
    criterion.refresh_from_db()
    assert criterion.scale_max == 10
    with pytest.raises(DomainError) as raised:
        services.criterion_add(
            period=story.period,
            code="wide",
            name_kk="Кең",
            name_ru="Широкий",
            scale_max=1000,
            by=story.secretary,
        )
    assert str(raised.value) == "A scale runs between -100 and 100 at most."
    assert not story.period.criteria.filter(code="wide").exists()


def test_a_published_period_is_closed_and_the_public_sees_it(client, story):
    url = reverse("councils:kpi_period", args=[story.council.pk, story.period.pk])
    assert client.get(url).status_code == 403
    assert (
        story.period.name not in client.get(reverse("councils:kpi", args=[story.council.pk])).content.decode()
    )
    # The member reads their own scores before publication, nobody else's.
    own = reverse("councils:kpi_member", args=[story.council.pk, story.period.pk, story.daria.pk])
    client.force_login(story.daria.user)
    assert client.get(own).status_code == 200
    other = reverse("councils:kpi_member", args=[story.council.pk, story.period.pk, story.bolat.pk])
    assert client.get(other).status_code == 403
    mine = client.get(reverse("councils:kpi_mine")).content.decode()
    assert story.period.name in mine and "Not published yet" in mine
    client.logout()
    services.period_publish(period=story.period, by=story.secretary)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        "Айгерим Сәрсенова" in text
        and "<svg" in text
        and "style=" not in text.split("<svg")[1].split("</svg>")[0]
    )
    assert client.get(other).status_code == 200
    with pytest.raises(DomainError) as raised:
        services.score_give(
            criterion=story.criterion("ngos"),
            member=story.bolat,
            value=Decimal(5),
            justification="Поздно.",
            by=story.assessor,
        )
    assert str(raised.value) == "The period's results are published; the period can no longer change."


def test_the_exports_go_through_core_exports(client, story):
    services.period_publish(period=story.period, by=story.secretary)
    url = reverse("councils:kpi_export", args=[story.council.pk, story.period.pk, "csv"])
    response = client.get(url + "?lang=ru")
    text = response.content.decode()
    assert text.startswith("\ufeff") and "Посещаемость заседаний" in text and "Айгерим Сәрсенова" in text
    header = text.splitlines()[0]
    assert header.count(";") >= 3 and "," not in header  # separated as Excel reads a list on Russian Windows
    response = client.get(reverse("councils:kpi_export", args=[story.council.pk, story.period.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Rank" and rows[1][:2] == (1, "Айгерим Сәрсенова")
    assert (
        client.get(
            reverse("councils:kpi_export", args=[story.council.pk, story.period.pk, "pdf"])
        ).status_code
        == 404
    )


def test_the_ranking_across_a_level(client, story):
    services.period_publish(period=story.period, by=story.secretary)
    other = CouncilFactory(level=Level.REGIONAL)
    MemberFactory(council=other, full_name="Ерлан Регионов")
    services.period_publish(
        period=services.period_open(
            council=other,
            name="Облыс",
            starts_on=other.term_starts_on,
            ends_on=timezone.localdate(),
            by=PlatformRoleFactory(role="platform_admin").user,
        ),
        by=PlatformRoleFactory(role="platform_admin").user,
    )
    url = reverse("councils:kpi_level", args=[Level.CENTRAL])
    text = client.get(url).content.decode()
    assert "Айгерим Сәрсенова" in text and "Ерлан Регионов" not in text
    assert client.get(reverse("councils:kpi_level", args=["nowhere"])).status_code == 404


def test_the_secretary_manages_the_period_through_the_pages(client, story):
    client.force_login(story.secretary)
    manage = reverse("councils:kpi_period_manage", args=[story.council.pk, story.period.pk])
    assert client.get(manage).status_code == 200
    response = client.post(
        reverse("councils:kpi_criterion_add", args=[story.council.pk, story.period.pk]),
        {
            "code": "media",
            "name_kk": "БАҚ",
            "name_ru": "СМИ",
            "weight": "0,5",
            "scale_min": "0",
            "scale_max": "5",
        },
    )
    assert response.status_code == 302
    assert story.period.criteria.get(code="media").weight == Decimal("0.5")
    response = client.post(
        reverse("councils:kpi_period_open", args=[story.council.pk]),
        {"name": "Слишком долгий", "starts_on": "2000-01-01", "ends_on": "2001-01-01"},
    )
    assert response.status_code == 400
    assert "The period must lie within the council&#x27;s term" in response.content.decode()
    client.force_login(story.assessor)
    sheet = reverse("councils:kpi_score", args=[story.council.pk, story.period.pk])
    response = client.post(
        sheet,
        {
            "member": story.bolat.pk,
            "criterion": story.criterion("ngos").pk,
            "value": "12",
            "justification": "Слишком щедро.",
        },
    )
    assert response.status_code == 400
    assert "must be from 0 to 10; 12 is outside the scale" in response.content.decode()
    assert not Score.objects.exists()


def test_an_assessor_sees_on_the_workspace_how_many_members_wait_for_their_scores(client, story):
    client.force_login(story.assessor)
    url = reverse("councils:kpi_period", args=[story.council.pk, story.period.pk])

    def card(language: str) -> str:
        html = client.get("/workspace/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert url in html
        return " ".join(html.split())

    assert f"Members’ KPIs to assess: {story.council.name}" in card("en").replace("&#x27;", "’").replace(
        "'", "’"
    )
    assert "2026 жыл: 3 members wait for your scores." in card("en")
    services.score_give(
        criterion=story.criterion("organisation"),
        member=story.daria,
        value=Decimal(7),
        justification="Обосновано.",
        by=story.assessor,
    )
    assert "2026 жыл: 2 члена совета ждут ваших оценок." in card("ru")
    for member in (story.aigerim, story.bolat):
        services.score_give(
            criterion=story.criterion("organisation"),
            member=member,
            value=Decimal(5),
            justification="Да.",
            by=story.assessor,
        )
    assert "every member has your scores" in card("en")
    # Published, the period leaves the workspace.
    story.period.published_at = timezone.now()
    story.period.save()
    assert url not in client.get("/workspace/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.parametrize("year", ["0", "99999", "-1", "abc"])
def test_a_year_out_of_range_in_the_level_ranking_is_not_found(client, year):
    url = reverse("councils:kpi_level", args=[Level.CENTRAL])
    assert client.get(url, {"year": year}).status_code == 404


def test_a_score_sent_after_publication_gives_the_reason_and_the_justification_to_copy(client, story):
    # The sheet was opened before the secretary published the results in another tab.
    services.period_publish(period=story.period, by=story.secretary)
    client.force_login(story.assessor)
    url = reverse("councils:kpi_score", args=[story.council.pk, story.period.pk])
    response = client.post(
        url,
        {
            "member": story.bolat.pk,
            "criterion": story.criterion("ngos").pk,
            "value": "8",
            "justification": "Провёл три встречи с НПО.",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The period&#x27;s results are published; its scores can no longer change." in page
    assert "Провёл три встречи с НПО." in page and 'name="justification"' not in page
    assert not Score.objects.filter(assessor=story.assessor).exists()
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("typed", ["abc", "1 234,50", "-1000"])
def test_a_score_typed_wrongly_is_refused_with_the_criterions_scale(client, story, typed):
    # It was answered with an example of 1 234 567,89 or 'at most 999,99', for a criterion scored 0 to 10.
    client.force_login(story.assessor)
    url = reverse("councils:kpi_score", args=[story.council.pk, story.period.pk])
    criterion = story.criterion("ngos")
    data = {"member": story.bolat.pk, "criterion": criterion.pk, "value": typed, "justification": "Причина."}
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert escape(f"A score on “{criterion.name}” is a number from 0 to 10.") in page
    assert "1 234 567" not in page.replace("\xa0", " ") and "999" not in page
    assert not Score.objects.filter(assessor=story.assessor).exists()
