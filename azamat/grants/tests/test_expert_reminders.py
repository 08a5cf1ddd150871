"""Experts are reminded 3 and 1 days before their scoring deadline and the day after, once each, in their language."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application, Assignment
from azamat.grants.selectors.review import assigned_days_due_on, scoring_due_on
from azamat.grants.services.assignment import expert_language
from azamat.grants.tests.test_projects import at
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

ASSIGNED_ON = datetime.date(2026, 9, 7)  # a Monday; ten working days later is Monday 21 September
DUE_ON = datetime.date(2026, 9, 21)


@pytest.fixture
def call(db):
    return CallFactory(
        code="review-2026",
        title_kk="Жастар конкурсы",
        title_ru="Молодёжный конкурс",
        title_en="Youth call",
        opens_at=at(datetime.date(2026, 7, 1)),
        closes_at=at(datetime.date(2026, 8, 1)),
    )


def assign(call, expert, n, *, on=ASSIGNED_ON, status=Assignment.Status.ASSIGNED):
    application = ApplicationFactory(
        direction=DirectionFactory(call=call),
        call=call,
        status=Application.Status.COMPLIANT,
        number=f"KZ-2026-review-2026-{n:04d}",
    )
    with time_machine.travel(at(on), tick=False):
        return Assignment.objects.create(application=application, expert=expert, status=status)


@pytest.fixture
def expert(call):
    expert = ExpertFactory(user=UserFactory(email="reader@example.kz"), languages=["ru", "kk"])
    assign(call, expert, 1)
    assign(call, expert, 2)
    assign(call, expert, 3, status=Assignment.Status.SUBMITTED)
    return expert


def run(today: str | None = None) -> str:
    out = io.StringIO()
    call_command("expert_reminders", *(["--today", today] if today else []), stdout=out)
    return out.getvalue()


def test_the_deadline_is_ten_working_days_after_the_assignment():
    assert scoring_due_on(at(ASSIGNED_ON)) == DUE_ON
    # Friday, Saturday and Sunday assignments share Friday's deadline two weeks on.
    assert assigned_days_due_on(datetime.date(2026, 9, 25)) == [
        datetime.date(2026, 9, 13),
        datetime.date(2026, 9, 12),
        datetime.date(2026, 9, 11),
    ]
    # Across the 16 December Independence Day holidays the deadline moves on.
    assert scoring_due_on(at(datetime.date(2026, 12, 9))) > datetime.date(2026, 12, 23)


def test_reminders_go_out_on_the_exact_days_only_once_each(
    expert, call, mailoutbox, django_capture_on_commit_callbacks
):
    sent = {}
    for offset in range(25):
        day = ASSIGNED_ON + datetime.timedelta(days=offset)
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            run(day.isoformat())
        if len(mailoutbox) > before:
            sent[day] = [m.subject for m in mailoutbox[before:]]
    # The expert reads Russian first: the email is in Russian, the call by its Russian title.
    assert list(sent) == [datetime.date(2026, 9, 18), datetime.date(2026, 9, 20), datetime.date(2026, 9, 22)]
    assert all(len(subjects) == 1 and "Молодёжный конкурс" in subjects[0] for subjects in sent.values())
    assert {tuple(m.to) for m in mailoutbox} == {("reader@example.kz",)}
    first = mailoutbox[0].body
    assert "21.09.2026" in first
    assert reverse("grants:expert_home") in first


def test_scored_and_recused_assignments_and_drafts_get_no_reminder(
    call, mailoutbox, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(languages=["kk"])
    assign(call, expert, 1, status=Assignment.Status.SUBMITTED)
    assign(call, expert, 2, status=Assignment.Status.RECUSED)
    draft = CallFactory(code="draft-2026", published=False)
    assign(draft, expert, 3)
    with django_capture_on_commit_callbacks(execute=True):
        assert run("2026-09-18") == "Reminders sent: 0.\n"
    assert mailoutbox == []


def test_each_expert_in_their_own_language(call, mailoutbox, django_capture_on_commit_callbacks):
    kazakh = ExpertFactory(user=UserFactory(email="kk@example.kz"), languages=["kk"])
    russian = ExpertFactory(user=UserFactory(email="ru@example.kz"), languages=["ru"])
    assign(call, kazakh, 1)
    assign(call, russian, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert run("2026-09-22") == "Reminders sent: 2.\n"
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "Жастар конкурсы" in by_address["kk@example.kz"].subject
    assert "Молодёжный конкурс" in by_address["ru@example.kz"].subject


def test_the_command_uses_today_in_almaty(expert, mailoutbox, django_capture_on_commit_callbacks):
    # 20:00 UTC on 17 September is already 18 September in Almaty: three days before the deadline.
    with (
        time_machine.travel(datetime.datetime(2026, 9, 17, 20, 0, tzinfo=datetime.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run() == "Reminders sent: 1.\n"
    assert len(mailoutbox) == 1


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError) as error:
        run("18.09.2026")
    assert str(error.value) == "--today must be a date like 2026-03-18, not '18.09.2026'."


def test_the_expert_language_is_the_first_they_read(settings):
    settings.LANGUAGE_CODE = "kk"
    assert expert_language(ExpertFactory.build(languages=["ru", "kk"])) == "ru"
    assert expert_language(ExpertFactory.build(languages=["de"])) == "kk"
    assert expert_language(ExpertFactory.build(languages=[])) == "kk"


def test_the_expert_sees_each_deadline_on_their_list(client, expert, call):
    from azamat.grants.models import DeclarationConfirmation

    DeclarationConfirmation.objects.create(person=expert.user, call=call)
    client.force_login(expert.user)
    with time_machine.travel(at(datetime.date(2026, 9, 23)), tick=False):
        page = client.get(reverse("grants:expert_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("21.09.2026") == 2, "each unscored assignment shows its deadline"
    assert page.count("Overdue") == 2
