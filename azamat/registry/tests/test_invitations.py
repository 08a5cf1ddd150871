"""Inviting a person to an organisation by email address, with or without an account yet; their answer; and the
administrators' answers from a tab older than a colleague's."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from azamat.registry.models import Invitation, Membership
from azamat.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user, language="en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _members(ngo) -> str:
    return reverse("registry:organisation_members", args=[ngo.bin])


def _join(ngo) -> str:
    return reverse("registry:organisation_join", args=[ngo.bin])


def test_a_person_without_an_account_is_invited_signs_up_and_joins(
    ngo, alice, django_capture_on_commit_callbacks
):
    admin = _client(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            _members(ngo), {"action": "invite", "email": " Aigerim.N@Example.kz ", "role": "member"}
        )
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.to == ["aigerim.n@example.kz"]
    assert email.subject == f"[Azamat] An invitation to join {ngo.name_ru} on Azamat"
    assert "You have no account on Azamat yet. Sign up with this address, aigerim.n@example.kz" in email.body
    assert "/accounts/signup/" in email.body and ngo.get_absolute_url() in email.body
    page = admin.get(_members(ngo)).content.decode()
    assert "Invitations not answered yet" in page and "aigerim.n@example.kz" in page
    # she signs up with the address, and the invitation waits for her on her workspace and the profile
    person = UserFactory(email="aigerim.n@example.kz", full_name="Әйгерім Нұрғалиқызы")
    her = _client(person)
    workspace = her.get(reverse("accounts:dashboard")).content.decode()
    assert f"An invitation to join {ngo.name_ru}" in workspace
    profile = her.get(ngo.get_absolute_url()).content.decode()
    assert "Алия Нурланова invites you to join this organisation as a member." in profile
    invitation = Invitation.objects.get()
    response = her.post(_join(ngo), {"action": "accept_invitation", "invitation": invitation.pk})
    assert response.status_code == 302
    membership = Membership.objects.get(user=person, organisation=ngo)
    assert (membership.status, membership.role, membership.decided_by) == ("active", "member", alice)
    assert not Invitation.objects.exists()
    assert "You have joined the organisation." in her.get(ngo.get_absolute_url()).content.decode()
    # the same button again, from a tab left open: said, not a failure
    her.post(_join(ngo), {"action": "accept_invitation", "invitation": invitation.pk})
    assert "This invitation is no longer open" in her.get(ngo.get_absolute_url()).content.decode()


def test_a_person_with_an_account_is_written_to_in_their_language_and_may_decline(
    ngo, alice, django_capture_on_commit_callbacks
):
    person = UserFactory(email="daniyar@example.kz", language="kk")
    with django_capture_on_commit_callbacks(execute=True):
        _client(alice, "ru").post(_members(ngo), {"action": "invite", "email": person.email, "role": "admin"})
    [email] = mail.outbox
    # in the language she reads Azamat in, not the sender's Russian: the organisation's Kazakh name
    assert ngo.name_kk in email.subject and ngo.name_kk in email.body and ngo.name_ru not in email.body
    her = _client(person)
    invitation = Invitation.objects.get()
    assert invitation.role == "admin"
    her.post(_join(ngo), {"action": "decline_invitation", "invitation": invitation.pk})
    assert not Invitation.objects.exists()
    assert not Membership.objects.filter(user=person).exists()


def test_inviting_one_of_its_people_is_refused_on_the_form(ngo, alice, bob):
    response = _client(alice).post(
        _members(ngo), {"action": "invite", "email": "BOB@example.kz", "role": "member"}
    )
    assert response.status_code == 400
    assert "bob@example.kz is already one of the organisation&#x27;s people." in response.content.decode()
    assert not Invitation.objects.exists()
    response = _client(alice).post(
        _members(ngo), {"action": "invite", "email": "not an address", "role": "member"}
    )
    assert response.status_code == 400 and "Enter a valid email address." in response.content.decode()


def test_an_invitation_is_answered_only_by_its_address_and_can_be_withdrawn(ngo, alice, carol):
    _client(alice).post(_members(ngo), {"action": "invite", "email": "someone@example.kz", "role": "admin"})
    invitation = Invitation.objects.get()
    stranger = _client(carol)
    stranger.post(_join(ngo), {"action": "accept_invitation", "invitation": invitation.pk})
    page = stranger.get(ngo.get_absolute_url()).content.decode()
    assert "This invitation was sent to someone@example.kz. Sign in with that address to answer it." in page
    assert not Membership.objects.filter(user=carol).exists()
    admin = _client(alice)
    admin.post(_members(ngo), {"action": "withdraw_invitation", "invitation": invitation.pk})
    assert not Invitation.objects.exists()
    admin.post(_members(ngo), {"action": "withdraw_invitation", "invitation": invitation.pk})  # again: said
    assert "This invitation is no longer open" in admin.get(_members(ngo)).content.decode()


def test_a_request_answered_in_another_tab_is_not_answered_again(ngo, alice, carol):
    """A "Decline" left open in a second tab put out a person a colleague had just accepted (and the acceptance
    email went twice); removing someone already removed gave "page not found"."""
    request = MembershipFactory(organisation=ngo, user=carol, status=Membership.Status.PENDING)
    other = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user
    _client(other).post(_members(ngo), {"action": "accept", "membership": request.pk})
    admin = _client(alice)
    admin.post(_members(ngo), {"action": "decline", "membership": request.pk})
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE
    assert (
        "This request is already answered: Камила Омарова is one of the organisation"
        in admin.get(_members(ngo)).content.decode()
    )
    admin.post(_members(ngo), {"action": "remove", "membership": request.pk})
    response = admin.post(_members(ngo), {"action": "remove", "membership": request.pk})
    assert response.status_code == 302
    assert "This person is no longer in the organisation." in admin.get(_members(ngo)).content.decode()


def test_the_people_table_heads_its_names_as_names_not_as_site_users(ngo, alice):
    """The column of the members' names is «ФИО» / «Аты-жөні» — a person, as a table of people names it — not
    «Пользователь» (a user of the site, the word the admin's "Person" takes)."""
    for language, head, wrong in (("ru", "ФИО", "Пользователь"), ("kk", "Аты-жөні", None)):
        page = _client(alice, language).get(_members(ngo)).content.decode()
        assert f'<th scope="col">{head}</th>' in page
        assert wrong is None or f'<th scope="col">{wrong}</th>' not in page
