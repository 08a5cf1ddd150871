"""The minutes of a meeting written in two places at once (two secretaries of the council, or one in two tabs): the
later "Save" replaced the earlier minutes without a word, and whatever the first had written was gone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.core import edits
from azamat.councils.models import Meeting
from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return CouncilFactory()


@pytest.fixture
def meeting(council):
    return MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(hours=3))


def _loaded_at(client, meeting) -> str:
    page = client.get(
        reverse("councils:meeting_manage", args=[meeting.council_id, meeting.pk])
    ).content.decode()
    marker = 'name="loaded_at" value="'
    assert marker in page
    return page.split(marker, 1)[1].split('"', 1)[0]


def test_minutes_saved_by_a_colleague_meanwhile_are_not_overwritten(client, council, meeting):
    """Given two secretaries who opened the record at the same time, when the first saves her minutes and the
    second then saves his, his save is refused with the reason, his text is kept in the box, and hers stay; saving
    again (having been told) replaces them."""
    first = CouncilSecretaryFactory(council=council).user
    second = CouncilSecretaryFactory(council=council).user
    url = reverse("councils:minutes_save", args=[council.pk, meeting.pk])
    client.force_login(first)
    her_form = _loaded_at(client, meeting)
    client.force_login(second)
    his_form = _loaded_at(client, meeting)

    client.force_login(first)
    assert client.post(url, {"minutes": "Протокол: её текст.", "loaded_at": her_form}).status_code == 302

    client.force_login(second)
    refused = client.post(url, {"minutes": "Протокол: его текст.", "loaded_at": his_form})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Someone changed this record while you were editing it" in page
    assert "Протокол: его текст." in page
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Протокол: её текст."

    again = client.post(url, {"minutes": "Протокол: его текст.", "loaded_at": _taken_over(page)})
    assert again.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Протокол: его текст."


def _taken_over(page: str) -> str:
    return page.split('name="loaded_at" value="', 1)[1].split('"', 1)[0]


def test_the_same_minutes_sent_twice_are_saved_once_without_a_refusal(client, council, meeting):
    """A double tap on Save (or the page sent again): the second is answered as a save, not as a conflict."""
    secretary = CouncilSecretaryFactory(council=council).user
    client.force_login(secretary)
    loaded = _loaded_at(client, meeting)
    url = reverse("councils:minutes_save", args=[council.pk, meeting.pk])
    data = {"minutes": "Протокол заседания.", "loaded_at": loaded}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Протокол заседания."
    assert Meeting.history.filter(id=meeting.pk, minutes="Протокол заседания.").count() == 1


def test_minutes_from_an_older_tab_of_the_same_secretary_say_so(client, council, meeting):
    """One secretary, two tabs: the refusal speaks of her other tab, not of "someone"."""
    secretary = CouncilSecretaryFactory(council=council).user
    client.force_login(secretary)
    old_tab = _loaded_at(client, meeting)
    url = reverse("councils:minutes_save", args=[council.pk, meeting.pk])
    client.post(url, {"minutes": "Первый вариант.", "loaded_at": _loaded_at(client, meeting)})
    refused = client.post(url, {"minutes": "Второй вариант.", "loaded_at": old_tab})
    assert refused.status_code == 400
    assert str(edits.MESSAGE_OWN).split(":")[0].replace("'", "&#x27;") in refused.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Первый вариант."
