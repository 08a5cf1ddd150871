"""Members' proposed recommendations. Walking the demo as a council member (ngo@), there was no way to take part in
what the council recommends: only the secretary could put a question on an agenda or record a recommendation, its
author chosen from a list. Now a sitting member proposes; the secretary puts the proposal on a coming meeting's
agenda (its author the speaker) or declines it with a reason the author reads; the author may withdraw it while it
waits. Every step follows `lifecycle.PROPOSAL` and is refused with its reason, a second tab's too."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from azamat.accountability.selectors import items_of_source
from azamat.core.errors import DomainError
from azamat.councils import errors
from azamat.councils.models import AgendaItem, Proposal
from azamat.councils.services import proposals as services
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    GovernmentBodyFactory,
    MeetingFactory,
    MemberFactory,
)
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def council_world():
    council = CouncilFactory()
    secretary = CouncilSecretaryFactory(council=council).user
    author = MemberFactory(council=council, full_name="Айгерим Нурланова", user=UserFactory()).user
    colleague = MemberFactory(council=council, full_name="Канат Жумабаев", user=UserFactory()).user
    left = MemberFactory(
        council=council,
        full_name="Мадина Утепова",
        user=UserFactory(),
        left_on=timezone.localdate() - datetime.timedelta(days=30),
    ).user
    ahead = MeetingFactory(council=council, starts_at=timezone.now() + datetime.timedelta(days=10))
    held = MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(days=1))
    return {
        "council": council,
        "secretary": secretary,
        "author": author,
        "colleague": colleague,
        "left": left,
        "ahead": ahead,
        "held": held,
    }


def _propose(w, **extra):
    fields = {
        "council": w["council"],
        "title": "Публиковать план грантов на казахском",
        "text": "Рекомендовать публиковать план грантов одновременно на казахском и русском языках.",
        "body": w["council"].body,
        "by": w["author"],
    } | extra
    return services.proposal_submit(**fields)


def test_a_sitting_member_proposes_and_the_proposal_waits_for_the_secretary_with_its_author_in_the_history(
    council_world,
):
    proposal = _propose(council_world)
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.member.full_name == "Айгерим Нурланова"
    assert proposal.history.get().history_user == council_world["author"]


@pytest.mark.parametrize("who", ["left", "secretary", "stranger"])
def test_only_a_sitting_member_proposes(council_world, who):
    by = UserFactory() if who == "stranger" else council_world[who]
    with pytest.raises(DomainError) as refused:
        _propose(council_world, by=by)
    assert refused.value.code == errors.NOT_SEATED
    assert not Proposal.objects.exists()


def test_the_same_proposal_sent_twice_is_one_proposal(council_world):
    _propose(council_world)
    with pytest.raises(DomainError) as refused:
        _propose(council_world, title="  публиковать план грантов на казахском ")
    assert refused.value.code == errors.PROPOSAL_EXISTS
    assert Proposal.objects.count() == 1


def test_put_on_a_coming_meeting_it_becomes_a_question_of_its_agenda_with_its_author_the_speaker(
    council_world,
):
    proposal = _propose(council_world)
    services.proposal_put_on_agenda(
        proposal=proposal, meeting=council_world["ahead"], by=council_world["secretary"]
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ON_AGENDA
    item = proposal.agenda_item
    assert (item.meeting, item.title, item.speaker) == (
        council_world["ahead"],
        "Публиковать план грантов на казахском",
        "Айгерим Нурланова",
    )
    assert proposal.history.first().history_user == council_world["secretary"]


def test_a_meeting_already_held_is_refused_and_nothing_changes(council_world):
    proposal = _propose(council_world)
    with pytest.raises(DomainError) as refused:
        services.proposal_put_on_agenda(
            proposal=proposal, meeting=council_world["held"], by=council_world["secretary"]
        )
    assert refused.value.code == errors.MEETING_NOT_AHEAD
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED and not AgendaItem.objects.exists()


def test_every_refused_step_says_why(council_world):
    w = council_world
    proposal = _propose(w)
    with pytest.raises(DomainError) as refused:
        services.proposal_withdraw(proposal=proposal, by=w["colleague"])
    assert str(refused.value) == "Only the member who proposed it can withdraw a proposal."
    with pytest.raises(DomainError) as refused:
        services.proposal_decline(proposal=proposal, reason="Не наш вопрос", by=w["author"])
    assert (
        str(refused.value) == "Only the secretary of this council or a platform administrator can manage it."
    )
    with pytest.raises(DomainError) as refused:
        services.proposal_decline(proposal=proposal, reason="   ", by=w["secretary"])
    assert refused.value.code == errors.REASON_REQUIRED
    services.proposal_withdraw(proposal=proposal, by=w["author"])
    with pytest.raises(DomainError) as refused:
        services.proposal_put_on_agenda(proposal=proposal, meeting=w["ahead"], by=w["secretary"])
    assert str(refused.value) == "The proposal was withdrawn by its author."
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN and proposal.reason == ""


@pytest.mark.parametrize("meanwhile", ["withdrawn", "declined", "on_agenda"])
def test_the_author_withdrawing_from_an_old_tab_is_told_plainly_what_happened(
    client, council_world, meanwhile
):
    """Her second tab's "Withdraw", after she withdrew in the first or the secretary acted: the answer speaks to
    her (was "The proposal was withdrawn by its author." — herself, in the third person)."""
    w = council_world
    proposal = _propose(w)
    if meanwhile == "withdrawn":
        services.proposal_withdraw(proposal=proposal, by=w["author"])
    elif meanwhile == "declined":
        services.proposal_decline(proposal=proposal, reason="Не наш вопрос", by=w["secretary"])
    else:
        services.proposal_put_on_agenda(proposal=proposal, meeting=w["ahead"], by=w["secretary"])
    client.force_login(w["author"])
    url = reverse("councils:proposal_withdraw", args=[w["council"].pk, proposal.pk])
    page = client.post(url, follow=True, **EN).content.decode()
    said = {
        "withdrawn": "You have already withdrawn this proposal.",
        "declined": "Too late to withdraw: the secretary has already declined the proposal; the reason is shown "
        "with it.",
        "on_agenda": "Too late to withdraw: the secretary has already put the proposal on a meeting&#x27;s agenda.",
    }[meanwhile]
    assert said in page and "withdrawn by its author" not in page
    proposal.refresh_from_db()
    assert proposal.status == meanwhile


def test_the_page_shows_a_member_their_own_proposals_and_the_secretary_every_one(client, council_world):
    w = council_world
    _propose(w)
    _propose(w, by=w["colleague"], title="Открыть данные о закупках")
    url = reverse("councils:proposals", args=[w["council"].pk])
    client.force_login(w["colleague"])
    page = client.get(url, **EN).content.decode()
    assert "Открыть данные о закупках" in page and "Публиковать план грантов" not in page
    client.force_login(w["secretary"])
    page = client.get(url, **EN).content.decode()
    assert "Открыть данные о закупках" in page and "Публиковать план грантов" in page


def test_someone_not_on_the_council_is_told_why_not(client, council_world):
    client.force_login(council_world["left"])
    response = client.get(reverse("councils:proposals", args=[council_world["council"].pk]), **EN)
    assert response.status_code == 403
    assert (
        "Only the council&#x27;s sitting members propose recommendations to it." in response.content.decode()
    )


def test_a_member_sending_the_form_again_after_back_makes_one_proposal(client, council_world):
    w = council_world
    client.force_login(w["author"])
    url = reverse("councils:proposal_submit", args=[w["council"].pk])
    data = {"title": "Публиковать план", "text": "Рекомендовать публиковать.", "body": w["council"].body_id}
    assert client.post(url, data, **EN).status_code == 302
    again = client.post(url, data, follow=True, **EN)
    assert "You have already proposed this; it waits for the secretary." in again.content.decode()
    assert Proposal.objects.count() == 1


def test_empty_input_is_refused_in_place_and_nothing_is_made(client, council_world):
    client.force_login(council_world["author"])
    response = client.post(reverse("councils:proposal_submit", args=[council_world["council"].pk]), {}, **EN)
    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 3
    assert not Proposal.objects.exists()


def test_declining_in_a_second_tab_after_the_first_put_it_on_the_agenda_says_why_and_changes_nothing(
    client, council_world
):
    w = council_world
    proposal = _propose(w)
    client.force_login(w["secretary"])
    agenda = reverse("councils:proposal_agenda", args=[w["council"].pk, proposal.pk])
    assert client.post(agenda, {"meeting": w["ahead"].pk}, **EN).status_code == 302
    decline = reverse("councils:proposal_decline", args=[w["council"].pk, proposal.pk])
    response = client.post(decline, {"reason": ""}, follow=True, **EN)
    assert "The proposal is already on a meeting&#x27;s agenda." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ON_AGENDA and proposal.reason == ""


def test_the_page_reads_the_same_number_of_queries_for_one_proposal_or_many(client, council_world):
    w = council_world
    client.force_login(w["secretary"])
    url = reverse("councils:proposals", args=[w["council"].pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, **EN).status_code == 200
        return len(queries)

    _decided(w, _propose(w))
    w["ahead"] = MeetingFactory(council=w["council"], starts_at=timezone.now() + datetime.timedelta(days=9))
    _propose(w, title="Ждёт секретаря")
    one = count()
    for n in range(4):
        author = MemberFactory(council=w["council"], user=UserFactory()).user
        _propose(w, by=author, title=f"Предложение {n}", body=GovernmentBodyFactory())
        _decided(w, _propose(w, by=author, title=f"Решённое предложение {n}"))
        w["ahead"] = MeetingFactory(
            council=w["council"], starts_at=timezone.now() + datetime.timedelta(days=9 + n)
        )
    MeetingFactory(council=w["council"], starts_at=timezone.now() + datetime.timedelta(days=20))
    assert count() == one


def _decided(w, proposal):
    """The proposal put on the coming meeting's agenda, the meeting held, a recommendation recorded on the question
    and the minutes published."""
    from azamat.core.working_days import add_working_days
    from azamat.councils.models import Meeting
    from azamat.councils.services import meetings

    services.proposal_put_on_agenda(proposal=proposal, meeting=w["ahead"], by=w["secretary"])
    proposal.refresh_from_db()
    Meeting.objects.filter(pk=w["ahead"].pk).update(starts_at=timezone.now() - datetime.timedelta(hours=2))
    w["ahead"].refresh_from_db()
    decision = meetings.decision_record(
        meeting=w["ahead"],
        kind="recommendation",
        title=proposal.title,
        text=proposal.text,
        agenda_item=proposal.agenda_item,
        addressees=[proposal.body],
        due_on=add_working_days(timezone.localdate(), 20),
        by=w["secretary"],
    )
    Meeting.objects.filter(pk=w["ahead"].pk).update(minutes="Протокол.", minutes_published_at=timezone.now())
    return decision


def test_the_decision_on_a_proposed_question_is_its_authors_and_the_author_reads_it(client, council_world):
    """Without it, the secretary had to choose the author again in the decision's form, or the member's KPIs (and
    the right to follow the recommendation up) lost it."""
    w = council_world
    proposal = _propose(w)
    decision = _decided(w, proposal)
    assert decision.proposed_by == proposal.member
    assert [item.author for item in items_of_source(decision)] == [w["author"]]
    client.force_login(w["author"])
    page = client.get(reverse("councils:proposals", args=[w["council"].pk]), **EN).content.decode()
    assert f"The council decided: Recommendation to state bodies — {proposal.title}" in page
