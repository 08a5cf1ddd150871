"""A council member proposes what the council should recommend, on a phone in Kazakh; the secretary, in Russian with
the proposals open in two tabs, puts it on the next meeting's agenda in one and, in the other, still showing it
waiting, tries to decline it: the reason it can no longer be declined is shown, and the proposal stays on the
agenda, where its author then finds it."""

import datetime

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from azamat.councils.models import Proposal
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    MeetingFactory,
    MemberFactory,
)
from azamat.testing.factories import UserFactory

from .support import assert_accessible, sign_in

pytestmark = pytest.mark.browser
KK = {"viewport": {"width": 390, "height": 844}, "locale": "kk-KZ"}
RU = {"viewport": {"width": 390, "height": 844}, "locale": "ru-RU"}


def _in(language, text):
    with translation.override(language):
        return translation.gettext(text)


def test_a_member_proposes_and_the_secretary_in_two_tabs_puts_it_on_the_agenda_once(make_page):
    council = CouncilFactory(name_kk="Мәдениет министрлігі жанындағы қоғамдық кеңес")
    secretary = CouncilSecretaryFactory(council=council, user=UserFactory(email="sec@example.kz")).user
    author = UserFactory(email="member@example.kz", full_name="Айгерим Нурланова")
    MemberFactory(council=council, full_name="Айгерим Нурланова", user=author)
    meeting = MeetingFactory(council=council, starts_at=timezone.now() + datetime.timedelta(days=14))

    member = make_page(**KK)
    sign_in(member, author.email)
    member.goto(f"/councils/{council.pk}/")
    member.locator(f'a[href="/councils/{council.pk}/proposals/"]').click()
    assert_accessible(member, "proposals, a member")
    send = member.locator(f'form[action="/councils/{council.pk}/proposals/new/"] button[type="submit"]')
    send.click()
    expect(member.locator(".field [role=alert]")).to_have_count(
        2
    )  # the body is the council's own, chosen already
    assert not Proposal.objects.exists()
    member.locator("#proposal_title").fill("Гранттар жоспарын қазақ тілінде жариялау")
    member.locator("#proposal_text").fill(
        "Министрлікке гранттар жоспарын қазақ және орыс тілдерінде бірге жариялауды ұсыну."
    )
    send.click()
    expect(member.get_by_role("heading", name="Гранттар жоспарын қазақ тілінде жариялау")).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.body == council.body and proposal.status == Proposal.Status.SUBMITTED

    first = make_page(**RU)
    sign_in(first, secretary.email)
    second = first.context.new_page()
    for tab in (first, second):
        tab.goto(f"/councils/{council.pk}/proposals/")
    assert_accessible(first, "proposals, the secretary")
    first.locator(f'form[action$="/proposals/{proposal.pk}/agenda/"] button').click()
    expect(
        first.get_by_role("status").filter(has_text=_in("ru", "The proposal is on the meeting's agenda."))
    ).to_be_visible()

    second.locator(f"#decline_{proposal.pk}_reason").fill("Вопрос не относится к ведению совета")
    second.locator(f'form[action$="/proposals/{proposal.pk}/decline/"] button').click()
    expect(second.get_by_text(_in("ru", "The proposal is already on a meeting's agenda."))).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ON_AGENDA and proposal.reason == ""
    assert list(meeting.agenda.values_list("title", "speaker")) == [
        ("Гранттар жоспарын қазақ тілінде жариялау", "Айгерим Нурланова")
    ]

    member.reload()
    expect(member.locator(f'a[href="/councils/{council.pk}/meetings/{meeting.pk}/"]')).to_be_visible()
    assert member.locator(f'form[action$="/proposals/{proposal.pk}/withdraw/"]').count() == 0
