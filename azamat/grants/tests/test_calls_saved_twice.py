"""The operator presses Save twice on a call or a direction (a double tap, a second press on a slow line): the
second send carries what the first stored, so it is the same save and answers as one ("The call is saved."); before,
it was refused as "saved in another tab". A different text from an older tab is still refused (core.edits)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from azamat.core import edits
from azamat.grants.factories import CallFactory, DirectionFactory
from azamat.grants.models import Call, Direction
from azamat.grants.tests.test_call_texts import KK, MONDAY, RU, _call_form, reader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


def _twice(client, url, data):
    """The same form sent twice, a moment apart (the clock stands still otherwise: both saves at one instant)."""
    with time_machine.travel(MONDAY + datetime.timedelta(minutes=1), tick=False):
        first = client.post(url, data)
    with time_machine.travel(MONDAY + datetime.timedelta(minutes=1, seconds=2), tick=False):
        return first, client.post(url, data)


def test_a_call_saved_twice_is_saved_once_and_another_text_still_refused(operator):
    call = CallFactory(code="youth", published=False, description_kk=KK)
    client = reader("en", operator)
    url = reverse("grants:call_edit", args=["youth"])
    data = _call_form(description_ru=RU, loaded_at=client.get(url).context["form"].initial["loaded_at"])
    del data["code"]
    saves = call.history.count()
    first, second = _twice(client, url, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert call.history.count() == saves + 1
    assert "The call is saved." in client.get(second["Location"]).content.decode()
    response = client.post(url, {**data, "description_ru": "Второй вариант"})
    assert response.status_code == 400 and str(edits.MESSAGE_OWN).split(":")[0] in response.content.decode()
    assert Call.objects.get(code="youth").description_ru == RU


def test_a_direction_saved_twice_is_saved_once(operator):
    direction = DirectionFactory(call__code="youth", call__published=False, description_ru="Старый текст")
    client = reader("en", operator)
    url = reverse("grants:direction_edit", args=["youth", direction.pk])
    loaded_at = client.get(url).context["form"].initial["loaded_at"]
    data = {
        "title_kk": "Жастар",
        "title_ru": "Молодёжь",
        "description_ru": RU,
        "budget": "60 000 000",
        "planned_grants": "6",
        "loaded_at": loaded_at,
    }
    saves = direction.history.count()
    first, second = _twice(client, url, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert direction.history.count() == saves + 1
    assert Direction.objects.get(pk=direction.pk).description_ru == RU
