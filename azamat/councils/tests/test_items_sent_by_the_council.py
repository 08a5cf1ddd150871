"""Items a council sent before its recommendations became the council's (not the proposing member's NGO's) still
stored that NGO as their sender: the public item page said "From: <the NGO>", and the NGO's staff who are not on the
council were asked on their workspace whether it was carried out ("You can dispute it"), then refused when they
tried. The data migration councils 0006 clears the organisation of every item whose source is a council's
decision (forwarded ones too), with a line in each item's history; other items keep theirs."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from azamat.accountability import services as accountability
from azamat.accountability.models import Item
from azamat.accountability.selectors import items_of_source
from azamat.core.working_days import add_working_days
from azamat.councils.models import Decision, Member
from azamat.councils.services import meetings
from azamat.councils.services import members as member_services
from azamat.testing.accountability_factories import appeal, officer_of
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    GovernmentBodyFactory,
    MeetingFactory,
)
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("azamat.councils.migrations.0006_items_sent_by_the_council")
DISPUTE_CARD = "The body reports it implemented. Was it carried out? You can dispute it."


@pytest.fixture
def old_item():
    """A recommendation an NGO's member proposed, reported implemented, forwarded once: stored as it was sent
    before the fix, with the proposer's NGO as the sender (and the forwarded item copying it)."""
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    ngo = OrganisationFactory()
    proposer = member_services.member_add(
        council=council,
        full_name="Айгерим Нурланова",
        represents=Member.Represents.NGO,
        joined_on=council.term_starts_on,
        user=UserFactory(),
        organisation=ngo,
        by=secretary,
    )
    colleague = UserFactory()
    MembershipFactory(user=colleague, organisation=ngo)
    body, other = GovernmentBodyFactory(), GovernmentBodyFactory()
    decision = meetings.decision_record(
        meeting=MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(hours=3)),
        kind=Decision.Kind.RECOMMENDATION,
        title="Публиковать отчёты о грантах",
        text="Рекомендовать публиковать отчёты о грантах в открытом доступе.",
        addressees=[body, other],
        due_on=add_working_days(timezone.localdate(), 20),
        proposed_by=proposer,
        by=secretary,
        quiet=True,
    )
    first, second = items_of_source(decision)
    officer = officer_of(body)
    accountability.item_answer(item=first, by=officer, outcome="accepted", text="")
    step = accountability.milestone_add(
        item=first, by=officer, title="Отчёты на сайте", due_on=add_working_days(timezone.localdate(), 5)
    )
    accountability.milestone_done(milestone=step, by=officer, text="Опубликованы.")
    forwarded = accountability.item_forward(
        item=Item.objects.get(pk=second.pk), by=officer_of(other), to_body=body, reason="Не наша компетенция"
    )
    Item.objects.filter(source_id=decision.pk, source_type__model="decision").update(organisation=ngo)
    return {"item": Item.objects.get(pk=first.pk), "forwarded": forwarded, "ngo": ngo, "colleague": colleague}


def test_an_old_council_item_no_longer_names_the_proposers_ngo_as_its_sender(old_item, client):
    item, ngo = old_item["item"], old_item["ngo"]
    appeal_of_the_ngo = appeal(
        to=item.body, sent_on=timezone.localdate(), author=UserFactory(), organisation=ngo
    )
    assert Item.objects.filter(organisation=ngo).count() == 4  # two sent, one forwarded, the NGO's own appeal
    client.force_login(old_item["colleague"])
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    sender = f'<dt>From</dt><dd><a href="{reverse("registry:organisation", args=[ngo.bin])}">'
    assert sender in page  # the NGO, on a council's recommendation
    workspace = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert DISPUTE_CARD in workspace and item.get_absolute_url() in workspace
    histories = {row.pk: row.history.count() for row in Item.objects.all()}

    migration.council_sends_its_items(apps, None)

    # The NGO's own appeal stays its own.
    assert list(Item.objects.filter(organisation=ngo)) == [appeal_of_the_ngo]
    for row in Item.objects.exclude(pk=appeal_of_the_ngo.pk):
        # The proposer stays the author (their KPIs count it).
        assert row.organisation is None and row.author is not None
        latest = row.history.latest()
        assert (row.history.count(), latest.organisation_id, latest.history_type) == (
            histories[row.pk] + 1,
            None,
            "~",
        )
        assert latest.history_change_reason == migration.REASON
    assert appeal_of_the_ngo.history.count() == histories[appeal_of_the_ngo.pk]
    page = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dt>From</dt>" not in page
    workspace = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert DISPUTE_CARD not in workspace and item.get_absolute_url() not in workspace

    # Run again (or on a database with nothing to correct): nothing changes.
    migration.council_sends_its_items(apps, None)
    assert {row.pk: row.history.count() for row in Item.objects.all()} == {
        pk: count + (pk != appeal_of_the_ngo.pk) for pk, count in histories.items()
    }


def test_a_database_with_no_council_decisions_yet_is_left_alone():
    """A fresh database migrates before any content type is recorded: nothing to correct, nothing created."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.filter(app_label="councils", model="decision").delete()
    migration.council_sends_its_items(apps, None)
    assert not ContentType.objects.filter(app_label="councils", model="decision").exists()
