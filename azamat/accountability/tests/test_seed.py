"""The generator's accountability and councils tell the truth: statuses of every kind, deadlines counted by the
rules, councils in their proportions and composition rules kept, and each demo login with real work."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from azamat.accountability.models import Item
from azamat.accountability.selectors import with_status
from azamat.accountability.services import deadlines
from azamat.accounts.models import User
from azamat.councils.models import Council, Member
from azamat.councils.services.members import composition_problems

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command(
                "seed", scale=1, seed=5, verbosity=0, only="registry,accounts,accountability,councils"
            )
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_items_are_in_every_status_and_dated_in_the_past(seeded):
    statuses = set(with_status().values_list("computed_status", flat=True))
    assert statuses >= {"awaiting", "overdue", "long_overdue", "implemented", "rejected", "disputed"}
    assert not Item.objects.filter(sent_on__gt=timezone.localdate()).exists()
    assert not Item.objects.filter(answered_on__gt=timezone.localdate()).exists()


def test_deadlines_are_the_rules_own(seeded):
    for item in Item.objects.filter(rule__answer_days__isnull=False, parent__isnull=True).select_related(
        "rule"
    )[:50]:
        assert item.due_on == deadlines(item.rule, item.sent_on)["due_on"]


def test_some_bodies_answer_late_and_some_on_time(seeded):
    answered = Item.objects.exclude(answered_on=None).exclude(outcome="forwarded")
    late = sum(1 for i in answered if i.answered_on > i.current_due_on)
    assert 0 < late < answered.count()


def test_councils_keep_their_composition_rules(seeded):
    councils = Council.objects.all()
    assert councils.values("level").distinct().count() == 6  # every level, in proportion at scale 100
    for council in councils:
        assert composition_problems(council) == [], council
        per_ngo = council.members.filter(left_on=None).exclude(organisation=None).values("organisation")
        assert per_ngo.annotate(n=Count("pk")).filter(n__gt=1).count() == 0


def test_council_recommendations_became_items_linked_to_their_decisions(seeded):
    items = Item.objects.filter(rule__code="council_recommendation")
    assert items.exists()
    assert all(item.source is not None and item.source.meeting.council for item in items[:20])


def test_demo_logins_have_work_here(seeded, client):
    officer = User.objects.get(email="officer@azamat.kz")
    secretary = User.objects.get(email="secretary@azamat.kz")
    ngo = User.objects.get(email="ngo@azamat.kz")
    client.force_login(officer)
    page = client.get("/workspace/").content.decode()
    assert "/accountability/items/" in page  # items waiting for the officer's body
    client.force_login(secretary)
    assert "/councils/" in client.get("/workspace/").content.decode()
    assert Member.objects.filter(user=ngo, left_on=None).exists()  # ngo@ sits on the demo council
    client.force_login(ngo)
    assert (
        "/accountability/items/" in client.get("/workspace/").content.decode()
    )  # an implemented item to dispute
