"""A vote's times, found walking the demo in Kazakh and Russian on a phone: a secretary created a vote opening on
a day already past (the form and the service took it; the vote's page and its public page then gave voters an
opening that never was). Now every way in — the form, the service the API and the admin would call, a draft's
details changed later — is judged by the same guards (`lifecycle.TIMES`), each refusal saying what the time is now
in Almaty and what to do; a draft's details change until the setup is frozen and not after (then only its times,
until voting opens: test_organiser.py); a vote whose closing time passed is neither frozen nor opened."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.registry.models import Membership
from azamat.testing.factories import OrganisationFactory, UserFactory
from azamat.testing.voting_factories import opened, prepared, with_keys
from azamat.voting import services
from azamat.voting.lifecycle import VOTE
from azamat.voting.models import Election

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
# 10 March 2026, 9:05:30 in Almaty (UTC+5).
NOW = datetime.datetime(2026, 3, 10, 9, 5, 30, tzinfo=ALMATY)


@pytest.fixture(autouse=True)
def _english():
    """The services' messages read in English (the pages ask for it with Accept-Language)."""
    with translation.override("en"):
        yield


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _administrator():
    administrator = UserFactory(full_name="Айгерим Сапарова")
    organisation = OrganisationFactory()
    Membership.objects.create(
        organisation=organisation,
        user=administrator,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
    )
    return administrator, organisation


def _create(opens_at, closes_at):
    administrator, organisation = _administrator()
    return services.election_create(
        by=administrator, owner=organisation, title="Выборы ревизора", opens_at=opens_at, closes_at=closes_at
    )


@time_machine.travel(NOW, tick=False)
def test_a_vote_is_not_created_to_open_in_the_past_and_is_told_the_time_now_in_almaty():
    """Given 9:05 in Almaty, when a vote is created (as the API or the admin would: through the service) to open at
    9:00, then it is refused on the opening, saying it is 9:05 in Almaty now, and no vote exists; 9:05 itself (the
    minute typed as "now") and later are taken."""
    with pytest.raises(DomainError) as past:
        _create(NOW - datetime.timedelta(minutes=5), NOW + datetime.timedelta(days=1))
    assert (past.value.code, past.value.field) == ("opens_past", "opens_at")
    assert str(past.value) == (
        "Voting cannot open at a moment already past (now, in Almaty time: March 10, 2026, 9:05 a.m.). Choose a "
        "later opening time."
    )
    assert not Election.objects.exists()

    this_minute = _create(NOW.replace(second=0), NOW + datetime.timedelta(days=1))
    assert this_minute.opens_at == datetime.datetime(2026, 3, 10, 9, 5, tzinfo=ALMATY)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("opens", "closes", "code", "field", "message"),
    [
        (
            datetime.timedelta(days=2),
            datetime.timedelta(days=1),
            "dates",
            "closes_at",
            "Voting must close after it opens (opening: March 12, 2026, 9:05 a.m.). Choose a later closing time.",
        ),
        (
            datetime.timedelta(days=1),
            datetime.timedelta(days=1),
            "dates",
            "closes_at",
            "Voting must close after it opens (opening: March 11, 2026, 9:05 a.m.). Choose a later closing time.",
        ),
        (  # 2062 typed for 2026
            datetime.timedelta(days=36 * 365),
            datetime.timedelta(days=36 * 365 + 1),
            "opens_too_far",
            "opens_at",
            "Voting opens within a year from now (the latest opening: March 11, 2027, 9:05 a.m.). Check the year.",
        ),
        (
            datetime.timedelta(days=1),
            datetime.timedelta(days=92),
            "too_long",
            "closes_at",
            "Voting lasts at most 90 days (the latest closing for this opening: June 9, 2026, 9:05 a.m.).",
        ),
    ],
)
def test_impossible_times_are_refused_on_their_field_with_what_to_do(opens, closes, code, field, message):
    with pytest.raises(DomainError) as refused:
        _create(NOW + opens, NOW + closes)
    assert (refused.value.code, refused.value.field, str(refused.value)) == (code, field, message)
    assert not Election.objects.exists()


def test_the_form_keeps_what_was_typed_and_shows_the_refusal_under_the_opening(client):
    """The secretary's walk: the opening typed as 01.12 when it was already 04.12; the page comes back (400) with the
    reason under "Voting opens" and the title typed kept, and no vote is made."""
    administrator, organisation = _administrator()
    client.force_login(administrator)
    with time_machine.travel(NOW, tick=False):
        refused = client.post(
            reverse("voting:new", args=["organisation", organisation.pk]),
            {
                "title": "Проверка времени",
                "opens_at": "2026-03-01T10:00",
                "closes_at": "2026-03-20T10:00",
                "quorum": "50",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert refused.status_code == 400
    page = refused.content.decode()
    opening = page.index('id="id_opens_at"')
    reason = page.index(
        "Voting cannot open at a moment already past (now, in Almaty time: March 10, 2026, 9:05"
    )
    assert opening < reason < page.index('id="id_closes_at"')
    assert 'value="Проверка времени"' in page
    assert not Election.objects.exists()


def test_a_drafts_details_change_and_are_judged_as_a_new_votes(client):
    """Given a draft, when its administrator changes its title and times from its page, then they are saved (the
    history says who); an opening moved into the past is refused there too, and nothing changes."""
    world = prepared(voters=3, opens_in_hours=2)
    election = world.election
    client.force_login(world.administrator)
    page = client.get(reverse("voting:vote", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("voting:edit", args=[election.pk]) in page
    form = client.get(reverse("voting:edit", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="en")
    loaded = form.context["form"].initial["loaded"]
    assert form.context["form"].initial["title"] == "Выборы правления"

    with time_machine.travel(NOW, tick=False):
        data = {"title": "Выборы правления на 2027 год", "quorum": "60", "loaded": loaded}
        refused = client.post(
            reverse("voting:edit", args=[election.pk]),
            {**data, "opens_at": "2026-03-09T10:00", "closes_at": "2026-03-20T10:00"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert refused.status_code == 400
        assert "Voting cannot open at a moment already past" in refused.content.decode()
        assert Election.objects.get(pk=election.pk).title == "Выборы правления"

        saved = client.post(
            reverse("voting:edit", args=[election.pk]),
            {**data, "opens_at": "2026-03-11T10:00", "closes_at": "2026-03-12T18:00"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert saved.status_code == 302 and saved["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(saved) == ["The vote's details are saved."]
    election.refresh_from_db()
    assert (election.title, election.quorum) == ("Выборы правления на 2027 год", 60)
    assert (election.opens_at, election.closes_at) == (
        datetime.datetime(2026, 3, 11, 10, tzinfo=ALMATY),
        datetime.datetime(2026, 3, 12, 18, tzinfo=ALMATY),
    )
    assert election.history.first().history_user == world.administrator


def test_a_draft_whose_opening_has_passed_gets_new_times(client):
    """A draft left until after its opening time: the page still offers its details, and new times from now on
    are saved (the opening that passed is what most needs changing)."""
    world = prepared(voters=3)  # opened an hour ago, still a draft
    election = world.election
    client.force_login(world.administrator)
    url = reverse("voting:edit", args=[election.pk])
    assert url in client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "title": "Выборы правления",
        "quorum": "50",
        "loaded": form.context["form"].initial["loaded"],
        "opens_at": f"{timezone.localtime() + datetime.timedelta(hours=3):%Y-%m-%dT%H:%M}",
        "closes_at": f"{timezone.localtime() + datetime.timedelta(days=3):%Y-%m-%dT%H:%M}",
    }
    assert client.post(url, data).status_code == 302
    election.refresh_from_db()
    assert election.opens_at > timezone.now()


def test_a_save_from_a_second_tab_does_not_undo_the_first_and_keeps_what_was_typed(client):
    """Two tabs on the same draft's details: the first saves new times; the second, loaded before, is refused with
    the details as they now read and what was typed kept; sent again from that page, it replaces them."""
    world = prepared(voters=3, opens_in_hours=2)
    election = world.election
    client.force_login(world.administrator)
    url = reverse("voting:edit", args=[election.pk])
    loaded = client.get(url).context["form"].initial["loaded"]
    with time_machine.travel(NOW, tick=False):
        first = {"title": "Выборы правления", "opens_at": "2026-03-11T10:00", "closes_at": "2026-03-12T18:00"}
        assert client.post(url, {**first, "quorum": "50", "loaded": loaded}).status_code == 302
        second = {"title": "Выборы ревизора", "opens_at": "2026-03-15T10:00", "closes_at": "2026-03-16T18:00"}
        stale = client.post(url, {**second, "quorum": "50", "loaded": loaded}, HTTP_ACCEPT_LANGUAGE="en")
        assert stale.status_code == 400
        page = stale.content.decode()
        assert (
            "The vote&#x27;s details were changed in another tab after you opened this page; they now read: "
            "“Выборы правления”, March 11, 2026, 10 a.m. – March 12, 2026, 6 p.m."
        ) in page
        assert 'value="Выборы ревизора"' in page
        assert Election.objects.get(pk=election.pk).title == "Выборы правления"

        again = stale.context["form"]["loaded"].value()
        assert client.post(url, {**second, "quorum": "50", "loaded": again}).status_code == 302
    assert Election.objects.get(pk=election.pk).title == "Выборы ревизора"


def test_the_details_no_longer_change_once_the_setup_is_frozen_or_voting_opened(client):
    """Frozen, the edit is refused by the service (code "frozen") and its page, opened from a tab left open or the
    back button, leads back to the vote with the reason; open, the reason says voting has opened."""
    world = with_keys(prepared(voters=3, trustees=2, opens_in_hours=2))
    election = world.election
    times = {"opens_at": election.opens_at, "closes_at": election.closes_at}
    with pytest.raises(DomainError) as frozen:
        services.election_edit(by=world.administrator, election=election, title="Другое", **times)
    assert frozen.value.code == "frozen"
    assert str(frozen.value) == (
        "The setup is frozen: the title and the quorum no longer change. The voting times still change until "
        "voting opens."
    )

    client.force_login(world.administrator)
    url = reverse("voting:edit", args=[election.pk])
    for sent in (
        client.get(url, HTTP_ACCEPT_LANGUAGE="en"),
        client.post(url, {"title": "Другое"}, HTTP_ACCEPT_LANGUAGE="en"),
    ):
        assert sent.status_code == 302 and sent["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(sent)[-1] == (
        "The setup is frozen: the title and the quorum no longer change. The voting times still change until "
        "voting opens."
    )
    page = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    assert url not in page

    opened(world)
    with translation.override("en"), pytest.raises(DomainError) as open_:
        services.election_edit(by=world.administrator, election=world.election, title="Другое", **times)
    assert str(open_.value) == "Voting has opened: its title, times and quorum no longer change."
    assert Election.objects.get(pk=election.pk).title == "Выборы правления"


def test_a_draft_whose_closing_time_passed_is_not_frozen_and_the_page_says_to_change_the_times(client):
    """A draft left until after its closing time: freezing it would set the trustees to work on a vote no one can
    vote in. Refused with the closing time, the time now and what to do; the page says so in place of the form."""
    world = prepared(voters=3, trustees=2)
    closes = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=ALMATY)
    Election.objects.filter(pk=world.election.pk).update(
        opens_at=closes - datetime.timedelta(days=1), closes_at=closes
    )
    world.election.refresh_from_db()
    reason = (
        "The closing time has passed (closing: March 10, 2026, 9 a.m.; now, in Almaty time: March 10, 2026, "
        "9:05 a.m.). Change the voting times, then freeze the setup."
    )
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(DomainError) as refused:
            services.freeze(by=world.administrator, election=world.election)
        assert (refused.value.code, str(refused.value)) == ("closes_past", reason)
        client.force_login(world.administrator)
        page = client.get(reverse("voting:vote", args=[world.election.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert reason in page.content.decode() and reverse("voting:freeze", args=[world.election.pk]) not in (
        page.content.decode()
    )
    assert Election.objects.get(pk=world.election.pk).status == Election.Status.DRAFT


def test_credentials_are_not_sent_once_the_closing_time_has_passed(client):
    """The trustees took their key steps until after the closing time: sending the credentials would open a vote
    already shut. Refused, the vote still waiting for its credentials, no e-mail sent; the credential authority's
    page gives the reason in place of the form."""
    world = with_keys(prepared(voters=3, trustees=2))
    closes = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=ALMATY)
    Election.objects.filter(pk=world.election.pk).update(closes_at=closes)
    world.election.refresh_from_db()
    with time_machine.travel(NOW, tick=False):
        assert not VOTE.check(world.election, "open", world.authority)
        with pytest.raises(DomainError) as refused:
            services.credentials_send(by=world.authority, election=world.election)
        client.force_login(world.authority)
        page = client.get(reverse("voting:vote", args=[world.election.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.value.code == "closes_past"
    assert str(refused.value) == (
        "The closing time has passed (closing: March 10, 2026, 9 a.m.; now, in Almaty time: March 10, 2026, "
        "9:05 a.m.): the vote cannot open. The administrator can set new voting times."
    )
    assert html.escape(str(refused.value)) in page.content.decode()
    assert reverse("voting:credentials", args=[world.election.pk]) not in page.content.decode()
    world.election.refresh_from_db()
    assert world.election.status == Election.Status.CREDENTIALS and not world.election.public_creds


def test_credentials_sent_after_the_opening_time_open_the_vote_from_that_moment():
    """The trustees finished their key steps after the opening time set: the vote opens when its credentials are
    sent, and its pages say so instead of an opening when no one could vote yet. Sent before, the time set stands."""
    late = with_keys(prepared(voters=3, trustees=2))  # set to open an hour ago
    opened(late)
    late.election.refresh_from_db()
    assert late.election.opens_at == late.election.credentials_sent_at
    assert late.election.history.first().opens_at == late.election.credentials_sent_at

    early = with_keys(prepared(voters=3, trustees=2, opens_in_hours=2))
    set_for = early.election.opens_at
    opened(early)
    early.election.refresh_from_db()
    assert early.election.opens_at == set_for > early.election.credentials_sent_at
