"""A token made twice under one name (a double tap, the form sent again from Back or a refresh): the second is
refused on its name field, nothing is made, and no key is shown again."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from azamat.accounts.api_tokens import api_token_create, api_token_revoke
from azamat.accounts.models import ApiToken
from azamat.core.errors import DomainError

pytestmark = pytest.mark.django_db

TAKEN = (
    "You already have an active token named “CRM”. Give this one another name; if you did not copy that "
    "token's key, revoke it and make a new one."
)


def _make(client, name="CRM"):
    response = client.post(
        reverse("accounts:token_create"), {"name": name, "lifetime_days": "30"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    return response, response.content.decode()


def test_the_same_name_sent_twice_makes_one_token_and_the_second_answer_says_why(client, alice):
    client.force_login(alice)
    first, first_page = _make(client)
    assert first.status_code == 200 and 'id="new-token"' in first_page

    second, page = _make(client)

    assert second.status_code == 400
    assert "no-store" in second["Cache-Control"]
    assert TAKEN.replace("'", "&#x27;") in page
    assert 'id="new-token"' not in page  # the first key is not shown again, nor a second one made
    assert ApiToken.objects.filter(user=alice).count() == 1


def test_the_service_refuses_an_active_name_again_whatever_its_case_and_spaces(alice):
    api_token_create(user=alice, name="CRM", lifetime_days=30)
    with pytest.raises(DomainError) as refused:
        api_token_create(user=alice, name="  crm ", lifetime_days=90)
    assert (refused.value.code, refused.value.field, str(refused.value)) == (
        "token_name_taken",
        "name",
        TAKEN,
    )
    assert list(ApiToken.objects.filter(user=alice).values_list("name", flat=True)) == ["CRM"]


def test_a_revoked_or_expired_tokens_name_can_be_used_again(alice):
    old, _key = api_token_create(user=alice, name="CRM", lifetime_days=7)
    api_token_revoke(token=old, by=alice)
    renewed, _key = api_token_create(user=alice, name="CRM", lifetime_days=7)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        again, _key = api_token_create(user=alice, name="CRM", lifetime_days=30)
    assert ApiToken.objects.filter(user=alice, name="CRM").count() == 3
    assert renewed.pk != again.pk


def test_another_person_may_name_a_token_the_same(alice, bob):
    api_token_create(user=alice, name="CRM", lifetime_days=30)
    api_token_create(user=bob, name="CRM", lifetime_days=30)
    assert ApiToken.objects.filter(name="CRM").count() == 2
