"""A council's annual report from its records: meetings held, the published decisions, each recommendation's fate
in accountability and the published KPIs; the public page and the PDF with its Kazakh text."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.working_days import add_working_days
from azamat.councils.annual_report import annual_report, report_pdf
from azamat.councils.models import Decision
from azamat.councils.services import kpi as kpi_services
from azamat.councils.services import meetings as meeting_services
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    MeetingFactory,
    MemberFactory,
)
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_year():
    """A council with, this year, two held meetings (one with published minutes and two decisions, one of them a
    recommendation to the council's body), one cancelled, and a published KPI period."""
    now = timezone.now()
    today = timezone.localdate()
    if today.month == 1 and today.day < 15:
        pytest.skip("the story needs a few weeks of the current year behind it")
    council = CouncilFactory(
        name_kk="Ақпарат министрлігі жанындағы қоғамдық кеңес",
        name_ru="Общественный совет при министерстве информации",
        term_starts_on=today - datetime.timedelta(days=400),
    )
    secretary = UserFactory()
    CouncilSecretaryFactory(council=council, user=secretary)
    member = MemberFactory(council=council, full_name="Әсел Нұрланқызы")
    held_at = now - datetime.timedelta(days=min(10, today.timetuple().tm_yday - 2))
    meeting = MeetingFactory(council=council, starts_at=held_at, place="Астана, Мәңгілік Ел 8")
    MeetingFactory(council=council, starts_at=held_at - datetime.timedelta(hours=5))
    MeetingFactory(council=council, starts_at=held_at - datetime.timedelta(hours=3), cancelled_at=now)
    meeting_services.attendance_record(meeting=meeting, statuses={member: "present"}, by=secretary)
    meeting_services.decision_record(
        meeting=meeting,
        kind=Decision.Kind.RECOMMENDATION,
        title="Ашық деректерді жариялау",
        text="Ұсыным.",
        addressees=[council.body],
        due_on=add_working_days(timezone.localdate(), 20),
        quiet=True,
        by=secretary,
    )
    meeting_services.decision_record(
        meeting=meeting,
        kind=Decision.Kind.APPROVED,
        title="Жұмыс жоспары бекітілді",
        text="Бекітілсін.",
        by=secretary,
    )
    meeting_services.minutes_save(meeting=meeting, minutes="Хаттама.", by=secretary)
    meeting_services.minutes_publish(meeting=meeting, by=secretary)
    period = kpi_services.period_open(
        council=council,
        name="Бірінші жартыжылдық",
        starts_on=council.term_starts_on,
        ends_on=today,
        by=secretary,
    )
    kpi_services.period_publish(period=period, by=secretary)
    return council, today.year


def test_the_report_reads_the_councils_records(council_year):
    council, year = council_year
    report = annual_report(council, year)
    assert len(report.meetings) == 2 and report.cancelled == 1
    assert report.kinds == [("Recommendation to state bodies", 1), ("Approved", 1)]
    [recommendation] = report.recommendations
    assert recommendation.decision.title == "Ашық деректерді жариялау"
    assert [item.body for item in recommendation.items] == [council.body]
    assert report.fates == [("Awaiting answer", 1)]
    [(period, results)] = report.periods
    assert period.name == "Бірінші жартыжылдық"
    assert [r.member.full_name for r in results] == ["Әсел Нұрланқызы"]
    assert annual_report(council, year - 1).meetings == []


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_pdf_carries_the_kazakh_text(council_year):
    council, year = council_year
    with translation.override("kk"):
        content = report_pdf(annual_report(council, year))
    assert content.startswith(b"%PDF-")
    text = _pdf_text(content)
    assert "Ақпарат министрлігі жанындағы қоғамдық кеңес" in text
    assert "Ашық деректерді жариялау" in text
    assert "Әсел Нұрланқызы" in text
    assert "Астана, Мәңгілік Ел 8" in text


def test_the_public_page_and_the_pdf_download(client, council_year):
    council, year = council_year
    page = client.get(reverse("councils:report", args=[council.pk, year]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ашық деректерді жариялау" in text and "Awaiting answer" in text and "Әсел Нұрланқызы" in text
    response = client.get(reverse("councils:report_pdf", args=[council.pk, year]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    assert client.get(reverse("councils:report", args=[council.pk, 1990])).status_code == 404
    draft = CouncilFactory(published_at=None)
    assert client.get(reverse("councils:report", args=[draft.pk, year])).status_code == 404


def test_unpublished_minutes_and_periods_stay_out(council_year):
    council, year = council_year
    meeting = MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(hours=1))
    secretary = council.secretaries.get().user
    meeting_services.decision_record(
        meeting=meeting,
        kind=Decision.Kind.NOTED,
        title="Черновое решение",
        text="Принять к сведению.",
        by=secretary,
    )
    kpi_services.period_open(
        council=council,
        name="Неопубликованный",
        starts_on=council.term_starts_on,
        ends_on=timezone.localdate(),
        by=secretary,
    )
    report = annual_report(council, year)
    assert "Черновое решение" not in [d.title for d in report.decisions]
    assert [p.name for p, _results in report.periods] == ["Бірінші жартыжылдық"]
