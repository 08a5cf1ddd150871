"""azamat expert_reminders: email experts 3 and 1 days before their scoring deadline and the day after; daily."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from azamat.grants.services.expert_reminders import expert_reminders_send


class Command(BaseCommand):
    help = "Email experts whose scores are due in 3 or 1 days, or overdue since yesterday."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Act as if today were this date (YYYY-MM-DD), for tests and catch-up."
        )

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be a date like 2026-03-18, not {today!r}.") from exc
        else:
            day = timezone.localdate()
        count = expert_reminders_send(today=day)
        self.stdout.write(f"Reminders sent: {count}.")
