"""Background tasks of the grants module: the daily report reminders."""

import datetime

from django.utils import timezone
from django_tasks import task

from azamat.grants.services.reports import reminders_send


@task()
def send_report_reminders(today: str | None = None) -> int:
    """Run daily (by `azamat grant_reminders` from cron, or enqueued by a scheduler); `today` is an ISO date."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return reminders_send(today=day)
