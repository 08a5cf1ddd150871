"""Items sent, answered, forwarded, extended, carried out and disputed — and every refusal, which changes
nothing. Statuses follow from the facts, the same in the query and in Python."""

import datetime

import pytest
from django.utils import timezone

from azamat.accountability import selectors, services
from azamat.accountability.models import Dispute, Extension, Item, Milestone
from azamat.core.errors import DomainError
from azamat.testing.accountability_factories import appeal, body, officer_of, other_body, recommendation
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
S = Item.Status


@pytest.fixture
def world():
    ministry = body()
    return {
        "body": ministry,
        "other": other_body(ministry),
        "officer": officer_of(ministry),
        "stranger": officer_of(other_body(ministry)),
        "author": UserFactory(),
    }


def unchanged(item: Item) -> tuple:
    item.refresh_from_db()
    return (item.outcome, item.answered_on, item.extended_to, item.implemented_on, item.history.count())


def test_an_item_gets_a_number_and_stored_deadlines(world):
    item = appeal(to=world["body"], sent_on=D(2026, 3, 16), author=world["author"])
    assert item.number == f"A-2026-{item.pk:06d}"
    assert item.due_on == D(2026, 4, 9)
    assert item.counting["days"] == 15
    assert item.region_id == world["body"].region_id


def test_a_council_sets_its_date_but_not_on_a_holiday(world):
    with pytest.raises(DomainError) as refused:
        recommendation(to=world["body"], sent_on=D(2026, 3, 2), due_on=D(2026, 3, 23))  # Nauryz
    assert refused.value.code == "not_working_day" and refused.value.field == "due_on"
    with pytest.raises(DomainError) as refused:
        recommendation(to=world["body"], sent_on=D(2026, 3, 2), due_on=D(2026, 3, 1))
    assert refused.value.code == "due_before_sent"
    with pytest.raises(DomainError) as refused:  # a year typed as 9999 was a server error
        recommendation(to=world["body"], sent_on=D(2026, 3, 2), due_on=D(9999, 12, 30))
    assert refused.value.code == "due_too_far" and refused.value.field == "due_on"
    assert "2027" in str(refused.value)  # the last date allowed, a year after sending
    with pytest.raises(DomainError):
        appeal(
            to=world["body"], sent_on=D(2026, 3, 2), due_on=D(2026, 3, 30)
        )  # the law sets an appeal's date
    assert not Item.objects.exists()
    item = recommendation(to=world["body"], sent_on=D(2026, 3, 2), due_on=D(2026, 3, 31))
    assert item.due_on == D(2026, 3, 31)


def test_only_an_officer_of_the_body_answers_and_a_rejection_needs_reasons(world):
    item = appeal(to=world["body"], sent_on=timezone.localdate())
    before = unchanged(item)
    with pytest.raises(DomainError) as refused:
        services.item_answer(item=item, by=world["stranger"], outcome="accepted", text="")
    assert refused.value.code == "not_officer_of_body"
    with pytest.raises(DomainError) as refused:
        services.item_answer(item=item, by=world["officer"], outcome="rejected", text="  ")
    assert refused.value.code == "justification_required"
    assert unchanged(item) == before
    services.item_answer(item=item, by=world["officer"], outcome="rejected", text="Вне компетенции бюджета.")
    assert item.status_on() == S.REJECTED
    with pytest.raises(DomainError) as refused:
        services.item_answer(item=item, by=world["officer"], outcome="accepted", text="")
    assert refused.value.code == "wrong_state"


def test_forwarding_hands_the_item_to_the_competent_body_and_keeps_the_chain(world):
    item = appeal(to=world["body"], sent_on=timezone.localdate(), author=world["author"])
    with pytest.raises(DomainError) as refused:
        services.item_forward(item=item, by=world["officer"], to_body=world["body"], reason="Не наш вопрос")
    assert refused.value.code == "forward_to_same_body"
    forwarded = services.item_forward(
        item=item, by=world["officer"], to_body=world["other"], reason="Не наш вопрос"
    )
    item.refresh_from_db()
    assert item.status_on() == S.FORWARDED and forwarded.parent == item and forwarded.body == world["other"]
    assert forwarded.status_on() == S.AWAITING and forwarded.author == world["author"]
    assert selectors.forwarding_chain(forwarded) == [item, forwarded]


def test_an_extension_is_one_reasoned_event_within_two_months(world):
    sent = timezone.localdate()
    item = appeal(to=world["body"], sent_on=sent, author=world["author"])
    original_due = item.due_on
    limit = services.extension_limit(item)
    before = unchanged(item)
    for new_due, code in [
        (limit + datetime.timedelta(days=7), "extension_beyond_maximum"),
        (original_due, "extension_not_later"),
    ]:
        with pytest.raises(DomainError) as refused:
            services.item_extend(item=item, by=world["officer"], new_due_on=new_due, reason="Нужна проверка")
        assert refused.value.code == code
    with pytest.raises(DomainError) as refused:
        services.item_extend(item=item, by=world["officer"], new_due_on=limit, reason="")
    assert refused.value.code == "justification_required"
    assert unchanged(item) == before and not Extension.objects.exists()
    new_due = services.add_working_days(original_due, 5)
    extension = services.item_extend(
        item=item, by=world["officer"], new_due_on=new_due, reason="Запрос в регион"
    )
    item.refresh_from_db()
    assert (
        item.due_on == original_due and item.extended_to == new_due and extension.reason == "Запрос в регион"
    )
    assert extension.notice_due_on == services.add_working_days(extension.decided_on, 3)
    with pytest.raises(DomainError) as refused:
        services.item_extend(
            item=item, by=world["officer"], new_due_on=new_due + datetime.timedelta(days=1), reason="x"
        )
    assert refused.value.code == "extension_not_allowed"


def test_a_council_recommendation_cannot_be_extended(world):
    item = recommendation(
        to=world["body"],
        sent_on=timezone.localdate(),
        due_on=services.add_working_days(timezone.localdate(), 10),
    )
    with pytest.raises(DomainError) as refused:
        services.item_extend(
            item=item, by=world["officer"], new_due_on=services.add_working_days(item.due_on, 2), reason="x"
        )
    assert refused.value.code == "extension_not_allowed"


def test_implementation_milestones_evidence_and_a_dispute(world):
    today = timezone.localdate()
    item = appeal(to=world["body"], sent_on=today, author=world["author"])
    services.item_answer(item=item, by=world["officer"], outcome="accepted", text="")
    assert item.status_on() == S.ANSWERED
    with pytest.raises(DomainError) as refused:
        services.milestone_add(item=item, by=world["officer"], title="Шаг", due_on=D(2027, 1, 1))  # New Year
    assert refused.value.code == "not_working_day"
    with pytest.raises(DomainError) as refused:  # 9999 typed for 2029: a plan runs at most five years
        services.milestone_add(item=item, by=world["officer"], title="Шаг", due_on=D(9999, 12, 31))
    assert (refused.value.code, refused.value.field) == ("milestone_too_far", "due_on")
    assert item.milestones.count() == 0
    first = services.milestone_add(
        item=item, by=world["officer"], title="Проект приказа", due_on=services.add_working_days(today, 5)
    )
    second = services.milestone_add(
        item=item, by=world["officer"], title="Приказ подписан", due_on=services.add_working_days(today, 10)
    )
    assert item.status_on() == S.IN_IMPLEMENTATION
    with pytest.raises(DomainError) as refused:
        services.milestone_done(milestone=first, by=world["officer"], text="")
    assert refused.value.code == "evidence_required"
    services.milestone_done(
        milestone=first, by=world["officer"], text="Проект на сайте", link="https://gov.kz/x"
    )
    assert item.status_on() == S.IN_IMPLEMENTATION
    services.milestone_done(milestone=second, by=world["officer"], text="Приказ №12")
    item.refresh_from_db()
    assert item.implemented_on == today and item.status_on() == S.IMPLEMENTED
    with pytest.raises(DomainError) as refused:
        services.dispute_open(item=item, by=world["stranger"], reasons="Не сделано")
    assert refused.value.code == "not_author"
    dispute = services.dispute_open(item=item, by=world["author"], reasons="Приказ не опубликован")
    assert item.status_on() == S.DISPUTED
    services.dispute_answer(
        dispute=dispute, by=world["officer"], response=Dispute.Response.REOPENED, text="Согласны"
    )
    item.refresh_from_db()
    assert item.implemented_on is None and item.status_on() == S.IN_IMPLEMENTATION
    assert item.history.filter(history_user=world["author"]).exists()  # who disputed, in the audit trail


def test_statuses_in_the_query_match_the_facts(world):
    """Items in every status, on several days: `with_status` (SQL) and `status_on` (Python) agree."""
    sent = D(2026, 1, 12)
    awaiting = appeal(to=world["body"], sent_on=sent)
    rejected = appeal(to=world["body"], sent_on=sent)
    services.item_answer(item=rejected, by=world["officer"], outcome="rejected", text="Нет", answered_on=sent)
    planned = appeal(to=world["body"], sent_on=sent)
    services.item_answer(
        item=planned, by=world["officer"], outcome="partial", text="Частично", answered_on=sent
    )
    Milestone.objects.create(item=planned, title="Шаг", due_on=D(2026, 2, 2))
    answered = appeal(to=world["body"], sent_on=sent)
    services.item_answer(item=answered, by=world["officer"], outcome="accepted", text="", answered_on=sent)
    seen = {}
    for today in [sent, awaiting.due_on, awaiting.due_on + datetime.timedelta(days=1), D(2026, 6, 1)]:
        rows = selectors.with_status(Item.objects.all(), today)
        for row in rows:
            assert row.status == Item.objects.get(pk=row.pk).status_on(today), (row.number, today)
            seen.setdefault(row.pk, set()).add(row.status)
    assert seen[awaiting.pk] == {S.AWAITING, S.OVERDUE, S.LONG_OVERDUE}
    assert seen[planned.pk] == {S.IN_IMPLEMENTATION, S.IMPLEMENTATION_OVERDUE}
    assert seen[rejected.pk] == {S.REJECTED} and seen[answered.pk] == {S.ANSWERED}


def test_reminders_and_overdue_notices_go_out_on_their_day(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    sent = D(2026, 3, 16)
    item = appeal(to=world["body"], sent_on=sent, author=world["author"])  # due 9 April
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(D(2026, 4, 6)) == {"reminders": 1, "overdue": 0, "long_overdue": 0}
        assert services.reminders_send(D(2026, 4, 10)) == {"reminders": 0, "overdue": 1, "long_overdue": 0}
        assert services.reminders_send(D(2026, 4, 11))["overdue"] == 0
    assert item.number in mailoutbox[-1].subject
    assert world["author"].email in mailoutbox[-1].to


def test_a_sender_attaches_files_and_the_page_serves_them_to_readers_only(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("Протокол.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    item = appeal(to=world["body"], sent_on=timezone.localdate(), author=world["author"], attachments=[pdf])
    attachment = item.attachments.get()
    assert attachment.original_name == "Протокол.pdf" and attachment.size == len(b"%PDF-1.4\n%%EOF\n")
    url = f"/accountability/items/{item.number}/files/{attachment.pk}/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(world["officer"])
    assert client.get(url).status_code == 200
