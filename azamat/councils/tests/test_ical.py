"""The iCalendar feeds: text/calendar, CRLF lines folded at 75 octets, escaped text, times in UTC, cancelled
meetings marked, unpublished councils left out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from azamat.councils import ical
from azamat.councils.services.meetings import meeting_cancel
from azamat.testing.councils_factories import CouncilFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_fold_keeps_lines_within_75_octets_and_whole_characters():
    line = "SUMMARY:" + "Қоғамдық кеңестің отырысы, " * 10
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_escape():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_a_council_feed(client):
    council = CouncilFactory(name_en="Council of Openness; Trust, and Law")
    starts = datetime.datetime(2026, 12, 10, 15, 0, tzinfo=datetime.UTC)
    meeting = MeetingFactory(council=council, starts_at=starts, place="Астана, зал 5")
    cancelled = MeetingFactory(council=council, starts_at=timezone.now() + datetime.timedelta(days=3))
    meeting_cancel(meeting=cancelled, reason="Перенос", by=None, check_permission=False)
    CouncilFactory(published_at=None)
    response = client.get(reverse("councils:council_calendar", args=[council.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(raw.encode()) <= 75 for raw in body.split("\r\n"))
    lines = _unfold(body)
    assert "X-WR-CALNAME:Council of Openness\\; Trust\\, and Law" in lines
    assert f"UID:council-meeting-{meeting.pk}@testserver" in lines
    assert "DTSTART:20261210T150000Z" in lines and "DTEND:20261210T170000Z" in lines
    assert "LOCATION:Астана\\, зал 5" in lines
    assert f"URL:http://testserver{meeting.get_absolute_url()}" in lines
    assert lines.count("BEGIN:VEVENT") == 2 and "STATUS:CANCELLED" in lines and "STATUS:CONFIRMED" in lines


def test_the_feed_of_all_councils_leaves_unpublished_ones_out(client):
    shown = MeetingFactory(council=CouncilFactory())
    hidden = MeetingFactory(council=CouncilFactory(published_at=None))
    body = client.get(reverse("councils:calendar")).content.decode()
    assert f"council-meeting-{shown.pk}@" in body and f"council-meeting-{hidden.pk}@" not in body
    unpublished = hidden.council
    assert client.get(reverse("councils:council_calendar", args=[unpublished.pk])).status_code == 404
