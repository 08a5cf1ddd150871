"""The officer's workspace: the items waiting for the body's answer, with what each needs."""

import datetime

import pytest
from django.utils import translation

from azamat.accountability import dashboard
from azamat.testing.accountability_factories import appeal, body, officer_of

pytestmark = pytest.mark.django_db


def test_an_overdue_item_is_overdue_from_the_day_after_its_last_day_to_answer():
    ministry = body()
    officer = officer_of(ministry)
    item = appeal(to=ministry, sent_on=datetime.date(2026, 3, 16))
    assert item.due_on == datetime.date(2026, 4, 9)  # the last day the body may answer on time
    with translation.override("ru"):
        actions = dashboard.actions(user=officer, memberships=[], role_codes=set())
        described = {action.title: str(action.description) for action in actions}
    # The item's page reads "due on 9 April" and its timeline "10 April — overdue"; the workspace agrees.
    assert described[f"{item.number} · {item.title}"] == "Просрочено с 10 апреля 2026: ответьте сейчас."
