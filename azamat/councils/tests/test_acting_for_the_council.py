"""Who acts for the council on what it sent. A council's recommendation reaches accountability as one item per body,
whose "author" may dispute that it was carried out. Found walking the demo: the author was the one person who
proposed or recorded it, and the item's organisation that member's NGO — so the council's secretary could not
dispute a recommendation a member had proposed, no other member could, and the proposing member's NGO colleagues,
who do not sit on the council, could (and were asked to on their workspace). Now the council acts through its
secretaries and its sitting members who represent the public (`permissions.can_act_for_council`, asked by
accountability through the item's source), whoever proposed or recorded it; the item is the council's, not an
NGO's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.accountability import services as accountability
from azamat.accountability.lifecycle import ITEM
from azamat.accountability.models import Dispute, Item
from azamat.accountability.permissions import can_dispute_item, is_author
from azamat.accountability.selectors import items_of_source
from azamat.accounts.models import User
from azamat.core.working_days import add_working_days
from azamat.councils.models import Decision, Member
from azamat.councils.services import meetings
from azamat.councils.services import members as member_services
from azamat.testing.accountability_factories import officer_of
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    GovernmentBodyFactory,
    MeetingFactory,
)
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _seat(council, secretary, name, represents, **fields):
    return member_services.member_add(
        council=council,
        full_name=name,
        represents=represents,
        joined_on=council.term_starts_on,
        user=UserFactory(full_name=name),
        by=secretary,
        **fields,
    )


@pytest.fixture
def council_world():
    """A council and its people: the secretary, a member for an NGO who proposes, a member for citizens, a member for
    the state body, a member who has left; the proposer's NGO colleague, who is not on the council; the body's
    officer."""
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    ngo = OrganisationFactory()
    proposer = _seat(council, secretary, "Айгерим Нурланова", Member.Represents.NGO, organisation=ngo)
    MembershipFactory(user=proposer.user, organisation=ngo)
    colleague = UserFactory(full_name="Коллега по НКО")
    MembershipFactory(user=colleague, organisation=ngo)
    citizen = _seat(council, secretary, "Ерлан Есенов", Member.Represents.CITIZEN)
    state = _seat(council, secretary, "Марат Қасымов", Member.Represents.STATE, state_body=council.body)
    former = _seat(council, secretary, "Бывший Член", Member.Represents.CITIZEN)
    member_services.member_leave(member=former, left_on=timezone.localdate(), reason="Ротация", by=secretary)
    body = GovernmentBodyFactory()
    return {
        "council": council,
        "secretary": secretary,
        "proposer": proposer.user,
        "colleague": colleague,
        "citizen": citizen.user,
        "state": state.user,
        "former": former.user,
        "stranger": UserFactory(),
        "body": body,
        "officer": officer_of(body),
    }


def _recommendation(world, proposed_by=None) -> Item:
    meeting = MeetingFactory(council=world["council"], starts_at=timezone.now() - datetime.timedelta(hours=3))
    decision = meetings.decision_record(
        meeting=meeting,
        kind=Decision.Kind.RECOMMENDATION,
        title="Публиковать отчёты о грантах",
        text="Рекомендовать публиковать отчёты о грантах в открытом доступе.",
        addressees=[world["body"]],
        due_on=add_working_days(timezone.localdate(), 20),
        proposed_by=proposed_by,
        by=world["secretary"],
        quiet=True,
    )
    return items_of_source(decision).get()


def _implemented(world, item) -> Item:
    officer = world["officer"]
    accountability.item_answer(item=item, by=officer, outcome="accepted", text="Примем к исполнению.")
    milestone = accountability.milestone_add(
        item=item, by=officer, title="Отчёты на сайте", due_on=add_working_days(timezone.localdate(), 5)
    )
    accountability.milestone_done(milestone=milestone, by=officer, text="Опубликованы.")
    return Item.objects.get(pk=item.pk)


def _fresh(user) -> User:
    """The person as a new request reads them (what a request decided is kept on its user object)."""
    return User.objects.get(pk=user.pk)


def test_the_secretary_and_the_members_for_the_public_act_for_the_council_whoever_proposed_it(council_world):
    """Given a recommendation a member for an NGO proposed, reported implemented: the secretary, the proposer and
    the member for citizens may dispute it; the member for the state body, the member who has left, the proposer's
    NGO colleague and a stranger may not. The item is the council's: no organisation (its author stays the
    proposer, whose KPIs count it)."""
    world = council_world
    item = _implemented(world, _recommendation(world, proposed_by=Member.objects.get(user=world["proposer"])))
    assert (item.author, item.organisation) == (world["proposer"], None)

    acts = {name: is_author(_fresh(world[name]), item) for name in ("secretary", "proposer", "citizen")}
    assert acts == {"secretary": True, "proposer": True, "citizen": True}
    for name in ("state", "former", "colleague", "stranger"):
        assert not is_author(_fresh(world[name]), item), name
        assert can_dispute_item(_fresh(world[name]), item).reason == (
            "Only the author of the item (or their organisation) can dispute it."
        )
    assert ITEM.check(item, "dispute", _fresh(world["secretary"]))


def test_a_recommendation_recorded_without_a_proposer_is_the_councils_not_only_its_secretarys(council_world):
    """Recorded by the secretary without naming who proposed it (its author is the secretary): a member for the
    public disputes it for the council, and the dispute says who opened it."""
    world = council_world
    item = _implemented(world, _recommendation(world))
    assert item.author == world["secretary"]
    dispute = accountability.dispute_open(item=item, by=_fresh(world["citizen"]), reasons="Отчёты не все")
    assert dispute.opened_by == world["citizen"]
    assert Item.objects.get(pk=item.pk).status_on() == Item.Status.DISPUTED


def test_an_old_item_sent_with_the_proposers_organisation_is_still_the_councils(council_world):
    """Items sent before this change carry the proposer's NGO: its staff who are not on the council no longer act
    for the council on them."""
    world = council_world
    item = _implemented(world, _recommendation(world, proposed_by=Member.objects.get(user=world["proposer"])))
    Item.objects.filter(pk=item.pk).update(
        organisation=Member.objects.get(user=world["proposer"]).organisation
    )
    item = Item.objects.get(pk=item.pk)
    assert not is_author(_fresh(world["colleague"]), item)
    assert is_author(_fresh(world["citizen"]), item)


def test_a_member_disputes_on_the_items_page_and_the_ngo_colleague_is_not_offered_it(council_world, client):
    """The item's page offers the member for citizens the dispute and takes it; the proposer's NGO colleague sees
    no dispute form, and one sent anyway is refused with the reason, nothing recorded."""
    world = council_world
    item = _implemented(world, _recommendation(world, proposed_by=Member.objects.get(user=world["proposer"])))
    url = reverse("accountability:item", args=[item.number])
    dispute_url = reverse("accountability:item_dispute", args=[item.number])

    client.force_login(world["colleague"])
    assert dispute_url not in client.get(url).content.decode()
    refused = client.post(dispute_url, {"reasons": "Не выполнено"})
    assert refused.status_code == 400
    assert "Only the author of the item (or their organisation) can dispute it." in refused.content.decode()
    assert not Dispute.objects.exists()

    client.force_login(world["citizen"])
    assert dispute_url in client.get(url).content.decode()
    sent = client.post(dispute_url, {"reasons": "Опубликованы не все отчёты."})
    assert sent.status_code == 302
    assert Dispute.objects.get().opened_by == world["citizen"]


def test_the_workspace_asks_the_councils_people_whether_it_was_carried_out(council_world, client):
    """The member for citizens and the secretary find the recommendation reported implemented on their workspace
    (the proposer on accountability's own card, once); the proposer's NGO colleague, not on the council, does not."""
    world = council_world
    item = _implemented(world, _recommendation(world, proposed_by=Member.objects.get(user=world["proposer"])))
    card = "The body reports your council&#x27;s recommendation implemented."
    for name, shown in (("citizen", True), ("secretary", True), ("colleague", False), ("state", False)):
        client.force_login(world[name])
        page = client.get(reverse("accounts:dashboard")).content.decode()
        assert (card in page) is shown, name
        assert (item.get_absolute_url() in page) is shown, name
    client.force_login(world["proposer"])
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert card not in page and page.count(item.get_absolute_url()) == 1
