"""Pages of the tender commission: the operator's composition and sitting pages, members' votes, the protocol."""

import datetime
import html
import re
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from azamat.grants.models import AgendaItem, Commission, CommissionMember, ConflictDeclaration, Sitting, Vote
from azamat.grants.services import commission as services
from azamat.grants.services import sittings as sitting_services
from azamat.grants.tests.test_commission import (
    AGAINST,
    SUPPORT,
    after_start,
    make_commission,
    make_operator,
    make_setup,
    vote_all,
)
from azamat.testing.commission import affiliate, commission_call
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def operator(db):
    return make_operator()


@pytest.fixture
def setup(operator):
    return make_setup(operator, stream_url="https://youtube.com/live/komissiya-2026")


def _messages(response) -> list[str]:
    """What the page says: at the top, or at the agenda item it opens at (item_messages)."""
    return [str(m) for m in [*response.context["messages"], *response.context.get("item_messages", [])]]


# Strangers and members


def test_a_stranger_gets_403_with_the_reason(client, setup, carol):
    item = setup.item(setup.applications[0])
    client.force_login(carol)
    response = client.get(reverse("grants:sitting", args=[setup.sitting.pk]))
    assert response.status_code == 403
    assert (
        "Only members of this call's tender commission and the operator's staff can see this sitting."
        in html.unescape(response.content.decode())
    )
    response = client.get(reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk]))
    assert response.status_code == 403
    assert (
        "You are not a member of the tender commission of this call; members see only their own call's "
        "applications." in html.unescape(response.content.decode())
    )
    response = client.post(
        reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk]), {"choice": SUPPORT}
    )
    assert response.status_code == 403
    assert Vote.objects.count() == 0
    assert client.get(reverse("grants:commission_manage", args=[setup.call.code])).status_code == 403


def test_a_member_of_another_call_cannot_see_this_calls_applications(client, setup, operator):
    _other, members = make_commission(
        commission_call(code="other-call"), operator, people=[("x", "Чужой Член", "ngo", False)]
    )
    client.force_login(members["x"].user)
    item = setup.item(setup.applications[0])
    assert client.get(reverse("grants:sitting", args=[setup.sitting.pk])).status_code == 403
    assert client.get(reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, setup):
    response = client.get(reverse("grants:sitting", args=[setup.sitting.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_member_votes_through_the_page(client, setup):
    item = setup.item(setup.applications[0])
    member = setup.members["ngo2"]
    client.force_login(member.user)
    url = reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert setup.applications[0].title in page.content.decode()
    response = client.post(url, {"choice": AGAINST, "comment": "Нет устойчивости после гранта"})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("grants:sitting", args=[setup.sitting.pk]) + f"?item={item.pk}#item-{item.pk}"
    )
    vote = Vote.objects.get()
    assert (vote.member, vote.choice, vote.comment) == (member, "against", "Нет устойчивости после гранта")
    sitting_page = client.get(response["Location"]).content.decode()
    assert "Нет устойчивости после гранта" in sitting_page
    assert "https://youtube.com/live/komissiya-2026" in sitting_page


def test_a_refused_vote_shows_the_reason(client, operator):
    setup = make_setup(operator, confirm=False)
    item = setup.item(setup.applications[0])
    client.force_login(setup.members["gov"].user)
    response = client.post(
        reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk]), {"choice": SUPPORT}
    )
    assert response.status_code == 400
    assert "Confirm your declaration of conflicts of interest for this call before voting." in (
        response.content.decode()
    )
    assert Vote.objects.count() == 0


def test_a_member_steps_aside_through_the_page(client, setup):
    item = setup.item(setup.applications[1])
    member = setup.members["opr"]
    client.force_login(member.user)
    url = reverse("grants:agenda_item_recuse", args=[setup.sitting.pk, item.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert response.context["recuse_form"].errors == {"reason": ["Give the reason for stepping aside."]}
    assert item.recused.count() == 0
    client.post(url, {"reason": "Супруг работает в организации"})
    assert list(item.recused.all()) == [member]
    page = client.get(reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk])).content.decode()
    assert "You are recused from this application because of a conflict of interest" in page
    sitting = reverse("grants:sitting", args=[setup.sitting.pk])
    # The reason shows where the item is opened: the first undecided one by default, this one when asked.
    assert "Супруг работает в организации" not in client.get(sitting).content.decode()
    page = client.get(sitting, {"item": item.pk}).content.decode()
    assert "Асель Бекова: Otherwise related: Супруг работает в организации" in page


def test_a_vote_or_a_reason_sent_after_the_chair_decided_comes_back_to_copy(client, setup):
    """The member's page was opened before the chair recorded the decision: what was typed is not lost."""
    item = setup.item(setup.applications[0])
    vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
    member = setup.members["ngo2"]  # opens the page to change the vote; the chair decides meanwhile
    client.force_login(member.user)
    vote_url = reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk])
    assert client.get(vote_url).status_code == 200
    sitting_services.item_decide(item=item, by=setup.members["chair"].user)

    response = client.post(vote_url, {"choice": AGAINST, "comment": "Бюджет завышен\nна 30 %"})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "This item is already decided; votes can no longer change." in page
    assert "Your comment was not recorded; here it is to copy:" in page
    assert "Бюджет завышен<br>на 30 %" in page
    assert Vote.objects.get(item=item, member=member).choice == SUPPORT

    recuse_url = reverse("grants:agenda_item_recuse", args=[setup.sitting.pk, item.pk])
    response = client.post(recuse_url, {"reason": "Сестра — бухгалтер заявителя"})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "This item is already decided." in page
    assert "Your reason was not recorded; here it is to copy:" in page
    assert "Сестра — бухгалтер заявителя" in page
    assert item.recused.count() == 0


def test_member_home_and_declaration(client, setup, ngo):
    member = setup.members["ngo1"]
    ConflictDeclaration.objects.all().delete()
    client.force_login(member.user)
    home = client.get(reverse("grants:commission_home")).content.decode()
    assert setup.call.title_en in home
    assert reverse("grants:sitting", args=[setup.sitting.pk]) in home
    url = reverse("grants:commission_declaration", args=[setup.call.code])
    response = client.post(url, {"action": "declare", "bin": "000000000000", "relation": "founded"})
    assert response.status_code == 400
    assert "No organisation with this BIN is registered on Azamat;" in response.content.decode()
    response = client.post(url, {"action": "declare", "bin": ngo.bin, "relation": "founded", "note": "2012"})
    assert response.status_code == 302
    assert list(ConflictDeclaration.objects.values_list("person", "organisation", "relation", "note")) == [
        (member.user_id, ngo.pk, "founded", "2012")
    ]
    client.post(url, {"action": "confirm"})
    assert services.declaration_confirmed(member)


def test_the_declaration_page_is_for_members_only(client, setup, carol):
    client.force_login(carol)
    response = client.get(reverse("grants:commission_declaration", args=[setup.call.code]))
    assert response.status_code == 403
    assert "You are not a member of the tender commission of this call." in response.content.decode()


# The operator


@time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty")), tick=False)
def test_operator_builds_the_commission_through_the_page(client, operator):
    call = commission_call(code="pavlodar-2026")
    client.force_login(operator)
    url = reverse("grants:commission_manage", args=[call.code])
    assert "This call has no tender commission yet." in client.get(url).content.decode()
    client.post(url)
    commission = Commission.objects.get(call=call)
    page = client.get(url).content.decode()
    assert "The commission has 0 members; it needs at least 5." in page
    assert "Nobody represents NGOs." in page
    person = affiliate(
        UserFactory(email="member@example.kz", full_name="Айгерим Нұрланқызы"), side="ngo", call=call
    )
    add = reverse("grants:commission_member_add", args=[call.code])
    response = client.post(add, {"email": "nobody@example.kz", "side": "ngo"})
    assert response.status_code == 400
    assert "No person with this email has an account on Azamat." in response.content.decode()
    response = client.post(add, {"email": "member@example.kz", "side": "ngo", "is_chair": "on"})
    assert response.status_code == 302
    assert list(commission.members.values_list("user", "side", "is_chair")) == [(person.pk, "ngo", True)]
    response = client.post(add, {"email": UserFactory().email, "side": "government", "is_chair": "on"})
    assert response.status_code == 400
    assert "Айгерим Нұрланқызы already chairs the commission; a commission has one chair." in (
        response.content.decode()
    )
    assert commission.members.count() == 1
    response = client.post(
        reverse("grants:sitting_schedule", args=[call.code]),
        {"starts_at": "2026-03-10T10:00", "place": "Павлодар"},
    )
    assert response.status_code == 400
    assert "The commission cannot sit yet:" in response.content.decode()
    assert Sitting.objects.count() == 0


@time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty")), tick=False)
def test_operator_schedules_a_streamed_sitting_and_takes_attendance(
    client, operator, mailoutbox, django_capture_on_commit_callbacks
):
    call = commission_call(code="semey-2026", title_ru="Гранты Семей", title_kk="Семей гранттары")
    commission, members = make_commission(call, operator)
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("grants:sitting_schedule", args=[call.code]),
            {
                "starts_at": "2026-03-10T10:00",
                "place": "Семей, акимат",
                "stream_url": "https://youtube.com/live/semey",
            },
        )
    sitting = Sitting.objects.get()
    assert response["Location"] == reverse("grants:sitting", args=[sitting.pk])
    assert (sitting.starts_at, sitting.stream_url) == (
        datetime.datetime(2026, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty")),
        "https://youtube.com/live/semey",
    )
    assert len(mailoutbox) == 1 and len(mailoutbox[0].to) == 5
    assert mailoutbox[0].subject == "[Azamat] Tender commission sitting on 10.03.2026 10:00"
    assert f"/grants/commission/{call.code}/declaration/" in mailoutbox[0].body
    assert "https://youtube.com/live/semey" in mailoutbox[0].body
    response = client.post(
        reverse("grants:sitting_attendance", args=[sitting.pk]),
        {"members": [m.pk for m in members.values()]},
        follow=True,
    )
    assert _messages(response) == [
        "The sitting is scheduled and the members are notified.",
        "Attendance is recorded.",
    ]
    assert sitting.present.count() == 5


def test_chair_decides_and_operator_closes_then_protocol_is_public(client, setup):
    item = setup.item(setup.applications[0])
    chair = setup.members["chair"]
    client.force_login(chair.user)
    page = client.get(reverse("grants:sitting", args=[setup.sitting.pk])).content.decode()
    assert reverse("grants:agenda_item_decide", args=[setup.sitting.pk, item.pk]) in page
    vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
    decide = reverse("grants:agenda_item_decide", args=[setup.sitting.pk, item.pk])
    response = client.post(decide, {"decision": "rejected"}, follow=True)
    assert _messages(response) == [
        "The votes (5 for, 0 against, 0 abstained) decide “Award the grant”; the decision must follow them."
    ]
    response = client.post(
        decide, {"decision": "awarded", "amount": "2000000", "reduction_reason": ""}, follow=True
    )
    assert _messages(response) == ["Give the reason for awarding less than requested."]
    client.post(decide, {"decision": "awarded", "amount": "2000000", "reduction_reason": "Лишние расходы"})
    item.refresh_from_db()
    assert (item.decision, item.amount) == ("awarded", Decimal("2000000.00"))
    protocol = reverse("grants:sitting_protocol", args=[setup.sitting.pk])
    client.logout()
    assert client.get(protocol).status_code == 404
    for other in setup.applications[1:]:
        other_item = setup.item(other)
        vote_all(setup, other_item, dict.fromkeys(setup.members, AGAINST))
        sitting_services.item_decide(item=other_item, by=chair.user)
    client.force_login(setup.operator)
    client.cookies["azamat_language"] = "ru"
    with after_start(setup.sitting):
        response = client.post(
            reverse("grants:sitting_close", args=[setup.sitting.pk]), {"confirm": "yes"}, follow=True
        )
    assert _messages(response) == ["Заседание закрыто, его протокол опубликован."]
    # The protocol follows the call's results (permissions.py): the commission reads it now, the public later.
    client.force_login(chair.user)
    assert client.get(protocol).status_code == 200
    client.logout()
    assert client.get(protocol).status_code == 404
    type(setup.call).objects.filter(pk=setup.call.pk).update(results_published=True)
    response = client.get(protocol)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert AgendaItem.objects.filter(sitting=setup.sitting, decision="").count() == 0


def test_only_the_chair_sees_decide_buttons_and_only_the_operator_manages(client, setup):
    client.force_login(setup.members["gov"].user)
    page = client.get(reverse("grants:sitting", args=[setup.sitting.pk])).content.decode()
    item = setup.item(setup.applications[0])
    assert reverse("grants:agenda_item_decide", args=[setup.sitting.pk, item.pk]) not in page
    assert reverse("grants:agenda_item_vote", args=[setup.sitting.pk, item.pk]) in page
    response = client.post(reverse("grants:sitting_agenda", args=[setup.sitting.pk]), follow=True)
    assert _messages(response) == [
        "Only the grant operator's staff can manage tender commissions and their sittings."
    ]
    response = client.post(
        reverse("grants:agenda_item_decide", args=[setup.sitting.pk, item.pk]),
        {"decision": "awarded"},
        follow=True,
    )
    assert _messages(response) == ["Only the chair or the secretary of the commission records its decisions."]
    assert CommissionMember.objects.filter(commission=setup.commission).count() == 5


def test_operator_sees_the_agenda_with_scores_recommendations_and_attendance(client, setup):
    client.force_login(setup.operator)
    response = client.get(reverse("grants:sitting", args=[setup.sitting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    first = setup.applications[0]
    for expected in [
        first.number,
        "90.00",
        "2,700,000.00",
        "Support",
        "Do not support",
        "Rebuild the agenda",
        "Record attendance",
        "5 of 5 members present; 4 needed",
        "Close and sign the protocol",
        "https://youtube.com/live/komissiya-2026",
    ]:
        assert expected in page, expected
    page = client.get(reverse("grants:commission_manage", args=[setup.call.code])).content.decode()
    assert "Yes: the composition meets every rule." in page
    assert "Гүлнар Әбенова" in page


def test_operator_removes_a_member_without_a_record(client, operator):
    commission, members = make_commission(commission_call(code="taraz-2026"), operator)
    client.force_login(operator)
    url = reverse("grants:commission_member_remove", args=["taraz-2026", members["gov"].pk])
    response = client.post(url, follow=True)
    assert _messages(response) == ["Светлана Ким is removed from the commission."]
    assert "Nobody represents the government customer." not in response.content.decode()
    assert "The commission has 4 members; it needs at least 5." in response.content.decode()
    assert commission.members.count() == 4


# The composition form explains a wrong side; the secretary; the compact agenda with "next item"


def test_the_composition_form_shows_why_a_person_cannot_sit_for_a_side(client, operator):
    call = commission_call(code="kostanay-2026")
    services.commission_create(call=call, by=operator)
    monitor = UserFactory(email="monitor@example.kz", full_name="Тимур Касымов")
    PlatformRoleFactory(user=monitor, role="monitor")
    client.force_login(operator)
    page = client.get(reverse("grants:commission_manage", args=[call.code])).content.decode()
    assert f"for the government customer, an officer of {call.customer.name}" in html.unescape(page)
    response = client.post(
        reverse("grants:commission_member_add", args=[call.code]),
        {"email": "monitor@example.kz", "side": "government"},
    )
    assert response.status_code == 400
    field = html.unescape(response.content.decode()).split('id="id_side"', 1)[1].split("</div>", 2)[:2]
    assert (
        f"Тимур Касымов is not an officer of {call.customer.name}, the customer of this call: their account "
        "has no government body officer role for it."
    ) in "".join(field)
    assert CommissionMember.objects.count() == 0


def test_the_operator_appoints_the_secretary_through_the_page(client, setup):
    url = reverse("grants:commission_secretary", args=[setup.call.code])
    UserFactory(email="secretary@example.kz", full_name="Жанна Тулегенова")
    client.force_login(setup.operator)
    response = client.post(url, {"email": "chair@example.kz"})
    assert response.status_code == 400
    assert (
        "Ерлан Жұмабаев is a voting member of the commission; the secretary is someone who does not vote."
        in html.unescape(response.content.decode())
    )
    response = client.post(url, {"email": "secretary@example.kz"}, follow=True)
    assert _messages(response) == ["Жанна Тулегенова is the commission's secretary."]
    setup.commission.refresh_from_db()
    assert setup.commission.secretary.email == "secretary@example.kz"
    response = client.post(url, {"clear": "yes"}, follow=True)
    assert _messages(response) == ["The commission has no secretary now."]
    setup.commission.refresh_from_db()
    assert setup.commission.secretary is None


def _agenda_rows(page: str) -> list[str]:
    return re.findall(r'<li id="item-(\d+)"( class="card" aria-current="step")?>', page)


def test_the_secretary_moves_through_the_compact_agenda(client, setup):
    secretary = UserFactory(full_name="Жанна Тулегенова")
    services.commission_secretary_set(commission=setup.commission, user=secretary, by=setup.operator)
    first, second, third = (setup.item(a) for a in setup.applications)
    client.force_login(secretary)
    assert (
        reverse("grants:sitting", args=[setup.sitting.pk])
        in client.get(reverse("grants:commission_home")).content.decode()
    )
    sitting = reverse("grants:sitting", args=[setup.sitting.pk])
    page = client.get(sitting).content.decode()
    # One row per item; the first undecided one is opened, with the attendance and decision forms.
    assert _agenda_rows(page) == [
        (str(first.pk), ' class="card" aria-current="step"'),
        (str(second.pk), ""),
        (str(third.pk), ""),
    ]
    assert page.count('name="decision"') == 2  # award / do not award, on the opened item only
    assert reverse("grants:sitting_attendance", args=[setup.sitting.pk]) in page
    assert f'href="{sitting}?item={second.pk}#item-{second.pk}">Next item' in page
    assert "Vote or step aside" not in page  # the secretary does not vote
    vote_all(setup, first, dict.fromkeys(setup.members, AGAINST))
    response = client.post(
        reverse("grants:agenda_item_decide", args=[setup.sitting.pk, first.pk]), {"decision": "rejected"}
    )
    # After the decision the page opens at the next item still to decide.
    assert response["Location"] == f"{sitting}?item={second.pk}#item-{second.pk}"
    page = client.get(sitting, {"item": third.pk}).content.decode()
    assert _agenda_rows(page)[2] == (str(third.pk), ' class="card" aria-current="step"')
    # The next item wraps round to the undecided one.
    assert f'href="{sitting}?item={second.pk}#item-{second.pk}">Next item' in page
    row = page.split(f'id="item-{first.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Do not award" in row and "0 for, 5 against" not in row
    assert "2 items of 3 are not decided yet." in page
    # Junk in the address opens the first undecided item, never a 500.
    assert client.get(sitting, {"item": "x"}).status_code == 200


def test_the_secretary_of_an_unpublished_call_sees_nothing(client, setup):
    secretary = UserFactory()
    services.commission_secretary_set(commission=setup.commission, user=secretary, by=setup.operator)
    setup.call.published = False
    setup.call.save()
    client.force_login(secretary)
    assert client.get(reverse("grants:sitting", args=[setup.sitting.pk])).status_code == 403


def test_a_refused_decision_is_explained_at_the_item_the_page_opens_at(client, setup):
    """officer@ pressed 'Award' before the members had voted: the page opened at the item, on a phone, and the
    reason stood at the top of a long page, out of sight — it looked as if nothing happened."""
    item = setup.item(setup.applications[0])
    client.force_login(setup.members["chair"].user)
    decide = reverse("grants:agenda_item_decide", args=[setup.sitting.pk, item.pk])
    response = client.post(decide, {"decision": "awarded", "amount": "", "reduction_reason": ""}, follow=True)
    page = response.content.decode()
    reason = _messages(response)[0]
    assert reason.startswith("Waiting for the votes of")
    at_item = page[page.index(f'<li id="item-{item.pk}"') :]
    at_item = at_item[: at_item.index("</li>", at_item.index('role="status"'))]
    assert 'role="status"' in at_item and reason in at_item
    assert page.count(reason) == 1  # not at the top as well
    item.refresh_from_db()
    assert item.decision == ""


def test_a_refused_decision_keeps_the_amount_and_reason_typed_at_the_item(client, setup):
    """officer@ typed a reduced amount as `12abc` and its reason on a phone: the page came back at the top,
    the error out of sight and both fields empty, to be typed again."""
    item = setup.item(setup.applications[0])
    vote_all(setup, item, dict.fromkeys(setup.members, SUPPORT))
    client.force_login(setup.members["chair"].user)
    decide = reverse("grants:agenda_item_decide", args=[setup.sitting.pk, item.pk])
    sitting = reverse("grants:sitting", args=[setup.sitting.pk])
    for typed, reason in [
        ("12abc", "Enter a number, for example 1,234,567.89."),
        ("999 000 000", "The amount cannot exceed the "),
    ]:
        # When the chair's decision is refused,
        response = client.post(
            decide, {"decision": "awarded", "amount": typed, "reduction_reason": "Транспорт завышен"}
        )
        # then the page opens at the item with the reason there and what was typed still in the fields,
        page = html.unescape(response.content.decode())
        assert response.status_code == 400
        [said] = _messages(response)
        assert said.startswith(reason)
        at_item = page.split(f'<li id="item-{item.pk}"', 1)[1].split('<li id="item-', 1)[0]
        assert said in at_item
        assert f'value="{typed}"' in at_item and 'value="Транспорт завышен"' in at_item
        # and its links lead back to the sitting, not to the address the form was sent to.
        assert f'href="{sitting}?item={item.pk}#item-{item.pk}"' in page
        assert 'href="?item=' not in page
    item.refresh_from_db()
    assert item.decision == ""


@time_machine.travel(
    datetime.datetime(2026, 12, 4, 8, 40, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty")), tick=False
)
def test_a_sitting_is_not_scheduled_in_the_past(client, operator, mailoutbox):
    """operator@ picked 2020 instead of 2026 on the phone's date picker: the sitting was scheduled six years back,
    the members were emailed that date and voting opened at once."""
    call = commission_call(code="taraz-2026", title_ru="Гранты Тараз", title_kk="Тараз гранттары")
    make_commission(call, operator)
    client.force_login(operator)
    url = reverse("grants:sitting_schedule", args=[call.code])
    response = client.post(url, {"starts_at": "2020-12-04T10:00", "place": "Тараз, акимат"})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "The sitting cannot start in the past: choose today or a later day." in page
    assert 'value="Тараз, акимат"' in page
    assert Sitting.objects.count() == 0 and len(mailoutbox) == 0
    # Later today is fine: a sitting may be scheduled shortly before it starts.
    assert client.post(url, {"starts_at": "2026-12-04T08:00", "place": "Тараз"}).status_code == 302
