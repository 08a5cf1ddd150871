"""The implementation plan's form sent twice (a double tap, the back button after adding): walking the demo as
officer@, the same milestone stood twice in the plan, each to be marked done with its own evidence."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from azamat.accountability import errors as E
from azamat.accountability import services
from azamat.accountability.models import Item, Milestone
from azamat.core.errors import DomainError
from azamat.testing.accountability_factories import appeal, body, officer_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def accepted():
    ministry = body()
    officer = officer_of(ministry)
    item = Item.objects.get(pk=appeal(to=ministry, sent_on=timezone.localdate()).pk)
    services.item_answer(item=item, by=officer, outcome="accepted", text="")
    return item, officer


def test_the_same_milestone_sent_twice_is_in_the_plan_once(accepted):
    item, officer = accepted
    due = services.add_working_days(timezone.localdate(), 5)
    services.milestone_add(item=item, by=officer, title="Реестр опубликован", due_on=due)
    history = Milestone.history.count()
    with pytest.raises(DomainError) as raised:
        services.milestone_add(item=item, by=officer, title="  реестр  опубликован ", due_on=due)
    assert raised.value.code == E.MILESTONE_EXISTS
    assert str(raised.value) == (
        f"This milestone is already in the plan, due on {date_format(due, 'DATE_FORMAT')}; it was not added again."
    )
    assert list(item.milestones.values_list("title", flat=True)) == ["Реестр опубликован"]
    assert Milestone.history.count() == history
    # Another date, or another step, is another milestone.
    services.milestone_add(
        item=item, by=officer, title="Реестр опубликован", due_on=services.add_working_days(due, 3)
    )
    services.milestone_add(item=item, by=officer, title="Приказ подписан", due_on=due)
    assert item.milestones.count() == 3


def test_the_form_sent_again_returns_to_the_item_saying_so(client, accepted):
    item, officer = accepted
    due = services.add_working_days(timezone.localdate(), 5)
    client.force_login(officer)
    url = reverse("accountability:milestone_add", args=[item.number])
    data = {"title": "Реестр опубликован", "due_on": due.isoformat()}
    assert client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    again = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert again.redirect_chain == [(item.get_absolute_url(), 302)]
    assert "it was not added again." in again.content.decode()
    assert item.milestones.count() == 1
