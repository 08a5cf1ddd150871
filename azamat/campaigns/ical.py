"""The team's calendar feed (iCalendar, RFC 5545): each action of the plan as an all-day event, each method's
period too. Written by hand: a handful of lines, escaped and folded as the standard asks."""

import datetime

from django.conf import settings
from django.utils import timezone

from azamat.campaigns.models import Campaign


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _day(date: datetime.date) -> str:
    return date.strftime("%Y%m%d")


def feed(campaign: Campaign) -> str:
    host = settings.SITE_URL.split("//")[-1].rstrip("/") or "azamat"
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    url = settings.SITE_URL.rstrip("/") + campaign.get_absolute_url()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Azamat//Campaigns//RU",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(campaign.title)}",
    ]
    for action in campaign.actions.select_related("owner"):
        end = (action.ends_on or action.starts_on) + datetime.timedelta(days=1)
        description = action.notes
        if action.owner_id:
            description = f"{action.owner.get_short_name()}\n{description}".strip()
        lines += [
            "BEGIN:VEVENT",
            f"UID:campaign-{campaign.pk}-action-{action.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_day(action.starts_on)}",
            f"DTEND;VALUE=DATE:{_day(end)}",
            f"SUMMARY:{_escape(action.title)}",
            f"DESCRIPTION:{_escape(description)}",
            f"STATUS:{'CANCELLED' if action.status == 'cancelled' else 'CONFIRMED'}",
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
