"""Meetings as an iCalendar feed (RFC 5545), written by hand: escaped text, lines folded at 75 octets, CRLF line
ends, times in UTC, a stable UID per meeting, and cancelled meetings sent as STATUS:CANCELLED."""

import datetime

from django.utils import timezone

PRODID = "-//Azamat//Public councils//KK"


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(meetings, *, name: str, host: str, url_for) -> str:
    """The calendar of `meetings`; `url_for(meeting)` gives each meeting's absolute address."""
    now = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Almaty",
    ]
    for meeting in meetings:
        ends = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
        summary = meeting.council.name
        description = meeting.council.body.name
        if meeting.online_url:
            description += "\n" + meeting.online_url
        lines += [
            "BEGIN:VEVENT",
            f"UID:council-meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_utc(meeting.starts_at)}",
            f"DTEND:{_utc(ends)}",
            f"SUMMARY:{escape(summary)}",
            f"DESCRIPTION:{escape(description)}",
            f"URL:{url_for(meeting)}",
            f"SEQUENCE:{1 if meeting.cancelled_at else 0}",
            f"STATUS:{'CANCELLED' if meeting.cancelled_at else 'CONFIRMED'}",
        ]
        if meeting.place:
            lines.append(f"LOCATION:{escape(meeting.place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
