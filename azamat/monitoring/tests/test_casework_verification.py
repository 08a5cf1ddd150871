"""An event's verification as people use it: a verifier starts and verifies with a grade; every refusal — no
source, no act, no grade, the verifier who entered it, a monitor, a "not confirmed" without a note, no
confirmation — is shown as a message in the user's language and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.monitoring.models import Act, Event, ReadLog
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    return OrganisationFactory(name_ru="Бюро по правам человека")


@pytest.fixture
def people(org):
    return mf.team(org)


def _url(event):
    return reverse("monitoring:event_verification", args=[event.pk])


def _post(client, event, step, **fields):
    data = {"step": step, **{f"{step}-{name}": value for name, value in fields.items()}}
    return client.post(_url(event), data, **EN)


def _status(event):
    return Event.objects.get(pk=event.pk).status


def test_a_verifier_starts_and_verifies_with_a_grade(client, org, people):
    event = mf.event(org, by=people["monitor"])
    client.force_login(people["verifier"])

    page = client.get(_url(event), **EN)
    assert page.status_code == 200
    body = page.content.decode()
    assert event.number in body and "B — usually reliable" in body  # the source and its reliability
    assert "Start verification" in body
    assert ReadLog.objects.filter(user=people["verifier"], record_type="event", record_id=event.pk).exists()

    started = _post(client, event, "start")
    assert started.status_code == 302
    assert _status(event) == "verifying"

    page = client.get(_url(event), **EN).content.decode()
    assert "At least one source" in page and "At least one act: who did what to whom" in page
    assert "Grade the record&#x27;s reliability before verifying it." in page  # the grade is still to give

    verified = _post(
        client, event, "verify", reliability="high", confirm="on", note="Два независимых свидетеля."
    )
    assert verified.status_code == 302
    event.refresh_from_db()
    assert event.status == "verified" and event.reliability == "high"
    assert event.verified_by == people["verifier"] and event.verified_at is not None
    assert event.verification_note == "Два независимых свидетеля."
    assert event.history.first().history_user == people["verifier"]
    # The sealed note is not copied into the history's plain-text reason.
    assert "свидетел" not in (event.history.first().history_change_reason or "")
    shown = client.get(_url(event), **EN).content.decode()
    assert "Verified" in shown and "Verify again" in shown


@pytest.mark.parametrize(
    ("setup", "fields", "message"),
    [
        (
            "no_source",
            {"reliability": "high", "confirm": "on"},
            "Add at least one source before verifying: a record is verified from its sources.",
        ),
        (
            "no_acts",
            {"reliability": "high", "confirm": "on"},
            "Describe at least one act (who did what to whom) before verifying.",
        ),
        ("no_grade", {"confirm": "on"}, "Grade the record&#x27;s reliability before verifying it."),
        (
            "not_confirmed",
            {"reliability": "medium"},
            "Tick the box to confirm you have read what this step does.",
        ),
    ],
)
def test_verifying_is_refused_with_the_reason_and_nothing_changes(
    client, org, people, setup, fields, message
):
    event = mf.event(org, by=people["monitor"], status="verifying", with_source=setup != "no_source")
    if setup == "no_acts":
        Act.objects.filter(event=event).delete()
    client.force_login(people["verifier"])
    response = _post(client, event, "verify", **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.status == "verifying" and event.verified_by is None and event.reliability == ""


def test_the_verifier_who_entered_the_record_cannot_verify_it(client, org, people):
    event = mf.event(org, by=people["verifier"], status="verifying")
    client.force_login(people["verifier"])
    page = client.get(_url(event), **EN).content.decode()
    assert "A record is verified by someone other than who entered it." in page
    response = _post(client, event, "verify", reliability="high", confirm="on")
    assert response.status_code == 400
    assert "A record is verified by someone other than who entered it." in response.content.decode()
    assert _status(event) == "verifying"


def test_a_monitor_cannot_verify_the_record_they_entered(client, org, people):
    event = mf.event(org, by=people["monitor"], status="verifying")
    client.force_login(people["monitor"])
    page = client.get(_url(event), **EN)
    assert page.status_code == 200  # they see where it stands, and why they cannot act
    assert "Only the organisation&#x27;s verifiers verify records." in page.content.decode()
    for step, fields in (("verify", {"reliability": "high", "confirm": "on"}), ("reject", {"note": "Дубль"})):
        response = _post(client, event, step, **fields)
        assert response.status_code == 400
        assert "Only the organisation&#x27;s verifiers verify records." in response.content.decode()
    assert _status(event) == "verifying"


def test_not_confirmed_needs_a_note_and_a_confirmation(client, org, people):
    event = mf.event(org, by=people["monitor"], status="verifying")
    client.force_login(people["verifier"])
    response = _post(client, event, "not_confirm", confirm="on", note="  ")
    assert response.status_code == 400
    assert "Write a note saying why: this step is kept with its reason." in response.content.decode()
    assert _status(event) == "verifying"

    done = _post(client, event, "not_confirm", confirm="on", note="Источник не подтвердил.")
    assert done.status_code == 302
    event.refresh_from_db()
    assert event.status == "not_confirmed" and event.verification_note == "Источник не подтвердил."

    reopened = _post(client, event, "reopen", note="Новые свидетели.")
    assert reopened.status_code == 302
    assert _status(event) == "verifying"


def test_a_step_not_possible_in_the_state_and_no_step_are_refused(client, org, people):
    event = mf.event(org, by=people["monitor"])  # received: verifying is not a step from here
    client.force_login(people["verifier"])
    response = _post(client, event, "verify", reliability="high", confirm="on")
    assert response.status_code == 400
    assert "is not possible while the record is" in response.content.decode()
    nothing = client.post(_url(event), {}, **EN)
    assert nothing.status_code == 400
    assert "Choose one of the steps offered below." in nothing.content.decode()
    assert _status(event) == "received"


def test_a_stranger_is_refused_and_the_refusal_logged(client, org, people):
    event = mf.event(org, by=people["monitor"])
    other = OrganisationFactory()
    stranger = mf.grant(mf.team(other)["verifier"], other, "verifier")
    client.force_login(stranger)
    assert client.get(_url(event), **EN).status_code == 403
    assert client.post(_url(event), {"step": "start"}, **EN).status_code == 403
    assert _status(event) == "received"
    assert ReadLog.objects.filter(user=stranger, action="refused", record_id=event.pk).count() == 2


def test_a_role_holder_without_two_factor_is_sent_to_set_it_up(client, org):
    from azamat.testing.factories import UserFactory

    person = mf.grant(UserFactory(), org, "verifier", with_two_factor=False)
    event = mf.event(org)
    client.force_login(person)
    response = client.get(_url(event), **EN)
    assert response.status_code == 302 and reverse("mfa_activate_totp") in response["Location"]


def test_a_step_from_a_page_left_open_while_another_was_taken_is_refused_with_the_note_to_copy(
    client, org, people
):
    """Walking the demo: one verifier verified the record while another, on the page opened before, wrote why it
    should be rejected; the rejection was refused and the note vanished with the form. Now the page says the
    record moved on and gives the note back."""
    event = mf.event(org, by=people["monitor"], status="verifying", reliability="high")
    colleague = mf.grant(UserFactory(), org, "verifier")
    client.force_login(people["verifier"])
    page = client.get(_url(event), **EN).content.decode()
    assert 'name="seen" value="verifying"' in page
    client.force_login(colleague)
    assert _post(client, event, "verify", reliability="high", confirm="on").status_code == 302

    client.force_login(people["verifier"])
    note = "Свидетель отказался от показаний:\nзапись не подтверждается."
    refused = client.post(
        _url(event),
        {"step": "reject", "seen": "verifying", "reject-note": note, "reject-confirm": "on"},
        **EN,
    )

    assert refused.status_code == 400
    body = refused.content.decode()
    assert (
        "The record became “Verified” while this page was open: see where it stands below before taking a step."
        in body
    )
    assert "Not saved; what you typed is here to copy:" in body
    assert "Свидетель отказался от показаний:<br>запись не подтверждается." in body
    assert _status(event) == "verified"


def test_a_step_refused_for_the_state_gives_its_note_back_even_without_the_pages_state(client, org, people):
    """An older page, without the state it showed: the step's refusal stands, and its note is still given back."""
    event = mf.event(org, by=people["monitor"], status="rejected")
    client.force_login(people["verifier"])
    refused = _post(client, event, "not_confirm", note="Источник не ответил.", confirm="on")
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "is not possible while the record is" in body and "Источник не ответил." in body
    assert _status(event) == "rejected"


def test_a_step_still_possible_after_the_record_moved_on_comes_back_as_typed_to_confirm_again(
    client, org, people
):
    """Another verifier started the verification while this one wrote why the record should be rejected: a
    rejection is still possible, so its form comes back with the note, the confirmation to be given again."""
    event = mf.event(org, by=people["monitor"])
    colleague = mf.grant(UserFactory(), org, "verifier")
    client.force_login(colleague)
    assert _post(client, event, "start").status_code == 302
    client.force_login(people["verifier"])
    refused = client.post(
        _url(event),
        {
            "step": "reject",
            "seen": "received",
            "reject-note": "Дубликат M-2026-000001.",
            "reject-confirm": "on",
        },
        **EN,
    )
    assert refused.status_code == 400
    assert "The record became “Under verification”" in refused.content.decode()
    step = next(s for s in refused.context["steps"] if s["name"] == "reject")
    assert step["form"]["note"].value() == "Дубликат M-2026-000001." and not step["form"]["confirm"].value()
    assert _status(event) == "verifying"
