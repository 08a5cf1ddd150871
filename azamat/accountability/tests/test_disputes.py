"""A dispute walked off the happy path: sent twice (the back button, a second tab), answered twice (a tab left
open while a new dispute came in), a dispute of another item in the address, and the timeline a visitor reads
when the same day holds the answer, the dispute and the work that followed."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.accountability import selectors, services
from azamat.accountability.models import Dispute, Item
from azamat.core.errors import DomainError
from azamat.testing.accountability_factories import appeal, body, officer_of
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Item.Status
MAINTAINED, REOPENED = Dispute.Response.MAINTAINED, Dispute.Response.REOPENED


@pytest.fixture
def world():
    ministry = body()
    organisation = OrganisationFactory()
    author = UserFactory()
    MembershipFactory(user=author, organisation=organisation)
    colleague = UserFactory()
    MembershipFactory(user=colleague, organisation=organisation)
    return {
        "body": ministry,
        "officer": officer_of(ministry),
        "author": author,
        "colleague": colleague,
        "organisation": organisation,
    }


def implemented(world) -> Item:
    """An item the body reports implemented today: answered, one milestone, done with its evidence."""
    today = timezone.localdate()
    item = appeal(to=world["body"], sent_on=today, author=world["author"], organisation=world["organisation"])
    services.item_answer(item=item, by=world["officer"], outcome="accepted", text="")
    milestone = services.milestone_add(
        item=item, by=world["officer"], title="Реестр опубликован", due_on=services.add_working_days(today, 5)
    )
    services.milestone_done(milestone=milestone, by=world["officer"], text="Реестр на сайте")
    return Item.objects.get(pk=item.pk)


def answered(dispute: Dispute) -> tuple:
    dispute.refresh_from_db()
    return (dispute.response, dispute.response_text, dispute.responded_by_id, dispute.responded_at)


def test_an_answered_dispute_is_not_answered_again_while_a_new_one_waits(world):
    item = implemented(world)
    first = services.dispute_open(item=item, by=world["author"], reasons="Реестр не полный")
    services.dispute_answer(dispute=first, by=world["officer"], response=MAINTAINED, text="Реестр полный")
    second = services.dispute_open(item=item, by=world["author"], reasons="Нет 2025 года")
    before = answered(first)
    # The officer's tab still shows the first dispute: sending its form again must not overwrite the answer
    # given (nor reopen the item while the new dispute stays unanswered).
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.dispute_answer(dispute=first, by=world["officer"], response=REOPENED, text="Согласны")
    assert refused.value.code == "dispute_already_answered"
    assert str(refused.value).startswith("The dispute you are answering was already answered on ")
    assert "“Maintained: the item was carried out”" in str(refused.value)
    assert answered(first) == before
    item.refresh_from_db()
    assert item.implemented_on == timezone.localdate() and item.status_on() == S.DISPUTED
    assert answered(second)[0] == ""


def test_a_second_tab_answering_an_answered_dispute_is_told_why_and_changes_nothing(client, world):
    item = implemented(world)
    dispute = services.dispute_open(item=item, by=world["author"], reasons="Реестр не полный")
    client.force_login(world["officer"])
    url = reverse("accountability:dispute_answer", args=[item.number, dispute.pk])
    assert client.post(url, {"response": MAINTAINED, "text": "Реестр полный"}).status_code == 302
    again = client.post(url, {"response": REOPENED, "text": "Из второй вкладки"}, HTTP_ACCEPT_LANGUAGE="en")
    page = again.content.decode()
    assert again.status_code == 400 and 'role="alert"' in page
    assert (
        "The dispute you are answering was already answered on " in page
        and "is not possible while the record" not in page
    )
    assert answered(dispute)[:2] == (MAINTAINED, "Реестр полный")


def test_a_dispute_sent_again_is_told_it_is_already_disputed(client, world):
    item = implemented(world)
    client.force_login(world["author"])
    url = reverse("accountability:item_dispute", args=[item.number])
    assert client.post(url, {"reasons": "Реестр не полный"}).status_code == 302
    # The back button, or the colleague's tab opened before: the item is disputed, not "not implemented".
    client.force_login(world["colleague"])
    again = client.post(url, {"reasons": "Нет 2025 года"}, HTTP_ACCEPT_LANGUAGE="en")
    page = again.content.decode()
    assert again.status_code == 400
    assert "This item is already disputed: the body must answer that dispute first." in page
    assert "Only an item reported as implemented can be disputed." not in page
    assert item.disputes.count() == 1


def test_a_dispute_of_another_item_in_the_address_is_a_404_that_says_so(client, world):
    item = implemented(world)
    other = implemented(world)
    dispute = services.dispute_open(item=other, by=world["author"], reasons="Реестр не полный")
    client.force_login(world["officer"])
    url = reverse("accountability:dispute_answer", args=[item.number, dispute.pk])
    response = client.post(url, {"response": MAINTAINED, "text": "Полный"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "This item has no such dispute." in response.content.decode()
    assert answered(dispute)[0] == ""


def test_the_answer_to_a_dispute_reaches_the_colleague_who_opened_it(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    item = implemented(world)
    dispute = services.dispute_open(item=item, by=world["colleague"], reasons="Реестр не полный")
    with django_capture_on_commit_callbacks(execute=True):
        services.dispute_answer(dispute=dispute, by=world["officer"], response=MAINTAINED, text="Полный")
    assert set(mailoutbox[-1].to) == {world["author"].email, world["colleague"].email}


def test_the_timeline_tells_the_day_in_the_order_it_happened(world):
    item = implemented(world)
    first = services.dispute_open(item=item, by=world["author"], reasons="Реестр не полный")
    services.dispute_answer(dispute=first, by=world["officer"], response=REOPENED, text="Согласны")
    milestone = services.milestone_add(
        item=item,
        by=world["officer"],
        title="Добавить 2025 год",
        due_on=services.add_working_days(timezone.localdate(), 5),
    )
    services.milestone_done(milestone=milestone, by=world["officer"], text="Добавлен")
    item = selectors.item_detail(item.number)
    kinds = [event["kind"] for event in selectors.timeline(item)]
    # All on one day: the first report of implementation is kept after the reopening cleared it, and the
    # work done after the dispute comes after it.
    assert kinds == [
        "sent",
        "answered",
        "milestone_done",
        "implemented",
        "disputed",
        "dispute_answered",
        "milestone_done",
        "implemented",
    ]


def test_the_page_keeps_the_lines_of_a_dispute_and_says_what_each_side_commits_to(client, world):
    item = implemented(world)
    client.force_login(world["author"])
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "It cannot be withdrawn" in page and "shown on the item’s public page" in page
    services.dispute_open(item=item, by=world["author"], reasons="Первое.\nВторое.")
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Первое.<br>Второе." in page
    client.force_login(world["officer"])
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your answer is final" in page


def test_after_agreeing_the_officer_is_led_to_plan_what_is_left(client, world):
    item = implemented(world)
    dispute = services.dispute_open(item=item, by=world["author"], reasons="Реестр не полный")
    client.force_login(world["officer"])
    url = reverse("accountability:dispute_answer", args=[item.number, dispute.pk])
    response = client.post(
        url, {"response": REOPENED, "text": "Согласны"}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    page = response.content.decode()
    assert "Your answer to the dispute is recorded." in page
    assert "The item is back in implementation: add the steps still to be done to its plan." in page
    milestone_url = reverse("accountability:milestone_add", args=[item.number])
    # The form to add a milestone is unfolded: every milestone of the plan is done.
    assert page.count("<details open>") == 1
    assert page.index("<details open>") < page.index(f'action="{milestone_url}"')


def test_a_tab_left_on_an_answered_dispute_leaves_the_new_one_its_own_form(client, world):
    item = implemented(world)
    first = services.dispute_open(item=item, by=world["author"], reasons="Реестр не полный")
    services.dispute_answer(dispute=first, by=world["officer"], response=MAINTAINED, text="Реестр полный")
    second = services.dispute_open(item=item, by=world["author"], reasons="Нет 2025 года")
    client.force_login(world["officer"])
    stale = reverse("accountability:dispute_answer", args=[item.number, first.pk])
    response = client.post(
        stale, {"response": REOPENED, "text": "Согласны, добавим"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    # The reason under the heading; the form below answers the open dispute, with what was typed to edit.
    assert response.context["refusal"][0].startswith("The dispute you are answering was already answered on ")
    form = response.context["dispute_answer_form"]
    assert not form.is_bound and form["text"].value() == "Согласны, добавим"
    page = response.content.decode()
    assert f'action="{reverse("accountability:dispute_answer", args=[item.number, second.pk])}"' in page
    assert f'action="{stale}"' not in page
    assert answered(first)[:2] == (MAINTAINED, "Реестр полный") and answered(second)[0] == ""


def test_a_milestone_waits_for_the_dispute_to_be_answered(client, world):
    """A milestone added while a dispute was open put the item back into implementation and left the dispute
    unanswered for good: its answer was then refused (the item was no longer disputed) and the author never
    heard back. The officer answers the dispute first ("Agree and continue"), then plans."""
    item = implemented(world)
    dispute = services.dispute_open(item=item, by=world["author"], reasons="Реестр не полный")
    due = services.add_working_days(timezone.localdate(), 5)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.milestone_add(item=item, by=world["officer"], title="Добавить 2025 год", due_on=due)
    assert str(refused.value) == (
        "The item is disputed: answer the dispute first (agree and continue, then add the steps left)."
    )
    item.refresh_from_db()
    assert item.status_on() == S.DISPUTED and item.milestones.count() == 1
    client.force_login(world["officer"])
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'action="{reverse("accountability:milestone_add", args=[item.number])}"' not in page
    services.dispute_answer(dispute=dispute, by=world["officer"], response=REOPENED, text="Согласны")
    services.milestone_add(item=item, by=world["officer"], title="Добавить 2025 год", due_on=due)
    assert Item.objects.get(pk=item.pk).status_on() == S.IN_IMPLEMENTATION
