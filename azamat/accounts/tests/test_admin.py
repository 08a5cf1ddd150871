"""Platform roles granted in the admin go through the role service: a platform administrator becomes staff,
and stops being when the role is taken away; Django's groups are not a second way to grant rights."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.accounts.models import PlatformRole
from azamat.core.tests.admin_forms import change_form_data
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, dana):
    """Dana, a platform administrator, signed in to the admin."""
    client.force_login(dana)
    return client


def test_granting_the_platform_admin_role_in_the_admin_makes_the_person_staff(admin_client, carol, dana):
    response = admin_client.post(
        reverse("admin:accounts_platformrole_add"),
        {"user": carol.pk, "role": PlatformRole.Role.PLATFORM_ADMIN, "body": ""},
        **EN,
    )

    assert response.status_code == 302
    carol.refresh_from_db()
    grant = carol.platform_roles.get()
    assert (carol.is_staff, grant.role, grant.granted_by) == (True, "platform_admin", dana)
    assert carol.history.latest().history_user == dana  # the change of staff status is on the record too


def test_granting_it_on_the_person_s_page_makes_them_staff_too(admin_client, carol):
    url = reverse("admin:accounts_user_change", args=[carol.pk])
    data = change_form_data(admin_client, url)
    data.update(
        {
            "platform_roles-TOTAL_FORMS": "1",
            "platform_roles-0-user": carol.pk,
            "platform_roles-0-role": PlatformRole.Role.PLATFORM_ADMIN,
        }
    )

    response = admin_client.post(url, data, **EN)

    assert response.status_code == 302, response.context["adminform"].form.errors
    carol.refresh_from_db()
    assert (carol.is_staff, list(carol.platform_roles.values_list("role", flat=True))) == (
        True,
        ["platform_admin"],
    )


def test_revoking_the_last_staff_role_in_the_admin_ends_staff_status(admin_client, dana):
    erlan = UserFactory(is_staff=True)
    grant = PlatformRoleFactory(user=erlan, role=PlatformRole.Role.PLATFORM_ADMIN)
    PlatformRoleFactory(user=erlan, role=PlatformRole.Role.EXPERT)

    response = admin_client.post(
        reverse("admin:accounts_platformrole_delete", args=[grant.pk]), {"post": "yes"}, **EN
    )

    assert response.status_code == 302
    erlan.refresh_from_db()
    assert (erlan.is_staff, list(erlan.platform_roles.values_list("role", flat=True))) == (False, ["expert"])


def test_changing_a_role_away_from_platform_admin_ends_staff_status_but_a_superuser_stays(admin_client):
    erlan = UserFactory(is_staff=True)
    root = UserFactory(is_staff=True, is_superuser=True)
    grants = [PlatformRoleFactory(user=u, role=PlatformRole.Role.PLATFORM_ADMIN) for u in (erlan, root)]

    for grant in grants:
        url = reverse("admin:accounts_platformrole_change", args=[grant.pk])
        response = admin_client.post(
            url, {"user": grant.user_id, "role": PlatformRole.Role.MONITOR, "body": ""}, **EN
        )
        assert response.status_code == 302

    erlan.refresh_from_db()
    root.refresh_from_db()
    assert (erlan.is_staff, root.is_staff) == (False, True)


def test_an_invalid_role_is_refused_with_its_message_and_nothing_changes(admin_client, carol):
    response = admin_client.post(
        reverse("admin:accounts_platformrole_add"),
        {"user": carol.pk, "role": PlatformRole.Role.GOVERNMENT_OFFICER, "body": ""},
        **EN,
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == [
        "A government body officer must be attached to a body."
    ]
    assert not carol.platform_roles.exists()


def test_the_person_s_page_offers_no_groups_to_grant_rights_around_the_roles(admin_client, carol):
    form = (
        admin_client.get(reverse("admin:accounts_user_change", args=[carol.pk]), **EN)
        .context["adminform"]
        .form
    )
    assert "groups" not in form.fields
    assert "user_permissions" not in form.fields
