"""The admin gives a commission seat only as the composition page does: the person's accounts must show the side
they sit for; and a one-stage call gets no commission there either."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.core.tests.admin_forms import change_form_data
from azamat.grants.factories import CallFactory
from azamat.grants.models import Commission, CommissionMember
from azamat.testing.commission import affiliate, commission_call
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, dana):
    client.force_login(dana)
    return client


def _seat(data: dict, index: int, user, side: str) -> dict:
    return {
        **data,
        "members-TOTAL_FORMS": str(index + 1),
        f"members-{index}-user": str(user.pk),
        f"members-{index}-side": side,
        f"members-{index}-commission": data.get("members-0-commission", ""),
    }


def test_the_admin_refuses_a_member_whose_accounts_do_not_show_the_side(admin_client):
    call = commission_call()
    commission = Commission.objects.create(call=call)
    person = UserFactory(full_name="Тимур Касымов")
    url = reverse("admin:grants_commission_change", args=[commission.pk])
    data = change_form_data(admin_client, url)

    response = admin_client.post(url, _seat(data, 0, person, "ngo"), **EN)

    assert response.status_code == 200
    errors = [
        str(e)
        for form in response.context["inline_admin_formsets"][0].formset.forms
        for e in form.errors.get("side", [])
    ]
    assert errors == [
        "Тимур Касымов is not an active member of any NGO registered on Azamat, so cannot represent NGOs."
    ]
    assert not CommissionMember.objects.exists()

    affiliate(person, side="ngo", call=call)
    response = admin_client.post(url, _seat(data, 0, person, "ngo"), **EN)
    assert response.status_code == 302
    member = CommissionMember.objects.get()
    assert (member.user, member.side) == (person, "ngo")

    # Moving the seat to a side the person does not belong to is refused too; the seat stays as it was.
    data = change_form_data(admin_client, url)
    response = admin_client.post(url, {**data, "members-0-side": "government"}, **EN)
    assert response.status_code == 200
    assert "is not an officer of" in html.unescape(response.content.decode())
    member.refresh_from_db()
    assert member.side == "ngo"


def test_the_admin_gives_no_commission_to_a_one_stage_call(admin_client):
    call = CallFactory()  # short-term grants: the operator decides from the experts' ranking
    url = reverse("admin:grants_commission_add")
    response = admin_client.post(
        url,
        {
            "call": str(call.pk),
            "quorum_share": "0.50",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
        },
        **EN,
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["call"] == [
        "This call's grant type is decided by the operator from the experts' ranking; it has no tender "
        "commission."
    ]
    assert not Commission.objects.exists()
