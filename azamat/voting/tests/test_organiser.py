"""What a council's secretary hits off the vote's happy path, as its organiser:

- a frozen vote whose closing time passed before it opened (the trustees were slow, the secretary was away) was
  stuck: the credentials could not be sent, and nothing could re-time it or remove it. Belenios' election parameters
  hold no time (the template is a name, a description and the questions; the archive is made at the opening), so
  its times change after the freezing, until it opens: only its times, judged as a new vote's, in its history;
- a draft made by mistake is deleted by its administrator, after a confirmation page, never by a GET; a frozen vote
  is not, and a tab left open on the confirmation says why;
- a roll of one or two people could be frozen: the published totals, less one's own ballot, are the other's.
  Freezing needs `lifecycle.MIN_ROLL` voters, the refusal naming the count in the person's language."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.testing.factories import UserFactory
from azamat.testing.voting_factories import opened, prepared, with_keys
from azamat.voting import lifecycle, services
from azamat.voting.lifecycle import VOTE
from azamat.voting.models import Candidate, Election, Question, Trustee, Voter

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
# 10 March 2026, 9:05:30 in Almaty (UTC+5).
NOW = datetime.datetime(2026, 3, 10, 9, 5, 30, tzinfo=ALMATY)
LAPSED = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=ALMATY)  # the closing time set, five minutes ago


@pytest.fixture(autouse=True)
def _english():
    """The services' messages read in English (the pages ask for their language with Accept-Language)."""
    with translation.override("en"):
        yield


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _lapsed(world, state=Election.Status.CREDENTIALS):
    """A frozen vote, its keys made (or, `KEYS`, still being made), whose closing time passed five minutes ago."""
    if state == Election.Status.KEYS:
        services.freeze(by=world.administrator, election=world.election)
    else:
        with_keys(world)
    Election.objects.filter(pk=world.election.pk).update(
        opens_at=LAPSED - datetime.timedelta(days=1), closes_at=LAPSED
    )
    world.election.refresh_from_db()
    assert world.election.status == state
    return world


def _new_times(**change):
    return {
        "opens_at": NOW + datetime.timedelta(hours=1),
        "closes_at": NOW + datetime.timedelta(days=3),
        **change,
    }


def _form(times: dict) -> dict:
    return {name: moment.astimezone(ALMATY).strftime("%Y-%m-%dT%H:%M") for name, moment in times.items()}


# — 1. a frozen vote whose times lapsed gets new ones —


@time_machine.travel(NOW, tick=False)
def test_a_frozen_vote_whose_closing_passed_gets_new_times_and_then_opens(django_capture_on_commit_callbacks):
    """The credentials could not be sent (the closing time passed); the administrator sets new times, nothing else
    changes, the history says who did it and what the times were, and the credential authority sends them."""
    world = _lapsed(prepared())
    election = world.election
    with pytest.raises(DomainError) as stuck:
        services.credentials_send(by=world.authority, election=election)
    assert stuck.value.code == "closes_past"
    assert "set new voting times" in str(stuck.value)

    parameters = (
        election.uuid,
        election.election_json,
        election.trustees_json,
        election.title,
        election.quorum,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.election_retime(by=world.administrator, election=election, **_new_times())
    # The authority and the trustees, who act at those times, are told them; no voter (they learn them with their
    # credential), nor the administrator who set them.
    told = {address for message in mail.outbox for address in message.to}
    assert told == {world.authority.email, *(trustee.email for trustee in world.trustees)}
    to_authority = next(message for message in mail.outbox if message.to == [world.authority.email])
    assert (
        "it opens on March 10, 2026, 10:05 a.m. and closes on March 13, 2026, 9:05 a.m." in to_authority.body
    )
    assert "you send the voters their credentials when it opens" in to_authority.body
    assert "As its trustee" in next(m for m in mail.outbox if world.trustees[0].email in m.to).body
    election.refresh_from_db()
    assert (election.opens_at, election.closes_at) == tuple(_new_times().values())
    assert election.status == Election.Status.CREDENTIALS
    assert (
        election.uuid,
        election.election_json,
        election.trustees_json,
        election.title,
        election.quorum,
    ) == parameters
    last, before = election.history.all()[:2]
    assert (last.history_user, last.history_change_reason) == (world.administrator, "retime")
    assert {change.field for change in last.diff_against(before).changes} == {"opens_at", "closes_at"}

    opened(world)
    assert world.election.status == Election.Status.OPEN
    assert world.election.closes_at == _new_times()["closes_at"]


@time_machine.travel(NOW, tick=False)
def test_the_new_times_reach_the_authority_in_her_language(django_capture_on_commit_callbacks):
    world = _lapsed(prepared())
    world.authority.language = "kk"
    world.authority.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.election_retime(by=world.administrator, election=world.election, **_new_times())
    (to_authority,) = [message for message in mail.outbox if message.to == [world.authority.email]]
    assert "«Выборы правления» дауыс беруінің жаңа уақыты" in to_authority.subject
    assert "жабылуы — 13 наурыз 2026, 09:05" in to_authority.body
    assert "дауыс беру кодтарын беретін тұлғасыз" in to_authority.body


@time_machine.travel(NOW, tick=False)
def test_the_credential_e_mail_gives_the_new_closing_time(django_capture_on_commit_callbacks):
    world = _lapsed(prepared())
    services.election_retime(by=world.administrator, election=world.election, **_new_times())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.credentials_send(by=world.authority, election=world.election)
    assert len(mail.outbox) == 3
    assert "It is open until March 13, 2026, 9:05 a.m. (Almaty time)." in mail.outbox[0].body


@time_machine.travel(NOW, tick=False)
def test_a_vote_whose_trustees_are_still_making_the_key_is_re_timed_and_stays_with_them():
    world = _lapsed(prepared(), Election.Status.KEYS)
    services.election_retime(by=world.administrator, election=world.election, **_new_times())
    world.election.refresh_from_db()
    assert world.election.status == Election.Status.KEYS
    assert world.election.closes_at == _new_times()["closes_at"]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"opens_at": NOW - datetime.timedelta(hours=1)}, "opens_past", "opens_at"),
        ({"closes_at": NOW + datetime.timedelta(minutes=30)}, "dates", "closes_at"),
        ({"closes_at": NOW + datetime.timedelta(days=100)}, "too_long", "closes_at"),
    ],
)
def test_new_times_are_judged_as_a_new_vote_s(change, code, field):
    world = _lapsed(prepared())
    with pytest.raises(DomainError) as refused:
        services.election_retime(by=world.administrator, election=world.election, **_new_times(**change))
    assert (refused.value.code, refused.value.field) == (code, field)
    assert Election.objects.get(pk=world.election.pk).closes_at == LAPSED


@time_machine.travel(NOW, tick=False)
def test_only_the_administrator_re_times_and_only_a_frozen_vote_not_yet_open():
    world = _lapsed(prepared())
    for someone in (world.authority, world.trustees[0], world.voters[0], UserFactory()):
        with pytest.raises(DomainError) as refused:
            services.election_retime(by=someone, election=world.election, **_new_times())
        assert refused.value.code == "not_administrator"

    draft = prepared()
    with pytest.raises(DomainError) as being_prepared:
        services.election_retime(by=draft.administrator, election=draft.election, **_new_times())
    assert str(being_prepared.value) == (
        "The vote is being prepared: change its times with its title and quorum (Change the title, times or "
        "quorum)."
    )

    services.election_retime(by=world.administrator, election=world.election, **_new_times())
    opened(world)
    with pytest.raises(DomainError) as open_:
        services.election_retime(
            by=world.administrator,
            election=world.election,
            **_new_times(closes_at=NOW + datetime.timedelta(days=5)),
        )
    assert str(open_.value) == "Voting has opened: its title, times and quorum no longer change."
    assert Election.objects.get(pk=world.election.pk).closes_at == _new_times()["closes_at"]


@time_machine.travel(NOW, tick=False)
def test_the_pages_lead_the_administrator_to_new_times_and_the_authority_then_sends(client):
    """The administrator's page says the closing time passed and leads to the times' page, which has the times
    alone; saved, the vote's page says so and the credential authority's page offers to send."""
    world = _lapsed(prepared())
    election = world.election
    url = reverse("voting:retime", args=[election.pk])
    client.force_login(world.authority)
    waiting = client.get(
        reverse("voting:vote", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert reverse("voting:credentials", args=[election.pk]) not in waiting
    assert "The administrator can set new voting times." in html.unescape(waiting)

    client.force_login(world.administrator)
    page = client.get(reverse("voting:vote", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert url in page
    assert (
        "The closing time has passed: the vote cannot open until it has new voting times."
        in html.unescape(page)
    )
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200
    fields = set(form.context["form"].fields)
    assert fields == {"opens_at", "closes_at", "loaded"}

    wrong = client.post(
        url,
        {**_form(_new_times(opens_at=NOW - datetime.timedelta(hours=2))), "title": "X"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert wrong.status_code == 400
    assert "Voting cannot open at a moment already past" in wrong.content.decode()

    loaded = form.context["form"]["loaded"].value()
    saved = client.post(
        url, {**_form(_new_times()), "loaded": loaded, "title": "Другое"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert saved.status_code == 302 and saved["Location"] == reverse("voting:vote", args=[election.pk])
    assert _said(saved)[-1] == (
        "The voting times are changed: March 10, 2026, 10:05 a.m. – March 13, 2026, 9:05 a.m. (Almaty time)."
    )
    election.refresh_from_db()
    assert election.title == "Выборы правления" and election.closes_at == _form_moment(
        _new_times()["closes_at"]
    )

    client.force_login(world.authority)
    ready = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    assert reverse("voting:credentials", args=[election.pk]) in ready


def _form_moment(moment):
    """A moment as the form's minutes read it back."""
    return moment.replace(second=0, microsecond=0)


@time_machine.travel(NOW, tick=False)
def test_new_times_from_a_tab_left_open_after_the_vote_opened_are_refused_with_the_reason(client):
    world = _lapsed(prepared())
    election = world.election
    services.election_retime(by=world.administrator, election=election, **_new_times())
    client.force_login(world.administrator)
    url = reverse("voting:retime", args=[election.pk])
    loaded = client.get(url).context["form"]["loaded"].value()
    opened(world)
    for sent in (
        client.post(
            url,
            {**_form(_new_times(closes_at=NOW + datetime.timedelta(days=5))), "loaded": loaded},
            HTTP_ACCEPT_LANGUAGE="en",
        ),
        client.get(url, HTTP_ACCEPT_LANGUAGE="en"),
    ):
        assert sent.status_code == 302 and sent["Location"] == reverse("voting:vote", args=[election.pk])
        assert _said(sent)[-1] == "Voting has opened: its title, times and quorum no longer change."
    assert Election.objects.get(pk=election.pk).closes_at == _new_times()["closes_at"]


@time_machine.travel(NOW, tick=False)
def test_new_times_saved_meanwhile_in_another_tab_are_not_undone(client):
    world = _lapsed(prepared())
    election = world.election
    client.force_login(world.administrator)
    url = reverse("voting:retime", args=[election.pk])
    loaded = client.get(url).context["form"]["loaded"].value()
    first = _new_times(closes_at=NOW + datetime.timedelta(days=4))
    assert client.post(url, {**_form(first), "loaded": loaded}).status_code == 302
    stale = client.post(url, {**_form(_new_times()), "loaded": loaded}, HTTP_ACCEPT_LANGUAGE="en")
    assert stale.status_code == 400
    assert "The voting times were changed in another tab after you opened this page" in html.unescape(
        stale.content.decode()
    )
    assert Election.objects.get(pk=election.pk).closes_at == _form_moment(first["closes_at"])


def test_a_frozen_vote_s_details_page_says_only_the_times_still_change(client):
    world = with_keys(prepared(opens_in_hours=2))
    client.force_login(world.administrator)
    sent = client.get(reverse("voting:edit", args=[world.election.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert sent.status_code == 302
    assert _said(sent)[-1] == (
        "The setup is frozen: the title and the quorum no longer change. The voting times still change until "
        "voting opens."
    )
    page = client.get(reverse("voting:vote", args=[world.election.pk])).content.decode()
    assert reverse("voting:retime", args=[world.election.pk]) in page


# — 2. a draft made by mistake is deleted —


def test_the_administrator_deletes_a_draft_after_a_confirmation_page_and_the_history_says_who(client):
    world = prepared()
    election = world.election
    client.force_login(world.administrator)
    page = client.get(reverse("voting:vote", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    url = reverse("voting:delete", args=[election.pk])
    assert url in page

    confirm = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert 'method="post"' in body and "Delete the draft “Выборы правления”?" in html.unescape(body)
    assert Election.objects.filter(pk=election.pk).exists()  # a GET deletes nothing

    deleted = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert deleted.status_code == 302 and deleted["Location"] == reverse("voting:mine")
    assert _said(deleted)[-1] == "The draft vote “Выборы правления” is deleted."
    assert not Election.objects.filter(pk=election.pk).exists()
    assert not Question.objects.filter(election_id=election.pk).exists()
    assert not Voter.objects.filter(election_id=election.pk).exists()
    assert not Trustee.objects.filter(election_id=election.pk).exists()
    gone = Election.history.filter(id=election.pk, history_type="-").get()
    assert gone.history_user == world.administrator
    for model in (Question, Candidate, Voter, Trustee):
        removed = model.history.filter(history_type="-")
        assert removed.exists() and set(removed.values_list("history_user", flat=True)) == {
            world.administrator.pk
        }
    listing = client.get(reverse("voting:mine"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The draft vote “Выборы правления” is deleted." in html.unescape(listing)
    assert reverse("voting:vote", args=[election.pk]) not in listing


def test_the_delete_sent_twice_lands_on_the_votes_saying_it_is_deleted_already(client):
    world = prepared()
    client.force_login(world.administrator)
    url = reverse("voting:delete", args=[world.election.pk])
    client.post(url)
    again = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 302 and again["Location"] == reverse("voting:mine")
    assert _said(again)[-1] == "This draft vote is deleted already."
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.post(url).status_code == 404  # only its administrator is told it was there


def test_a_frozen_vote_is_not_deleted_and_a_tab_left_open_is_told_why(client):
    world = prepared()
    election = world.election
    client.force_login(world.administrator)
    url = reverse("voting:delete", args=[election.pk])
    assert client.get(url).status_code == 200  # the confirmation, opened while a draft
    services.freeze(by=world.administrator, election=election)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.election_delete(by=world.administrator, election=election)
    assert refused.value.code == "not_a_draft"
    reason = "Only a vote being prepared is deleted: this one is “Trustees generating the key”. Nothing was deleted."
    assert str(refused.value) == reason
    for sent in (client.post(url, HTTP_ACCEPT_LANGUAGE="en"), client.get(url, HTTP_ACCEPT_LANGUAGE="en")):
        assert sent.status_code == 302 and sent["Location"] == reverse("voting:vote", args=[election.pk])
        assert _said(sent)[-1] == reason
    assert Election.objects.get(pk=election.pk).status == Election.Status.KEYS
    page = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
    assert url not in page


def test_no_one_else_deletes_a_draft(client):
    world = prepared()
    election = world.election
    url = reverse("voting:delete", args=[election.pk])
    for someone in (world.authority, world.trustees[0], world.voters[0]):
        client.force_login(someone)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        page = client.get(reverse("voting:vote", args=[election.pk])).content.decode()
        assert url not in page
    with pytest.raises(DomainError) as refused:
        services.election_delete(by=world.authority, election=election)
    assert refused.value.code == "not_administrator"
    assert Election.objects.filter(pk=election.pk).exists()


def test_the_confirmation_page_reads_in_kazakh_and_russian(client):
    world = prepared()
    client.force_login(world.administrator)
    url = reverse("voting:delete", args=[world.election.pk])
    for language in ("kk", "ru"):
        body = html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
        assert "Delete the draft" not in body and "cannot be undone" not in body
    client.cookies["azamat_language"] = "kk"
    deleted = client.post(url)
    with translation.override("kk"):
        assert _said(deleted) == [
            translation.gettext("The draft vote “%(title)s” is deleted.") % {"title": "Выборы правления"}
        ]
    assert "is deleted" not in _said(deleted)[0]


# — 3. a roll too small to keep the ballot secret is not frozen —


@pytest.mark.parametrize("roll", [1, 2])
def test_a_roll_too_small_for_a_secret_ballot_is_not_frozen(roll):
    world = prepared(voters=roll)
    with pytest.raises(DomainError) as refused:
        services.freeze(by=world.administrator, election=world.election)
    assert refused.value.code == "roll_too_small"
    voters = "voter" if roll == 1 else "voters"
    assert str(refused.value) == (
        f"The roll has {roll} {voters}: a secret vote needs at least {lifecycle.MIN_ROLL}, or the totals would "
        "tell who voted how. Add voters to the roll."
    )
    assert Election.objects.get(pk=world.election.pk).status == Election.Status.DRAFT


def test_the_least_roll_is_frozen():
    world = prepared(voters=lifecycle.MIN_ROLL)
    assert VOTE.check(world.election, "freeze", world.administrator)
    services.freeze(by=world.administrator, election=world.election)
    assert Election.objects.get(pk=world.election.pk).status == Election.Status.KEYS


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_page_names_the_count_in_the_person_s_language(client, language):
    world = prepared(voters=1)
    client.force_login(world.administrator)
    client.cookies["azamat_language"] = language
    page = html.unescape(client.get(reverse("voting:vote", args=[world.election.pk])).content.decode())
    assert reverse("voting:freeze", args=[world.election.pk]) not in page
    with translation.override(language):
        reason = str(VOTE.check(world.election, "freeze", world.administrator).reason)
    assert "The roll has" not in reason and "1" in reason and str(lifecycle.MIN_ROLL) in reason
    assert reason in page
    refused = client.post(reverse("voting:freeze", args=[world.election.pk]), {"confirm": "yes"})
    assert _said(refused) == [reason]


def test_the_least_roll_is_at_least_two():
    assert lifecycle.MIN_ROLL >= 2


# — 4. found walking the organiser's pages at 390 px in Kazakh and Russian —


def test_the_votes_lists_set_each_vote_s_status_apart_from_its_owner(client):
    """The status was a `tag` span no style knew: on a phone it ran on from the owner's name ("… мекемесі Дауыс
    беру"), read as part of it. Both lists now show the owner and the status as the vote's page does, as tags."""
    world = opened(with_keys(prepared()))
    election = world.election
    owner, status = str(election.owner), "Voting"
    client.force_login(world.administrator)
    for url in (reverse("voting:mine"), reverse("voting:public_list")):
        page = html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        assert 'class="tag"' not in page
        assert f'<ul class="tags"><li>{owner}</li><li>{status}</li></ul>' in page
