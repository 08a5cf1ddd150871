"""The history of an organisation holds its people's changes too: who made whom an administrator, who invited whom
and withdrew it, who was removed, and by whom, in the page's language."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from azamat.registry.models import Membership

pytestmark = pytest.mark.django_db


def _client(user, language="en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _rows(html: str) -> list[str]:
    """The history's rows as text, tags dropped."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("<tr>")[1:]]


def test_an_administrator_sees_who_changed_whose_role_invited_and_removed_whom(ngo, alice, bob):
    admin = _client(alice)
    members = reverse("registry:organisation_members", args=[ngo.bin])
    bob_place = Membership.objects.get(user=bob, organisation=ngo)
    admin.post(members, {"action": "make_admin", "membership": bob_place.pk})
    admin.post(members, {"action": "invite", "email": "Dana@Example.kz ", "role": "member"})
    invitation = ngo.invitations.get()
    admin.post(members, {"action": "withdraw_invitation", "invitation": invitation.pk})
    admin.post(members, {"action": "remove", "membership": bob_place.pk})

    rows = _rows(admin.get(reverse("registry:organisation_history", args=[ngo.bin])).content.decode())

    # Newest first, each with who did it.
    people_rows = [row for row in rows if "Бауыржан Ахметов" in row or "dana@example.kz" in row]
    assert [row.split(" Алия Нурланова ", 1)[1] for row in people_rows[:4]] == [
        "Membership of Бауыржан Ахметов · Deleted",
        "Invitation to dana@example.kz · Deleted",
        "Invitation to dana@example.kz · Created role : Member",
        "Membership of Бауыржан Ахметов · Changed role : Member → Administrator",
    ]


def test_a_person_who_joined_is_shown_with_their_role_and_no_arrow_from_nothing(ngo, alice):
    page = _client(alice).get(reverse("registry:organisation_history", args=[ngo.bin])).content.decode()
    [row] = [row for row in _rows(page) if "Membership of Алия Нурланова" in row]
    assert row.endswith("Membership of Алия Нурланова · Created role : Administrator status : Active")


def test_the_people_changes_are_in_the_pages_language(ngo, alice, bob):
    bob_place = Membership.objects.get(user=bob, organisation=ngo)
    admin = _client(alice, "ru")
    admin.post(
        reverse("registry:organisation_members", args=[ngo.bin]),
        {"action": "make_admin", "membership": bob_place.pk},
    )
    page = admin.get(reverse("registry:organisation_history", args=[ngo.bin])).content.decode()
    assert "Member → Administrator" not in page
    assert "Участник → Администратор" in page


def test_a_member_does_not_read_the_history(ngo, alice, bob):
    response = _client(bob).get(reverse("registry:organisation_history", args=[ngo.bin]))
    assert response.status_code == 403
