"""Report reminders: 10 and 3 days before the due date and the day after, once each, to the administrators."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command

from azamat.grants.services.reports import report_save, report_submit
from azamat.grants.tasks import send_report_reminders
from azamat.grants.tests.test_projects import at, make_operator, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(ngo, alice, bob):
    project = make_project(
        organisation=ngo,
        operator=make_operator(),
        amount=Decimal("2700000.00"),
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 2),
    )
    report = project.reports.get(kind="interim")
    assert report.due_on == datetime.date(2026, 9, 16)
    return report


def run(today: str | None = None) -> str:
    out = io.StringIO()
    arguments = ["--today", today] if today else []
    call_command("grant_reminders", *arguments, stdout=out)
    return out.getvalue()


def test_reminders_go_out_on_the_right_days_only(
    report, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "en"
    sent = {}
    for offset in range(30):
        day = datetime.date(2026, 9, 1) + datetime.timedelta(days=offset)
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            run(day.isoformat())
        if len(mailoutbox) > before:
            sent[day] = [m.subject for m in mailoutbox[before:]]
    assert sent == {
        datetime.date(2026, 9, 6): ["[Azamat] A report on AG-2026-00001 is due in 10 days"],
        datetime.date(2026, 9, 13): ["[Azamat] A report on AG-2026-00001 is due in 3 days"],
        datetime.date(2026, 9, 17): ["[Azamat] A report on AG-2026-00001 is overdue"],
    }
    assert {tuple(m.to) for m in mailoutbox} == {("alice@example.kz",)}
    assert "/grants/projects/" in mailoutbox[0].body


def test_the_command_uses_today_in_almaty(report, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.LANGUAGE_CODE = "en"
    # 19:30 UTC on 12 September is already 13 September in Almaty: three days before the due date.
    with (
        time_machine.travel(datetime.datetime(2026, 9, 12, 19, 30, tzinfo=datetime.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        output = run()
    assert output == "Reminders sent for 1 reports.\n"
    assert [m.subject for m in mailoutbox] == ["[Azamat] A report on AG-2026-00001 is due in 3 days"]
    with (
        time_machine.travel(at(datetime.date(2026, 9, 14)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run() == "Reminders sent for 0 reports.\n"
    assert len(mailoutbox) == 1


def test_submitted_reports_get_no_reminder(report, bob, mailoutbox, django_capture_on_commit_callbacks):
    application = report.project.application
    salaries, services = application.budget_lines.order_by("pk")
    report_save(
        report=report,
        by=bob,
        narrative="Жасалды.",
        public_summary="Нәтиже.",
        actuals={application.indicators.get().pk: Decimal(100)},
        spent={salaries.pk: Decimal(1), services.pk: Decimal(1)},
    )
    report_submit(report=report, by=bob)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_report_reminders.call(today="2026-09-13") == 0
        assert send_report_reminders.call(today="2026-09-17") == 0
    assert mailoutbox == []


def test_the_task_can_be_queued(report, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_report_reminders.enqueue(today="2026-09-06")
    assert result.return_value == 1
    assert len(mailoutbox) == 1


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError) as error:
        run("16.09.2026")
    assert str(error.value) == "--today must be a date like 2026-03-18, not '16.09.2026'."
